//! `cargo guest resume`: carry a durable service's invocations on after a crash or a stop,
//! or resume a paused one.

use anyhow::{Context as _, bail};
use guestkit_shim::journal::Status;

use crate::durable::{ServiceArgs, describe, register, settle, settle_tree, summarize};
use crate::served;

/// Run a service's unfinished durable invocations (after a crash or a stop) until each ends
/// or waits for an awakeable or promise; with --invocation, resume that paused invocation
#[derive(Debug, clap::Args)]
pub struct ResumeArgs {
    /// A paused invocation to resume: it runs again from its journal, with the attempts its
    /// retry policy allows, and its callers get its output
    #[arg(long, value_name = "ID")]
    pub invocation: Option<String>,
    #[command(flatten)]
    pub service: ServiceArgs,
}

pub fn run(args: ResumeArgs) -> anyhow::Result<()> {
    // A running `cargo guest serve` holds the database, and carries its invocations on.
    match &args.invocation {
        Some(id) if served::steer(&args.service.storage.state_dir, id, "resume")? => return Ok(()),
        None if served::running(&args.service.storage.state_dir).is_some() => {
            eprintln!(
                "a `cargo guest serve` runs on this state directory and carries its invocations on"
            );
            return Ok(());
        }
        _ => {}
    }
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (shim, component, service) = args.service.open()?;
        register(&shim, &component, &service)?;
        match &args.invocation {
            Some(id) => {
                let found = shim.invocations()?.into_iter().find(|i| &i.id == id);
                match found.map(|i| i.status) {
                    None => bail!("no invocation {id} in {}", args.service.storage.shown()),
                    Some(Status::Paused(_)) => shim.resume_invocation(id)?,
                    Some(ended) if ended.is_ended() => {
                        bail!(
                            "invocation {id} has ended, so there is nothing to resume: {}",
                            describe(&ended)
                        )
                    }
                    // Left unfinished by a command that stopped: it carries on as it is.
                    Some(_) => {}
                }
                summarize(&component, vec![settle_tree(&shim, id).await?])
            }
            None => summarize(&component, settle(&shim, &service).await?),
        }
    })
}

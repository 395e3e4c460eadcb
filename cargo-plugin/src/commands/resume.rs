//! `cargo guest resume`: carry a durable service's invocations on after a crash or a stop,
//! or resume a paused one.

use anyhow::Context as _;

use crate::durable::{ServiceArgs, register, settle, settle_tree, summarize};

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
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (shim, component, service) = args.service.open()?;
        register(&shim, &component, &service)?;
        match &args.invocation {
            Some(id) => {
                shim.resume_invocation(id)?;
                summarize(&component, vec![settle_tree(&shim, id).await?])
            }
            None => summarize(&component, settle(&shim, &service).await?),
        }
    })
}

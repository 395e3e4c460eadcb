//! `cargo guest kill`: end a durable invocation, and the invocations its calls started, at
//! once.

use anyhow::Context as _;

use crate::durable::{ServiceArgs, register, settle, summarize};
use crate::served;

/// End a durable invocation and the invocations its calls started at once, running none of
/// their code: each fails with a terminal error (409, killed) that its callers get
#[derive(Debug, clap::Args)]
pub struct KillArgs {
    /// The invocation's id, as `run --durable` and `invocations` print it
    #[arg(long, value_name = "ID")]
    pub invocation: String,
    #[command(flatten)]
    pub service: ServiceArgs,
}

pub fn run(args: KillArgs) -> anyhow::Result<()> {
    // A running `cargo guest serve` holds the database: it does it.
    if served::steer(&args.service.storage.state_dir, &args.invocation, "kill")? {
        return Ok(());
    }
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (shim, component, service) = args.service.open()?;
        let id = &args.invocation;
        // Before the service resumes anything: no more of its code runs.
        if !shim.kill_invocation(id).await? {
            eprintln!("warning: invocation {id} had ended; nothing to kill");
        }
        eprintln!("{:>12} invocation {id}", "Killed");
        // Whoever waited for its key or its output moves on.
        register(&shim, &component, &service)?;
        let all = settle(&shim, &service).await?;
        summarize(
            &component,
            all.into_iter().filter(|i| &i.id == id).collect(),
        )
    })
}

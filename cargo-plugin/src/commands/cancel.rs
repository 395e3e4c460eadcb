//! `cargo guest cancel`: ask a durable invocation, and the invocations its calls started, to
//! cancel, then run them until they settle.

use anyhow::Context as _;

use crate::durable::{ServiceArgs, register, settle_tree, summarize};
use crate::served;

/// Cancel a durable invocation and the invocations its calls started: each sees it at its
/// next await or run, or before it starts, and ends with a terminal error (409) unless its
/// handler compensates
#[derive(Debug, clap::Args)]
pub struct CancelArgs {
    /// The invocation's id, as `run --durable` and `invocations` print it
    #[arg(long, value_name = "ID")]
    pub invocation: String,
    #[command(flatten)]
    pub service: ServiceArgs,
}

pub fn run(args: CancelArgs) -> anyhow::Result<()> {
    // A running `cargo guest serve` holds the database: it does it.
    if served::steer(&args.service.storage.state_dir, &args.invocation, "cancel")? {
        return Ok(());
    }
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (shim, component, service) = args.service.open()?;
        let id = &args.invocation;
        if !shim.cancel_invocation(id)? {
            eprintln!("warning: invocation {id} had ended; nothing to cancel");
        }
        register(&shim, &component, &service)?;
        summarize(&component, vec![settle_tree(&shim, id).await?])
    })
}

//! `cargo guest resume`: carry a durable service's invocations on after a crash or a stop.

use anyhow::Context as _;

use crate::durable::{ServiceArgs, register, settle, summarize};

/// Run a service's unfinished durable invocations (after a crash or a stop) until each ends
/// or waits for an awakeable or promise
#[derive(Debug, clap::Args)]
pub struct ResumeArgs {
    #[command(flatten)]
    pub service: ServiceArgs,
}

pub fn run(args: ResumeArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (shim, component, service) = args.service.open()?;
        register(&shim, &component, &service)?;
        summarize(&component, settle(&shim, &service).await?)
    })
}

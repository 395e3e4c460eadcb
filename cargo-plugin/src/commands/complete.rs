//! `cargo guest complete`: complete an awakeable, a promise or a signal of a durable
//! invocation, then run the service's invocations until they settle.

use anyhow::Context as _;

use crate::durable::{Completing, ServiceArgs, register, settle, summarize};
use crate::served;

/// Complete an awakeable, a promise or a signal of a durable invocation, then run the
/// service's invocations until they settle
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["awakeable", "promise", "signal"]))]
pub struct CompleteArgs {
    /// The awakeable's id, as the handler got it from `durable.awakeable`
    #[arg(long, value_name = "ID")]
    pub awakeable: Option<String>,
    /// The name of a promise of the service's object --key
    #[arg(long, value_name = "NAME")]
    pub promise: Option<String>,
    /// The object key the promise belongs to
    #[arg(long, value_name = "KEY", requires = "promise")]
    pub key: Option<String>,
    /// The name of a signal the --invocation waits for (`durable.signal`)
    #[arg(long, value_name = "NAME", requires = "invocation")]
    pub signal: Option<String>,
    /// The invocation the --signal is for
    #[arg(long, value_name = "ID", requires = "signal")]
    pub invocation: Option<String>,
    /// The value, as JSON (its text is what the handler gets)
    #[arg(long, value_name = "JSON", required_unless_present = "failure")]
    pub value: Option<String>,
    /// Complete it with a failure carrying this message instead
    #[arg(long, value_name = "MESSAGE", conflicts_with = "value")]
    pub failure: Option<String>,
    #[command(flatten)]
    pub service: ServiceArgs,
}

pub fn run(args: CompleteArgs) -> anyhow::Result<()> {
    if let Some(json) = &args.value {
        serde_json::from_str::<serde_json::Value>(json)
            .with_context(|| format!("--value is not JSON: {json}"))?;
    }
    let mut asked = Completing {
        awakeable: args.awakeable.clone(),
        promise: args.promise.clone(),
        service: None,
        key: args.key.clone(),
        signal: args.signal.clone(),
        invocation: args.invocation.clone(),
        value: args.value.clone(),
        failure: args.failure.clone(),
    };
    if asked.promise.is_some() {
        asked.service = Some(args.service.name()?);
    }
    // A running `cargo guest serve` holds the database: it completes it, and carries the
    // invocations on itself.
    if let Some(server) = served::running(&args.service.storage.state_dir) {
        eprint!(
            "{}",
            server.post("/guestkit/complete", &serde_json::to_value(&asked)?)?
        );
        return Ok(());
    }
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (shim, component, service) = args.service.open()?;
        if !asked.complete(&shim)? {
            eprintln!("warning: it was already completed; the first completion stays");
        }
        register(&shim, &component, &service)?;
        summarize(&component, settle(&shim, &service).await?)
    })
}

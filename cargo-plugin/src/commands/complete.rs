//! `cargo guest complete`: complete an awakeable, a promise or a signal of a durable
//! invocation, then run the service's invocations until they settle.

use anyhow::{Context as _, bail};
use guestkit_shim::journal::Failure;

use crate::durable::{ServiceArgs, register, settle, summarize};

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
    let value = match (&args.value, &args.failure) {
        (Some(json), _) => {
            serde_json::from_str::<serde_json::Value>(json)
                .with_context(|| format!("--value is not JSON: {json}"))?;
            Ok(json.clone().into_bytes())
        }
        (None, Some(message)) => Err(Failure {
            code: 500,
            message: message.clone(),
        }),
        (None, None) => bail!("give --value or --failure"),
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (shim, component, service) = args.service.open()?;
        let fresh = match (&args.awakeable, &args.promise, &args.signal) {
            (Some(id), ..) => shim.complete_awakeable(id, value)?,
            (None, Some(name), _) => {
                shim.complete_promise(&service, args.key.as_deref(), name, value)?
            }
            (None, None, Some(name)) => {
                let invocation = args.invocation.as_deref().unwrap_or_default();
                shim.complete_signal(invocation, name, value)?
            }
            (None, None, None) => bail!("give --awakeable, --promise or --signal"),
        };
        if !fresh {
            eprintln!("warning: it was already completed; the first completion stays");
        }
        register(&shim, &component, &service)?;
        summarize(&component, settle(&shim, &service).await?)
    })
}

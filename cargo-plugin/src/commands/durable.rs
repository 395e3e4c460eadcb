//! Durable invocations from the command line: `cargo guest run --durable` starts one,
//! `cargo guest invocations` lists them and their journals, `cargo guest complete` completes
//! an awakeable, a promise or a signal, `cargo guest resume` carries on after a crash. Each
//! command is a shim process on the package's state database:
//! it runs the service's unfinished invocations until each ends or waits for something only
//! the outside can give, then exits; the next command picks them up from the database.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use guestkit_codegen::embed;
use guestkit_shim::Shim;
use guestkit_shim::journal::{Failure, Invocation, Request, Status};

use crate::commands::run;
use crate::contract::RouteTypes;

/// What `run --durable` starts.
pub struct Start<'a> {
    pub service: &'a str,
    pub handler: &'a str,
    pub key: Option<&'a str>,
    pub idempotency_key: Option<&'a str>,
    /// JSON: the proto3 JSON mapping of the handler's request when the component's contract
    /// has the route, else passed to the handler as its bytes.
    pub body: &'a str,
}

/// Registers the component at `path` as a durable service, starts an invocation and runs the
/// service's invocations until they settle; prints the new invocation's output.
pub async fn start(shim: &Shim, path: &Path, start: Start<'_>) -> anyhow::Result<()> {
    let types = route_types(path, start.handler)?;
    let input = match &types {
        Some(types) => types.encode_request(start.body)?,
        None => start.body.as_bytes().to_vec(),
    };
    register(shim, path, start.service)?;
    let id = shim.submit_invocation(Request {
        service: start.service.to_owned(),
        handler: start.handler.to_owned(),
        key: start.key.map(str::to_owned),
        input,
        idempotency_key: start.idempotency_key.map(str::to_owned),
        start_at_ms: None,
    })?;
    eprintln!("{:>12} invocation {id}", "Started");
    let settled = settle(shim, start.service).await?;
    let Some(ours) = settled.iter().find(|i| i.id == id) else {
        bail!("invocation {id} is missing from the state database");
    };
    report(ours, types.as_ref())
}

/// Which durable service a command works on, and where its database is.
#[derive(Debug, clap::Args)]
pub struct ServiceArgs {
    /// A built component (.wasm); without it, the selected package is built first
    #[arg(value_name = "PATH", conflicts_with = "package")]
    pub path: Option<PathBuf>,
    /// Guest package that is the service
    #[arg(short, long, value_name = "PKG")]
    pub package: Option<String>,
    /// Path to the Cargo.toml of the package or workspace
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// Directory of the shim's state database
    #[arg(long, value_name = "DIR", default_value = ".guestkit")]
    pub state_dir: PathBuf,
    /// The service's name (default: the component's name)
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
}

impl ServiceArgs {
    /// Builds (when needed) and opens the service: a shim on its database, the component's
    /// path and the service's name, with its unfinished invocations resumed.
    fn open(&self) -> anyhow::Result<(Shim, PathBuf, String)> {
        let path = run::component(
            self.path.as_ref(),
            self.package.as_ref(),
            false,
            self.manifest_path.as_ref(),
        )?;
        let service = self
            .service
            .clone()
            .unwrap_or_else(|| run::default_name(&path));
        let shim = run::shim(&self.state_dir, &path)?;
        Ok((shim, path, service))
    }
}

/// Run a service's unfinished durable invocations (after a crash or a stop) until each ends
/// or waits for an awakeable or promise
#[derive(Debug, clap::Args)]
pub struct ResumeArgs {
    #[command(flatten)]
    pub service: ServiceArgs,
}

pub fn resume(args: ResumeArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (shim, path, service) = args.service.open()?;
        register(&shim, &path, &service)?;
        summarize(&path, settle(&shim, &service).await?)
    })
}

/// Says where each invocation is, and prints the output of those that succeeded.
fn summarize(path: &Path, invocations: Vec<Invocation>) -> anyhow::Result<()> {
    for invocation in invocations {
        eprintln!("{}: {}", invocation.id, describe(&invocation.status));
        if matches!(invocation.status, Status::Succeeded(_)) {
            report(
                &invocation,
                route_types(path, &invocation.handler)?.as_ref(),
            )?;
        }
    }
    Ok(())
}

/// List durable invocations, or print one's journal
#[derive(Debug, clap::Args)]
pub struct InvocationsArgs {
    /// An invocation id: print its journal, one JSON entry per line
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// Directory of the shim's state database
    #[arg(long, value_name = "DIR", default_value = ".guestkit")]
    pub state_dir: PathBuf,
}

pub fn invocations(args: InvocationsArgs) -> anyhow::Result<()> {
    let shim = Shim::builder()
        .state_dir(&args.state_dir)
        .on_log(|_| {})
        .build()?;
    if let Some(id) = &args.id {
        if !shim.invocations()?.iter().any(|i| &i.id == id) {
            bail!("no invocation {id} in {}", args.state_dir.display());
        }
        for entry in shim.journal(id)? {
            println!("{}", serde_json::to_string(&entry)?);
        }
        return Ok(());
    }
    for i in shim.invocations()? {
        let key = i.key.as_deref().unwrap_or("-");
        println!(
            "{}  {}/{}  key {key}  attempts {}  {}",
            i.id,
            i.service,
            i.handler,
            i.attempts,
            describe(&i.status)
        );
    }
    Ok(())
}

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

pub fn complete(args: CompleteArgs) -> anyhow::Result<()> {
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
        let (shim, path, service) = args.service.open()?;
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
        register(&shim, &path, &service)?;
        summarize(&path, settle(&shim, &service).await?)
    })
}

/// The typed request and reply of `route`, when the component's contract declares it.
fn route_types(path: &Path, route: &str) -> anyhow::Result<Option<RouteTypes>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let Ok(Some(contract)) = embed::read(&bytes) else {
        return Ok(None);
    };
    Ok(RouteTypes::find(&contract, route).ok())
}

/// Loads the component at `path` as durable service `service`, resuming its invocations.
fn register(shim: &Shim, path: &Path, service: &str) -> anyhow::Result<()> {
    let module = shim
        .load_file(path)
        .with_context(|| path.display().to_string())?;
    shim.register_service(service, &module)?;
    Ok(())
}

/// Runs `service`'s unfinished invocations until each ends or waits only for the outside.
async fn settle(shim: &Shim, service: &str) -> anyhow::Result<Vec<Invocation>> {
    // An invocation may start others (durable calls) and wait for them, and wake when they
    // end: go round until a round finds the same invocations where the last one left them.
    let mut seen: Vec<(String, Status)> = Vec::new();
    loop {
        let open: Vec<String> = shim
            .invocations()?
            .into_iter()
            .filter(|i| i.service == service && !i.status.is_final())
            .map(|i| i.id)
            .collect();
        let mut now = Vec::with_capacity(open.len());
        for id in open {
            let status = shim.invocation_settled(&id).await?;
            now.push((id, status));
        }
        if now == seen {
            break;
        }
        seen = now;
    }
    let all = shim.invocations()?;
    Ok(all.into_iter().filter(|i| i.service == service).collect())
}

/// Prints a succeeded invocation's output on standard output; fails for a failed or paused
/// one; says what a suspended one waits for.
fn report(invocation: &Invocation, types: Option<&RouteTypes>) -> anyhow::Result<()> {
    match &invocation.status {
        Status::Succeeded(output) => {
            match types {
                Some(types) => println!("{}", types.decode_reply(output)?),
                None => println!("{}", String::from_utf8_lossy(output)),
            }
            Ok(())
        }
        Status::Suspended { .. } => {
            eprintln!("{}: {}", invocation.id, describe(&invocation.status));
            Ok(())
        }
        other => bail!("invocation {}: {}", invocation.id, describe(other)),
    }
}

/// What a suspended invocation waits for, from the store key it waits on.
fn waiting_for(key: &str) -> String {
    let Some((kind, what)) = key.split_once(':') else {
        return key.to_owned();
    };
    match kind {
        "awakeable" => {
            format!("awakeable {what} (`cargo guest complete --awakeable {what} --value JSON`)")
        }
        "signal" => {
            let (invocation, name) = what.split_once('/').unwrap_or((what, ""));
            format!(
                "signal {name} (`cargo guest complete --signal {name} --invocation {invocation} \
                 --value JSON`)"
            )
        }
        "output" => format!("the output of invocation {what}"),
        _ => format!("{kind} {what}"),
    }
}

fn describe(status: &Status) -> String {
    match status {
        Status::Running => "running".into(),
        Status::Scheduled { start_at_ms } => {
            format!("scheduled to start at {start_at_ms} ms since the Unix epoch")
        }
        Status::Succeeded(output) => format!("succeeded ({} bytes of output)", output.len()),
        Status::Failed(f) => format!("failed: {f}"),
        Status::Paused(f) => format!("paused: {f}"),
        Status::Suspended {
            wake_at_ms,
            waiting_on,
        } => {
            let mut what: Vec<String> = waiting_on
                .iter()
                .filter(|w| !w.starts_with("cancel:"))
                .map(|w| waiting_for(w))
                .collect();
            if let Some(at) = wake_at_ms {
                what.push(format!("a timer due at {at} ms since the Unix epoch"));
            }
            format!("suspended, waiting for {}", what.join(" or "))
        }
    }
}

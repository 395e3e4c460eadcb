//! `cargo guest run`: spawn a guest in the shim, deliver one request given as JSON, and print
//! the reply as JSON; or, without `--route`, let the guest run until it ends. Messages actors
//! send to the host are printed to standard output, their log lines to standard error.
//!
//! What `run` reports matches what the handler committed. When `--timeout-ms` passes before
//! the reply, the actor is asked to stop and its handler may finish what it began (up to
//! [`GRACE`]): a reply that comes then is printed, since its state is committed, and the run
//! exits with [`Unsettled::Committed`]'s status; a handler that does not end is killed, and
//! the run exits with [`Unsettled::Unknown`]'s. A reply that does not decode is committed too.

use std::pin::pin;
use std::time::Duration;

use anyhow::{Context as _, bail};
use guestkit_shim::journal::{AttemptLimit, DEFAULT_RETENTION};
use guestkit_shim::{
    Address, ExitReason, Module, Payload, Response, SendError, Shim, SpawnOptions,
};

use crate::contract::RouteTypes;
use crate::durable;
use crate::guest::{Component, GuestArgs};
use crate::shim;

/// Run a guest in the shim: spawn it, send one request, print the reply as JSON (without
/// --route: run it until it ends)
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub guest: GuestArgs,
    /// Build with the release profile
    #[arg(long)]
    pub release: bool,
    /// Route of the request: `package.Service/Method`. Without it, the guest runs until it ends
    #[arg(long, value_name = "ROUTE")]
    pub route: Option<String>,
    /// Call a function the component exports from its own WIT world instead:
    /// `INTERFACE.FUNCTION` (the interface by its short name, `directory`, or its full one,
    /// `acme:greeter/directory@1.0.0`), or `FUNCTION` for one of the world itself. Prints the
    /// result as WAVE text
    #[arg(long, value_name = "EXPORT", conflicts_with_all = ["route", "durable"])]
    pub call: Option<String>,
    /// The --call function's arguments as WAVE values separated by commas: `"ada", 3`,
    /// `[1, 2]`, `{name: "ada"}`, `some(1)`, `ok("x")`
    #[arg(long, value_name = "WAVE", default_value = "", requires = "call")]
    pub args: String,
    /// Give the actor a kernel capability, e.g. `spawn`, `network`, `{"host-call":"b/ns"}`
    #[arg(long, value_name = "PARAMS")]
    pub grant: Vec<String>,
    /// Request body in the proto3 JSON mapping; `@FILE` reads it from FILE, `-` (or `@-`)
    /// from standard input, as curl does
    #[arg(long, value_name = "JSON", default_value = "{}")]
    pub body: String,
    #[command(flatten)]
    pub storage: crate::shim::Storage,
    /// Process name of the actor; its state is kept under it (default: the component's name)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// How long to wait for the reply (or, without --route, for the guest to end), in ms. When
    /// it passes, the handler may finish what it began: a reply that comes then is printed,
    /// and the exit status is 3 (the handler committed, though late or with a reply that does
    /// not decode) or 4 (it did not end and was killed: whether it committed is unknown)
    #[arg(long, value_name = "MS", default_value_t = 30_000)]
    pub timeout_ms: u64,
    /// Start a durable invocation of the --route handler instead: journaled, replayed after a
    /// retry or a restart, run until it ends or waits for an awakeable or promise
    #[arg(long, requires = "route")]
    pub durable: bool,
    /// The durable invocation's object key: its state and promises belong to it
    #[arg(long, value_name = "KEY", requires = "durable")]
    pub key: Option<String>,
    /// The durable invocation's idempotency key: a run with the same service, key, route and
    /// idempotency key starts nothing new and reports the first one's outcome
    #[arg(long, value_name = "KEY", requires = "durable")]
    pub idempotency_key: Option<String>,
    /// Stop the durable invocation after this many failed attempts in a row (default: retry
    /// for ever, and pause after 10 attempts that fail for a bug in the guest)
    #[arg(long, value_name = "N", requires = "durable", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_attempts: Option<u32>,
    /// What a durable invocation that used up --max-attempts does: pause (it stops where it
    /// is, journal kept) or fail (its callers get the last error)
    #[arg(long, value_enum, value_name = "WHAT", requires = "max_attempts", default_value_t = OnMaxAttempts::Pause)]
    pub on_max_attempts: OnMaxAttempts,
    /// How long an ended durable invocation (its journal, output and idempotency key, a
    /// workflow's promises and state) is kept before it is purged
    #[arg(long, value_name = "HOURS", default_value_t = 24)]
    pub retention_hours: u64,
}

/// What a durable invocation that used up its attempts does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnMaxAttempts {
    Pause,
    Fail,
}

pub fn run(args: RunArgs) -> anyhow::Result<()> {
    let component = Component::read(&args.guest.component(args.release)?)?;
    let path = &component.path;
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| component.default_name());
    let body = read_body(&args.body)?;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    if let Some(export) = &args.call {
        let result = runtime.block_on(call_export(&args, &component, name, export))?;
        println!("{result}");
        return Ok(());
    }
    let Some(route) = &args.route else {
        return runtime.block_on(run_to_end(&args, &component, name));
    };
    if args.durable {
        let retention = Duration::from_secs(args.retention_hours.saturating_mul(3600));
        let shim = shim::open(&args.storage, path, retention)?;
        let start = durable::Start {
            service: &name,
            handler: route,
            key: args.key.as_deref(),
            idempotency_key: args.idempotency_key.as_deref(),
            body: &body,
            limit: args.max_attempts.map(|max_attempts| AttemptLimit {
                max_attempts,
                pause: args.on_max_attempts == OnMaxAttempts::Pause,
            }),
        };
        return runtime.block_on(durable::start(&shim, &component, start));
    }
    if !matches!(component.contract, Ok(Some(_))) {
        // Without a readable contract, first say what else is wrong with the file, if
        // anything; a component that has one is checked once, when the shim loads it.
        guestkit_shim::conformance::check(&component.bytes)
            .with_context(|| path.display().to_string())?;
    }
    let contract = component
        .contract
        .as_ref()
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        .as_ref()
        .with_context(|| {
            format!(
                "{} carries no guestkit contract, so its messages cannot be encoded from JSON; \
                 build it with `cargo guest build`",
                path.display()
            )
        })?;
    let types = RouteTypes::find(contract, route).with_context(|| path.display().to_string())?;
    let body = types.encode_request(&body)?;
    let deadline = Duration::from_millis(args.timeout_ms);
    let answer = runtime.block_on(async {
        let (shim, module, opts) = prepare(&args, &component, name)?;
        let actor = shim.spawn(&module, opts).await?;
        anyhow::Ok(call(&shim, &actor, Payload::new(route, body), deadline).await)
    })?;
    let late = matches!(answer, Answer::Late(_));
    let response = match answer {
        Answer::OnTime(Ok(response)) | Answer::Late(Ok(response)) => response,
        Answer::OnTime(Err(failed)) | Answer::Late(Err(failed)) => {
            bail!("the request to {route} failed: {}", failed.error.describe())
        }
        Answer::Unknown => {
            return Err(Unsettled::Unknown(format!(
                "the request to {route} got no reply within --timeout-ms {} and its handler did \
                 not end within {GRACE:?} more, so it was killed: whether it committed its state \
                 is unknown",
                args.timeout_ms
            ))
            .into());
        }
    };
    let reply = types.decode_reply(&response.payload.body).map_err(|e| {
        Unsettled::Committed(format!(
            "the handler of {route} ran and committed its state, but its reply does not \
             decode: {e:#}"
        ))
    })?;
    println!("{reply}");
    if late {
        return Err(Unsettled::Committed(format!(
            "the reply above came after --timeout-ms {}: the handler of {route} ran to its end \
             and committed its state",
            args.timeout_ms
        ))
        .into());
    }
    Ok(())
}

/// The most `--body @FILE` or `--body -` reads: past it, no message fits the shim anyway.
const MAX_BODY_BYTES: u64 = 64 << 20;

/// The request body `--body` gives: the text itself, or what `@FILE` or `-` (`@-`) reads.
fn read_body(body: &str) -> anyhow::Result<String> {
    use std::io::Read as _;
    let (from, mut reader): (String, Box<dyn std::io::Read>) = match body {
        "-" | "@-" => ("standard input".into(), Box::new(std::io::stdin())),
        _ => match body.strip_prefix('@') {
            Some(path) => {
                let file = std::fs::File::open(path)
                    .with_context(|| format!("--body @{path}: cannot read it"))?;
                if !file.metadata().is_ok_and(|m| m.is_file()) {
                    bail!("--body @{path}: not a regular file");
                }
                (path.to_owned(), Box::new(file))
            }
            None => return Ok(body.to_owned()),
        },
    };
    let mut text = String::new();
    (&mut reader)
        .take(MAX_BODY_BYTES + 1)
        .read_to_string(&mut text)
        .with_context(|| format!("--body: cannot read {from} as UTF-8 text"))?;
    if text.len() as u64 > MAX_BODY_BYTES {
        bail!(
            "--body: {from} holds more than {} MiB",
            MAX_BODY_BYTES >> 20
        );
    }
    Ok(text)
}

/// How long a handler may go on once `--timeout-ms` passed, to finish what it began.
pub const GRACE: Duration = Duration::from_secs(5);

/// A request whose outcome `run` could not report as asked: an error with an exit status of
/// its own.
#[derive(Debug)]
pub enum Unsettled {
    /// The handler ended and committed, but its reply came late or does not decode.
    Committed(String),
    /// The handler did not end and was killed: it may or may not have committed.
    Unknown(String),
}

impl std::fmt::Display for Unsettled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unsettled::Committed(said) | Unsettled::Unknown(said) => f.write_str(said),
        }
    }
}

impl std::error::Error for Unsettled {}

impl Unsettled {
    /// The exit status `cargo guest run` ends with.
    pub fn exit_status(&self) -> u8 {
        match self {
            Unsettled::Committed(_) => 3,
            Unsettled::Unknown(_) => 4,
        }
    }
}

/// How a request ended.
enum Answer {
    OnTime(Result<Response, SendError>),
    /// After the deadline, once the actor was asked to stop.
    Late(Result<Response, SendError>),
    /// The handler did not end in the grace after the deadline, and the actor was killed.
    Unknown,
}

/// Sends `payload` to `actor` and waits for the reply until `deadline` passes; then asks the
/// actor to stop, which it does once the handler ended, and waits [`GRACE`] more for that.
async fn call(shim: &Shim, actor: &Address, payload: Payload, deadline: Duration) -> Answer {
    let mut reply = pin!(shim.call(actor, payload, deadline.saturating_add(GRACE * 2)));
    // The first poll sends the request, so that the stop below comes after it.
    let sent = std::future::poll_fn(|cx| std::task::Poll::Ready(reply.as_mut().poll(cx))).await;
    if let std::task::Poll::Ready(refused) = sent {
        return Answer::OnTime(refused);
    }
    // No reply comes in no time: a deadline of zero has passed once the request is sent.
    if !deadline.is_zero()
        && let Ok(on_time) = shim.clock().timeout(deadline, &mut reply).await
    {
        return Answer::OnTime(on_time);
    }
    let ended = shim.stopped(actor);
    shim.stop(actor);
    match shim.clock().timeout(GRACE, &mut reply).await {
        Ok(late) => Answer::Late(late),
        Err(_) => {
            shim.kill(actor);
            ended.await;
            Answer::Unknown
        }
    }
}

/// A shim whose drive is the component's directory (so guests can load their siblings), with
/// `component` loaded and spawn options granting the kernel capabilities.
fn prepare(
    args: &RunArgs,
    component: &Component,
    name: String,
) -> anyhow::Result<(Shim, Module, SpawnOptions)> {
    let shim = shim::open(&args.storage, &component.path, DEFAULT_RETENTION)?;
    let module = component.load(&shim)?;
    let mut opts = SpawnOptions::new(name);
    for params in &args.grant {
        let granted = shim
            .grant(params)
            .map_err(|e| anyhow::anyhow!("--grant {e}"))?;
        opts = opts.capability(granted);
    }
    Ok((shim, module, opts))
}

/// Spawns the actor and calls `export` (`[INTERFACE.]FUNCTION`) of it with `--args`: its
/// result as WAVE text.
async fn call_export(
    args: &RunArgs,
    component: &Component,
    name: String,
    export: &str,
) -> anyhow::Result<String> {
    // A full interface name has dots in its version; a function's name has none.
    let (interface, function) = match export.rsplit_once(['.', '#']) {
        Some((interface, function)) => (Some(interface), function),
        None => (None, export),
    };
    let (shim, module, opts) = prepare(args, component, name)?;
    let function = (shim.exported_function(&module, interface, function))
        .with_context(|| format!("--call {export}"))?;
    let actor = shim.spawn(&module, opts).await?;
    let timeout = Duration::from_millis(args.timeout_ms);
    let result = shim
        .invoke_wave(&actor, &function, &args.args, timeout)
        .await;
    result.with_context(|| format!("--call {export}"))
}

/// Runs the guest until its actor ends; fails unless it ended normally.
async fn run_to_end(args: &RunArgs, component: &Component, name: String) -> anyhow::Result<()> {
    let (shim, module, opts) = prepare(args, component, name.clone())?;
    let timeout = Duration::from_millis(args.timeout_ms);
    let Ok(reason) = shim.clock().timeout(timeout, shim.run(&module, opts)).await else {
        bail!("{name} was still running after {timeout:?} (--timeout-ms)");
    };
    match reason? {
        ExitReason::Normal | ExitReason::NoProcess => Ok(()),
        ExitReason::Failure => bail!("{name} failed; its log above says why"),
        ExitReason::Killed => bail!("{name} was killed; its log above says why"),
    }
}

//! `cargo guest test-host` (hidden): the shim a `guestkit-test` harness drives from a guest
//! crate's tests, so that the test build never compiles wasmtime. It runs the app ingress of
//! `cargo guest serve` (Connect, durable calls, WIT exports, the control endpoints) on a
//! manual clock, plus endpoints for tests only, under `/guestkit/test/`, which `serve` never
//! has:
//!
//! - `POST spawn` `{"name", "spec": {package, grants, durable, args, ...}, "state": {KEY: JSON}}`
//!   starts an actor (or registers a durable service) from one of the components given on the
//!   command line, with its state seeded first; answers `{"address"}`.
//! - `POST message` `{"to", "tag", "route", "body": [bytes]}` sends a message from the host
//!   to the actor spawned as `to`, as `Shim::send` does.
//! - `POST invoke` `{"to", "interface", "function", "args": [Val], "timeout_ms"}` calls a
//!   function the actor exports from its own WIT world (`Shim::invoke`), answering
//!   `{"results": [Val]}`: the WIT stubs of guestkit-test.
//! - `POST advance` `{"ms"}` moves the clock on, firing the timers due on the way, and answers
//!   `{"elapsed_ms"}` once the node is idle again; `POST settle` only waits for idle.
//! - `GET logs` and `GET messages`: every log line and every message to the host so far.
//! - `POST state` `{"actor"}` or `{"service", "key"}`: the committed state, key by key;
//!   `POST write-state` with `"writes": {KEY: JSON or null}` commits changes to it.
//! - `GET invocations`, `GET journal/ID`: the durable invocations and one's journal, as JSON.
//! - `POST crash` `{"after_entries"}`, `{"at_run"}` or `{"seed", "one_in"}` arms a crash:
//!   the process kills itself there (SIGKILL), and the harness starts another on the state.
//!
//! It prints `guestkit test host VERSION listening on URL` once it serves, and exits when its
//! standard input closes, so it never outlives the test that started it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context as _, bail};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use guestkit_shim::journal::{CrashPoint, DEFAULT_RETENTION, Invocation};
use guestkit_shim::storage::StateChanges;
use guestkit_shim::value::Val;
use guestkit_shim::{ActorError, Address, Clock, Limits, ManualClock, Payload, ProcessId, Shim};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::ActorSpec;
use crate::guest::Component;
use crate::ingress::{Ingress, Table};
use crate::running::RunningApp;

/// Run a shim for guestkit-test on a manual clock (not for direct use)
#[derive(Debug, clap::Args)]
pub struct TestHostArgs {
    /// A guest's component, as PACKAGE=PATH; repeatable
    #[arg(long = "guest", value_name = "PACKAGE=PATH", value_parser = package_path)]
    pub guests: Vec<(String, PathBuf)>,
    /// Directory of the state database
    #[arg(long, value_name = "DIR")]
    pub state_dir: PathBuf,
    /// The manual clock's wall-clock time at start, in milliseconds since the Unix epoch
    #[arg(long, value_name = "MS")]
    pub clock_ms: u64,
}

fn package_path(text: &str) -> Result<(String, PathBuf), String> {
    let (package, path) =
        (text.split_once('=')).ok_or_else(|| format!("`{text}` is not PACKAGE=PATH"))?;
    Ok((package.to_owned(), PathBuf::from(path)))
}

/// What the test endpoints work on.
struct Host {
    ingress: Arc<Ingress>,
    app: tokio::sync::Mutex<RunningApp>,
    clock: ManualClock,
    guests: BTreeMap<String, Arc<Component>>,
    seen: Arc<Seen>,
}

/// What the actors said: their log lines and their messages to the host, in order.
#[derive(Default)]
struct Seen {
    logs: Mutex<Vec<Value>>,
    messages: Mutex<Vec<Value>>,
}

pub fn run(args: TestHostArgs) -> anyhow::Result<()> {
    let mut guests = BTreeMap::new();
    for (package, path) in &args.guests {
        let component = Component::read(path)?;
        guests.insert(package.clone(), Arc::new(component));
    }
    let Some(first) = args.guests.first() else {
        bail!("give the test host at least one --guest PACKAGE=PATH");
    };
    let drive = first.1.parent().map(PathBuf::from).unwrap_or_default();
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let clock = Clock::manual_at(Duration::from_millis(args.clock_ms));
        let seen = Arc::new(Seen::default());
        let (logs, messages) = (Arc::clone(&seen), Arc::clone(&seen));
        let shim = Shim::builder()
            .state_dir(&args.state_dir)
            .retention(DEFAULT_RETENTION)
            .drive(drive)
            .clock(clock.clock())
            .on_log(move |line| {
                let line = json!({
                    "actor": line.actor.process.process_name,
                    "level": format!("{:?}", line.level).to_lowercase(),
                    "message": line.message,
                });
                logs.logs.lock().unwrap().push(line);
            })
            .on_message(move |m| {
                let message = json!({
                    "from": m.source.process.process_name,
                    "tag": m.payload.tag,
                    "route": m.payload.route,
                    "body": m.payload.body,
                });
                messages.messages.lock().unwrap().push(message);
                None
            })
            .build()?;
        let max_body = Limits::default().max_message_bytes;
        let ingress = Arc::new(Ingress::new(shim.clone(), Table::default(), max_body));
        let host = Arc::new(Host {
            ingress: Arc::clone(&ingress),
            app: tokio::sync::Mutex::new(RunningApp::new(shim)),
            clock,
            guests,
            seen,
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let router = routes(host).merge(ingress.router());
        println!(
            "guestkit test host {} listening on http://{}",
            env!("CARGO_PKG_VERSION"),
            listener.local_addr()?
        );
        let until_stdin_closes = async {
            let _ = tokio::task::spawn_blocking(|| {
                std::io::copy(&mut std::io::stdin(), &mut std::io::sink())
            })
            .await;
        };
        axum::serve(listener, router)
            .with_graceful_shutdown(until_stdin_closes)
            .await
            .context("the HTTP server failed")
    })
}

/// The endpoints for tests only.
fn routes(host: Arc<Host>) -> Router {
    Router::new()
        .route("/guestkit/test/spawn", post(spawn))
        .route("/guestkit/test/message", post(message))
        .route("/guestkit/test/invoke", post(invoke))
        .route("/guestkit/test/advance", post(advance))
        .route("/guestkit/test/settle", post(settle))
        .route("/guestkit/test/logs", get(logs))
        .route("/guestkit/test/messages", get(messages))
        .route("/guestkit/test/state", post(state))
        .route("/guestkit/test/write-state", post(write_state))
        .route("/guestkit/test/invocations", get(invocations))
        .route("/guestkit/test/journal/{id}", get(journal))
        .route("/guestkit/test/crash", post(crash))
        .with_state(host)
}

/// A refusal, which the harness shows the test as is.
struct Refusal(StatusCode, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, self.1).into_response()
    }
}

fn refused(status: StatusCode, message: impl std::fmt::Display) -> Refusal {
    Refusal(status, message.to_string())
}

/// What the state store or the shim failed at.
fn internal(e: impl std::fmt::Display) -> Refusal {
    refused(StatusCode::INTERNAL_SERVER_ERROR, e)
}

type Answer = Result<Response, Refusal>;

fn answer(value: Value) -> Answer {
    let json = [(axum::http::header::CONTENT_TYPE, "application/json")];
    Ok((json, value.to_string()).into_response())
}

/// `body` as a `T`, or the refusal saying why it is not one.
fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, Refusal> {
    serde_json::from_slice(body).map_err(|e| refused(StatusCode::BAD_REQUEST, e))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spawn {
    name: String,
    spec: ActorSpec,
    #[serde(default)]
    state: BTreeMap<String, Value>,
}

async fn spawn(State(host): State<Arc<Host>>, body: Bytes) -> Answer {
    let asked: Spawn = parse(&body)?;
    let Some(version) = host.guests.get(&asked.spec.package) else {
        let known: Vec<_> = host.guests.keys().map(String::as_str).collect();
        let said = format!(
            "no guest package `{}` was built for this test; it has: {}",
            asked.spec.package,
            known.join(", ")
        );
        return Err(refused(StatusCode::NOT_FOUND, said));
    };
    let owner = match asked.spec.durable {
        true => Invocation::owner(&asked.name, None),
        false => actor_owner(&asked.name),
    };
    if !asked.state.is_empty() {
        let writes = (asked.state.iter())
            .map(|(key, value)| (key.clone(), Some(value.to_string().into_bytes())))
            .collect();
        let changes = StateChanges {
            writes,
            ..StateChanges::default()
        };
        (host.ingress.shim().write_state(&owner, &changes)).map_err(internal)?;
    }
    let unprocessable =
        |e: anyhow::Error| refused(StatusCode::UNPROCESSABLE_ENTITY, format!("{e:#}"));
    let mut app = host.app.lock().await;
    let address =
        (app.add(&asked.name, &asked.spec, Arc::clone(version)).await).map_err(unprocessable)?;
    host.ingress.replace(app.table().map_err(unprocessable)?);
    answer(json!({ "address": address.map(|a| a.to_string()) }))
}

/// Whose state an actor named `name` has: its process, as spawned by the test host (its
/// package named as itself, on the node `local`).
fn actor_owner(name: &str) -> String {
    ProcessId {
        process_name: name.to_owned(),
        package_name: name.to_owned(),
        publisher_node: "local".to_owned(),
    }
    .to_string()
}

/// The address of the actor spawned as `name`.
async fn spawned(shim: &Shim, name: &str) -> Result<Address, Refusal> {
    let said = || format!("no actor was spawned as `{name}`");
    (shim.lookup(name).await.map_err(internal)?)
        .ok_or_else(|| refused(StatusCode::NOT_FOUND, said()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Message {
    to: String,
    tag: Option<i64>,
    route: Option<String>,
    #[serde(default)]
    body: Vec<u8>,
}

async fn message(State(host): State<Arc<Host>>, body: Bytes) -> Answer {
    let asked: Message = parse(&body)?;
    let shim = host.ingress.shim();
    let to = spawned(shim, &asked.to).await?;
    let mut payload = Payload::new("", asked.body);
    (payload.tag, payload.route) = (asked.tag, asked.route);
    let refusal = |e: ActorError| refused(StatusCode::UNPROCESSABLE_ENTITY, e.describe());
    shim.send(&to, payload).map_err(refusal)?;
    answer(json!({}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Invoke {
    to: String,
    interface: Option<String>,
    function: String,
    args: Vec<Val>,
    timeout_ms: u64,
}

async fn invoke(State(host): State<Arc<Host>>, body: Bytes) -> Answer {
    let asked: Invoke = parse(&body)?;
    let shim = host.ingress.shim();
    let to = spawned(shim, &asked.to).await?;
    let timeout = Duration::from_millis(asked.timeout_ms);
    let called = shim.invoke(
        &to,
        asked.interface.as_deref(),
        &asked.function,
        asked.args,
        timeout,
    );
    let results = (called.await).map_err(|e| refused(StatusCode::UNPROCESSABLE_ENTITY, e))?;
    answer(json!({ "results": results }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    ms: u64,
}

async fn advance(State(host): State<Arc<Host>>, body: Bytes) -> Answer {
    let asked: Advance = parse(&body)?;
    host.clock.advance(Duration::from_millis(asked.ms)).await;
    let elapsed = u64::try_from(host.clock.elapsed().as_millis()).unwrap_or(u64::MAX);
    answer(json!({ "elapsed_ms": elapsed }))
}

async fn settle(State(host): State<Arc<Host>>) -> Answer {
    host.clock.settle().await;
    answer(json!({}))
}

async fn logs(State(host): State<Arc<Host>>) -> Answer {
    answer(Value::Array(host.seen.logs.lock().unwrap().clone()))
}

async fn messages(State(host): State<Arc<Host>>) -> Answer {
    answer(Value::Array(host.seen.messages.lock().unwrap().clone()))
}

/// Whose state a request names: an actor's, or a durable service's (object).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Owner {
    actor: Option<String>,
    service: Option<String>,
    key: Option<String>,
    #[serde(default)]
    writes: BTreeMap<String, Option<Value>>,
}

impl Owner {
    fn owner(&self) -> Result<String, Refusal> {
        match (&self.actor, &self.service) {
            (Some(actor), None) if self.key.is_none() => Ok(actor_owner(actor)),
            (None, Some(service)) => Ok(Invocation::owner(service, self.key.as_deref())),
            _ => Err(refused(
                StatusCode::BAD_REQUEST,
                "name an `actor`, or a `service` with an object `key` or none",
            )),
        }
    }
}

async fn state(State(host): State<Arc<Host>>, body: Bytes) -> Answer {
    let owner = parse::<Owner>(&body)?.owner()?;
    let state = host.ingress.shim().state(&owner).map_err(internal)?;
    let state: serde_json::Map<String, Value> = (state.into_iter())
        .map(|(key, value)| (key, Value::from(value)))
        .collect();
    answer(Value::Object(state))
}

async fn write_state(State(host): State<Arc<Host>>, body: Bytes) -> Answer {
    let asked: Owner = parse(&body)?;
    let owner = asked.owner()?;
    let writes = (asked.writes.into_iter())
        .map(|(key, value)| (key, value.map(|v| v.to_string().into_bytes())))
        .collect();
    let changes = StateChanges {
        writes,
        ..StateChanges::default()
    };
    (host.ingress.shim().write_state(&owner, &changes)).map_err(internal)?;
    answer(json!({}))
}

async fn invocations(State(host): State<Arc<Host>>) -> Answer {
    let all = host.ingress.shim().invocations().map_err(internal)?;
    answer(serde_json::to_value(all).map_err(internal)?)
}

async fn journal(State(host): State<Arc<Host>>, Path(id): Path<String>) -> Answer {
    let shim = host.ingress.shim();
    if shim.invocation(&id).map_err(internal)?.is_none() {
        return Err(refused(
            StatusCode::NOT_FOUND,
            format!("no invocation {id}"),
        ));
    }
    answer(Value::Array(shim.journal_json(&id).map_err(internal)?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Crash {
    after_entries: Option<u64>,
    at_run: Option<String>,
    seed: Option<u64>,
    one_in: Option<u32>,
}

async fn crash(State(host): State<Arc<Host>>, body: Bytes) -> Answer {
    let asked: Crash = parse(&body)?;
    let point = match asked {
        Crash {
            after_entries: Some(n),
            at_run: None,
            seed: None,
            one_in: None,
        } if n > 0 => CrashPoint::AfterEntries(n),
        Crash {
            after_entries: None,
            at_run: Some(name),
            seed: None,
            one_in: None,
        } => CrashPoint::AtRun(name),
        Crash {
            after_entries: None,
            at_run: None,
            seed: Some(seed),
            one_in,
        } => CrashPoint::Random {
            seed,
            one_in: one_in.unwrap_or(4).max(1),
        },
        _ => {
            let said = "arm one crash point: `after_entries` (from 1), `at_run`, or `seed` \
                        with an optional `one_in`";
            return Err(refused(StatusCode::BAD_REQUEST, said));
        }
    };
    host.ingress.shim().arm_crash(point);
    answer(json!({}))
}

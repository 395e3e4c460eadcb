//! [`App`]: the guests of one test, running in a test host of their own, and everything a
//! test does with them: spawn actors, call them, move the clock, read what they said and
//! stored, steer durable invocations, crash the host and recover.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::host::{self, Answer, Host};
use crate::{CallError, Error, InvokeError, guests, off_thread};

/// The guests of one test, in a shim of their own on a clock the test moves.
///
/// Dropping it stops the shim and removes its state. Every method that reaches the shim is
/// `async` and runs on a thread of its own, so it works under any executor, and two of them
/// joined run together (a call that waits on a timer, and the [`advance`](Self::advance)
/// that fires it).
#[derive(Clone)]
pub struct App(Arc<Inner>);

struct Inner {
    /// Dropped first: the host stops before its state goes.
    now: Mutex<Now>,
    agent: ureq::Agent,
    guests: BTreeMap<String, PathBuf>,
    state: tempfile::TempDir,
    /// The clock's wall-clock time when the test began, in ms since the Unix epoch.
    start_ms: u64,
}

/// The current host, and what a new one must take over.
struct Now {
    host: Host,
    /// How far the clock moved in the hosts before this one.
    elapsed_before: Duration,
    /// How far it moved in this one.
    elapsed: Duration,
    /// The actors and services spawned, as asked: a recovering host starts them again.
    spawned: Vec<Value>,
    /// Whether a crash is armed that no new host has recovered from yet.
    armed: bool,
    /// How many invocations this test sent, for their idempotency keys.
    sent: u64,
}

/// An actor to start ([`App::spawn`]): a name, the guest package it runs (the name, unless
/// set), and how it starts.
#[derive(Debug, Clone)]
pub struct Spawn {
    name: String,
    spec: serde_json::Map<String, Value>,
    state: BTreeMap<String, Value>,
}

impl Spawn {
    /// An actor named `name`, running the guest package of that name.
    pub fn actor(name: &str) -> Self {
        let mut spec = serde_json::Map::new();
        spec.insert("package".into(), name.into());
        Self {
            name: name.to_owned(),
            spec,
            state: BTreeMap::new(),
        }
    }

    /// A durable service (or object, or workflow: its code says which) named `name`, running
    /// the guest package of that name; its handlers run as durable invocations.
    pub fn service(name: &str) -> Self {
        let mut spawn = Self::actor(name);
        spawn.spec.insert("durable".into(), true.into());
        spawn
    }

    /// Runs guest package `package` (one the test built: [`App::start`]).
    pub fn package(mut self, package: &str) -> Self {
        self.spec.insert("package".into(), package.into());
        self
    }

    /// What its `init` gets as its args: a string as its bytes, any other value as JSON.
    pub fn args(mut self, args: impl Serialize) -> Self {
        let args = serde_json::to_value(args).expect("args serialize as JSON");
        self.spec.insert("args".into(), args);
        self
    }

    /// Grants it a kernel capability, as `cargo guest run --grant` takes one (`"spawn"`).
    pub fn grant(mut self, capability: &str) -> Self {
        let grants = self.spec.entry("grants").or_insert_with(|| json!([]));
        grants
            .as_array_mut()
            .expect("a list")
            .push(capability.into());
        self
    }

    /// Limits the fuel (about one unit per wasm instruction) its instance may burn.
    pub fn max_fuel(mut self, fuel: u64) -> Self {
        self.spec.insert("max_fuel".into(), fuel.into());
        self
    }

    /// Limits its memory, in bytes.
    pub fn max_memory_bytes(mut self, bytes: usize) -> Self {
        self.spec.insert("max_memory_bytes".into(), bytes.into());
        self
    }

    /// Seeds its persistent state before it starts: `key` holds `value`, as the guest's
    /// `cx.state().set(key, &value)` would store it.
    pub fn state(mut self, key: &str, value: impl Serialize) -> Self {
        let value = serde_json::to_value(value).expect("state values serialize as JSON");
        self.state.insert(key.to_owned(), value);
        self
    }
}

impl From<&str> for Spawn {
    fn from(name: &str) -> Self {
        Self::actor(name)
    }
}

/// What a typed call goes to: an actor by the name it was spawned under, or a durable
/// service (`"Service"`) or one of its objects (`"Service/key"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    name: String,
    key: Option<String>,
}

impl From<&str> for Target {
    fn from(text: &str) -> Self {
        match text.split_once('/') {
            Some((name, key)) => Self {
                name: name.to_owned(),
                key: Some(key.to_owned()),
            },
            None => Self {
                name: text.to_owned(),
                key: None,
            },
        }
    }
}

impl From<String> for Target {
    fn from(text: String) -> Self {
        Self::from(text.as_str())
    }
}

/// A line an actor logged.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct LogLine {
    /// The actor's name.
    pub actor: String,
    /// `trace`, `debug`, `info`, `warn` or `error`.
    pub level: String,
    /// What it logged.
    pub message: String,
}

/// A message an actor sent to the host (`dest::host`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct HostMessage {
    /// The sender's name.
    pub from: String,
    /// The message's tag, if it has one.
    pub tag: Option<i64>,
    /// The message's route, if it has one.
    pub route: Option<String>,
    /// What it carries.
    pub body: Vec<u8>,
}

impl HostMessage {
    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A durable invocation, as the shim records it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Invocation {
    /// Its id, as [`App::send`] returned it.
    pub id: String,
    /// The durable service it runs on.
    pub service: String,
    /// Its handler's route (`package.Service/Method`).
    pub handler: String,
    /// The object it runs on, for an object or workflow.
    pub key: Option<String>,
    /// How many attempts it has begun.
    pub attempts: u32,
    /// Where it is: `"Running"`, `{"Suspended": ..}`, `{"Succeeded": [bytes]}`,
    /// `{"Failed": {"code", "message"}}`, ...
    pub status: Value,
}

impl Invocation {
    /// Whether it ended: succeeded, failed or paused.
    pub fn has_ended(&self) -> bool {
        ["Succeeded", "Failed", "Paused"]
            .iter()
            .any(|s| self.status.get(s).is_some())
    }
}

impl App {
    /// Builds the guest packages `packages` (cargo rebuilds what changed; once per test
    /// binary) and starts a test host with them, on a fresh state and a clock that stands
    /// still until the test [`advance`](Self::advance)s it.
    pub async fn start(packages: &[&str]) -> Result<App, Error> {
        let packages: Vec<String> = packages.iter().map(|p| (*p).to_owned()).collect();
        off_thread::spawn(move || Self::start_now(&packages)).await
    }

    fn start_now(packages: &[String]) -> Result<App, Error> {
        let guests = guests::components(packages)?;
        let state = tempfile::Builder::new()
            .prefix("guestkit-test-")
            .tempdir()
            .map_err(|e| Error::Host(format!("has no state dir: {e}")))?;
        let start_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let host = Host::start(&guests, state.path(), start_ms)?;
        Ok(App(Arc::new(Inner {
            agent: host::agent(),
            guests,
            state,
            start_ms,
            now: Mutex::new(Now {
                host,
                elapsed_before: Duration::ZERO,
                elapsed: Duration::ZERO,
                spawned: Vec::new(),
                armed: false,
                sent: 0,
            }),
        })))
    }

    /// Starts an actor (or registers a durable service): `app.spawn("hello")` runs package
    /// `hello` as actor `hello`; a [`Spawn`] says more. Returns the actor's address as text
    /// (`local@hello:hello:local`, what `Address::parse` reads), or a service's name.
    pub async fn spawn(&self, spawn: impl Into<Spawn>) -> Result<String, Error> {
        let spawn = spawn.into();
        let asked = json!({
            "name": spawn.name,
            "spec": spawn.spec,
            "state": spawn.state,
        });
        let started =
            (self.post("/guestkit/test/spawn", asked.clone(), "spawning an actor")).await?;
        let address = (started["address"].as_str())
            .unwrap_or(&spawn.name)
            .to_owned();
        // Started again after a crash, it finds its state as it left it.
        let mut again = asked;
        again["state"] = json!({});
        self.0.now.lock().unwrap().spawned.push(again);
        Ok(address)
    }

    /// Calls `route` (`package.Service/Method`) of `to` with the protobuf `body`, and waits
    /// up to `timeout` of the test's clock for the reply. The typed clients that
    /// [`contract!`](crate::contract) generates call this.
    pub async fn call_route(
        &self,
        to: &Target,
        route: &str,
        body: Vec<u8>,
        timeout: Duration,
    ) -> Result<Vec<u8>, CallError> {
        let (app, to, route) = (self.clone(), to.clone(), route.to_owned());
        off_thread::spawn(move || {
            let mut headers = vec![
                ("connect-timeout-ms", timeout.as_millis().to_string()),
                ("connect-protocol-version", "1".to_owned()),
            ];
            match &to.key {
                Some(key) => headers.push(("guestkit-key", key.clone())),
                None => headers.push(("guestkit-actor", to.name.clone())),
            }
            let url = format!("{}/{route}", app.base());
            let answer = host::post(&app.0.agent, &url, "application/proto", &headers, &body);
            let Some(Answer { status, body }) = answer else {
                let message = app.failure("calling an actor").to_string();
                return Err(CallError::Host { route, message });
            };
            if status == 200 {
                return Ok(body);
            }
            let error: Value = serde_json::from_slice(&body).unwrap_or_default();
            let text = |field: &str| error.get(field).and_then(Value::as_str).map(str::to_owned);
            Err(CallError::Failed {
                code: text("code").unwrap_or_else(|| format!("HTTP {status}")),
                message: text("message")
                    .unwrap_or_else(|| String::from_utf8_lossy(&body).into_owned()),
                route,
            })
        })
        .await
    }

    /// Calls `function` of the WIT interface `interface` (its full name, like
    /// `acme:greeter/directory@0.1.0`; `None` for a function of the world itself) that actor
    /// `to` exports, with `args`, and waits up to `timeout` of the test's clock. The typed
    /// stubs that [`wit!`](crate::wit) generates call this.
    pub async fn invoke(
        &self,
        to: &Target,
        interface: Option<&str>,
        function: &str,
        args: Vec<guestkit_value::Val>,
        timeout: Duration,
    ) -> Result<Vec<guestkit_value::Val>, InvokeError> {
        let export = guestkit_value::export_name(interface, function);
        let asked = json!({
            "to": to.name,
            "interface": interface,
            "function": function,
            "args": args,
            "timeout_ms": u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX),
        });
        let app = self.clone();
        off_thread::spawn(move || {
            let url = format!("{}/guestkit/test/invoke", app.base());
            let body = asked.to_string().into_bytes();
            let answer = host::post(&app.0.agent, &url, "application/json", &[], &body);
            let Some(answer) = answer else {
                let message = app.failure("calling an export").to_string();
                return Err(InvokeError::Host { export, message });
            };
            let failed = |message: String| InvokeError::Failed {
                export: export.clone(),
                message,
            };
            if !(200..300).contains(&answer.status) {
                return Err(failed(
                    String::from_utf8_lossy(&answer.body).trim().to_owned(),
                ));
            }
            let results = answer.json().map_err(|e| failed(e.to_string()))?;
            serde_json::from_value(results["results"].clone()).map_err(|e| failed(e.to_string()))
        })
        .await
    }

    /// Sends actor `to` a message tagged `tag` with `body`, from the host, as a process-mode
    /// actor's `receive` takes it; what the actor sends back to the host is in
    /// [`messages`](Self::messages).
    pub async fn send_message(&self, to: &str, tag: i64, body: &[u8]) -> Result<(), Error> {
        let asked = json!({ "to": to, "tag": tag, "body": body });
        self.post("/guestkit/test/message", asked, "sending a message")
            .await
            .map(drop)
    }

    /// Moves the clock on by `by`: every timer due on the way fires, in order (durable
    /// timers, `send-after`, receive and call timeouts, retry backoff), each once the shim is
    /// idle; returns once what the last one started is idle too.
    pub async fn advance(&self, by: Duration) -> Result<(), Error> {
        let app = self.clone();
        off_thread::spawn(move || {
            let asked = json!({ "ms": u64::try_from(by.as_millis()).unwrap_or(u64::MAX) });
            let Some(answer) = app.post_unless_crashed("/guestkit/test/advance", &asked)? else {
                // Crashed on the way: the time still passed, and a new host starts after it.
                app.0.now.lock().unwrap().elapsed += by;
                return Ok(());
            };
            let elapsed = answer.json()?["elapsed_ms"].as_u64().unwrap_or_default();
            app.0.now.lock().unwrap().elapsed = Duration::from_millis(elapsed);
            Ok(())
        })
        .await
    }

    /// Waits until the shim is idle: no handler running, no message untaken, with only
    /// timers left to fire.
    ///
    /// With a crash armed, this and [`advance`](Self::advance) return once the shim crashed,
    /// if it does on the way: [`recover`](Self::recover) then starts a new one.
    pub async fn settle(&self) -> Result<(), Error> {
        let app = self.clone();
        off_thread::spawn(move || {
            let answer = app.post_unless_crashed("/guestkit/test/settle", &json!({}))?;
            answer.map_or(Ok(()), |a| a.ok().map(drop))
        })
        .await
    }

    /// POSTs JSON `asked` to `path`: the answer, or `None` when the shim crashed as a crash
    /// armed made it.
    fn post_unless_crashed(&self, path: &str, asked: &Value) -> Result<Option<Answer>, Error> {
        let url = format!("{}{path}", self.base());
        let body = asked.to_string().into_bytes();
        match host::post(&self.0.agent, &url, "application/json", &[], &body) {
            Some(answer) => Ok(Some(answer)),
            None if self.0.now.lock().unwrap().armed => Ok(None),
            None => Err(self.failure(path.trim_start_matches("/guestkit/test/"))),
        }
    }

    /// How far the test has moved the clock, across crashes.
    pub fn elapsed(&self) -> Duration {
        let now = self.0.now.lock().unwrap();
        now.elapsed_before + now.elapsed
    }

    /// The clock's wall-clock time, in milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> u64 {
        self.0.start_ms + self.elapsed().as_millis() as u64
    }

    /// Every line the actors logged so far, in order (since the last crash).
    pub async fn logs(&self) -> Result<Vec<LogLine>, Error> {
        self.get_as("/guestkit/test/logs", "reading the logs").await
    }

    /// Every message actors sent to the host so far, in order (since the last crash).
    pub async fn messages(&self) -> Result<Vec<HostMessage>, Error> {
        self.get_as("/guestkit/test/messages", "reading the host's messages")
            .await
    }

    /// The committed value of `key` in actor `actor`'s state, as the guest's
    /// `cx.state().get(key)` reads it; `None` when unset.
    pub async fn state<T: DeserializeOwned + Send + 'static>(
        &self,
        actor: &str,
        key: &str,
    ) -> Result<Option<T>, Error> {
        self.state_of(json!({ "actor": actor }), key).await
    }

    /// The committed value of `key` in the state of durable service `service`'s object
    /// `object` (of the service itself, for `None`).
    pub async fn object_state<T: DeserializeOwned + Send + 'static>(
        &self,
        service: &str,
        object: Option<&str>,
        key: &str,
    ) -> Result<Option<T>, Error> {
        self.state_of(json!({ "service": service, "key": object }), key)
            .await
    }

    async fn state_of<T: DeserializeOwned + Send + 'static>(
        &self,
        owner: Value,
        key: &str,
    ) -> Result<Option<T>, Error> {
        let state = self
            .post("/guestkit/test/state", owner, "reading state")
            .await?;
        let Some(bytes) = state.get(key) else {
            return Ok(None);
        };
        let bytes: Vec<u8> = serde_json::from_value(bytes.clone())
            .map_err(|e| Error::Decode(format!("state `{key}`: {e}")))?;
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::Decode(format!("state `{key}` is not the type asked for: {e}")))
    }

    /// Commits `value` to `key` of durable service `service`'s object `object` (the
    /// service's own, for `None`), as a handler's `set` would. (An actor's state is seeded
    /// when it is spawned: [`Spawn::state`].)
    pub async fn set_object_state(
        &self,
        service: &str,
        object: Option<&str>,
        key: &str,
        value: impl Serialize,
    ) -> Result<(), Error> {
        let value = serde_json::to_value(value).map_err(|e| Error::Decode(e.to_string()))?;
        let asked = json!({ "service": service, "key": object, "writes": { key: value } });
        self.post("/guestkit/test/write-state", asked, "writing state")
            .await
            .map(drop)
    }

    /// Starts a durable invocation of `handler` (a method name, or its whole route) on
    /// `target` (`"Service"` or `"Object/key"`) with `request`, without waiting for it, as
    /// Restate's `/send`; returns its id. Its output is [`output`](Self::output).
    ///
    /// It carries an idempotency key of its own: when an armed crash kills the shim before
    /// it answered, this recovers (as [`recover`](Self::recover)) and sends it again, as a
    /// client of Restate's ingress would, and gets the same invocation if it was accepted.
    pub async fn send(
        &self,
        target: impl Into<Target>,
        handler: &str,
        request: &impl prost::Message,
    ) -> Result<String, Error> {
        let target = target.into();
        let path = match &target.key {
            Some(key) => format!("/{}/{key}/{handler}/send", target.name),
            None => format!("/{}/{handler}/send", target.name),
        };
        let (app, body) = (self.clone(), request.encode_to_vec());
        off_thread::spawn(move || {
            let key = {
                let mut now = app.0.now.lock().unwrap();
                now.sent += 1;
                vec![("idempotency-key", format!("guestkit-test-{}", now.sent))]
            };
            let send = || {
                let url = format!("{}{path}", app.base());
                host::post(&app.0.agent, &url, "application/proto", &key, &body)
            };
            let answer = match send() {
                Some(answer) => answer,
                None if app.0.now.lock().unwrap().armed => {
                    app.recover_now()?;
                    send().ok_or_else(|| app.failure("starting an invocation"))?
                }
                None => return Err(app.failure("starting an invocation")),
            };
            let accepted = answer.json()?;
            (accepted["invocationId"].as_str())
                .map(str::to_owned)
                .ok_or_else(|| Error::Decode(format!("not an invocation id: {accepted}")))
        })
        .await
    }

    /// The output of durable invocation `id`, once it has one: its reply, or its failure as
    /// a [`CallError::Failed`] whose code is the failure's HTTP-like code, as Restate has them
    /// (`"409"` for a cancellation, `"500"` for a failure of its own). Waits while it runs:
    /// advance the clock meanwhile (join the two) when it waits on a timer.
    pub async fn output<M: prost::Message + Default + 'static>(
        &self,
        id: &str,
    ) -> Result<M, CallError> {
        let (app, id) = (self.clone(), id.to_owned());
        off_thread::spawn(move || {
            let route = format!("invocation {id}");
            let url = format!("{}/restate/invocation/{id}/attach", app.base());
            let answer = host::get_with(&app.0.agent, &url, "application/proto");
            let Some(Answer { status, body }) = answer else {
                let message = app.failure("waiting for an output").to_string();
                return Err(CallError::Host { route, message });
            };
            if status != 200 {
                let error: Value = serde_json::from_slice(&body).unwrap_or_default();
                return Err(CallError::Failed {
                    route,
                    code: status.to_string(),
                    message: error["message"].as_str().unwrap_or_default().to_owned(),
                });
            }
            M::decode(body.as_slice()).map_err(|e| CallError::Decode {
                route,
                message_type: std::any::type_name::<M>(),
                reason: e.to_string(),
            })
        })
        .await
    }

    /// Every durable invocation the shim holds.
    pub async fn invocations(&self) -> Result<Vec<Invocation>, Error> {
        self.get_as("/guestkit/test/invocations", "listing invocations")
            .await
    }

    /// The journal of invocation `id`, one JSON value per entry: its `command` (`run`,
    /// `durable.sleep`, `state.set`, ...), `fields`, and `result`.
    pub async fn journal(&self, id: &str) -> Result<Vec<Value>, Error> {
        self.get_as(&format!("/guestkit/test/journal/{id}"), "reading a journal")
            .await
    }

    /// The ids of the awakeables invocation `id` has made so far, in order (once the shim is
    /// idle).
    pub async fn awakeables(&self, id: &str) -> Result<Vec<String>, Error> {
        self.settle().await?;
        let journal = self.journal(id).await?;
        Ok((journal.iter())
            .filter(|e| e["command"] == "durable.awakeable")
            .filter_map(|e| e["result"].as_str().map(str::to_owned))
            .collect())
    }

    /// Resolves awakeable `awakeable` with `value`, as the guest's typed awakeable reads it.
    pub async fn resolve_awakeable(
        &self,
        awakeable: &str,
        value: impl Serialize,
    ) -> Result<(), Error> {
        let value = serde_json::to_string(&value).map_err(|e| Error::Decode(e.to_string()))?;
        self.complete(json!({ "awakeable": awakeable, "value": value }))
            .await
    }

    /// Rejects awakeable `awakeable`: the invocation's wait fails with `reason`.
    pub async fn reject_awakeable(&self, awakeable: &str, reason: &str) -> Result<(), Error> {
        self.complete(json!({ "awakeable": awakeable, "failure": reason }))
            .await
    }

    /// Resolves promise `name` of workflow `service`'s run `key` with `value`.
    pub async fn resolve_promise(
        &self,
        service: &str,
        key: &str,
        name: &str,
        value: impl Serialize,
    ) -> Result<(), Error> {
        let value = serde_json::to_string(&value).map_err(|e| Error::Decode(e.to_string()))?;
        let asked = json!({ "promise": name, "service": service, "key": key, "value": value });
        self.complete(asked).await
    }

    /// Sends signal `name` with `value` to invocation `id`.
    pub async fn signal(&self, id: &str, name: &str, value: impl Serialize) -> Result<(), Error> {
        let value = serde_json::to_string(&value).map_err(|e| Error::Decode(e.to_string()))?;
        self.complete(json!({ "signal": name, "invocation": id, "value": value }))
            .await
    }

    async fn complete(&self, asked: Value) -> Result<(), Error> {
        let app = self.clone();
        off_thread::spawn(move || {
            let url = format!("{}/guestkit/complete", app.base());
            let body = asked.to_string().into_bytes();
            (host::post(&app.0.agent, &url, "application/json", &[], &body))
                .ok_or_else(|| app.failure("completing"))?
                .ok()
                .map(drop)
        })
        .await
    }

    /// Cancels invocation `id`, as Restate does: it unwinds at its next wait, running its
    /// compensations.
    pub async fn cancel(&self, id: &str) -> Result<(), Error> {
        self.steer(id, "cancel").await
    }

    /// Kills invocation `id` at once, with no compensation.
    pub async fn kill(&self, id: &str) -> Result<(), Error> {
        self.steer(id, "kill").await
    }

    /// Resumes paused invocation `id`.
    pub async fn resume(&self, id: &str) -> Result<(), Error> {
        self.steer(id, "resume").await
    }

    async fn steer(&self, id: &str, verb: &str) -> Result<(), Error> {
        let path = format!("/guestkit/invocation/{id}/{verb}");
        let app = self.clone();
        let what = format!("asking invocation {id} to {verb}");
        off_thread::spawn(move || {
            let url = format!("{}{path}", app.base());
            (host::post(&app.0.agent, &url, "text/plain", &[], &[]))
                .ok_or_else(|| app.failure(&what))?
                .ok()
                .map(drop)
        })
        .await
    }

    /// Arms a crash: the shim's process dies (SIGKILL) once the `n`th journal entry written
    /// from now is durable. Then [`recover`](Self::recover).
    pub async fn crash_after_entries(&self, n: u64) -> Result<(), Error> {
        self.arm(json!({ "after_entries": n })).await
    }

    /// Arms a crash at the run named `name`: the shim's process dies after the run's closure
    /// ran (its side effect happened) and before its result is journaled, so it runs again
    /// after [`recover`](Self::recover).
    pub async fn crash_at_run(&self, name: &str) -> Result<(), Error> {
        self.arm(json!({ "at_run": name })).await
    }

    /// Arms a crash at a journal entry drawn from `seed`: after each entry, one chance in
    /// `one_in`. The same seed and the same run crash at the same entry.
    pub async fn crash_at_random(&self, seed: u64, one_in: u32) -> Result<(), Error> {
        self.arm(json!({ "seed": seed, "one_in": one_in })).await
    }

    async fn arm(&self, asked: Value) -> Result<(), Error> {
        self.post("/guestkit/test/crash", asked, "arming a crash")
            .await?;
        self.0.now.lock().unwrap().armed = true;
        Ok(())
    }

    /// Crashes the shim now (SIGKILL), then starts a new one: see [`recover`](Self::recover).
    pub async fn crash(&self) -> Result<(), Error> {
        let app = self.clone();
        off_thread::spawn(move || {
            app.0.now.lock().unwrap().host.kill();
            app.restart()
        })
        .await
    }

    /// Recovers from the crash armed last: waits until the shim has crashed there, then starts
    /// a new one on the same state, with the clock where it was, and starts the actors and
    /// services spawned before; the durable invocations carry on from their journals. Returns
    /// at once when a new shim has taken over since (a [`send`](Self::send) recovers by
    /// itself), and fails when the shim went idle without reaching the crash point.
    pub async fn recover(&self) -> Result<(), Error> {
        let app = self.clone();
        off_thread::spawn(move || app.recover_now()).await
    }

    fn recover_now(&self) -> Result<(), Error> {
        if !self.0.now.lock().unwrap().armed {
            return Ok(());
        }
        // Idle, or dead: the crash point is reached by the time the shim is idle, if ever.
        let url = format!("{}/guestkit/test/settle", self.base());
        if host::post(&self.0.agent, &url, "application/json", &[], b"{}").is_some() {
            return Err(Error::Host(
                "went idle without reaching the armed crash point: what the test did never \
                 got there (advance the clock, or complete what the invocation waits for)"
                    .into(),
            ));
        }
        self.restart()
    }

    /// Starts a new shim on the state, once the one before has ended, and the actors and
    /// services spawned so far.
    fn restart(&self) -> Result<(), Error> {
        let spawned = {
            let mut now = self.0.now.lock().unwrap();
            now.host.wait();
            let elapsed = now.elapsed_before + now.elapsed;
            let clock_ms = self.0.start_ms + elapsed.as_millis() as u64;
            now.host = Host::start(&self.0.guests, self.0.state.path(), clock_ms)?;
            (now.elapsed_before, now.elapsed) = (elapsed, Duration::ZERO);
            now.armed = false;
            now.spawned.clone()
        };
        for asked in spawned {
            self.post_json("/guestkit/test/spawn", &asked, "starting the actors again")?;
        }
        Ok(())
    }

    fn base(&self) -> String {
        self.0.now.lock().unwrap().host.base.clone()
    }

    fn failure(&self, what: &str) -> Error {
        self.0.now.lock().unwrap().host.failure(what)
    }

    /// POSTs JSON `asked` to `path`: the JSON answer, or why there is none.
    fn post_json(&self, path: &str, asked: &Value, what: &str) -> Result<Value, Error> {
        let url = format!("{}{path}", self.base());
        let body = asked.to_string().into_bytes();
        (host::post(&self.0.agent, &url, "application/json", &[], &body))
            .ok_or_else(|| self.failure(what))?
            .json()
    }

    /// [`post_json`](Self::post_json) on a thread of its own.
    async fn post(&self, path: &str, asked: Value, what: &str) -> Result<Value, Error> {
        let (app, path, what) = (self.clone(), path.to_owned(), what.to_owned());
        off_thread::spawn(move || app.post_json(&path, &asked, &what)).await
    }

    async fn get_as<T: DeserializeOwned + Send + 'static>(
        &self,
        path: &str,
        what: &str,
    ) -> Result<T, Error> {
        let (app, path, what) = (self.clone(), path.to_owned(), what.to_owned());
        off_thread::spawn(move || {
            let url = format!("{}{path}", app.base());
            let answer = host::get(&app.0.agent, &url).ok_or_else(|| app.failure(&what))?;
            (serde_json::from_value(answer.json()?))
                .map_err(|e| Error::Decode(format!("{what}: the test host answered {e}")))
        })
        .await
    }
}

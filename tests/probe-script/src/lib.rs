//! The script language of the `probe` test guest, shared by the guest and the tests.
//!
//! A [`Script`] is a list of [`Op`]s, raw host calls the probe makes one after another; running
//! it gives [`Answers`], one per op. The tests build scripts as values of these types, and the
//! probe reads them back into the same types, so a misspelt op or field does not compile, and
//! one the probe cannot read fails the script naming what it could not read. Answers and the
//! probe's reports to the host travel the other way in the types of [`answer`].

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub mod answer;

pub use answer::{
    Answers, Chunk, Duplicated, Effect, Failure, Input, Notice, Outcome, Ran, Reason, Report,
    Request, Response, Seen, SendFailed, Started, Taken,
};

/// Operations the probe runs one after another, and what the actor does once they ran. It
/// reads from a bare list of ops too, as one types on a command line.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Script {
    pub ops: Vec<Op>,
    /// In `init` (a script given as spawn args): what `init` does next.
    #[serde(skip_serializing_if = "is_default")]
    pub then: Then,
    /// As a handler of route `probe`: how the handler ends.
    #[serde(skip_serializing_if = "is_default")]
    pub ending: Ending,
}

/// A script in its whole form, as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Whole {
    ops: Vec<Op>,
    #[serde(default)]
    then: Then,
    #[serde(default)]
    ending: Ending,
}

impl<'de> Deserialize<'de> for Script {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        let read = if v.is_array() {
            serde_json::from_value::<Vec<Op>>(v).map(Self::new)
        } else {
            serde_json::from_value::<Whole>(v).map(|w| Self {
                ops: w.ops,
                then: w.then,
                ending: w.ending,
            })
        };
        read.map_err(serde::de::Error::custom)
    }
}

impl Script {
    pub fn new(ops: impl IntoIterator<Item = Op>) -> Self {
        Self {
            ops: ops.into_iter().collect(),
            ..Self::default()
        }
    }

    pub fn then(mut self, then: Then) -> Self {
        self.then = then;
        self
    }

    pub fn ending(mut self, ending: Ending) -> Self {
        self.ending = ending;
        self
    }

    /// The script as the probe reads it.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a script encodes")
    }

    /// The script as text: the body of a request on route `probe`.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("a script encodes")
    }

    /// Reads a script, saying what is wrong with one that does not read.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        serde_json::from_slice(bytes).map_err(|e| format!("not a probe script: {e}"))
    }
}

impl<const N: usize> From<[Op; N]> for Script {
    fn from(ops: [Op; N]) -> Self {
        Self::new(ops)
    }
}

impl From<Vec<Op>> for Script {
    fn from(ops: Vec<Op>) -> Self {
        Self::new(ops)
    }
}

/// What `init` does once its script ran.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Then {
    /// Returns `serve`: the actor handles deliveries.
    #[default]
    Serve,
    /// Returns `exit`.
    Exit,
    /// Returns an error.
    Err,
    /// Traps.
    Trap,
    /// Process mode: receives forever, running scripts sent on route `probe` and reporting
    /// every other delivery, until asked to stop.
    Loop,
}

/// How a handler of route `probe` ends once its script ran.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// It replies with the results.
    #[default]
    Reply,
    /// It fails with a terminal error.
    Fail,
    /// It refuses the request: a terminal application error with code 422.
    Refuse,
    /// Its first attempt fails with a retryable error; later ones reply.
    RetryableFirst,
}

/// A capability, as the probe names one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cap {
    pub issuer: String,
    pub params: String,
}

impl Cap {
    pub fn new(issuer: impl ToString, params: impl Into<String>) -> Self {
        Self {
            issuer: issuer.to_string(),
            params: params.into(),
        }
    }
}

/// A message: where it goes and its payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// `host`, `loopback`, or an actor's address.
    #[serde(default = "host")]
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// A string is sent as its bytes; anything else as its JSON text.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub body: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blob: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caps: Vec<Cap>,
    /// Attaches the module at this path of the shim's drive (`probe.wasm`: the probe itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
}

fn host() -> String {
    "host".into()
}

impl Default for Message {
    fn default() -> Self {
        Self::to("host")
    }
}

impl Message {
    /// A message to `to` (an address, `host` or `loopback`) with no payload yet.
    pub fn to(to: impl ToString) -> Self {
        Self {
            to: to.to_string(),
            tag: None,
            route: None,
            body: Value::Null,
            blob: None,
            caps: Vec::new(),
            attach: None,
        }
    }

    pub fn body(mut self, body: impl Into<Value>) -> Self {
        self.body = body.into();
        self
    }

    pub fn tag(mut self, tag: i64) -> Self {
        self.tag = Some(tag);
        self
    }

    pub fn route(mut self, route: &str) -> Self {
        self.route = Some(route.into());
        self
    }

    pub fn blob(mut self, blob: &str) -> Self {
        self.blob = Some(blob.into());
        self
    }

    pub fn caps(mut self, caps: impl IntoIterator<Item = Cap>) -> Self {
        self.caps = caps.into_iter().collect();
        self
    }

    /// Attaches the probe's own module.
    pub fn attach_probe(mut self) -> Self {
        self.attach = Some("probe.wasm".into());
        self
    }

    /// A request on route `probe` whose body is `script`: the probe that gets it runs it.
    pub fn script(self, script: impl Into<Script>) -> Self {
        self.route("probe").body(script.into().to_text())
    }
}

/// What the shim does when a spawned actor exits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnExit {
    #[default]
    None,
    Restart,
    /// Sends these requests.
    Requests(Vec<Message>),
}

/// How to spawn an actor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Spawn {
    /// The module at this path of the shim's drive (default `probe.wasm`, the probe).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The spawn args: a string as its bytes, anything else as its JSON text.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub args: Value,
    #[serde(default)]
    pub on_exit: OnExit,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_caps: Vec<Cap>,
    #[serde(default)]
    pub public: bool,
    #[serde(default)]
    pub link: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_tag: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_memory_bytes: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_fuel: Option<u64>,
    /// The actor type's name (manufacturer `guestkit`, version `1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_type: Option<String>,
}

impl Spawn {
    /// A probe named `name`.
    pub fn named(name: &str) -> Self {
        Self {
            name: Some(name.into()),
            ..Self::default()
        }
    }

    /// A probe that runs `script` in `init`.
    pub fn running(mut self, script: impl Into<Script>) -> Self {
        self.args = serde_json::to_value(script.into()).expect("a script encodes");
        self
    }

    /// The module at `path` instead of the probe.
    pub fn path(mut self, path: &str) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn args(mut self, args: impl Into<Value>) -> Self {
        self.args = args.into();
        self
    }

    pub fn on_exit(mut self, on_exit: OnExit) -> Self {
        self.on_exit = on_exit;
        self
    }

    pub fn request_caps(mut self, caps: impl IntoIterator<Item = Cap>) -> Self {
        self.request_caps = caps.into_iter().collect();
        self
    }

    pub fn public(mut self) -> Self {
        self.public = true;
        self
    }

    /// Links the child to its parent, with `tag` on the notice of its death.
    pub fn link(mut self, tag: Option<i64>) -> Self {
        self.link = true;
        self.link_tag = tag;
        self
    }

    pub fn actor_type(mut self, name: &str) -> Self {
        self.actor_type = Some(name.into());
        self
    }
}

/// How a durable run ends when it executes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    #[default]
    Success,
    Terminal,
    Retryable,
}

/// The durable `wait` combinators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combinator {
    #[default]
    First,
    All,
    Settled,
    Any,
}

/// The durable service a `durable_call` or `durable_send` calls.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The node (default: this one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// The service (default `probe`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Its package (default `durable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    /// The handler (default `probe`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
}

/// A durable invocation: by id, or by the idempotency key (and object key) it was called with
/// on the probe service's `probe` handler.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InvocationRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

impl InvocationRef {
    pub fn id(id: &str) -> Self {
        Self {
            id: Some(id.into()),
            ..Self::default()
        }
    }
}

/// The names of durable handles, as [`Op::Wait`] takes them.
pub fn names<const N: usize>(names: [&str; N]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// One raw host call of the probe. Each gives one answer: an [`Outcome`] for a call that can
/// fail, the value for one that cannot (a [`Seen`], [`Started`], [`Input`], [`Ran`] or
/// [`Taken`] where it says so), `null` for one that returns nothing. Durable handles are named by the op that makes them (`as`) and used by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    // messaging
    Send {
        #[serde(flatten)]
        msg: Message,
        #[serde(default)]
        inherit: bool,
    },
    Request {
        #[serde(flatten)]
        msg: Message,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        timeout_ms: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        context: Option<String>,
        #[serde(default)]
        inherit: bool,
    },
    /// A blocking request: an [`Outcome`] of a [`Seen::Response`] or a [`Seen::SendFailed`].
    Call {
        #[serde(flatten)]
        msg: Message,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        timeout_ms: Option<u64>,
    },
    /// A [`Seen`], or `{"err": "timed-out"}`.
    Receive {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tags: Vec<i64>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        ids: Vec<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        timeout_ms: Option<u64>,
    },
    Respond {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to_message: Option<u64>,
        #[serde(flatten)]
        msg: Message,
        #[serde(default)]
        inherit_blob: bool,
    },
    GetBlob,
    LastBlob,
    SendAfter {
        #[serde(flatten)]
        msg: Message,
        delay_ms: u64,
    },
    CancelTimer {
        id: u64,
    },
    // streams
    StreamRegister {
        stream: String,
    },
    StreamUnregister {
        stream: String,
    },
    SendChunk {
        to: String,
        stream: String,
        #[serde(default)]
        sequence: u64,
        #[serde(default)]
        body: String,
    },
    // process
    Spawn {
        #[serde(flatten)]
        spawn: Spawn,
    },
    /// Sends the module in `msg` (attached) to `msg.to`, and spawns from a duplicate kept
    /// before sending: [`Duplicated`].
    SpawnDuplicate {
        #[serde(flatten)]
        msg: Message,
        #[serde(flatten)]
        spawn: Spawn,
    },
    /// Spawns under the registered name `spawn.name`, or finds who holds it.
    GetOrSpawn {
        #[serde(flatten)]
        spawn: Spawn,
    },
    Link {
        to: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<i64>,
    },
    Unlink {
        to: String,
    },
    Monitor {
        to: String,
    },
    StopMonitoring {
        to: String,
    },
    DieWhenLinkDies {
        #[serde(default = "yes", skip_serializing_if = "is_true")]
        die: bool,
    },
    Kill {
        to: String,
    },
    Exists {
        to: String,
    },
    Exit {
        #[serde(default)]
        failed: bool,
    },
    SetOnExit {
        on_exit: OnExit,
    },
    Sleep {
        ms: u64,
    },
    Our,
    Incarnation,
    /// What `init` was started with: [`Started`].
    Started,
    /// The monotonic clock, in milliseconds.
    NowMs,
    /// The wall clock: `[seconds, nanoseconds]`.
    Now,
    Random,
    /// The wall clock as WASI gives it to `std::time::SystemTime`: `[seconds, nanoseconds]`.
    WasiNow,
    /// A hash of `0` under a new `std::collections::hash_map::RandomState`, whose keys come
    /// from WASI's randomness.
    WasiRandom,
    /// Loops forever.
    Spin,
    Trap,
    /// Traps in the first attempt of a durable invocation.
    TrapFirst,
    // capabilities
    Mint {
        params: String,
    },
    Save {
        caps: Vec<Cap>,
    },
    Remove {
        caps: Vec<Cap>,
    },
    Has {
        cap: Cap,
    },
    Owned,
    // discovery
    Register {
        name: String,
        to: String,
    },
    Lookup {
        name: String,
    },
    Unregister {
        name: String,
    },
    Discover {
        actor_type: String,
    },
    // host calls and state
    HostCall {
        binding: String,
        namespace: String,
        operation: String,
        #[serde(default)]
        payload: String,
    },
    StateSet {
        key: String,
        value: String,
    },
    StateGet {
        key: String,
    },
    /// Sets state `key` to the previous op's answer, as JSON.
    KeepLast {
        key: String,
    },
    // durable
    Input,
    Replaying,
    PayloadChecks {
        on: bool,
    },
    /// `durable.run-begin` alone: the ops after it run inside the open run, as a guest's
    /// closure would. Answers whether the run executes.
    RunBegin {
        name: String,
    },
    /// A durable run; when it executes, its side effect is a message to the host on route
    /// `effect` naming it (unless `effect` is false): [`Ran`].
    Run {
        name: String,
        #[serde(default = "yes", skip_serializing_if = "is_true")]
        effect: bool,
        #[serde(default)]
        outcome: RunOutcome,
        /// A fixed-delay retry policy of this many attempts (default: none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_attempts: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_duration_ms: Option<u64>,
        /// Pause rather than fail once the attempts are spent.
        #[serde(default)]
        pause: bool,
    },
    DurableSleep {
        name: String,
        ms: u64,
        #[serde(rename = "as")]
        name_as: String,
    },
    Awakeable {
        #[serde(rename = "as")]
        name_as: String,
    },
    CompleteAwakeable {
        id: String,
        value: String,
    },
    PromiseGet {
        key: String,
        #[serde(rename = "as")]
        name_as: String,
    },
    PromisePeek {
        key: String,
    },
    PromiseComplete {
        key: String,
        value: String,
    },
    Signal {
        name: String,
        #[serde(rename = "as")]
        name_as: String,
    },
    CompleteSignal {
        id: String,
        name: String,
        value: String,
    },
    Cancel {
        id: String,
    },
    /// Waits on the named handles (and, when `cancellable`, on cancellation).
    Wait {
        of: Vec<String>,
        #[serde(default)]
        combinator: Combinator,
        #[serde(default)]
        cancellable: bool,
    },
    Completed {
        of: String,
    },
    Take {
        of: String,
    },
    /// Calls a durable service with `script` as its input, padded with `pad` spaces.
    DurableCall {
        #[serde(flatten)]
        target: Target,
        script: Script,
        #[serde(default)]
        pad: usize,
        #[serde(rename = "as")]
        name_as: String,
    },
    DurableSend {
        #[serde(flatten)]
        target: Target,
        script: Script,
        #[serde(default)]
        pad: usize,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delay_ms: Option<u64>,
    },
    Attach {
        #[serde(flatten)]
        invocation: InvocationRef,
        #[serde(rename = "as")]
        name_as: String,
    },
    Output {
        #[serde(flatten)]
        invocation: InvocationRef,
    },
}

impl Op {
    pub fn send(msg: Message) -> Self {
        Op::Send {
            msg,
            inherit: false,
        }
    }

    pub fn request(msg: Message, timeout_ms: Option<u64>) -> Self {
        Op::Request {
            msg,
            timeout_ms,
            context: None,
            inherit: false,
        }
    }

    pub fn call(msg: Message, timeout_ms: Option<u64>) -> Self {
        Op::Call { msg, timeout_ms }
    }

    /// Receives anything, waiting up to `timeout_ms` (`None`: forever).
    pub fn receive(timeout_ms: Option<u64>) -> Self {
        Op::Receive {
            tags: Vec::new(),
            ids: Vec::new(),
            timeout_ms,
        }
    }

    pub fn spawn(spawn: Spawn) -> Self {
        Op::Spawn { spawn }
    }

    pub fn sleep(ms: u64) -> Self {
        Op::Sleep { ms }
    }

    pub fn run(name: &str) -> Self {
        Op::Run {
            name: name.into(),
            effect: true,
            outcome: RunOutcome::Success,
            max_attempts: None,
            max_duration_ms: None,
            pause: false,
        }
    }

    /// Waits for the first of the named handles.
    pub fn wait<const N: usize>(of: [&str; N]) -> Self {
        Op::Wait {
            of: names(of),
            combinator: Combinator::First,
            cancellable: false,
        }
    }

    /// A durable timer of `ms` named `name`, its handle named `name` too.
    pub fn durable_sleep(name: &str, ms: u64) -> Self {
        Op::DurableSleep {
            name: name.into(),
            ms,
            name_as: name.into(),
        }
    }

    /// An awakeable whose handle is named `name`; its result is the awakeable's id.
    pub fn awakeable(name: &str) -> Self {
        Op::Awakeable {
            name_as: name.into(),
        }
    }

    pub fn send_after(msg: Message, delay_ms: u64) -> Self {
        Op::SendAfter { msg, delay_ms }
    }

    pub fn take(of: &str) -> Self {
        Op::Take { of: of.into() }
    }

    pub fn state_set(key: &str, value: &str) -> Self {
        Op::StateSet {
            key: key.into(),
            value: value.into(),
        }
    }

    pub fn state_get(key: &str) -> Self {
        Op::StateGet { key: key.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ops_read_back_as_written_and_a_misspelt_op_is_named() {
        let script = Script::new([
            Op::send(Message::to("host").tag(2).body(json!({ "n": 1 }))),
            Op::receive(Some(0)),
            Op::DurableSleep {
                name: "nap".into(),
                ms: 10,
                name_as: "nap".into(),
            },
            Op::spawn(Spawn::named("child").running([Op::Our]).link(Some(7))),
        ])
        .then(Then::Exit);
        assert_eq!(Script::from_bytes(&script.to_bytes()).unwrap(), script);
        let wire: Value = serde_json::from_slice(&script.to_bytes()).unwrap();
        assert_eq!(wire["ops"][2]["as"], "nap");
        assert_eq!(
            wire["ops"][0],
            json!({ "op": "send", "to": "host", "tag": 2, "body": { "n": 1 }, "inherit": false })
        );
        let err = Script::from_bytes(br#"{"ops": [{"op": "sned"}]}"#).unwrap_err();
        assert!(err.contains("sned"), "{err}");
        let bare = Script::from_bytes(br#" [{"op": "our"}]"#).unwrap();
        assert_eq!(bare, Script::new([Op::Our]));
    }
}

//! What the probe answers: one value per op of a script, as the types below. The probe builds
//! them and sends them as JSON; the tests read them back into the same types, so an answer is
//! read by what it is (`answers.seen(2).notice().reason`), never by JSON paths.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Cap;

/// The answers to a script, one per op, in order.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(Vec<Value>);

impl Answers {
    pub fn new(answers: Vec<Value>) -> Self {
        Self(answers)
    }

    /// Reads the body of a probe's reply.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        serde_json::from_slice(bytes).map_err(|e| format!("not the probe's answers: {e}"))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Answer `i` as the probe sent it.
    pub fn raw(&self, i: usize) -> &Value {
        self.0
            .get(i)
            .unwrap_or_else(|| panic!("no answer {i}: the probe answered {self:?}"))
    }

    /// Answer `i` as a `T`; panics naming the answer when it is not one.
    pub fn get<T: DeserializeOwned>(&self, i: usize) -> T {
        read(self.raw(i)).unwrap_or_else(|e| panic!("answer {i}: {e}; the answers: {self:?}"))
    }

    /// Every answer as a `T`.
    pub fn all<T: DeserializeOwned>(&self) -> Vec<T> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }

    /// Answer `i`, a delivery the probe saw (`receive`).
    pub fn seen(&self, i: usize) -> Seen {
        self.get(i)
    }

    /// Answer `i`, a call that succeeded with a `T`.
    pub fn ok<T: DeserializeOwned>(&self, i: usize) -> T {
        match self.get::<Outcome<T, Value>>(i) {
            Outcome::Ok(value) => value,
            Outcome::Err(e) => panic!("answer {i} failed: {e}; the answers: {self:?}"),
        }
    }

    /// Answer `i`, a call that failed with an `E`.
    pub fn err<E: DeserializeOwned>(&self, i: usize) -> E {
        match self.get::<Outcome<Value, E>>(i) {
            Outcome::Err(e) => e,
            Outcome::Ok(value) => panic!("answer {i} succeeded: {value}; the answers: {self:?}"),
        }
    }

    /// Answer `i`, a call that failed, as its error's text.
    pub fn error(&self, i: usize) -> String {
        self.err(i)
    }
}

impl fmt::Debug for Answers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Value::Array(self.0.clone()))
    }
}

fn read<T: DeserializeOwned>(v: &Value) -> Result<T, String> {
    T::deserialize(v).map_err(|e| format!("not a {}: {e}: {v}", std::any::type_name::<T>()))
}

/// The result of a host call that can fail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome<T, E = String> {
    Ok(T),
    Err(E),
}

impl<T, E> Outcome<T, E> {
    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::Ok(_))
    }
}

impl<T, E> From<Result<T, E>> for Outcome<T, E> {
    fn from(r: Result<T, E>) -> Self {
        match r {
            Ok(v) => Outcome::Ok(v),
            Err(e) => Outcome::Err(e),
        }
    }
}

/// A delivery, as the probe saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Seen {
    Request(Request),
    Response(Response),
    SendFailed(SendFailed),
    LinkDied(Notice),
    ProcessDied(Notice),
    Event { event: String },
    Chunk(Chunk),
    StopRequested,
}

impl Seen {
    fn unexpected(&self, wanted: &str) -> ! {
        panic!("the probe saw {self:?}, not a {wanted}")
    }

    pub fn request(&self) -> &Request {
        match self {
            Seen::Request(r) => r,
            other => other.unexpected("request"),
        }
    }

    pub fn response(&self) -> &Response {
        match self {
            Seen::Response(r) => r,
            other => other.unexpected("response"),
        }
    }

    pub fn send_failed(&self) -> &SendFailed {
        match self {
            Seen::SendFailed(f) => f,
            other => other.unexpected("send-failed"),
        }
    }

    /// The notice of a link's or a monitored process's end.
    pub fn notice(&self) -> &Notice {
        match self {
            Seen::LinkDied(n) | Seen::ProcessDied(n) => n,
            other => other.unexpected("notice"),
        }
    }

    pub fn chunk(&self) -> &Chunk {
        match self {
            Seen::Chunk(c) => c,
            other => other.unexpected("chunk"),
        }
    }

    /// The body of a message (request, response, returned payload) or the payload of a chunk.
    pub fn body(&self) -> &str {
        match self {
            Seen::Request(r) => &r.body,
            Seen::Response(r) => &r.body,
            Seen::SendFailed(f) => &f.body,
            Seen::Chunk(c) => &c.payload,
            other => other.unexpected("message"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u64,
    pub source: String,
    pub tag: Option<i64>,
    pub route: Option<String>,
    pub body: String,
    pub expects_response: bool,
    pub has_blob: bool,
    pub caps: Vec<Cap>,
    /// How many attachments came with it.
    pub attachments: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub request_id: u64,
    pub source: String,
    pub body: String,
    pub context: Option<String>,
    pub has_blob: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SendFailed {
    pub request_id: u64,
    /// The error, as the facade prints it.
    pub error: String,
    /// The body of the payload that came back.
    pub body: String,
    pub context: Option<String>,
}

/// Why an actor ended, as a notice says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    Normal,
    Failure,
    Killed,
    NoProcess,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub actor: String,
    pub tag: Option<i64>,
    pub reason: Reason,
    pub incarnation: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    pub stream: String,
    pub sequence: u64,
    pub payload: String,
    pub sender: String,
}

/// What `init` was started with (`started`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Started {
    pub incarnation: u64,
    pub restarted: bool,
    pub args: String,
}

/// A durable invocation's input (`input`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub id: String,
    pub key: Option<String>,
    pub retries: u32,
}

/// A terminal failure of a durable step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub code: u16,
    pub message: String,
}

/// What `durable.take` gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Taken {
    Ok(String),
    Err(Failure),
    Void,
    Invocation(String),
    /// A value the probe has no name for, as Rust prints it.
    Unexpected(String),
}

impl Taken {
    /// The success value; panics on anything else.
    pub fn ok(&self) -> &str {
        match self {
            Taken::Ok(v) => v,
            other => panic!("took {other:?}, not a success"),
        }
    }

    /// The failure; panics on anything else.
    pub fn failure(&self) -> &Failure {
        match self {
            Taken::Err(f) => f,
            other => panic!("took {other:?}, not a failure"),
        }
    }

    /// The invocation id; panics on anything else.
    pub fn invocation(&self) -> &str {
        match self {
            Taken::Invocation(id) => id,
            other => panic!("took {other:?}, not an invocation id"),
        }
    }
}

/// A durable run (`run`): whether it was replayed, and what it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ran {
    pub replayed: bool,
    pub value: Option<Taken>,
}

/// `spawn_duplicate`: sending the module, and spawning from the duplicate kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicated {
    pub sent: Outcome<u64>,
    pub spawned: Outcome<String>,
}

/// What the probe tells the host (route `report`): a lifecycle hook ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "hook", rename_all = "kebab-case")]
pub enum Report {
    /// `init` ran its script.
    Init {
        results: Answers,
    },
    /// `handle` got a delivery not on routes `probe` or `echo`.
    Handle {
        delivery: Seen,
    },
    /// In process mode, `receive` gave a delivery not on route `probe`.
    Receive {
        delivery: Seen,
    },
    OnReady,
    OnStop,
    OnError {
        context: String,
    },
    Observe {
        event: String,
    },
    OnDataChunk {
        delivery: Seen,
    },
}

impl Report {
    /// The delivery a `handle`, `receive` or `on-data-chunk` report is about.
    pub fn delivery(&self) -> Option<&Seen> {
        match self {
            Report::Handle { delivery }
            | Report::Receive { delivery }
            | Report::OnDataChunk { delivery } => Some(delivery),
            _ => None,
        }
    }
}

/// A durable run's side effect reached the host (route `effect`), with the idempotency key an
/// outside system would deduplicate it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effect {
    pub run: String,
    pub key: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_read_by_type_and_a_wrong_read_names_the_answer() {
        let answers = Answers::new(vec![
            json!({ "ok": 7 }),
            json!({ "err": "timed-out" }),
            json!({ "kind": "link-died", "actor": "a@b:c:d", "tag": 3, "reason": "no-process", "incarnation": 1 }),
            json!({ "replayed": true, "value": { "err": { "code": 409, "message": "no" } } }),
            json!("void"),
        ]);
        assert_eq!(answers.ok::<u64>(0), 7);
        assert_eq!(answers.error(1), "timed-out");
        assert_eq!(answers.seen(2).notice().reason, Reason::NoProcess);
        let ran: Ran = answers.get(3);
        assert_eq!(ran.value.unwrap().failure().code, 409);
        assert_eq!(answers.get::<Taken>(4), Taken::Void);
        let wrong = std::panic::catch_unwind(|| answers.seen(0)).unwrap_err();
        let said = wrong.downcast_ref::<String>().unwrap();
        assert!(said.starts_with("answer 0: not a"), "{said}");
    }

    #[test]
    fn reports_read_by_hook() {
        let init: Report =
            serde_json::from_value(json!({ "hook": "init", "results": [null] })).unwrap();
        assert_eq!(
            init,
            Report::Init {
                results: Answers::new(vec![Value::Null])
            }
        );
        let chunk = json!({ "hook": "on-data-chunk", "delivery": {
            "kind": "chunk", "stream": "s", "sequence": 1, "payload": "p", "sender": "x" } });
        let chunk: Report = serde_json::from_value(chunk).unwrap();
        assert_eq!(chunk.delivery().unwrap().body(), "p");
    }
}

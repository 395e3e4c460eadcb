//! What durable execution records: invocations and their status, the values handles
//! complete with, failures with their codes, and where the store keeps each completion.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::declaration::Access;
use crate::wit::types::ActorError;

/// Journal mismatch: the guest asked for something else than the journal recorded here.
pub const JOURNAL_MISMATCH: u16 = 570;
/// A protocol violation: the guest used the durable API in a way no retry gets past, such as
/// a side effect (messaging, process, discovery, streams, host-call) outside an executing
/// run, or a `wait` on a handle it never made.
pub const PROTOCOL_VIOLATION: u16 = 571;

/// A failure with a code, as Restate reports them (500: handler error, 570: journal
/// mismatch, 571: a side effect outside a run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub code: u16,
    pub message: String,
}

impl Failure {
    /// A handler's terminal error as a failure with an HTTP-like code, as Restate carries a
    /// terminal error to callers: an application error keeps its own code and message.
    pub(crate) fn of_error(error: &ActorError) -> Self {
        use ActorError::*;
        let code = match error {
            InvalidArgument(_) | DecodeFailure(_) => 400,
            PermissionDenied(_) => 403,
            NotFound(_) | UnknownRoute(_) | DependencyNotFound(_) => 404,
            Internal(_) => 500,
            NotImplemented(_) => 501,
            Unavailable(_) | Offline | ConnectionNotReady(_) => 503,
            TimedOut => 504,
            Application(e) => {
                return Failure {
                    code: e.code,
                    message: e.message.clone(),
                };
            }
        };
        Failure {
            code,
            message: error.describe(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (code {})", self.message, self.code)
    }
}

/// What a completed handle holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Completion {
    /// Completed without a value: a timer, a completed promise, a peek at an empty promise.
    Void,
    Success(Vec<u8>),
    Failure(Failure),
    /// The id of an invocation a `durable.call` or `durable.send` started.
    InvocationId(String),
}

impl Completion {
    pub fn of(value: Result<Vec<u8>, Failure>) -> Self {
        match value {
            Ok(bytes) => Completion::Success(bytes),
            Err(failure) => Completion::Failure(failure),
        }
    }

    pub(crate) fn failed(&self) -> bool {
        matches!(self, Completion::Failure(_))
    }
}

/// Where a durable invocation is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Running, or waiting for its next attempt.
    Running,
    /// Sent with a delay: its first attempt begins at `start_at_ms`.
    Scheduled {
        start_at_ms: u64,
    },
    Succeeded(Vec<u8>),
    Failed(Failure),
    /// Stopped after a failure its retry policy would not retry further; it stays as it is.
    Paused(Failure),
    /// Its handler waits for a timer due at `wake_at_ms` or for one of the awakeables,
    /// promises or cancellation in `waiting_on`; no instance runs meanwhile.
    Suspended {
        wake_at_ms: Option<u64>,
        waiting_on: Vec<String>,
    },
}

impl Status {
    /// Succeeded, failed or paused: it will not run again.
    pub fn is_final(&self) -> bool {
        !matches!(
            self,
            Status::Running | Status::Scheduled { .. } | Status::Suspended { .. }
        )
    }

    /// Succeeded or failed: it has its output, and will never run again. A paused invocation
    /// has not ended: it holds its key until it is resumed or killed.
    pub fn is_ended(&self) -> bool {
        matches!(self, Status::Succeeded(_) | Status::Failed(_))
    }

    /// What a caller attached to the invocation gets: its output once it succeeded or failed.
    pub fn output(&self) -> Option<Completion> {
        match self {
            Status::Succeeded(bytes) => Some(Completion::Success(bytes.clone())),
            Status::Failed(failure) => Some(Completion::Failure(failure.clone())),
            _ => None,
        }
    }

    /// Final, or suspended with nothing but completions from outside to wait for: the
    /// invocation will not move on its own.
    pub fn is_settled(&self) -> bool {
        match self {
            Status::Suspended { wake_at_ms, .. } => wake_at_ms.is_none(),
            other => other.is_final(),
        }
    }
}

/// A durable invocation, as the database keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invocation {
    pub id: String,
    pub service: String,
    pub handler: String,
    /// The object key: state is namespaced by it, and one invocation per key runs at a time.
    pub key: Option<String>,
    pub input: Vec<u8>,
    /// Calls with the same service, key, handler and idempotency key are this invocation.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    pub random_seed: u64,
    /// Attempts made so far.
    pub attempts: u32,
    /// Attempts since the journal last grew (`invocation-input.retry-count`).
    pub retry_count: u32,
    /// How many of those came before the invocation was last resumed: its retry policy
    /// counts only the ones after.
    #[serde(default)]
    pub retry_base: u32,
    /// When the first of those attempts failed: what a run's `max-duration-ms` measures from.
    #[serde(default)]
    pub retrying_since_ms: Option<u64>,
    pub status: Status,
    /// How it runs with respect to its object. Records written before services declared
    /// their kind have none, and run as they did: exclusive on their owner, keyed or not.
    #[serde(default)]
    pub access: Option<Access>,
    /// Its place in submission order: the invocations on one key run in this order, across
    /// restarts of the shim too.
    #[serde(default)]
    pub submitted: u64,
    /// Its own bound on failed attempts, in place of its service's retry policy's.
    #[serde(default)]
    pub limit: Option<AttemptLimit>,
    /// The invocation whose `durable.call` started this one (none for a one-way send): a
    /// cancellation or a kill of the caller reaches it.
    #[serde(default)]
    pub caller: Option<String>,
    /// Once it has ended: when its retention is over and the shim purges it (ms since the
    /// Unix epoch).
    #[serde(default)]
    pub expires_at_ms: Option<u64>,
}

impl Invocation {
    /// A record as the store holds it (binary, or JSON as written before records were).
    pub fn decode(bytes: &[u8]) -> Result<Self, crate::storage::StorageError> {
        super::codec::decode(bytes, "an invocation record").map_err(crate::storage::StorageError)
    }

    /// How it runs with respect to its object.
    pub fn access(&self) -> Access {
        self.access.unwrap_or(Access::Exclusive)
    }

    /// The owner of the invocation's state in the store: its service and object key.
    pub(crate) fn state_owner(&self) -> String {
        Self::owner(&self.service, self.key.as_deref())
    }

    /// The owner of the state of `service`'s object `key` (of the service itself, without a
    /// key), as [`Shim::state`](crate::Shim::state) takes it.
    pub fn owner(service: &str, key: Option<&str>) -> String {
        match key {
            Some(key) => format!("durable:{service}/{key}"),
            None => format!("durable:{service}"),
        }
    }
}

/// What to do when an attempt fails with a retryable error, a trap or a journal mismatch: a
/// service's retry policy, as Restate's invocation retry policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvocationRetry {
    /// The delay before the second attempt; it doubles each time, up to `max_interval`.
    pub initial_interval: Duration,
    pub max_interval: Duration,
    /// Failed attempts in a row without progress in the journal, after which the invocation
    /// stops (`None`: retry for ever).
    pub max_attempts: Option<u32>,
    /// When the attempts are used up: pause the invocation instead of failing it.
    pub pause_when_exhausted: bool,
    /// What a bug in the guest (a journal mismatch, 570, or a protocol violation, 571) does.
    pub on_guest_bug: OnGuestBug,
}

/// What an invocation does when an attempt fails for a bug in the guest: a journal mismatch
/// (570: the code no longer takes the steps its journal recorded) or a protocol violation
/// (571: a side effect outside a run, a `wait` on a handle taken before). No retry gets past
/// one until the code changes; a paused invocation waits for the fixed code to resume it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnGuestBug {
    /// Retry under the policy, at most `max_attempts` failed attempts in a row (fewer when
    /// the policy allows fewer), then end as the policy ends: pause or fail.
    Retry { max_attempts: u32 },
    /// Pause at the first.
    Pause,
    /// Fail at the first, as a terminal error reaching every caller.
    Fail,
}

impl Default for OnGuestBug {
    /// A few retries (a bug seen once may be a node's, not the code's), then a pause.
    fn default() -> Self {
        OnGuestBug::Retry { max_attempts: 10 }
    }
}

/// An invocation's own bound on its failed attempts, replacing its service's
/// (`cargo guest run --durable --max-attempts N --on-max-attempts pause|fail`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptLimit {
    /// Failed attempts in a row without progress after which it stops.
    pub max_attempts: u32,
    /// Pause rather than fail when it stops.
    pub pause: bool,
}

impl Default for InvocationRetry {
    fn default() -> Self {
        Self {
            initial_interval: Duration::from_millis(50),
            max_interval: Duration::from_secs(10),
            max_attempts: None,
            pause_when_exhausted: true,
            on_guest_bug: OnGuestBug::default(),
        }
    }
}

impl InvocationRetry {
    /// Whether an invocation stops after `failures` failed attempts in a row, the last with
    /// `code`, and if so, whether it pauses (`Some(true)`) or fails (`Some(false)`); `limit`
    /// is the invocation's own bound, when it has one.
    pub(crate) fn stops(
        &self,
        failures: u32,
        code: u16,
        limit: Option<AttemptLimit>,
    ) -> Option<bool> {
        let (max, pause) = match limit {
            Some(limit) => (Some(limit.max_attempts), limit.pause),
            None => (self.max_attempts, self.pause_when_exhausted),
        };
        let max = match (is_guest_bug(code), self.on_guest_bug) {
            (false, _) => max,
            (true, OnGuestBug::Pause) => return Some(true),
            (true, OnGuestBug::Fail) => return Some(false),
            (true, OnGuestBug::Retry { max_attempts }) => {
                Some(max.map_or(max_attempts, |max| max.min(max_attempts)))
            }
        };
        max.is_some_and(|max| failures >= max).then_some(pause)
    }

    pub(crate) fn delay(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(20);
        (self.initial_interval * 2u32.pow(doublings)).min(self.max_interval)
    }
}

/// Whether a failure with `code` is a bug in the guest that no retry gets past.
fn is_guest_bug(code: u16) -> bool {
    code == JOURNAL_MISMATCH || code == PROTOCOL_VIOLATION
}

/// Where the store keeps invocation `id`'s output (success or failure) once it has one, in
/// the same transaction as its final status: what its callers wait for.
pub(crate) fn output_key(id: &str) -> String {
    format!("output:{id}")
}

/// The invocation whose output `key` holds, when it is an output's key.
pub(crate) fn output_of(key: &str) -> Option<&str> {
    key.strip_prefix("output:")
}

/// Where the store keeps the value of signal `name` of invocation `id`.
pub(crate) fn signal_key(id: &str, name: &str) -> String {
    format!("signal:{id}/{name}")
}

/// Where the store keeps the value of awakeable `id`.
pub(crate) fn awakeable_key(id: &str) -> String {
    format!("awakeable:{id}")
}

/// Where the store keeps the value of promise `name` of the invocations on `owner`.
pub(crate) fn promise_key(owner: &str, name: &str) -> String {
    format!("promise:{owner}/{name}")
}

/// What a cancelled invocation ends with, as in Restate: a terminal error with code 409.
pub fn cancelled() -> Failure {
    Failure {
        code: 409,
        message: "cancelled".into(),
    }
}

/// What a killed invocation ends with: 409, and no handler code ran to compensate.
pub fn killed() -> Failure {
    Failure {
        code: 409,
        message: "killed".into(),
    }
}

/// Where the store records that invocation `id` was asked to cancel.
pub(crate) fn cancel_key(id: &str) -> String {
    format!("cancel:{id}")
}

/// What became of an invocation request, as Restate's ingress answers a send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accepted {
    /// It started a new invocation, with this id.
    New(String),
    /// An earlier request with the same idempotency key (or, for a workflow's run, the same
    /// workflow key) started the invocation with this id.
    Previously(String),
}

impl Accepted {
    /// The invocation's id.
    pub fn id(&self) -> &str {
        match self {
            Accepted::New(id) | Accepted::Previously(id) => id,
        }
    }
}

/// A new invocation: of `service`'s `handler`, on object `key`, with `input`.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub service: String,
    pub handler: String,
    pub key: Option<String>,
    pub input: Vec<u8>,
    /// Requests with the same service, key, handler and idempotency key make one invocation:
    /// the first; the others get its id.
    pub idempotency_key: Option<String>,
    /// When set, the first attempt begins no earlier than this (ms since the Unix epoch).
    pub start_at_ms: Option<u64>,
    /// The invocation's own bound on failed attempts, in place of its service's.
    pub limit: Option<AttemptLimit>,
    /// The invocation whose `durable.call` this is: cancelling or killing it reaches this one.
    pub caller: Option<String>,
}

impl Request {
    /// The id every request with this idempotency key gets.
    pub(crate) fn idempotent_id(&self) -> Option<String> {
        let idempotency_key = self.idempotency_key.as_deref()?;
        let key = self.key.as_deref().unwrap_or_default();
        Some(derived_id(&[
            "idempotency",
            &self.service,
            key,
            &self.handler,
            idempotency_key,
        ]))
    }
}

/// An invocation id made from `parts`: the same parts, the same id.
pub(crate) fn derived_id(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for part in parts {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part.as_bytes());
    }
    let digest = hash.finalize();
    format!("inv_{}", hex(&digest[..16]))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

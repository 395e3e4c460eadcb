//! Durable steps for a handler running as a durable invocation (`cargo guest run --durable`,
//! `Shim::start_invocation`): each step's result is journaled by the host, so after a crash,
//! a retry or a suspension the handler runs again from the top and every completed step
//! returns its recorded result instead of running again.
//!
//! ```ignore
//! let receipt: String = guestkit::durable::run("charge", || payments::charge(&order))?;
//! guestkit::durable::sleep(Duration::from_secs(60))?;
//! let approval = guestkit::durable::awakeable::<String>()?;
//! cx.info(format!("approve with: cargo guest complete --awakeable {}", approval.id()));
//! let verdict = approval.wait()?;
//! let shipment: Shipment = guestkit::durable::service("shipping").key(&order.id).call("ship", &order)?;
//! ```
//!
//! Values cross the journal as JSON (the `_bytes` calls pass bytes as they are, for
//! generated protobuf clients). Outside a durable invocation these functions trap.

use std::marker::PhantomData;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Error;
use crate::host::durable::{
    self as raw, AwaitNode, CallTarget, Combinator, InvocationRef, RunOutcome, RunStart, Value,
};
use crate::host::types::{Address, Failure, ProcessId};

/// Runs `step` once: on replay its journaled result comes back without running it. An `Err`
/// that is [terminal](Error::terminal) is journaled as the step's failure and returned;
/// any other is retried, as in Restate: the attempt ends, and the invocation runs again after
/// an exponential backoff (50 ms doubling to 10 s, without limit) with the step executing
/// anew.
pub fn run<T, E>(name: &str, step: impl FnOnce() -> Result<T, E>) -> Result<T, Error>
where
    T: Serialize + DeserializeOwned,
    E: Into<Error>,
{
    let handle = match raw::run_begin(name) {
        RunStart::Replayed(h) => h,
        RunStart::Execute(h) => {
            let outcome = match step().map_err(Into::into) {
                Ok(value) => RunOutcome::Success(encode(&value)?),
                Err(e) if e.is_terminal() => {
                    let failure = Failure::from(&e);
                    RunOutcome::Terminal(Failure {
                        message: format!("{name}: {}", failure.message),
                        ..failure
                    })
                }
                Err(e) => RunOutcome::Retryable(format!("{name}: {e}")),
            };
            raw::run_end(h, &outcome, RUN_RETRY);
            h
        }
    };
    take(handle)
}

/// How a step that fails with a retryable error is retried: as Restate retries by default.
const RUN_RETRY: raw::RetryPolicy = raw::RetryPolicy::Exponential(raw::Exponential {
    initial_interval_ms: 50,
    factor: 2.0,
    max_interval_ms: Some(10_000),
    max_attempts: None,
    max_duration_ms: None,
    on_max_attempts: raw::OnMaxAttempts::Pause,
});

/// A durable timer: the wake-up time is journaled, so it survives a restart of the shim. The
/// invocation suspends (no instance runs) until it is due.
pub fn sleep(duration: Duration) -> Result<(), Error> {
    let ms = u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
    let handle = raw::sleep("sleep", ms);
    wait_for(handle)?;
    take_void(handle)
}

/// A value someone outside completes: the host (`Shim::complete_awakeable`, `cargo guest
/// complete --awakeable ID`) or another handler.
pub struct Awakeable<T> {
    id: String,
    handle: raw::Handle,
    value: PhantomData<fn() -> T>,
}

/// A new awakeable. Hand its [`id`](Awakeable::id) to whoever completes it.
pub fn awakeable<T: DeserializeOwned>() -> Result<Awakeable<T>, Error> {
    let (id, handle) = raw::awakeable();
    Ok(Awakeable {
        id,
        handle,
        value: PhantomData,
    })
}

impl<T: DeserializeOwned> Awakeable<T> {
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Suspends until the awakeable is completed; its value, or its failure as an error.
    pub fn wait(self) -> Result<T, Error> {
        wait_for(self.handle)?;
        take(self.handle)
    }
}

/// Completes the awakeable `id` another invocation made.
pub fn complete_awakeable<T: Serialize>(id: &str, value: &T) -> Result<(), Error> {
    raw::complete_awakeable(id, Ok(&encode(value)?));
    Ok(())
}

/// A named promise of this invocation's object (its key): any invocation on the same object
/// can complete it once, and any can wait for it.
pub struct Promise<T> {
    name: String,
    value: PhantomData<fn() -> T>,
}

pub fn promise<T: Serialize + DeserializeOwned>(name: &str) -> Promise<T> {
    Promise {
        name: name.to_owned(),
        value: PhantomData,
    }
}

impl<T: Serialize + DeserializeOwned> Promise<T> {
    /// Suspends until the promise is completed; its value.
    pub fn get(&self) -> Result<T, Error> {
        let handle = raw::promise_get(&self.name);
        wait_for(handle)?;
        take(handle)
    }

    /// Its value now, if it has one.
    pub fn peek(&self) -> Result<Option<T>, Error> {
        match raw::take(raw::promise_peek(&self.name)) {
            Some(Value::Success(bytes)) => decode(&bytes).map(Some),
            Some(Value::Failure(f)) => Err(failed(f)),
            _ => Ok(None),
        }
    }

    /// Completes it with `value`; an error when it was already completed.
    pub fn resolve(&self, value: &T) -> Result<(), Error> {
        let handle = raw::promise_complete(&self.name, Ok(&encode(value)?));
        take_void(handle)
    }
}

/// Another durable service (or this one), to call: `service("shipping").key("o-1")`.
#[derive(Debug, Clone)]
pub struct Service {
    name: String,
    key: Option<String>,
    idempotency_key: Option<String>,
}

/// The durable service registered as `name` on this node.
pub fn service(name: &str) -> Service {
    Service {
        name: name.to_owned(),
        key: None,
        idempotency_key: None,
    }
}

impl Service {
    /// Calls the handlers of this object: their state and promises are `key`'s, and they run
    /// one at a time with other invocations on it.
    pub fn key(mut self, key: &str) -> Self {
        self.key = Some(key.to_owned());
        self
    }

    /// Calls with the same service, key, handler and idempotency key make one invocation,
    /// whoever makes them: the later ones get the first one's output.
    pub fn idempotency_key(mut self, key: &str) -> Self {
        self.idempotency_key = Some(key.to_owned());
        self
    }

    /// Starts `handler` with `input` and suspends until its output: exactly one invocation
    /// however often this handler is retried or replayed.
    pub fn call<I: Serialize, O: DeserializeOwned>(
        &self,
        handler: &str,
        input: &I,
    ) -> Result<O, Error> {
        decode(&self.call_bytes(handler, encode(input)?)?)
    }

    /// [`call`](Self::call) with the input and output as bytes.
    pub fn call_bytes(&self, handler: &str, input: Vec<u8>) -> Result<Vec<u8>, Error> {
        let handles = raw::call(&self.target(handler), &input, None);
        wait_for(handles.completion)?;
        match raw::take(handles.completion) {
            Some(Value::Success(bytes)) => Ok(bytes),
            Some(Value::Failure(f)) => Err(failed(f)),
            _ => Ok(Vec::new()),
        }
    }

    /// Starts `handler` with `input` without waiting for it, `delay` from now when given;
    /// the new invocation's id. It starts once, however often this handler is retried.
    pub fn send<I: Serialize>(
        &self,
        handler: &str,
        input: &I,
        delay: Option<Duration>,
    ) -> Result<String, Error> {
        self.send_bytes(handler, encode(input)?, delay)
    }

    /// [`send`](Self::send) with the input as bytes.
    pub fn send_bytes(
        &self,
        handler: &str,
        input: Vec<u8>,
        delay: Option<Duration>,
    ) -> Result<String, Error> {
        let delay_ms = delay.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        let handle = raw::send(&self.target(handler), &input, delay_ms, None);
        match raw::take(handle) {
            Some(Value::InvocationId(id)) => Ok(id),
            Some(Value::Failure(f)) => Err(failed(f)),
            other => Err(Error::internal(format!(
                "durable.send returned no invocation id: {other:?}"
            ))),
        }
    }

    fn target(&self, handler: &str) -> CallTarget {
        CallTarget {
            // The node left empty: this one.
            actor: Address {
                node: String::new(),
                process: ProcessId {
                    process_name: self.name.clone(),
                    package_name: "durable".into(),
                    publisher_node: String::new(),
                },
            },
            handler: handler.to_owned(),
            key: self.key.clone(),
            idempotency_key: self.idempotency_key.clone(),
            scope: None,
            limit_key: None,
            headers: Vec::new(),
        }
    }
}

/// Suspends until signal `name` of this invocation arrives (someone calls
/// [`complete_signal`] with this invocation's id); its value.
pub fn signal<T: DeserializeOwned>(name: &str) -> Result<T, Error> {
    let handle = raw::signal(name);
    wait_for(handle)?;
    take(handle)
}

/// Sends signal `name` with `value` to invocation `invocation_id`.
pub fn complete_signal<T: Serialize>(
    invocation_id: &str,
    name: &str,
    value: &T,
) -> Result<(), Error> {
    raw::complete_signal(invocation_id, name, Ok(&encode(value)?));
    Ok(())
}

/// Suspends until invocation `invocation_id` ends; its output.
pub fn attach<T: DeserializeOwned>(invocation_id: &str) -> Result<T, Error> {
    let handle = raw::attach_invocation(&InvocationRef::InvocationId(invocation_id.to_owned()));
    wait_for(handle)?;
    take(handle)
}

/// Invocation `invocation_id`'s output now: `None` while it has not ended.
pub fn output<T: DeserializeOwned>(invocation_id: &str) -> Result<Option<T>, Error> {
    let target = InvocationRef::InvocationId(invocation_id.to_owned());
    match raw::take(raw::get_invocation_output(&target)) {
        Some(Value::Success(bytes)) => decode(&bytes).map(Some),
        Some(Value::Failure(f)) => Err(failed(f)),
        _ => Ok(None),
    }
}

/// Suspends until `handle` completes; an error when the invocation was cancelled.
fn wait_for(handle: raw::Handle) -> Result<(), Error> {
    let tree = [AwaitNode {
        combinator: Combinator::FirstCompleted,
        handles: vec![handle, CANCEL],
        children: Vec::new(),
    }];
    match raw::wait(&tree) {
        raw::WaitOutcome::AnyCompleted if raw::is_completed(handle) => Ok(()),
        _ => Err(Error::application(409, "the invocation was cancelled")),
    }
}

/// The host's CANCEL signal handle.
const CANCEL: raw::Handle = 1;

fn take<T: DeserializeOwned>(handle: raw::Handle) -> Result<T, Error> {
    match raw::take(handle) {
        Some(Value::Success(bytes)) => decode(&bytes),
        Some(Value::Failure(f)) => Err(failed(f)),
        other => Err(Error::internal(format!(
            "durable handle {handle} holds no value: {other:?}"
        ))),
    }
}

fn take_void(handle: raw::Handle) -> Result<(), Error> {
    match raw::take(handle) {
        Some(Value::Failure(f)) => Err(failed(f)),
        _ => Ok(()),
    }
}

/// A failure recorded in the journal (a run's, a call's, a rejected awakeable's or promise's)
/// as the handler sees it: terminal, as Restate's `TerminalError`. The handler may handle it;
/// returned with `?`, it ends the invocation with its code instead of retrying an attempt
/// that would replay the same failure.
fn failed(f: Failure) -> Error {
    Error::terminal(f.code, f.message)
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|e| Error::internal(format!("encoding a durable value: {e}")))
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(bytes)
        .map_err(|e| Error::internal(format!("a durable value does not decode: {e}")))
}

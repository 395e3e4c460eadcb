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
//! ```
//!
//! Values cross the journal as JSON. Outside a durable invocation these functions trap.

use std::fmt::Display;
use std::marker::PhantomData;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Error;
use crate::host::durable::{self as raw, AwaitNode, Combinator, RunOutcome, RunStart, Value};
use crate::host::types::Failure;

/// Runs `step` once: on replay its journaled result comes back without running it. An `Err`
/// is journaled too, as a terminal failure of the step (not retried).
pub fn run<T, E>(name: &str, step: impl FnOnce() -> Result<T, E>) -> Result<T, Error>
where
    T: Serialize + DeserializeOwned,
    E: Display,
{
    let handle = match raw::run_begin(name) {
        RunStart::Replayed(h) => h,
        RunStart::Execute(h) => {
            let outcome = match step() {
                Ok(value) => RunOutcome::Success(encode(&value)?),
                Err(e) => RunOutcome::Terminal(Failure {
                    code: 500,
                    message: format!("{name}: {e}"),
                    metadata: Vec::new(),
                }),
            };
            raw::run_end(h, &outcome, raw::RetryPolicy::None);
            h
        }
    };
    take(handle)
}

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

fn failed(f: Failure) -> Error {
    Error::application(f.code, f.message)
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|e| Error::internal(format!("encoding a durable value: {e}")))
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(bytes)
        .map_err(|e| Error::internal(format!("a durable value does not decode: {e}")))
}

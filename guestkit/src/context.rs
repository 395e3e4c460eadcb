//! What a handler can do: read the message it serves, keep state, log, and message others.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Error;
use crate::host::log::{self, Level};
use crate::host::types::{Address, Dest, Message, Payload};
use crate::host::{messaging, process, state};

/// The handler's view of the host, for one message.
pub struct Context {
    id: u64,
    source: Address,
    route: Option<String>,
}

impl Context {
    pub(crate) fn for_message(message: &Message) -> Self {
        Self {
            id: message.id,
            source: message.source.clone(),
            route: message.route.clone(),
        }
    }

    /// This actor's address.
    pub fn our(&self) -> Address {
        process::our()
    }

    /// The sender of the message being handled.
    pub fn source(&self) -> &Address {
        &self.source
    }

    /// The host-assigned id of the message being handled.
    pub fn message_id(&self) -> u64 {
        self.id
    }

    /// The route the message was sent to.
    pub fn route(&self) -> Option<&str> {
        self.route.as_deref()
    }

    /// This actor's persistent state. Writes commit when the handler returns `Ok`.
    pub fn state(&self) -> State {
        state()
    }

    pub fn log(&self, level: Level, message: impl AsRef<str>) {
        log::log(level, message.as_ref());
    }
    pub fn debug(&self, message: impl AsRef<str>) {
        self.log(Level::Debug, message);
    }
    pub fn info(&self, message: impl AsRef<str>) {
        self.log(Level::Info, message);
    }
    pub fn warn(&self, message: impl AsRef<str>) {
        self.log(Level::Warn, message);
    }
    pub fn error(&self, message: impl AsRef<str>) {
        self.log(Level::Error, message);
    }

    /// Sends `body` to `route` on `to`, one-way. Returns the message id.
    pub fn send(&self, to: &Address, route: &str, body: Vec<u8>) -> Result<u64, Error> {
        Ok(messaging::send(
            &Dest::Actor(to.clone()),
            &payload(route, body),
            Vec::new(),
            false,
        )?)
    }

    /// Sends a request and waits up to `timeout` for its response body. Other deliveries that
    /// arrive meanwhile stay queued.
    pub fn call(
        &self,
        to: &Address,
        route: &str,
        body: Vec<u8>,
        timeout: Duration,
    ) -> Result<Vec<u8>, Error> {
        let timeout_ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
        match messaging::call(
            &Dest::Actor(to.clone()),
            &payload(route, body),
            Vec::new(),
            timeout_ms,
        ) {
            Ok(response) => Ok(response.body),
            Err(failed) => Err(Error::from(failed.error)),
        }
    }
}

fn payload(route: &str, body: Vec<u8>) -> Payload {
    Payload {
        tag: None,
        route: Some(route.to_owned()),
        body,
        metadata: None,
        headers: Vec::new(),
        blob: None,
        capabilities: Vec::new(),
    }
}

/// The actor's persistent state outside a handler, e.g. in a function of the guest's own
/// WIT exports. Writes commit when that function returns.
pub fn state() -> State {
    State(())
}

/// Typed access to the actor's persistent key/value state. Values are stored as JSON, so any
/// tool can read them; use the `*_bytes` methods for raw bytes.
pub struct State(());

impl State {
    /// The value at `key`, or `None` when unset.
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, Error> {
        state::get(key)
            .map(|bytes| serde_json::from_slice(&bytes).map_err(|e| Error::state(key, e)))
            .transpose()
    }

    pub fn set<T: Serialize + ?Sized>(&self, key: &str, value: &T) -> Result<(), Error> {
        let bytes = serde_json::to_vec(value).map_err(|e| Error::state(key, e))?;
        state::set(key, &bytes);
        Ok(())
    }

    pub fn get_bytes(&self, key: &str) -> Option<Vec<u8>> {
        state::get(key)
    }

    pub fn set_bytes(&self, key: &str, value: &[u8]) {
        state::set(key, value);
    }

    pub fn clear(&self, key: &str) {
        state::clear(key);
    }

    pub fn clear_all(&self) {
        state::clear_all();
    }

    /// Every key currently set, in order.
    pub fn keys(&self) -> Vec<String> {
        state::keys()
    }
}

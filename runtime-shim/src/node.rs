//! The node: what every actor of one shim shares, and the embedding application's hooks into
//! it (log sink, host calls, messages to the host).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use wasmtime::Engine;

use crate::capability::{self, Seal};
use crate::clock::Clock;
use crate::error::ShimError;
use crate::journal::{InvocationRetry, Invocations};
use crate::limits::Limits;
use crate::mailbox::Envelope;
use crate::router::Router;
use crate::storage::StateStore;
use crate::wit::log::Level;
use crate::wit::types::{ActorError, Address, Capability, Payload, ProcessId};
use crate::workers::Workers;

/// One line an actor logged.
#[derive(Debug, Clone)]
pub struct LogLine {
    pub actor: Address,
    pub level: Level,
    pub message: String,
}

/// Receives every actor's log lines.
pub type LogSink = Arc<dyn Fn(LogLine) + Send + Sync>;

/// Handles a host call (waPC `__host_call`) for one `binding/namespace`: gets the operation
/// and payload, returns the reply or an error string the guest receives as `err`.
pub type HostCallback = Arc<dyn Fn(&str, &[u8]) -> Result<Vec<u8>, String> + Send + Sync>;

/// A message an actor sent to `dest::host`.
#[derive(Debug, Clone)]
pub struct HostMessage {
    pub id: u64,
    pub source: Address,
    pub expects_response: bool,
    pub payload: Payload,
}

/// Receives every message actors send to `dest::host`. For a request, `Some` is the response;
/// `None` leaves the requester to its deadline.
pub type HostHandler = Arc<dyn Fn(HostMessage) -> Option<Payload> + Send + Sync>;

/// One node: what every actor of one shim shares. Its engine, clock, router and state
/// store, and the tables behind discovery, timers, host calls and durable invocations.
pub(crate) struct Node {
    /// The node's name, part of every local address.
    pub name: String,
    pub engine: Engine,
    pub clock: Clock,
    pub router: Arc<Router>,
    pub store: Arc<dyn StateStore>,
    /// Signs the capabilities actors save in the store.
    pub seal: Seal,
    pub limits: Limits,
    pub log_sink: LogSink,
    /// Where `process.load-module` resolves relative paths.
    pub drive: PathBuf,
    pub host_calls: HashMap<(String, String), HostCallback>,
    pub host_handler: Option<HostHandler>,
    /// The seals other nodes put on the capabilities they issued and sent here, by
    /// [`Capability::key`]: what such a capability carries when it goes back to its node,
    /// which then knows it for its own ([`remote::vouched`](crate::remote)).
    pub homeward: Mutex<HashMap<(String, String), Vec<u8>>>,
    /// Discovery names. Async, so that `get-or-spawn` holds it across the spawn.
    pub names: tokio::sync::Mutex<HashMap<String, Address>>,
    /// Pending `send-after` timers: owner and task.
    pub timers: Mutex<HashMap<u64, (Address, tokio::task::AbortHandle)>>,
    pub invocations: Invocations,
    pub invocation_retry: InvocationRetry,
    /// The threads the node's actors run on.
    pub workers: Arc<Workers>,
}

impl Node {
    /// The capabilities `holder` saved in an earlier life, in this shim process or another.
    /// One whose seal does not match is dropped from the store, with a warning.
    pub fn saved_capabilities(&self, holder: &Address) -> Result<Vec<Capability>, ShimError> {
        let key = holder.process.to_string();
        let mut caps = Vec::new();
        let mut forged = Vec::new();
        for saved in self.store.saved_capabilities(&key)? {
            match self.seal.open(&key, &saved) {
                Some(cap) => caps.push(cap),
                None => forged.push(saved),
            }
        }
        if !forged.is_empty() {
            for saved in &forged {
                self.log(
                    holder,
                    Level::Warn,
                    format!(
                        "dropped the saved capability {{issuer: {}, params: {}}}: this node \
                         did not sign it for {holder}",
                        saved.issuer, saved.params
                    ),
                );
            }
            let pairs: Vec<_> = forged.into_iter().map(|s| (s.issuer, s.params)).collect();
            self.store.forget_capabilities(&key, &pairs)?;
        }
        Ok(caps)
    }

    /// Keeps `seal`, which `cap`'s issuing node put on it, for its way back there.
    pub fn keep_seal(&self, cap: &Capability, seal: Vec<u8>) {
        self.homeward.lock().unwrap().insert(cap.key(), seal);
    }

    /// The seal `cap`'s issuing node put on it, when it came here with one.
    pub fn kept_seal(&self, cap: &Capability) -> Option<Vec<u8>> {
        self.homeward.lock().unwrap().get(&cap.key()).cloned()
    }

    /// The address of this node's kernel: what the node's own log lines are of.
    pub fn kernel_address(&self) -> Address {
        capability::kernel(&self.name)
    }

    /// The kernel capability with `params`.
    pub fn kernel_cap(&self, params: &str) -> Capability {
        Capability::new(self.kernel_address(), params)
    }

    /// Hands a message to the embedding application's handler; for a request, its answer (or
    /// the lack of a handler) completes the pending request `envelope.id`.
    pub fn to_host(&self, envelope: Envelope) {
        let router = &self.router;
        let (id, expects_response) = (envelope.id, envelope.expects_response);
        let Some(handler) = &self.host_handler else {
            if expects_response {
                router.fail(
                    id,
                    ActorError::NotFound("the host application handles no messages".into()),
                );
            }
            return;
        };
        let reply = handler(HostMessage {
            id,
            source: envelope.source,
            expects_response,
            payload: envelope.payload,
        });
        if let (true, Some(reply)) = (expects_response, reply) {
            router.respond(id, router.host(), reply, Vec::new());
        }
    }

    /// The address of `name` in `package` on this node.
    pub fn address(&self, name: &str, package: &str) -> Address {
        Address::new(
            &self.name,
            ProcessId {
                process_name: name.to_owned(),
                package_name: package.to_owned(),
                publisher_node: self.name.clone(),
            },
        )
    }

    /// Hands `message`, logged by `actor`, to the log sink.
    pub fn log(&self, actor: &Address, level: Level, message: String) {
        (self.log_sink)(LogLine {
            actor: actor.clone(),
            level,
            message,
        });
    }
}

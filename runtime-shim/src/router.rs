//! Where messages are routed: the table of live actors' inboxes, and the table of requests
//! still waiting for their one response or send failure.
//!
//! Every request gets exactly one outcome: the first of a response, a delivery failure or its
//! deadline removes it from `pending`; anything arriving later finds no entry and is dropped.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tokio::sync::oneshot;

use crate::bindings::messaging::SendError;
use crate::bindings::types::{ActorError, Address, Payload};
use crate::mailbox::{Delivery, Envelope, Inbox, Invocation, Reply};

/// Who is waiting for a request's outcome.
pub(crate) enum Requester {
    /// An actor: the outcome lands in its mailbox.
    Actor(Address),
    /// The application embedding the shim.
    Host(oneshot::Sender<Result<Reply, SendError>>),
}

struct Pending {
    requester: Requester,
    target: Address,
    returned: Payload,
    context: Option<Vec<u8>>,
}

/// Shared by every actor of a shim.
#[derive(Default)]
pub(crate) struct Router {
    actors: RwLock<HashMap<String, Inbox>>,
    pending: Mutex<HashMap<u64, Pending>>,
    next_id: AtomicU64,
}

impl Router {
    /// A fresh message id, unique within this shim.
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Makes `address` reachable. Returns false when it is already taken.
    pub fn register(&self, address: &Address, inbox: Inbox) -> bool {
        let mut actors = self.actors.write().unwrap();
        match actors.entry(address.to_string()) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(inbox);
                true
            }
        }
    }

    pub fn unregister(&self, address: &Address) {
        self.actors.write().unwrap().remove(&address.to_string());
    }

    pub fn exists(&self, address: &Address) -> bool {
        self.actors
            .read()
            .unwrap()
            .contains_key(&address.to_string())
    }

    /// Hands `delivery` to `to`'s mailbox; false when there is no such actor.
    fn deliver(&self, to: &Address, delivery: Delivery) -> bool {
        let actors = self.actors.read().unwrap();
        actors
            .get(&to.to_string())
            .is_some_and(|inbox| inbox.send(delivery).is_ok())
    }

    /// Hands an invocation of a WIT export to `to`; gives it back when there is no such actor.
    pub fn invoke(&self, to: &Address, invocation: Invocation) -> Result<(), Invocation> {
        let actors = self.actors.read().unwrap();
        let Some(inbox) = actors.get(&to.to_string()) else {
            return Err(invocation);
        };
        inbox
            .send(Delivery::Invoke(invocation))
            .map_err(|e| match e.0 {
                Delivery::Invoke(i) => i,
                _ => unreachable!("the delivery sent was an invocation"),
            })
    }

    /// One-way: a missing target drops the message, as delivery is not guaranteed.
    pub fn send(&self, to: &Address, envelope: Envelope) {
        self.deliver(to, Delivery::Request(envelope));
    }

    /// Delivers a request whose outcome goes to `requester` within `timeout` (`None`: no deadline).
    pub fn request(
        self: &Arc<Self>,
        to: &Address,
        envelope: Envelope,
        requester: Requester,
        context: Option<Vec<u8>>,
        timeout: Option<Duration>,
    ) {
        let id = envelope.id;
        self.pending.lock().unwrap().insert(
            id,
            Pending {
                requester,
                target: to.clone(),
                returned: envelope.payload.clone(),
                context,
            },
        );
        if let Some(timeout) = timeout {
            let router = Arc::clone(self);
            tokio::spawn(async move {
                tokio::time::sleep(timeout).await;
                router.fail(id, ActorError::TimedOut);
            });
        }
        if !self.deliver(to, Delivery::Request(envelope)) {
            self.fail(id, ActorError::NotFound(format!("no actor at {to}")));
        }
    }

    /// Completes request `request_id` with a response. Returns false when nobody waits for it.
    pub fn respond(&self, request_id: u64, source: Address, payload: Payload) -> bool {
        let Some(p) = self.pending.lock().unwrap().remove(&request_id) else {
            return false;
        };
        let reply = Reply {
            request_id,
            source,
            payload,
            context: p.context,
        };
        match p.requester {
            Requester::Actor(a) => {
                self.deliver(&a, Delivery::Response(reply));
            }
            Requester::Host(tx) => {
                let _ = tx.send(Ok(reply));
            }
        }
        true
    }

    /// Completes request `request_id` with a send failure, if it is still pending.
    pub fn fail(&self, request_id: u64, error: ActorError) {
        let Some(p) = self.pending.lock().unwrap().remove(&request_id) else {
            return;
        };
        let failure = SendError {
            request_id,
            error,
            target: p.target,
            returned: p.returned,
            context: p.context,
        };
        match p.requester {
            Requester::Actor(a) => {
                self.deliver(&a, Delivery::SendFailed(failure));
            }
            Requester::Host(tx) => {
                let _ = tx.send(Err(failure));
            }
        }
    }
}

//! Where messages are routed: the table of live processes (their inboxes, links, monitors,
//! capabilities and exit policies), and the table of requests still waiting for their one
//! response or send failure.
//!
//! Every request gets exactly one outcome: the first of a response, a delivery failure or its
//! deadline removes it from `pending`; anything arriving later finds no entry and is dropped.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{oneshot, watch};

use crate::capability::{self, Held, MESSAGING};
use crate::clock::Clock;
use crate::component::Module;
use crate::mailbox::{Delivery, Envelope, ExportCall, Inbox, Reply};
use crate::wit::address::{Key, Names as _};
use crate::wit::messaging::SendError;
use crate::wit::process::OnExit;
use crate::wit::types::{
    ActorError, ActorType, Address, Capability, ExitNotice, ExitReason, Payload, ProcessId,
};

/// Who is waiting for a request's outcome.
pub(crate) enum Requester {
    /// An actor: the outcome lands in its mailbox.
    Actor(Address),
    /// An actor found in the process table when its request was sent: the outcome goes
    /// straight to its inbox, which the table holds for as long as the actor lives
    /// (restarts and new code included).
    Inbox(Inbox),
    /// The application embedding the shim.
    Host(oneshot::Sender<Result<Reply, SendError>>),
}

struct Pending {
    requester: Requester,
    target: Address,
    returned: Payload,
    context: Option<Vec<u8>>,
}

/// One live process: stays in the table across on-exit restarts, so its address, links,
/// capabilities and public flag survive them.
pub(crate) struct Process {
    pub inbox: Inbox,
    /// Set to true to kill the process wherever it is.
    pub kill: watch::Sender<bool>,
    pub incarnation: u64,
    pub public: bool,
    pub parent: Option<Address>,
    /// Linked processes and the tag of each link.
    pub links: HashMap<Key, Option<i64>>,
    /// Who monitors this process.
    pub monitors: HashSet<Key>,
    pub die_when_link_dies: bool,
    pub on_exit: OnExit,
    pub actor_type: Option<ActorType>,
    pub held: Held,
    /// The host asked it to stop: when it ends, it is gone for good, whatever its on-exit.
    pub stopping: bool,
    /// Hear how it ended, once it is gone for good.
    pub obituary: Vec<oneshot::Sender<ExitReason>>,
}

/// The way to the actors of other nodes, once the shim has joined a cluster: a transport.
pub(crate) trait Network: Send + Sync {
    /// Sends a one-way message to `to`, an actor of another node. Delivery is not
    /// guaranteed, as between local actors.
    fn send(&self, to: &Address, envelope: Envelope);
    /// Sends request `envelope` to `to`, an actor of another node, to be answered within
    /// `timeout`: its one outcome comes back through [`Router::respond`] or
    /// [`Router::fail`], under the envelope's id.
    fn request(&self, to: &Address, envelope: Envelope, timeout: Option<Duration>);
}

/// The embedding application's process and package name, on its node.
const HOST_NAME: &str = "host";
const HOST_PACKAGE: &str = "guestkit";

/// Node by every actor of a shim.
pub(crate) struct Router {
    node: String,
    clock: Clock,
    processes: Mutex<HashMap<Key, Process>>,
    pending: Mutex<HashMap<u64, Pending>>,
    next_id: AtomicU64,
    /// The way to other nodes, once the shim joined a cluster.
    network: std::sync::OnceLock<Arc<dyn Network>>,
}

impl Router {
    /// The router of `node`, whose request deadlines run on `clock`.
    pub fn new(node: &str, clock: Clock) -> Self {
        Self {
            node: node.to_owned(),
            clock,
            processes: Mutex::default(),
            pending: Mutex::default(),
            network: std::sync::OnceLock::new(),
            next_id: AtomicU64::new(0),
        }
    }

    /// A fresh message id, unique within this shim.
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Makes `address` reachable. False when the address is taken.
    pub fn register(&self, address: &Address, process: Process) -> bool {
        let mut processes = self.processes.lock().unwrap();
        match processes.entry(Key::from(address)) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(process);
                true
            }
        }
    }

    /// Takes the process at `address` out of the table, and, in the same step, what it
    /// issued from everyone who holds it: whoever finds it gone finds its capabilities
    /// revoked already.
    pub fn unregister(&self, address: &Address) -> Option<Process> {
        let mut processes = self.processes.lock().unwrap();
        let gone = processes.remove(address.key())?;
        for p in processes.values_mut() {
            p.held.revoke_from(address);
            p.monitors.remove(address.key());
        }
        Some(gone)
    }

    pub fn exists(&self, address: &Address) -> bool {
        self.processes.lock().unwrap().contains_key(address.key())
    }

    /// Runs `f` on the process at `address`, if there is one.
    pub fn with<R>(&self, address: &Address, f: impl FnOnce(&mut Process) -> R) -> Option<R> {
        self.processes.lock().unwrap().get_mut(address.key()).map(f)
    }

    /// The first live process whose type is `ty`.
    pub fn of_type(&self, ty: &ActorType) -> Option<Address> {
        let processes = self.processes.lock().unwrap();
        let mut found: Vec<&Address> = processes
            .iter()
            .filter(|(_, p)| {
                p.actor_type.as_ref().is_some_and(|t| {
                    (&t.manufacturer, &t.name, &t.version)
                        == (&ty.manufacturer, &ty.name, &ty.version)
                })
            })
            .map(|(key, _)| key.address())
            .collect();
        found.sort_by_key(|a| a.to_string());
        found.first().map(|a| (*a).clone())
    }

    /// Gives the router its way to other nodes; false when it had one already.
    pub fn connect(&self, network: Arc<dyn Network>) -> bool {
        self.network.set(network).is_ok()
    }

    /// Whether the router has its way to other nodes.
    pub fn connected(&self) -> bool {
        self.network.get().is_some()
    }

    /// The way to `to`, when it is an actor of another node.
    fn remote(&self, to: &Address) -> Option<Option<&Arc<dyn Network>>> {
        (to.node != self.node).then(|| self.network.get())
    }

    /// Whether `from` may message `to`: the host and the actor itself always may; others need
    /// `to` to be public or a messaging capability issued by it. A remote target needs the
    /// kernel's `"network"` capability, and a shim that joined a cluster to reach it with
    /// (`offline` without one); whether the remote target takes it is its node's word.
    /// A local target that does not exist passes: sends to it are dropped and requests fail
    /// `not-found`.
    pub fn authorize(&self, from: &Address, to: &Address) -> Result<(), ActorError> {
        if from.same_as(to) || self.is_host(from) {
            return Ok(());
        }
        let processes = self.processes.lock().unwrap();
        let held = |cap: &Capability| processes.get(from.key()).is_some_and(|p| p.held.has(cap));
        if to.node != self.node {
            let network = Capability::new(capability::kernel(&self.node), "network");
            if !held(&network) {
                return Err(ActorError::PermissionDenied(format!(
                    "{from} may not message {to} on node `{}`: that needs the kernel's \
                     \"network\" capability",
                    to.node
                )));
            }
            return match self.connected() {
                true => Ok(()),
                false => Err(ActorError::Offline),
            };
        }
        let Some(target) = processes.get(to.key()) else {
            return Ok(());
        };
        if target.public || held(&Capability::new(to.clone(), MESSAGING)) {
            return Ok(());
        }
        Err(ActorError::PermissionDenied(format!(
            "{from} may not message {to}: it is not public and {from} holds no \
             {{issuer: {to}, params: \"messaging\"}} capability"
        )))
    }

    /// The embedding application's address on this node: the source of what it sends.
    pub fn host(&self) -> Address {
        Address::new(
            &self.node,
            ProcessId {
                process_name: HOST_NAME.into(),
                package_name: HOST_PACKAGE.into(),
                publisher_node: self.node.clone(),
            },
        )
    }

    pub fn is_host(&self, address: &Address) -> bool {
        address.names()
            == [
                self.node.as_str(),
                HOST_NAME,
                HOST_PACKAGE,
                self.node.as_str(),
            ]
    }

    /// Hands `delivery` to `to`'s mailbox; false when there is no such actor.
    pub fn deliver(&self, to: &Address, delivery: Delivery) -> bool {
        let processes = self.processes.lock().unwrap();
        processes
            .get(to.key())
            .is_some_and(|p| p.inbox.send(delivery).is_ok())
    }

    /// Hands a call of a WIT export to `to`; gives it back when there is no such actor.
    pub fn call_export(&self, to: &Address, call: ExportCall) -> Result<(), ExportCall> {
        let processes = self.processes.lock().unwrap();
        let Some(p) = processes.get(to.key()) else {
            return Err(call);
        };
        p.inbox.send(Delivery::Invoke(call)).map_err(|d| match d {
            Delivery::Invoke(i) => i,
            _ => unreachable!("the delivery sent was an export call"),
        })
    }

    /// One-way: a missing target drops the message, as delivery is not guaranteed.
    pub fn send(&self, to: &Address, envelope: Envelope) {
        match self.remote(to) {
            Some(Some(network)) => network.send(to, envelope),
            Some(None) => {}
            None => {
                self.deliver(to, Delivery::Request(envelope));
            }
        }
    }

    /// Delivers a request whose outcome goes to `requester` within `timeout` (`None`: no deadline).
    /// An actor requester that is in the table hears the outcome through its inbox, without a
    /// lookup; the target is kept for a send failure without a copy.
    pub fn request(
        self: &Arc<Self>,
        to: Address,
        envelope: Envelope,
        requester: Requester,
        context: Option<Vec<u8>>,
        timeout: Option<Duration>,
    ) {
        let id = envelope.id;
        if let Some(network) = self.remote(&to) {
            self.expect(
                id,
                to.clone(),
                &envelope.payload,
                requester,
                context,
                timeout,
            );
            match network {
                Some(network) => network.request(&to, envelope, timeout),
                None => self.fail(id, ActorError::Offline),
            }
            return;
        }
        let processes = self.processes.lock().unwrap();
        let requester = match requester {
            Requester::Actor(a) => match processes.get(a.key()) {
                Some(p) => Requester::Inbox(p.inbox.clone()),
                None => Requester::Actor(a),
            },
            other => other,
        };
        let target = processes.get(to.key());
        // Pending before delivered, so that a response cannot come back unexpected.
        self.expect(id, to, &envelope.payload, requester, context, timeout);
        let delivered = target.is_some_and(|t| t.inbox.send(Delivery::Request(envelope)).is_ok());
        drop(processes);
        if !delivered {
            self.fail_with(id, |to| ActorError::NotFound(format!("no actor at {to}")));
        }
    }

    /// Records request `id` to `target` as waiting for its one outcome, due within `timeout`.
    pub fn expect(
        self: &Arc<Self>,
        id: u64,
        target: Address,
        payload: &Payload,
        requester: Requester,
        context: Option<Vec<u8>>,
        timeout: Option<Duration>,
    ) {
        self.pending.lock().unwrap().insert(
            id,
            Pending {
                requester,
                target,
                returned: payload.clone(),
                context,
            },
        );
        if let Some(timeout) = timeout {
            self.fail_after(id, timeout);
        }
    }

    /// Passes a request on to `to` under the id it already has: its response still goes to
    /// the original requester (Kinode's inherit).
    pub fn forward(&self, to: &Address, envelope: Envelope) {
        let id = envelope.id;
        if let Some(network) = self.remote(to) {
            match network {
                Some(network) => network.request(to, envelope, None),
                None => self.fail(id, ActorError::Offline),
            }
            return;
        }
        if !self.deliver(to, Delivery::Request(envelope)) {
            self.fail(id, ActorError::NotFound(format!("no actor at {to}")));
        }
    }

    fn fail_after(self: &Arc<Self>, id: u64, timeout: Duration) {
        let router = Arc::clone(self);
        let at = self.clock.monotonic().saturating_add(timeout);
        let clock = self.clock.clone();
        self.clock.spawn(self.clock.parking(), async move {
            clock.sleep_until(at).await;
            router.fail(id, ActorError::TimedOut);
        });
    }

    /// Completes request `request_id` with a response. Returns false when nobody waits for it.
    pub fn respond(
        &self,
        request_id: u64,
        source: Address,
        payload: Payload,
        attachments: Vec<Module>,
    ) -> bool {
        let Some(p) = self.pending.lock().unwrap().remove(&request_id) else {
            return false;
        };
        let reply = Reply {
            request_id,
            source,
            payload,
            context: p.context,
            attachments,
        };
        match p.requester {
            Requester::Actor(a) => {
                self.deliver(&a, Delivery::Response(reply));
            }
            Requester::Inbox(inbox) => {
                let _ = inbox.send(Delivery::Response(reply));
            }
            Requester::Host(tx) => {
                let _ = tx.send(Ok(reply));
            }
        }
        true
    }

    /// Completes request `request_id` with a send failure, if it is still pending.
    pub fn fail(&self, request_id: u64, error: ActorError) {
        self.fail_with(request_id, |_| error);
    }

    /// Completes request `request_id` with a send failure, the error made from its target,
    /// if it is still pending.
    fn fail_with(&self, request_id: u64, error: impl FnOnce(&Address) -> ActorError) {
        let Some(p) = self.pending.lock().unwrap().remove(&request_id) else {
            return;
        };
        let failure = SendError {
            request_id,
            error: error(&p.target),
            target: p.target,
            returned: p.returned,
            context: p.context,
        };
        match p.requester {
            Requester::Actor(a) => {
                self.deliver(&a, Delivery::SendFailed(failure));
            }
            Requester::Inbox(inbox) => {
                let _ = inbox.send(Delivery::SendFailed(failure));
            }
            Requester::Host(tx) => {
                let _ = tx.send(Err(failure));
            }
        }
    }

    /// Links `a` and `b` both ways under `tag`. False when `b` does not exist.
    pub fn link(&self, a: &Address, b: &Address, tag: Option<i64>) -> bool {
        let mut processes = self.processes.lock().unwrap();
        if a.same_as(b) || !processes.contains_key(b.key()) {
            return false;
        }
        for (this, other) in [(a, b), (b, a)] {
            if let Some(p) = processes.get_mut(this.key()) {
                p.links.insert(Key::from(other), tag);
            }
        }
        true
    }

    pub fn unlink(&self, a: &Address, b: &Address) {
        let mut processes = self.processes.lock().unwrap();
        for (this, other) in [(a, b), (b, a)] {
            if let Some(p) = processes.get_mut(this.key()) {
                p.links.remove(other.key());
            }
        }
    }

    /// `watcher` will see every exit of `target`. False when `target` does not exist.
    pub fn monitor(&self, watcher: &Address, target: &Address) -> bool {
        self.with(target, |p| {
            p.monitors.insert(Key::from(watcher));
        })
        .is_some()
    }

    pub fn stop_monitoring(&self, watcher: &Address, target: &Address) {
        self.with(target, |p| p.monitors.remove(watcher.key()));
    }

    /// Kills the process at `target`. False when there is none.
    pub fn kill(&self, target: &Address) -> bool {
        self.with(target, |p| {
            p.inbox.wake();
            p.kill.send_replace(true)
        })
        .is_some()
    }

    /// Tells the world that `actor`'s incarnation ended with `reason`. Monitors always hear of
    /// it. When the process is gone for good (`gone` is its removed entry), its links hear
    /// too: a failure or kill kills linked processes that die with their links, and reaches the
    /// others as `link-died`; and every capability it issued is revoked.
    pub fn exited(
        &self,
        actor: &Address,
        incarnation: u64,
        reason: ExitReason,
        gone: Option<Process>,
    ) {
        let notice = |tag| ExitNotice {
            actor: actor.clone(),
            incarnation,
            tag,
            reason,
        };
        let monitors: Vec<Address> = match &gone {
            Some(process) => process
                .monitors
                .iter()
                .map(|k| k.address().clone())
                .collect(),
            None => self
                .with(actor, |p| {
                    p.monitors.iter().map(|k| k.address().clone()).collect()
                })
                .unwrap_or_default(),
        };
        // Its capabilities were revoked when it left the table ([`Self::unregister`]), so
        // whoever hears of the exit (a monitor, a link, a caller of `stopped`) finds them
        // revoked already.
        for watcher in monitors {
            self.deliver(&watcher, Delivery::ProcessDied(notice(None)));
        }
        let Some(process) = gone else { return };
        {
            let mut processes = self.processes.lock().unwrap();
            let failed = reason != ExitReason::Normal;
            for (key, tag) in process.links {
                let Some(peer) = processes.get_mut(&key) else {
                    continue;
                };
                peer.links.remove(actor.key());
                if !failed {
                    continue;
                }
                if peer.die_when_link_dies {
                    peer.kill.send_replace(true);
                } else {
                    let _ = peer.inbox.send(Delivery::LinkDied(notice(tag)));
                }
            }
        }
        for waiter in process.obituary {
            let _ = waiter.send(reason);
        }
    }
}

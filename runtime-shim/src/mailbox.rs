//! An actor's mailbox: FIFO delivery with selective receive.
//!
//! Senders push into an unbounded channel; the owning actor drains it into a queue, so a
//! receive that filters by tag or request id can take a later delivery and leave the earlier
//! ones queued in their original order.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use wasmtime::component::Val;

use crate::clock::{Clock, Doorbell, Parking};
use crate::component::Module;
use crate::error::{InvokeError, export_name};
use crate::wit::messaging::SendError;
use crate::wit::types::{Address, DataChunk, ExitNotice, Payload};

/// A request or one-way message on its way to an actor.
#[derive(Debug)]
pub(crate) struct Envelope {
    pub id: u64,
    pub source: Address,
    pub expects_response: bool,
    pub payload: Payload,
    /// Modules moved out of the sender's handle table; the receiver gets fresh handles, and
    /// ones that are never delivered are dropped with the envelope.
    pub attachments: Vec<Module>,
}

/// A response to a request, on its way back to the requester.
#[derive(Debug)]
pub(crate) struct Reply {
    pub request_id: u64,
    pub source: Address,
    pub payload: Payload,
    /// The requester's own context, returned untouched.
    pub context: Option<Vec<u8>>,
    pub attachments: Vec<Module>,
}

/// A call of one of the actor's own WIT exports, made by the embedding application.
#[derive(Debug)]
pub(crate) struct ExportCall {
    /// The exported interface (`acme:greeter/directory@1.0.0`), or `None` for a function the
    /// world exports directly.
    pub interface: Option<String>,
    pub function: String,
    pub args: Vec<Val>,
    pub reply: oneshot::Sender<Result<Vec<Val>, InvokeError>>,
}

impl ExportCall {
    /// `interface#function`, as errors name it.
    pub fn export(&self) -> String {
        export_name(self.interface.as_deref(), &self.function)
    }
}

/// New code for the actor, from the embedding application ([`Shim::upgrade`]): taken between
/// two deliveries, in its place in the mailbox.
///
/// [`Shim::upgrade`]: crate::Shim::upgrade
#[derive(Debug)]
pub(crate) struct Upgrade {
    pub module: Module,
    /// Hears whether the new code took over, and why not.
    pub done: oneshot::Sender<Result<(), String>>,
}

/// Anything an actor can find in its mailbox.
#[derive(Debug)]
pub(crate) enum Delivery {
    Request(Envelope),
    Response(Reply),
    SendFailed(SendError),
    /// A linked actor failed, and this one asked to be told rather than to die too.
    LinkDied(ExitNotice),
    /// A monitored actor ended.
    ProcessDied(ExitNotice),
    /// A chunk of a data stream, and who sent it.
    Chunk(DataChunk, Address),
    /// The shim asks the actor to stop.
    Stop,
    Invoke(ExportCall),
    Upgrade(Upgrade),
}

impl Delivery {
    fn tag(&self) -> Option<i64> {
        match self {
            Delivery::Request(m) => m.payload.tag,
            Delivery::LinkDied(notice) => notice.tag,
            _ => None,
        }
    }

    fn request_id(&self) -> Option<u64> {
        match self {
            Delivery::Response(r) => Some(r.request_id),
            Delivery::SendFailed(f) => Some(f.request_id),
            _ => None,
        }
    }
}

/// Which deliveries a receive accepts. Both lists empty accepts any message; invocations
/// of WIT exports are only for the actor's own loop, never for a guest's `receive`; an
/// upgrade is taken by the actor's loop and by a process-mode guest's `receive`, whatever it
/// filters, but never in the middle of a handler.
#[derive(Debug, Default, Clone)]
pub(crate) struct Filter {
    pub tags: Vec<i64>,
    pub request_ids: Vec<u64>,
    pub invocations: bool,
    pub upgrades: bool,
}

impl Filter {
    /// Only the response (or send failure) for `request_id`.
    pub fn response_to(request_id: u64) -> Self {
        Self {
            request_ids: vec![request_id],
            ..Self::default()
        }
    }

    /// Everything, in arrival order: what the actor's loop takes between handlers.
    pub fn everything() -> Self {
        Self {
            invocations: true,
            upgrades: true,
            ..Self::default()
        }
    }

    fn matches(&self, d: &Delivery) -> bool {
        match d {
            Delivery::Invoke(_) => return self.invocations,
            Delivery::Upgrade(_) => return self.upgrades,
            _ => {}
        }
        if self.tags.is_empty() && self.request_ids.is_empty() {
            return true;
        }
        d.tag().is_some_and(|t| self.tags.contains(&t))
            || d.request_id()
                .is_some_and(|id| self.request_ids.contains(&id))
    }
}

/// The sending half, held by the router.
#[derive(Clone)]
pub(crate) struct Inbox {
    tx: mpsc::UnboundedSender<Delivery>,
    /// Wakes the mailbox's task when it listens, on a manual clock; `None` on the system
    /// clock, which counts nothing.
    bell: Option<Arc<Doorbell>>,
    /// What the mailbox's task parks on.
    parking: Parking,
}

impl Inbox {
    /// Queues `delivery`, waking the actor if it waits; gives it back when the mailbox is
    /// closed.
    #[expect(
        clippy::result_large_err,
        reason = "a refused delivery comes back whole, as the channel's own send gives it back"
    )]
    pub fn send(&self, delivery: Delivery) -> Result<(), Delivery> {
        let sent = match &self.bell {
            None => self.tx.send(delivery),
            Some(bell) => bell.ring(|| self.tx.send(delivery)),
        };
        sent.map_err(|refused| refused.0)
    }

    /// Counts the mailbox's task as at work again, wherever it waits: before something other
    /// than a delivery (a kill) wakes it.
    pub fn wake(&self) {
        self.parking.unpark();
    }
}

/// The receiving half, owned by the actor's store.
pub(crate) struct Mailbox {
    inbox: mpsc::UnboundedReceiver<Delivery>,
    /// The sending half, while anyone holds it: what [`inbox`](Self::inbox) hands out.
    sender: mpsc::WeakUnboundedSender<Delivery>,
    queued: VecDeque<Delivery>,
    clock: Clock,
    bell: Option<Arc<Doorbell>>,
    parking: Parking,
}

impl Mailbox {
    /// An empty mailbox whose receive timeouts run on `clock`, and whose task parks on
    /// `parking` while it waits for a delivery.
    pub fn new(clock: Clock, parking: Parking) -> (Inbox, Self) {
        let (tx, rx) = mpsc::unbounded_channel();
        let bell = parking
            .is_counted()
            .then(|| Arc::new(Doorbell::new(parking.clone())));
        let sender = tx.downgrade();
        (
            Inbox {
                tx,
                bell: bell.clone(),
                parking: parking.clone(),
            },
            Self {
                inbox: rx,
                sender,
                queued: VecDeque::new(),
                clock,
                bell,
                parking,
            },
        )
    }

    /// A sending half of this mailbox, while the process table still holds one (the actor
    /// is registered): where a request's outcome goes, with no lookup of the requester.
    pub fn inbox(&self) -> Option<Inbox> {
        Some(Inbox {
            tx: self.sender.upgrade()?,
            bell: self.bell.clone(),
            parking: self.parking.clone(),
        })
    }

    /// The first delivery accepted by `filter`, waiting up to `timeout` (`None`: forever).
    /// Returns `None` on timeout, having consumed nothing.
    pub async fn receive(
        &mut self,
        filter: &Filter,
        timeout: Option<Duration>,
    ) -> Option<Delivery> {
        while let Ok(d) = self.inbox.try_recv() {
            self.queued.push_back(d);
        }
        if let Some(i) = self.queued.iter().position(|d| filter.matches(d)) {
            return self.queued.remove(i);
        }
        let deadline = timeout.map(|t| self.clock.monotonic().saturating_add(t));
        loop {
            let next = match deadline {
                None => {
                    let _listening = self.bell.as_deref().map(Doorbell::listen);
                    self.inbox.recv().await
                }
                Some(at) => {
                    // The timer is set before the task parks, so a manual clock sees it in time.
                    let waiting = self.clock.timeout_at(at, self.inbox.recv());
                    let _listening = self.bell.as_deref().map(Doorbell::listen);
                    waiting.await.ok()?
                }
            };
            // A closed inbox means the shim is shutting the actor down: nothing more will come.
            let d = next?;
            if filter.matches(&d) {
                return Some(d);
            }
            self.queued.push_back(d);
        }
    }

    /// How many deliveries are waiting, queued or still in the channel.
    pub fn len(&self) -> usize {
        self.queued.len() + self.inbox.len()
    }

    /// Everything still queued or in flight, for the actor's teardown.
    pub fn drain(&mut self) -> Vec<Delivery> {
        self.inbox.close();
        while let Ok(d) = self.inbox.try_recv() {
            self.queued.push_back(d);
        }
        self.queued.drain(..).collect()
    }
}

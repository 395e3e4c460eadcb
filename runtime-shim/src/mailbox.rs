//! An actor's mailbox: FIFO delivery with selective receive.
//!
//! Senders push into an unbounded channel; the owning actor drains it into a queue, so a
//! receive that filters by tag or request id can take a later delivery and leave the earlier
//! ones queued in their original order.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::bindings::messaging::SendError;
use crate::bindings::types::{Address, Payload};

/// A request or one-way message on its way to an actor.
#[derive(Debug)]
pub(crate) struct Envelope {
    pub id: u64,
    pub source: Address,
    pub expects_response: bool,
    pub payload: Payload,
}

/// A response to a request, on its way back to the requester.
#[derive(Debug)]
pub(crate) struct Reply {
    pub request_id: u64,
    pub source: Address,
    pub payload: Payload,
    /// The requester's own context, returned untouched.
    pub context: Option<Vec<u8>>,
}

/// Anything an actor can find in its mailbox.
#[derive(Debug)]
pub(crate) enum Delivery {
    Request(Envelope),
    Response(Reply),
    SendFailed(SendError),
}

impl Delivery {
    fn tag(&self) -> Option<i64> {
        match self {
            Delivery::Request(m) => m.payload.tag,
            Delivery::Response(_) | Delivery::SendFailed(_) => None,
        }
    }

    fn request_id(&self) -> Option<u64> {
        match self {
            Delivery::Request(_) => None,
            Delivery::Response(r) => Some(r.request_id),
            Delivery::SendFailed(f) => Some(f.request_id),
        }
    }
}

/// Which deliveries a receive accepts. Both lists empty accepts anything.
#[derive(Debug, Default, Clone)]
pub(crate) struct Filter {
    pub tags: Vec<i64>,
    pub request_ids: Vec<u64>,
}

impl Filter {
    /// Only the response (or send failure) for `request_id`.
    pub fn response_to(request_id: u64) -> Self {
        Self {
            tags: Vec::new(),
            request_ids: vec![request_id],
        }
    }

    fn matches(&self, d: &Delivery) -> bool {
        if self.tags.is_empty() && self.request_ids.is_empty() {
            return true;
        }
        d.tag().is_some_and(|t| self.tags.contains(&t))
            || d.request_id()
                .is_some_and(|id| self.request_ids.contains(&id))
    }
}

/// The sending half, held by the router.
pub(crate) type Inbox = mpsc::UnboundedSender<Delivery>;

/// The receiving half, owned by the actor's store.
pub(crate) struct Mailbox {
    inbox: mpsc::UnboundedReceiver<Delivery>,
    queued: VecDeque<Delivery>,
}

impl Mailbox {
    pub fn new() -> (Inbox, Self) {
        let (tx, rx) = mpsc::unbounded_channel();
        (
            tx,
            Self {
                inbox: rx,
                queued: VecDeque::new(),
            },
        )
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
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            let next = match deadline {
                None => self.inbox.recv().await,
                Some(at) => tokio::time::timeout_at(at, self.inbox.recv()).await.ok()?,
            };
            // A closed inbox means the shim is shutting the actor down: nothing more will come.
            let d = next?;
            if filter.matches(&d) {
                return Some(d);
            }
            self.queued.push_back(d);
        }
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

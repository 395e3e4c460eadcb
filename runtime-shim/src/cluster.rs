//! The NATS transport between shim nodes: a node that joins a cluster listens on its own
//! subject, `guestkit.node.NAME`, and reaches the actors of another node through that node's.
//!
//! - A one-way message is a NATS message; it is not acknowledged, as delivery is not
//!   guaranteed between local actors either.
//! - A request is a NATS message with a reply subject (the node's inbox, then the request's
//!   id), answered by the target node with the request's one outcome: its response, or the
//!   error it failed with. One NATS round trip per request. A node no one listens for answers
//!   at once, NATS telling there are no responders: the request fails `offline`.
//! - Everything a node sends leaves through one queue, in the order it was sent, so what one
//!   actor sends another arrives in order, across nodes as on one.
//! - What a message may carry is checked on the node it reaches, by the rules of
//!   [`remote`](crate::remote): the `network` capability, sealed capabilities. Modules and
//!   connections stay on their node.
//! - Frames are protobuf ([`wire`](crate::wire)); a message at the shim's size limit crosses
//!   when the server's `max_payload` takes it, and a larger one is refused at once, naming
//!   the setting.
//!
//! Who may publish on a node's subject is NATS's to decide (accounts, credentials): the
//! cluster's members trust each other as the nodes they say they are.

use std::sync::{Arc, Weak};
use std::time::Duration;

use futures_util::StreamExt as _;
use prost::Message as _;
use tokio::sync::mpsc;

use crate::mailbox::Envelope;
use crate::node::Node;
use crate::remote::{self, RemoteMessage};
use crate::router::Network;
use crate::wire::{Frame, WireError, WirePayload};
use crate::wit::log::Level;
use crate::wit::types::{ActorError, Address, Payload};

/// The subject node `node` listens on.
fn subject(node: &str) -> String {
    format!("guestkit.node.{node}")
}

/// Why a node name cannot be one NATS subject token, if it cannot.
pub(crate) fn check_node_name(node: &str) -> Result<(), String> {
    let bad = |c: char| c == '.' || c == '*' || c == '>' || c.is_whitespace();
    if node.is_empty() || node.chars().any(bad) {
        return Err(format!(
            "node name `{node}` cannot join a cluster: it names the node's NATS subject, so it \
             must be non-empty, without dots, spaces, `*` or `>`"
        ));
    }
    Ok(())
}

/// How a node joins a cluster.
#[derive(Debug, Clone, Default)]
pub struct ClusterOptions {
    /// A NATS credentials file (a JWT and its nkey seed), when the server asks for one.
    pub credentials: Option<std::path::PathBuf>,
}

/// A node's connection to the cluster.
#[derive(Clone)]
pub(crate) struct Nats {
    node: Weak<Node>,
    name: String,
    /// The largest message the server takes.
    max_payload: usize,
    /// Where the outcomes of this node's requests come back: `INBOX.ID`.
    inbox: String,
    /// What leaves, in order.
    outbound: mpsc::UnboundedSender<Outbound>,
}

/// A NATS message to publish: to `subject`, with a reply subject for a request.
struct Outbound {
    subject: async_nats::Subject,
    reply: Option<async_nats::Subject>,
    bytes: Vec<u8>,
}

/// Connects node `node` to the NATS server at `url`, listens on its subject and hands what
/// arrives to its actors; the transport its router sends through.
pub(crate) async fn join(
    node: &Arc<Node>,
    url: &str,
    options: &ClusterOptions,
) -> Result<Arc<Nats>, String> {
    check_node_name(&node.name)?;
    let mut connect = async_nats::ConnectOptions::new().name(format!("guestkit {}", node.name));
    if let Some(path) = &options.credentials {
        connect = (connect.credentials_file(path).await)
            .map_err(|e| format!("cannot read the NATS credentials {}: {e}", path.display()))?;
    }
    let client = (connect.connect(url).await)
        .map_err(|e| format!("cannot reach NATS at {}: {e}", redacted(url)))?;
    let listen = |e| format!("cannot listen on NATS at {}: {e}", redacted(url));
    let inbound = (client.subscribe(subject(&node.name)).await).map_err(listen)?;
    let inbox = client.new_inbox();
    let outcomes = (client.subscribe(format!("{inbox}.*")).await).map_err(listen)?;
    // The server has the subscriptions once it answers a flush: a message sent to this node
    // after `join` returns is not dropped for want of a listener.
    (client.flush().await)
        .map_err(|e| format!("cannot listen on NATS at {}: {e}", redacted(url)))?;
    let (outbound, mut leaving) = mpsc::unbounded_channel::<Outbound>();
    let nats = Arc::new(Nats {
        max_payload: client.server_info().max_payload,
        node: Arc::downgrade(node),
        name: node.name.clone(),
        inbox,
        outbound,
    });
    tokio::spawn(async move {
        while let Some(out) = leaving.recv().await {
            let _ = match out.reply {
                Some(reply) => {
                    (client.publish_with_reply(out.subject, reply, out.bytes.into())).await
                }
                None => client.publish(out.subject, out.bytes.into()).await,
            };
        }
    });
    each(&nats, inbound, Nats::arrived);
    each(&nats, outcomes, Nats::outcome);
    Ok(nats)
}

/// Hands each message `subscriber` gets to `handle`, for as long as the node lives.
fn each(
    nats: &Arc<Nats>,
    mut subscriber: async_nats::Subscriber,
    handle: fn(&Nats, &Arc<Node>, async_nats::Message),
) {
    let nats = Arc::clone(nats);
    tokio::spawn(async move {
        while let Some(message) = subscriber.next().await {
            let Some(node) = nats.node.upgrade() else {
                return;
            };
            handle(&nats, &node, message);
        }
    });
}

/// `url` without the password it may carry.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if scheme < at => {
            format!("{}***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

impl Nats {
    /// `payload` from `source` to `target` as a frame's: each capability issued on this node
    /// sealed for the node it goes to, so that it is trusted when it comes back from there,
    /// and one issued on the node it goes to with the seal that node put on it.
    fn payload(&self, payload: Payload, to_node: &str) -> WirePayload {
        let node = self.node.upgrade();
        WirePayload::of(payload, |cap| {
            let node = node.as_ref()?;
            if cap.issuer.node == self.name {
                return Some(node.seal.sign(&remote::seal_holder(to_node), cap));
            }
            (cap.issuer.node == to_node).then(|| node.kept_seal(cap))?
        })
    }

    /// The frame of `envelope` to `to`, or why it cannot leave this node.
    fn frame(
        &self,
        to: &Address,
        envelope: Envelope,
        timeout: Option<Duration>,
    ) -> Result<Vec<u8>, ActorError> {
        if !envelope.attachments.is_empty() {
            return Err(ActorError::InvalidArgument(format!(
                "modules and connections stay on their node: a message to {to} cannot carry them"
            )));
        }
        let frame = Frame {
            source: envelope.source.to_string(),
            target: to.to_string(),
            payload: Some(self.payload(envelope.payload, &to.node)),
            error: None,
            timeout_ms: timeout.map(|t| u64::try_from(t.as_millis()).unwrap_or(u64::MAX)),
        };
        self.fits(frame.encode_to_vec())
    }

    /// `bytes`, when the server takes a message that large.
    fn fits(&self, bytes: Vec<u8>) -> Result<Vec<u8>, ActorError> {
        if bytes.len() > self.max_payload {
            return Err(ActorError::InvalidArgument(format!(
                "the message is {} bytes on the wire and the NATS server takes up to {}; raise \
                 the server's max_payload (a message at the shim's limit needs about 4.1 MiB)",
                bytes.len(),
                self.max_payload
            )));
        }
        Ok(bytes)
    }

    /// Hands a message that arrived to the actors of `node`: a one-way message is delivered or
    /// dropped (with a warning); a request is answered with its outcome.
    fn arrived(&self, node: &Arc<Node>, message: async_nats::Message) {
        let reply = message.reply.clone();
        // A frame that says nothing usable is refused to its requester, or, one-way, dropped
        // with a line in the node's log (no actor of this node is known to be its target).
        let refuse = |why: ActorError| match &reply {
            Some(_) => self.answer(reply.clone(), Err(why), ""),
            None => {
                let why = format!("dropped a message from another node: {}", why.describe());
                node.log(&node.kernel_address(), Level::Warn, why);
            }
        };
        let frame = match Frame::decode(message.payload.as_ref()) {
            Ok(frame) => frame,
            Err(e) => {
                return refuse(ActorError::DecodeFailure(format!(
                    "a frame from another node: {e}"
                )));
            }
        };
        let (Some(source), Some(target)) =
            (Address::parse(&frame.source), Address::parse(&frame.target))
        else {
            return refuse(ActorError::InvalidArgument(format!(
                "a frame from another node names `{}` and `{}`, which are not addresses",
                frame.source, frame.target
            )));
        };
        let (payload, capabilities) = frame.payload.unwrap_or_default().into_payload();
        let inbound = RemoteMessage {
            source: source.clone(),
            target: target.clone(),
            payload,
            capabilities,
        };
        let Some(reply) = reply else {
            if let Err(e) = remote::receive(node, inbound) {
                let why = format!("dropped a message from {source}: {}", e.describe());
                node.log(&target, Level::Warn, why);
            }
            return;
        };
        let timeout = frame.timeout_ms.map(Duration::from_millis);
        match remote::receive_request(node, inbound, timeout) {
            Err(e) => self.answer(Some(reply), Err(e), &source.node),
            Ok(outcome) => {
                let nats = self.clone();
                tokio::spawn(async move {
                    let outcome = match outcome.await {
                        Ok(Ok(reply)) => Ok((reply.source, reply.payload)),
                        Ok(Err(failed)) => Err(failed.error),
                        Err(_) => Err(ActorError::Unavailable("the node is stopping".into())),
                    };
                    nats.answer(Some(reply), outcome, &source.node);
                });
            }
        }
    }

    /// Sends a request's outcome to `reply`, the subject its requester waits on.
    fn answer(
        &self,
        reply: Option<async_nats::Subject>,
        outcome: Result<(Address, Payload), ActorError>,
        to_node: &str,
    ) {
        let Some(reply) = reply else { return };
        let frame = match outcome {
            Ok((source, payload)) => Frame {
                source: source.to_string(),
                payload: Some(self.payload(payload, to_node)),
                ..Frame::default()
            },
            Err(e) => Frame {
                error: Some(WireError::of(&e)),
                ..Frame::default()
            },
        };
        let bytes = self.fits(frame.encode_to_vec()).unwrap_or_else(|e| {
            let error = Some(WireError::of(&e));
            Frame {
                error,
                ..Frame::default()
            }
            .encode_to_vec()
        });
        self.leave(reply, None, bytes);
    }

    /// Queues `bytes` for `subject`, behind everything queued before.
    fn leave(
        &self,
        subject: async_nats::Subject,
        reply: Option<async_nats::Subject>,
        bytes: Vec<u8>,
    ) {
        let _ = self.outbound.send(Outbound {
            subject,
            reply,
            bytes,
        });
    }

    /// The outcome of one of this node's requests, come back to its inbox under the
    /// request's id, handed to its requester: NATS's word that no node listens on the
    /// target's subject, or the target node's answer.
    fn outcome(&self, node: &Arc<Node>, message: async_nats::Message) {
        let id = message
            .subject
            .rsplit('.')
            .next()
            .and_then(|id| id.parse().ok());
        let Some(id) = id else { return };
        if message.status == Some(async_nats::StatusCode::NO_RESPONDERS) {
            return node.router.fail(id, ActorError::Offline);
        }
        let frame = match Frame::decode(message.payload.as_ref()) {
            Ok(frame) => frame,
            Err(e) => {
                let why = format!("the answer of another node to request {id}: {e}");
                return node.router.fail(id, ActorError::DecodeFailure(why));
            }
        };
        if let Some(error) = frame.error {
            return node.router.fail(id, error.into_error());
        }
        let Some(source) = Address::parse(&frame.source) else {
            let why = format!("the answer to request {id} names `{}`", frame.source);
            return node.router.fail(id, ActorError::DecodeFailure(why));
        };
        let (mut payload, capabilities) = frame.payload.unwrap_or_default().into_payload();
        let to = node.router.host();
        payload.capabilities = remote::vouched(node, &source, &to, capabilities);
        node.router.respond(id, source, payload, Vec::new());
    }
}

impl Network for Nats {
    fn send(&self, to: &Address, envelope: Envelope) {
        let source = envelope.source.clone();
        let bytes = match self.frame(to, envelope, None) {
            Ok(bytes) => bytes,
            Err(e) => {
                if let Some(node) = self.node.upgrade() {
                    let why = format!("dropped a message to {to}: {}", e.describe());
                    node.log(&source, Level::Warn, why);
                }
                return;
            }
        };
        self.leave(subject(&to.node).into(), None, bytes);
    }

    fn request(&self, to: &Address, envelope: Envelope, timeout: Option<Duration>) {
        let id = envelope.id;
        let bytes = match self.frame(to, envelope, timeout) {
            Ok(bytes) => bytes,
            Err(e) => {
                if let Some(node) = self.node.upgrade() {
                    node.router.fail(id, e);
                }
                return;
            }
        };
        // The requester's own deadline fails it, on the shim's clock; the target node
        // answers `timed-out` by then too.
        let reply = format!("{}.{id}", self.inbox);
        self.leave(subject(&to.node).into(), Some(reply.into()), bytes);
    }
}

//! Messages between nodes, as a transport hands them over. This shim has no transport of its
//! own; an embedding application that has one gives inbound messages to
//! [`Shim::receive_remote`](crate::Shim::receive_remote), which applies the same rules a
//! networked node would:
//!
//! - only an actor that holds the kernel's `"network"` capability hears from other nodes;
//! - a capability that claims this node as issuer must carry the seal this node put on it
//!   when it left for the sending node ([`Shim::seal_for`](crate::Shim::seal_for));
//! - a capability issued on the sending node is that node's word; one issued on a third node
//!   is not, and is stripped like a forged one;
//! - the seal a capability came with from its issuing node is kept, and goes back with it.

use tokio::sync::oneshot;

use crate::mailbox::{Envelope, Reply};
use crate::node::Node;
use crate::router::Requester;
use crate::wit::log::Level;
use crate::wit::messaging::SendError;
use crate::wit::types::{ActorError, Address, Capability, Payload};

/// A capability on the wire: one this node issued comes back with its seal.
#[derive(Debug, Clone)]
pub struct SealedCapability {
    pub capability: Capability,
    pub seal: Option<Vec<u8>>,
}

/// A one-way message from an actor on another node to one on this node.
#[derive(Debug, Clone)]
pub struct RemoteMessage {
    pub source: Address,
    pub target: Address,
    /// Its `capabilities` are replaced by the ones in [`capabilities`](Self::capabilities)
    /// that pass.
    pub payload: Payload,
    pub capabilities: Vec<SealedCapability>,
}

/// What a node's seal is made for: distinct from every actor's process id.
pub(crate) fn seal_holder(node: &str) -> String {
    format!("node {node}")
}

/// Delivers an inbound remote message to an actor of `node`, or says why it was dropped.
pub(crate) fn receive(node: &Node, message: RemoteMessage) -> Result<u64, ActorError> {
    let (source, target, payload) = admit(node, message)?;
    let id = node.router.next_id();
    node.router.send(
        &target,
        Envelope {
            id,
            source,
            expects_response: false,
            payload,
            attachments: Vec::new(),
        },
    );
    Ok(id)
}

/// Delivers an inbound remote request to an actor of `node`: its one outcome (the actor's
/// response, or why it failed, `timed-out` after `timeout`) comes through the receiver
/// returned. An error when it was refused at once.
pub(crate) fn receive_request(
    node: &Node,
    message: RemoteMessage,
    timeout: Option<std::time::Duration>,
) -> Result<oneshot::Receiver<Result<Reply, SendError>>, ActorError> {
    let (source, target, payload) = admit(node, message)?;
    let (tx, rx) = oneshot::channel();
    let id = node.router.next_id();
    let envelope = Envelope {
        id,
        source,
        expects_response: true,
        payload,
        attachments: Vec::new(),
    };
    (node.router).request(target, envelope, Requester::Host(tx), None, timeout);
    Ok(rx)
}

/// What of an inbound remote message reaches its target, once checked: its source, target
/// and payload, with the capabilities that pass; or why it is refused.
fn admit(node: &Node, message: RemoteMessage) -> Result<(Address, Address, Payload), ActorError> {
    let RemoteMessage {
        source,
        target,
        mut payload,
        capabilities,
    } = message;
    if source.node == node.name || target.node != node.name {
        return Err(ActorError::InvalidArgument(format!(
            "a remote message goes from another node to node `{}`; this one goes from \
             {source} to {target}",
            node.name
        )));
    }
    node.limits.check_message(&payload)?;
    let network = node.kernel_cap("network");
    match node.router.with(&target, |p| p.held.has(&network)) {
        None => return Err(ActorError::NotFound(format!("no actor at {target}"))),
        Some(false) => {
            let why = format!(
                "dropped a message from {source}: {target} does not hold the kernel's \
                 \"network\" capability"
            );
            node.log(&target, Level::Warn, why.clone());
            return Err(ActorError::PermissionDenied(why));
        }
        Some(true) => {}
    }
    payload.capabilities = vouched(node, &source, &target, capabilities);
    Ok((source, target, payload))
}

/// Those of `capabilities`, from `source` on another node to `target` on `node`, that are
/// vouched for: issued on this node and carrying the seal it put on them for `source`'s
/// node, or issued on `source`'s node (whose seal is kept, for the way back). The others
/// are stripped, with a warning.
pub(crate) fn vouched(
    node: &Node,
    source: &Address,
    target: &Address,
    capabilities: Vec<SealedCapability>,
) -> Vec<Capability> {
    let holder = seal_holder(&source.node);
    (capabilities.into_iter())
        .filter_map(|SealedCapability { capability, seal }| {
            let issuer = &capability.issuer.node;
            let vouched = if *issuer == node.name {
                seal.is_some_and(|s| node.seal.verify(&holder, &capability, &s))
            } else if *issuer == source.node {
                if let Some(seal) = seal {
                    node.keep_seal(&capability, seal);
                }
                true
            } else {
                false
            };
            if !vouched {
                let why = format!(
                    "stripped {{issuer: {}, params: {}}} from a message of {source}: \
                     neither sealed by this node nor issued on {}",
                    capability.issuer, capability.params, source.node
                );
                node.log(target, Level::Warn, why);
            }
            vouched.then_some(capability)
        })
        .collect()
}

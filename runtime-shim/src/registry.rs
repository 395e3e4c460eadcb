//! Discovery's registry: the names actors register and the types they serve, on this node
//! and, when the store is shared ([`StateStore`](crate::storage::StateStore)'s registry
//! methods), across the cluster.
//!
//! A name this node registered resolves here to what this node registered: every node of
//! an app registers its own actors under the same names, and each reaches its own. A name
//! this node does not hold resolves to the cluster's entry, the last registration on any
//! node. `discover` likewise prefers a live actor of this node, then one of another node.
//! The cluster's entries go with the lease of the node that made them.

use crate::node::Node;
use crate::storage::StorageError;
use crate::wit::log::Level;
use crate::wit::types::{ActorType, Address};

/// `manufacturer:name@version`: an actor type as the cluster's registry keys it.
pub(crate) fn type_key(ty: &ActorType) -> String {
    format!("{}:{}@{}", ty.manufacturer, ty.name, ty.version)
}

/// An address the cluster's registry holds.
fn address(text: String) -> Result<Address, StorageError> {
    Address::parse(&text).ok_or_else(|| {
        StorageError(format!(
            "the cluster's registry holds `{text}`, not an address"
        ))
    })
}

/// Registers `address` under `name`, for the cluster first: a registration the cluster did
/// not take is not made here either.
pub(crate) async fn register(
    node: &Node,
    name: String,
    address: Address,
) -> Result<(), StorageError> {
    let mut names = node.names.lock().await;
    node.store.register_name(&name, &address.to_string())?;
    names.insert(name, address);
    Ok(())
}

/// Where `name` points: this node's registration, else the cluster's.
pub(crate) async fn lookup(node: &Node, name: &str) -> Result<Option<Address>, StorageError> {
    if let Some(found) = node.names.lock().await.get(name) {
        return Ok(Some(found.clone()));
    }
    node.store.named(name)?.map(address).transpose()
}

/// Removes `name`, here and from the cluster.
pub(crate) async fn unregister(node: &Node, name: &str) -> Result<(), StorageError> {
    let mut names = node.names.lock().await;
    names.remove(name);
    node.store.unregister_name(name)
}

/// A live actor serving `ty`: this node's first, else one of another node.
pub(crate) fn discover(node: &Node, ty: &ActorType) -> Result<Option<Address>, StorageError> {
    if let Some(found) = node.router.of_type(ty) {
        return Ok(Some(found));
    }
    node.store.of_type(&type_key(ty))?.map(address).transpose()
}

/// Records that the actor at `address`, of type `ty`, is `live` (or no longer), for the
/// other nodes' `discover`. A failure is logged: the actor lives on, found by this node only.
pub(crate) fn typed(node: &Node, address: &Address, ty: &ActorType, live: bool) {
    if let Err(e) = node.store.typed(&type_key(ty), &address.to_string(), live) {
        let done = if live { "recorded" } else { "withdrawn" };
        let why = format!("the cluster's registry: its type was not {done}: {e}");
        node.log(address, Level::Warn, why);
    }
}

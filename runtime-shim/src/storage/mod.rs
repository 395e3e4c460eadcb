//! Persistent actor state behind a small trait, so that a server database can stand in for
//! the embedded one without touching the host implementation: [`RedbStore`], one file on one
//! machine (the default), and [`PostgresStore`], a database that shims on several machines
//! share.
//!
//! State is keyed by actor (the `name:package:publisher` process id, stable across restarts)
//! and then by the guest's key. A handler's writes reach the store as one [`StateChanges`]
//! batch, committed atomically, so a handler that fails leaves nothing behind.

mod log;
mod postgres;
mod redb;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use self::postgres::{Lease, PostgresStore};
pub use self::redb::RedbStore;

/// A failure of the storage backend itself (I/O, corruption, a lock held by another process).
#[derive(Debug, Clone, thiserror::Error)]
#[error("state store: {0}")]
pub struct StorageError(pub String);

/// What a store several shims share tells a shim about the others ([`StateStore::events`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreEvent {
    /// This shim now holds these durable invocations, taken over from a node whose lease ran
    /// out (or that left): it drives them from their journals.
    TookOver(Vec<String>),
    /// Awakeable, promise or output `id` was completed, on whichever node.
    Completed(String),
    /// This shim's lease is gone: another node took its work over, and its durable writes
    /// are refused from now on, for the reason given.
    LeaseLost(String),
}

/// One journal entry to write: entry `index` of invocation `invocation`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JournalAppend {
    pub invocation: String,
    pub index: u32,
    pub entry: Vec<u8>,
}

/// A write of durable execution, many of which commit together (group commit).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum DurableWrite {
    /// A journal entry (one at an index that is taken replaces it).
    Journal(JournalAppend),
    /// An invocation's record (bytes the shim encodes), with, when given, the state changes of
    /// an owner and a completion (id, value) that land with it. The completion is kept only
    /// if its id had none before: the first completion wins.
    Invocation {
        id: String,
        record: Vec<u8>,
        state: Option<(String, StateChanges)>,
        completes: Option<(String, Vec<u8>)>,
    },
    /// A journal entry of a state write, and the write itself on `owner`'s state: a durable
    /// object's state changes as its writes are journaled, not when the invocation ends.
    StateEntry {
        entry: JournalAppend,
        owner: String,
        changes: StateChanges,
    },
}

impl DurableWrite {
    /// The state changes that land with this write, and the owner they change: a store applies
    /// them before the write itself.
    pub fn state_changes(&self) -> Option<(&str, &StateChanges)> {
        match self {
            DurableWrite::Journal(_) => None,
            DurableWrite::StateEntry { owner, changes, .. } => Some((owner, changes)),
            DurableWrite::Invocation { state, .. } => (state.as_ref()).map(|(o, c)| (&**o, c)),
        }
    }
}

/// What an ended invocation leaves in the store, to remove once its retention is over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Purge {
    /// Its record and its journal.
    pub invocation: String,
    /// The completions whose ids start with one of these (its output, awakeables, signals,
    /// cancellation; a workflow's promises).
    pub completion_prefixes: Vec<String>,
    /// An owner whose state goes too (a workflow's).
    pub state_owner: Option<String>,
}

/// The writes of one step of an actor, applied all at once or not at all.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateChanges {
    /// Remove every key of the actor before applying `writes`.
    pub clear_all: bool,
    /// `Some` sets a key, `None` deletes it.
    pub writes: BTreeMap<String, Option<Vec<u8>>>,
}

impl StateChanges {
    /// Sets `key` to `value`, or deletes it when `value` is `None`.
    pub fn write(key: String, value: Option<Vec<u8>>) -> Self {
        Self {
            clear_all: false,
            writes: BTreeMap::from([(key, value)]),
        }
    }

    /// Removes every key.
    pub fn clear_all() -> Self {
        Self {
            clear_all: true,
            writes: BTreeMap::new(),
        }
    }

    /// True when committing this batch would change nothing.
    pub fn is_empty(&self) -> bool {
        !self.clear_all && self.writes.is_empty()
    }
}

/// An actor's whole state: each key, in order, with its value.
pub type Entries = Vec<(String, Vec<u8>)>;

/// A capability an actor saved, as the store keeps it: the issuer's address and the params in
/// canonical form, with the node's signature over holder, issuer and params. The store does
/// not check signatures; the shim does when it gives saved capabilities back to an actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedCapability {
    pub issuer: String,
    pub params: String,
    pub signature: Vec<u8>,
}

/// Durable key/value storage for actor state, and the capabilities actors saved.
pub trait StateStore: Send + Sync + 'static {
    /// The committed value of `key` for `actor`.
    fn get(&self, actor: &str, key: &str) -> Result<Option<Vec<u8>>, StorageError>;
    /// The committed keys of `actor`, in order.
    fn keys(&self, actor: &str) -> Result<Vec<String>, StorageError>;
    /// Applies `changes` atomically and durably: when this returns `Ok`, they survive a crash.
    fn commit(&self, actor: &str, changes: &StateChanges) -> Result<(), StorageError>;
    /// How many bytes of an actor's state (keys and values) a step loads at once when it
    /// begins, as Restate sends a virtual object's state eagerly with an invocation, so that
    /// its reads are answered from memory. 0 (the default): each key is read when first asked
    /// for, as a store on the same machine does cheaply.
    fn eager_state_bytes(&self) -> usize {
        0
    }
    /// Every key of `actor` and its value, in order, when they take at most `limit` bytes;
    /// `None` when they take more (or the store does not load state eagerly).
    fn load(&self, actor: &str, limit: usize) -> Result<Option<Entries>, StorageError> {
        let _ = (actor, limit);
        Ok(None)
    }

    /// The capabilities `holder` saved, in any order.
    fn saved_capabilities(&self, holder: &str) -> Result<Vec<SavedCapability>, StorageError>;
    /// Keeps `caps` for `holder`, durably, replacing the same (issuer, params).
    fn save_capabilities(&self, holder: &str, caps: &[SavedCapability])
    -> Result<(), StorageError>;
    /// Forgets the (issuer, params) pairs `caps` for `holder`.
    fn forget_capabilities(
        &self,
        holder: &str,
        caps: &[(String, String)],
    ) -> Result<(), StorageError>;
    /// Forgets every saved capability `issuer` issued, whoever holds it.
    fn revoke_capabilities(&self, issuer: &str) -> Result<(), StorageError>;
    /// The node's secret, which signs saved capabilities: made on first use, then the same
    /// for as long as the store lives.
    fn node_secret(&self) -> Result<[u8; 32], StorageError>;

    /// Writes durable invocation `id`'s record, durably, in a transaction of its own.
    fn put_invocation(&self, id: &str, record: &[u8]) -> Result<(), StorageError> {
        self.write_durable(&[&DurableWrite::Invocation {
            id: id.to_owned(),
            record: record.to_vec(),
            state: None,
            completes: None,
        }])
    }
    /// Removes an ended invocation for good, in one transaction: what `purge` names.
    fn purge(&self, purge: &Purge) -> Result<(), StorageError>;
    /// Every durable invocation's record.
    fn invocations(&self) -> Result<Vec<Vec<u8>>, StorageError>;
    /// Durable invocation `id`'s record.
    fn invocation(&self, id: &str) -> Result<Option<Vec<u8>>, StorageError>;
    /// Applies `writes` durably and atomically: all of them or none.
    fn write_durable(&self, writes: &[&DurableWrite]) -> Result<(), StorageError>;
    /// Brings the database up to date with the durable writes made so far, so that the reads
    /// that follow need not. A store whose durable writes land in the database at once has
    /// nothing to do.
    fn settle(&self) -> Result<(), StorageError> {
        Ok(())
    }
    /// Invocation `id`'s journal, in order.
    fn journal(&self, id: &str) -> Result<Vec<Vec<u8>>, StorageError>;
    /// Completes awakeable or promise `id` with `value`, durably. False (and no change) when
    /// it was already completed: the first completion wins.
    fn complete(&self, id: &str, value: &[u8]) -> Result<bool, StorageError>;
    /// The value awakeable or promise `id` was completed with.
    fn completion(&self, id: &str) -> Result<Option<Vec<u8>>, StorageError>;

    /// Of the durable invocations `ids`, those this shim drives: for a store several shims
    /// share, those its lease holds. A store only one shim opens holds them all.
    fn held(&self, ids: Vec<String>) -> Result<Vec<String>, StorageError> {
        Ok(ids)
    }
    /// Puts exclusive invocation `invocation` in the queue of object `owner` across the
    /// shims sharing the store, behind those queued before it on any of them (a place it
    /// has already stays). A store only one shim opens keeps no queue.
    fn queue_for_key(&self, owner: &str, invocation: &str) -> Result<(), StorageError> {
        let _ = (owner, invocation);
        Ok(())
    }
    /// Has exclusive invocation `invocation` hold object `owner` across the shims sharing
    /// the store, as their own key locks do within each: `None` once it holds it (now, or
    /// from before), or the invocation it waits for: the one that holds it, or the one
    /// queued before it. A store only one shim opens has nothing to hold across shims: `None`.
    fn take_key(&self, owner: &str, invocation: &str) -> Result<Option<String>, StorageError> {
        let _ = (owner, invocation);
        Ok(None)
    }
    /// Lets object `owner` go, if `invocation` holds it, and takes `invocation` out of its
    /// queue.
    fn release_key(&self, owner: &str, invocation: &str) -> Result<(), StorageError> {
        let _ = (owner, invocation);
        Ok(())
    }
    /// What the store will tell this shim about the other shims sharing it, taken once;
    /// `None` for a store no other shim shares.
    fn events(&self) -> Option<tokio::sync::mpsc::UnboundedReceiver<StoreEvent>> {
        None
    }

    // The cluster's registry: what `discovery` finds on the other shims sharing the store.
    // Addresses are kept as text (`node@name:package:publisher`), each until it is withdrawn
    // or the node it lives on leaves. A store no other shim shares keeps nothing: the node's
    // own tables are the whole registry.

    /// Has discovery name `name` point to `address` for every shim sharing the store; the
    /// last registration wins.
    fn register_name(&self, name: &str, address: &str) -> Result<(), StorageError> {
        let _ = (name, address);
        Ok(())
    }
    /// Has `name` point to `address` if it points to `expected` (nothing, for `None`): `None`
    /// once it does, or where it points meanwhile.
    fn claim_name(
        &self,
        name: &str,
        expected: Option<&str>,
        address: &str,
    ) -> Result<Option<String>, StorageError> {
        let _ = (name, expected, address);
        Ok(None)
    }
    /// Removes discovery name `name`, wherever it points.
    fn unregister_name(&self, name: &str) -> Result<(), StorageError> {
        let _ = name;
        Ok(())
    }
    /// Where discovery name `name` points, when a shim sharing the store registered it.
    fn named(&self, name: &str) -> Result<Option<String>, StorageError> {
        let _ = name;
        Ok(None)
    }
    /// Records that the actor at `address` is of `actor_type` (`manufacturer:name@version`)
    /// while `live`, and withdraws it once not.
    fn typed(&self, actor_type: &str, address: &str, live: bool) -> Result<(), StorageError> {
        let _ = (actor_type, address, live);
        Ok(())
    }
    /// One live actor of `actor_type` on a shim sharing the store: the first by address.
    fn of_type(&self, actor_type: &str) -> Result<Option<String>, StorageError> {
        let _ = actor_type;
        Ok(None)
    }
}

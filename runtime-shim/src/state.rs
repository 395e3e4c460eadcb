//! The state of one actor step: reads see the step's own writes, and the writes reach the
//! store in one atomic commit when the step succeeds, or vanish when it fails.
//!
//! An actor is the only writer of its keys, so what it read from the store, or committed to
//! it, stays true until its next commit: repeated reads are served from memory.

use std::collections::HashMap;
use std::sync::Arc;

use crate::storage::{StateChanges, StateStore, StorageError};

/// An actor's view of its persistent state during one step (a `handle`, or the work between
/// two receives in process mode).
pub(crate) struct StateTxn {
    store: Arc<dyn StateStore>,
    actor: String,
    changes: StateChanges,
    /// Committed values of the keys read or written so far (`None`: no such key).
    committed: HashMap<String, Option<Vec<u8>>>,
    /// Whether `committed` holds every key the actor has ([`Self::load`]): a key it does not
    /// hold is then known to be absent, with no read of the store.
    complete: bool,
}

impl StateTxn {
    pub fn new(store: Arc<dyn StateStore>, actor: String) -> Self {
        Self {
            store,
            actor,
            changes: StateChanges::default(),
            committed: HashMap::new(),
            complete: false,
        }
    }

    /// Loads the actor's whole state, when the store loads state eagerly and it is small
    /// enough ([`StateStore::eager_state_bytes`]), so that the step reads it from memory. When
    /// it does not, or the load fails, keys are read as they are asked for.
    pub fn load(&mut self) {
        let limit = self.store.eager_state_bytes();
        if limit == 0 {
            return;
        }
        if let Ok(Some(entries)) = self.store.load(&self.actor, limit) {
            self.committed = (entries.into_iter())
                .map(|(key, value)| (key, Some(value)))
                .collect();
            self.complete = true;
        }
    }

    pub fn get(&mut self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        if let Some(pending) = self.changes.writes.get(key) {
            return Ok(pending.clone());
        }
        if self.changes.clear_all {
            return Ok(None);
        }
        if let Some(known) = self.committed.get(key) {
            return Ok(known.clone());
        }
        if self.complete {
            return Ok(None);
        }
        let value = self.store.get(&self.actor, key)?;
        self.committed.insert(key.to_owned(), value.clone());
        Ok(value)
    }

    /// Adds `changes` to the step's writes.
    pub fn stage(&mut self, changes: StateChanges) {
        if changes.clear_all {
            self.changes = StateChanges::clear_all();
        }
        for (key, value) in changes.writes {
            self.changes.writes.insert(key, value);
        }
    }

    /// Forgets what is known of the committed values `changes` writes: for a caller that
    /// commits them itself.
    pub fn forget(&mut self, changes: &StateChanges) {
        self.complete = false;
        if changes.clear_all {
            self.committed.clear();
        }
        for key in changes.writes.keys() {
            self.committed.remove(key);
        }
    }

    pub fn keys(&self) -> Result<Vec<String>, StorageError> {
        let mut keys: std::collections::BTreeSet<String> = if self.changes.clear_all {
            Default::default()
        } else if self.complete {
            (self.committed.iter())
                .filter(|(_, value)| value.is_some())
                .map(|(key, _)| key.clone())
                .collect()
        } else {
            self.store.keys(&self.actor)?.into_iter().collect()
        };
        for (key, value) in &self.changes.writes {
            match value {
                Some(_) => keys.insert(key.clone()),
                None => keys.remove(key),
            };
        }
        Ok(keys.into_iter().collect())
    }

    /// Makes the step's writes durable.
    pub fn commit(&mut self) -> Result<(), StorageError> {
        let changes = std::mem::take(&mut self.changes);
        if changes.is_empty() {
            return Ok(());
        }
        let committed = self.store.commit(&self.actor, &changes);
        if committed.is_err() || changes.clear_all {
            // After a failed commit the store may hold either version: read it again. After
            // a cleared one, what it holds is what the commit wrote.
            self.committed.clear();
            self.complete = committed.is_ok();
        }
        if committed.is_ok() {
            self.committed.extend(changes.writes);
        }
        committed
    }

    /// Forgets the step's writes.
    /// The step's writes, leaving none behind: for a caller that commits them in a
    /// transaction of its own.
    pub fn take_changes(&mut self) -> StateChanges {
        self.committed.clear();
        self.complete = false;
        std::mem::take(&mut self.changes)
    }

    pub fn rollback(&mut self) {
        self.changes = StateChanges::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::RedbStore;

    #[test]
    fn reads_from_memory_stay_what_the_store_holds() {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn StateStore> =
            Arc::new(RedbStore::open(&dir.path().join("state.redb")).unwrap());
        let mut txn = StateTxn::new(Arc::clone(&store), "a".into());
        assert_eq!(txn.get("k").unwrap(), None);
        txn.stage(StateChanges::write("k".into(), Some(b"1".to_vec())));
        txn.commit().unwrap();
        assert_eq!(txn.get("k").unwrap().as_deref(), Some(&b"1"[..]));

        txn.stage(StateChanges::write("k".into(), Some(b"2".to_vec())));
        txn.rollback();
        assert_eq!(
            txn.get("k").unwrap().as_deref(),
            Some(&b"1"[..]),
            "rolled back"
        );

        txn.stage(StateChanges::clear_all());
        txn.stage(StateChanges::write("other".into(), Some(b"3".to_vec())));
        txn.commit().unwrap();
        assert_eq!(txn.get("k").unwrap(), None, "cleared");
        assert_eq!(store.get("a", "k").unwrap(), None);
        assert_eq!(txn.get("other").unwrap().as_deref(), Some(&b"3"[..]));
        let fresh = StateTxn::new(store, "a".into()).get("other").unwrap();
        assert_eq!(
            fresh.as_deref(),
            Some(&b"3"[..]),
            "what memory says, the store holds"
        );
    }
}

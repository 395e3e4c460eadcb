//! The state of one actor step: reads see the step's own writes, and the writes reach the
//! store in one atomic commit when the step succeeds, or vanish when it fails.

use std::sync::Arc;

use crate::storage::{StateChanges, StateStore, StorageError};

/// An actor's view of its persistent state during one step (a `handle`, or the work between
/// two receives in process mode).
pub(crate) struct StateTxn {
    store: Arc<dyn StateStore>,
    actor: String,
    changes: StateChanges,
}

impl StateTxn {
    pub fn new(store: Arc<dyn StateStore>, actor: String) -> Self {
        Self {
            store,
            actor,
            changes: StateChanges::default(),
        }
    }

    pub fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        if let Some(pending) = self.changes.writes.get(key) {
            return Ok(pending.clone());
        }
        if self.changes.clear_all {
            return Ok(None);
        }
        self.store.get(&self.actor, key)
    }

    pub fn set(&mut self, key: String, value: Vec<u8>) {
        self.changes.writes.insert(key, Some(value));
    }

    pub fn clear(&mut self, key: String) {
        self.changes.writes.insert(key, None);
    }

    pub fn clear_all(&mut self) {
        self.changes = StateChanges {
            clear_all: true,
            writes: Default::default(),
        };
    }

    pub fn keys(&self) -> Result<Vec<String>, StorageError> {
        let mut keys: std::collections::BTreeSet<String> = if self.changes.clear_all {
            Default::default()
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
        self.store.commit(&self.actor, &changes)
    }

    /// Forgets the step's writes.
    pub fn rollback(&mut self) {
        self.changes = StateChanges::default();
    }
}

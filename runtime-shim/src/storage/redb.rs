//! The embedded store: one redb file under the shim's state directory, and beside it the
//! write-ahead log of durable execution's writes (`state.log` for `state.redb`).
//!
//! redb is a pure-Rust, copy-on-write B-tree database with ACID transactions; a commit is
//! durable (fsync'd) before it returns, and a torn write after `kill -9` rolls back to the
//! last commit. It needs no C toolchain and no server, which suits a developer tool.
//!
//! Durable writes ([`StateStore::write_durable`]) are durable once logged; the database takes
//! them in a transaction without a sync of its own when asked ([`StateStore::settle`]) and
//! before anything reads it, and commits them durably (so the log can be emptied) once the log
//! is long, with any other write, and when the store is dropped. Opening the store applies
//! what a crash left in the log.

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use redb::{
    Database, Durability, ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction,
};

use super::log::WriteLog;
use super::{DurableWrite, Purge, SavedCapability, StateChanges, StateStore, StorageError};

/// (actor, key) → value.
const STATE: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("state");
/// (holder, issuer, params) → signature.
const CAPABILITIES: TableDefinition<(&str, &str, &str), &[u8]> =
    TableDefinition::new("capabilities");
/// invocation id → record.
const INVOCATIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("invocations");
/// (invocation id, index) → journal entry.
const JOURNAL: TableDefinition<(&str, u32), &[u8]> = TableDefinition::new("journal");
/// awakeable or promise id → the value it was completed with.
const COMPLETIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("completions");
/// name → value, for what belongs to the node rather than to an actor.
const NODE: TableDefinition<&str, &[u8]> = TableDefinition::new("node");
const SECRET: &str = "secret";

/// The log's length at which the database takes what it holds durably and empties it.
const CHECKPOINT_BYTES: u64 = 16 << 20;

/// [`StateStore`] backed by a redb database file and its write-ahead log.
///
/// Locks are taken in the order `writing`, `log`, `pending`; a read takes only `pending`, and
/// only for a moment, so no read waits for a sync, unless logged writes it must see are
/// being applied.
pub struct RedbStore {
    db: Database,
    /// Held by whoever writes to the database, so that logged writes land in the order they
    /// were logged, also while one of them has taken a batch and lets the log go on.
    writing: Mutex<()>,
    /// Held from a frame's append to its sync, and while the log is emptied.
    log: Mutex<WriteLog>,
    pending: Mutex<Pending>,
}

/// Logged writes that no transaction has applied yet.
#[derive(Default)]
struct Pending {
    writes: Vec<DurableWrite>,
    /// Whether a transaction is applying writes taken from `writes`.
    applying: bool,
}

impl Drop for RedbStore {
    fn drop(&mut self) {
        let _ = self.checkpoint();
    }
}

impl RedbStore {
    /// Opens the database file at `path`, or creates it where there is no file. The log
    /// beside it is opened first: it holds the state directory for this process, and a
    /// damaged log stops the open before the database is touched. A database that does not
    /// check out is refused, naming the file and what to do; see [`open_database`].
    pub fn open(path: &Path) -> Result<Self, StorageError> {
        let (file, batches) = WriteLog::open(&path.with_extension("log"))?;
        let db = open_database(path)?;
        let txn = db.begin_write().map_err(err)?;
        txn.open_table(STATE).map_err(err)?;
        txn.open_table(CAPABILITIES).map_err(err)?;
        txn.open_table(INVOCATIONS).map_err(err)?;
        txn.open_table(JOURNAL).map_err(err)?;
        txn.open_table(COMPLETIONS).map_err(err)?;
        let mut node = txn.open_table(NODE).map_err(err)?;
        if node.get(SECRET).map_err(err)?.is_none() {
            let mut secret = [0u8; 32];
            getrandom::fill(&mut secret).map_err(err)?;
            node.insert(SECRET, secret.as_slice()).map_err(err)?;
        }
        drop(node);
        txn.commit().map_err(err)?;
        let store = Self {
            db,
            writing: Mutex::new(()),
            log: Mutex::new(file),
            pending: Mutex::new(Pending {
                writes: batches.into_iter().flatten().collect(),
                applying: false,
            }),
        };
        store.checkpoint()?;
        Ok(store)
    }

    /// Commits what the log holds durably and empties it; nothing to do when it is empty.
    fn checkpoint(&self) -> Result<(), StorageError> {
        if self.log().len() == 0 {
            return Ok(());
        }
        self.write(|_| Ok(()))
    }

    fn writing(&self) -> MutexGuard<'_, ()> {
        lock(&self.writing)
    }

    fn log(&self) -> MutexGuard<'_, WriteLog> {
        lock(&self.log)
    }

    fn pending(&self) -> MutexGuard<'_, Pending> {
        lock(&self.pending)
    }

    /// Runs `write` in a durable transaction that first applies the logged writes, which
    /// then leave the log: a write outside the log never lands before one logged earlier.
    fn write<T>(
        &self,
        write: impl FnOnce(&WriteTransaction) -> Result<T, StorageError>,
    ) -> Result<T, StorageError> {
        let _writing = self.writing();
        let mut log = self.log();
        let taken = self.take_pending();
        let written = (|| {
            let txn = self.db.begin_write().map_err(err)?;
            apply_durable(&txn, taken.iter())?;
            let out = write(&txn)?;
            txn.commit().map_err(err)?;
            Ok(out)
        })();
        self.applied(taken, written.is_ok());
        let out = written?;
        log.clear()?;
        Ok(out)
    }

    /// Makes every logged write visible to the reads that follow, in a transaction that
    /// skips the sync the log already made. The log takes new writes meanwhile.
    fn apply_logged(&self) -> Result<(), StorageError> {
        {
            let pending = self.pending();
            if pending.writes.is_empty() && !pending.applying {
                return Ok(());
            }
        }
        let _writing = self.writing();
        let taken = self.take_pending();
        if taken.is_empty() {
            return Ok(());
        }
        let applied = (|| {
            let mut txn = self.db.begin_write().map_err(err)?;
            txn.set_durability(Durability::None).map_err(err)?;
            apply_durable(&txn, taken.iter())?;
            txn.commit().map_err(err)
        })();
        self.applied(taken, applied.is_ok());
        applied
    }

    /// Takes the logged writes no transaction has applied, for one to apply; reads wait for
    /// it (in [`apply_logged`](Self::apply_logged)) until [`applied`](Self::applied).
    fn take_pending(&self) -> Vec<DurableWrite> {
        let mut pending = self.pending();
        pending.applying = !pending.writes.is_empty();
        std::mem::take(&mut pending.writes)
    }

    /// Ends what [`take_pending`](Self::take_pending) began: `taken` committed, or not.
    fn applied(&self, taken: Vec<DurableWrite>, committed: bool) {
        let mut pending = self.pending();
        pending.applying = false;
        if !committed {
            // Still logged, and still to be applied before the next read.
            pending.writes.splice(0..0, taken);
        }
    }
}

/// Opens the database at `path`, creating one only where there is no file.
///
/// An existing file is checked whole on open: redb verifies the checksum of every page of
/// its committed trees, so a changed key or value fails the open rather than reading as
/// another one or as nothing. The check commits, and redb may repair what it finds, so the
/// file is first copied aside (`state.redb.before-open`); the copy is removed once the open
/// succeeds, and kept when it fails, with the file as it was, as `state.redb.damaged.N`
/// (the first N not taken). redb rolls back to the commit
/// before the last one when the last does not verify: a kill never leaves a commit so (its
/// pages are written before the header that points to them), so that is damage, or a power
/// loss in the middle of a commit, and the open is refused rather than silently losing the
/// last commit. An empty file, or anything that is not a regular file, is refused too: a
/// shim never leaves a database so.
fn open_database(path: &Path) -> Result<Database, StorageError> {
    let shown = path.display();
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return create_database(path),
        Err(e) => return Err(StorageError(format!("cannot read {shown}: {e}"))),
        Ok(m) if !m.is_file() => {
            return Err(StorageError(format!(
                "{shown} is not a regular file; the state database must be one"
            )));
        }
        Ok(m) if m.len() == 0 => {
            return Err(StorageError(format!(
                "{shown} is empty (0 bytes): no shim leaves its database so, so it was \
                 truncated or replaced. Restore it from a backup, or remove it to start with \
                 no state"
            )));
        }
        Ok(_) => {}
    }
    let kept = path.with_extension("redb.before-open");
    std::fs::copy(path, &kept).map_err(|e| {
        StorageError(format!(
            "cannot copy {shown} aside to {} before checking it: {e}",
            kept.display()
        ))
    })?;
    let rolled_back = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let saw = std::sync::Arc::clone(&rolled_back);
    let opened = std::panic::catch_unwind(|| {
        Database::builder()
            .set_check_integrity_on_open(true)
            .set_repair_callback(move |session| {
                // The one stage at which redb gives up the last commit for the one before.
                if session.progress() == PRIMARY_ROLLED_BACK {
                    saw.store(true, std::sync::atomic::Ordering::Relaxed);
                    session.abort();
                }
            })
            .open(path)
    });
    let damage = match opened {
        Ok(Ok(db)) => {
            let _ = std::fs::remove_file(&kept);
            return Ok(db);
        }
        Ok(Err(redb::DatabaseError::DatabaseAlreadyOpen)) => {
            let _ = std::fs::remove_file(&kept);
            return Err(StorageError(format!(
                "{shown} is in use by another process; stop it or pass a different --state-dir"
            )));
        }
        _ if rolled_back.load(std::sync::atomic::Ordering::Relaxed) => {
            "its last commit fails its checksums (the file was changed, or a power loss cut \
             the commit short)"
                .to_owned()
        }
        Ok(Err(e)) => e.to_string(),
        Err(panic) => {
            let said = (panic.downcast_ref::<String>().map(String::as_str))
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("a panic");
            format!("reading it failed ({said})")
        }
    };
    let kept = keep_damaged(path, &kept);
    Err(StorageError(format!(
        "{shown} is damaged: {damage}. The shim did not open it; the file as it was is kept at \
         {kept}. Restore the state directory from a backup, or move `{}` and its `.log` aside \
         to start with no state",
        path.file_name().unwrap_or_default().to_string_lossy()
    )))
}

/// Renames the copy `kept` of the database at `path` to the first `state.redb.damaged.N`
/// not taken, and says where it is.
fn keep_damaged(path: &Path, kept: &Path) -> String {
    let taken = (1..).map(|n| path.with_extension(format!("redb.damaged.{n}")));
    let Some(name) = taken.take(1000).find(|p| !p.exists()) else {
        return kept.display().to_string();
    };
    match std::fs::rename(kept, &name) {
        Ok(()) => name.display().to_string(),
        Err(_) => kept.display().to_string(),
    }
}

/// Creates a new database at `path`: made beside it and renamed into place once redb has
/// written it, so that a process killed while it creates one leaves no empty `state.redb`
/// (which the next open would refuse) behind.
fn create_database(path: &Path) -> Result<Database, StorageError> {
    let failed =
        |e: &dyn std::fmt::Display| StorageError(format!("cannot create {}: {e}", path.display()));
    let fresh = path.with_extension("redb.new");
    let _ = std::fs::remove_file(&fresh);
    let db = Database::create(&fresh).map_err(|e| failed(&e))?;
    std::fs::rename(&fresh, path).map_err(|e| failed(&e))?;
    Ok(db)
}

/// The progress redb reports when its repair rolls back to the commit before the last.
const PRIMARY_ROLLED_BACK: f64 = 0.3;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn err(e: impl std::fmt::Display) -> StorageError {
    StorageError(e.to_string())
}

/// The keys `actor` has in `table`, in order: its entries sort together, first by actor.
fn actor_keys(
    table: &impl ReadableTable<(&'static str, &'static str), &'static [u8]>,
    actor: &str,
) -> Result<Vec<String>, StorageError> {
    let mut keys = Vec::new();
    for entry in table.range((actor, "")..).map_err(err)? {
        let (k, _) = entry.map_err(err)?;
        let (owner, key) = k.value();
        if owner != actor {
            break;
        }
        keys.push(key.to_owned());
    }
    Ok(keys)
}

/// Applies `changes` to `actor`'s state inside `txn`.
fn apply(txn: &WriteTransaction, actor: &str, changes: &StateChanges) -> Result<(), StorageError> {
    let mut table = txn.open_table(STATE).map_err(err)?;
    if changes.clear_all {
        for key in &actor_keys(&table, actor)? {
            table.remove((actor, key.as_str())).map_err(err)?;
        }
    }
    for (key, value) in &changes.writes {
        match value {
            Some(v) => table
                .insert((actor, key.as_str()), v.as_slice())
                .map_err(err)?,
            None => table.remove((actor, key.as_str())).map_err(err)?,
        };
    }
    Ok(())
}

/// Applies durable execution's `writes`, in order, inside `txn`.
fn apply_durable<'a>(
    txn: &WriteTransaction,
    writes: impl Iterator<Item = &'a DurableWrite>,
) -> Result<(), StorageError> {
    let mut journal = txn.open_table(JOURNAL).map_err(err)?;
    let mut invocations = txn.open_table(INVOCATIONS).map_err(err)?;
    // Opened for the first write that completes something: most batches do not.
    let mut completions = None;
    for write in writes {
        if let Some((owner, changes)) = write.state_changes() {
            apply(txn, owner, changes)?;
        }
        match write {
            DurableWrite::Journal(e) | DurableWrite::StateEntry { entry: e, .. } => {
                journal
                    .insert((e.invocation.as_str(), e.index), e.entry.as_slice())
                    .map_err(err)?;
            }
            DurableWrite::Invocation {
                id,
                record,
                completes,
                ..
            } => {
                invocations
                    .insert(id.as_str(), record.as_slice())
                    .map_err(err)?;
                if let Some((id, value)) = completes {
                    let completions = match &mut completions {
                        Some(table) => table,
                        None => completions.insert(txn.open_table(COMPLETIONS).map_err(err)?),
                    };
                    if completions.get(id.as_str()).map_err(err)?.is_none() {
                        completions
                            .insert(id.as_str(), value.as_slice())
                            .map_err(err)?;
                    }
                }
            }
        }
    }
    Ok(())
}

impl StateStore for RedbStore {
    fn get(&self, actor: &str, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        self.apply_logged()?;
        let txn = self.db.begin_read().map_err(err)?;
        let table = txn.open_table(STATE).map_err(err)?;
        Ok(table
            .get((actor, key))
            .map_err(err)?
            .map(|v| v.value().to_vec()))
    }

    fn keys(&self, actor: &str) -> Result<Vec<String>, StorageError> {
        self.apply_logged()?;
        let txn = self.db.begin_read().map_err(err)?;
        let table = txn.open_table(STATE).map_err(err)?;
        actor_keys(&table, actor)
    }

    fn commit(&self, actor: &str, changes: &StateChanges) -> Result<(), StorageError> {
        if changes.is_empty() {
            return Ok(());
        }
        self.write(|txn| apply(txn, actor, changes))
    }

    fn saved_capabilities(&self, holder: &str) -> Result<Vec<SavedCapability>, StorageError> {
        let txn = self.db.begin_read().map_err(err)?;
        let table = txn.open_table(CAPABILITIES).map_err(err)?;
        let mut caps = Vec::new();
        for entry in table.range((holder, "", "")..).map_err(err)? {
            let (k, v) = entry.map_err(err)?;
            let (owner, issuer, params) = k.value();
            if owner != holder {
                break;
            }
            caps.push(SavedCapability {
                issuer: issuer.to_owned(),
                params: params.to_owned(),
                signature: v.value().to_vec(),
            });
        }
        Ok(caps)
    }

    fn save_capabilities(
        &self,
        holder: &str,
        caps: &[SavedCapability],
    ) -> Result<(), StorageError> {
        self.write(|txn| {
            let mut table = txn.open_table(CAPABILITIES).map_err(err)?;
            for cap in caps {
                table
                    .insert(
                        (holder, cap.issuer.as_str(), cap.params.as_str()),
                        cap.signature.as_slice(),
                    )
                    .map_err(err)?;
            }
            Ok(())
        })
    }

    fn forget_capabilities(
        &self,
        holder: &str,
        caps: &[(String, String)],
    ) -> Result<(), StorageError> {
        self.write(|txn| {
            let mut table = txn.open_table(CAPABILITIES).map_err(err)?;
            for (issuer, params) in caps {
                table
                    .remove((holder, issuer.as_str(), params.as_str()))
                    .map_err(err)?;
            }
            Ok(())
        })
    }

    fn revoke_capabilities(&self, issuer: &str) -> Result<(), StorageError> {
        // Every actor that ends for good comes here; most issued nothing that was saved, and
        // a read spares them a durable write.
        let issued = {
            let txn = self.db.begin_read().map_err(err)?;
            let table = txn.open_table(CAPABILITIES).map_err(err)?;
            let mut any = false;
            for entry in table.iter().map_err(err)? {
                let (k, _) = entry.map_err(err)?;
                if k.value().1 == issuer {
                    any = true;
                    break;
                }
            }
            any
        };
        if !issued {
            return Ok(());
        }
        self.write(|txn| {
            let mut table = txn.open_table(CAPABILITIES).map_err(err)?;
            table.retain(|(_, by, _), _| by != issuer).map_err(err)
        })
    }

    fn node_secret(&self) -> Result<[u8; 32], StorageError> {
        let txn = self.db.begin_read().map_err(err)?;
        let table = txn.open_table(NODE).map_err(err)?;
        let secret = table
            .get(SECRET)
            .map_err(err)?
            .ok_or_else(|| StorageError("the node secret is missing".into()))?;
        secret
            .value()
            .try_into()
            .map_err(|_| StorageError("the node secret is not 32 bytes".into()))
    }

    fn invocations(&self) -> Result<Vec<Vec<u8>>, StorageError> {
        self.apply_logged()?;
        let txn = self.db.begin_read().map_err(err)?;
        let table = txn.open_table(INVOCATIONS).map_err(err)?;
        let mut records = Vec::new();
        for entry in table.iter().map_err(err)? {
            records.push(entry.map_err(err)?.1.value().to_vec());
        }
        Ok(records)
    }

    fn purge(&self, purge: &Purge) -> Result<(), StorageError> {
        self.write(|txn| {
            let id = purge.invocation.as_str();
            txn.open_table(INVOCATIONS)
                .map_err(err)?
                .remove(id)
                .map_err(err)?;
            let mut journal = txn.open_table(JOURNAL).map_err(err)?;
            let indexes = (journal.range((id, 0)..=(id, u32::MAX)).map_err(err)?)
                .map(|entry| entry.map(|(k, _)| k.value().1).map_err(err))
                .collect::<Result<Vec<u32>, _>>()?;
            for index in indexes {
                journal.remove((id, index)).map_err(err)?;
            }
            let mut completions = txn.open_table(COMPLETIONS).map_err(err)?;
            for prefix in &purge.completion_prefixes {
                let keys = (completions.range(prefix.as_str()..).map_err(err)?)
                    .map(|entry| entry.map(|(k, _)| k.value().to_owned()).map_err(err))
                    .take_while(|k| k.as_ref().map_or(true, |k| k.starts_with(prefix.as_str())))
                    .collect::<Result<Vec<String>, _>>()?;
                for key in keys {
                    completions.remove(key.as_str()).map_err(err)?;
                }
            }
            if let Some(owner) = &purge.state_owner {
                apply(txn, owner, &StateChanges::clear_all())?;
            }
            Ok(())
        })
    }

    fn invocation(&self, id: &str) -> Result<Option<Vec<u8>>, StorageError> {
        self.apply_logged()?;
        let txn = self.db.begin_read().map_err(err)?;
        let table = txn.open_table(INVOCATIONS).map_err(err)?;
        Ok(table.get(id).map_err(err)?.map(|v| v.value().to_vec()))
    }

    fn write_durable(&self, writes: &[&DurableWrite]) -> Result<(), StorageError> {
        let mut log = self.log();
        log.append(writes)?;
        // Visible to reads only once durable.
        self.pending()
            .writes
            .extend(writes.iter().map(|&w| w.clone()));
        if log.len() >= CHECKPOINT_BYTES {
            drop(log);
            self.checkpoint()?;
        }
        Ok(())
    }

    fn settle(&self) -> Result<(), StorageError> {
        self.apply_logged()
    }

    fn journal(&self, id: &str) -> Result<Vec<Vec<u8>>, StorageError> {
        self.apply_logged()?;
        let txn = self.db.begin_read().map_err(err)?;
        let table = txn.open_table(JOURNAL).map_err(err)?;
        let mut entries = Vec::new();
        for entry in table.range((id, 0)..=(id, u32::MAX)).map_err(err)? {
            entries.push(entry.map_err(err)?.1.value().to_vec());
        }
        Ok(entries)
    }

    fn complete(&self, id: &str, value: &[u8]) -> Result<bool, StorageError> {
        self.write(|txn| {
            let mut table = txn.open_table(COMPLETIONS).map_err(err)?;
            let fresh = table.get(id).map_err(err)?.is_none();
            if fresh {
                table.insert(id, value).map_err(err)?;
            }
            Ok(fresh)
        })
    }

    fn completion(&self, id: &str) -> Result<Option<Vec<u8>>, StorageError> {
        self.apply_logged()?;
        let txn = self.db.begin_read().map_err(err)?;
        let table = txn.open_table(COMPLETIONS).map_err(err)?;
        Ok(table.get(id).map_err(err)?.map(|v| v.value().to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(clear_all: bool, writes: &[(&str, Option<&[u8]>)]) -> StateChanges {
        StateChanges {
            clear_all,
            writes: writes
                .iter()
                .map(|(k, v)| (k.to_string(), v.map(<[u8]>::to_vec)))
                .collect(),
        }
    }

    #[test]
    fn commits_survive_reopen_and_stay_per_actor() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.redb");
        {
            let store = RedbStore::open(&path).unwrap();
            store
                .commit(
                    "a",
                    &changes(false, &[("x", Some(b"1")), ("y", Some(b"2"))]),
                )
                .unwrap();
            store
                .commit("b", &changes(false, &[("x", Some(b"other"))]))
                .unwrap();
        }
        let store = RedbStore::open(&path).unwrap();
        assert_eq!(store.get("a", "x").unwrap().as_deref(), Some(&b"1"[..]));
        assert_eq!(store.keys("a").unwrap(), ["x", "y"]);
        store
            .commit("a", &changes(true, &[("z", Some(b"3"))]))
            .unwrap();
        assert_eq!(store.keys("a").unwrap(), ["z"]);
        assert_eq!(
            store.keys("b").unwrap(),
            ["x"],
            "clear_all must not touch another actor"
        );
        store.commit("a", &changes(false, &[("z", None)])).unwrap();
        assert_eq!(store.get("a", "z").unwrap(), None);
    }

    #[test]
    fn saved_capabilities_stay_per_holder_and_revoke_by_issuer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.redb");
        let saved = |issuer: &str, params: &str| SavedCapability {
            issuer: issuer.into(),
            params: params.into(),
            signature: vec![1, 2, 3],
        };
        let secret = {
            let store = RedbStore::open(&path).unwrap();
            store
                .save_capabilities("a", &[saved("x", "1"), saved("y", "1")])
                .unwrap();
            store.save_capabilities("b", &[saved("x", "2")]).unwrap();
            store.node_secret().unwrap()
        };
        let store = RedbStore::open(&path).unwrap();
        assert_eq!(store.node_secret().unwrap(), secret, "one secret per store");
        assert_eq!(store.saved_capabilities("a").unwrap().len(), 2);
        store.revoke_capabilities("x").unwrap();
        assert_eq!(store.saved_capabilities("a").unwrap(), [saved("y", "1")]);
        assert_eq!(store.saved_capabilities("b").unwrap(), []);
        store
            .forget_capabilities("a", &[("y".into(), "1".into())])
            .unwrap();
        assert_eq!(store.saved_capabilities("a").unwrap(), []);
    }

    #[test]
    fn logged_writes_survive_a_crash_before_the_database_takes_them() {
        let dir = tempfile::tempdir().unwrap();
        let crashed = tempfile::tempdir().unwrap();
        let append = |index: u32| {
            DurableWrite::Journal(super::super::JournalAppend {
                invocation: "inv".into(),
                index,
                entry: vec![index as u8; 3],
            })
        };
        let store = RedbStore::open(&dir.path().join("state.redb")).unwrap();
        store.write_durable(&[&append(0), &append(1)]).unwrap();
        // Read (so the database has taken the first batch, without a sync), then log one more.
        assert_eq!(store.journal("inv").unwrap().len(), 2);
        store.write_durable(&[&append(2)]).unwrap();
        // What is on disk now is what a `kill -9` would leave.
        for file in ["state.redb", "state.log"] {
            std::fs::copy(dir.path().join(file), crashed.path().join(file)).unwrap();
        }
        drop(store);
        let path = crashed.path().join("state.redb");
        let reopened = RedbStore::open(&path).unwrap();
        assert_eq!(
            reopened.journal("inv").unwrap(),
            [vec![0; 3], vec![1; 3], vec![2; 3]]
        );
        drop(reopened);
        let (_, logged) = WriteLog::open(&crashed.path().join("state.log")).unwrap();
        assert!(logged.is_empty(), "the database holds it all durably now");
    }

    /// What `open` makes of the database file `bytes`, in a directory of its own: the
    /// state of actor `a` it reads, or the error.
    fn reopened(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.redb");
        std::fs::write(&path, bytes).unwrap();
        let store = match RedbStore::open(&path) {
            Ok(store) => store,
            Err(e) => {
                let e = e.to_string();
                assert!(e.contains(&*path.to_string_lossy()), "names no file: {e}");
                if !bytes.is_empty() {
                    let kept = path.with_extension("redb.damaged.1");
                    let as_it_was = std::fs::read(&kept).unwrap_or_default();
                    assert!(as_it_was == bytes, "the file as it was is not kept: {e}");
                    assert!(e.contains(&*kept.to_string_lossy()), "{e}");
                }
                return Err(e);
            }
        };
        let copy = path.with_extension("redb.before-open");
        assert!(
            !copy.exists(),
            "the copy stays after an open that succeeded"
        );
        let keys = store.keys("a").map_err(|e| e.to_string())?;
        keys.into_iter()
            .map(|k| {
                let v = store.get("a", &k).map_err(|e| e.to_string())?;
                Ok((k, v.unwrap_or_default()))
            })
            .collect()
    }

    #[test]
    fn a_damaged_or_empty_database_is_refused_and_never_reads_as_other_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.redb");
        {
            let store = RedbStore::open(&path).unwrap();
            let state = [("count", Some(&b"41"[..])), ("name", Some(b"ada"))];
            store.commit("a", &changes(false, &state)).unwrap();
        }
        let whole = std::fs::read(&path).unwrap();
        let committed = reopened(&whole).unwrap();
        assert_eq!(committed.len(), 2);

        let empty = reopened(&[]).unwrap_err();
        assert!(empty.contains("is empty (0 bytes)"), "{empty}");
        // Of the file's 1 MiB, some 34k bytes are not zero: every one of the header page's,
        // and every 61st of the others (`GUESTKIT_FLIP_EVERY_BYTE=1`: every one, three ways,
        // and every 97th zero), and some zeros of the free space.
        let every = std::env::var_os("GUESTKIT_FLIP_EVERY_BYTE").is_some();
        let flips: &[u8] = if every { &[0x10, 0x01, 0x80] } else { &[0x10] };
        let flipped = |at: usize| match (whole[at], every) {
            (0, true) => at.is_multiple_of(97),
            (0, false) => at.is_multiple_of(4093),
            (_, true) => true,
            (_, false) => at < 4096 || at.is_multiple_of(61),
        };
        let (mut refused, mut read) = (0, 0);
        for at in (0..whole.len()).filter(|&at| flipped(at)) {
            let flips = if whole[at] == 0 { &flips[..1] } else { flips };
            for flip in flips {
                let mut damaged = whole.clone();
                damaged[at] ^= flip;
                match reopened(&damaged) {
                    Ok(state) => {
                        assert_eq!(state, committed, "byte {at} ^ {flip:#x} changed the state");
                        read += 1;
                    }
                    Err(e) => {
                        assert!(e.contains("is damaged"), "byte {at} ^ {flip:#x}: {e}");
                        refused += 1;
                    }
                }
            }
        }
        eprintln!("{refused} opens refused, {read} read as committed");
        assert!(refused > 0 && read > 0, "{refused} refused, {read} read");
    }

    #[test]
    fn a_new_database_is_renamed_into_place_over_what_a_killed_creation_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.redb");
        std::fs::write(path.with_extension("redb.new"), b"half made").unwrap();
        let store = RedbStore::open(&path).unwrap();
        store
            .commit("a", &changes(false, &[("k", Some(b"v"))]))
            .unwrap();
        drop(store);
        assert!(!path.with_extension("redb.new").exists());
        let store = RedbStore::open(&path).unwrap();
        assert_eq!(store.get("a", "k").unwrap().as_deref(), Some(&b"v"[..]));
    }

    #[test]
    fn second_open_of_one_file_is_refused_with_a_fix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.redb");
        let _first = RedbStore::open(&path).unwrap();
        let e = RedbStore::open(&path).err().expect("second open must fail");
        assert!(e.to_string().contains("--state-dir"), "{e}");
    }
}

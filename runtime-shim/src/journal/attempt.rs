//! One attempt of a durable invocation and its journal: every journaled host call either
//! replays the entry at its index (checked against what the guest asks for now) or runs and
//! is appended, durably, before its result goes back to the guest.

use std::collections::HashMap;
use std::sync::Arc;

use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::SeedableRng;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::codec;
use super::commit::{Journaler, Pending};
use super::records::{Completion, Failure, Invocation, JOURNAL_MISMATCH, PROTOCOL_VIOLATION};
use super::wake::Wake;
use crate::clock::Clock;
use crate::storage::{DurableWrite, JournalAppend, StateChanges, StateStore, StorageError};

/// One journaled host call: what was asked and what it returned.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalEntry {
    /// `interface.function`, as the guest's WIT names it (`run` for a completed run).
    pub command: String,
    /// The arguments replay checks: a different value at the same index is a mismatch.
    pub fields: Value,
    /// Arguments checked only while payload checks are on (`durable.set-payload-checks`).
    pub payload: Option<Vec<u8>>,
    /// What the call returned.
    pub result: Recorded,
    /// Whether the state write this entry records landed with it. Entries journaled before
    /// state writes did so have it false: replaying one buffers its write, which lands with
    /// the invocation's output, as it did when the entry was written.
    pub applied: bool,
}

/// What a journaled call returned, as its entry holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded(Repr);

#[derive(Debug, Clone, PartialEq)]
enum Repr {
    /// In postcard.
    Binary(Vec<u8>),
    /// A JSON value, as entries held results before they were binary.
    Json(Value),
}

impl Recorded {
    /// `value`, encoded compactly.
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Self {
        Self(Repr::Binary(
            postcard::to_stdvec(value).expect("a journaled result encodes"),
        ))
    }

    /// The value, as the type the call returns.
    pub fn get<T: DeserializeOwned>(&self) -> Result<T, String> {
        match &self.0 {
            Repr::Binary(bytes) => postcard::from_bytes(bytes).map_err(|e| e.to_string()),
            Repr::Json(json) => serde_json::from_value(json.clone()).map_err(|e| e.to_string()),
        }
    }

    /// How many bytes the value takes in its entry.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Binary(bytes) => bytes.len(),
            Repr::Json(json) => json.to_string().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether it was journaled as JSON, before entries were binary.
    fn is_json(&self) -> bool {
        self.as_json().is_some()
    }

    /// The value as JSON, when it was journaled as JSON, before entries were binary.
    pub fn as_json(&self) -> Option<&Value> {
        match &self.0 {
            Repr::Json(json) => Some(json),
            Repr::Binary(_) => None,
        }
    }
}

/// A journal entry as the store holds it (see [`codec`](super::codec)).
#[derive(Serialize, Deserialize)]
struct Stored {
    command: String,
    /// The arguments as JSON text: replay compares them field by field, so that an entry
    /// written before a field was checked still replays.
    fields: String,
    payload: Option<Vec<u8>>,
    result: Vec<u8>,
    applied: bool,
}

/// A journal entry as it was stored before entries were binary: JSON, its result a JSON
/// value (bytes as arrays of numbers).
#[derive(Deserialize)]
struct StoredAsJson {
    command: String,
    fields: Value,
    #[serde(default)]
    payload: Option<Vec<u8>>,
    result: Value,
    #[serde(default)]
    applied: bool,
}

impl JournalEntry {
    /// An entry of `command` without a payload or a state write.
    pub fn new(command: impl Into<String>, fields: Value, result: Recorded) -> Self {
        Self {
            command: command.into(),
            fields,
            payload: None,
            result,
            applied: false,
        }
    }

    /// The entry as the store keeps it.
    pub fn encode(&self) -> Vec<u8> {
        let result = match &self.result.0 {
            Repr::Binary(bytes) => bytes.clone(),
            Repr::Json(json) => {
                return serde_json::to_vec(&serde_json::json!({
                    "command": self.command,
                    "fields": self.fields,
                    "payload": self.payload,
                    "result": json,
                    "applied": self.applied,
                }))
                .expect("a journal entry encodes");
            }
        };
        codec::encode(&Stored {
            command: self.command.clone(),
            fields: self.fields.to_string(),
            payload: self.payload.clone(),
            result,
            applied: self.applied,
        })
    }

    /// An entry as [`encode`](Self::encode) stored it, or as JSON stored before entries were
    /// binary.
    pub fn decode(bytes: &[u8]) -> Result<Self, StorageError> {
        let entry = if codec::is_json(bytes) {
            let old: StoredAsJson =
                codec::decode(bytes, "a journal entry").map_err(StorageError)?;
            Self {
                command: old.command,
                fields: old.fields,
                payload: old.payload,
                result: Recorded(Repr::Json(old.result)),
                applied: old.applied,
            }
        } else {
            let stored: Stored = codec::decode(bytes, "a journal entry").map_err(StorageError)?;
            let fields = serde_json::from_str(&stored.fields).map_err(|e| {
                StorageError(format!("a journal entry's fields do not decode: {e}"))
            })?;
            Self {
                command: stored.command,
                fields,
                payload: stored.payload,
                result: Recorded(Repr::Binary(stored.result)),
                applied: stored.applied,
            }
        };
        Ok(entry)
    }
}

/// Whether `now`, the arguments of a call, are those `recorded` at its place in the journal.
/// A field the recorded entry does not have was added to the checks after it was written,
/// and is not compared, so that journals written before stay replayable.
fn same_fields(recorded: &Value, now: &Value) -> bool {
    match (recorded, now) {
        (Value::Object(recorded), Value::Object(now)) => recorded
            .iter()
            .all(|(name, value)| now.get(name).is_some_and(|v| same_fields(value, v))),
        (Value::Array(recorded), Value::Array(now)) => {
            recorded.len() == now.len() && recorded.iter().zip(now).all(|(r, n)| same_fields(r, n))
        }
        (recorded, now) => recorded == now,
    }
}

/// Why an attempt ended early, decided by the host rather than the guest's return value.
#[derive(Debug, Clone)]
pub(crate) enum Abort {
    /// Retry the invocation (after `after`, or the invocation's own backoff).
    Retry {
        failure: Failure,
        after: Option<std::time::Duration>,
    },
    /// End the invocation with this failure, or pause it.
    Terminal { failure: Failure, pause: bool },
    /// Nothing the handler waits for has happened: drop the instance, and run the invocation
    /// again (replaying) at `wake_at_ms` or when one of `waiting_on` is completed.
    Suspend {
        wake_at_ms: Option<u64>,
        waiting_on: Vec<String>,
    },
}

/// What a handle that has not completed yet waits for.
#[derive(Debug, Clone)]
pub(crate) enum Awaited {
    /// A durable timer: completes at this wall-clock time (ms since the Unix epoch).
    Sleep { wake_at_ms: u64 },
    /// An awakeable, promise or cancellation: completes when the store holds a value for it.
    External(String),
}

/// A failed attempt, as a trap: the guest's call ends here and the host reads the reason from
/// [`Attempt::abort`].
#[derive(Debug)]
pub(crate) struct Aborted;

impl std::fmt::Display for Aborted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the durable invocation's attempt was ended by the host")
    }
}

impl std::error::Error for Aborted {}

/// A run between `run-begin` (execute) and `run-end`.
pub(crate) struct OpenRun {
    pub handle: u32,
    pub name: String,
}

/// The state of one attempt: where in the journal it is, its handles and what they hold.
pub(crate) struct Attempt {
    pub invocation: Invocation,
    store: Arc<dyn StateStore>,
    journaler: Arc<Journaler>,
    clock: Clock,
    journal: Vec<JournalEntry>,
    next: usize,
    /// The most bytes a value in an entry (a run's output, a state value, a completion) may
    /// have: the shim's message limit.
    max_value_bytes: usize,
    pub payload_checks: bool,
    next_handle: u32,
    /// Completed handles and their values, until taken.
    pub completed: HashMap<u32, Completion>,
    /// Handles that have not completed (as far as this attempt has seen).
    pub pending: HashMap<u32, Awaited>,
    pub open_run: Option<OpenRun>,
    /// Set when the host ends the attempt.
    pub abort: Option<Abort>,
    /// Whether a `wait` already returned `cancelled`: it does so once.
    pub cancel_seen: bool,
    /// The invocation's wake-ups, which carry a cancellation asked in this process.
    wake: Arc<Wake>,
    /// Whether the store held a cancellation when this attempt first looked.
    cancel_stored: Option<bool>,
    /// Whether this attempt appended to the journal (progress resets the retry count).
    pub progressed: bool,
    /// The invocation's random values, drawn in call order ([`seeded_stream`]).
    random: ChaCha20Rng,
    /// Entries written to the store but not known to be durable yet, with their commands:
    /// [`sync`](Self::sync) waits for them before anything the invocation does is seen outside.
    unsynced: Vec<(String, Pending)>,
    /// The latest monotonic time this attempt has handed out: a reading recorded by an
    /// earlier process may be later than this process's clock.
    pub monotonic_floor: u64,
    /// A check of the journal against new code: nothing is appended or run; the attempt ends
    /// at the first call the journal does not hold ([`at_end`](Self::at_end)).
    replay_only: bool,
    /// In a replay-only attempt, whether it reached the end of the journal.
    pub at_end: bool,
    /// The first place the handler's calls and the journal parted, when they did.
    pub mismatched: Option<Mismatch>,
}

/// Where a handler's calls and its journal parted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The entry's index.
    pub index: usize,
    /// What the journal holds there: `command {fields}`.
    pub recorded: String,
    /// What the handler asked for instead (or that it returned).
    pub asked: String,
}

/// The random stream of an invocation with id `id` and recorded seed `seed`: ChaCha20, keyed
/// by both, so every attempt, on every shim, draws the same values in the same order.
pub fn seeded_stream(id: &str, seed: u64) -> ChaCha20Rng {
    use sha2::{Digest, Sha256};
    let key = Sha256::new()
        .chain_update(b"guestkit random\0")
        .chain_update(id.as_bytes())
        .chain_update(seed.to_le_bytes())
        .finalize();
    ChaCha20Rng::from_seed(key.into())
}

impl Attempt {
    pub fn new(
        invocation: Invocation,
        store: Arc<dyn StateStore>,
        journaler: Arc<Journaler>,
        clock: Clock,
        journal: Vec<JournalEntry>,
        max_value_bytes: usize,
        wake: Arc<Wake>,
    ) -> Self {
        Self {
            store,
            journaler,
            clock,
            journal,
            next: 0,
            max_value_bytes,
            payload_checks: true,
            next_handle: 2,
            completed: HashMap::new(),
            pending: HashMap::new(),
            open_run: None,
            abort: None,
            cancel_seen: false,
            wake,
            cancel_stored: None,
            progressed: false,
            random: seeded_stream(&invocation.id, invocation.random_seed),
            unsynced: Vec::new(),
            monotonic_floor: 0,
            replay_only: false,
            at_end: false,
            mismatched: None,
            invocation,
        }
    }

    /// This attempt as a check of its journal against the code it runs: nothing is appended
    /// and no new step runs; the first call the journal does not hold ends it.
    pub fn replay_only(mut self) -> Self {
        self.replay_only = true;
        self
    }

    /// Ends a replay-only attempt at a call the journal does not hold: what it would do is
    /// new, and is not done.
    fn journal_ended(&mut self) -> wasmtime::Error {
        self.at_end = true;
        self.fail(Abort::Suspend {
            wake_at_ms: None,
            waiting_on: Vec::new(),
        })
    }

    /// True while the guest is re-running calls the journal already holds.
    pub fn is_replaying(&self) -> bool {
        self.next < self.journal.len()
    }

    /// The invocation's random stream, for a draw made outside a run.
    pub fn random(&mut self) -> &mut ChaCha20Rng {
        &mut self.random
    }

    /// When the entry at this point records `command`, a call that earlier versions of the
    /// shim journaled and this one does not (random values): that entry, replayed. `None`
    /// otherwise, without consuming anything.
    pub fn replay_former<T: DeserializeOwned>(
        &mut self,
        command: &str,
        fields: &Value,
    ) -> wasmtime::Result<Option<T>> {
        if self
            .journal
            .get(self.next)
            .is_none_or(|e| e.command != command)
        {
            return Ok(None);
        }
        let entry = self
            .replay(command, fields, None)?
            .expect("the entry is there");
        self.result_of(&entry).map(Some)
    }

    /// What `entry`, just replayed, returned, as the type its call returns now: a mismatch
    /// when it holds another.
    fn result_of<T: DeserializeOwned>(&mut self, entry: &JournalEntry) -> wasmtime::Result<T> {
        entry.result.get().map_err(|e| {
            let index = self.next - 1;
            let recorded = format!("`{}` {} with its result", entry.command, entry.fields);
            let asked = format!("`{}` returning another type", entry.command);
            let message = format!(
                "entry {index} ({}) holds a result of another shape: {e}",
                entry.command
            );
            self.mismatch_at(index, recorded, asked, message)
        })
    }

    /// Whether the entry at this point was journaled as JSON, by a shim from before entries
    /// were binary.
    pub fn at_former_entry(&self) -> bool {
        self.journal
            .get(self.next)
            .is_some_and(|e| e.result.is_json())
    }

    /// A new handle. Handles are numbered in call order, so replay hands out the same ones.
    pub fn handle(&mut self) -> u32 {
        let h = self.next_handle;
        self.next_handle += 1;
        h
    }

    /// The journaled result of `command` at this point: on replay the recorded one (after
    /// checking that the guest asks the same), otherwise `run`'s, appended. `run` reads
    /// (state, clocks, completions) and reaches nothing outside the invocation: its entry
    /// becomes durable with the next one that must be ([`sync`](Self::sync)), so this does
    /// not wait.
    pub fn record<T: Serialize + DeserializeOwned>(
        &mut self,
        command: &str,
        fields: Value,
        payload: Option<&[u8]>,
        run: impl FnOnce() -> wasmtime::Result<T>,
    ) -> wasmtime::Result<T> {
        if let Some(entry) = self.replay(command, &fields, payload)? {
            return self.result_of(&entry);
        }
        let value = run()?;
        let result = Recorded::of(&value);
        self.append(JournalEntry {
            command: command.to_owned(),
            fields,
            payload: payload.map(<[u8]>::to_vec),
            result,
            applied: false,
        })?;
        Ok(value)
    }

    /// As [`record`](Self::record), for a `run` whose effect is seen outside the invocation
    /// (it starts an invocation, completes a promise, cancels): the journal up to here is
    /// durable before it runs, and its entry before the guest goes on.
    pub async fn record_effect<T: Serialize + DeserializeOwned>(
        &mut self,
        command: &str,
        fields: Value,
        payload: Option<&[u8]>,
        run: impl FnOnce() -> wasmtime::Result<T>,
    ) -> wasmtime::Result<T> {
        self.sync().await?;
        let value = self.record(command, fields, payload, run)?;
        self.sync().await?;
        Ok(value)
    }

    /// Journals `command`, a write of `changes` to the invocation's object state, and applies
    /// the write in the same transaction as its entry, as Restate applies a SetState entry: it
    /// stays when the invocation later fails. A replayed entry applies nothing (the store
    /// holds its write since the entry was journaled), unless it was journaled before writes
    /// landed with their entries: then its `changes` come back, for the caller to buffer.
    pub async fn record_write(
        &mut self,
        command: &str,
        fields: Value,
        payload: Option<Vec<u8>>,
        changes: StateChanges,
    ) -> wasmtime::Result<Option<StateChanges>> {
        if let Some(entry) = self.replay(command, &fields, payload.as_deref())? {
            return Ok((!entry.applied).then_some(changes));
        }
        let entry = JournalEntry {
            command: command.to_owned(),
            fields,
            payload,
            result: Recorded::of(&()),
            applied: true,
        };
        let owner = self.invocation.state_owner();
        self.write_entry(entry, Some((owner, changes)))?;
        // Reads of the object's state go to the store: it holds the write once it is durable.
        self.sync().await?;
        Ok(None)
    }

    /// The entry at this point when replaying, checked against the call the guest makes now;
    /// `None` once the journal is exhausted.
    pub fn replay(
        &mut self,
        command: &str,
        fields: &Value,
        payload: Option<&[u8]>,
    ) -> wasmtime::Result<Option<JournalEntry>> {
        let Some(entry) = self.journal.get(self.next).cloned() else {
            if self.replay_only {
                return Err(self.journal_ended());
            }
            return Ok(None);
        };
        let index = self.next;
        let recorded = format!("`{}` {}", entry.command, entry.fields);
        let asked = format!("`{command}` {fields}");
        if entry.command != command {
            let message = format!(
                "entry {index} is `{}`, but the handler now calls `{command}`",
                entry.command
            );
            return Err(self.mismatch_at(index, recorded, asked, message));
        }
        if !same_fields(&entry.fields, fields) {
            let message = format!(
                "entry {index} (`{command}`) was made with {}, but the handler now passes {fields}",
                entry.fields
            );
            return Err(self.mismatch_at(index, recorded, asked, message));
        }
        if self.payload_checks && entry.payload.as_deref() != payload {
            let message = format!(
                "entry {index} (`{command}`) was made with another payload (payload checks are \
                 on; `durable.set-payload-checks(false)` tolerates this)"
            );
            let asked = format!("{asked} with another payload");
            return Err(self.mismatch_at(index, recorded, asked, message));
        }
        self.next += 1;
        Ok(Some(entry))
    }

    /// The bytes of `value` as a payload of the entry at this point: the journal's encoding,
    /// or JSON when replaying an entry journaled before entries were binary, so that payload
    /// checks compare like with like.
    pub fn payload_of<T: Serialize>(&self, value: &T) -> Vec<u8> {
        match self.at_former_entry() {
            true => serde_json::to_vec(value).expect("a payload encodes"),
            false => codec::encode(value),
        }
    }

    /// The run named `name` executed, and its result is about to be appended: where a test
    /// may have armed a crash.
    pub fn run_ended(&self, name: &str) {
        self.journaler.crashes.run_ended(name);
    }

    /// Appends `entry` to the journal. It becomes durable with the next [`sync`](Self::sync).
    pub fn append(&mut self, entry: JournalEntry) -> wasmtime::Result<()> {
        self.write_entry(entry, None)
    }

    /// Waits until every entry appended so far is durable: before anything the invocation
    /// does is seen outside it (a run's side effect or acknowledged result, a call, a
    /// completion, its output, its suspension). A failed write ends the attempt.
    pub async fn sync(&mut self) -> wasmtime::Result<()> {
        for (command, pending) in std::mem::take(&mut self.unsynced) {
            pending
                .durable()
                .await
                .map_err(|e| wasmtime::format_err!("journaling `{command}` failed: {e}"))?;
        }
        Ok(())
    }

    /// Appends `entry`, with the state changes of an owner that land with it.
    fn write_entry(
        &mut self,
        entry: JournalEntry,
        state: Option<(String, StateChanges)>,
    ) -> wasmtime::Result<()> {
        if self.replay_only {
            return Err(self.journal_ended());
        }
        let index = u32::try_from(self.journal.len())?;
        let size = entry
            .payload
            .as_ref()
            .map_or(0, Vec::len)
            .max(entry.result.len());
        if size > self.max_value_bytes {
            return Err(self.fail(Abort::Retry {
                failure: Failure {
                    code: 500,
                    message: format!(
                        "journal entry {index} (`{}`) holds a value of {size} bytes, over the \
                         shim's message limit of {} bytes; it was not journaled",
                        entry.command, self.max_value_bytes
                    ),
                },
                after: None,
            }));
        }
        let bytes = entry.encode();
        let append = JournalAppend {
            invocation: self.invocation.id.clone(),
            index,
            entry: bytes,
        };
        let write = match state {
            None => DurableWrite::Journal(append),
            Some((owner, changes)) => DurableWrite::StateEntry {
                entry: append,
                owner,
                changes,
            },
        };
        let pending = self.journaler.queue(write);
        self.unsynced.push((entry.command.clone(), pending));
        self.journal.push(entry);
        self.next = self.journal.len();
        self.progressed = true;
        Ok(())
    }

    /// The journal mismatch of a handler that returned before replaying every entry its
    /// journal holds: the code that recorded them took steps this code does not.
    pub fn unconsumed(&self) -> Option<Failure> {
        let entry = self.journal.get(self.next)?;
        Some(Failure {
            code: JOURNAL_MISMATCH,
            message: format!(
                "journal mismatch: the handler returned after {} of the journal's {} entries; \
                 entry {} (`{}`) and those after it were recorded by a version of the code that \
                 took steps this one does not",
                self.next,
                self.journal.len(),
                self.next,
                entry.command
            ),
        })
    }

    /// Where a handler that returned left the journal unreplayed: the first entry it did not
    /// reach.
    pub fn unconsumed_mismatch(&self) -> Option<Mismatch> {
        let entry = self.journal.get(self.next)?;
        Some(Mismatch {
            index: self.next,
            recorded: format!("`{}` {}", entry.command, entry.fields),
            asked: "nothing: the handler returned".to_owned(),
        })
    }

    /// Ends the attempt with a journal mismatch at entry `index`, holding `recorded` where the
    /// handler asked for `asked`.
    fn mismatch_at(
        &mut self,
        index: usize,
        recorded: String,
        asked: String,
        message: String,
    ) -> wasmtime::Error {
        self.mismatched.get_or_insert(Mismatch {
            index,
            recorded,
            asked,
        });
        self.mismatch(message)
    }

    /// Ends the attempt with a journal mismatch: the invocation's retry policy decides what
    /// happens next.
    fn mismatch(&mut self, message: String) -> wasmtime::Error {
        self.fail(Abort::Retry {
            failure: Failure {
                code: JOURNAL_MISMATCH,
                message: format!("journal mismatch: {message}"),
            },
            after: None,
        })
    }

    /// What `handle` holds now, looking at the clock and the store for a pending one. Not
    /// deterministic: callers journal what they saw.
    pub fn resolve(&mut self, handle: u32) -> wasmtime::Result<Option<Completion>> {
        if let Some(done) = self.completed.get(&handle) {
            return Ok(Some(done.clone()));
        }
        let done = match self.pending.get(&handle) {
            None => None,
            Some(Awaited::Sleep { wake_at_ms }) => {
                (self.clock.now_ms() >= *wake_at_ms).then_some(Completion::Void)
            }
            Some(Awaited::External(id)) => match self.store.completion(id) {
                Ok(Some(bytes)) => {
                    Some(codec::decode(&bytes, "a completion").map_err(wasmtime::Error::msg)?)
                }
                Ok(None) => None,
                Err(e) => return Err(wasmtime::format_err!("reading completion {id}: {e}")),
            },
        };
        if let Some(done) = &done {
            self.pending.remove(&handle);
            self.completed.insert(handle, done.clone());
        }
        Ok(done)
    }

    /// The value the store holds for completion `key`.
    pub fn store_completion(&self, key: &str) -> wasmtime::Result<Option<Vec<u8>>> {
        self.store
            .completion(key)
            .map_err(|e| wasmtime::format_err!("reading completion {key}: {e}"))
    }

    /// Whether the invocation was asked to cancel and has not been told yet. The store is
    /// read once per attempt, for a cancellation asked before this process began; later ones
    /// come through the invocation's [`Wake`].
    pub fn cancel_pending(&mut self) -> wasmtime::Result<bool> {
        if self.cancel_seen {
            return Ok(false);
        }
        if self.wake.is_cancelled() {
            return Ok(true);
        }
        if self.cancel_stored.is_none() {
            let key = super::cancel_key(&self.invocation.id);
            self.cancel_stored = Some(self.store_completion(&key)?.is_some());
        }
        Ok(self.cancel_stored == Some(true))
    }

    /// Ends the attempt for `why`.
    pub fn fail(&mut self, why: Abort) -> wasmtime::Error {
        self.abort = Some(why);
        wasmtime::Error::new(Aborted)
    }

    /// Ends the attempt with a protocol violation (571), a bug in the guest: the invocation's
    /// retry policy decides what happens next ([`OnGuestBug`](super::OnGuestBug)).
    pub fn violation(&mut self, message: String) -> wasmtime::Error {
        self.fail(Abort::Retry {
            failure: Failure {
                code: PROTOCOL_VIOLATION,
                message,
            },
            after: None,
        })
    }

    /// Pauses the invocation for a bug in the guest that no retry gets past: fixed code
    /// resumes it.
    pub fn pause(&mut self, code: u16, message: String) -> wasmtime::Error {
        self.fail(Abort::Terminal {
            failure: Failure { code, message },
            pause: true,
        })
    }
}

#[cfg(test)]
mod tests {
    //! When an attempt waits for its entries to be durable (design: "Durable before it is
    //! seen"), on a store whose writes stay in the writer until the test lets them through.

    use std::pin::pin;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc::{Receiver, Sender, channel};
    use std::task::{Context, Poll, Waker};

    use serde_json::json;

    use super::*;
    use crate::journal::Status;
    use crate::storage::{Purge, RedbStore, SavedCapability};

    /// A store whose durable writes each wait for a permit.
    struct Gated {
        inner: RedbStore,
        permits: Mutex<Receiver<()>>,
    }

    impl StateStore for Gated {
        fn write_durable(&self, writes: &[&DurableWrite]) -> Result<(), StorageError> {
            let _ = self.permits.lock().unwrap().recv();
            self.inner.write_durable(writes)
        }
        fn get(&self, actor: &str, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
            self.inner.get(actor, key)
        }
        fn keys(&self, actor: &str) -> Result<Vec<String>, StorageError> {
            self.inner.keys(actor)
        }
        fn commit(&self, actor: &str, changes: &StateChanges) -> Result<(), StorageError> {
            self.inner.commit(actor, changes)
        }
        fn saved_capabilities(&self, holder: &str) -> Result<Vec<SavedCapability>, StorageError> {
            self.inner.saved_capabilities(holder)
        }
        fn save_capabilities(
            &self,
            holder: &str,
            caps: &[SavedCapability],
        ) -> Result<(), StorageError> {
            self.inner.save_capabilities(holder, caps)
        }
        fn forget_capabilities(
            &self,
            holder: &str,
            caps: &[(String, String)],
        ) -> Result<(), StorageError> {
            self.inner.forget_capabilities(holder, caps)
        }
        fn revoke_capabilities(&self, issuer: &str) -> Result<(), StorageError> {
            self.inner.revoke_capabilities(issuer)
        }
        fn node_secret(&self) -> Result<[u8; 32], StorageError> {
            self.inner.node_secret()
        }
        fn purge(&self, purge: &Purge) -> Result<(), StorageError> {
            self.inner.purge(purge)
        }
        fn invocations(&self) -> Result<Vec<Vec<u8>>, StorageError> {
            self.inner.invocations()
        }
        fn invocation(&self, id: &str) -> Result<Option<Vec<u8>>, StorageError> {
            self.inner.invocation(id)
        }
        fn journal(&self, id: &str) -> Result<Vec<Vec<u8>>, StorageError> {
            self.inner.journal(id)
        }
        fn complete(&self, id: &str, value: &[u8]) -> Result<bool, StorageError> {
            self.inner.complete(id, value)
        }
        fn completion(&self, id: &str) -> Result<Option<Vec<u8>>, StorageError> {
            self.inner.completion(id)
        }
    }

    fn invocation() -> Invocation {
        Invocation {
            id: "inv_test".into(),
            service: "orders".into(),
            handler: "place".into(),
            key: Some("k".into()),
            input: Vec::new(),
            idempotency_key: None,
            random_seed: 7,
            attempts: 1,
            retry_count: 0,
            retry_base: 0,
            retrying_since_ms: None,
            status: Status::Running,
            access: None,
            submitted: 0,
            limit: None,
            caller: None,
            expires_at_ms: None,
        }
    }

    /// An attempt on a gated store, the sender of the store's permits, and the store.
    fn gated() -> (tempfile::TempDir, Attempt, Sender<()>, Arc<Gated>) {
        let dir = tempfile::tempdir().unwrap();
        let (permit, permits) = channel();
        let store = Arc::new(Gated {
            inner: RedbStore::open(&dir.path().join("state.redb")).unwrap(),
            permits: Mutex::new(permits),
        });
        let journaler = Arc::new(Journaler::new(Arc::clone(&store) as Arc<dyn StateStore>));
        let attempt = Attempt::new(
            invocation(),
            Arc::clone(&store) as Arc<dyn StateStore>,
            journaler,
            Clock::system(),
            Vec::new(),
            1 << 20,
            Arc::default(),
        );
        (dir, attempt, permit, store)
    }

    fn poll_once<F: Future>(future: std::pin::Pin<&mut F>) -> Poll<F::Output> {
        future.poll(&mut Context::from_waker(Waker::noop()))
    }

    #[tokio::test]
    async fn a_reading_returns_before_it_is_durable_and_a_sync_waits_for_it() {
        let (_dir, mut attempt, permit, store) = gated();
        // `record` does not wait: it is not async, and returns with the write still held.
        let read = attempt.record("clock.now", json!({}), None, || Ok(5u64));
        assert_eq!(read.unwrap(), 5);
        assert!(
            store.journal("inv_test").unwrap().is_empty(),
            "not written yet"
        );

        let mut sync = pin!(attempt.sync());
        assert!(
            poll_once(sync.as_mut()).is_pending(),
            "synced before the write"
        );
        permit.send(()).unwrap();
        sync.await.unwrap();
        assert_eq!(store.journal("inv_test").unwrap().len(), 1, "durable now");
    }

    #[tokio::test]
    async fn an_effect_seen_outside_runs_only_once_the_journal_before_it_is_durable() {
        let (_dir, mut attempt, permit, store) = gated();
        let read = attempt.record("state.get", json!({}), None, || Ok(None::<Vec<u8>>));
        assert_eq!(read.unwrap(), None);
        let ran = AtomicBool::new(false);
        let mut effect = pin!(attempt.record_effect("durable.send", json!({}), None, || {
            ran.store(true, Ordering::SeqCst);
            Ok(true)
        }));
        assert!(poll_once(effect.as_mut()).is_pending());
        assert!(
            !ran.load(Ordering::SeqCst),
            "the send ran before the read was durable"
        );
        for _ in 0..2 {
            permit.send(()).unwrap();
        }
        assert!(effect.await.unwrap());
        assert!(ran.load(Ordering::SeqCst));
        let journal = store.journal("inv_test").unwrap();
        assert_eq!(journal.len(), 2, "both durable when the effect returns");
    }
}

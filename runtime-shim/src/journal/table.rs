//! The node's table of durable invocations: registered services, the invocations a task
//! drives and their live status, who waits for which invocation or completion, and the
//! records and completions in the store.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;

use super::attempt::JournalEntry;
use super::codec;
use super::commit::Journaler;
use super::records::{
    Completion, Invocation, InvocationRetry, Status, awakeable_key, cancel_key, output_key,
    promise_key, signal_key,
};
use super::wake::{KeyLock, Steer, Wake};
use crate::clock::Clock;
use crate::component::Module;
use crate::declaration::Access;
use crate::error::ShimError;
use crate::storage::{DurableWrite, Purge, StateChanges, StateStore, StorageError};

/// Someone waiting for an invocation to get where `until` says.
struct Waiter {
    until: Until,
    tx: oneshot::Sender<Status>,
}

/// What a waiter for an invocation waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Until {
    /// It succeeds, fails or pauses.
    Final,
    /// It is final, or suspended with only completions from outside to wait for.
    Settled,
    /// It is settled, or retrying after a failed attempt: it may not move on for long.
    Quiet,
}

impl Until {
    /// Whether an invocation with `status`, waiting out a retry backoff or not, is there.
    fn reached(self, status: &Status, backing_off: bool) -> bool {
        match self {
            Until::Final => status.is_final(),
            Until::Settled => status.is_settled(),
            Until::Quiet => status.is_settled() || backing_off,
        }
    }
}

/// A task driving an invocation: the invocation's status as that task knows it, and how
/// orders reach it.
pub(crate) struct Driven {
    pub status: Status,
    /// It failed an attempt and waits to retry.
    pub backing_off: bool,
    /// Something it waits for has landed, or is landing, since its attempt began: it is
    /// about to run again, so a suspension its attempt reports is not where it stands.
    pub woken: bool,
    pub steer: Arc<Steer>,
}

impl Driven {
    /// Something it waits for lands: it runs from now on, for whoever asks.
    fn waking(&mut self) {
        self.status = Status::Running;
        self.woken = true;
    }
}

/// A registered durable service: its module, and its retry policy when it has its own.
#[derive(Clone)]
pub(crate) struct Service {
    pub module: Module,
    pub retry: Option<InvocationRetry>,
    /// Whether an invocation begun on former code moves to this module when its journal
    /// replays clean on it (otherwise it finishes on the code it began on).
    pub moves_replayable: bool,
}

/// The shim's durable invocations: services by name, and who waits for which invocation.
pub(crate) struct Invocations {
    store: Arc<dyn StateStore>,
    pub journaler: Arc<Journaler>,
    pub services: Mutex<HashMap<String, Service>>,
    /// Who waits for an invocation to end, or (`settled`) to stop moving on its own.
    waiters: Mutex<HashMap<String, Vec<Waiter>>>,
    /// One lock per object key: exclusive invocations on the same key run one at a time.
    keys: Mutex<HashMap<String, Arc<KeyLock>>>,
    /// Invocations with a task driving them, and their status as that task knows it:
    /// registering a service again resumes no invocation twice, and a waiter sees a resumed
    /// invocation as running before its first attempt has begun.
    pub driven: Mutex<HashMap<String, Driven>>,
    /// Held while a request is checked against the database and recorded: the number of
    /// the last submission, once read from the database.
    pub submitting: Mutex<Option<u64>>,
    wakers: Mutex<HashMap<String, Arc<Wake>>>,
    /// Completion id → the suspended invocations waiting for it.
    waiting: Mutex<HashMap<String, HashSet<String>>>,
    clock: Clock,
    /// How long an ended invocation is kept.
    retention: Duration,
}

impl Invocations {
    pub fn new(store: Arc<dyn StateStore>, clock: Clock, retention: Duration) -> Self {
        Self {
            journaler: Arc::new(Journaler::new(Arc::clone(&store))),
            store,
            services: Mutex::default(),
            waiters: Mutex::default(),
            keys: Mutex::default(),
            driven: Mutex::default(),
            submitting: Mutex::default(),
            wakers: Mutex::default(),
            waiting: Mutex::default(),
            clock,
            retention,
        }
    }

    /// Notes that the database holds submissions numbered up to `max`, as registering a
    /// service reads them: the next submission needs no read of its own.
    pub fn seen_submissions(&self, max: u64) {
        let mut last = self.submitting.lock().unwrap();
        *last = Some(last.unwrap_or(0).max(max));
    }

    /// The next submission number, under the `submitting` lock held as `last`: read from the
    /// database if no registration has noted it yet.
    pub fn next_submission(&self, last: &mut Option<u64>) -> Result<u64, ShimError> {
        let last = match last {
            Some(last) => last,
            None => last.insert(self.list()?.iter().map(|i| i.submitted).max().unwrap_or(0)),
        };
        *last += 1;
        Ok(*last)
    }

    pub fn key_lock(&self, owner: &str) -> Arc<KeyLock> {
        Arc::clone(
            self.keys
                .lock()
                .unwrap()
                .entry(owner.to_owned())
                .or_default(),
        )
    }

    /// What wakes invocation `id` from a suspension. A wake-up that comes while no one
    /// waits is kept for the next wait, so none is lost.
    pub fn waker(&self, id: &str) -> Arc<Wake> {
        Arc::clone(
            self.wakers
                .lock()
                .unwrap()
                .entry(id.to_owned())
                .or_default(),
        )
    }

    /// Remembers that suspended invocation `id` waits for `completions`.
    pub fn wait_for(&self, id: &str, completions: Vec<String>) {
        let mut waiting = self.waiting.lock().unwrap();
        for completion in completions {
            waiting.entry(completion).or_default().insert(id.to_owned());
        }
    }

    /// Marks the invocations waiting for `completion` as running, before it lands: from then
    /// on, whoever asks sees them about to wake, not settled. [`completed`](Self::completed)
    /// wakes them once it has landed, or failed to (they find nothing and suspend again).
    fn completing(&self, completion: &str) {
        let waiting = self.waiting.lock().unwrap();
        let Some(ids) = waiting.get(completion) else {
            return;
        };
        let mut driven = self.driven.lock().unwrap();
        for id in ids {
            if let Some(live) = driven.get_mut(id) {
                live.waking();
            }
        }
    }

    /// Notes that an attempt of invocation `id` begins: it reads every completion landed so
    /// far, so none of them wakes it any more.
    pub fn attempt_begins(&self, id: &str) {
        if let Some(live) = self.driven.lock().unwrap().get_mut(id) {
            live.woken = false;
        }
    }

    /// Wakes the invocations waiting for `completion`, now that it holds a value.
    pub fn completed(&self, completion: &str) {
        let waiting = self.waiting.lock().unwrap().remove(completion);
        for id in waiting.into_iter().flatten() {
            // Running from now on, for whoever asks before its next attempt begins.
            if let Some(live) = self.driven.lock().unwrap().get_mut(&id) {
                live.waking();
            }
            self.waker(&id).wake();
        }
    }
}

fn storage(e: StorageError) -> ShimError {
    ShimError::Storage(e)
}

/// How long an ended invocation is kept when the shim is not told otherwise, as in Restate.
pub const DEFAULT_RETENTION: Duration = Duration::from_secs(24 * 60 * 60);

impl Invocations {
    /// Writes `invocation`'s record, durably, in a transaction of its own.
    pub fn save_now(&self, invocation: &Invocation) -> Result<(), ShimError> {
        self.store
            .put_invocation(&invocation.id, &self.record(invocation))
            .map_err(storage)
    }

    /// `invocation`'s record: once it has ended, with the time its retention is over.
    fn record(&self, invocation: &Invocation) -> Vec<u8> {
        if invocation.status.is_ended() && invocation.expires_at_ms.is_none() {
            let retention = u64::try_from(self.retention.as_millis()).unwrap_or(u64::MAX);
            let mut ended = invocation.clone();
            ended.expires_at_ms = Some(self.clock.now_ms().saturating_add(retention));
            return codec::encode(&ended);
        }
        codec::encode(invocation)
    }

    /// Removes every ended invocation whose retention is over, with its journal, its output,
    /// its awakeables, signals and cancellation (and, for a workflow's run, the workflow's
    /// promises and state), as Restate purges: a later request with its idempotency key, or
    /// for its workflow key, is a new invocation. Of `all` (every invocation), those it kept.
    pub fn purge_expired(
        &self,
        all: Vec<Invocation>,
        is_workflow: impl Fn(&str) -> bool,
    ) -> Result<Vec<Invocation>, ShimError> {
        let now = self.clock.now_ms();
        let mut kept = Vec::with_capacity(all.len());
        for invocation in all {
            let Some(expires_at_ms) = invocation.expires_at_ms else {
                // Ended before records carried their retention: it starts now.
                if invocation.status.is_ended() && !self.is_driven(&invocation.id) {
                    self.save_now(&invocation)?;
                }
                kept.push(invocation);
                continue;
            };
            if expires_at_ms > now || self.is_driven(&invocation.id) {
                kept.push(invocation);
                continue;
            }
            let id = &invocation.id;
            let mut purge = Purge {
                invocation: id.clone(),
                completion_prefixes: vec![
                    output_key(id),
                    cancel_key(id),
                    awakeable_key(&format!("prom_{id}_")),
                    signal_key(id, ""),
                ],
                state_owner: None,
            };
            if is_workflow(&invocation.service) && invocation.access() == Access::Exclusive {
                let owner = invocation.state_owner();
                purge.completion_prefixes.push(promise_key(&owner, ""));
                purge.state_owner = Some(owner);
            }
            self.store.purge(&purge).map_err(storage)?;
        }
        Ok(kept)
    }

    fn is_driven(&self, id: &str) -> bool {
        self.driven.lock().unwrap().contains_key(id)
    }

    /// Writes `invocation`'s record (and the state changes that land with it), durably, in the
    /// next group commit.
    pub async fn save(
        &self,
        invocation: &Invocation,
        state: Option<(String, StateChanges)>,
    ) -> Result<(), ShimError> {
        let output = invocation
            .status
            .output()
            .map(|value| (output_key(&invocation.id), codec::encode(&value)));
        let write = DurableWrite::Invocation {
            id: invocation.id.clone(),
            record: self.record(invocation),
            state,
            completes: output.clone(),
        };
        let key = output.map(|(key, _)| key);
        if let Some(key) = &key {
            self.completing(key);
        }
        let written = self.journaler.write(write).await.map_err(storage);
        if let Some(key) = &key {
            self.completed(key);
        }
        written
    }

    /// An error unless `id` names an awakeable of an invocation in the database.
    pub fn check_awakeable(&self, id: &str) -> Result<(), ShimError> {
        let invocation = id
            .strip_prefix("prom_")
            .and_then(|rest| rest.rsplit_once('_'))
            .filter(|(_, handle)| handle.parse::<u32>().is_ok())
            .map(|(invocation, _)| invocation);
        let known = match invocation {
            Some(invocation) => self.find(invocation)?.is_some(),
            None => false,
        };
        if known {
            return Ok(());
        }
        Err(ShimError::Invocation(format!(
            "no awakeable `{id}`: an awakeable id is what durable.awakeable returned, \
             `prom_<invocation id>_<n>`, for an invocation in this state database"
        )))
    }

    /// Completes `key` (an awakeable, promise or cancellation) with `value` and wakes whoever
    /// waits for it. False when it had already been completed.
    pub fn complete(&self, key: &str, value: &Completion) -> Result<bool, ShimError> {
        self.completing(key);
        let fresh = self.store.complete(key, &codec::encode(value));
        // Woken whether it landed or not, so that none stays marked running.
        self.completed(key);
        fresh.map_err(storage)
    }

    /// Every invocation in the database.
    pub fn list(&self) -> Result<Vec<Invocation>, ShimError> {
        self.store
            .invocations()
            .map_err(storage)?
            .iter()
            .map(|bytes| Invocation::decode(bytes).map_err(storage))
            .collect()
    }

    /// Invocation `id` and the invocations its calls started, theirs, and so on, that have
    /// not ended: what a cancellation or a kill of `id` reaches. `None` when the database
    /// has no invocation `id`.
    pub fn tree(&self, id: &str) -> Result<Option<(Invocation, Vec<Invocation>)>, ShimError> {
        let all = self.list()?;
        let Some(root) = all.iter().find(|i| i.id == id).cloned() else {
            return Ok(None);
        };
        let mut reached = vec![root.id.clone()];
        let mut below = Vec::new();
        let mut next = 0;
        while let Some(caller) = reached.get(next).cloned() {
            next += 1;
            for child in all.iter().filter(|i| i.caller.as_deref() == Some(&caller)) {
                if !child.status.is_ended() && !reached.contains(&child.id) {
                    reached.push(child.id.clone());
                    below.push(child.clone());
                }
            }
        }
        Ok(Some((root, below)))
    }

    /// Asks invocation `id` and the unended invocations below it ([`tree`](Self::tree)) to
    /// cancel. False when `id` had been asked already.
    pub fn cancel(&self, id: &str) -> Result<bool, ShimError> {
        let fresh = self.complete(&cancel_key(id), &Completion::Void)?;
        self.waker(id).cancel();
        let below = self.tree(id)?.map(|(_, below)| below);
        for call in below.into_iter().flatten() {
            self.complete(&cancel_key(&call.id), &Completion::Void)?;
            self.waker(&call.id).cancel();
        }
        Ok(fresh)
    }

    /// Invocation `id`, if the database has it.
    pub fn find(&self, id: &str) -> Result<Option<Invocation>, ShimError> {
        let Some(bytes) = self.store.invocation(id).map_err(storage)? else {
            return Ok(None);
        };
        codec::decode(&bytes, &format!("invocation `{id}`'s record"))
            .map(Some)
            .map_err(|e| storage(StorageError(e)))
    }

    /// Invocation `id`'s journal.
    pub fn journal(&self, id: &str) -> Result<Vec<JournalEntry>, ShimError> {
        self.store
            .journal(id)
            .map_err(storage)?
            .iter()
            .map(|bytes| JournalEntry::decode(bytes).map_err(storage))
            .collect()
    }

    /// Waits until invocation `id` is where `until` says, and returns its status then.
    pub async fn outcome(&self, id: &str, until: Until) -> Result<Status, ShimError> {
        let rx = {
            let mut waiters = self.waiters.lock().unwrap();
            let live =
                (self.driven.lock().unwrap().get(id)).map(|d| (d.status.clone(), d.backing_off));
            let recorded = self.find(id)?;
            let known = recorded.map(|i| live.unwrap_or((i.status, false)));
            match known {
                None => {
                    return Err(ShimError::Invocation(format!(
                        "no durable invocation `{id}`"
                    )));
                }
                Some((status, backing_off)) if until.reached(&status, backing_off) => {
                    return Ok(status);
                }
                Some(_) => {
                    let (tx, rx) = oneshot::channel();
                    waiters
                        .entry(id.to_owned())
                        .or_default()
                        .push(Waiter { until, tx });
                    rx
                }
            }
        };
        rx.await.map_err(|_| {
            ShimError::Invocation(format!("the shim closed before invocation `{id}` ended"))
        })
    }

    /// Whether someone waits for invocation `id` to get somewhere ([`outcome`](Self::outcome)).
    pub fn awaited(&self, id: &str) -> bool {
        (self.waiters.lock().unwrap().get(id)).is_some_and(|list| !list.is_empty())
    }

    /// Tells those waiting for invocation `invocation` what its status is now, if it is what
    /// they wait for.
    pub fn announce(&self, invocation: &Invocation) {
        self.tell(invocation, false);
    }

    /// Tells those waiting for invocation `invocation` where it is now: with `backing_off`,
    /// waiting to retry after a failed attempt.
    pub fn tell(&self, invocation: &Invocation, backing_off: bool) {
        let status = &invocation.status;
        if let Some(live) = self.driven.lock().unwrap().get_mut(&invocation.id) {
            // Woken while its attempt suspended: it runs again, and is not settled.
            if live.woken && matches!(status, Status::Suspended { .. }) {
                return;
            }
            live.status.clone_from(status);
            live.backing_off = backing_off;
        }
        let mut waiters = self.waiters.lock().unwrap();
        let Some(list) = waiters.get_mut(&invocation.id) else {
            return;
        };
        for waiter in std::mem::take(list) {
            if waiter.until.reached(status, backing_off) {
                let _ = waiter.tx.send(status.clone());
            } else {
                list.push(waiter);
            }
        }
    }
}

//! Durable invocations (Restate's model): a handler of a registered service runs in a fresh
//! instance per attempt, and every journaled host call it makes (`durable.*`, `state.*`,
//! `clock`, `random`) is recorded in the state database before its result is returned. A
//! retry, or a restart of the shim process, replays the journal: recorded results come back
//! without running anything again, so a side effect inside a completed `run` happens once.
//!
//! State written by a durable handler belongs to its service and object key, and lands in the
//! same transaction as the invocation's output. Invocations on one key run one at a time.

mod commit;
mod journal;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;

use self::commit::Journaler;
pub(crate) use self::journal::{Abort, Attempt, Awaited, OpenRun};
pub use self::journal::{EFFECT_OUTSIDE_RUN, JOURNAL_MISMATCH, JournalEntry};
use crate::bindings::guest::HandlerError;
use crate::bindings::log::Level;
use crate::bindings::messaging::{Incoming, Message};
use crate::bindings::types::{Address, ProcessId};
use crate::error::{ShimError, trap_reason};
use crate::shim::{Module, Shared};
use crate::state::StateTxn;
use crate::storage::{DurableWrite, StateChanges, StorageError};

/// A failure with a code, as Restate reports them (500: handler error, 570: journal
/// mismatch, 571: a side effect outside a run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub code: u16,
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (code {})", self.message, self.code)
    }
}

/// What a completed handle holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Completion {
    /// Completed without a value: a timer, a completed promise, a peek at an empty promise.
    Void,
    Success(Vec<u8>),
    Failure(Failure),
    /// The id of an invocation a `durable.call` or `durable.send` started.
    InvocationId(String),
}

impl Completion {
    pub fn of(value: Result<Vec<u8>, Failure>) -> Self {
        match value {
            Ok(bytes) => Completion::Success(bytes),
            Err(failure) => Completion::Failure(failure),
        }
    }

    pub(crate) fn failed(&self) -> bool {
        matches!(self, Completion::Failure(_))
    }
}

/// Milliseconds since the Unix epoch: durable timers are wall-clock times, so that they fire
/// after a restart of the shim process.
pub(crate) fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Where a durable invocation is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Running, or waiting for its next attempt.
    Running,
    /// Sent with a delay: its first attempt begins at `start_at_ms`.
    Scheduled {
        start_at_ms: u64,
    },
    Succeeded(Vec<u8>),
    Failed(Failure),
    /// Stopped after a failure its retry policy would not retry further; it stays as it is.
    Paused(Failure),
    /// Its handler waits for a timer due at `wake_at_ms` or for one of the awakeables,
    /// promises or cancellation in `waiting_on`; no instance runs meanwhile.
    Suspended {
        wake_at_ms: Option<u64>,
        waiting_on: Vec<String>,
    },
}

impl Status {
    /// Succeeded, failed or paused: it will not run again.
    pub fn is_final(&self) -> bool {
        !matches!(
            self,
            Status::Running | Status::Scheduled { .. } | Status::Suspended { .. }
        )
    }

    /// What a caller attached to the invocation gets: its output once it succeeded or failed.
    pub fn output(&self) -> Option<Completion> {
        match self {
            Status::Succeeded(bytes) => Some(Completion::Success(bytes.clone())),
            Status::Failed(failure) => Some(Completion::Failure(failure.clone())),
            _ => None,
        }
    }

    /// Final, or suspended with nothing but completions from outside to wait for: the
    /// invocation will not move on its own.
    pub fn is_settled(&self) -> bool {
        match self {
            Status::Suspended { wake_at_ms, .. } => wake_at_ms.is_none(),
            other => other.is_final(),
        }
    }
}

/// A durable invocation, as the database keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invocation {
    pub id: String,
    pub service: String,
    pub handler: String,
    /// The object key: state is namespaced by it, and one invocation per key runs at a time.
    pub key: Option<String>,
    pub input: Vec<u8>,
    /// Calls with the same service, key, handler and idempotency key are this invocation.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    pub random_seed: u64,
    /// Attempts made so far.
    pub attempts: u32,
    /// Attempts since the journal last grew (`invocation-input.retry-count`).
    pub retry_count: u32,
    /// When the first of those attempts failed: what a run's `max-duration-ms` measures from.
    #[serde(default)]
    pub retrying_since_ms: Option<u64>,
    pub status: Status,
}

impl Invocation {
    /// The owner of the invocation's state in the store: its service and object key.
    pub(crate) fn state_owner(&self) -> String {
        Self::owner(&self.service, self.key.as_deref())
    }

    /// The owner of the state of `service`'s object `key`.
    pub(crate) fn owner(service: &str, key: Option<&str>) -> String {
        match key {
            Some(key) => format!("durable:{service}/{key}"),
            None => format!("durable:{service}"),
        }
    }
}

/// What to do when an attempt fails with a retryable error, a trap or a journal mismatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvocationRetry {
    /// The delay before the second attempt; it doubles each time, up to `max_interval`.
    pub initial_interval: Duration,
    pub max_interval: Duration,
    /// Failed attempts in a row without progress in the journal, after which the invocation
    /// stops (`None`: retry for ever).
    pub max_attempts: Option<u32>,
    /// When the attempts are used up: pause the invocation instead of failing it.
    pub pause_when_exhausted: bool,
}

impl Default for InvocationRetry {
    fn default() -> Self {
        Self {
            initial_interval: Duration::from_millis(50),
            max_interval: Duration::from_secs(10),
            max_attempts: None,
            pause_when_exhausted: true,
        }
    }
}

impl InvocationRetry {
    fn delay(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(20);
        (self.initial_interval * 2u32.pow(doublings)).min(self.max_interval)
    }
}

/// Someone waiting for an invocation to end, or with `settled`, to stop moving on its own.
struct Waiter {
    settled: bool,
    tx: oneshot::Sender<Status>,
}

/// The shim's durable invocations: services by name, and who waits for which invocation.
pub(crate) struct Invocations {
    journaler: Arc<Journaler>,
    services: Mutex<HashMap<String, Module>>,
    /// Who waits for an invocation to end, or (`settled`) to stop moving on its own.
    waiters: Mutex<HashMap<String, Vec<Waiter>>>,
    /// One lock per object key: attempts on the same key run one at a time.
    keys: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Invocations with a task driving them, and their status as that task knows it:
    /// registering a service again resumes no invocation twice, and a waiter sees a resumed
    /// invocation as running before its first attempt has begun.
    driven: Mutex<HashMap<String, Status>>,
    /// Held while a request is checked against the database and recorded.
    submitting: Mutex<()>,
    wakers: Mutex<HashMap<String, Arc<tokio::sync::Notify>>>,
    /// Completion id → the suspended invocations waiting for it.
    waiting: Mutex<HashMap<String, HashSet<String>>>,
}

impl Invocations {
    pub fn new(store: Arc<dyn crate::storage::StateStore>) -> Self {
        Self {
            journaler: Arc::new(Journaler::new(store)),
            services: Mutex::default(),
            waiters: Mutex::default(),
            keys: Mutex::default(),
            driven: Mutex::default(),
            submitting: Mutex::default(),
            wakers: Mutex::default(),
            waiting: Mutex::default(),
        }
    }

    fn key_lock(&self, owner: &str) -> Arc<tokio::sync::Mutex<()>> {
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
    fn waker(&self, id: &str) -> Arc<tokio::sync::Notify> {
        Arc::clone(
            self.wakers
                .lock()
                .unwrap()
                .entry(id.to_owned())
                .or_default(),
        )
    }

    /// Remembers that suspended invocation `id` waits for `completions`.
    fn wait_for(&self, id: &str, completions: Vec<String>) {
        let mut waiting = self.waiting.lock().unwrap();
        for completion in completions {
            waiting.entry(completion).or_default().insert(id.to_owned());
        }
    }

    /// Wakes the invocations waiting for `completion`, now that it holds a value.
    pub(crate) fn completed(&self, completion: &str) {
        let waiting = self.waiting.lock().unwrap().remove(completion);
        for id in waiting.into_iter().flatten() {
            // Running from now on, for whoever asks before its next attempt begins.
            if let Some(live) = self.driven.lock().unwrap().get_mut(&id) {
                *live = Status::Running;
            }
            self.waker(&id).notify_one();
        }
    }
}

fn storage(e: StorageError) -> ShimError {
    ShimError::Storage(e)
}

fn encode(invocation: &Invocation) -> Vec<u8> {
    serde_json::to_vec(invocation).expect("an invocation encodes")
}

/// Writes `invocation`'s record, durably, in a transaction of its own.
fn save_now(shared: &Shared, invocation: &Invocation) -> Result<(), ShimError> {
    shared
        .store
        .put_invocation(&invocation.id, &encode(invocation))
        .map_err(storage)
}

/// Writes `invocation`'s record (and the state changes that land with it), durably, in the
/// next group commit.
async fn save(
    shared: &Shared,
    invocation: &Invocation,
    state: Option<(String, StateChanges)>,
) -> Result<(), ShimError> {
    let output = invocation.status.output().map(|value| {
        let bytes = serde_json::to_vec(&value).expect("a completion encodes");
        (output_key(&invocation.id), bytes)
    });
    let write = DurableWrite::Invocation {
        id: invocation.id.clone(),
        record: encode(invocation),
        state,
        completes: output.clone(),
    };
    shared
        .invocations
        .journaler
        .write(write)
        .await
        .map_err(storage)?;
    if let Some((key, _)) = output {
        shared.invocations.completed(&key);
    }
    Ok(())
}

/// Where the store keeps invocation `id`'s output (success or failure) once it has one, in
/// the same transaction as its final status: what its callers wait for.
pub(crate) fn output_key(id: &str) -> String {
    format!("output:{id}")
}

/// Where the store keeps the value of signal `name` of invocation `id`.
pub(crate) fn signal_key(id: &str, name: &str) -> String {
    format!("signal:{id}/{name}")
}

/// Where the store keeps the value of awakeable `id`.
pub(crate) fn awakeable_key(id: &str) -> String {
    format!("awakeable:{id}")
}

/// An error unless `id` names an awakeable of an invocation in the database.
pub(crate) fn check_awakeable(shared: &Shared, id: &str) -> Result<(), ShimError> {
    let invocation = id
        .strip_prefix("prom_")
        .and_then(|rest| rest.rsplit_once('_'))
        .filter(|(_, handle)| handle.parse::<u32>().is_ok())
        .map(|(invocation, _)| invocation);
    let known = match invocation {
        Some(invocation) => find(shared, invocation)?.is_some(),
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

/// Where the store keeps the value of promise `name` of the invocations on `owner`.
pub(crate) fn promise_key(owner: &str, name: &str) -> String {
    format!("promise:{owner}/{name}")
}

/// Where the store records that invocation `id` was asked to cancel.
pub(crate) fn cancel_key(id: &str) -> String {
    format!("cancel:{id}")
}

/// Completes `key` (an awakeable, promise or cancellation) with `value` and wakes whoever
/// waits for it. False when it had already been completed.
pub(crate) fn complete(shared: &Shared, key: &str, value: &Completion) -> Result<bool, ShimError> {
    let bytes = serde_json::to_vec(value).expect("a completion encodes");
    let fresh = shared.store.complete(key, &bytes).map_err(storage)?;
    if fresh {
        shared.invocations.completed(key);
    }
    Ok(fresh)
}

/// Every invocation in the database.
pub(crate) fn list(shared: &Shared) -> Result<Vec<Invocation>, ShimError> {
    shared
        .store
        .invocations()
        .map_err(storage)?
        .iter()
        .map(|bytes| {
            serde_json::from_slice(bytes).map_err(|e| {
                storage(StorageError(format!(
                    "an invocation record does not decode: {e}"
                )))
            })
        })
        .collect()
}

/// Invocation `id`, if the database has it.
pub(crate) fn find(shared: &Shared, id: &str) -> Result<Option<Invocation>, ShimError> {
    let Some(bytes) = shared.store.invocation(id).map_err(storage)? else {
        return Ok(None);
    };
    serde_json::from_slice(&bytes).map(Some).map_err(|e| {
        storage(StorageError(format!(
            "invocation `{id}`'s record does not decode: {e}"
        )))
    })
}

/// Invocation `id`'s journal.
pub(crate) fn journal(shared: &Shared, id: &str) -> Result<Vec<JournalEntry>, ShimError> {
    shared
        .store
        .journal(id)
        .map_err(storage)?
        .iter()
        .map(|bytes| JournalEntry::decode(bytes).map_err(storage))
        .collect()
}

/// Makes `module` the service `name` and resumes its unfinished invocations.
pub(crate) fn register(shared: &Arc<Shared>, name: &str, module: &Module) -> Result<(), ShimError> {
    shared
        .invocations
        .services
        .lock()
        .unwrap()
        .insert(name.to_owned(), module.clone());
    for invocation in list(shared)? {
        if invocation.service == name && !invocation.status.is_final() {
            spawn_drive(shared, invocation);
        }
    }
    Ok(())
}

/// A new invocation: of `service`'s `handler`, on object `key`, with `input`.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub service: String,
    pub handler: String,
    pub key: Option<String>,
    pub input: Vec<u8>,
    /// Requests with the same service, key, handler and idempotency key make one invocation:
    /// the first; the others get its id.
    pub idempotency_key: Option<String>,
    /// When set, the first attempt begins no earlier than this (ms since the Unix epoch).
    pub start_at_ms: Option<u64>,
}

impl Request {
    /// The id every request with this idempotency key gets.
    pub(crate) fn idempotent_id(&self) -> Option<String> {
        let idempotency_key = self.idempotency_key.as_deref()?;
        let key = self.key.as_deref().unwrap_or_default();
        Some(derived_id(&[
            "idempotency",
            &self.service,
            key,
            &self.handler,
            idempotency_key,
        ]))
    }
}

/// An invocation id made from `parts`: the same parts, the same id.
pub(crate) fn derived_id(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for part in parts {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part.as_bytes());
    }
    let digest = hash.finalize();
    format!("inv_{}", hex(&digest[..16]))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Records a new invocation and starts it, unless the database already has the invocation
/// the request names: its idempotency key's, or `id`'s when given (a call a durable handler
/// made, which a replay makes again). The invocation's id either way.
pub(crate) fn submit(
    shared: &Arc<Shared>,
    request: Request,
    id: Option<String>,
) -> Result<String, ShimError> {
    let service = &request.service;
    if !shared
        .invocations
        .services
        .lock()
        .unwrap()
        .contains_key(service)
    {
        return Err(ShimError::Invocation(format!(
            "no durable service `{service}`; register its module with Shim::register_service"
        )));
    }
    let mut seed = [0u8; 8];
    getrandom::fill(&mut seed)
        .map_err(|e| ShimError::Engine(format!("no randomness for an invocation: {e}")))?;
    let id = match request.idempotent_id().or(id) {
        Some(id) => id,
        None => {
            let mut fresh = [0u8; 16];
            getrandom::fill(&mut fresh).map_err(|e| {
                ShimError::Engine(format!("no randomness for an invocation id: {e}"))
            })?;
            format!("inv_{}", hex(&fresh))
        }
    };
    // One request at a time between looking for the id and recording it.
    let _submitting = shared.invocations.submitting.lock().unwrap();
    if find(shared, &id)?.is_some() {
        return Ok(id);
    }
    let invocation = Invocation {
        id: id.clone(),
        service: request.service,
        handler: request.handler,
        key: request.key,
        input: request.input,
        idempotency_key: request.idempotency_key,
        random_seed: u64::from_le_bytes(seed),
        attempts: 0,
        retry_count: 0,
        retrying_since_ms: None,
        status: match request.start_at_ms {
            Some(start_at_ms) if start_at_ms > now_ms() => Status::Scheduled { start_at_ms },
            _ => Status::Running,
        },
    };
    save_now(shared, &invocation)?;
    spawn_drive(shared, invocation);
    Ok(id)
}

/// Waits until invocation `id` ends (succeeds, fails or pauses); with `settled`, until it
/// ends or suspends with only completions from outside to wait for.
pub(crate) async fn outcome(shared: &Shared, id: &str, settled: bool) -> Result<Status, ShimError> {
    let done = |s: &Status| {
        if settled {
            s.is_settled()
        } else {
            s.is_final()
        }
    };
    let rx = {
        let mut waiters = shared.invocations.waiters.lock().unwrap();
        let live = shared.invocations.driven.lock().unwrap().get(id).cloned();
        let recorded = find(shared, id)?;
        let known = recorded.map(|mut i| {
            if let Some(status) = live {
                i.status = status;
            }
            i
        });
        match known {
            None => {
                return Err(ShimError::Invocation(format!(
                    "no durable invocation `{id}`"
                )));
            }
            Some(i) if done(&i.status) => return Ok(i.status),
            Some(_) => {
                let (tx, rx) = oneshot::channel();
                waiters
                    .entry(id.to_owned())
                    .or_default()
                    .push(Waiter { settled, tx });
                rx
            }
        }
    };
    rx.await.map_err(|_| {
        ShimError::Invocation(format!("the shim closed before invocation `{id}` ended"))
    })
}

/// Tells those waiting for invocation `invocation` what its status is now, if it is what
/// they wait for.
fn announce(shared: &Shared, invocation: &Invocation) {
    let status = &invocation.status;
    if let Some(live) = shared
        .invocations
        .driven
        .lock()
        .unwrap()
        .get_mut(&invocation.id)
    {
        live.clone_from(status);
    }
    let mut waiters = shared.invocations.waiters.lock().unwrap();
    let Some(list) = waiters.get_mut(&invocation.id) else {
        return;
    };
    for waiter in std::mem::take(list) {
        let done = if waiter.settled {
            status.is_settled()
        } else {
            status.is_final()
        };
        if done {
            let _ = waiter.tx.send(status.clone());
        } else {
            list.push(waiter);
        }
    }
}

/// What comes after an attempt.
enum Next {
    /// The invocation reached a final status.
    Done,
    /// Another attempt after this delay.
    Retry(Duration),
    /// Another attempt at `wake_at_ms`, or once the invocation is woken.
    Suspended { wake_at_ms: Option<u64> },
}

/// Starts a task driving `invocation`, unless one already does.
fn spawn_drive(shared: &Arc<Shared>, invocation: Invocation) {
    let mut driven = shared.invocations.driven.lock().unwrap();
    if driven.contains_key(&invocation.id) {
        return;
    }
    // A resumed invocation is running from now on; a scheduled one waits for its time first.
    let live = match &invocation.status {
        Status::Scheduled { .. } => invocation.status.clone(),
        _ => Status::Running,
    };
    driven.insert(invocation.id.clone(), live);
    tokio::spawn(drive(Arc::clone(shared), invocation));
}

/// Runs attempts of `invocation` until it reaches a final status.
async fn drive(shared: Arc<Shared>, mut invocation: Invocation) {
    let lock = shared.invocations.key_lock(&invocation.state_owner());
    let wake = shared.invocations.waker(&invocation.id);
    if let Status::Scheduled { start_at_ms } = invocation.status {
        let due = Duration::from_millis(start_at_ms.saturating_sub(now_ms()));
        tokio::time::sleep(due).await;
    }
    let ended = loop {
        let attempted = {
            let _one_at_a_time = lock.lock().await;
            attempt(&shared, &mut invocation).await
        };
        match attempted {
            Ok(Next::Done) => break true,
            Ok(Next::Retry(after)) => tokio::time::sleep(after).await,
            Ok(Next::Suspended { wake_at_ms }) => {
                announce(&shared, &invocation);
                let timer = wake_at_ms
                    .map(|at| Duration::from_millis(at.saturating_sub(now_ms())))
                    .unwrap_or(Duration::MAX);
                tokio::select! {
                    () = wake.notified() => {}
                    () = tokio::time::sleep(timer) => {}
                }
            }
            Err(e) => {
                // The store failed: nothing can be recorded, so the invocation stays as the
                // database has it, and a later registration resumes it.
                let our = service_address(&shared, &invocation);
                shared.log(&our, Level::Error, e.to_string());
                break false;
            }
        }
    };
    shared
        .invocations
        .driven
        .lock()
        .unwrap()
        .remove(&invocation.id);
    if ended {
        announce(&shared, &invocation);
    }
}

/// The address a service's invocations run under.
fn service_address(shared: &Shared, invocation: &Invocation) -> Address {
    Address::new(
        &shared.node,
        ProcessId {
            process_name: invocation.service.clone(),
            package_name: "durable".into(),
            publisher_node: shared.node.clone(),
        },
    )
}

/// One attempt, and what comes after it.
async fn attempt(shared: &Arc<Shared>, invocation: &mut Invocation) -> Result<Next, ShimError> {
    let Some(module) = shared
        .invocations
        .services
        .lock()
        .unwrap()
        .get(&invocation.service)
        .cloned()
    else {
        return Ok(Next::Done);
    };
    invocation.attempts += 1;
    invocation.status = Status::Running;
    save(shared, invocation, None).await?;
    announce(shared, invocation);
    let journal = journal(shared, &invocation.id)?;
    let our = service_address(shared, invocation);
    let (mut store, actor) = match crate::actor::instance(shared, &our, &module).await {
        Ok(instance) => instance,
        Err(e) => {
            let failure = Failure {
                code: 500,
                message: e.to_string(),
            };
            return failed(shared, invocation, &our, failure, None).await;
        }
    };
    let cx = store.data_mut();
    cx.state = StateTxn::new(Arc::clone(&shared.store), invocation.state_owner());
    cx.phase = crate::host::Phase::Handle;
    cx.durable = Some(Box::new(Attempt::new(
        invocation.clone(),
        Arc::clone(&shared.store),
        Arc::clone(&shared.invocations.journaler),
        journal,
    )));
    let message = Message {
        id: 0,
        source: shared.router.host(),
        expects_response: false,
        durable: true,
        tag: None,
        route: Some(invocation.handler.clone()),
        body: invocation.input.clone(),
        metadata: None,
        headers: Vec::new(),
        has_blob: false,
        capabilities: Vec::new(),
        attachments: Vec::new(),
    };
    cx.segment_start = std::time::Instant::now();
    let handled = actor
        .guestkit_host_guest()
        .call_handle(&mut store, &Incoming::Request(message))
        .await;
    let cx = store.data_mut();
    let attempt = cx
        .durable
        .take()
        .expect("the attempt stays in place during the call");
    if attempt.progressed {
        invocation.retry_count = 0;
        invocation.retrying_since_ms = None;
    }
    let failure = |message: String| Failure { code: 500, message };
    let retry = match (handled, attempt.abort) {
        (
            _,
            Some(Abort::Suspend {
                wake_at_ms,
                waiting_on,
            }),
        ) => {
            shared
                .invocations
                .wait_for(&invocation.id, waiting_on.clone());
            // A completion that landed after the handler looked, and before the line above,
            // found no one to wake: look once more.
            let landed = waiting_on
                .iter()
                .any(|key| matches!(shared.store.completion(key), Ok(Some(_))));
            if landed {
                shared.invocations.waker(&invocation.id).notify_one();
            }
            invocation.status = Status::Suspended {
                wake_at_ms,
                waiting_on,
            };
            save(shared, invocation, None).await?;
            return Ok(Next::Suspended { wake_at_ms });
        }
        (_, Some(Abort::Terminal { failure, pause })) => Err(if pause {
            Status::Paused(failure)
        } else {
            Status::Failed(failure)
        }),
        (_, Some(Abort::Retry { failure, after })) => Ok((failure, after)),
        (Ok(Ok(reply)), None) => {
            invocation.status = Status::Succeeded(reply.map(|p| p.body).unwrap_or_default());
            let changes = cx.state.take_changes();
            save(
                shared,
                invocation,
                Some((invocation.state_owner(), changes)),
            )
            .await?;
            return Ok(Next::Done);
        }
        (Ok(Err(HandlerError::Terminal(e))), None) => Err(Status::Failed(failure(e.describe()))),
        (Ok(Err(HandlerError::Retryable(r))), None) => {
            let f = failure(r.message);
            if r.pause {
                Err(Status::Paused(f))
            } else {
                Ok((f, r.retry_after_ms.map(Duration::from_millis)))
            }
        }
        (Err(trap), None) => Ok((
            failure(format!("the handler trapped: {}", trap_reason(&trap))),
            None,
        )),
    };
    match retry {
        Err(status) => {
            invocation.status = status;
            save(shared, invocation, None).await?;
            Ok(Next::Done)
        }
        Ok((failure, after)) => failed(shared, invocation, &our, failure, after).await,
    }
}

/// After an attempt that failed in a way the invocation's retry policy covers: the next
/// attempt's delay, or the end of the invocation (paused or failed) when the policy is used
/// up.
async fn failed(
    shared: &Arc<Shared>,
    invocation: &mut Invocation,
    our: &Address,
    failure: Failure,
    after: Option<Duration>,
) -> Result<Next, ShimError> {
    // Failed attempts in a row without progress: what the retry policy counts.
    invocation.retry_count += 1;
    invocation.retrying_since_ms.get_or_insert_with(now_ms);
    let policy = shared.invocation_retry;
    if policy
        .max_attempts
        .is_some_and(|max| invocation.retry_count >= max)
    {
        let why = format!(
            "invocation {} used up its attempts: {failure}",
            invocation.id
        );
        shared.log(our, Level::Warn, why);
        invocation.status = if policy.pause_when_exhausted {
            Status::Paused(failure)
        } else {
            Status::Failed(failure)
        };
        save(shared, invocation, None).await?;
        return Ok(Next::Done);
    }
    let why = format!(
        "invocation {} attempt {} failed, retrying: {failure}",
        invocation.id, invocation.attempts
    );
    shared.log(our, Level::Warn, why);
    save(shared, invocation, None).await?;
    Ok(Next::Retry(
        after.unwrap_or_else(|| policy.delay(invocation.retry_count)),
    ))
}

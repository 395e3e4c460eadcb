//! The shim's Rust API: build a [`Shim`], [`load`](Shim::load) a component, [`spawn`]
//! actors from it and [`call`] them. `cargo guest run`, the tests and any embedding
//! application use this.
//!
//! [`spawn`]: Shim::spawn
//! [`call`]: Shim::call

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;
use wasmtime::component::{HasSelf, Linker};

use crate::actor::ActorCtx;
use crate::actor::components::Components;
use crate::actor::life::{self, Spec};
use crate::capability::{Held, Seal};
use crate::clock::Clock;
use crate::cluster::ClusterOptions;
use crate::component::Module;
use crate::durable::{self, Replayed};
use crate::engine::EpochTicker;
use crate::error::{InvokeError, ShimError, describe};
use crate::journal::{
    self, Accepted, Completion, CrashPoint, Failure, Invocation, InvocationRetry, Invocations,
    JournalEntry, Order, Request, Status, Until,
};
use crate::limits::Limits;
use crate::mailbox::{Delivery, Envelope, ExportCall, Reply, Upgrade};
use crate::node::{HostCallback, HostHandler, HostMessage, LogLine, LogSink, Node};
use crate::registry;
use crate::remote::{self, RemoteMessage};
use crate::router::{Requester, Router};
use crate::storage::{RedbStore, StateChanges, StateStore};
use crate::value::{self, Val};
use crate::wave::ExportedFunction;
use crate::wit::Actor;
use crate::wit::log::Level;
use crate::wit::messaging::SendError;
use crate::wit::process::OnExit;
use crate::wit::types::{
    ActorError, ActorType, Address, Capability, DataChunk, ExitReason, Payload,
};
use crate::workers::{Running, Workers};

/// Why a typed call of a proto service from the host failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CallError {
    /// The request was not answered: the actor's error, or a delivery failure (not found,
    /// timed out, over the size limit).
    #[error("{route}: {}", error.describe())]
    Failed { route: String, error: ActorError },
    /// The reply did not decode as the rpc's output message.
    #[error("{route}: the reply is not a valid {message_type}: {reason}")]
    Decode {
        route: String,
        message_type: &'static str,
        reason: String,
    },
}

/// How to start an actor from the embedding application.
#[derive(Debug, Clone)]
pub struct SpawnOptions {
    /// The process name; its state is keyed by `name:package:node`, so reusing a name across
    /// shim runs reuses the state.
    pub name: String,
    pub package: String,
    /// Handed to the guest's `init` as `start-info.args`.
    pub args: Vec<u8>,
    /// Whether any local actor may message it without a messaging capability (default: yes).
    pub public: bool,
    pub on_exit: OnExit,
    /// Capabilities it holds from the start, such as the kernel's `"spawn"` (see
    /// [`Shim::kernel_capability`]).
    pub capabilities: Vec<Capability>,
    /// What it serves, for `discovery.discover`.
    pub actor_type: Option<ActorType>,
    /// Below the shim's own limit, a smaller memory limit for this actor.
    pub max_memory_bytes: Option<usize>,
    /// Fuel (roughly, wasm instructions) its instance may burn before it fails.
    pub max_fuel: Option<u64>,
}

impl SpawnOptions {
    pub fn new(name: impl Into<String>) -> Self {
        let name = name.into();
        Self {
            package: name.clone(),
            name,
            args: Vec::new(),
            public: true,
            on_exit: OnExit::None,
            capabilities: Vec::new(),
            actor_type: None,
            max_memory_bytes: None,
            max_fuel: None,
        }
    }

    pub fn package(mut self, package: impl Into<String>) -> Self {
        self.package = package.into();
        self
    }

    pub fn args(mut self, args: Vec<u8>) -> Self {
        self.args = args;
        self
    }

    /// Only holders of its messaging capability may message it.
    pub fn private(mut self) -> Self {
        self.public = false;
        self
    }

    pub fn on_exit(mut self, policy: OnExit) -> Self {
        self.on_exit = policy;
        self
    }

    pub fn capability(mut self, cap: Capability) -> Self {
        self.capabilities.push(cap);
        self
    }

    pub fn actor_type(mut self, ty: ActorType) -> Self {
        self.actor_type = Some(ty);
        self
    }

    pub fn max_memory_bytes(mut self, bytes: usize) -> Self {
        self.max_memory_bytes = Some(bytes);
        self
    }

    pub fn max_fuel(mut self, fuel: u64) -> Self {
        self.max_fuel = Some(fuel);
        self
    }
}

/// A response delivered to the host.
#[derive(Debug)]
pub struct Response {
    pub source: Address,
    pub payload: Payload,
}

/// Configures a [`Shim`].
pub struct ShimBuilder {
    state_dir: PathBuf,
    store: Option<Arc<dyn StateStore>>,
    node: String,
    limits: Limits,
    log_sink: Option<LogSink>,
    drive: PathBuf,
    host_calls: HashMap<(String, String), HostCallback>,
    host_handler: Option<HostHandler>,
    invocation_retry: InvocationRetry,
    retention: Duration,
    clock: Clock,
    source_locations: bool,
    workers: Option<usize>,
}

impl ShimBuilder {
    /// Reads the guests' debug info, so that a failure in a guest names its source file and
    /// line (`check --replay` does): compiling each component takes longer, and precompiled
    /// artifacts of a shim without it do not load.
    pub fn source_locations(mut self) -> Self {
        self.source_locations = true;
        self
    }

    /// How durable invocations are retried after a retryable error, a trap or a journal
    /// mismatch (default: for ever, from 50 ms doubling up to 10 s).
    pub fn invocation_retry(mut self, retry: InvocationRetry) -> Self {
        self.invocation_retry = retry;
        self
    }

    /// How long an ended durable invocation, its journal and output, its idempotency key and a
    /// workflow's promises and state are kept before the shim purges them (default 24 h, as
    /// Restate). Purging happens when a service registers and on
    /// [`Shim::purge_expired`].
    pub fn retention(mut self, retention: Duration) -> Self {
        self.retention = retention;
        self
    }

    /// The clock every timer and every read of time goes through (default: the system's).
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// How many threads run the shim's actors (default: one per core). An actor lives on one
    /// of them, and moves to the thread of the actor it exchanges messages with, so that the
    /// two share a core. With 0, actors run as tasks of the runtime that spawns them.
    pub fn workers(mut self, threads: usize) -> Self {
        self.workers = Some(threads);
        self
    }

    /// Where the state database lives (default `.guestkit`).
    pub fn state_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.state_dir = dir.into();
        self
    }

    /// Uses `store` instead of the embedded database under the state dir.
    pub fn state_store(mut self, store: Arc<dyn StateStore>) -> Self {
        self.store = Some(store);
        self
    }

    /// This shim's node name, part of every local address (default `local`).
    pub fn node(mut self, node: impl Into<String>) -> Self {
        self.node = node.into();
        self
    }

    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Where actors' log lines go (default: standard error).
    pub fn on_log(mut self, sink: impl Fn(LogLine) + Send + Sync + 'static) -> Self {
        self.log_sink = Some(Arc::new(sink));
        self
    }

    /// Where `process.load-module` resolves relative paths (default: the current directory).
    pub fn drive(mut self, dir: impl Into<PathBuf>) -> Self {
        self.drive = dir.into();
        self
    }

    /// Serves `host-call.call(binding, namespace, ..)` with `callback`, for actors holding the
    /// kernel capability `{"host-call": "binding/namespace"}`.
    pub fn host_call(
        mut self,
        binding: impl Into<String>,
        namespace: impl Into<String>,
        callback: impl Fn(&str, &[u8]) -> Result<Vec<u8>, String> + Send + Sync + 'static,
    ) -> Self {
        self.host_calls
            .insert((binding.into(), namespace.into()), Arc::new(callback));
        self
    }

    /// Receives the messages actors send to `dest::host`. Without a handler, sends to the host
    /// are dropped and requests fail `not-found`.
    pub fn on_message(
        mut self,
        handler: impl Fn(HostMessage) -> Option<Payload> + Send + Sync + 'static,
    ) -> Self {
        self.host_handler = Some(Arc::new(handler));
        self
    }

    pub fn build(self) -> Result<Shim, ShimError> {
        let store = match self.store {
            Some(store) => store,
            None => {
                std::fs::create_dir_all(&self.state_dir).map_err(|e| ShimError::StateDir {
                    path: self.state_dir.display().to_string(),
                    message: e.to_string(),
                })?;
                Arc::new(RedbStore::open(&self.state_dir.join("state.redb"))?)
            }
        };
        let seal = Seal::new(&store.node_secret()?);
        let mut config = crate::engine::config(&self.limits);
        if self.source_locations {
            config.wasm_backtrace_details(wasmtime::WasmBacktraceDetails::Enable);
        }
        let engine = wasmtime::Engine::new(&config).map_err(|e| ShimError::Engine(describe(&e)))?;
        let mut linker = Linker::<ActorCtx>::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)
            .and_then(|()| crate::host::wasi::add_to_linker(&mut linker))
            .map_err(|e| ShimError::Engine(describe(&e)))?;
        Actor::add_to_linker::<_, HasSelf<_>>(&mut linker, |cx| cx)
            .map_err(|e| ShimError::Engine(describe(&e)))?;
        let ticker = EpochTicker::start(&engine);
        let workers = self.workers.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        });
        let (workers, running) = Workers::start(&self.node, workers).map_err(|e| {
            ShimError::Engine(format!("starting the shim's worker threads failed: {e}"))
        })?;
        let log_sink = self.log_sink.unwrap_or_else(|| Arc::new(print_log_line));
        let clock = self.clock;
        let shim = Shim {
            components: Arc::new(Components::new(engine.clone(), linker, &self.limits)),
            node: Arc::new(Node {
                invocations: Invocations::new(Arc::clone(&store), clock.clone(), self.retention),
                router: Arc::new(Router::new(&self.node, clock.clone())),
                name: self.node,
                engine,
                clock,
                store,
                seal,
                limits: self.limits,
                log_sink,
                drive: self.drive,
                host_calls: self.host_calls,
                host_handler: self.host_handler,
                homeward: Mutex::default(),
                names: Default::default(),
                timers: Mutex::default(),
                invocation_retry: self.invocation_retry,
                workers,
            }),
            _ticker: Arc::new(ticker),
            _workers: Arc::new(running),
        };
        // Built on a runtime, it hears from the other shims on its store from now on;
        // otherwise from its first registered service on.
        durable::share(&shim.node, &shim.components);
        Ok(shim)
    }
}

fn print_log_line(line: LogLine) {
    let level = match line.level {
        Level::Trace => "trace",
        Level::Debug => "debug",
        Level::Info => "info",
        Level::Warn => "warn",
        Level::Error => "error",
    };
    eprintln!(
        "[{}] {level}: {}",
        line.actor.process.process_name,
        printable(&line.message)
    );
}

/// `text` with its control characters escaped (`\n`, `\u{1b}`; tabs stay), so that what a
/// guest logs, request fields included, can neither forge log lines nor drive the terminal.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let escaped = |c: char| c.is_control() && c != '\t';
    if !text.chars().any(escaped) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match escaped(c) {
            true => out.extend(c.escape_default()),
            false => out.push(c),
        }
    }
    out.into()
}

/// A running guestkit host: one wasmtime engine, one router, one state store.
#[derive(Clone)]
pub struct Shim {
    node: Arc<Node>,
    components: Arc<Components>,
    _ticker: Arc<EpochTicker>,
    _workers: Arc<Running>,
}

impl Shim {
    pub fn builder() -> ShimBuilder {
        ShimBuilder {
            state_dir: PathBuf::from(".guestkit"),
            store: None,
            node: "local".into(),
            limits: Limits::default(),
            log_sink: None,
            drive: PathBuf::from("."),
            host_calls: HashMap::new(),
            host_handler: None,
            invocation_retry: InvocationRetry::default(),
            retention: journal::DEFAULT_RETENTION,
            clock: Clock::system(),
            source_locations: false,
            workers: None,
        }
    }

    /// Makes `module` the durable service `name`, and resumes the service's invocations that
    /// had not ended when this shim (or an earlier shim process on the same database) stopped.
    /// Registering new code under a name already registered deploys a new version: the
    /// invocations that ran on the former code finish on it, and the others run on the new.
    pub fn register_service(&self, name: &str, module: &Module) -> Result<(), ShimError> {
        self.register_service_with(name, module, None)
    }

    /// [`register_service`](Self::register_service), with the service's own retry policy in
    /// place of the shim's ([`ShimBuilder::invocation_retry`]) when `retry` is given.
    pub fn register_service_with(
        &self,
        name: &str,
        module: &Module,
        retry: Option<InvocationRetry>,
    ) -> Result<(), ShimError> {
        self.register(name, module, retry, false)
    }

    /// [`register_service_with`](Self::register_service_with), moving the invocations begun on
    /// the service's former code to `module` when their journals replay clean on it (as
    /// [`replay_journal`](Self::replay_journal) checks, at each one's next attempt); the
    /// others finish on the code they began on. Each move, or refusal, is logged.
    pub fn register_service_moving(
        &self,
        name: &str,
        module: &Module,
        retry: Option<InvocationRetry>,
    ) -> Result<(), ShimError> {
        self.register(name, module, retry, true)
    }

    fn register(
        &self,
        name: &str,
        module: &Module,
        retry: Option<InvocationRetry>,
        moves_replayable: bool,
    ) -> Result<(), ShimError> {
        let service = journal::Service {
            module: module.clone(),
            retry,
            moves_replayable,
        };
        durable::register(&self.node, &self.components, name, service)
    }

    /// Replays the journal of durable invocation `id` against `module`, as a check of new code
    /// before it is deployed: nothing is appended, no new step runs and nothing is written;
    /// the replay ends at the end of the journal, or where the handler and the journal part.
    pub async fn replay_journal(&self, id: &str, module: &Module) -> Result<Replayed, ShimError> {
        let invocation = self.node.invocations.find(id)?.ok_or_else(|| unknown(id))?;
        durable::replay(&self.node, &self.components, &invocation, module).await
    }

    /// Starts a durable invocation of `service`'s `handler` (its route) with `input`, on
    /// object `key`; returns its id. Its journal and state live in the state database.
    pub fn start_invocation(
        &self,
        service: &str,
        handler: &str,
        key: Option<&str>,
        input: Vec<u8>,
    ) -> Result<String, ShimError> {
        self.submit_invocation(Request {
            service: service.to_owned(),
            handler: handler.to_owned(),
            key: key.map(str::to_owned),
            input,
            ..Request::default()
        })
    }

    /// Starts the durable invocation `request` describes, as [`start_invocation`] does, with
    /// an idempotency key or a delay when it has them. A request whose idempotency key an
    /// earlier one of the same service, key and handler carried starts nothing: it gets the
    /// earlier invocation's id.
    ///
    /// [`start_invocation`]: Self::start_invocation
    pub fn submit_invocation(&self, request: Request) -> Result<String, ShimError> {
        Ok(self.accept_invocation(request)?.id().to_owned())
    }

    /// [`submit_invocation`](Self::submit_invocation), saying whether the request started
    /// the invocation or an earlier one with its idempotency (or workflow) key had: what
    /// Restate's ingress answers a send with.
    pub fn accept_invocation(&self, request: Request) -> Result<Accepted, ShimError> {
        durable::submit(&self.node, &self.components, request, None)
    }

    /// Waits until durable invocation `id` succeeds, fails or pauses.
    pub async fn invocation_outcome(&self, id: &str) -> Result<Status, ShimError> {
        self.node.invocations.outcome(id, Until::Final).await
    }

    /// Waits until durable invocation `id` ends, or suspends waiting only for completions from
    /// outside (awakeables, promises, cancellation): until it stops moving on its own.
    pub async fn invocation_settled(&self, id: &str) -> Result<Status, ShimError> {
        self.node.invocations.outcome(id, Until::Settled).await
    }

    /// Waits until durable invocation `id` is settled, as
    /// [`invocation_settled`](Self::invocation_settled) says, or fails an attempt and waits to
    /// retry: until it may not move on for a while.
    pub async fn invocation_quiet(&self, id: &str) -> Result<Status, ShimError> {
        self.node.invocations.outcome(id, Until::Quiet).await
    }

    /// `value` as what a handle completes with; refused when it is over the message limit, as
    /// a guest's own completion is.
    fn completion(&self, value: Result<Vec<u8>, Failure>) -> Result<Completion, ShimError> {
        let limit = self.node.limits.max_message_bytes;
        match &value {
            Ok(bytes) if bytes.len() > limit => Err(ShimError::Invocation(format!(
                "a completion of {} bytes is over the shim's message limit of {limit} bytes",
                bytes.len()
            ))),
            _ => Ok(Completion::of(value)),
        }
    }

    /// Completes awakeable `id` (as the guest's `durable.awakeable` returned it) with a value
    /// or a failure, and resumes the invocation waiting for it. False when it was already
    /// completed: the first completion wins.
    pub fn complete_awakeable(
        &self,
        id: &str,
        value: Result<Vec<u8>, Failure>,
    ) -> Result<bool, ShimError> {
        self.node.invocations.check_awakeable(id)?;
        let key = journal::awakeable_key(id);
        self.node
            .invocations
            .complete(&key, &self.completion(value)?)
    }

    /// Completes promise `name` of `service`'s object `key`, as `durable.promise-complete`
    /// would. False when it was already completed.
    pub fn complete_promise(
        &self,
        service: &str,
        key: Option<&str>,
        name: &str,
        value: Result<Vec<u8>, Failure>,
    ) -> Result<bool, ShimError> {
        let owner = Invocation::owner(service, key);
        let key = journal::promise_key(&owner, name);
        self.node
            .invocations
            .complete(&key, &self.completion(value)?)
    }

    /// Completes signal `name` of invocation `invocation`, as `durable.complete-signal`
    /// would: its `durable.signal(name)` handle resolves with `value`. False when it was
    /// already completed.
    pub fn complete_signal(
        &self,
        invocation: &str,
        name: &str,
        value: Result<Vec<u8>, Failure>,
    ) -> Result<bool, ShimError> {
        if self.node.invocations.find(invocation)?.is_none() {
            return Err(ShimError::Invocation(format!(
                "no durable invocation `{invocation}` to signal"
            )));
        }
        let key = journal::signal_key(invocation, name);
        self.node
            .invocations
            .complete(&key, &self.completion(value)?)
    }

    /// Asks invocation `id` and the invocations its calls started (not its one-way sends) to
    /// cancel, as Restate does: each sees it at its next `wait` or `run`, or before its first
    /// attempt, and ends with a terminal error (409) unless its handler compensates and
    /// returns. False when `id` had ended already.
    pub fn cancel_invocation(&self, id: &str) -> Result<bool, ShimError> {
        let invocation = self.node.invocations.find(id)?.ok_or_else(|| unknown(id))?;
        if invocation.status.is_ended() {
            return Ok(false);
        }
        self.node.invocations.cancel(id)?;
        Ok(true)
    }

    /// Ends invocation `id` and the invocations its calls started at once, without running
    /// any more of their code: each fails with a terminal error (409, `killed`) that its
    /// callers get. Returns once they have ended; false when `id` had ended already.
    pub async fn kill_invocation(&self, id: &str) -> Result<bool, ShimError> {
        let (root, below) = self.tree(id)?;
        if root.status.is_ended() {
            return Ok(false);
        }
        for invocation in std::iter::once(root).chain(below) {
            let steer = (self.node.invocations.driven.lock().unwrap())
                .get(&invocation.id)
                .map(|d| Arc::clone(&d.steer));
            match steer {
                Some(steer) => {
                    steer.give(Order::Kill);
                    steer.gone().await;
                }
                // Nothing drives it here (its service is not registered): the record ends.
                None => {
                    if let Some(ended) = durable::kill(&self.node, &invocation.id).await? {
                        self.node.invocations.announce(&ended);
                    }
                }
            }
        }
        Ok(true)
    }

    /// Resumes paused invocation `id`: it runs again from its journal, with the attempts its
    /// retry policy allows, and its callers get its output once it ends. An error unless it is
    /// paused and its service is registered.
    pub fn resume_invocation(&self, id: &str) -> Result<(), ShimError> {
        let invocation = self.node.invocations.find(id)?.ok_or_else(|| unknown(id))?;
        let now = match &invocation.status {
            Status::Paused(_) => None,
            Status::Succeeded(_) => Some("it succeeded".to_owned()),
            Status::Failed(f) => Some(format!("it failed: {f}")),
            _ => Some("it is running or waiting".to_owned()),
        };
        if let Some(now) = now {
            return Err(ShimError::Invocation(format!(
                "invocation `{id}` is not paused, so there is nothing to resume: {now}"
            )));
        }
        // Running from now on, for whoever asks before its next attempt begins.
        let steer = (self.node.invocations.driven.lock().unwrap())
            .get_mut(id)
            .map(|d| {
                d.status = Status::Running;
                Arc::clone(&d.steer)
            });
        let Some(steer) = steer else {
            return Err(ShimError::Invocation(format!(
                "invocation `{id}` is paused, but its service `{}` is not registered in this \
                 shim; register it (Shim::register_service) to resume it",
                invocation.service
            )));
        };
        steer.give(Order::Resume);
        Ok(())
    }

    /// Invocation `id` and the unended invocations below it, or not-found.
    fn tree(&self, id: &str) -> Result<(Invocation, Vec<Invocation>), ShimError> {
        self.node.invocations.tree(id)?.ok_or_else(|| unknown(id))
    }

    /// Purges the ended durable invocations whose retention is over; how many.
    pub fn purge_expired(&self) -> Result<usize, ShimError> {
        let all = self.node.invocations.list()?;
        let before = all.len();
        Ok(before - durable::purge_expired(&self.node, all)?.len())
    }

    /// Every durable invocation in the state database.
    pub fn invocations(&self) -> Result<Vec<Invocation>, ShimError> {
        self.node.invocations.list()
    }

    /// Durable invocation `id`, if the state database has it.
    pub fn invocation(&self, id: &str) -> Result<Option<Invocation>, ShimError> {
        self.node.invocations.find(id)
    }

    /// The journal of durable invocation `id`.
    pub fn journal(&self, id: &str) -> Result<Vec<JournalEntry>, ShimError> {
        self.node.invocations.journal(id)
    }

    /// Durable invocation `id`'s journal as JSON, one value per entry, each result decoded as
    /// the type its command journals: for people and scripts.
    pub fn journal_json(&self, id: &str) -> Result<Vec<serde_json::Value>, ShimError> {
        let journal = self.journal(id)?;
        Ok(journal.iter().map(crate::host::entry_as_json).collect())
    }

    /// Arms a crash: this process stops with `SIGKILL` when durable execution reaches
    /// `point`. For test hosts, which then start a shim on the same state to see what a crash
    /// leaves; nothing else arms one.
    pub fn arm_crash(&self, point: CrashPoint) {
        self.node.invocations.journaler.crashes.arm(point);
    }

    /// The committed state of `owner`, key by key: an actor's, owned by its address's process
    /// (`name:package:node`), or a durable object's ([`Invocation::owner`]).
    pub fn state(&self, owner: &str) -> Result<BTreeMap<String, Vec<u8>>, ShimError> {
        let store = &self.node.store;
        let mut state = BTreeMap::new();
        for key in store.keys(owner)? {
            if let Some(value) = store.get(owner, &key)? {
                state.insert(key, value);
            }
        }
        Ok(state)
    }

    /// Commits `changes` to `owner`'s state, as a step of it would. An actor that runs reads
    /// what it had read before: write an actor's state before it starts.
    pub fn write_state(&self, owner: &str, changes: &StateChanges) -> Result<(), ShimError> {
        Ok(self.node.store.commit(owner, changes)?)
    }

    /// Validates, compiles and links a component.
    pub fn load(&self, bytes: &[u8]) -> Result<Module, ShimError> {
        self.components.load(bytes)
    }

    /// Loads the component file at `path` like [`load`](Self::load), using the precompiled
    /// artifact [`precompile`](crate::precompile) wrote next to it when it matches the file
    /// and this shim's engine, and compiling the component otherwise.
    pub fn load_file(&self, path: &Path) -> Result<Module, ShimError> {
        self.components.load_file(path)
    }

    /// Loads the component `bytes`, already read from the file at `path`, like
    /// [`load_file`](Self::load_file) without reading the file again.
    pub fn load_at(&self, path: &Path, bytes: &[u8]) -> Result<Module, ShimError> {
        self.components.load_at(path, bytes)
    }

    /// Starts an actor from `module`. Returns once it is instantiated and reachable; its `init`
    /// runs on the actor's task, and messages sent meanwhile wait in its mailbox.
    pub async fn spawn(&self, module: &Module, opts: SpawnOptions) -> Result<Address, ShimError> {
        self.start(module, opts, None).await
    }

    /// Starts an actor from `module` like [`spawn`](Self::spawn), then waits until it is gone
    /// for good and says how it ended. Unlike `spawn` followed by [`stopped`](Self::stopped),
    /// it cannot miss an actor that ends at once.
    pub async fn run(&self, module: &Module, opts: SpawnOptions) -> Result<ExitReason, ShimError> {
        let (tell, told) = oneshot::channel();
        self.start(module, opts, Some(tell)).await?;
        Ok(told.await.unwrap_or(ExitReason::NoProcess))
    }

    async fn start(
        &self,
        module: &Module,
        opts: SpawnOptions,
        obituary: Option<oneshot::Sender<ExitReason>>,
    ) -> Result<Address, ShimError> {
        let node = &self.node;
        let mut held = Held::default();
        for cap in opts.capabilities {
            held.insert(cap);
        }
        let max_memory = node.limits.max_memory_bytes;
        life::start(
            node,
            &self.components,
            Spec {
                our: node.address(&opts.name, &opts.package),
                module: module.clone(),
                args: opts.args,
                public: opts.public,
                parent: None,
                on_exit: opts.on_exit,
                held,
                actor_type: opts.actor_type,
                max_memory_bytes: opts
                    .max_memory_bytes
                    .map_or(max_memory, |m| m.min(max_memory)),
                max_fuel: opts.max_fuel,
                link: None,
                obituary,
            },
        )
        .await
    }

    /// The capability the kernel issues with `params`: `"spawn"`, `"compile-module"`,
    /// `"network"`, or `{"host-call": "binding/namespace"}`. Give it to an actor through
    /// [`SpawnOptions::capability`].
    pub fn kernel_capability(&self, params: &str) -> Capability {
        self.node.kernel_cap(params)
    }

    /// [`kernel_capability`](Self::kernel_capability), for params from a user: refused, with
    /// the list of what the shim issues, unless the kernel issues such a capability.
    pub fn grant(&self, params: &str) -> Result<Capability, String> {
        crate::capability::check_kernel_params(params)?;
        Ok(self.node.kernel_cap(params))
    }

    /// Kills the actor at `address` at once, wherever it is: no `on-stop`, no restart; its
    /// links and monitors hear `killed`. False when there is no such actor.
    pub fn kill(&self, address: &Address) -> bool {
        self.node.router.kill(address)
    }

    /// Asks the actor at `address` to stop: after what is queued before, it gets
    /// `stop-requested` (process mode) or `on-stop` (reactive mode), and ends. The stop is
    /// final: an on-exit `restart` does not bring it back (`requests` are still sent).
    pub fn stop(&self, address: &Address) -> bool {
        let router = &self.node.router;
        router.with(address, |p| p.stopping = true).is_some()
            && router.deliver(address, Delivery::Stop)
    }

    /// Gives the actor at `address` new code, between two of its deliveries: what was queued
    /// before this call is handled by the former code, what comes after by the new. The actor
    /// keeps its address, mailbox, capabilities and committed state. A reactive actor's new
    /// code runs `init` (with `restarted` set) and `on-ready` first and takes over only when
    /// they succeed, so code that cannot read the actor's state is refused and the former
    /// keeps running; a process-mode actor takes it at its next `receive` and starts again
    /// from `init`. Returns once the new code took over, or with why it did not.
    pub async fn upgrade(&self, address: &Address, module: &Module) -> Result<(), ShimError> {
        let refused = |reason: String| ShimError::Upgrade {
            address: address.to_string(),
            reason,
        };
        let (done, outcome) = oneshot::channel();
        let upgrade = Upgrade {
            module: module.clone(),
            done,
        };
        if !self
            .node
            .router
            .deliver(address, Delivery::Upgrade(upgrade))
        {
            return Err(refused("no actor runs there".into()));
        }
        match outcome.await {
            Ok(taken) => taken.map_err(refused),
            Err(_) => Err(refused("it stopped first".into())),
        }
    }

    /// Resolves when the actor at `address` is gone for good, and says how it ended:
    /// `no-process` when there was none. It watches from the moment it is called, so ask
    /// before [`Shim::stop`] to hear how that stop ends even if the actor ends at once.
    pub fn stopped(&self, address: &Address) -> impl Future<Output = ExitReason> + 'static {
        let (tell, told) = oneshot::channel();
        let watching = self
            .node
            .router
            .with(address, |p| p.obituary.push(tell))
            .is_some();
        async move {
            match watching {
                true => told.await.unwrap_or(ExitReason::NoProcess),
                false => ExitReason::NoProcess,
            }
        }
    }

    /// Sends a chunk of stream `chunk.stream_id` from the host to the actor at `to`.
    pub fn send_chunk(&self, to: &Address, chunk: DataChunk) -> Result<(), ActorError> {
        self.node.limits.check_chunk(&chunk)?;
        self.node
            .router
            .deliver(to, Delivery::Chunk(chunk, self.host_address()));
        Ok(())
    }

    /// Registers `address` under `name`, as a guest's `discovery.register` does: what a
    /// guest's `discovery.lookup(name)` then finds, on this node and, when the store is
    /// shared, on the others.
    pub async fn register_name(&self, name: &str, address: &Address) -> Result<(), ShimError> {
        registry::register(&self.node, name.to_owned(), address.clone()).await?;
        Ok(())
    }

    /// Where discovery's `name` points, if anywhere: this node's registration, else the
    /// cluster's.
    pub async fn lookup(&self, name: &str) -> Result<Option<Address>, ShimError> {
        Ok(registry::lookup(&self.node, name).await?)
    }

    /// Sends a request from the host and waits up to `timeout` for its one outcome.
    pub async fn call(
        &self,
        to: &Address,
        payload: Payload,
        timeout: Duration,
    ) -> Result<Response, SendError> {
        let node = &self.node;
        let host = self.host_address();
        if let Err(error) = node.limits.check_message(&payload) {
            return Err(SendError {
                request_id: 0,
                error,
                target: to.clone(),
                returned: payload,
                context: None,
            });
        }
        let id = node.router.next_id();
        let (tx, rx) = oneshot::channel();
        let envelope = Envelope {
            id,
            source: host,
            expects_response: true,
            payload,
            attachments: Vec::new(),
        };
        // The deadline is kept here, where the caller waits: no timer task per call.
        let mut rx = rx;
        node.router
            .request(to.clone(), envelope, Requester::Host(tx), None, None);
        let outcome = match node.clock.timeout(timeout, &mut rx).await {
            Ok(outcome) => outcome,
            Err(_) => {
                // Fails it unless the response got in first; either way rx holds the outcome.
                node.router.fail(id, ActorError::TimedOut);
                rx.await
            }
        };
        let reply: Reply = outcome.expect("the router completes every pending request")?;
        Ok(Response {
            source: reply.source,
            payload: reply.payload,
        })
    }

    /// Calls `route` on the actor at `to` with `body` and returns the reply's body: what the
    /// generated host stubs of proto services do, with the protobuf encoding around it.
    pub async fn call_route(
        &self,
        to: &Address,
        route: &str,
        body: Vec<u8>,
        timeout: Duration,
    ) -> Result<Vec<u8>, CallError> {
        match self.call(to, Payload::new(route, body), timeout).await {
            Ok(response) => Ok(response.payload.body),
            Err(failed) => Err(CallError::Failed {
                route: route.to_owned(),
                error: failed.error,
            }),
        }
    }

    /// Calls `function` of the actor at `to`, exported by the component's own WIT world
    /// (`interface` is the export's name, like `acme:greeter/directory@1.0.0`, or `None` for
    /// a function the world exports directly). It runs between two handlers, its state
    /// writes commit when it returns, and a trap stops the actor like a trapping handler.
    /// Host stubs generated by `guestkit_shim::wit!` call this with typed values.
    pub async fn invoke(
        &self,
        to: &Address,
        interface: Option<&str>,
        function: &str,
        args: Vec<Val>,
        timeout: Duration,
    ) -> Result<Vec<Val>, InvokeError> {
        let args = args.into_iter().map(value::to_wasm).collect();
        let results = self
            .invoke_wasm(to, interface, function, args, timeout)
            .await?;
        (results.into_iter().map(value::from_wasm))
            .collect::<Result<_, _>>()
            .map_err(|message| InvokeError::Result {
                export: crate::error::export_name(interface, function),
                message,
            })
    }

    /// [`invoke`](Self::invoke), with wasmtime's own values.
    async fn invoke_wasm(
        &self,
        to: &Address,
        interface: Option<&str>,
        function: &str,
        args: Vec<wasmtime::component::Val>,
        timeout: Duration,
    ) -> Result<Vec<wasmtime::component::Val>, InvokeError> {
        let (reply, outcome) = oneshot::channel();
        let call = ExportCall {
            interface: interface.map(str::to_owned),
            function: function.to_owned(),
            args,
            reply,
        };
        let export = call.export();
        if self.node.router.call_export(to, call).is_err() {
            return Err(InvokeError::NotFound(to.to_string()));
        }
        match self.node.clock.timeout(timeout, outcome).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(InvokeError::Stopped {
                actor: to.to_string(),
                export,
            }),
            Err(_) => Err(InvokeError::TimedOut { export, timeout }),
        }
    }

    /// The function `module` exports as `function` of `interface` (its full name like
    /// `acme:greeter/directory@1.0.0`, or its short name `directory`; `None` for a function
    /// of the world itself), with its types: what reads its arguments from WAVE text and
    /// writes its result as WAVE for [`invoke_wave`](Self::invoke_wave).
    pub fn exported_function(
        &self,
        module: &Module,
        interface: Option<&str>,
        function: &str,
    ) -> Result<ExportedFunction, InvokeError> {
        ExportedFunction::find(&self.node.engine, module, interface, function)
    }

    /// Calls `function` of the actor at `to`, as [`invoke`](Self::invoke) does, with its
    /// arguments in WAVE text (`"ada", 3`), and answers its result in WAVE: what `cargo guest
    /// run --call` and the HTTP ingress do.
    pub async fn invoke_wave(
        &self,
        to: &Address,
        function: &ExportedFunction,
        args: &str,
        timeout: Duration,
    ) -> Result<String, InvokeError> {
        let args = function.arguments(args)?;
        let (interface, name) = (function.interface.as_deref(), &function.function);
        let results = self.invoke_wasm(to, interface, name, args, timeout).await?;
        function.result(&results)
    }

    /// Sends a one-way message from the host and returns its id. A missing target drops it;
    /// a message over [`Limits::max_message_bytes`] is refused.
    pub fn send(&self, to: &Address, payload: Payload) -> Result<u64, ActorError> {
        let node = &self.node;
        node.limits.check_message(&payload)?;
        let router = &node.router;
        let id = router.next_id();
        router.send(
            to,
            Envelope {
                id,
                source: self.host_address(),
                expects_response: false,
                payload,
                attachments: Vec::new(),
            },
        );
        Ok(id)
    }

    /// Joins the cluster whose NATS server is at `url` as this shim's node (its name is
    /// [`ShimBuilder::node`]'s, which must be the only node of that name): messages to actors
    /// of other nodes of the cluster go there over NATS, and theirs come here, under the rules
    /// of [`remote`](crate::remote). Call it on the runtime the shim runs on.
    pub async fn join_cluster(&self, url: &str, options: &ClusterOptions) -> Result<(), ShimError> {
        let joined = || {
            ShimError::Cluster(format!(
                "node `{}` has joined a cluster already",
                self.node.name
            ))
        };
        if self.node.router.connected() {
            return Err(joined());
        }
        let nats =
            (crate::cluster::join(&self.node, url, options).await).map_err(ShimError::Cluster)?;
        if !self.node.router.connect(nats) {
            return Err(joined());
        }
        Ok(())
    }

    /// Hands this node an inbound message from another node (what a transport does), under the
    /// rules in [`remote`](crate::remote). Returns the message id, or why it was dropped.
    pub fn receive_remote(&self, message: RemoteMessage) -> Result<u64, ActorError> {
        remote::receive(&self.node, message)
    }

    /// The seal a transport attaches to `cap`, issued on this node, when it sends it to
    /// `node`; the capability is trusted again only if it comes back from that node with it.
    pub fn seal_for(&self, node: &str, cap: &Capability) -> Vec<u8> {
        self.node.seal.sign(&remote::seal_holder(node), cap)
    }

    /// True while an actor is registered at `address`.
    pub fn exists(&self, address: &Address) -> bool {
        self.node.router.exists(address)
    }

    /// The clock this shim's timers run on.
    pub fn clock(&self) -> &Clock {
        &self.node.clock
    }

    /// The address messages from the embedding application carry as their source.
    pub fn host_address(&self) -> Address {
        self.node.router.host()
    }
}

/// The error for an invocation id the database does not have.
fn unknown(id: &str) -> ShimError {
    ShimError::Invocation(format!(
        "no durable invocation `{id}` in this state database"
    ))
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_of_a_log_line_are_escaped() {
        assert_eq!(printable("plain\ttext, ünïcode"), "plain\ttext, ünïcode");
        assert_eq!(
            printable("ada\n[counter] info: forged\u{1b}[2J\r"),
            "ada\\n[counter] info: forged\\u{1b}[2J\\r"
        );
    }
}

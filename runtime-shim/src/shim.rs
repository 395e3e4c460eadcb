//! The shim's Rust API: build a [`Shim`], [`load`](Shim::load) a component, [`spawn`]
//! actors from it and [`call`] them. `cargo guest run`, the tests and any embedding
//! application use this.
//!
//! [`spawn`]: Shim::spawn
//! [`call`]: Shim::call

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;
use wasmtime::Engine;
use wasmtime::component::{Component, HasSelf, Linker, Val};

use crate::actor::Spec;
use crate::bindings::log::Level;
use crate::bindings::messaging::SendError;
use crate::bindings::process::OnExit;
use crate::bindings::types::{
    ActorError, ActorType, Address, Capability, DataChunk, ExitReason, Payload, ProcessId,
};
use crate::bindings::{Actor, ActorPre};
use crate::capability::{self, Held, Seal};
use crate::conformance::{self, ComponentSummary};
use crate::durable::{self, InvocationRetry, Invocations};
use crate::engine::{EpochTicker, new_engine};
use crate::error::{CallError, InvokeError, ShimError, describe};
use crate::host::ActorCtx;
use crate::mailbox::{Delivery, Envelope, Invocation, Reply};
use crate::precompiled;
use crate::remote::{self, RemoteMessage};
use crate::router::{Requester, Router};
use crate::storage::{RedbStore, StateStore};

/// One line an actor logged.
#[derive(Debug, Clone)]
pub struct LogLine {
    pub actor: Address,
    pub level: Level,
    pub message: String,
}

/// Receives every actor's log lines.
pub type LogSink = Arc<dyn Fn(LogLine) + Send + Sync>;

/// Per-actor and per-message limits.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest body (plus blob) a message may carry; bigger ones are refused, never truncated.
    pub max_message_bytes: usize,
    /// Largest linear memory an actor may grow to.
    pub max_memory_bytes: usize,
    /// Longest a guest may run without returning to the host before it is stopped.
    pub cpu_deadline: Duration,
    /// Queue length at which a reactive actor's `observe` hears of backpressure, once per
    /// crossing.
    pub mailbox_backpressure: usize,
    /// Most actors alive at once; the engine's instance pool is sized for this many, and a
    /// spawn beyond it fails.
    pub max_actors: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_message_bytes: 4 << 20,
            max_memory_bytes: 256 << 20,
            cpu_deadline: Duration::from_secs(10),
            mailbox_backpressure: 1024,
            max_actors: 1_024,
        }
    }
}

impl Limits {
    /// Refuses a stream chunk whose payload exceeds `max_message_bytes`.
    pub(crate) fn check_chunk(&self, chunk: &DataChunk) -> Result<(), ActorError> {
        let size = chunk.payload.len();
        if size > self.max_message_bytes {
            return Err(ActorError::InvalidArgument(format!(
                "a chunk of {size} bytes exceeds the shim's limit of {} bytes",
                self.max_message_bytes
            )));
        }
        Ok(())
    }

    /// Refuses a message whose body and blob together exceed `max_message_bytes`.
    pub(crate) fn check_message(&self, msg: &Payload) -> Result<(), ActorError> {
        let size = msg.body.len() + msg.blob.as_ref().map_or(0, |b| b.bytes.len());
        if size > self.max_message_bytes {
            return Err(ActorError::InvalidArgument(format!(
                "message of {size} bytes exceeds the shim's limit of {} bytes",
                self.max_message_bytes
            )));
        }
        Ok(())
    }
}

/// Handles a host call (waPC `__host_call`) for one `binding/namespace`: gets the operation
/// and payload, returns the reply or an error string the guest receives as `err`.
pub type HostCallback = Arc<dyn Fn(&str, &[u8]) -> Result<Vec<u8>, String> + Send + Sync>;

/// A message an actor sent to `dest::host`.
#[derive(Debug, Clone)]
pub struct HostMessage {
    pub id: u64,
    pub source: Address,
    pub expects_response: bool,
    pub payload: Payload,
}

/// Receives every message actors send to `dest::host`. For a request, `Some` is the response;
/// `None` leaves the requester to its deadline.
pub type HostHandler = Arc<dyn Fn(HostMessage) -> Option<Payload> + Send + Sync>;

/// What every actor of one shim shares: the engine, the router, the state store, and the
/// tables behind discovery, timers and host calls.
pub(crate) struct Shared {
    pub node: String,
    pub engine: Engine,
    pub linker: Linker<ActorCtx>,
    pub router: Arc<Router>,
    pub store: Arc<dyn StateStore>,
    /// Signs the capabilities actors save in the store.
    pub seal: Seal,
    pub limits: Limits,
    pub log_sink: LogSink,
    pub started: Instant,
    /// Where `process.load-module` resolves relative paths.
    pub drive: PathBuf,
    /// Compiled components by content hash: loading the same bytes twice compiles once.
    pub modules: Mutex<HashMap<u64, Module>>,
    pub host_calls: HashMap<(String, String), HostCallback>,
    pub host_handler: Option<HostHandler>,
    /// Discovery names. Async, so that `get-or-spawn` holds it across the spawn.
    pub names: tokio::sync::Mutex<HashMap<String, Address>>,
    /// Pending `send-after` timers: owner and task.
    pub timers: Mutex<HashMap<u64, (Address, tokio::task::AbortHandle)>>,
    pub invocations: Invocations,
    pub invocation_retry: InvocationRetry,
}

impl Shared {
    /// The capabilities `holder` saved in an earlier life, in this shim process or another.
    /// One whose seal does not match is dropped from the store, with a warning.
    pub fn saved_capabilities(&self, holder: &Address) -> Result<Vec<Capability>, ShimError> {
        let key = holder.process.to_string();
        let mut caps = Vec::new();
        let mut forged = Vec::new();
        for saved in self.store.saved_capabilities(&key)? {
            match self.seal.open(&key, &saved) {
                Some(cap) => caps.push(cap),
                None => forged.push(saved),
            }
        }
        if !forged.is_empty() {
            for saved in &forged {
                self.log(
                    holder,
                    Level::Warn,
                    format!(
                        "dropped the saved capability {{issuer: {}, params: {}}}: this node \
                         did not sign it for {holder}",
                        saved.issuer, saved.params
                    ),
                );
            }
            let pairs: Vec<_> = forged.into_iter().map(|s| (s.issuer, s.params)).collect();
            self.store.forget_capabilities(&key, &pairs)?;
        }
        Ok(caps)
    }

    /// The kernel capability with `params`.
    pub fn kernel_cap(&self, params: &str) -> Capability {
        Capability::new(capability::kernel(&self.node), params)
    }

    /// Validates, compiles and links a component, or returns the one compiled from the same
    /// bytes before.
    pub fn load_with(
        &self,
        bytes: &[u8],
        compile: impl FnOnce(&Engine) -> wasmtime::Result<(Component, bool)>,
    ) -> Result<Module, ShimError> {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        let key = hasher.finish();
        if let Some(module) = self.modules.lock().unwrap().get(&key) {
            return Ok(module.clone());
        }
        let summary = conformance::check(bytes)?;
        let (component, precompiled) =
            compile(&self.engine).map_err(|e| ShimError::Compile(describe(&e)))?;
        let pre = self
            .linker
            .instantiate_pre(&component)
            .and_then(ActorPre::new)
            .map_err(|e| ShimError::Link(describe(&e)))?;
        let module = Module {
            pre,
            summary: Arc::new(summary),
            precompiled,
        };
        self.modules.lock().unwrap().insert(key, module.clone());
        Ok(module)
    }

    /// Validates, compiles and links the component in `bytes`.
    pub fn load(&self, bytes: &[u8]) -> Result<Module, ShimError> {
        self.load_with(bytes, |engine| Ok((Component::new(engine, bytes)?, false)))
    }

    /// Loads the component file at `path`, using the precompiled artifact next to it when
    /// it matches.
    pub fn load_file(&self, path: &Path) -> Result<Module, ShimError> {
        let bytes = std::fs::read(path).map_err(|e| ShimError::Artifact {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        self.load_with(&bytes, |engine| {
            match precompiled::load(engine, path, &bytes) {
                Some(component) => Ok((component, true)),
                None => Ok((Component::new(engine, &bytes)?, false)),
            }
        })
    }

    /// Hands a message to the embedding application's handler; for a request, its answer (or
    /// the lack of a handler) completes the pending request `envelope.id`.
    pub fn to_host(&self, envelope: Envelope) {
        let router = &self.router;
        let (id, expects_response) = (envelope.id, envelope.expects_response);
        let Some(handler) = &self.host_handler else {
            if expects_response {
                router.fail(
                    id,
                    ActorError::NotFound("the host application handles no messages".into()),
                );
            }
            return;
        };
        let reply = handler(HostMessage {
            id,
            source: envelope.source,
            expects_response,
            payload: envelope.payload,
        });
        if let (true, Some(reply)) = (expects_response, reply) {
            router.respond(id, router.host(), reply, Vec::new());
        }
    }

    /// The address of `name` in `package` on this node.
    pub fn address(&self, name: &str, package: &str) -> Address {
        Address::new(
            &self.node,
            ProcessId {
                process_name: name.to_owned(),
                package_name: package.to_owned(),
                publisher_node: self.node.clone(),
            },
        )
    }
}

/// A validated, compiled guest component, ready to spawn any number of actors from.
#[derive(Clone)]
pub struct Module {
    pub(crate) pre: ActorPre<ActorCtx>,
    summary: Arc<ComponentSummary>,
    precompiled: bool,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("precompiled", &self.precompiled)
            .finish_non_exhaustive()
    }
}

impl Module {
    /// The component's imports and exports.
    pub fn summary(&self) -> &ComponentSummary {
        &self.summary
    }

    /// Whether its code came from a precompiled artifact rather than a compilation.
    pub fn precompiled(&self) -> bool {
        self.precompiled
    }
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

impl Payload {
    /// A message for `route` carrying `body`, with nothing else set.
    pub fn new(route: impl Into<String>, body: Vec<u8>) -> Self {
        Self {
            tag: None,
            route: Some(route.into()),
            body,
            metadata: None,
            headers: Vec::new(),
            blob: None,
            capabilities: Vec::new(),
        }
    }
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
}

impl ShimBuilder {
    /// How durable invocations are retried after a retryable error, a trap or a journal
    /// mismatch (default: for ever, from 50 ms doubling up to 10 s).
    pub fn invocation_retry(mut self, retry: InvocationRetry) -> Self {
        self.invocation_retry = retry;
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
        let engine = new_engine(&self.limits).map_err(|e| ShimError::Engine(describe(&e)))?;
        let mut linker = Linker::<ActorCtx>::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)
            .map_err(|e| ShimError::Engine(describe(&e)))?;
        Actor::add_to_linker::<_, HasSelf<_>>(&mut linker, |cx| cx)
            .map_err(|e| ShimError::Engine(describe(&e)))?;
        let ticker = EpochTicker::start(&engine);
        let log_sink = self.log_sink.unwrap_or_else(|| Arc::new(print_log_line));
        Ok(Shim {
            shared: Arc::new(Shared {
                invocations: Invocations::new(Arc::clone(&store)),
                router: Arc::new(Router::new(&self.node)),
                node: self.node,
                engine,
                linker,
                store,
                seal,
                limits: self.limits,
                log_sink,
                started: Instant::now(),
                drive: self.drive,
                modules: Mutex::new(HashMap::new()),
                host_calls: self.host_calls,
                host_handler: self.host_handler,
                names: Default::default(),
                timers: Mutex::default(),
                invocation_retry: self.invocation_retry,
            }),
            _ticker: Arc::new(ticker),
        })
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
        line.actor.process.process_name, line.message
    );
}

/// A running guestkit host: one wasmtime engine, one router, one state store.
#[derive(Clone)]
pub struct Shim {
    shared: Arc<Shared>,
    _ticker: Arc<EpochTicker>,
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
        }
    }

    /// Makes `module` the durable service `name`, and resumes the service's invocations that
    /// had not ended when this shim (or an earlier shim process on the same database) stopped.
    pub fn register_service(&self, name: &str, module: &Module) -> Result<(), ShimError> {
        durable::register(&self.shared, name, module)
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
        self.submit_invocation(durable::Request {
            service: service.to_owned(),
            handler: handler.to_owned(),
            key: key.map(str::to_owned),
            input,
            ..durable::Request::default()
        })
    }

    /// Starts the durable invocation `request` describes, as [`start_invocation`] does, with
    /// an idempotency key or a delay when it has them. A request whose idempotency key an
    /// earlier one of the same service, key and handler carried starts nothing: it gets the
    /// earlier invocation's id.
    ///
    /// [`start_invocation`]: Self::start_invocation
    pub fn submit_invocation(&self, request: durable::Request) -> Result<String, ShimError> {
        durable::submit(&self.shared, request, None)
    }

    /// Waits until durable invocation `id` succeeds, fails or pauses.
    pub async fn invocation_outcome(&self, id: &str) -> Result<durable::Status, ShimError> {
        durable::outcome(&self.shared, id, false).await
    }

    /// Waits until durable invocation `id` ends, or suspends waiting only for completions from
    /// outside (awakeables, promises, cancellation): until it stops moving on its own.
    pub async fn invocation_settled(&self, id: &str) -> Result<durable::Status, ShimError> {
        durable::outcome(&self.shared, id, true).await
    }

    /// Completes awakeable `id` (as the guest's `durable.awakeable` returned it) with a value
    /// or a failure, and resumes the invocation waiting for it. False when it was already
    /// completed: the first completion wins.
    pub fn complete_awakeable(
        &self,
        id: &str,
        value: Result<Vec<u8>, durable::Failure>,
    ) -> Result<bool, ShimError> {
        durable::check_awakeable(&self.shared, id)?;
        let key = durable::awakeable_key(id);
        durable::complete(&self.shared, &key, &durable::Completion::of(value))
    }

    /// Completes promise `name` of `service`'s object `key`, as `durable.promise-complete`
    /// would. False when it was already completed.
    pub fn complete_promise(
        &self,
        service: &str,
        key: Option<&str>,
        name: &str,
        value: Result<Vec<u8>, durable::Failure>,
    ) -> Result<bool, ShimError> {
        let owner = durable::Invocation::owner(service, key);
        let key = durable::promise_key(&owner, name);
        durable::complete(&self.shared, &key, &durable::Completion::of(value))
    }

    /// Completes signal `name` of invocation `invocation`, as `durable.complete-signal`
    /// would: its `durable.signal(name)` handle resolves with `value`. False when it was
    /// already completed.
    pub fn complete_signal(
        &self,
        invocation: &str,
        name: &str,
        value: Result<Vec<u8>, durable::Failure>,
    ) -> Result<bool, ShimError> {
        if durable::find(&self.shared, invocation)?.is_none() {
            return Err(ShimError::Invocation(format!(
                "no durable invocation `{invocation}` to signal"
            )));
        }
        let key = durable::signal_key(invocation, name);
        durable::complete(&self.shared, &key, &durable::Completion::of(value))
    }

    /// Asks invocation `id` to cancel: its next `wait` returns `cancelled`.
    pub fn cancel_invocation(&self, id: &str) -> Result<bool, ShimError> {
        let key = durable::cancel_key(id);
        durable::complete(&self.shared, &key, &durable::Completion::Void)
    }

    /// Every durable invocation in the state database.
    pub fn invocations(&self) -> Result<Vec<durable::Invocation>, ShimError> {
        durable::list(&self.shared)
    }

    /// The journal of durable invocation `id`.
    pub fn journal(&self, id: &str) -> Result<Vec<durable::JournalEntry>, ShimError> {
        durable::journal(&self.shared, id)
    }

    /// Validates, compiles and links a component.
    pub fn load(&self, bytes: &[u8]) -> Result<Module, ShimError> {
        self.shared.load(bytes)
    }

    /// Loads the component file at `path` like [`load`](Self::load), using the precompiled
    /// artifact [`precompile`](crate::precompile) wrote next to it when it matches the file
    /// and this shim's engine, and compiling the component otherwise.
    pub fn load_file(&self, path: &Path) -> Result<Module, ShimError> {
        self.shared.load_file(path)
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
        let shared = &self.shared;
        let mut held = Held::default();
        for cap in opts.capabilities {
            held.insert(cap);
        }
        let max_memory = shared.limits.max_memory_bytes;
        crate::actor::start(
            shared,
            Spec {
                our: shared.address(&opts.name, &opts.package),
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
        self.shared.kernel_cap(params)
    }

    /// Kills the actor at `address` at once, wherever it is: no `on-stop`, no restart; its
    /// links and monitors hear `killed`. False when there is no such actor.
    pub fn kill(&self, address: &Address) -> bool {
        self.shared.router.kill(address)
    }

    /// Asks the actor at `address` to stop: after what is queued before, it gets
    /// `stop-requested` (process mode) or `on-stop` (reactive mode), and ends. The stop is
    /// final: an on-exit `restart` does not bring it back (`requests` are still sent).
    pub fn stop(&self, address: &Address) -> bool {
        let router = &self.shared.router;
        router.with(address, |p| p.stopping = true).is_some()
            && router.deliver(address, Delivery::Stop)
    }

    /// Resolves when the actor at `address` is gone for good, and says how it ended:
    /// `no-process` when there was none. It watches from the moment it is called, so ask
    /// before [`Shim::stop`] to hear how that stop ends even if the actor ends at once.
    pub fn stopped(&self, address: &Address) -> impl Future<Output = ExitReason> + 'static {
        let (tell, told) = oneshot::channel();
        let watching = self
            .shared
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
        self.shared.limits.check_chunk(&chunk)?;
        self.shared
            .router
            .deliver(to, Delivery::Chunk(chunk, self.host_address()));
        Ok(())
    }

    /// Where discovery's `name` points, if anywhere.
    pub async fn lookup(&self, name: &str) -> Option<Address> {
        self.shared.names.lock().await.get(name).cloned()
    }

    /// Sends a request from the host and waits up to `timeout` for its one outcome.
    pub async fn call(
        &self,
        to: &Address,
        payload: Payload,
        timeout: Duration,
    ) -> Result<Response, SendError> {
        let shared = &self.shared;
        let host = self.host_address();
        if let Err(error) = shared.limits.check_message(&payload) {
            return Err(SendError {
                request_id: 0,
                error,
                target: to.clone(),
                returned: payload,
                context: None,
            });
        }
        let id = shared.router.next_id();
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
        shared
            .router
            .request(to, envelope, Requester::Host(tx), None, None);
        let outcome = match tokio::time::timeout(timeout, &mut rx).await {
            Ok(outcome) => outcome,
            Err(_) => {
                // Fails it unless the response got in first; either way rx holds the outcome.
                shared.router.fail(id, ActorError::TimedOut);
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
        let (reply, outcome) = oneshot::channel();
        let invocation = Invocation {
            interface: interface.map(str::to_owned),
            function: function.to_owned(),
            args,
            reply,
        };
        let export = invocation.export();
        if self.shared.router.invoke(to, invocation).is_err() {
            return Err(InvokeError::NotFound(to.to_string()));
        }
        match tokio::time::timeout(timeout, outcome).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(InvokeError::Stopped {
                actor: to.to_string(),
                export,
            }),
            Err(_) => Err(InvokeError::TimedOut { export, timeout }),
        }
    }

    /// Sends a one-way message from the host and returns its id. A missing target drops it;
    /// a message over [`Limits::max_message_bytes`] is refused.
    pub fn send(&self, to: &Address, payload: Payload) -> Result<u64, ActorError> {
        let shared = &self.shared;
        shared.limits.check_message(&payload)?;
        let router = &shared.router;
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

    /// Hands this node an inbound message from another node (what a transport does), under the
    /// rules in [`remote`](crate::remote). Returns the message id, or why it was dropped.
    pub fn receive_remote(&self, message: RemoteMessage) -> Result<u64, ActorError> {
        self.shared.receive_remote(message)
    }

    /// The seal a transport attaches to `cap`, issued on this node, when it sends it to
    /// `node`; the capability is trusted again only if it comes back from that node with it.
    pub fn seal_for(&self, node: &str, cap: &Capability) -> Vec<u8> {
        self.shared.seal.sign(&remote::seal_holder(node), cap)
    }

    /// True while an actor is registered at `address`.
    pub fn exists(&self, address: &Address) -> bool {
        self.shared.router.exists(address)
    }

    /// The address messages from the embedding application carry as their source.
    pub fn host_address(&self) -> Address {
        self.shared.router.host()
    }
}

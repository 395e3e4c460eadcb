//! The shim's Rust API: build a [`Shim`], [`load`](Shim::load) a component, [`spawn`]
//! actors from it and [`call`] them. `cargo guest run`, the tests and any embedding
//! application use this.
//!
//! [`spawn`]: Shim::spawn
//! [`call`]: Shim::call

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;
use wasmtime::component::{Component, HasSelf, Linker, ResourceTable, Val};
use wasmtime::{Engine, Store, StoreLimitsBuilder, UpdateDeadline};
use wasmtime_wasi::WasiCtxBuilder;

use crate::bindings::log::Level;
use crate::bindings::messaging::SendError;
use crate::bindings::types::{ActorError, Address, Payload, ProcessId};
use crate::bindings::{Actor, ActorPre};
use crate::conformance::{self, ComponentSummary};
use crate::engine::{EpochTicker, new_engine};
use crate::error::{CallError, InvokeError, ShimError, describe};
use crate::host::{ActorCtx, Phase};
use crate::mailbox::{Envelope, Invocation, Mailbox, Reply};
use crate::precompiled;
use crate::router::{Requester, Router};
use crate::state::StateTxn;
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
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_message_bytes: 4 << 20,
            max_memory_bytes: 256 << 20,
            cpu_deadline: Duration::from_secs(10),
        }
    }
}

impl Limits {
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

/// What every actor of one shim shares.
pub(crate) struct Shared {
    pub node: String,
    pub router: Arc<Router>,
    pub store: Arc<dyn StateStore>,
    pub limits: Limits,
    pub log_sink: LogSink,
    pub started: Instant,
}

/// A validated, compiled guest component, ready to spawn any number of actors from.
#[derive(Clone)]
pub struct Module {
    pre: ActorPre<ActorCtx>,
    summary: Arc<ComponentSummary>,
    precompiled: bool,
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

/// How to start an actor.
#[derive(Debug, Clone)]
pub struct SpawnOptions {
    /// The process name; its state is keyed by `name:package:node`, so reusing a name across
    /// shim runs reuses the state.
    pub name: String,
    pub package: String,
    /// Handed to the guest's `init` as `start-info.args`.
    pub args: Vec<u8>,
}

impl SpawnOptions {
    pub fn new(name: impl Into<String>) -> Self {
        let name = name.into();
        Self {
            package: name.clone(),
            name,
            args: Vec::new(),
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
}

impl ShimBuilder {
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
        let engine = new_engine().map_err(|e| ShimError::Engine(describe(&e)))?;
        let mut linker = Linker::<ActorCtx>::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)
            .map_err(|e| ShimError::Engine(describe(&e)))?;
        Actor::add_to_linker::<_, HasSelf<_>>(&mut linker, |cx| cx)
            .map_err(|e| ShimError::Engine(describe(&e)))?;
        let ticker = EpochTicker::start(&engine);
        let log_sink = self.log_sink.unwrap_or_else(|| Arc::new(print_log_line));
        Ok(Shim {
            inner: Arc::new(Inner {
                shared: Arc::new(Shared {
                    node: self.node,
                    router: Arc::new(Router::default()),
                    store,
                    limits: self.limits,
                    log_sink,
                    started: Instant::now(),
                }),
                engine,
                linker,
                modules: Mutex::new(HashMap::new()),
                _ticker: ticker,
            }),
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

struct Inner {
    shared: Arc<Shared>,
    engine: Engine,
    linker: Linker<ActorCtx>,
    /// Compiled components by content hash: loading the same bytes twice compiles once.
    modules: Mutex<HashMap<u64, Module>>,
    _ticker: EpochTicker,
}

/// A running guestkit host: one wasmtime engine, one router, one state store.
#[derive(Clone)]
pub struct Shim {
    inner: Arc<Inner>,
}

impl Shim {
    pub fn builder() -> ShimBuilder {
        ShimBuilder {
            state_dir: PathBuf::from(".guestkit"),
            store: None,
            node: "local".into(),
            limits: Limits::default(),
            log_sink: None,
        }
    }

    /// Validates, compiles and links a component.
    pub fn load(&self, bytes: &[u8]) -> Result<Module, ShimError> {
        self.load_with(bytes, |engine| Ok((Component::new(engine, bytes)?, false)))
    }

    /// Loads the component file at `path` like [`load`](Self::load), using the precompiled
    /// artifact [`precompile`](crate::precompile) wrote next to it when it matches the file
    /// and this shim's engine, and compiling the component otherwise.
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

    fn load_with(
        &self,
        bytes: &[u8],
        compile: impl FnOnce(&Engine) -> wasmtime::Result<(Component, bool)>,
    ) -> Result<Module, ShimError> {
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        let key = hasher.finish();
        if let Some(module) = self.inner.modules.lock().unwrap().get(&key) {
            return Ok(module.clone());
        }
        let summary = conformance::check(bytes)?;
        let (component, precompiled) =
            compile(&self.inner.engine).map_err(|e| ShimError::Compile(describe(&e)))?;
        let pre = self
            .inner
            .linker
            .instantiate_pre(&component)
            .and_then(ActorPre::new)
            .map_err(|e| ShimError::Link(describe(&e)))?;
        let module = Module {
            pre,
            summary: Arc::new(summary),
            precompiled,
        };
        self.inner
            .modules
            .lock()
            .unwrap()
            .insert(key, module.clone());
        Ok(module)
    }

    /// Starts an actor from `module`. Returns once it is instantiated and reachable; its `init`
    /// runs on the actor's task, and messages sent meanwhile wait in its mailbox.
    pub async fn spawn(&self, module: &Module, opts: SpawnOptions) -> Result<Address, ShimError> {
        let shared = &self.inner.shared;
        let our = Address::new(
            &shared.node,
            ProcessId {
                process_name: opts.name,
                package_name: opts.package,
                publisher_node: shared.node.clone(),
            },
        );
        let (inbox, mailbox) = Mailbox::new();
        if !shared.router.register(&our, inbox) {
            return Err(ShimError::NameTaken(our.to_string()));
        }
        let cx = ActorCtx {
            our: our.clone(),
            incarnation: 1,
            shared: Arc::clone(shared),
            mailbox,
            state: StateTxn::new(Arc::clone(&shared.store), our.process.to_string()),
            phase: Phase::Init,
            current: None,
            awaiting: HashSet::new(),
            last_blob: None,
            limits: StoreLimitsBuilder::new()
                .memory_size(shared.limits.max_memory_bytes)
                .trap_on_grow_failure(true)
                .build(),
            segment_start: Instant::now(),
            // Guests get no environment, arguments or files; stdout and stderr go to ours.
            wasi: WasiCtxBuilder::new().inherit_stderr().build(),
            table: ResourceTable::new(),
        };
        let mut store = Store::new(&self.inner.engine, cx);
        store.limiter(|cx| &mut cx.limits);
        store.set_epoch_deadline(1);
        store.epoch_deadline_callback(|cx| {
            let cx = cx.data();
            let ran = cx.segment_start.elapsed();
            if ran > cx.shared.limits.cpu_deadline {
                return Err(wasmtime::format_err!(
                    "{} ran for {ran:?} without returning to the host, over its CPU deadline of {:?}",
                    cx.our,
                    cx.shared.limits.cpu_deadline
                ));
            }
            Ok(UpdateDeadline::Yield(1))
        });
        let instantiated = match module
            .pre
            .instance_pre()
            .instantiate_async(&mut store)
            .await
        {
            Ok(instance) => Actor::new(&mut store, &instance).map(|actor| (instance, actor)),
            Err(e) => Err(e),
        };
        let (instance, actor) = match instantiated {
            Ok(both) => both,
            Err(e) => {
                shared.router.unregister(&our);
                return Err(ShimError::Instantiate {
                    address: our.to_string(),
                    message: describe(&e),
                });
            }
        };
        tokio::spawn(crate::actor::run(store, instance, actor, opts.args));
        Ok(our)
    }

    /// Sends a request from the host and waits up to `timeout` for its one outcome.
    pub async fn call(
        &self,
        to: &Address,
        payload: Payload,
        timeout: Duration,
    ) -> Result<Response, SendError> {
        let shared = &self.inner.shared;
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
        };
        shared
            .router
            .request(to, envelope, Requester::Host(tx), None, Some(timeout));
        let reply: Reply = rx
            .await
            .expect("the router completes every pending request")?;
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
        if self.inner.shared.router.invoke(to, invocation).is_err() {
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
        let shared = &self.inner.shared;
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
            },
        );
        Ok(id)
    }

    /// True while an actor is registered at `address`.
    pub fn exists(&self, address: &Address) -> bool {
        self.inner.shared.router.exists(address)
    }

    /// The address messages from the embedding application carry as their source.
    pub fn host_address(&self) -> Address {
        let node = &self.inner.shared.node;
        Address::new(
            node,
            ProcessId {
                process_name: "host".into(),
                package_name: "guestkit".into(),
                publisher_node: node.clone(),
            },
        )
    }
}

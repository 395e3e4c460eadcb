//! One actor's life on its own tokio task: instantiate, `init`, then (reactive mode) one
//! `handle` per delivery, then teardown, and again from the top while its on-exit policy says
//! restart. Each step's state commits when it succeeds and rolls back when it fails.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{oneshot, watch};
use wasmtime::component::{Instance, ResourceTable, Val};
use wasmtime::{Store, StoreLimitsBuilder, UpdateDeadline};

use super::components::Components;
use super::{ActorCtx, ExitRequested, Phase, UpgradeRequested};
use crate::capability::Held;
use crate::clock;
use crate::component::Module;
use crate::error::{InvokeError, ShimError, describe, trap_reason};
use crate::mailbox::{Delivery, Envelope, ExportCall, Filter, Mailbox};
use crate::node::Node;
use crate::registry;
use crate::router::Process;
use crate::state::StateTxn;
use crate::wit::Actor;
use crate::wit::guest::{HandlerError, InitOutcome, StartInfo};
use crate::wit::log::Level;
use crate::wit::messaging::Incoming;
use crate::wit::process::OnExit;
use crate::wit::types::{
    ActorError, ActorType, Address, ErrorCategory, ErrorEvent, ExitReason, Payload, Timestamp,
};

/// How an incarnation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    Normal,
    Failure,
    /// Killed by `kill` or by a linked actor's failure: final, whatever the on-exit policy.
    Killed,
    /// Not an end: new code waits in [`ActorCtx::upgrade`] for the actor's loop to start.
    Upgrade,
}

impl Exit {
    fn reason(self) -> ExitReason {
        match self {
            Exit::Normal | Exit::Upgrade => ExitReason::Normal,
            Exit::Failure => ExitReason::Failure,
            Exit::Killed => ExitReason::Killed,
        }
    }
}

/// Restarts less than this far apart back off.
const RESTART_WINDOW: Duration = Duration::from_secs(1);
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Everything needed to start an actor, from the shim's Rust API or a guest's `spawn`.
pub(crate) struct Spec {
    pub our: Address,
    pub module: Module,
    pub args: Vec<u8>,
    pub public: bool,
    pub parent: Option<Address>,
    pub on_exit: OnExit,
    pub held: Held,
    pub actor_type: Option<ActorType>,
    pub max_memory_bytes: usize,
    pub max_fuel: Option<u64>,
    /// Link the new actor to its parent under this tag before it runs.
    pub link: Option<Option<i64>>,
    /// Hears how the actor ended, once it is gone for good.
    pub obituary: Option<oneshot::Sender<ExitReason>>,
}

/// What stays the same across an actor's incarnations, but for its code, which an upgrade
/// replaces.
struct Life {
    node: Arc<Node>,
    components: Arc<Components>,
    our: Address,
    module: Module,
    args: Vec<u8>,
    max_memory_bytes: usize,
    max_fuel: Option<u64>,
    killed: watch::Receiver<bool>,
}

/// Registers and instantiates the actor, then runs it on its own task. Returns once it is
/// reachable, before its `init` runs; messages sent meanwhile wait in its mailbox.
pub(crate) async fn start(
    node: &Arc<Node>,
    components: &Arc<Components>,
    spec: Spec,
) -> Result<Address, ShimError> {
    let mut held = spec.held;
    for cap in node.saved_capabilities(&spec.our)? {
        held.insert(cap);
    }
    let parking = node.clock.parking();
    let (inbox, mailbox) = Mailbox::new(node.clock.clone(), parking.clone());
    let (kill, killed) = watch::channel(false);
    let process = Process {
        inbox,
        kill,
        incarnation: 1,
        public: spec.public,
        parent: spec.parent.clone(),
        links: Default::default(),
        monitors: Default::default(),
        die_when_link_dies: true,
        on_exit: spec.on_exit,
        actor_type: spec.actor_type.clone(),
        held,
        stopping: false,
        obituary: spec.obituary.into_iter().collect(),
    };
    let our = spec.our;
    if !node.router.register(&our, process) {
        return Err(ShimError::NameTaken(our.to_string()));
    }
    if let (Some(tag), Some(parent)) = (spec.link, &spec.parent) {
        node.router.link(parent, &our, tag);
    }
    if let Some(ty) = &spec.actor_type {
        registry::typed(node, &our, ty, true);
    }
    let life = Life {
        node: Arc::clone(node),
        components: Arc::clone(components),
        our: our.clone(),
        module: spec.module,
        args: spec.args,
        max_memory_bytes: spec.max_memory_bytes,
        max_fuel: spec.max_fuel,
        killed,
    };
    let incarnation = match life.instantiate(&life.module, mailbox, 1).await {
        Ok(incarnation) => incarnation,
        Err((e, _)) => {
            if let Some(ty) = node.router.unregister(&our).and_then(|p| p.actor_type) {
                registry::typed(node, &our, &ty, false);
            }
            return Err(e);
        }
    };
    node.workers.spawn(parking, life.run(incarnation));
    Ok(our)
}

/// A fresh instance of `module` running as `our`, outside the process table, for one attempt
/// of a durable invocation.
pub(crate) async fn instance(
    node: &Arc<Node>,
    components: &Arc<Components>,
    our: &Address,
    module: &Module,
) -> Result<(Store<ActorCtx>, Actor), ShimError> {
    let life = Life {
        node: Arc::clone(node),
        components: Arc::clone(components),
        our: our.clone(),
        module: module.clone(),
        args: Vec::new(),
        max_memory_bytes: node.limits.max_memory_bytes,
        max_fuel: None,
        killed: watch::channel(false).1,
    };
    // Its task is the invocation's driver, which parks while the attempt waits.
    let (_, mailbox) = Mailbox::new(node.clock.clone(), clock::current_parking());
    let incarnation = (life.instantiate(&life.module, mailbox, 1).await).map_err(|(e, _)| e)?;
    Ok((incarnation.store, incarnation.actor))
}

/// One instance of the actor.
struct Incarnation {
    store: Store<ActorCtx>,
    instance: Instance,
    actor: Actor,
}

impl Life {
    /// A new instance of `module` as this actor, reading from `mailbox` (given back when it
    /// cannot be made).
    async fn instantiate(
        &self,
        module: &Module,
        mailbox: Mailbox,
        incarnation: u64,
    ) -> Result<Incarnation, (ShimError, Mailbox)> {
        let node = &self.node;
        let mut state = StateTxn::new(Arc::clone(&node.store), self.our.process.to_string());
        state.load();
        let cx = ActorCtx {
            our: self.our.clone(),
            incarnation,
            node: Arc::clone(node),
            components: Arc::clone(&self.components),
            mailbox,
            state,
            phase: Phase::Init,
            current: None,
            awaiting: HashSet::new(),
            last_blob: None,
            received: Held::default(),
            streams: HashSet::new(),
            backpressured: false,
            limits: StoreLimitsBuilder::new()
                .memory_size(self.max_memory_bytes)
                .trap_on_grow_failure(true)
                .build(),
            segment_start: Instant::now(),
            segment_restarted: true,
            wasi: None,
            table: ResourceTable::new(),
            durable: None,
            upgrade: None,
        };
        let mut store = Store::new(&node.engine, cx);
        store.limiter(|cx| &mut cx.limits);
        if let Err(e) = store.set_fuel(self.max_fuel.unwrap_or(u64::MAX)) {
            return Err((ShimError::Engine(describe(&e)), store.into_data().mailbox));
        }
        store.set_epoch_deadline(1);
        store.epoch_deadline_callback(|mut cx| {
            cx.data_mut().check_cpu_deadline()?;
            Ok(UpdateDeadline::Yield(1))
        });
        let linked = match self.components.pre(module) {
            Ok(linked) => linked,
            Err(e) => return Err((e, store.into_data().mailbox)),
        };
        let instantiated = match linked.pre.instantiate_async(&mut store).await {
            Ok(instance) => {
                (linked.exports.load(&mut store, &instance)).map(|actor| (instance, actor))
            }
            Err(e) => Err(e),
        };
        match instantiated {
            Ok((instance, actor)) => Ok(Incarnation {
                store,
                instance,
                actor,
            }),
            Err(e) => Err((
                ShimError::Instantiate {
                    address: self.our.to_string(),
                    message: describe(&e),
                },
                store.into_data().mailbox,
            )),
        }
    }

    /// Runs incarnation after incarnation until the actor is gone for good.
    async fn run(mut self, mut current: Incarnation) {
        let router = Arc::clone(&self.node.router);
        let clock = self.node.clock.clone();
        let mut restarted = false;
        let mut backoff = Duration::ZERO;
        loop {
            let started = clock.monotonic();
            let incarnation = current.store.data().incarnation;
            let info = StartInfo {
                our: self.our.clone(),
                incarnation,
                args: self.args.clone(),
                restarted,
            };
            let mut exit = match self.unless_killed(begin(&mut current, info)).await {
                Some(Ok(())) => self.serve_upgrading(&mut current).await,
                Some(Err((exit, _))) => exit,
                None => Exit::Killed,
            };
            let mut cx = current.store.into_data();
            cx.end_incarnation(exit);
            if exit == Exit::Upgrade {
                // A process-mode actor took new code at a receive, its state committed up to
                // there: it starts again from `init`, on the new code if that instantiates.
                let upgrade = cx.upgrade.take().expect("an upgrade ends the loop with it");
                let next = incarnation + 1;
                router.with(&self.our, |p| p.incarnation = next);
                let (outcome, started) =
                    match self.instantiate(&upgrade.module, cx.mailbox, next).await {
                        Ok(started) => {
                            self.module = upgrade.module;
                            (Ok(()), Ok(started))
                        }
                        Err((e, mailbox)) => (
                            Err(format!("{e}; it restarts on its former code")),
                            self.instantiate(&self.module, mailbox, next).await,
                        ),
                    };
                let _ = upgrade.done.send(outcome);
                match started {
                    Ok(started) => {
                        current = started;
                        restarted = true;
                        continue;
                    }
                    Err((e, mailbox)) => {
                        self.node.log(&self.our, Level::Error, e.to_string());
                        cx.mailbox = mailbox;
                        exit = Exit::Failure;
                    }
                }
            }
            let (policy, stopping) = router
                .with(&self.our, |p| (p.on_exit.clone(), p.stopping))
                .unwrap_or((OnExit::None, true));
            if exit != Exit::Killed && !stopping && matches!(policy, OnExit::Restart) {
                router.exited(&self.our, incarnation, exit.reason(), None);
                backoff = if clock.monotonic().saturating_sub(started) < RESTART_WINDOW {
                    (backoff * 2).clamp(FIRST_BACKOFF, MAX_BACKOFF)
                } else {
                    Duration::ZERO
                };
                cx.report(
                    Level::Warn,
                    format!("restarting in {backoff:?} (on-exit: restart)"),
                );
                if self.unless_killed(clock.sleep(backoff)).await.is_some() {
                    let next = incarnation + 1;
                    router.with(&self.our, |p| p.incarnation = next);
                    match self.instantiate(&self.module, cx.mailbox, next).await {
                        Ok(next) => {
                            current = next;
                            restarted = true;
                            continue;
                        }
                        Err((e, mailbox)) => {
                            self.node.log(&self.our, Level::Error, e.to_string());
                            cx.mailbox = mailbox;
                        }
                    }
                }
            }
            // Saved copies of what it issued go before anyone can hear that it ended: before
            // it leaves the process table, where a caller of `stopped` that no longer finds
            // it takes it for gone. Messages that reach it meanwhile fail as it closes.
            if let Err(e) = self.node.store.revoke_capabilities(&self.our.to_string()) {
                let why = format!("the capabilities it issued stay saved: {e}");
                self.node.log(&self.our, Level::Error, why);
            }
            let process = router.unregister(&self.our);
            if let Some(ty) = process.as_ref().and_then(|p| p.actor_type.as_ref()) {
                registry::typed(&self.node, &self.our, ty, false);
            }
            cx.close_mailbox();
            if let OnExit::Requests(requests) = policy {
                cx.send_on_exit(requests);
            }
            router.exited(&self.our, incarnation, exit.reason(), process);
            break;
        }
    }

    /// What `step` gives, or `None` when the actor is killed first.
    async fn unless_killed<T>(&self, step: impl Future<Output = T>) -> Option<T> {
        let mut killed = self.killed.clone();
        tokio::select! {
            done = step => Some(done),
            _ = killed.wait_for(|k| *k) => None,
        }
    }

    /// Serves a reactive actor's deliveries until it ends, taking new code between two of
    /// them: the new code takes over once its `init` and `on-ready` succeed; until then, and
    /// when they fail, the former code keeps the actor.
    async fn serve_upgrading(&mut self, current: &mut Incarnation) -> Exit {
        loop {
            let exit = (self.unless_killed(serve(current)).await).unwrap_or(Exit::Killed);
            if exit != Exit::Upgrade {
                return exit;
            }
            let upgrade = (current.store.data_mut().upgrade.take())
                .expect("an upgrade ends the loop with it");
            match self.swap(current, upgrade.module).await {
                Ok(()) => {
                    let _ = upgrade.done.send(Ok(()));
                }
                Err((Exit::Killed, why)) => {
                    let _ = upgrade.done.send(Err(why));
                    return Exit::Killed;
                }
                Err((_, why)) => {
                    let _ = upgrade.done.send(Err(why));
                }
            }
        }
    }

    /// Starts `module` as the actor's next incarnation beside `current`, with its mailbox and
    /// the requests it owes, and makes it `current` once it has begun. On failure `current`
    /// keeps all it had.
    async fn swap(
        &mut self,
        current: &mut Incarnation,
        module: Module,
    ) -> Result<(), (Exit, String)> {
        let node = &self.node;
        let incarnation = current.store.data().incarnation + 1;
        // It gets the actor's mailbox once it is made.
        let (_, idle) = Mailbox::new(node.clock.clone(), clock::current_parking());
        let mut next = (self.instantiate(&module, idle, incarnation).await)
            .map_err(|(e, _)| (Exit::Failure, e.to_string()))?;
        next.store.data_mut().take_over(current.store.data_mut());
        node.router.with(&self.our, |p| p.incarnation = incarnation);
        let info = StartInfo {
            our: self.our.clone(),
            incarnation,
            args: self.args.clone(),
            restarted: true,
        };
        let begun = self.unless_killed(begin(&mut next, info)).await;
        match begun.unwrap_or_else(|| Err((Exit::Killed, "the actor was killed".into()))) {
            Ok(()) => {
                self.module = module;
                *current = next;
                Ok(())
            }
            Err((exit, why)) => {
                let mut next = next.store.into_data();
                current.store.data_mut().take_over(&mut next);
                node.router
                    .with(&self.our, |p| p.incarnation = incarnation - 1);
                Err((exit, format!("{why}; the former code keeps running")))
            }
        }
    }
}

/// Starts an incarnation: `init`, then `on-ready`. An `Err` says how it ended there, and
/// why: in process mode `init` is the actor's whole life.
async fn begin(current: &mut Incarnation, info: StartInfo) -> Result<(), (Exit, String)> {
    let Incarnation { store, actor, .. } = current;
    let guest = actor.guestkit_host_guest();
    let cx = store.data_mut();
    cx.phase = Phase::Init;
    cx.start_cpu_segment();
    let init = guest.call_init(&mut *store, &info).await;
    let cx = store.data_mut();
    match init {
        Ok(Ok(outcome)) => {
            cx.commit("init")
                .map_err(|exit| (exit, "init: its state could not be committed".into()))?;
            if outcome == InitOutcome::Exit {
                return Err((Exit::Normal, "init asked to exit".into()));
            }
        }
        Ok(Err(e)) => {
            cx.state.rollback();
            let why = format!("init failed: {}", e.describe());
            cx.report(Level::Error, why.clone());
            return Err((Exit::Failure, why));
        }
        Err(trap) => {
            let why = format!("init trapped: {}", trap_reason(&trap));
            return Err((cx.trapped("init", &trap), why));
        }
    }
    cx.phase = Phase::Handle;
    cx.start_cpu_segment();
    let ready = guest.call_on_ready(&mut *store).await;
    (store.data_mut().settle_hook("on-ready", ready))
        .map_err(|exit| (exit, "on-ready failed (the actor's log says why)".into()))
}

/// A reactive actor's deliveries, one handler at a time, until it ends or new code comes.
async fn serve(current: &mut Incarnation) -> Exit {
    let Incarnation {
        store,
        instance,
        actor,
    } = current;
    let guest = actor.guestkit_host_guest();
    loop {
        if let Some(event) = store.data_mut().backpressure() {
            store.data_mut().start_cpu_segment();
            if let Err(trap) = guest.call_observe(&mut *store, &event).await {
                return store.data_mut().trapped("observe", &trap);
            }
        }
        let cx = store.data_mut();
        let Some(delivery) = cx.mailbox.receive(&Filter::everything(), None).await else {
            return stop(store, actor).await;
        };
        let delivery = match delivery {
            Delivery::Invoke(call) => match call_export(store, instance, call).await {
                Some(exit) => return exit,
                None => continue,
            },
            Delivery::Stop => return stop(store, actor).await,
            Delivery::Upgrade(upgrade) => {
                cx.upgrade = Some(upgrade);
                return Exit::Upgrade;
            }
            Delivery::Chunk(chunk, sender) => {
                if !cx.streams.contains(&chunk.stream_id) {
                    continue;
                }
                cx.start_cpu_segment();
                let context = format!("on-data-chunk for stream `{}`", chunk.stream_id);
                let outcome = guest
                    .call_on_data_chunk(&mut *store, &chunk, &sender)
                    .await
                    .map(|r| r.map(|()| None));
                match step(store, actor, &context, outcome, None).await {
                    Some(exit) => return exit,
                    None => continue,
                }
            }
            other => other,
        };
        let request = match &delivery {
            Delivery::Request(m) if m.expects_response => Some(m.id),
            _ => None,
        };
        let incoming: Incoming = cx.accept(delivery);
        // Named only when a message needs it: an error, a trap, a failed commit.
        let context = std::fmt::from_fn(|f| match &incoming {
            Incoming::Request(m) => {
                write!(f, "handle of {}", m.route.as_deref().unwrap_or("a message"))
            }
            _ => f.write_str("handle"),
        });
        let handled = run_handle(store, actor, &incoming).await;
        let outcome = match handled {
            Ok(Ok(reply)) => Ok(Ok(reply)),
            Ok(Err(HandlerError::Terminal(e))) => Ok(Err(e)),
            Ok(Err(HandlerError::Retryable(r))) => Ok(Err(ActorError::Unavailable(r.message))),
            Err(trap) => Err(trap),
        };
        if let Some(exit) = step(store, actor, &context, outcome, request).await {
            return exit;
        }
        store.data_mut().current = None;
    }
}

/// Runs the guest's `handle` of `incoming`, with its CPU budget restarted: the one way a
/// handler runs, for an actor's deliveries and a durable invocation's attempts alike. What
/// its result means (a reply and a commit, or the attempt's outcome) is the caller's.
pub(crate) async fn run_handle(
    store: &mut Store<ActorCtx>,
    actor: &Actor,
    incoming: &Incoming,
) -> wasmtime::Result<Result<Option<Payload>, HandlerError>> {
    store.data_mut().start_cpu_segment();
    // The next epoch tick counts from now: an actor that waited for its delivery over a tick
    // would otherwise yield as it enters the guest, one more poll of its task per delivery.
    store.set_epoch_deadline(1);
    actor
        .guestkit_host_guest()
        .call_handle(&mut *store, incoming)
        .await
}

/// Settles one step of a reactive actor: on success its state commits and, for a request,
/// its reply is sent; on an error its state rolls back, the requester gets the error and
/// `on-error` hears of it; a trap ends the incarnation.
async fn step(
    store: &mut Store<ActorCtx>,
    actor: &Actor,
    context: &(dyn std::fmt::Display + Sync),
    outcome: wasmtime::Result<Result<Option<Payload>, ActorError>>,
    request: Option<u64>,
) -> Option<Exit> {
    let cx = store.data_mut();
    match outcome {
        Ok(Ok(reply)) => {
            if let Err(exit) = cx.commit(context) {
                cx.fail_request(
                    request,
                    ActorError::Internal(format!("{context}: state could not be committed")),
                );
                return Some(exit);
            }
            if let (Some(id), Some(payload)) = (request, reply)
                && cx.awaiting.remove(&id)
            {
                cx.node
                    .router
                    .respond(id, cx.our.clone(), payload, Vec::new());
            }
            None
        }
        Ok(Err(error)) => {
            cx.state.rollback();
            cx.fail_request(request, error.clone());
            let event = ErrorEvent {
                source: error,
                category: ErrorCategory::HandlerError,
                context: context.to_string(),
                at: Timestamp::since_epoch(cx.node.clock.wall()),
            };
            cx.start_cpu_segment();
            let heard = actor
                .guestkit_host_guest()
                .call_on_error(&mut *store, &event)
                .await;
            let cx = store.data_mut();
            match heard {
                Ok(Ok(())) => cx.commit("on-error").err(),
                Ok(Err(e)) => {
                    cx.state.rollback();
                    cx.report(Level::Warn, format!("on-error failed: {}", e.describe()));
                    None
                }
                Err(trap) => Some(cx.trapped("on-error", &trap)),
            }
        }
        Err(trap) => {
            let exit = cx.trapped(&context.to_string(), &trap);
            if exit == Exit::Failure {
                let reason = format!("the handler trapped: {}", trap_reason(&trap));
                cx.fail_request(request, ActorError::Internal(reason));
            }
            Some(exit)
        }
    }
}

/// The actor was asked to stop, or the shim is closing: `on-stop` runs, then it ends normally.
async fn stop(store: &mut Store<ActorCtx>, actor: &Actor) -> Exit {
    store.data_mut().start_cpu_segment();
    let stopped = actor.guestkit_host_guest().call_on_stop(&mut *store).await;
    match store.data_mut().settle_hook("on-stop", stopped) {
        Ok(()) => Exit::Normal,
        Err(exit) => exit,
    }
}

/// Runs a host call of one of the component's own WIT exports, as one step: its state
/// commits when it returns and rolls back when it traps, which ends the actor.
async fn call_export(
    store: &mut Store<ActorCtx>,
    instance: &Instance,
    call: ExportCall,
) -> Option<Exit> {
    let export = call.export();
    let ExportCall {
        interface,
        function,
        args,
        reply,
    } = call;
    let func = interface
        .as_deref()
        .map_or(Some(None), |i| {
            instance.get_export_index(&mut *store, None, i).map(Some)
        })
        .and_then(|parent| instance.get_export_index(&mut *store, parent.as_ref(), &function))
        .and_then(|index| instance.get_func(&mut *store, index));
    let Some(func) = func else {
        let actor = store.data().our.to_string();
        let _ = reply.send(Err(InvokeError::NoSuchExport { actor, export }));
        return None;
    };
    let ty = func.ty(&*store);
    let expected = ty.params().len();
    if expected != args.len() {
        let _ = reply.send(Err(InvokeError::Arity {
            export,
            expected,
            given: args.len(),
        }));
        return None;
    }
    let mut results = vec![Val::Bool(false); ty.results().len()];
    store.data_mut().start_cpu_segment();
    let called = func.call_async(&mut *store, &args, &mut results).await;
    let cx = store.data_mut();
    match called {
        Ok(()) => match cx.commit(&export) {
            Ok(()) => {
                let _ = reply.send(Ok(results));
                None
            }
            Err(exit) => {
                let reason = "its state could not be committed".to_owned();
                let _ = reply.send(Err(InvokeError::Trapped { export, reason }));
                Some(exit)
            }
        },
        Err(trap) => {
            let exit = cx.trapped(&export, &trap);
            let _ = reply.send(Err(InvokeError::Trapped {
                export,
                reason: trap_reason(&trap),
            }));
            Some(exit)
        }
    }
}

impl ActorCtx {
    /// Settles a lifecycle hook that must succeed: its state commits when it returns Ok; an
    /// error or a trap ends the incarnation as a failure.
    fn settle_hook(
        &mut self,
        hook: &str,
        outcome: wasmtime::Result<Result<(), ActorError>>,
    ) -> Result<(), Exit> {
        match outcome {
            Ok(Ok(())) => self.commit(hook),
            Ok(Err(e)) => {
                self.state.rollback();
                self.report(Level::Error, format!("{hook} failed: {}", e.describe()));
                Err(Exit::Failure)
            }
            Err(trap) => Err(self.trapped(hook, &trap)),
        }
    }

    /// Commits the step's state; a store that cannot commit ends the incarnation.
    fn commit(&mut self, step: impl std::fmt::Display) -> Result<(), Exit> {
        self.state.commit().map_err(|e| {
            self.report(
                Level::Error,
                format!("{step}: state could not be committed: {e}"),
            );
            Exit::Failure
        })
    }

    fn fail_request(&mut self, request: Option<u64>, error: ActorError) {
        if let Some(id) = request
            && self.awaiting.remove(&id)
        {
            self.node.router.fail(id, error);
        }
    }

    /// A trap ends the instance: its state is rolled back, and the exit is a failure unless
    /// the guest asked for a normal exit.
    fn trapped(&mut self, export: &str, trap: &wasmtime::Error) -> Exit {
        if trap.downcast_ref::<UpgradeRequested>().is_some() {
            return Exit::Upgrade;
        }
        if let Some(exit) = trap.downcast_ref::<ExitRequested>() {
            if exit.failed {
                self.state.rollback();
                return Exit::Failure;
            }
            return match self.commit("exit") {
                Ok(()) => Exit::Normal,
                Err(exit) => exit,
            };
        }
        self.state.rollback();
        self.report(
            Level::Error,
            format!("{export} trapped: {}", describe(trap)),
        );
        Exit::Failure
    }

    /// Takes what the actor's former code had that outlives an instance: its mailbox, the
    /// requests it owes responses to, the capabilities it received and its last blob.
    fn take_over(&mut self, former: &mut ActorCtx) {
        std::mem::swap(&mut self.mailbox, &mut former.mailbox);
        self.awaiting = std::mem::take(&mut former.awaiting);
        self.received = std::mem::take(&mut former.received);
        self.last_blob = former.last_blob.take();
    }

    /// The incarnation is over: requests it accepted but never answered fail.
    fn end_incarnation(&mut self, exit: Exit) {
        self.state.rollback();
        let router = Arc::clone(&self.node.router);
        for id in self.awaiting.drain() {
            router.fail(
                id,
                ActorError::Unavailable(format!("{} exited before responding", self.our)),
            );
        }
        match exit {
            Exit::Failure => self.report(Level::Error, "the actor stopped after a failure".into()),
            Exit::Killed => self.report(Level::Warn, "the actor was killed".into()),
            Exit::Normal | Exit::Upgrade => {}
        }
    }

    /// The actor is gone for good: everyone still waiting on its mailbox hears so.
    fn close_mailbox(&mut self) {
        let router = Arc::clone(&self.node.router);
        for d in self.mailbox.drain() {
            match d {
                Delivery::Request(m) if m.expects_response => router.fail(
                    m.id,
                    ActorError::NotFound(format!("{} exited before reading the request", self.our)),
                ),
                Delivery::Invoke(i) => {
                    let error = InvokeError::Stopped {
                        actor: self.our.to_string(),
                        export: i.export(),
                    };
                    let _ = i.reply.send(Err(error));
                }
                Delivery::Upgrade(u) => {
                    let _ = u.done.send(Err(format!("{} stopped first", self.our)));
                }
                _ => {}
            }
        }
    }

    /// On-exit requests go out one-way, even those that asked for a response.
    fn send_on_exit(&self, requests: Vec<(Address, Payload)>) {
        let router = &self.node.router;
        for (to, payload) in requests {
            if let Err(e) = router.authorize(&self.our, &to) {
                self.report(
                    Level::Warn,
                    format!("on-exit request to {to}: {}", e.describe()),
                );
                continue;
            }
            router.send(
                &to,
                Envelope {
                    id: router.next_id(),
                    source: self.our.clone(),
                    expects_response: false,
                    payload,
                    attachments: Vec::new(),
                },
            );
        }
    }
}

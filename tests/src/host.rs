//! The one test host: a shim running the `probe` test guest, whose host side records what
//! actors send it and log, answers host calls of `kv/demo`, and (for durable tests) has the
//! probe registered as the durable service `probe`. In-process, or as one shim process of its
//! own ([`in_shim_process`]). It runs on a manual clock ([`TestHost::advance`]): nothing waits
//! on real time but CPU deadlines, and a test that waits for something moves time from timer
//! to timer whenever the node is idle.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use guestkit_shim::journal::{Invocation, InvocationRetry, JournalEntry, Status};
use guestkit_shim::{
    Address, Clock, ExitReason, HostMessage, Limits, LogLine, ManualClock, Module, Payload, Shim,
    SpawnOptions,
};
use probe_script::{Script, Then};
use serde_json::Value;

use crate::built_guest;

/// How long a test waits, on real time, for something no timer is left to bring about
/// before it fails.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// How to build a [`TestHost`].
#[derive(Default)]
pub struct TestHostBuilder {
    state: Option<PathBuf>,
    limits: Limits,
    clock: Option<ManualClock>,
    durable: Option<InvocationRetry>,
}

impl TestHostBuilder {
    /// The state database under `state`, which outlives the host (default: a new temporary
    /// directory, removed with the host).
    pub fn state_dir(mut self, state: &Path) -> Self {
        self.state = Some(state.to_owned());
        self
    }

    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Runs the shim on `clock` (default: a manual clock starting at the system's time).
    pub fn clock(mut self, clock: ManualClock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Registers the probe as durable service `probe`, retried under `retry`.
    pub fn durable(mut self, retry: InvocationRetry) -> Self {
        self.durable = Some(retry);
        self
    }

    pub fn build(self) -> TestHost {
        let (state, temporary) = match self.state {
            Some(state) => (state, None),
            None => {
                let temporary = tempfile::tempdir().expect("a temporary state dir");
                (temporary.path().to_owned(), Some(temporary))
            }
        };
        let probe = built_guest("probe");
        let reports = Arc::new(Mutex::new(Vec::new()));
        let effects = Arc::new(Mutex::new(Vec::new()));
        let logs = Arc::new(Mutex::new(Vec::new()));
        let (report_sink, effect_sink, log_sink) = (
            Arc::clone(&reports),
            Arc::clone(&effects),
            Arc::clone(&logs),
        );
        let mut builder = Shim::builder()
            .state_dir(&state)
            .drive(probe.parent().expect("the probe sits in a directory"))
            .limits(self.limits)
            .on_log(move |line| log_sink.lock().unwrap().push(line))
            .on_message(move |m: HostMessage| {
                let report: Value = serde_json::from_slice(&m.payload.body).unwrap_or(Value::Null);
                if m.payload.route.as_deref() == Some("effect") {
                    let run = report["run"].as_str().unwrap_or("?").to_owned();
                    effect_sink.lock().unwrap().push(run);
                }
                report_sink.lock().unwrap().push((m.source, report));
                m.expects_response
                    .then(|| Payload::new("ack", b"from the host".to_vec()))
            })
            .host_call("kv", "demo", |operation, payload| match operation {
                "upper" => Ok(String::from_utf8_lossy(payload).to_uppercase().into_bytes()),
                other => Err(format!("no operation `{other}`")),
            });
        let clock = self.clock.unwrap_or_else(Clock::manual);
        builder = builder.clock(clock.clock());
        if let Some(retry) = self.durable {
            builder = builder.invocation_retry(retry);
        }
        let shim = builder.build().expect("the test shim builds");
        let module = shim.load_file(&probe).expect("the probe loads");
        if self.durable.is_some() {
            shim.register_service("probe", &module)
                .expect("the probe registers as a durable service");
        }
        TestHost {
            shim,
            module,
            reports,
            effects,
            logs,
            clock,
            _state: temporary,
        }
    }
}

/// A shim running the probe, and what its actors sent the host.
pub struct TestHost {
    pub shim: Shim,
    pub module: Module,
    /// Every message actors sent the host, with its body read as JSON.
    pub reports: Arc<Mutex<Vec<(Address, Value)>>>,
    /// The runs whose side effect reached the host (messages on route `effect`), in order.
    pub effects: Arc<Mutex<Vec<String>>>,
    pub logs: Arc<Mutex<Vec<LogLine>>>,
    clock: ManualClock,
    _state: Option<tempfile::TempDir>,
}

impl TestHost {
    pub fn builder() -> TestHostBuilder {
        TestHostBuilder::default()
    }

    /// A host on a new database.
    pub fn new() -> Self {
        Self::builder().build()
    }

    /// A host on a new database, with `limits`.
    pub fn with_limits(limits: Limits) -> Self {
        Self::builder().limits(limits).build()
    }

    /// Workspace guest `package`, compiled by the shim from its component's bytes.
    pub fn load(&self, package: &str) -> Module {
        let bytes = std::fs::read(built_guest(package)).expect("the built guest reads");
        self.shim.load(&bytes).expect("the guest loads")
    }

    /// An actor `name` of workspace guest `package`.
    pub async fn spawn_guest(&self, package: &str, name: &str) -> Address {
        self.shim
            .spawn(&self.load(package), SpawnOptions::new(name))
            .await
            .expect("the guest spawns")
    }

    /// Whether some actor logged a line containing `needle`.
    pub fn logged(&self, needle: &str) -> bool {
        self.logs
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.message.contains(needle))
    }

    /// Moves the manual clock forward by `by` and returns once the node is idle again.
    pub async fn advance(&self, by: Duration) {
        self.clock.advance(by).await;
    }

    /// Returns once the node is idle: every actor waits, and nothing is on its way.
    pub async fn settle(&self) {
        self.clock.settle().await;
    }

    /// How far the manual clock has moved.
    pub fn elapsed(&self) -> Duration {
        self.clock.elapsed()
    }

    /// The clock the shim runs on.
    pub fn clock(&self) -> &Clock {
        self.shim.clock()
    }

    /// A reactive probe that may spawn.
    pub async fn probe(&self, name: &str) -> Address {
        self.spawn(SpawnOptions::new(name)).await
    }

    pub async fn spawn(&self, opts: SpawnOptions) -> Address {
        let spawn = self.shim.kernel_capability("spawn");
        self.shim
            .spawn(&self.module, opts.capability(spawn))
            .await
            .expect("the probe spawns")
    }

    /// A probe that runs `script` in `init`, then does what `then` says.
    pub async fn running(&self, name: &str, script: impl Into<Script>, then: Then) -> Address {
        let args = script.into().then(then).to_bytes();
        self.spawn(SpawnOptions::new(name).args(args)).await
    }

    /// Runs `script` in the probe at `actor` and returns one result per op.
    pub async fn run(&self, actor: &Address, script: impl Into<Script>) -> Vec<Value> {
        let body = script.into().to_bytes();
        let reply = self
            .wait_for(
                "the probe's reply",
                self.shim.call(actor, Payload::new("probe", body), TIMEOUT),
            )
            .await
            .unwrap_or_else(|f| panic!("probe {actor}: {}", f.error.describe()));
        serde_json::from_slice::<Value>(&reply.payload.body)
            .expect("the probe answers JSON")
            .as_array()
            .expect("the probe answers a list of results")
            .clone()
    }

    /// Every report from `actor` so far that `pick` accepts.
    pub fn reports_from(&self, actor: &Address, pick: impl Fn(&Value) -> bool) -> Vec<Value> {
        self.reports
            .lock()
            .unwrap()
            .iter()
            .filter(|(source, r)| source.same_as(actor) && pick(r))
            .map(|(_, r)| r.clone())
            .collect()
    }

    /// The first report from `actor` that `pick` accepts, waiting for it.
    pub async fn report(&self, actor: &Address, pick: impl Fn(&Value) -> bool) -> Value {
        let found = self
            .once(|| self.reports_from(actor, &pick).into_iter().next())
            .await;
        found.unwrap_or_else(|| panic!("no such report from {actor}: {:?}", self.reports))
    }

    /// What `look` finds, looking whenever the node is idle and moving time from timer to
    /// timer while it finds nothing, as [`wait_for`](Self::wait_for) does. `None` when it
    /// is not there once no timer is left.
    async fn once<T>(&self, look: impl Fn() -> Option<T>) -> Option<T> {
        loop {
            self.settle().await;
            if let Some(found) = look() {
                return Some(found);
            }
            self.next_timer().await?;
        }
    }

    /// The results of the script `actor` ran in `init`.
    pub async fn init_results(&self, actor: &Address) -> Vec<Value> {
        let r = self.report(actor, |r| r["hook"] == "init").await;
        r["results"]
            .as_array()
            .expect("init reports results")
            .clone()
    }

    /// Every report from `actor` so far with `hook`.
    pub fn hooks(&self, actor: &Address, hook: &str) -> Vec<Value> {
        self.reports_from(actor, |r| r["hook"] == hook)
    }

    pub async fn stopped(&self, actor: &Address) -> ExitReason {
        let ended = self.shim.stopped(actor);
        self.wait_for(&format!("{actor} to stop"), ended).await
    }

    /// Asks `actor` to stop and says how it ended; `None` when there was nothing to stop.
    pub async fn stop(&self, actor: &Address) -> Option<ExitReason> {
        let ended = self.shim.stopped(actor);
        self.shim.stop(actor).then_some(())?;
        Some(self.wait_for(&format!("{actor} to stop"), ended).await)
    }

    /// Once the node is idle, moves time to the next timer and fires it; `None` when no
    /// timer is left.
    async fn next_timer(&self) -> Option<()> {
        let due = self.clock.next_due().await?;
        self.clock.advance(due).await;
        Some(())
    }

    /// `future`'s output, `what` the test waits for. Time moves from timer to timer whenever
    /// the node is idle and `future` is still waiting, as if the clock ran only while nothing
    /// else happens; once no timer is left, it waits up to [`TIMEOUT`] of real time.
    pub async fn wait_for<F: Future>(&self, what: &str, future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        loop {
            tokio::select! {
                biased;
                out = &mut future => return out,
                stepped = self.next_timer() => if stepped.is_none() { break },
            }
        }
        tokio::time::timeout(TIMEOUT, future)
            .await
            .unwrap_or_else(|_| panic!("waited {TIMEOUT:?} for {what}"))
    }

    /// Starts a durable invocation of the probe on object `key`, running `script`.
    pub fn start(&self, key: Option<&str>, script: impl Into<Script>) -> String {
        let input = script.into().to_bytes();
        self.shim
            .start_invocation("probe", "probe", key, input)
            .expect("the invocation starts")
    }

    /// How durable invocation `id` ended.
    pub async fn outcome(&self, id: &str) -> Status {
        self.wait_for(
            &format!("invocation {id} to end"),
            self.shim.invocation_outcome(id),
        )
        .await
        .expect("the invocation is in the database")
    }

    /// The results of a succeeded invocation's script.
    pub async fn results(&self, id: &str) -> Vec<Value> {
        match self.outcome(id).await {
            Status::Succeeded(body) => {
                serde_json::from_slice::<Vec<Value>>(&body).expect("the probe answers JSON")
            }
            other => panic!("invocation {id} did not succeed: {other:?}"),
        }
    }

    /// The runs whose side effects reached the host so far.
    pub fn effects(&self) -> Vec<String> {
        self.effects.lock().unwrap().clone()
    }

    /// Durable invocation `id`, as the database has it.
    pub fn invocation(&self, id: &str) -> Invocation {
        let all = self.shim.invocations().expect("the invocations read");
        all.into_iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("no invocation {id}"))
    }

    pub fn attempts(&self, id: &str) -> u32 {
        self.invocation(id).attempts
    }

    /// Waits until invocation `id` has journaled `command`, and returns that entry.
    pub async fn journaled(&self, id: &str, command: &str) -> JournalEntry {
        let look = || {
            let journal = self.shim.journal(id).expect("the journal reads");
            journal.into_iter().find(|e| e.command == command)
        };
        let found = self.once(look).await;
        found.unwrap_or_else(|| panic!("invocation {id} never journaled {command}"))
    }

    /// The commands of invocation `id`'s journal, in order.
    pub fn commands(&self, id: &str) -> Vec<String> {
        let journal = self.shim.journal(id).expect("the journal reads");
        journal.into_iter().map(|e| e.command).collect()
    }
}

impl Default for TestHost {
    fn default() -> Self {
        Self::new()
    }
}

/// Runs `body` against the host `builder` makes, in a runtime of its own, as one shim process
/// would: when it returns, every actor is gone and the database is closed.
pub fn in_shim_process<T>(builder: TestHostBuilder, body: impl AsyncFnOnce(&TestHost) -> T) -> T {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime for the shim process");
    let out = runtime.block_on(async {
        let host = builder.build();
        body(&host).await
    });
    runtime.shutdown_timeout(Duration::from_secs(5));
    out
}

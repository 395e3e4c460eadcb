//! The one test host: a shim running the `probe` test guest, whose host side records what
//! actors send it and log, answers host calls of `kv/demo`, and (for durable tests) has the
//! probe registered as the durable service `probe`. In-process, or as one shim process of its
//! own ([`in_shim_process`]). It runs on a manual clock ([`TestHost::advance`]): nothing waits
//! on real time but CPU deadlines, and a test that waits for something moves time from timer
//! to timer whenever the node is idle.
//!
//! With `GUESTKIT_TEST_STORE=postgres` the hosts keep their state in PostgreSQL instead of
//! redb, each state directory in a database of its own on the test server ([`store_at`]):
//! `over_postgres.rs` runs the durable, host and crash tests so.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

use guestkit_shim::journal::{Invocation, InvocationRetry, JournalEntry, Status};
use guestkit_shim::storage::{Lease, PostgresStore, RedbStore, StateStore};
use guestkit_shim::{
    Address, Clock, ExitReason, HostMessage, Limits, LogLine, ManualClock, Module, Payload,
    ProcessId, Shim, SpawnOptions,
};
use probe_script::{Answers, Effect, Report, Script, Then};
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
    node: Option<String>,
    shared: Option<String>,
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

    /// Keeps state in the PostgreSQL database `url`, joined as the builder's node with a
    /// lease of 600 ms, beside other nodes on it.
    pub fn shared_store(mut self, url: &str) -> Self {
        self.shared = Some(url.to_owned());
        self
    }

    /// The shim's node name (default `local`).
    pub fn node(mut self, node: &str) -> Self {
        self.node = Some(node.to_owned());
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
        let heard = Arc::new(Mutex::new(Heard::default()));
        let logs = Arc::new(Mutex::new(Vec::new()));
        let (sink, log_sink) = (Arc::clone(&heard), Arc::clone(&logs));
        let mut builder = Shim::builder();
        if let Some(url) = &self.shared {
            let node = self.node.as_deref().unwrap_or("local");
            let lease = Lease::new(node, Duration::from_millis(600));
            let store = PostgresStore::connect_as(url, lease).expect("the database opens");
            builder = builder.state_store(Arc::new(store));
        } else if let Some(url) = postgres_for(&state) {
            let store = PostgresStore::connect(&url).expect("the test database opens");
            builder = builder.state_store(Arc::new(store));
        }
        builder = builder
            .state_dir(&state)
            .drive(probe.parent().expect("the probe sits in a directory"))
            .limits(self.limits)
            .on_log(move |line| log_sink.lock().unwrap().push(line))
            .on_message(move |m: HostMessage| {
                let answer = m
                    .expects_response
                    .then(|| Payload::new("ack", b"from the host".to_vec()));
                sink.lock().unwrap().hear(m);
                answer
            })
            .host_call("kv", "demo", |operation, payload| match operation {
                "upper" => Ok(String::from_utf8_lossy(payload).to_uppercase().into_bytes()),
                other => Err(format!("no operation `{other}`")),
            });
        let clock = self.clock.unwrap_or_else(Clock::manual);
        builder = builder.clock(clock.clock());
        if let Some(node) = &self.node {
            builder = builder.node(node);
        }
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
            heard,
            logs,
            clock,
            _state: temporary,
        }
    }
}

/// What actors sent the host, by kind.
#[derive(Debug, Default)]
struct Heard {
    /// The probes' reports (route `report`).
    reports: Vec<(Address, Report)>,
    /// The runs whose side effect reached the host (route `effect`), in order.
    effects: Vec<Effect>,
    /// Every other message, with its body read as JSON (`null` when it is not JSON).
    messages: Vec<(Address, Value)>,
}

impl Heard {
    fn hear(&mut self, m: HostMessage) {
        let body = &m.payload.body;
        match m.payload.route.as_deref() {
            Some("report") => {
                let report = read(&m, "a report", body);
                self.reports.push((m.source, report));
            }
            Some("effect") => self.effects.push(read(&m, "an effect", body)),
            _ => {
                let body = serde_json::from_slice(body).unwrap_or(Value::Null);
                self.messages.push((m.source, body));
            }
        }
    }
}

/// What `actor` sent of `heard`, that `pick` accepts, in order.
fn sent_by<T: Clone>(heard: &[(Address, T)], actor: &Address, pick: impl Fn(&T) -> bool) -> Vec<T> {
    let from = heard.iter().filter(|(source, _)| source.same_as(actor));
    from.map(|(_, m)| m).filter(|m| pick(m)).cloned().collect()
}

/// `body`, a message of the probe's language; a test fails when the probe sent one it cannot
/// read.
fn read<T: serde::de::DeserializeOwned>(m: &HostMessage, what: &str, body: &[u8]) -> T {
    serde_json::from_slice(body).unwrap_or_else(|e| {
        let text = String::from_utf8_lossy(body);
        panic!(
            "{} sent the host {what} that does not read ({e}): {text}",
            m.source
        )
    })
}

/// A shim running the probe, and what its actors sent the host.
pub struct TestHost {
    pub shim: Shim,
    pub module: Module,
    heard: Arc<Mutex<Heard>>,
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

    /// Whether an actor logs a line containing `needle`: looked for once the node is idle,
    /// and from timer to timer, as [`wait_for`](Self::wait_for) moves time. For a line logged
    /// after what the test waited for (a reply) was sent.
    pub async fn logs(&self, needle: &str) -> bool {
        self.once(|| self.logged(needle).then_some(()))
            .await
            .is_some()
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

    /// A probe that runs `script` in `init`, then does what `then` says; once it is gone for
    /// good, its address and how it ended. Unlike [`running`](Self::running) followed by
    /// [`stopped`](Self::stopped), it cannot miss an actor that ends at once (its `init` runs
    /// on a worker thread as soon as it is spawned).
    pub async fn ended(
        &self,
        name: &str,
        script: impl Into<Script>,
        then: Then,
    ) -> (Address, ExitReason) {
        let args = script.into().then(then).to_bytes();
        let opts = SpawnOptions::new(name).args(args);
        let node = self.shim.host_address().node;
        let address = Address::new(
            &node,
            ProcessId {
                process_name: opts.name.clone(),
                package_name: opts.package.clone(),
                publisher_node: node.clone(),
            },
        );
        let spawn = self.shim.kernel_capability("spawn");
        let ran = self.shim.run(&self.module, opts.capability(spawn));
        let ended = self.wait_for(&format!("{name} to end"), ran).await;
        (address, ended.expect("the probe spawns"))
    }

    /// Runs `script` in the probe at `actor` and returns its answers, one per op.
    pub async fn run(&self, actor: &Address, script: impl Into<Script>) -> Answers {
        let body = script.into().to_bytes();
        let reply = self
            .wait_for(
                "the probe's reply",
                self.shim.call(actor, Payload::new("probe", body), TIMEOUT),
            )
            .await
            .unwrap_or_else(|f| panic!("probe {actor}: {}", f.error.describe()));
        Answers::from_bytes(&reply.payload.body).unwrap_or_else(|e| panic!("probe {actor}: {e}"))
    }

    /// [`run`](Self::run), with time standing still: for a script whose answers come from
    /// elsewhere (another node), which an idle node must not time out.
    pub async fn run_still(&self, actor: &Address, script: impl Into<Script>) -> Answers {
        let body = script.into().to_bytes();
        let call = self.shim.call(actor, Payload::new("probe", body), TIMEOUT);
        let Ok(answered) = tokio::time::timeout(TIMEOUT, call).await else {
            panic!("waited {TIMEOUT:?} for probe {actor}");
        };
        let reply = answered.unwrap_or_else(|f| panic!("probe {actor}: {}", f.error.describe()));
        Answers::from_bytes(&reply.payload.body).unwrap_or_else(|e| panic!("probe {actor}: {e}"))
    }

    /// Every report from `actor` so far that `pick` accepts.
    pub fn reports_from(&self, actor: &Address, pick: impl Fn(&Report) -> bool) -> Vec<Report> {
        sent_by(&self.heard.lock().unwrap().reports, actor, pick)
    }

    /// The first report from `actor` that `pick` accepts, waiting for it.
    pub async fn report(&self, actor: &Address, pick: impl Fn(&Report) -> bool) -> Report {
        let found = self
            .once(|| self.reports_from(actor, &pick).into_iter().next())
            .await;
        found.unwrap_or_else(|| panic!("no such report from {actor}: {:?}", self.heard))
    }

    /// Every message other than a report or an effect that `actor` sent the host so far,
    /// with its body read as JSON, that `pick` accepts.
    pub fn messages_from(&self, actor: &Address, pick: impl Fn(&Value) -> bool) -> Vec<Value> {
        sent_by(&self.heard.lock().unwrap().messages, actor, pick)
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

    /// The answers to the script `actor` ran in `init`, waiting for them.
    pub async fn init_results(&self, actor: &Address) -> Answers {
        let found = self.once(|| self.inits(actor).into_iter().next()).await;
        found.unwrap_or_else(|| panic!("{actor} never reported its init: {:?}", self.heard))
    }

    /// [`init_results`](Self::init_results), with time standing still: for a script that
    /// waits for another node, which an idle node must not time out. Looks every 10 ms of
    /// real time, up to [`TIMEOUT`].
    pub async fn init_results_still(&self, actor: &Address) -> Answers {
        let look = async {
            loop {
                if let Some(found) = self.inits(actor).into_iter().next() {
                    return found;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        };
        let found = tokio::time::timeout(TIMEOUT, look).await;
        found.unwrap_or_else(|_| panic!("{actor} never reported its init: {:?}", self.heard))
    }

    /// The answers of every `init` of `actor` that ran a script so far, one per start.
    pub fn inits(&self, actor: &Address) -> Vec<Answers> {
        let heard = self.heard.lock().unwrap();
        let inits = heard.reports.iter().filter_map(|(source, r)| match r {
            Report::Init { results } if source.same_as(actor) => Some(results.clone()),
            _ => None,
        });
        inits.collect()
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
            let due = tokio::select! {
                biased;
                out = &mut future => return out,
                due = self.clock.next_due() => due,
            };
            // What made the node idle may have been the very reply awaited here, sent
            // between the two polls above: it is ready now, and time must not move past it.
            let ready = std::future::poll_fn(|cx| Poll::Ready(future.as_mut().poll(cx))).await;
            if let Poll::Ready(out) = ready {
                return out;
            }
            let Some(due) = due else { break };
            self.clock.advance(due).await;
        }
        tokio::time::timeout(TIMEOUT, future)
            .await
            .unwrap_or_else(|_| panic!("waited {TIMEOUT:?} for {what}"))
    }

    /// Starts a durable invocation of the probe on object `key`, running `script`.
    pub fn start(&self, key: Option<&str>, script: impl Into<Script>) -> String {
        self.start_handler("probe", key, script)
    }

    /// Starts a durable invocation of the probe's shared handler on object `key`, running
    /// `script`: it runs beside the exclusive invocation on the key and only reads state.
    pub fn start_shared(&self, key: &str, script: impl Into<Script>) -> String {
        self.start_handler("probe-shared", Some(key), script)
    }

    fn start_handler(&self, handler: &str, key: Option<&str>, script: impl Into<Script>) -> String {
        let input = script.into().to_bytes();
        self.shim
            .start_invocation("probe", handler, key, input)
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

    /// The answers to a succeeded invocation's script.
    pub async fn results(&self, id: &str) -> Answers {
        match self.outcome(id).await {
            Status::Succeeded(body) => {
                Answers::from_bytes(&body).unwrap_or_else(|e| panic!("invocation {id}: {e}"))
            }
            other => panic!("invocation {id} did not succeed: {other:?}"),
        }
    }

    /// The runs whose side effects reached the host so far, in order.
    pub fn effects(&self) -> Vec<String> {
        let heard = self.heard.lock().unwrap();
        heard.effects.iter().map(|e| e.run.clone()).collect()
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

    /// The id of the awakeable invocation `id` made, once it has journaled it.
    pub async fn awakeable_of(&self, id: &str) -> String {
        let entry = self.journaled(id, "durable.awakeable").await;
        entry.result.get().expect("an awakeable's id")
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

/// The PostgreSQL database of the state directory `state`, made on first use, when the host
/// tests run on PostgreSQL (`GUESTKIT_TEST_STORE=postgres`).
pub fn postgres_for(state: &Path) -> Option<String> {
    if std::env::var("GUESTKIT_TEST_STORE").as_deref() != Ok("postgres") {
        return None;
    }
    let file = state.join("postgres-url");
    if let Ok(url) = std::fs::read_to_string(&file) {
        return Some(url);
    }
    let url = crate::servers::postgres_database("the host tests on PostgreSQL")
        .expect("GUESTKIT_TEST_STORE=postgres needs the test PostgreSQL server");
    std::fs::create_dir_all(state).expect("the state directory");
    std::fs::write(&file, &url).expect("the state directory's database is noted");
    Some(url)
}

/// The store of the state directory `state`, opened to look at or plant what a test needs
/// while no shim runs on it: its redb database, or its PostgreSQL database (opened beside
/// any shim, not holding it).
pub fn store_at(state: &Path) -> Box<dyn StateStore> {
    if let Some(url) = postgres_for(state) {
        return Box::new(PostgresStore::connect_to_read(&url).expect("the test database"));
    }
    // A child process another test forks holds the database's lock from its fork to its
    // exec, a moment: ask again for a while.
    let path = state.join("state.redb");
    let mut tries = 0;
    loop {
        match RedbStore::open(&path) {
            Ok(store) => return Box::new(store),
            Err(e) if tries < 100 && e.to_string().contains("in use") => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!("the state database {}: {e}", path.display()),
        }
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

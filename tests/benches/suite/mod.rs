//! The benchmark suite: each path of the shim measured next to its physical floor in the same
//! run, and the ratio between them. Full runs go with `cargo bench -p guestkit-tests`; a quick
//! run (small counts, seconds) keeps it from rotting as part of the tests.

pub mod allocations;
mod cluster;
mod durable;
mod expansion;
mod scale;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use guestkit_shim::{Address, Module, Payload, Shim, SpawnOptions};
use guestkit_tests::{built_guest, guest_target_dir, workspace_root};
use tokio::sync::{mpsc, oneshot};
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Engine, Store};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

/// How long to measure (`quick` for the smoke run in the tests), and which benchmarks:
/// `only` picks those whose name holds it (`host-call`, `round-trip`, `throughput`, `spawn`,
/// `idle`, `build`, `expansion`, `size`, `durable`, `durable-postgres` (with a test PostgreSQL
/// server: `GUESTKIT_TEST_POSTGRES`), `cluster` (with a test NATS server:
/// `GUESTKIT_TEST_NATS`), `scale`).
#[derive(Clone, Default)]
pub struct Scale {
    pub quick: bool,
    pub only: Option<String>,
}

impl Scale {
    /// Whether the benchmark called `name` is to run.
    fn wants(&self, name: &str) -> bool {
        self.only.as_deref().is_none_or(|only| name.contains(only))
    }

    fn pick(&self, quick: u32, full: u32) -> u32 {
        if self.quick { quick } else { full }
    }

    /// The cargo profile guests are built with: release for full runs, as users ship them.
    fn profile(&self) -> &'static str {
        if self.quick { "debug" } else { "release" }
    }
}

/// The guest `package` built by `cargo guest build` in the scale's profile.
fn guest(scale: &Scale, package: &str) -> PathBuf {
    if scale.quick {
        return built_guest(package);
    }
    let out = guest_target_dir().join("bench-release");
    let manifest = workspace_root().join("Cargo.toml");
    guestkit_tests::success(guestkit_tests::cli(
        &[
            "build",
            "--release",
            "-p",
            package,
            "--out-dir",
            out.to_str().unwrap(),
            "--manifest-path",
            manifest.to_str().unwrap(),
        ],
        &workspace_root(),
    ));
    out.join(format!("{package}.wasm"))
}

/// One measured figure.
#[derive(Clone, Copy, Debug)]
pub enum Figure {
    Time(Duration),
    PerSecond(f64),
    Bytes(u64),
    /// How many of something, per operation.
    Count(f64),
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Figure::Time(t) if t < Duration::from_micros(10) => {
                write!(f, "{:.0} ns", t.as_secs_f64() * 1e9)
            }
            Figure::Time(t) if t < Duration::from_millis(10) => {
                write!(f, "{:.1} µs", t.as_secs_f64() * 1e6)
            }
            Figure::Time(t) => write!(f, "{:.1} ms", t.as_secs_f64() * 1e3),
            Figure::PerSecond(r) => write!(f, "{r:.0}/s"),
            Figure::Bytes(b) if b < 1 << 20 => write!(f, "{:.1} KiB", b as f64 / 1024.0),
            Figure::Bytes(b) => write!(f, "{:.1} MiB", b as f64 / (1 << 20) as f64),
            Figure::Count(n) => write!(f, "{n:.1}"),
        }
    }
}

/// One line of the report: our figure, the floor's, and how many times the floor ours is.
pub struct Row {
    pub path: String,
    pub ours: Figure,
    pub floor: Option<Figure>,
    pub target: &'static str,
}

impl Row {
    /// Ours over the floor, so that 1.0 is as fast as it gets and more is slower.
    pub fn ratio(&self) -> Option<f64> {
        match (self.ours, self.floor?) {
            (Figure::Time(a), Figure::Time(b)) => Some(a.as_secs_f64() / b.as_secs_f64()),
            (Figure::PerSecond(a), Figure::PerSecond(b)) => Some(b / a),
            (Figure::Bytes(a), Figure::Bytes(b)) => Some(a as f64 / b as f64),
            (Figure::Count(a), Figure::Count(b)) => Some(a / b),
            _ => None,
        }
    }
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let floor = self.floor.map_or("-".to_owned(), |x| x.to_string());
        let ratio = self.ratio().map_or("-".to_owned(), |r| format!("{r:.2}x"));
        write!(
            f,
            "{:<44} {:>12} {:>12} {:>8}   {}",
            self.path,
            self.ours.to_string(),
            floor,
            ratio,
            self.target
        )
    }
}

pub fn header() -> String {
    format!(
        "{:<44} {:>12} {:>12} {:>8}   target",
        "path", "guestkit", "floor", "ratio"
    )
}

/// Runs every benchmark, printing each row as it is measured.
pub async fn run(scale: &Scale) -> Vec<Row> {
    println!("{}", header());
    let mut rows = Vec::new();
    let mut emit = |row: Row| {
        println!("{row}");
        rows.push(row);
    };
    let bench = Bench::new(scale);
    let wanted = |name: &str| scale.wants(name);
    if wanted("host-call") {
        emit(bench.host_call(scale).await);
    }
    if wanted("round-trip") {
        bench
            .round_trip(scale)
            .await
            .into_iter()
            .for_each(&mut emit);
    }
    if wanted("throughput") {
        for pairs in [1, 2, 100] {
            emit(bench.throughput(scale, pairs).await);
        }
    }
    if wanted("spawn") {
        emit(bench.spawn(scale).await);
    }
    if wanted("idle") {
        emit(bench.idle_memory(scale).await);
    }
    if !scale.quick && wanted("build") {
        emit(build_overhead());
    }
    if wanted("expansion") {
        emit(expansion::wit(scale));
        emit(expansion::proto(scale));
    }
    if !scale.quick && wanted("size") {
        emit(template_size());
    }
    if wanted("durable") {
        let (step, fsync) = durable::step(scale).await;
        emit(step);
        emit(durable::concurrent(scale, fsync).await);
    }
    if wanted("durable-postgres")
        && let Some(url) = guestkit_tests::servers::postgres_database("the PostgreSQL bench")
    {
        emit(durable::concurrent_on_postgres(scale, &url).await);
        for nodes in 1..=3 {
            let url = guestkit_tests::servers::postgres_database("the nodes bench").unwrap();
            emit(durable::nodes_on_postgres(scale, &url, nodes).await);
        }
    }
    if wanted("cluster")
        && let Some(url) = guestkit_tests::servers::nats("the cross-node bench")
    {
        emit(cluster::round_trip(scale, &url).await);
    }
    if wanted("scale") {
        scale::pairs(scale).await.into_iter().for_each(&mut emit);
        scale::actors(scale).await.into_iter().for_each(&mut emit);
    }
    rows
}

/// A shim with the bench guest loaded, and the floor's engine beside it.
struct Bench {
    shim: Shim,
    module: Module,
    /// The bench guest's component file.
    path: PathBuf,
    scale: Scale,
    _state: tempfile::TempDir,
    names: std::sync::atomic::AtomicU32,
}

impl Bench {
    fn new(scale: &Scale) -> Self {
        Self::with_limits(scale, limits(scale))
    }

    /// A bench on a shim held to `limits`.
    fn with_limits(scale: &Scale, limits: guestkit_shim::Limits) -> Self {
        let state = tempfile::tempdir().unwrap();
        let shim = Shim::builder()
            .state_dir(state.path())
            .limits(limits)
            .on_log(|_| {})
            .build()
            .unwrap();
        let path = guest(scale, "bench");
        let module = shim.load_file(&path).unwrap();
        Self {
            shim,
            module,
            path,
            scale: scale.clone(),
            _state: state,
            names: Default::default(),
        }
    }

    async fn actor(&self) -> Address {
        let n = self
            .names
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.shim
            .spawn(&self.module, SpawnOptions::new(format!("bench-{n}")))
            .await
            .unwrap()
    }

    async fn call(&self, to: &Address, route: &str, body: String) {
        self.shim
            .call(
                to,
                Payload::new(route, body.into_bytes()),
                Duration::from_secs(600),
            )
            .await
            .unwrap_or_else(|f| panic!("{route}: {}", f.error.describe()));
    }

    async fn host_call(&self, scale: &Scale) -> Row {
        let n = scale.pick(2_000, 200_000);
        let actor = self.actor().await;
        self.call(&actor, "state-get", "10".into()).await;
        let started = Instant::now();
        self.call(&actor, "state-get", n.to_string()).await;
        let ours = started.elapsed() / n;
        Row {
            path: "guest→host call (state.get, hit)".into(),
            ours: Figure::Time(ours),
            floor: Some(Figure::Time(floor_host_call(&self.scale, n).await)),
            target: "≤ 1.5x",
        }
    }

    /// The round trip, beside both its floors (two tokio tasks, and two raw wasmtime
    /// instances), and the heap allocations it makes beside the raw wasmtime floor's.
    async fn round_trip(&self, scale: &Scale) -> [Row; 3] {
        let n = scale.pick(500, 50_000);
        let (a, b) = (self.actor().await, self.actor().await);
        self.call(&a, "drive", format!("10 {b}")).await;
        let started = Instant::now();
        self.call(&a, "drive", format!("{n} {b}")).await;
        let ours = Figure::Time(started.elapsed() / n);
        let counted = n / 10;
        let drive = self.call(&a, "drive", format!("{counted} {b}"));
        let ((), allocations) = allocations::counted(drive).await;
        let raw = floor_raw_round_trip(scale, n).await;
        [
            Row {
                path: "actor round trip (call), tokio floor".into(),
                ours,
                floor: Some(Figure::Time(floor_round_trip(n).await)),
                target: "-",
            },
            Row {
                path: "actor round trip (call), raw wasmtime".into(),
                ours,
                floor: Some(Figure::Time(raw.time)),
                target: "≤ 3x",
            },
            Row {
                path: "allocations per round trip, raw wasmtime".into(),
                ours: Figure::Count(allocations as f64 / f64::from(counted)),
                floor: Some(Figure::Count(raw.allocations)),
                target: "-",
            },
        ]
    }

    async fn throughput(&self, scale: &Scale, pairs: u32) -> Row {
        let total = scale.pick(1_000, 200_000);
        let each = (total / pairs).max(1);
        let rate = self.round_trips_per_second(pairs, each).await;
        Row {
            path: format!("round trips/s, {pairs} pair(s)"),
            ours: Figure::PerSecond(rate),
            floor: Some(Figure::PerSecond(floor_throughput(each, pairs).await)),
            target: match pairs {
                1 => "≥ 150k/s",
                100 => "≥ 250k/s",
                _ => "-",
            },
        }
    }

    /// Round trips per second of `pairs` new pairs of actors, each making `each` round trips
    /// at once with the others.
    async fn round_trips_per_second(&self, pairs: u32, each: u32) -> f64 {
        let mut drivers = Vec::new();
        for _ in 0..pairs {
            let (a, b) = (self.actor().await, self.actor().await);
            self.call(&a, "drive", format!("1 {b}")).await;
            drivers.push((a, b));
        }
        let started = Instant::now();
        let mut runs = tokio::task::JoinSet::new();
        for (a, b) in drivers {
            let shim = self.shim.clone();
            let body = format!("{each} {b}").into_bytes();
            runs.spawn(async move {
                let drive = Payload::new("drive", body);
                shim.call(&a, drive, Duration::from_secs(600)).await.is_ok()
            });
        }
        assert!(
            runs.join_all().await.into_iter().all(|ok| ok),
            "a drive failed"
        );
        f64::from(each * pairs) / started.elapsed().as_secs_f64()
    }

    async fn spawn(&self, scale: &Scale) -> Row {
        let n = scale.pick(20, 1_000);
        self.actor().await;
        let started = Instant::now();
        for _ in 0..n {
            self.actor().await;
        }
        let ours = started.elapsed() / n;
        let floor = floor_instantiate(&self.scale, &self.path, n).await;
        Row {
            path: "spawn (instantiate and register)".into(),
            ours: Figure::Time(ours),
            floor: Some(Figure::Time(floor)),
            target: "≤ 1.2x",
        }
    }

    async fn idle_memory(&self, scale: &Scale) -> Row {
        let n = scale.pick(100, 10_000);
        let before = rss();
        for _ in 0..n {
            self.actor().await;
        }
        let per_actor = rss().saturating_sub(before) / u64::from(n);
        Row {
            path: format!("RSS of 10k idle actors (from {n})"),
            ours: Figure::Bytes(per_actor * 10_000),
            floor: None,
            target: "≤ 256 MiB",
        }
    }
}

/// The shim's limits: a full run makes room for ten thousand idle actors beside the others it
/// spawns, which takes about four memory mappings each (`vm.max_map_count`).
fn limits(scale: &Scale) -> guestkit_shim::Limits {
    if scale.quick || !scale.wants("idle") {
        return guestkit_shim::Limits::default();
    }
    let mappings = std::fs::read_to_string("/proc/sys/vm/max_map_count")
        .ok()
        .and_then(|m| m.trim().parse::<u64>().ok());
    if let Some(m) = mappings.filter(|m| *m < 200_000) {
        panic!(
            "vm.max_map_count is {m}: ten thousand actors need about 200000 mappings; \
             raise it with `sudo sysctl -w vm.max_map_count=262144`"
        );
    }
    guestkit_shim::Limits {
        max_actors: 16_384,
        ..Default::default()
    }
}

/// Resident memory of this process.
fn rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// What the floor's store holds: WASI, as every wasip2 component imports it.
struct Plain {
    wasi: WasiCtx,
    table: ResourceTable,
}

impl WasiView for Plain {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

fn plain_store(engine: &Engine) -> Store<Plain> {
    let mut store = Store::new(
        engine,
        Plain {
            wasi: WasiCtx::builder().build(),
            table: ResourceTable::new(),
        },
    );
    store.set_fuel(u64::MAX).unwrap();
    store.set_epoch_deadline(u64::MAX);
    store
}

/// The floor component: one import with `state.get`'s signature, built with plain cargo.
fn floor_component(scale: &Scale) -> PathBuf {
    let mut build = Command::new(env!("CARGO"));
    build.args([
        "build",
        "--quiet",
        "-p",
        "floor",
        "--target",
        "wasm32-wasip2",
    ]);
    if !scale.quick {
        build.arg("--release");
    }
    let status = build
        .arg("--manifest-path")
        .arg(workspace_root().join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", guest_target_dir())
        .status()
        .unwrap();
    assert!(status.success(), "building the floor component failed");
    guest_target_dir()
        .join("wasm32-wasip2")
        .join(scale.profile())
        .join("floor.wasm")
}

/// The floor component's linker: WASI, `get` answering a 16-byte value (bound
/// synchronously, as the shim binds `state.get`), and `call` as `call` says (a request in,
/// its answer out; async, as a blocking `messaging.call` must be).
fn floor_linker<F>(engine: &Engine, call: F) -> Linker<Plain>
where
    F: Fn(Vec<u8>) -> oneshot::Receiver<Vec<u8>> + Send + Sync + 'static,
{
    let mut linker = Linker::<Plain>::new(engine);
    wasmtime_wasi::p2::add_to_linker_async(&mut linker).unwrap();
    let value = vec![7u8; 16];
    let mut root = linker.root();
    root.func_wrap("get", move |_, (_key,): (String,)| {
        Ok((Some(value.clone()),))
    })
    .unwrap();
    root.func_wrap_async("call", move |_, (request,): (Vec<u8>,)| {
        let answer = call(request);
        Box::new(async move { Ok((answer.await?,)) })
    })
    .unwrap();
    linker
}

/// A `call` that answers at once with the request.
fn echo(request: Vec<u8>) -> oneshot::Receiver<Vec<u8>> {
    let (tx, rx) = oneshot::channel();
    let _ = tx.send(request);
    rx
}

/// The floor component, on an engine with the shim's configuration.
fn floor_engine(scale: &Scale) -> (Engine, Component) {
    let engine = Engine::new(&guestkit_shim::engine::config(&limits(scale))).unwrap();
    let component = Component::from_file(&engine, floor_component(scale)).unwrap();
    (engine, component)
}

/// An instance of the floor component in a store of its own, its `call` import answered by
/// `call`.
async fn floor_instance<F>(
    engine: &Engine,
    component: &Component,
    call: F,
) -> (Store<Plain>, wasmtime::component::Instance)
where
    F: Fn(Vec<u8>) -> oneshot::Receiver<Vec<u8>> + Send + Sync + 'static,
{
    let linker = floor_linker(engine, call);
    let mut store = plain_store(engine);
    let instance = linker
        .instantiate_async(&mut store, component)
        .await
        .unwrap();
    (store, instance)
}

async fn floor_host_call(scale: &Scale, n: u32) -> Duration {
    let (engine, component) = floor_engine(scale);
    let (mut store, instance) = floor_instance(&engine, &component, echo).await;
    let run = instance
        .get_typed_func::<(u32,), (u32,)>(&mut store, "run")
        .unwrap();
    run.call_async(&mut store, (10,)).await.unwrap();
    let started = Instant::now();
    run.call_async(&mut store, (n,)).await.unwrap();
    started.elapsed() / n
}

/// A round trip's cost in raw wasmtime.
struct RawRoundTrip {
    time: Duration,
    allocations: f64,
}

/// What a round trip between two actors costs in raw wasmtime: two instances of the floor
/// component on the shim's engine configuration, each in its own store on its own task. A's
/// `call` import (async, as a blocking `messaging.call` must be) sends the request, the same
/// byte the bench actors send, over a channel to B's task, which calls B's `handle` export
/// with `call_async` and sends the answer back.
async fn floor_raw_round_trip(scale: &Scale, n: u32) -> RawRoundTrip {
    let (engine, component) = floor_engine(scale);
    let (to_b, mut requests) = mpsc::unbounded_channel::<(Vec<u8>, oneshot::Sender<Vec<u8>>)>();
    let b = {
        let (engine, component) = (engine.clone(), component.clone());
        tokio::spawn(async move {
            let (mut store, instance) = floor_instance(&engine, &component, echo).await;
            let handle = instance
                .get_typed_func::<(Vec<u8>,), (Vec<u8>,)>(&mut store, "handle")
                .unwrap();
            while let Some((request, reply)) = requests.recv().await {
                let (answer,) = handle.call_async(&mut store, (request,)).await.unwrap();
                let _ = reply.send(answer);
            }
        })
    };
    let a = tokio::spawn(async move {
        let to_b = move |request| {
            let (reply, answer) = oneshot::channel();
            to_b.send((request, reply)).unwrap();
            answer
        };
        let (mut store, instance) = floor_instance(&engine, &component, to_b).await;
        let drive = instance
            .get_typed_func::<(u32, Vec<u8>), (u32,)>(&mut store, "drive")
            .unwrap();
        drive
            .call_async(&mut store, (10, b"x".to_vec()))
            .await
            .unwrap();
        let started = Instant::now();
        drive
            .call_async(&mut store, (n, b"x".to_vec()))
            .await
            .unwrap();
        let time = started.elapsed() / n;
        let counted = n / 10;
        let run = drive.call_async(&mut store, (counted, b"x".to_vec()));
        let (ran, allocations) = allocations::counted(run).await;
        ran.unwrap();
        RawRoundTrip {
            time,
            allocations: allocations as f64 / f64::from(counted),
        }
    });
    let round_trip = a.await.unwrap();
    b.await.unwrap();
    round_trip
}

/// One request and its answer between two tokio tasks of the runtime, where actors run too.
async fn floor_round_trip(n: u32) -> Duration {
    tokio::spawn(async move {
        let (tx, handle) = echo_task();
        let started = Instant::now();
        ping_pong(&tx, n).await;
        let elapsed = started.elapsed();
        drop(tx);
        handle.await.unwrap();
        elapsed / n
    })
    .await
    .unwrap()
}

type Ping = (u32, oneshot::Sender<u32>);

fn echo_task() -> (mpsc::UnboundedSender<Ping>, tokio::task::JoinHandle<()>) {
    let (tx, mut rx) = mpsc::unbounded_channel::<Ping>();
    let handle = tokio::spawn(async move {
        while let Some((x, reply)) = rx.recv().await {
            let _ = reply.send(x);
        }
    });
    (tx, handle)
}

async fn ping_pong(tx: &mpsc::UnboundedSender<Ping>, n: u32) {
    for i in 0..n {
        let (reply, answer) = oneshot::channel();
        tx.send((i, reply)).unwrap();
        answer.await.unwrap();
    }
}

async fn floor_throughput(each: u32, pairs: u32) -> f64 {
    let started = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..pairs {
        set.spawn(async move {
            let (tx, handle) = echo_task();
            ping_pong(&tx, each).await;
            drop(tx);
            handle.await.unwrap();
        });
    }
    set.join_all().await;
    f64::from(each * pairs) / started.elapsed().as_secs_f64()
}

/// A raw `InstancePre::instantiate` of the bench guest on the shim's engine configuration,
/// with WASI and its guestkit imports as stubs.
async fn floor_instantiate(scale: &Scale, path: &Path, n: u32) -> Duration {
    let engine = Engine::new(&guestkit_shim::engine::config(&limits(scale))).unwrap();
    let component = Component::from_file(&engine, path).unwrap();
    let mut linker = Linker::<Plain>::new(&engine);
    wasmtime_wasi::p2::add_to_linker_async(&mut linker).unwrap();
    linker.define_unknown_imports_as_traps(&component).unwrap();
    let pre = linker.instantiate_pre(&component).unwrap();
    let mut keep = Vec::new();
    let mut store = plain_store(&engine);
    pre.instantiate_async(&mut store).await.unwrap();
    let started = Instant::now();
    for _ in 0..n {
        let mut store = plain_store(&engine);
        let instance = pre.instantiate_async(&mut store).await.unwrap();
        keep.push((store, instance));
    }
    started.elapsed() / n
}

/// `cargo guest build` of an already-built guest against plain `cargo build` of it.
fn build_overhead() -> Row {
    let manifest = workspace_root().join("Cargo.toml");
    let time = |program: &Path, args: &[&str]| {
        let started = Instant::now();
        let status = Command::new(program)
            .args(args)
            .arg("--manifest-path")
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", guest_target_dir())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{args:?}");
        started.elapsed()
    };
    let cargo = PathBuf::from(env!("CARGO"));
    let guest = guestkit_tests::cargo_guest();
    built_guest("counter");
    let best = |f: &dyn Fn() -> Duration| (0..10).map(|_| f()).min().unwrap();
    let ours = best(&|| time(guest, &["guest", "build", "-p", "counter"]));
    let floor = best(&|| {
        time(
            &cargo,
            &["build", "-p", "counter", "--target", "wasm32-wasip2"],
        )
    });
    Row {
        path: "cargo guest build, already built".into(),
        ours: Figure::Time(ours),
        floor: Some(Figure::Time(floor)),
        target: "≤ 1.05x",
    }
}

/// The component `cargo guest new` scaffolds, built with `--release`, against what rustc wrote
/// for it: the difference is the contract guestkit embeds.
fn template_size() -> Row {
    let tmp = tempfile::tempdir().unwrap();
    guestkit_tests::success(guestkit_tests::cli(&["new", "hello"], tmp.path()));
    guestkit_tests::success(guestkit_tests::cli(
        &["build", "--release"],
        &tmp.path().join("hello"),
    ));
    let size = |path: PathBuf| std::fs::metadata(&path).unwrap().len();
    let target = guest_target_dir();
    Row {
        path: "hello template component (release)".into(),
        ours: Figure::Bytes(size(target.join("guest/hello.wasm"))),
        floor: Some(Figure::Bytes(size(
            target.join("wasm32-wasip2/release/hello.wasm"),
        ))),
        target: "-",
    }
}

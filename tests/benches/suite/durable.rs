//! Durable steps: a `durable::run` (in the bench guest) whose result is journaled before
//! `run-end` returns, against the physical floor of writing the same bytes to a file and
//! fsyncing it; and steps per second with many workflows at once, where group commit shares
//! one fsync among many steps. Over PostgreSQL, the same many workflows against one
//! single-row `INSERT` (a transaction, committed) per step on the same server.

use std::io::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use guestkit_shim::journal::{JournalEntry, Status};
use guestkit_shim::storage::{Lease, PostgresStore};
use guestkit_shim::{Shim, ShimBuilder};

use super::{Figure, Row, Scale, guest};

/// The input of the bench guest's `durable-steps` handler: `steps` runs without side
/// effects, each a `run-begin`, `run-end` (the journal write) and `take`.
fn steps(steps: u32) -> Vec<u8> {
    steps.to_string().into_bytes()
}

const SERVICE: &str = "bench";
const HANDLER: &str = "durable-steps";

/// A shim with the bench guest as durable service, on the state in `state`, or on the
/// PostgreSQL database `postgres` when given.
fn shim(scale: &Scale, state: &std::path::Path, postgres: Option<&str>) -> Shim {
    let builder = Shim::builder().state_dir(state);
    match postgres {
        Some(url) => build(scale, builder, PostgresStore::connect(url).unwrap()),
        None => register(scale, builder.on_log(|_| {}).build().unwrap()),
    }
}

/// The shim `builder` makes on `store`, with the bench guest as durable service.
fn build(scale: &Scale, builder: ShimBuilder, store: PostgresStore) -> Shim {
    let builder = builder.state_store(Arc::new(store)).on_log(|_| {});
    register(scale, builder.build().unwrap())
}

fn register(scale: &Scale, shim: Shim) -> Shim {
    let module = shim.load_file(&guest(scale, "bench")).unwrap();
    shim.register_service(SERVICE, &module).unwrap();
    shim
}

async fn finish(shim: &Shim, id: &str) {
    let status = shim.invocation_outcome(id).await.unwrap();
    assert!(matches!(status, Status::Succeeded(_)), "{status:?}");
}

/// One invocation of many steps, per step; against write + fsync of one journal entry.
pub async fn step(scale: &Scale) -> (Row, Duration) {
    let n = scale.pick(20, 500);
    let state = tempfile::tempdir().unwrap();
    let shim = shim(scale, state.path(), None);
    let warm = shim
        .start_invocation(SERVICE, HANDLER, Some("warm"), steps(2))
        .unwrap();
    finish(&shim, &warm).await;
    let entry = shim.journal(&warm).unwrap()[0].encode();

    let started = Instant::now();
    let id = shim
        .start_invocation(SERVICE, HANDLER, Some("one"), steps(n))
        .unwrap();
    finish(&shim, &id).await;
    let ours = started.elapsed() / n;
    let floor = fsync_floor(state.path(), &entry, n);
    let row = Row {
        path: "durable step (run-end ack)".into(),
        ours: Figure::Time(ours),
        floor: Some(Figure::Time(floor)),
        target: "-",
    };
    (row, floor)
}

/// Steps per second with `workflows` invocations on as many objects at once; against one
/// fsync per step.
pub async fn concurrent(scale: &Scale, fsync: Duration) -> Row {
    let (workflows, rate) = steps_per_second(scale, None).await;
    Row {
        path: format!("durable steps/s, {workflows} workflows"),
        ours: Figure::PerSecond(rate),
        floor: Some(Figure::PerSecond(1.0 / fsync.as_secs_f64())),
        target: "≤ 0.10x (10x one fsync per step)",
    }
}

/// The same over PostgreSQL (the database `url` names), against one single-row `INSERT` of
/// a journal entry's size, each its own committed transaction, on the same server.
pub async fn concurrent_on_postgres(scale: &Scale, url: &str) -> Row {
    // Both over plain TCP: the test server speaks TLS, which the store would take by default
    // (`sslmode=prefer`) and the floor's client would not.
    let url = &format!("{url}?sslmode=disable");
    let floor = insert_floor(url, scale.pick(20, 500)).await;
    let (workflows, rate) = steps_per_second(scale, Some(url)).await;
    Row {
        path: format!("durable steps/s, {workflows} workflows, PostgreSQL"),
        ours: Figure::PerSecond(rate),
        floor: Some(Figure::PerSecond(1.0 / floor.as_secs_f64())),
        target: "≤ 0.20x (5x one INSERT; COMMIT per step)",
    }
}

/// What a durable step costs when `nodes` shims share the PostgreSQL database `url`, each
/// starting (and so driving) every `nodes`-th of 100 workflows: wall time per step, against
/// one committed single-row `INSERT` per step on the same server. On one machine of two cores
/// the nodes share the processors, so this shows what sharing costs (a fence per batch, and
/// batches split among the nodes), not how throughput scales.
pub async fn nodes_on_postgres(scale: &Scale, url: &str, nodes: usize) -> Row {
    let url = &format!("{url}?sslmode=disable");
    let floor = insert_floor(url, scale.pick(20, 500)).await;
    let workflows = scale.pick(10, 100);
    let each = scale.pick(5, 200);
    let states: Vec<_> = (0..nodes).map(|_| tempfile::tempdir().unwrap()).collect();
    let shims: Vec<Shim> = (states.iter().enumerate())
        .map(|(n, state)| {
            let lease = Lease::new(format!("node{n}"), Lease::DEFAULT_LENGTH);
            let store = PostgresStore::connect_as(url, lease).unwrap();
            build(scale, Shim::builder().state_dir(state.path()), store)
        })
        .collect();
    let started = Instant::now();
    let ids: Vec<(usize, String)> = (0..workflows as usize)
        .map(|w| {
            let node = w % nodes;
            let key = format!("order-{w}");
            let id = shims[node].start_invocation(SERVICE, HANDLER, Some(&key), steps(each));
            (node, id.unwrap())
        })
        .collect();
    for (node, id) in &ids {
        finish(&shims[*node], id).await;
    }
    let per_step = started.elapsed() / (workflows * each);
    let journaled: usize = ids.iter().map(|(node, id)| runs(&shims[*node], id)).sum();
    assert_eq!(journaled, (workflows * each) as usize);
    Row {
        path: format!("durable step on PostgreSQL, {nodes} node(s)"),
        ours: Figure::Time(per_step),
        floor: Some(Figure::Time(floor)),
        target: "-",
    }
}

/// Steps per second of `workflows` invocations (returned) on as many objects at once.
async fn steps_per_second(scale: &Scale, postgres: Option<&str>) -> (u32, f64) {
    let workflows = scale.pick(10, 100);
    let each = scale.pick(5, 200);
    let state = tempfile::tempdir().unwrap();
    let shim = shim(scale, state.path(), postgres);
    let started = Instant::now();
    let ids: Vec<String> = (0..workflows)
        .map(|w| {
            let key = format!("order-{w}");
            shim.start_invocation(SERVICE, HANDLER, Some(&key), steps(each))
                .unwrap()
        })
        .collect();
    for id in &ids {
        finish(&shim, id).await;
    }
    let rate = f64::from(workflows * each) / started.elapsed().as_secs_f64();
    let journaled: usize = ids.iter().map(|id| runs(&shim, id)).sum();
    assert_eq!(journaled, (workflows * each) as usize);
    (workflows, rate)
}

/// One single-row `INSERT` of a journal entry's size per step, each committed on its own, `n`
/// times, on the database `url` names: per step.
async fn insert_floor(url: &str, n: u32) -> Duration {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    client
        .batch_execute("CREATE TABLE floor (invocation text, index bigint, entry bytea)")
        .await
        .unwrap();
    let insert = client
        .prepare("INSERT INTO floor VALUES ($1, $2, $3)")
        .await
        .unwrap();
    let entry = vec![7u8; 64];
    let started = Instant::now();
    for i in 0..n {
        let index = i64::from(i);
        client
            .execute(&insert, &[&"inv_floor", &index, &entry])
            .await
            .unwrap();
    }
    started.elapsed() / n
}

fn runs(shim: &Shim, id: &str) -> usize {
    let journal: Vec<JournalEntry> = shim.journal(id).unwrap();
    journal.iter().filter(|e| e.command == "run").count()
}

/// Appending `entry` to a file and fsyncing it, `n` times: the least a durable step costs.
fn fsync_floor(dir: &std::path::Path, entry: &[u8], n: u32) -> Duration {
    let mut file = std::fs::File::create(dir.join("floor.log")).unwrap();
    let started = Instant::now();
    for _ in 0..n {
        file.write_all(entry).unwrap();
        file.sync_data().unwrap();
    }
    started.elapsed() / n
}

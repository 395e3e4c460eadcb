//! How the message path and spawning hold up as actors grow in number: round trips/s at 1 to
//! 10 000 pairs, and spawn latency and resident memory per actor at 1 000 to 100 000 actors.
//! Each row's floor is the same figure at the reference count of its kind, measured in the
//! same run (100 pairs; the smallest count of actors), so its ratio says how flat it stays:
//! at most 1.5x is flat.
//!
//! Every actor takes memory mappings (its memory, tables and stack, with their guards). The
//! counts are fitted to the kernel's `vm.max_map_count`: those it has no room for are left
//! out, with the command that makes room. The bench never changes kernel settings itself.

use std::time::{Duration, Instant};

use super::{Bench, Figure, Row, Scale, rss};

/// At most how many memory mappings one live actor of the bench guest takes with the
/// pooling allocator (3 measured at 100 000 actors; each run prints its own figure).
const MAPPINGS_PER_ACTOR: u64 = 4;

/// Each actor's memory limit here: the bench guest needs a few MiB, and a smaller
/// reservation keeps 100 000 actors' pool within the address space.
const MEMORY_BYTES: usize = 16 << 20;

/// A shim's limits with room for `actors`.
fn limits(actors: u32) -> guestkit_shim::Limits {
    guestkit_shim::Limits {
        max_actors: actors,
        max_memory_bytes: MEMORY_BYTES,
        ..Default::default()
    }
}

/// The process's memory mappings now.
fn mappings() -> u64 {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    maps.lines().count() as u64
}

/// The counts of `wanted` (each `actors_each` actors per unit) that `vm.max_map_count` has
/// room for; says which it leaves out and how to make room.
fn fitting(wanted: &[u32], actors_each: u32) -> Vec<u32> {
    let limit = std::fs::read_to_string("/proc/sys/vm/max_map_count")
        .ok()
        .and_then(|m| m.trim().parse::<u64>().ok())
        .unwrap_or(65_530);
    let room = limit.saturating_sub(mappings() + 4_096) / MAPPINGS_PER_ACTOR;
    let actors = |n: u32| u64::from(n) * u64::from(actors_each);
    let (fit, left): (Vec<u32>, Vec<u32>) = wanted.iter().partition(|&&n| actors(n) <= room);
    if let Some(&most) = left.last() {
        let needed = (actors(most) * MAPPINGS_PER_ACTOR + 65_536).next_power_of_two();
        println!(
            "(vm.max_map_count is {limit}, room for about {room} actors: {left:?} left out; \
             `sysctl -w vm.max_map_count={needed}` makes room)"
        );
    }
    fit
}

/// CPU time this process has used, user and system.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let fields: Vec<u64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| {
            rest.split_whitespace()
                .filter_map(|f| f.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let ticks = fields.get(10).copied().unwrap_or(0) + fields.get(11).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

/// Waits until the process is idle (under 10% of a core over 200 ms), or 60 s: what the
/// spawns before left behind in the background must not be counted against a batch.
async fn quiesce() {
    for _ in 0..300 {
        let before = cpu_time();
        tokio::time::sleep(Duration::from_millis(200)).await;
        if cpu_time().saturating_sub(before) < Duration::from_millis(20) {
            return;
        }
    }
}

/// Round trips/s at each count of pairs, beside the 100-pair figure.
pub async fn pairs(scale: &Scale) -> Vec<Row> {
    let wanted: &[u32] = if scale.quick {
        &[1, 10, 100]
    } else {
        &[1, 10, 100, 1_000, 10_000]
    };
    let counts = fitting(wanted, 2);
    let bench = Bench::with_limits(scale, limits(counts.iter().sum::<u32>() * 2 + 16));
    let total = scale.pick(1_000, 200_000);
    let mut rates = Vec::new();
    for &pairs in &counts {
        let each = (total / pairs).max(scale.pick(1, 20));
        rates.push((pairs, bench.round_trips_per_second(pairs, each).await));
    }
    let reference = rates.iter().find(|(p, _)| *p == 100).map(|&(_, r)| r);
    rates
        .into_iter()
        .map(|(pairs, rate)| Row {
            path: format!("scale: round trips/s, {pairs} pairs"),
            ours: Figure::PerSecond(rate),
            floor: reference.map(Figure::PerSecond),
            target: if pairs >= 1_000 {
                "≤ 1.5x (flat)"
            } else {
                "-"
            },
        })
        .collect()
}

/// Spawn latency and resident memory per actor as the shim fills up, beside their figures
/// at the smallest count.
pub async fn actors(scale: &Scale) -> Vec<Row> {
    let wanted: &[u32] = if scale.quick {
        &[100, 1_000]
    } else {
        &[1_000, 10_000, 100_000]
    };
    let milestones = fitting(wanted, 1);
    let Some(&most) = milestones.last() else {
        return Vec::new();
    };
    let bench = Bench::with_limits(scale, limits(most + 16));
    let batch = scale.pick(100, 1_000);
    let (base_rss, base_mappings) = (rss(), mappings());
    let mut spawned = 0;
    let mut figures: Vec<(u32, Duration, u64)> = Vec::new();
    for &at in &milestones {
        while spawned + batch < at {
            bench.actor().await;
            spawned += 1;
        }
        // The batch spawns alone: once the last actor's init has run and the work it left
        // behind (its state's commit, the store taking in the log) is done.
        let last = bench.actor().await;
        spawned += 1;
        bench.call(&last, "ping", String::new()).await;
        quiesce().await;
        let started = Instant::now();
        let mut last = last;
        for _ in spawned..at {
            last = bench.actor().await;
        }
        let latency = started.elapsed() / (at - spawned).max(1);
        spawned = at;
        bench.call(&last, "ping", String::new()).await;
        let per_actor = rss().saturating_sub(base_rss) / u64::from(at);
        figures.push((at, latency, per_actor));
    }
    println!(
        "({} memory mappings per actor at {most} actors)",
        mappings().saturating_sub(base_mappings) / u64::from(most)
    );
    let (_, first_latency, first_rss) = figures[0];
    let flat = |at: u32| {
        if at == most && at > wanted[0] {
            "≤ 1.5x (flat)"
        } else {
            "-"
        }
    };
    let mut rows = Vec::new();
    for &(at, latency, per_actor) in &figures {
        rows.push(Row {
            path: format!("scale: spawn at {at} actors"),
            ours: Figure::Time(latency),
            floor: Some(Figure::Time(first_latency)),
            target: flat(at),
        });
        rows.push(Row {
            path: format!("scale: RSS per actor at {at} actors"),
            ours: Figure::Bytes(per_actor),
            floor: Some(Figure::Bytes(first_rss)),
            target: flat(at),
        });
    }
    rows
}

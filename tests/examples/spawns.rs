//! `cargo run --release -p guestkit-tests --example spawns -- [N] [COMPONENT]`: spawns N bench
//! actors (default 100) on a shim sized for a few more, then calls each once, and prints the
//! mean time per spawn and per spawn-and-first-call in µs.
//!
//! The pool is sized for N actors of 16 MiB, not the default 1 024 of 256 MiB, so the process
//! reserves little address space and runs under `valgrind --tool=callgrind`: the difference in
//! instructions between two values of N is the work of that many spawns, free of this VM's
//! noise. The first call waits for the actor's `init`, whose state commit is part of every
//! spawn's real cost; the spawn loop alone does not wait for it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use guestkit_shim::{Limits, Payload, Shim, SpawnOptions};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let n: u32 = args
        .next()
        .map_or(100, |n| n.parse().expect("N is a count"));
    let component = args
        .next()
        .map_or_else(|| guestkit_tests::built_guest("bench"), PathBuf::from);
    let state = tempfile::tempdir().unwrap();
    let limits = Limits {
        max_actors: n + 8,
        max_memory_bytes: 16 << 20,
        ..Limits::default()
    };
    let shim = Shim::builder()
        .state_dir(state.path())
        .limits(limits)
        .on_log(|_| {})
        .build()
        .unwrap();
    let module = shim.load_file(&component).unwrap();

    let started = Instant::now();
    let mut actors = Vec::with_capacity(n as usize);
    for i in 0..n {
        let opts = SpawnOptions::new(format!("bench-{i}"));
        actors.push(shim.spawn(&module, opts).await.unwrap());
    }
    let spawned = started.elapsed();
    for actor in &actors {
        let ping = Payload::new("ping", b"x".to_vec());
        shim.call(actor, ping, Duration::from_secs(600))
            .await
            .unwrap();
    }
    let answered = started.elapsed();
    let per = |d: Duration| d.as_secs_f64() * 1e6 / f64::from(n.max(1));
    println!(
        "{n} spawns: {:.1} µs each; with the first call: {:.1} µs each",
        per(spawned),
        per(answered)
    );
}

//! A quick run of the benchmark suite, so that it keeps building and running: small counts,
//! no timing assertions; only that every path produced a figure.

#[path = "../benches/suite/mod.rs"]
mod suite;

#[global_allocator]
static ALLOCATOR: suite::allocations::Counting = suite::allocations::Counting;

#[tokio::test(flavor = "multi_thread")]
async fn every_benchmark_runs_and_reports_a_figure() {
    let scale = suite::Scale {
        quick: true,
        only: None,
    };
    let rows = suite::run(&scale).await;
    let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    // The full run's build-overhead and template-size rows need release builds: not here.
    // The scale rows run at 1, 10 and 100 pairs, and at 100 and 1 000 actors; the
    // PostgreSQL rows (steps/s, and a step's cost with 1, 2 and 3 nodes) and the cross-node
    // row need the test servers.
    let postgres = std::env::var_os("GUESTKIT_TEST_POSTGRES").is_some();
    let nats = std::env::var_os("GUESTKIT_TEST_NATS").is_some();
    let servers = 4 * usize::from(postgres) + usize::from(nats);
    assert_eq!(rows.len(), 20 + servers, "{paths:?}");
    for row in &rows {
        if row.floor.is_some() {
            let ratio = row.ratio().expect("a ratio where there is a floor");
            assert!(ratio.is_finite() && ratio > 0.0, "{row}");
        }
    }
}

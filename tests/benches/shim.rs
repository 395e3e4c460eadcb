//! `cargo bench -p guestkit-tests --bench shim`: every hot path of the shim next to its floor,
//! measured in the same run. `-- --quick` runs small counts in seconds; `-- --only NAME` runs
//! the benchmarks whose name holds NAME.

mod suite;

#[global_allocator]
static ALLOCATOR: suite::allocations::Counting = suite::allocations::Counting;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1).cloned());
    suite::run(&suite::Scale { quick, only }).await;
}

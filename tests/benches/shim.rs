//! `cargo bench -p guestkit-tests --bench shim`: every hot path of the shim next to its floor,
//! measured in the same run. `-- --quick` runs small counts in seconds.

mod suite;

#[tokio::main]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    suite::run(suite::Scale { quick }).await;
}

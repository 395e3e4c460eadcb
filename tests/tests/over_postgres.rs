//! The durable, host and crash tests again, with every shim keeping its state in PostgreSQL
//! (`GUESTKIT_TEST_STORE=postgres`, see `guestkit_tests::host`): the server store keeps the
//! promises the embedded one does, SIGKILLs included. Each runs as the test binary of its
//! own, through cargo, which has built them already.

use std::process::Command;

use guestkit_tests::{servers, workspace_root};

fn over_postgres(test: &str) {
    if servers::postgres(test).is_none() {
        return;
    }
    let out = Command::new(env!("CARGO"))
        // The workspace's features, as `cargo test --workspace` built the binary with.
        .args(["test", "--quiet", "--workspace", "--test", test])
        .arg("--manifest-path")
        .arg(workspace_root().join("Cargo.toml"))
        .env("GUESTKIT_TEST_STORE", "postgres")
        .output()
        .expect("cargo runs");
    let said = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    assert!(
        out.status.success(),
        "the {test} tests over PostgreSQL failed:\n{}\n{}",
        said(&out.stdout),
        said(&out.stderr)
    );
    let stdout = said(&out.stdout);
    let summary = stdout.lines().filter(|l| l.starts_with("test result"));
    eprintln!(
        "{test} over PostgreSQL: {}",
        summary.collect::<Vec<_>>().join("; ")
    );
}

#[test]
fn the_durable_tests_pass_over_postgres() {
    over_postgres("durable");
}

#[test]
fn the_host_tests_pass_over_postgres() {
    over_postgres("host");
}

#[test]
fn the_crash_tests_pass_over_postgres() {
    over_postgres("crash");
}

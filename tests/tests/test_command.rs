//! `cargo guest test` on a scaffolded guest: it builds the component, runs the package's
//! tests with what follows `--`, and fails, naming the package, when a test fails or the
//! guest does not build.

use std::path::Path;
use std::process::{Command, Output};

use guestkit_tests::{cargo_guest, cli, edit, failure, guest_target_dir, success};

/// `cargo guest test ARGS` in `dir`, with this workspace's `cargo-guest` first on `PATH`, so
/// that the scaffold's test, which runs `cargo guest run`, finds it.
fn guest_test(dir: &Path, args: &[&str]) -> Output {
    let bin = cargo_guest().parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    Command::new(cargo_guest())
        .args(["guest", "test"])
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", guest_target_dir())
        .env("PATH", path)
        .output()
        .unwrap()
}

#[test]
fn test_builds_the_guest_then_runs_its_tests_and_fails_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    success(cli(&["new", "hello"], tmp.path()));
    let dir = tmp.path().join("hello");

    let passed = guest_test(&dir, &[]);
    let said = String::from_utf8_lossy(&passed.stderr).into_owned();
    let printed = String::from_utf8_lossy(&passed.stdout).into_owned();
    success(passed);
    assert!(
        said.contains("guest `hello`"),
        "the component is built: {said}"
    );
    assert!(said.contains("Tested hello: every test passed"), "{said}");
    assert!(
        printed.contains("test greets_and_counts_across_shim_runs ... ok"),
        "{printed}"
    );

    // What follows `--` reaches the test binaries: a filter that matches nothing.
    let filtered = success(guest_test(&dir, &["--", "no_such_test"]));
    assert!(filtered.contains("running 0 tests"), "{filtered}");

    // A failing test fails the command.
    let test = dir.join("tests/actor.rs");
    edit(&test, "Hello, Grace!", "Goodbye, Grace!");
    let err = failure(guest_test(&dir, &[]));
    assert!(err.contains("the tests of hello failed"), "{err}");
    edit(&test, "Goodbye, Grace!", "Hello, Grace!");

    // A guest that does not build runs no test.
    edit(&dir.join("src/lib.rs"), "Ok(GreetReply", "Ok(GreetRepl");
    let err = failure(guest_test(&dir, &[]));
    assert!(err.contains("the guests did not build"), "{err}");
}

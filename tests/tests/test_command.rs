//! `cargo guest test` on a scaffolded guest, whose tests use guestkit-test: it builds the
//! component, runs the package's tests with what follows `--` in test hosts of the same
//! cargo-guest, and fails, naming the package, when a test fails or the guest does not build.
//! Plain `cargo test` runs the same tests, building the guest itself so that it never runs a
//! stale one, and a cargo-guest of another version is refused with how to fix it.

use std::path::Path;
use std::process::{Command, Output};

use guestkit_tests::{cargo_guest, cli, edit, failure, guest_target_dir, success};

/// `cargo guest test ARGS` in `dir`, with nothing of this workspace's on `PATH`: the
/// scaffold's tests find their cargo-guest through `cargo guest test`.
fn guest_test(dir: &Path, args: &[&str]) -> Output {
    Command::new(cargo_guest())
        .args(["guest", "test"])
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", guest_target_dir())
        .env_remove("GUESTKIT_CARGO_GUEST")
        .output()
        .unwrap()
}

/// Plain `cargo test` in `dir`, the harness running `cargo_guest`.
fn cargo_test(dir: &Path, cargo_guest: &Path) -> Output {
    Command::new(env!("CARGO"))
        .arg("test")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", guest_target_dir())
        .env("GUESTKIT_CARGO_GUEST", cargo_guest)
        .env_remove("GUESTKIT_TEST_GUESTS")
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
    for test in [
        "greets_and_counts",
        "refuses_an_empty_name",
        "counts_on_from_its_state_after_a_crash",
    ] {
        assert!(
            printed.contains(&format!("test {test} ... ok")),
            "{printed}"
        );
    }

    // What follows `--` reaches the test binaries: a filter that matches nothing.
    let filtered = success(guest_test(&dir, &["--", "no_such_test"]));
    assert!(filtered.contains("running 0 tests"), "{filtered}");

    // A failing test fails the command.
    let test = dir.join("tests/service.rs");
    edit(&test, "\"Hello, Ada!\"", "\"Goodbye, Ada!\"");
    let err = failure(guest_test(&dir, &[]));
    assert!(err.contains("the tests of hello failed"), "{err}");
    edit(&test, "\"Goodbye, Ada!\"", "\"Hello, Ada!\"");

    // A guest that does not build runs no test.
    edit(&dir.join("src/lib.rs"), "Ok(GreetReply", "Ok(GreetRepl");
    let err = failure(guest_test(&dir, &[]));
    assert!(err.contains("the guests did not build"), "{err}");
}

#[test]
fn plain_cargo_test_rebuilds_a_changed_guest_and_refuses_another_cargo_guest() {
    let tmp = tempfile::tempdir().unwrap();
    success(cli(&["new", "hola"], tmp.path()));
    let dir = tmp.path().join("hola");
    let passed = success(cargo_test(&dir, cargo_guest()));
    assert!(passed.contains("3 passed"), "{passed}");

    // The guest changed: the harness builds it again before the tests run it.
    edit(
        &dir.join("src/lib.rs"),
        "format!(\"Hello, {}!\"",
        "format!(\"Hola, {}!\"",
    );
    let failed = cargo_test(&dir, cargo_guest());
    let printed = String::from_utf8_lossy(&failed.stdout).into_owned();
    assert!(!failed.status.success());
    assert!(
        printed.contains("Hola, Ada!"),
        "the new code ran: {printed}"
    );

    // A cargo-guest of another version: the tests say which, and how to fix it.
    let older = tmp.path().join("cargo-guest-0.0.1");
    std::fs::write(
        &older,
        "#!/bin/sh\ncase \"$2\" in\n  build) exec \"$REAL\" \"$@\" ;;\n  *) echo 'guestkit test host 0.0.1 listening on http://127.0.0.1:9'; sleep 5 ;;\nesac\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&older, std::fs::Permissions::from_mode(0o755)).unwrap();
    let refused = Command::new(env!("CARGO"))
        .arg("test")
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", guest_target_dir())
        .env("GUESTKIT_CARGO_GUEST", &older)
        .env("REAL", cargo_guest())
        .env_remove("GUESTKIT_TEST_GUESTS")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&refused.stdout).into_owned();
    assert!(!refused.status.success());
    assert!(
        printed.contains(&format!(
            "is 0.0.1, and this guestkit-test is {}",
            env!("CARGO_PKG_VERSION")
        )) && printed.contains("cargo install --locked --path cargo-plugin"),
        "{printed}"
    );
}

#[test]
fn every_template_passes_its_own_tests_as_scaffolded() {
    let tmp = tempfile::tempdir().unwrap();
    for (template, tests) in [
        ("actor", &["does_each_job_then_says_when_it_is_idle"][..]),
        (
            "workflow",
            &[
                "waits_a_day_then_for_the_confirmation",
                "a_crash_while_it_sleeps_loses_nothing",
            ],
        ),
        ("app", &["orders_reserve_their_items_from_the_inventory"]),
    ] {
        let name = format!("my-{template}");
        success(cli(&["new", &name, "--template", template], tmp.path()));
        let out = guest_test(&tmp.path().join(&name), &[]);
        let printed = String::from_utf8_lossy(&out.stdout).into_owned();
        success(out);
        for test in tests {
            assert!(
                printed.contains(&format!("test {test} ... ok")),
                "{printed}"
            );
        }
    }
}

#[test]
fn the_scaffolds_tests_run_under_nextest_each_in_a_process_of_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    success(cli(&["new", "nexty"], tmp.path()));
    let out = Command::new(env!("CARGO"))
        .args(["nextest", "run"])
        .current_dir(tmp.path().join("nexty"))
        .env("CARGO_TARGET_DIR", guest_target_dir())
        .env("GUESTKIT_CARGO_GUEST", cargo_guest())
        .env_remove("GUESTKIT_TEST_GUESTS")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{said}");
    assert!(said.contains("3 tests run: 3 passed"), "{said}");
}

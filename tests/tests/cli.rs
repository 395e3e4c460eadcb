//! `cargo guest new`, `build` and `run`, driven through the real binary in temp dirs.

use guestkit_tests::{built_guest, cli, failure, success, workspace_root};

fn counter_run(state: &std::path::Path, body: &str) -> std::process::Output {
    let manifest = workspace_root().join("Cargo.toml");
    cli(
        &[
            "run",
            "-p",
            "counter",
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--route",
            "counter.v1.CounterService/Add",
            "--body",
            body,
            "--state-dir",
            state.to_str().unwrap(),
        ],
        &workspace_root(),
    )
}

#[test]
fn scaffold_build_and_run_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let err = failure(cli(&["new", "Bad Name"], tmp.path()));
    assert!(err.contains("lowercase ASCII letters"), "{err}");

    success(cli(&["new", "hello-world"], tmp.path()));
    let dir = tmp.path().join("hello-world");
    for file in [
        "Cargo.toml",
        "proto/hello_world.proto",
        "src/lib.rs",
        "tests/actor.rs",
    ] {
        assert!(dir.join(file).is_file(), "scaffold lacks {file}");
    }
    let err = failure(cli(&["new", "hello-world"], tmp.path()));
    assert!(err.contains("already exists"), "{err}");

    success(cli(&["build"], &dir));
    let greet = |name: &str| {
        cli(
            &[
                "run",
                "--route",
                "hello_world.v1.HelloWorldService/Greet",
                "--body",
                &format!(r#"{{"name": "{name}"}}"#),
            ],
            &dir,
        )
    };
    let first = greet("Ada");
    let logs = String::from_utf8_lossy(&first.stderr).into_owned();
    assert_eq!(
        success(first).trim(),
        r#"{"message":"Hello, Ada!","count":1}"#
    );
    assert!(
        logs.contains("[hello-world] info: greeting #1 for Ada"),
        "{logs}"
    );
    // A second shim process sees the state the first one committed (under ./.guestkit).
    assert_eq!(
        success(greet("Grace")).trim(),
        r#"{"message":"Hello, Grace!","count":2}"#
    );
    assert!(dir.join(".guestkit/state.redb").is_file());
    let refused = failure(greet(""));
    assert!(
        refused.contains("invalid-argument: name must not be empty"),
        "{refused}"
    );
}

#[test]
fn sem_36_counter_total_persists_across_two_shim_processes() {
    let state = tempfile::tempdir().unwrap();
    assert_eq!(
        success(counter_run(state.path(), r#"{"amount": 1}"#)).trim(),
        r#"{"total":1}"#
    );
    assert_eq!(
        success(counter_run(state.path(), r#"{"amount": 1}"#)).trim(),
        r#"{"total":2}"#
    );
}

#[test]
fn malformed_json_body_is_refused_with_its_position() {
    let state = tempfile::tempdir().unwrap();
    let err = failure(counter_run(state.path(), "{\"amount\": 1,\n  \"oops\" }"));
    assert!(
        err.contains("counter.v1.AddRequest") && err.contains("line 2 column"),
        "{err}"
    );
    let err = failure(counter_run(state.path(), r#"{"amount": "lots"}"#));
    assert!(
        err.contains("--body is not a valid counter.v1.AddRequest"),
        "{err}"
    );
}

#[test]
fn route_outside_the_contract_lists_the_routes() {
    let wasm = built_guest("counter");
    let tmp = tempfile::tempdir().unwrap();
    let args = [
        "run",
        wasm.to_str().unwrap(),
        "--route",
        "counter.v1.CounterService/Reset",
        "--state-dir",
        "st",
    ];
    let err = failure(cli(&args, tmp.path()));
    assert!(
        err.contains("counter.v1.CounterService/Reset` is not in the component's contract")
            && err.contains("counter.v1.CounterService/Add, counter.v1.CounterService/Get"),
        "{err}"
    );
}

#[test]
fn sem_38_run_refuses_bad_components_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |name: &str, bytes: &[u8]| {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        failure(cli(
            &[
                "run",
                path.to_str().unwrap(),
                "--route",
                "a.B/C",
                "--state-dir",
                "st",
            ],
            tmp.path(),
        ))
    };
    let err = run("garbage.wasm", b"\0asm but not really");
    assert!(
        err.contains("garbage.wasm") && err.contains("not valid WebAssembly"),
        "{err}"
    );
    let err = run(
        "db.wasm",
        &wat::parse_str(r#"(component (import "acme:db/query@1.0.0" (instance)))"#).unwrap(),
    );
    assert!(err.contains("imports `acme:db/query@1.0.0`"), "{err}");
    let err = run("empty.wasm", &wat::parse_str("(component)").unwrap());
    assert!(
        err.contains("does not export `guestkit:host/guest@0.1.0`"),
        "{err}"
    );
}

#[test]
fn build_outside_a_guest_package_says_how_to_make_one() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("Cargo.toml"),
        "[package]\nname = \"plain\"\nversion = \"0.1.0\"\n",
    )
    .unwrap();
    std::fs::create_dir(tmp.path().join("src")).unwrap();
    std::fs::write(tmp.path().join("src/lib.rs"), "").unwrap();
    let err = failure(cli(&["build"], tmp.path()));
    assert!(err.contains("[package.metadata.guestkit]"), "{err}");
    let err = failure(cli(&["build", "-p", "plain"], tmp.path()));
    assert!(err.contains("package `plain` is not a guest"), "{err}");
}

//! `cargo guest new`, `build` and `run`, driven through the real binary in temp dirs.

use std::path::Path;

use guestkit_tests::{built_guest, cli, failure, git, success, workspace_root};

fn counter_run(state: &std::path::Path, body: &str) -> std::process::Output {
    counter_run_with(state, body, &[])
}

/// `counter_run` with more arguments.
fn counter_run_with(state: &std::path::Path, body: &str, more: &[&str]) -> std::process::Output {
    guestkit_tests::counter_add(state, body, more)
}

#[test]
fn a_reply_after_the_deadline_is_reported_as_committed_with_a_status_of_its_own() {
    let state = tempfile::tempdir().unwrap();
    let late = counter_run_with(state.path(), r#"{"amount": 1}"#, &["--timeout-ms", "0"]);
    let said = String::from_utf8_lossy(&late.stderr);
    assert_eq!(late.status.code(), Some(3), "{said}");
    assert!(said.contains("committed its state"), "{said}");
    assert_eq!(
        String::from_utf8_lossy(&late.stdout).trim(),
        r#"{"total":"1"}"#,
        "the reply of the handler that committed"
    );
    assert_eq!(
        success(counter_run(state.path(), r#"{"amount": 1}"#)).trim(),
        r#"{"total":"2"}"#,
        "what was reported is what was committed"
    );
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
        "tests/service.rs",
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
        r#"{"message":"Hello, Ada!","count":"1"}"#
    );
    assert!(
        logs.contains("[hello-world] info: greeting #1 for Ada"),
        "{logs}"
    );
    // A second shim process sees the state the first one committed (under ./.guestkit).
    assert_eq!(
        success(greet("Grace")).trim(),
        r#"{"message":"Hello, Grace!","count":"2"}"#
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
        r#"{"total":"1"}"#
    );
    assert_eq!(
        success(counter_run(state.path(), r#"{"amount": 1}"#)).trim(),
        r#"{"total":"2"}"#
    );
}

#[test]
fn a_body_comes_from_a_file_or_standard_input_as_with_curl() {
    let state = tempfile::tempdir().unwrap();
    let file = state.path().join("body.json");
    // Past what a command line takes (E2BIG near 128 KiB): whitespace around one field.
    let padded = format!("{{{}\"amount\": 5}}", " ".repeat(300_000));
    std::fs::write(&file, padded).unwrap();
    let at_file = format!("@{}", file.display());
    assert_eq!(
        success(counter_run(state.path(), &at_file)).trim(),
        r#"{"total":"5"}"#
    );
    let manifest = workspace_root().join("Cargo.toml");
    let mut child = std::process::Command::new(guestkit_tests::cargo_guest())
        .args(["guest", "run", "-p", "counter", "--manifest-path"])
        .arg(&manifest)
        .args(["--route", "counter.v1.CounterService/Add", "--body", "-"])
        .arg("--state-dir")
        .arg(state.path())
        .env("CARGO_TARGET_DIR", guestkit_tests::guest_target_dir())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(br#"{"amount": 2}"#).unwrap();
    drop(stdin);
    assert_eq!(
        success(child.wait_with_output().unwrap()).trim(),
        r#"{"total":"7"}"#
    );
    let missing = failure(counter_run(state.path(), "@/no/such/body.json"));
    assert!(missing.contains("--body @/no/such/body.json"), "{missing}");
}

#[test]
fn misuse_is_refused_and_read_only_commands_make_no_state() {
    let state = tempfile::tempdir().unwrap();
    let bogus = counter_run_with(state.path(), "{}", &["--grant", "bogus"]);
    let said = failure(bogus);
    assert!(
        said.contains("--grant `bogus` is not a capability"),
        "{said}"
    );
    let nowhere = state.path().join("nowhere");
    let args = ["invocations", "--state-dir", nowhere.to_str().unwrap()];
    let said = failure(cli(&args, state.path()));
    assert!(said.contains("no state database"), "{said}");
    assert!(!nowhere.exists(), "invocations made a state directory");

    let manifest = workspace_root().join("Cargo.toml");
    let manifest = manifest.to_str().unwrap();
    let check = ["check", "-p", "counter", "--manifest-path", manifest];
    let missing = cli(
        &[&check[..], &["--component", "/no/such.wasm"]].concat(),
        state.path(),
    );
    assert_eq!(missing.status.code(), Some(2), "{missing:?}");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));

    // What is not a regular file is refused before it is read: nothing reads without end or
    // waits for a writer.
    let fifo = state.path().join("fifo.wasm");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for path in [Path::new("/dev/zero"), &fifo] {
        let said = failure(cli(&["inspect", path.to_str().unwrap()], state.path()));
        assert!(said.contains("not a regular file"), "{said}");
    }
    let fifo_log = state.path().join("fifo-state");
    std::fs::create_dir(&fifo_log).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(fifo_log.join("state.log"))
        .status()
        .unwrap();
    assert!(made.success());
    let said = failure(counter_run(&fifo_log, "{}"));
    assert!(said.contains("state.log is not a regular file"), "{said}");

    // `cargo guest bindings | head`: the reader is gone before the first line.
    let mut child = std::process::Command::new(guestkit_tests::cargo_guest())
        .args([
            "guest",
            "bindings",
            "-p",
            "greeter",
            "--manifest-path",
            manifest,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!said.contains("panicked"), "{said}");
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
    assert_eq!(err.matches("not valid").count(), 1, "said once: {err}");
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

/// `cargo guest build -p counter --target TARGET` into `out`, returning the component.
fn build_counter(target: &str, out: &std::path::Path, extra: &[&str]) -> std::path::PathBuf {
    let manifest = workspace_root().join("Cargo.toml");
    let mut args = vec![
        "build",
        "-p",
        "counter",
        "--target",
        target,
        "--out-dir",
        out.to_str().unwrap(),
        "--manifest-path",
        manifest.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out_put = cli(&args, &workspace_root());
    let log = String::from_utf8_lossy(&out_put.stderr).into_owned();
    success(out_put);
    assert!(
        log.contains(&format!("guest `counter` ({target})")),
        "{log}"
    );
    assert!(
        log.contains("code ") && log.contains("(contract "),
        "no size report: {log}"
    );
    out.join("counter.wasm")
}

fn inspect_json(path: &std::path::Path) -> serde_json::Value {
    let out = success(cli(
        &["inspect", path.to_str().unwrap(), "--format", "json"],
        path.parent().unwrap(),
    ));
    serde_json::from_str(&out).expect("inspect prints JSON")
}

/// Runs `route` with `body` on the bare component `wasm`, in its own directory.
fn run_bare(wasm: &std::path::Path, route: &str, body: &str) -> String {
    let dir = wasm.parent().unwrap();
    success(cli(
        &[
            "run",
            wasm.to_str().unwrap(),
            "--route",
            route,
            "--body",
            body,
        ],
        dir,
    ))
    .trim()
    .to_owned()
}

#[test]
fn the_counter_built_for_each_target_runs_the_same_from_a_bare_path() {
    for target in ["wasm32-wasip2", "wasm32-wasip1", "wasm32-unknown-unknown"] {
        // Only the component is left in the directory: no sources, no Cargo.toml.
        let dir = tempfile::tempdir().unwrap();
        let wasm = build_counter(target, dir.path(), &[]);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only the component was written"
        );

        let report = inspect_json(&wasm);
        assert_eq!(report["target"], target, "{report:#}");
        assert_eq!(report["target_from"], "contract");
        assert_eq!(report["conformance"]["ok"], true, "{report:#}");
        let contract = &report["contract"];
        assert_eq!(contract["wit_world"], "guestkit:host/actor@0.1.0");
        assert_eq!(contract["tampered"], serde_json::json!([]));
        assert_eq!(
            contract["proto_files"],
            serde_json::json!(["counter.proto"])
        );
        assert_eq!(
            contract["services"][0]["routes"][0]["route"],
            "counter.v1.CounterService/Add"
        );
        let wasi = report["imports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["name"].as_str().unwrap().starts_with("wasi:"));
        assert_eq!(wasi, target != "wasm32-unknown-unknown", "{report:#}");

        let add = "counter.v1.CounterService/Add";
        assert_eq!(run_bare(&wasm, add, r#"{"amount": 2}"#), r#"{"total":"2"}"#);
        assert_eq!(run_bare(&wasm, add, r#"{"amount": 3}"#), r#"{"total":"5"}"#);
        assert_eq!(
            run_bare(&wasm, "counter.v1.CounterService/Get", "{}"),
            r#"{"total":"5"}"#
        );
    }
}

#[test]
fn a_precompiled_artifact_is_used_and_a_bad_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let wasm = build_counter("wasm32-wasip2", dir.path(), &["--precompile"]);
    let artifacts = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "cwasm"))
            .collect()
    };
    let [artifact] = <[_; 1]>::try_from(artifacts()).expect("one .cwasm next to the component");
    let add = "counter.v1.CounterService/Add";
    assert_eq!(run_bare(&wasm, add, r#"{"amount": 4}"#), r#"{"total":"4"}"#);

    // A damaged artifact under the right name is refused by wasmtime's header check and the
    // component is compiled instead.
    std::fs::write(&artifact, b"not native code").unwrap();
    assert_eq!(run_bare(&wasm, add, r#"{"amount": 1}"#), r#"{"total":"5"}"#);

    // Precompiling again replaces the artifact rather than piling up stale ones.
    build_counter("wasm32-wasip2", dir.path(), &["--precompile"]);
    assert_eq!(artifacts(), std::slice::from_ref(&artifact));
    assert_ne!(std::fs::read(&artifact).unwrap(), b"not native code");
}

#[test]
fn inspect_describes_components_built_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.wasm");
    std::fs::write(
        &foreign,
        guestkit_tests::component_of_world(&guestkit_tests::host_wit(), "actor"),
    )
    .unwrap();
    let report = inspect_json(&foreign);
    assert_eq!(report["conformance"]["ok"], true, "{report:#}");
    assert_eq!(report["target"], "wasm32-unknown-unknown");
    assert_eq!(report["target_from"], "inferred");
    assert!(report["contract"].is_null());
    let exports = report["exports"].as_array().unwrap();
    assert_eq!(exports[0]["name"], "guestkit:host/guest@0.1.0");
    assert!(
        exports[0]["functions"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("handle"))
    );

    // A damaged contract section is reported, not fatal to inspect; `run` refuses it.
    let mut damaged = std::fs::read(&foreign).unwrap();
    damaged.extend_from_slice(&[0, 21, 17]);
    damaged.extend_from_slice(b"guestkit:contract");
    damaged.extend_from_slice(&[0xff, 0xff, 0xff]);
    let damaged_path = dir.path().join("damaged.wasm");
    std::fs::write(&damaged_path, damaged).unwrap();
    let text = success(cli(
        &["inspect", damaged_path.to_str().unwrap()],
        dir.path(),
    ));
    assert!(
        text.contains("contract    unreadable: the guestkit:contract section is corrupt"),
        "{text}"
    );
    let err = failure(cli(
        &["run", damaged_path.to_str().unwrap(), "--route", "a.B/C"],
        dir.path(),
    ));
    assert!(err.contains("section is corrupt"), "{err}");

    // A component that does not conform is still described, with the reason.
    let wit = "package acme:tool@1.0.0;\n\
               interface run { go: func(n: u32) -> u32; }\n\
               world tool { import wasi:nothing/here@0.2.0; export run; }\n\
               package wasi:nothing@0.2.0 { interface here { ping: func(); } }\n";
    let other = dir.path().join("tool.wasm");
    std::fs::write(&other, guestkit_tests::component_of_world(wit, "tool")).unwrap();
    let text = success(cli(&["inspect", other.to_str().unwrap()], dir.path()));
    for needle in [
        "conforms    no: the component imports `wasi:nothing/here@0.2.0`",
        "import wasi:nothing/here@0.2.0;  // ping",
        "export acme:tool/run@1.0.0;  // go",
        "contract    none",
        "target      wasm32-wasip2 (inferred)",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    let err = failure(cli(
        &["run", other.to_str().unwrap(), "--route", "x/y"],
        dir.path(),
    ));
    assert!(err.contains("wasi:nothing/here@0.2.0"), "{err}");

    // A core module is described too, with what to do about it.
    let core = dir.path().join("core.wasm");
    let module = r#"(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32))) (memory (export "memory") 1))"#;
    std::fs::write(&core, wat::parse_str(module).unwrap()).unwrap();
    let text = success(cli(&["inspect", core.to_str().unwrap()], dir.path()));
    for needle in [
        "core module",
        "conforms    no: this is a core wasm module",
        "import wasi_snapshot_preview1::fd_write (func);",
        "export memory (memory);",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }

    // The WASI preview1 adapter wasmtime ships: a core module importing WASI 0.2.
    let adapter = dir.path().join("adapter.wasm");
    std::fs::write(
        &adapter,
        wasi_preview1_component_adapter_provider::WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER,
    )
    .unwrap();
    let report = inspect_json(&adapter);
    assert_eq!(report["kind"], "core module");
    assert_eq!(report["conformance"]["ok"], false);
    assert!(
        report["exports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "fd_write"),
        "{report:#}"
    );

    let garbage = dir.path().join("garbage.wasm");
    std::fs::write(&garbage, b"\0asm but not really").unwrap();
    let err = failure(cli(&["inspect", garbage.to_str().unwrap()], dir.path()));
    assert!(err.contains("not valid WebAssembly"), "{err}");
}

#[test]
fn json_bodies_map_onto_repeated_map_and_oneof_fields() {
    let state = tempfile::tempdir().unwrap();
    let manifest = workspace_root().join("Cargo.toml");
    let greet = |body: &str| {
        cli(
            &[
                "run",
                "-p",
                "greeter",
                "--manifest-path",
                manifest.to_str().unwrap(),
                "--state-dir",
                state.path().to_str().unwrap(),
                "--route",
                "greeter.v1.GreeterService/Greet",
                "--body",
                body,
            ],
            &workspace_root(),
        )
    };
    let reply: serde_json::Value = serde_json::from_str(&success(greet(
        r#"{"name": "Ada", "titles": ["Dr", "Lady"], "tags": {"team": "math"}, "formal": true}"#,
    )))
    .unwrap();
    assert_eq!(
        reply,
        serde_json::json!({"message": "Good day, Dr Lady Ada.", "times": 1, "tags": {"team": "math"}})
    );
    let reply = success(greet(r#"{"name": "Ada", "nickname": "Ace"}"#));
    assert_eq!(reply.trim(), r#"{"message":"Hey Ace!","times":2}"#);
    // Well-known types in their JSON forms: a Timestamp as RFC 3339, a Struct as an object.
    let reply: serde_json::Value = serde_json::from_str(&success(greet(
        r#"{"name": "Ada", "sentAt": "2026-12-01T12:00:00.5Z", "extra": {"k": [1, "x", null]}}"#,
    )))
    .unwrap();
    assert_eq!(reply["sentAt"], "2026-12-01T12:00:00.500Z", "{reply}");
    assert_eq!(
        reply["extra"],
        serde_json::json!({"k": [1.0, "x", null]}),
        "{reply}"
    );
    let err = failure(greet(r#"{"name": "Ada", "sentAt": "yesterday"}"#));
    assert!(err.contains("GreetRequest"), "{err}");
    // Both members of one oneof is not a valid request.
    let err = failure(greet(
        r#"{"name": "Ada", "formal": true, "nickname": "Ace"}"#,
    ));
    assert!(
        err.contains("--body is not a valid greeter.v1.GreetRequest"),
        "{err}"
    );
}

#[test]
fn bindings_prints_both_sides_and_writes_only_changes() {
    let manifest = workspace_root().join("Cargo.toml");
    let manifest = manifest.to_str().unwrap();
    let guest = success(cli(
        &["bindings", "-p", "greeter", "--manifest-path", manifest],
        &workspace_root(),
    ));
    assert!(guest.contains("pub trait GreeterService"), "{guest}");
    assert!(guest.contains("pub trait Guest"), "{guest}");
    let args = [
        "bindings",
        "-p",
        "greeter",
        "--host",
        "--write",
        "--manifest-path",
        manifest,
    ];
    let first = cli(&args, &workspace_root());
    let path = std::path::PathBuf::from(success(first).trim());
    let host = std::fs::read_to_string(&path).unwrap();
    assert!(
        host.contains("pub struct DirectoryClient<'transport>"),
        "{host}"
    );
    let second = cli(&args, &workspace_root());
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("Unchanged"),
        "{second:?}"
    );
}

/// Runs example `package` to its end with `cargo guest run -p PKG --grant spawn`, as its docs
/// say, and returns what its actors printed on the host.
fn run_example(package: &str) -> String {
    let state = tempfile::tempdir().unwrap();
    let manifest = workspace_root().join("Cargo.toml");
    success(cli(
        &[
            "run",
            "-p",
            package,
            "--grant",
            "spawn",
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--state-dir",
            state.path().to_str().unwrap(),
        ],
        &workspace_root(),
    ))
}

#[test]
fn sem_23_ping_pong_runs_in_process_mode_with_tags_and_timeouts() {
    let out = run_example("ping-pong");
    assert!(
        out.contains("pong 1\n") && out.contains("pong 3\n"),
        "{out}"
    );
    assert!(out.contains("no message tagged 99 within 50 ms"), "{out}");
    assert!(out.ends_with("3 rounds played\n"), "{out}");
}

#[test]
fn sem_21_supervisor_restarts_its_worker_and_hears_of_its_linked_helper() {
    let out = run_example("supervisor");
    assert!(
        out.contains("worker: incarnation 1, restarted: false"),
        "{out}"
    );
    assert!(
        out.contains("worker crashed: internal: the handler trapped"),
        "{out}"
    );
    assert!(
        out.contains("monitor: worker ended (ExitReason::Failure)"),
        "{out}"
    );
    assert!(
        out.contains("worker: incarnation 2, restarted: true"),
        "{out}"
    );
    assert!(
        out.contains("link 7: helper ended (ExitReason::Failure)"),
        "{out}"
    );
}

#[test]
fn sem_12_chat_room_refuses_a_member_without_its_capability() {
    let out = run_example("chat-room");
    assert!(
        out.contains("alice: posted, 1 message(s) in the room"),
        "{out}"
    );
    assert!(out.contains("mallory: refused: permission denied"), "{out}");
    assert!(out.contains("history: alice: hello from alice\n"), "{out}");
    assert!(!out.contains("mallory was here"), "{out}");
}

#[test]
fn a_guest_that_needs_spawn_fails_clearly_without_the_grant() {
    let manifest = workspace_root().join("Cargo.toml");
    let state = tempfile::tempdir().unwrap();
    let out = cli(
        &[
            "run",
            "-p",
            "ping-pong",
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--state-dir",
            state.path().to_str().unwrap(),
        ],
        &workspace_root(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("does not hold the kernel's \"spawn\" capability"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("ping-pong failed"), "{stderr}");
}

#[test]
fn check_gates_a_breaking_commit_against_the_one_before() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("proto")).unwrap();
    std::fs::create_dir_all(dir.join("wit")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [package.metadata.guestkit]\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), "").unwrap();
    let proto = |qty: &str| {
        format!(
            "syntax = \"proto3\";\npackage shop.v1;\n\nmessage Order {{\n  string id = 1;\n{qty}}}\n"
        )
    };
    let wit = |version: &str, cancel: &str| {
        format!(
            "package shop:orders@{version};\n\ninterface api {{\n    /// Places an order.\n    \
             place: func(id: string);\n{cancel}}}\n\nworld shop {{ export api; }}\n"
        )
    };
    std::fs::write(dir.join("proto/shop.proto"), proto("  int32 qty = 2;\n")).unwrap();
    std::fs::write(
        dir.join("wit/shop.wit"),
        wit("1.0.0", "    cancel: func(id: string);\n"),
    )
    .unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "first"]);
    std::fs::write(dir.join("proto/shop.proto"), proto("")).unwrap();
    std::fs::write(dir.join("wit/shop.wit"), wit("2.0.0", "")).unwrap();
    git(dir, &["commit", "-qam", "second"]);

    let out = cli(&["check", "--against", "HEAD~1"], dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stdout.contains("error[FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED]"),
        "{stdout}"
    );
    assert!(stdout.contains("--> proto/shop.proto:4:1"), "{stdout}");
    assert!(stdout.contains("add `reserved 2;`"), "{stdout}");
    assert!(
        stdout.contains("notice[WIT_FUNCTION_NO_DELETE]"),
        "announced by the major bump: {stdout}"
    );

    let out = cli(&["check", "--against", "HEAD~1", "--format", "json"], dir);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED",
            "FIELD_NO_DELETE_UNLESS_NAME_RESERVED",
            "WIT_FUNCTION_NO_DELETE",
            "COMPONENT_BUILT",
        ]
    );
    assert_eq!(findings[0]["line"], 4);
    assert_eq!(
        findings[3]["severity"], "notice",
        "nothing is built: {findings:#}"
    );

    let out = cli(&["check", "--against", "HEAD~1", "--format", "github"], dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(
            "::error file=proto/shop.proto,line=4,col=1,title=FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED::"
        ),
        "{stdout}"
    );

    let out = cli(&["check", "--against", "HEAD"], dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    // The package's own settings: allowed rules go quiet, denied ones fail the gate.
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let configured = |check: &str| {
        std::fs::write(
            dir.join("Cargo.toml"),
            format!("{manifest}\n[package.metadata.guestkit.check]\n{check}\n"),
        )
        .unwrap();
    };
    configured(
        "allow = [\"FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED\", \
         \"FIELD_NO_DELETE_UNLESS_NAME_RESERVED\"]",
    );
    let out = cli(&["check", "--against", "HEAD~1"], dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    configured("deny = [\"WIT_FUNCTION_NO_DELETE\"]\ncategory = \"WIRE\"");
    let out = cli(&["check", "--against", "HEAD~1"], dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("error[WIT_FUNCTION_NO_DELETE]"), "{stdout}");
    assert!(
        !stdout.contains("NAME_RESERVED"),
        "WIRE does not check names: {stdout}"
    );
    configured("category = \"SOMETIMES\"");
    let out = cli(&["check"], dir);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    std::fs::write(dir.join("Cargo.toml"), &manifest).unwrap();
    let out = cli(&["check", "--against", "no-such-ref"], dir);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("neither a directory nor a git ref"),
        "{out:?}"
    );
}

#[test]
fn check_holds_built_components_to_their_contracts_and_diffs_their_imports() {
    let ping_pong = guestkit_tests::built_guest("ping-pong");
    let counter = guestkit_tests::built_guest("counter");
    let manifest = workspace_root().join("Cargo.toml");
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--manifest-path", manifest.to_str().unwrap()];
        args.extend_from_slice(extra);
        cli(&args, &workspace_root())
    };

    let out = check(&["-p", "counter"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    // The greeter's component is not what the counter's sources describe.
    let greeter = guestkit_tests::built_guest("greeter");
    let out = check(&["-p", "counter", "--component", greeter.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stdout.contains("error[COMPONENT_CONTRACT_CURRENT]"),
        "{stdout}"
    );

    // Against a baseline whose build of ping-pong was the counter: what ping-pong imports
    // beyond it is reported, as a warning.
    let baseline = tempfile::tempdir().unwrap();
    std::fs::copy(&counter, baseline.path().join("ping-pong.wasm")).unwrap();
    let out = check(&[
        "-p",
        "ping-pong",
        "--against",
        baseline.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "warnings pass: {out:?}");
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let new_imports: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "COMPONENT_NEW_IMPORT")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        new_imports
            .iter()
            .any(|m| m.contains("`guestkit:host/process@0.1.0`")),
        "{findings:#}"
    );
    assert!(ping_pong.is_file());
}

#[test]
fn a_durable_invocation_waits_for_an_awakeable_completed_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (order, started) = guestkit_tests::start_awaiting_order(dir.path(), &[]);
    let order = order.as_str();
    let said = String::from_utf8_lossy(&started.stderr).into_owned();
    assert!(started.status.success(), "{said}");
    assert!(
        said.contains("suspended, waiting for awakeable prom_"),
        "{said}"
    );

    let listed = success(cli(&["invocations"], dir.path()));
    assert!(listed.contains("order/probe"), "{listed}");
    let id = listed.split_whitespace().next().unwrap().to_owned();
    let journal = success(cli(&["invocations", &id], dir.path()));
    let first: serde_json::Value = serde_json::from_str(journal.lines().next().unwrap()).unwrap();
    assert_eq!(first["command"], "durable.awakeable");
    let awakeable = first["result"].as_str().unwrap();

    let err = failure(cli(
        &[
            "complete",
            order,
            "--awakeable",
            "prom_nope_2",
            "--value",
            "1",
        ],
        dir.path(),
    ));
    assert!(err.contains("no awakeable `prom_nope_2`"), "{err}");
    let err = failure(cli(
        &[
            "complete",
            order,
            "--awakeable",
            awakeable,
            "--value",
            "{not json",
        ],
        dir.path(),
    ));
    assert!(err.contains("--value is not JSON"), "{err}");

    let done = success(cli(
        &[
            "complete",
            order,
            "--awakeable",
            awakeable,
            "--value",
            r#""approved""#,
        ],
        dir.path(),
    ));
    assert!(
        done.contains(r#"order: {"key":"#),
        "the run's side effect: {done}"
    );
    assert!(done.contains(r#"{"ok":"\"approved\""}"#), "{done}");
    let listed = success(cli(&["invocations"], dir.path()));
    assert!(listed.contains("succeeded"), "{listed}");
    // Ended, it is kept for the default retention of 24 h (23 h and some under a slow run).
    assert!(
        listed.contains("  kept 2") && listed.contains("m more"),
        "{listed}"
    );
}

#[test]
fn the_workflow_example_ships_once_approved_from_the_cli() {
    let state = tempfile::tempdir().unwrap();
    let state = state.path().to_str().unwrap();
    let root = workspace_root();
    let run = |route: &str, body: &str| {
        let route = format!("workflow.v1.OrderService/{route}");
        let args = [
            "run",
            "-p",
            "workflow",
            "--durable",
            "--key",
            "A1",
            "--route",
            &route,
            "--body",
            body,
            "--state-dir",
            state,
        ];
        cli(&args, &root)
    };
    let started = run("Process", r#"{"orderId": "A1", "amountCents": 1250}"#);
    let said = String::from_utf8_lossy(&started.stderr).into_owned();
    assert!(started.status.success(), "{said}");
    let awakeable = said
        .split_whitespace()
        .find(|w| w.starts_with("prom_"))
        .unwrap_or_else(|| panic!("no awakeable named: {said}"));
    // A shared handler reads where the run is, beside it.
    let status = success(run("Status", "{}"));
    assert_eq!(status.trim(), r#"{"status":"waiting for approval"}"#);
    // The run runs once per order: submitting it again attaches to it.
    let again = run("Process", r#"{"orderId": "A1", "amountCents": 1}"#);
    let said_again = String::from_utf8_lossy(&again.stderr).into_owned();
    assert!(again.status.success(), "{said_again}");
    let id = |said: &str| {
        said.split_whitespace()
            .find(|w| w.starts_with("inv_"))
            .map(str::to_owned)
    };
    assert!(
        said_again.contains("Attached to invocation"),
        "{said_again}"
    );
    assert_eq!(id(&said_again), id(&said), "{said_again}");
    let shipped = success(cli(
        &[
            "complete",
            "-p",
            "workflow",
            "--awakeable",
            awakeable,
            "--value",
            r#""approved""#,
            "--state-dir",
            state,
        ],
        &root,
    ));
    // The run ends, with the `Ship` call it made (the status query ended before).
    let mut outputs: Vec<&str> = shipped.lines().collect();
    outputs.sort_unstable();
    assert_eq!(
        outputs,
        [
            r#"{"status":"shipped A1","receipt":"rcpt-A1-1250","tracking":"trk-A1"}"#,
            r#"{"status":"waiting for approval"}"#,
            r#"{"tracking":"trk-A1"}"#,
        ]
    );
    assert_eq!(
        success(run("Status", "{}")).trim(),
        r#"{"status":"shipped"}"#
    );
}

#[test]
fn sem_32_the_counter_is_a_virtual_object_with_a_shared_get() {
    let wasm = built_guest("counter");
    let wasm = wasm.to_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let shown = success(cli(&["inspect", wasm], tmp.path()));
    assert!(
        shown.contains("durable     object; shared: counter.v1.CounterService/Get"),
        "{shown}"
    );
    let json: serde_json::Value = serde_json::from_str(&success(cli(
        &["inspect", wasm, "--format", "json"],
        tmp.path(),
    )))
    .unwrap();
    assert_eq!(json["durable"]["kind"], "object");

    let run = |key: Option<&str>, route: &str, body: &str| {
        let mut args = vec!["run", wasm, "--durable", "--route", route, "--body", body];
        args.extend(key.map(|k| ["--key", k]).into_iter().flatten());
        args.extend(["--state-dir", "st"]);
        cli(&args, tmp.path())
    };
    let add = "counter.v1.CounterService/Add";
    success(run(Some("alice"), add, r#"{"amount": 2}"#));
    let twice = success(run(Some("alice"), add, r#"{"amount": 2}"#));
    assert!(
        twice.contains(r#""total":"4""#) || twice.contains(r#""total":4"#),
        "{twice}"
    );
    let bob = success(run(Some("bob"), "counter.v1.CounterService/Get", "{}"));
    assert!(
        !bob.contains("total\":\"4"),
        "each key has its own total: {bob}"
    );
    let err = failure(run(None, add, r#"{"amount": 1}"#));
    assert!(
        err.contains("it is an `object`: every invocation names its key"),
        "{err}"
    );
    // An invalid argument is terminal: the invocation fails with 400 at once, not retried.
    let err = failure(run(
        Some("alice"),
        add,
        r#"{"amount": "18446744073709551615"}"#,
    ));
    assert!(
        err.contains("would overflow") && err.contains("400"),
        "{err}"
    );
}

#[test]
fn sem_42_a_paused_invocation_is_resumed_and_others_are_cancelled_or_killed_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let order = dir.path().join("order.wasm");
    std::fs::copy(built_guest("probe"), &order).unwrap();
    let order = order.to_str().unwrap();
    let run = |key: &str, script: &str, more: &[&str]| {
        let mut args = vec![
            "run",
            order,
            "--durable",
            "--route",
            "probe",
            "--key",
            key,
            "--body",
            script,
        ];
        args.extend(more);
        cli(&args, dir.path())
    };
    let started = |said: &str| -> String {
        let line = said.lines().find(|l| l.contains("Started invocation"));
        let line = line.unwrap_or_else(|| panic!("no invocation started: {said}"));
        line.split_whitespace().last().unwrap().to_owned()
    };

    // It fails once, and its own limit pauses it: the command says how to go on.
    let trap_then_ship = r#"[{"op":"trap_first"},{"op":"run","name":"ship"}]"#;
    let err = failure(run("k", trap_then_ship, &["--max-attempts", "1"]));
    let paused = started(&err);
    assert!(
        err.contains("paused")
            && err.contains(&format!("cargo guest resume --invocation {paused}")),
        "{err}"
    );
    // The next on its key cannot run before it, and the command says so instead of hanging.
    let err = failure(run("k", r#"[{"op":"run","name":"behind"}]"#, &[]));
    assert!(
        err.contains(&format!("which invocation {paused} holds"))
            && err.contains(&format!("cargo guest kill --invocation {paused}")),
        "{err}"
    );
    let resumed = success(cli(&["resume", order, "--invocation", &paused], dir.path()));
    assert!(resumed.contains("ship done"), "{resumed}");
    let err = failure(cli(&["resume", order, "--invocation", &paused], dir.path()));
    assert!(
        err.contains("has ended, so there is nothing to resume"),
        "{err}"
    );

    // Cancelled while it waits: its wait returns `cancelled`, and it ends.
    let waits = r#"[{"op":"awakeable","as":"a"},{"op":"wait","of":["a"],"cancellable":true}]"#;
    let said = String::from_utf8_lossy(&run("c", waits, &[]).stderr).into_owned();
    let waiting = started(&said);
    let cancelled = success(cli(
        &["cancel", order, "--invocation", &waiting],
        dir.path(),
    ));
    assert!(cancelled.contains("cancelled"), "{cancelled}");
    let err = failure(cli(
        &["cancel", order, "--invocation", "inv_nope"],
        dir.path(),
    ));
    assert!(err.contains("no durable invocation `inv_nope`"), "{err}");

    // Killed while it waits: it fails with 409 at once.
    let said = String::from_utf8_lossy(&run("d", waits, &[]).stderr).into_owned();
    let doomed = started(&said);
    let killed = cli(&["kill", order, "--invocation", &doomed], dir.path());
    let said = String::from_utf8_lossy(&killed.stderr).into_owned();
    assert!(killed.status.success(), "{said}");
    assert!(said.contains("failed: killed (code 409)"), "{said}");
    let listed = success(cli(&["invocations"], dir.path()));
    let line = listed.lines().find(|l| l.starts_with(&doomed)).unwrap();
    assert!(line.contains("failed: killed"), "{listed}");
}

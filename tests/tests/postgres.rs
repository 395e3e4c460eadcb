//! The commands on a PostgreSQL store (`--store URL`, or `GUESTKIT_STORE`), on the server
//! `.ci/servers` started: state and durable invocations live in the database, not in the
//! state directory, and outlive the shim process.

use guestkit_tests::{built_guest, cli, cli_with, failure, servers, start_awaiting_order, success};

fn counter_add(state: &std::path::Path, store: &str) -> std::process::Output {
    guestkit_tests::counter_add(state, r#"{"amount": 1}"#, &["--store", store])
}

#[test]
fn an_actor_s_state_lives_in_the_store_database_across_processes_and_state_dirs() {
    let Some(url) = servers::postgres_database("an_actor_s_state_lives_in_the_store") else {
        return;
    };
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(
        success(counter_add(first.path(), &url)).trim(),
        r#"{"total":"1"}"#
    );
    assert_eq!(
        success(counter_add(second.path(), &url)).trim(),
        r#"{"total":"2"}"#,
        "the second process, on another state directory, reads the first one's commit"
    );
    assert!(
        !first.path().join("state.redb").exists(),
        "nothing is kept in the state directory"
    );
}

#[test]
fn a_durable_invocation_suspends_lists_and_completes_through_guestkit_store() {
    let Some(url) = servers::postgres_database("a_durable_invocation_suspends_lists") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = [("GUESTKIT_STORE", url.as_str())];
    let (order, started) = start_awaiting_order(dir.path(), &store);
    let order = order.as_str();
    let said = String::from_utf8_lossy(&started.stderr).into_owned();
    assert!(started.status.success(), "{said}");
    assert!(
        said.contains("suspended, waiting for awakeable prom_"),
        "{said}"
    );

    let listed = success(cli_with(&["invocations"], dir.path(), &store));
    assert!(listed.contains("order/probe"), "{listed}");
    assert!(
        failure(cli(&["invocations"], dir.path())).contains("no state database"),
        "without the store, the state directory has nothing"
    );
    let id = listed.split_whitespace().next().unwrap().to_owned();
    let journal = success(cli_with(&["invocations", &id], dir.path(), &store));
    let first: serde_json::Value = serde_json::from_str(journal.lines().next().unwrap()).unwrap();
    let awakeable = first["result"].as_str().unwrap();

    let complete = [
        "complete",
        order,
        "--awakeable",
        awakeable,
        "--value",
        "\"yes\"",
    ];
    let done = cli_with(&complete, dir.path(), &store);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let listed = success(cli_with(&["invocations"], dir.path(), &store));
    assert!(listed.contains("succeeded"), "{listed}");
}

#[test]
fn a_command_reaches_its_store_over_tls_with_the_server_s_certificate_checked() {
    let what = "a command over TLS";
    let (Some(url), Some(ca)) = (servers::postgres_database(what), servers::postgres_ca(what))
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let checked = format!("{url}?sslmode=verify-full&sslrootcert={ca}");
    assert_eq!(
        success(counter_add(dir.path(), &checked)).trim(),
        r#"{"total":"1"}"#
    );
    let unchecked = failure(counter_add(
        dir.path(),
        &format!("{url}?sslmode=verify-full"),
    ));
    assert!(unchecked.contains("UnknownIssuer"), "{unchecked}");
}

#[test]
fn a_store_that_is_not_postgres_or_does_not_answer_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let probe = built_guest("probe");
    let probe = probe.to_str().unwrap();
    let run = |store: &str| {
        let args = [
            "run",
            probe,
            "--durable",
            "--route",
            "probe",
            "--body",
            "[]",
            "--store",
            store,
        ];
        failure(cli(&args, dir.path()))
    };
    let other = run("mysql://app@db/x");
    assert!(other.contains("--store takes a PostgreSQL URL"), "{other}");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let gone = run(&format!("postgres://app:s3cret@127.0.0.1:{port}/app"));
    assert!(
        gone.contains(&format!(
            "cannot reach PostgreSQL at app@127.0.0.1:{port}/app"
        )) && !gone.contains("s3cret"),
        "{gone}"
    );
}

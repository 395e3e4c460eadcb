//! The PostgreSQL and NATS servers the multi-node tests use: those `.ci/servers` started, as
//! `GUESTKIT_TEST_POSTGRES` and `GUESTKIT_TEST_NATS` name them.
//!
//! `.ci/run` starts them and sets `GUESTKIT_REQUIRE_SERVERS`, and then a test that finds no
//! server fails. Elsewhere (a `cargo test` on a machine without them) such a test says loudly
//! that it was skipped, and how to run it, and passes.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The URL of the test PostgreSQL server's administrative database, or `None` (after saying
/// so) when there is no server and none is required.
pub fn postgres(test: &str) -> Option<String> {
    server("GUESTKIT_TEST_POSTGRES", test)
}

/// A database of its own on the test PostgreSQL server, made for the caller: its URL. `None`
/// (after saying so) when there is no server and none is required.
pub fn postgres_database(test: &str) -> Option<String> {
    let admin = postgres(test)?;
    static MADE: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "guestkit_test_{}_{}",
        std::process::id(),
        MADE.fetch_add(1, Ordering::Relaxed)
    );
    sql(&admin, &format!("CREATE DATABASE {name}"));
    let (base, _) = admin.rsplit_once('/').expect("the URL names a database");
    Some(format!("{base}/{name}"))
}

/// Runs `statements` on the database `url` names; panics when they fail.
pub fn sql(url: &str, statements: &str) {
    let (url, statements) = (url.to_owned(), statements.to_owned());
    // A runtime of its own, on a thread of its own: the caller may be inside one.
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
                .await
                .unwrap_or_else(|e| panic!("cannot reach {url}: {e}"));
            tokio::spawn(connection);
            client.batch_execute(&statements).await.unwrap();
        })
    })
    .join()
    .unwrap();
}

/// The URL of the NATS server for the tests, or `None` (after saying so) when there is none
/// and none is required.
pub fn nats(test: &str) -> Option<String> {
    server("GUESTKIT_TEST_NATS", test)
}

fn server(variable: &str, test: &str) -> Option<String> {
    if let Ok(url) = std::env::var(variable) {
        return Some(url);
    }
    assert!(
        std::env::var_os("GUESTKIT_REQUIRE_SERVERS").is_none(),
        "{test}: {variable} is not set, and this run requires the servers (.ci/run starts them \
         with .ci/servers)"
    );
    eprintln!(
        "\n*** SKIPPED {test}: {variable} is not set, so there is no server to run it against.\n\
         *** Run `.ci/servers start /tmp/guestkit-servers && . /tmp/guestkit-servers/env` first, \
         or the whole suite with .ci/run.\n"
    );
    None
}

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
    let statements = statements.to_owned();
    on_client(url, async move |client| {
        client.batch_execute(&statements).await.unwrap();
    });
}

/// The number `query` (one row, one `bigint` column) gives on the database `url` names.
pub fn count(url: &str, query: &str) -> i64 {
    let query = query.to_owned();
    on_client(url, async move |client| {
        client.query_one(&query, &[]).await.unwrap().get(0)
    })
}

/// What `work` does with a plain connection to `url`, on a runtime of its own, on a thread
/// of its own: the caller may be inside one.
fn on_client<T: Send + 'static>(
    url: &str,
    work: impl AsyncFnOnce(tokio_postgres::Client) -> T + Send + 'static,
) -> T {
    let url = url.to_owned();
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
            work(client).await
        })
    })
    .join()
    .unwrap()
}

/// The certificate of the authority that signed the test PostgreSQL server's, for
/// `sslrootcert` (`.ci/servers` makes both).
pub fn postgres_ca(test: &str) -> Option<String> {
    server("GUESTKIT_TEST_POSTGRES_CA", test)
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

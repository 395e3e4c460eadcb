//! The store's tables in PostgreSQL, and the migrations that make them.
//!
//! Everything lives in the `guestkit` schema, so the store can share a database with an
//! application's own tables. `guestkit.version` holds the number of the last migration
//! applied. Opening the store applies the migrations the database lacks, in one transaction
//! under an advisory lock, so nodes opening the same database at once migrate it once; a
//! database migrated by a newer guestkit (a version this one does not know) is refused, and
//! nothing is changed.
//!
//! Names and keys are kept as bytes, not `text`: a guest's key may hold any character,
//! U+0000 among them, which `text` refuses, and bytes sort by their values, as the embedded
//! store sorts keys, whatever the database's locale.

use tokio_postgres::Client;

use crate::storage::StorageError;

/// The migrations, in order: migration `n` (from 1) brings the schema to version `n`.
const MIGRATIONS: &[&str] = &[
    // 1: actor state, saved capabilities, durable invocations, journals, completions, and
    // what belongs to the node (its secret).
    r#"
    CREATE TABLE guestkit.state (
        actor bytea NOT NULL,
        key bytea NOT NULL,
        value bytea NOT NULL,
        PRIMARY KEY (actor, key)
    );
    CREATE TABLE guestkit.capabilities (
        holder bytea NOT NULL,
        issuer bytea NOT NULL,
        params bytea NOT NULL,
        signature bytea NOT NULL,
        PRIMARY KEY (holder, issuer, params)
    );
    CREATE INDEX capabilities_by_issuer ON guestkit.capabilities (issuer);
    CREATE TABLE guestkit.invocations (
        id bytea PRIMARY KEY,
        record bytea NOT NULL
    );
    CREATE TABLE guestkit.journal (
        invocation bytea NOT NULL,
        index bigint NOT NULL,
        entry bytea NOT NULL,
        PRIMARY KEY (invocation, index)
    );
    CREATE TABLE guestkit.completions (
        id bytea PRIMARY KEY,
        value bytea NOT NULL
    );
    CREATE TABLE guestkit.node (
        name bytea PRIMARY KEY,
        value bytea NOT NULL
    );
    "#,
    // 2: leases. Each node's lease, with its fencing token and when it runs out; each
    // invocation's holder (a token; none for the invocations written before).
    r#"
    CREATE SEQUENCE guestkit.lease_tokens;
    CREATE TABLE guestkit.nodes (
        token bigint PRIMARY KEY,
        name bytea NOT NULL,
        expires_at timestamptz NOT NULL
    );
    ALTER TABLE guestkit.invocations ADD COLUMN holder bigint;
    CREATE INDEX invocations_by_holder ON guestkit.invocations (holder);
    "#,
    // 3: the object keys exclusive invocations hold across nodes, each with its holder.
    r#"
    CREATE TABLE guestkit.keys (
        owner bytea PRIMARY KEY,
        invocation bytea NOT NULL
    );
    "#,
    // 4: the cluster's registry: discovery names and typed actors, each with the lease of
    // the node that recorded it, and gone with that lease.
    r#"
    CREATE TABLE guestkit.names (
        name bytea PRIMARY KEY,
        address text NOT NULL,
        holder bigint NOT NULL REFERENCES guestkit.nodes (token) ON DELETE CASCADE
    );
    CREATE INDEX names_by_holder ON guestkit.names (holder);
    CREATE TABLE guestkit.typed (
        actor_type text NOT NULL,
        address text NOT NULL,
        holder bigint NOT NULL REFERENCES guestkit.nodes (token) ON DELETE CASCADE,
        PRIMARY KEY (actor_type, address)
    );
    CREATE INDEX typed_by_holder ON guestkit.typed (holder);
    "#,
    // 5: each object key's queue across nodes, in the order the invocations took their
    // places (`seq`), for SEMANTICS 32's submission order on every node.
    r#"
    CREATE SEQUENCE guestkit.key_places;
    CREATE TABLE guestkit.key_queue (
        owner bytea NOT NULL,
        seq bigint NOT NULL DEFAULT nextval('guestkit.key_places'),
        invocation bytea NOT NULL UNIQUE,
        PRIMARY KEY (owner, seq)
    );
    "#,
];

/// The schema version this shim writes and reads.
pub const VERSION: i32 = MIGRATIONS.len() as i32;

/// Brings the database `client` is connected to up to [`VERSION`], or says why not.
pub async fn migrate(client: &mut Client) -> Result<(), StorageError> {
    let txn = client.transaction().await.map_err(failed)?;
    // One migration at a time per database: the lock ends with the transaction.
    txn.execute(
        "SELECT pg_advisory_xact_lock(hashtext('guestkit schema'))",
        &[],
    )
    .await
    .map_err(failed)?;
    txn.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS guestkit;
         CREATE TABLE IF NOT EXISTS guestkit.version (version integer NOT NULL);",
    )
    .await
    .map_err(failed)?;
    let found: Option<i32> = txn
        .query_opt("SELECT version FROM guestkit.version", &[])
        .await
        .map_err(failed)?
        .map(|row| row.get(0));
    let found = found.unwrap_or(0);
    if found > VERSION {
        return Err(StorageError(format!(
            "the database's guestkit schema is at version {found}, and this shim knows \
             versions up to {VERSION}: a newer guestkit migrated it. Run that guestkit, or \
             upgrade this one; the database was not changed"
        )));
    }
    for (n, migration) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        txn.batch_execute(migration).await.map_err(|e| {
            StorageError(format!(
                "migrating the guestkit schema to version {}: {}",
                n + 1,
                describe(&e)
            ))
        })?;
    }
    if found == 0 {
        txn.execute("INSERT INTO guestkit.version VALUES ($1)", &[&VERSION])
            .await
            .map_err(failed)?;
    } else if found < VERSION {
        txn.execute("UPDATE guestkit.version SET version = $1", &[&VERSION])
            .await
            .map_err(failed)?;
    }
    txn.commit().await.map_err(failed)
}

/// What the server said, with its detail when it gave one.
pub fn describe(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_owned(),
        },
        None => e.to_string(),
    }
}

fn failed(e: tokio_postgres::Error) -> StorageError {
    StorageError(format!("opening the guestkit schema: {}", describe(&e)))
}

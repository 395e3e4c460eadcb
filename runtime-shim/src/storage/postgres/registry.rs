//! The cluster's registry: the discovery names and typed actors of every node on the
//! database, so that `discovery.lookup` and `discovery.discover` on one node find the actors
//! of another. Each row carries the token of the node that recorded it, and goes with that
//! node's lease (`ON DELETE CASCADE`): a node that dies takes its entries along once it is
//! taken over.

use deadpool_postgres::GenericClient;
use tokio_postgres::error::SqlState;

use super::{failed, one};
use crate::storage::StorageError;

/// What a write to the registry says when the node's lease ended under it: the row it
/// would point to is gone.
fn fenced(e: tokio_postgres::Error, node: &str) -> StorageError {
    match e.code() {
        Some(code) if *code == SqlState::FOREIGN_KEY_VIOLATION => StorageError(format!(
            "node `{node}` no longer holds its lease: another node took its work over, and \
             it cannot record names for the cluster"
        )),
        _ => failed(e),
    }
}

pub async fn register(
    client: &impl GenericClient,
    (token, node): (i64, &str),
    name: &str,
    address: &str,
) -> Result<(), StorageError> {
    client
        .execute(
            "INSERT INTO guestkit.names VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET address = excluded.address, holder = excluded.holder",
            &[&name.as_bytes(), &address, &token],
        )
        .await
        .map_err(|e| fenced(e, node))?;
    Ok(())
}

/// Points `name` to `address` if it points to `expected` (or to nothing, for `None`): `None`
/// once it does, else where it points.
pub async fn claim(
    client: &impl GenericClient,
    (token, node): (i64, &str),
    name: &str,
    expected: Option<&str>,
    address: &str,
) -> Result<Option<String>, StorageError> {
    // One statement: the row is locked from the conflict to the update, so two nodes
    // claiming one name at once see each other's claim.
    let claimed = client
        .query_opt(
            "INSERT INTO guestkit.names VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET address = excluded.address, holder = excluded.holder \
             WHERE guestkit.names.address = $4 \
             RETURNING address",
            &[&name.as_bytes(), &address, &token, &expected],
        )
        .await
        .map_err(|e| fenced(e, node))?;
    if claimed.is_some() {
        return Ok(None);
    }
    named(client, name).await
}

pub async fn unregister(client: &impl GenericClient, name: &str) -> Result<(), StorageError> {
    client
        .execute(
            "DELETE FROM guestkit.names WHERE name = $1",
            &[&name.as_bytes()],
        )
        .await
        .map_err(failed)?;
    Ok(())
}

pub async fn named(
    client: &impl GenericClient,
    name: &str,
) -> Result<Option<String>, StorageError> {
    one(
        client,
        "SELECT address FROM guestkit.names WHERE name = $1",
        &[&name.as_bytes()],
    )
    .await
}

pub async fn typed(
    client: &impl GenericClient,
    (token, node): (i64, &str),
    actor_type: &str,
    address: &str,
    live: bool,
) -> Result<(), StorageError> {
    let result = match live {
        true => {
            client
                .execute(
                    "INSERT INTO guestkit.typed VALUES ($1, $2, $3) \
                     ON CONFLICT (actor_type, address) DO UPDATE SET holder = excluded.holder",
                    &[&actor_type, &address, &token],
                )
                .await
        }
        false => {
            client
                .execute(
                    "DELETE FROM guestkit.typed WHERE actor_type = $1 AND address = $2",
                    &[&actor_type, &address],
                )
                .await
        }
    };
    result.map_err(|e| fenced(e, node))?;
    Ok(())
}

pub async fn of_type(
    client: &impl GenericClient,
    actor_type: &str,
) -> Result<Option<String>, StorageError> {
    one(
        client,
        "SELECT address FROM guestkit.typed WHERE actor_type = $1 ORDER BY address LIMIT 1",
        &[&actor_type],
    )
    .await
}

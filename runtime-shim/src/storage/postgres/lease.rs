//! Durable work shared by the shims (nodes) on one database: who holds which invocation,
//! how a node takes over the work of one that died, how a node that was away too long is kept
//! from writing, and how a completion made on one node wakes an invocation on another.
//!
//! - **Joining.** A node joins under its name: a session advisory lock on the name keeps two
//!   live processes from joining as one node, and a row of `guestkit.nodes` holds its lease, a
//!   fencing token (from a sequence) and an expiry in the server's time, so that the nodes'
//!   clocks never matter. A node that restarts under its name finds its former lock gone with
//!   its former connection, so it ends that incarnation's lease and takes its invocations back
//!   at once.
//! - **Holding.** Every durable invocation names its holder's token. A node drives only the
//!   invocations it holds.
//! - **Sweeping.** Every third of its lease, a node renews it, ends the leases that ran out,
//!   and takes the invocations that no live node holds (`FOR UPDATE SKIP LOCKED`, so that two
//!   sweeping nodes never wait on each other), all in one transaction.
//! - **Fencing.** Every batch of durable writes begins by locking its node's row (`FOR
//!   SHARE`) and fails when the row is gone: a node that was paused past its lease (a long GC
//!   pause, a SIGSTOP) and taken over writes nothing more, and a takeover waits for a batch
//!   already in flight to commit first.
//! - **Completions.** A completion commits with a `NOTIFY`, which reaches every node
//!   listening on the database: the node driving an invocation wakes it, whichever node
//!   completed what it waits for.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use deadpool_postgres::Pool;
use tokio::sync::mpsc::UnboundedSender;
use tokio_postgres::{AsyncMessage, Client, Config};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::{failed, schema, unreachable};
use crate::storage::{StorageError, StoreEvent};

/// The channel completions are announced on.
pub const COMPLETIONS: &str = "guestkit_completions";

/// How often, and how far apart, joining asks for a node name another process holds.
const JOIN_TRIES: u32 = 20;
const JOIN_RETRY: Duration = Duration::from_millis(50);

/// A node's place among the shims sharing a database: its name and how long its lease lasts
/// without being renewed (it is renewed every third of that).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub node: String,
    pub length: Duration,
}

impl Lease {
    /// How long a lease lasts unless told otherwise: a node that dies is taken over this long
    /// after its last renewal.
    pub const DEFAULT_LENGTH: Duration = Duration::from_secs(10);

    pub fn new(node: impl Into<String>, length: Duration) -> Self {
        Self {
            node: node.into(),
            length,
        }
    }

    fn millis(&self) -> i64 {
        i64::try_from(self.length.as_millis()).unwrap_or(i64::MAX)
    }
}

/// This process's membership: the lease it holds, and why it lost it, once it has.
pub(super) struct Member {
    pub lease: Lease,
    /// The fencing token every durable write of this node carries.
    pub token: i64,
    lost: Mutex<Option<String>>,
}

impl Member {
    /// An error when the lease is known to be gone.
    pub fn check(&self) -> Result<(), StorageError> {
        match &*self.lost.lock().unwrap() {
            Some(why) => Err(StorageError(why.clone())),
            None => Ok(()),
        }
    }

    /// Why writes of this node are refused from now on.
    pub fn lost_lease(&self) -> String {
        format!(
            "node `{}` no longer holds its lease on its durable work: it was out of reach for \
             longer than the lease ({} ms) and another node took its invocations over, or \
             another process joined as `{}`. This process writes none of them any more; \
             restart it to join again",
            self.lease.node,
            self.lease.millis(),
            self.lease.node
        )
    }

    /// Notes that the lease is gone, tells the shim, and says why writes are refused.
    pub fn lose(&self, events: &UnboundedSender<StoreEvent>) -> StorageError {
        let why = self.lost_lease();
        let mut lost = self.lost.lock().unwrap();
        if lost.is_none() {
            *lost = Some(why.clone());
            let _ = events.send(StoreEvent::LeaseLost(why.clone()));
        }
        StorageError(why)
    }
}

/// Connects, brings the schema up to date, and, with a `lease`, joins as its node and
/// takes back what a former incarnation of it held (and whatever no live node holds). The
/// connection returned listens for completions (sent to `events`) and, with a lease, holds
/// the node's name for as long as it is open.
pub(super) async fn join(
    (config, tls): (Config, MakeRustlsConnect),
    place: String,
    lease: Option<Lease>,
    events: UnboundedSender<StoreEvent>,
) -> Result<(Client, Option<Arc<Member>>), StorageError> {
    let (mut client, mut connection) =
        (config.connect(tls).await).map_err(|e| unreachable(&place, &e))?;
    let announced = events.clone();
    tokio::spawn(async move {
        while let Some(message) = std::future::poll_fn(|cx| connection.poll_message(cx)).await {
            match message {
                Ok(AsyncMessage::Notification(n)) if n.channel() == COMPLETIONS => {
                    let _ = announced.send(StoreEvent::Completed(n.payload().to_owned()));
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
    });
    schema::migrate(&mut client).await?;
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| StorageError(e.to_string()))?;
    client
        .execute(
            "INSERT INTO guestkit.node VALUES ('secret'::bytea, $1) ON CONFLICT DO NOTHING",
            &[&secret.as_slice()],
        )
        .await
        .map_err(failed)?;
    let Some(lease) = lease else {
        return Ok((client, None));
    };
    hold_name(&client, &place, &lease.node).await?;
    let txn = client.transaction().await.map_err(failed)?;
    // Its former incarnation's lock went with its connection: that incarnation is gone.
    txn.execute(
        "DELETE FROM guestkit.nodes WHERE name = $1",
        &[&lease.node.as_bytes()],
    )
    .await
    .map_err(failed)?;
    let token: i64 = txn
        .query_one(
            "INSERT INTO guestkit.nodes (token, name, expires_at) \
             VALUES (nextval('guestkit.lease_tokens'), $1, \
                     clock_timestamp() + $2::float8 * interval '1 millisecond') \
             RETURNING token",
            &[&lease.node.as_bytes(), &(lease.millis() as f64)],
        )
        .await
        .map_err(failed)?
        .get(0);
    take_unheld(&txn, token).await?;
    txn.commit().await.map_err(failed)?;
    client
        .batch_execute(&format!("LISTEN {COMPLETIONS}"))
        .await
        .map_err(failed)?;
    let member = Member {
        lease,
        token,
        lost: Mutex::new(None),
    };
    Ok((client, Some(Arc::new(member))))
}

/// Takes the advisory lock on node name `node`, waiting a little for a process of that name
/// that just ended to be seen gone; refused while another live process holds it.
async fn hold_name(client: &Client, place: &str, node: &str) -> Result<(), StorageError> {
    let hold = "SELECT pg_try_advisory_lock(hashtext('guestkit node'), hashtext($1))";
    for tries in 1..=JOIN_TRIES {
        if client
            .query_one(hold, &[&node])
            .await
            .map_err(failed)?
            .get(0)
        {
            return Ok(());
        }
        if tries < JOIN_TRIES {
            tokio::time::sleep(JOIN_RETRY).await;
        }
    }
    Err(StorageError(format!(
        "node `{node}` is already running on {place}: stop it, or give this shim another \
         node name (--node)"
    )))
}

/// Makes `token`'s node the holder of every invocation no live node holds; their ids.
async fn take_unheld(
    txn: &tokio_postgres::Transaction<'_>,
    token: i64,
) -> Result<Vec<String>, StorageError> {
    let rows = txn
        .query(
            "UPDATE guestkit.invocations SET holder = $1 WHERE id IN ( \
             SELECT id FROM guestkit.invocations i \
             WHERE i.holder IS NULL \
                OR NOT EXISTS (SELECT 1 FROM guestkit.nodes n WHERE n.token = i.holder) \
             FOR UPDATE SKIP LOCKED) \
         RETURNING id",
            &[&token],
        )
        .await
        .map_err(failed)?;
    rows.into_iter()
        .map(|row| super::text(row.get(0)))
        .collect()
}

/// Keeps `member`'s lease for as long as the store lives: every third of its length, renews
/// it, ends the leases that ran out and takes their invocations, and tells `events` which it
/// took. Ends when the lease is found lost.
pub(super) async fn keep(pool: Pool, member: Arc<Member>, events: UnboundedSender<StoreEvent>) {
    let every = member.lease.length / 3;
    loop {
        tokio::time::sleep(every).await;
        match sweep(&pool, &member).await {
            Ok(Some(taken)) if !taken.is_empty() => {
                let _ = events.send(StoreEvent::TookOver(taken));
            }
            Ok(Some(_)) => {}
            Ok(None) => {
                member.lose(&events);
                return;
            }
            // The server is out of reach: the lease may run out meanwhile, and the fence
            // keeps this node from writing once another has taken over.
            Err(_) => {}
        }
    }
}

/// Renews the lease, ends the leases that ran out and takes the invocations no live node
/// holds, in one transaction; `None` when the lease was gone.
async fn sweep(pool: &Pool, member: &Member) -> Result<Option<Vec<String>>, StorageError> {
    let mut client = pool.get().await.map_err(|e| StorageError(e.to_string()))?;
    let txn = client.transaction().await.map_err(failed)?;
    let renewed = txn
        .execute(
            "UPDATE guestkit.nodes \
             SET expires_at = clock_timestamp() + $2::float8 * interval '1 millisecond' \
             WHERE token = $1",
            &[&member.token, &(member.lease.millis() as f64)],
        )
        .await
        .map_err(failed)?;
    if renewed == 0 {
        return Ok(None);
    }
    txn.execute(
        "DELETE FROM guestkit.nodes WHERE expires_at < clock_timestamp()",
        &[],
    )
    .await
    .map_err(failed)?;
    let taken = take_unheld(&txn, member.token).await?;
    txn.commit().await.map_err(failed)?;
    Ok(Some(taken))
}

/// Leaves: ends the lease, so that the other nodes take its invocations at their next sweep
/// rather than once it runs out, and lets the node's name go.
pub(super) async fn leave(client: &Client, member: &Member) -> Result<(), StorageError> {
    client
        .execute(
            "DELETE FROM guestkit.nodes WHERE token = $1",
            &[&member.token],
        )
        .await
        .map_err(failed)?;
    client
        .batch_execute("SELECT pg_advisory_unlock_all()")
        .await
        .map_err(failed)
}

//! The server store: actor state, saved capabilities and durable execution in a PostgreSQL
//! database on a server, which shims on other machines can reach. The shims that open it as
//! nodes share its durable work under leases ([`lease`]).
//!
//! The client is `tokio-postgres` with a `deadpool` pool: PostgreSQL's own wire protocol,
//! pipelined, with no C library, and statements prepared once per connection. The store's
//! callers are synchronous (the [`StateStore`] trait) and often run on another runtime's
//! async workers, where a runtime cannot be blocked on; so the connections live on a runtime
//! of the store's own, and a call hands its work to it and waits for the answer.
//!
//! Every write is one transaction, committed (and so durable) when the call returns; a batch
//! of durable writes is one transaction, which keeps the group commit the journal writer
//! makes. The schema is created and migrated when the store opens ([`schema`]).

mod lease;
mod registry;
mod schema;
mod tls;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

use deadpool_postgres::{GenericClient, Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use tokio::runtime::Runtime;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokio_postgres::Client;
use tokio_postgres::config::Host;
use tokio_postgres::types::ToSql;

pub use self::lease::Lease;
use self::lease::Member;
use super::{
    DurableWrite, Entries, JournalAppend, Purge, SavedCapability, StateChanges, StateStore,
    StorageError, StoreEvent,
};

/// Connections the store keeps open at most.
const CONNECTIONS: usize = 8;
/// How long opening a connection may take when the URL sets no `connect_timeout`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An actor's state up to this size (keys and values) is loaded in one round trip when a
/// step begins ([`StateStore::eager_state_bytes`]); a larger one is read key by key.
const EAGER_STATE_BYTES: usize = 256 << 10;

/// [`StateStore`] backed by a PostgreSQL database.
pub struct PostgresStore {
    pool: Pool,
    /// Where the database is (host, port, database, user; never the password), for messages.
    place: Arc<str>,
    /// The connection that listens for completions and holds the node's name (see
    /// [`lease::join`]); `None` only while the store is dropped.
    holder: Option<Client>,
    /// This shim's lease, when it opened the store as a node.
    member: Option<Arc<Member>>,
    /// Where the store tells the shim what other nodes did ([`StoreEvent`]), and what the
    /// shim reads, until it takes it.
    events: UnboundedSender<StoreEvent>,
    received: Mutex<Option<UnboundedReceiver<StoreEvent>>>,
    /// The runtime the connections run on.
    runtime: Background,
}

impl Drop for PostgresStore {
    fn drop(&mut self) {
        // The node leaves at once, so that its name is free and the other nodes take its
        // invocations at their next sweep, rather than once its lease runs out.
        if let (Some(holder), Some(member)) = (self.holder.take(), self.member.take()) {
            let _ = wait(&self.runtime, async move {
                lease::leave(&holder, &member).await
            });
        }
    }
}

/// The store's own runtime. Dropped, it ends without waiting for its tasks: the store may be
/// dropped, or fail to open, on an async worker, where a runtime cannot wait.
struct Background(Option<Runtime>);

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl std::ops::Deref for Background {
    type Target = Runtime;

    fn deref(&self) -> &Runtime {
        self.0
            .as_ref()
            .expect("the runtime lives until it is dropped")
    }
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PostgresStore({})", self.place)
    }
}

impl PostgresStore {
    /// Connects to the database `url` names (`postgres://user:password@host:port/database`,
    /// or the key=value form libpq takes), creating or migrating the guestkit schema in it,
    /// and joins it as node `local` with a lease of the default length: see
    /// [`connect_as`](Self::connect_as).
    pub fn connect(url: &str) -> Result<Self, StorageError> {
        Self::open(url, Some(Lease::new("local", Lease::DEFAULT_LENGTH)))
    }

    /// Connects to the database `url` names and joins it as the node `lease` names, for as
    /// long as the store lives: the node holds the invocations it starts and those it takes
    /// over from nodes whose lease ran out; a second live process joining under the same name
    /// is refused.
    pub fn connect_as(url: &str, lease: Lease) -> Result<Self, StorageError> {
        Self::open(url, Some(lease))
    }

    /// Connects to the database `url` names without joining it, for a command that only
    /// reads it (`cargo guest invocations`) beside the nodes.
    pub fn connect_to_read(url: &str) -> Result<Self, StorageError> {
        Self::open(url, None)
    }

    fn open(url: &str, lease: Option<Lease>) -> Result<Self, StorageError> {
        let not_a_url = |e: &dyn std::fmt::Display| {
            StorageError(format!(
                "`{}` is not a PostgreSQL connection URL: {e}. Give one such as \
                 postgres://user:password@localhost:5432/database (with ?sslmode=verify-full \
                 for TLS to a server whose certificate the system trusts)",
                redacted(url)
            ))
        };
        let (parsed, tls) = tls::configure(url).map_err(|e| not_a_url(&e))?;
        let mut config: tokio_postgres::Config = parsed.parse().map_err(|e| not_a_url(&e))?;
        let place = place(&config);
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("guestkit-postgres")
            .enable_all()
            .build()
            .map_err(|e| StorageError(format!("starting the PostgreSQL client: {e}")))?;
        let runtime = Background(Some(runtime));
        let (events, received) = tokio::sync::mpsc::unbounded_channel();
        let joining = lease::join(
            (config.clone(), tls.clone()),
            place.clone(),
            lease,
            events.clone(),
        );
        let (holder, member) = wait(&runtime, joining)?;
        let manager = Manager::from_config(
            config,
            tls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(CONNECTIONS)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|e| StorageError(format!("{place}: {e}")))?;
        if let Some(member) = &member {
            runtime.spawn(lease::keep(
                pool.clone(),
                Arc::clone(member),
                events.clone(),
            ));
        }
        Ok(Self {
            pool,
            place: place.into(),
            holder: Some(holder),
            member,
            events,
            received: Mutex::new(Some(received)),
            runtime,
        })
    }

    /// The fencing token of this node's lease, checked first: `None` when the store did not
    /// join as a node.
    fn token(&self) -> Result<Option<i64>, StorageError> {
        let Some(member) = &self.member else {
            return Ok(None);
        };
        member.check()?;
        Ok(Some(member.token))
    }

    /// This node's fencing token and name, for a write that lasts as long as its lease; an
    /// error when the store did not join as a node, or its lease is known to be gone.
    fn membership(&self) -> Result<(i64, String), StorageError> {
        let Some(member) = &self.member else {
            return Err(StorageError(format!(
                "{}: the store was opened to read; only a node records names for the cluster",
                self.place
            )));
        };
        member.check()?;
        Ok((member.token, member.lease.node.clone()))
    }

    /// Runs `work` with a pooled connection on the store's runtime, and waits for it.
    fn run<T, F>(&self, work: impl FnOnce(Object) -> F + Send + 'static) -> Result<T, StorageError>
    where
        T: Send + 'static,
        F: Future<Output = Result<T, StorageError>> + Send,
    {
        let pool = self.pool.clone();
        let place = Arc::clone(&self.place);
        wait(&self.runtime, async move {
            match pool.get().await {
                Ok(client) => work(client).await,
                Err(e) => Err(unreachable(&place, &e)),
            }
        })
    }

    /// Runs the statements `statements` makes of `data` as one transaction, sent as one
    /// pipeline ([`Writes::send`]), and waits until it is committed.
    fn transact<D: Send + 'static>(
        &self,
        data: D,
        statements: impl for<'a> FnOnce(&mut Writes<'a>, &'a D) + Send + 'static,
    ) -> Result<(), StorageError> {
        let member = self.member.clone();
        let events = self.events.clone();
        self.run(async move |mut client| {
            let mut writes = Writes::default();
            statements(&mut writes, &data);
            let txn = client.transaction().await.map_err(failed)?;
            match writes.send(&txn).await {
                Ok(()) => txn.commit().await.map_err(failed),
                Err(Unmet::Failed(e)) => Err(e),
                Err(Unmet::Fenced) => Err(match member {
                    Some(member) => member.lose(&events),
                    None => StorageError("a fenced write without a lease".into()),
                }),
                Err(Unmet::HeldElsewhere(id)) => Err(StorageError(format!(
                    "durable invocation `{id}` is held by another node, which alone writes it"
                ))),
            }
        })
    }
}

/// Runs `work` on `runtime` and waits for its answer: the caller may be an async worker of
/// another runtime, which cannot block on one.
fn wait<T: Send + 'static>(
    runtime: &Runtime,
    work: impl Future<Output = Result<T, StorageError>> + Send + 'static,
) -> Result<T, StorageError> {
    let (answer, answered) = std::sync::mpsc::sync_channel(1);
    runtime.spawn(async move {
        let _ = answer.send(work.await);
    });
    answered
        .recv()
        .map_err(|_| StorageError("the PostgreSQL store has stopped".into()))?
}

fn unreachable(place: &str, e: &dyn std::error::Error) -> StorageError {
    let mut why = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        why = format!("{why}: {cause}");
        source = cause.source();
    }
    let ask = match why.contains("certificate") {
        true => {
            "Does sslrootcert name the authority that signed the server's certificate (and, \
             with sslmode=verify-full, was it issued for the host in the URL)?"
        }
        false => "Is the server running, and does it let this user in?",
    };
    StorageError(format!("cannot reach PostgreSQL at {place}: {why}. {ask}"))
}

/// `url` with its password, if any, left out.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if scheme < at => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// `user@host:port/database`, as the messages name the database.
fn place(config: &tokio_postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(host)) => host.clone(),
        Some(Host::Unix(path)) => path.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("(the OS user)");
    let db = config.get_dbname().unwrap_or(user);
    format!("{user}@{host}:{port}/{db}")
}

/// A name or key read back: bytes the store wrote from a string.
fn text(bytes: Vec<u8>) -> Result<String, StorageError> {
    String::from_utf8(bytes)
        .map_err(|e| StorageError(format!("a name in the database is not UTF-8: {e}")))
}

fn failed(e: tokio_postgres::Error) -> StorageError {
    StorageError(format!("PostgreSQL: {}", schema::describe(&e)))
}

const STATE_CLEAR: &str = "DELETE FROM guestkit.state WHERE actor = $1";
const STATE_SET: &str = "INSERT INTO guestkit.state VALUES ($1, $2, $3) \
    ON CONFLICT (actor, key) DO UPDATE SET value = excluded.value";
const STATE_DELETE: &str = "DELETE FROM guestkit.state WHERE actor = $1 AND key = $2";
/// A batch's journal entries, in one statement: one parse, plan and execution on the server
/// for all of them, where a statement each made the server's work grow with every step.
const JOURNAL_PUT: &str = "INSERT INTO guestkit.journal \
    SELECT * FROM unnest($1::bytea[], $2::bigint[], $3::bytea[]) \
    ON CONFLICT (invocation, index) DO UPDATE SET entry = excluded.entry";
/// An invocation's record, written by the node that holds it (a new one is held by the node
/// that writes it first), or by a store that did not join as a node (`$3` null: a tool, or
/// a test, writing while no node runs).
const INVOCATION_PUT: &str = "INSERT INTO guestkit.invocations (id, record, holder) \
    VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET record = excluded.record \
    WHERE excluded.holder IS NULL OR guestkit.invocations.holder = excluded.holder";
/// Completes `$1` with `$2` unless it was completed before, and then tells every node
/// listening, once the transaction commits: a row when it completed it.
const COMPLETE: &str = "WITH landed AS ( \
        INSERT INTO guestkit.completions VALUES ($1, $2) ON CONFLICT (id) DO NOTHING \
        RETURNING id) \
    SELECT pg_notify('guestkit_completions', convert_from(id, 'UTF8')) FROM landed";
/// The fence: the node's lease row, locked until the transaction ends, or no row when the
/// lease is gone.
const FENCE: &str = "SELECT 1 FROM guestkit.nodes WHERE token = $1 FOR SHARE";
const CAPABILITY_SAVE: &str = "INSERT INTO guestkit.capabilities VALUES ($1, $2, $3, $4) \
    ON CONFLICT (holder, issuer, params) DO UPDATE SET signature = excluded.signature";
const CAPABILITY_FORGET: &str =
    "DELETE FROM guestkit.capabilities WHERE holder = $1 AND issuer = $2 AND params = $3";
const INVOCATION_DELETE: &str = "DELETE FROM guestkit.invocations WHERE id = $1";
const JOURNAL_DELETE: &str = "DELETE FROM guestkit.journal WHERE invocation = $1";
const COMPLETIONS_DELETE: &str =
    "DELETE FROM guestkit.completions WHERE substr(id, 1, length($1::bytea)) = $1::bytea";

/// A statement's parameter: bytes (names, keys, values), a number, or a lease's token (none
/// for a store that did not join as a node).
enum Param<'a> {
    Bytes(&'a [u8]),
    Number(i64),
    Token(Option<i64>),
    /// Arrays, for the rows of one statement.
    BytesEach(Vec<&'a [u8]>),
    NumberEach(Vec<i64>),
}

/// What a statement must do, or the transaction fails.
#[derive(Clone, Copy)]
enum Expect<'a> {
    Anything,
    /// The fence finds the node's lease.
    Lease,
    /// The write of this invocation's record lands: this node holds it.
    Holds(&'a str),
}

/// Why a transaction did not commit.
enum Unmet<'a> {
    Failed(StorageError),
    /// The node's lease is gone.
    Fenced,
    /// Another node holds this invocation.
    HeldElsewhere(&'a str),
}

/// Statements to run in order in one transaction, sent together ([`Writes::send`]).
#[derive(Default)]
struct Writes<'a>(Vec<(&'static str, Vec<Param<'a>>, Expect<'a>)>);

impl<'a> Writes<'a> {
    fn push(&mut self, sql: &'static str, params: Vec<Param<'a>>) {
        self.0.push((sql, params, Expect::Anything));
    }

    /// First of all, when `token` is a lease's: the fence, which fails the transaction once
    /// another node has taken this one's work over.
    fn fence(&mut self, token: Option<i64>) {
        if let Some(token) = token {
            self.0
                .push((FENCE, vec![Param::Number(token)], Expect::Lease));
        }
    }

    /// Completes `id` with `value` unless it has been, and tells the other nodes.
    fn complete(&mut self, id: &'a str, value: &'a [u8]) {
        self.push(
            COMPLETE,
            vec![Param::Bytes(id.as_bytes()), Param::Bytes(value)],
        );
    }

    /// The statements that apply `changes` to `actor`'s state.
    fn state(&mut self, actor: &'a str, changes: &'a StateChanges) {
        let actor = actor.as_bytes();
        if changes.clear_all {
            self.push(STATE_CLEAR, vec![Param::Bytes(actor)]);
        }
        for (key, value) in &changes.writes {
            let key = Param::Bytes(key.as_bytes());
            match value {
                Some(v) => self.push(STATE_SET, vec![Param::Bytes(actor), key, Param::Bytes(v)]),
                None => self.push(STATE_DELETE, vec![Param::Bytes(actor), key]),
            }
        }
    }

    /// The statements that apply durable execution's `writes`, in order, as the node whose
    /// lease has `token`.
    fn durable(&mut self, writes: &'a [DurableWrite], token: Option<i64>) {
        self.fence(token);
        self.journal(writes);
        for write in writes {
            if let Some((owner, changes)) = write.state_changes() {
                self.state(owner, changes);
            }
            // Journal entries went as one statement, above.
            if let DurableWrite::Invocation {
                id,
                record,
                completes,
                ..
            } = write
            {
                let put = vec![
                    Param::Bytes(id.as_bytes()),
                    Param::Bytes(record),
                    Param::Token(token),
                ];
                let expect = match token {
                    Some(_) => Expect::Holds(id),
                    None => Expect::Anything,
                };
                self.0.push((INVOCATION_PUT, put, expect));
                if let Some((id, value)) = completes {
                    self.complete(id, value);
                }
            }
        }
    }

    /// The journal entries of `writes`, as one statement; of two writes of one entry, the
    /// later, as writing them in turn would leave it (a statement may not write a row twice).
    fn journal(&mut self, writes: &'a [DurableWrite]) {
        let mut entries: Vec<&JournalAppend> = (writes.iter())
            .filter_map(|write| match write {
                DurableWrite::Journal(e) | DurableWrite::StateEntry { entry: e, .. } => Some(e),
                DurableWrite::Invocation { .. } => None,
            })
            .collect();
        if entries.is_empty() {
            return;
        }
        // Reversed, then sorted stably: of two writes of one entry the later comes first,
        // and `dedup_by` keeps the first.
        entries.reverse();
        entries.sort_by(|a, b| (&a.invocation, a.index).cmp(&(&b.invocation, b.index)));
        entries.dedup_by(|a, b| (&a.invocation, a.index) == (&b.invocation, b.index));
        let params = vec![
            Param::BytesEach(entries.iter().map(|e| e.invocation.as_bytes()).collect()),
            Param::NumberEach(entries.iter().map(|e| i64::from(e.index)).collect()),
            Param::BytesEach(entries.iter().map(|e| e.entry.as_slice()).collect()),
        ];
        self.push(JOURNAL_PUT, params);
    }

    /// The statements that remove an ended invocation for good: what `purge` names.
    fn purge(&mut self, purge: &'a Purge) {
        let id = purge.invocation.as_bytes();
        self.push(INVOCATION_DELETE, vec![Param::Bytes(id)]);
        self.push(JOURNAL_DELETE, vec![Param::Bytes(id)]);
        for prefix in &purge.completion_prefixes {
            self.push(COMPLETIONS_DELETE, vec![Param::Bytes(prefix.as_bytes())]);
        }
        if let Some(owner) = &purge.state_owner {
            self.push(STATE_CLEAR, vec![Param::Bytes(owner.as_bytes())]);
        }
    }

    /// Runs the statements on `client` (a transaction), in order, as one pipeline: a
    /// request leaves when its future is first polled, and the server answers them in turn,
    /// so polling each once, in order, before waiting on any puts the whole batch on the wire
    /// at once: one round trip, where awaiting each would make one per statement.
    async fn send(&self, client: &impl GenericClient) -> Result<(), Unmet<'a>> {
        let mut prepared = Vec::with_capacity(self.0.len());
        for (sql, ..) in &self.0 {
            let statement = client.prepare_cached(sql).await;
            prepared.push(statement.map_err(|e| Unmet::Failed(failed(e)))?);
        }
        let params: Vec<Vec<&(dyn ToSql + Sync)>> = (self.0.iter())
            .map(|(_, params, _)| {
                (params.iter())
                    .map(|p| match p {
                        Param::Bytes(b) => b as &(dyn ToSql + Sync),
                        Param::Number(n) => n,
                        Param::Token(t) => t,
                        Param::BytesEach(b) => b,
                        Param::NumberEach(n) => n,
                    })
                    .collect()
            })
            .collect();
        let mut calls: Vec<_> = (prepared.iter().zip(&params))
            .map(|(statement, params)| {
                Some(Box::pin(
                    client.execute_raw(statement, params.iter().copied()),
                ))
            })
            .collect();
        std::future::poll_fn(|cx| {
            let mut waiting = false;
            for (slot, (.., expect)) in calls.iter_mut().zip(&self.0) {
                let Some(call) = slot else { continue };
                match (call.as_mut().poll(cx), expect) {
                    (Poll::Ready(Ok(0)), Expect::Lease) => return Poll::Ready(Err(Unmet::Fenced)),
                    (Poll::Ready(Ok(0)), Expect::Holds(id)) => {
                        return Poll::Ready(Err(Unmet::HeldElsewhere(id)));
                    }
                    (Poll::Ready(Ok(_)), _) => *slot = None,
                    (Poll::Ready(Err(e)), _) => return Poll::Ready(Err(Unmet::Failed(failed(e)))),
                    (Poll::Pending, _) => waiting = true,
                }
            }
            if waiting {
                Poll::Pending
            } else {
                Poll::Ready(Ok(()))
            }
        })
        .await
    }
}

/// Completes `id` with `value` unless it was completed before; true when this completed it.
async fn complete(
    client: &impl GenericClient,
    id: &str,
    value: &[u8],
) -> Result<bool, StorageError> {
    let completed = client
        .query(COMPLETE, &[&id.as_bytes(), &value])
        .await
        .map_err(failed)?;
    Ok(completed.len() == 1)
}

/// The first column of each row `query` returns, in order.
async fn column<T>(
    client: &impl GenericClient,
    query: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> Result<Vec<T>, StorageError>
where
    T: for<'a> tokio_postgres::types::FromSql<'a>,
{
    let statement = client.prepare_cached(query).await.map_err(failed)?;
    let rows = client.query(&statement, params).await.map_err(failed)?;
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

/// The first column of the row `query` returns, if it returns one.
async fn one<T>(
    client: &impl GenericClient,
    query: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> Result<Option<T>, StorageError>
where
    T: for<'a> tokio_postgres::types::FromSql<'a>,
{
    Ok(column(client, query, params).await?.into_iter().next())
}

impl StateStore for PostgresStore {
    fn get(&self, actor: &str, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let (actor, key) = (actor.to_owned(), key.to_owned());
        self.run(async move |client| {
            one(
                &client,
                "SELECT value FROM guestkit.state WHERE actor = $1 AND key = $2",
                &[&actor.as_bytes(), &key.as_bytes()],
            )
            .await
        })
    }

    fn keys(&self, actor: &str) -> Result<Vec<String>, StorageError> {
        let actor = actor.to_owned();
        self.run(async move |client| {
            let keys: Vec<Vec<u8>> = column(
                &client,
                "SELECT key FROM guestkit.state WHERE actor = $1 ORDER BY key",
                &[&actor.as_bytes()],
            )
            .await?;
            keys.into_iter().map(text).collect()
        })
    }

    fn commit(&self, actor: &str, changes: &StateChanges) -> Result<(), StorageError> {
        if changes.is_empty() {
            return Ok(());
        }
        let state = (actor.to_owned(), changes.clone());
        self.transact(state, |writes, (actor, changes)| {
            writes.state(actor, changes)
        })
    }

    fn eager_state_bytes(&self) -> usize {
        EAGER_STATE_BYTES
    }

    fn load(&self, actor: &str, limit: usize) -> Result<Option<Entries>, StorageError> {
        let actor = actor.to_owned();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.run(async move |client| {
            let size: i64 = one(
                &client,
                "SELECT coalesce(sum(length(key) + length(value)), 0)::bigint \
                 FROM guestkit.state WHERE actor = $1",
                &[&actor.as_bytes()],
            )
            .await?
            .unwrap_or(0);
            if size > limit {
                return Ok(None);
            }
            let rows = client
                .query(
                    "SELECT key, value FROM guestkit.state WHERE actor = $1 ORDER BY key",
                    &[&actor.as_bytes()],
                )
                .await
                .map_err(failed)?;
            let entries = rows.iter().map(|row| Ok((text(row.get(0))?, row.get(1))));
            entries.collect::<Result<Vec<_>, _>>().map(Some)
        })
    }

    fn saved_capabilities(&self, holder: &str) -> Result<Vec<SavedCapability>, StorageError> {
        let holder = holder.to_owned();
        self.run(async move |client| {
            let rows = client
                .query(
                    "SELECT issuer, params, signature FROM guestkit.capabilities \
                     WHERE holder = $1 ORDER BY issuer, params",
                    &[&holder.as_bytes()],
                )
                .await
                .map_err(failed)?;
            rows.iter()
                .map(|row| {
                    Ok(SavedCapability {
                        issuer: text(row.get(0))?,
                        params: text(row.get(1))?,
                        signature: row.get(2),
                    })
                })
                .collect()
        })
    }

    fn save_capabilities(
        &self,
        holder: &str,
        caps: &[SavedCapability],
    ) -> Result<(), StorageError> {
        let saved = (holder.to_owned(), caps.to_vec());
        self.transact(saved, |writes, (holder, caps)| {
            for cap in caps {
                let (issuer, params) = (cap.issuer.as_bytes(), cap.params.as_bytes());
                let row = [holder.as_bytes(), issuer, params, &cap.signature];
                writes.push(CAPABILITY_SAVE, row.map(Param::Bytes).into());
            }
        })
    }

    fn forget_capabilities(
        &self,
        holder: &str,
        caps: &[(String, String)],
    ) -> Result<(), StorageError> {
        let forgotten = (holder.to_owned(), caps.to_vec());
        self.transact(forgotten, |writes, (holder, caps)| {
            for (issuer, params) in caps {
                let row = [holder.as_bytes(), issuer.as_bytes(), params.as_bytes()];
                writes.push(CAPABILITY_FORGET, row.map(Param::Bytes).into());
            }
        })
    }

    fn revoke_capabilities(&self, issuer: &str) -> Result<(), StorageError> {
        let issuer = issuer.to_owned();
        self.run(async move |client| {
            let revoke = client
                .prepare_cached("DELETE FROM guestkit.capabilities WHERE issuer = $1")
                .await
                .map_err(failed)?;
            client
                .execute(&revoke, &[&issuer.as_bytes()])
                .await
                .map_err(failed)?;
            Ok(())
        })
    }

    fn node_secret(&self) -> Result<[u8; 32], StorageError> {
        let secret: Option<Vec<u8>> = self.run(async |client| {
            one(
                &client,
                "SELECT value FROM guestkit.node WHERE name = 'secret'::bytea",
                &[],
            )
            .await
        })?;
        secret
            .ok_or_else(|| StorageError("the node secret is missing".into()))?
            .try_into()
            .map_err(|_| StorageError("the node secret is not 32 bytes".into()))
    }

    fn purge(&self, purge: &Purge) -> Result<(), StorageError> {
        self.transact(purge.clone(), |writes, purge| writes.purge(purge))
    }

    fn invocations(&self) -> Result<Vec<Vec<u8>>, StorageError> {
        self.run(async |client| {
            column(
                &client,
                "SELECT record FROM guestkit.invocations ORDER BY id",
                &[],
            )
            .await
        })
    }

    fn invocation(&self, id: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let id = id.to_owned();
        self.run(async move |client| {
            one(
                &client,
                "SELECT record FROM guestkit.invocations WHERE id = $1",
                &[&id.as_bytes()],
            )
            .await
        })
    }

    fn write_durable(&self, writes: &[&DurableWrite]) -> Result<(), StorageError> {
        let token = self.token()?;
        let writes: Vec<DurableWrite> = writes.iter().map(|&w| w.clone()).collect();
        self.transact(writes, move |statements, writes| {
            statements.durable(writes, token)
        })
    }

    fn held(&self, ids: Vec<String>) -> Result<Vec<String>, StorageError> {
        let Some(token) = self.token()? else {
            return Ok(ids);
        };
        self.run(async move |client| {
            let ids: Vec<&[u8]> = ids.iter().map(|id| id.as_bytes()).collect();
            let held: Vec<Vec<u8>> = column(
                &client,
                "SELECT id FROM guestkit.invocations WHERE id = ANY($1) AND holder = $2",
                &[&ids, &token],
            )
            .await?;
            held.into_iter().map(text).collect()
        })
    }

    fn queue_for_key(&self, owner: &str, invocation: &str) -> Result<(), StorageError> {
        let (owner, invocation) = (owner.to_owned(), invocation.to_owned());
        self.run(async move |client| {
            client
                .execute(
                    "INSERT INTO guestkit.key_queue (owner, invocation) VALUES ($1, $2) \
                     ON CONFLICT (invocation) DO NOTHING",
                    &[&owner.as_bytes(), &invocation.as_bytes()],
                )
                .await
                .map_err(failed)?;
            Ok(())
        })
    }

    fn take_key(&self, owner: &str, invocation: &str) -> Result<Option<String>, StorageError> {
        let (owner, invocation) = (owner.to_owned(), invocation.to_owned());
        self.run(async move |client| {
            // Taken only by the first of the queue (or by one that never queued, as before
            // the queue was kept); else the holder, or the first of the queue, is named.
            let holder: Option<Vec<u8>> = one(
                &client,
                "WITH head AS ( \
                     SELECT invocation FROM guestkit.key_queue WHERE owner = $1 \
                     ORDER BY seq LIMIT 1), \
                 taken AS ( \
                     INSERT INTO guestkit.keys SELECT $1, $2 \
                     WHERE coalesce((SELECT invocation FROM head) = $2, true) \
                        OR NOT EXISTS ( \
                            SELECT 1 FROM guestkit.key_queue WHERE invocation = $2) \
                     ON CONFLICT (owner) DO NOTHING \
                     RETURNING invocation) \
                 SELECT coalesce((SELECT invocation FROM taken), \
                                 (SELECT invocation FROM guestkit.keys WHERE owner = $1), \
                                 (SELECT invocation FROM head))",
                &[&owner.as_bytes(), &invocation.as_bytes()],
            )
            .await?;
            let holder = text(holder.unwrap_or_default())?;
            Ok((holder != invocation).then_some(holder))
        })
    }

    fn register_name(&self, name: &str, address: &str) -> Result<(), StorageError> {
        let (token, node) = self.membership()?;
        let (name, address) = (name.to_owned(), address.to_owned());
        self.run(async move |client| {
            registry::register(&client, (token, &node), &name, &address).await
        })
    }

    fn claim_name(
        &self,
        name: &str,
        expected: Option<&str>,
        address: &str,
    ) -> Result<Option<String>, StorageError> {
        let (token, node) = self.membership()?;
        let (name, address) = (name.to_owned(), address.to_owned());
        let expected = expected.map(str::to_owned);
        self.run(async move |client| {
            let expected = expected.as_deref();
            registry::claim(&client, (token, &node), &name, expected, &address).await
        })
    }

    fn unregister_name(&self, name: &str) -> Result<(), StorageError> {
        let name = name.to_owned();
        self.run(async move |client| registry::unregister(&client, &name).await)
    }

    fn named(&self, name: &str) -> Result<Option<String>, StorageError> {
        let name = name.to_owned();
        self.run(async move |client| registry::named(&client, &name).await)
    }

    fn typed(&self, actor_type: &str, address: &str, live: bool) -> Result<(), StorageError> {
        let (token, node) = self.membership()?;
        let (actor_type, address) = (actor_type.to_owned(), address.to_owned());
        self.run(async move |client| {
            registry::typed(&client, (token, &node), &actor_type, &address, live).await
        })
    }

    fn of_type(&self, actor_type: &str) -> Result<Option<String>, StorageError> {
        let actor_type = actor_type.to_owned();
        self.run(async move |client| registry::of_type(&client, &actor_type).await)
    }

    fn release_key(&self, owner: &str, invocation: &str) -> Result<(), StorageError> {
        let (owner, invocation) = (owner.to_owned(), invocation.to_owned());
        self.run(async move |client| {
            let (owner, invocation) = (owner.as_bytes(), invocation.as_bytes());
            client
                .execute(
                    "WITH queued AS ( \
                         DELETE FROM guestkit.key_queue WHERE invocation = $2) \
                     DELETE FROM guestkit.keys WHERE owner = $1 AND invocation = $2",
                    &[&owner, &invocation],
                )
                .await
                .map_err(failed)?;
            Ok(())
        })
    }

    fn events(&self) -> Option<UnboundedReceiver<StoreEvent>> {
        self.received.lock().unwrap().take()
    }

    fn journal(&self, id: &str) -> Result<Vec<Vec<u8>>, StorageError> {
        let id = id.to_owned();
        self.run(async move |client| {
            column(
                &client,
                "SELECT entry FROM guestkit.journal WHERE invocation = $1 ORDER BY index",
                &[&id.as_bytes()],
            )
            .await
        })
    }

    fn complete(&self, id: &str, value: &[u8]) -> Result<bool, StorageError> {
        let (id, value) = (id.to_owned(), value.to_vec());
        self.run(async move |client| complete(&client, &id, &value).await)
    }

    fn completion(&self, id: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let id = id.to_owned();
        self.run(async move |client| {
            one(
                &client,
                "SELECT value FROM guestkit.completions WHERE id = $1",
                &[&id.as_bytes()],
            )
            .await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_never_appears_in_what_the_store_says() {
        assert_eq!(
            redacted("postgres://app:s3cret@db:5432/guests"),
            "postgres://app:***@db:5432/guests"
        );
        assert_eq!(redacted("postgres://db/guests"), "postgres://db/guests");
        let config: tokio_postgres::Config =
            "postgres://app:s3cret@db:6543/guests".parse().unwrap();
        assert_eq!(place(&config), "app@db:6543/guests");
    }

    #[test]
    fn a_url_that_is_not_one_is_refused_before_connecting() {
        let bad = PostgresStore::connect("postgres://app:s3cret@db:notaport/x").unwrap_err();
        assert!(
            bad.0.contains("is not a PostgreSQL connection URL"),
            "{bad}"
        );
        assert!(!bad.0.contains("s3cret"), "{bad}");
        let mode = PostgresStore::connect("postgres://app@db/x?sslmode=always").unwrap_err();
        assert!(mode.0.contains("sslmode"), "{mode}");
        let roots = "postgres://app@db/x?sslmode=verify-full&sslrootcert=/no/such.pem";
        let roots = PostgresStore::connect(roots).unwrap_err();
        assert!(roots.0.contains("cannot read /no/such.pem"), "{roots}");
    }
}

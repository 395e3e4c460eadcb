//! The shim a command runs guests in, and where it keeps its state.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use guestkit_shim::storage::{Lease, PostgresStore};
use guestkit_shim::{Shim, ShimBuilder};

/// Where a command's shim keeps its state: the embedded database in a directory (the
/// default), or a PostgreSQL database that shims on several machines can share.
#[derive(Debug, Clone, clap::Args)]
pub struct Storage {
    /// Directory of the shim's state database (with --store, of what `serve` records there)
    #[arg(long, value_name = "DIR", default_value = ".guestkit")]
    pub state_dir: PathBuf,
    /// Keep state in this PostgreSQL database instead of the state directory's
    /// (postgres://USER:PASSWORD@HOST:PORT/DATABASE)
    #[arg(long, value_name = "URL", env = "GUESTKIT_STORE")]
    pub store: Option<String>,
    /// This shim's node name: part of its actors' addresses and, with --store, the node it
    /// joins the database as. Nodes on one database share its durable work; one process per
    /// name
    #[arg(
        long,
        value_name = "NAME",
        env = "GUESTKIT_NODE",
        default_value = "local"
    )]
    pub node: String,
    /// With --store: how long this node's lease on its durable work lasts unless renewed
    /// (it is renewed every third of that); another node takes the work of a node that died
    /// over this long after its last renewal
    #[arg(long, value_name = "MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(30..))]
    pub lease_ms: u64,
    /// Whether the command only reads: it then opens a --store database beside the shim that
    /// holds it (a running `serve`), rather than holding it itself.
    #[arg(skip)]
    pub only_reads: bool,
}

impl Storage {
    /// `builder` with this state: the database at --store, or the one in --state-dir.
    pub fn apply(&self, builder: ShimBuilder) -> anyhow::Result<ShimBuilder> {
        let builder = builder.state_dir(&self.state_dir).node(&self.node);
        let Some(url) = &self.store else {
            return Ok(builder);
        };
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            bail!(
                "--store takes a PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE); \
                 leave it out (and GUESTKIT_STORE unset) to keep state in --state-dir"
            );
        }
        let store = match self.only_reads {
            true => PostgresStore::connect_to_read(url),
            false => {
                let lease = Lease::new(&self.node, Duration::from_millis(self.lease_ms));
                PostgresStore::connect_as(url, lease)
            }
        };
        let store = store.context("cannot open the --store database")?;
        Ok(builder.state_store(Arc::new(store)))
    }

    /// The same state, for a command that only reads it.
    pub fn reading(&self) -> Self {
        Self {
            only_reads: true,
            ..self.clone()
        }
    }

    /// Where the state is, as messages name it.
    pub fn shown(&self) -> String {
        match &self.store {
            Some(_) => "the --store database".to_owned(),
            None => self.state_dir.display().to_string(),
        }
    }
}

/// A shim on `storage`, whose drive is the directory of the component at `path` (so guests
/// can load their siblings) and which prints what actors send to the host.
pub fn open(storage: &Storage, path: &Path, retention: Duration) -> anyhow::Result<Shim> {
    let drive = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let builder = Shim::builder()
        .retention(retention)
        .drive(drive)
        .on_message(|m| {
            println!(
                "{}: {}",
                m.source.process.process_name,
                String::from_utf8_lossy(&m.payload.body)
            );
            None
        });
    Ok(storage.apply(builder)?.build()?)
}

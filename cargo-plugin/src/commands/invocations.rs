//! `cargo guest invocations`: list durable invocations, or print one's journal.

use anyhow::bail;
use guestkit_shim::Shim;

use crate::{durable, served};

/// List durable invocations, or print one's journal
#[derive(Debug, clap::Args)]
pub struct InvocationsArgs {
    /// An invocation id: print its journal, one JSON entry per line
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    #[command(flatten)]
    pub storage: crate::shim::Storage,
}

pub fn run(args: InvocationsArgs) -> anyhow::Result<()> {
    // A running `cargo guest serve` holds the database: ask it.
    if let Some(server) = served::running(&args.storage.state_dir) {
        let path = match &args.id {
            Some(id) => format!("/guestkit/invocations/{id}"),
            None => "/guestkit/invocations".to_owned(),
        };
        print!("{}", server.get(&path)?);
        return Ok(());
    }
    // A command that only reads never makes a state directory or database.
    let db = args.storage.state_dir.join("state.redb");
    if args.storage.store.is_none() && !db.exists() {
        bail!(
            "no state database at {}: nothing has run with this --state-dir (`cargo guest run` \
             makes it)",
            db.display()
        );
    }
    let shim = (args.storage.reading())
        .apply(Shim::builder().on_log(|_| {}))?
        .build()?;
    let listed = durable::listing(&shim, args.id.as_deref())
        .map_err(|e| anyhow::anyhow!("{e} in {}", args.storage.shown()))?;
    print!("{listed}");
    Ok(())
}

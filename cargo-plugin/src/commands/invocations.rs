//! `cargo guest invocations`: list durable invocations, or print one's journal.

use std::path::PathBuf;

use anyhow::bail;
use guestkit_shim::Shim;

use crate::{durable, served};

/// List durable invocations, or print one's journal
#[derive(Debug, clap::Args)]
pub struct InvocationsArgs {
    /// An invocation id: print its journal, one JSON entry per line
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// Directory of the shim's state database
    #[arg(long, value_name = "DIR", default_value = ".guestkit")]
    pub state_dir: PathBuf,
}

pub fn run(args: InvocationsArgs) -> anyhow::Result<()> {
    // A running `cargo guest serve` holds the database: ask it.
    if let Some(server) = served::running(&args.state_dir) {
        let path = match &args.id {
            Some(id) => format!("/guestkit/invocations/{id}"),
            None => "/guestkit/invocations".to_owned(),
        };
        print!("{}", server.get(&path)?);
        return Ok(());
    }
    // A command that only reads never makes a state directory or database.
    let db = args.state_dir.join("state.redb");
    if !db.exists() {
        bail!(
            "no state database at {}: nothing has run with this --state-dir (`cargo guest run` \
             makes it)",
            db.display()
        );
    }
    let shim = Shim::builder()
        .state_dir(&args.state_dir)
        .on_log(|_| {})
        .build()?;
    let listed = durable::listing(&shim, args.id.as_deref())
        .map_err(|e| anyhow::anyhow!("{e} in {}", args.state_dir.display()))?;
    print!("{listed}");
    Ok(())
}

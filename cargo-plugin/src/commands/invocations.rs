//! `cargo guest invocations`: list durable invocations, or print one's journal.

use std::path::PathBuf;

use anyhow::bail;
use guestkit_shim::Shim;

use crate::durable::describe;

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

/// How much longer an ended invocation is kept, as the listing says it.
fn kept_for(left_ms: u64) -> String {
    if left_ms == 0 {
        return "retention over: purged when its service next registers".to_owned();
    }
    let minutes = left_ms.div_ceil(60_000);
    format!("kept {}h{:02}m more", minutes / 60, minutes % 60)
}

pub fn run(args: InvocationsArgs) -> anyhow::Result<()> {
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
    if let Some(id) = &args.id {
        if !shim.invocations()?.iter().any(|i| &i.id == id) {
            bail!("no invocation {id} in {}", args.state_dir.display());
        }
        for entry in shim.journal_json(id)? {
            println!("{entry}");
        }
        return Ok(());
    }
    let now_ms = shim.clock().now_ms();
    for i in shim.invocations()? {
        let key = i.key.as_deref().unwrap_or("-");
        let kept = match i.expires_at_ms {
            Some(at) => format!("  {}", kept_for(at.saturating_sub(now_ms))),
            None => String::new(),
        };
        println!(
            "{}  {}/{}  key {key}  attempts {}  {}{kept}",
            i.id,
            i.service,
            i.handler,
            i.attempts,
            describe(&i.status)
        );
    }
    Ok(())
}

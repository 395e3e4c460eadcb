//! `check --replay`: will the durable invocations already journaled still replay on the new
//! code? Each invocation of the package's service is replayed against the built component in a
//! shim of its own, over a copy of the state database: nothing is appended, no new step runs,
//! and the database the invocations live in is not touched. Replay stops at the end of the
//! journal (where the new code would go on) or where the new code and the journal part.

use std::path::Path;

use anyhow::{Context as _, bail};
use guestkit_codegen::check::{Finding, Location, Severity};
use guestkit_shim::journal::Invocation;
use guestkit_shim::{Replayed, Shim};

/// Which invocations to replay, and where they are.
pub struct Selection<'a> {
    pub state_dir: &'a Path,
    /// The service whose invocations are replayed.
    pub service: &'a str,
    /// Only this invocation.
    pub invocation: Option<&'a str>,
    /// Finished invocations too, as long as the database retains them.
    pub include_finished: bool,
}

/// Replays the selected invocations against `component`: a finding for each.
pub fn check(component: &Path, selection: &Selection<'_>) -> anyhow::Result<Vec<Finding>> {
    if !component.is_file() {
        bail!(
            "--replay needs the new code built: {} is not there (run `cargo guest build`, or \
             name a component with --component)",
            component.display()
        );
    }
    let db = selection.state_dir.join("state.redb");
    if crate::served::running(selection.state_dir).is_some() {
        bail!(
            "a `cargo guest serve` holds {}: stop it, or copy the directory and replay the copy",
            selection.state_dir.display()
        );
    }
    if !db.is_file() {
        bail!(
            "no state database at {}: nothing has run with this --state-dir",
            db.display()
        );
    }
    // A copy, so that nothing the replay does can reach the invocations' own database.
    let copy = tempfile::tempdir().context("cannot make a directory for the replay")?;
    std::fs::copy(&db, copy.path().join("state.redb"))
        .with_context(|| format!("copying {}", db.display()))?;
    let shim = Shim::builder()
        .state_dir(copy.path())
        .source_locations()
        .on_log(|_| {})
        .build()?;
    let module = shim
        .load_file(component)
        .with_context(|| format!("loading {}", component.display()))?;
    let mut chosen: Vec<Invocation> = shim
        .invocations()?
        .into_iter()
        .filter(|i| match selection.invocation {
            Some(id) => i.id == id,
            None => {
                i.service == selection.service
                    && (selection.include_finished || !i.status.is_ended())
            }
        })
        .collect();
    chosen.sort_by(|a, b| (a.submitted, &a.id).cmp(&(b.submitted, &b.id)));
    if let Some(id) = selection.invocation
        && chosen.is_empty()
    {
        bail!(
            "--invocation {id}: no such durable invocation in {}",
            selection.state_dir.display()
        );
    }
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let shown = component.display();
    let mut findings = Vec::new();
    if chosen.is_empty() {
        let which = if selection.include_finished {
            "no invocations"
        } else {
            "no unfinished invocations"
        };
        let finding = Finding::new(
            "REPLAY_COMPATIBLE",
            Severity::Notice,
            None,
            format!(
                "{which} of service `{}` in {}: nothing to replay",
                selection.service,
                selection.state_dir.display()
            ),
        )
        .hint("--include-finished replays the finished ones the database still retains");
        return Ok(vec![finding]);
    }
    for invocation in chosen {
        let entries = shim.journal(&invocation.id)?.len();
        let what = format!(
            "invocation {} ({} {}, {})",
            invocation.id,
            invocation.service,
            invocation.handler,
            crate::durable::describe(&invocation.status)
        );
        let replayed = runtime.block_on(shim.replay_journal(&invocation.id, &module))?;
        findings.push(match replayed {
            Replayed::Returned | Replayed::Reached => {
                let then = match replayed {
                    Replayed::Returned => "and the handler then returned",
                    _ => "up to where the new code goes on",
                };
                Finding::new(
                    "REPLAY_COMPATIBLE",
                    Severity::Notice,
                    None,
                    format!("{what} replays clean on {shown}: its {entries} entries, {then}"),
                )
                .hint("it can move to the new code")
            }
            Replayed::Mismatch { mismatch, source } => Finding::error(
                "REPLAY_JOURNAL_MISMATCH",
                source.as_deref().and_then(location),
                format!(
                    "{what} does not replay on {shown}: entry {} of {entries} holds {}, and the \
                     new code asks for {}",
                    mismatch.index, mismatch.recorded, mismatch.asked
                ),
            )
            .hint(
                "keep the journaled steps (their order, names and arguments) for invocations \
                 that started on the old code, and add new steps after them; or let those \
                 invocations finish on the old version before deploying",
            ),
            Replayed::Failed(why) => Finding::error(
                "REPLAY_FAILED",
                None,
                format!("{what} could not be replayed on {shown}: {why}"),
            )
            .hint("fix what stops the new code before it reaches the journal's end"),
        });
    }
    Ok(findings)
}

/// A `file:line[:col]` the shim read from the guest's debug info, as a finding's place.
fn location(source: &str) -> Option<Location> {
    let (rest, last) = source.rsplit_once(':')?;
    let last: u32 = last.parse().ok()?;
    let (file, line, column) = match rest.rsplit_once(':') {
        Some((file, line)) if line.parse::<u32>().is_ok() => (file, line.parse().ok()?, last),
        _ => (rest, last, 1),
    };
    Some(Location {
        file: file.to_owned(),
        line,
        column,
    })
}

#[cfg(test)]
mod tests {
    use super::location;

    #[test]
    fn a_source_location_becomes_a_place() {
        let at = location("/src/shop/src/lib.rs:40:9").unwrap();
        assert_eq!(
            (at.file.as_str(), at.line, at.column),
            ("/src/shop/src/lib.rs", 40, 9)
        );
        let at = location("/src/shop/src/lib.rs:40").unwrap();
        assert_eq!(
            (at.file.as_str(), at.line, at.column),
            ("/src/shop/src/lib.rs", 40, 1)
        );
        assert!(location("no place").is_none());
    }
}

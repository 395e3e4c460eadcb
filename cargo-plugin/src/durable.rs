//! Durable invocations from the command line, shared by `cargo guest run --durable`,
//! `invocations`, `complete` and `resume`. Each command is a shim process on the package's
//! state database: it runs the service's unfinished invocations until each ends or waits for
//! something only the outside can give, then exits; the next command picks them up from the
//! database.

use std::time::Duration;

use anyhow::bail;
use guestkit_shim::Shim;
use guestkit_shim::declaration::Access;
use guestkit_shim::journal::{AttemptLimit, Invocation, Request, Status};

use crate::contract::RouteTypes;
use crate::guest::{Component, GuestArgs};
use crate::shim;

/// What `run --durable` starts.
pub struct Start<'a> {
    pub service: &'a str,
    pub handler: &'a str,
    pub key: Option<&'a str>,
    pub idempotency_key: Option<&'a str>,
    /// JSON: the proto3 JSON mapping of the handler's request when the component's contract
    /// has the route, else passed to the handler as its bytes.
    pub body: &'a str,
    /// Its own bound on failed attempts.
    pub limit: Option<AttemptLimit>,
}

/// Registers `component` as a durable service, starts an invocation and runs the
/// service's invocations until they settle; prints the new invocation's output.
pub async fn start(shim: &Shim, component: &Component, start: Start<'_>) -> anyhow::Result<()> {
    let types = component.route_types(start.handler);
    let input = match &types {
        Some(types) => types.encode_request(start.body)?,
        None => start.body.as_bytes().to_vec(),
    };
    register(shim, component, start.service)?;
    let known: Vec<String> = shim.invocations()?.into_iter().map(|i| i.id).collect();
    let id = shim.submit_invocation(Request {
        service: start.service.to_owned(),
        handler: start.handler.to_owned(),
        key: start.key.map(str::to_owned),
        input,
        idempotency_key: start.idempotency_key.map(str::to_owned),
        start_at_ms: None,
        limit: start.limit,
        caller: None,
    })?;
    // The request named an invocation that exists (its idempotency key's, or its workflow
    // key's run): this one is attached to it.
    let verb = if known.contains(&id) {
        "Attached to"
    } else {
        "Started"
    };
    eprintln!("{verb:>12} invocation {id}");
    let ours = settle_tree(shim, &id).await?;
    report(&ours, types.as_ref())
}

/// Which durable service a command works on, and where its database is.
#[derive(Debug, clap::Args)]
pub struct ServiceArgs {
    #[command(flatten)]
    pub guest: GuestArgs,
    #[command(flatten)]
    pub storage: crate::shim::Storage,
    /// The service's name (default: the component's name)
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    /// How long an ended invocation (its journal, output and idempotency key, a workflow's
    /// promises and state) is kept before it is purged
    #[arg(long, value_name = "HOURS", default_value_t = 24)]
    pub retention_hours: u64,
}

impl ServiceArgs {
    /// Builds (when needed) and opens the service: a shim on its database, the component
    /// (read once) and the service's name.
    /// The service's name, without opening its database: --service, or the component's.
    pub fn name(&self) -> anyhow::Result<String> {
        match &self.service {
            Some(name) => Ok(name.clone()),
            None => Ok(Component::read(&self.guest.component(false)?)?.default_name()),
        }
    }

    pub fn open(&self) -> anyhow::Result<(Shim, Component, String)> {
        let component = Component::read(&self.guest.component(false)?)?;
        let service = self
            .service
            .clone()
            .unwrap_or_else(|| component.default_name());
        let retention = Duration::from_secs(self.retention_hours.saturating_mul(3600));
        let shim = shim::open(&self.storage, &component.path, retention)?;
        Ok((shim, component, service))
    }
}

/// Says where each invocation is, and prints the output of those that succeeded.
pub fn summarize(component: &Component, invocations: Vec<Invocation>) -> anyhow::Result<()> {
    for invocation in invocations {
        eprintln!("{}: {}", invocation.id, describe(&invocation.status));
        if matches!(invocation.status, Status::Succeeded(_)) {
            report(
                &invocation,
                component.route_types(&invocation.handler).as_ref(),
            )?;
        }
    }
    Ok(())
}

/// Loads `component` as durable service `service`, resuming its invocations.
pub fn register(shim: &Shim, component: &Component, service: &str) -> anyhow::Result<()> {
    shim.register_service(service, &component.load(shim)?)?;
    Ok(())
}

/// Runs `service`'s unfinished invocations until each ends, waits only for the outside, or
/// waits to retry after a failed attempt: one that keeps failing is left for a later command,
/// and keeps none from finishing.
pub async fn settle(shim: &Shim, service: &str) -> anyhow::Result<Vec<Invocation>> {
    let open = |_: &[Invocation], i: &Invocation| i.service == service && !i.status.is_final();
    rounds(shim, open, true).await?;
    let all = shim.invocations()?;
    Ok(all.into_iter().filter(|i| i.service == service).collect())
}

/// Runs invocation `id` and the invocations its calls started until `id` ends or waits only
/// for the outside. When an invocation ahead of it on its key pauses, waits for the outside
/// too, or fails and waits to retry, `id` can only wait: that is an error naming the
/// invocation and what to do about it, and `id` stays queued.
pub async fn settle_tree(shim: &Shim, id: &str) -> anyhow::Result<Invocation> {
    let find = || -> anyhow::Result<Invocation> {
        let found = shim.invocations()?.into_iter().find(|i| i.id == id);
        found.ok_or_else(|| anyhow::anyhow!("invocation {id} is missing from the state database"))
    };
    let ours = find()?;
    let all = shim.invocations()?;
    let ahead: Vec<&Invocation> = (all.iter())
        .filter(|i| {
            i.key.is_some()
                && (&i.service, &i.key) == (&ours.service, &ours.key)
                && i.submitted < ours.submitted
                && i.access() == Access::Exclusive
                && ours.access() == Access::Exclusive
                && !i.status.is_ended()
        })
        .collect();
    let stuck_ahead = async {
        for i in &ahead {
            // Paused, waiting for the outside, or failing and waiting to retry: it will not
            // give the key up soon, and this command does not wait for it.
            if !shim.invocation_quiet(&i.id).await?.is_ended() {
                return Ok::<_, anyhow::Error>(i.id.clone());
            }
        }
        std::future::pending().await
    };
    // `id` itself is waited for even when its record says it paused: it may have been
    // resumed, and its record says so at its next attempt.
    let in_tree = |all: &[Invocation], i: &Invocation| {
        i.id == id || (!i.status.is_final() && below(all, id, i))
    };
    tokio::select! {
        settled = rounds(shim, in_tree, false) => settled?,
        stuck = stuck_ahead => {
            let stuck = stuck?;
            let key = ours.key.as_deref().unwrap_or_default();
            let holder = (shim.invocations()?.into_iter()).find(|i| i.id == stuck);
            let (state, next) = match holder {
                Some(i) if matches!(i.status, Status::Paused(_)) => (
                    describe(&i.status),
                    format!("resume it (`cargo guest resume --invocation {stuck}`)"),
                ),
                Some(i) if i.status == Status::Running => (
                    format!("retrying after {} failed attempt(s)", i.retry_count),
                    "let it retry (`cargo guest resume`)".to_owned(),
                ),
                Some(i) => (describe(&i.status), "complete what it waits for".to_owned()),
                None => ("gone".to_owned(), "run this again".to_owned()),
            };
            bail!(
                "invocation {id} waits for key {key}, which invocation {stuck} holds ({state}): \
                 {next}, or end it (`cargo guest kill --invocation {stuck}`); invocation {id} \
                 stays queued behind it"
            );
        }
    }
    find()
}

/// Whether `i` was started by a call of invocation `root`, or of one below it.
fn below(all: &[Invocation], root: &str, i: &Invocation) -> bool {
    let mut caller = i.caller.as_deref();
    while let Some(id) = caller {
        if id == root {
            return true;
        }
        caller = all
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.caller.as_deref());
    }
    false
}

/// Waits for each invocation `open` picks to settle (with `quiet`, or to wait to retry),
/// round after round: an invocation may start others (durable calls), wait for them, and
/// wake when they end, so it goes round until a round finds them all where the last one left
/// them.
async fn rounds(
    shim: &Shim,
    open: impl Fn(&[Invocation], &Invocation) -> bool,
    quiet: bool,
) -> anyhow::Result<()> {
    let mut seen: Vec<(String, Status)> = Vec::new();
    loop {
        let all = shim.invocations()?;
        let ids: Vec<&str> = (all.iter())
            .filter(|i| open(&all, i))
            .map(|i| i.id.as_str())
            .collect();
        let mut now = Vec::with_capacity(ids.len());
        for id in ids {
            let status = if quiet {
                shim.invocation_quiet(id).await?
            } else {
                shim.invocation_settled(id).await?
            };
            now.push((id.to_owned(), status));
        }
        if now == seen {
            return Ok(());
        }
        seen = now;
    }
}

/// Prints a succeeded invocation's output on standard output; fails for a failed or paused
/// one; says what a suspended one waits for.
fn report(invocation: &Invocation, types: Option<&RouteTypes>) -> anyhow::Result<()> {
    match &invocation.status {
        Status::Succeeded(output) => {
            match types {
                Some(types) => println!("{}", types.decode_reply(output)?),
                None => println!("{}", String::from_utf8_lossy(output)),
            }
            Ok(())
        }
        Status::Suspended { .. } => {
            eprintln!("{}: {}", invocation.id, describe(&invocation.status));
            Ok(())
        }
        Status::Paused(_) => bail!(
            "invocation {id}: {}; once the code is fixed, resume it (`cargo guest resume \
             --invocation {id}`) or end it (`cargo guest kill --invocation {id}`)",
            describe(&invocation.status),
            id = invocation.id,
        ),
        other => bail!("invocation {}: {}", invocation.id, describe(other)),
    }
}

/// What a suspended invocation waits for, from the store key it waits on.
fn waiting_for(key: &str) -> String {
    let Some((kind, what)) = key.split_once(':') else {
        return key.to_owned();
    };
    match kind {
        "awakeable" => {
            format!("awakeable {what} (`cargo guest complete --awakeable {what} --value JSON`)")
        }
        "signal" => {
            let (invocation, name) = what.split_once('/').unwrap_or((what, ""));
            format!(
                "signal {name} (`cargo guest complete --signal {name} --invocation {invocation} \
                 --value JSON`)"
            )
        }
        "output" => format!("the output of invocation {what}"),
        _ => format!("{kind} {what}"),
    }
}

/// A status as the commands print it.
pub fn describe(status: &Status) -> String {
    match status {
        Status::Running => "running".into(),
        Status::Scheduled { start_at_ms } => {
            format!("scheduled to start at {start_at_ms} ms since the Unix epoch")
        }
        Status::Succeeded(output) => format!("succeeded ({} bytes of output)", output.len()),
        Status::Failed(f) => format!("failed: {f}"),
        Status::Paused(f) => format!("paused: {f}"),
        Status::Suspended {
            wake_at_ms,
            waiting_on,
        } => {
            let mut what: Vec<String> = waiting_on
                .iter()
                .filter(|w| !w.starts_with("cancel:"))
                .map(|w| waiting_for(w))
                .collect();
            if let Some(at) = wake_at_ms {
                what.push(format!("a timer due at {at} ms since the Unix epoch"));
            }
            format!("suspended, waiting for {}", what.join(" or "))
        }
    }
}

/// How much longer an ended invocation is kept, as the listing says it.
fn kept_for(left_ms: u64) -> String {
    if left_ms == 0 {
        return "retention over: purged when its service next registers".to_owned();
    }
    let minutes = left_ms.div_ceil(60_000);
    format!("kept {}h{:02}m more", minutes / 60, minutes % 60)
}

/// What `cargo guest invocations` prints: one line per invocation, or with `id`, that
/// invocation's journal, one JSON entry per line.
pub fn listing(shim: &Shim, id: Option<&str>) -> anyhow::Result<String> {
    use std::fmt::Write as _;
    let mut out = String::new();
    if let Some(id) = id {
        if shim.invocation(id)?.is_none() {
            anyhow::bail!("no invocation {id}");
        }
        for entry in shim.journal_json(id)? {
            writeln!(out, "{entry}")?;
        }
        return Ok(out);
    }
    let now_ms = shim.clock().now_ms();
    for i in shim.invocations()? {
        let key = i.key.as_deref().unwrap_or("-");
        let kept = match i.expires_at_ms {
            Some(at) => format!("  {}", kept_for(at.saturating_sub(now_ms))),
            None => String::new(),
        };
        writeln!(
            out,
            "{}  {}/{}  key {key}  attempts {}  {}{kept}",
            i.id,
            i.service,
            i.handler,
            i.attempts,
            describe(&i.status)
        )?;
    }
    Ok(out)
}

/// What `cargo guest complete` completes, and with what: done here, or asked of a running
/// server.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Completing {
    pub awakeable: Option<String>,
    pub promise: Option<String>,
    pub service: Option<String>,
    pub key: Option<String>,
    pub signal: Option<String>,
    pub invocation: Option<String>,
    /// The value's JSON text.
    pub value: Option<String>,
    /// A failure's message, in place of a value.
    pub failure: Option<String>,
}

impl Completing {
    /// Completes it in `shim`: whether this completed it (false: it had been already).
    pub fn complete(self, shim: &Shim) -> anyhow::Result<bool> {
        let value = match (self.value, self.failure) {
            (Some(json), _) => Ok(json.into_bytes()),
            (None, Some(message)) => Err(guestkit_shim::journal::Failure { code: 500, message }),
            (None, None) => bail!("a completion needs a value or a failure"),
        };
        let fresh = match (self.awakeable, self.promise, self.signal) {
            (Some(id), ..) => shim.complete_awakeable(&id, value)?,
            (None, Some(name), _) => {
                let service = self.service.unwrap_or_default();
                shim.complete_promise(&service, self.key.as_deref(), &name, value)?
            }
            (None, None, Some(name)) => {
                let invocation = self.invocation.unwrap_or_default();
                shim.complete_signal(&invocation, &name, value)?
            }
            (None, None, None) => bail!("a completion names an awakeable, a promise or a signal"),
        };
        Ok(fresh)
    }
}

//! Durable invocations from the command line, shared by `cargo guest run --durable`,
//! `invocations`, `complete` and `resume`. Each command is a shim process on the package's
//! state database: it runs the service's unfinished invocations until each ends or waits for
//! something only the outside can give, then exits; the next command picks them up from the
//! database.

use std::path::PathBuf;

use anyhow::bail;
use guestkit_shim::Shim;
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
    let id = shim.submit_invocation(Request {
        service: start.service.to_owned(),
        handler: start.handler.to_owned(),
        key: start.key.map(str::to_owned),
        input,
        idempotency_key: start.idempotency_key.map(str::to_owned),
        start_at_ms: None,
        limit: start.limit,
    })?;
    eprintln!("{:>12} invocation {id}", "Started");
    let settled = settle(shim, start.service).await?;
    let Some(ours) = settled.iter().find(|i| i.id == id) else {
        bail!("invocation {id} is missing from the state database");
    };
    report(ours, types.as_ref())
}

/// Which durable service a command works on, and where its database is.
#[derive(Debug, clap::Args)]
pub struct ServiceArgs {
    #[command(flatten)]
    pub guest: GuestArgs,
    /// Directory of the shim's state database
    #[arg(long, value_name = "DIR", default_value = ".guestkit")]
    pub state_dir: PathBuf,
    /// The service's name (default: the component's name)
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
}

impl ServiceArgs {
    /// Builds (when needed) and opens the service: a shim on its database, the component
    /// (read once) and the service's name.
    pub fn open(&self) -> anyhow::Result<(Shim, Component, String)> {
        let component = Component::read(&self.guest.component(false)?)?;
        let service = self
            .service
            .clone()
            .unwrap_or_else(|| component.default_name());
        let shim = shim::open(&self.state_dir, &component.path)?;
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

/// Runs `service`'s unfinished invocations until each ends or waits only for the outside.
pub async fn settle(shim: &Shim, service: &str) -> anyhow::Result<Vec<Invocation>> {
    // An invocation may start others (durable calls) and wait for them, and wake when they
    // end: go round until a round finds the same invocations where the last one left them.
    let mut seen: Vec<(String, Status)> = Vec::new();
    loop {
        let open: Vec<String> = shim
            .invocations()?
            .into_iter()
            .filter(|i| i.service == service && !i.status.is_final())
            .map(|i| i.id)
            .collect();
        let mut now = Vec::with_capacity(open.len());
        for id in open {
            let status = shim.invocation_settled(&id).await?;
            now.push((id, status));
        }
        if now == seen {
            break;
        }
        seen = now;
    }
    let all = shim.invocations()?;
    Ok(all.into_iter().filter(|i| i.service == service).collect())
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

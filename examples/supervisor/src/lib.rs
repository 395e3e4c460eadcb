//! A supervisor: it keeps a worker alive with the on-exit policy `restart`, watching it
//! with a monitor, and links to a helper, whose failure reaches it as `link-died` because it
//! chose not to die with its links.
//!
//! ```text
//! cargo guest run -p supervisor --grant spawn
//! ```

use std::cell::Cell;

use guestkit::guest::{Guest, HandlerError, InitOutcome, StartInfo};
use guestkit::host::messaging::{self, Incoming, ReceiveFilter};
use guestkit::host::process::{self, Limits, OnExit, SpawnOptions};
use guestkit::host::types::{ActorError, Address, Dest, ExitNotice, Module, Payload};

const HELPER_LINK: i64 = 7;

fn payload(route: Option<&str>, body: &str) -> Payload {
    Payload {
        tag: None,
        route: route.map(str::to_owned),
        body: body.as_bytes().to_vec(),
        metadata: None,
        headers: Vec::new(),
        blob: None,
        capabilities: Vec::new(),
    }
}

/// Prints a line on the host (`cargo guest run` shows it).
fn report(line: &str) {
    let _ = messaging::send(&Dest::Host, &payload(None, line), Vec::new(), false);
}

fn spawn(
    code: &Module,
    name: &str,
    on_exit: OnExit,
    link: Option<i64>,
) -> Result<Address, ActorError> {
    process::spawn(
        code,
        &SpawnOptions {
            name: Some(name.into()),
            args: b"worker".to_vec(),
            on_exit,
            request_capabilities: Vec::new(),
            grant_capabilities: Vec::new(),
            public: false,
            link: link.is_some(),
            link_tag: link,
            limits: Limits {
                max_memory_bytes: None,
                max_fuel: None,
            },
            actor_type: None,
        },
    )
    .map_err(|e| ActorError::Internal(format!("spawning {name}: {e:?}")))
}

fn call(to: &Address, route: &str) -> Result<String, ActorError> {
    messaging::call(
        &Dest::Actor(to.clone()),
        &payload(Some(route), ""),
        Vec::new(),
        5_000,
    )
    .map(|r| String::from_utf8_lossy(&r.body).into_owned())
    .map_err(|f| f.error)
}

fn notice(n: &ExitNotice) -> String {
    format!(
        "{} ended ({:?}) in incarnation {}",
        n.actor.process.process_name, n.reason, n.incarnation
    )
}

fn supervise() -> Result<InitOutcome, ActorError> {
    process::die_when_link_dies(false);
    let code = process::load_module("supervisor.wasm")
        .map_err(|e| ActorError::Internal(format!("load-module: {e:?}")))?;

    let worker = spawn(&code, "worker", OnExit::Restart, None)?;
    process::monitor(&worker);
    report(&format!("worker: {}", call(&worker, "status")?));
    if let Err(e) = call(&worker, "crash") {
        report(&format!("worker crashed: {}", guestkit::Error::from(e)));
    }
    let everything = ReceiveFilter {
        tags: Vec::new(),
        request_ids: Vec::new(),
    };
    if let Ok(Incoming::ProcessDied(n)) = messaging::receive(&everything, Some(5_000)) {
        report(&format!("monitor: {}", notice(&n)));
    }
    // The call waits in the worker's mailbox while it restarts, at the same address.
    report(&format!("worker: {}", call(&worker, "status")?));

    let helper = spawn(&code, "helper", OnExit::None, Some(HELPER_LINK))?;
    let _ = call(&helper, "crash");
    let link = ReceiveFilter {
        tags: vec![HELPER_LINK],
        request_ids: Vec::new(),
    };
    if let Ok(Incoming::LinkDied(n)) = messaging::receive(&link, Some(5_000)) {
        report(&format!(
            "link {}: {}",
            n.tag.unwrap_or_default(),
            notice(&n)
        ));
    }
    report("supervisor done");
    Ok(InitOutcome::Exit)
}

thread_local! {
    static START: Cell<(u64, bool)> = const { Cell::new((0, false)) };
}

struct Supervisor;

impl Guest for Supervisor {
    fn init(info: StartInfo) -> Result<InitOutcome, ActorError> {
        START.set((info.incarnation, info.restarted));
        if info.args == b"worker" {
            Ok(InitOutcome::Serve)
        } else {
            supervise()
        }
    }

    fn handle(delivery: Incoming) -> Result<Option<Payload>, HandlerError> {
        let Incoming::Request(m) = delivery else {
            return Ok(None);
        };
        match m.route.as_deref() {
            Some("crash") => panic!("asked to crash"),
            Some("status") => {
                let (incarnation, restarted) = START.get();
                let status = format!("incarnation {incarnation}, restarted: {restarted}");
                Ok(Some(payload(None, &status)))
            }
            other => Err(HandlerError::Terminal(ActorError::UnknownRoute(format!(
                "{other:?}"
            )))),
        }
    }
}

guestkit::export_guest!(Supervisor);

//! Ping-pong in process mode: both actors run their whole life inside `init`, looping on
//! `receive` and picking messages by tag, the way lunatic processes do.
//!
//! The first actor (no args) spawns a second from the same component with args `pong`, sends
//! it three tagged pings and waits for each pong with a timeout, then tells it to stop.
//!
//! ```text
//! cargo guest run -p ping-pong --grant spawn
//! ```

use guestkit::guest::{Guest, HandlerError, InitOutcome, StartInfo};
use guestkit::host::messaging::{self, Incoming, ReceiveFilter};
use guestkit::host::process::{self, Limits, OnExit, SpawnOptions};
use guestkit::host::types::{ActorError, Dest, Payload};

const PING: i64 = 1;
const PONG: i64 = 2;
const STOP: i64 = 3;

fn tagged(tag: i64, body: &str) -> Payload {
    Payload {
        tag: Some(tag),
        route: None,
        body: body.as_bytes().to_vec(),
        metadata: None,
        headers: Vec::new(),
        blob: None,
        capabilities: Vec::new(),
    }
}

fn only(tags: &[i64]) -> ReceiveFilter {
    ReceiveFilter {
        tags: tags.to_vec(),
        request_ids: Vec::new(),
    }
}

fn failed(what: &str, e: impl std::fmt::Debug) -> ActorError {
    ActorError::Internal(format!("{what}: {e:?}"))
}

fn ping() -> Result<InitOutcome, ActorError> {
    let code = process::load_module("ping-pong.wasm").map_err(|e| failed("load-module", e))?;
    let pong = process::spawn(
        &code,
        &SpawnOptions {
            name: Some("pong".into()),
            args: b"pong".to_vec(),
            on_exit: OnExit::None,
            request_capabilities: Vec::new(),
            grant_capabilities: Vec::new(),
            public: false,
            link: true,
            link_tag: None,
            limits: Limits {
                max_memory_bytes: None,
                max_fuel: None,
            },
            actor_type: None,
        },
    )
    .map_err(|e| failed("spawn", e))?;
    let to = Dest::Actor(pong);
    for round in 1..=3 {
        messaging::send(
            &to,
            &tagged(PING, &format!("ping {round}")),
            Vec::new(),
            false,
        )?;
        match messaging::receive(&only(&[PONG]), Some(5_000)) {
            Ok(Incoming::Request(m)) => report(&String::from_utf8_lossy(&m.body)),
            Ok(_) => unreachable!("only tagged messages match a tag filter"),
            Err(_) => return Err(ActorError::TimedOut),
        }
    }
    // Nobody sends tag 99: the receive gives up after its timeout, having taken nothing.
    if messaging::receive(&only(&[99]), Some(50)).is_err() {
        report("no message tagged 99 within 50 ms");
    }
    messaging::send(&to, &tagged(STOP, "stop"), Vec::new(), false)?;
    report("3 rounds played");
    Ok(InitOutcome::Exit)
}

fn pong() -> Result<InitOutcome, ActorError> {
    loop {
        let Ok(Incoming::Request(m)) = messaging::receive(&only(&[PING, STOP]), None) else {
            continue;
        };
        if m.tag == Some(STOP) {
            return Ok(InitOutcome::Exit);
        }
        let reply = String::from_utf8_lossy(&m.body).replace("ping", "pong");
        messaging::send(
            &Dest::Actor(m.source),
            &tagged(PONG, &reply),
            Vec::new(),
            false,
        )?;
    }
}

/// Prints a line on the host (`cargo guest run` shows it).
fn report(line: &str) {
    let _ = messaging::send(&Dest::Host, &tagged(0, line), Vec::new(), false);
}

struct PingPong;

impl Guest for PingPong {
    fn init(info: StartInfo) -> Result<InitOutcome, ActorError> {
        if info.args == b"pong" { pong() } else { ping() }
    }

    fn handle(_: Incoming) -> Result<Option<Payload>, HandlerError> {
        Ok(None)
    }
}

guestkit::export_guest!(PingPong);

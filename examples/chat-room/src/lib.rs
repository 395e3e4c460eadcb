//! Capabilities: a private chat room accepts posts only from actors holding its messaging
//! capability. The first actor spawns the room (so it holds that capability, as its parent),
//! then two members: `alice`, given the capability at spawn, and `mallory`, given nothing.
//! Alice's post lands; the shim refuses Mallory's with `permission-denied`.
//!
//! ```text
//! cargo guest run -p chat-room --grant spawn
//! ```

use guestkit::guest::{Guest, HandlerError, InitOutcome, StartInfo};
use guestkit::host::messaging::{self, Incoming, ReceiveFilter};
use guestkit::host::process::{self, Limits, OnExit, SpawnOptions};
use guestkit::host::state;
use guestkit::host::types::{ActorError, Address, Capability, Dest, Payload};

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
    code: &guestkit::host::types::Module,
    name: &str,
    args: String,
    caps: Vec<Capability>,
) -> Result<Address, ActorError> {
    process::spawn(
        code,
        &SpawnOptions {
            name: Some(name.into()),
            args: args.into_bytes(),
            on_exit: OnExit::None,
            request_capabilities: caps,
            grant_capabilities: Vec::new(),
            public: false,
            link: false,
            link_tag: None,
            limits: Limits {
                max_memory_bytes: None,
                max_fuel: None,
            },
            actor_type: None,
        },
    )
    .map_err(|e| ActorError::Internal(format!("spawning {name}: {e:?}")))
}

fn call(to: &Address, route: &str, body: &str) -> Result<String, ActorError> {
    messaging::call(
        &Dest::Actor(to.clone()),
        &payload(Some(route), body),
        Vec::new(),
        5_000,
    )
    .map(|r| String::from_utf8_lossy(&r.body).into_owned())
    .map_err(|f| f.error)
}

/// Sets up the room and its members, waits for both members to finish, prints the history.
fn host_the_chat() -> Result<InitOutcome, ActorError> {
    let code = process::load_module("chat-room.wasm")
        .map_err(|e| ActorError::Internal(format!("load-module: {e:?}")))?;
    let room = spawn(&code, "room", "room".into(), Vec::new())?;
    let key = Capability {
        issuer: room.clone(),
        params: "\"messaging\"".into(),
    };
    let members = [
        spawn(
            &code,
            "alice",
            format!("member {room} hello from alice"),
            vec![key],
        )?,
        spawn(
            &code,
            "mallory",
            format!("member {room} mallory was here"),
            Vec::new(),
        )?,
    ];
    for member in &members {
        process::monitor(member);
    }
    let everything = ReceiveFilter {
        tags: Vec::new(),
        request_ids: Vec::new(),
    };
    for _ in &members {
        let _ = messaging::receive(&everything, Some(5_000));
    }
    report(&format!("history: {}", call(&room, "history", "")?));
    Ok(InitOutcome::Exit)
}

/// A member posts once and leaves.
fn post(args: &str) -> Result<InitOutcome, ActorError> {
    let mut words = args.splitn(3, ' ').skip(1);
    let room =
        Address::parse(words.next().unwrap_or_default()).map_err(|e| e.actor_error().clone())?;
    let text = words.next().unwrap_or_default();
    let me = process::our().process.process_name;
    match call(&room, "post", text) {
        Ok(count) => report(&format!("{me}: posted, {count} message(s) in the room")),
        Err(e) => report(&format!("{me}: refused: {}", guestkit::Error::from(e))),
    }
    Ok(InitOutcome::Exit)
}

struct ChatRoom;

impl Guest for ChatRoom {
    fn init(info: StartInfo) -> Result<InitOutcome, ActorError> {
        let args = String::from_utf8_lossy(&info.args).into_owned();
        match args.split(' ').next() {
            Some("room") => Ok(InitOutcome::Serve),
            Some("member") => post(&args),
            _ => host_the_chat(),
        }
    }

    /// The room: `post` appends a line to its persistent history, `history` returns it.
    fn handle(delivery: Incoming) -> Result<Option<Payload>, HandlerError> {
        let Incoming::Request(m) = delivery else {
            return Ok(None);
        };
        let mut history = state::get("history")
            .map(|h| String::from_utf8_lossy(&h).into_owned())
            .unwrap_or_default();
        match m.route.as_deref() {
            Some("post") => {
                let line = format!(
                    "{}: {}",
                    m.source.process.process_name,
                    String::from_utf8_lossy(&m.body)
                );
                history = if history.is_empty() {
                    line
                } else {
                    format!("{history} | {line}")
                };
                state::set("history", history.as_bytes());
                let count = history.split(" | ").count();
                Ok(Some(payload(None, &count.to_string())))
            }
            Some("history") => Ok(Some(payload(None, &history))),
            other => Err(HandlerError::Terminal(ActorError::UnknownRoute(format!(
                "{other:?}"
            )))),
        }
    }
}

guestkit::export_guest!(ChatRoom);

//! The shim's side of the benchmarks: each route does one measured thing many times, so the
//! host divides one request's time by the count.
//!
//! - `state-get` (body: count): reads a committed 16-byte value that many times.
//! - `ping`: answers at once with the body it got.
//! - `drive` (body: `count address`): calls `ping` on the actor at address that many times.
//! - `durable-steps` (body: count): in a durable invocation, that many `durable::run` steps
//!   without side effects, each journaled before the next begins.

use guestkit::guest::{Guest, HandlerError, InitOutcome, StartInfo};
use guestkit::host::messaging::{self, Incoming};
use guestkit::host::state;
use guestkit::host::types::{ActorError, Address, Dest, Payload};

struct Bench;

const KEY: &str = "k";

fn bad(why: &str) -> HandlerError {
    HandlerError::Terminal(ActorError::InvalidArgument(why.into()))
}

fn count(text: &str) -> Result<u32, HandlerError> {
    text.trim().parse().map_err(|_| bad("expected a count"))
}

fn reply(body: Vec<u8>) -> Option<Payload> {
    Some(Payload {
        tag: None,
        route: None,
        body,
        metadata: None,
        headers: Vec::new(),
        blob: None,
        capabilities: Vec::new(),
    })
}

impl Guest for Bench {
    fn init(_: StartInfo) -> Result<InitOutcome, ActorError> {
        if state::get(KEY).is_none() {
            state::set(KEY, &[7; 16]);
        }
        Ok(InitOutcome::Serve)
    }

    fn handle(delivery: Incoming) -> Result<Option<Payload>, HandlerError> {
        let Incoming::Request(m) = delivery else {
            return Ok(None);
        };
        let body = String::from_utf8_lossy(&m.body).into_owned();
        match m.route.as_deref() {
            Some("ping") => Ok(reply(m.body)),
            Some("state-get") => {
                let mut bytes = 0;
                for _ in 0..count(&body)? {
                    bytes += state::get(KEY).map_or(0, |v| v.len());
                }
                Ok(reply(bytes.to_string().into_bytes()))
            }
            Some("drive") => {
                let (n, to) = body.split_once(' ').ok_or_else(|| bad("count address"))?;
                let to = Dest::Actor(Address::parse(to).map_err(|_| bad("not an address"))?);
                let ping = Payload {
                    route: Some("ping".into()),
                    ..reply(b"x".to_vec()).expect("a payload")
                };
                for _ in 0..count(n)? {
                    messaging::call(&to, &ping, Vec::new(), 10_000).map_err(|e| {
                        HandlerError::Terminal(ActorError::Internal(format!("{e:?}")))
                    })?;
                }
                Ok(reply(Vec::new()))
            }
            Some("durable-steps") => {
                for i in 0..count(&body)? {
                    guestkit::durable::run("step", || Ok::<u32, String>(i)).map_err(|e| {
                        HandlerError::Terminal(ActorError::Internal(format!("{e:?}")))
                    })?;
                }
                Ok(reply(Vec::new()))
            }
            _ => Err(bad("unknown route")),
        }
    }
}

guestkit::export_guest!(Bench);

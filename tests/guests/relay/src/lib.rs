//! Relays requests to other actors, so tests can drive each messaging primitive between two
//! actors of one shim. Errors come back in the reply, so a test sees exactly what the host said.

use std::time::Duration;

use guestkit::host::messaging::{self, Incoming, ReceiveFilter, RequestOptions};
use guestkit::host::types::{Dest, Payload};
use guestkit::prelude::*;

guestkit::contract!("proto/relay.proto");

use crate::relay::v1::{Outcome, Relay, RelayService};

#[derive(Default)]
struct Relayer;

fn payload(r: &Relay) -> Payload {
    let mut body = r.body.clone();
    body.resize(body.len().max(r.pad_to as usize), 0);
    Payload {
        tag: None,
        route: Some(r.route.clone()),
        body,
        metadata: None,
        headers: Vec::new(),
        blob: None,
        capabilities: Vec::new(),
    }
}

fn outcome(result: Result<Vec<u8>, Error>) -> Outcome {
    match result {
        Ok(body) => Outcome {
            body,
            error: String::new(),
        },
        Err(e) => Outcome {
            body: Vec::new(),
            error: e.to_string(),
        },
    }
}

#[guestkit::actor]
impl RelayService for Relayer {
    fn flaky(&mut self, _cx: &mut Context, r: Relay) -> Result<Outcome, Error> {
        if r.route == "terminal" {
            return Err(Error::terminal(409, "refused by the relay"));
        }
        let attempt = guestkit::host::durable::input().retry_count + 1;
        if attempt == 1 {
            return Err(Error::internal("the first attempt fails"));
        }
        Ok(Outcome {
            body: format!("attempt {attempt}").into_bytes(),
            error: String::new(),
        })
    }

    fn call(&mut self, cx: &mut Context, r: Relay) -> Result<Outcome, Error> {
        let to = Address::parse(&r.to)?;
        let body = payload(&r).body;
        Ok(outcome(cx.call(
            &to,
            &r.route,
            body,
            Duration::from_millis(r.timeout_ms),
        )))
    }

    fn request_receive(&mut self, _cx: &mut Context, r: Relay) -> Result<Outcome, Error> {
        let to = Dest::Actor(Address::parse(&r.to)?);
        let opts = RequestOptions {
            timeout_ms: r.timeout_ms,
            context: Some(b"ctx".to_vec()),
            inherit: false,
        };
        let id = messaging::request(&to, &payload(&r), Vec::new(), &opts).map_err(Error::from)?;
        let filter = ReceiveFilter {
            tags: Vec::new(),
            request_ids: vec![id],
        };
        let result = match messaging::receive(&filter, None) {
            Ok(Incoming::Response(resp)) if resp.context.as_deref() == Some(b"ctx") => {
                Ok(resp.body)
            }
            Ok(Incoming::Response(_)) => {
                Err(Error::internal("the response lost the request's context"))
            }
            Ok(Incoming::SendFailed(f)) => Err(Error::from(f.error)),
            Ok(_) => Err(Error::internal(
                "receive returned a delivery outside the filter",
            )),
            Err(_) => Err(Error::internal("receive without a timeout timed out")),
        };
        Ok(outcome(result))
    }

    fn send(&mut self, _cx: &mut Context, r: Relay) -> Result<Outcome, Error> {
        let to = Dest::Actor(Address::parse(&r.to)?);
        let id = messaging::send(&to, &payload(&r), Vec::new(), false).map_err(Error::from)?;
        Ok(outcome(Ok(id.to_le_bytes().to_vec())))
    }

    /// The requester gets the first response; the second respond's error is logged, and the
    /// reply this handler returns is not sent because the request is already answered.
    fn respond_twice(&mut self, cx: &mut Context, r: Relay) -> Result<Outcome, Error> {
        let first = Payload {
            body: b"first".to_vec(),
            ..payload(&r)
        };
        messaging::respond(None, &first, Vec::new(), false).map_err(Error::from)?;
        match messaging::respond(None, &payload(&r), Vec::new(), false) {
            Ok(()) => cx.error("second respond: ok"),
            Err(e) => cx.info(format!("second respond: {}", Error::from(e))),
        }
        Ok(outcome(Ok(b"returned".to_vec())))
    }
}

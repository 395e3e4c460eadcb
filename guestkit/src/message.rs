//! Messages defined in Rust instead of protobuf: `#[derive(guestkit::Message)]` on a
//! serde type gives it a route, and a [`Handler`] impl makes an actor answer it.
//!
//! ```ignore
//! #[derive(serde::Serialize, serde::Deserialize, guestkit::Message)]
//! #[message(reply = Pong)]
//! struct Ping { n: u32 }
//!
//! #[guestkit::actor]
//! impl guestkit::Handler<Ping> for Pinger {
//!     fn handle(&mut self, cx: &mut Context, ping: Ping) -> Result<Pong, Error> { .. }
//! }
//! ```
//!
//! Bodies are JSON, so any tool can read them; the route is the type's Rust path.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Context, Error};

/// A message type with its route and the type of its reply; derive it with
/// `#[derive(guestkit::Message)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a guestkit message",
    label = "not a message",
    note = "add `#[derive(serde::Serialize, serde::Deserialize, guestkit::Message)]` to its definition"
)]
pub trait Message: Serialize + DeserializeOwned {
    /// The route requests of this type are sent to: the type's Rust path.
    const ROUTE: &'static str;
    /// What a handler answers with.
    type Reply: Serialize + DeserializeOwned;
}

/// An actor that answers messages of type `M`.
pub trait Handler<M: Message> {
    fn handle(&mut self, cx: &mut Context, message: M) -> Result<M::Reply, Error>;

    /// The one route this handler answers.
    #[doc(hidden)]
    const __ROUTES: &'static [&'static str] = &[M::ROUTE];

    /// Its method and the route it answers.
    #[doc(hidden)]
    const __METHOD_ROUTES: &'static [(&'static str, &'static str)] = &[("handle", M::ROUTE)];

    /// Decodes a request for `M`'s route, handles it and encodes the reply.
    #[doc(hidden)]
    fn __dispatch(
        &mut self,
        cx: &mut Context,
        route: &str,
        body: &[u8],
    ) -> Option<Result<Vec<u8>, Error>> {
        if route != M::ROUTE {
            return None;
        }
        Some(
            serde_json::from_slice::<M>(body)
                .map_err(|e| Error::decode_json(M::ROUTE, &e))
                .and_then(|message| self.handle(cx, message))
                .and_then(|reply| {
                    serde_json::to_vec(&reply).map_err(|e| Error::internal(e.to_string()))
                }),
        )
    }
}

impl Context {
    /// Sends `message` to the actor at `to` and waits up to `timeout` for its typed reply.
    pub fn ask<M: Message>(
        &self,
        to: &crate::prelude::Address,
        message: &M,
        timeout: std::time::Duration,
    ) -> Result<M::Reply, Error> {
        let body = serde_json::to_vec(message).map_err(|e| Error::internal(e.to_string()))?;
        let reply = self.call(to, M::ROUTE, body, timeout)?;
        serde_json::from_slice(&reply).map_err(|e| Error::decode_json(M::ROUTE, &e))
    }
}

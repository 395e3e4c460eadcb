//! `guestkit:host/random`: randomness. In a durable invocation, the values come from the
//! invocation's seeded stream ([`seeded_stream`](crate::journal::seeded_stream)), so a replay
//! draws the same ones without journaling them; elsewhere, from the operating system.

use rand_chacha::rand_core::Rng;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::wit::random::Host;

struct GetBytes(u32);
impl HostCall for GetBytes {
    const NAME: &'static str = "random.get-bytes";
    const EFFECT: Effect = Effect::Journaled;
    type Output = Vec<u8>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Vec<u8>> {
        let len = self.0 as usize;
        let limit = cx.node.limits.max_message_bytes;
        if len > limit {
            return Err(wasmtime::format_err!(
                "{}: {len} bytes asked for, over the shim's limit of {limit}",
                Self::NAME
            ));
        }
        let fields = || json!({ "len": len });
        cx.draw(Self::NAME, fields, |random| {
            let mut bytes = vec![0; len];
            match random {
                Some(random) => random.fill_bytes(&mut bytes),
                None => getrandom::fill(&mut bytes)
                    .map_err(|e| wasmtime::format_err!("{}: {e}", Self::NAME))?,
            }
            Ok(bytes)
        })
    }
}

struct NextU64;
impl HostCall for NextU64 {
    const NAME: &'static str = "random.next-u64";
    const EFFECT: Effect = Effect::Journaled;
    type Output = u64;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<u64> {
        cx.draw(
            Self::NAME,
            || json!({}),
            |random| match random {
                Some(random) => Ok(random.next_u64()),
                None => getrandom::u64().map_err(|e| wasmtime::format_err!("{}: {e}", Self::NAME)),
            },
        )
    }
}

impl ActorCtx {
    /// A draw of random values by `command`: `draw` gets the invocation's stream in a
    /// durable invocation, `None` (the operating system's randomness) elsewhere. A journal
    /// written when random values were journaled still replays them.
    fn draw<T: Serialize + DeserializeOwned>(
        &mut self,
        command: &str,
        fields: impl FnOnce() -> serde_json::Value,
        draw: impl FnOnce(Option<&mut dyn Rng>) -> wasmtime::Result<T>,
    ) -> wasmtime::Result<T> {
        let Some(attempt) = self.durable.as_deref_mut() else {
            return draw(None);
        };
        if let Some(recorded) = attempt.replay_former(command, &fields())? {
            return Ok(recorded);
        }
        draw(Some(attempt.random()))
    }
}

impl Host for ActorCtx {
    fn get_bytes(&mut self, len: u32) -> wasmtime::Result<Vec<u8>> {
        self.dispatch_now(GetBytes(len))
    }
    fn next_u64(&mut self) -> wasmtime::Result<u64> {
        self.dispatch_now(NextU64)
    }
}

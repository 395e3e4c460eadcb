//! `guestkit:host/random`: randomness from the operating system, journaled in durable
//! invocations so that a replay sees the same values.

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
        cx.journaled(
            Self::NAME,
            || json!({ "len": len }),
            None,
            |_| {
                let mut bytes = vec![0; len];
                getrandom::fill(&mut bytes)
                    .map_err(|e| wasmtime::format_err!("{}: {e}", Self::NAME))?;
                Ok(bytes)
            },
        )
        .await
    }
}

struct NextU64;
impl HostCall for NextU64 {
    const NAME: &'static str = "random.next-u64";
    const EFFECT: Effect = Effect::Journaled;
    type Output = u64;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<u64> {
        cx.journaled(
            Self::NAME,
            || json!({}),
            None,
            |_| getrandom::u64().map_err(|e| wasmtime::format_err!("{}: {e}", Self::NAME)),
        )
        .await
    }
}

impl Host for ActorCtx {
    async fn get_bytes(&mut self, len: u32) -> wasmtime::Result<Vec<u8>> {
        self.dispatch(GetBytes(len)).await
    }
    async fn next_u64(&mut self) -> wasmtime::Result<u64> {
        self.dispatch(NextU64).await
    }
}

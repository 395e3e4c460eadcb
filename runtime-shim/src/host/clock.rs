//! `guestkit:host/clock`: wall-clock and monotonic time, journaled in durable invocations.

use serde_json::json;

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::wit::clock::Host;
use crate::wit::types::Timestamp;

struct Now;
impl HostCall for Now {
    const NAME: &'static str = "clock.now";
    const EFFECT: Effect = Effect::Journaled;
    type Output = Timestamp;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Timestamp> {
        let wall = cx.node.clock.wall();
        let (seconds, nanoseconds) = cx.journaled(
            Self::NAME,
            || json!({}),
            None,
            |_| Ok((wall.as_secs(), wall.subsec_nanos())),
        )?;
        Ok(Timestamp {
            seconds,
            nanoseconds,
        })
    }
}

struct Monotonic;
impl HostCall for Monotonic {
    const NAME: &'static str = "clock.monotonic-ns";
    const EFFECT: Effect = Effect::Journaled;
    type Output = u64;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<u64> {
        let elapsed = cx.node.clock.monotonic();
        cx.journaled(
            Self::NAME,
            || json!({}),
            None,
            |_| Ok(u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX)),
        )
    }
}

impl Host for ActorCtx {
    fn now(&mut self) -> wasmtime::Result<Timestamp> {
        self.dispatch_now(Now)
    }
    fn monotonic_ns(&mut self) -> wasmtime::Result<u64> {
        self.dispatch_now(Monotonic)
    }
}

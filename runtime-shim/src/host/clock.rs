//! `guestkit:host/clock`: wall-clock and monotonic time, journaled in durable invocations.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::json;

use super::{ActorCtx, HostCall};
use crate::bindings::clock::Host;
use crate::bindings::types::Timestamp;

/// The wall-clock time now.
pub(crate) fn now() -> Timestamp {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Timestamp {
        seconds: since.as_secs(),
        nanoseconds: since.subsec_nanos(),
    }
}

struct Now;
impl HostCall for Now {
    const NAME: &'static str = "clock.now";
    type Output = Timestamp;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Timestamp> {
        let (seconds, nanoseconds) = cx
            .journaled(
                Self::NAME,
                || json!({}),
                None,
                |_| {
                    let t = now();
                    Ok((t.seconds, t.nanoseconds))
                },
            )
            .await?;
        Ok(Timestamp {
            seconds,
            nanoseconds,
        })
    }
}

struct Monotonic;
impl HostCall for Monotonic {
    const NAME: &'static str = "clock.monotonic-ns";
    type Output = u64;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<u64> {
        let elapsed = cx.shared.started.elapsed();
        cx.journaled(
            Self::NAME,
            || json!({}),
            None,
            |_| Ok(u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX)),
        )
        .await
    }
}

impl Host for ActorCtx {
    async fn now(&mut self) -> wasmtime::Result<Timestamp> {
        self.dispatch(Now).await
    }
    async fn monotonic_ns(&mut self) -> wasmtime::Result<u64> {
        self.dispatch(Monotonic).await
    }
}

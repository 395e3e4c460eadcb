//! `guestkit:host/state`: persistent key/value state, read and written through the step's
//! [`StateTxn`](crate::state::StateTxn), and journaled in durable invocations.

use serde_json::json;

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::storage::StateChanges;
use crate::wit::state::Host;

fn storage_trap(name: &str, e: crate::storage::StorageError) -> wasmtime::Error {
    wasmtime::format_err!("{name} failed: {e}")
}

struct Get(String);
impl HostCall for Get {
    const NAME: &'static str = "state.get";
    const EFFECT: Effect = Effect::Journaled;
    type Output = Option<Vec<u8>>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        cx.check_state(Self::NAME, false)?;
        let key = self.0;
        cx.journaled(
            Self::NAME,
            || json!({ "key": &key }),
            None,
            |state| state.get(&key).map_err(|e| storage_trap(Self::NAME, e)),
        )
    }
}

/// A write: journaled and applied with its entry in a durable invocation, the step's
/// otherwise ([`ActorCtx::write_state`]).
struct Set(String, Vec<u8>);
impl HostCall for Set {
    const NAME: &'static str = "state.set";
    const EFFECT: Effect = Effect::Journaled;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.check_state(Self::NAME, true)?;
        let Set(key, value) = self;
        let fields = json!({ "key": &key });
        cx.write_state(Self::NAME, fields, StateChanges::write(key, Some(value)))
            .await
    }
}

struct Clear(String);
impl HostCall for Clear {
    const NAME: &'static str = "state.clear";
    const EFFECT: Effect = Effect::Journaled;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.check_state(Self::NAME, true)?;
        let fields = json!({ "key": &self.0 });
        cx.write_state(Self::NAME, fields, StateChanges::write(self.0, None))
            .await
    }
}

struct ClearAll;
impl HostCall for ClearAll {
    const NAME: &'static str = "state.clear-all";
    const EFFECT: Effect = Effect::Journaled;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.check_state(Self::NAME, true)?;
        cx.write_state(Self::NAME, json!({}), StateChanges::clear_all())
            .await
    }
}

struct Keys;
impl HostCall for Keys {
    const NAME: &'static str = "state.keys";
    const EFFECT: Effect = Effect::Journaled;
    type Output = Vec<String>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Vec<String>> {
        cx.check_state(Self::NAME, false)?;
        cx.journaled(
            Self::NAME,
            || json!({}),
            None,
            |state| state.keys().map_err(|e| storage_trap(Self::NAME, e)),
        )
    }
}

impl Host for ActorCtx {
    fn get(&mut self, key: String) -> wasmtime::Result<Option<Vec<u8>>> {
        self.dispatch_now(Get(key))
    }
    async fn set(&mut self, key: String, value: Vec<u8>) -> wasmtime::Result<()> {
        self.dispatch(Set(key, value)).await
    }
    async fn clear(&mut self, key: String) -> wasmtime::Result<()> {
        self.dispatch(Clear(key)).await
    }
    async fn clear_all(&mut self) -> wasmtime::Result<()> {
        self.dispatch(ClearAll).await
    }
    fn keys(&mut self) -> wasmtime::Result<Vec<String>> {
        self.dispatch_now(Keys)
    }
}

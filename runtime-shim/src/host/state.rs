//! `guestkit:host/state`: persistent key/value state, read and written through the step's
//! [`StateTxn`](crate::state::StateTxn).

use super::{ActorCtx, HostCall};
use crate::bindings::state::Host;

fn storage_trap(name: &str, e: crate::storage::StorageError) -> wasmtime::Error {
    wasmtime::format_err!("{name} failed: {e}")
}

struct Get(String);
impl HostCall for Get {
    const NAME: &'static str = "state.get";
    type Output = Option<Vec<u8>>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        cx.state
            .get(&self.0)
            .map_err(|e| storage_trap(Self::NAME, e))
    }
}

struct Set(String, Vec<u8>);
impl HostCall for Set {
    const NAME: &'static str = "state.set";
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.state.set(self.0, self.1);
        Ok(())
    }
}

struct Clear(String);
impl HostCall for Clear {
    const NAME: &'static str = "state.clear";
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.state.clear(self.0);
        Ok(())
    }
}

struct ClearAll;
impl HostCall for ClearAll {
    const NAME: &'static str = "state.clear-all";
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.state.clear_all();
        Ok(())
    }
}

struct Keys;
impl HostCall for Keys {
    const NAME: &'static str = "state.keys";
    type Output = Vec<String>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Vec<String>> {
        cx.state.keys().map_err(|e| storage_trap(Self::NAME, e))
    }
}

impl Host for ActorCtx {
    async fn get(&mut self, key: String) -> wasmtime::Result<Option<Vec<u8>>> {
        self.dispatch(Get(key)).await
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
    async fn keys(&mut self) -> wasmtime::Result<Vec<String>> {
        self.dispatch(Keys).await
    }
}

//! `guestkit:host/process`: the actor's identity, sleeping, and ending itself.

use super::unimplemented::{Refuse, Trap};
use super::{ActorCtx, HostCall};
use crate::bindings::process::{Host, OnExit, SpawnError, SpawnOptions};
use crate::bindings::types::{ActorError, Address, Module};
use wasmtime::component::Resource;

/// Raised by `process.exit`: unwinds the guest and tells the actor loop how it ended.
#[derive(Debug, thiserror::Error)]
#[error("the actor called process.exit(failed: {failed})")]
pub(crate) struct ExitRequested {
    pub failed: bool,
}

struct Our;
impl HostCall for Our {
    const NAME: &'static str = "process.our";
    type Output = Address;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Address> {
        Ok(cx.our.clone())
    }
}

struct Incarnation;
impl HostCall for Incarnation {
    const NAME: &'static str = "process.incarnation";
    type Output = u64;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<u64> {
        Ok(cx.incarnation)
    }
}

struct Exists(Address);
impl HostCall for Exists {
    const NAME: &'static str = "process.exists";
    type Output = bool;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<bool> {
        Ok(cx.shared.router.exists(&self.0))
    }
}

struct Exit {
    failed: bool,
}
impl HostCall for Exit {
    const NAME: &'static str = "process.exit";
    type Output = ();
    async fn run(self, _cx: &mut ActorCtx) -> wasmtime::Result<()> {
        Err(wasmtime::Error::new(ExitRequested {
            failed: self.failed,
        }))
    }
}

struct Sleep(u64);
impl HostCall for Sleep {
    const NAME: &'static str = "process.sleep";
    type Output = ();
    async fn run(self, _cx: &mut ActorCtx) -> wasmtime::Result<()> {
        tokio::time::sleep(std::time::Duration::from_millis(self.0)).await;
        Ok(())
    }
}

impl Host for ActorCtx {
    async fn our(&mut self) -> wasmtime::Result<Address> {
        self.dispatch(Our).await
    }
    async fn incarnation(&mut self) -> wasmtime::Result<u64> {
        self.dispatch(Incarnation).await
    }
    async fn exists(&mut self, target: Address) -> wasmtime::Result<bool> {
        self.dispatch(Exists(target)).await
    }
    async fn exit(&mut self, failed: bool) -> wasmtime::Result<()> {
        self.dispatch(Exit { failed }).await
    }
    async fn sleep(&mut self, ms: u64) -> wasmtime::Result<()> {
        self.dispatch(Sleep(ms)).await
    }
    async fn load_module(
        &mut self,
        _path: String,
    ) -> wasmtime::Result<Result<Resource<Module>, SpawnError>> {
        self.dispatch(Trap::new("process.load-module")).await
    }
    async fn compile_module(
        &mut self,
        _bytes: Vec<u8>,
    ) -> wasmtime::Result<Result<Resource<Module>, SpawnError>> {
        self.dispatch(Trap::new("process.compile-module")).await
    }
    async fn spawn(
        &mut self,
        _code: Resource<Module>,
        _opts: SpawnOptions,
    ) -> wasmtime::Result<Result<Address, SpawnError>> {
        self.dispatch(Trap::new("process.spawn")).await
    }
    async fn link(&mut self, _target: Address, _tag: Option<i64>) -> wasmtime::Result<()> {
        self.dispatch(Trap::new("process.link")).await
    }
    async fn unlink(&mut self, _target: Address) -> wasmtime::Result<()> {
        self.dispatch(Trap::new("process.unlink")).await
    }
    async fn monitor(&mut self, _target: Address) -> wasmtime::Result<()> {
        self.dispatch(Trap::new("process.monitor")).await
    }
    async fn stop_monitoring(&mut self, _target: Address) -> wasmtime::Result<()> {
        self.dispatch(Trap::new("process.stop-monitoring")).await
    }
    async fn die_when_link_dies(&mut self, _die: bool) -> wasmtime::Result<()> {
        self.dispatch(Trap::new("process.die-when-link-dies")).await
    }
    async fn kill(&mut self, _target: Address) -> wasmtime::Result<Result<(), ActorError>> {
        self.dispatch(Refuse::new("process.kill")).await
    }
    async fn get_on_exit(&mut self) -> wasmtime::Result<OnExit> {
        self.dispatch(Trap::new("process.get-on-exit")).await
    }
    async fn set_on_exit(&mut self, _policy: OnExit) -> wasmtime::Result<()> {
        self.dispatch(Trap::new("process.set-on-exit")).await
    }
}

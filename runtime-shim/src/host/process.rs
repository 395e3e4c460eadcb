//! `guestkit:host/process`: the actor's identity, loading modules, spawning children, links
//! and monitors, killing, on-exit policies, sleeping and ending itself.

use std::path::PathBuf;
use std::sync::Arc;

use wasmtime::component::Resource;

use crate::actor::dispatch::{Effect, HostCall};
use crate::actor::{ActorCtx, ExitRequested};
use crate::capability::MESSAGING;
use crate::component::Module;
use crate::error::ShimError;
use crate::mailbox::Delivery;
use crate::wit::process::{Host, OnExit, SpawnError, SpawnOptions};
use crate::wit::types::{ActorError, Address, Capability, ExitNotice, ExitReason};

struct Our;
impl HostCall for Our {
    const NAME: &'static str = "process.our";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Address;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Address> {
        Ok(cx.our.clone())
    }
}

struct Incarnation;
impl HostCall for Incarnation {
    const NAME: &'static str = "process.incarnation";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = u64;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<u64> {
        Ok(cx.incarnation)
    }
}

struct LoadModule(String);
impl HostCall for LoadModule {
    const NAME: &'static str = "process.load-module";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<Resource<Module>, SpawnError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        let relative = PathBuf::from(&self.0);
        let inside = relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        let path = cx.node.drive.join(&relative);
        if !inside {
            cx.report(
                crate::wit::log::Level::Warn,
                format!(
                    "{}: `{}` leaves the drive; give a path relative to it",
                    Self::NAME,
                    self.0
                ),
            );
            return Ok(Err(SpawnError::NoFileAtPath));
        }
        if !path.is_file() {
            cx.report(
                crate::wit::log::Level::Warn,
                format!("{}: no component at {}", Self::NAME, path.display()),
            );
            return Ok(Err(SpawnError::NoFileAtPath));
        }
        let components = Arc::clone(&cx.components);
        // Compiling takes a while: off the async workers.
        let loaded = tokio::task::spawn_blocking(move || components.load_file(&path)).await?;
        module_handle(cx, Self::NAME, loaded)
    }
}

struct CompileModule(Vec<u8>);
impl HostCall for CompileModule {
    const NAME: &'static str = "process.compile-module";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<Resource<Module>, SpawnError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        if !cx.holds_kernel("compile-module") {
            return Ok(Err(SpawnError::PermissionDenied));
        }
        let components = Arc::clone(&cx.components);
        let bytes = self.0;
        let loaded = tokio::task::spawn_blocking(move || components.load(&bytes)).await?;
        module_handle(cx, Self::NAME, loaded)
    }
}

fn module_handle(
    cx: &mut ActorCtx,
    call: &str,
    loaded: Result<Module, ShimError>,
) -> wasmtime::Result<Result<Resource<Module>, SpawnError>> {
    match loaded {
        Ok(module) => Ok(Ok(cx.table.push(module)?)),
        Err(e) => {
            cx.report(crate::wit::log::Level::Warn, format!("{call}: {e}"));
            Ok(Err(SpawnError::InvalidModule))
        }
    }
}

struct Spawn {
    code: Resource<Module>,
    opts: SpawnOptions,
}
impl HostCall for Spawn {
    const NAME: &'static str = "process.spawn";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<Address, SpawnError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        let module = cx.table.get(&self.code)?.clone();
        Ok(cx.spawn_child(Self::NAME, module, self.opts).await)
    }
}

/// Tells this actor at once that `target` is not there.
fn no_process(cx: &ActorCtx, target: Address, tag: Option<i64>, link: bool) {
    let notice = ExitNotice {
        actor: target,
        incarnation: 0,
        tag,
        reason: ExitReason::NoProcess,
    };
    let delivery = if link {
        Delivery::LinkDied(notice)
    } else {
        Delivery::ProcessDied(notice)
    };
    cx.node.router.deliver(&cx.our, delivery);
}

struct Link(Address, Option<i64>);
impl HostCall for Link {
    const NAME: &'static str = "process.link";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        if !cx.node.router.link(&cx.our, &self.0, self.1) {
            no_process(cx, self.0, self.1, true);
        }
        Ok(())
    }
}

struct Unlink(Address);
impl HostCall for Unlink {
    const NAME: &'static str = "process.unlink";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.node.router.unlink(&cx.our, &self.0);
        Ok(())
    }
}

struct Monitor(Address);
impl HostCall for Monitor {
    const NAME: &'static str = "process.monitor";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        if !cx.node.router.monitor(&cx.our, &self.0) {
            no_process(cx, self.0, None, false);
        }
        Ok(())
    }
}

struct StopMonitoring(Address);
impl HostCall for StopMonitoring {
    const NAME: &'static str = "process.stop-monitoring";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.node.router.stop_monitoring(&cx.our, &self.0);
        Ok(())
    }
}

struct DieWhenLinkDies(bool);
impl HostCall for DieWhenLinkDies {
    const NAME: &'static str = "process.die-when-link-dies";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.node
            .router
            .with(&cx.our, |p| p.die_when_link_dies = self.0);
        Ok(())
    }
}

struct Kill(Address);
impl HostCall for Kill {
    const NAME: &'static str = "process.kill";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<(), ActorError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        let router = &cx.node.router;
        let Some(parent) = router.with(&self.0, |p| p.parent.clone()) else {
            return Ok(Err(ActorError::NotFound(format!(
                "{}: no actor at {}",
                Self::NAME,
                self.0
            ))));
        };
        let is_parent = parent.is_some_and(|p| p.same_as(&cx.our));
        if !is_parent && !cx.holds(&Capability::new(self.0.clone(), MESSAGING)) {
            return Ok(Err(ActorError::PermissionDenied(format!(
                "{}: {} is neither the parent of {} nor holds its messaging capability",
                Self::NAME,
                cx.our,
                self.0
            ))));
        }
        router.kill(&self.0);
        Ok(Ok(()))
    }
}

struct Exists(Address);
impl HostCall for Exists {
    const NAME: &'static str = "process.exists";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = bool;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<bool> {
        Ok(cx.node.router.exists(&self.0))
    }
}

struct GetOnExit;
impl HostCall for GetOnExit {
    const NAME: &'static str = "process.get-on-exit";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = OnExit;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<OnExit> {
        Ok(cx
            .node
            .router
            .with(&cx.our, |p| p.on_exit.clone())
            .unwrap_or(OnExit::None))
    }
}

struct SetOnExit(OnExit);
impl HostCall for SetOnExit {
    const NAME: &'static str = "process.set-on-exit";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.node.router.with(&cx.our, |p| p.on_exit = self.0);
        Ok(())
    }
}

struct Exit {
    failed: bool,
}
impl HostCall for Exit {
    const NAME: &'static str = "process.exit";
    const EFFECT: Effect = Effect::SideEffect;
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
    const EFFECT: Effect = Effect::SideEffect;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.node
            .clock
            .sleep(std::time::Duration::from_millis(self.0))
            .await;
        Ok(())
    }
}

impl Host for ActorCtx {
    fn our(&mut self) -> wasmtime::Result<Address> {
        self.dispatch_now(Our)
    }
    fn incarnation(&mut self) -> wasmtime::Result<u64> {
        self.dispatch_now(Incarnation)
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
        path: String,
    ) -> wasmtime::Result<Result<Resource<Module>, SpawnError>> {
        self.dispatch(LoadModule(path)).await
    }
    async fn compile_module(
        &mut self,
        bytes: Vec<u8>,
    ) -> wasmtime::Result<Result<Resource<Module>, SpawnError>> {
        self.dispatch(CompileModule(bytes)).await
    }
    async fn spawn(
        &mut self,
        code: Resource<Module>,
        opts: SpawnOptions,
    ) -> wasmtime::Result<Result<Address, SpawnError>> {
        self.dispatch(Spawn { code, opts }).await
    }
    async fn link(&mut self, target: Address, tag: Option<i64>) -> wasmtime::Result<()> {
        self.dispatch(Link(target, tag)).await
    }
    async fn unlink(&mut self, target: Address) -> wasmtime::Result<()> {
        self.dispatch(Unlink(target)).await
    }
    async fn monitor(&mut self, target: Address) -> wasmtime::Result<()> {
        self.dispatch(Monitor(target)).await
    }
    async fn stop_monitoring(&mut self, target: Address) -> wasmtime::Result<()> {
        self.dispatch(StopMonitoring(target)).await
    }
    async fn die_when_link_dies(&mut self, die: bool) -> wasmtime::Result<()> {
        self.dispatch(DieWhenLinkDies(die)).await
    }
    async fn kill(&mut self, target: Address) -> wasmtime::Result<Result<(), ActorError>> {
        self.dispatch(Kill(target)).await
    }
    async fn get_on_exit(&mut self) -> wasmtime::Result<OnExit> {
        self.dispatch(GetOnExit).await
    }
    async fn set_on_exit(&mut self, policy: OnExit) -> wasmtime::Result<()> {
        self.dispatch(SetOnExit(policy)).await
    }
}

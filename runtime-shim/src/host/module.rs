//! `guestkit:host/types.module`: handles to compiled components, which actors spawn from and
//! pass to each other in messages.

use wasmtime::component::Resource;

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::component::Module;
use crate::wit::types::{Host, HostModule};

struct Duplicate(Resource<Module>);
impl HostCall for Duplicate {
    const NAME: &'static str = "types.module.duplicate";
    const EFFECT: Effect = Effect::Local;
    type Output = Resource<Module>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Resource<Module>> {
        let module = cx.table.get(&self.0)?.clone();
        Ok(cx.table.push(module)?)
    }
}

struct DropHandle(Resource<Module>);
impl HostCall for DropHandle {
    const NAME: &'static str = "types.module.drop";
    const EFFECT: Effect = Effect::Local;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.table.delete(self.0)?;
        Ok(())
    }
}

impl Host for ActorCtx {}

impl HostModule for ActorCtx {
    async fn duplicate(&mut self, m: Resource<Module>) -> wasmtime::Result<Resource<Module>> {
        self.dispatch(Duplicate(m)).await
    }
    async fn drop(&mut self, m: Resource<Module>) -> wasmtime::Result<()> {
        self.dispatch(DropHandle(m)).await
    }
}

//! `guestkit:host/types.module`: handles to compiled components, which actors spawn from and
//! pass to each other in messages.

use wasmtime::component::Resource;

use super::{ActorCtx, HostCall};
use crate::bindings::types::{Host, HostModule};
use crate::shim::Module;

struct Duplicate(Resource<Module>);
impl HostCall for Duplicate {
    const NAME: &'static str = "types.module.duplicate";
    type Output = Resource<Module>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Resource<Module>> {
        let module = cx.table.get(&self.0)?.clone();
        Ok(cx.table.push(module)?)
    }
}

struct Drop(Resource<Module>);
impl HostCall for Drop {
    const NAME: &'static str = "types.module.drop";
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
        self.dispatch(Drop(m)).await
    }
}

//! `guestkit:host/discovery`: a shim-wide name registry (lunatic's), atomic get-or-spawn,
//! and discovery by actor type (actr's).

use wasmtime::component::Resource;

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::component::Module;
use crate::wit::discovery::Host;
use crate::wit::process::{SpawnError, SpawnOptions};
use crate::wit::types::{ActorError, ActorType, Address};

struct Register(String, Address);
impl HostCall for Register {
    const NAME: &'static str = "discovery.register";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<(), ActorError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        cx.node.names.lock().await.insert(self.0, self.1);
        Ok(Ok(()))
    }
}

struct Lookup(String);
impl HostCall for Lookup {
    const NAME: &'static str = "discovery.lookup";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Option<Address>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Option<Address>> {
        let names = cx.node.names.lock().await;
        Ok(names.get(&self.0).cloned())
    }
}

struct Unregister(String);
impl HostCall for Unregister {
    const NAME: &'static str = "discovery.unregister";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.node.names.lock().await.remove(&self.0);
        Ok(())
    }
}

struct GetOrSpawn {
    name: String,
    code: Resource<Module>,
    opts: SpawnOptions,
}
impl HostCall for GetOrSpawn {
    const NAME: &'static str = "discovery.get-or-spawn";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<Address, SpawnError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        let module = cx.table.get(&self.code)?.clone();
        let node = std::sync::Arc::clone(&cx.node);
        // Held across the spawn: concurrent calls for one name spawn exactly one actor.
        let mut names = node.names.lock().await;
        if let Some(found) = names.get(&self.name)
            && node.router.exists(found)
        {
            return Ok(Ok(found.clone()));
        }
        let spawned = cx.spawn_child(Self::NAME, module, self.opts).await;
        if let Ok(address) = &spawned {
            names.insert(self.name, address.clone());
        }
        Ok(spawned)
    }
}

struct Discover(ActorType);
impl HostCall for Discover {
    const NAME: &'static str = "discovery.discover";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<Address, ActorError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        let ty = self.0;
        Ok(cx.node.router.of_type(&ty).ok_or_else(|| {
            ActorError::NotFound(format!(
                "{}: no live actor of type {}:{}@{}",
                Self::NAME,
                ty.manufacturer,
                ty.name,
                ty.version
            ))
        }))
    }
}

impl Host for ActorCtx {
    async fn register(
        &mut self,
        name: String,
        target: Address,
    ) -> wasmtime::Result<Result<(), ActorError>> {
        self.dispatch(Register(name, target)).await
    }
    async fn lookup(&mut self, name: String) -> wasmtime::Result<Option<Address>> {
        self.dispatch(Lookup(name)).await
    }
    async fn unregister(&mut self, name: String) -> wasmtime::Result<()> {
        self.dispatch(Unregister(name)).await
    }
    async fn get_or_spawn(
        &mut self,
        name: String,
        code: Resource<Module>,
        opts: SpawnOptions,
    ) -> wasmtime::Result<Result<Address, SpawnError>> {
        self.dispatch(GetOrSpawn { name, code, opts }).await
    }
    async fn discover(
        &mut self,
        target_type: ActorType,
    ) -> wasmtime::Result<Result<Address, ActorError>> {
        self.dispatch(Discover(target_type)).await
    }
}

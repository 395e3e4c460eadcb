//! `guestkit:host/discovery`: a name registry (lunatic's), atomic get-or-spawn, and
//! discovery by actor type (actr's), on this node and across the cluster ([`registry`]).

use wasmtime::component::Resource;

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::component::Module;
use crate::registry;
use crate::storage::StorageError;
use crate::wit::discovery::Host;
use crate::wit::log::Level;
use crate::wit::process::{SpawnError, SpawnOptions};
use crate::wit::types::{ActorError, ActorType, Address};

/// A registry the store could not reach, as a guest hears of it.
fn unavailable(call: &str, e: StorageError) -> ActorError {
    ActorError::Unavailable(format!("{call}: {e}"))
}

struct Register(String, Address);
impl HostCall for Register {
    const NAME: &'static str = "discovery.register";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<(), ActorError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        let registered = registry::register(&cx.node, self.0, self.1).await;
        Ok(registered.map_err(|e| unavailable(Self::NAME, e)))
    }
}

struct Lookup(String);
impl HostCall for Lookup {
    const NAME: &'static str = "discovery.lookup";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Option<Address>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Option<Address>> {
        match registry::lookup(&cx.node, &self.0).await {
            Ok(found) => Ok(found),
            Err(e) => {
                let why = format!("{}: found nothing: {e}", Self::NAME);
                cx.node.log(&cx.our, Level::Warn, why);
                Ok(None)
            }
        }
    }
}

struct Unregister(String);
impl HostCall for Unregister {
    const NAME: &'static str = "discovery.unregister";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        if let Err(e) = registry::unregister(&cx.node, &self.0).await {
            let why = format!("{}: the cluster keeps the name: {e}", Self::NAME);
            cx.node.log(&cx.our, Level::Warn, why);
        }
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
        // Held across the spawn: concurrent calls for one name on this node spawn exactly one
        // actor; across nodes, the cluster's entry is claimed once the actor lives.
        let mut names = node.names.lock().await;
        if let Some(found) = names.get(&self.name)
            && node.router.exists(found)
        {
            return Ok(Ok(found.clone()));
        }
        let live = |found: &Address| found.node != node.name || node.router.exists(found);
        let shared = match node.store.named(&self.name) {
            Ok(shared) => shared,
            Err(e) => {
                let why = format!("{}: spawning here, unseen by the cluster: {e}", Self::NAME);
                node.log(&cx.our, Level::Warn, why);
                None
            }
        };
        if let Some(found) = shared.as_deref().and_then(Address::parse)
            && live(&found)
        {
            return Ok(Ok(found));
        }
        let spawned = match cx.spawn_child(Self::NAME, module, self.opts).await {
            Ok(spawned) => spawned,
            Err(e) => return Ok(Err(e)),
        };
        let claimed = node
            .store
            .claim_name(&self.name, shared.as_deref(), &spawned.to_string());
        match claimed {
            Ok(None) => {}
            // Another node claimed the name first: its actor is the one, and ours goes.
            Ok(Some(theirs)) => {
                if let Some(theirs) = Address::parse(&theirs) {
                    node.router.kill(&spawned);
                    return Ok(Ok(theirs));
                }
            }
            Err(e) => {
                let why = format!("{}: registered here only: {e}", Self::NAME);
                node.log(&cx.our, Level::Warn, why);
            }
        }
        names.insert(self.name, spawned.clone());
        Ok(Ok(spawned))
    }
}

struct Discover(ActorType);
impl HostCall for Discover {
    const NAME: &'static str = "discovery.discover";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<Address, ActorError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        let ty = self.0;
        Ok(match registry::discover(&cx.node, &ty) {
            Ok(Some(found)) => Ok(found),
            Ok(None) => Err(ActorError::NotFound(format!(
                "{}: no live actor of type {}",
                Self::NAME,
                registry::type_key(&ty)
            ))),
            Err(e) => Err(unavailable(Self::NAME, e)),
        })
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

//! `guestkit:host/capabilities`: what an actor holds, minting its own, and keeping the ones
//! it received. Saved capabilities are sealed into the state store, and come back to the
//! next actor of the same name, in this shim process or a later one.

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::wit::capabilities::Host;
use crate::wit::log::Level;
use crate::wit::types::{ActorError, Capability};

struct Owned;
impl HostCall for Owned {
    const NAME: &'static str = "capabilities.owned";
    const EFFECT: Effect = Effect::Local;
    type Output = Vec<Capability>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Vec<Capability>> {
        Ok(cx
            .node
            .router
            .with(&cx.our, |p| p.held.list())
            .unwrap_or_default())
    }
}

struct Has(Capability);
impl HostCall for Has {
    const NAME: &'static str = "capabilities.has";
    const EFFECT: Effect = Effect::Local;
    type Output = bool;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<bool> {
        Ok(cx.holds(&self.0))
    }
}

struct Save(Vec<Capability>);
impl HostCall for Save {
    const NAME: &'static str = "capabilities.save";
    const EFFECT: Effect = Effect::Local;
    type Output = Result<(), ActorError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        if let Some(cap) = self
            .0
            .iter()
            .find(|cap| !cap.issuer.same_as(&cx.our) && !cx.received.has(cap))
        {
            return Ok(Err(ActorError::PermissionDenied(format!(
                "{}: {{issuer: {}, params: {}}} was neither minted by {} nor received in a \
                 message; nothing was saved",
                Self::NAME,
                cap.issuer,
                cap.params,
                cx.our
            ))));
        }
        let holder = cx.our.process.to_string();
        let sealed: Vec<_> = self
            .0
            .iter()
            .map(|cap| cx.node.seal.save(&holder, cap))
            .collect();
        if let Err(e) = cx.node.store.save_capabilities(&holder, &sealed) {
            return Ok(Err(ActorError::Internal(format!(
                "{}: nothing was saved: {e}",
                Self::NAME
            ))));
        }
        cx.node.router.with(&cx.our, |p| {
            for cap in self.0 {
                p.held.insert(cap);
            }
        });
        Ok(Ok(()))
    }
}

struct Remove(Vec<Capability>);
impl HostCall for Remove {
    const NAME: &'static str = "capabilities.remove";
    const EFFECT: Effect = Effect::Local;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.node.router.with(&cx.our, |p| {
            for cap in &self.0 {
                p.held.remove(cap);
            }
        });
        let pairs: Vec<_> = self.0.iter().map(Capability::key).collect();
        let holder = cx.our.process.to_string();
        if let Err(e) = cx.node.store.forget_capabilities(&holder, &pairs) {
            let why = format!("{}: saved copies stay in the store: {e}", Self::NAME);
            cx.report(Level::Error, why);
        }
        Ok(())
    }
}

struct Mint(String);
impl HostCall for Mint {
    const NAME: &'static str = "capabilities.mint";
    const EFFECT: Effect = Effect::Local;
    type Output = Capability;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Capability> {
        Ok(Capability::new(cx.our.clone(), &self.0))
    }
}

impl Host for ActorCtx {
    async fn owned(&mut self) -> wasmtime::Result<Vec<Capability>> {
        self.dispatch(Owned).await
    }
    async fn has(&mut self, cap: Capability) -> wasmtime::Result<bool> {
        self.dispatch(Has(cap)).await
    }
    async fn save(&mut self, caps: Vec<Capability>) -> wasmtime::Result<Result<(), ActorError>> {
        self.dispatch(Save(caps)).await
    }
    async fn remove(&mut self, caps: Vec<Capability>) -> wasmtime::Result<()> {
        self.dispatch(Remove(caps)).await
    }
    async fn mint(&mut self, params: String) -> wasmtime::Result<Capability> {
        self.dispatch(Mint(params)).await
    }
}

//! `guestkit:host/capabilities`: what an actor holds, minting its own, and keeping the ones
//! it received. Saved capabilities are sealed into the state store, and come back to the
//! next actor of the same name, in this shim process or a later one.

use super::{ActorCtx, HostCall};
use crate::bindings::capabilities::Host;
use crate::bindings::log::Level;
use crate::bindings::types::{ActorError, Capability};

impl ActorCtx {
    /// Strips from an outgoing message every capability the sender neither issued nor holds;
    /// the receiver can trust (and `save`) the rest.
    pub(crate) fn vet(&self, caps: &mut Vec<Capability>) {
        caps.retain(|cap| self.holds(cap));
    }
}

struct Owned;
impl HostCall for Owned {
    const NAME: &'static str = "capabilities.owned";
    type Output = Vec<Capability>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Vec<Capability>> {
        Ok(cx
            .shared
            .router
            .with(&cx.our, |p| p.held.list())
            .unwrap_or_default())
    }
}

struct Has(Capability);
impl HostCall for Has {
    const NAME: &'static str = "capabilities.has";
    type Output = bool;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<bool> {
        Ok(cx.holds(&self.0))
    }
}

struct Save(Vec<Capability>);
impl HostCall for Save {
    const NAME: &'static str = "capabilities.save";
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
            .map(|cap| cx.shared.seal.save(&holder, cap))
            .collect();
        if let Err(e) = cx.shared.store.save_capabilities(&holder, &sealed) {
            return Ok(Err(ActorError::Internal(format!(
                "{}: nothing was saved: {e}",
                Self::NAME
            ))));
        }
        cx.shared.router.with(&cx.our, |p| {
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
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        cx.shared.router.with(&cx.our, |p| {
            for cap in &self.0 {
                p.held.remove(cap);
            }
        });
        let pairs: Vec<_> = self.0.iter().map(Capability::key).collect();
        let holder = cx.our.process.to_string();
        if let Err(e) = cx.shared.store.forget_capabilities(&holder, &pairs) {
            let why = format!("{}: saved copies stay in the store: {e}", Self::NAME);
            cx.report(Level::Error, why);
        }
        Ok(())
    }
}

struct Mint(String);
impl HostCall for Mint {
    const NAME: &'static str = "capabilities.mint";
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

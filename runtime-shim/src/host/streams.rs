//! `guestkit:host/streams`: data chunks, FIFO per stream, delivered only for stream ids the
//! receiver registered.

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::mailbox::Delivery;
use crate::wit::streams::{Host, Lane};
use crate::wit::types::{ActorError, DataChunk, Dest};

struct Register(String);
impl HostCall for Register {
    const NAME: &'static str = "streams.register";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<(), ActorError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        if !cx.streams.insert(self.0.clone()) {
            return Ok(Err(ActorError::InvalidArgument(format!(
                "{}: stream `{}` is already registered",
                Self::NAME,
                self.0
            ))));
        }
        Ok(Ok(()))
    }
}

struct Unregister(String);
impl HostCall for Unregister {
    const NAME: &'static str = "streams.unregister";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<(), ActorError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        if !cx.streams.remove(&self.0) {
            return Ok(Err(ActorError::NotFound(format!(
                "{}: stream `{}` is not registered",
                Self::NAME,
                self.0
            ))));
        }
        Ok(Ok(()))
    }
}

struct SendChunk {
    to: Dest,
    chunk: DataChunk,
}
impl HostCall for SendChunk {
    const NAME: &'static str = "streams.send-chunk";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<(), ActorError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        if let Err(ActorError::InvalidArgument(m)) = cx.node.limits.check_chunk(&self.chunk) {
            return Ok(Err(ActorError::InvalidArgument(format!(
                "{}: {m}",
                Self::NAME
            ))));
        }
        let to = match self.to {
            Dest::Loopback => cx.our.clone(),
            Dest::Actor(a) if !cx.node.router.is_host(&a) => a,
            Dest::Host | Dest::Actor(_) => {
                return Ok(Err(ActorError::NotImplemented(format!(
                    "{}: the host application takes no stream chunks",
                    Self::NAME
                ))));
            }
        };
        if let Err(e) = cx.node.router.authorize(&cx.our, &to) {
            return Ok(Err(e));
        }
        cx.node
            .router
            .deliver(&to, Delivery::Chunk(self.chunk, cx.our.clone()));
        Ok(Ok(()))
    }
}

impl Host for ActorCtx {
    async fn register(&mut self, stream_id: String) -> wasmtime::Result<Result<(), ActorError>> {
        self.dispatch(Register(stream_id)).await
    }
    async fn unregister(&mut self, stream_id: String) -> wasmtime::Result<Result<(), ActorError>> {
        self.dispatch(Unregister(stream_id)).await
    }
    async fn send_chunk(
        &mut self,
        to: Dest,
        chunk: DataChunk,
        _lane: Lane,
    ) -> wasmtime::Result<Result<(), ActorError>> {
        // Every lane is reliable and ordered within one shim.
        self.dispatch(SendChunk { to, chunk }).await
    }
}

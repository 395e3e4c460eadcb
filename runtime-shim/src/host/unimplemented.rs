//! Host functions this shim does not implement yet. Each one says so by name: functions whose
//! result carries an `actor-error` return `not-implemented`, the others trap. None pretends to
//! succeed.

use std::marker::PhantomData;

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::wit::types::ActorError;

fn message(function: &str) -> String {
    format!("guestkit:host/{function} is not implemented by this shim yet")
}

/// Traps the guest with a message naming the function.
pub(crate) struct Trap<T>(pub &'static str, PhantomData<fn() -> T>);

impl<T> Trap<T> {
    pub fn new(function: &'static str) -> Self {
        Self(function, PhantomData)
    }
}

impl<T: Send> HostCall for Trap<T> {
    const NAME: &'static str = "not-implemented";
    const EFFECT: Effect = Effect::Local;
    type Output = T;
    async fn run(self, _cx: &mut ActorCtx) -> wasmtime::Result<T> {
        Err(wasmtime::Error::msg(message(self.0)))
    }
}

/// Returns `actor-error::not-implemented` naming the function.
pub(crate) struct Refuse<T>(pub &'static str, PhantomData<fn() -> T>);

impl<T> Refuse<T> {
    pub fn new(function: &'static str) -> Self {
        Self(function, PhantomData)
    }
}

impl<T: Send> HostCall for Refuse<T> {
    const NAME: &'static str = "not-implemented";
    const EFFECT: Effect = Effect::Local;
    type Output = Result<T, ActorError>;
    async fn run(self, _cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        Ok(Err(ActorError::NotImplemented(message(self.0))))
    }
}

mod interfaces {
    //! The trait impls of the interfaces (or parts) still to be built, each call dispatched as
    //! [`Trap`] or [`Refuse`] so it passes through the same seam as every other call.

    use wasmtime::Result;
    use wasmtime::component::Resource;

    use super::{Refuse, Trap};
    use crate::actor::ActorCtx;
    use crate::wit::Conn;
    use crate::wit::types;
    use crate::wit::types::ActorError;

    impl types::HostConn for ActorCtx {
        async fn read(
            &mut self,
            _c: Resource<Conn>,
            _max_bytes: u32,
            _timeout_ms: Option<u64>,
        ) -> Result<Result<Vec<u8>, ActorError>> {
            self.dispatch(Refuse::new("types.conn.read")).await
        }
        async fn write(
            &mut self,
            _c: Resource<Conn>,
            _bytes: Vec<u8>,
        ) -> Result<Result<u64, ActorError>> {
            self.dispatch(Refuse::new("types.conn.write")).await
        }
        async fn peer(&mut self, _c: Resource<Conn>) -> Result<Option<String>> {
            self.dispatch(Trap::new("types.conn.peer")).await
        }
        async fn drop(&mut self, _c: Resource<Conn>) -> Result<()> {
            self.dispatch(Trap::new("types.conn.drop")).await
        }
    }
}

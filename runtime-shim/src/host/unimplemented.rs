//! Host functions this shim does not implement yet. Each one says so by name: functions whose
//! result carries an `actor-error` return `not-implemented`, the others trap. None pretends to
//! succeed.

use std::marker::PhantomData;

use super::{ActorCtx, HostCall};
use crate::bindings::types::ActorError;

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
    use crate::bindings::durable::{
        AwaitNode, CallHandles, CallTarget, Handle, InvocationInput, InvocationRef, RetryPolicy,
        RunOutcome, RunStart, Value, WaitOutcome,
    };
    use crate::bindings::types::{ActorError, Failure};
    use crate::bindings::{durable, types};
    use crate::host::{ActorCtx, Conn};

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

    impl durable::Host for ActorCtx {
        async fn input(&mut self) -> Result<InvocationInput> {
            self.dispatch(Trap::new("durable.input")).await
        }
        async fn is_replaying(&mut self) -> Result<bool> {
            self.dispatch(Trap::new("durable.is-replaying")).await
        }
        async fn sleep(&mut self, _name: String, _duration_ms: u64) -> Result<Handle> {
            self.dispatch(Trap::new("durable.sleep")).await
        }
        async fn call(
            &mut self,
            _t: CallTarget,
            _input: Vec<u8>,
            _name: Option<String>,
        ) -> Result<CallHandles> {
            self.dispatch(Trap::new("durable.call")).await
        }
        async fn send(
            &mut self,
            _t: CallTarget,
            _input: Vec<u8>,
            _delay_ms: Option<u64>,
            _name: Option<String>,
        ) -> Result<Handle> {
            self.dispatch(Trap::new("durable.send")).await
        }
        async fn awakeable(&mut self) -> Result<(String, Handle)> {
            self.dispatch(Trap::new("durable.awakeable")).await
        }
        async fn complete_awakeable(
            &mut self,
            _id: String,
            _v: Result<Vec<u8>, Failure>,
        ) -> Result<()> {
            self.dispatch(Trap::new("durable.complete-awakeable")).await
        }
        async fn signal(&mut self, _name: String) -> Result<Handle> {
            self.dispatch(Trap::new("durable.signal")).await
        }
        async fn complete_signal(
            &mut self,
            _invocation_id: String,
            _name: String,
            _v: Result<Vec<u8>, Failure>,
        ) -> Result<()> {
            self.dispatch(Trap::new("durable.complete-signal")).await
        }
        async fn promise_get(&mut self, _key: String) -> Result<Handle> {
            self.dispatch(Trap::new("durable.promise-get")).await
        }
        async fn promise_peek(&mut self, _key: String) -> Result<Handle> {
            self.dispatch(Trap::new("durable.promise-peek")).await
        }
        async fn promise_complete(
            &mut self,
            _key: String,
            _v: Result<Vec<u8>, Failure>,
        ) -> Result<Handle> {
            self.dispatch(Trap::new("durable.promise-complete")).await
        }
        async fn run_begin(&mut self, _name: String) -> Result<RunStart> {
            self.dispatch(Trap::new("durable.run-begin")).await
        }
        async fn run_end(
            &mut self,
            _run: Handle,
            _outcome: RunOutcome,
            _retry: RetryPolicy,
        ) -> Result<()> {
            self.dispatch(Trap::new("durable.run-end")).await
        }
        async fn cancel_invocation(&mut self, _invocation_id: String) -> Result<()> {
            self.dispatch(Trap::new("durable.cancel-invocation")).await
        }
        async fn attach_invocation(&mut self, _target: InvocationRef) -> Result<Handle> {
            self.dispatch(Trap::new("durable.attach-invocation")).await
        }
        async fn get_invocation_output(&mut self, _target: InvocationRef) -> Result<Handle> {
            self.dispatch(Trap::new("durable.get-invocation-output"))
                .await
        }
        async fn wait(&mut self, _tree: Vec<AwaitNode>) -> Result<WaitOutcome> {
            self.dispatch(Trap::new("durable.wait")).await
        }
        async fn is_completed(&mut self, _h: Handle) -> Result<bool> {
            self.dispatch(Trap::new("durable.is-completed")).await
        }
        async fn take(&mut self, _h: Handle) -> Result<Option<Value>> {
            self.dispatch(Trap::new("durable.take")).await
        }
        async fn set_payload_checks(&mut self, _enabled: bool) -> Result<()> {
            self.dispatch(Trap::new("durable.set-payload-checks")).await
        }
    }
}

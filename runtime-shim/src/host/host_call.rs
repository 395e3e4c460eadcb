//! `guestkit:host/host-call`: waPC host calls, served by callbacks the embedding application
//! registered with [`ShimBuilder::host_call`](crate::ShimBuilder::host_call), and allowed
//! only to holders of the kernel capability `{"host-call": "binding/namespace"}`.

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::wit::host_call::Host;

struct Call {
    binding: String,
    namespace: String,
    operation: String,
    payload: Vec<u8>,
}

impl HostCall for Call {
    const NAME: &'static str = "host-call.call";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<Vec<u8>, String>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        let scope = format!("{}/{}", self.binding, self.namespace);
        let params = serde_json::json!({ "host-call": scope }).to_string();
        if !cx.holds_kernel(&params) {
            return Ok(Err(format!(
                "permission-denied: {} does not hold the kernel capability {params}",
                cx.our
            )));
        }
        let limit = cx.node.limits.max_message_bytes;
        if self.payload.len() > limit {
            return Ok(Err(format!(
                "invalid-argument: a payload of {} bytes exceeds the shim's limit of {limit} bytes",
                self.payload.len()
            )));
        }
        let Some(callback) = cx.node.host_calls.get(&(self.binding, self.namespace)) else {
            return Ok(Err(format!(
                "not-found: the host application serves no host calls for {scope}"
            )));
        };
        Ok(callback(&self.operation, &self.payload))
    }
}

impl Host for ActorCtx {
    async fn call(
        &mut self,
        binding: String,
        namespace: String,
        operation: String,
        payload: Vec<u8>,
    ) -> wasmtime::Result<Result<Vec<u8>, String>> {
        self.dispatch(Call {
            binding,
            namespace,
            operation,
            payload,
        })
        .await
    }
}

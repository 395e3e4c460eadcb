//! The guestkit runtime shim: runs guest components in wasmtime and implements the
//! `guestkit:host/actor` world for them.
//!
//! A [`Shim`] owns one async wasmtime engine, a [`Router`](router) between actors, and a
//! state store. Each actor is a wasmtime `Store` and component instance on its own tokio
//! task, with a FIFO [mailbox](mailbox) that supports selective receive. Every host function
//! goes through one dispatch point ([`host`]), where durable execution journals calls.

mod actor;
mod address;
mod bindings;
mod capability;
pub mod conformance;
pub mod durable;
pub mod engine;
mod error;
mod host;
mod mailbox;
mod precompiled;
pub mod remote;
mod router;
mod shim;
mod state;
pub mod storage;
pub mod value;

pub use crate::bindings::log::Level;
pub use crate::bindings::messaging::SendError;
pub use crate::bindings::process::OnExit;
pub use crate::bindings::types::{
    ActorError, ActorType, Address, Blob, Capability, DataChunk, ExitReason, Header, Payload,
    ProcessId,
};
pub use crate::error::{CallError, InvokeError, ShimError};
pub use crate::precompiled::precompile;
pub use crate::remote::{RemoteMessage, SealedCapability};
pub use crate::shim::{
    HostCallback, HostHandler, HostMessage, Limits, LogLine, LogSink, Module, Response, Shim,
    ShimBuilder, SpawnOptions,
};

pub use guestkit_macros::{host_contract as contract, host_wit as wit};

/// Used by generated host stubs; not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use prost;
    pub use prost_types;

    pub use crate::value;
}

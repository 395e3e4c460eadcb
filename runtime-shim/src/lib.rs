//! The guestkit runtime shim: runs guest components in wasmtime and implements the
//! `guestkit:host/actor` world for them.
//!
//! A [`Shim`] is one node: an async wasmtime engine, a [`Router`](router) between actors, a
//! [`Clock`] and a state store. Each actor is a wasmtime `Store` and component instance on its
//! own tokio task, with a FIFO [mailbox](mailbox) that supports selective receive. Every host
//! function goes through one dispatch point (`actor::dispatch`), where durable execution
//! journals calls.
//!
//! The modules form layers, each importing only from the ones above it in this list:
//! leaves (`wit`, `storage`, `state`, `capability`, `declaration`, `conformance`, `error`, `limits`,
//! `engine`, `precompiled`, `component`, `clock`, `value`), then `mailbox`, `router`,
//! `journal`, `node`, `registry`, `remote`, `actor`, `durable` (the driver), `host` (trait impls only),
//! and `shim` (the public API), which this file re-exports.

mod actor;
mod capability;
mod clock;
mod cluster;
mod component;
pub mod conformance;
pub mod declaration;
mod durable;
pub mod engine;
mod error;
mod host;
pub mod journal;
mod limits;
mod mailbox;
mod node;
mod precompiled;
mod registry;
pub mod remote;
mod router;
mod shim;
mod state;
pub mod storage;
pub mod value;
mod wave;
mod wire;
mod wit;
mod workers;

pub use crate::clock::{Clock, Elapsed, ManualClock, Sleep};
pub use crate::cluster::ClusterOptions;
pub use crate::component::{MAX_COMPONENT_BYTES, Module, read_component};
pub use crate::durable::Replayed;
pub use crate::error::{InvokeError, ShimError};
pub use crate::limits::Limits;
pub use crate::node::{HostCallback, HostHandler, HostMessage, LogLine, LogSink};
pub use crate::precompiled::{is_precompiled, precompile, write_whole};
pub use crate::remote::{RemoteMessage, SealedCapability};
pub use crate::shim::{CallError, Response, Shim, ShimBuilder, SpawnOptions};
pub use crate::wave::ExportedFunction;
pub use crate::wit::log::Level;
pub use crate::wit::messaging::SendError;
pub use crate::wit::process::OnExit;
pub use crate::wit::types::{
    ActorError, ActorType, Address, Blob, Capability, DataChunk, ExitReason, Header, Payload,
    ProcessId,
};

pub use guestkit_macros::{host_contract as contract, host_wit as wit};
/// The protobuf well-known types, as the code of [`contract!`] uses them.
pub use prost_types;

/// Used by generated host stubs and by the compile-fail test of the dispatch policy; not a
/// stable API.
#[doc(hidden)]
pub mod __private {
    pub use prost;
    pub use prost_types;

    pub use crate::actor::ActorCtx;
    pub use crate::actor::dispatch::{Effect, HostCall};
    pub use crate::value;
}

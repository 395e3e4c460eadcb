//! Errors of the shim's Rust API.

use crate::conformance::ConformanceError;
use crate::storage::StorageError;

/// Why a shim operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ShimError {
    #[error("component refused: {0}")]
    Conformance(#[from] ConformanceError),
    #[error("component does not fit the guestkit:host/actor world: {0}")]
    Link(String),
    #[error("cannot compile the component: {0}")]
    Compile(String),
    #[error("cannot start actor {address}: {message}")]
    Instantiate { address: String, message: String },
    #[error("an actor is already running at {0}; pick another name")]
    NameTaken(String),
    #[error("cannot start the wasmtime engine: {0}")]
    Engine(String),
    #[error("cannot use state dir {path}: {message}")]
    StateDir { path: String, message: String },
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Renders a wasmtime error with its whole cause chain (and wasm backtrace, when present).
pub(crate) fn describe(e: &wasmtime::Error) -> String {
    format!("{e:?}")
}

//! Errors of the shim's Rust API.

use crate::conformance::ConformanceError;
use crate::storage::StorageError;

impl From<ConformanceError> for ShimError {
    fn from(e: ConformanceError) -> Self {
        ShimError::Conformance(e)
    }
}

/// Why a shim operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ShimError {
    /// Not a source: its text is in this one's, and `{:#}` would print it twice.
    #[error("component refused: {0}")]
    Conformance(ConformanceError),
    #[error("component does not fit the guestkit:host/actor world: {0}")]
    Link(String),
    #[error("cannot compile the component: {0}")]
    Compile(String),
    #[error("cannot start actor {address}: {message}")]
    Instantiate { address: String, message: String },
    #[error("an actor is already running at {0}; pick another name")]
    NameTaken(String),
    /// New code did not take over a running actor, which keeps its former code.
    #[error("{address} did not take the new code: {reason}")]
    Upgrade { address: String, reason: String },
    #[error("cannot start the wasmtime engine: {0}")]
    Engine(String),
    #[error("cannot use state dir {path}: {message}")]
    StateDir { path: String, message: String },
    #[error("cannot read or write {path}: {message}")]
    Artifact { path: String, message: String },
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("durable invocation: {0}")]
    Invocation(String),
    #[error("cluster: {0}")]
    Cluster(String),
    /// A request the service cannot take as it is (a key it has no use for, none where it
    /// needs one, an empty idempotency key).
    #[error("durable invocation refused: {0}")]
    InvocationRefused(String),
}

pub(crate) use guestkit_value::export_name;

/// Why a call of an actor's WIT export from the host failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvokeError {
    #[error("no actor at {0}")]
    NotFound(String),
    #[error(
        "{actor} does not export `{export}`; `cargo guest inspect` lists what the component \
         exports, and the host stub must come from the same WIT"
    )]
    NoSuchExport { actor: String, export: String },
    #[error("`{export}` takes {expected} argument(s), but {given} were passed")]
    Arity {
        export: String,
        expected: usize,
        given: usize,
    },
    #[error("`{export}` trapped, and the actor stopped: {reason}")]
    Trapped { export: String, reason: String },
    #[error(
        "`{export}` returned a value the host stub does not expect: {message}; regenerate the stub from the component's WIT"
    )]
    Result { export: String, message: String },
    #[error("`{export}` did not return within {timeout:?}")]
    TimedOut {
        export: String,
        timeout: std::time::Duration,
    },
    #[error("{actor} stopped before `{export}` ran")]
    Stopped { actor: String, export: String },
    #[error("the component exports no `{export}`; it exports: {exported}")]
    NoSuchFunction { export: String, exported: String },
    #[error(
        "the arguments of `{export}` are not WAVE values of its parameters, `{signature}`: \
         {message}"
    )]
    Arguments {
        export: String,
        signature: String,
        message: String,
    },
    #[error("the result of `{export}` has no WAVE text: {message}")]
    Unwritable { export: String, message: String },
}

/// Renders a wasmtime error with its whole cause chain (and wasm backtrace, when present).
pub(crate) fn describe(e: &wasmtime::Error) -> String {
    format!("{e:?}")
}

/// Why a guest trapped, in one line for whoever was waiting on it: the innermost cause
/// (`wasm trap: interrupt`, the CPU deadline, a failed memory grow, `call stack exhausted`,
/// `unreachable` for a Rust panic), without the backtrace the log line carries.
pub(crate) fn trap_reason(e: &wasmtime::Error) -> String {
    e.root_cause().to_string()
}

//! What can go wrong in a test: around the test ([`Error`]: building guests, the test host,
//! a request it refused), and in a typed call of an actor ([`CallError`]).

/// A failure of the harness or of what a test asked of it, with what to do about it. Its
/// `Debug` is its message, so a test that returns it with `?` prints what went wrong.
#[derive(Clone, thiserror::Error)]
pub enum Error {
    /// A guest package did not build; the message holds cargo's output.
    #[error("building the guests for this test failed:\n{0}")]
    Build(String),
    /// The installed `cargo-guest` could not be run, or is not the version this crate drives.
    #[error("{0}")]
    CargoGuest(String),
    /// The test host did not start, or stopped answering (it crashed, or a crash point was
    /// reached: see [`App::recover`](crate::App::recover)).
    #[error("the test host {0}")]
    Host(String),
    /// The test host refused a request: its status and why.
    #[error("the test host refused: {message} (HTTP {status})")]
    Refused {
        /// The HTTP status of the refusal.
        status: u16,
        /// Why, in words.
        message: String,
    },
    /// A value did not decode as the type the test asked for.
    #[error("{0}")]
    Decode(String),
}

/// Why a typed call of an actor failed. Its `Debug` is its message, as [`Error`]'s.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// The actor (or the shim on its behalf) answered with an error: its Connect code
    /// (`invalid_argument`, `not_found`, `deadline_exceeded`, ...) and message.
    #[error("{route}: {code}: {message}")]
    Failed {
        /// The rpc's route, or the invocation whose output it was.
        route: String,
        /// The Connect code (`not_found`), or a durable failure's HTTP-like code (`409`).
        code: String,
        /// The error's message.
        message: String,
    },
    /// The reply did not decode as the rpc's output message.
    #[error("{route}: the reply is not a valid {message_type}: {reason}")]
    Decode {
        /// The rpc's route.
        route: String,
        /// The Rust type the reply should have decoded as.
        message_type: &'static str,
        /// What prost said.
        reason: String,
    },
    /// The test host did not answer: it crashed or was stopped.
    #[error("{route}: the test host did not answer: {message}")]
    Host {
        /// The rpc's route.
        route: String,
        /// What became of the host.
        message: String,
    },
}

/// Why a typed call of a function an actor exports from its own WIT world failed.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvokeError {
    /// The shim refused or failed the call: no such actor or export, arguments of other
    /// types, a trap (which stops the actor), or no result within the timeout.
    #[error("{export}: {message}")]
    Failed {
        /// The export: `interface#function`.
        export: String,
        /// Why it failed.
        message: String,
    },
    /// The function returned a value the stub does not expect: it was generated from other
    /// WIT than the component's.
    #[error("`{export}` returned a value the stub does not expect: {message}")]
    Result {
        /// The export: `interface#function`.
        export: String,
        /// What did not fit.
        message: String,
    },
    /// The test host did not answer: it crashed or was stopped.
    #[error("{export}: the test host did not answer: {message}")]
    Host {
        /// The export: `interface#function`.
        export: String,
        /// What became of the host.
        message: String,
    },
}

impl CallError {
    /// The Connect code of an error the actor answered with.
    pub fn code(&self) -> Option<&str> {
        match self {
            CallError::Failed { code, .. } => Some(code),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl std::fmt::Debug for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl std::fmt::Debug for InvokeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

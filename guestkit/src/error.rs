//! The error a handler returns, carried to the caller as an `actor-error`.
//!
//! In a durable invocation, as in Restate, an error is retried unless it is terminal: a
//! client error (`invalid_argument`, `not_found`, `permission_denied`, a body that does not
//! decode, an application error with a 4xx code) or one made with [`Error::terminal`] ends
//! the invocation with its code; anything else (`internal`, `unavailable`, a failed call, an
//! error converted with `?`) is retried under the invocation's retry policy.

use std::fmt;

use crate::host::types::{ActorError, Failure};

/// A handler failure; the requester receives it as a `send-failed` with this error.
#[derive(Debug, Clone)]
pub struct Error(pub(crate) ActorError, Terminal);

/// Whether a durable invocation retries the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// As its kind says: client errors (4xx) are terminal, others retried.
    ByKind,
    /// Made with [`Error::terminal`]: never retried, whatever its code.
    Always,
}

impl Error {
    fn new(error: ActorError) -> Self {
        Self(error, Terminal::ByKind)
    }

    /// A terminal error, as Restate's `TerminalError`: a durable invocation that returns it
    /// (or a `durable::run` step that does) ends with this code and message, not retried,
    /// and every caller gets them as they are.
    pub fn terminal(code: u16, message: impl Into<String>) -> Self {
        let mut e = Self::application(code, message);
        e.1 = Terminal::Always;
        e
    }

    /// Whether a durable invocation ends with this error rather than retrying.
    pub fn is_terminal(&self) -> bool {
        match (&self.0, self.1) {
            (_, Terminal::Always) => true,
            (
                ActorError::InvalidArgument(_)
                | ActorError::NotFound(_)
                | ActorError::PermissionDenied(_)
                | ActorError::UnknownRoute(_)
                | ActorError::DecodeFailure(_),
                _,
            ) => true,
            (ActorError::Application(f), _) => (400..500).contains(&f.code),
            _ => false,
        }
    }

    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(ActorError::InvalidArgument(message.into()))
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ActorError::NotFound(message.into()))
    }
    pub fn permission_denied(message: impl Into<String>) -> Self {
        Self::new(ActorError::PermissionDenied(message.into()))
    }
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(ActorError::Unavailable(message.into()))
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ActorError::Internal(message.into()))
    }
    /// An application-defined failure with a code of its own.
    pub fn application(code: u16, message: impl Into<String>) -> Self {
        Self::new(ActorError::Application(Failure {
            code,
            message: message.into(),
            metadata: Vec::new(),
        }))
    }
    /// A reply to a call on `route` that is not a valid encoding of the route's output
    /// message.
    pub fn decode_reply(route: &str, e: prost::DecodeError) -> Self {
        Self::new(ActorError::DecodeFailure(format!(
            "{route}: the reply is not a valid reply message: {e}"
        )))
    }
    /// A request body that is not a valid encoding of the route's input message.
    pub fn decode(route: &str, e: prost::DecodeError) -> Self {
        Self::new(ActorError::DecodeFailure(format!(
            "{route}: the body is not a valid request message: {e}"
        )))
    }
    /// A JSON body that does not decode as the route's message type.
    pub fn decode_json(route: &str, e: &serde_json::Error) -> Self {
        Self::new(ActorError::DecodeFailure(format!(
            "{route}: the body is not a valid message: {e}"
        )))
    }
    /// A state value that could not be encoded or decoded.
    #[doc(hidden)]
    pub fn state(key: &str, e: serde_json::Error) -> Self {
        Self::new(ActorError::Internal(format!("state key `{key}`: {e}")))
    }
    /// The wire form of this error.
    pub fn actor_error(&self) -> &ActorError {
        &self.0
    }
}

impl From<ActorError> for Error {
    fn from(e: ActorError) -> Self {
        Self::new(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            ActorError::TimedOut => f.write_str("timed out"),
            ActorError::Offline => f.write_str("offline"),
            ActorError::ConnectionNotReady(after) => {
                write!(f, "connection not ready (retry after {after:?} ms)")
            }
            ActorError::Unavailable(m) => write!(f, "unavailable: {m}"),
            ActorError::NotFound(m) => write!(f, "not found: {m}"),
            ActorError::PermissionDenied(m) => write!(f, "permission denied: {m}"),
            ActorError::InvalidArgument(m) => write!(f, "invalid argument: {m}"),
            ActorError::UnknownRoute(m) => write!(f, "unknown route: {m}"),
            ActorError::DependencyNotFound(m) => write!(f, "dependency not found: {m}"),
            ActorError::DecodeFailure(m) => write!(f, "decode failure: {m}"),
            ActorError::NotImplemented(m) => write!(f, "not implemented: {m}"),
            ActorError::Internal(m) => write!(f, "internal: {m}"),
            ActorError::Application(e) => write!(f, "application error {}: {}", e.code, e.message),
        }
    }
}

impl std::error::Error for Error {}

/// The error as a failure with an HTTP-like code, as the shim reports a terminal error to a
/// durable invocation's callers: an application error keeps its own code and message.
impl From<&Error> for Failure {
    fn from(e: &Error) -> Self {
        let code = match &e.0 {
            ActorError::Application(f) => return f.clone(),
            ActorError::InvalidArgument(_) | ActorError::DecodeFailure(_) => 400,
            ActorError::PermissionDenied(_) => 403,
            ActorError::NotFound(_)
            | ActorError::UnknownRoute(_)
            | ActorError::DependencyNotFound(_) => 404,
            ActorError::Internal(_) => 500,
            ActorError::NotImplemented(_) => 501,
            ActorError::Unavailable(_)
            | ActorError::Offline
            | ActorError::ConnectionNotReady(_) => 503,
            ActorError::TimedOut => 504,
        };
        Failure {
            code,
            message: e.to_string(),
            metadata: Vec::new(),
        }
    }
}

/// A message as an error that a durable invocation retries.
impl From<String> for Error {
    fn from(message: String) -> Self {
        Self::internal(message)
    }
}

impl From<&str> for Error {
    fn from(message: &str) -> Self {
        Self::internal(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_errors_and_terminal_ones_are_not_retried() {
        for terminal in [
            Error::invalid_argument("x"),
            Error::not_found("x"),
            Error::permission_denied("x"),
            Error::application(409, "taken"),
            Error::terminal(500, "give up"),
        ] {
            assert!(terminal.is_terminal(), "{terminal}");
        }
        for retried in [
            Error::internal("x"),
            Error::unavailable("x"),
            Error::application(503, "later"),
            Error::from(ActorError::TimedOut),
            Error::from("a message"),
        ] {
            assert!(!retried.is_terminal(), "{retried}");
        }
        let failure = Failure::from(&Error::terminal(422, "no"));
        assert_eq!((failure.code, failure.message.as_str()), (422, "no"));
        assert_eq!(Failure::from(&Error::not_found("k")).code, 404);
    }
}

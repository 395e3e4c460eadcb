//! The error a handler returns, carried to the caller as an `actor-error`.

use std::fmt;

use crate::host::types::{ActorError, Failure};

/// A handler failure; the requester receives it as a `send-failed` with this error.
#[derive(Debug, Clone)]
pub struct Error(pub(crate) ActorError);

impl Error {
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self(ActorError::InvalidArgument(message.into()))
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self(ActorError::NotFound(message.into()))
    }
    pub fn permission_denied(message: impl Into<String>) -> Self {
        Self(ActorError::PermissionDenied(message.into()))
    }
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self(ActorError::Unavailable(message.into()))
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self(ActorError::Internal(message.into()))
    }
    /// An application-defined failure with a code of its own.
    pub fn application(code: u16, message: impl Into<String>) -> Self {
        Self(ActorError::Application(Failure {
            code,
            message: message.into(),
            metadata: Vec::new(),
        }))
    }
    /// A reply to a call on `route` that is not a valid encoding of the route's output
    /// message.
    pub fn decode_reply(route: &str, e: prost::DecodeError) -> Self {
        Self(ActorError::DecodeFailure(format!(
            "{route}: the reply is not a valid reply message: {e}"
        )))
    }
    /// A request body that is not a valid encoding of the route's input message.
    pub fn decode(route: &str, e: prost::DecodeError) -> Self {
        Self(ActorError::DecodeFailure(format!(
            "{route}: the body is not a valid request message: {e}"
        )))
    }
    /// A JSON body that does not decode as the route's message type.
    pub fn decode_json(route: &str, e: &serde_json::Error) -> Self {
        Self(ActorError::DecodeFailure(format!(
            "{route}: the body is not a valid message: {e}"
        )))
    }
    /// A state value that could not be encoded or decoded.
    #[doc(hidden)]
    pub fn state(key: &str, e: serde_json::Error) -> Self {
        Self(ActorError::Internal(format!("state key `{key}`: {e}")))
    }
    /// The wire form of this error.
    pub fn actor_error(&self) -> &ActorError {
        &self.0
    }
}

impl From<ActorError> for Error {
    fn from(e: ActorError) -> Self {
        Self(e)
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

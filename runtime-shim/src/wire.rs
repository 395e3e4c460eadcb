//! Messages between nodes as bytes: a protobuf frame per message, request or outcome. Its
//! body and blob travel as they are, so a message at the shim's size limit costs its size
//! and a few bytes more.

use crate::remote::SealedCapability;
use crate::wit::types::{ActorError, Address, Blob, Capability, Failure, Header, Payload};

/// One message between nodes: a one-way message or a request (to `target`), or the outcome
/// of a request (from `target`): its response, or the error it failed with.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct Frame {
    #[prost(string, tag = "1")]
    pub source: String,
    #[prost(string, tag = "2")]
    pub target: String,
    #[prost(message, optional, tag = "3")]
    pub payload: Option<WirePayload>,
    #[prost(message, optional, tag = "4")]
    pub error: Option<WireError>,
    /// A request's deadline, in milliseconds from when it was sent.
    #[prost(uint64, optional, tag = "5")]
    pub timeout_ms: Option<u64>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct WirePayload {
    #[prost(sint64, optional, tag = "1")]
    tag: Option<i64>,
    #[prost(string, optional, tag = "2")]
    route: Option<String>,
    #[prost(bytes = "vec", tag = "3")]
    body: Vec<u8>,
    #[prost(string, optional, tag = "4")]
    metadata: Option<String>,
    #[prost(message, repeated, tag = "5")]
    headers: Vec<WireHeader>,
    #[prost(message, optional, tag = "6")]
    blob: Option<WireBlob>,
    #[prost(message, repeated, tag = "7")]
    capabilities: Vec<WireCapability>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct WireHeader {
    #[prost(string, tag = "1")]
    key: String,
    #[prost(string, tag = "2")]
    value: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct WireBlob {
    #[prost(string, optional, tag = "1")]
    mime: Option<String>,
    #[prost(bytes = "vec", tag = "2")]
    bytes: Vec<u8>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct WireCapability {
    #[prost(string, tag = "1")]
    issuer: String,
    #[prost(string, tag = "2")]
    params: String,
    #[prost(bytes = "vec", optional, tag = "3")]
    seal: Option<Vec<u8>>,
}

/// An `actor-error`: its case as WIT spells it, with what it carries.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct WireError {
    #[prost(string, tag = "1")]
    kind: String,
    #[prost(string, tag = "2")]
    message: String,
    #[prost(uint32, tag = "3")]
    code: u32,
    #[prost(uint64, optional, tag = "4")]
    retry_after_ms: Option<u64>,
    #[prost(message, repeated, tag = "5")]
    metadata: Vec<WireHeader>,
}

fn header(h: Header) -> WireHeader {
    WireHeader {
        key: h.key,
        value: h.value,
    }
}

fn unheader(h: WireHeader) -> Header {
    Header {
        key: h.key,
        value: h.value,
    }
}

impl WirePayload {
    /// `payload` on the wire, each of its capabilities with its seal (when it has one).
    pub fn of(payload: Payload, seal: impl Fn(&Capability) -> Option<Vec<u8>>) -> Self {
        let capabilities = (payload.capabilities.iter())
            .map(|cap| WireCapability {
                issuer: cap.issuer.to_string(),
                params: cap.params.clone(),
                seal: seal(cap),
            })
            .collect();
        Self {
            tag: payload.tag,
            route: payload.route,
            body: payload.body,
            metadata: payload.metadata,
            headers: payload.headers.into_iter().map(header).collect(),
            blob: payload.blob.map(|b| WireBlob {
                mime: b.mime,
                bytes: b.bytes,
            }),
            capabilities,
        }
    }

    /// The payload, without its capabilities, and those with their seals: the receiving node
    /// decides which it keeps. A capability whose issuer is not an address is left out.
    pub fn into_payload(self) -> (Payload, Vec<SealedCapability>) {
        let capabilities = (self.capabilities.into_iter())
            .filter_map(|c| {
                let issuer = Address::parse(&c.issuer)?;
                Some(SealedCapability {
                    capability: Capability {
                        issuer,
                        params: c.params,
                    },
                    seal: c.seal,
                })
            })
            .collect();
        let payload = Payload {
            tag: self.tag,
            route: self.route,
            body: self.body,
            metadata: self.metadata,
            headers: self.headers.into_iter().map(unheader).collect(),
            blob: self.blob.map(|b| Blob {
                mime: b.mime,
                bytes: b.bytes,
            }),
            capabilities: Vec::new(),
        };
        (payload, capabilities)
    }
}

impl WireError {
    pub fn of(error: &ActorError) -> Self {
        use ActorError::*;
        let (kind, message) = match error {
            TimedOut => ("timed-out", String::new()),
            Offline => ("offline", String::new()),
            ConnectionNotReady(after) => {
                return Self {
                    kind: "connection-not-ready".into(),
                    retry_after_ms: *after,
                    ..Self::default()
                };
            }
            Unavailable(m) => ("unavailable", m.clone()),
            NotFound(m) => ("not-found", m.clone()),
            PermissionDenied(m) => ("permission-denied", m.clone()),
            InvalidArgument(m) => ("invalid-argument", m.clone()),
            UnknownRoute(m) => ("unknown-route", m.clone()),
            DependencyNotFound(m) => ("dependency-not-found", m.clone()),
            DecodeFailure(m) => ("decode-failure", m.clone()),
            NotImplemented(m) => ("not-implemented", m.clone()),
            Internal(m) => ("internal", m.clone()),
            Application(f) => {
                return Self {
                    kind: "application".into(),
                    message: f.message.clone(),
                    code: u32::from(f.code),
                    metadata: f.metadata.iter().cloned().map(header).collect(),
                    retry_after_ms: None,
                };
            }
        };
        Self {
            kind: kind.into(),
            message,
            ..Self::default()
        }
    }

    /// The error; a kind this node does not know is `internal`, naming it.
    pub fn into_error(self) -> ActorError {
        use ActorError::*;
        let m = self.message;
        match self.kind.as_str() {
            "timed-out" => TimedOut,
            "offline" => Offline,
            "connection-not-ready" => ConnectionNotReady(self.retry_after_ms),
            "unavailable" => Unavailable(m),
            "not-found" => NotFound(m),
            "permission-denied" => PermissionDenied(m),
            "invalid-argument" => InvalidArgument(m),
            "unknown-route" => UnknownRoute(m),
            "dependency-not-found" => DependencyNotFound(m),
            "decode-failure" => DecodeFailure(m),
            "not-implemented" => NotImplemented(m),
            "internal" => Internal(m),
            "application" => Application(Failure {
                code: u16::try_from(self.code).unwrap_or(500),
                message: m,
                metadata: self.metadata.into_iter().map(unheader).collect(),
            }),
            other => Internal(format!(
                "another node failed the request with `{other}`: {m}"
            )),
        }
    }
}

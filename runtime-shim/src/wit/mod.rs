//! Host-side bindings of the `guestkit:host/actor` world, generated from `wit/host.wit`, and
//! the small impls on their types (addresses, payloads, errors).
//!
//! Every import is `trappable` (a host function can end the guest's current call with a trap
//! naming what went wrong). Those that can wait (a receive, a call, a durable write) are
//! `async`, so that a guest's blocking call only parks its own task; those that never wait
//! (reads of the actor's own state, the clock, randomness, logs, its own address) are bound
//! synchronously, which spares each call wasmtime's async host-call machinery
//! ([`ActorCtx::dispatch_now`](crate::actor::ActorCtx)).
//! Resources map to leaf types: `types.module` to a loaded [`Module`](crate::component::Module),
//! `types.conn` to [`Conn`].

pub(crate) mod address;

wasmtime::component::bindgen!({
    path: "../wit",
    world: "guestkit:host/actor",
    imports: {
        "guestkit:host/state.get": trappable,
        "guestkit:host/state.keys": trappable,
        "guestkit:host/clock.now": trappable,
        "guestkit:host/clock.monotonic-ns": trappable,
        "guestkit:host/random.get-bytes": trappable,
        "guestkit:host/random.next-u64": trappable,
        "guestkit:host/log.log": trappable,
        "guestkit:host/log.print": trappable,
        "guestkit:host/process.our": trappable,
        "guestkit:host/process.incarnation": trappable,
        default: async | trappable,
    },
    exports: { default: async },
    with: {
        "guestkit:host/types.module": crate::component::Module,
        "guestkit:host/types.conn": Conn,
    },
});

pub use self::exports::guestkit::host::guest;
pub use self::guestkit::host::{
    capabilities, clock, discovery, durable, host_call, log, messaging, process, random, state,
    streams, types,
};

/// A host-owned connection (`types.conn`). This shim opens none, so no guest ever holds one.
pub enum Conn {}

impl types::Timestamp {
    /// The timestamp `since` after the Unix epoch.
    pub(crate) fn since_epoch(since: std::time::Duration) -> Self {
        Self {
            seconds: since.as_secs(),
            nanoseconds: since.subsec_nanos(),
        }
    }
}

impl types::Payload {
    /// A message for `route` carrying `body`, with nothing else set.
    pub fn new(route: impl Into<String>, body: Vec<u8>) -> Self {
        Self {
            tag: None,
            route: Some(route.into()),
            body,
            metadata: None,
            headers: Vec::new(),
            blob: None,
            capabilities: Vec::new(),
        }
    }
}

impl types::ActorError {
    /// The error as `kind: message`, with the kind spelled as in WIT.
    pub fn describe(&self) -> String {
        use types::ActorError::*;
        match self {
            TimedOut => "timed-out".into(),
            Offline => "offline".into(),
            ConnectionNotReady(after) => format!("connection-not-ready (retry after {after:?} ms)"),
            Unavailable(m) => format!("unavailable: {m}"),
            NotFound(m) => format!("not-found: {m}"),
            PermissionDenied(m) => format!("permission-denied: {m}"),
            InvalidArgument(m) => format!("invalid-argument: {m}"),
            UnknownRoute(m) => format!("unknown-route: {m}"),
            DependencyNotFound(m) => format!("dependency-not-found: {m}"),
            DecodeFailure(m) => format!("decode-failure: {m}"),
            NotImplemented(m) => format!("not-implemented: {m}"),
            Internal(m) => format!("internal: {m}"),
            Application(e) => format!("application error {}: {}", e.code, e.message),
        }
    }
}

//! Host-side bindings of the `guestkit:host/actor` world, generated from `wit/host.wit`.
//!
//! Every import is `async` (a guest's blocking call only parks its own task) and `trappable`
//! (a host function can end the guest's current call with a trap naming what went wrong).

wasmtime::component::bindgen!({
    path: "../wit",
    world: "guestkit:host/actor",
    imports: { default: async | trappable },
    exports: { default: async },
    with: {
        "guestkit:host/types.module": crate::shim::Module,
        "guestkit:host/types.conn": crate::host::Conn,
    },
});

pub use self::exports::guestkit::host::guest;
pub use self::guestkit::host::{
    capabilities, clock, discovery, durable, host_call, log, messaging, process, random, state,
    streams, types,
};

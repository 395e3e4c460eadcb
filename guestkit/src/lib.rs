//! Write WebAssembly actors for the guestkit host.
//!
//! ```ignore
//! use guestkit::prelude::*;
//! guestkit::contract!("proto/counter.proto");
//! use crate::counter::v1::{AddReply, AddRequest, CounterService};
//!
//! #[derive(Default)]
//! struct Counter;
//!
//! #[guestkit::actor]
//! impl CounterService for Counter {
//!     fn add(&mut self, cx: &mut Context, req: AddRequest) -> Result<AddReply, Error> {
//!         let total = cx.state().get::<u64>("total")?.unwrap_or(0) + req.amount;
//!         cx.state().set("total", &total)?;
//!         Ok(AddReply { total })
//!     }
//! }
//! ```
//!
//! `contract!` generates the protobuf types and a trait per service; `#[actor]` exports the
//! `guestkit:host/guest` interface and routes each request (`package.Service/Method`) to the
//! trait method. [`Context`] gives a handler its message, state, logging and messaging.
//! Everything in [`host`] is the raw `guestkit:host` world, for what the context does not wrap.

// Generated code names this crate by its absolute path, also inside the crate itself.
extern crate self as guestkit;

mod address;
#[doc(hidden)]
pub mod bindings;
mod context;
mod declare;
pub mod durable;
mod error;
pub mod guest;
mod message;
mod persistent;
mod runtime;

pub use guestkit_macros::{Message, Persistent, actor, contract, wit};

pub use crate::context::{Context, State, state};
pub use crate::error::Error;
pub use crate::message::{Handler, Message};
pub use crate::persistent::Persistent;

/// The raw imports of the `guestkit:host/actor` world.
pub use crate::bindings::guestkit::host;

/// Exports a type implementing [`guest::Guest`] as the component's `guestkit:host/guest`
/// (on wasm; natively the crate still builds).
#[macro_export]
macro_rules! export_guest {
    ($guest:ty) => {
        #[cfg(target_arch = "wasm32")]
        const _: () = {
            type __GuestkitGuest = $crate::guest::Exported<$guest>;
            $crate::__private::export_actor_world!(__GuestkitGuest);
        };
        // Natively nothing is exported; naming the exports keeps the guest reachable for lints.
        #[cfg(not(target_arch = "wasm32"))]
        const _: () = {
            let _ = <$guest as $crate::guest::Guest>::init;
            let _ = <$guest as $crate::guest::Guest>::handle;
        };
    };
}

/// What a guest usually needs in scope.
pub mod prelude {
    pub use crate::host::log::Level;
    pub use crate::host::types::Address;
    pub use crate::{Context, Error};
}

/// The protobuf well-known types (`google.protobuf.Timestamp`, `Duration`, `Struct`, ...), as
/// the generated code of a contract uses them.
pub use prost_types;

/// Used by generated code; not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use prost;
    pub use prost_types;
    pub use wit_bindgen;

    pub use crate::bindings;
    pub use crate::bindings::export_actor_world;
    pub use crate::declare::{declaration, declaration_len, route_of};
    pub use crate::persistent::{
        Probe, ViaNothing, ViaPersistent, count_routes, flatten_routes, routes_are_distinct,
    };
    pub use crate::runtime::{Dispatch, Exports};
    pub use serde_json;
}

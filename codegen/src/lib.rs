//! guestkit's code generators, as an ordinary library.
//!
//! The proc-macros in `guestkit-macros` and the `cargo guest` CLI both call into this crate
//! with the same [`GuestOptions`], so what a macro expands to and what the CLI shows or
//! checks cannot drift apart.
//!
//! - [`proto`] compiles `.proto` contracts with protox (no system `protoc`).
//! - [`contract`] expands `guestkit::contract!`: prost message types, one trait per service
//!   and a dispatcher by route key `package.Service/Method`.
//! - [`actor`] expands `#[guestkit::actor]`: the guest world's exports for an actor type.
//! - [`embed`] writes and reads the contract custom section of built components.
//! - [`wit`] resolves the WIT world a guest is built against.

pub mod actor;
pub mod contract;
pub mod embed;
pub mod proto;
mod service;
pub mod wit;

/// Options shared by every generator of guest-side code.
#[derive(Debug, Clone)]
pub struct GuestOptions {
    /// Path of the guest facade crate in generated code.
    pub crate_path: syn::Path,
}

impl Default for GuestOptions {
    fn default() -> Self {
        Self {
            crate_path: syn::parse_quote!(::guestkit),
        }
    }
}

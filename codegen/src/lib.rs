//! guestkit's code generators, as an ordinary library.
//!
//! The proc-macros in `guestkit-macros` and the `cargo guest` CLI both call into this crate
//! with the same [`Options`], so what a macro expands to and what the CLI shows or
//! checks cannot drift apart.
//!
//! - [`proto`] compiles `.proto` contracts with protox (no system `protoc`).
//! - [`contract_set`] reads a crate's whole contract (proto files and WIT world) for
//!   `cargo guest bindings`.
//! - [`contract`] expands `guestkit::contract!`: prost message types, one trait per service
//!   and a dispatcher by route key `package.Service/Method`.
//! - [`bindings`] expands `guestkit::wit!`: typed bindings for a guest's own WIT world.
//! - [`actor`] expands `#[guestkit::actor]`: the guest world's exports for an actor type.
//! - [`stub`] generates host stubs for a component's own WIT exports.
//! - [`derive`] expands `#[derive(guestkit::Persistent)]` and `#[derive(guestkit::Message)]`.
//! - [`embed`] writes and reads the contract custom section of built components.
//! - [`wit`] resolves the WIT world a guest is built against.

pub mod actor;
pub mod bindings;
pub mod check;
mod client;
pub mod consumes;
pub mod contract;
pub mod contract_set;
pub mod derive;
pub mod embed;
pub mod proto;
mod service;
pub mod stub;
pub mod wit;
pub mod wit_rules;

/// Which side of the guest boundary generated code runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Inside a guest component, against the `guestkit` facade: service traits,
    /// dispatchers and clients over `messaging.call`.
    Guest,
    /// Outside the guest: typed stubs that call a running actor through a transport, the
    /// shim itself (`guestkit-shim`) or a test's shim in another process (`guestkit-test`).
    Host,
}

/// Options shared by every generator, on both sides: the macros, `cargo guest bindings` and
/// the checks all expand through one of these, so the guest and host sides of a contract are
/// generated from the same model and cannot drift.
#[derive(Debug, Clone)]
pub struct Options {
    pub side: Side,
    /// Path of the crate generated code uses (`::guestkit`, `::guestkit_shim` or
    /// `::guestkit_test`).
    pub crate_path: syn::Path,
    /// On the host side, the type a stub calls through (`Shim`, or a test's `App`) and the
    /// type it names its actor by; each has `call_route` and each crate a `CallError`.
    pub transport: syn::Ident,
    pub address: syn::Ident,
}

impl Options {
    /// Guest-side code against `::guestkit`.
    pub fn guest() -> Self {
        Self {
            side: Side::Guest,
            crate_path: syn::parse_quote!(::guestkit),
            transport: syn::parse_quote!(Context),
            address: syn::parse_quote!(Address),
        }
    }

    /// Host-side stubs against `::guestkit_shim`, calling through a `Shim` in this process.
    pub fn host() -> Self {
        Self {
            side: Side::Host,
            crate_path: syn::parse_quote!(::guestkit_shim),
            transport: syn::parse_quote!(Shim),
            address: syn::parse_quote!(Address),
        }
    }

    /// Host-side stubs against `::guestkit_test`, calling through a test's `App`: its shim
    /// runs in a process of its own, and actors are named as the test spawned them.
    pub fn test() -> Self {
        Self {
            side: Side::Host,
            crate_path: syn::parse_quote!(::guestkit_test),
            transport: syn::parse_quote!(App),
            address: syn::parse_quote!(Target),
        }
    }

    /// The crate's path as source text, for generators that emit strings.
    pub fn crate_name(&self) -> String {
        quote::ToTokens::to_token_stream(&self.crate_path)
            .to_string()
            .replace(' ', "")
    }
}

/// Formats generated code as rustfmt would lay it out (prettyplease); code that does not
/// parse as a file is returned as is.
pub fn pretty(tokens: &proc_macro2::TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => tokens.to_string(),
    }
}

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
    /// In the embedding application, against `guestkit-shim`: typed stubs that call a
    /// running actor through the shim.
    Host,
}

/// Options shared by every generator, on both sides: the macros, `cargo guest bindings` and
/// the checks all expand through one of these, so the guest and host sides of a contract are
/// generated from the same model and cannot drift.
#[derive(Debug, Clone)]
pub struct Options {
    pub side: Side,
    /// Path of the crate generated code uses (`::guestkit` or `::guestkit_shim`).
    pub crate_path: syn::Path,
}

impl Options {
    /// Guest-side code against `::guestkit`.
    pub fn guest() -> Self {
        Self {
            side: Side::Guest,
            crate_path: syn::parse_quote!(::guestkit),
        }
    }

    /// Host-side stubs against `::guestkit_shim`.
    pub fn host() -> Self {
        Self {
            side: Side::Host,
            crate_path: syn::parse_quote!(::guestkit_shim),
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

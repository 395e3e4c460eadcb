//! guestkit's code generators, as an ordinary library.
//!
//! The proc-macros in `guestkit-macros` and the `cargo guest` CLI both call into this crate
//! with the same [`GuestOptions`], so what a macro expands to and what the CLI shows or
//! checks cannot drift apart.
//!
//! - [`proto`] compiles `.proto` contracts with protox (no system `protoc`).
//! - [`contract`] expands `guestkit::contract!`: prost message types, one trait per service
//!   and a dispatcher by route key `package.Service/Method`.
//! - [`bindings`] expands `guestkit::wit!`: typed bindings for a guest's own WIT world.
//! - [`actor`] expands `#[guestkit::actor]`: the guest world's exports for an actor type.
//! - [`embed`] writes and reads the contract custom section of built components.
//! - [`wit`] resolves the WIT world a guest is built against.

pub mod actor;
pub mod bindings;
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

impl GuestOptions {
    /// The facade's path as source text, for generators that emit strings.
    pub fn crate_name(&self) -> String {
        quote::ToTokens::to_token_stream(&self.crate_path)
            .to_string()
            .replace(' ', "")
    }
}

impl Default for GuestOptions {
    fn default() -> Self {
        Self {
            crate_path: syn::parse_quote!(::guestkit),
        }
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

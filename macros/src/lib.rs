//! Procedural macros of guestkit guests. Thin by design: each parses its input, calls
//! `guestkit-codegen`, and turns errors into compile errors on the user's span. Use them
//! through the `guestkit` crate (`guestkit::contract!`, `#[guestkit::actor]`).

use proc_macro::TokenStream;

/// Generates the Rust side of a protobuf contract: message types, one trait per service and
/// its route dispatcher. The path is relative to the crate's `Cargo.toml`.
///
/// ```ignore
/// guestkit::contract!("proto/counter.proto");
/// ```
#[proc_macro]
pub fn contract(input: TokenStream) -> TokenStream {
    let path = syn::parse_macro_input!(input as syn::LitStr);
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    guestkit_codegen::contract::expand(
        std::path::Path::new(&manifest_dir),
        &path.value(),
        &guestkit_codegen::GuestOptions::default(),
    )
    .map_err(|e| syn::Error::new(path.span(), e))
    .unwrap_or_else(syn::Error::into_compile_error)
    .into()
}

/// Makes the crate a guest component whose requests are served by this service impl.
///
/// ```ignore
/// #[guestkit::actor]
/// impl counter::v1::CounterService for Counter { /* ... */ }
/// ```
#[proc_macro_attribute]
pub fn actor(attr: TokenStream, item: TokenStream) -> TokenStream {
    guestkit_codegen::actor::expand(
        attr.into(),
        item.into(),
        &guestkit_codegen::GuestOptions::default(),
    )
    .unwrap_or_else(syn::Error::into_compile_error)
    .into()
}

//! Derives for user code: `#[derive(guestkit::Persistent)]` (an actor's fields kept in
//! state) and `#[derive(guestkit::Message)]` (a Rust-defined message type with a route and a
//! reply type).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::Options;

/// `#[derive(guestkit::Persistent)]`: one state key per named field.
pub fn persistent(input: TokenStream, opts: &Options) -> syn::Result<TokenStream> {
    let item: syn::DeriveInput = syn::parse2(input)?;
    let syn::Data::Struct(syn::DataStruct {
        fields: syn::Fields::Named(fields),
        ..
    }) = &item.data
    else {
        return Err(syn::Error::new(
            item.ident.span(),
            "#[derive(guestkit::Persistent)] needs a struct with named fields: each field is \
             stored under its name",
        ));
    };
    if !item.generics.params.is_empty() {
        return Err(syn::Error::new(
            item.generics.span(),
            "#[derive(guestkit::Persistent)] goes on the actor type, which cannot be generic",
        ));
    }
    let krate = &opts.crate_path;
    let mut loads = Vec::new();
    let mut saves = Vec::new();
    for field in &fields.named {
        let ident = field.ident.as_ref().expect("named fields have names");
        let mut key = Some(ident.to_string().trim_start_matches("r#").to_owned());
        for attr in field
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("persistent"))
        {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("skip") {
                    key = None;
                    Ok(())
                } else if meta.path.is_ident("key") {
                    key = Some(meta.value()?.parse::<syn::LitStr>()?.value());
                    Ok(())
                } else {
                    Err(meta.error(
                        "unknown option; use `#[persistent(key = \"name\")]` to pick the state \
                         key or `#[persistent(skip)]` to keep a field out of state",
                    ))
                }
            })?;
        }
        let Some(key) = key else { continue };
        let ty = &field.ty;
        loads.push(quote_spanned! {ty.span()=>
            if let ::core::option::Option::Some(value) = state.get::<#ty>(#key)? {
                self.#ident = value;
            }
        });
        saves.push(quote_spanned! {ty.span()=> state.set::<#ty>(#key, &self.#ident)?; });
    }
    let name = &item.ident;
    Ok(quote! {
        #[automatically_derived]
        impl #krate::Persistent for #name {
            fn load(&mut self) -> ::core::result::Result<(), #krate::Error> {
                let state = #krate::state();
                #(#loads)*
                ::core::result::Result::Ok(())
            }

            fn save(&self) -> ::core::result::Result<(), #krate::Error> {
                let state = #krate::state();
                #(#saves)*
                ::core::result::Result::Ok(())
            }
        }
    })
}

/// `#[derive(guestkit::Message)]` with `#[message(reply = T)]` (default `()`).
pub fn message(input: TokenStream, opts: &Options) -> syn::Result<TokenStream> {
    let item: syn::DeriveInput = syn::parse2(input)?;
    if let syn::Data::Union(u) = &item.data {
        return Err(syn::Error::new(
            u.union_token.span(),
            "#[derive(guestkit::Message)] needs a struct or an enum that serde can encode",
        ));
    }
    if !item.generics.params.is_empty() {
        return Err(syn::Error::new(
            item.generics.span(),
            "a message type cannot be generic: its route is its one Rust path",
        ));
    }
    let mut reply: syn::Type = syn::parse_quote!(());
    let mut seen = false;
    for attr in item.attrs.iter().filter(|a| a.path().is_ident("message")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("reply") {
                if std::mem::replace(&mut seen, true) {
                    return Err(meta.error("`reply` is given twice"));
                }
                reply = meta.value()?.parse()?;
                Ok(())
            } else {
                Err(meta.error(
                    "unknown option; #[message] takes `reply = Type`, the type a handler answers \
                     with",
                ))
            }
        })?;
    }
    let krate = &opts.crate_path;
    let name = &item.ident;
    Ok(quote! {
        #[automatically_derived]
        impl #krate::Message for #name {
            const ROUTE: &'static str = ::core::concat!(::core::module_path!(), "::", ::core::stringify!(#name));
            type Reply = #reply;
        }
    })
}

//! The shell every generated client shares, on both sides: the target address, a timeout
//! (30 s unless set), `new` and `with_timeout`. Guest clients hold only the address; host
//! stubs also borrow what they call through (a shim, or a test's app).

use proc_macro2::TokenStream;
use quote::quote;

use crate::{Options, Side};

/// A client type named `ident`, documented by `doc`, with `methods` in its impl.
pub(crate) fn shell(
    opts: &Options,
    ident: &syn::Ident,
    doc: &[String],
    methods: impl IntoIterator<Item = TokenStream>,
) -> TokenStream {
    let krate = &opts.crate_path;
    let methods: Vec<_> = methods.into_iter().collect();
    let (transport, address) = (&opts.transport, &opts.address);
    let (generics, field, param, init, address, derive) = match opts.side {
        Side::Guest => (
            quote!(),
            quote!(),
            quote!(),
            quote!(),
            quote!(#krate::prelude::Address),
            quote!(#[derive(Debug, Clone)]),
        ),
        Side::Host => (
            quote!(<'transport>),
            quote!(transport: &'transport #krate::#transport,),
            quote!(transport: &'transport #krate::#transport,),
            quote!(transport,),
            quote!(#krate::#address),
            quote!(#[derive(Clone)]),
        ),
    };
    let new_doc = match opts.side {
        Side::Guest => " A client for the actor at `to`.".to_owned(),
        Side::Host => {
            format!(" A stub for the actor at `to`, called through `transport` ({transport}).")
        }
    };
    let to_param = match opts.side {
        Side::Guest => quote!(to: #address),
        Side::Host => quote!(to: impl ::core::convert::Into<#address>),
    };
    let to_init = match opts.side {
        Side::Guest => quote!(to),
        Side::Host => quote!(to: to.into()),
    };
    quote! {
        #(#[doc = #doc])*
        #derive
        pub struct #ident #generics {
            #field
            to: #address,
            timeout: ::core::time::Duration,
        }

        impl #generics #ident #generics {
            #[doc = #new_doc]
            pub fn new(#param #to_param) -> Self {
                Self {
                    #init
                    #to_init,
                    timeout: ::core::time::Duration::from_secs(30),
                }
            }

            /// How long each call waits for its outcome before failing as timed out.
            pub fn with_timeout(mut self, timeout: ::core::time::Duration) -> Self {
                self.timeout = timeout;
                self
            }

            #(#methods)*
        }
    }
}

//! The shell every generated client shares, on both sides: the target address, a timeout
//! (30 s unless set), `new` and `with_timeout`. Guest clients hold only the address; host
//! stubs also borrow the shim they call through.

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
    let (generics, shim_field, shim_param, shim_init, address, derive) = match opts.side {
        Side::Guest => (
            quote!(),
            quote!(),
            quote!(),
            quote!(),
            quote!(#krate::prelude::Address),
            quote!(#[derive(Debug, Clone)]),
        ),
        Side::Host => (
            quote!(<'shim>),
            quote!(shim: &'shim #krate::Shim,),
            quote!(shim: &'shim #krate::Shim,),
            quote!(shim,),
            quote!(#krate::Address),
            quote!(#[derive(Clone)]),
        ),
    };
    let new_doc = match opts.side {
        Side::Guest => " A client for the actor at `to`.",
        Side::Host => " A stub for the actor at `to` in `shim`.",
    };
    quote! {
        #(#[doc = #doc])*
        #derive
        pub struct #ident #generics {
            #shim_field
            to: #address,
            timeout: ::core::time::Duration,
        }

        impl #generics #ident #generics {
            #[doc = #new_doc]
            pub fn new(#shim_param to: #address) -> Self {
                Self {
                    #shim_init
                    to,
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

//! One Rust trait per protobuf `service`, with a dispatcher by route key, and a typed client
//! other guests call it through.
//!
//! Plugged into prost-build as its `ServiceGenerator`, so method input and output types are
//! the paths prost-build itself resolved for the messages it generated next to the trait.

use std::cell::RefCell;
use std::rc::Rc;

use proc_macro2::TokenStream;
use prost_build::{Service, ServiceGenerator};
use quote::{format_ident, quote};

use crate::GuestOptions;

/// The route key of `method` on `service`: `package.Service/Method`.
pub fn route(package: &str, service: &str, method: &str) -> String {
    if package.is_empty() {
        format!("{service}/{method}")
    } else {
        format!("{package}.{service}/{method}")
    }
}

/// Collects what it could not generate, for the caller to report after prost-build returns.
pub(crate) struct ServiceTraits {
    pub opts: GuestOptions,
    pub problems: Rc<RefCell<Vec<String>>>,
}

impl ServiceGenerator for ServiceTraits {
    fn generate(&mut self, service: Service, buf: &mut String) {
        match self.expand(&service) {
            Ok(tokens) => buf.push_str(&tokens.to_string()),
            Err(problem) => self.problems.borrow_mut().push(problem),
        }
    }
}

impl ServiceTraits {
    fn expand(&self, service: &Service) -> Result<TokenStream, String> {
        let krate = &self.opts.crate_path;
        let trait_ident = format_ident!("{}", service.name);
        let mut methods = Vec::new();
        let mut routes = Vec::new();
        let mut arms = Vec::new();
        let mut calls = Vec::new();
        for m in &service.methods {
            let route = route(&service.package, &service.proto_name, &m.proto_name);
            if m.client_streaming || m.server_streaming {
                return Err(format!(
                    "rpc {route} streams; guestkit services take one request and return one \
                     reply, so declare it without `stream` (use guestkit:host/streams for data streams)"
                ));
            }
            let name = format_ident!("{}", m.name);
            let input: syn::Type = syn::parse_str(&m.input_type).map_err(|e| e.to_string())?;
            let output: syn::Type = syn::parse_str(&m.output_type).map_err(|e| e.to_string())?;
            let doc = doc_lines(&m.comments.leading);
            methods.push(quote! {
                #(#[doc = #doc])*
                #[doc = concat!("\n\nRoute: `", #route, "`.")]
                fn #name(
                    &mut self,
                    cx: &mut #krate::Context,
                    request: #input,
                ) -> ::core::result::Result<#output, #krate::Error>;
            });
            arms.push(quote! {
                #route => ::core::option::Option::Some(
                    <#input as #krate::__private::prost::Message>::decode(body)
                        .map_err(|e| #krate::Error::decode(#route, e))
                        .and_then(|request| self.#name(cx, request))
                        .map(|reply| #krate::__private::prost::Message::encode_to_vec(&reply)),
                ),
            });
            calls.push(quote! {
                #(#[doc = #doc])*
                #[doc = concat!("\n\nCalls `", #route, "` and waits for the reply.")]
                pub fn #name(
                    &self,
                    cx: &#krate::Context,
                    request: &#input,
                ) -> ::core::result::Result<#output, #krate::Error> {
                    let body = cx.call(
                        &self.to,
                        #route,
                        #krate::__private::prost::Message::encode_to_vec(request),
                        self.timeout,
                    )?;
                    <#output as #krate::__private::prost::Message>::decode(body.as_slice())
                        .map_err(|e| #krate::Error::decode_reply(#route, e))
                }
            });
            routes.push(route);
        }
        let doc = doc_lines(&service.comments.leading);
        let client_ident = format_ident!("{}Client", service.name);
        let client_doc = format!(
            " Calls the `{}` service of another actor: one method per rpc, each a \
             `messaging.call` with a protobuf body that waits for the reply (up to the \
             timeout, 30 s unless set).",
            service.proto_name
        );
        Ok(quote! {
            #(#[doc = #doc])*
            pub trait #trait_ident {
                #(#methods)*

                /// Every route this service answers.
                #[doc(hidden)]
                const __ROUTES: &'static [&'static str] = &[#(#routes),*];

                /// Decodes a request for `route`, calls its method and encodes the reply;
                /// `None` when the route is not one of this service's.
                #[doc(hidden)]
                fn __dispatch(
                    &mut self,
                    cx: &mut #krate::Context,
                    route: &str,
                    body: &[u8],
                ) -> ::core::option::Option<
                    ::core::result::Result<::std::vec::Vec<u8>, #krate::Error>,
                > {
                    match route {
                        #(#arms)*
                        _ => ::core::option::Option::None,
                    }
                }
            }

            #[doc = #client_doc]
            #[derive(Debug, Clone)]
            pub struct #client_ident {
                to: #krate::prelude::Address,
                timeout: ::core::time::Duration,
            }

            impl #client_ident {
                /// A client for the actor at `to`.
                pub fn new(to: #krate::prelude::Address) -> Self {
                    Self {
                        to,
                        timeout: ::core::time::Duration::from_secs(30),
                    }
                }

                /// How long each call waits for its reply before failing with `timed-out`.
                pub fn with_timeout(mut self, timeout: ::core::time::Duration) -> Self {
                    self.timeout = timeout;
                    self
                }

                #(#calls)*
            }
        })
    }
}

fn doc_lines(comments: &[String]) -> Vec<String> {
    comments
        .iter()
        .flat_map(|c| c.lines())
        .map(|l| format!(" {}", l.trim()))
        .collect()
}

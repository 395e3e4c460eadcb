//! Protobuf services, both sides. In a guest: one Rust trait per `service`, with a
//! dispatcher by route key, a typed client other guests call it through, and a durable one
//! a durable handler calls it through as a durable service. In the host:
//! an async stub that calls a running actor through the shim.
//!
//! Plugged into prost-build as its `ServiceGenerator`, so method input and output types are
//! the paths prost-build itself resolved for the messages it generated next to the trait.

use std::cell::RefCell;
use std::rc::Rc;

use proc_macro2::TokenStream;
use prost_build::{Service, ServiceGenerator};
use quote::{format_ident, quote};

use crate::{Options, Side, client};

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
    pub opts: Options,
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

/// One rpc, as both sides generate it.
struct Rpc {
    route: String,
    name: syn::Ident,
    input: syn::Type,
    output: syn::Type,
    doc: Vec<String>,
}

impl ServiceTraits {
    fn expand(&self, service: &Service) -> Result<TokenStream, String> {
        let rpcs = service
            .methods
            .iter()
            .map(|m| {
                let route = route(&service.package, &service.proto_name, &m.proto_name);
                if m.client_streaming || m.server_streaming {
                    // `proto::refuse_unsupported` reports these, with their place, first.
                    return Err(format!("rpc {route} streams"));
                }
                Ok(Rpc {
                    name: format_ident!("{}", m.name),
                    input: syn::parse_str(&m.input_type).map_err(|e| e.to_string())?,
                    output: syn::parse_str(&m.output_type).map_err(|e| e.to_string())?,
                    doc: doc_lines(&m.comments.leading),
                    route,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(match self.opts.side {
            Side::Guest => {
                let mut out = self.guest_trait(service, &rpcs);
                out.extend(self.guest_client(service, &rpcs));
                out.extend(self.durable_client(service, &rpcs));
                out
            }
            Side::Host => self.host_client(service, &rpcs),
        })
    }

    /// The trait an actor implements, with its route dispatcher.
    fn guest_trait(&self, service: &Service, rpcs: &[Rpc]) -> TokenStream {
        let krate = &self.opts.crate_path;
        let trait_ident = format_ident!("{}", service.name);
        let methods = rpcs.iter().map(
            |Rpc {
                 route,
                 name,
                 input,
                 output,
                 doc,
             }| {
                quote! {
                    #(#[doc = #doc])*
                    #[doc = concat!("\n\nRoute: `", #route, "`.")]
                    fn #name(
                        &mut self,
                        cx: &mut #krate::Context,
                        request: #input,
                    ) -> ::core::result::Result<#output, #krate::Error>;
                }
            },
        );
        let arms = rpcs.iter().map(
            |Rpc {
                 route, name, input, ..
             }| {
                quote! {
                    #route => ::core::option::Option::Some(
                        <#input as #krate::__private::prost::Message>::decode(body)
                            .map_err(|e| #krate::Error::decode(#route, e))
                            .and_then(|request| self.#name(cx, request))
                            .map(|reply| #krate::__private::prost::Message::encode_to_vec(&reply)),
                    ),
                }
            },
        );
        let routes = rpcs.iter().map(|r| &r.route);
        let method_routes = rpcs.iter().map(|Rpc { route, name, .. }| {
            let method = name.to_string();
            quote!((#method, #route))
        });
        let doc = doc_lines(&service.comments.leading);
        quote! {
            #(#[doc = #doc])*
            pub trait #trait_ident {
                #(#methods)*

                /// Every route this service answers.
                #[doc(hidden)]
                const __ROUTES: &'static [&'static str] = &[#(#routes),*];

                /// Each method and the route it answers.
                #[doc(hidden)]
                const __METHOD_ROUTES: &'static [(&'static str, &'static str)] =
                    &[#(#method_routes),*];

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
        }
    }

    /// A client another guest calls the service through, over `messaging.call`.
    fn guest_client(&self, service: &Service, rpcs: &[Rpc]) -> TokenStream {
        let krate = &self.opts.crate_path;
        let calls = rpcs.iter().map(
            |Rpc {
                 route,
                 name,
                 input,
                 output,
                 doc,
             }| {
                quote! {
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
                }
            },
        );
        let client_doc = format!(
            " Calls the `{}` service of another actor: one method per rpc, each a \
             `messaging.call` with a protobuf body that waits for the reply (up to the \
             timeout, 30 s unless set).",
            service.proto_name
        );
        client::shell(
            &self.opts,
            &format_ident!("{}Client", service.name),
            &[client_doc],
            calls,
        )
    }

    /// A client a durable handler calls the service through when it runs as a durable service:
    /// each call is a journaled `durable.call` (or, `send_*`, a `durable.send`).
    fn durable_client(&self, service: &Service, rpcs: &[Rpc]) -> TokenStream {
        let krate = &self.opts.crate_path;
        let ident = format_ident!("{}DurableClient", service.name);
        let calls = rpcs.iter().map(
            |Rpc {
                 route,
                 name,
                 input,
                 output,
                 doc,
             }| {
                let send = format_ident!("send_{}", name);
                quote! {
                    #(#[doc = #doc])*
                    #[doc = concat!("\n\nCalls `", #route, "` durably and suspends until its output.")]
                    pub fn #name(
                        &self,
                        request: &#input,
                    ) -> ::core::result::Result<#output, #krate::Error> {
                        let body = self.service.call_bytes(
                            #route,
                            #krate::__private::prost::Message::encode_to_vec(request),
                        )?;
                        <#output as #krate::__private::prost::Message>::decode(body.as_slice())
                            .map_err(|e| #krate::Error::decode_reply(#route, e))
                    }

                    #[doc = concat!(" Starts `", #route, "` durably without waiting, `delay` from now when given; the invocation's id.")]
                    pub fn #send(
                        &self,
                        request: &#input,
                        delay: ::core::option::Option<::core::time::Duration>,
                    ) -> ::core::result::Result<::std::string::String, #krate::Error> {
                        self.service.send_bytes(
                            #route,
                            #krate::__private::prost::Message::encode_to_vec(request),
                            delay,
                        )
                    }
                }
            },
        );
        let doc = format!(
            " Calls the `{}` service registered as a durable service, from a durable handler: \
             each call starts one invocation however often the caller is retried or replayed.",
            service.proto_name
        );
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone)]
            pub struct #ident {
                service: #krate::durable::Service,
            }

            impl #ident {
                /// A client for the durable service registered as `service`.
                pub fn new(service: &str) -> Self {
                    Self { service: #krate::durable::service(service) }
                }

                /// Calls object `key` of the service.
                pub fn key(mut self, key: &str) -> Self {
                    self.service = self.service.key(key);
                    self
                }

                /// Calls with the same idempotency key (and rpc and object) are one invocation.
                pub fn idempotency_key(mut self, key: &str) -> Self {
                    self.service = self.service.idempotency_key(key);
                    self
                }

                #(#calls)*
            }
        }
    }

    /// A stub the embedding application calls the service through, via the shim.
    fn host_client(&self, service: &Service, rpcs: &[Rpc]) -> TokenStream {
        let krate = &self.opts.crate_path;
        let calls = rpcs.iter().map(
            |Rpc {
                 route,
                 name,
                 input,
                 output,
                 doc,
             }| {
                let message_type = quote!(#output).to_string().replace(' ', "");
                quote! {
                    #(#[doc = #doc])*
                    #[doc = concat!("\n\nCalls `", #route, "` and waits for the reply.")]
                    pub async fn #name(
                        &self,
                        request: &#input,
                    ) -> ::core::result::Result<#output, #krate::CallError> {
                        let body = self
                            .transport
                            .call_route(
                                &self.to,
                                #route,
                                #krate::__private::prost::Message::encode_to_vec(request),
                                self.timeout,
                            )
                            .await?;
                        <#output as #krate::__private::prost::Message>::decode(body.as_slice())
                            .map_err(|e| #krate::CallError::Decode {
                                route: #route.into(),
                                message_type: #message_type,
                                reason: e.to_string(),
                            })
                    }
                }
            },
        );
        let client_doc = format!(
            " Calls the `{}` service of an actor running in a shim: one async method per \
             rpc, each a request with a protobuf body that waits for the reply (up to the \
             timeout, 30 s unless set).",
            service.proto_name
        );
        client::shell(
            &self.opts,
            &format_ident!("{}Client", service.name),
            &[client_doc],
            calls,
        )
    }
}

fn doc_lines(comments: &[String]) -> Vec<String> {
    comments
        .iter()
        .flat_map(|c| c.lines())
        .map(|l| format!(" {}", l.trim()))
        .collect()
}

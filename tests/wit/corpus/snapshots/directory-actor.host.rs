/// Calls the exports of `directory-actor` on an actor running in a shim. Each call runs between two of the actor's handlers; its state writes commit when it returns.
#[derive(Clone)]
pub struct DirectoryActorClient<'transport> {
    transport: &'transport ::guestkit_shim::Shim,
    to: ::guestkit_shim::Address,
    timeout: ::core::time::Duration,
}
impl<'transport> DirectoryActorClient<'transport> {
    /// A stub for the actor at `to`, called through `transport` (Shim).
    pub fn new(
        transport: &'transport ::guestkit_shim::Shim,
        to: impl ::core::convert::Into<::guestkit_shim::Address>,
    ) -> Self {
        Self {
            transport,
            to: to.into(),
            timeout: ::core::time::Duration::from_secs(30),
        }
    }
    /// How long each call waits for its outcome before failing as timed out.
    pub fn with_timeout(mut self, timeout: ::core::time::Duration) -> Self {
        self.timeout = timeout;
        self
    }
    pub async fn ping(
        &self,
    ) -> ::core::result::Result<::std::string::String, ::guestkit_shim::InvokeError> {
        let results = self
            .transport
            .invoke(
                &self.to,
                ::core::option::Option::None,
                "ping",
                ::std::vec![],
                self.timeout,
            )
            .await?;
        ::guestkit_shim::__private::value::from_results(
            results,
            ::core::option::Option::None,
            "ping",
        )
    }
}
#[allow(dead_code, clippy::all)]
pub mod corpus {
    pub mod functions {
        pub mod directory {
            pub type Address = super::super::super::guestkit::host::types::Address;
            pub type ActorError = super::super::super::guestkit::host::types::ActorError;
            /// Calls the exports of `corpus:functions/directory@0.1.0` on an actor running in a shim. Each call runs between two of the actor's handlers; its state writes commit when it returns.
            #[derive(Clone)]
            pub struct DirectoryClient<'transport> {
                transport: &'transport ::guestkit_shim::Shim,
                to: ::guestkit_shim::Address,
                timeout: ::core::time::Duration,
            }
            impl<'transport> DirectoryClient<'transport> {
                /// A stub for the actor at `to`, called through `transport` (Shim).
                pub fn new(
                    transport: &'transport ::guestkit_shim::Shim,
                    to: impl ::core::convert::Into<::guestkit_shim::Address>,
                ) -> Self {
                    Self {
                        transport,
                        to: to.into(),
                        timeout: ::core::time::Duration::from_secs(30),
                    }
                }
                /// How long each call waits for its outcome before failing as timed out.
                pub fn with_timeout(mut self, timeout: ::core::time::Duration) -> Self {
                    self.timeout = timeout;
                    self
                }
                pub async fn lookup(
                    &self,
                    name: ::std::string::String,
                ) -> ::core::result::Result<
                    ::core::result::Result<
                        super::super::super::corpus::functions::directory::Address,
                        super::super::super::corpus::functions::directory::ActorError,
                    >,
                    ::guestkit_shim::InvokeError,
                > {
                    let results = self
                        .transport
                        .invoke(
                            &self.to,
                            ::core::option::Option::Some(
                                "corpus:functions/directory@0.1.0",
                            ),
                            "lookup",
                            ::std::vec![
                                ::guestkit_shim::__private::value::IntoVal::into_val(name)
                            ],
                            self.timeout,
                        )
                        .await?;
                    ::guestkit_shim::__private::value::from_results(
                        results,
                        ::core::option::Option::Some("corpus:functions/directory@0.1.0"),
                        "lookup",
                    )
                }
                pub async fn register(
                    &self,
                    name: ::std::string::String,
                    at: super::super::super::corpus::functions::directory::Address,
                ) -> ::core::result::Result<
                    ::core::result::Result<
                        (),
                        super::super::super::corpus::functions::directory::ActorError,
                    >,
                    ::guestkit_shim::InvokeError,
                > {
                    let results = self
                        .transport
                        .invoke(
                            &self.to,
                            ::core::option::Option::Some(
                                "corpus:functions/directory@0.1.0",
                            ),
                            "register",
                            ::std::vec![
                                ::guestkit_shim::__private::value::IntoVal::into_val(name),
                                ::guestkit_shim::__private::value::IntoVal::into_val(at)
                            ],
                            self.timeout,
                        )
                        .await?;
                    ::guestkit_shim::__private::value::from_results(
                        results,
                        ::core::option::Option::Some("corpus:functions/directory@0.1.0"),
                        "register",
                    )
                }
            }
        }
    }
}
#[allow(dead_code, clippy::all)]
pub mod guestkit {
    pub mod host {
        pub mod types {
            /// Node name: a Kinode node-id, a lunatic node id in decimal, or an actr realm ("realm-<id>").
            pub type NodeId = ::std::string::String;
            /// Kinode process-id `name:package:publisher`. Anonymous spawns get a random u64 name.
            #[derive(Debug, Clone, PartialEq)]
            pub struct ProcessId {
                pub process_name: ::std::string::String,
                pub package_name: ::std::string::String,
                pub publisher_node: super::super::super::guestkit::host::types::NodeId,
            }
            impl ::guestkit_shim::__private::value::IntoVal for ProcessId {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("process-name".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .process_name)), ("package-name".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .package_name)), ("publisher-node".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .publisher_node))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for ProcessId {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "process-id",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        process_name: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "process-name",
                            )?,
                        )?,
                        package_name: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "package-name",
                            )?,
                        )?,
                        publisher_node: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "publisher-node",
                            )?,
                        )?,
                    })
                }
            }
            /// A stable, routable actor address. It stays the same across on-exit restarts.
            #[derive(Debug, Clone, PartialEq)]
            pub struct Address {
                pub node: super::super::super::guestkit::host::types::NodeId,
                pub process: super::super::super::guestkit::host::types::ProcessId,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Address {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("node".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .node)), ("process".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .process))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Address {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "address",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        node: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "node",
                            )?,
                        )?,
                        process: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "process",
                            )?,
                        )?,
                    })
                }
            }
            /// actr ActrType, used by discovery.
            #[derive(Debug, Clone, PartialEq)]
            pub struct ActorType {
                pub manufacturer: ::std::string::String,
                pub name: ::std::string::String,
                pub version: ::std::string::String,
            }
            impl ::guestkit_shim::__private::value::IntoVal for ActorType {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("manufacturer".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .manufacturer)), ("name".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .name)), ("version".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .version))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for ActorType {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "actor-type",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        manufacturer: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "manufacturer",
                            )?,
                        )?,
                        name: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "name",
                            )?,
                        )?,
                        version: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "version",
                            )?,
                        )?,
                    })
                }
            }
            /// Routing destination (actr Dest::Host / Workload / Peer).
            #[derive(Debug, Clone, PartialEq)]
            pub enum Dest {
                Host,
                Loopback,
                Actor(super::super::super::guestkit::host::types::Address),
            }
            impl ::guestkit_shim::__private::value::IntoVal for Dest {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    match self {
                        Self::Host => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "host".into(),
                                ::core::option::Option::None,
                            )
                        }
                        Self::Loopback => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "loopback".into(),
                                ::core::option::Option::None,
                            )
                        }
                        Self::Actor(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "actor".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                    }
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Dest {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    match val {
                        ::guestkit_shim::__private::value::Val::Variant(
                            case,
                            payload,
                        ) => {
                            match case.as_str() {
                                "host" => {
                                    <() as ::guestkit_shim::__private::value::FromVal>::from_case(
                                            payload,
                                        )
                                        .map(|()| Self::Host)
                                }
                                "loopback" => {
                                    <() as ::guestkit_shim::__private::value::FromVal>::from_case(
                                            payload,
                                        )
                                        .map(|()| Self::Loopback)
                                }
                                "actor" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::Actor)
                                }
                                _ => {
                                    ::core::result::Result::Err(
                                        ::guestkit_shim::__private::value::ValueError::new(
                                            "dest",
                                            &::guestkit_shim::__private::value::Val::Variant(
                                                case,
                                                payload,
                                            ),
                                        ),
                                    )
                                }
                            }
                        }
                        other => {
                            ::core::result::Result::Err(
                                ::guestkit_shim::__private::value::ValueError::new(
                                    "dest",
                                    &other,
                                ),
                            )
                        }
                    }
                }
            }
            #[derive(Debug, Clone, PartialEq)]
            pub struct Header {
                pub key: ::std::string::String,
                pub value: ::std::string::String,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Header {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("key".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .key)), ("value".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .value))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Header {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "header",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        key: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "key",
                            )?,
                        )?,
                        value: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "value",
                            )?,
                        )?,
                    })
                }
            }
            /// Kinode lazy-load-blob. The host keeps it until the guest asks for it.
            #[derive(Debug, Clone, PartialEq)]
            pub struct Blob {
                pub mime: ::core::option::Option<::std::string::String>,
                pub bytes: ::std::vec::Vec<u8>,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Blob {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("mime".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .mime)), ("bytes".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .bytes))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Blob {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "blob",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        mime: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "mime",
                            )?,
                        )?,
                        bytes: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "bytes",
                            )?,
                        )?,
                    })
                }
            }
            /// Kinode capability. `params` is JSON; kernel-issued ones have the kernel as issuer.
            #[derive(Debug, Clone, PartialEq)]
            pub struct Capability {
                pub issuer: super::super::super::guestkit::host::types::Address,
                pub params: ::std::string::String,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Capability {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("issuer".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .issuer)), ("params".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .params))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Capability {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "capability",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        issuer: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "issuer",
                            )?,
                        )?,
                        params: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "params",
                            )?,
                        )?,
                    })
                }
            }
            /// Wall-clock time since the Unix epoch.
            #[derive(Debug, Clone, PartialEq)]
            pub struct Timestamp {
                pub seconds: u64,
                pub nanoseconds: u32,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Timestamp {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("seconds".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .seconds)), ("nanoseconds".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .nanoseconds))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Timestamp {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "timestamp",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        seconds: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "seconds",
                            )?,
                        )?,
                        nanoseconds: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "nanoseconds",
                            )?,
                        )?,
                    })
                }
            }
            /// Application failure (Restate TerminalFailure).
            #[derive(Debug, Clone, PartialEq)]
            pub struct Failure {
                pub code: u16,
                pub message: ::std::string::String,
                pub metadata: ::std::vec::Vec<
                    super::super::super::guestkit::host::types::Header,
                >,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Failure {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("code".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .code)), ("message".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .message)), ("metadata".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .metadata))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Failure {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "failure",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        code: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "code",
                            )?,
                        )?,
                        message: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "message",
                            )?,
                        )?,
                        metadata: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "metadata",
                            )?,
                        )?,
                    })
                }
            }
            /// The union of actr ActrError, Kinode send-error-kind and the lunatic/waPC failure channels.
            #[derive(Debug, Clone, PartialEq)]
            pub enum ActorError {
                TimedOut,
                Offline,
                Unavailable(::std::string::String),
                ConnectionNotReady(::core::option::Option<u64>),
                NotFound(::std::string::String),
                PermissionDenied(::std::string::String),
                InvalidArgument(::std::string::String),
                UnknownRoute(::std::string::String),
                DependencyNotFound(::std::string::String),
                DecodeFailure(::std::string::String),
                NotImplemented(::std::string::String),
                Internal(::std::string::String),
                Application(super::super::super::guestkit::host::types::Failure),
            }
            impl ::guestkit_shim::__private::value::IntoVal for ActorError {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    match self {
                        Self::TimedOut => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "timed-out".into(),
                                ::core::option::Option::None,
                            )
                        }
                        Self::Offline => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "offline".into(),
                                ::core::option::Option::None,
                            )
                        }
                        Self::Unavailable(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "unavailable".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::ConnectionNotReady(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "connection-not-ready".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::NotFound(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "not-found".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::PermissionDenied(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "permission-denied".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::InvalidArgument(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "invalid-argument".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::UnknownRoute(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "unknown-route".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::DependencyNotFound(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "dependency-not-found".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::DecodeFailure(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "decode-failure".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::NotImplemented(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "not-implemented".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::Internal(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "internal".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::Application(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "application".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                    }
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for ActorError {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    match val {
                        ::guestkit_shim::__private::value::Val::Variant(
                            case,
                            payload,
                        ) => {
                            match case.as_str() {
                                "timed-out" => {
                                    <() as ::guestkit_shim::__private::value::FromVal>::from_case(
                                            payload,
                                        )
                                        .map(|()| Self::TimedOut)
                                }
                                "offline" => {
                                    <() as ::guestkit_shim::__private::value::FromVal>::from_case(
                                            payload,
                                        )
                                        .map(|()| Self::Offline)
                                }
                                "unavailable" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::Unavailable)
                                }
                                "connection-not-ready" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::ConnectionNotReady)
                                }
                                "not-found" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::NotFound)
                                }
                                "permission-denied" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::PermissionDenied)
                                }
                                "invalid-argument" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::InvalidArgument)
                                }
                                "unknown-route" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::UnknownRoute)
                                }
                                "dependency-not-found" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::DependencyNotFound)
                                }
                                "decode-failure" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::DecodeFailure)
                                }
                                "not-implemented" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::NotImplemented)
                                }
                                "internal" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::Internal)
                                }
                                "application" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::Application)
                                }
                                _ => {
                                    ::core::result::Result::Err(
                                        ::guestkit_shim::__private::value::ValueError::new(
                                            "actor-error",
                                            &::guestkit_shim::__private::value::Val::Variant(
                                                case,
                                                payload,
                                            ),
                                        ),
                                    )
                                }
                            }
                        }
                        other => {
                            ::core::result::Result::Err(
                                ::guestkit_shim::__private::value::ValueError::new(
                                    "actor-error",
                                    &other,
                                ),
                            )
                        }
                    }
                }
            }
            /// A message body without resources, used for sends, replies and on-exit requests.
            #[derive(Debug, Clone, PartialEq)]
            pub struct Payload {
                pub tag: ::core::option::Option<i64>,
                pub route: ::core::option::Option<::std::string::String>,
                pub body: ::std::vec::Vec<u8>,
                pub metadata: ::core::option::Option<::std::string::String>,
                pub headers: ::std::vec::Vec<
                    super::super::super::guestkit::host::types::Header,
                >,
                pub blob: ::core::option::Option<
                    super::super::super::guestkit::host::types::Blob,
                >,
                pub capabilities: ::std::vec::Vec<
                    super::super::super::guestkit::host::types::Capability,
                >,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Payload {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("tag".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .tag)), ("route".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .route)), ("body".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .body)), ("metadata".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .metadata)), ("headers".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .headers)), ("blob".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .blob)), ("capabilities".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .capabilities))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Payload {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "payload",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        tag: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "tag",
                            )?,
                        )?,
                        route: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "route",
                            )?,
                        )?,
                        body: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "body",
                            )?,
                        )?,
                        metadata: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "metadata",
                            )?,
                        )?,
                        headers: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "headers",
                            )?,
                        )?,
                        blob: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "blob",
                            )?,
                        )?,
                        capabilities: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "capabilities",
                            )?,
                        )?,
                    })
                }
            }
            /// actr DataChunk.
            #[derive(Debug, Clone, PartialEq)]
            pub struct DataChunk {
                pub stream_id: ::std::string::String,
                pub sequence: u64,
                pub payload: ::std::vec::Vec<u8>,
                pub metadata: ::std::vec::Vec<
                    super::super::super::guestkit::host::types::Header,
                >,
                pub timestamp_ms: ::core::option::Option<i64>,
            }
            impl ::guestkit_shim::__private::value::IntoVal for DataChunk {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("stream-id".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .stream_id)), ("sequence".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .sequence)), ("payload".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .payload)), ("metadata".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .metadata)), ("timestamp-ms".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .timestamp_ms))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for DataChunk {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "data-chunk",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        stream_id: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "stream-id",
                            )?,
                        )?,
                        sequence: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "sequence",
                            )?,
                        )?,
                        payload: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "payload",
                            )?,
                        )?,
                        metadata: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "metadata",
                            )?,
                        )?,
                        timestamp_ms: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "timestamp-ms",
                            )?,
                        )?,
                    })
                }
            }
            /// lunatic DeathReason, plus `killed`.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum ExitReason {
                Normal,
                Failure,
                Killed,
                NoProcess,
            }
            impl ::guestkit_shim::__private::value::IntoVal for ExitReason {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Enum(
                        match self {
                            Self::Normal => "normal",
                            Self::Failure => "failure",
                            Self::Killed => "killed",
                            Self::NoProcess => "no-process",
                        }
                            .into(),
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for ExitReason {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    match &val {
                        ::guestkit_shim::__private::value::Val::Enum(case) => {
                            match case.as_str() {
                                "normal" => ::core::result::Result::Ok(Self::Normal),
                                "failure" => ::core::result::Result::Ok(Self::Failure),
                                "killed" => ::core::result::Result::Ok(Self::Killed),
                                "no-process" => ::core::result::Result::Ok(Self::NoProcess),
                                _ => {
                                    ::core::result::Result::Err(
                                        ::guestkit_shim::__private::value::ValueError::new(
                                            "exit-reason",
                                            &val,
                                        ),
                                    )
                                }
                            }
                        }
                        _ => {
                            ::core::result::Result::Err(
                                ::guestkit_shim::__private::value::ValueError::new(
                                    "exit-reason",
                                    &val,
                                ),
                            )
                        }
                    }
                }
            }
            /// Sent for a link (lunatic LinkDied) or a monitor (lunatic ProcessDied).
            #[derive(Debug, Clone, PartialEq)]
            pub struct ExitNotice {
                pub actor: super::super::super::guestkit::host::types::Address,
                pub incarnation: u64,
                pub tag: ::core::option::Option<i64>,
                pub reason: super::super::super::guestkit::host::types::ExitReason,
            }
            impl ::guestkit_shim::__private::value::IntoVal for ExitNotice {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("actor".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .actor)), ("incarnation".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .incarnation)), ("tag".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .tag)), ("reason".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .reason))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for ExitNotice {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "exit-notice",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        actor: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "actor",
                            )?,
                        )?,
                        incarnation: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "incarnation",
                            )?,
                        )?,
                        tag: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "tag",
                            )?,
                        )?,
                        reason: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "reason",
                            )?,
                        )?,
                    })
                }
            }
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum WebrtcPeerStatus {
                Idle,
                Connecting,
                Connected,
                Recovering,
            }
            impl ::guestkit_shim::__private::value::IntoVal for WebrtcPeerStatus {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Enum(
                        match self {
                            Self::Idle => "idle",
                            Self::Connecting => "connecting",
                            Self::Connected => "connected",
                            Self::Recovering => "recovering",
                        }
                            .into(),
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for WebrtcPeerStatus {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    match &val {
                        ::guestkit_shim::__private::value::Val::Enum(case) => {
                            match case.as_str() {
                                "idle" => ::core::result::Result::Ok(Self::Idle),
                                "connecting" => ::core::result::Result::Ok(Self::Connecting),
                                "connected" => ::core::result::Result::Ok(Self::Connected),
                                "recovering" => ::core::result::Result::Ok(Self::Recovering),
                                _ => {
                                    ::core::result::Result::Err(
                                        ::guestkit_shim::__private::value::ValueError::new(
                                            "webrtc-peer-status",
                                            &val,
                                        ),
                                    )
                                }
                            }
                        }
                        _ => {
                            ::core::result::Result::Err(
                                ::guestkit_shim::__private::value::ValueError::new(
                                    "webrtc-peer-status",
                                    &val,
                                ),
                            )
                        }
                    }
                }
            }
            #[derive(Debug, Clone, PartialEq)]
            pub struct PeerEvent {
                pub peer: super::super::super::guestkit::host::types::Address,
                pub relayed: ::core::option::Option<bool>,
                pub status: ::core::option::Option<
                    super::super::super::guestkit::host::types::WebrtcPeerStatus,
                >,
            }
            impl ::guestkit_shim::__private::value::IntoVal for PeerEvent {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("peer".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .peer)), ("relayed".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .relayed)), ("status".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .status))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for PeerEvent {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "peer-event",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        peer: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "peer",
                            )?,
                        )?,
                        relayed: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "relayed",
                            )?,
                        )?,
                        status: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "status",
                            )?,
                        )?,
                    })
                }
            }
            /// actr's 12 infallible observation hooks.
            #[derive(Debug, Clone, PartialEq)]
            pub enum RuntimeEvent {
                SignalingConnecting,
                SignalingConnected,
                SignalingDisconnected,
                WebsocketConnecting(
                    super::super::super::guestkit::host::types::PeerEvent,
                ),
                WebsocketConnected(
                    super::super::super::guestkit::host::types::PeerEvent,
                ),
                WebsocketDisconnected(
                    super::super::super::guestkit::host::types::PeerEvent,
                ),
                WebrtcConnecting(super::super::super::guestkit::host::types::PeerEvent),
                WebrtcConnected(super::super::super::guestkit::host::types::PeerEvent),
                WebrtcDisconnected(
                    super::super::super::guestkit::host::types::PeerEvent,
                ),
                CredentialRenewed(super::super::super::guestkit::host::types::Timestamp),
                CredentialExpiring(
                    super::super::super::guestkit::host::types::Timestamp,
                ),
                MailboxBackpressure((u64, u64)),
            }
            impl ::guestkit_shim::__private::value::IntoVal for RuntimeEvent {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    match self {
                        Self::SignalingConnecting => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "signaling-connecting".into(),
                                ::core::option::Option::None,
                            )
                        }
                        Self::SignalingConnected => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "signaling-connected".into(),
                                ::core::option::Option::None,
                            )
                        }
                        Self::SignalingDisconnected => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "signaling-disconnected".into(),
                                ::core::option::Option::None,
                            )
                        }
                        Self::WebsocketConnecting(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "websocket-connecting".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::WebsocketConnected(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "websocket-connected".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::WebsocketDisconnected(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "websocket-disconnected".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::WebrtcConnecting(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "webrtc-connecting".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::WebrtcConnected(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "webrtc-connected".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::WebrtcDisconnected(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "webrtc-disconnected".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::CredentialRenewed(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "credential-renewed".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::CredentialExpiring(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "credential-expiring".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::MailboxBackpressure(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "mailbox-backpressure".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                    }
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for RuntimeEvent {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    match val {
                        ::guestkit_shim::__private::value::Val::Variant(
                            case,
                            payload,
                        ) => {
                            match case.as_str() {
                                "signaling-connecting" => {
                                    <() as ::guestkit_shim::__private::value::FromVal>::from_case(
                                            payload,
                                        )
                                        .map(|()| Self::SignalingConnecting)
                                }
                                "signaling-connected" => {
                                    <() as ::guestkit_shim::__private::value::FromVal>::from_case(
                                            payload,
                                        )
                                        .map(|()| Self::SignalingConnected)
                                }
                                "signaling-disconnected" => {
                                    <() as ::guestkit_shim::__private::value::FromVal>::from_case(
                                            payload,
                                        )
                                        .map(|()| Self::SignalingDisconnected)
                                }
                                "websocket-connecting" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::WebsocketConnecting)
                                }
                                "websocket-connected" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::WebsocketConnected)
                                }
                                "websocket-disconnected" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::WebsocketDisconnected)
                                }
                                "webrtc-connecting" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::WebrtcConnecting)
                                }
                                "webrtc-connected" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::WebrtcConnected)
                                }
                                "webrtc-disconnected" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::WebrtcDisconnected)
                                }
                                "credential-renewed" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::CredentialRenewed)
                                }
                                "credential-expiring" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::CredentialExpiring)
                                }
                                "mailbox-backpressure" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::MailboxBackpressure)
                                }
                                _ => {
                                    ::core::result::Result::Err(
                                        ::guestkit_shim::__private::value::ValueError::new(
                                            "runtime-event",
                                            &::guestkit_shim::__private::value::Val::Variant(
                                                case,
                                                payload,
                                            ),
                                        ),
                                    )
                                }
                            }
                        }
                        other => {
                            ::core::result::Result::Err(
                                ::guestkit_shim::__private::value::ValueError::new(
                                    "runtime-event",
                                    &other,
                                ),
                            )
                        }
                    }
                }
            }
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum ErrorCategory {
                HandlerPanic,
                HandlerError,
                SignalingFailure,
                TransportFailure,
                DataChunkDeliveryUncertain,
            }
            impl ::guestkit_shim::__private::value::IntoVal for ErrorCategory {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Enum(
                        match self {
                            Self::HandlerPanic => "handler-panic",
                            Self::HandlerError => "handler-error",
                            Self::SignalingFailure => "signaling-failure",
                            Self::TransportFailure => "transport-failure",
                            Self::DataChunkDeliveryUncertain => {
                                "data-chunk-delivery-uncertain"
                            }
                        }
                            .into(),
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for ErrorCategory {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    match &val {
                        ::guestkit_shim::__private::value::Val::Enum(case) => {
                            match case.as_str() {
                                "handler-panic" => {
                                    ::core::result::Result::Ok(Self::HandlerPanic)
                                }
                                "handler-error" => {
                                    ::core::result::Result::Ok(Self::HandlerError)
                                }
                                "signaling-failure" => {
                                    ::core::result::Result::Ok(Self::SignalingFailure)
                                }
                                "transport-failure" => {
                                    ::core::result::Result::Ok(Self::TransportFailure)
                                }
                                "data-chunk-delivery-uncertain" => {
                                    ::core::result::Result::Ok(Self::DataChunkDeliveryUncertain)
                                }
                                _ => {
                                    ::core::result::Result::Err(
                                        ::guestkit_shim::__private::value::ValueError::new(
                                            "error-category",
                                            &val,
                                        ),
                                    )
                                }
                            }
                        }
                        _ => {
                            ::core::result::Result::Err(
                                ::guestkit_shim::__private::value::ValueError::new(
                                    "error-category",
                                    &val,
                                ),
                            )
                        }
                    }
                }
            }
            #[derive(Debug, Clone, PartialEq)]
            pub struct ErrorEvent {
                pub source: super::super::super::guestkit::host::types::ActorError,
                pub category: super::super::super::guestkit::host::types::ErrorCategory,
                pub context: ::std::string::String,
                pub at: super::super::super::guestkit::host::types::Timestamp,
            }
            impl ::guestkit_shim::__private::value::IntoVal for ErrorEvent {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("source".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .source)), ("category".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .category)), ("context".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .context)), ("at".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .at))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for ErrorEvent {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    let ::guestkit_shim::__private::value::Val::Record(mut fields) = val
                    else {
                        return ::core::result::Result::Err(
                            ::guestkit_shim::__private::value::ValueError::new(
                                "error-event",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        source: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "source",
                            )?,
                        )?,
                        category: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "category",
                            )?,
                        )?,
                        context: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "context",
                            )?,
                        )?,
                        at: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "at",
                            )?,
                        )?,
                    })
                }
            }
        }
    }
}

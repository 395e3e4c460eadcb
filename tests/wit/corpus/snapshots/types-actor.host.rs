#[allow(dead_code, clippy::all)]
pub mod corpus {
    pub mod types {
        pub mod shapes {
            #[derive(Debug, Clone, PartialEq)]
            pub struct Point {
                pub x: i32,
                pub y: i32,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Point {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("x".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .x)), ("y".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self.y))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Point {
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
                                "point",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        x: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "x",
                            )?,
                        )?,
                        y: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "y",
                            )?,
                        )?,
                    })
                }
            }
            #[derive(Debug, Clone, PartialEq)]
            pub struct Sample {
                pub small: u8,
                pub medium: u16,
                pub large: u32,
                pub huge: u64,
                pub signed_small: i8,
                pub signed_medium: i16,
                pub signed_large: i32,
                pub signed_huge: i64,
                pub ratio: f32,
                pub precise: f64,
                pub flag: bool,
                pub letter: char,
                pub text: ::std::string::String,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Sample {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Record(
                        ::std::vec![
                            ("small".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .small)), ("medium".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .medium)), ("large".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .large)), ("huge".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .huge)), ("signed-small".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .signed_small)), ("signed-medium".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .signed_medium)), ("signed-large".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .signed_large)), ("signed-huge".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .signed_huge)), ("ratio".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .ratio)), ("precise".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .precise)), ("flag".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .flag)), ("letter".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .letter)), ("text".into(),
                            ::guestkit_shim::__private::value::IntoVal::into_val(self
                            .text))
                        ],
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Sample {
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
                                "sample",
                                &val,
                            ),
                        );
                    };
                    let _ = &mut fields;
                    ::core::result::Result::Ok(Self {
                        small: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "small",
                            )?,
                        )?,
                        medium: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "medium",
                            )?,
                        )?,
                        large: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "large",
                            )?,
                        )?,
                        huge: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "huge",
                            )?,
                        )?,
                        signed_small: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "signed-small",
                            )?,
                        )?,
                        signed_medium: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "signed-medium",
                            )?,
                        )?,
                        signed_large: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "signed-large",
                            )?,
                        )?,
                        signed_huge: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "signed-huge",
                            )?,
                        )?,
                        ratio: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "ratio",
                            )?,
                        )?,
                        precise: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "precise",
                            )?,
                        )?,
                        flag: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "flag",
                            )?,
                        )?,
                        letter: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "letter",
                            )?,
                        )?,
                        text: ::guestkit_shim::__private::value::FromVal::from_val(
                            ::guestkit_shim::__private::value::take_field(
                                &mut fields,
                                "text",
                            )?,
                        )?,
                    })
                }
            }
            #[derive(Debug, Clone, PartialEq)]
            pub enum Shape {
                Circle(f64),
                Rect(
                    (
                        super::super::super::corpus::types::shapes::Point,
                        super::super::super::corpus::types::shapes::Point,
                    ),
                ),
                Polygon(
                    ::std::vec::Vec<super::super::super::corpus::types::shapes::Point>,
                ),
                Empty,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Shape {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    match self {
                        Self::Circle(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "circle".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::Rect(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "rect".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::Polygon(v) => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "polygon".into(),
                                ::guestkit_shim::__private::value::IntoVal::into_case(v),
                            )
                        }
                        Self::Empty => {
                            ::guestkit_shim::__private::value::Val::Variant(
                                "empty".into(),
                                ::core::option::Option::None,
                            )
                        }
                    }
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Shape {
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
                                "circle" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::Circle)
                                }
                                "rect" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::Rect)
                                }
                                "polygon" => {
                                    ::guestkit_shim::__private::value::FromVal::from_case(
                                            payload,
                                        )
                                        .map(Self::Polygon)
                                }
                                "empty" => {
                                    <() as ::guestkit_shim::__private::value::FromVal>::from_case(
                                            payload,
                                        )
                                        .map(|()| Self::Empty)
                                }
                                _ => {
                                    ::core::result::Result::Err(
                                        ::guestkit_shim::__private::value::ValueError::new(
                                            "shape",
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
                                    "shape",
                                    &other,
                                ),
                            )
                        }
                    }
                }
            }
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum Color {
                Red,
                Green,
                Blue,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Color {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    ::guestkit_shim::__private::value::Val::Enum(
                        match self {
                            Self::Red => "red",
                            Self::Green => "green",
                            Self::Blue => "blue",
                        }
                            .into(),
                    )
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Color {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    match &val {
                        ::guestkit_shim::__private::value::Val::Enum(case) => {
                            match case.as_str() {
                                "red" => ::core::result::Result::Ok(Self::Red),
                                "green" => ::core::result::Result::Ok(Self::Green),
                                "blue" => ::core::result::Result::Ok(Self::Blue),
                                _ => {
                                    ::core::result::Result::Err(
                                        ::guestkit_shim::__private::value::ValueError::new(
                                            "color",
                                            &val,
                                        ),
                                    )
                                }
                            }
                        }
                        _ => {
                            ::core::result::Result::Err(
                                ::guestkit_shim::__private::value::ValueError::new(
                                    "color",
                                    &val,
                                ),
                            )
                        }
                    }
                }
            }
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            pub struct Permissions {
                pub read: bool,
                pub write: bool,
                pub execute: bool,
            }
            impl ::guestkit_shim::__private::value::IntoVal for Permissions {
                fn into_val(self) -> ::guestkit_shim::__private::value::Val {
                    let mut set = ::std::vec::Vec::new();
                    if self.read {
                        set.push(::std::string::String::from("read"));
                    }
                    if self.write {
                        set.push(::std::string::String::from("write"));
                    }
                    if self.execute {
                        set.push(::std::string::String::from("execute"));
                    }
                    ::guestkit_shim::__private::value::Val::Flags(set)
                }
            }
            impl ::guestkit_shim::__private::value::FromVal for Permissions {
                fn from_val(
                    val: ::guestkit_shim::__private::value::Val,
                ) -> ::core::result::Result<
                    Self,
                    ::guestkit_shim::__private::value::ValueError,
                > {
                    match val {
                        ::guestkit_shim::__private::value::Val::Flags(set) => {
                            ::core::result::Result::Ok(Self {
                                read: set.iter().any(|f| f == "read"),
                                write: set.iter().any(|f| f == "write"),
                                execute: set.iter().any(|f| f == "execute"),
                            })
                        }
                        other => {
                            ::core::result::Result::Err(
                                ::guestkit_shim::__private::value::ValueError::new(
                                    "permissions",
                                    &other,
                                ),
                            )
                        }
                    }
                }
            }
            pub type Pair = (u8, ::std::string::String);
            pub type MaybePoints = ::core::option::Option<
                ::std::vec::Vec<super::super::super::corpus::types::shapes::Point>,
            >;
            /// Calls the exports of `corpus:types/shapes@0.1.0` on an actor running in a shim. Each call runs between two of the actor's handlers; its state writes commit when it returns.
            #[derive(Clone)]
            pub struct ShapesClient<'transport> {
                transport: &'transport ::guestkit_shim::Shim,
                to: ::guestkit_shim::Address,
                timeout: ::core::time::Duration,
            }
            impl<'transport> ShapesClient<'transport> {
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
                pub async fn area(
                    &self,
                    s: super::super::super::corpus::types::shapes::Shape,
                ) -> ::core::result::Result<
                    ::core::result::Result<f64, ::std::string::String>,
                    ::guestkit_shim::InvokeError,
                > {
                    let results = self
                        .transport
                        .invoke(
                            &self.to,
                            ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                            "area",
                            ::std::vec![
                                ::guestkit_shim::__private::value::IntoVal::into_val(s)
                            ],
                            self.timeout,
                        )
                        .await?;
                    ::guestkit_shim::__private::value::from_results(
                        results,
                        ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                        "area",
                    )
                }
                pub async fn paint(
                    &self,
                    s: super::super::super::corpus::types::shapes::Shape,
                    c: super::super::super::corpus::types::shapes::Color,
                ) -> ::core::result::Result<
                    ::core::result::Result<
                        (),
                        super::super::super::corpus::types::shapes::Color,
                    >,
                    ::guestkit_shim::InvokeError,
                > {
                    let results = self
                        .transport
                        .invoke(
                            &self.to,
                            ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                            "paint",
                            ::std::vec![
                                ::guestkit_shim::__private::value::IntoVal::into_val(s),
                                ::guestkit_shim::__private::value::IntoVal::into_val(c)
                            ],
                            self.timeout,
                        )
                        .await?;
                    ::guestkit_shim::__private::value::from_results(
                        results,
                        ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                        "paint",
                    )
                }
                pub async fn check(
                    &self,
                    p: super::super::super::corpus::types::shapes::Permissions,
                ) -> ::core::result::Result<
                    ::core::result::Result<
                        super::super::super::corpus::types::shapes::Permissions,
                        (),
                    >,
                    ::guestkit_shim::InvokeError,
                > {
                    let results = self
                        .transport
                        .invoke(
                            &self.to,
                            ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                            "check",
                            ::std::vec![
                                ::guestkit_shim::__private::value::IntoVal::into_val(p)
                            ],
                            self.timeout,
                        )
                        .await?;
                    ::guestkit_shim::__private::value::from_results(
                        results,
                        ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                        "check",
                    )
                }
                pub async fn echo(
                    &self,
                    s: super::super::super::corpus::types::shapes::Sample,
                ) -> ::core::result::Result<
                    super::super::super::corpus::types::shapes::Sample,
                    ::guestkit_shim::InvokeError,
                > {
                    let results = self
                        .transport
                        .invoke(
                            &self.to,
                            ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                            "echo",
                            ::std::vec![
                                ::guestkit_shim::__private::value::IntoVal::into_val(s)
                            ],
                            self.timeout,
                        )
                        .await?;
                    ::guestkit_shim::__private::value::from_results(
                        results,
                        ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                        "echo",
                    )
                }
                pub async fn pairs(
                    &self,
                    items: ::std::vec::Vec<
                        super::super::super::corpus::types::shapes::Pair,
                    >,
                ) -> ::core::result::Result<
                    (u32, ::std::vec::Vec<::std::string::String>),
                    ::guestkit_shim::InvokeError,
                > {
                    let results = self
                        .transport
                        .invoke(
                            &self.to,
                            ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                            "pairs",
                            ::std::vec![
                                ::guestkit_shim::__private::value::IntoVal::into_val(items)
                            ],
                            self.timeout,
                        )
                        .await?;
                    ::guestkit_shim::__private::value::from_results(
                        results,
                        ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                        "pairs",
                    )
                }
                pub async fn nested(
                    &self,
                    x: ::core::option::Option<
                        ::core::option::Option<
                            ::core::result::Result<
                                ::std::vec::Vec<(u8, i64)>,
                                ::std::string::String,
                            >,
                        >,
                    >,
                ) -> ::core::result::Result<
                    super::super::super::corpus::types::shapes::MaybePoints,
                    ::guestkit_shim::InvokeError,
                > {
                    let results = self
                        .transport
                        .invoke(
                            &self.to,
                            ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                            "nested",
                            ::std::vec![
                                ::guestkit_shim::__private::value::IntoVal::into_val(x)
                            ],
                            self.timeout,
                        )
                        .await?;
                    ::guestkit_shim::__private::value::from_results(
                        results,
                        ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                        "nested",
                    )
                }
                pub async fn bytes(
                    &self,
                    b: ::std::vec::Vec<u8>,
                ) -> ::core::result::Result<
                    ::std::vec::Vec<u8>,
                    ::guestkit_shim::InvokeError,
                > {
                    let results = self
                        .transport
                        .invoke(
                            &self.to,
                            ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                            "bytes",
                            ::std::vec![
                                ::guestkit_shim::__private::value::IntoVal::into_val(b)
                            ],
                            self.timeout,
                        )
                        .await?;
                    ::guestkit_shim::__private::value::from_results(
                        results,
                        ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                        "bytes",
                    )
                }
                pub async fn nothing(
                    &self,
                ) -> ::core::result::Result<(), ::guestkit_shim::InvokeError> {
                    let results = self
                        .transport
                        .invoke(
                            &self.to,
                            ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                            "nothing",
                            ::std::vec![],
                            self.timeout,
                        )
                        .await?;
                    ::guestkit_shim::__private::value::from_results(
                        results,
                        ::core::option::Option::Some("corpus:types/shapes@0.1.0"),
                        "nothing",
                    )
                }
            }
        }
    }
}

//! Component-model values as plain Rust data ([`Val`]), and the conversions between them and
//! Rust types ([`IntoVal`], [`FromVal`]) that the host stubs of guestkit generate for a
//! guest's own WIT exports (`guestkit_shim::wit!`, `guestkit_test::wit!`).
//!
//! [`Val`] has the cases of wasmtime's `component::Val` that can cross from a host into an
//! actor (no resources, futures or streams), so the shim converts one into the other one to
//! one, and a test carries it over the wire as JSON. Primitives, strings, lists, options,
//! results and tuples are covered here; the generator implements both traits for the records,
//! variants, enums and flags of the WIT it reads.

use serde::{Deserialize, Serialize};

/// A component-model value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Val {
    Bool(bool),
    S8(i8),
    U8(u8),
    S16(i16),
    U16(u16),
    S32(i32),
    U32(u32),
    S64(i64),
    U64(u64),
    Float32(f32),
    Float64(f64),
    Char(char),
    String(String),
    List(Vec<Val>),
    Record(Vec<(String, Val)>),
    Tuple(Vec<Val>),
    Variant(String, Option<Box<Val>>),
    Enum(String),
    Option(Option<Box<Val>>),
    Result(Result<Option<Box<Val>>, Option<Box<Val>>>),
    Flags(Vec<String>),
}

/// A value that did not have the shape the stub expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, found {found}")]
pub struct ValueError {
    pub expected: String,
    pub found: String,
}

impl ValueError {
    /// `expected`, and a short rendering of what was found instead.
    pub fn new(expected: impl Into<String>, found: &Val) -> Self {
        let mut found = format!("{found:?}");
        if found.len() > 80 {
            found.truncate(77);
            found.push_str("...");
        }
        Self {
            expected: expected.into(),
            found,
        }
    }
}

/// Rust to component value.
pub trait IntoVal {
    fn into_val(self) -> Val;

    /// The payload of a `result` or `variant` case; `()` has none.
    #[doc(hidden)]
    fn into_case(self) -> Option<Box<Val>>
    where
        Self: Sized,
    {
        Some(Box::new(self.into_val()))
    }
}

/// Component value to Rust.
pub trait FromVal: Sized {
    fn from_val(val: Val) -> Result<Self, ValueError>;

    /// From the payload of a `result` or `variant` case; `()` takes none.
    #[doc(hidden)]
    fn from_case(case: Option<Box<Val>>) -> Result<Self, ValueError> {
        match case {
            Some(val) => Self::from_val(*val),
            None => Err(ValueError {
                expected: std::any::type_name::<Self>().into(),
                found: "no payload".into(),
            }),
        }
    }
}

macro_rules! primitives {
    ($($ty:ty => $case:ident),* $(,)?) => {$(
        impl IntoVal for $ty {
            fn into_val(self) -> Val {
                Val::$case(self)
            }
        }

        impl FromVal for $ty {
            fn from_val(val: Val) -> Result<Self, ValueError> {
                match val {
                    Val::$case(v) => Ok(v),
                    other => Err(ValueError::new(stringify!($ty), &other)),
                }
            }
        }
    )*};
}

primitives! {
    bool => Bool, u8 => U8, u16 => U16, u32 => U32, u64 => U64,
    i8 => S8, i16 => S16, i32 => S32, i64 => S64,
    f32 => Float32, f64 => Float64, char => Char, String => String,
}

impl IntoVal for &str {
    fn into_val(self) -> Val {
        Val::String(self.to_owned())
    }
}

impl IntoVal for () {
    fn into_val(self) -> Val {
        Val::Tuple(Vec::new())
    }

    fn into_case(self) -> Option<Box<Val>> {
        None
    }
}

impl FromVal for () {
    fn from_val(val: Val) -> Result<Self, ValueError> {
        match val {
            Val::Tuple(v) if v.is_empty() => Ok(()),
            other => Err(ValueError::new("()", &other)),
        }
    }

    fn from_case(case: Option<Box<Val>>) -> Result<Self, ValueError> {
        match case {
            None => Ok(()),
            Some(val) => Err(ValueError::new("no payload", &val)),
        }
    }
}

impl<T: IntoVal> IntoVal for Vec<T> {
    fn into_val(self) -> Val {
        Val::List(self.into_iter().map(IntoVal::into_val).collect())
    }
}

impl<T: FromVal> FromVal for Vec<T> {
    fn from_val(val: Val) -> Result<Self, ValueError> {
        match val {
            Val::List(items) => items.into_iter().map(T::from_val).collect(),
            other => Err(ValueError::new("a list", &other)),
        }
    }
}

impl<T: IntoVal> IntoVal for Option<T> {
    fn into_val(self) -> Val {
        Val::Option(self.map(|v| Box::new(v.into_val())))
    }
}

impl<T: FromVal> FromVal for Option<T> {
    fn from_val(val: Val) -> Result<Self, ValueError> {
        match val {
            Val::Option(v) => v.map(|v| T::from_val(*v)).transpose(),
            other => Err(ValueError::new("an option", &other)),
        }
    }
}

impl<T: IntoVal, E: IntoVal> IntoVal for Result<T, E> {
    fn into_val(self) -> Val {
        Val::Result(match self {
            Ok(v) => Ok(v.into_case()),
            Err(e) => Err(e.into_case()),
        })
    }
}

impl<T: FromVal, E: FromVal> FromVal for Result<T, E> {
    fn from_val(val: Val) -> Result<Self, ValueError> {
        match val {
            Val::Result(Ok(v)) => T::from_case(v).map(Ok),
            Val::Result(Err(e)) => E::from_case(e).map(Err),
            other => Err(ValueError::new("a result", &other)),
        }
    }
}

macro_rules! tuples {
    ($(($($t:ident),+))*) => {$(
        impl<$($t: IntoVal),+> IntoVal for ($($t,)+) {
            #[allow(non_snake_case)]
            fn into_val(self) -> Val {
                let ($($t,)+) = self;
                Val::Tuple(vec![$($t.into_val()),+])
            }
        }

        impl<$($t: FromVal),+> FromVal for ($($t,)+) {
            fn from_val(val: Val) -> Result<Self, ValueError> {
                const LEN: usize = [$(stringify!($t)),+].len();
                match val {
                    Val::Tuple(items) if items.len() == LEN => {
                        let mut items = items.into_iter();
                        Ok(($($t::from_val(items.next().expect("length checked"))?,)+))
                    }
                    other => Err(ValueError::new(format!("a tuple of {LEN}"), &other)),
                }
            }
        }
    )*};
}

tuples! {
    (A) (A, B) (A, B, C) (A, B, C, D) (A, B, C, D, E) (A, B, C, D, E, F)
    (A, B, C, D, E, F, G) (A, B, C, D, E, F, G, H)
}

/// The typed result of an export's call, from the values it returned (none for a function
/// without a result).
pub fn first_result<R: FromVal>(results: Vec<Val>) -> Result<R, ValueError> {
    match results.into_iter().next() {
        Some(val) => R::from_val(val),
        None => R::from_case(None),
    }
}

/// How an export is named in errors: `interface#function`, or the function of the world.
pub fn export_name(interface: Option<&str>, function: &str) -> String {
    match interface {
        Some(interface) => format!("{interface}#{function}"),
        None => function.to_owned(),
    }
}

/// The field `name` of a record's fields, for generated `FromVal` impls.
#[doc(hidden)]
pub fn take_field(fields: &mut Vec<(String, Val)>, name: &str) -> Result<Val, ValueError> {
    match fields.iter().position(|(n, _)| n == name) {
        Some(i) => Ok(fields.swap_remove(i).1),
        None => Err(ValueError {
            expected: format!("a record with field `{name}`"),
            found: format!(
                "fields {:?}",
                fields.iter().map(|(n, _)| n).collect::<Vec<_>>()
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: IntoVal + FromVal + PartialEq + std::fmt::Debug + Clone>(v: T) {
        assert_eq!(T::from_val(v.clone().into_val()).unwrap(), v);
    }

    #[test]
    fn values_round_trip() {
        round_trip(7u8);
        round_trip(-3i64);
        round_trip('é');
        round_trip(String::from("hi"));
        round_trip(vec![Some(1u32), None]);
        round_trip::<Result<(), String>>(Ok(()));
        round_trip::<Result<u32, ()>>(Err(()));
        round_trip((1u8, String::from("x"), vec![true]));
    }

    #[test]
    fn a_mismatch_names_both_shapes() {
        let e = u32::from_val(Val::String("no".into())).unwrap_err();
        assert_eq!(e.expected, "u32");
        assert!(e.found.contains("String"), "{e}");
        assert!(<Result<(), u8>>::from_val(Val::Result(Ok(Some(Box::new(Val::U8(1)))))).is_err());
    }
}

//! Component values at the shim's API: the host stubs `guestkit_shim::wit!` generates pass
//! [`Val`]s of `guestkit-value` (plain data, shared with `guestkit-test`), which the shim turns
//! into wasmtime's own values to call an export, and back.

pub use guestkit_value::{FromVal, IntoVal, Val, ValueError, take_field};
use wasmtime::component::Val as Wasm;

use crate::error::{InvokeError, export_name};

/// The typed result of an invoked export, from the values the call returned.
#[doc(hidden)]
pub fn from_results<R: FromVal>(
    results: Vec<Val>,
    interface: Option<&str>,
    function: &str,
) -> Result<R, InvokeError> {
    guestkit_value::first_result(results).map_err(|e| InvokeError::Result {
        export: export_name(interface, function),
        message: e.to_string(),
    })
}

/// `val` as wasmtime takes it.
pub(crate) fn to_wasm(val: Val) -> Wasm {
    let boxed = |v: Option<Box<Val>>| v.map(|v| Box::new(to_wasm(*v)));
    match val {
        Val::Bool(v) => Wasm::Bool(v),
        Val::S8(v) => Wasm::S8(v),
        Val::U8(v) => Wasm::U8(v),
        Val::S16(v) => Wasm::S16(v),
        Val::U16(v) => Wasm::U16(v),
        Val::S32(v) => Wasm::S32(v),
        Val::U32(v) => Wasm::U32(v),
        Val::S64(v) => Wasm::S64(v),
        Val::U64(v) => Wasm::U64(v),
        Val::Float32(v) => Wasm::Float32(v),
        Val::Float64(v) => Wasm::Float64(v),
        Val::Char(v) => Wasm::Char(v),
        Val::String(v) => Wasm::String(v),
        Val::List(v) => Wasm::List(v.into_iter().map(to_wasm).collect()),
        Val::Record(v) => Wasm::Record(v.into_iter().map(|(n, v)| (n, to_wasm(v))).collect()),
        Val::Tuple(v) => Wasm::Tuple(v.into_iter().map(to_wasm).collect()),
        Val::Variant(case, v) => Wasm::Variant(case, boxed(v)),
        Val::Enum(v) => Wasm::Enum(v),
        Val::Option(v) => Wasm::Option(boxed(v)),
        Val::Result(Ok(v)) => Wasm::Result(Ok(boxed(v))),
        Val::Result(Err(v)) => Wasm::Result(Err(boxed(v))),
        Val::Flags(v) => Wasm::Flags(v),
    }
}

/// What an export returned, as plain data; `Err` names a value that cannot leave the actor
/// (a resource, future, stream or error context).
pub(crate) fn from_wasm(val: Wasm) -> Result<Val, String> {
    let boxed = |v: Option<Box<Wasm>>| v.map(|v| from_wasm(*v).map(Box::new)).transpose();
    let all = |v: Vec<Wasm>| v.into_iter().map(from_wasm).collect::<Result<Vec<_>, _>>();
    Ok(match val {
        Wasm::Bool(v) => Val::Bool(v),
        Wasm::S8(v) => Val::S8(v),
        Wasm::U8(v) => Val::U8(v),
        Wasm::S16(v) => Val::S16(v),
        Wasm::U16(v) => Val::U16(v),
        Wasm::S32(v) => Val::S32(v),
        Wasm::U32(v) => Val::U32(v),
        Wasm::S64(v) => Val::S64(v),
        Wasm::U64(v) => Val::U64(v),
        Wasm::Float32(v) => Val::Float32(v),
        Wasm::Float64(v) => Val::Float64(v),
        Wasm::Char(v) => Val::Char(v),
        Wasm::String(v) => Val::String(v),
        Wasm::List(v) => Val::List(all(v)?),
        Wasm::Record(v) => Val::Record(
            (v.into_iter())
                .map(|(n, v)| from_wasm(v).map(|v| (n, v)))
                .collect::<Result<_, _>>()?,
        ),
        Wasm::Tuple(v) => Val::Tuple(all(v)?),
        Wasm::Variant(case, v) => Val::Variant(case, boxed(v)?),
        Wasm::Enum(v) => Val::Enum(v),
        Wasm::Option(v) => Val::Option(boxed(v)?),
        Wasm::Result(Ok(v)) => Val::Result(Ok(boxed(v)?)),
        Wasm::Result(Err(v)) => Val::Result(Err(boxed(v)?)),
        Wasm::Flags(v) => Val::Flags(v),
        other => return Err(format!("{other:?} cannot leave the actor")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cross_to_wasmtime_and_back_unchanged() {
        let val = Val::Record(vec![
            ("name".into(), Val::String("ada".into())),
            (
                "seen".into(),
                Val::List(vec![Val::Option(Some(Box::new(Val::U32(3))))]),
            ),
            (
                "kind".into(),
                Val::Variant("nick".into(), Some(Box::new(Val::Char('é')))),
            ),
            ("done".into(), Val::Result(Err(None))),
            ("flags".into(), Val::Flags(vec!["a".into()])),
        ]);
        assert_eq!(from_wasm(to_wasm(val.clone())), Ok(val));
    }
}

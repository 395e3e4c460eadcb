//! How durable execution's records are stored: one format byte, then the record in postcard,
//! a compact binary encoding (bytes as bytes, numbers as varints). Records written before
//! this format, as JSON, are still read, so an upgrade of the shim loses nothing in flight.
//!
//! A record that changes shape gets a new format byte and keeps a reader for the old one.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The first byte of a record in postcard. JSON records begin with `{`, `[` or `"`.
const POSTCARD: u8 = 0x01;

/// `value`, encoded for the store.
pub(crate) fn encode<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    postcard::to_extend(value, vec![POSTCARD]).expect("a journal record encodes")
}

/// A record as [`encode`] wrote it, or as JSON written before it; `what` names it in the
/// error.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, String> {
    match bytes.split_first() {
        Some((&POSTCARD, rest)) => postcard::from_bytes(rest).map_err(|e| e.to_string()),
        Some(_) => serde_json::from_slice(bytes).map_err(|e| e.to_string()),
        None => Err("it is empty".into()),
    }
    .map_err(|e| format!("{what} does not decode: {e}"))
}

/// Whether `bytes` is a record written as JSON, before records were binary.
pub(crate) fn is_json(bytes: &[u8]) -> bool {
    bytes.first().is_some_and(|&b| b != POSTCARD)
}

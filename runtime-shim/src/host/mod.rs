//! The host side of `guestkit:host`: one file per interface, each holding the interface's
//! calls as [`HostCall`](crate::actor::dispatch::HostCall) values, each with its declared
//! effect, and the interface's trait impl on [`ActorCtx`](crate::actor::ActorCtx), which
//! hands every call to [`ActorCtx::dispatch`](crate::actor::ActorCtx::dispatch).

mod capabilities;
mod clock;
mod discovery;
mod durable;
mod host_call;
mod log;
mod messaging;
mod module;
mod process;
mod random;
mod state;
mod streams;
mod unimplemented;
pub(crate) mod wasi;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::journal::{Completion, Failure, JournalEntry, Recorded};

/// A journal entry as JSON, for people (`cargo guest invocations ID`): its command, fields,
/// payload, whether its state write landed with it, and its result, decoded as the type its
/// command journals (or, for a command this version does not know, the result's size).
pub(crate) fn entry_as_json(entry: &JournalEntry) -> Value {
    let result = match recorded_as_json(&entry.command, &entry.result) {
        Some(Ok(value)) => value,
        Some(Err(e)) => serde_json::json!({ "undecodable": e }),
        None => serde_json::json!({ "bytes": entry.result.len() }),
    };
    serde_json::json!({
        "command": entry.command,
        "fields": entry.fields,
        "payload": entry.payload,
        "result": result,
        "applied": entry.applied,
    })
}

/// What a journal entry of `command` returned, as JSON: each command journals a value of its
/// own type, named here. `None` for a command this version does not journal.
fn recorded_as_json(command: &str, recorded: &Recorded) -> Option<Result<Value, String>> {
    if let Some(json) = recorded.as_json() {
        return Some(Ok(json.clone()));
    }
    fn json<T: Serialize + DeserializeOwned>(recorded: &Recorded) -> Result<Value, String> {
        recorded.get::<T>().map(|value| serde_json::json!(value))
    }
    Some(match command {
        "run" | "durable.promise-peek" | "durable.get-invocation-output" => {
            json::<Completion>(recorded)
        }
        "clock.now" | wasi::WALL_NOW => json::<(u64, u32)>(recorded),
        "clock.monotonic-ns" | wasi::MONOTONIC_NOW | "durable.sleep" => json::<u64>(recorded),
        "state.get" => json::<Option<Vec<u8>>>(recorded),
        "state.keys" => json::<Vec<String>>(recorded),
        "state.set"
        | "state.clear"
        | "state.clear-all"
        | "durable.promise-get"
        | "durable.signal" => json::<()>(recorded),
        "durable.is-completed" => json::<Option<Completion>>(recorded),
        "durable.awakeable" => json::<String>(recorded),
        "durable.attach-invocation" => json::<Option<String>>(recorded),
        "durable.complete-awakeable"
        | "durable.promise-complete"
        | "durable.complete-signal"
        | "durable.cancel-invocation" => json::<bool>(recorded),
        "durable.call" | "durable.send" => json::<Result<String, Failure>>(recorded),
        "durable.wait" => json::<durable::Seen>(recorded),
        _ => return None,
    })
}

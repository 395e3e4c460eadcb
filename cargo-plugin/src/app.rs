//! An app: the actors a workspace runs together (`cargo guest serve`), each a guest package
//! started under a name, with the capabilities it is granted. Declared in the workspace's
//! manifest:
//!
//! ```toml
//! [workspace.metadata.guestkit.actors.inventory]
//! package = "inventory"
//!
//! [workspace.metadata.guestkit.actors.orders]
//! package = "orders"
//! grants = ["spawn"]
//! args = { region = "eu" }    # what its `init` gets: a string as is, anything else as JSON
//! max_memory_bytes = 67108864
//! max_fuel = 100000000
//!
//! [workspace.metadata.guestkit.actors.shipping]
//! package = "shipping"
//! durable = true
//! ```
//!
//! Without that table, every guest package of the workspace is an actor named after it.

use std::collections::BTreeMap;

use anyhow::{Context as _, bail};
use serde::Deserialize;

use crate::workspace::Workspace;

/// One actor of the app.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorSpec {
    /// The guest package it runs.
    pub package: String,
    /// Kernel capabilities it is granted, as `cargo guest run --grant` takes them.
    #[serde(default)]
    pub grants: Vec<String>,
    /// A durable service under the actor's name instead of an actor: its handlers run as
    /// durable invocations (`POST /NAME/Handler`, `/NAME/KEY/Handler`). Whether it is a
    /// service, an object or a workflow its code declares (`#[guestkit::actor(object)]`).
    #[serde(default)]
    pub durable: bool,
    /// What its `init` gets as `start-info.args`: a string as its bytes, any other value as
    /// its JSON.
    #[serde(default)]
    pub args: Option<serde_json::Value>,
    /// A memory limit of its own, in bytes, below the shim's.
    #[serde(default)]
    pub max_memory_bytes: Option<usize>,
    /// Fuel (roughly, wasm instructions) its instance may burn before it fails.
    #[serde(default)]
    pub max_fuel: Option<u64>,
}

impl ActorSpec {
    /// One actor of `package`, with nothing else set.
    fn of(package: &str) -> Self {
        Self {
            package: package.to_owned(),
            grants: Vec::new(),
            durable: false,
            args: None,
            max_memory_bytes: None,
            max_fuel: None,
        }
    }

    /// The bytes of its `args`.
    pub fn args(&self) -> Vec<u8> {
        match &self.args {
            None => Vec::new(),
            Some(serde_json::Value::String(text)) => text.clone().into_bytes(),
            Some(value) => value.to_string().into_bytes(),
        }
    }

    /// Why the settings do not go together, if they do not.
    fn check(&self) -> Result<(), String> {
        let started =
            self.args.is_some() || self.max_memory_bytes.is_some() || self.max_fuel.is_some();
        if self.durable && started {
            return Err(
                "a durable service is not started as an actor: `args`, `max_memory_bytes` and \
                 `max_fuel` do not apply to it"
                    .into(),
            );
        }
        Ok(())
    }
}

/// The actors of an app, by name, in name order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct App {
    pub actors: BTreeMap<String, ActorSpec>,
}

impl App {
    /// The app `workspace` declares, or one actor per guest package when it declares none.
    pub fn of(workspace: &Workspace) -> anyhow::Result<Self> {
        let manifest = workspace.metadata.workspace_root.join("Cargo.toml");
        let declared = &workspace.metadata.workspace_metadata["guestkit"]["actors"];
        if declared.is_null() {
            let actors = workspace.guests(&[])?.into_iter().map(|package| {
                let spec = ActorSpec::of(&package.name);
                (package.name.to_string(), spec)
            });
            return Ok(Self {
                actors: actors.collect(),
            });
        }
        let actors: BTreeMap<String, ActorSpec> = serde_json::from_value(declared.clone())
            .with_context(|| {
                format!(
                    "{manifest}: [workspace.metadata.guestkit.actors] is a table of actors, \
                     each `NAME = {{ package = \"PKG\", grants = [..] }}`"
                )
            })?;
        if actors.is_empty() {
            bail!("{manifest}: [workspace.metadata.guestkit.actors] names no actor");
        }
        for (name, spec) in &actors {
            check_name(name)
                .and_then(|()| spec.check())
                .map_err(|why| {
                    anyhow::anyhow!(
                        "{manifest}: [workspace.metadata.guestkit.actors.{name}]: {why}"
                    )
                })?;
        }
        let packages: Vec<String> = actors.values().map(|a| a.package.clone()).collect();
        // Every package named is a guest of the workspace.
        workspace.guests(&packages).with_context(|| {
            format!("{manifest}: [workspace.metadata.guestkit.actors] names a package")
        })?;
        Ok(Self { actors })
    }

    /// The packages the app runs, each once.
    pub fn packages(&self) -> Vec<String> {
        let mut packages: Vec<String> = self.actors.values().map(|a| a.package.clone()).collect();
        packages.sort();
        packages.dedup();
        packages
    }
}

/// The first segments of the ingress's own paths, which no actor may be named.
const RESERVED: &[&str] = &["guestkit", "restate", "wit", "healthz"];

/// Whether `name` can name an actor: the first segment of its durable paths, and its name in
/// addresses and discovery.
fn check_name(name: &str) -> Result<(), String> {
    if RESERVED.contains(&name) {
        return Err(format!(
            "`{name}` is a path of the ingress's own ({}); pick another name",
            RESERVED.join(", ")
        ));
    }
    let fits = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if name.is_empty() || !name.chars().all(fits) {
        return Err(format!(
            "`{name}` is not a usable actor name: use ASCII letters, digits, `-` and `_`"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(json: serde_json::Value) -> Result<ActorSpec, String> {
        let spec: ActorSpec = serde_json::from_value(json).map_err(|e| e.to_string())?;
        spec.check().map(|()| spec)
    }

    #[test]
    fn an_actors_args_are_a_string_as_is_or_json() {
        let plain = spec(serde_json::json!({"package": "p", "args": "eu"})).unwrap();
        assert_eq!(plain.args(), b"eu");
        let table = spec(serde_json::json!({"package": "p", "args": {"region": "eu"}})).unwrap();
        assert_eq!(table.args(), br#"{"region":"eu"}"#);
        assert!(
            spec(serde_json::json!({"package": "p"}))
                .unwrap()
                .args()
                .is_empty()
        );
    }

    #[test]
    fn a_durable_service_takes_no_args_or_limits_and_unknown_keys_are_refused() {
        let refused = spec(serde_json::json!({"package": "p", "durable": true, "max_fuel": 5}));
        assert!(refused.unwrap_err().contains("do not apply"));
        let typo = spec(serde_json::json!({"package": "p", "grant": ["spawn"]}));
        assert!(typo.unwrap_err().contains("unknown field `grant`"));
    }
}

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
    /// durable invocations (`POST /NAME/Handler`, `/NAME/KEY/Handler`).
    #[serde(default)]
    pub durable: bool,
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
                let spec = ActorSpec {
                    package: package.name.to_string(),
                    grants: Vec::new(),
                    durable: false,
                };
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
        for name in actors.keys() {
            check_name(name).map_err(|why| {
                anyhow::anyhow!("{manifest}: [workspace.metadata.guestkit.actors.{name}]: {why}")
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

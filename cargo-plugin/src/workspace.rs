//! Finds guest packages (`[package.metadata.guestkit]`) with cargo metadata.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use cargo_metadata::{Metadata, MetadataCommand, Package};

use crate::target::GuestTarget;

/// The cargo workspace a command works in.
pub struct Workspace {
    pub metadata: Metadata,
}

impl Workspace {
    pub fn load(manifest_path: Option<&PathBuf>) -> anyhow::Result<Self> {
        let mut cmd = MetadataCommand::new();
        cmd.no_deps();
        if let Some(path) = manifest_path {
            cmd.manifest_path(path);
        }
        let metadata = cmd
            .exec()
            .context("cannot read the cargo workspace; run this inside a Cargo project or pass --manifest-path")?;
        Ok(Self { metadata })
    }

    /// The guest packages selected by `-p` names, or by default the current package when it
    /// is a guest, or else every guest in the workspace.
    pub fn guests(&self, selected: &[String]) -> anyhow::Result<Vec<&Package>> {
        let members = self.metadata.workspace_packages();
        if !selected.is_empty() {
            return selected
                .iter()
                .map(|name| {
                    let package = members.iter().find(|p| p.name.as_str() == name).with_context(|| {
                        format!("no package `{name}` in the workspace at {}", self.metadata.workspace_root)
                    })?;
                    if !is_guest(package) {
                        bail!(
                            "package `{name}` is not a guest: add an empty `[package.metadata.guestkit]` table \
                             to {}",
                            package.manifest_path
                        );
                    }
                    Ok(*package)
                })
                .collect();
        }
        if let Some(root) = self.metadata.root_package().filter(|p| is_guest(p)) {
            return Ok(vec![root]);
        }
        let guests: Vec<_> = members.into_iter().filter(|p| is_guest(p)).collect();
        if guests.is_empty() {
            bail!(
                "no guest packages in the workspace at {}: a guest's Cargo.toml has a \
                 `[package.metadata.guestkit]` table (`cargo guest new NAME` creates one)",
                self.metadata.workspace_root
            );
        }
        Ok(guests)
    }

    /// Every guest package of the workspace, whatever the current directory.
    pub fn all_guests(&self) -> Vec<&Package> {
        let members = self.metadata.workspace_packages();
        members.into_iter().filter(|p| is_guest(p)).collect()
    }

    /// Where built components go: `<target-dir>/guest`.
    pub fn guest_dir(&self) -> PathBuf {
        self.metadata
            .target_directory
            .join("guest")
            .into_std_path_buf()
    }
}

fn is_guest(package: &Package) -> bool {
    package.metadata.get("guestkit").is_some()
}

/// A guest's settings from its `[package.metadata.guestkit]` table.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct GuestSettings {
    /// `target = "wasm32-wasip1"`: what to build it for unless `--target` says otherwise.
    pub target: Option<GuestTarget>,
    /// `world = "name"`: which world of its `wit/` folder it implements.
    pub world: Option<String>,
}

impl GuestSettings {
    pub fn of(package: &Package) -> anyhow::Result<Self> {
        let table = &package.metadata["guestkit"];
        let string = |key: &str| -> anyhow::Result<Option<&str>> {
            match &table[key] {
                serde_json::Value::Null => Ok(None),
                serde_json::Value::String(s) => Ok(Some(s)),
                other => bail!(
                    "{}: [package.metadata.guestkit] `{key}` must be a string, not {other}",
                    package.manifest_path
                ),
            }
        };
        let target = string("target")?
            .map(GuestTarget::from_triple)
            .transpose()
            .map_err(|e| {
                anyhow::anyhow!("{}: [package.metadata.guestkit] {e}", package.manifest_path)
            })?;
        Ok(Self {
            target,
            world: string("world")?.map(str::to_owned),
        })
    }
}

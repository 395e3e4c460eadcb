//! Which guest a command works on: a built component given by path, or a package of the
//! workspace, built first. One flattened clap struct, shared by every subcommand that takes
//! `[PATH | -p PKG | --manifest-path PATH]`.

use std::path::{Path, PathBuf};

use crate::build::{self, BuildArgs};

/// `[PATH | -p PKG] [--manifest-path PATH]`: the guest a command works on.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct GuestArgs {
    /// A built component (.wasm); without it, the selected package is built first
    #[arg(value_name = "PATH", conflicts_with = "package")]
    pub path: Option<PathBuf>,
    /// Guest package to build and use
    #[arg(short, long, value_name = "PKG")]
    pub package: Option<String>,
    /// Path to the Cargo.toml of the package or workspace
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
}

impl GuestArgs {
    /// The component's path: the one given, or the selected package's, built first (with the
    /// release profile when `release`).
    pub fn component(&self, release: bool) -> anyhow::Result<PathBuf> {
        match &self.path {
            Some(path) => Ok(path.clone()),
            None => build::single(build::run(BuildArgs {
                packages: self.package.iter().cloned().collect(),
                release,
                manifest_path: self.manifest_path.clone(),
                ..BuildArgs::default()
            })?),
        }
    }
}

/// The name a component runs under (as a process, or as a durable service): its file's stem.
pub fn default_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "guest".into())
}

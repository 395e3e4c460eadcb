//! Which guest a command works on: a built component given by path, or a package of the
//! workspace, built first. One flattened clap struct, shared by every subcommand that takes
//! `[PATH | -p PKG | --manifest-path PATH]`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use guestkit_codegen::embed::{self, EmbeddedContract};
use guestkit_shim::{Module, Shim};

use crate::build::{self, BuildArgs};
use crate::contract::RouteTypes;

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

/// A built component, read once: its path, its bytes and what its contract section holds.
/// Commands pass this around instead of reading the file again.
pub struct Component {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// The embedded contract; `Err` says why its section could not be read.
    pub contract: Result<Option<EmbeddedContract>, String>,
}

impl Component {
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let bytes = guestkit_shim::read_component(path)?;
        Ok(Self {
            contract: embed::read(&bytes),
            path: path.to_owned(),
            bytes,
        })
    }

    /// The typed request and reply of `route`, when the contract declares it.
    pub fn route_types(&self, route: &str) -> Option<RouteTypes> {
        let Ok(Some(contract)) = &self.contract else {
            return None;
        };
        RouteTypes::find(contract, route).ok()
    }

    /// The component loaded into `shim`, with the precompiled artifact beside it if it fits.
    pub fn load(&self, shim: &Shim) -> anyhow::Result<Module> {
        shim.load_at(&self.path, &self.bytes)
            .with_context(|| self.path.display().to_string())
    }

    /// The name it runs under (as a process, or as a durable service): its file's stem.
    pub fn default_name(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "guest".into())
    }
}

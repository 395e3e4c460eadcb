//! A loaded guest component: checked for conformance and compiled for the shim's engine, not
//! yet linked. Actors spawn from it, and pass it to each other in messages.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

use wasmtime::Engine;
use wasmtime::component::Component;

use crate::conformance::{self, ComponentSummary};
use crate::error::{ShimError, describe};

/// The most bytes a component file may hold.
pub const MAX_COMPONENT_BYTES: u64 = 256 << 20;

/// Reads the component file at `path`: a regular file of at most [`MAX_COMPONENT_BYTES`]. A
/// FIFO, a device or a directory is refused before it is opened, so that nothing blocks on a
/// reader that never comes or reads without end (`/dev/zero`).
pub fn read_component(path: &Path) -> Result<Vec<u8>, ShimError> {
    let refused = |message: String| ShimError::Artifact {
        path: path.display().to_string(),
        message,
    };
    let metadata = std::fs::metadata(path).map_err(|e| refused(e.to_string()))?;
    if !metadata.is_file() {
        return Err(refused("not a regular file, so not a component".into()));
    }
    let file = std::fs::File::open(path).map_err(|e| refused(e.to_string()))?;
    let mut bytes = Vec::with_capacity(metadata.len().min(MAX_COMPONENT_BYTES) as usize);
    file.take(MAX_COMPONENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| refused(e.to_string()))?;
    if bytes.len() as u64 > MAX_COMPONENT_BYTES {
        return Err(refused(format!(
            "larger than {} MiB, more than any component the shim runs",
            MAX_COMPONENT_BYTES >> 20
        )));
    }
    Ok(bytes)
}

/// A validated, compiled guest component, ready to spawn any number of actors from.
#[derive(Clone)]
pub struct Module {
    component: Component,
    summary: Arc<ComponentSummary>,
    precompiled: bool,
    content: u64,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("precompiled", &self.precompiled)
            .finish_non_exhaustive()
    }
}

impl Module {
    /// Checks and compiles the component in `bytes`.
    pub(crate) fn compile(
        engine: &Engine,
        bytes: &[u8],
        max_memory_bytes: usize,
    ) -> Result<Self, ShimError> {
        Self::new(bytes, max_memory_bytes, || {
            Ok((Component::new(engine, bytes)?, false))
        })
    }

    /// Checks the component in `bytes`, whose code `compile` gives, and whether that came
    /// from a precompiled artifact.
    pub(crate) fn new(
        bytes: &[u8],
        max_memory_bytes: usize,
        compile: impl FnOnce() -> wasmtime::Result<(Component, bool)>,
    ) -> Result<Self, ShimError> {
        let summary = conformance::check_within(bytes, max_memory_bytes)?;
        let (component, precompiled) = compile().map_err(|e| ShimError::Compile(describe(&e)))?;
        Ok(Self {
            component,
            summary: Arc::new(summary),
            precompiled,
            content: content_hash(bytes),
        })
    }

    /// The component's imports and exports.
    pub fn summary(&self) -> &ComponentSummary {
        &self.summary
    }

    /// Whether its code came from a precompiled artifact rather than a compilation.
    pub fn precompiled(&self) -> bool {
        self.precompiled
    }

    pub(crate) fn component(&self) -> &Component {
        &self.component
    }

    /// The hash of the component's bytes: the same bytes load as the same module.
    pub(crate) fn content(&self) -> u64 {
        self.content
    }
}

/// The hash modules loaded from `bytes` carry.
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

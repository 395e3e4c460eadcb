//! The node's components, loaded once each and pre-instantiated against its linker: loading
//! the same bytes twice compiles and links once, keyed by their content hash.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use wasmtime::Engine;
use wasmtime::component::{Component, InstancePre, Linker};

use super::ActorCtx;
use crate::component::{Module, content_hash};
use crate::error::{ShimError, describe};
use crate::limits::Limits;
use crate::precompiled;
use crate::wit::ActorIndices;

/// A component pre-instantiated against the linker, with its guest exports found and
/// type-checked once: each instance then only loads them.
#[derive(Clone)]
pub(crate) struct Linked {
    pub pre: InstancePre<ActorCtx>,
    pub exports: ActorIndices,
}

/// Loaded modules and their pre-instantiated form, by content hash.
pub(crate) struct Components {
    engine: Engine,
    linker: Linker<ActorCtx>,
    /// How large a memory conformance lets each component start with.
    max_memory_bytes: usize,
    loaded: Mutex<HashMap<u64, (Module, Linked)>>,
}

impl Components {
    /// Components linked with `linker`, which defines every import of the host world.
    pub fn new(engine: Engine, linker: Linker<ActorCtx>, limits: &Limits) -> Self {
        Self {
            engine,
            linker,
            max_memory_bytes: limits.max_memory_bytes,
            loaded: Mutex::default(),
        }
    }

    /// Validates, compiles and links the component in `bytes`, or returns the module loaded
    /// from the same bytes before.
    pub fn load(&self, bytes: &[u8]) -> Result<Module, ShimError> {
        self.cached(bytes, || {
            Module::compile(&self.engine, bytes, self.max_memory_bytes)
        })
    }

    /// Loads the component file at `path`, using the precompiled artifact next to it when it
    /// matches.
    pub fn load_file(&self, path: &Path) -> Result<Module, ShimError> {
        let bytes = crate::component::read_component(path)?;
        self.load_at(path, &bytes)
    }

    /// Loads `bytes`, read from the component file at `path`, as [`load_file`] does.
    ///
    /// [`load_file`]: Self::load_file
    pub fn load_at(&self, path: &Path, bytes: &[u8]) -> Result<Module, ShimError> {
        self.cached(bytes, || {
            Module::new(bytes, self.max_memory_bytes, || {
                match precompiled::load(&self.engine, path, bytes) {
                    Some(component) => Ok((component, true)),
                    None => Ok((Component::new(&self.engine, bytes)?, false)),
                }
            })
        })
    }

    fn cached(
        &self,
        bytes: &[u8],
        load: impl FnOnce() -> Result<Module, ShimError>,
    ) -> Result<Module, ShimError> {
        if let Some((module, _)) = self.loaded.lock().unwrap().get(&content_hash(bytes)) {
            return Ok(module.clone());
        }
        let module = load()?;
        let pre = self.link(&module)?;
        self.loaded
            .lock()
            .unwrap()
            .insert(module.content(), (module.clone(), pre));
        Ok(module)
    }

    /// `module`, pre-instantiated against the linker.
    pub fn pre(&self, module: &Module) -> Result<Linked, ShimError> {
        if let Some((_, pre)) = self.loaded.lock().unwrap().get(&module.content()) {
            return Ok(pre.clone());
        }
        self.link(module)
    }

    fn link(&self, module: &Module) -> Result<Linked, ShimError> {
        let pre = self
            .linker
            .instantiate_pre(module.component())
            .map_err(|e| ShimError::Link(describe(&e)))?;
        let exports = ActorIndices::new(&pre).map_err(|e| ShimError::Link(describe(&e)))?;
        Ok(Linked { pre, exports })
    }
}

//! Precompiled components: the native code wasmtime compiles a component to, saved next to
//! it as `NAME.<key>.cwasm` so that a later shim skips compilation. The key hashes the
//! component's bytes and the engine's configuration, so an edited component, or a shim built
//! with other settings or another wasmtime, never picks up a stale artifact; it compiles
//! the component instead.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};
use wasmtime::Engine;
use wasmtime::component::Component;

use crate::conformance;
use crate::engine::new_engine;
use crate::error::{ShimError, describe};

/// Where the artifact of the component at `path`, holding `bytes`, lives for `engine`.
pub(crate) fn artifact_path(engine: &Engine, path: &Path, bytes: &[u8]) -> PathBuf {
    let content: String = Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut config = DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut config);
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{stem}.{content}-{:016x}.cwasm", config.finish()))
}

/// The precompiled artifact of `bytes` next to `path`, when there is one for this engine.
pub(crate) fn load(engine: &Engine, path: &Path, bytes: &[u8]) -> Option<Component> {
    let artifact = artifact_path(engine, path, bytes);
    if !artifact.is_file() {
        return None;
    }
    // SAFETY: the file's name carries the hash of the component's bytes and of this engine's
    // configuration, and only `precompile` writes such names, from `precompile_component`
    // of exactly those bytes. wasmtime also checks the artifact's header against the engine
    // and refuses a mismatch, which falls back to compiling.
    unsafe { Component::deserialize_file(engine, &artifact) }.ok()
}

/// Compiles the component at `path` for the shim's engine and writes the artifact next to
/// it, removing artifacts of earlier builds of the same component. Returns the artifact's
/// path.
pub fn precompile(path: &Path) -> Result<PathBuf, ShimError> {
    let bytes = crate::component::read_component(path)?;
    conformance::check(&bytes)?;
    // Artifacts are for shims with the default limits, whose engine configuration they
    // match; a shim with other limits compiles the component itself.
    let engine =
        new_engine(&crate::Limits::default()).map_err(|e| ShimError::Engine(describe(&e)))?;
    let artifact = artifact_path(&engine, path, &bytes);
    let compiled = engine
        .precompile_component(&bytes)
        .map_err(|e| ShimError::Compile(describe(&e)))?;
    remove_stale(path, &artifact);
    write_whole(&artifact, &compiled).map_err(|e| ShimError::Artifact {
        path: artifact.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(artifact)
}

/// Whether the component at `path` has an artifact [`precompile`] wrote for its bytes as they
/// are, for this shim's engine, that wasmtime recognizes as a precompiled component: a build
/// can skip precompiling it again.
pub fn is_precompiled(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let Ok(engine) = new_engine(&crate::Limits::default()) else {
        return false;
    };
    let artifact = artifact_path(&engine, path, &bytes);
    matches!(
        wasmtime::Engine::detect_precompiled_file(&artifact),
        Ok(Some(wasmtime::Precompiled::Component))
    )
}

/// Writes `bytes` to `path` whole or not at all: into a file beside it, renamed over it. A
/// shim in another process may have the old artifact mapped (`deserialize_file`); rewriting
/// that file in place would pull the pages from under it. `cargo guest build` writes
/// components so too, for the other `cargo guest` reading one meanwhile.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = tempfile::NamedTempFile::new_in(directory_of(path))?;
    file.write_all(bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The directory `path` is in (`.` for a bare file name).
fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Removes `NAME.*.cwasm` files next to `path` other than `keep`; a failure only leaves a
/// stale file behind, which is never loaded.
fn remove_stale(path: &Path, keep: &Path) {
    let Some(stem) = path.file_stem() else {
        return;
    };
    let stem = stem.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(directory_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let candidate = entry.path();
        let key = name
            .strip_prefix(&*stem)
            .and_then(|n| n.strip_prefix('.'))
            .and_then(|n| n.strip_suffix(".cwasm"));
        let is_artifact = key.is_some_and(|k| k.len() == 33 && k.as_bytes()[16] == b'-');
        if is_artifact && candidate != keep {
            let _ = std::fs::remove_file(candidate);
        }
    }
}

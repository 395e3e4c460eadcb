//! `guestkit::wit!`: typed guest bindings for a crate's own WIT world.
//!
//! The world is resolved here with wit-parser, so errors name the WIT file, line and column,
//! and every file read is tracked by the expansion. wit-bindgen generates the canonical-ABI
//! layer. When the world includes `guestkit:host/actor`, its interfaces are not generated
//! again: imports map to the `guestkit::host` modules every guest already has, and the
//! `guestkit:host/guest` export is left to `#[guestkit::actor]`, so the world's `export!`
//! macro exports only the guest's own interfaces.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use wit_bindgen_core::WorldGenerator;
use wit_bindgen_rust::{Opts, WithOption};
use wit_parser::{InterfaceId, Resolve, WorldId, WorldItem};

use crate::Options;
use crate::wit::host;

/// A WIT world that could not be resolved or generated.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WitError(pub String);

/// A resolved world and the files it was read from.
pub struct WitWorld {
    pub resolve: Resolve,
    pub world: WorldId,
    pub files: Vec<PathBuf>,
}

impl WitWorld {
    /// Resolves `path` (a WIT file or a directory with an optional `deps/`, relative to
    /// `manifest_dir`) next to the bundled `guestkit:host`, and picks `world` in it (the only
    /// world when `None`).
    pub fn load(manifest_dir: &Path, path: &str, world: Option<&str>) -> Result<Self, WitError> {
        let full = manifest_dir.join(path);
        if !full.exists() {
            return Err(WitError(format!(
                "{}: no such WIT file or directory; paths are relative to the crate's Cargo.toml",
                full.display()
            )));
        }
        let (mut resolve, _) = host();
        let (pkg, sources) = resolve
            .push_path(&full)
            .map_err(|e| WitError(resolve.render_error(&e)))?;
        let world = resolve.select_world(&[pkg], world).map_err(|e| {
            WitError(format!(
                "{e:#}\nname the world with `world = \"…\"`: in the macro, \
                 `guestkit::wit!(world = \"my-world\")`; for `cargo guest build`, under \
                 [package.metadata.guestkit]"
            ))
        })?;
        Ok(Self {
            resolve,
            world,
            files: sources.paths().map(Path::to_path_buf).collect(),
        })
    }

    /// The world's fully qualified name.
    pub fn name(&self) -> String {
        let world = &self.resolve.worlds[self.world];
        match world.package {
            Some(pkg) => self.resolve.id_of_name(pkg, &world.name),
            None => world.name.clone(),
        }
    }
}

/// The Rust source of the guest bindings for `wit`.
pub fn guest(wit: &WitWorld, opts: &Options) -> Result<String, WitError> {
    let mut resolve = wit.resolve.clone();
    let krate = opts.crate_name();
    let host_package = host_package(&resolve);

    // The guest's own world minus the platform's `guest` export, which `#[guestkit::actor]`
    // provides; imports of platform interfaces reuse the facade's bindings.
    let mut world = resolve.worlds[wit.world].clone();
    world.exports.retain(|_, item| match item {
        WorldItem::Interface { id, .. } => resolve.interfaces[*id].package != host_package,
        _ => true,
    });
    let with = platform_interfaces(&resolve, &world, host_package)
        .into_iter()
        .filter_map(|id| {
            let name = resolve.id_of(id)?;
            let module = resolve.interfaces[id].name.as_ref()?.replace('-', "_");
            Some((name, WithOption::Path(format!("{krate}::host::{module}"))))
        })
        .collect();
    // wit-bindgen makes its export macro only for a world with exports of its own.
    let exports_nothing = world.exports.is_empty();
    resolve.worlds[wit.world] = world;

    let mut generator = Opts {
        runtime_path: Some(format!("{krate}::__private::wit_bindgen::rt")),
        with,
        generate_all: true,
        export_macro_name: Some("__guestkit_wit_export".into()),
        ..Opts::default()
    }
    .build();
    let mut files = wit_bindgen_core::Files::default();
    generator
        .generate(&mut resolve, wit.world, &mut files)
        .map_err(|e| WitError(format!("generating bindings for {}: {e:#}", wit.name())))?;
    let (_, src) = files
        .iter()
        .next()
        .ok_or_else(|| WitError("wit-bindgen produced no file".into()))?;
    let mut code = String::from_utf8(src.to_vec()).map_err(|e| WitError(e.to_string()))?;
    code.push_str(match exports_nothing {
        true => EXPORT_NOTHING_MACRO,
        false => EXPORT_MACRO,
    });
    Ok(code)
}

/// The world's `export!`: wit-bindgen's, on wasm only. Export symbols are named like
/// `acme:greeter/directory@1.0.0#count`, which a native linker refuses, and guests are also
/// built natively (as an rlib and cdylib, for `cargo test` and `cargo check`).
const EXPORT_MACRO: &str = "
/// Exports the given type as the implementation of this world's own exports. (On wasm; in a
/// native build the impls are type-checked and nothing is exported.)
#[allow(unused_macros)]
macro_rules! export {
    ($($t:tt)*) => {
        #[cfg(target_arch = \"wasm32\")]
        __guestkit_wit_export!($($t)*);
    };
}
";

/// The `export!` of a world with no exports of its own (it only imports, or its exports are
/// the platform's): there is nothing to export, and `export!(T)` still names a type, so a guest
/// writes the same line whatever its world.
const EXPORT_NOTHING_MACRO: &str = "
/// This world has no exports of its own: exports nothing, and checks that the type exists.
#[allow(unused_macros)]
macro_rules! export {
    ($ty:ident $($rest:tt)*) => {
        const _: ::core::marker::PhantomData<$ty> = ::core::marker::PhantomData;
    };
}
";

fn host_package(resolve: &Resolve) -> Option<wit_parser::PackageId> {
    resolve
        .packages
        .iter()
        .find(|(_, p)| p.name.namespace == "guestkit" && p.name.name == "host")
        .map(|(id, _)| id)
}

/// The platform interfaces `world` uses, directly or through a `use` of their types.
fn platform_interfaces(
    resolve: &Resolve,
    world: &wit_parser::World,
    host_package: Option<wit_parser::PackageId>,
) -> BTreeSet<InterfaceId> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<InterfaceId> = world
        .imports
        .values()
        .chain(world.exports.values())
        .filter_map(|item| match item {
            WorldItem::Interface { id, .. } => Some(*id),
            WorldItem::Type { id, .. } => match resolve.types[*id].owner {
                wit_parser::TypeOwner::Interface(i) => Some(i),
                _ => None,
            },
            WorldItem::Function(_) => None,
        })
        .collect();
    let mut found = BTreeSet::new();
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        todo.extend(resolve.interface_direct_deps(id));
        if resolve.interfaces[id].package == host_package {
            found.insert(id);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/wit/corpus")
    }

    #[test]
    fn every_corpus_world_generates() {
        for (file, world) in [
            ("types.wit", "types-import"),
            ("types.wit", "types-export"),
            ("types.wit", "types-actor"),
            ("resources.wit", "resources-actor"),
            ("functions.wit", "directory-actor"),
            ("functions.wit", "functions"),
        ] {
            let wit = WitWorld::load(&corpus(), file, Some(world)).unwrap();
            let code = guest(&wit, &Options::guest()).unwrap();
            assert!(code.contains("wit-bindgen"), "{file}/{world}");
        }
    }

    #[test]
    fn an_actor_world_reuses_the_platform_bindings_and_leaves_its_export_to_the_actor() {
        let wit = WitWorld::load(&corpus(), "functions.wit", Some("directory-actor")).unwrap();
        assert_eq!(wit.name(), "corpus:functions/directory-actor@0.1.0");
        let code = guest(&wit, &Options::guest()).unwrap();
        assert!(
            code.contains("use ::guestkit::host::types as __with_name"),
            "{code}"
        );
        assert!(!code.contains("pub mod guestkit"), "{code}");
        assert!(code.contains("fn lookup"), "{code}");
        assert!(!code.contains("fn handle"), "{code}");
    }

    #[test]
    fn errors_name_the_wit_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("bad.wit"),
            "package a:b;\n\ninterface i {\n  f: func() -> nope;\n}\n",
        )
        .unwrap();
        let e = WitWorld::load(dir.path(), "bad.wit", None)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("bad.wit:4:"), "{e}");
        assert!(e.contains("nope"), "{e}");
        let e = WitWorld::load(dir.path(), "missing", None)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("relative to the crate's Cargo.toml"), "{e}");
    }
}

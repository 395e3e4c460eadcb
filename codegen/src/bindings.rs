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
        // wit-parser resolves a chain of aliases by recursion, as deep as the chain: give it
        // a stack that holds what `wit_rules` then refuses with a message.
        let world = world.map(str::to_owned);
        crate::wit_rules::on_deep_stack(move || {
            let (mut resolve, _) = host();
            let (pkg, sources) = resolve
                .push_path(&full)
                .map_err(|e| WitError(resolve.render_error(&e)))?;
            let files: Vec<PathBuf> = sources.paths().map(Path::to_path_buf).collect();
            let world = pick_world(&resolve, pkg, world.as_deref(), &files)?;
            crate::wit_rules::check(&resolve, host_package(&resolve)).map_err(WitError)?;
            Ok(Self {
                resolve,
                world,
                files,
            })
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

/// The world of `package` a guest is built against: the one named, or its only one. The
/// errors say where the package's worlds are, and how to name one.
fn pick_world(
    resolve: &Resolve,
    package: wit_parser::PackageId,
    name: Option<&str>,
    files: &[PathBuf],
) -> Result<WorldId, WitError> {
    const NAME_IT: &str = "name the world with `world = \"…\"`: in the macro, \
         `guestkit::wit!(world = \"my-world\")`; for `cargo guest build`, under \
         [package.metadata.guestkit]";
    let pkg = &resolve.packages[package];
    let listed = || {
        pkg.worlds
            .iter()
            .map(|(name, &id)| {
                format!(
                    "\n  `{name}` at {}",
                    resolve.render_location(resolve.worlds[id].span)
                )
            })
            .collect::<String>()
    };
    if let Some(name) = name.filter(|n| !n.contains(':')) {
        return match pkg.worlds.get(name) {
            Some(&id) => Ok(id),
            None if pkg.worlds.is_empty() => Err(no_world(resolve, pkg, files)),
            None => Err(WitError(format!(
                "{}: package `{}` has no world `{name}`; its worlds:{}",
                resolve.render_location(resolve.worlds[pkg.worlds[0]].span),
                pkg.name,
                listed()
            ))),
        };
    }
    if name.is_none() {
        match pkg.worlds.len() {
            0 => return Err(no_world(resolve, pkg, files)),
            1 => return Ok(pkg.worlds[0]),
            _ => {
                return Err(WitError(format!(
                    "{}: package `{}` has {} worlds and a guest is built against one:{}\n{NAME_IT}",
                    resolve.render_location(resolve.worlds[pkg.worlds[1]].span),
                    pkg.name,
                    pkg.worlds.len(),
                    listed()
                )));
            }
        }
    }
    // A fully qualified name (`acme:shop/orders@1.0.0`) may pick a world of a dependency.
    resolve
        .select_world(&[package], name)
        .map_err(|e| WitError(format!("{e:#}\n{NAME_IT}")))
}

fn no_world(resolve: &Resolve, pkg: &wit_parser::Package, files: &[PathBuf]) -> WitError {
    // At its first interface, or else at the top of a file it was read from.
    let at = match pkg.interfaces.first() {
        Some((_, &id)) => format!("{}: ", resolve.render_location(resolve.interfaces[id].span)),
        None => files
            .last()
            .map(|f| format!("{}:1:1: ", f.display()))
            .unwrap_or_default(),
    };
    WitError(format!(
        "{at}package `{}` declares no world, and a guest is built against one: add \
         `world NAME {{ include guestkit:host/actor@0.1.0; … }}`",
        pkg.name
    ))
}

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

    /// `text` as the body of interface `i` in a package whose one world exports it.
    fn load_interface(text: &str) -> Result<WitWorld, WitError> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("w.wit"),
            format!("package a:b;\ninterface i {{\n{text}\n}}\nworld w {{ export i; }}\n"),
        )
        .unwrap();
        WitWorld::load(dir.path(), "w.wit", None)
    }

    #[test]
    fn what_the_shim_does_not_run_is_refused_where_it_is_used() {
        // wit-bindgen's guest generator failed an assertion on the export of the second.
        for (text, says) in [
            ("f: async func();", "w.wit:3:1: function `f` uses `async`"),
            ("type t = future<u8>;", "w.wit:3:6: type `t` uses `future`"),
            ("record r { s: stream<u8> }", "uses `stream`"),
            (
                "g: func() -> error-context;",
                "function `g` uses `error-context`",
            ),
            (
                "record r { e: error-context }",
                "w.wit:3:8: type `r` uses `error-context`",
            ),
            ("h: func(a: list<string, 1>);", "uses a fixed-length list"),
        ] {
            let e = load_interface(text).err().unwrap().to_string();
            assert!(e.contains(says), "{text}: {e}");
            assert!(e.contains("guestkit:host/streams"), "{text}: {e}");
        }
    }

    #[test]
    fn a_handle_given_a_name_is_refused_where_it_is_named() {
        // wit-bindgen's guest generator panicked on both.
        for (text, says) in [
            (
                "resource r;\ntype t = own<r>;",
                "w.wit:4:6: type `t` names a handle (`own<r>`), which the guest bindings \
                 cannot define; write `r` where `t` is used",
            ),
            (
                "resource r;\ntype b = borrow<r>;",
                "write `borrow<r>` where `b`",
            ),
        ] {
            let e = load_interface(text).err().unwrap().to_string();
            assert!(e.contains(says), "{text}: {e}");
        }
    }

    #[test]
    fn names_that_become_one_rust_name_are_refused_where_the_second_is() {
        for (text, says) in [
            (
                "record r { a: u32, b: u32, a: u32 }",
                "w.wit:3:28: record `r` has two fields named `a` (the first at",
            ),
            (
                "record r { a-b: u32, A-B: u32 }",
                "w.wit:3:22: record `r` has two fields named `A-B`",
            ),
            (
                "variant v { a, b(u32), a }",
                "w.wit:3:24: variant `v` has two cases named `a`",
            ),
            (
                "enum e { x, X }",
                "w.wit:3:13: enum `e` has two cases named `X`",
            ),
            (
                "flags f { a, a }",
                "w.wit:3:14: flags `f` has two flags named `a`",
            ),
            (
                "type t = u32;\ntype T = u32;",
                "w.wit:4:6: interface `i` has two types named `T`",
            ),
            (
                "f: func();\nF: func();",
                "w.wit:4:1: interface `i` has two functions named `F`",
            ),
        ] {
            let e = load_interface(text).err().expect(text).to_string();
            assert!(e.contains(says), "{text}: {e}");
        }
        // Distinct names still load, and a doc comment with a bare carriage return generates.
        let wit = load_interface("/// a\rb\nrecord r { a: u32, a-b: u32 }").unwrap();
        guest(&wit, &Options::guest()).unwrap();
    }

    #[test]
    fn a_world_that_is_not_there_lists_the_ones_that_are() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("w.wit"),
            "package a:b;\nworld one {}\nworld two {}\n",
        )
        .unwrap();
        let e = WitWorld::load(dir.path(), "w.wit", Some("three"))
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("w.wit:2:7: package `a:b` has no world `three`"),
            "{e}"
        );
        assert!(e.contains("`two` at") && e.contains("w.wit:3:7"), "{e}");
        let two = WitWorld::load(dir.path(), "w.wit", Some("two")).unwrap();
        assert_eq!(two.name(), "a:b/two");
    }

    /// An interface with a chain of `n` aliases, `type t1 = t0;` and so on, used by a function.
    fn alias_chain(n: usize) -> String {
        let mut text = String::from("type t0 = u32;\n");
        for k in 1..n {
            text.push_str(&format!("type t{k} = t{};\n", k - 1));
        }
        text.push_str(&format!("f: func(x: t{}) -> t{};", n - 1, n - 1));
        text
    }

    #[test]
    fn type_chains_past_the_limit_are_refused_before_anything_recurses_through_them() {
        use crate::wit_rules::MAX_TYPE_DEPTH;
        // At the limit, both sides generate.
        let wit = load_interface(&alias_chain(MAX_TYPE_DEPTH)).unwrap();
        guest(&wit, &Options::guest()).unwrap();
        crate::stub::host(&wit, &Options::host());
        // 8000 deep overflowed wit-bindgen's stack and, below that, took it time that grew
        // with the square of the depth; wit-parser itself recurses through the chain.
        let e = load_interface(&alias_chain(8000))
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("w.wit:103:6: type `t100` nests 101 types deep")
                && e.contains("guestkit_codegen::wit_rules::MAX_TYPE_DEPTH"),
            "{e}"
        );
        // Each record holds the one below twice, which doubles the code wit-bindgen writes
        // inline at every level: refused once a type holds 4096 types.
        let records: String = (1..=40)
            .map(|k| format!("record r{k} {{ a: r{}, b: list<r{}> }}\n", k - 1, k - 1))
            .collect();
        let e = load_interface(&format!("record r0 {{ x: u32 }}\n{records}"))
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("w.wit:14:8: type `r11` holds 8190 types")
                && e.contains("guestkit_codegen::wit_rules::MAX_TYPE_NODES"),
            "{e}"
        );
        let below: Vec<&str> = records.lines().take(10).collect();
        let text = format!(
            "record r0 {{ x: u32 }}\n{}\nf: func(x: r10);",
            below.join("\n")
        );
        let wit = load_interface(&text).unwrap();
        guest(&wit, &Options::guest()).unwrap();
        crate::stub::host(&wit, &Options::host());
        // Fixed-length lists multiply sizes: past 16 MiB, wit-parser's sizes overflow.
        let e = load_interface("type page = list<u64, 65536>;\ntype book = list<page, 4096>;")
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("type `book` takes 2147483648 bytes in memory")
                && e.contains("guestkit_codegen::wit_rules::MAX_TYPE_BYTES"),
            "{e}"
        );
    }
}

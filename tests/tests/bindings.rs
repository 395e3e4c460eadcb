//! `guestkit::wit!` generates bindings that compile for every world of the WASI WIT packages
//! wasmtime ships (wasmtime-wasi, wasmtime-wasi-http; preview 2 and 3) and for our own corpus
//! of WIT files exercising every type, built for wasm32-wasip2 as one crate.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use guestkit_tests::{guest_target_dir, workspace_root};

/// The source directory of `package` in the dependency graph of `manifest`, downloaded by
/// cargo if needed.
fn package_dir(manifest: &Path, package: &str) -> PathBuf {
    let metadata = cargo_metadata::MetadataCommand::new()
        .manifest_path(manifest)
        .exec()
        .expect("cargo metadata runs");
    let found = metadata
        .packages
        .iter()
        .find(|p| p.name.as_str() == package)
        .unwrap_or_else(|| panic!("{package} is in the dependency graph"));
    found.manifest_path.parent().unwrap().into()
}

/// The WIT directories of wasmtime-wasi (a dependency of the shim) and wasmtime-wasi-http
/// (fetched through a throwaway manifest pinned to the same wasmtime).
/// The WASI 0.2 WIT of wasmtime-wasi and wasmtime-wasi-http, and their WASI 0.3 WIT (which
/// uses component-model async and streams).
fn wasi_wit_dirs(scratch: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let wasi = package_dir(&workspace_root().join("Cargo.toml"), "wasmtime-wasi");
    let http_manifest = scratch.join("fetch-http/Cargo.toml");
    std::fs::create_dir_all(http_manifest.parent().unwrap().join("src")).unwrap();
    std::fs::write(http_manifest.parent().unwrap().join("src/lib.rs"), "").unwrap();
    std::fs::write(
        &http_manifest,
        "[package]\nname = \"fetch-http\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
         [dependencies]\nwasmtime-wasi-http = { version = \"=48.0.8\", default-features = false }\n\
         [workspace]\n",
    )
    .unwrap();
    let http = package_dir(&http_manifest, "wasmtime-wasi-http");
    (
        vec![wasi.join("src/p2/wit"), http.join("wit")],
        vec![wasi.join("src/p3/wit"), http.join("src/p3/wit")],
    )
}

/// Every world defined anywhere under `path` (its package and its `deps/`), fully qualified,
/// and whether it exports anything of its own (beyond the platform's).
fn worlds(path: &Path) -> Vec<(String, bool)> {
    let mut resolve = wit_parser::Resolve::default();
    resolve
        .push_str("host.wit", &guestkit_tests::host_wit())
        .unwrap();
    resolve
        .push_path(path)
        .unwrap_or_else(|e| panic!("{}: {e:#}", path.display()));
    resolve
        .worlds
        .iter()
        .filter_map(|(_, w)| {
            let pkg = w.package?;
            let name = &resolve.packages[pkg].name;
            let exports = w.exports.values().any(|item| match item {
                wit_parser::WorldItem::Interface { id, .. } => {
                    let owner = resolve.interfaces[*id].package;
                    owner.is_none_or(|p| resolve.packages[p].name.namespace != "guestkit")
                }
                _ => true,
            });
            (name.namespace != "guestkit").then(|| (resolve.id_of_name(pkg, &w.name), exports))
        })
        .collect()
}

#[test]
fn wit_bindings_compile_for_every_wasi_world_and_the_corpus() {
    let scratch = tempfile::tempdir().unwrap();
    let corpus = workspace_root().join("tests/wit/corpus");
    let (mut sources, async_sources) = wasi_wit_dirs(scratch.path());
    // The shim runs WASI 0.2: a world of WASI 0.3 is refused where it first uses async.
    for source in &async_sources {
        for (world, _) in worlds(source) {
            let e = guestkit_codegen::bindings::WitWorld::load(source, ".", Some(&world))
                .err()
                .unwrap_or_else(|| panic!("{world} of {} loaded", source.display()))
                .to_string();
            assert!(
                e.contains("which the shim does not run") && e.contains(".wit:"),
                "{world}: {e}"
            );
        }
    }
    let mut corpus_files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "wit"))
        .collect();
    corpus_files.sort();
    sources.extend(corpus_files);

    let mut lib = String::from("#![allow(dead_code, unused_imports, unused_macros)]\n");
    let mut count = 0;
    for source in &sources {
        let path = source.display().to_string();
        for (world, exports) in worlds(source) {
            // A world with nothing to export still takes `export!` (with no impls to write).
            let export = match exports {
                true => "",
                false => "\n    pub struct Nothing;\n    export!(Nothing);",
            };
            writeln!(
                lib,
                "/// `{world}` from {path}\npub mod world{count} {{\n    \
                 guestkit::wit!(path = {path:?}, world = {world:?});{export}\n}}"
            )
            .unwrap();
            count += 1;
        }
    }
    assert!(count >= 30, "only {count} worlds found in {sources:?}");

    let krate = scratch.path().join("corpus");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::write(krate.join("src/lib.rs"), &lib).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"wit-corpus\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             [dependencies]\nguestkit = {{ path = {:?} }}\n[workspace]\n",
            workspace_root().join("guestkit")
        ),
    )
    .unwrap();
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        krate.join("Cargo.lock"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--target", "wasm32-wasip2"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", guest_target_dir())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the bindings of {count} worlds do not compile:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

//! Snapshots of the formatted code generated for the WIT corpus (`tests/wit/corpus/`), both
//! sides. A change to a generator shows up here as a unified diff; when it is intended,
//! `GUESTKIT_BLESS=1 cargo test -p guestkit-codegen --test snapshots` rewrites the files.
//! (The corpus bindings are compiled by `guestkit-tests`: guest side for wasm32-wasip2 in
//! `tests/bindings.rs`, host side in `tests/stubs.rs`.)

use std::path::{Path, PathBuf};

use guestkit_codegen::Options;
use guestkit_codegen::bindings::{self, WitWorld};

const WORLDS: &[(&str, &str)] = &[
    ("types.wit", "types-import"),
    ("types.wit", "types-export"),
    ("types.wit", "types-actor"),
    ("resources.wit", "resources-actor"),
    ("functions.wit", "functions"),
    ("functions.wit", "directory-actor"),
];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/wit/corpus")
}

fn check(name: &str, actual: &str, mismatches: &mut Vec<String>) {
    let path = corpus().join("snapshots").join(name);
    if std::env::var_os("GUESTKIT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .context_radius(3)
            .header(
                &format!("{name} (snapshot)"),
                &format!("{name} (generated)"),
            )
            .to_string();
        mismatches.push(diff);
    }
}

#[test]
fn generated_code_matches_the_snapshots() {
    let mut mismatches = Vec::new();
    for (file, world) in WORLDS {
        let wit = WitWorld::load(&corpus(), file, Some(world)).unwrap();
        let guest: proc_macro2::TokenStream = bindings::guest(&wit, &Options::guest())
            .unwrap()
            .parse()
            .unwrap();
        check(
            &format!("{world}.guest.rs"),
            &guestkit_codegen::pretty(&guest),
            &mut mismatches,
        );
        let host = guestkit_codegen::stub::host(&wit, &Options::host());
        check(
            &format!("{world}.host.rs"),
            &guestkit_codegen::pretty(&host),
            &mut mismatches,
        );
    }
    assert!(
        mismatches.is_empty(),
        "generated code differs from the snapshots (bless with GUESTKIT_BLESS=1 if intended):\n{}",
        mismatches.join("\n")
    );
}

//! Fuzz targets that run on stable: property tests over components mutated at random, and
//! components and core modules made by `wasm-smith`. Each runs 256 cases in the test suite;
//! `PROPTEST_CASES=100000 cargo test -p guestkit-tests --test fuzz` runs a long one
//! (`docs/fuzzing.md`).

use std::sync::OnceLock;

use arbitrary::Unstructured;
use guestkit_shim::conformance::{self, ConformanceError};
use proptest::prelude::*;
use proptest::sample::Index;

/// A component of a small world with imports, exports and a resource, as a guest toolchain
/// makes one (a core module componentized by wit-component).
fn component() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let wit = "package fuzz:app@0.1.0;\n\
            interface store { resource handle { get: func(key: string) -> option<list<u8>>; }\n\
              open: func(name: string) -> result<handle, string>; }\n\
            world guest { import store; export run: func(args: list<string>) -> u32;\n\
              export describe: func() -> tuple<string, option<u64>>; }\n";
        guestkit_tests::component_of_world(wit, "guest")
    })
}

/// One change to a component's bytes: flip bits of one, insert one, or remove one.
#[derive(Debug, Clone)]
enum Edit {
    Flip(Index, u8),
    Insert(Index, u8),
    Remove(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), 1..=255u8).prop_map(|(at, bits)| Edit::Flip(at, bits)),
        (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Edit::Insert(at, byte)),
        any::<Index>().prop_map(Edit::Remove),
    ]
}

/// `bytes` with `edits` made and then cut at `cut`.
fn mutated(bytes: &[u8], edits: Vec<Edit>, cut: Option<Index>) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    for edit in edits {
        match edit {
            Edit::Flip(at, bits) => {
                let i = at.index(bytes.len());
                bytes[i] ^= bits;
            }
            Edit::Insert(at, byte) => bytes.insert(at.index(bytes.len() + 1), byte),
            Edit::Remove(at) if bytes.len() > 1 => {
                bytes.remove(at.index(bytes.len()));
            }
            Edit::Remove(_) => {}
        }
    }
    if let Some(cut) = cut {
        bytes.truncate(cut.index(bytes.len() + 1));
    }
    bytes
}

proptest! {
    /// `inspect` (conformance, the decoded world, the embedded contract) answers every
    /// mutation of a real component with a report or an error naming the file, and never
    /// panics.
    #[test]
    fn fuzz_inspect_answers_every_mutated_component(
        edits in prop::collection::vec(edit(), 1..6),
        cut in any::<Option<Index>>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mutated.wasm");
        std::fs::write(&path, mutated(component(), edits, cut)).unwrap();
        if let Err(e) = cargo_guest::commands::inspect::inspect(path) {
            let said = format!("{e:#}");
            prop_assert!(said.contains("mutated.wasm"), "names no file: {said}");
        }
    }
}

/// What `wasm-smith` makes of `seed`: a core module, and a component that holds it.
fn smith_module(seed: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut u = Unstructured::new(seed);
    let config: wasm_smith::Config = u.arbitrary().ok()?;
    let module = wasm_smith::Module::new(config, &mut u).ok()?.to_bytes();
    let mut component = wasm_encoder::Component::new();
    component.section(&wasm_encoder::RawSection {
        id: wasm_encoder::ComponentSectionId::CoreModule as u8,
        data: &module,
    });
    Some((module, component.finish()))
}

/// Whether wasmparser, with every feature on, takes `bytes` as valid.
fn valid(bytes: &[u8]) -> bool {
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(bytes)
        .is_ok()
}

/// Conformance refuses `bytes` as invalid exactly when the validator does, and never takes
/// a component without the guest export; `inspect` answers with a report or an error that
/// names the file.
fn conformance_agrees(bytes: &[u8]) -> Result<(), TestCaseError> {
    match conformance::check(bytes) {
        Ok(summary) => prop_assert!(false, "took a component of no guest: {summary:?}"),
        Err(ConformanceError::Invalid(e)) => prop_assert!(!valid(bytes), "valid, yet: {e}"),
        Err(e) => prop_assert!(valid(bytes), "invalid, yet refused as: {e}"),
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("smith.wasm");
    std::fs::write(&path, bytes).unwrap();
    if let Err(e) = cargo_guest::commands::inspect::inspect(path) {
        let said = format!("{e:#}");
        prop_assert!(said.contains("smith.wasm"), "names no file: {said}");
    }
    Ok(())
}

proptest! {
    /// Core modules of every shape `wasm-smith` makes (its own features drawn at random):
    /// alone, refused as a core module when valid; inside a component, judged as the
    /// validator judges them, and described or refused by `inspect`.
    #[test]
    fn fuzz_conformance_judges_smithed_modules_as_the_validator_does(
        seed in prop::collection::vec(any::<u8>(), 64..4096),
    ) {
        if let Some((module, component)) = smith_module(&seed) {
            match conformance::check(&module) {
                Err(ConformanceError::CoreModule) => prop_assert!(valid(&module)),
                Err(ConformanceError::Invalid(_)) => prop_assert!(!valid(&module)),
                other => prop_assert!(false, "a core module judged as {other:?}"),
            }
            conformance_agrees(&component)?;
        }
    }

    /// Components `wasm-smith` makes (nested components and modules, instances, aliases,
    /// imports and exports of every type): judged as the validator judges them.
    #[test]
    fn fuzz_conformance_judges_smithed_components_as_the_validator_does(
        seed in prop::collection::vec(any::<u8>(), 64..4096),
    ) {
        let mut u = Unstructured::new(&seed);
        let component = u
            .arbitrary::<wasm_smith::Config>()
            .and_then(|config| wasm_smith::Component::new(config, &mut u));
        if let Ok(component) = component {
            conformance_agrees(&component.to_bytes())?;
        }
    }
}

#[test]
fn the_unmutated_component_inspects() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.wasm");
    std::fs::write(&path, component()).unwrap();
    let report = cargo_guest::commands::inspect::inspect(path).unwrap();
    assert!(
        !report.conformance.ok,
        "not of the host world, yet described"
    );
}

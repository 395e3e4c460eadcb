//! What the shim accepts, checked on components made from WIT the way other toolchains make
//! them: each refusal names the item and the world, and says what to do.

use guestkit_shim::conformance::{self, ConformanceError, GUEST_EXPORT, WORLD};
use guestkit_tests::{component_of_world, host_wit};

#[test]
fn a_component_of_the_host_world_conforms() {
    let summary = conformance::check(&component_of_world(&host_wit(), "actor")).unwrap();
    assert!(summary.exports.iter().any(|e| e == GUEST_EXPORT));
    assert!(
        summary
            .imports
            .iter()
            .any(|i| i == "guestkit:host/log@0.1.0")
    );
}

#[test]
fn an_import_of_the_wrong_type_is_named() {
    let wit = host_wit().replace(
        "log: func(level: level, message: string);",
        "log: func(level: level, message: u32);",
    );
    let err = conformance::check(&component_of_world(&wit, "actor")).unwrap_err();
    assert!(
        matches!(err, ConformanceError::TypeMismatch { .. }),
        "{err}"
    );
    let err = err.to_string();
    for needle in [
        "interface `log`",
        "function `log`",
        "`message`",
        WORLD,
        "rebuild",
    ] {
        assert!(err.contains(needle), "{needle} missing from: {err}");
    }
}

#[test]
fn an_export_of_the_wrong_type_is_named() {
    let wit = "package guestkit:host@0.1.0;\n\
               interface guest { init: func(); handle: func(delivery: u32) -> u32; }\n\
               world w { export guest; }\n";
    let err = conformance::check(&component_of_world(wit, "w")).unwrap_err();
    assert!(
        matches!(err, ConformanceError::TypeMismatch { .. }),
        "{err}"
    );
    let err = err.to_string();
    assert!(err.contains("interface `guest`"), "{err}");
    assert!(err.contains("function `init`"), "{err}");
}

#[test]
fn a_missing_export_function_is_named() {
    let wit = host_wit().replace("    on-ready: func() -> result<_, actor-error>;\n", "");
    let err = conformance::check(&component_of_world(&wit, "actor"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("type mismatch for export `guestkit:host/guest@0.1.0`: missing expected export `on-ready`"),
        "{err}"
    );
    assert!(err.contains(WORLD), "{err}");
}

#[test]
fn an_import_outside_the_world_names_the_world_and_a_fix() {
    let wit = host_wit().replace(
        "world actor {",
        "interface telepathy { read: func() -> string; }\nworld actor {\n    import telepathy;",
    );
    let err = conformance::check(&component_of_world(&wit, "actor"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("imports `guestkit:host/telepathy@0.1.0`"),
        "{err}"
    );
    assert!(err.contains(WORLD), "{err}");
    assert!(
        err.contains("`telepathy` is not an interface of guestkit:host@0.1.0"),
        "{err}"
    );
}

#[test]
fn a_component_built_against_another_host_version_is_told_to_rebuild() {
    let wit = host_wit().replace(
        "package guestkit:host@0.1.0;",
        "package guestkit:host@0.2.0;",
    );
    let err = conformance::check(&component_of_world(&wit, "actor"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("built against guestkit:host@0.2.0"), "{err}");
}

#[test]
fn memories_and_tables_that_start_over_the_shims_limits_are_refused_before_running() {
    // 5000 pages are 312.5 MiB, over the default 256 MiB a memory may have.
    let big_memory = wat::parse_str("(component (core module (memory 5000)))").unwrap();
    let err = conformance::check(&big_memory).unwrap_err();
    assert!(matches!(err, ConformanceError::OverLimit { .. }), "{err}");
    let said = err.to_string();
    assert!(
        said.contains("memory 0 of a core module starts at 312.5 MiB (5000 pages)")
            && said.contains("of 256.0 MiB per memory (Limits::max_memory_bytes)"),
        "{said}"
    );
    // A shim with room for it gets past that, to what else is wrong.
    let err = conformance::check_within(&big_memory, 512 << 20).unwrap_err();
    assert!(
        matches!(err, ConformanceError::MissingGuestExport { .. }),
        "{err}"
    );

    let big_table = wat::parse_str("(component (core module (table 30000 funcref)))").unwrap();
    let said = conformance::check(&big_table).unwrap_err().to_string();
    assert!(
        said.contains("table 0 of a core module starts with 30000 elements")
            && said.contains("of 20000 elements per table"),
        "{said}"
    );
}

/// A component nested `depth` deep, encoded directly: wasm-encoder and wat build nesting by
/// recursion and copying, which at this depth is what the limit is there to avoid.
fn nested(depth: usize) -> Vec<u8> {
    const HEADER: [u8; 8] = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
    fn leb(mut n: usize, out: &mut Vec<u8>) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return;
            }
            out.push(byte | 0x80);
        }
    }
    // sizes[k]: the bytes of the component k levels from the innermost.
    let mut sizes = vec![HEADER.len()];
    for k in 1..=depth {
        let inner = sizes[k - 1];
        let mut n = Vec::new();
        leb(inner, &mut n);
        sizes.push(HEADER.len() + 1 + n.len() + inner);
    }
    let mut out = Vec::with_capacity(sizes[depth]);
    for k in (1..=depth).rev() {
        out.extend_from_slice(&HEADER);
        out.push(4); // a component section
        leb(sizes[k - 1], &mut out);
    }
    out.extend_from_slice(&HEADER);
    out
}

#[test]
fn components_nested_past_the_limit_are_refused_without_validating_them() {
    let ok = nested(conformance::MAX_NESTING);
    let err = conformance::check(&ok).unwrap_err();
    assert!(
        matches!(err, ConformanceError::MissingGuestExport { .. }),
        "at the limit it is checked as usual: {err}"
    );
    // 100k deep took wasmparser's validator longer than anyone waits.
    let deep = nested(100_000);
    let err = conformance::check(&deep).unwrap_err();
    assert!(
        matches!(err, ConformanceError::TooDeep { depth: 101 }),
        "{err}"
    );
    assert!(
        err.to_string().contains("conformance::MAX_NESTING"),
        "{err}"
    );
}

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

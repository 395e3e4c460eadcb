//! `check`, `bindings` and `build` agree on which contracts are valid, and say where the
//! invalid ones go wrong; a built component that lacks an export its world declares is
//! refused by `build` and reported by `check` and `inspect`.

use std::path::Path;

use prost::Message as _;

use guestkit_codegen::contract_set::ContractSet;
use guestkit_codegen::embed;
use guestkit_tests::{cli, failure, guest_target_dir, success, workspace_root};

/// A guest package in a directory of its own, holding `files`.
fn package(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let manifest = "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
                    [lib]\ncrate-type = [\"cdylib\", \"rlib\"]\n\n[package.metadata.guestkit]\n";
    write(dir.path(), "Cargo.toml", manifest);
    write(dir.path(), "src/lib.rs", "");
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// What `check`, `bindings` and `build` say about the package in `dir`: each fails, and each
/// names `place` (a `file:line:col`) and `says`.
fn all_refuse(dir: &Path, place: &str, says: &str) {
    for command in [&["check"][..], &["bindings"], &["build"]] {
        let out = cli(command, dir);
        assert_eq!(
            out.status.code(),
            Some(if command[0] == "check" { 2 } else { 1 }),
            "{command:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let err = failure(out);
        assert!(err.contains(place), "{command:?} names {place}: {err}");
        assert!(err.contains(says), "{command:?} says {says}: {err}");
        assert!(
            !err.contains("Compiling"),
            "{command:?} refused before compiling: {err}"
        );
    }
}

#[test]
fn a_stream_rpc_is_refused_by_all_three_at_its_stream_keyword() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\nmessage Item { string id = 1; }\n\
                 service Shop {\n  rpc Ping(Item) returns (Item);\n  \
                 rpc Watch(Item) returns (stream Item);\n}\n";
    let dir = package(&[("proto/shop.proto", proto)]);
    all_refuse(
        dir.path(),
        "shop.proto:6:",
        "rpc shop.v1.Shop/Watch streams",
    );
}

#[test]
fn a_wit_package_with_two_worlds_or_none_is_refused_by_all_three() {
    let two = "package acme:shop@0.1.0;\n\nworld a {\n  include guestkit:host/actor@0.1.0;\n}\n\n\
               world b {\n  include guestkit:host/actor@0.1.0;\n}\n";
    let dir = package(&[("wit/shop.wit", two)]);
    all_refuse(dir.path(), "shop.wit:7:7", "has 2 worlds");
    let err = failure(cli(&["check"], dir.path()));
    assert!(
        err.contains("`a` at") && err.contains("shop.wit:3:7"),
        "both worlds listed: {err}"
    );

    let none = "package acme:shop@0.1.0;\n\ninterface orders {\n  place: func();\n}\n";
    let dir = package(&[("wit/shop.wit", none)]);
    all_refuse(dir.path(), "shop.wit:3:1", "declares no world");
}

#[test]
fn a_record_with_a_repeated_field_name_is_refused_by_all_three() {
    let wit = "package acme:shop@0.1.0;\n\ninterface orders {\n  \
               record order { id: string, total: u64, ID: string }\n}\n\n\
               world shop {\n  include guestkit:host/actor@0.1.0;\n  export orders;\n}\n";
    let dir = package(&[("wit/shop.wit", wit)]);
    all_refuse(
        dir.path(),
        "shop.wit:4:42",
        "record `order` has two fields named `ID`",
    );
}

#[test]
fn a_carriage_return_in_a_proto_comment_is_accepted_by_all_three() {
    let proto = "syntax = \"proto3\";\npackage shop.v1;\n// An item.\rIts id is unique.\n\
                 message Item { string id = 1; }\nservice Shop {\n  \
                 // Answers.\r\n  rpc Ping(Item) returns (Item);\n}\n";
    let dir = package(&[("proto/shop.proto", proto)]);
    success(cli(&["check"], dir.path()));
    let guest = success(cli(&["bindings"], dir.path()));
    assert!(guest.contains("Its id is unique."), "{guest}");
    success(cli(&["bindings", "--host"], dir.path()));
}

/// A guest whose world exports `acme:shop/orders` while its code never generates the
/// bindings (no `guestkit::wit!`), so nothing implements that export and the linker keeps
/// only the actor.
#[test]
fn an_unexported_world_export_is_refused_by_build_and_reported_by_check_and_inspect() {
    let code = "use guestkit::prelude::*;\n\
                guestkit::contract!(\"proto/shop.proto\");\n\
                use crate::shop::v1::{Item, ShopService};\n\
                #[derive(Default)]\nstruct Shop;\n\
                #[guestkit::actor]\nimpl ShopService for Shop {\n    \
                fn ping(&mut self, _cx: &mut Context, item: Item) -> Result<Item, Error> {\n        \
                Ok(item)\n    }\n}\n";
    let proto = "syntax = \"proto3\";\npackage shop.v1;\nmessage Item { string id = 1; }\n\
                 service ShopService { rpc Ping(Item) returns (Item); }\n";
    let wit = "package acme:shop@0.1.0;\n\ninterface orders {\n  place: func(id: string);\n}\n\n\
               world shop {\n  include guestkit:host/actor@0.1.0;\n  export orders;\n}\n";
    let root = workspace_root();
    let dir = package(&[
        ("proto/shop.proto", proto),
        ("wit/shop.wit", wit),
        ("src/lib.rs", code),
    ]);
    write(
        dir.path(),
        "Cargo.toml",
        &format!(
            "[package]\nname = \"unexported\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
             [lib]\ncrate-type = [\"cdylib\", \"rlib\"]\n\n[dependencies]\n\
             guestkit = {{ path = {:?} }}\n\n[package.metadata.guestkit]\n",
            root.join("guestkit")
        ),
    );
    // The same versions as the workspace, so the shared guest target dir is reused.
    std::fs::copy(root.join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();

    let err = failure(cli(&["build"], dir.path()));
    assert!(
        err.contains("exports `acme:shop/orders@0.1.0`, which the component does not")
            && err.contains("export!(YourType);"),
        "{err}"
    );
    assert!(
        !guest_target_dir().join("guest/unexported.wasm").exists(),
        "no component is written"
    );

    // What `build` would have written without that check, as another tool might make it:
    // the compiled component with its contract embedded. `check` and `inspect` say what
    // `build` said.
    let compiled = guest_target_dir().join("wasm32-wasip2/debug/unexported.wasm");
    let set = ContractSet::load(dir.path(), None).unwrap();
    let descriptors = set.descriptors.as_ref().unwrap().encode_to_vec();
    let contract = embed::EmbeddedContract::new("wasm32-wasip2", set.world().unwrap(), descriptors);
    let component = embed::embed(&std::fs::read(compiled).unwrap(), &contract).unwrap();
    let path = dir.path().join("unexported.wasm");
    std::fs::write(&path, &component).unwrap();
    let report: serde_json::Value = serde_json::from_str(&success(cli(
        &["inspect", path.to_str().unwrap(), "--format", "json"],
        dir.path(),
    )))
    .unwrap();
    assert_eq!(report["conformance"]["ok"], false, "{report:#}");
    let said = report["conformance"]["error"].as_str().unwrap();
    assert!(said.contains("`acme:shop/orders@0.1.0`"), "{said}");

    let out = cli(
        &[
            "check",
            "--format",
            "json",
            "--component",
            path.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<_> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["COMPONENT_EXPORTS_WORLD"], "{findings:#}");
}

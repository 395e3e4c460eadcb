//! `check`, `bindings` and `build` agree on which contracts are valid, and say where the
//! invalid ones go wrong; a built component that lacks an export its world declares is
//! refused by `build` and reported by `check` and `inspect`.

use std::path::Path;

use prost::Message as _;

use guestkit_codegen::contract_set::ContractSet;
use guestkit_codegen::embed;
use guestkit_tests::{cli, failure, git, guest_target_dir, success, workspace_root};

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

#[test]
fn a_field_bearing_a_reserved_name_is_refused_by_all_three() {
    let dir = package(&[(
        "proto/shop.proto",
        "syntax = \"proto3\";\npackage shop.v1;\nmessage Stock {\n  reserved \"remaining\";\n  \
         int32 remaining = 3;\n}\n",
    )]);
    all_refuse(dir.path(), "proto/shop.proto:5:3", "`remaining` of `Stock`");
}

/// Checks `doc` against the SARIF 2.1.0 schema (OASIS's, as published).
fn valid_sarif(doc: &serde_json::Value) {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("sarif.json", schema).unwrap();
    let index = compiler.compile("sarif.json", &mut schemas).unwrap();
    if let Err(e) = schemas.validate(doc, index) {
        panic!("not valid SARIF 2.1.0: {e:#}\n{doc:#}");
    }
    // The schema bites: a result without a message is not SARIF.
    let mut broken = doc.clone();
    broken["runs"][0]["results"] = serde_json::json!([{ "ruleId": "X" }]);
    assert!(schemas.validate(&broken, index).is_err());
}

/// A repository holding a guest under `guests/shop`, whose second commit renumbers a field
/// and widens another.
fn shop_repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path().join("guests/shop");
    let manifest = "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
                    [package.metadata.guestkit]\n";
    write(&dir, "Cargo.toml", manifest);
    write(&dir, "src/lib.rs", "");
    let proto = |fields: &str| {
        format!("syntax = \"proto3\";\npackage shop.v1;\n\nmessage Stock {{\n{fields}}}\n")
    };
    write(
        &dir,
        "proto/shop.proto",
        &proto("  string sku = 1;\n  int32 remaining = 2;\n"),
    );
    git(repo.path(), &["init", "-q", "-b", "trunk"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-qm", "first"]);
    write(
        &dir,
        "proto/shop.proto",
        &proto("  string sku = 1;\n  int64 remaining = 3;\n"),
    );
    git(repo.path(), &["commit", "-qam", "second"]);
    repo
}

#[test]
fn check_reports_a_renumbering_in_every_format_from_the_repository_root() {
    let repo = shop_repository();
    let shop = repo.path().join("guests/shop");
    let manifest = shop.join("Cargo.toml");
    let check = |format: &str, cwd: &Path| {
        let args = [
            "check",
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--against",
            "HEAD~1",
        ];
        cli(&[&args[..], &["--format", format]].concat(), cwd)
    };

    let out = check("human", &shop);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stdout.contains("was renumbered to 3"), "{stdout}");
    assert!(
        stdout.contains("give `remaining` back its number 2"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("add `reserved \"remaining\";`"),
        "an invalid fix: {stdout}"
    );

    // Whatever the current directory, GitHub and SARIF place findings from the repository root.
    for cwd in [&shop, &shop.join("proto"), repo.path()] {
        let out = check("github", cwd);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.starts_with("::error file=guests/shop/proto/shop.proto,line=6,col=3,"),
            "from {}: {stdout}",
            cwd.display()
        );
    }

    let json: serde_json::Value = serde_json::from_slice(&check("json", &shop).stdout).unwrap();
    let sarif: serde_json::Value =
        serde_json::from_slice(&check("sarif", &shop.join("src")).stdout).unwrap();
    valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let findings = json.as_array().unwrap();
    assert_eq!(
        results.len(),
        findings.len(),
        "the same findings: {sarif:#}"
    );
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["ruleId"], finding["rule"]);
        assert_eq!(result["properties"]["hint"], finding["hint"]);
        let rule = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            sarif["runs"][0]["tool"]["driver"]["rules"][rule]["id"],
            finding["rule"]
        );
        if let Some(line) = finding["line"].as_u64() {
            let place = &result["locations"][0]["physicalLocation"];
            assert_eq!(place["region"]["startLine"].as_u64(), Some(line));
            assert_eq!(
                place["artifactLocation"]["uri"],
                "guests/shop/proto/shop.proto"
            );
            assert_eq!(place["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        }
    }
    assert!(results.iter().any(|r| r["level"] == "error"), "{sarif:#}");
}

#[test]
fn check_input_errors_are_documents_in_the_json_formats_and_name_the_branches() {
    let repo = shop_repository();
    let shop = repo.path().join("guests/shop");
    let out = cli(&["check", "--against", "main", "--format", "json"], &shop);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let error = doc["error"].as_str().unwrap();
    assert!(error.contains("--against main"), "{error}");
    assert!(error.contains("its branches are trunk"), "{error}");

    let out = cli(&["check", "--against", "main", "--format", "sarif"], &shop);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    valid_sarif(&sarif);
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notice = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(notice.contains("its branches are trunk"), "{notice}");
}

#[test]
fn check_judges_by_protobufs_rules_when_asked() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    let manifest = "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
                    [package.metadata.guestkit]\n";
    write(dir, "Cargo.toml", manifest);
    write(dir, "src/lib.rs", "");
    let proto = |ty: &str| {
        format!(
            "syntax = \"proto3\";\npackage shop.v1;\n\nmessage Stock {{\n  {ty} remaining = 1;\n}}\n"
        )
    };
    write(dir, "proto/shop.proto", &proto("int32"));
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "first"]);
    write(dir, "proto/shop.proto", &proto("int64"));

    let out = cli(&["check", "--against", "HEAD"], dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "buf's rules: {stdout}");
    assert!(
        stdout.contains("error[FIELD_WIRE_JSON_COMPATIBLE_TYPE]"),
        "{stdout}"
    );

    let out = cli(&["check", "--against", "HEAD", "--rules", "protobuf"], dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "protobuf's rules: {stdout}");
    assert!(
        stdout.contains("notice[FIELD_WIRE_JSON_COMPATIBLE_TYPE]"),
        "{stdout}"
    );
    assert!(stdout.contains("protobuf's rules allow this"), "{stdout}");

    // The same from the package's settings.
    write(
        dir,
        "Cargo.toml",
        &format!("{manifest}\n[package.metadata.guestkit.check]\nrules = \"protobuf\"\n"),
    );
    let out = cli(&["check", "--against", "HEAD"], dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    write(
        dir,
        "Cargo.toml",
        &format!("{manifest}\n[package.metadata.guestkit.check]\nrules = \"lenient\"\n"),
    );
    let out = cli(&["check"], dir);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(failure(out).contains("use \"buf\" or \"protobuf\""));
}

#[test]
fn a_guest_records_the_contracts_it_calls_and_components_from_before_still_inspect_and_run() {
    let caller = guestkit_tests::built_guest("caller");
    let inspect = |path: &Path| -> serde_json::Value {
        let out = cli(
            &["inspect", path.to_str().unwrap(), "--format", "json"],
            &workspace_root(),
        );
        serde_json::from_str(&success(out)).unwrap()
    };
    let report = inspect(&caller);
    let contract = &report["contract"];
    assert_eq!(contract["format"], embed::FORMAT, "{report:#}");
    assert_eq!(contract["calls"][0]["package"], "greeter", "{report:#}");
    assert_eq!(contract["calls"][0]["file"], "proto/greeter.proto");
    assert_eq!(
        contract["calls"][0]["services"][0],
        "greeter.v1.GreeterService"
    );
    let text = success(cli(
        &["inspect", caller.to_str().unwrap()],
        &workspace_root(),
    ));
    assert!(
        text.contains(
            "calls     proto/greeter.proto of package `greeter`: greeter.v1.GreeterService"
        ),
        "{text}"
    );
    let manifest = workspace_root().join("Cargo.toml");
    let bindings = success(cli(
        &[
            "bindings",
            "-p",
            "caller",
            "--manifest-path",
            manifest.to_str().unwrap(),
        ],
        &workspace_root(),
    ));
    assert!(
        bindings.contains(
            "// Calls proto/greeter.proto of package `greeter`: greeter.v1.GreeterService."
        ),
        "{}",
        &bindings[..300.min(bindings.len())]
    );

    // A component whose contract section predates the list: it reads as format 1, calling
    // nothing, and still runs.
    let counter = guestkit_tests::built_guest("counter");
    let bytes = std::fs::read(&counter).unwrap();
    let mut old = embed::read(&bytes).unwrap().unwrap();
    old.format = 0;
    old.consumes.clear();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("counter.wasm");
    std::fs::write(&path, embed::embed(&bytes, &old).unwrap()).unwrap();
    let report = inspect(&path);
    assert_eq!(report["contract"]["format"], 1, "{report:#}");
    assert_eq!(report["contract"]["calls"], serde_json::json!([]));
    let out = cli(
        &[
            "run",
            path.to_str().unwrap(),
            "--route",
            "counter.v1.CounterService/Add",
            "--body",
            "{\"amount\": 2}",
            "--state-dir",
            dir.path().join("state").to_str().unwrap(),
        ],
        dir.path(),
    );
    let reply = success(out);
    assert!(reply.contains("\"total\""), "{reply}");
}

#[test]
fn check_reports_a_break_against_every_guest_that_calls_the_contract() {
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path();
    write(
        root,
        "Cargo.toml",
        "[workspace]\nmembers = [\"inventory\", \"orders\"]\nresolver = \"3\"\n",
    );
    let guest = |name: &str| {
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
             [package.metadata.guestkit]\n"
        )
    };
    write(root, "inventory/Cargo.toml", &guest("inventory"));
    write(root, "inventory/src/lib.rs", "");
    let stock = |fields: &str| {
        format!(
            "syntax = \"proto3\";\npackage inventory.v1;\n\nmessage Stock {{\n{fields}}}\n\n\
             // Counts stock.\nservice Inventory {{\n  // The stock of one item.\n  \
             rpc Count(Stock) returns (Stock);\n}}\n"
        )
    };
    write(
        root,
        "inventory/proto/inventory.proto",
        &stock("  string sku = 1;\n  int32 remaining = 2;\n"),
    );
    write(root, "orders/Cargo.toml", &guest("orders"));
    write(
        root,
        "orders/src/lib.rs",
        "//! Orders.\n\nguestkit::contract!(\"../inventory/proto/inventory.proto\");\n",
    );
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-qm", "first"]);
    write(
        root,
        "inventory/proto/inventory.proto",
        &stock("  string sku = 1;\n"),
    );

    for cwd in [root.to_path_buf(), root.join("inventory")] {
        let out = cli(&["check", "--against", "HEAD", "--format", "json"], &cwd);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let against = |package: &str| -> Vec<serde_json::Value> {
            let all = findings.as_array().unwrap().iter();
            // Components under the shared target dir are not this test's: their findings
            // are left out.
            all.filter(|f| f["package"] == package && f["severity"] == "error")
                .filter(|f| !f["rule"].as_str().unwrap().starts_with("COMPONENT_"))
                .cloned()
                .collect()
        };
        let (inventory, orders) = (against("inventory"), against("orders"));
        assert!(!inventory.is_empty(), "{findings:#}");
        assert_eq!(
            inventory.len(),
            orders.len(),
            "each break passed on: {findings:#}"
        );
        for finding in &orders {
            let message = finding["message"].as_str().unwrap();
            assert!(
                message.contains("`orders` calls this contract of `inventory` (src/lib.rs:3)"),
                "{message}"
            );
            // The place is in inventory's contract, as the reader in `cwd` opens it.
            let file = cwd.join(finding["file"].as_str().unwrap());
            assert_eq!(
                file.canonicalize().unwrap(),
                root.join("inventory/proto/inventory.proto")
                    .canonicalize()
                    .unwrap()
            );
            assert_eq!(finding["line"], 4);
        }
    }
}

/// The workflow example's sources as a crate of their own, with `edit` made to its `lib.rs`,
/// built into `dir/out`: a next version of the workflow. It has a name of its own: a crate
/// named `workflow` would write the example's artifact in the shared target dir. Its component and the line of
/// `mark` in the edited source.
fn next_workflow(dir: &Path, edit: (&str, &str), mark: &str) -> (std::path::PathBuf, u32) {
    let example = workspace_root().join("examples/workflow");
    for folder in ["src", "proto"] {
        for entry in std::fs::read_dir(example.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let name = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
            write(dir, &name, &text);
        }
    }
    let guestkit = workspace_root().join("guestkit");
    write(
        dir,
        "Cargo.toml",
        &format!(
            "[package]\nname = \"workflow-next\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
             [lib]\ncrate-type = [\"cdylib\", \"rlib\"]\n\n[dependencies]\nguestkit = {{ path = \
             {:?} }}\n\n[package.metadata.guestkit]\n\n[profile.dev]\ndebug = \
             \"line-tables-only\"\n[profile.dev.package.\"*\"]\ndebug = false\n",
            guestkit.display().to_string()
        ),
    );
    // The same versions as the workspace, so the shared guest target dir is reused.
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    guestkit_tests::edit(&dir.join("src/lib.rs"), edit.0, edit.1);
    let out = dir.join("out");
    success(cli(&["build", "--out-dir", out.to_str().unwrap()], dir));
    let source = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    let line = source.lines().position(|l| l.contains(mark)).unwrap() as u32 + 1;
    (out.join("workflow-next.wasm"), line)
}

/// The two next versions of the workflow the replay tests use, built under `dir`: one that
/// changes only what happens after the approval, and one that renames the journaled `charge`
/// step (with the line of that step).
fn next_workflows(dir: &Path) -> (std::path::PathBuf, (std::path::PathBuf, u32)) {
    let (compatible, _) = next_workflow(
        &dir.join("compatible"),
        (
            "format!(\"shipped {order}\")",
            "format!(\"on its way: {order}\")",
        ),
        "on its way",
    );
    let renamed = next_workflow(
        &dir.join("renamed"),
        ("durable::run(\"charge\"", "durable::run(\"charge-card\""),
        "charge-card",
    );
    (compatible, renamed)
}

#[test]
fn check_replay_tells_the_next_versions_a_journal_replays_on_from_those_it_does_not() {
    let v1 = guestkit_tests::built_guest("workflow");
    let state = tempfile::tempdir().unwrap();
    let state_dir = state.path().to_str().unwrap();
    // The first version journals an order up to its wait for an approval.
    let out = cli(
        &[
            "run",
            v1.to_str().unwrap(),
            "--durable",
            "--key",
            "A1",
            "--route",
            "workflow.v1.OrderService/Process",
            "--body",
            "{\"orderId\": \"A1\", \"amountCents\": 1250}",
            "--state-dir",
            state_dir,
        ],
        state.path(),
    );
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{said}");
    assert!(said.contains("suspended, waiting for awakeable"), "{said}");
    let listed = || {
        success(cli(
            &["invocations", "--state-dir", state_dir],
            state.path(),
        ))
    };
    let before = listed();

    let manifest = workspace_root().join("examples/workflow/Cargo.toml");
    let replay = |component: &Path, format: &str, more: &[&str]| {
        let args = [
            "check",
            "--manifest-path",
            manifest.to_str().unwrap(),
            "-p",
            "workflow",
            "--replay",
            "--state-dir",
            state_dir,
            "--component",
            component.to_str().unwrap(),
            "--format",
            format,
        ];
        cli(&[&args[..], more].concat(), state.path())
    };
    let replayed = |component: &Path| -> (Option<i32>, Vec<serde_json::Value>) {
        let out = replay(component, "json", &[]);
        let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let replays = (findings.as_array().unwrap().iter())
            .filter(|f| f["rule"].as_str().unwrap().starts_with("REPLAY_"))
            .cloned()
            .collect();
        (out.status.code(), replays)
    };

    // The code it started on replays it, up to where it waits.
    let (code, found) = replayed(&v1);
    assert_eq!(code, Some(0), "{found:#?}");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "REPLAY_COMPATIBLE");
    assert_eq!(found[0]["severity"], "notice");

    let versions = tempfile::tempdir().unwrap();
    let (compatible, (renamed, line)) = next_workflows(versions.path());
    // A next version that changes what happens after the approval replays it too.
    let (code, found) = replayed(&compatible);
    assert_eq!(code, Some(0), "{found:#?}");
    assert_eq!(found[0]["rule"], "REPLAY_COMPATIBLE", "{found:#?}");

    // One that renames a journaled step does not: the finding says where and how.
    let (code, found) = replayed(&renamed);
    assert_eq!(code, Some(1), "{found:#?}");
    let mismatch = &found[0];
    assert_eq!(mismatch["rule"], "REPLAY_JOURNAL_MISMATCH", "{found:#?}");
    let message = mismatch["message"].as_str().unwrap();
    assert!(
        message.contains("entry 1 of 8 holds `run` {\"name\":\"charge\"}")
            && message.contains("asks for `run` {\"name\":\"charge-card\"}"),
        "{message}"
    );
    let file = mismatch["file"].as_str().unwrap();
    assert!(
        file.ends_with("renamed/src/lib.rs"),
        "the guest's source: {file}"
    );
    assert_eq!(mismatch["line"], line, "{mismatch:#}");
    // In every format.
    let human = String::from_utf8(replay(&renamed, "human", &[]).stdout).unwrap();
    assert!(human.contains("error[REPLAY_JOURNAL_MISMATCH]"), "{human}");
    let sarif: serde_json::Value =
        serde_json::from_slice(&replay(&renamed, "sarif", &[]).stdout).unwrap();
    valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "REPLAY_JOURNAL_MISMATCH"),
        "{sarif:#}"
    );

    // Nothing the replays did reached the invocation's database.
    assert_eq!(listed(), before);

    // One invocation by id; an unknown one is an input error.
    let id = before.split_whitespace().next().unwrap();
    let out = replay(&renamed, "json", &["--invocation", id]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let out = replay(&renamed, "json", &["--invocation", "inv_nothing"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");

    // Once it finished, only --include-finished replays it.
    success(cli(
        &[
            "complete",
            "--state-dir",
            state_dir,
            "--awakeable",
            &format!("prom_{id}_4"),
            "--value",
            "\"refused\"",
            v1.to_str().unwrap(),
        ],
        state.path(),
    ));
    let (code, found) = replayed(&renamed);
    assert_eq!(code, Some(0), "{found:#?}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("no unfinished invocations"),
        "{found:#?}"
    );
    let out = replay(&compatible, "json", &["--include-finished"]);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{findings:#}");
    let message = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "REPLAY_COMPATIBLE")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains("and the handler then returned"),
        "{message}"
    );
}

/// `cargo guest dev --move-replayable`'s deployment: an invocation begun on the former code
/// moves to the new only when its journal replays clean there.
#[tokio::test]
async fn a_new_version_takes_the_invocations_whose_journals_replay_on_it() {
    let versions = tempfile::tempdir().unwrap();
    let (compatible, (renamed, _)) = next_workflows(versions.path());
    let state = tempfile::tempdir().unwrap();
    let logged = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let sink = std::sync::Arc::clone(&logged);
    let shim = guestkit_shim::Shim::builder()
        .state_dir(state.path())
        .on_log(move |line| sink.lock().unwrap().push(line.message))
        .build()
        .unwrap();
    let v1 = shim
        .load_file(&guestkit_tests::built_guest("workflow"))
        .unwrap();
    shim.register_service("workflow", &v1).unwrap();
    let route = "workflow.v1.OrderService/Process";
    let order = |key: &str| {
        // ProcessRequest { order_id: key, amount_cents: 1250 }, encoded.
        let mut body = vec![0x0a, key.len() as u8];
        body.extend_from_slice(key.as_bytes());
        body.extend_from_slice(&[0x10, 0xe2, 0x09]);
        shim.start_invocation("workflow", route, Some(key), body)
            .unwrap()
    };
    let (a1, b1) = (order("A1"), order("B1"));
    for id in [&a1, &b1] {
        let settled = shim.invocation_settled(id).await.unwrap();
        assert!(
            matches!(settled, guestkit_shim::journal::Status::Suspended { .. }),
            "{settled:?}"
        );
    }
    let approve = |id: &str| {
        let awakeable = format!("prom_{id}_4");
        shim.complete_awakeable(&awakeable, Ok(b"\"approved\"".to_vec()))
            .unwrap();
    };
    let output = |status: guestkit_shim::journal::Status| match status {
        guestkit_shim::journal::Status::Succeeded(bytes) => {
            String::from_utf8_lossy(&bytes).into_owned()
        }
        other => panic!("{other:?}"),
    };

    // A version that renamed a journaled step: A1 finishes on the code it began on.
    let renamed = shim.load_file(&renamed).unwrap();
    shim.register_service_moving("workflow", &renamed, None)
        .unwrap();
    approve(&a1);
    let done = output(shim.invocation_outcome(&a1).await.unwrap());
    assert!(
        done.contains("shipped A1"),
        "the first version's reply: {done:?}"
    );
    // A version its journal replays on: B1 moves to it, and replies as it does.
    let compatible = shim.load_file(&compatible).unwrap();
    shim.register_service_moving("workflow", &compatible, None)
        .unwrap();
    approve(&b1);
    let done = output(shim.invocation_outcome(&b1).await.unwrap());
    assert!(
        done.contains("on its way: B1"),
        "the new version's reply: {done:?}"
    );

    let logged = logged.lock().unwrap().join("\n");
    assert!(
        logged.contains(&format!("invocation {a1} stays on the version it began on"))
            && logged.contains("`run` {\"name\":\"charge\"}"),
        "{logged}"
    );
    assert!(
        logged.contains(&format!("invocation {b1} moves to the new version")),
        "{logged}"
    );
}

//! Lint rules of `cargo guest check`, each shown firing on a contract that breaks it, and
//! silent on one that follows it.

use guestkit_codegen::check::proto;
use guestkit_codegen::check::wit::{self, WitPackage};
use guestkit_codegen::check::{Finding, Severity};

fn package(sub: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(sub)).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(sub).join(name), text).unwrap();
    }
    dir
}

fn lint_protos(files: &[(&str, &str)]) -> Vec<Finding> {
    let dir = package("proto", files);
    let (_, set) = guestkit_codegen::contract_set::load_protos(dir.path()).unwrap();
    proto::lint(&set.unwrap())
}

fn lint_wit(text: &str) -> Vec<Finding> {
    let dir = package("wit", &[("shop.wit", text)]);
    wit::lint(&WitPackage::load(&dir.path().join("wit")).unwrap())
}

fn rules(findings: &[Finding]) -> Vec<&str> {
    let mut rules: Vec<&str> = findings.iter().map(|f| f.rule).collect();
    rules.sort();
    rules
}

#[test]
fn a_tidy_proto_has_nothing_to_say() {
    let found = lint_protos(&[(
        "shop.proto",
        "syntax = \"proto3\";\npackage shop.v1;\nimport \"google/protobuf/timestamp.proto\";\n\
         enum Status { STATUS_UNSPECIFIED = 0; STATUS_OPEN = 1; }\n\
         message Order { string order_id = 1; Status status = 2; \
         google.protobuf.Timestamp at = 3; }\n\
         // Takes orders.\nservice Shop {\n  // Places one.\n  rpc Place(Order) returns (Order);\n}\n",
    )]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn each_proto_rule_fires_where_it_is_broken() {
    let found = lint_protos(&[
        (
            "other.proto",
            "syntax = \"proto3\";\npackage other.v1;\nmessage Unused {}\n",
        ),
        (
            "shop.proto",
            "syntax = \"proto3\";\npackage shop;\nimport \"other.proto\";\n\
             enum status { OPEN = 0; closed = 1; }\n\
             message order_line { string OrderId = 1; }\n\
             service Shop {\n  rpc GetOrder(order_line) returns (order_line);\n  \
             rpc Get_Order(order_line) returns (order_line);\n}\n",
        ),
    ]);
    assert_eq!(
        rules(&found),
        [
            "PROTO_ENUM_VALUE_UPPER_SNAKE_CASE",
            "PROTO_ENUM_ZERO_VALUE_SUFFIX",
            "PROTO_FIELD_LOWER_SNAKE_CASE",
            "PROTO_IMPORT_USED",
            "PROTO_MESSAGE_PASCAL_CASE",
            "PROTO_PACKAGE_VERSIONED",
            "PROTO_ROUTE_COLLISION",
            "PROTO_RPC_DOCUMENTED",
            "PROTO_RPC_DOCUMENTED",
            "PROTO_SERVICE_DOCUMENTED",
        ],
        "{found:#?}"
    );
    let collision = found
        .iter()
        .find(|f| f.rule == "PROTO_ROUTE_COLLISION")
        .unwrap();
    assert_eq!(collision.severity, Severity::Error);
    assert!(collision.message.contains("get_order"), "{collision}");
    let at = collision.location.as_ref().unwrap();
    assert_eq!((at.file.as_str(), at.line), ("shop.proto", 8));
    assert!(found.iter().all(|f| !f.hint.is_empty()));
    let import = found
        .iter()
        .find(|f| f.rule == "PROTO_IMPORT_USED")
        .unwrap();
    assert_eq!(import.location.as_ref().unwrap().line, 3, "{import}");
}

#[test]
fn wit_lint_wants_versions_docs_and_used_uses() {
    let tidy = "package shop:orders@1.0.0;\n\
                interface types {\n    /// An order.\n    record order { id: string }\n}\n\
                interface api {\n    use types.{order};\n    /// Places one.\n    \
                place: func(o: order);\n}\nworld shop { export api; }\n";
    let found = lint_wit(tidy);
    assert!(found.is_empty(), "{found:#?}");
    let untidy = "package shop:orders;\n\
                  interface types {\n    record order { id: string }\n}\n\
                  interface api {\n    use types.{order};\n    record line { n: u32 }\n    \
                  place: func(l: line);\n}\nworld shop { export api; }\n";
    let found = lint_wit(untidy);
    assert_eq!(
        rules(&found),
        [
            "WIT_DOCUMENTED",
            "WIT_DOCUMENTED",
            "WIT_PACKAGE_VERSIONED",
            "WIT_USE_USED"
        ],
        "{found:#?}"
    );
    assert!(found.iter().all(|f| f.severity == Severity::Warning));
}

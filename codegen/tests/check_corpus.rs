//! The change pairs under `tests/check/`: each file holds a contract before and after a
//! change, and the rule IDs `cargo guest check` must report for it (`safe` for none).
//!
//! ```text
//! # expect: FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED
//! # reverse: safe          (optional: the verdict from after back to before)
//! # category: WIRE          (proto; default WIRE_JSON)
//! # rules: protobuf         (proto; default buf)
//! # severity: warning       (default error; notice after a version bump, or for what
//! #                          protobuf's rules allow)
//! --- before
//! …
//! === other.proto           (proto: the files after the first, which is shop.proto)
//! …
//! --- after
//! …
//! ```

use std::path::{Path, PathBuf};

use guestkit_codegen::check::proto::{self, Category, Rules};
use guestkit_codegen::check::wit::{self, WitPackage};
use guestkit_codegen::check::{Finding, Severity};

struct Pair {
    name: String,
    expect: Vec<String>,
    /// The verdict from `after` back to `before`, when the pair states it.
    reverse: Option<Vec<String>>,
    category: Category,
    rules: Rules,
    severity: Severity,
    before: String,
    after: String,
}

fn pairs(kind: &str) -> Vec<Pair> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/check")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|f| parse(f)).collect()
}

fn parse(file: &Path) -> Pair {
    let text = std::fs::read_to_string(file).unwrap();
    let (head, rest) = text
        .split_once("--- before\n")
        .expect("a `--- before` line");
    let (before, after) = rest.split_once("--- after\n").expect("a `--- after` line");
    let mut pair = Pair {
        name: file.file_stem().unwrap().to_string_lossy().into_owned(),
        expect: Vec::new(),
        reverse: None,
        category: Category::WireJson,
        rules: Rules::Buf,
        severity: Severity::Error,
        before: before.to_owned(),
        after: after.to_owned(),
    };
    for line in head.lines() {
        let (key, value) = line
            .trim_start_matches("# ")
            .split_once(": ")
            .unwrap_or_else(|| panic!("{}: bad header line `{line}`", file.display()));
        match key {
            "expect" if value == "safe" => {}
            "expect" => pair.expect = value.split(' ').map(str::to_owned).collect(),
            "reverse" if value == "safe" => pair.reverse = Some(Vec::new()),
            "reverse" => pair.reverse = Some(value.split(' ').map(str::to_owned).collect()),
            "rules" => pair.rules = value.parse().unwrap(),
            "category" => pair.category = value.parse().unwrap(),
            "severity" => {
                pair.severity = match value {
                    "notice" => Severity::Notice,
                    "warning" => Severity::Warning,
                    other => panic!("{}: unknown severity `{other}`", file.display()),
                }
            }
            other => panic!("{}: unknown header `{other}`", file.display()),
        }
    }
    pair
}

/// A package dir with `text` at `sub/name`; in `proto/`, `=== other.proto` lines start
/// further files.
fn package(sub: &str, name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(sub)).unwrap();
    let mut files = text.split("=== ");
    std::fs::write(dir.path().join(sub).join(name), files.next().unwrap()).unwrap();
    for file in files {
        let (other, body) = file.split_once('\n').unwrap();
        std::fs::write(dir.path().join(sub).join(other.trim()), body).unwrap();
    }
    dir
}

fn verdict(name: &str, expect: &[String], severity: Severity, findings: &[Finding]) -> Result<(), String> {
    let mut got: Vec<&str> = findings.iter().map(|f| f.rule).collect();
    got.sort();
    let mut want: Vec<&str> = expect.iter().map(String::as_str).collect();
    want.sort();
    if got != want {
        let all: Vec<String> = findings.iter().map(ToString::to_string).collect();
        return Err(format!(
            "{name}: expected {want:?}, got {got:?}\n{}",
            all.join("\n")
        ));
    }
    if let Some(f) = findings.iter().find(|f| f.severity != severity) {
        return Err(format!("{name}: expected {severity}, got {f}"));
    }
    if let Some(f) = findings.iter().find(|f| f.hint.is_empty()) {
        return Err(format!("{name}: a finding without a hint: {f}"));
    }
    if let Some(f) = findings.iter().find(|f| f.location.is_none()) {
        return Err(format!("{name}: a finding without a place: {f}"));
    }
    Ok(())
}

/// Runs every pair of `kind`, and each pair that states its reverse backwards too.
fn run(kind: &str, at_least: usize, check: impl Fn(&Pair, &str, &str) -> Vec<Finding>) {
    let pairs = pairs(kind);
    assert!(pairs.len() >= at_least, "{} {kind} pairs", pairs.len());
    assert!(pairs.iter().any(|p| p.expect.is_empty()), "safe pairs too");
    let mut failures = Vec::new();
    for pair in &pairs {
        let found = check(pair, &pair.before, &pair.after);
        failures.extend(verdict(&pair.name, &pair.expect, pair.severity, &found).err());
        if let Some(reverse) = &pair.reverse {
            let found = check(pair, &pair.after, &pair.before);
            let name = format!("{} (reversed)", pair.name);
            failures.extend(verdict(&name, reverse, pair.severity, &found).err());
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn proto_pairs_get_their_verdicts() {
    run("proto", 40, |pair, before, after| {
        let compile = |text: &str| {
            let dir = package("proto", "shop.proto", text);
            let (_, set) = guestkit_codegen::contract_set::load_protos(dir.path())
                .unwrap_or_else(|e| panic!("{}: {e}", pair.name));
            set.unwrap()
        };
        let (before, after) = (compile(before), compile(after));
        proto::breaking_under(&before, &after, pair.category, pair.rules, &[])
    });
}

#[test]
fn wit_pairs_get_their_verdicts() {
    run("wit", 25, |pair, before, after| {
        let load = |text: &str| {
            let dir = package("wit", "shop.wit", text);
            WitPackage::load(&dir.path().join("wit"))
                .unwrap_or_else(|e| panic!("{}: {e}", pair.name))
        };
        wit::breaking(&load(before), &load(after))
    });
}

#[test]
fn findings_point_into_the_new_sources() {
    let before = package(
        "proto",
        "shop.proto",
        "syntax = \"proto3\";\npackage shop.v1;\nmessage Order {\n  int32 qty = 1;\n}\n",
    );
    let after = package(
        "proto",
        "shop.proto",
        "syntax = \"proto3\";\npackage shop.v1;\nmessage Order {\n  string qty = 1;\n}\n",
    );
    let load = |dir: &tempfile::TempDir| {
        guestkit_codegen::contract_set::load_protos(dir.path())
            .unwrap()
            .1
            .unwrap()
    };
    let found = proto::breaking(&load(&before), &load(&after), Category::File);
    let at = found[0].location.clone().unwrap();
    assert_eq!((at.file.as_str(), at.line, at.column), ("shop.proto", 4, 3));
}

//! The change pairs under `tests/check/`: each file holds a contract before and after a
//! change, and the rule IDs `cargo guest check` must report for it (`safe` for none).
//!
//! ```text
//! # expect: FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED
//! # reverse: safe          (optional: the verdict from after back to before)
//! # category: WIRE          (proto; default WIRE_JSON)
//! # rules: protobuf         (proto; default buf)
//! # also: RULE_ID           (proto: a rule checked besides the category's)
//! # semver-check: rejects   (WIT: what `wasm-tools component semver-check` says)
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
    /// The verdict from `after` back to `before` (its rule IDs), when the pair states it.
    reverse: Option<Vec<String>>,
    /// WIT: whether `wasm-tools component semver-check` rejects the change.
    semver_check_rejects: bool,
    category: Category,
    rules: Rules,
    /// Rules checked besides those of the category.
    also: Vec<&'static str>,
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
        semver_check_rejects: false,
        category: Category::WireJson,
        rules: Rules::Buf,
        also: Vec::new(),
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
            "also" => {
                pair.also = value
                    .split(' ')
                    .map(|r| &*String::leak(r.to_owned()))
                    .collect()
            }
            "semver-check" => pair.semver_check_rejects = value == "rejects",
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

/// Whether `findings` are the `expect`ed rules (at `severity`, when given), each with a hint
/// and a place.
fn verdict(
    name: &str,
    expect: &[String],
    severity: Option<Severity>,
    findings: &[Finding],
) -> Result<(), String> {
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
    if let Some(severity) = severity
        && let Some(f) = findings.iter().find(|f| f.severity != severity)
    {
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
        failures.extend(verdict(&pair.name, &pair.expect, Some(pair.severity), &found).err());
        if let Some(reverse) = &pair.reverse {
            let found = check(pair, &pair.after, &pair.before);
            let name = format!("{} (reversed)", pair.name);
            failures.extend(verdict(&name, reverse, None, &found).err());
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
        proto::breaking_under(&before, &after, pair.category, pair.rules, &pair.also)
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

/// Each WIT pair states whether `wasm-tools component semver-check` (wit-component's
/// `semver_check`, the same code) rejects it, and that is what it does; and whatever it rejects
/// `check` reports too.
#[test]
fn wit_pairs_agree_with_semver_check() {
    let mut failures = Vec::new();
    for pair in pairs("wit") {
        let rejects = semver_check_rejects(&pair.before, &pair.after);
        if rejects != pair.semver_check_rejects {
            failures.push(format!(
                "{}: semver-check {}, the pair says otherwise",
                pair.name,
                if rejects { "rejects it" } else { "accepts it" }
            ));
        }
        if rejects && pair.expect.is_empty() {
            failures.push(format!(
                "{}: semver-check rejects what check calls safe",
                pair.name
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Whether semver-check rejects moving from the worlds of `before` to those of `after`: both
/// packages in one resolve (versions stripped, as semver-check does), each world of `before`
/// checked against the world of the same name in `after`.
fn semver_check_rejects(before: &str, after: &str) -> bool {
    let mut resolve = wit_parser::Resolve::default();
    let mut push = |text: &str, version: &str| {
        // Two versions of one package: give them distinct versions to live side by side.
        let text = text
            .lines()
            .map(|line| match line.strip_prefix("package ") {
                Some(rest) => {
                    let name = rest.trim_end_matches(';').split('@').next().unwrap();
                    format!("package {name}@{version};")
                }
                None => line.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let dir = package("wit", "shop.wit", &text);
        resolve.push_path(dir.path().join("wit")).unwrap().0
    };
    let (old, new) = (push(before, "1.0.0"), push(after, "1.0.1"));
    let worlds = |p| resolve.packages[p].worlds.clone();
    let (old_worlds, new_worlds) = (worlds(old), worlds(new));
    old_worlds
        .iter()
        .any(|(name, &prev)| match new_worlds.get(name) {
            None => true,
            Some(&now) => wit_component::semver_check(resolve.clone(), prev, now).is_err(),
        })
}

/// Every rule fires in some pair, and `tests/check/README.md` maps each rule to its pairs:
/// the table there is this test's output (run with `GUESTKIT_BLESS=1` to rewrite it).
#[test]
fn every_rule_has_pairs_and_a_row() {
    let mut table = String::from(
        "| Rule | Categories | Reported by | Reverse judged by |\n|---|---|---|---|\n",
    );
    let mut missing = Vec::new();
    let proto_rules = proto::RULES.iter().map(|(rule, categories)| {
        let names: Vec<String> = categories
            .iter()
            .map(|c| {
                format!("{c:?}")
                    .to_uppercase()
                    .replace("WIREJSON", "WIRE_JSON")
            })
            .collect();
        (*rule, "proto", names.join(", "))
    });
    let wit_rules = wit::RULES
        .iter()
        .map(|(rule, bump)| (*rule, "wit", format!("{bump} bump")));
    for (rule, kind, categories) in proto_rules.chain(wit_rules) {
        let pairs = pairs(kind);
        let with = |pick: &dyn Fn(&Pair) -> bool| -> Vec<String> {
            pairs
                .iter()
                .filter(|p| pick(p))
                .map(|p| format!("`{kind}/{}`", p.name))
                .collect()
        };
        let fired = with(&|p| p.expect.iter().any(|r| r == rule));
        let reversed = with(&|p| {
            p.expect.iter().any(|r| r == rule) && p.reverse.is_some()
                || p.reverse.iter().flatten().any(|r| r == rule)
        });
        if fired.is_empty() || reversed.is_empty() {
            missing.push(rule);
        }
        let categories = if categories.is_empty() {
            "none (turned on by name)".to_owned()
        } else {
            categories
        };
        table.push_str(&format!(
            "| `{rule}` | {categories} | {} | {} |\n",
            fired.join(" "),
            reversed.join(" ")
        ));
    }
    assert!(
        missing.is_empty(),
        "rules without pairs both ways: {missing:?}"
    );
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check/README.md");
    let text = std::fs::read_to_string(&readme).unwrap();
    let (head, rest) = text
        .split_once("<!-- rules -->\n")
        .expect("a `<!-- rules -->` line");
    let (_, tail) = rest
        .split_once("<!-- /rules -->")
        .expect("a `<!-- /rules -->` line");
    let want = format!("{head}<!-- rules -->\n{table}<!-- /rules -->{tail}");
    if std::env::var_os("GUESTKIT_BLESS").is_some() {
        std::fs::write(&readme, &want).unwrap();
    }
    assert!(
        want == text,
        "tests/check/README.md's table is stale; it should read:\n{table}"
    );
}

//! How `check` prints what it found: readable text, a JSON array, GitHub workflow commands or a
//! SARIF 2.1.0 log for code scanning. Every format carries the same findings, places and hints;
//! the JSON formats also carry an input error, so that a tool reading them gets a document
//! either way.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use guestkit_codegen::check::{Finding, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text, colored on a terminal, with the offending source line
    Human,
    /// One JSON array of findings
    Json,
    /// GitHub Actions workflow annotations
    Github,
    /// A SARIF 2.1.0 log, for code scanning
    Sarif,
}

/// One finding of one package, with its file as paths a reader can open.
pub struct Reported {
    pub package: String,
    /// The file relative to where `check` runs (or absolute), for people and editors.
    pub file: Option<PathBuf>,
    /// The file relative to the root of its repository (the package dir outside git), for
    /// GitHub annotations and SARIF, which place findings from there.
    pub in_repository: Option<PathBuf>,
    pub finding: Finding,
}

pub fn print(reported: &[Reported], format: Format) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            let items: Vec<_> = reported.iter().map(json).collect();
            println!("{}", serde_json::to_string_pretty(&items)?);
        }
        Format::Sarif => println!("{}", serde_json::to_string_pretty(&sarif(reported, None))?),
        Format::Github => {
            for r in reported {
                let level = match r.finding.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Notice => "notice",
                };
                let mut props = Vec::new();
                if let (Some(file), Some(at)) = (&r.in_repository, &r.finding.location) {
                    props.push(format!("file={}", file.display()));
                    props.push(format!("line={}", at.line));
                    props.push(format!("col={}", at.column));
                }
                props.push(format!("title={}", r.finding.rule));
                let text = format!("{} ({})", r.finding.message, r.finding.hint);
                println!("::{level} {}::{}", props.join(","), escape(&text));
            }
        }
        Format::Human => {
            let color = std::io::stdout().is_terminal();
            for r in reported {
                human(r, color);
            }
            let errors = reported
                .iter()
                .filter(|r| r.finding.severity == Severity::Error)
                .count();
            println!("{} finding(s), {errors} at error level", reported.len());
        }
    }
    Ok(())
}

/// An error that kept `check` from judging, in the JSON formats as a document (the human and
/// GitHub formats report it on stderr).
pub fn print_error(format: Format, error: &anyhow::Error) {
    let text = format!("{error:#}");
    match format {
        Format::Json => {
            let doc = serde_json::json!({ "error": text });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Sarif => {
            let doc = sarif(&[], Some(&text));
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Human | Format::Github => {}
    }
}

fn json(r: &Reported) -> serde_json::Value {
    let at = r.finding.location.as_ref();
    serde_json::json!({
        "package": r.package,
        "rule": r.finding.rule,
        "severity": r.finding.severity.as_str(),
        "file": r.file.as_ref().map(|f| f.display().to_string()),
        "line": at.map(|a| a.line),
        "column": at.map(|a| a.column),
        "message": r.finding.message,
        "hint": r.finding.hint,
    })
}

/// A SARIF 2.1.0 log of one run: the rules that fired, and a result per finding, placed
/// relative to the repository root (`%SRCROOT%`). An `error` makes the run unsuccessful, with
/// the error as its notification.
fn sarif(reported: &[Reported], error: Option<&str>) -> serde_json::Value {
    let mut rules: Vec<&str> = reported.iter().map(|r| r.finding.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    let results: Vec<_> = reported
        .iter()
        .map(|r| {
            let f = &r.finding;
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Notice => "note",
            };
            let mut result = serde_json::json!({
                "ruleId": f.rule,
                "ruleIndex": rules.binary_search(&f.rule).unwrap_or_default(),
                "level": level,
                "message": { "text": format!("{} (hint: {})", f.message, f.hint) },
                "properties": { "package": r.package, "hint": f.hint },
            });
            if let (Some(file), Some(at)) = (&r.in_repository, &f.location) {
                result["locations"] = serde_json::json!([{
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": file.to_string_lossy().replace('\\', "/"),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": { "startLine": at.line, "startColumn": at.column },
                    }
                }]);
            }
            result
        })
        .collect();
    let rules: Vec<_> = rules
        .iter()
        .map(|id| {
            serde_json::json!({
                "id": id,
                "shortDescription": { "text": describe(id) },
            })
        })
        .collect();
    let mut invocation = serde_json::json!({ "executionSuccessful": error.is_none() });
    if let Some(error) = error {
        invocation["toolExecutionNotifications"] = serde_json::json!([{
            "level": "error",
            "message": { "text": error },
        }]);
    }
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cargo-guest check",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [invocation],
            "results": results,
        }]
    })
}

/// A rule's ID read as words: `FIELD_SAME_TYPE` → "Field same type".
fn describe(rule: &str) -> String {
    let words = rule.to_lowercase().replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn human(r: &Reported, color: bool) {
    let f = &r.finding;
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let level = match f.severity {
        Severity::Error => paint("1;31", "error"),
        Severity::Warning => paint("1;33", "warning"),
        Severity::Notice => paint("1;36", "notice"),
    };
    println!("{level}[{}]: {}", f.rule, f.message);
    if let (Some(file), Some(at)) = (&r.file, &f.location) {
        println!("  --> {}:{}:{}", file.display(), at.line, at.column);
        let source = std::fs::read_to_string(file).unwrap_or_default();
        if let Some(line) = source.lines().nth(at.line as usize - 1) {
            println!("   | {line}");
        }
    } else {
        println!("  --> package `{}`", r.package);
    }
    if !f.hint.is_empty() {
        println!("   = {}: {}", paint("1", "hint"), f.hint);
    }
}

/// GitHub's workflow-command escaping of a message.
fn escape(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

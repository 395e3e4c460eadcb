//! Built components against their contracts: the component conforms to the host world, its
//! embedded contract is intact and is the one its sources describe now, and it imports
//! nothing new since the baseline's component (a static capability diff).

use std::path::Path;

use guestkit_codegen::check::{Finding, Severity};
use guestkit_codegen::embed;

use crate::component::unexported;
use crate::contract;
use crate::target::GuestTarget;

/// The findings about the component at `path`, built from the package in `package_dir`
/// (`world` of its `wit/`); `before` is the baseline's component of the same guest, if any.
pub fn check(
    path: &Path,
    package_dir: &Path,
    world: Option<&str>,
    before: Option<&Path>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let shown = path.display();
    let Ok(bytes) = guestkit_shim::read_component(path) else {
        findings.push(finding(
            "COMPONENT_BUILT",
            Severity::Notice,
            format!("{shown} is not built, so it was not checked"),
            "run `cargo guest build` before `cargo guest check` to check the component too",
        ));
        return findings;
    };
    let summary = match guestkit_shim::conformance::check(&bytes) {
        Ok(summary) => summary,
        Err(e) => {
            findings.push(finding(
                "COMPONENT_CONFORMS",
                Severity::Error,
                format!("{shown}: {e}"),
                "rebuild it with `cargo guest build`, which says which item is wrong",
            ));
            return findings;
        }
    };
    match embed::read(&bytes) {
        Ok(Some(embedded)) => {
            let tampered = embedded.tampered_parts();
            if !tampered.is_empty() {
                findings.push(finding(
                    "COMPONENT_CONTRACT_INTACT",
                    Severity::Error,
                    format!(
                        "{shown}: the embedded {} no longer {} the recorded hash",
                        tampered.join(" and "),
                        if tampered.len() == 1 {
                            "matches"
                        } else {
                            "match"
                        }
                    ),
                    "rebuild it with `cargo guest build` (it was altered after it was built, or \
                     built by a guestkit that hashed differently)",
                ));
            } else if let Some(missing) = unexported(&summary, &embedded).unwrap_or_else(Some) {
                findings.push(finding(
                    "COMPONENT_EXPORTS_WORLD",
                    Severity::Error,
                    format!("{shown}: {missing}"),
                    "rebuild it with `cargo guest build` once the exports are implemented",
                ));
            } else if let Some(stale) = stale_parts(&embedded, package_dir, world) {
                findings.push(finding(
                    "COMPONENT_CONTRACT_CURRENT",
                    Severity::Error,
                    format!(
                        "{shown} was built from other {stale} contracts than the package's \
                         sources hold now"
                    ),
                    "rebuild it with `cargo guest build`",
                ));
            }
        }
        Ok(None) => findings.push(finding(
            "COMPONENT_CONTRACT_EMBEDDED",
            Severity::Error,
            format!("{shown} carries no guestkit contract"),
            "build it with `cargo guest build`, which embeds the contract",
        )),
        Err(e) => findings.push(finding(
            "COMPONENT_CONTRACT_EMBEDDED",
            Severity::Error,
            format!("{shown}: its contract section cannot be read: {e}"),
            "rebuild it with `cargo guest build`",
        )),
    }
    if let Some(before) = before
        && let Ok(old) = std::fs::read(before)
        && let Ok(old) = guestkit_shim::conformance::check(&old)
    {
        for import in summary.imports.iter().filter(|i| !old.imports.contains(i)) {
            findings.push(finding(
                "COMPONENT_NEW_IMPORT",
                Severity::Warning,
                format!(
                    "{shown} imports `{import}`, which {} did not: it now needs that from \
                     its host",
                    before.display()
                ),
                "make sure every host that runs it grants this, or drop the use that needs it",
            ));
        }
    }
    findings
}

/// Which parts of the embedded contract differ from what the sources compile to now.
fn stale_parts(
    embedded: &embed::EmbeddedContract,
    package_dir: &Path,
    world: Option<&str>,
) -> Option<String> {
    let target = GuestTarget::from_triple(&embedded.target).ok()?;
    let now = contract::compile_package(package_dir, target, world).ok()?;
    let mut stale = Vec::new();
    if now.wit_sha256 != embedded.wit_sha256 {
        stale.push("WIT");
    }
    if now.proto_sha256 != embedded.proto_sha256 {
        stale.push("proto");
    }
    (!stale.is_empty()).then(|| stale.join(" and "))
}

fn finding(rule: &'static str, severity: Severity, message: String, hint: &str) -> Finding {
    Finding::new(rule, severity, None, message).hint(hint)
}

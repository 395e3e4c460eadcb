//! Refuses components that cannot run here, before they run: invalid wasm, core modules,
//! imports outside the `guestkit:host/actor` world and the WASI subset the shim grants, a
//! missing `guest` export, and imports or exports whose types differ from the world's. Each
//! error names the offending item and the world it was checked against, and says what to do.

use std::fmt::Write as _;

use wasmparser::{Parser, Payload, Validator, WasmFeatures};
use wit_component::DecodedWasm;
use wit_parser::Resolve;

use crate::declaration::{self, Declaration};

/// The interfaces of the `guestkit:host/actor` world a guest may import.
pub const HOST_INTERFACES: &[&str] = &[
    "types",
    "log",
    "messaging",
    "process",
    "discovery",
    "state",
    "capabilities",
    "durable",
    "streams",
    "host-call",
    "clock",
    "random",
];

/// The interface a guest must export.
pub const GUEST_EXPORT: &str = "guestkit:host/guest@0.1.0";

/// The host world's package, with version.
pub const HOST_PACKAGE: &str = "guestkit:host";
pub const HOST_VERSION: &str = "0.1.0";

/// The world components are checked against.
pub const WORLD: &str = "guestkit:host/actor@0.1.0";

/// WASI 0.2 packages the shim provides: what Rust's std imports on `wasm32-wasip2`. The guest
/// gets no preopened directories, environment, arguments or sockets.
pub const GRANTED_WASI: &[&str] = &["cli", "io", "clocks", "random", "filesystem"];

/// The host contract the shim implements, as WIT.
const HOST_WIT: &str = include_str!("../../wit/host.wit");

/// What a component imports and exports, by name, and what it declares as a durable
/// service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComponentSummary {
    pub imports: Vec<String>,
    pub exports: Vec<String>,
    pub durable: Declaration,
}

/// Why a component was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConformanceError {
    #[error("not valid WebAssembly: {0}")]
    Invalid(String),
    #[error(
        "the component's durable declaration does not hold: {0}; it is written by \
         `#[guestkit::actor(..)]` and `#[shared]`"
    )]
    Declaration(String),
    #[error(
        "this is a core wasm module, not a component; `cargo guest build` componentizes core \
         modules (targets wasm32-wasip1 and wasm32-unknown-unknown), or run \
         `wasm-tools component new` on it"
    )]
    CoreModule,
    #[error(
        "the component imports `{import}`, which is neither in the {WORLD} world nor in the \
         WASI subset the shim grants (wasi:{{{}}}@0.2); {hint}",
        GRANTED_WASI.join(",")
    )]
    UnknownImport { import: String, hint: String },
    #[error(
        "the component does not export `{GUEST_EXPORT}` required by the {WORLD} world (it \
         exports: {}); a guest needs `#[guestkit::actor]` on an impl (or wit-bindgen exports \
         of that world)",
        if exports.is_empty() { "nothing".to_owned() } else { exports.join(", ") }
    )]
    MissingGuestExport { exports: Vec<String> },
    #[error(
        "the component's types do not match the {WORLD} world: {detail}; rebuild the guest \
         against guestkit {HOST_VERSION} (the `wit/host.wit` this shim implements)"
    )]
    TypeMismatch { detail: String },
    #[error(
        "the component nests modules and components {depth} deep, more than the shim's limit \
         of {MAX_NESTING} (guestkit_shim::conformance::MAX_NESTING); it is not checked further"
    )]
    TooDeep { depth: usize },
    #[error("{what} is over the shim's limit {limit}, so no actor of it could start; {hint}")]
    OverLimit {
        what: String,
        limit: String,
        hint: &'static str,
    },
}

/// How deep modules and components may nest in a component. Validating nested components
/// costs wasmparser time that grows with the square of their depth, and a real guest nests
/// two or three deep.
pub const MAX_NESTING: usize = 100;

/// The most elements a table may have (wasmtime's default for its pool, named here so
/// conformance can say so before an instantiation fails).
pub const TABLE_ELEMENTS: usize = 20_000;

/// The largest memory of a shim with default limits (`Limits::max_memory_bytes`).
pub const DEFAULT_MAX_MEMORY_BYTES: usize = 256 << 20;

/// Checks `bytes` for a shim with the default limits and returns its imports and exports.
pub fn check(bytes: &[u8]) -> Result<ComponentSummary, ConformanceError> {
    check_within(bytes, DEFAULT_MAX_MEMORY_BYTES)
}

/// Checks `bytes` for a shim whose memories may grow to `max_memory_bytes`, and returns its
/// imports and exports.
pub fn check_within(
    bytes: &[u8],
    max_memory_bytes: usize,
) -> Result<ComponentSummary, ConformanceError> {
    if !Parser::is_component(bytes) {
        if Parser::is_core_wasm(bytes) {
            Validator::new_with_features(WasmFeatures::all())
                .validate_all(bytes)
                .map_err(|e| ConformanceError::Invalid(e.to_string()))?;
            return Err(ConformanceError::CoreModule);
        }
        return Err(ConformanceError::Invalid(
            "the file does not start with the wasm magic number and a component version".into(),
        ));
    }
    refuse_deep_nesting(bytes)?;
    Validator::new_with_features(WasmFeatures::all())
        .validate_all(bytes)
        .map_err(|e| ConformanceError::Invalid(e.to_string()))?;
    refuse_over_limits(bytes, max_memory_bytes)?;
    let summary = summarize(bytes)?;
    if let Some(import) = summary.imports.iter().find(|i| !is_granted(i)) {
        return Err(ConformanceError::UnknownImport {
            hint: import_hint(import),
            import: import.clone(),
        });
    }
    if !summary.exports.iter().any(|e| e == GUEST_EXPORT) {
        return Err(ConformanceError::MissingGuestExport {
            exports: summary.exports,
        });
    }
    check_types(bytes, &summary.imports)?;
    Ok(summary)
}

/// Refuses a component nested deeper than [`MAX_NESTING`], before anything slower reads it.
fn refuse_deep_nesting(bytes: &[u8]) -> Result<(), ConformanceError> {
    let mut depth = 0usize;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| ConformanceError::Invalid(e.to_string()))? {
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(ConformanceError::TooDeep { depth });
                }
            }
            Payload::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Refuses memories and tables whose initial sizes are over what the shim gives one actor:
/// instantiating them would fail however the guest behaves.
fn refuse_over_limits(bytes: &[u8], max_memory_bytes: usize) -> Result<(), ConformanceError> {
    let invalid = |e: wasmparser::BinaryReaderError| ConformanceError::Invalid(e.to_string());
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(invalid)? {
            Payload::MemorySection(s) => {
                for (i, memory) in s.into_iter().enumerate() {
                    let memory = memory.map_err(invalid)?;
                    let page = 1u128 << memory.page_size_log2.unwrap_or(16);
                    let initial = u128::from(memory.initial) * page;
                    if initial > max_memory_bytes as u128 {
                        return Err(ConformanceError::OverLimit {
                            what: format!(
                                "memory {i} of a core module starts at {} ({} pages)",
                                bytes_shown(initial),
                                memory.initial
                            ),
                            limit: format!(
                                "of {} per memory (Limits::max_memory_bytes)",
                                bytes_shown(max_memory_bytes as u128)
                            ),
                            hint: "shrink what the guest's memory holds from the start (large \
                                   statics, a `--initial-memory` link argument), or run it on \
                                   a shim with a larger memory limit",
                        });
                    }
                }
            }
            Payload::TableSection(s) => {
                for (i, table) in s.into_iter().enumerate() {
                    let table = table.map_err(invalid)?;
                    if table.ty.initial > TABLE_ELEMENTS as u64 {
                        return Err(ConformanceError::OverLimit {
                            what: format!(
                                "table {i} of a core module starts with {} elements",
                                table.ty.initial
                            ),
                            limit: format!("of {TABLE_ELEMENTS} elements per table"),
                            hint: "a table that large comes from a hand-written or generated \
                                   module, not from rustc: lower its initial size",
                        });
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// `n` bytes in the largest binary unit that shows it whole enough to read.
fn bytes_shown(n: u128) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n => format!("{n} bytes"),
    }
}

/// Checks that the component is a subtype of the host world widened by the WASI imports it
/// has (already checked by name): every import it has is one the world offers with the same
/// type, and it exports `guest` with the world's type.
fn check_types(bytes: &[u8], imports: &[String]) -> Result<(), ConformanceError> {
    let mismatch = |e: anyhow::Error| ConformanceError::TypeMismatch {
        detail: format!("{e:#}"),
    };
    let mut resolve = match wit_component::decode(bytes) {
        Ok(DecodedWasm::Component(resolve, _)) => resolve,
        Ok(DecodedWasm::WitPackage(..)) => {
            return Err(ConformanceError::Invalid(
                "this is a WIT package encoded as wasm, not a component".into(),
            ));
        }
        Err(e) => return Err(ConformanceError::Invalid(format!("{e:#}"))),
    };
    // The component's own view of guestkit:host must agree with the real one.
    let mut host = Resolve::default();
    host.push_str("host.wit", HOST_WIT)
        .expect("the bundled host.wit parses");
    resolve.merge(host).map_err(mismatch)?;
    let mut world = format!("package guestkit:conformance;\nworld check {{\n  include {WORLD};\n");
    for wasi in imports.iter().filter(|i| i.starts_with("wasi:")) {
        writeln!(world, "  import {wasi};").expect("writing to a String");
    }
    world.push_str("}\n");
    let pkg = resolve
        .push_str("conformance.wit", &world)
        .map_err(mismatch)?;
    let world = resolve
        .select_world(&[pkg], Some("check"))
        .map_err(mismatch)?;
    wit_component::targets(&resolve, world, bytes).map_err(|e| ConformanceError::TypeMismatch {
        detail: subtype_failure(&e.root_cause().to_string()),
    })
}

/// The validator's subtyping failure without the wrapper it reports it through: its lines
/// read "type mismatch for import `check`", then the item, then the reason and an offset.
fn subtype_failure(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .filter(|line| !line.ends_with("import `check`"))
        .map(|line| line.split(" (at offset").next().unwrap_or(line))
        .collect();
    lines.join(": ")
}

/// The top-level import and export names of a valid component.
pub fn summarize(bytes: &[u8]) -> Result<ComponentSummary, ConformanceError> {
    let mut summary = ComponentSummary::default();
    // Nested modules and components have sections of their own; only depth 0 is the
    // component's interface to the host.
    let mut depth = 0usize;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| ConformanceError::Invalid(e.to_string()))? {
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => depth += 1,
            Payload::End(_) => depth = depth.saturating_sub(1),
            Payload::ComponentImportSection(s) if depth == 0 => {
                for import in s {
                    let import = import.map_err(|e| ConformanceError::Invalid(e.to_string()))?;
                    summary.imports.push(import.name.name.to_owned());
                }
            }
            Payload::ComponentExportSection(s) if depth == 0 => {
                for export in s {
                    let export = export.map_err(|e| ConformanceError::Invalid(e.to_string()))?;
                    summary.exports.push(export.name.name.to_owned());
                }
            }
            // The guest's own code declares it, in the core module the component wraps.
            Payload::CustomSection(s) if s.name() == declaration::SECTION => {
                (summary.durable)
                    .read(s.data())
                    .map_err(ConformanceError::Declaration)?;
            }
            _ => {}
        }
    }
    Ok(summary)
}

/// What to do about an import the shim does not grant.
fn import_hint(import: &str) -> String {
    let (package, rest) = import.split_once('/').unwrap_or((import, ""));
    let (interface, version) = rest.split_once('@').unwrap_or((rest, ""));
    if package == HOST_PACKAGE {
        return if version != HOST_VERSION {
            format!(
                "it was built against {HOST_PACKAGE}@{version}, and this shim implements \
                 @{HOST_VERSION}: rebuild it with guestkit {HOST_VERSION}"
            )
        } else {
            format!("`{interface}` is not an interface of {HOST_PACKAGE}@{HOST_VERSION}")
        };
    }
    match package.strip_prefix("wasi:") {
        Some(wasi) if GRANTED_WASI.contains(&wasi) => format!(
            "this shim implements WASI 0.2, not {version}: build for wasm32-wasip2 (WASI 0.2)"
        ),
        Some(_) => format!(
            "Rust's std on wasm32-wasip1/wasip2 links WASI interfaces as they are used, and \
             `{package}` comes from std::net or a crate that uses it: drop that use, or build \
             with `--target wasm32-unknown-unknown`, which links no WASI at all"
        ),
        None => "guests reach other components through messaging, not imports: remove the \
                 import (or the dependency that pulls it in), or run that component as an \
                 actor of its own"
            .to_owned(),
    }
}

/// True for `guestkit:host/<interface>@0.1.0` of the host world, and `wasi:<granted>/...@0.2.*`.
fn is_granted(import: &str) -> bool {
    let Some((package, rest)) = import.split_once('/') else {
        return false;
    };
    let (interface, version) = rest.split_once('@').unwrap_or((rest, ""));
    if package == HOST_PACKAGE {
        return version == HOST_VERSION && HOST_INTERFACES.contains(&interface);
    }
    match package.strip_prefix("wasi:") {
        Some(wasi) => GRANTED_WASI.contains(&wasi) && version.starts_with("0.2."),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_host_world_and_wasi_subset_only() {
        assert!(is_granted("guestkit:host/state@0.1.0"));
        assert!(is_granted("wasi:cli/environment@0.2.6"));
        assert!(!is_granted("guestkit:host/state@0.2.0"));
        assert!(!is_granted("guestkit:host/telepathy@0.1.0"));
        assert!(!is_granted("wasi:sockets/tcp@0.2.0"));
        assert!(!is_granted("wasi:cli/environment@0.3.0"));
        assert!(!is_granted("acme:db/query@1.0.0"));
    }

    #[test]
    fn refuses_garbage_and_core_modules_with_their_reason() {
        let garbage = check(b"not wasm at all").unwrap_err();
        assert!(matches!(garbage, ConformanceError::Invalid(_)), "{garbage}");
        let core = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        assert!(matches!(
            check(&core).unwrap_err(),
            ConformanceError::CoreModule
        ));
        let truncated = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x01];
        assert!(matches!(
            check(&truncated).unwrap_err(),
            ConformanceError::Invalid(_)
        ));
    }

    #[test]
    fn unknown_imports_come_with_a_fix() {
        let hint = import_hint("wasi:sockets/tcp@0.2.0");
        assert!(hint.contains("--target wasm32-unknown-unknown"), "{hint}");
        assert!(
            import_hint("guestkit:host/state@0.2.0").contains("built against guestkit:host@0.2.0")
        );
        assert!(
            import_hint("guestkit:host/telepathy@0.1.0")
                .contains("`telepathy` is not an interface")
        );
        assert!(import_hint("wasi:cli/environment@0.3.0").contains("WASI 0.2"));
        assert!(import_hint("acme:db/query@1.0.0").contains("messaging"));
    }

    /// The interface list above must name exactly the imports of the world in `wit/`.
    #[test]
    fn host_interfaces_match_the_wit_world() {
        let mut resolve = Resolve::default();
        let pkg = resolve.push_str("host.wit", HOST_WIT).unwrap();
        let world = resolve.select_world(&[pkg], Some("actor")).unwrap();
        let mut names: Vec<String> = resolve.worlds[world]
            .imports
            .keys()
            .map(|k| resolve.name_world_key(k))
            .collect();
        names.sort();
        let mut expected: Vec<String> = HOST_INTERFACES
            .iter()
            .map(|i| format!("{HOST_PACKAGE}/{i}@{HOST_VERSION}"))
            .collect();
        expected.sort();
        assert_eq!(names, expected);
    }
}

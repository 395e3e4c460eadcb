//! Refuses components that cannot run here, before they run: invalid wasm, core modules,
//! imports outside the `guestkit:host` world and the WASI subset the shim grants, and a
//! missing `guest` export. Each error names the offending item and the world it was checked
//! against. Type mismatches of known names are caught by wasmtime when the component is linked.

use wasmparser::{Parser, Payload, Validator, WasmFeatures};

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

/// WASI 0.2 packages the shim provides: what Rust's std imports on `wasm32-wasip2`. The guest
/// gets no preopened directories, environment, arguments or sockets.
pub const GRANTED_WASI: &[&str] = &["cli", "io", "clocks", "random", "filesystem"];

/// What a component imports and exports, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentSummary {
    pub imports: Vec<String>,
    pub exports: Vec<String>,
}

/// Why a component was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConformanceError {
    #[error("not valid WebAssembly: {0}")]
    Invalid(String),
    #[error(
        "this is a core wasm module, not a component; build guests with `cargo guest build`, \
         which produces a component"
    )]
    CoreModule,
    #[error(
        "the component imports `{import}`, which is neither in the {HOST_PACKAGE}/actor@{HOST_VERSION} \
         world nor in the WASI subset the shim grants (wasi:{{{}}}@0.2); remove the import, or \
         build without the dependency that pulls it in",
        GRANTED_WASI.join(",")
    )]
    UnknownImport { import: String },
    #[error(
        "the component does not export `{GUEST_EXPORT}` (it exports: {}); a guest needs \
         `#[guestkit::actor]` on an impl (or wit-bindgen exports of the {HOST_PACKAGE}/actor world)",
        if exports.is_empty() { "nothing".to_owned() } else { exports.join(", ") }
    )]
    MissingGuestExport { exports: Vec<String> },
}

/// Checks `bytes` and returns its imports and exports.
pub fn check(bytes: &[u8]) -> Result<ComponentSummary, ConformanceError> {
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
    Validator::new_with_features(WasmFeatures::all())
        .validate_all(bytes)
        .map_err(|e| ConformanceError::Invalid(e.to_string()))?;
    let summary = summarize(bytes)?;
    if let Some(import) = summary.imports.iter().find(|i| !is_granted(i)) {
        return Err(ConformanceError::UnknownImport {
            import: import.clone(),
        });
    }
    if !summary.exports.iter().any(|e| e == GUEST_EXPORT) {
        return Err(ConformanceError::MissingGuestExport {
            exports: summary.exports,
        });
    }
    Ok(summary)
}

/// The top-level import and export names of a valid component.
fn summarize(bytes: &[u8]) -> Result<ComponentSummary, ConformanceError> {
    let mut summary = ComponentSummary {
        imports: Vec::new(),
        exports: Vec::new(),
    };
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
            _ => {}
        }
    }
    Ok(summary)
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

    /// The interface list above must name exactly the imports of the world in `wit/`.
    #[test]
    fn host_interfaces_match_the_wit_world() {
        let mut resolve = wit_parser::Resolve::default();
        let (pkg, _) = resolve
            .push_path(concat!(env!("CARGO_MANIFEST_DIR"), "/../wit"))
            .unwrap();
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

//! What a built component is made of: the sizes of its parts, for the report after a build
//! and for `cargo guest inspect`.

use guestkit_codegen::embed;
use serde::Serialize;
use wasmparser::{Parser, Payload};

/// Bytes of a component by kind of content, over all nested modules.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sizes {
    pub total: u64,
    /// Function bodies.
    pub code: u64,
    /// Data segments.
    pub data: u64,
    /// Custom sections: names, producers, debug info, component types, the contract.
    pub custom: u64,
    /// The outer component's guestkit contract section, with its section header; its
    /// content is counted in `custom` too.
    pub contract: u64,
}

impl Sizes {
    pub fn of(bytes: &[u8]) -> Result<Self, wasmparser::BinaryReaderError> {
        let mut sizes = Sizes {
            total: bytes.len() as u64,
            contract: embed::embedded_len(bytes)? as u64,
            ..Sizes::default()
        };
        for payload in Parser::new(0).parse_all(bytes) {
            match payload? {
                Payload::CodeSectionStart { size, .. } => sizes.code += u64::from(size),
                Payload::DataSection(reader) => sizes.data += reader.range().len() as u64,
                Payload::CustomSection(section) => sizes.custom += section.range().len() as u64,
                _ => {}
            }
        }
        Ok(sizes)
    }
}

impl std::fmt::Display for Sizes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: code {}, data {}, custom sections {} (contract {})",
            human(self.total),
            human(self.code),
            human(self.data),
            human(self.custom),
            human(self.contract)
        )
    }
}

/// `bytes` in B, KiB or MiB.
pub fn human(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.2} MiB", bytes as f64 / 1_048_576.0),
    }
}

/// One import or export of a component, by name, with the functions it carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorldItem {
    pub name: String,
    /// `interface`, `function` or `type`.
    pub kind: &'static str,
    pub functions: Vec<String>,
}

/// A component's world as decoded from its type: its imports, its exports, and the WIT text
/// of it all. Core modules and components whose types WIT cannot express get their import
/// and export names only.
#[derive(Debug, Clone, Serialize)]
pub struct DecodedWorld {
    /// `component`, `core module`, or `WIT package` (a package encoded as wasm).
    pub kind: &'static str,
    pub imports: Vec<WorldItem>,
    pub exports: Vec<WorldItem>,
    /// Why the types could not be decoded as WIT, when they could not.
    pub undecodable: Option<String>,
    #[serde(skip)]
    pub wit: String,
}

impl DecodedWorld {
    /// Describes `bytes`, which must be valid wasm.
    pub fn of(bytes: &[u8]) -> Self {
        if Parser::is_core_wasm(bytes) {
            return Self::of_core_module(bytes);
        }
        match Self::decode(bytes) {
            Ok(world) => world,
            Err(e) => {
                let summary = guestkit_shim::conformance::summarize(bytes).unwrap_or_default();
                let named = |names: Vec<String>| {
                    names
                        .into_iter()
                        .map(|name| WorldItem {
                            name,
                            kind: "item",
                            functions: Vec::new(),
                        })
                        .collect()
                };
                Self {
                    kind: "component",
                    imports: named(summary.imports),
                    exports: named(summary.exports),
                    undecodable: Some(format!("{e:#}")),
                    wit: String::new(),
                }
            }
        }
    }

    fn decode(bytes: &[u8]) -> anyhow::Result<Self> {
        use wit_component::DecodedWasm;
        use wit_parser::WorldItem as Item;
        let (resolve, world) = match wit_component::decode(bytes)? {
            DecodedWasm::Component(resolve, world) => (resolve, world),
            DecodedWasm::WitPackage(resolve, package) => {
                let mut printer = wit_component::WitPrinter::default();
                printer.print(&resolve, package, &[])?;
                return Ok(Self {
                    kind: "WIT package",
                    imports: Vec::new(),
                    exports: Vec::new(),
                    undecodable: None,
                    wit: printer.output.to_string(),
                });
            }
        };
        let items = |map: &wit_parser::IndexMap<wit_parser::WorldKey, Item>| {
            map.iter()
                .map(|(key, item)| {
                    let name = resolve.name_world_key(key);
                    let (kind, functions) = match item {
                        Item::Interface { id, .. } => (
                            "interface",
                            resolve.interfaces[*id].functions.keys().cloned().collect(),
                        ),
                        Item::Function(_) => ("function", Vec::new()),
                        Item::Type { .. } => ("type", Vec::new()),
                    };
                    WorldItem {
                        name,
                        kind,
                        functions,
                    }
                })
                .collect::<Vec<_>>()
        };
        let w = &resolve.worlds[world];
        Ok(Self {
            kind: "component",
            imports: items(&w.imports),
            exports: items(&w.exports),
            undecodable: None,
            wit: guestkit_codegen::wit::print(&resolve, world)?.text,
        })
    }

    /// A core module's imports (`module::name`) and exports, by kind.
    fn of_core_module(bytes: &[u8]) -> Self {
        let kind = |ty: wasmparser::TypeRef| match ty {
            wasmparser::TypeRef::Func(_) | wasmparser::TypeRef::FuncExact(_) => "func",
            wasmparser::TypeRef::Table(_) => "table",
            wasmparser::TypeRef::Memory(_) => "memory",
            wasmparser::TypeRef::Global(_) => "global",
            wasmparser::TypeRef::Tag(_) => "tag",
        };
        let item = |name: String, kind: &'static str| WorldItem {
            name,
            kind,
            functions: Vec::new(),
        };
        let (mut imports, mut exports) = (Vec::new(), Vec::new());
        for payload in Parser::new(0).parse_all(bytes).flatten() {
            match payload {
                Payload::ImportSection(reader) => {
                    for import in reader.into_imports().flatten() {
                        imports.push(item(
                            format!("{}::{}", import.module, import.name),
                            kind(import.ty),
                        ));
                    }
                }
                Payload::ExportSection(reader) => {
                    for export in reader.into_iter().flatten() {
                        let kind = match export.kind {
                            wasmparser::ExternalKind::Func
                            | wasmparser::ExternalKind::FuncExact => "func",
                            wasmparser::ExternalKind::Table => "table",
                            wasmparser::ExternalKind::Memory => "memory",
                            wasmparser::ExternalKind::Global => "global",
                            wasmparser::ExternalKind::Tag => "tag",
                        };
                        exports.push(item(export.name.to_owned(), kind));
                    }
                }
                _ => {}
            }
        }
        Self {
            kind: "core module",
            imports,
            exports,
            undecodable: Some("a core module has no component type".into()),
            wit: String::new(),
        }
    }
}

/// The target a component or module not built by guestkit was most likely compiled for:
/// WASI preview 1 imports (adapted or not) give away `wasm32-wasip1`, WASI 0.2 imports of a
/// component `wasm32-wasip2`, and no imports beyond `guestkit:host` `wasm32-unknown-unknown`.
pub fn infer_target(bytes: &[u8], world: &DecodedWorld) -> &'static str {
    let preview1 = Parser::new(0)
        .parse_all(bytes)
        .any(|payload| match payload {
            Ok(Payload::ImportSection(reader)) => reader
                .into_imports()
                .flatten()
                .any(|import| import.module == "wasi_snapshot_preview1"),
            _ => false,
        });
    let foreign =
        |i: &WorldItem| !i.name.starts_with("guestkit:host/") && !i.name.starts_with("env::");
    match world.kind {
        _ if preview1 => "wasm32-wasip1",
        "component" if world.imports.iter().any(|i| i.name.starts_with("wasi:")) => "wasm32-wasip2",
        "WIT package" => "none",
        _ if world.imports.iter().any(foreign) => "unknown",
        _ => "wasm32-unknown-unknown",
    }
}

/// What the contract's world declares as exports and the component does not export: a
/// world export whose code was never written (no `export!`, or no impl), which no caller
/// could reach. `None` when all are there; the error when the contract cannot say.
pub fn unexported(
    summary: &guestkit_shim::conformance::ComponentSummary,
    contract: &embed::EmbeddedContract,
) -> Result<Option<String>, String> {
    let missing: Vec<String> = contract
        .declared_exports()?
        .into_iter()
        .filter(|e| !summary.exports.contains(e))
        .map(|e| format!("`{e}`"))
        .collect();
    Ok((!missing.is_empty()).then(|| {
        format!(
            "its world `{}` exports {}, which the component does not: implement the \
             generated trait{} and export it with `export!(YourType);` beside the `wit!` \
             bindings",
            contract.wit_world,
            missing.join(", "),
            if missing.len() == 1 { "" } else { "s" }
        )
    }))
}

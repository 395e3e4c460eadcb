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
    /// The embedded guestkit contract, part of `custom`.
    pub contract: u64,
}

impl Sizes {
    pub fn of(bytes: &[u8]) -> Result<Self, wasmparser::BinaryReaderError> {
        let mut sizes = Sizes {
            total: bytes.len() as u64,
            ..Sizes::default()
        };
        for payload in Parser::new(0).parse_all(bytes) {
            match payload? {
                Payload::CodeSectionStart { size, .. } => sizes.code += u64::from(size),
                Payload::DataSection(reader) => sizes.data += reader.range().len() as u64,
                Payload::CustomSection(section) => {
                    let len = section.range().len() as u64;
                    sizes.custom += len;
                    if section.name() == embed::SECTION {
                        sizes.contract += len;
                    }
                }
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
/// of it all.
#[derive(Debug, Clone, Serialize)]
pub struct DecodedWorld {
    pub imports: Vec<WorldItem>,
    pub exports: Vec<WorldItem>,
    #[serde(skip)]
    pub wit: String,
}

impl DecodedWorld {
    pub fn of(bytes: &[u8]) -> anyhow::Result<Self> {
        use wit_component::DecodedWasm;
        use wit_parser::WorldItem as Item;
        let (resolve, world) = match wit_component::decode(bytes)? {
            DecodedWasm::Component(resolve, world) => (resolve, world),
            DecodedWasm::WitPackage(..) => anyhow::bail!("a WIT package, not a component"),
        };
        let items = |map: &wit_parser::IndexMap<wit_parser::WorldKey, Item>| {
            map.iter()
                .map(|(key, item)| {
                    let name = resolve.name_world_key(key);
                    match item {
                        Item::Interface { id, .. } => WorldItem {
                            name,
                            kind: "interface",
                            functions: resolve.interfaces[*id].functions.keys().cloned().collect(),
                        },
                        Item::Function(_) => WorldItem {
                            name,
                            kind: "function",
                            functions: Vec::new(),
                        },
                        Item::Type { .. } => WorldItem {
                            name,
                            kind: "type",
                            functions: Vec::new(),
                        },
                    }
                })
                .collect::<Vec<_>>()
        };
        let w = &resolve.worlds[world];
        let (imports, exports) = (items(&w.imports), items(&w.exports));
        Ok(Self {
            imports,
            exports,
            wit: guestkit_codegen::wit::print(&resolve, world)?.text,
        })
    }
}

/// The target a component not built by guestkit was most likely compiled for: the preview1
/// adapter gives away `wasm32-wasip1`, any other WASI import `wasm32-wasip2`.
pub fn infer_target(bytes: &[u8], imports: &[WorldItem]) -> &'static str {
    let adapted = Parser::new(0)
        .parse_all(bytes)
        .any(|payload| match payload {
            Ok(Payload::ImportSection(reader)) => reader
                .into_imports()
                .flatten()
                .any(|import| import.module == "wasi_snapshot_preview1"),
            _ => false,
        });
    if adapted {
        "wasm32-wasip1"
    } else if imports.iter().any(|i| i.name.starts_with("wasi:")) {
        "wasm32-wasip2"
    } else {
        "wasm32-unknown-unknown"
    }
}

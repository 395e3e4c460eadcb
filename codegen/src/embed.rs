//! The contract a built guest carries: a `guestkit:contract` custom section holding its WIT
//! world, its protobuf descriptors, a hash of each and the toolchain version, so `cargo guest
//! run`, `inspect` and `check` work on a bare `.wasm` file with no sources around.

use wasm_encoder::{ComponentSection, CustomSection, Encode};
use wasmparser::{Parser, Payload};

/// Name of the custom section.
pub const SECTION: &str = "guestkit:contract";

/// What the section holds, encoded as protobuf so that later fields stay readable by older
/// tools and vice versa.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EmbeddedContract {
    /// Version of the guestkit toolchain that built the component.
    #[prost(string, tag = "1")]
    pub guestkit_version: String,
    /// `google.protobuf.FileDescriptorSet` of the guest's proto files, with imports.
    #[prost(bytes = "vec", tag = "2")]
    pub proto_descriptor_set: Vec<u8>,
    /// Hex SHA-256 of `proto_descriptor_set`.
    #[prost(string, tag = "3")]
    pub proto_sha256: String,
    /// Fully qualified name of the WIT world the guest was built against.
    #[prost(string, tag = "4")]
    pub wit_world: String,
    /// WIT text defining `wit_world`, with every package it uses.
    #[prost(string, tag = "5")]
    pub wit: String,
    /// Hex SHA-256 of `wit`.
    #[prost(string, tag = "6")]
    pub wit_sha256: String,
    /// The Rust target the guest was compiled for, e.g. `wasm32-wasip1`.
    #[prost(string, tag = "7")]
    pub target: String,
    /// The layout of this section: [`FORMAT`] since it lists the contracts the guest calls;
    /// 0 (absent) in components built before, which read as format 1.
    #[prost(uint32, tag = "8")]
    pub format: u32,
    /// The contracts of other guests this guest calls (`contract!("../inventory/…")`).
    #[prost(message, repeated, tag = "9")]
    pub consumes: Vec<ConsumedContract>,
}

/// The layout version [`EmbeddedContract::new`] writes.
pub const FORMAT: u32 = 2;

/// A contract of another guest that this guest calls.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ConsumedContract {
    /// The package that owns it (empty when it is in no package).
    #[prost(string, tag = "1")]
    pub package: String,
    /// The proto file, relative to that package (`proto/inventory.proto`).
    #[prost(string, tag = "2")]
    pub file: String,
    /// The services it declares, by full name: what this guest can call through it.
    #[prost(string, repeated, tag = "3")]
    pub services: Vec<String>,
}

impl EmbeddedContract {
    /// A contract of this toolchain version, with the hashes of its parts filled in.
    pub fn new(target: &str, world: crate::wit::GuestWorld, proto_descriptor_set: Vec<u8>) -> Self {
        Self {
            guestkit_version: env!("CARGO_PKG_VERSION").to_owned(),
            proto_sha256: sha256_hex(&proto_descriptor_set),
            proto_descriptor_set,
            wit_world: world.name,
            wit_sha256: sha256_hex(world.text.as_bytes()),
            wit: world.text,
            target: target.to_owned(),
            format: FORMAT,
            consumes: Vec::new(),
        }
    }

    /// The section's layout version: 1 for components built before it was recorded.
    pub fn format(&self) -> u32 {
        self.format.max(1)
    }

    /// Names the parts whose content does not match the hash recorded for it.
    pub fn tampered_parts(&self) -> Vec<&'static str> {
        let mut parts = Vec::new();
        if sha256_hex(&self.proto_descriptor_set) != self.proto_sha256 {
            parts.push("proto");
        }
        if sha256_hex(self.wit.as_bytes()) != self.wit_sha256 {
            parts.push("wit");
        }
        parts
    }

    /// The names of what the contract's world exports (`acme:shop/orders@1.0.0` for an
    /// interface, the plain name for a function), as a component exports them.
    pub fn declared_exports(&self) -> Result<Vec<String>, String> {
        // Any component may carry this section: its WIT is read as hostile input.
        crate::wit_rules::on_deep_stack(|| {
            let mut resolve = wit_parser::Resolve::default();
            let package = resolve
                .push_str("embedded.wit", &self.wit)
                .map_err(|e| format!("its WIT does not parse: {e:#}"))?;
            let world = resolve
                .select_world(&[package], Some(&self.wit_world))
                .map_err(|e| format!("its WIT has no world `{}`: {e:#}", self.wit_world))?;
            Ok(resolve.worlds[world]
                .exports
                .keys()
                .map(|key| resolve.name_world_key(key))
                .collect())
        })
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Returns `component` with `contract` as its (only) contract section, appended at the end.
pub fn embed(
    component: &[u8],
    contract: &EmbeddedContract,
) -> Result<Vec<u8>, wasmparser::BinaryReaderError> {
    let mut out = strip(component)?;
    let data = prost::Message::encode_to_vec(contract);
    let section = CustomSection {
        name: SECTION.into(),
        data: data.into(),
    };
    out.push(section.id());
    section.encode(&mut out);
    Ok(out)
}

/// The contract embedded in `component`, if any.
pub fn read(component: &[u8]) -> Result<Option<EmbeddedContract>, String> {
    let sections = contract_sections(component).map_err(|e| e.to_string())?;
    let Some(section) = sections.first() else {
        return Ok(None);
    };
    prost::Message::decode(&component[section.data.clone()])
        .map(Some)
        .map_err(|e| format!("the {SECTION} section is corrupt: {e}"))
}

/// Bytes the contract sections of `component` take, headers included.
pub fn embedded_len(component: &[u8]) -> Result<usize, wasmparser::BinaryReaderError> {
    Ok(contract_sections(component)?
        .iter()
        .map(|section| section.whole.len())
        .sum())
}

/// `component` without its contract sections.
fn strip(component: &[u8]) -> Result<Vec<u8>, wasmparser::BinaryReaderError> {
    let mut out = Vec::with_capacity(component.len());
    let mut copied = 0;
    for section in contract_sections(component)? {
        out.extend_from_slice(&component[copied..section.whole.start]);
        copied = section.whole.end;
    }
    out.extend_from_slice(&component[copied..]);
    Ok(out)
}

/// Where a contract section sits in the component's bytes.
struct Located {
    /// From the section id byte to the end.
    whole: std::ops::Range<usize>,
    /// The encoded contract.
    data: std::ops::Range<usize>,
}

/// The contract sections of the outermost component; nested modules and components may
/// carry custom sections of their own, which are not ours.
fn contract_sections(component: &[u8]) -> Result<Vec<Located>, wasmparser::BinaryReaderError> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    for payload in Parser::new(0).parse_all(component) {
        match payload? {
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => depth += 1,
            Payload::End(_) => depth = depth.saturating_sub(1),
            Payload::CustomSection(c) if depth == 0 && c.name() == SECTION => found.push(Located {
                whole: section_start(component, c.range().start)..c.range().end,
                data: c.data_offset()..c.range().end,
            }),
            _ => {}
        }
    }
    Ok(found)
}

/// Walks back from a custom section's content start over its LEB128 size to the id byte.
fn section_start(bytes: &[u8], content_start: usize) -> usize {
    let mut i = content_start - 1;
    // Size bytes other than the last have the continuation bit set.
    while i > 0 && bytes[i - 1] & 0x80 != 0 {
        i -= 1;
    }
    i - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract(target: &str) -> EmbeddedContract {
        let world = crate::wit::GuestWorld {
            name: "a:b/c".into(),
            text: "package a:b;\nworld c {}\n".into(),
        };
        EmbeddedContract::new(target, world, vec![1, 2, 3])
    }

    /// A component with a nested core module that has a custom section of the same name,
    /// which must be neither read nor stripped.
    fn component() -> Vec<u8> {
        wat::parse_str(r#"(component (core module (@custom "guestkit:contract" "inner")))"#)
            .unwrap()
    }

    #[test]
    fn embed_then_read_round_trips_and_replaces_an_older_section() {
        let plain = component();
        assert_eq!(read(&plain).unwrap(), None);
        let once = embed(&plain, &contract("wasm32-wasip2")).unwrap();
        wasmparser::Validator::new().validate_all(&once).unwrap();
        assert_eq!(read(&once).unwrap(), Some(contract("wasm32-wasip2")));
        assert_eq!(
            embedded_len(&plain).unwrap(),
            0,
            "the nested section is not ours"
        );
        assert_eq!(embedded_len(&once).unwrap(), once.len() - plain.len());
        let twice = embed(&once, &contract("wasm32-wasip1")).unwrap();
        assert_eq!(read(&twice).unwrap(), Some(contract("wasm32-wasip1")));
        assert_eq!(
            twice.len(),
            once.len(),
            "the old section is replaced, not kept beside the new one"
        );
        assert_eq!(
            &twice[..plain.len()],
            &plain[..],
            "the component itself is untouched"
        );
    }

    #[test]
    fn hashes_cover_each_part() {
        let mut c = contract("wasm32-wasip2");
        assert!(c.tampered_parts().is_empty());
        assert_eq!(c.proto_sha256.len(), 64);
        c.wit.push_str("world d {}");
        c.proto_descriptor_set.push(4);
        assert_eq!(c.tampered_parts(), ["proto", "wit"]);
    }

    #[test]
    fn a_corrupt_section_is_reported() {
        let mut bytes = component();
        let section = CustomSection {
            name: SECTION.into(),
            data: (&[0xff, 0xff, 0xff][..]).into(),
        };
        bytes.push(section.id());
        section.encode(&mut bytes);
        assert!(read(&bytes).unwrap_err().contains("corrupt"));
    }
}

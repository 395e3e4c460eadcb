//! The contract a built guest carries: a `guestkit:contract` custom section, so `cargo guest
//! run` (and later `inspect` and `check`) can decode messages for a bare `.wasm` file with no
//! sources around.

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
    for (name, range) in top_level_custom_sections(component).map_err(|e| e.to_string())? {
        if name == SECTION {
            let contract = prost::Message::decode(&component[range])
                .map_err(|e| format!("the {SECTION} section is corrupt: {e}"))?;
            return Ok(Some(contract));
        }
    }
    Ok(None)
}

/// `component` without any existing contract section.
fn strip(component: &[u8]) -> Result<Vec<u8>, wasmparser::BinaryReaderError> {
    let mut out = Vec::with_capacity(component.len());
    let mut copied = 0;
    for payload in Parser::new(0).parse_all(component) {
        if let Payload::CustomSection(c) = payload? {
            if c.name() == SECTION {
                // The section starts with its id byte and size, before the name.
                let start = section_start(component, c.range().start);
                out.extend_from_slice(&component[copied..start]);
                copied = c.range().end;
            }
        }
    }
    out.extend_from_slice(&component[copied..]);
    Ok(out)
}

/// Custom sections of the outermost component: (name, data range).
fn top_level_custom_sections(
    component: &[u8],
) -> Result<Vec<(String, std::ops::Range<usize>)>, wasmparser::BinaryReaderError> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    for payload in Parser::new(0).parse_all(component) {
        match payload? {
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => depth += 1,
            Payload::End(_) => depth = depth.saturating_sub(1),
            Payload::CustomSection(c) if depth == 0 => {
                found.push((c.name().to_owned(), c.data_offset()..c.range().end));
            }
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

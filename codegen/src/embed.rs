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
    let sections = contract_sections(component).map_err(|e| e.to_string())?;
    let Some(section) = sections.first() else {
        return Ok(None);
    };
    prost::Message::decode(&component[section.data.clone()])
        .map(Some)
        .map_err(|e| format!("the {SECTION} section is corrupt: {e}"))
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

    fn contract(version: &str) -> EmbeddedContract {
        EmbeddedContract {
            guestkit_version: version.into(),
            proto_descriptor_set: vec![1, 2, 3],
        }
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
        let once = embed(&plain, &contract("0.1.0")).unwrap();
        wasmparser::Validator::new().validate_all(&once).unwrap();
        assert_eq!(read(&once).unwrap(), Some(contract("0.1.0")));
        let twice = embed(&once, &contract("0.2.0")).unwrap();
        assert_eq!(read(&twice).unwrap(), Some(contract("0.2.0")));
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

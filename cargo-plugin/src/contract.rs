//! A guest package's protobuf contract: compiled for embedding at build time, and used at
//! run time to turn JSON into request messages and replies back into JSON.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use guestkit_codegen::embed::EmbeddedContract;
use prost::Message as _;
use prost_reflect::{
    DescriptorPool, DynamicMessage, MessageDescriptor, MethodDescriptor, SerializeOptions,
};

/// The contract of the package in `dir`: every `.proto` under its `proto/` folder.
pub fn compile_package(dir: &Path) -> anyhow::Result<EmbeddedContract> {
    let proto_dir = dir.join("proto");
    let mut files = Vec::new();
    if proto_dir.is_dir() {
        collect_protos(&proto_dir, &mut files)?;
    }
    files.sort();
    let descriptor_set = if files.is_empty() {
        Vec::new()
    } else {
        guestkit_codegen::proto::compile(&files, &[proto_dir])?.encode_to_vec()
    };
    Ok(EmbeddedContract {
        guestkit_version: env!("CARGO_PKG_VERSION").to_owned(),
        proto_descriptor_set: descriptor_set,
    })
}

fn collect_protos(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect_protos(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "proto") {
            out.push(path);
        }
    }
    Ok(())
}

/// The request and reply types of one route, from an embedded contract.
pub struct RouteTypes {
    method: MethodDescriptor,
}

impl RouteTypes {
    /// Looks up `route` (`package.Service/Method`) in `contract`.
    pub fn find(contract: &EmbeddedContract, route: &str) -> anyhow::Result<Self> {
        let pool = DescriptorPool::decode(contract.proto_descriptor_set.as_slice()).context(
            "the component's embedded contract is corrupt; rebuild it with `cargo guest build`",
        )?;
        let routes: Vec<String> = pool
            .services()
            .flat_map(|s| {
                s.methods()
                    .map(|m| format!("{}/{}", m.parent_service().full_name(), m.name()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let found = route.split_once('/').and_then(|(service, method)| {
            pool.get_service_by_name(service)?
                .methods()
                .find(|m| m.name() == method)
        });
        match found {
            Some(method) => Ok(Self { method }),
            None if routes.is_empty() => {
                bail!("route `{route}`: the component's contract declares no services")
            }
            None => bail!(
                "route `{route}` is not in the component's contract; its routes are: {}",
                routes.join(", ")
            ),
        }
    }

    /// Encodes a JSON request body (proto3 JSON mapping) as protobuf.
    pub fn encode_request(&self, json: &str) -> anyhow::Result<Vec<u8>> {
        let input = self.method.input();
        let mut de = serde_json::Deserializer::from_str(json);
        let message = DynamicMessage::deserialize(input.clone(), &mut de)
            .and_then(|m| de.end().map(|()| m))
            .map_err(|e| {
                anyhow::anyhow!("--body is not a valid {} in JSON: {e}", input.full_name())
            })?;
        Ok(message.encode_to_vec())
    }

    /// Decodes a protobuf reply as JSON.
    pub fn decode_reply(&self, body: &[u8]) -> anyhow::Result<String> {
        to_json(self.method.output(), body)
    }
}

fn to_json(desc: MessageDescriptor, body: &[u8]) -> anyhow::Result<String> {
    let name = desc.full_name().to_owned();
    let message = DynamicMessage::decode(desc, body)
        .with_context(|| format!("the reply is not a valid {name} message"))?;
    let options = SerializeOptions::new().stringify_64_bit_integers(false);
    let mut out = serde_json::Serializer::new(Vec::new());
    message.serialize_with_options(&mut out, &options)?;
    Ok(String::from_utf8(out.into_inner())?)
}

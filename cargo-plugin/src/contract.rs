//! A guest package's contract: its WIT world and protobuf files, compiled for embedding at
//! build time; and, at run time, the protobuf part turning JSON into request messages and
//! replies back into JSON.

use std::path::Path;

use anyhow::{Context as _, bail};
use guestkit_codegen::Options;
use guestkit_codegen::consumes::{Consumed, consumed};
use guestkit_codegen::contract_set::ContractSet;
use guestkit_codegen::embed::{ConsumedContract, EmbeddedContract};
use proc_macro2::TokenStream;
use prost::Message as _;
use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor, MethodDescriptor};
use serde::Serialize;

use crate::target::GuestTarget;

/// The contract of the package in `dir`, built for `target`: every `.proto` under its
/// `proto/` folder and the WIT world it implements (`world` of its `wit/` folder, or the
/// platform's actor world), read as one [`ContractSet`].
pub fn compile_package(
    dir: &Path,
    target: GuestTarget,
    world: Option<&str>,
) -> anyhow::Result<EmbeddedContract> {
    let set = ContractSet::load(dir, world)?;
    let descriptor_set = set
        .descriptors
        .as_ref()
        .map(prost::Message::encode_to_vec)
        .unwrap_or_default();
    let mut contract = EmbeddedContract::new(target.triple(), set.world()?, descriptor_set);
    contract.consumes = consumed_contracts(dir)?;
    Ok(contract)
}

/// The contracts of other guests that the package in `dir` calls through `contract!`, with
/// the package owning each and the services it declares.
pub fn consumed_contracts(dir: &Path) -> anyhow::Result<Vec<ConsumedContract>> {
    let mut contracts: Vec<ConsumedContract> = Vec::new();
    for used in consumed(dir)? {
        let package = owner_package(&used)?;
        let file = used.in_owner();
        if contracts
            .iter()
            .any(|c| c.package == package && c.file == file)
        {
            continue;
        }
        let includes = guestkit_codegen::contract::include_dirs(
            used.owner.as_deref().unwrap_or(dir),
            &used.file,
        );
        let set = guestkit_codegen::proto::compile(std::slice::from_ref(&used.file), &includes)
            .with_context(|| format!("{}:{}", used.source.display(), used.line))?;
        let services = set
            .file
            .iter()
            .filter(|f| {
                let path = guestkit_codegen::proto::source_path(f.name(), &includes);
                path.and_then(|p| p.canonicalize().ok()).as_ref() == Some(&used.file)
            })
            .flat_map(|f| {
                f.service.iter().map(move |s| match f.package() {
                    "" => s.name().to_owned(),
                    p => format!("{p}.{}", s.name()),
                })
            })
            .collect();
        contracts.push(ConsumedContract {
            package,
            file,
            services,
        });
    }
    Ok(contracts)
}

/// The name of the package that owns a consumed contract, from its `Cargo.toml` (empty when
/// it is in no package).
pub fn owner_package(used: &Consumed) -> anyhow::Result<String> {
    let Some(owner) = &used.owner else {
        return Ok(String::new());
    };
    let manifest = owner.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let doc: toml_edit::DocumentMut = text
        .parse()
        .with_context(|| format!("{} is not TOML", manifest.display()))?;
    Ok(doc["package"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// A package's contracts as the macros expand them on each side.
pub struct Expanded {
    pub guest: TokenStream,
    pub host: TokenStream,
}

/// Expands the contracts of the package in `dir` (`world` of its `wit/`) on both sides, or
/// refuses them when the macros could not: what `build` refuses before compiling anything,
/// `check` and `bindings` refuse too, in the same words, each at its file:line:col.
pub fn validate(dir: &Path, world: Option<&str>) -> anyhow::Result<Expanded> {
    let set = ContractSet::load(dir, world)?;
    Ok(Expanded {
        guest: set.expand(&Options::guest())?,
        host: set.expand(&Options::host())?,
    })
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

    /// Every route `contract` declares, with its types.
    pub fn all(contract: &EmbeddedContract) -> anyhow::Result<Vec<(String, Self)>> {
        let pool = DescriptorPool::decode(contract.proto_descriptor_set.as_slice()).context(
            "the component's embedded contract is corrupt; rebuild it with `cargo guest build`",
        )?;
        let routes = pool.services().flat_map(|s| {
            s.methods()
                .map(|method| {
                    let route = format!("{}/{}", s.full_name(), method.name());
                    (route, Self { method })
                })
                .collect::<Vec<_>>()
        });
        Ok(routes.collect())
    }

    /// Encodes a JSON request body (proto3 JSON mapping) given by `--body` as protobuf.
    pub fn encode_request(&self, json: &str) -> anyhow::Result<Vec<u8>> {
        self.encode_json(json)
            .map_err(|e| anyhow::anyhow!("--body is not {e}"))
    }

    /// Encodes a request in the proto3 JSON mapping as protobuf.
    pub fn encode_json(&self, json: &str) -> anyhow::Result<Vec<u8>> {
        let input = self.method.input();
        let message = crate::json::to_message(&input, json)
            .map_err(|e| anyhow::anyhow!("a valid {} in JSON: {e}", input.full_name()))?;
        Ok(message.encode_to_vec())
    }

    /// Whether `body` is a valid request in protobuf.
    pub fn check_binary(&self, body: &[u8]) -> anyhow::Result<()> {
        let input = self.method.input();
        let name = input.full_name().to_owned();
        DynamicMessage::decode(input, body)
            .map(drop)
            .with_context(|| format!("the request is not a valid {name} message"))
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
    crate::json::to_json(&message)
}

/// What an embedded contract declares, for `cargo guest inspect`.
#[derive(Debug, Serialize)]
pub struct ContractSummary {
    pub guestkit_version: String,
    pub target: String,
    pub wit_world: String,
    pub wit_sha256: String,
    pub proto_sha256: String,
    /// Parts whose content does not match their recorded hash.
    pub tampered: Vec<&'static str>,
    pub proto_files: Vec<String>,
    pub services: Vec<ServiceSummary>,
    pub messages: Vec<MessageSummary>,
    /// The layout of the contract section (1 for components built before it listed what
    /// they call).
    pub format: u32,
    /// The contracts of other guests the guest calls.
    pub calls: Vec<CalledContract>,
}

/// A contract of another guest that a guest calls.
#[derive(Debug, Serialize)]
pub struct CalledContract {
    pub package: String,
    pub file: String,
    pub services: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ServiceSummary {
    pub name: String,
    pub routes: Vec<RouteSummary>,
}

#[derive(Debug, Serialize)]
pub struct RouteSummary {
    pub route: String,
    pub request: String,
    pub reply: String,
    /// Streaming methods have no route the generated dispatcher serves yet.
    pub streaming: bool,
}

#[derive(Debug, Serialize)]
pub struct MessageSummary {
    pub name: String,
    /// `name: type` for each field, in declaration order.
    pub fields: Vec<String>,
}

impl ContractSummary {
    pub fn of(contract: &EmbeddedContract) -> anyhow::Result<Self> {
        let pool = DescriptorPool::decode(contract.proto_descriptor_set.as_slice())
            .context("the embedded contract's protobuf descriptors are corrupt")?;
        let services = pool
            .services()
            .map(|service| ServiceSummary {
                name: service.full_name().to_owned(),
                routes: service
                    .methods()
                    .map(|m| RouteSummary {
                        route: format!("{}/{}", service.full_name(), m.name()),
                        request: m.input().full_name().to_owned(),
                        reply: m.output().full_name().to_owned(),
                        streaming: m.is_client_streaming() || m.is_server_streaming(),
                    })
                    .collect(),
            })
            .collect();
        let messages = pool
            .all_messages()
            .filter(|m| !m.package_name().starts_with("google.protobuf"))
            .map(|m| MessageSummary {
                name: m.full_name().to_owned(),
                fields: m
                    .fields()
                    .map(|f| format!("{}: {}", f.name(), field_type(&f)))
                    .collect(),
            })
            .collect();
        Ok(Self {
            guestkit_version: contract.guestkit_version.clone(),
            target: contract.target.clone(),
            wit_world: contract.wit_world.clone(),
            wit_sha256: contract.wit_sha256.clone(),
            proto_sha256: contract.proto_sha256.clone(),
            tampered: contract.tampered_parts(),
            proto_files: pool.files().map(|f| f.name().to_owned()).collect(),
            services,
            messages,
            format: contract.format(),
            calls: (contract.consumes.iter())
                .map(|c| CalledContract {
                    package: c.package.clone(),
                    file: c.file.clone(),
                    services: c.services.clone(),
                })
                .collect(),
        })
    }
}

/// A field's type as written in a `.proto` file.
fn field_type(field: &prost_reflect::FieldDescriptor) -> String {
    use prost_reflect::Kind;
    let base = match field.kind() {
        Kind::Message(m) => m.full_name().to_owned(),
        Kind::Enum(e) => e.full_name().to_owned(),
        kind => format!("{kind:?}").to_lowercase(),
    };
    if field.is_map()
        && let Kind::Message(entry) = field.kind()
    {
        return format!(
            "map<{}, {}>",
            field_type(&entry.map_entry_key_field()),
            field_type(&entry.map_entry_value_field())
        );
    }
    if field.is_list() {
        format!("repeated {base}")
    } else {
        base
    }
}

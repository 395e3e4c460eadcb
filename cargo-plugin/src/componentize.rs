//! Turns the core module rustc emits for `wasm32-wasip1` or `wasm32-unknown-unknown` into a
//! component, in-process, with wit-component.

use anyhow::Context as _;
use wasi_preview1_component_adapter_provider::WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER;
use wit_component::{ComponentEncoder, StringEncoding};

use crate::target::GuestTarget;

/// The component of the core module `core`, built for `target`.
///
/// The module's `component-type` custom section (which wit-bindgen emits) says which world
/// it targets; when it has none, the platform's actor world is embedded. A `wasm32-wasip1`
/// module's WASI preview 1 imports are served by the preview1 reactor adapter, which turns
/// them into WASI 0.2 imports.
pub fn componentize(core: &[u8], target: GuestTarget) -> anyhow::Result<Vec<u8>> {
    let mut module = core.to_vec();
    if !has_component_type(core)? {
        let (resolve, world) = guestkit_codegen::wit::host();
        wit_component::embed_component_metadata(&mut module, &resolve, world, StringEncoding::UTF8)
            .context("embedding the guestkit:host/actor world's component type")?;
    }
    let mut encoder = ComponentEncoder::default()
        .module(&module)
        .context("reading the module's component type")?
        .validate(true);
    if target == GuestTarget::Wasip1 {
        encoder = encoder
            .adapter(
                "wasi_snapshot_preview1",
                WASI_SNAPSHOT_PREVIEW1_REACTOR_ADAPTER,
            )
            .context("loading the WASI preview1 adapter")?;
    }
    encoder.encode().with_context(|| {
        format!(
            "componentizing the {target} module; its imports must come from the guestkit:host \
             world{}",
            if target == GuestTarget::Wasip1 {
                " or WASI preview 1"
            } else {
                ""
            }
        )
    })
}

/// Whether `module` carries a `component-type` custom section.
fn has_component_type(module: &[u8]) -> anyhow::Result<bool> {
    for payload in wasmparser::Parser::new(0).parse_all(module) {
        if let wasmparser::Payload::CustomSection(section) =
            payload.context("reading the module")?
            && section.name().starts_with("component-type")
        {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A core module with the host world's imports and exports but no `component-type`
    /// section, as a toolchain without wit-bindgen would leave it.
    fn bare_module() -> Vec<u8> {
        let (resolve, world) = guestkit_codegen::wit::host();
        wit_component::dummy_module(&resolve, world, wit_parser::ManglingAndAbi::Standard32)
    }

    #[test]
    fn a_module_without_component_type_gets_the_host_world() {
        let module = bare_module();
        assert!(!has_component_type(&module).unwrap());
        let component = componentize(&module, GuestTarget::UnknownUnknown).unwrap();
        let summary = guestkit_shim::conformance::check(&component).unwrap();
        assert!(
            summary
                .imports
                .iter()
                .all(|i| i.starts_with("guestkit:host/"))
        );
    }

    #[test]
    fn an_import_outside_the_world_is_refused_while_componentizing() {
        let mut module = wat::parse_str(
            r#"(module (import "acme:db/query@1.0.0" "run" (func)) (memory (export "memory") 1))"#,
        )
        .unwrap();
        let (resolve, world) = guestkit_codegen::wit::host();
        wit_component::embed_component_metadata(&mut module, &resolve, world, StringEncoding::UTF8)
            .unwrap();
        let err = format!(
            "{:#}",
            componentize(&module, GuestTarget::UnknownUnknown).unwrap_err()
        );
        assert!(err.contains("acme:db/query@1.0.0"), "{err}");
        assert!(
            err.contains("componentizing the wasm32-unknown-unknown module"),
            "{err}"
        );
    }
}

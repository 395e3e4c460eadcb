//! `guestkit::contract!("proto/x.proto")`: the Rust side of a protobuf contract.
//!
//! Expands to one module per protobuf package (prost message types plus a trait per
//! service, see [`crate::service`]), and an `include_bytes!` of every contract file read, so
//! editing a `.proto` rebuilds the guest.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use proc_macro2::TokenStream;
use prost_build::Module;
use quote::quote;

use crate::Options;
use crate::proto::{self, ProtoError};
use crate::service::ServiceTraits;

/// The directories imports of `file` resolve against: its own folder, then the crate's `proto/`.
pub fn include_dirs(manifest_dir: &Path, file: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(parent) = file.parent() {
        dirs.push(parent.to_path_buf());
    }
    let proto = manifest_dir.join("proto");
    if proto.is_dir() && !dirs.contains(&proto) {
        dirs.push(proto);
    }
    dirs
}

/// Expands the contract at `relative` (to `manifest_dir`).
pub fn expand(
    manifest_dir: &Path,
    relative: &str,
    opts: &Options,
) -> Result<TokenStream, ProtoError> {
    let file = manifest_dir.join(relative);
    if !file.is_file() {
        return Err(ProtoError(format!(
            "{relative}: no such proto file; paths are relative to the crate's Cargo.toml"
        )));
    }
    let includes = include_dirs(manifest_dir, &file);
    let mut fds = proto::compile(std::slice::from_ref(&file), &includes)?;
    proto::refuse_unsupported(&fds, &includes)?;
    proto::normalize_comments(&mut fds);
    let krate = opts.crate_name();

    let problems = Rc::new(RefCell::new(Vec::new()));
    let mut config = prost_build::Config::new();
    config
        .prost_path(format!("{krate}::__private::prost"))
        // Not under `__private`: prost-build writes each segment of this path in snake case,
        // which would make it `private`. Users name these types too (`guestkit::prost_types::
        // Timestamp`).
        .prost_types_path(format!("{krate}::prost_types"))
        .service_generator(Box::new(ServiceTraits {
            opts: opts.clone(),
            problems: problems.clone(),
        }));
    let user_files: Vec<_> = fds
        .file
        .iter()
        .filter(|f| !is_well_known(f.name()))
        .collect();
    // Every file goes in, the well-known ones too: prost-build looks up the message types of
    // every field (to decide what to derive), and generates nothing for the well-known ones,
    // which it maps to prost-types.
    let requests = fds
        .file
        .iter()
        .map(|f| (Module::from_protobuf_package_name(f.package()), f.clone()))
        .collect();
    let modules = config
        .generate(requests)
        .map_err(|e| ProtoError(format!("{}: {e}", file.display())))?;
    if let Some(problem) = problems.borrow().first() {
        return Err(ProtoError(format!("{}: {problem}", file.display())));
    }

    let mut root = ModuleTree::default();
    for (module, code) in modules {
        let code: TokenStream = code.parse().map_err(|e| {
            ProtoError(format!(
                "{}: generated code does not parse: {e}",
                file.display()
            ))
        })?;
        let node = module.parts().fold(&mut root, |node, part| {
            node.children.entry(part.to_owned()).or_default()
        });
        node.code.extend(code);
    }
    let tracked = user_files
        .iter()
        .filter_map(|f| proto::source_path(f.name(), &includes))
        .map(|p| p.display().to_string());
    let body = root.into_tokens();
    Ok(quote! {
        #(const _: &[u8] = ::core::include_bytes!(#tracked);)*
        #body
    })
}

/// Whether `name` is one of the well-known types' files, which prost-types holds.
fn is_well_known(name: &str) -> bool {
    name.starts_with("google/protobuf/")
}

/// Generated code by module path, so sibling packages (`a.b` and `a.c`) share `mod a`.
#[derive(Default)]
struct ModuleTree {
    code: TokenStream,
    children: BTreeMap<String, ModuleTree>,
}

impl ModuleTree {
    fn into_tokens(self) -> TokenStream {
        let mut out = self.code;
        for (name, child) in self.children {
            let ident = syn::parse_str::<syn::Ident>(&name)
                .unwrap_or_else(|_| syn::Ident::new_raw(&name, proc_macro2::Span::call_site()));
            let inner = child.into_tokens();
            out.extend(quote! {
                #[allow(clippy::all, missing_docs)]
                pub mod #ident { #inner }
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_well_known_type_maps_to_prost_types() {
        let dir = tempfile::tempdir().unwrap();
        let wkt = [
            "any",
            "duration",
            "empty",
            "field_mask",
            "struct",
            "timestamp",
            "wrappers",
        ];
        let imports: String = (wkt.iter())
            .map(|f| format!("import \"google/protobuf/{f}.proto\";\n"))
            .collect();
        let proto = format!(
            "syntax = \"proto3\";\npackage shop.v1;\n{imports}\
             message Order {{\n  google.protobuf.Timestamp at = 1;\n  \
             google.protobuf.Duration within = 2;\n  google.protobuf.Any detail = 3;\n  \
             google.protobuf.Struct extra = 4;\n  google.protobuf.Value one = 5;\n  \
             google.protobuf.ListValue many = 6;\n  google.protobuf.FieldMask mask = 7;\n  \
             google.protobuf.StringValue note = 8;\n  google.protobuf.Int64Value big = 9;\n  \
             repeated google.protobuf.Timestamp history = 10;\n  \
             map<string, google.protobuf.Duration> waits = 11;\n}}\n\
             service Shop {{ rpc Ping(google.protobuf.Empty) returns (Order); }}\n"
        );
        std::fs::create_dir(dir.path().join("proto")).unwrap();
        std::fs::write(dir.path().join("proto/shop.proto"), proto).unwrap();
        let code = expand(dir.path(), "proto/shop.proto", &Options::guest())
            .unwrap()
            .to_string();
        for wkt in [
            "Timestamp",
            "Duration",
            "Any",
            "Struct",
            "Value",
            "FieldMask",
        ] {
            let path = format!(":: guestkit :: prost_types :: {wkt} >");
            assert!(code.contains(&path), "{wkt}: {code}");
        }
        assert!(code.contains("request : ()"), "Empty is (): {code}");
        assert!(code.contains("Option < i64 >"), "Int64Value is i64: {code}");
        assert!(
            !code.contains("pub mod google"),
            "no module of its own: {code}"
        );
    }
}

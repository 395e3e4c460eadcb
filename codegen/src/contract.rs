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
    let fds = proto::compile(std::slice::from_ref(&file), &includes)?;
    let krate = opts.crate_name();

    let problems = Rc::new(RefCell::new(Vec::new()));
    let mut config = prost_build::Config::new();
    config
        .prost_path(format!("{krate}::__private::prost"))
        .prost_types_path(format!("{krate}::__private::prost_types"))
        .service_generator(Box::new(ServiceTraits {
            opts: opts.clone(),
            problems: problems.clone(),
        }));
    let user_files: Vec<_> = fds
        .file
        .iter()
        .filter(|f| !f.name().starts_with("google/protobuf/"))
        .collect();
    let requests = user_files
        .iter()
        .map(|f| {
            (
                Module::from_protobuf_package_name(f.package()),
                (*f).clone(),
            )
        })
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

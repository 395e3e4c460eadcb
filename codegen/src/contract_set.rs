//! A guest crate's whole contract: every `.proto` under its `proto/` folder, compiled
//! together, and the world of its `wit/` folder (with `deps/`), resolved next to the
//! platform's `guestkit:host`. What `cargo guest build` embeds in the component, and what
//! `cargo guest bindings` expands through the same generators the macros use.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use prost_build::Module;

use crate::bindings::{self, WitError, WitWorld};
use crate::proto::{self, ProtoError};
use crate::wit::{self, GuestWorld};
use crate::{Options, Side, contract, stub};

/// A crate's contracts could not be read, or do not fit together.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ContractError(pub String);

impl From<ProtoError> for ContractError {
    fn from(e: ProtoError) -> Self {
        Self(e.0)
    }
}

impl From<WitError> for ContractError {
    fn from(e: WitError) -> Self {
        Self(e.0)
    }
}

/// The contracts of one guest crate.
pub struct ContractSet {
    /// The crate's directory.
    pub dir: PathBuf,
    /// Its `.proto` files, relative to `dir`, sorted.
    pub protos: Vec<String>,
    /// Those files compiled, when there are any.
    pub descriptors: Option<prost_types::FileDescriptorSet>,
    /// Its own WIT world, when it has a `wit/` folder.
    pub wit: Option<WitWorld>,
}

/// The `.proto` files under `dir/proto`, sorted, and those files compiled together (none
/// when there are none).
pub fn load_protos(
    dir: &Path,
) -> Result<(Vec<PathBuf>, Option<prost_types::FileDescriptorSet>), ContractError> {
    let proto_dir = dir.join("proto");
    let mut files = Vec::new();
    if proto_dir.is_dir() {
        collect(&proto_dir, &mut files)?;
    }
    files.sort();
    if files.is_empty() {
        return Ok((files, None));
    }
    let fds = proto::compile(&files, &[proto_dir])?;
    check_modules(&fds)?;
    Ok((files, Some(fds)))
}

impl ContractSet {
    /// Reads and checks the contracts of the crate in `dir`; `world` picks among several
    /// worlds of its `wit/` folder.
    pub fn load(dir: &Path, world: Option<&str>) -> Result<Self, ContractError> {
        let (files, descriptors) = load_protos(dir)?;
        if let Some(fds) = &descriptors {
            proto::refuse_unsupported(fds, &[dir.join("proto")])?;
        }
        let wit = if dir.join("wit").is_dir() {
            Some(WitWorld::load(dir, "wit", world)?)
        } else {
            None
        };
        let protos = files
            .iter()
            .map(|f| {
                f.strip_prefix(dir)
                    .unwrap_or(f)
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        Ok(Self {
            dir: dir.to_path_buf(),
            protos,
            descriptors,
            wit,
        })
    }

    /// The world the crate is built against, printed as one self-contained WIT document: its
    /// own world, or the platform's actor world when it has no `wit/` folder.
    pub fn world(&self) -> anyhow::Result<GuestWorld> {
        match &self.wit {
            Some(own) => wit::print(&own.resolve, own.world),
            None => {
                let (resolve, world) = wit::host();
                wit::print(&resolve, world)
            }
        }
    }

    /// What the macros expand to for these contracts on `opts.side`: `contract!` for each
    /// proto file, then `wit!` for the world.
    pub fn expand(&self, opts: &Options) -> Result<TokenStream, ContractError> {
        let mut out = TokenStream::new();
        for file in &self.protos {
            out.extend(contract::expand(&self.dir, file, opts)?);
        }
        if let Some(wit) = &self.wit {
            out.extend(match opts.side {
                Side::Guest => bindings::guest(wit, opts)?
                    .parse::<TokenStream>()
                    .map_err(|e| ContractError(e.to_string()))?,
                Side::Host => stub::host(wit, opts),
            });
        }
        Ok(out)
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ProtoError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| ProtoError(format!("{}: {e}", dir.display())))?;
    for entry in entries {
        let path = entry
            .map_err(|e| ProtoError(format!("{}: {e}", dir.display())))?
            .path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "proto") {
            out.push(path);
        }
    }
    Ok(())
}

/// Two proto packages that become the same Rust module (`acme.Greeter` and `acme.greeter`)
/// would merge their types; refuse them, naming both files.
fn check_modules(fds: &prost_types::FileDescriptorSet) -> Result<(), ProtoError> {
    let mut modules: BTreeMap<Vec<String>, (&str, &str)> = BTreeMap::new();
    for file in &fds.file {
        let module: Vec<String> = Module::from_protobuf_package_name(file.package())
            .parts()
            .map(str::to_owned)
            .collect();
        match modules.get(&module) {
            Some((package, other)) if *package != file.package() => {
                return Err(ProtoError(format!(
                    "{}: package `{}` clashes with package `{package}` of {other}: both become \
                     Rust module `{}`; rename one of them",
                    file.name(),
                    file.package(),
                    module.join("::")
                )));
            }
            _ => {
                modules.insert(module, (file.package(), file.name()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn names_with_no_rust_name_are_refused_where_they_are() {
        // prost-build made empty Rust names of `_`, and the expansion panicked.
        for (body, says) in [
            ("service _ {}", "a.proto:4:1: service `_` has no Rust name"),
            (
                "service S { rpc __(M) returns (M); }",
                "a.proto:4:13: rpc `__` has no",
            ),
            ("message _ {}", "a.proto:4:1: message `_` has no"),
            (
                "message N { message _ {} }",
                "a.proto:4:13: message `_` has no",
            ),
            (
                "message N { int32 _ = 1; }",
                "a.proto:4:13: field `_` has no",
            ),
            ("enum E { _ = 0; }", "a.proto:4:10: value `_` has no"),
        ] {
            let text = format!(
                "syntax = \"proto3\";\npackage shop;\nmessage M {{ string id = 1; }}\n{body}\n"
            );
            let dir = crate_with(&[("proto/a.proto", &text)]);
            let e = ContractSet::load(dir.path(), None)
                .err()
                .unwrap()
                .to_string();
            assert!(e.contains(says), "{body}: {e}");
        }
        let dir = crate_with(&[(
            "proto/a.proto",
            "syntax = \"proto3\";\npackage shop._;\nmessage M { string id = 1; }\n",
        )]);
        let e = ContractSet::load(dir.path(), None)
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains("a.proto:2:1: package `shop._` has no Rust name"),
            "{e}"
        );
        let e = contract::expand(dir.path(), "proto/a.proto", &Options::guest())
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("a.proto:2:1: package `shop._`"), "{e}");
    }

    #[test]
    fn the_greeter_expands_on_both_sides() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/greeter");
        let set = ContractSet::load(&dir, None).unwrap();
        assert_eq!(set.protos, ["proto/greeter.proto"]);
        let guest = crate::pretty(&set.expand(&Options::guest()).unwrap());
        assert!(guest.contains("pub trait GreeterService"), "{guest}");
        assert!(guest.contains("pub mod directory"), "{guest}");
        let host = crate::pretty(&set.expand(&Options::host()).unwrap());
        assert!(
            host.contains("pub struct GreeterServiceClient<'transport>"),
            "{host}"
        );
        assert!(
            host.contains("pub struct DirectoryClient<'transport>"),
            "{host}"
        );
    }

    #[test]
    fn packages_that_become_one_module_are_refused() {
        let dir = crate_with(&[
            (
                "proto/a.proto",
                "syntax = \"proto3\";\npackage acme.Greeter;\nmessage A {}\n",
            ),
            (
                "proto/b.proto",
                "syntax = \"proto3\";\npackage acme.greeter;\nmessage B {}\n",
            ),
        ]);
        let e = ContractSet::load(dir.path(), None)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("clashes with package"), "{e}");
        assert!(e.contains("acme::greeter"), "{e}");
    }

    #[test]
    fn wit_and_proto_errors_point_at_the_line() {
        let dir = crate_with(&[(
            "proto/a.proto",
            "syntax = \"proto3\";\npackage a;\nimport \"missing.proto\";\n",
        )]);
        let e = ContractSet::load(dir.path(), None)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("a.proto:3:"), "{e}");
        let dir = crate_with(&[("wit/w.wit", "package a:b;\nworld w {\n  export nope;\n}\n")]);
        let e = ContractSet::load(dir.path(), None)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("w.wit:3:"), "{e}");
    }
}

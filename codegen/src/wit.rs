//! The WIT side of a guest's contract: the world it is built against, resolved with
//! wit-parser and printed back as one self-contained WIT document.

use anyhow::Context as _;
use wit_component::WitPrinter;
use wit_parser::Resolve;

/// The platform's host contract, `guestkit:host`, as shipped with this toolchain.
pub const HOST_WIT: &str = include_str!("../../wit/host.wit");

/// The world every guest includes.
pub const HOST_WORLD: &str = "guestkit:host/actor@0.1.0";

/// A world and the WIT text that defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestWorld {
    /// Fully qualified name, `namespace:package/world@version`.
    pub name: String,
    /// The world's package, with every package it uses nested in `package … { }` blocks, so
    /// the text parses on its own.
    pub text: String,
}

/// The platform host world, resolved.
pub fn host() -> (Resolve, wit_parser::WorldId) {
    let mut resolve = Resolve::default();
    let pkg = resolve
        .push_str("host.wit", HOST_WIT)
        .expect("the bundled host.wit parses");
    let world = resolve
        .select_world(&[pkg], Some("actor"))
        .expect("host.wit defines world `actor`");
    (resolve, world)
}

/// Prints `world`'s package with every other package of `resolve` nested in it. Doc
/// comments are left out: they are not part of the contract, and editing one should not
/// change its hash.
pub fn print(resolve: &Resolve, world: wit_parser::WorldId) -> anyhow::Result<GuestWorld> {
    let main = resolve.worlds[world]
        .package
        .context("a resolved world belongs to a package")?;
    let nested: Vec<_> = resolve
        .packages
        .iter()
        .map(|(id, _)| id)
        .filter(|id| *id != main)
        .collect();
    let mut printer = WitPrinter::default();
    printer.emit_docs(false);
    printer.print(resolve, main, &nested)?;
    Ok(GuestWorld {
        name: resolve.id_of_name(main, &resolve.worlds[world].name),
        text: printer.output.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    use crate::contract_set::ContractSet;

    /// The world a package in `dir` is built against.
    fn guest_world(dir: &Path) -> GuestWorld {
        ContractSet::load(dir, None).unwrap().world().unwrap()
    }

    /// A package directory whose `wit/` folder holds `file` with `text`.
    fn package_with_wit(file: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("wit")).unwrap();
        std::fs::write(dir.path().join("wit").join(file), text).unwrap();
        dir
    }

    #[test]
    fn a_package_without_wit_gets_the_host_world_and_its_text_parses_back() {
        let dir = tempfile::tempdir().unwrap();
        let world = guest_world(dir.path());
        assert_eq!(world.name, HOST_WORLD);
        let mut resolve = Resolve::default();
        let pkg = resolve.push_str("printed.wit", &world.text).unwrap();
        resolve.select_world(&[pkg], Some("actor")).unwrap();
    }

    #[test]
    fn a_package_world_may_include_the_host_world() {
        let dir = package_with_wit(
            "guest.wit",
            "package acme:greeter@1.0.0;\n\
             interface names { pick: func(n: u32) -> string; }\n\
             world greeter { include guestkit:host/actor@0.1.0; export names; }\n",
        );
        let world = guest_world(dir.path());
        assert_eq!(world.name, "acme:greeter/greeter@1.0.0");
        assert!(world.text.contains("package guestkit:host@0.1.0 {"));
        let mut resolve = Resolve::default();
        let pkg = resolve.push_str("printed.wit", &world.text).unwrap();
        resolve.select_world(&[pkg], Some("greeter")).unwrap();
    }

    #[test]
    fn a_wit_error_names_the_folder() {
        let dir = package_with_wit("bad.wit", "package a:b;\nworld w { import nope; }\n");
        let err = ContractSet::load(dir.path(), None)
            .err()
            .expect("the WIT is refused")
            .to_string();
        assert!(err.contains("wit"), "{err}");
        assert!(err.contains("nope"), "{err}");
    }
}

//! `cargo guest new`: scaffold a guest crate from the templates in `templates/guest`.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

/// Create a guest crate: a protobuf contract, an actor implementing it, and a test.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Name of the crate; also its directory unless --path is given
    pub name: String,
    /// Directory to create (default: ./NAME)
    #[arg(long, value_name = "DIR")]
    pub path: Option<PathBuf>,
    /// Depend on the guestkit crate at this path (default: the guestkit sources this
    /// cargo-guest was built from)
    #[arg(long, value_name = "DIR")]
    pub guestkit_path: Option<PathBuf>,
}

/// (path in the new crate, template text); `{{snake}}` in a path is replaced too.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "Cargo.toml",
        include_str!("../../../templates/guest/Cargo.toml.tmpl"),
    ),
    (
        ".gitignore",
        include_str!("../../../templates/guest/gitignore.tmpl"),
    ),
    (
        "proto/{{snake}}.proto",
        include_str!("../../../templates/guest/proto/service.proto.tmpl"),
    ),
    (
        "src/lib.rs",
        include_str!("../../../templates/guest/src/lib.rs.tmpl"),
    ),
    (
        "tests/actor.rs",
        include_str!("../../../templates/guest/tests/actor.rs.tmpl"),
    ),
];

pub fn run(args: NewArgs) -> anyhow::Result<()> {
    check_name(&args.name)?;
    let dir = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(&args.name));
    if dir.exists() {
        bail!(
            "{} already exists; pick another name or --path",
            dir.display()
        );
    }
    let guestkit = guestkit_dependency(args.guestkit_path.as_deref())?;
    let snake = args.name.replace('-', "_");
    let pascal: String = snake
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| w[..1].to_uppercase() + &w[1..])
        .collect();
    let fill = |text: &str| {
        text.replace("{{crate}}", &args.name)
            .replace("{{snake}}", &snake)
            .replace("{{Pascal}}", &pascal)
            .replace("{{guestkit}}", &guestkit)
    };
    for (path, text) in TEMPLATES {
        let path = dir.join(fill(path));
        std::fs::create_dir_all(path.parent().expect("template paths have a parent"))
            .with_context(|| format!("cannot create {}", dir.display()))?;
        std::fs::write(&path, fill(text))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    eprintln!(
        "{:>12} guest `{}` in {}",
        "Created",
        args.name,
        dir.display()
    );
    eprintln!(
        "{:>12} cd {} && cargo guest run --route {snake}.v1.{pascal}Service/Greet --body '{{\"name\": \"Ada\"}}'",
        "Next:",
        dir.display()
    );
    Ok(())
}

/// Crate names: ASCII letters, digits, `-` and `_`, starting with a letter.
fn check_name(name: &str) -> anyhow::Result<()> {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        bail!(
            "`{name}` is not a usable guest name: use lowercase ASCII letters, digits, `-` and `_`, \
             starting with a letter (e.g. `my-actor`)"
        );
    }
    Ok(())
}

/// The `guestkit = ...` line of the new crate's Cargo.toml.
fn guestkit_dependency(explicit: Option<&Path>) -> anyhow::Result<String> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../guestkit"),
    };
    let path = path.canonicalize().with_context(|| {
        format!(
            "the guestkit crate is not at {}; pass --guestkit-path DIR",
            path.display()
        )
    })?;
    if !path.join("Cargo.toml").is_file() {
        bail!(
            "{} has no Cargo.toml; --guestkit-path must point at the guestkit crate",
            path.display()
        );
    }
    Ok(format!(
        "guestkit = {{ path = {:?} }}",
        path.display().to_string()
    ))
}

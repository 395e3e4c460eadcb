//! `cargo guest new`: scaffold a guest crate, or an app of two actors, from the templates in
//! `templates/`. A guest created inside an existing workspace becomes one of its members (and
//! one of its app's actors, when the workspace declares an app) instead of a workspace of its
//! own.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use toml_edit::{DocumentMut, Item, Table, value};

/// Create a guest crate with its tests (a protobuf service, a process-mode actor, or a durable
/// workflow), or with `--template app` a workspace of two actors that call each other
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Name of the crate (or the app); also its directory unless --path is given
    pub name: String,
    /// Directory to create (default: ./NAME)
    #[arg(long, value_name = "DIR")]
    pub path: Option<PathBuf>,
    /// What to scaffold
    #[arg(long, value_enum, default_value_t = Template::Service)]
    pub template: Template,
    /// Depend on the guestkit crate at this path (default: the guestkit sources this
    /// cargo-guest was built from)
    #[arg(long, value_name = "DIR")]
    pub guestkit_path: Option<PathBuf>,
}

/// The kinds of scaffold. Each guest is a crate of its own workspace, or a member of the
/// workspace it is created in, with tests that pass as scaffolded (`cargo guest test`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    /// A guest serving a protobuf service, with state
    #[value(alias = "guest")]
    Service,
    /// A process-mode actor: it loops in `init`, receiving by tag with a timeout
    Actor,
    /// A durable workflow: a journaled step, a day-long durable timer, an awakeable
    Workflow,
    /// A workspace of two actors, `orders` calling `inventory`, declared as an app for
    /// `cargo guest serve` and `cargo guest dev`
    App,
}

/// (path in the new directory, template text); placeholders in a path are filled in too.
type Files = &'static [(&'static str, &'static str)];

macro_rules! template {
    ($path:literal, $file:literal) => {
        ($path, include_str!(concat!("../../../templates/", $file)))
    };
}

/// What every guest crate has.
const GUEST: Files = &[
    template!("Cargo.toml", "guest/Cargo.toml.tmpl"),
    template!(".gitignore", "guest/gitignore.tmpl"),
];

const SERVICE: Files = &[
    template!("proto/{{snake}}.proto", "service/proto/service.proto.tmpl"),
    template!("src/lib.rs", "service/src/lib.rs.tmpl"),
    template!("tests/service.rs", "service/tests/service.rs.tmpl"),
];

const ACTOR: Files = &[
    template!("src/lib.rs", "actor/src/lib.rs.tmpl"),
    template!("tests/actor.rs", "actor/tests/actor.rs.tmpl"),
];

const WORKFLOW: Files = &[
    template!("proto/{{snake}}.proto", "workflow/proto/service.proto.tmpl"),
    template!("src/lib.rs", "workflow/src/lib.rs.tmpl"),
    template!("tests/workflow.rs", "workflow/tests/workflow.rs.tmpl"),
];

impl Template {
    /// The files of a crate of this kind, beside [`GUEST`]'s (all of an app's).
    fn files(self) -> Files {
        match self {
            Template::Service => SERVICE,
            Template::Actor => ACTOR,
            Template::Workflow => WORKFLOW,
            Template::App => APP,
        }
    }
}

const APP: Files = &[
    template!("Cargo.toml", "app/Cargo.toml.tmpl"),
    template!(".gitignore", "app/gitignore.tmpl"),
    template!("README.md", "app/README.md.tmpl"),
    template!("inventory/Cargo.toml", "app/inventory/Cargo.toml.tmpl"),
    template!(
        "inventory/proto/inventory.proto",
        "app/inventory/proto/inventory.proto.tmpl"
    ),
    template!("inventory/src/lib.rs", "app/inventory/src/lib.rs.tmpl"),
    template!("orders/Cargo.toml", "app/orders/Cargo.toml.tmpl"),
    template!(
        "orders/proto/orders.proto",
        "app/orders/proto/orders.proto.tmpl"
    ),
    template!("orders/src/lib.rs", "app/orders/src/lib.rs.tmpl"),
    template!("orders/tests/orders.rs", "app/orders/tests/orders.rs.tmpl"),
];

/// What a standalone guest's manifest ends with.
const OWN_WORKSPACE: &str = "
# Its own workspace, so the guest builds wherever it was created. Delete this table to make
# it a member of an enclosing workspace instead.
[workspace]
";

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
    let enclosing = Enclosing::find(&dir)?;
    let snake = args.name.replace('-', "_");
    let pascal: String = snake
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| w[..1].to_uppercase() + &w[1..])
        .collect();
    let path_dependency = || guestkit_dependency(args.guestkit_path.as_deref());
    let guestkit_test = match &enclosing {
        Some(enclosing) if enclosing.has_guestkit_test => "guestkit-test.workspace = true".into(),
        _ => test_dependency(args.guestkit_path.as_deref())?,
    };
    let (common, guestkit, workspace) = match (args.template, &enclosing) {
        (Template::App, Some(enclosing)) => bail!(
            "{} is inside the workspace at {}; an app is a workspace of its own: create it \
             elsewhere (--path), or add guests to that workspace with `cargo guest new NAME` \
             and declare them in its [workspace.metadata.guestkit.actors]",
            dir.display(),
            enclosing.root.display()
        ),
        (Template::App, None) => (&[][..], path_dependency()?, String::new()),
        (_, Some(enclosing)) if enclosing.has_guestkit => {
            (GUEST, "guestkit.workspace = true".to_owned(), String::new())
        }
        (_, Some(_)) => (GUEST, path_dependency()?, String::new()),
        (_, None) => (GUEST, path_dependency()?, OWN_WORKSPACE.to_owned()),
    };
    let fill = |text: &str| {
        text.replace("{{crate}}", &args.name)
            .replace("{{snake}}", &snake)
            .replace("{{Pascal}}", &pascal)
            .replace("{{guestkit}}", &guestkit)
            .replace("{{guestkit_test}}", &guestkit_test)
            .replace("{{workspace}}", &workspace)
    };
    for (path, text) in common.iter().chain(args.template.files()) {
        let path = dir.join(fill(path));
        std::fs::create_dir_all(path.parent().expect("template paths have a parent"))
            .with_context(|| format!("cannot create {}", dir.display()))?;
        std::fs::write(&path, fill(text))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    match (args.template, enclosing) {
        (Template::App, _) => {
            eprintln!(
                "{:>12} app `{}` (actors `inventory` and `orders`) in {}",
                "Created",
                args.name,
                dir.display()
            );
            eprintln!("{:>12} cd {} && cargo guest dev", "Next:", dir.display());
        }
        (_, Some(mut enclosing)) => {
            let durable = args.template == Template::Workflow;
            let actor = enclosing.add_member(&dir, &args.name, durable)?;
            eprintln!(
                "{:>12} guest `{}` in {}, a member of the workspace at {}{}",
                "Created",
                args.name,
                dir.display(),
                enclosing.root.display(),
                match actor {
                    true => " and an actor of its app",
                    false => "",
                }
            );
            eprintln!("{:>12} cargo guest test -p {}", "Next:", args.name);
        }
        (_, None) => {
            eprintln!(
                "{:>12} guest `{}` in {}",
                "Created",
                args.name,
                dir.display()
            );
            eprintln!("{:>12} cd {} && cargo guest test", "Next:", dir.display());
        }
    }
    Ok(())
}

/// The workspace a new directory would belong to, as cargo finds it: the nearest manifest
/// above it with a `[workspace]` table, unless that workspace excludes the directory or it
/// lies in the workspace's `target/`.
struct Enclosing {
    root: PathBuf,
    manifest: DocumentMut,
    /// Whether `[workspace.dependencies]` has `guestkit`, and `guestkit-test`, for members
    /// to inherit.
    has_guestkit: bool,
    has_guestkit_test: bool,
    /// Where the new directory will be, relative to `root`, with `/` separators.
    relative: String,
}

impl Enclosing {
    fn find(dir: &Path) -> anyhow::Result<Option<Self>> {
        let cwd = std::env::current_dir().context("the current directory is unreadable")?;
        let dir = cwd.join(dir);
        // The nearest ancestor that exists, resolved, then the new directory's remaining
        // components under it.
        let mut existing = dir.parent();
        while let Some(at) = existing.filter(|p| !p.exists()) {
            existing = at.parent();
        }
        let Some(existing) = existing else {
            return Ok(None);
        };
        let resolved = existing
            .canonicalize()
            .with_context(|| format!("cannot resolve {}", existing.display()))?
            .join(dir.strip_prefix(existing).expect("an ancestor"));
        for root in resolved.ancestors().skip(1) {
            let path = root.join("Cargo.toml");
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let manifest: DocumentMut = text
                .parse()
                .with_context(|| format!("{} is not valid TOML", path.display()))?;
            let Some(workspace) = manifest.get("workspace").and_then(Item::as_table) else {
                continue;
            };
            let relative = relative(&resolved, root);
            let excluded = relative == "target"
                || relative.starts_with("target/")
                || (workspace.get("exclude").and_then(Item::as_array)).is_some_and(|list| {
                    list.iter().filter_map(|e| e.as_str()).any(|e| {
                        let e = e.trim_end_matches('/');
                        relative == e || relative.starts_with(&format!("{e}/"))
                    })
                });
            if excluded {
                return Ok(None);
            }
            let declares = |name: &str| {
                (workspace.get("dependencies"))
                    .and_then(|d| d.get(name))
                    .is_some()
            };
            let (has_guestkit, has_guestkit_test) =
                (declares("guestkit"), declares("guestkit-test"));
            return Ok(Some(Self {
                root: root.to_path_buf(),
                manifest,
                has_guestkit,
                has_guestkit_test,
                relative,
            }));
        }
        Ok(None)
    }

    /// Lists the new crate in `workspace.members` (unless an entry, or a `dir/*` glob, covers
    /// it already) and, when the workspace declares an app, declares it an actor of the app
    /// under its own name; true when it did the latter.
    fn add_member(&mut self, dir: &Path, name: &str, durable: bool) -> anyhow::Result<bool> {
        let path = self.root.join("Cargo.toml");
        let workspace = self.manifest["workspace"]
            .as_table_mut()
            .expect("found by its [workspace] table");
        let members = workspace
            .entry("members")
            .or_insert_with(|| value(toml_edit::Array::new()))
            .as_array_mut()
            .with_context(|| format!("{}: `workspace.members` is not a list", path.display()))?;
        let parent = self.relative.rsplit_once('/').map_or("", |(p, _)| p);
        let covered = members.iter().filter_map(|m| m.as_str()).any(|m| {
            m.trim_end_matches('/') == self.relative
                || m.strip_suffix("/*").is_some_and(|glob| glob == parent)
        });
        if !covered {
            members.push(self.relative.as_str());
        }
        let actors = workspace
            .get_mut("metadata")
            .and_then(|m| m.get_mut("guestkit"))
            .and_then(|g| g.get_mut("actors"))
            .and_then(Item::as_table_mut);
        let declared = match actors {
            Some(actors) if !actors.contains_key(name) => {
                let mut actor = Table::new();
                actor.insert("package", value(name));
                if durable {
                    actor.insert("durable", value(true));
                }
                actors.insert(name, Item::Table(actor));
                true
            }
            _ => false,
        };
        std::fs::write(&path, self.manifest.to_string()).with_context(|| {
            format!(
                "created {} but could not add it to {}",
                dir.display(),
                path.display()
            )
        })?;
        Ok(declared)
    }
}

/// `path` relative to `root` (an ancestor), with `/` separators.
fn relative(path: &Path, root: &Path) -> String {
    let rest = path.strip_prefix(root).expect("an ancestor");
    let parts: Vec<_> = rest.iter().map(|c| c.to_string_lossy()).collect();
    parts.join("/")
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
    let path = guestkit_dir(explicit)?;
    Ok(format!(
        "guestkit = {{ path = {:?} }}",
        path.display().to_string()
    ))
}

/// The `guestkit-test = ...` line of the new crate's Cargo.toml: the crate beside guestkit.
fn test_dependency(explicit: Option<&Path>) -> anyhow::Result<String> {
    let guestkit = guestkit_dir(explicit)?;
    let path = guestkit.with_file_name("guestkit-test");
    if !path.join("Cargo.toml").is_file() {
        bail!(
            "guestkit-test is not beside guestkit at {}; its tests depend on it",
            path.display()
        );
    }
    Ok(format!(
        "guestkit-test = {{ path = {:?} }}",
        path.display().to_string()
    ))
}

/// The guestkit crate's directory: the one given, or the sources this cargo-guest was built
/// from.
fn guestkit_dir(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
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
    Ok(path)
}

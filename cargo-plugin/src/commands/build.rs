//! `cargo guest build`: compile guest packages to components, validate them against the host
//! world, embed their contract, and write `target/guest/NAME.wasm`.

use std::io::BufReader;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{Context as _, bail};
use cargo_metadata::Message;
use guestkit_codegen::embed;

use crate::workspace::Workspace;
use crate::{contract, toolchain};

/// The target guests are built for: rustc emits a component for it directly.
pub const TARGET: &str = "wasm32-wasip2";

/// Build guest packages into validated components under target/guest/.
#[derive(Debug, Default, clap::Args)]
pub struct BuildArgs {
    /// Guest package to build; repeatable (default: the current package, or every guest)
    #[arg(short, long = "package", value_name = "PKG")]
    pub packages: Vec<String>,
    /// Build with the release profile
    #[arg(long)]
    pub release: bool,
    /// Path to the Cargo.toml of the package or workspace
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
}

/// A component written by `build`.
#[derive(Debug)]
pub struct BuiltGuest {
    pub package: String,
    pub path: PathBuf,
}

pub fn run(args: BuildArgs) -> anyhow::Result<Vec<BuiltGuest>> {
    let workspace = Workspace::load(args.manifest_path.as_ref())?;
    let guests = workspace.guests(&args.packages)?;
    toolchain::ensure_target(TARGET)?;

    let mut cargo = Command::new(toolchain::cargo());
    cargo.args([
        "build",
        "--target",
        TARGET,
        "--message-format=json-render-diagnostics",
    ]);
    cargo
        .arg("--manifest-path")
        .arg(workspace.metadata.workspace_root.join("Cargo.toml"));
    if args.release {
        cargo.arg("--release");
    }
    for guest in &guests {
        cargo.args(["-p", guest.name.as_str()]);
    }
    let mut child = cargo
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot run cargo")?;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut artifacts = Vec::new();
    for message in Message::parse_stream(BufReader::new(stdout)) {
        if let Message::CompilerArtifact(a) = message.context("reading cargo's build messages")? {
            let Some(guest) = guests.iter().find(|g| g.id == a.package_id) else {
                continue;
            };
            if let Some(wasm) = a.filenames.iter().find(|f| f.extension() == Some("wasm")) {
                artifacts.push((
                    guest.name.to_string(),
                    guest.manifest_path.clone(),
                    wasm.clone(),
                ));
            }
        }
    }
    if !child.wait()?.success() {
        bail!("cargo build failed; see its errors above");
    }

    let out_dir = workspace.guest_dir();
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let mut built = Vec::new();
    for guest in &guests {
        let Some((name, manifest, wasm)) =
            artifacts.iter().find(|(n, ..)| n == guest.name.as_str())
        else {
            bail!(
                "package `{}` produced no .wasm: a guest's Cargo.toml needs `[lib] crate-type = [\"cdylib\"]`",
                guest.name
            );
        };
        let bytes = std::fs::read(wasm).with_context(|| format!("cannot read {wasm}"))?;
        guestkit_shim::conformance::check(&bytes)
            .with_context(|| format!("{wasm} (package `{name}`)"))?;
        let package_dir = manifest.parent().expect("a manifest lives in a directory");
        let contract = contract::compile_package(package_dir.as_std_path())
            .with_context(|| format!("compiling the contract of package `{name}`"))?;
        let bytes = embed::embed(&bytes, &contract)
            .with_context(|| format!("embedding the contract in {wasm}"))?;
        let path = out_dir.join(format!("{name}.wasm"));
        std::fs::write(&path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!(
            "{:>12} guest `{name}` -> {} ({:.1} KiB)",
            "Finished",
            path.display(),
            bytes.len() as f64 / 1024.0
        );
        built.push(BuiltGuest {
            package: name.clone(),
            path,
        });
    }
    Ok(built)
}

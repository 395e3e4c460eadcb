//! The build pipeline behind `cargo guest build` (and every command that builds first):
//! compile guest packages, componentize core modules, validate the
//! components against the host world, embed their contract, and write
//! `target/guest/NAME.wasm` (plus, with `--precompile`, the shim's `.cwasm` beside it).

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, bail};
use cargo_metadata::{Message, Package};
use guestkit_codegen::embed;

use crate::component::{Sizes, unexported};
use crate::componentize::componentize;
use crate::fingerprint::Fingerprint;
use crate::target::GuestTarget;
use crate::workspace::{GuestSettings, Workspace};
use crate::{contract, toolchain};

/// Build guest packages into validated components under target/guest/.
#[derive(Debug, Default, clap::Args)]
pub struct BuildArgs {
    /// Guest package to build; repeatable (default: the current package, or every guest)
    #[arg(short, long = "package", value_name = "PKG")]
    pub packages: Vec<String>,
    /// Target to compile for (default: the package's `target` under
    /// [package.metadata.guestkit], else wasm32-wasip2); core-module targets are componentized
    #[arg(long, value_name = "TRIPLE")]
    pub target: Option<GuestTarget>,
    /// Build with the release profile
    #[arg(long)]
    pub release: bool,
    /// Optimize for size: the release profile with opt-level "s", fat LTO, one codegen unit
    /// and stripped symbols (implies --release)
    #[arg(long)]
    pub optimize_size: bool,
    /// Also write the shim's precompiled artifact (NAME.<key>.cwasm) next to each component
    #[arg(long)]
    pub precompile: bool,
    /// Where to write the components (default: <target-dir>/guest)
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Path to the Cargo.toml of the package or workspace
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
}

/// The profile `--optimize-size` builds with, defined on the command line so that the
/// package's own release profile stays as it is.
const SIZE_PROFILE: &str = "guest-size";
const SIZE_PROFILE_CONFIG: &[&str] = &[
    "profile.guest-size.inherits=\"release\"",
    "profile.guest-size.opt-level=\"s\"",
    "profile.guest-size.lto=\"fat\"",
    "profile.guest-size.codegen-units=1",
    "profile.guest-size.strip=true",
    "profile.guest-size.debug=false",
];

/// A component written by `build`.
#[derive(Debug)]
pub struct BuiltGuest {
    pub package: String,
    pub path: PathBuf,
}

/// The path of the one guest in `built`, or an error asking to pick one.
pub fn single(built: Vec<BuiltGuest>) -> anyhow::Result<PathBuf> {
    match <[_; 1]>::try_from(built) {
        Ok([guest]) => Ok(guest.path),
        Err(many) => bail!(
            "the workspace has {} guests ({}); pick one with -p",
            many.len(),
            many.iter()
                .map(|g| g.package.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A guest selected for this build, with its resolved settings.
struct Planned<'a> {
    package: &'a Package,
    target: GuestTarget,
    settings: GuestSettings,
}

pub fn run(args: BuildArgs) -> anyhow::Result<Vec<BuiltGuest>> {
    let workspace = Workspace::load(args.manifest_path.as_ref())?;
    let mut planned = Vec::new();
    for package in workspace.guests(&args.packages)? {
        let settings = GuestSettings::of(package)?;
        let target = args.target.or(settings.target).unwrap_or_default();
        let dir = package.manifest_path.parent().map(|d| d.as_std_path());
        contract::validate(
            dir.context("a manifest path has a parent")?,
            settings.world.as_deref(),
        )
        .with_context(|| format!("the contracts of package `{}`", package.name))?;
        planned.push(Planned {
            package,
            target,
            settings,
        });
    }

    let out_dir = args
        .out_dir
        .clone()
        .unwrap_or_else(|| workspace.guest_dir());
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    // What each component was made from, kept in the target directory (not `--out-dir`).
    let fingerprints = workspace
        .metadata
        .target_directory
        .join(".guest-inputs")
        .into_std_path_buf();
    let mut built = Vec::new();
    for target in GuestTarget::ALL {
        let group: Vec<&Planned> = planned.iter().filter(|p| p.target == target).collect();
        if group.is_empty() {
            continue;
        }
        toolchain::ensure_target(target.triple())?;
        let artifacts = cargo_build(&workspace, &args, target, &group)?;
        for guest in group {
            let name = guest.package.name.as_str();
            let Some(wasm) = artifacts.iter().find(|(n, _)| n == name).map(|(_, w)| w) else {
                bail!(
                    "package `{name}` produced no .wasm: a guest's Cargo.toml needs `[lib] \
                     crate-type = [\"cdylib\"]`"
                );
            };
            let path = finish(guest, wasm, &out_dir, &fingerprints, &args)?;
            built.push(BuiltGuest {
                package: name.to_owned(),
                path,
            });
        }
    }
    Ok(built)
}

/// Runs `cargo build` for `guests` on `target`; returns each package's `.wasm` output.
fn cargo_build(
    workspace: &Workspace,
    args: &BuildArgs,
    target: GuestTarget,
    guests: &[&Planned],
) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut cargo = Command::new(toolchain::cargo());
    cargo.args([
        "build",
        "--target",
        target.triple(),
        "--message-format=json-render-diagnostics",
    ]);
    cargo
        .arg("--manifest-path")
        .arg(workspace.metadata.workspace_root.join("Cargo.toml"));
    if args.optimize_size {
        for setting in SIZE_PROFILE_CONFIG {
            cargo.args(["--config", setting]);
        }
        cargo.args(["--profile", SIZE_PROFILE]);
    } else if args.release {
        cargo.arg("--release");
    }
    for guest in guests {
        cargo.args(["-p", guest.package.name.as_str()]);
    }
    let mut child = cargo
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot run cargo")?;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut artifacts = Vec::new();
    for message in Message::parse_stream(BufReader::new(stdout)) {
        if let Message::CompilerArtifact(a) = message.context("reading cargo's build messages")? {
            let Some(guest) = guests.iter().find(|g| g.package.id == a.package_id) else {
                continue;
            };
            if let Some(wasm) = a.filenames.iter().find(|f| f.extension() == Some("wasm")) {
                artifacts.push((
                    guest.package.name.to_string(),
                    wasm.clone().into_std_path_buf(),
                ));
            }
        }
    }
    if !child.wait()?.success() {
        bail!("cargo build failed; see its errors above");
    }
    Ok(artifacts)
}

/// Turns rustc's output for `guest` into the validated component with its contract, writes
/// it to `out_dir`, and reports its size.
fn finish(
    guest: &Planned,
    wasm: &Path,
    out_dir: &Path,
    fingerprints: &Path,
    args: &BuildArgs,
) -> anyhow::Result<PathBuf> {
    let name = guest.package.name.as_str();
    let package_dir = guest
        .package
        .manifest_path
        .parent()
        .expect("a manifest lives in a directory")
        .as_std_path();
    let path = out_dir.join(format!("{name}.wasm"));
    let options = format!("{} world={:?}", guest.target, guest.settings.world);
    let inputs = Fingerprint::of(wasm, package_dir, &options);
    let precompiled = || !args.precompile || guestkit_shim::is_precompiled(&path);
    if inputs.matches(fingerprints, &path) && precompiled() {
        eprintln!(
            "{:>12} guest `{name}` ({}) -> {}",
            "Fresh",
            guest.target,
            path.display()
        );
        return Ok(path);
    }
    let context = || format!("{} (package `{name}`, {})", wasm.display(), guest.target);
    let bytes = std::fs::read(wasm).with_context(|| format!("cannot read {}", wasm.display()))?;
    let component = if guest.target.emits_component() {
        bytes
    } else {
        componentize(&bytes, guest.target).with_context(context)?
    };
    let summary = guestkit_shim::conformance::check(&component).with_context(context)?;
    let contract =
        contract::compile_package(package_dir, guest.target, guest.settings.world.as_deref())
            .with_context(|| format!("compiling the contract of package `{name}`"))?;
    if let Some(missing) = unexported(&summary, &contract).map_err(anyhow::Error::msg)? {
        bail!("{}: {missing}", context());
    }
    let component = embed::embed(&component, &contract)
        .with_context(|| format!("embedding the contract in {}", wasm.display()))?;
    guestkit_shim::write_whole(&path, &component)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let sizes = Sizes::of(&component)?;
    eprintln!(
        "{:>12} guest `{name}` ({}) -> {}\n{:>12} {sizes}",
        "Finished",
        guest.target,
        path.display(),
        "Size"
    );
    if args.precompile {
        let artifact = guestkit_shim::precompile(&path)?;
        let size = std::fs::metadata(&artifact).map(|m| m.len()).unwrap_or(0);
        eprintln!(
            "{:>12} {} ({})",
            "Precompiled",
            artifact.display(),
            crate::component::human(size)
        );
    }
    inputs.save(fingerprints, &path);
    Ok(path)
}

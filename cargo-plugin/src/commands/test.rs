//! `cargo guest test`: builds the selected guests' components, so no test runs a stale one,
//! then runs `cargo test` for those packages (what follows `--` passed on), and says in one
//! line what was tested and how it went. The tests' `guestkit-test` harness finds the
//! components built here (`GUESTKIT_TEST_GUESTS`) and runs them in test hosts of this same
//! cargo-guest (`GUESTKIT_CARGO_GUEST`).

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context as _, bail};

use crate::build::{self, BuildArgs};
use crate::toolchain;
use crate::workspace::Workspace;

/// Build guests' components, then run their packages' tests (`cargo test -p …`)
#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Guest package to test; repeatable (default: the current package, or every guest)
    #[arg(short, long = "package", value_name = "PKG")]
    pub packages: Vec<String>,
    /// Build the components and run the tests with the release profile
    #[arg(long)]
    pub release: bool,
    /// Path to the Cargo.toml of the package or workspace
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// Passed to `cargo test` after `--`: a test name filter, `--nocapture`, ...
    #[arg(last = true, value_name = "ARGS")]
    pub test_args: Vec<String>,
}

pub fn run(args: TestArgs) -> anyhow::Result<()> {
    let workspace = Workspace::load(args.manifest_path.as_ref())?;
    let packages: Vec<String> = (workspace.guests(&args.packages)?.into_iter())
        .map(|p| p.name.to_string())
        .collect();
    let built = build::run(BuildArgs {
        packages: packages.clone(),
        release: args.release,
        // Each test starts a shim of its own: the compiled code is made once, here.
        precompile: true,
        manifest_path: args.manifest_path.clone(),
        ..BuildArgs::default()
    })
    .context("the guests did not build, so their tests did not run")?;
    let mut cargo = Command::new(toolchain::cargo());
    // guestkit-test runs the components built here, in a test host of this cargo-guest.
    let components: Vec<String> = (built.iter())
        .map(|g| format!("{}={}", g.package, g.path.display()))
        .collect();
    cargo.env("GUESTKIT_TEST_GUESTS", components.join("\n"));
    if let Ok(exe) = std::env::current_exe() {
        cargo.env("GUESTKIT_CARGO_GUEST", exe);
    }
    cargo.arg("test").arg("--manifest-path");
    cargo.arg(workspace.metadata.workspace_root.join("Cargo.toml"));
    if args.release {
        cargo.arg("--release");
    }
    for package in &packages {
        cargo.args(["-p", package]);
    }
    if !args.test_args.is_empty() {
        cargo.arg("--").args(&args.test_args);
    }
    let status = cargo.status().context("cannot run cargo test")?;
    let tested = packages.join(", ");
    if !status.success() {
        bail!("the tests of {tested} failed ({status}); their output above says which");
    }
    eprintln!("{:>12} {tested}: every test passed", "Tested");
    Ok(())
}

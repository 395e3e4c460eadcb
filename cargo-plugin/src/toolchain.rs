//! The Rust toolchain pieces a guest build needs, installed on first use.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};

/// Makes sure rustup's `target` is installed, installing it with a one-line notice if not.
pub fn ensure_target(target: &str) -> anyhow::Result<()> {
    if rustup_toolchain().is_some_and(|toolchain| has_target(&toolchain, target)) {
        return Ok(());
    }
    let sysroot = Command::new(rustc())
        .args(["--print", "sysroot"])
        .output()
        .context("cannot run rustc; install Rust with rustup (https://rustup.rs)")?;
    let sysroot = String::from_utf8_lossy(&sysroot.stdout).trim().to_owned();
    if has_target(Path::new(&sysroot), target) {
        return Ok(());
    }
    eprintln!("note: installing the {target} Rust target with rustup (one time)");
    let status = Command::new("rustup")
        .args(["target", "add", target])
        .status()
        .with_context(|| format!("cannot run rustup to install {target}; install it with `rustup target add {target}`"))?;
    if !status.success() {
        bail!("`rustup target add {target}` failed; run it yourself to see why");
    }
    Ok(())
}

fn has_target(sysroot: &Path, target: &str) -> bool {
    sysroot.join("lib/rustlib").join(target).is_dir()
}

/// The toolchain directory rustup's proxy chose for the cargo that runs us, which it names in
/// the environment; it saves asking rustc for its sysroot when the target is already there.
fn rustup_toolchain() -> Option<PathBuf> {
    let home = std::env::var_os("RUSTUP_HOME")?;
    let toolchain = std::env::var_os("RUSTUP_TOOLCHAIN")?;
    Some(Path::new(&home).join("toolchains").join(toolchain))
}

fn rustc() -> String {
    std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into())
}

/// The cargo that invoked us (cargo sets `CARGO` for subcommands), or the one on `PATH`.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

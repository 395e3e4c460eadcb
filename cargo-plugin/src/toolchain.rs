//! The Rust toolchain pieces a guest build needs, installed on first use.

use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, bail};

/// Makes sure rustup's `target` is installed, installing it with a one-line notice if not.
pub fn ensure_target(target: &str) -> anyhow::Result<()> {
    let sysroot = Command::new(rustc())
        .args(["--print", "sysroot"])
        .output()
        .context("cannot run rustc; install Rust with rustup (https://rustup.rs)")?;
    let sysroot = String::from_utf8_lossy(&sysroot.stdout).trim().to_owned();
    if Path::new(&sysroot)
        .join("lib/rustlib")
        .join(target)
        .is_dir()
    {
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

fn rustc() -> String {
    std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into())
}

/// The cargo that invoked us (cargo sets `CARGO` for subcommands), or the one on `PATH`.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

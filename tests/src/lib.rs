//! Helpers for the end-to-end tests: the real `cargo-guest` binary, and guests built with it
//! once into one target directory shared by every test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

/// The repository root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// Where tests build guests, so wit-bindgen, prost and friends compile for wasm once.
pub fn guest_target_dir() -> PathBuf {
    target_dir().join("guests")
}

/// The `cargo-guest` binary of this workspace, built on first use.
pub fn cargo_guest() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "-p", "cargo-guest", "--manifest-path"])
            .arg(workspace_root().join("Cargo.toml"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building cargo-guest failed");
        target_dir().join("debug").join("cargo-guest")
    })
}

/// Runs `cargo guest ARGS` in `cwd`, building guests into the shared guest target dir.
pub fn cli(args: &[&str], cwd: &Path) -> Output {
    Command::new(cargo_guest())
        .arg("guest")
        .args(args)
        .current_dir(cwd)
        .env("CARGO_TARGET_DIR", guest_target_dir())
        .output()
        .expect("cargo-guest runs")
}

/// Standard output of a successful run; panics with standard error otherwise.
pub fn success(out: Output) -> String {
    assert!(
        out.status.success(),
        "cargo guest failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Standard error of a failed run; panics if it succeeded.
pub fn failure(out: Output) -> String {
    assert!(
        !out.status.success(),
        "cargo guest succeeded unexpectedly:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).expect("utf-8 output")
}

/// The component of workspace guest `package`, built once with `cargo guest build`.
pub fn built_guest(package: &str) -> PathBuf {
    static BUILT: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let path = guest_target_dir()
        .join("guest")
        .join(format!("{package}.wasm"));
    let mut built = BUILT.lock().unwrap();
    if !built.iter().any(|p| p == package) {
        let manifest = workspace_root().join("Cargo.toml");
        success(cli(
            &[
                "build",
                "-p",
                package,
                "--manifest-path",
                manifest.to_str().unwrap(),
            ],
            &workspace_root(),
        ));
        built.push(package.to_owned());
    }
    path
}

//! The components a test runs: the guest packages it names, built by the installed
//! `cargo guest build` once per test binary, into a target dir of their own (so the build
//! never waits on the lock of the `cargo test` that runs it), and rebuilt by cargo when their
//! sources changed. `cargo guest test` builds the packages it tests before it runs the
//! tests and says where (`GUESTKIT_TEST_GUESTS`); a test uses those as they are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use crate::Error;

/// The components `cargo guest test` built for this run: `PACKAGE=PATH` lines.
pub(crate) const GUESTS_ENV: &str = "GUESTKIT_TEST_GUESTS";
/// The `cargo-guest` to use instead of the one on `PATH`.
pub(crate) const CARGO_GUEST_ENV: &str = "GUESTKIT_CARGO_GUEST";

/// The `cargo-guest` executable this harness runs.
pub(crate) fn cargo_guest() -> PathBuf {
    std::env::var_os(CARGO_GUEST_ENV).map_or_else(|| PathBuf::from("cargo-guest"), PathBuf::from)
}

/// The built component of each of `packages`, by package: built at most once per test binary.
pub(crate) fn components(packages: &[String]) -> Result<BTreeMap<String, PathBuf>, Error> {
    static BUILT: OnceLock<Mutex<BTreeMap<String, PathBuf>>> = OnceLock::new();
    // One build at a time: tests that start together wait for the first, then find its work.
    let mut built = BUILT
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let prebuilt = std::env::var(GUESTS_ENV).unwrap_or_default();
    let prebuilt: BTreeMap<&str, &str> =
        prebuilt.lines().filter_map(|l| l.split_once('=')).collect();
    let mut missing = Vec::new();
    for package in packages {
        if built.contains_key(package) {
            continue;
        }
        match prebuilt.get(package.as_str()) {
            Some(path) => {
                built.insert(package.clone(), PathBuf::from(path));
            }
            None => missing.push(package.clone()),
        }
    }
    if !missing.is_empty() {
        let out = build(&missing)?;
        for package in missing {
            built.insert(package.clone(), out.join(format!("{package}.wasm")));
        }
    }
    Ok((packages.iter())
        .map(|p| (p.clone(), built[p].clone()))
        .collect())
}

/// Builds `packages` of the test's workspace; the directory their components are in.
fn build(packages: &[String]) -> Result<PathBuf, Error> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").ok_or_else(|| {
        Error::Build(
            "CARGO_MANIFEST_DIR is not set: run the tests with `cargo test` or `cargo guest test`"
                .into(),
        )
    })?;
    let manifest = Path::new(&manifest_dir).join("Cargo.toml");
    let target = own_target_dir();
    let out_dir = target.join("guest");
    let mut command = Command::new(cargo_guest());
    command.args(["guest", "build", "--precompile", "--manifest-path"]);
    command.arg(&manifest).arg("--out-dir").arg(&out_dir);
    for package in packages {
        command.args(["-p", package]);
    }
    command.env("CARGO_TARGET_DIR", &target);
    let out = command.output().map_err(|e| {
        Error::CargoGuest(format!(
            "cannot run `{}` ({e}): install cargo-guest (from a guestkit checkout, `cargo \
             install --locked --path cargo-plugin`), or set {CARGO_GUEST_ENV} to its path",
            cargo_guest().display()
        ))
    })?;
    if !out.status.success() {
        return Err(Error::Build(
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ));
    }
    Ok(out_dir)
}

/// The harness's own target dir: `guestkit-test` in the target dir of the test binary
/// running now (the first folder above it where cargo keeps `.rustc_info.json`).
fn own_target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    let target = (exe.ancestors())
        .find(|dir| dir.join(".rustc_info.json").is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| std::env::temp_dir().join("guestkit-test-target"));
    target.join("guestkit-test")
}

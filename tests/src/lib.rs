//! Helpers for the end-to-end tests: the real `cargo-guest` binary, and guests built with it
//! once into one target directory shared by every test.

pub mod host;
pub mod server;
pub mod servers;

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
    cli_with(args, cwd, &[])
}

/// [`cli`] with the environment variables `vars` set as well.
pub fn cli_with(args: &[&str], cwd: &Path, vars: &[(&str, &str)]) -> Output {
    Command::new(cargo_guest())
        .arg("guest")
        .args(args)
        .current_dir(cwd)
        .env("CARGO_TARGET_DIR", guest_target_dir())
        .envs(vars.iter().copied())
        .output()
        .expect("cargo-guest runs")
}

/// Runs the workspace's `counter` example's `Add` route with `body` on the state in `state`
/// (and `more` arguments), as `cargo guest run` from the workspace root.
pub fn counter_add(state: &Path, body: &str, more: &[&str]) -> Output {
    let manifest = workspace_root().join("Cargo.toml");
    let args = [
        "run",
        "-p",
        "counter",
        "--manifest-path",
        manifest.to_str().unwrap(),
        "--route",
        "counter.v1.CounterService/Add",
        "--body",
        body,
        "--state-dir",
        state.to_str().unwrap(),
    ];
    cli(&[&args[..], more].concat(), &workspace_root())
}

/// The probe, copied into `dir` as `order.wasm`, started as a durable invocation that waits
/// for an awakeable and then runs a step named `ship` (with the environment `vars` set): the
/// component's path and what `run` said.
pub fn start_awaiting_order(dir: &Path, vars: &[(&str, &str)]) -> (String, Output) {
    let order = dir.join("order.wasm");
    std::fs::copy(built_guest("probe"), &order).unwrap();
    let order = order.to_str().unwrap().to_owned();
    let script = r#"[{"op":"awakeable","as":"ok"},{"op":"wait","of":["ok"]},{"op":"take","of":"ok"},{"op":"run","name":"ship"}]"#;
    let args = [
        "run",
        &order,
        "--durable",
        "--route",
        "probe",
        "--body",
        script,
    ];
    let started = cli_with(&args, dir, vars);
    (order, started)
}

/// Runs git in `dir` as a throwaway identity; panics when it fails.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=guestkit",
            "-c",
            "user.email=guestkit@localhost",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
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

/// Replaces the first `from` with `to` in the file at `path`, which must contain it: a user's
/// edit of a source.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The component of workspace guest `package`, built once with `cargo guest build`, with the
/// shim's precompiled artifact beside it: the test shims (default limits) load it instead of
/// each compiling the component again.
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
        guestkit_shim::precompile(&path).expect("precompiling a built guest");
        built.push(package.to_owned());
    }
    path
}

/// A component of `world` in the WIT document `wit`, made the way a guest toolchain makes
/// one (a core module with the world's imports and exports, componentized by
/// wit-component), but with no code behind its exports: for checking what the shim and
/// `inspect` make of components built elsewhere, including ill-typed ones.
pub fn component_of_world(wit: &str, world: &str) -> Vec<u8> {
    let mut resolve = wit_parser::Resolve::default();
    let pkg = resolve.push_str("world.wit", wit).expect("the WIT parses");
    let world = resolve
        .select_world(&[pkg], Some(world))
        .expect("the world exists");
    let mut module =
        wit_component::dummy_module(&resolve, world, wit_parser::ManglingAndAbi::Standard32);
    wit_component::embed_component_metadata(
        &mut module,
        &resolve,
        world,
        wit_component::StringEncoding::UTF8,
    )
    .expect("the world embeds");
    wit_component::ComponentEncoder::default()
        .module(&module)
        .and_then(|encoder| encoder.validate(true).encode())
        .expect("the module componentizes")
}

/// The platform host contract, `wit/host.wit`.
pub fn host_wit() -> String {
    std::fs::read_to_string(workspace_root().join("wit/host.wit")).expect("wit/host.wit exists")
}

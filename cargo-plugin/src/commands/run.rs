//! `cargo guest run`: spawn a guest in the shim, deliver one request given as JSON, and print
//! the reply as JSON; or, without `--route`, let the guest run until it ends. Messages actors
//! send to the host are printed to standard output, their log lines to standard error.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, bail};
use guestkit_codegen::embed;
use guestkit_shim::{ExitReason, Module, Payload, Shim, SpawnOptions};

use crate::commands::build::{self, BuildArgs};
use crate::commands::durable;
use crate::contract::RouteTypes;

/// Run a guest in the shim: spawn it, send one request, print the reply as JSON (without
/// --route: run it until it ends)
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// A built component (.wasm); without it, the selected package is built first
    #[arg(value_name = "PATH", conflicts_with = "package")]
    pub path: Option<PathBuf>,
    /// Guest package to build and run
    #[arg(short, long, value_name = "PKG")]
    pub package: Option<String>,
    /// Build with the release profile
    #[arg(long)]
    pub release: bool,
    /// Path to the Cargo.toml of the package or workspace
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// Route of the request: `package.Service/Method`. Without it, the guest runs until it ends
    #[arg(long, value_name = "ROUTE")]
    pub route: Option<String>,
    /// Give the actor a kernel capability, e.g. `spawn`, `network`, `{"host-call":"b/ns"}`
    #[arg(long, value_name = "PARAMS")]
    pub grant: Vec<String>,
    /// Request body in the proto3 JSON mapping
    #[arg(long, value_name = "JSON", default_value = "{}")]
    pub body: String,
    /// Directory of the shim's state database
    #[arg(long, value_name = "DIR", default_value = ".guestkit")]
    pub state_dir: PathBuf,
    /// Process name of the actor; its state is kept under it (default: the component's name)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// How long to wait for the reply (or, without --route, for the guest to end), in ms
    #[arg(long, value_name = "MS", default_value_t = 30_000)]
    pub timeout_ms: u64,
    /// Start a durable invocation of the --route handler instead: journaled, replayed after a
    /// retry or a restart, run until it ends or waits for an awakeable or promise
    #[arg(long, requires = "route")]
    pub durable: bool,
    /// The durable invocation's object key: its state and promises belong to it
    #[arg(long, value_name = "KEY", requires = "durable")]
    pub key: Option<String>,
    /// The durable invocation's idempotency key: a run with the same service, key, route and
    /// idempotency key starts nothing new and reports the first one's outcome
    #[arg(long, value_name = "KEY", requires = "durable")]
    pub idempotency_key: Option<String>,
}

/// The component `run` works on: `path`, or the selected package, built first.
pub fn component(
    path: Option<&PathBuf>,
    package: Option<&String>,
    release: bool,
    manifest_path: Option<&PathBuf>,
) -> anyhow::Result<PathBuf> {
    match path {
        Some(path) => Ok(path.clone()),
        None => build::single(build::run(BuildArgs {
            packages: package.into_iter().cloned().collect(),
            release,
            manifest_path: manifest_path.cloned(),
            ..BuildArgs::default()
        })?),
    }
}

/// The process name a component runs under: its file's stem.
pub fn default_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "guest".into())
}

pub fn run(args: RunArgs) -> anyhow::Result<()> {
    let path = component(
        args.path.as_ref(),
        args.package.as_ref(),
        args.release,
        args.manifest_path.as_ref(),
    )?;
    let name = args.name.clone().unwrap_or_else(|| default_name(&path));
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let Some(route) = &args.route else {
        return runtime.block_on(run_to_end(&args, &path, name));
    };
    if args.durable {
        let shim = shim(&args.state_dir, &path)?;
        let start = durable::Start {
            service: &name,
            handler: route,
            key: args.key.as_deref(),
            idempotency_key: args.idempotency_key.as_deref(),
            body: &args.body,
        };
        return runtime.block_on(durable::start(&shim, &path, start));
    }
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let contract = embed::read(&bytes);
    if !matches!(contract, Ok(Some(_))) {
        // Without a readable contract, first say what else is wrong with the file, if
        // anything; a component that has one is checked once, when the shim loads it.
        guestkit_shim::conformance::check(&bytes).with_context(|| path.display().to_string())?;
    }
    let contract = contract
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        .with_context(|| {
            format!(
                "{} carries no guestkit contract, so its messages cannot be encoded from JSON; \
                 build it with `cargo guest build`",
                path.display()
            )
        })?;
    let types = RouteTypes::find(&contract, route).with_context(|| path.display().to_string())?;
    let body = types.encode_request(&args.body)?;
    let reply = runtime.block_on(async {
        let (shim, module, opts) = prepare(&args, &path, name)?;
        let actor = shim.spawn(&module, opts).await?;
        let reply = shim
            .call(
                &actor,
                Payload::new(route, body),
                Duration::from_millis(args.timeout_ms),
            )
            .await;
        anyhow::Ok(reply)
    })?;
    match reply {
        Ok(response) => {
            println!("{}", types.decode_reply(&response.payload.body)?);
            Ok(())
        }
        Err(failed) => bail!("the request to {route} failed: {}", failed.error.describe()),
    }
}

/// A shim on the state database in `state_dir`, whose drive is the directory of the component
/// at `path` and which prints what actors send to the host.
pub fn shim(state_dir: &Path, path: &Path) -> anyhow::Result<Shim> {
    let drive = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let shim = Shim::builder()
        .state_dir(state_dir)
        .drive(drive)
        .on_message(|m| {
            println!(
                "{}: {}",
                m.source.process.process_name,
                String::from_utf8_lossy(&m.payload.body)
            );
            None
        })
        .build()?;
    Ok(shim)
}

/// A shim whose drive is the component's directory (so guests can load their siblings), with
/// the guest loaded from `path` and spawn options granting the kernel capabilities.
fn prepare(
    args: &RunArgs,
    path: &Path,
    name: String,
) -> anyhow::Result<(Shim, Module, SpawnOptions)> {
    let shim = shim(&args.state_dir, path)?;
    let module = shim
        .load_file(path)
        .with_context(|| path.display().to_string())?;
    let mut opts = SpawnOptions::new(name);
    for params in &args.grant {
        opts = opts.capability(shim.kernel_capability(params));
    }
    Ok((shim, module, opts))
}

/// Runs the guest until its actor ends; fails unless it ended normally.
async fn run_to_end(args: &RunArgs, path: &Path, name: String) -> anyhow::Result<()> {
    let (shim, module, opts) = prepare(args, path, name.clone())?;
    let timeout = Duration::from_millis(args.timeout_ms);
    let Ok(reason) = tokio::time::timeout(timeout, shim.run(&module, opts)).await else {
        bail!("{name} was still running after {timeout:?} (--timeout-ms)");
    };
    match reason? {
        ExitReason::Normal | ExitReason::NoProcess => Ok(()),
        ExitReason::Failure => bail!("{name} failed; its log above says why"),
        ExitReason::Killed => bail!("{name} was killed; its log above says why"),
    }
}

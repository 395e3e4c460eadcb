//! `cargo guest serve`: build the app's guests, start every actor of the app in one shim, and
//! serve them over HTTP (the Connect protocol, [`ingress`](crate::ingress)) until Ctrl-C,
//! which lets the requests in flight finish before the shim closes its state.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context as _, bail};
use guestkit_shim::journal::DEFAULT_RETENTION;
use guestkit_shim::{Limits, SpawnOptions};

use crate::app::App;
use crate::build::{self, BuildArgs};
use crate::contract::RouteTypes;
use crate::guest::Component;
use crate::ingress::Ingress;
use crate::workspace::Workspace;
use crate::{served, shim};

/// Start every actor of the workspace's app in one shim and serve them over HTTP (Connect
/// unary RPCs: `POST /package.Service/Method`), until Ctrl-C
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free one (the address bound is printed)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Directory of the shim's state database
    #[arg(long, value_name = "DIR", default_value = ".guestkit")]
    pub state_dir: PathBuf,
    /// Build with the release profile
    #[arg(long)]
    pub release: bool,
    /// Path to the Cargo.toml of the workspace
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
}

/// How often the server purges the ended invocations whose retention is over.
const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let workspace = Workspace::load(args.manifest_path.as_ref())?;
    let app = App::of(&workspace)?;
    let built = build::run(BuildArgs {
        packages: app.packages(),
        release: args.release,
        manifest_path: args.manifest_path.clone(),
        ..BuildArgs::default()
    })?;
    let components = built
        .iter()
        .map(|guest| Ok((guest.package.clone(), Component::read(&guest.path)?)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let first = &components.first().context("the app builds no guest")?.1;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let shim = shim::open(&args.state_dir, &first.path, DEFAULT_RETENTION)?;
        let mut ingress = Ingress::new(shim, Limits::default().max_message_bytes);
        for (name, spec) in &app.actors {
            let (_, component) = components
                .iter()
                .find(|(package, _)| *package == spec.package)
                .with_context(|| format!("package `{}` was not built", spec.package))?;
            let module = component.load(ingress.shim())?;
            if spec.durable {
                ingress.shim().register_service(name, &module)?;
                let routes = match &component.contract {
                    Ok(Some(contract)) => RouteTypes::all(contract)?,
                    _ => Vec::new(),
                };
                ingress.add_durable(name, routes);
                eprintln!("registered {name} ({}) as a durable service", spec.package);
                continue;
            }
            let mut opts = SpawnOptions::new(name.clone());
            for params in &spec.grants {
                let granted = (ingress.shim().grant(params))
                    .map_err(|e| anyhow::anyhow!("actor `{name}`: grant {e}"))?;
                opts = opts.capability(granted);
            }
            let actor = (ingress.shim().spawn(&module, opts).await)
                .with_context(|| format!("starting actor `{name}`"))?;
            let contract = match &component.contract {
                Ok(Some(contract)) => contract,
                Ok(None) => continue,
                Err(e) => bail!("{}: {e}", component.path.display()),
            };
            for (route, types) in RouteTypes::all(contract)? {
                ingress.add(route, name, actor.clone(), types);
            }
            eprintln!("started {name} ({}) as {actor}", spec.package);
        }
        for (route, actors) in ingress.routes() {
            eprintln!("  POST /{route} -> {}", actors.join(", "));
        }
        for (service, routes) in ingress.durable_services() {
            eprintln!("  POST /{service}/[KEY/]HANDLER -> {}", routes.join(", "));
        }
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        let bound = listener.local_addr()?;
        let base = format!("http://{bound}");
        served::record(&args.state_dir, &base)?;
        println!("listening on {base}");
        let ingress = Arc::new(ingress);
        // Ended invocations whose retention is over go while the server runs, not only when
        // a service registers.
        let purging = Arc::clone(&ingress);
        tokio::spawn(async move {
            loop {
                purging.shim().clock().sleep(PURGE_EVERY).await;
                if let Err(e) = purging.shim().purge_expired() {
                    eprintln!("warning: purging ended invocations failed: {e}");
                }
            }
        });
        let stopped = axum::serve(listener, Arc::clone(&ingress).router())
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
                eprintln!("stopping: letting the requests in flight finish");
            })
            .await;
        served::forget(&args.state_dir);
        stopped.context("the HTTP server failed")?;
        anyhow::Ok(())
    })
}

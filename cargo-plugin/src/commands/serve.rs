//! `cargo guest serve`: build the app's guests, start every actor of the app in one shim, and
//! serve them over HTTP (the Connect protocol, [`ingress`](crate::ingress)) until Ctrl-C,
//! which lets the requests in flight finish before the shim closes its state.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use guestkit_shim::journal::DEFAULT_RETENTION;
use guestkit_shim::{ClusterOptions, Limits};

use crate::app::App;
use crate::build::{self, BuildArgs, BuiltGuest};
use crate::ingress::Ingress;
use crate::running::RunningApp;
use crate::workspace::Workspace;
use crate::{served, shim};

/// Start every actor of the workspace's app in one shim and serve them over HTTP (Connect
/// unary RPCs: `POST /package.Service/Method`), until Ctrl-C
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free one (the address bound is printed)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    #[command(flatten)]
    pub storage: crate::shim::Storage,
    /// Join the cluster whose NATS server is here (nats://[USER:PASSWORD@]HOST:PORT) as
    /// node --node: messages to actors of the other nodes go over NATS. Give each node its
    /// own --node and the same --store
    #[arg(long, value_name = "URL", env = "GUESTKIT_CLUSTER")]
    pub cluster: Option<String>,
    /// A NATS credentials file (a user JWT and its nkey seed) for --cluster
    #[arg(long, value_name = "FILE", requires = "cluster")]
    pub cluster_credentials: Option<PathBuf>,
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
    let (_, app, built) = build_app(&args)?;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (_, ingress) = start(&args, &app, &built).await?;
        listen(ingress, &args).await
    })
}

/// The workspace, its app, and the app's guests built.
pub(crate) fn build_app(args: &ServeArgs) -> anyhow::Result<(Workspace, App, Vec<BuiltGuest>)> {
    let workspace = Workspace::load(args.manifest_path.as_ref())?;
    let app = App::of(&workspace)?;
    let built = build::run(BuildArgs {
        packages: app.packages(),
        release: args.release,
        manifest_path: args.manifest_path.clone(),
        ..BuildArgs::default()
    })?;
    Ok((workspace, app, built))
}

/// Starts the app in a shim on the state directory, and the ingress to it; prints what it
/// serves.
pub(crate) async fn start(
    args: &ServeArgs,
    app: &App,
    built: &[BuiltGuest],
) -> anyhow::Result<(RunningApp, Arc<Ingress>)> {
    let first = &built.first().context("the app builds no guest")?.path;
    let shim = shim::open(&args.storage, first, DEFAULT_RETENTION)?;
    if let Some(url) = &args.cluster {
        let options = ClusterOptions {
            credentials: args.cluster_credentials.clone(),
        };
        shim.join_cluster(url, &options).await?;
        eprintln!("joined the cluster as node `{}`", args.storage.node);
    }
    let running = RunningApp::start(shim, app, built).await?;
    let table = running.table()?;
    for (route, actors) in table.routes() {
        eprintln!("  POST /{route} -> {}", actors.join(", "));
    }
    for (service, routes) in table.durable_services() {
        eprintln!("  POST /{service}/[KEY/]HANDLER -> {}", routes.join(", "));
    }
    let max_body = Limits::default().max_message_bytes;
    let ingress = Ingress::new(running.shim().clone(), table, max_body);
    Ok((running, Arc::new(ingress)))
}

/// Serves `ingress` on `args.listen` until Ctrl-C, which lets the requests in flight finish;
/// tells the other commands where while it runs, and purges ended invocations as their
/// retention ends.
pub(crate) async fn listen(ingress: Arc<Ingress>, args: &ServeArgs) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let bound = listener.local_addr()?;
    let base = format!("http://{bound}");
    served::record(&args.storage.state_dir, &base)?;
    println!("listening on {base}");
    // Ended invocations whose retention is over go while the server runs, not only when a
    // service registers.
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
    served::forget(&args.storage.state_dir);
    stopped.context("the HTTP server failed")
}

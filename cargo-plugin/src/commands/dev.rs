//! `cargo guest dev`: [`serve`](super::serve), and a watch on the app's sources and contracts.
//! When a guest package changes, the app is rebuilt; each package whose component changed has
//! its contracts checked against those of the version running, and unless the change breaks
//! their callers its actors take the new version between two messages, keeping their state
//! ([`RunningApp::swap`]). Each step prints one line; an error keeps the loop going and the
//! running version serving.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use guestkit_codegen::check::Severity;
use notify::{EventKind, RecursiveMode, Watcher as _};
use tokio::sync::mpsc;

use super::check;
use super::serve::{self, ServeArgs};
use crate::build::{self, BuildArgs};
use crate::guest::Component;
use crate::ingress::Ingress;
use crate::running::RunningApp;
use crate::workspace::Workspace;

/// Serve the workspace's app like `serve`, and swap each guest's new version in as its
/// sources change, keeping the actors' state, unless the change breaks the guest's contract
#[derive(Debug, clap::Args)]
pub struct DevArgs {
    #[command(flatten)]
    pub serve: ServeArgs,
    /// Swap a new version in even when the contract check finds changes that break its
    /// callers
    #[arg(long)]
    pub accept_breaking: bool,
    /// Move a durable service's unfinished invocations to its new version when their
    /// journals replay clean on it (as `check --replay` checks); the others finish on the
    /// version they began on, which is what happens to all of them without this
    #[arg(long)]
    pub move_replayable: bool,
}

/// What in a package's directory makes a new version: anything else (its `target/`, editor
/// files) is not watched.
const SOURCES: &[&str] = &["src", "proto", "wit", "build.rs", "Cargo.toml"];

/// How long the sources must stay quiet before a rebuild: an editor's save, or a `git
/// checkout`, is several events.
const SETTLE: Duration = Duration::from_millis(300);

/// One guest package of the app, as the watch sees it.
struct Package {
    name: String,
    dir: PathBuf,
    /// The contracts of the version running: where the contract check compares from.
    baseline: PathBuf,
}

pub fn run(args: DevArgs) -> anyhow::Result<()> {
    let (workspace, app, built) = serve::build_app(&args.serve)?;
    let snapshots = workspace.guest_dir().join("dev");
    let mut packages = Vec::new();
    for package in workspace.guests(&app.packages())? {
        let dir = (package.manifest_path.parent())
            .context("a manifest path has a parent")?
            .as_std_path()
            .to_path_buf();
        let baseline = snapshots.join(package.name.as_str());
        snapshot(&dir, &baseline)?;
        let name = package.name.to_string();
        packages.push(Package {
            name,
            dir,
            baseline,
        });
    }
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let served = runtime.block_on(async {
        let (running, ingress) = serve::start(&args.serve, &app, &built).await?;
        let (changes, changed) = mpsc::unbounded_channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = changes.send(event);
        })
        .context("cannot watch the app's sources")?;
        // The package's directory itself for its manifest, and its source folders whole: not
        // a `target/` that may sit beside them, whose folders are many and always changing.
        for package in &packages {
            let folders = (SOURCES.iter().map(|s| package.dir.join(s))).filter(|d| d.is_dir());
            let watched = std::iter::once((package.dir.clone(), RecursiveMode::NonRecursive))
                .chain(folders.map(|d| (d, RecursiveMode::Recursive)));
            for (path, mode) in watched {
                (watcher.watch(&path, mode))
                    .with_context(|| format!("cannot watch {}", path.display()))?;
            }
        }
        let names: Vec<&str> = packages.iter().map(|p| p.name.as_str()).collect();
        eprintln!(
            "watching {} ({}) for changes",
            names.join(", "),
            SOURCES.join(", ")
        );
        let reloading = Reload {
            args: &args,
            workspace: &workspace,
            packages: &packages,
            running,
            ingress: Arc::clone(&ingress),
        };
        tokio::select! {
            served = serve::listen(ingress, &args.serve) => served,
            () = reloading.run(changed) => Ok(()),
        }
    });
    // A build in flight when Ctrl-C came is not waited for.
    runtime.shutdown_background();
    served
}

/// The loop that rebuilds and swaps.
struct Reload<'a> {
    args: &'a DevArgs,
    workspace: &'a Workspace,
    packages: &'a [Package],
    running: RunningApp,
    ingress: Arc<Ingress>,
}

impl Reload<'_> {
    async fn run(mut self, mut changed: mpsc::UnboundedReceiver<notify::Result<notify::Event>>) {
        while let Some(event) = changed.recv().await {
            let mut paths = self.sources(event);
            // The rest of a save, or of a checkout, comes within a moment.
            while let Ok(Some(event)) = tokio::time::timeout(SETTLE, changed.recv()).await {
                paths.extend(self.sources(event));
            }
            if paths.is_empty() {
                continue;
            }
            let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            eprintln!("changed: {}; rebuilding", shown.join(", "));
            self.reload().await;
        }
    }

    /// The sources `event` changed, relative to the workspace's root.
    fn sources(&self, event: notify::Result<notify::Event>) -> BTreeSet<PathBuf> {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                eprintln!("warning: watching the sources: {e}");
                return BTreeSet::new();
            }
        };
        if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
            return BTreeSet::new();
        }
        let root = self.workspace.metadata.workspace_root.as_std_path();
        let removed = matches!(event.kind, EventKind::Remove(_));
        (event.paths.into_iter())
            // An editor's or a tool's temporary file, gone by now or named as one.
            .filter(|path| removed || path.exists())
            .filter(|path| {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                !(name.starts_with('.') || name.starts_with('#') || name.ends_with('~'))
            })
            .filter(|path| {
                self.packages.iter().any(|package| {
                    path.strip_prefix(&package.dir)
                        .ok()
                        .and_then(|rest| rest.iter().next())
                        .is_some_and(|first| SOURCES.iter().any(|s| first == *s))
                })
            })
            .map(|path| {
                path.strip_prefix(root)
                    .map_or(path.clone(), Path::to_path_buf)
            })
            .collect()
    }

    /// Rebuilds the app, and swaps in each package whose component changed.
    async fn reload(&mut self) {
        // The sources the build reads, as they are before it: the next baseline.
        for package in self.packages {
            if let Err(e) = snapshot(&package.dir, &next(&package.baseline)) {
                eprintln!("{}: {e:#}", package.name);
                return;
            }
        }
        let build = BuildArgs {
            packages: self.packages.iter().map(|p| p.name.clone()).collect(),
            release: self.args.serve.release,
            manifest_path: self.args.serve.manifest_path.clone(),
            ..BuildArgs::default()
        };
        let built = match tokio::task::spawn_blocking(move || build::run(build)).await {
            Ok(Ok(built)) => built,
            Ok(Err(e)) => {
                eprintln!("build failed; the running versions keep serving: {e:#}");
                return;
            }
            Err(e) => {
                eprintln!("build failed; the running versions keep serving: {e}");
                return;
            }
        };
        for guest in built {
            let Some(package) = self.packages.iter().find(|p| p.name == guest.package) else {
                continue;
            };
            if let Err(e) = self.offer(package, &guest.path).await {
                eprintln!("{}: not swapped: {e:#}", package.name);
            }
        }
    }

    /// Swaps the component at `path` in for `package`, if it changed and the contract check
    /// lets it.
    async fn offer(&mut self, package: &Package, path: &Path) -> anyhow::Result<()> {
        let version = Component::read(path)?;
        if self.running.runs(&package.name, &version) {
            return Ok(());
        }
        let metadata = self.workspace.guests(std::slice::from_ref(&package.name))?[0];
        let findings = check::breaking_since(metadata, &package.baseline)?;
        let breaking = (findings.iter())
            .filter(|f| f.severity == Severity::Error)
            .count();
        for finding in &findings {
            eprintln!("{}: {finding}", package.name);
        }
        if breaking > 0 && !self.args.accept_breaking {
            anyhow::bail!(
                "{breaking} change(s) break its callers; the running version keeps serving \
                 (fix them, or restart with --accept-breaking to swap anyway)"
            );
        }
        let moving = self.args.move_replayable;
        self.running.swap(&package.name, version, moving).await?;
        self.ingress.replace(self.running.table()?);
        let next = next(&package.baseline);
        let _ = std::fs::remove_dir_all(&package.baseline);
        std::fs::rename(&next, &package.baseline)
            .with_context(|| format!("cannot keep {}", next.display()))?;
        Ok(())
    }
}

/// Where the contracts of a version being built wait until it runs.
fn next(baseline: &Path) -> PathBuf {
    baseline.with_extension("next")
}

/// Copies the contracts of the package in `dir` (`proto/`, `wit/`) to `to`, replacing what
/// was there.
fn snapshot(dir: &Path, to: &Path) -> anyhow::Result<()> {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    for contracts in ["proto", "wit"] {
        copy_tree(&dir.join(contracts), &to.join(contracts))?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

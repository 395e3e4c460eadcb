//! An app running in one shim, as `cargo guest serve` and `cargo guest dev` run it: each
//! actor started (or registered, for a durable service) from the component of its package,
//! the ingress [`Table`] that routes to them, and new versions of a package taking over its
//! actors.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::{Context as _, bail};
use guestkit_shim::{Address, Module, Shim, SpawnOptions};

use crate::app::{ActorSpec, App};
use crate::build::BuiltGuest;
use crate::contract::RouteTypes;
use crate::guest::Component;
use crate::ingress::Table;

/// How long an actor may take to reach its next message before a swap says it waits.
const BUSY: std::time::Duration = std::time::Duration::from_secs(3);

/// One actor of the app as it runs.
struct Running {
    spec: ActorSpec,
    /// Where it runs; `None` for a durable service, whose invocations run where they may.
    address: Option<Address>,
    /// The code it runs now, as built and as loaded.
    version: Arc<Component>,
    module: Module,
}

/// The actors of an app, running in one shim.
pub struct RunningApp {
    shim: Shim,
    actors: BTreeMap<String, Running>,
}

impl RunningApp {
    /// Starts every actor of `app` in `shim` from the components in `built`, and registers
    /// each under its name for discovery (`Address::lookup`). Prints a line for each.
    pub async fn start(shim: Shim, app: &App, built: &[BuiltGuest]) -> anyhow::Result<Self> {
        let mut versions = BTreeMap::new();
        for guest in built {
            let component = Component::read(&guest.path)?;
            versions.insert(guest.package.clone(), Arc::new(component));
        }
        let mut running = Self::new(shim);
        for (name, spec) in &app.actors {
            let version = Arc::clone(
                versions
                    .get(&spec.package)
                    .with_context(|| format!("package `{}` was not built", spec.package))?,
            );
            let started = running.add(name, spec, version).await?;
            match started {
                None => eprintln!("registered {name} ({}) as a durable service", spec.package),
                Some(actor) => eprintln!("started {name} ({}) as {actor}", spec.package),
            }
        }
        Ok(running)
    }

    /// An app with no actor yet, in `shim`.
    pub fn new(shim: Shim) -> Self {
        let actors = BTreeMap::new();
        Self { shim, actors }
    }

    /// Starts actor `name` as `spec` says, running `version` (or registers it, for a durable
    /// service), under its name for discovery. Returns where it runs; `None` for a durable
    /// service.
    pub async fn add(
        &mut self,
        name: &str,
        spec: &ActorSpec,
        version: Arc<Component>,
    ) -> anyhow::Result<Option<Address>> {
        let shim = &self.shim;
        let module = version.load(shim)?;
        let address = if spec.durable {
            shim.register_service(name, &module)?;
            None
        } else {
            let mut opts = SpawnOptions::new(name).args(spec.args());
            if let Some(bytes) = spec.max_memory_bytes {
                opts = opts.max_memory_bytes(bytes);
            }
            if let Some(fuel) = spec.max_fuel {
                opts = opts.max_fuel(fuel);
            }
            for params in &spec.grants {
                let granted = (shim.grant(params))
                    .map_err(|e| anyhow::anyhow!("actor `{name}`: grant {e}"))?;
                opts = opts.capability(granted);
            }
            let actor = (shim.spawn(&module, opts).await)
                .with_context(|| format!("starting actor `{name}`"))?;
            (shim.register_name(name, &actor).await)
                .with_context(|| format!("registering actor `{name}` for discovery"))?;
            Some(actor)
        };
        let running = Running {
            spec: spec.clone(),
            address: address.clone(),
            version,
            module,
        };
        self.actors.insert(name.to_owned(), running);
        Ok(address)
    }

    pub fn shim(&self) -> &Shim {
        &self.shim
    }

    /// Where the ingress sends each path, by the contracts of the code each actor runs now.
    pub fn table(&self) -> anyhow::Result<Table> {
        let mut table = Table::default();
        for (name, actor) in &self.actors {
            if let Some(address) = &actor.address {
                table.add_actor(name, address.clone(), actor.module.clone());
            }
            let routes = match &actor.version.contract {
                Ok(Some(contract)) => RouteTypes::all(contract)?,
                Ok(None) => continue,
                Err(e) => bail!("{}: {e}", actor.version.path.display()),
            };
            match &actor.address {
                None => table.add_durable(name, routes),
                Some(address) => {
                    for (route, types) in routes {
                        table.add(route, name, address.clone(), types);
                    }
                }
            }
        }
        Ok(table)
    }

    /// Whether every actor that runs `package` runs `version`'s code already.
    pub fn runs(&self, package: &str, version: &Component) -> bool {
        (self.actors.values())
            .filter(|a| a.spec.package == package)
            .all(|a| a.version.bytes == version.bytes)
    }

    /// Makes `version` the code of every actor that runs `package`, each between two of its
    /// messages ([`Shim::upgrade`]); a durable service gets it as a new deployment, which its
    /// new invocations run on while those begun on the former code finish there (or, with
    /// `move_replayable`, move to it when their journals replay clean on it). Prints a line
    /// for each actor; an actor that refuses keeps its former code, and the error names it and
    /// why.
    pub async fn swap(
        &mut self,
        package: &str,
        version: Component,
        move_replayable: bool,
    ) -> anyhow::Result<()> {
        let module = version.load(&self.shim)?;
        let version = Arc::new(version);
        let mut refused = Vec::new();
        for (name, actor) in (self.actors.iter_mut()).filter(|(_, a)| a.spec.package == package) {
            let taken = match &actor.address {
                None if move_replayable => self.shim.register_service_moving(name, &module, None),
                None => self.shim.register_service(name, &module),
                Some(address) => {
                    let mut upgrade = std::pin::pin!(self.shim.upgrade(address, &module));
                    tokio::select! {
                        taken = &mut upgrade => taken,
                        () = tokio::time::sleep(BUSY) => {
                            eprintln!("{name}: waiting for the message it handles to end");
                            upgrade.await
                        }
                    }
                }
            };
            match taken {
                Ok(()) => {
                    actor.version = Arc::clone(&version);
                    actor.module = module.clone();
                    eprintln!("swapped {name} ({package}) to the new version");
                }
                Err(e) => refused.push(e.to_string()),
            }
        }
        if !refused.is_empty() {
            bail!("{}", refused.join("; "));
        }
        Ok(())
    }
}

//! Spawning a child of an actor: what `process.spawn` and `discovery.get-or-spawn` do.

use std::sync::Arc;

use super::ActorCtx;
use super::life::{Spec, start};
use crate::capability::{Held, MESSAGING};
use crate::component::Module;
use crate::error::ShimError;
use crate::wit::log::Level;
use crate::wit::process::{SpawnError, SpawnOptions};
use crate::wit::types::{Address, Capability};

impl ActorCtx {
    fn refuse_spawn(
        &self,
        call: &str,
        error: SpawnError,
        why: String,
    ) -> Result<Address, SpawnError> {
        self.report(Level::Warn, format!("{call}: {why}"));
        Err(error)
    }

    /// Spawns a child of this actor: what `process.spawn` and `discovery.get-or-spawn` do.
    pub(crate) async fn spawn_child(
        &mut self,
        call: &str,
        module: Module,
        opts: SpawnOptions,
    ) -> Result<Address, SpawnError> {
        if !self.holds_kernel("spawn") {
            let why = format!(
                "{} does not hold the kernel's \"spawn\" capability",
                self.our
            );
            return self.refuse_spawn(call, SpawnError::PermissionDenied, why);
        }
        let mut held = Held::default();
        for cap in opts.request_capabilities {
            if !self.holds(&cap) {
                let why = format!(
                    "the child cannot be given {{issuer: {}, params: {}}}: {} does not hold it",
                    cap.issuer, cap.params, self.our
                );
                return self.refuse_spawn(call, SpawnError::PermissionDenied, why);
            }
            held.insert(cap);
        }
        held.insert(Capability::new(self.our.clone(), MESSAGING));
        let name = opts
            .name
            .unwrap_or_else(|| getrandom::u64().unwrap_or_default().to_string());
        let node = Arc::clone(&self.node);
        let child = node.address(&name, &self.our.process.package_name);
        let limit = node.limits.max_memory_bytes;
        let max_memory = opts.limits.max_memory_bytes.map_or(limit, |m| {
            usize::try_from(m).unwrap_or(usize::MAX).min(limit)
        });
        let spec = Spec {
            our: child.clone(),
            module,
            args: opts.args,
            public: opts.public,
            parent: Some(self.our.clone()),
            on_exit: opts.on_exit,
            held,
            actor_type: opts.actor_type,
            max_memory_bytes: max_memory,
            max_fuel: opts.limits.max_fuel,
            link: opts.link.then_some(opts.link_tag),
            obituary: None,
        };
        match start(&node, &self.components, spec).await {
            Ok(child) => {
                let router = &node.router;
                router.with(&self.our, |p| {
                    p.held.insert(Capability::new(child.clone(), MESSAGING))
                });
                for (grantee, params) in opts.grant_capabilities {
                    let grantee = Address::new(&node.name, grantee);
                    router.with(&grantee, |p| {
                        p.held.insert(Capability::new(child.clone(), &params))
                    });
                }
                Ok(child)
            }
            Err(ShimError::NameTaken(_)) => Err(SpawnError::NameTaken),
            Err(e) => self.refuse_spawn(call, SpawnError::InvalidModule, e.to_string()),
        }
    }
}

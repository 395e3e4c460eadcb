//! Actors: the store data of one actor ([`ActorCtx`]), the seam every host function passes
//! through ([`dispatch`]), the life of an actor on its own task ([`life`]), and the linked
//! components actors are instantiated from ([`components`]).
//!
//! The host functions themselves live above, in [`host`](crate::host), as trait impls on
//! [`ActorCtx`]; everything they call on it is defined here.

pub(crate) mod components;
mod deliveries;
pub(crate) mod dispatch;
pub(crate) mod life;
mod spawn;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use wasmtime::StoreLimits;
use wasmtime::component::ResourceTable;
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

use self::components::Components;
use crate::capability::Held;
use crate::journal::Attempt;
use crate::mailbox::{Mailbox, Upgrade};
use crate::node::Node;
use crate::state::StateTxn;
use crate::wit::log::Level;
use crate::wit::types::{Address, Blob, Capability, RuntimeEvent};

/// Which export the actor is in: decides when state commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// In `init`. A guest that loops on `receive` here runs in process mode, and each
    /// `receive` ends a step (its state commits).
    Init,
    /// In `handle`: the handler's writes commit when it returns Ok.
    Handle,
}

/// The message being handled, as far as the host functions need it.
pub(crate) struct Current {
    pub id: u64,
    pub blob: Option<Blob>,
}

/// Raised by `process.exit`: unwinds the guest and tells the actor loop how it ended.
#[derive(Debug, thiserror::Error)]
#[error("the actor called process.exit(failed: {failed})")]
pub(crate) struct ExitRequested {
    pub failed: bool,
}

/// Raised by a process-mode actor's `receive` that found new code in the mailbox
/// ([`ActorCtx::upgrade`]): unwinds the guest, whose state is committed up to that receive,
/// so the actor's loop can start the new code.
#[derive(Debug, thiserror::Error)]
#[error("the actor is taking new code")]
pub(crate) struct UpgradeRequested;

/// The store data of one actor: everything its host calls can reach.
#[doc(hidden)]
pub struct ActorCtx {
    pub(crate) our: Address,
    pub(crate) incarnation: u64,
    pub(crate) node: Arc<Node>,
    /// What the actor spawns its children from.
    pub(crate) components: Arc<Components>,
    pub(crate) mailbox: Mailbox,
    pub(crate) state: StateTxn,
    pub(crate) phase: Phase,
    pub(crate) current: Option<Current>,
    /// Requests delivered to us that still owe their requester a response.
    pub(crate) awaiting: HashSet<u64>,
    pub(crate) last_blob: Option<Blob>,
    /// Capabilities that arrived in verified messages: what `capabilities.save` accepts.
    pub(crate) received: Held,
    /// Registered stream ids: chunks for any other are dropped.
    pub(crate) streams: HashSet<String>,
    /// Whether the mailbox is over its backpressure threshold, so `observe` heard of it.
    pub(crate) backpressured: bool,
    pub(crate) limits: StoreLimits,
    /// Where the CPU deadline counts from: the first epoch tick the guest ran through since it
    /// last got control back from the host.
    pub(crate) segment_start: Instant,
    /// The guest got control back from the host since the last epoch tick it ran through.
    pub(crate) segment_restarted: bool,
    /// Made when the guest first calls WASI: most actors never do, and a context costs a
    /// seeded generator and a few allocations at every spawn.
    pub(crate) wasi: Option<WasiCtx>,
    pub(crate) table: ResourceTable,
    /// Set while the actor runs an attempt of a durable invocation.
    pub(crate) durable: Option<Box<Attempt>>,
    /// New code taken from the mailbox, for the actor's loop to start.
    pub(crate) upgrade: Option<Upgrade>,
}

impl ActorCtx {
    /// The guest gets control back from the host: its CPU deadline counts again, from the next
    /// epoch tick it runs through (real time, not the node's clock). Only a flag here, as this
    /// runs on every host call: reading the time is left to the tick, which comes every
    /// [`TICK`](crate::engine::TICK) while the guest runs, so a guest may run up to one tick
    /// past its deadline.
    pub(crate) fn start_cpu_segment(&mut self) {
        self.segment_restarted = true;
    }

    /// At an epoch tick the guest ran through: whether it has run past its CPU deadline.
    pub(crate) fn check_cpu_deadline(&mut self) -> wasmtime::Result<()> {
        if std::mem::take(&mut self.segment_restarted) {
            self.segment_start = Instant::now();
            return Ok(());
        }
        let ran = self.segment_start.elapsed();
        let deadline = self.node.limits.cpu_deadline;
        if ran > deadline {
            return Err(wasmtime::format_err!(
                "{} ran for {ran:?} without returning to the host, over its CPU deadline of \
                 {deadline:?}",
                self.our
            ));
        }
        Ok(())
    }

    /// A `mailbox-backpressure` event when the mailbox just crossed its threshold: once per
    /// crossing.
    pub(crate) fn backpressure(&mut self) -> Option<RuntimeEvent> {
        let queued = self.mailbox.len();
        let threshold = self.node.limits.mailbox_backpressure;
        if queued < threshold {
            self.backpressured = false;
            return None;
        }
        if self.backpressured {
            return None;
        }
        self.backpressured = true;
        Some(RuntimeEvent::MailboxBackpressure((
            queued as u64,
            threshold as u64,
        )))
    }

    /// Logs `message` as this actor.
    pub(crate) fn report(&self, level: Level, message: String) {
        self.node.log(&self.our, level, message);
    }

    /// Whether this actor holds `cap`. An actor holds every capability it issued.
    pub(crate) fn holds(&self, cap: &Capability) -> bool {
        cap.issuer.same_as(&self.our)
            || self
                .node
                .router
                .with(&self.our, |p| p.held.has(cap))
                .unwrap_or(false)
    }

    /// Whether this actor holds the kernel capability `params`.
    pub(crate) fn holds_kernel(&self, params: &str) -> bool {
        self.holds(&self.node.kernel_cap(params))
    }

    /// Strips from an outgoing message every capability the sender neither issued nor holds;
    /// the receiver can trust (and `save`) the rest.
    pub(crate) fn vet(&self, caps: &mut Vec<Capability>) {
        caps.retain(|cap| self.holds(cap));
    }
}

/// An actor's WASI context: guests get no environment, arguments or files; stdout and stderr
/// go to ours.
fn new_wasi() -> WasiCtx {
    WasiCtxBuilder::new().inherit_stderr().build()
}

impl ActorCtx {
    /// The actor's WASI context, made on first use.
    pub(crate) fn wasi(&mut self) -> &mut WasiCtx {
        self.wasi.get_or_insert_with(new_wasi)
    }
}

impl WasiView for ActorCtx {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: self.wasi.get_or_insert_with(new_wasi),
            table: &mut self.table,
        }
    }
}

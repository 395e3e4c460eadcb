//! The host side of `guestkit:host`: what each import does for the calling actor.
//!
//! Every import of every interface goes through one function, [`ActorCtx::dispatch`], as a
//! value implementing [`HostCall`]. That is the seam where durable execution journals a call
//! and, on replay, returns the recorded result instead of running it again; it is also where
//! the per-call CPU budget restarts.

mod capabilities;
mod clock;
mod discovery;
mod durable;
mod host_call;
mod log;
mod messaging;
mod module;
mod process;
mod random;
mod state;
mod streams;
mod unimplemented;

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use wasmtime::StoreLimits;
use wasmtime::component::ResourceTable;
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

use crate::bindings::types::{Address, Blob, RuntimeEvent};
use crate::capability::Held;
use crate::durable::Attempt;
use crate::mailbox::Mailbox;
use crate::shim::Shared;
use crate::state::StateTxn;

/// One host function call, with its arguments.
pub(crate) trait HostCall: Send {
    /// `interface.function`, as the guest's WIT names it.
    const NAME: &'static str;
    type Output: Send;
    /// Performs the call for `cx`. An `Err` traps the guest.
    fn run(self, cx: &mut ActorCtx) -> impl Future<Output = wasmtime::Result<Self::Output>> + Send;
}

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

pub(crate) use self::clock::now;
pub(crate) use self::process::ExitRequested;

/// A host-owned connection (`types.conn`). This shim opens none, so no guest ever holds one.
pub enum Conn {}

/// The store data of one actor: everything its host calls can reach.
pub(crate) struct ActorCtx {
    pub our: Address,
    pub incarnation: u64,
    pub shared: Arc<Shared>,
    pub mailbox: Mailbox,
    pub state: StateTxn,
    pub phase: Phase,
    pub current: Option<Current>,
    /// Requests delivered to us that still owe their requester a response.
    pub awaiting: HashSet<u64>,
    pub last_blob: Option<Blob>,
    /// Capabilities that arrived in verified messages: what `capabilities.save` accepts.
    pub received: Held,
    /// Registered stream ids: chunks for any other are dropped.
    pub streams: HashSet<String>,
    /// Whether the mailbox is over its backpressure threshold, so `observe` heard of it.
    pub backpressured: bool,
    pub limits: StoreLimits,
    /// When the guest last got control back from the host; the CPU deadline counts from here.
    pub segment_start: Instant,
    pub wasi: WasiCtx,
    pub table: ResourceTable,
    /// Set while the actor runs an attempt of a durable invocation.
    pub durable: Option<Box<Attempt>>,
}

impl ActorCtx {
    /// The single entry point of every host function.
    pub async fn dispatch<C: HostCall>(&mut self, call: C) -> wasmtime::Result<C::Output> {
        self.check_side_effect(C::NAME)?;
        let out = call.run(self).await;
        self.segment_start = Instant::now();
        out
    }
}

impl ActorCtx {
    /// A `mailbox-backpressure` event when the mailbox just crossed its threshold: once per
    /// crossing.
    pub fn backpressure(&mut self) -> Option<RuntimeEvent> {
        let queued = self.mailbox.len();
        let threshold = self.shared.limits.mailbox_backpressure;
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
}

impl WasiView for ActorCtx {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

//! The one seam every host function passes through: [`ActorCtx::dispatch`] takes the call as
//! a value implementing [`HostCall`], applies the dispatch policy its declared [`Effect`]
//! calls for, runs it, and restarts the guest's CPU budget.
//!
//! The policy, in a durable invocation: a [`Effect::Journaled`] call records its result
//! through [`ActorCtx::journaled`] and replays it; a [`Effect::SideEffect`] is refused
//! (571) outside an executing run; an [`Effect::Local`] call runs on every attempt.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::ActorCtx;
use crate::declaration::Access;
use crate::journal::{Attempt, PROTOCOL_VIOLATION};
use crate::state::StateTxn;
use crate::storage::StateChanges;

/// What a host call does beyond returning its result, as the durable policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Reaches nothing outside the calling actor's own view of the host (its logs, handles,
    /// capabilities, journal bookkeeping): runs on every attempt, replays included.
    Local,
    /// Its result is recorded in a durable invocation's journal and replayed from there.
    Journaled,
    /// Reaches outside the actor (messages, processes, names, streams, the embedder): in a
    /// durable invocation, allowed only inside an executing run.
    SideEffect,
}

/// One host function call, with its arguments.
///
/// Every call declares its [`Effect`]; one that does not, does not build:
///
/// ```compile_fail,E0046
/// use guestkit_shim::__private::{ActorCtx, HostCall};
///
/// struct Undeclared;
/// impl HostCall for Undeclared {
///     const NAME: &'static str = "example.undeclared";
///     type Output = ();
///     async fn run(self, _cx: &mut ActorCtx) -> wasmtime::Result<()> {
///         Ok(())
///     }
/// }
/// ```
pub trait HostCall: Send {
    /// `interface.function`, as the guest's WIT names it.
    const NAME: &'static str;
    /// What the call does beyond its result: decides how durable execution treats it.
    const EFFECT: Effect;
    type Output: Send;
    /// Performs the call for `cx`. An `Err` traps the guest.
    fn run(self, cx: &mut ActorCtx) -> impl Future<Output = wasmtime::Result<Self::Output>> + Send;
}

/// The one journaled call a run's closure makes: the end of the run.
const END_OF_RUN: &str = "durable.run-end";

impl ActorCtx {
    /// The single entry point of every host function.
    pub(crate) async fn dispatch<C: HostCall>(&mut self, call: C) -> wasmtime::Result<C::Output> {
        match C::EFFECT {
            Effect::SideEffect => self.check_side_effect(C::NAME)?,
            Effect::Journaled if C::NAME != END_OF_RUN => self.check_outside_run(C::NAME)?,
            Effect::Journaled | Effect::Local => {}
        }
        let out = call.run(self).await;
        self.start_cpu_segment();
        out
    }

    /// The entry point of a host function bound synchronously: one whose call never waits,
    /// so that [`dispatch`](Self::dispatch) completes in one poll. One that waited after all
    /// would be a bug of the shim's bindings: it traps, naming itself, instead of blocking
    /// the thread.
    pub(crate) fn dispatch_now<C: HostCall>(&mut self, call: C) -> wasmtime::Result<C::Output> {
        let dispatched = pin!(self.dispatch(call));
        match dispatched.poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(out) => out,
            Poll::Pending => Err(wasmtime::format_err!(
                "guestkit:host/{} is bound synchronously but had to wait",
                C::NAME
            )),
        }
    }

    /// A trap with code 571 when `function`, a side effect, is called in a durable invocation
    /// outside an executing run.
    fn check_side_effect(&mut self, function: &str) -> wasmtime::Result<()> {
        let Some(attempt) = self.durable.as_deref_mut() else {
            return Ok(());
        };
        if attempt.open_run.is_some() {
            return Ok(());
        }
        Err(attempt.violation(format!(
            "guestkit:host/{function} is a side effect: in a durable invocation, wrap it in \
             `guestkit::durable::run` (durable.run-begin … run-end), so that a retry does not \
             do it again"
        )))
    }

    /// In a durable invocation, refuses `function`, a call the journal records, inside an
    /// executing run: the run's result is what replay returns in its place, so what the run
    /// did through the context would be journaled once and then never asked for again. A bug
    /// in the guest: the invocation pauses, so that fixed code can resume it.
    fn check_outside_run(&mut self, function: &str) -> wasmtime::Result<()> {
        let Some(attempt) = self.durable.as_deref_mut() else {
            return Ok(());
        };
        let Some(run) = &attempt.open_run else {
            return Ok(());
        };
        let why = format!(
            "guestkit:host/{function} was called inside the run `{}`: a run's closure does \
             its side effect and nothing the journal records (state, clock, random, durable \
             calls, timers, another run); call it before or after `guestkit::durable::run`",
            run.name
        );
        Err(attempt.pause(PROTOCOL_VIOLATION, why))
    }

    /// In a durable invocation, refuses `function`, a state call, when the invocation has no
    /// state to give it: one without an object key has none, and a shared handler only reads
    /// (`writes` false) the object's committed state. Either is a bug in the guest: the
    /// invocation pauses, so that fixed code can resume it.
    pub(crate) fn check_state(&mut self, function: &str, writes: bool) -> wasmtime::Result<()> {
        let Some(attempt) = self.durable.as_deref_mut() else {
            return Ok(());
        };
        let invocation = &attempt.invocation;
        let why = match invocation.access() {
            Access::Exclusive => return Ok(()),
            Access::Shared if !writes => return Ok(()),
            Access::Shared => format!(
                "guestkit:host/{function} writes state, and `{}` is a shared handler of `{}`: \
                 shared handlers read the object's committed state and never write it; write \
                 from an exclusive handler (drop `#[shared]`)",
                invocation.handler, invocation.service
            ),
            Access::Stateless => format!(
                "guestkit:host/{function}: this invocation of `{}` has no object key, so no \
                 state; call it with a key (`durable::service(..).key(..)`, `--key`) and declare \
                 the service an object (`#[guestkit::actor(object)]`)",
                invocation.service
            ),
        };
        Err(attempt.pause(500, why))
    }

    /// `run`'s result, journaled as `command` (with the arguments `fields` and `payload`) when
    /// the actor is in a durable invocation: on replay the recorded result comes back and
    /// `run` does not run.
    pub(crate) fn journaled<T: Serialize + DeserializeOwned>(
        &mut self,
        command: &str,
        fields: impl FnOnce() -> serde_json::Value,
        payload: Option<&[u8]>,
        run: impl FnOnce(&mut StateTxn) -> wasmtime::Result<T>,
    ) -> wasmtime::Result<T> {
        let state = &mut self.state;
        match self.durable.as_deref_mut() {
            Some(attempt) => attempt.record(command, fields(), payload, || run(state)),
            None => run(state),
        }
    }

    /// Writes `changes`, made by `command` (with the arguments `fields`), to the actor's
    /// state: in a durable invocation they are journaled, with the value written as the
    /// entry's payload, and land with their entry ([`Attempt::record_write`]); otherwise
    /// they are the step's, committed when it succeeds.
    pub(crate) async fn write_state(
        &mut self,
        command: &str,
        fields: serde_json::Value,
        changes: StateChanges,
    ) -> wasmtime::Result<()> {
        let Some(attempt) = self.durable.as_deref_mut() else {
            self.state.stage(changes);
            return Ok(());
        };
        let payload = changes.writes.values().find_map(Clone::clone);
        self.state.forget(&changes);
        let unapplied = attempt
            .record_write(command, fields, payload, changes)
            .await?;
        if let Some(changes) = unapplied {
            self.state.stage(changes);
        }
        Ok(())
    }

    /// Whether a durable invocation is replaying its journal (its logs are suppressed).
    pub(crate) fn replaying(&self) -> bool {
        self.durable.as_ref().is_some_and(|a| a.is_replaying())
    }

    /// The running attempt of a durable invocation, or a trap naming `function` when there is
    /// none.
    pub(crate) fn attempt(&mut self, function: &str) -> wasmtime::Result<&mut Attempt> {
        self.durable.as_deref_mut().ok_or_else(|| {
            wasmtime::format_err!(
                "guestkit:host/{function} works only inside a durable invocation \
                 (started with Shim::start_invocation or `cargo guest run --durable`)"
            )
        })
    }
}

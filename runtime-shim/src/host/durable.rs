//! `guestkit:host/durable`: the journaled primitives of a durable invocation. `input`,
//! `is-replaying`, `run-begin` / `run-end` with their retry policies, `is-completed`, `take`
//! and `set-payload-checks` are implemented; timers, calls, awakeables, signals, promises and
//! suspension are not yet, and say so by name.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use wasmtime::Result;

use super::unimplemented::Trap;
use super::{ActorCtx, HostCall};
use crate::bindings::durable::{
    self, AwaitNode, CallHandles, CallTarget, Handle, InvocationInput, InvocationRef,
    OnMaxAttempts, RetryPolicy, RunOutcome, RunStart, Value, WaitOutcome,
};
use crate::bindings::types::Failure as WitFailure;
use crate::durable::{
    Abort, Attempt, Completion, EFFECT_OUTSIDE_RUN, Failure, JournalEntry, OpenRun,
};
use crate::state::StateTxn;

impl ActorCtx {
    /// `run`'s result, journaled as `command` (with the arguments `fields` and `payload`) when
    /// the actor is in a durable invocation: on replay the recorded result comes back and
    /// `run` does not run.
    pub(crate) fn journaled<T: Serialize + DeserializeOwned>(
        &mut self,
        command: &str,
        fields: impl FnOnce() -> serde_json::Value,
        payload: Option<&[u8]>,
        run: impl FnOnce(&mut StateTxn) -> Result<T>,
    ) -> Result<T> {
        let state = &mut self.state;
        match self.durable.as_deref_mut() {
            Some(attempt) => attempt.record(command, fields(), payload, || run(state)),
            None => run(state),
        }
    }

    /// Whether a durable invocation is replaying its journal (its logs are suppressed).
    pub(crate) fn replaying(&self) -> bool {
        self.durable.as_ref().is_some_and(|a| a.is_replaying())
    }

    /// A trap with code 571 when `function`, a side effect, is called in a durable invocation
    /// outside an executing run.
    pub(crate) fn check_side_effect(&mut self, function: &str) -> Result<()> {
        const SIDE_EFFECTS: [&str; 5] = [
            "messaging.",
            "process.",
            "discovery.",
            "streams.",
            "host-call.",
        ];
        let Some(attempt) = self.durable.as_deref_mut() else {
            return Ok(());
        };
        if attempt.open_run.is_some() || !SIDE_EFFECTS.iter().any(|p| function.starts_with(p)) {
            return Ok(());
        }
        Err(attempt.fail(Abort::Retry {
            failure: Failure {
                code: EFFECT_OUTSIDE_RUN,
                message: format!(
                    "guestkit:host/{function} is a side effect: in a durable invocation it may \
                     be called only inside an executing run (durable.run-begin … run-end)"
                ),
            },
            after: None,
        }))
    }

    /// The running attempt of a durable invocation, or a trap naming `function` when there is
    /// none.
    pub(crate) fn attempt(&mut self, function: &str) -> Result<&mut Attempt> {
        self.durable.as_deref_mut().ok_or_else(|| {
            wasmtime::format_err!(
                "guestkit:host/{function} works only inside a durable invocation \
                 (started with Shim::start_invocation or `cargo guest run --durable`)"
            )
        })
    }
}

struct Input;
impl HostCall for Input {
    const NAME: &'static str = "durable.input";
    type Output = InvocationInput;
    async fn run(self, cx: &mut ActorCtx) -> Result<InvocationInput> {
        let i = &cx.attempt(Self::NAME)?.invocation;
        Ok(InvocationInput {
            invocation_id: i.id.clone(),
            key: i.key.clone(),
            random_seed: i.random_seed,
            headers: Vec::new(),
            input: i.input.clone(),
            idempotency_key: None,
            scope: None,
            limit_key: None,
            retry_count: i.retry_count,
        })
    }
}

struct IsReplaying;
impl HostCall for IsReplaying {
    const NAME: &'static str = "durable.is-replaying";
    type Output = bool;
    async fn run(self, cx: &mut ActorCtx) -> Result<bool> {
        Ok(cx.attempt(Self::NAME)?.is_replaying())
    }
}

struct RunBegin(String);
impl HostCall for RunBegin {
    const NAME: &'static str = "durable.run-begin";
    type Output = RunStart;
    async fn run(self, cx: &mut ActorCtx) -> Result<RunStart> {
        let attempt = cx.attempt(Self::NAME)?;
        if let Some(open) = &attempt.open_run {
            return Err(wasmtime::format_err!(
                "durable.run-begin(\"{}\") inside run \"{}\": end a run before beginning another",
                self.0,
                open.name
            ));
        }
        let handle = attempt.handle();
        match attempt.replay("run", &json!({ "name": self.0 }), None)? {
            Some(entry) => {
                let completion: Completion = serde_json::from_value(entry.result)?;
                attempt.completed.insert(handle, completion);
                Ok(RunStart::Replayed(handle))
            }
            None => {
                attempt.open_run = Some(OpenRun {
                    handle,
                    name: self.0,
                });
                Ok(RunStart::Execute(handle))
            }
        }
    }
}

struct RunEnd(Handle, RunOutcome, RetryPolicy);
impl HostCall for RunEnd {
    const NAME: &'static str = "durable.run-end";
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> Result<()> {
        let attempt = cx.attempt(Self::NAME)?;
        let RunEnd(handle, outcome, policy) = self;
        let run = match attempt.open_run.take() {
            Some(run) if run.handle == handle => run,
            other => {
                attempt.open_run = other;
                return Err(wasmtime::format_err!(
                    "durable.run-end for handle {handle}, which is not an executing run"
                ));
            }
        };
        let completion = match outcome {
            RunOutcome::Success(bytes) => Completion::Success(bytes),
            RunOutcome::Terminal(f) => Completion::Failure(Failure {
                code: f.code,
                message: f.message,
            }),
            RunOutcome::Retryable(message) => {
                // This run failed in every attempt since the journal last grew.
                let tries = attempt.invocation.retry_count + 1;
                let failure = Failure {
                    code: 500,
                    message: format!("run \"{}\" failed: {message}", run.name),
                };
                match next_try(&policy, tries) {
                    Some(after) => {
                        return Err(attempt.fail(Abort::Retry {
                            failure,
                            after: Some(after),
                        }));
                    }
                    None if pauses(&policy) => {
                        return Err(attempt.fail(Abort::Terminal {
                            failure,
                            pause: true,
                        }));
                    }
                    None => Completion::Failure(Failure {
                        message: format!(
                            "{} (its retry policy allowed {tries} attempt(s))",
                            failure.message
                        ),
                        ..failure
                    }),
                }
            }
        };
        attempt.append(JournalEntry {
            command: "run".into(),
            fields: json!({ "name": run.name }),
            payload: None,
            result: serde_json::to_value(&completion)?,
        })?;
        attempt.completed.insert(handle, completion);
        Ok(())
    }
}

/// The delay before try number `tries + 1` of a run under `policy`, or `None` when the policy
/// allows no more.
fn next_try(policy: &RetryPolicy, tries: u32) -> Option<Duration> {
    let allowed = |max: Option<u32>| max.is_none_or(|max| tries < max);
    match policy {
        RetryPolicy::None => None,
        RetryPolicy::Infinite => Some(Duration::from_millis(50)),
        RetryPolicy::FixedDelay(p) => {
            allowed(p.max_attempts).then(|| Duration::from_millis(p.interval_ms.unwrap_or(50)))
        }
        RetryPolicy::Exponential(p) => allowed(p.max_attempts).then(|| {
            let grown = p.initial_interval_ms as f64 * f64::from(p.factor).powi(tries as i32 - 1);
            let capped = p.max_interval_ms.map_or(grown, |max| grown.min(max as f64));
            Duration::from_millis(capped as u64)
        }),
    }
}

/// Whether `policy`, once exhausted, pauses the invocation rather than failing the run.
fn pauses(policy: &RetryPolicy) -> bool {
    let on_max = match policy {
        RetryPolicy::FixedDelay(p) => p.on_max_attempts,
        RetryPolicy::Exponential(p) => p.on_max_attempts,
        RetryPolicy::None | RetryPolicy::Infinite => OnMaxAttempts::FailAsTerminal,
    };
    on_max == OnMaxAttempts::Pause
}

struct IsCompleted(Handle);
impl HostCall for IsCompleted {
    const NAME: &'static str = "durable.is-completed";
    type Output = bool;
    async fn run(self, cx: &mut ActorCtx) -> Result<bool> {
        Ok(cx.attempt(Self::NAME)?.completed.contains_key(&self.0))
    }
}

struct Take(Handle);
impl HostCall for Take {
    const NAME: &'static str = "durable.take";
    type Output = Option<Value>;
    async fn run(self, cx: &mut ActorCtx) -> Result<Option<Value>> {
        let completed = cx.attempt(Self::NAME)?.completed.remove(&self.0);
        Ok(completed.map(|c| match c {
            Completion::Success(bytes) => Value::Success(bytes),
            Completion::Failure(f) => Value::Failure(WitFailure {
                code: f.code,
                message: f.message,
                metadata: Vec::new(),
            }),
        }))
    }
}

struct SetPayloadChecks(bool);
impl HostCall for SetPayloadChecks {
    const NAME: &'static str = "durable.set-payload-checks";
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> Result<()> {
        cx.attempt(Self::NAME)?.payload_checks = self.0;
        Ok(())
    }
}

/// `wait` on handles that have all completed returns at once. Waiting for one that has not
/// would need suspension, which this shim does not implement yet: it says so.
struct Wait(Vec<AwaitNode>);
impl HostCall for Wait {
    const NAME: &'static str = "durable.wait";
    type Output = WaitOutcome;
    async fn run(self, cx: &mut ActorCtx) -> Result<WaitOutcome> {
        let attempt = cx.attempt(Self::NAME)?;
        let any = self
            .0
            .iter()
            .flat_map(|node| &node.handles)
            .any(|h| attempt.completed.contains_key(h));
        if any {
            return Ok(WaitOutcome::AnyCompleted);
        }
        Err(wasmtime::format_err!(
            "guestkit:host/durable.wait on handles that have not completed needs suspension, \
             which this shim does not implement yet"
        ))
    }
}

impl durable::Host for ActorCtx {
    async fn input(&mut self) -> Result<InvocationInput> {
        self.dispatch(Input).await
    }
    async fn is_replaying(&mut self) -> Result<bool> {
        self.dispatch(IsReplaying).await
    }
    async fn sleep(&mut self, _name: String, _duration_ms: u64) -> Result<Handle> {
        self.dispatch(Trap::new("durable.sleep")).await
    }
    async fn call(
        &mut self,
        _t: CallTarget,
        _input: Vec<u8>,
        _name: Option<String>,
    ) -> Result<CallHandles> {
        self.dispatch(Trap::new("durable.call")).await
    }
    async fn send(
        &mut self,
        _t: CallTarget,
        _input: Vec<u8>,
        _delay_ms: Option<u64>,
        _name: Option<String>,
    ) -> Result<Handle> {
        self.dispatch(Trap::new("durable.send")).await
    }
    async fn awakeable(&mut self) -> Result<(String, Handle)> {
        self.dispatch(Trap::new("durable.awakeable")).await
    }
    async fn complete_awakeable(
        &mut self,
        _id: String,
        _v: std::result::Result<Vec<u8>, WitFailure>,
    ) -> Result<()> {
        self.dispatch(Trap::new("durable.complete-awakeable")).await
    }
    async fn signal(&mut self, _name: String) -> Result<Handle> {
        self.dispatch(Trap::new("durable.signal")).await
    }
    async fn complete_signal(
        &mut self,
        _invocation_id: String,
        _name: String,
        _v: std::result::Result<Vec<u8>, WitFailure>,
    ) -> Result<()> {
        self.dispatch(Trap::new("durable.complete-signal")).await
    }
    async fn promise_get(&mut self, _key: String) -> Result<Handle> {
        self.dispatch(Trap::new("durable.promise-get")).await
    }
    async fn promise_peek(&mut self, _key: String) -> Result<Handle> {
        self.dispatch(Trap::new("durable.promise-peek")).await
    }
    async fn promise_complete(
        &mut self,
        _key: String,
        _v: std::result::Result<Vec<u8>, WitFailure>,
    ) -> Result<Handle> {
        self.dispatch(Trap::new("durable.promise-complete")).await
    }
    async fn run_begin(&mut self, name: String) -> Result<RunStart> {
        self.dispatch(RunBegin(name)).await
    }
    async fn run_end(
        &mut self,
        run: Handle,
        outcome: RunOutcome,
        retry: RetryPolicy,
    ) -> Result<()> {
        self.dispatch(RunEnd(run, outcome, retry)).await
    }
    async fn cancel_invocation(&mut self, _invocation_id: String) -> Result<()> {
        self.dispatch(Trap::new("durable.cancel-invocation")).await
    }
    async fn attach_invocation(&mut self, _target: InvocationRef) -> Result<Handle> {
        self.dispatch(Trap::new("durable.attach-invocation")).await
    }
    async fn get_invocation_output(&mut self, _target: InvocationRef) -> Result<Handle> {
        self.dispatch(Trap::new("durable.get-invocation-output"))
            .await
    }
    async fn wait(&mut self, tree: Vec<AwaitNode>) -> Result<WaitOutcome> {
        self.dispatch(Wait(tree)).await
    }
    async fn is_completed(&mut self, h: Handle) -> Result<bool> {
        self.dispatch(IsCompleted(h)).await
    }
    async fn take(&mut self, h: Handle) -> Result<Option<Value>> {
        self.dispatch(Take(h)).await
    }
    async fn set_payload_checks(&mut self, enabled: bool) -> Result<()> {
        self.dispatch(SetPayloadChecks(enabled)).await
    }
}

//! `guestkit:host/durable`: the journaled primitives of a durable invocation: `input`,
//! `is-replaying`, `run-begin` / `run-end` with their retry policies, durable `sleep`,
//! awakeables, promises, cancellation, `wait` with its combinators and suspension,
//! `is-completed`, `take` and `set-payload-checks`. `call`, `send`, signals,
//! `attach-invocation` and `get-invocation-output` are not implemented yet and say so by name.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use wasmtime::Result;

use super::unimplemented::Trap;
use super::{ActorCtx, HostCall};
use crate::bindings::durable::{
    self, AwaitNode, CallHandles, CallTarget, Combinator, Handle, InvocationInput, InvocationRef,
    OnMaxAttempts, RetryPolicy, RunOutcome, RunStart, Value, WaitOutcome,
};
use crate::bindings::types::Failure as WitFailure;
use crate::durable::{
    self as invocations, Abort, Attempt, Awaited, Completion, EFFECT_OUTSIDE_RUN, Failure,
    JournalEntry, OpenRun,
};
use crate::state::StateTxn;

impl ActorCtx {
    /// `run`'s result, journaled as `command` (with the arguments `fields` and `payload`) when
    /// the actor is in a durable invocation: on replay the recorded result comes back and
    /// `run` does not run.
    pub(crate) async fn journaled<T: Serialize + DeserializeOwned>(
        &mut self,
        command: &str,
        fields: impl FnOnce() -> serde_json::Value,
        payload: Option<&[u8]>,
        run: impl FnOnce(&mut StateTxn) -> Result<T>,
    ) -> Result<T> {
        let state = &mut self.state;
        match self.durable.as_deref_mut() {
            Some(attempt) => {
                attempt
                    .record(command, fields(), payload, || run(state))
                    .await
            }
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
        attempt
            .append(JournalEntry {
                command: "run".into(),
                fields: json!({ "name": run.name }),
                payload: None,
                result: serde_json::to_value(&completion)?,
            })
            .await?;
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

/// Whether `handle` has completed, as this point of the journal saw it.
struct IsCompleted(Handle);
impl HostCall for IsCompleted {
    const NAME: &'static str = "durable.is-completed";
    type Output = bool;
    async fn run(self, cx: &mut ActorCtx) -> Result<bool> {
        let attempt = cx.attempt(Self::NAME)?;
        let h = self.0;
        let fields = json!({ "handle": h });
        let seen: Option<Completion> = match attempt.replay(Self::NAME, &fields, None)? {
            Some(entry) => serde_json::from_value(entry.result)?,
            None => {
                let seen = attempt.resolve(h)?;
                attempt
                    .append(JournalEntry {
                        command: Self::NAME.into(),
                        fields,
                        payload: None,
                        result: serde_json::to_value(&seen)?,
                    })
                    .await?;
                seen
            }
        };
        if let Some(done) = &seen {
            attempt.pending.remove(&h);
            attempt.completed.insert(h, done.clone());
        }
        Ok(seen.is_some())
    }
}

struct Take(Handle);
impl HostCall for Take {
    const NAME: &'static str = "durable.take";
    type Output = Option<Value>;
    async fn run(self, cx: &mut ActorCtx) -> Result<Option<Value>> {
        let completed = cx.attempt(Self::NAME)?.completed.remove(&self.0);
        Ok(completed.map(|c| match c {
            Completion::Void => Value::Void,
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

/// A durable timer: its wake-up time is journaled when first recorded, so a replay (even in
/// another shim process) waits for the same moment. Only `name` is checked on replay.
struct Sleep(String, u64);
impl HostCall for Sleep {
    const NAME: &'static str = "durable.sleep";
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        let Sleep(name, duration_ms) = self;
        let wake_at_ms = attempt
            .record(Self::NAME, json!({ "name": name }), None, || {
                Ok(durable_now().saturating_add(duration_ms))
            })
            .await?;
        attempt
            .pending
            .insert(handle, Awaited::Sleep { wake_at_ms });
        Ok(handle)
    }
}

struct NewAwakeable;
impl HostCall for NewAwakeable {
    const NAME: &'static str = "durable.awakeable";
    type Output = (String, Handle);
    async fn run(self, cx: &mut ActorCtx) -> Result<(String, Handle)> {
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        let fresh = format!("prom_{}_{handle}", attempt.invocation.id);
        let id: String = attempt
            .record(Self::NAME, json!({}), None, || Ok(fresh))
            .await?;
        attempt
            .pending
            .insert(handle, Awaited::External(invocations::awakeable_key(&id)));
        Ok((id, handle))
    }
}

fn completion(value: std::result::Result<Vec<u8>, WitFailure>) -> Completion {
    Completion::of(value.map_err(|f| Failure {
        code: f.code,
        message: f.message,
    }))
}

/// Completes `key` for the guest, once: journaled, so a replay does not complete it again.
async fn complete_journaled(
    cx: &mut ActorCtx,
    command: &str,
    fields: serde_json::Value,
    key: String,
    value: &Completion,
) -> Result<bool> {
    let shared = Arc::clone(&cx.shared);
    let payload = serde_json::to_vec(value)?;
    cx.attempt(command)?
        .record(command, fields, Some(&payload), || {
            invocations::complete(&shared, &key, value)
                .map_err(|e| wasmtime::format_err!("{command}: {e}"))
        })
        .await
}

struct CompleteAwakeable(String, std::result::Result<Vec<u8>, WitFailure>);
impl HostCall for CompleteAwakeable {
    const NAME: &'static str = "durable.complete-awakeable";
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> Result<()> {
        let CompleteAwakeable(id, value) = self;
        let key = invocations::awakeable_key(&id);
        let fields = json!({ "id": id });
        complete_journaled(cx, Self::NAME, fields, key, &completion(value)).await?;
        Ok(())
    }
}

/// The store key of promise `name` of the running invocation's object.
fn promise(cx: &mut ActorCtx, function: &str, name: &str) -> Result<String> {
    let owner = cx.attempt(function)?.invocation.state_owner();
    Ok(invocations::promise_key(&owner, name))
}

struct PromiseGet(String);
impl HostCall for PromiseGet {
    const NAME: &'static str = "durable.promise-get";
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let key = promise(cx, Self::NAME, &self.0)?;
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        attempt
            .record(Self::NAME, json!({ "key": self.0 }), None, || Ok(()))
            .await?;
        attempt.pending.insert(handle, Awaited::External(key));
        Ok(handle)
    }
}

/// A handle completed at once: with the promise's value, or void when it has none yet.
struct PromisePeek(String);
impl HostCall for PromisePeek {
    const NAME: &'static str = "durable.promise-peek";
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let key = promise(cx, Self::NAME, &self.0)?;
        let store = Arc::clone(&cx.shared.store);
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        let seen: Completion = attempt
            .record(Self::NAME, json!({ "key": self.0 }), None, || {
                match store.completion(&key) {
                    Ok(Some(bytes)) => Ok(serde_json::from_slice(&bytes)?),
                    Ok(None) => Ok(Completion::Void),
                    Err(e) => Err(wasmtime::format_err!("{}: {e}", Self::NAME)),
                }
            })
            .await?;
        attempt.completed.insert(handle, seen);
        Ok(handle)
    }
}

/// A handle completed at once: void when this completed the promise, a failure (409) when
/// it had been completed before.
struct PromiseComplete(String, std::result::Result<Vec<u8>, WitFailure>);
impl HostCall for PromiseComplete {
    const NAME: &'static str = "durable.promise-complete";
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let PromiseComplete(name, value) = self;
        let key = promise(cx, Self::NAME, &name)?;
        let fields = json!({ "key": name });
        let fresh = complete_journaled(cx, Self::NAME, fields, key, &completion(value)).await?;
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        let done = if fresh {
            Completion::Void
        } else {
            Completion::Failure(Failure {
                code: 409,
                message: format!("promise `{name}` was already completed"),
            })
        };
        attempt.completed.insert(handle, done);
        Ok(handle)
    }
}

struct CancelInvocation(String);
impl HostCall for CancelInvocation {
    const NAME: &'static str = "durable.cancel-invocation";
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> Result<()> {
        let key = invocations::cancel_key(&self.0);
        let fields = json!({ "invocation": self.0 });
        complete_journaled(cx, Self::NAME, fields, key, &Completion::Void).await?;
        Ok(())
    }
}

/// Blocks until the await tree is satisfied, or the invocation is cancelled. What it saw is
/// journaled, so a replay sees the same handles complete in the same order. When nothing can
/// progress, the attempt suspends: the instance is dropped, and the invocation runs again
/// (replaying) when a timer it waits for is due or a completion it waits for arrives.
struct Wait(Vec<AwaitNode>);
impl HostCall for Wait {
    const NAME: &'static str = "durable.wait";
    type Output = WaitOutcome;
    async fn run(self, cx: &mut ActorCtx) -> Result<WaitOutcome> {
        let tree = self.0;
        check_tree(&tree)?;
        let attempt = cx.attempt(Self::NAME)?;
        let fields = json!(
            tree.iter()
                .map(|n| json!({ "handles": n.handles, "children": n.children }))
                .collect::<Vec<_>>()
        );
        if let Some(entry) = attempt.replay(Self::NAME, &fields, None)? {
            let seen: Seen = serde_json::from_value(entry.result)?;
            for (handle, done) in seen.completed {
                attempt.pending.remove(&handle);
                attempt.completed.insert(handle, done);
            }
            if seen.outcome == Outcome::Cancelled {
                attempt.cancel_seen = true;
            }
            return Ok(seen.outcome.into());
        }
        let cancel = invocations::cancel_key(&attempt.invocation.id);
        let cancelled = attempt.store_completion(&cancel)?.is_some();
        let mut newly = Vec::new();
        for &h in tree.iter().flat_map(|n| &n.handles) {
            if h == CANCEL {
                continue;
            }
            if !attempt.completed.contains_key(&h) {
                if !attempt.pending.contains_key(&h) {
                    return Err(wasmtime::format_err!(
                        "durable.wait on handle {h}, which this invocation never made"
                    ));
                }
                if let Some(done) = attempt.resolve(h)? {
                    newly.push((h, done));
                }
            }
        }
        let outcome = if cancelled && !attempt.cancel_seen {
            Outcome::Cancelled
        } else if settled(&tree, 0, &attempt.completed).is_some() {
            Outcome::AnyCompleted
        } else {
            let pending: Vec<&Awaited> = tree
                .iter()
                .flat_map(|n| &n.handles)
                .filter_map(|h| attempt.pending.get(h))
                .collect();
            let wake_at_ms = pending
                .iter()
                .filter_map(|a| match a {
                    Awaited::Sleep { wake_at_ms } => Some(*wake_at_ms),
                    Awaited::External(_) => None,
                })
                .min();
            let mut waiting_on: Vec<String> = pending
                .iter()
                .filter_map(|a| match a {
                    Awaited::External(key) => Some(key.clone()),
                    Awaited::Sleep { .. } => None,
                })
                .collect();
            if !attempt.cancel_seen {
                waiting_on.push(cancel);
            }
            return Err(attempt.fail(Abort::Suspend {
                wake_at_ms,
                waiting_on,
            }));
        };
        if outcome == Outcome::Cancelled {
            attempt.cancel_seen = true;
        }
        attempt
            .append(JournalEntry {
                command: Self::NAME.into(),
                fields,
                payload: None,
                result: serde_json::to_value(Seen {
                    outcome,
                    completed: newly,
                })?,
            })
            .await?;
        Ok(outcome.into())
    }
}

/// The built-in CANCEL signal's handle.
const CANCEL: Handle = 1;

/// What a `wait` saw: its outcome and the handles it found newly completed.
#[derive(serde::Serialize, serde::Deserialize)]
struct Seen {
    outcome: Outcome,
    completed: Vec<(Handle, Completion)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
enum Outcome {
    AnyCompleted,
    Cancelled,
}

impl From<Outcome> for WaitOutcome {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::AnyCompleted => WaitOutcome::AnyCompleted,
            Outcome::Cancelled => WaitOutcome::Cancelled,
        }
    }
}

/// A tree whose child indices point forward and stay inside it.
fn check_tree(tree: &[AwaitNode]) -> Result<()> {
    if tree.is_empty() {
        return Err(wasmtime::format_err!("durable.wait on an empty tree"));
    }
    for (i, node) in tree.iter().enumerate() {
        for &child in &node.children {
            let child = child as usize;
            if child <= i || child >= tree.len() {
                return Err(wasmtime::format_err!(
                    "durable.wait: node {i} has child {child}; children must come after their \
                     parent in the {}-node list",
                    tree.len()
                ));
            }
        }
    }
    Ok(())
}

/// Whether node `i` of `tree` is settled by the handles in `done`, and if so whether it
/// succeeded, as the JavaScript combinators decide: `race` (first-completed), `allSettled`
/// (all-completed), `any` (first-succeeded-or-all-failed) and `all`
/// (all-succeeded-or-first-failed).
fn settled(tree: &[AwaitNode], i: usize, done: &HashMap<Handle, Completion>) -> Option<bool> {
    let node = &tree[i];
    let outcomes: Vec<Option<bool>> = node
        .handles
        .iter()
        .map(|h| done.get(h).map(|c| !c.failed()))
        .chain(
            node.children
                .iter()
                .map(|&c| settled(tree, c as usize, done)),
        )
        .collect();
    let all_settled = outcomes.iter().all(Option::is_some);
    match node.combinator {
        Combinator::FirstCompleted | Combinator::Unknown => outcomes.iter().find_map(|o| *o),
        Combinator::AllCompleted => all_settled.then_some(true),
        Combinator::FirstSucceededOrAllFailed => {
            if outcomes.contains(&Some(true)) {
                Some(true)
            } else {
                all_settled.then_some(false)
            }
        }
        Combinator::AllSucceededOrFirstFailed => {
            if outcomes.contains(&Some(false)) {
                Some(false)
            } else {
                all_settled.then_some(true)
            }
        }
    }
}

/// Now, for durable timers.
fn durable_now() -> u64 {
    invocations::now_ms()
}

impl durable::Host for ActorCtx {
    async fn input(&mut self) -> Result<InvocationInput> {
        self.dispatch(Input).await
    }
    async fn is_replaying(&mut self) -> Result<bool> {
        self.dispatch(IsReplaying).await
    }
    async fn sleep(&mut self, name: String, duration_ms: u64) -> Result<Handle> {
        self.dispatch(Sleep(name, duration_ms)).await
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
        self.dispatch(NewAwakeable).await
    }
    async fn complete_awakeable(
        &mut self,
        id: String,
        v: std::result::Result<Vec<u8>, WitFailure>,
    ) -> Result<()> {
        self.dispatch(CompleteAwakeable(id, v)).await
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
    async fn promise_get(&mut self, key: String) -> Result<Handle> {
        self.dispatch(PromiseGet(key)).await
    }
    async fn promise_peek(&mut self, key: String) -> Result<Handle> {
        self.dispatch(PromisePeek(key)).await
    }
    async fn promise_complete(
        &mut self,
        key: String,
        v: std::result::Result<Vec<u8>, WitFailure>,
    ) -> Result<Handle> {
        self.dispatch(PromiseComplete(key, v)).await
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
    async fn cancel_invocation(&mut self, invocation_id: String) -> Result<()> {
        self.dispatch(CancelInvocation(invocation_id)).await
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

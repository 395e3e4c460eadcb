//! `guestkit:host/durable`: the journaled primitives of a durable invocation: `input`,
//! `is-replaying`, `run-begin` / `run-end` with their retry policies, durable `sleep`,
//! awakeables, promises, cancellation, `wait` with its combinators and suspension,
//! `is-completed`, `take` and `set-payload-checks`; `call` and `send` to durable services
//! (with delays and idempotency keys), signals, `attach-invocation` and
//! `get-invocation-output`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use wasmtime::Result;

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::durable;
use crate::error::ShimError;
use crate::journal::{
    self, Abort, Awaited, Completion, Failure, Invocation, JournalEntry, OpenRun, Recorded, Request,
};
use crate::wit::durable::{
    AwaitNode, CallHandles, CallTarget, Combinator, Handle, InvocationInput, InvocationRef,
    OnMaxAttempts, RetryPolicy, RunOutcome, RunStart, Value, WaitOutcome,
};
use crate::wit::types::Address;
use crate::wit::types::Failure as WitFailure;

struct Input;
impl HostCall for Input {
    const NAME: &'static str = "durable.input";
    const EFFECT: Effect = Effect::Local;
    type Output = InvocationInput;
    async fn run(self, cx: &mut ActorCtx) -> Result<InvocationInput> {
        let i = &cx.attempt(Self::NAME)?.invocation;
        Ok(InvocationInput {
            invocation_id: i.id.clone(),
            key: i.key.clone(),
            random_seed: i.random_seed,
            headers: Vec::new(),
            input: i.input.clone(),
            idempotency_key: i.idempotency_key.clone(),
            scope: None,
            limit_key: None,
            retry_count: i.retry_count,
        })
    }
}

struct IsReplaying;
impl HostCall for IsReplaying {
    const NAME: &'static str = "durable.is-replaying";
    const EFFECT: Effect = Effect::Local;
    type Output = bool;
    async fn run(self, cx: &mut ActorCtx) -> Result<bool> {
        Ok(cx.attempt(Self::NAME)?.is_replaying())
    }
}

struct RunBegin(String);
impl HostCall for RunBegin {
    const NAME: &'static str = "durable.run-begin";
    const EFFECT: Effect = Effect::Journaled;
    type Output = RunStart;
    async fn run(self, cx: &mut ActorCtx) -> Result<RunStart> {
        // Inside an open run, the dispatch seam has refused it.
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        let fields = json!({ "name": self.0 });
        match attempt.replay("run", &fields, None)? {
            Some(entry) => {
                let completion: Completion = entry.result.get().map_err(wasmtime::Error::msg)?;
                if completion == Completion::Failure(journal::cancelled()) {
                    attempt.cancel_seen = true;
                }
                attempt.completed.insert(handle, completion);
                Ok(RunStart::Replayed(handle))
            }
            // A cancellation is seen at a run too: the run does not execute, and fails with it.
            None if attempt.cancel_pending()? => {
                let completion = Completion::Failure(journal::cancelled());
                attempt.append(JournalEntry::new("run", fields, Recorded::of(&completion)))?;
                attempt.cancel_seen = true;
                attempt.completed.insert(handle, completion);
                Ok(RunStart::Replayed(handle))
            }
            None => {
                // The run's side effect is seen outside: what led to it is durable first.
                attempt.sync().await?;
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
    const EFFECT: Effect = Effect::Journaled;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> Result<()> {
        let now = cx.node.clock.now_ms();
        let attempt = cx.attempt(Self::NAME)?;
        let RunEnd(handle, outcome, policy) = self;
        let run = match attempt.open_run.take() {
            Some(run) if run.handle == handle => run,
            other => {
                attempt.open_run = other;
                return Err(attempt.violation(format!(
                    "durable.run-end for handle {handle}, which is not an executing run: a run \
                     ends once, by the handle its run-begin returned"
                )));
            }
        };
        attempt.run_ended(&run.name);
        let completion = match outcome {
            RunOutcome::Success(bytes) => Completion::Success(bytes),
            RunOutcome::Terminal(f) => Completion::Failure(Failure {
                code: f.code,
                message: f.message,
            }),
            RunOutcome::Retryable(message) => {
                // This run failed in every attempt since the journal last grew.
                let invocation = &attempt.invocation;
                let tries = invocation.retry_count - invocation.retry_base + 1;
                let retrying_ms = now - attempt.invocation.retrying_since_ms.unwrap_or(now);
                let failure = Failure {
                    code: 500,
                    message: format!("run \"{}\" failed: {message}", run.name),
                };
                match next_try(&policy, tries, retrying_ms) {
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
        attempt.append(JournalEntry::new(
            "run",
            json!({ "name": run.name }),
            Recorded::of(&completion),
        ))?;
        // The run's result is acknowledged once it is durable.
        attempt.sync().await?;
        attempt.completed.insert(handle, completion);
        Ok(())
    }
}

/// The delay before try number `tries + 1` of a run under `policy`, `retrying_ms` after its
/// first failed try, or `None` when the policy allows no more.
fn next_try(policy: &RetryPolicy, tries: u32, retrying_ms: u64) -> Option<Duration> {
    let allowed = |max: Option<u32>, max_duration_ms: Option<u64>| {
        max.is_none_or(|max| tries < max) && max_duration_ms.is_none_or(|d| retrying_ms < d)
    };
    match policy {
        RetryPolicy::None => None,
        RetryPolicy::Infinite => Some(Duration::from_millis(50)),
        RetryPolicy::FixedDelay(p) => allowed(p.max_attempts, p.max_duration_ms)
            .then(|| Duration::from_millis(p.interval_ms.unwrap_or(50))),
        RetryPolicy::Exponential(p) => allowed(p.max_attempts, p.max_duration_ms).then(|| {
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
    const EFFECT: Effect = Effect::Journaled;
    type Output = bool;
    async fn run(self, cx: &mut ActorCtx) -> Result<bool> {
        let attempt = cx.attempt(Self::NAME)?;
        let h = self.0;
        let fields = json!({ "handle": h });
        let seen: Option<Completion> = match attempt.replay(Self::NAME, &fields, None)? {
            Some(entry) => entry.result.get().map_err(wasmtime::Error::msg)?,
            None => {
                let seen = attempt.resolve(h)?;
                attempt.append(JournalEntry::new(Self::NAME, fields, Recorded::of(&seen)))?;
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
    const EFFECT: Effect = Effect::Local;
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
            Completion::InvocationId(id) => Value::InvocationId(id),
        }))
    }
}

struct SetPayloadChecks(bool);
impl HostCall for SetPayloadChecks {
    const NAME: &'static str = "durable.set-payload-checks";
    const EFFECT: Effect = Effect::Local;
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
    const EFFECT: Effect = Effect::Journaled;
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let now = cx.node.clock.now_ms();
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        let Sleep(name, duration_ms) = self;
        let wake_at_ms = attempt.record(Self::NAME, json!({ "name": name }), None, || {
            Ok(now.saturating_add(duration_ms))
        })?;
        attempt
            .pending
            .insert(handle, Awaited::Sleep { wake_at_ms });
        Ok(handle)
    }
}

struct NewAwakeable;
impl HostCall for NewAwakeable {
    const NAME: &'static str = "durable.awakeable";
    const EFFECT: Effect = Effect::Journaled;
    type Output = (String, Handle);
    async fn run(self, cx: &mut ActorCtx) -> Result<(String, Handle)> {
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        let fresh = format!("prom_{}_{handle}", attempt.invocation.id);
        let id: String = attempt.record(Self::NAME, json!({}), None, || Ok(fresh))?;
        attempt
            .pending
            .insert(handle, Awaited::External(journal::awakeable_key(&id)));
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
    let node = Arc::clone(&cx.node);
    let attempt = cx.attempt(command)?;
    let payload = attempt.payload_of(value);
    attempt
        .record_effect(command, fields, Some(&payload), || {
            node.invocations
                .complete(&key, value)
                .map_err(|e| wasmtime::format_err!("{command}: {e}"))
        })
        .await
}

struct CompleteAwakeable(String, std::result::Result<Vec<u8>, WitFailure>);
impl HostCall for CompleteAwakeable {
    const NAME: &'static str = "durable.complete-awakeable";
    const EFFECT: Effect = Effect::Journaled;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> Result<()> {
        let CompleteAwakeable(id, value) = self;
        let key = journal::awakeable_key(&id);
        let fields = json!({ "id": id });
        complete_journaled(cx, Self::NAME, fields, key, &completion(value)).await?;
        Ok(())
    }
}

/// The store key of promise `name` of the running invocation's object.
fn promise(cx: &mut ActorCtx, function: &str, name: &str) -> Result<String> {
    let owner = cx.attempt(function)?.invocation.state_owner();
    Ok(journal::promise_key(&owner, name))
}

/// A handle for completion `key`, which someone else completes: `function`'s call, with
/// `fields`, is journaled, so that a replay checks it is made again.
async fn awaiting(
    cx: &mut ActorCtx,
    function: &str,
    fields: serde_json::Value,
    key: String,
) -> Result<Handle> {
    let attempt = cx.attempt(function)?;
    let handle = attempt.handle();
    attempt.record(function, fields, None, || Ok(()))?;
    attempt.pending.insert(handle, Awaited::External(key));
    Ok(handle)
}

struct PromiseGet(String);
impl HostCall for PromiseGet {
    const NAME: &'static str = "durable.promise-get";
    const EFFECT: Effect = Effect::Journaled;
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let key = promise(cx, Self::NAME, &self.0)?;
        awaiting(cx, Self::NAME, json!({ "key": self.0 }), key).await
    }
}

/// A handle completed at once: with the promise's value, or void when it has none yet.
struct PromisePeek(String);
impl HostCall for PromisePeek {
    const NAME: &'static str = "durable.promise-peek";
    const EFFECT: Effect = Effect::Journaled;
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let key = promise(cx, Self::NAME, &self.0)?;
        let store = Arc::clone(&cx.node.store);
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        let seen: Completion =
            attempt.record(Self::NAME, json!({ "key": self.0 }), None, || {
                match store.completion(&key) {
                    Ok(Some(bytes)) => {
                        journal::decode(&bytes, "a promise").map_err(wasmtime::Error::msg)
                    }
                    Ok(None) => Ok(Completion::Void),
                    Err(e) => Err(wasmtime::format_err!("{}: {e}", Self::NAME)),
                }
            })?;
        attempt.completed.insert(handle, seen);
        Ok(handle)
    }
}

/// A handle completed at once: void when this completed the promise, a failure (409) when
/// it had been completed before.
struct PromiseComplete(String, std::result::Result<Vec<u8>, WitFailure>);
impl HostCall for PromiseComplete {
    const NAME: &'static str = "durable.promise-complete";
    const EFFECT: Effect = Effect::Journaled;
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

/// The request `target` makes with `input`, or why it makes none (400: not a durable
/// service's address, or an input over the message limit).
fn request(cx: &ActorCtx, target: CallTarget, input: Vec<u8>) -> Result<Request, Failure> {
    let Address { node, process } = target.actor;
    if process.package_name != "durable" || !(node.is_empty() || node == cx.node.name) {
        return Err(Failure {
            code: 400,
            message: format!(
                "durable calls go to durable services, at addresses like \
                 `{}@SERVICE:durable:{}` (the node may be left empty); not \
                 `{node}@{}:{}:{}`",
                cx.node.name,
                cx.node.name,
                process.process_name,
                process.package_name,
                process.publisher_node
            ),
        });
    }
    let limit = cx.node.limits.max_message_bytes;
    if input.len() > limit {
        return Err(Failure {
            code: 400,
            message: format!(
                "a durable call's input of {} bytes exceeds the shim's message limit of {limit} \
                 bytes",
                input.len()
            ),
        });
    }
    Ok(Request {
        service: process.process_name,
        handler: target.handler,
        key: target.key,
        input,
        idempotency_key: target.idempotency_key,
        start_at_ms: None,
        limit: None,
        caller: None,
    })
}

/// Starts the invocation a `durable.call` or `durable.send` asks for, once: the id it got is
/// journaled, and it is derived from this invocation and `handle` (or from the idempotency
/// key), so a replay after a crash between starting it and journaling it finds it started.
async fn submit_call(
    cx: &mut ActorCtx,
    function: &str,
    handle: Handle,
    target: CallTarget,
    input: Vec<u8>,
    delay_ms: Option<u64>,
) -> Result<std::result::Result<String, Failure>> {
    // Everything the call names is checked on replay: a call elsewhere is another step.
    let actor = &target.actor;
    let fields = json!({
        "service": actor.process.process_name,
        "handler": target.handler,
        "key": target.key,
        "idempotency_key": target.idempotency_key,
        "node": actor.node,
        "package": actor.process.package_name,
        "publisher": actor.process.publisher_node,
        "scope": target.scope,
        "limit_key": target.limit_key,
        "headers": target.headers.iter().map(|h| [&h.key, &h.value]).collect::<Vec<_>>(),
    });
    let request = request(cx, target, input);
    // A refused input is not journaled: whether it is refused is what a replay checks.
    let payload = request.as_ref().ok().map(|r| r.input.clone());
    let node = Arc::clone(&cx.node);
    let components = Arc::clone(&cx.components);
    let attempt = cx.attempt(function)?;
    let caller = attempt.invocation.id.clone();
    let id = journal::derived_id(&["call", &caller, &handle.to_string()]);
    attempt
        .record_effect(function, fields, payload.as_deref(), || {
            let mut request = match request {
                Ok(request) => request,
                Err(failure) => return Ok(Err(failure)),
            };
            request.start_at_ms = delay_ms.map(|d| node.clock.now_ms().saturating_add(d));
            // A call belongs to the tree of its caller; a one-way send starts a tree of its own.
            request.caller = (function == Call::NAME).then(|| caller.clone());
            match durable::submit(&node, &components, request, Some(id)) {
                Ok(accepted) => Ok(Ok(accepted.id().to_owned())),
                Err(ShimError::Invocation(message)) => Ok(Err(Failure { code: 404, message })),
                Err(ShimError::InvocationRefused(message)) => {
                    Ok(Err(Failure { code: 400, message }))
                }
                Err(e) => Err(wasmtime::format_err!("{function}: {e}")),
            }
        })
        .await
}

/// A call to a durable service: one handle for the callee's invocation id, completed at once,
/// and one for its output.
struct Call(CallTarget, Vec<u8>);
impl HostCall for Call {
    const NAME: &'static str = "durable.call";
    const EFFECT: Effect = Effect::Journaled;
    type Output = CallHandles;
    async fn run(self, cx: &mut ActorCtx) -> Result<CallHandles> {
        let attempt = cx.attempt(Self::NAME)?;
        let (invocation_id, completion) = (attempt.handle(), attempt.handle());
        let started = submit_call(cx, Self::NAME, invocation_id, self.0, self.1, None).await?;
        let attempt = cx.attempt(Self::NAME)?;
        match started {
            Ok(id) => {
                let output = Awaited::External(journal::output_key(&id));
                attempt.pending.insert(completion, output);
                attempt
                    .completed
                    .insert(invocation_id, Completion::InvocationId(id));
            }
            Err(failure) => {
                let failed = Completion::Failure(failure);
                attempt.completed.insert(completion, failed.clone());
                attempt.completed.insert(invocation_id, failed);
            }
        }
        Ok(CallHandles {
            invocation_id,
            completion,
        })
    }
}

/// A one-way call to a durable service, delivered after `delay-ms` when set: a handle for
/// the callee's invocation id, completed at once.
struct OneWay(CallTarget, Vec<u8>, Option<u64>);
impl HostCall for OneWay {
    const NAME: &'static str = "durable.send";
    const EFFECT: Effect = Effect::Journaled;
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let OneWay(target, input, delay_ms) = self;
        let handle = cx.attempt(Self::NAME)?.handle();
        let started = submit_call(cx, Self::NAME, handle, target, input, delay_ms).await?;
        let done = match started {
            Ok(id) => Completion::InvocationId(id),
            Err(failure) => Completion::Failure(failure),
        };
        cx.attempt(Self::NAME)?.completed.insert(handle, done);
        Ok(handle)
    }
}

/// A handle for signal `name` of this invocation, which anyone holding the invocation id
/// completes (`durable.complete-signal`, `Shim::complete_signal`).
struct Signal(String);
impl HostCall for Signal {
    const NAME: &'static str = "durable.signal";
    const EFFECT: Effect = Effect::Journaled;
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let key = journal::signal_key(&cx.attempt(Self::NAME)?.invocation.id, &self.0);
        awaiting(cx, Self::NAME, json!({ "name": self.0 }), key).await
    }
}

struct CompleteSignal(String, String, std::result::Result<Vec<u8>, WitFailure>);
impl HostCall for CompleteSignal {
    const NAME: &'static str = "durable.complete-signal";
    const EFFECT: Effect = Effect::Journaled;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> Result<()> {
        let CompleteSignal(invocation, name, value) = self;
        let key = journal::signal_key(&invocation, &name);
        let fields = json!({ "invocation": invocation, "name": name });
        complete_journaled(cx, Self::NAME, fields, key, &completion(value)).await?;
        Ok(())
    }
}

/// The invocation `target` names, as the database has it now: its id, or why there is none
/// (404).
fn find_invocation(
    cx: &ActorCtx,
    target: &InvocationRef,
) -> Result<std::result::Result<Invocation, Failure>> {
    let node = &cx.node;
    let found = match target {
        InvocationRef::InvocationId(id) => node.invocations.find(id),
        InvocationRef::Idempotency(r) => {
            let id = Request {
                service: r.service.clone(),
                handler: r.handler.clone(),
                key: r.service_key.clone(),
                idempotency_key: Some(r.idempotency_key.clone()),
                ..Request::default()
            }
            .idempotent_id();
            match id {
                Some(id) => node.invocations.find(&id),
                None => Ok(None),
            }
        }
        // A workflow's run has the id of its key; a service not declared a workflow, the
        // invocation of its `run` handler on the key.
        InvocationRef::Workflow(w) => {
            let run = durable::workflow_run_id(&w.name, &w.key);
            match node.invocations.find(&run) {
                Ok(None) => node.invocations.list().map(|all| {
                    all.into_iter().find(|i| {
                        i.service == w.name
                            && i.key.as_deref() == Some(&w.key)
                            && i.handler == "run"
                    })
                }),
                found => found,
            }
        }
    };
    let found = found.map_err(|e| wasmtime::format_err!("{e}"))?;
    Ok(found.ok_or_else(|| Failure {
        code: 404,
        message: format!("no durable invocation {}", describe_ref(target)),
    }))
}

/// `target` as journal fields.
fn describe_ref(target: &InvocationRef) -> serde_json::Value {
    match target {
        InvocationRef::InvocationId(id) => json!({ "invocation": id }),
        InvocationRef::Workflow(w) => json!({ "workflow": w.name, "key": w.key }),
        InvocationRef::Idempotency(r) => json!({
            "service": r.service,
            "key": r.service_key,
            "handler": r.handler,
            "idempotency_key": r.idempotency_key,
        }),
    }
}

/// A handle for the output of the invocation `target` names, once it has one.
struct AttachInvocation(InvocationRef);
impl HostCall for AttachInvocation {
    const NAME: &'static str = "durable.attach-invocation";
    const EFFECT: Effect = Effect::Journaled;
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let found = find_invocation(cx, &self.0)?.map(|i| i.id);
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        let found = attempt.record(Self::NAME, describe_ref(&self.0), None, || Ok(found))?;
        match found {
            Ok(id) => {
                let output = Awaited::External(journal::output_key(&id));
                attempt.pending.insert(handle, output);
            }
            Err(failure) => {
                attempt
                    .completed
                    .insert(handle, Completion::Failure(failure));
            }
        }
        Ok(handle)
    }
}

/// A handle completed at once: with the output of the invocation `target` names, or void
/// when it has none yet.
struct GetInvocationOutput(InvocationRef);
impl HostCall for GetInvocationOutput {
    const NAME: &'static str = "durable.get-invocation-output";
    const EFFECT: Effect = Effect::Journaled;
    type Output = Handle;
    async fn run(self, cx: &mut ActorCtx) -> Result<Handle> {
        let seen = match find_invocation(cx, &self.0)? {
            Ok(invocation) => invocation.status.output().unwrap_or(Completion::Void),
            Err(failure) => Completion::Failure(failure),
        };
        let attempt = cx.attempt(Self::NAME)?;
        let handle = attempt.handle();
        let seen = attempt.record(Self::NAME, describe_ref(&self.0), None, || Ok(seen))?;
        attempt.completed.insert(handle, seen);
        Ok(handle)
    }
}

struct CancelInvocation(String);
impl HostCall for CancelInvocation {
    const NAME: &'static str = "durable.cancel-invocation";
    const EFFECT: Effect = Effect::Journaled;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> Result<()> {
        let target = self.0;
        let fields = json!({ "invocation": target });
        let node = Arc::clone(&cx.node);
        let attempt = cx.attempt(Self::NAME)?;
        let payload = attempt.payload_of(&Completion::Void);
        // The calls the target started are cancelled with it, as from the host; only when
        // this runs, not on replay, which would reach calls it made since.
        attempt
            .record_effect(Self::NAME, fields, Some(&payload), || {
                (node.invocations.cancel(&target))
                    .map_err(|e| wasmtime::format_err!("{}: {e}", Self::NAME))
            })
            .await?;
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
    const EFFECT: Effect = Effect::Journaled;
    type Output = WaitOutcome;
    async fn run(self, cx: &mut ActorCtx) -> Result<WaitOutcome> {
        let tree = self.0;
        let attempt = cx.attempt(Self::NAME)?;
        if let Err(why) = check_tree(&tree) {
            return Err(attempt.violation(why));
        }
        let fields = json!(
            tree.iter()
                .map(|n| {
                    json!({
                        "combinator": combinator_name(n.combinator),
                        "handles": n.handles,
                        "children": n.children,
                    })
                })
                .collect::<Vec<_>>()
        );
        if let Some(entry) = attempt.replay(Self::NAME, &fields, None)? {
            let seen: Seen = entry.result.get().map_err(wasmtime::Error::msg)?;
            for (handle, done) in seen.completed {
                attempt.pending.remove(&handle);
                attempt.completed.insert(handle, done);
            }
            if seen.outcome == Outcome::Cancelled {
                attempt.cancel_seen = true;
            }
            return Ok(seen.outcome.into());
        }
        let cancel = journal::cancel_key(&attempt.invocation.id);
        let cancelled = attempt.cancel_pending()?;
        let mut newly = Vec::new();
        for &h in tree.iter().flat_map(|n| &n.handles) {
            if h == CANCEL {
                continue;
            }
            if !attempt.completed.contains_key(&h) {
                if !attempt.pending.contains_key(&h) {
                    return Err(attempt.violation(format!(
                        "durable.wait on handle {h}, which this invocation never made or \
                         already took: `take` gives a handle's value once"
                    )));
                }
                if let Some(done) = attempt.resolve(h)? {
                    newly.push((h, done));
                }
            }
        }
        let outcome = if cancelled {
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
        attempt.append(JournalEntry::new(
            Self::NAME,
            fields,
            Recorded::of(&Seen {
                outcome,
                completed: newly,
            }),
        ))?;
        Ok(outcome.into())
    }
}

/// The built-in CANCEL signal's handle.
const CANCEL: Handle = 1;

/// What a `wait` saw: its outcome and the handles it found newly completed.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct Seen {
    outcome: Outcome,
    completed: Vec<(Handle, Completion)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Outcome {
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

/// `combinator` as a wait's journal entry records it.
fn combinator_name(combinator: Combinator) -> &'static str {
    match combinator {
        Combinator::FirstCompleted => "first-completed",
        Combinator::AllCompleted => "all-completed",
        Combinator::FirstSucceededOrAllFailed => "first-succeeded-or-all-failed",
        Combinator::AllSucceededOrFirstFailed => "all-succeeded-or-first-failed",
        Combinator::Unknown => "unknown",
    }
}

/// A tree whose child indices point forward and stay inside it.
fn check_tree(tree: &[AwaitNode]) -> std::result::Result<(), String> {
    if tree.is_empty() {
        return Err("durable.wait on an empty tree".into());
    }
    for (i, node) in tree.iter().enumerate() {
        for &child in &node.children {
            let child = child as usize;
            if child <= i || child >= tree.len() {
                return Err(format!(
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

impl crate::wit::durable::Host for ActorCtx {
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
        t: CallTarget,
        input: Vec<u8>,
        _name: Option<String>,
    ) -> Result<CallHandles> {
        self.dispatch(Call(t, input)).await
    }
    async fn send(
        &mut self,
        t: CallTarget,
        input: Vec<u8>,
        delay_ms: Option<u64>,
        _name: Option<String>,
    ) -> Result<Handle> {
        self.dispatch(OneWay(t, input, delay_ms)).await
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
    async fn signal(&mut self, name: String) -> Result<Handle> {
        self.dispatch(Signal(name)).await
    }
    async fn complete_signal(
        &mut self,
        invocation_id: String,
        name: String,
        v: std::result::Result<Vec<u8>, WitFailure>,
    ) -> Result<()> {
        self.dispatch(CompleteSignal(invocation_id, name, v)).await
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
    async fn attach_invocation(&mut self, target: InvocationRef) -> Result<Handle> {
        self.dispatch(AttachInvocation(target)).await
    }
    async fn get_invocation_output(&mut self, target: InvocationRef) -> Result<Handle> {
        self.dispatch(GetInvocationOutput(target)).await
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

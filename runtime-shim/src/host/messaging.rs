//! `guestkit:host/messaging`: send, request, call, respond, timers and selective receive,
//! between the actors of one shim and to the embedding application (`dest::host`).

use std::time::Duration;

use crate::actor::dispatch::{Effect, HostCall};
use crate::actor::{ActorCtx, Phase, UpgradeRequested};
use crate::component::Module;
use crate::mailbox::{Delivery, Envelope, Filter};
use crate::router::Requester;
use crate::wit::messaging::{
    Host, Incoming, ReceiveError, ReceiveFilter, RequestOptions, Response, SendError,
};
use crate::wit::types::{ActorError, Address, Attachment, Blob, Dest, Payload};

type Sent = Result<u64, ActorError>;

/// Where an outgoing message goes.
enum Route {
    /// The embedding application.
    Host,
    Actor(Address),
}

/// Where `to` points, once the message may go there: within the size limit, and allowed
/// by the target's capabilities. A refusal gives `to` back, for a `send-error` to name it.
#[expect(
    clippy::result_large_err,
    reason = "a refusal gives the destination back whole, for the send-error that names it"
)]
fn resolve(
    cx: &ActorCtx,
    to: Dest,
    msg: &mut Payload,
    call: &str,
) -> Result<Route, (ActorError, Dest)> {
    cx.vet(&mut msg.capabilities);
    let prefixed = |e| named(call, e);
    if let Err(e) = cx.node.limits.check_message(msg) {
        return Err((prefixed(e), to));
    }
    match to {
        Dest::Host => Ok(Route::Host),
        Dest::Loopback => Ok(Route::Actor(cx.our.clone())),
        Dest::Actor(a) if cx.node.router.is_host(&a) => Ok(Route::Host),
        Dest::Actor(a) => match cx.node.router.authorize(&cx.our, &a) {
            Ok(()) => Ok(Route::Actor(a)),
            Err(e) => Err((prefixed(e), Dest::Actor(a))),
        },
    }
}

/// The address `to` names, for a `send-error`.
fn target(cx: &ActorCtx, to: Dest) -> Address {
    match to {
        Dest::Actor(a) => a,
        Dest::Host => cx.node.router.host(),
        Dest::Loopback => cx.our.clone(),
    }
}

fn outgoing(
    cx: &ActorCtx,
    id: u64,
    expects_response: bool,
    payload: Payload,
    attachments: Vec<Module>,
) -> Envelope {
    Envelope {
        id,
        source: cx.our.clone(),
        expects_response,
        payload,
        attachments,
    }
}

/// The current message's id, when its requester still waits for a response: what
/// `inherit` passes on.
fn inheritable(cx: &ActorCtx) -> Option<u64> {
    let id = cx.current.as_ref()?.id;
    cx.awaiting.contains(&id).then_some(id)
}

/// Passes the current request on: the response to the new message goes to the current
/// message's requester, under its id and context, and this actor no longer owes one.
fn forward(cx: &mut ActorCtx, route: Route, id: u64, mut msg: Payload, attachments: Vec<Module>) {
    cx.awaiting.remove(&id);
    if msg.blob.is_none() {
        msg.blob = cx.current.as_ref().and_then(|c| c.blob.clone());
    }
    let envelope = outgoing(cx, id, true, msg, attachments);
    match route {
        Route::Host => cx.node.to_host(envelope),
        Route::Actor(to) => cx.node.router.forward(&to, envelope),
    }
}

/// Sends a request whose outcome comes back to this actor.
fn request_to(
    cx: &ActorCtx,
    route: Route,
    msg: Payload,
    attachments: Vec<Module>,
    context: Option<Vec<u8>>,
    timeout: Option<Duration>,
) -> u64 {
    let router = &cx.node.router;
    let id = router.next_id();
    let envelope = outgoing(cx, id, true, msg, attachments);
    let requester = match cx.mailbox.inbox() {
        Some(inbox) => Requester::Inbox(inbox),
        None => Requester::Actor(cx.our.clone()),
    };
    match route {
        Route::Actor(to) => router.request(to, envelope, requester, context, timeout),
        Route::Host => {
            let host = router.host();
            router.expect(id, host, &envelope.payload, requester, context, timeout);
            cx.node.to_host(envelope);
        }
    }
    id
}

/// `e` with the host call that refused in front of its message.
pub(crate) fn named(call: &str, e: ActorError) -> ActorError {
    match e {
        ActorError::InvalidArgument(m) => ActorError::InvalidArgument(format!("{call}: {m}")),
        ActorError::PermissionDenied(m) => ActorError::PermissionDenied(format!("{call}: {m}")),
        other => other,
    }
}

/// `Duration` from milliseconds; `None` when it is too far away to ever elapse.
fn millis(cx: &ActorCtx, ms: u64) -> Option<Duration> {
    let d = Duration::from_millis(ms);
    cx.node.clock.deadline(d).map(|_| d)
}

struct Receive {
    filter: ReceiveFilter,
    timeout_ms: Option<u64>,
}

impl HostCall for Receive {
    const NAME: &'static str = "messaging.receive";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<Incoming, ReceiveError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        if cx.phase == Phase::Init {
            // In process mode the work between two receives is one step.
            cx.state.commit().map_err(|e| {
                wasmtime::format_err!("{}: committing state failed: {e}", Self::NAME)
            })?;
        }
        let filter = Filter {
            tags: self.filter.tags,
            request_ids: self.filter.request_ids,
            invocations: false,
            // A process-mode actor takes new code at a receive: between two messages.
            upgrades: cx.phase == Phase::Init,
        };
        let clock = cx.node.clock.clone();
        let deadline = self
            .timeout_ms
            .and_then(|ms| clock.deadline(Duration::from_millis(ms)));
        if filter.tags.is_empty()
            && filter.request_ids.is_empty()
            && let Some(event) = cx.backpressure()
        {
            return Ok(Ok(Incoming::Event(event)));
        }
        loop {
            let left = deadline.map(|at| at.saturating_sub(clock.monotonic()));
            match cx.mailbox.receive(&filter, left).await {
                // Chunks of streams this actor has not registered are dropped.
                Some(Delivery::Chunk(chunk, _)) if !cx.streams.contains(&chunk.stream_id) => {}
                Some(Delivery::Upgrade(upgrade)) => {
                    cx.upgrade = Some(upgrade);
                    return Err(UpgradeRequested.into());
                }
                Some(d) => return Ok(Ok(cx.accept(d))),
                None => return Ok(Err(ReceiveError::TimedOut)),
            }
        }
    }
}

struct SendMessage {
    to: Dest,
    msg: Payload,
    attachments: Vec<Attachment>,
    inherit: bool,
}

impl HostCall for SendMessage {
    const NAME: &'static str = "messaging.send";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Sent;
    async fn run(mut self, cx: &mut ActorCtx) -> wasmtime::Result<Sent> {
        let route = match resolve(cx, self.to, &mut self.msg, Self::NAME) {
            Ok(route) => route,
            Err((e, _)) => return Ok(Err(e)),
        };
        let attachments = cx.detach(self.attachments)?;
        if let Some(id) = inheritable(cx).filter(|_| self.inherit) {
            forward(cx, route, id, self.msg, attachments);
            return Ok(Ok(id));
        }
        let id = cx.node.router.next_id();
        let envelope = outgoing(cx, id, false, self.msg, attachments);
        match route {
            Route::Host => cx.node.to_host(envelope),
            Route::Actor(to) => cx.node.router.send(&to, envelope),
        }
        Ok(Ok(id))
    }
}

struct Request {
    to: Dest,
    msg: Payload,
    attachments: Vec<Attachment>,
    opts: RequestOptions,
}

impl HostCall for Request {
    const NAME: &'static str = "messaging.request";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Sent;
    async fn run(mut self, cx: &mut ActorCtx) -> wasmtime::Result<Sent> {
        let route = match resolve(cx, self.to, &mut self.msg, Self::NAME) {
            Ok(route) => route,
            Err((e, _)) => return Ok(Err(e)),
        };
        let attachments = cx.detach(self.attachments)?;
        if let Some(id) = inheritable(cx).filter(|_| self.opts.inherit) {
            forward(cx, route, id, self.msg, attachments);
            return Ok(Ok(id));
        }
        let timeout = millis(cx, self.opts.timeout_ms);
        Ok(Ok(request_to(
            cx,
            route,
            self.msg,
            attachments,
            self.opts.context,
            timeout,
        )))
    }
}

struct Call {
    to: Dest,
    msg: Payload,
    attachments: Vec<Attachment>,
    timeout_ms: u64,
}

impl HostCall for Call {
    const NAME: &'static str = "messaging.call";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<Response, SendError>;
    async fn run(mut self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        let refused = |error: ActorError, to: Dest, msg: Payload| {
            Ok(Err(SendError {
                request_id: 0,
                error,
                target: target(cx, to),
                returned: msg,
                context: None,
            }))
        };
        let itself = match &self.to {
            Dest::Loopback => true,
            Dest::Actor(a) => a.same_as(&cx.our),
            Dest::Host => false,
        };
        if itself {
            let e = ActorError::InvalidArgument(format!(
                "{}: an actor cannot call itself, it would wait for its own reply forever; \
                 use send or request instead",
                Self::NAME
            ));
            return refused(e, self.to, self.msg);
        }
        let route = match resolve(cx, self.to, &mut self.msg, Self::NAME) {
            Ok(route) => route,
            Err((e, to)) => return refused(e, to, self.msg),
        };
        let attachments = cx.detach(self.attachments)?;
        // The caller waits here, so its own receive keeps the deadline: no timer task.
        let timeout = millis(cx, self.timeout_ms);
        let id = request_to(cx, route, self.msg, attachments, None, None);
        let filter = Filter::response_to(id);
        let mut outcome = cx.mailbox.receive(&filter, timeout).await;
        if outcome.is_none() && timeout.is_some() {
            // Past the deadline: the request fails `timed-out` unless its response got in
            // first. Either way exactly one outcome is now in the mailbox.
            cx.node.router.fail(id, ActorError::TimedOut);
            outcome = cx.mailbox.receive(&filter, None).await;
        }
        match outcome {
            Some(Delivery::Response(r)) => Ok(Ok(cx.accept_reply(r))),
            Some(Delivery::SendFailed(f)) => Ok(Err(f)),
            Some(_) => unreachable!("a request-id filter only matches outcomes"),
            None => Err(wasmtime::format_err!(
                "{}: the shim is shutting down",
                Self::NAME
            )),
        }
    }
}

struct Respond {
    to_message: Option<u64>,
    msg: Payload,
    attachments: Vec<Attachment>,
    inherit_blob: bool,
}

impl HostCall for Respond {
    const NAME: &'static str = "messaging.respond";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Result<(), ActorError>;
    async fn run(mut self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        if let Err(e) = cx.node.limits.check_message(&self.msg) {
            return Ok(Err(named(Self::NAME, e)));
        }
        let Some(id) = self.to_message.or(cx.current.as_ref().map(|c| c.id)) else {
            return Ok(Err(ActorError::NotFound(format!(
                "{}: no message is being handled; pass the id of the request to answer",
                Self::NAME
            ))));
        };
        if !cx.awaiting.remove(&id) {
            return Ok(Err(ActorError::NotFound(format!(
                "{}: nobody is waiting for a response to message {id}",
                Self::NAME
            ))));
        }
        if self.inherit_blob && self.msg.blob.is_none() {
            self.msg.blob = cx.current.as_ref().and_then(|c| c.blob.clone());
        }
        cx.vet(&mut self.msg.capabilities);
        let attachments = cx.detach(self.attachments)?;
        if !cx
            .node
            .router
            .respond(id, cx.our.clone(), self.msg, attachments)
        {
            return Ok(Err(ActorError::NotFound(format!(
                "{}: the requester of message {id} stopped waiting (timed out)",
                Self::NAME
            ))));
        }
        Ok(Ok(()))
    }
}

struct GetBlob;
impl HostCall for GetBlob {
    const NAME: &'static str = "messaging.get-blob";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Option<Blob>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Option<Blob>> {
        Ok(cx.current.as_ref().and_then(|c| c.blob.clone()))
    }
}

struct LastBlob;
impl HostCall for LastBlob {
    const NAME: &'static str = "messaging.last-blob";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Option<Blob>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Option<Blob>> {
        Ok(cx.last_blob.clone())
    }
}

struct SendAfter {
    to: Dest,
    msg: Payload,
    attachments: Vec<Attachment>,
    delay_ms: u64,
}

impl HostCall for SendAfter {
    const NAME: &'static str = "messaging.send-after";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = Sent;
    async fn run(mut self, cx: &mut ActorCtx) -> wasmtime::Result<Sent> {
        let route = match resolve(cx, self.to, &mut self.msg, Self::NAME) {
            Ok(route) => route,
            Err((e, _)) => return Ok(Err(e)),
        };
        let attachments = cx.detach(self.attachments)?;
        let node = std::sync::Arc::clone(&cx.node);
        let timer = node.router.next_id();
        let envelope = outgoing(cx, timer, false, self.msg, attachments);
        let delay = Duration::from_millis(self.delay_ms);
        // The timers lock is held until the task is recorded, so it cannot fire unrecorded.
        let mut timers = node.timers.lock().unwrap();
        let fire = std::sync::Arc::clone(&node);
        let due = node.clock.monotonic().saturating_add(delay);
        let task = node.clock.spawn(node.clock.parking(), async move {
            fire.clock.sleep_until(due).await;
            if fire.timers.lock().unwrap().remove(&timer).is_none() {
                return;
            }
            match route {
                Route::Actor(to) => fire.router.send(&to, envelope),
                Route::Host => fire.to_host(envelope),
            }
        });
        timers.insert(timer, (cx.our.clone(), task.abort_handle()));
        Ok(Ok(timer))
    }
}

struct CancelTimer(u64);
impl HostCall for CancelTimer {
    const NAME: &'static str = "messaging.cancel-timer";
    const EFFECT: Effect = Effect::SideEffect;
    type Output = bool;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<bool> {
        let mut timers = cx.node.timers.lock().unwrap();
        match timers.get(&self.0) {
            Some((owner, _)) if owner.same_as(&cx.our) => {
                let (_, task) = timers.remove(&self.0).expect("just found");
                task.abort();
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

impl Host for ActorCtx {
    async fn receive(
        &mut self,
        filter: ReceiveFilter,
        timeout_ms: Option<u64>,
    ) -> wasmtime::Result<Result<Incoming, ReceiveError>> {
        self.dispatch(Receive { filter, timeout_ms }).await
    }

    async fn send(
        &mut self,
        to: Dest,
        msg: Payload,
        attachments: Vec<Attachment>,
        inherit: bool,
    ) -> wasmtime::Result<Sent> {
        self.dispatch(SendMessage {
            to,
            msg,
            attachments,
            inherit,
        })
        .await
    }

    async fn request(
        &mut self,
        to: Dest,
        msg: Payload,
        attachments: Vec<Attachment>,
        opts: RequestOptions,
    ) -> wasmtime::Result<Sent> {
        self.dispatch(Request {
            to,
            msg,
            attachments,
            opts,
        })
        .await
    }

    async fn call(
        &mut self,
        to: Dest,
        msg: Payload,
        attachments: Vec<Attachment>,
        timeout_ms: u64,
    ) -> wasmtime::Result<Result<Response, SendError>> {
        self.dispatch(Call {
            to,
            msg,
            attachments,
            timeout_ms,
        })
        .await
    }

    async fn respond(
        &mut self,
        to_message: Option<u64>,
        msg: Payload,
        attachments: Vec<Attachment>,
        inherit_blob: bool,
    ) -> wasmtime::Result<Result<(), ActorError>> {
        self.dispatch(Respond {
            to_message,
            msg,
            attachments,
            inherit_blob,
        })
        .await
    }

    async fn get_blob(&mut self) -> wasmtime::Result<Option<Blob>> {
        self.dispatch(GetBlob).await
    }

    async fn last_blob(&mut self) -> wasmtime::Result<Option<Blob>> {
        self.dispatch(LastBlob).await
    }

    async fn send_after(
        &mut self,
        to: Dest,
        msg: Payload,
        attachments: Vec<Attachment>,
        delay_ms: u64,
    ) -> wasmtime::Result<Sent> {
        self.dispatch(SendAfter {
            to,
            msg,
            attachments,
            delay_ms,
        })
        .await
    }

    async fn cancel_timer(&mut self, timer_id: u64) -> wasmtime::Result<bool> {
        self.dispatch(CancelTimer(timer_id)).await
    }
}

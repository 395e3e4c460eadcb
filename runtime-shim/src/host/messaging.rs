//! `guestkit:host/messaging`: send, request, call, respond and selective receive between the
//! actors of one shim.

use std::time::Duration;

use super::unimplemented::{Refuse, Trap};
use super::{ActorCtx, Current, HostCall, Phase};
use crate::bindings::messaging::{
    Host, Incoming, ReceiveError, ReceiveFilter, RequestOptions, Response, SendError,
};
use crate::bindings::types::{ActorError, Address, Attachment, Blob, Dest, Message, Payload};
use crate::mailbox::{Delivery, Envelope, Filter, Reply};
use crate::router::Requester;

type Sent = Result<u64, ActorError>;

impl ActorCtx {
    /// Turns a mailbox delivery into what the guest sees, and remembers what later host calls
    /// need: the current message, its blob, and whether it owes a response.
    pub(crate) fn accept(&mut self, d: Delivery) -> Incoming {
        match d {
            Delivery::Request(m) => {
                let Payload {
                    tag,
                    route,
                    body,
                    metadata,
                    headers,
                    blob,
                    capabilities,
                } = m.payload;
                if m.expects_response {
                    self.awaiting.insert(m.id);
                }
                if blob.is_some() {
                    self.last_blob.clone_from(&blob);
                }
                let has_blob = blob.is_some();
                self.current = Some(Current { id: m.id, blob });
                Incoming::Request(Message {
                    id: m.id,
                    source: m.source,
                    expects_response: m.expects_response,
                    durable: false,
                    tag,
                    route,
                    body,
                    metadata,
                    headers,
                    has_blob,
                    capabilities,
                    attachments: Vec::new(),
                })
            }
            Delivery::Response(r) => Incoming::Response(self.accept_reply(r)),
            Delivery::SendFailed(f) => Incoming::SendFailed(f),
            Delivery::Invoke(_) => unreachable!("guest receives never match invocations"),
        }
    }

    fn accept_reply(&mut self, r: Reply) -> Response {
        let Payload {
            body,
            metadata,
            headers,
            blob,
            capabilities,
            ..
        } = r.payload;
        let has_blob = blob.is_some();
        if has_blob {
            self.last_blob = blob;
        }
        Response {
            request_id: r.request_id,
            source: r.source,
            body,
            metadata,
            headers,
            has_blob,
            capabilities,
            attachments: Vec::new(),
            context: r.context,
        }
    }

    /// Where `to` points, or why this call cannot go there.
    fn resolve(&self, to: Dest, call: &str) -> Result<Address, ActorError> {
        match to {
            Dest::Actor(a) => Ok(a),
            Dest::Loopback => Ok(self.our.clone()),
            Dest::Host => Err(ActorError::NotImplemented(format!(
                "{call} to `host`: this shim has no host message handlers yet"
            ))),
        }
    }

    /// Where an outgoing message goes, once it is known the shim can carry it there.
    fn outgoing(
        &self,
        to: Dest,
        msg: &Payload,
        attachments: &[Attachment],
        call: &str,
    ) -> Result<Address, ActorError> {
        self.check_outgoing(msg, attachments, call)?;
        self.resolve(to, call)
    }

    /// Refuses what this shim cannot carry yet, and anything over the size limit.
    fn check_outgoing(
        &self,
        msg: &Payload,
        attachments: &[Attachment],
        call: &str,
    ) -> Result<(), ActorError> {
        if !attachments.is_empty() {
            return Err(ActorError::NotImplemented(format!(
                "{call} with attachments"
            )));
        }
        self.shared.limits.check_message(msg).map_err(|e| match e {
            ActorError::InvalidArgument(m) => ActorError::InvalidArgument(format!("{call}: {m}")),
            other => other,
        })
    }

    fn envelope(&self, id: u64, expects_response: bool, payload: Payload) -> Envelope {
        Envelope {
            id,
            source: self.our.clone(),
            expects_response,
            payload,
        }
    }
}

/// `Duration` from milliseconds; `None` when it is too far away to ever elapse.
fn millis(ms: u64) -> Option<Duration> {
    let d = Duration::from_millis(ms);
    tokio::time::Instant::now().checked_add(d).map(|_| d)
}

struct Receive {
    filter: ReceiveFilter,
    timeout_ms: Option<u64>,
}

impl HostCall for Receive {
    const NAME: &'static str = "messaging.receive";
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
        };
        let timeout = self.timeout_ms.and_then(millis);
        match cx.mailbox.receive(&filter, timeout).await {
            Some(d) => Ok(Ok(cx.accept(d))),
            None => Ok(Err(ReceiveError::TimedOut)),
        }
    }
}

struct Send {
    to: Dest,
    msg: Payload,
    attachments: Vec<Attachment>,
    inherit: bool,
}

impl HostCall for Send {
    const NAME: &'static str = "messaging.send";
    type Output = Sent;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Sent> {
        if self.inherit {
            return Ok(Err(ActorError::NotImplemented(format!(
                "{} with inherit",
                Self::NAME
            ))));
        }
        let to = match cx.outgoing(self.to, &self.msg, &self.attachments, Self::NAME) {
            Ok(to) => to,
            Err(e) => return Ok(Err(e)),
        };
        let id = cx.shared.router.next_id();
        cx.shared.router.send(&to, cx.envelope(id, false, self.msg));
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
    type Output = Sent;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Sent> {
        if self.opts.inherit {
            return Ok(Err(ActorError::NotImplemented(format!(
                "{} with inherit",
                Self::NAME
            ))));
        }
        let to = match cx.outgoing(self.to, &self.msg, &self.attachments, Self::NAME) {
            Ok(to) => to,
            Err(e) => return Ok(Err(e)),
        };
        let router = cx.shared.router.clone();
        let id = router.next_id();
        router.request(
            &to,
            cx.envelope(id, true, self.msg),
            Requester::Actor(cx.our.clone()),
            self.opts.context,
            millis(self.opts.timeout_ms),
        );
        Ok(Ok(id))
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
    type Output = Result<Response, SendError>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        let refuse = |target: Address, error: ActorError, msg: Payload| {
            Ok(Err(SendError {
                request_id: 0,
                error,
                target,
                returned: msg,
                context: None,
            }))
        };
        if let Err(e) = cx.check_outgoing(&self.msg, &self.attachments, Self::NAME) {
            return refuse(cx.our.clone(), e, self.msg);
        }
        let to = match self.to {
            Dest::Loopback => None,
            Dest::Actor(a) if a.same_as(&cx.our) => None,
            other => Some(cx.resolve(other, Self::NAME)),
        };
        let to = match to {
            None => {
                let e = ActorError::InvalidArgument(format!(
                    "{}: an actor cannot call itself, it would wait for its own reply forever; \
                     use send or request instead",
                    Self::NAME
                ));
                return refuse(cx.our.clone(), e, self.msg);
            }
            Some(Err(e)) => return refuse(cx.our.clone(), e, self.msg),
            Some(Ok(to)) => to,
        };
        let router = cx.shared.router.clone();
        let id = router.next_id();
        router.request(
            &to,
            cx.envelope(id, true, self.msg),
            Requester::Actor(cx.our.clone()),
            None,
            millis(self.timeout_ms),
        );
        match cx.mailbox.receive(&Filter::response_to(id), None).await {
            Some(Delivery::Response(r)) => Ok(Ok(cx.accept_reply(r))),
            Some(Delivery::SendFailed(f)) => Ok(Err(f)),
            Some(Delivery::Request(_) | Delivery::Invoke(_)) => {
                unreachable!("a request-id filter only matches outcomes")
            }
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
    type Output = Result<(), ActorError>;
    async fn run(mut self, cx: &mut ActorCtx) -> wasmtime::Result<Self::Output> {
        if let Err(e) = cx.check_outgoing(&self.msg, &self.attachments, Self::NAME) {
            return Ok(Err(e));
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
        if !cx.shared.router.respond(id, cx.our.clone(), self.msg) {
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
    type Output = Option<Blob>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Option<Blob>> {
        Ok(cx.current.as_ref().and_then(|c| c.blob.clone()))
    }
}

struct LastBlob;
impl HostCall for LastBlob {
    const NAME: &'static str = "messaging.last-blob";
    type Output = Option<Blob>;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<Option<Blob>> {
        Ok(cx.last_blob.clone())
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
        self.dispatch(Send {
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
        _to: Dest,
        _msg: Payload,
        _attachments: Vec<Attachment>,
        _delay_ms: u64,
    ) -> wasmtime::Result<Sent> {
        self.dispatch(Refuse::new("messaging.send-after")).await
    }

    async fn cancel_timer(&mut self, _timer_id: u64) -> wasmtime::Result<bool> {
        self.dispatch(Trap::new("messaging.cancel-timer")).await
    }
}

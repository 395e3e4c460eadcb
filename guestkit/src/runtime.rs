//! The exports of a guest component, generic over the actor type `#[guestkit::actor]` names.
//!
//! One actor value lives in the instance for its whole life: created at `init`, then lent to
//! the service dispatcher for each request.

use std::any::Any;
use std::cell::RefCell;
use std::marker::PhantomData;

use crate::guest::{Guest, HandlerError, InitOutcome, RetryableError, StartInfo};
use crate::host::messaging::Incoming;
use crate::host::types::{ActorError, Address, DataChunk, Payload};
use crate::{Context, Error};

/// Routes requests to an actor's service methods; implemented by `#[guestkit::actor]`.
pub trait Dispatch: Default + 'static {
    /// Every route the actor answers, for `unknown-route` errors.
    fn routes() -> &'static [&'static str];
    /// Handles `body` sent to `route`; `None` when the route is unknown.
    fn dispatch(
        &mut self,
        cx: &mut Context,
        route: &str,
        body: &[u8],
    ) -> Option<Result<Vec<u8>, Error>>;
    /// Loads persistent fields before a handler (`#[derive(guestkit::Persistent)]`).
    fn load(&mut self) -> Result<(), Error>;
    /// Saves persistent fields after a handler that succeeded.
    fn save(&self) -> Result<(), Error>;
}

thread_local! {
    static ACTOR: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

fn with_actor<A: Dispatch, R>(f: impl FnOnce(&mut A) -> R) -> R {
    ACTOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let actor = slot.get_or_insert_with(|| Box::new(A::default()));
        f(actor
            .downcast_mut::<A>()
            .expect("one actor type per component"))
    })
}

/// The `guestkit:host/guest` exports for actor type `A`.
pub struct Exports<A>(PhantomData<A>);

impl<A: Dispatch> Guest for Exports<A> {
    fn init(_info: StartInfo) -> Result<InitOutcome, ActorError> {
        // Persistent fields that do not decode refuse the start, naming the field: code that
        // cannot read the actor's state never takes it over.
        with_actor::<A, _>(A::load).map_err(|e| e.actor_error().clone())?;
        Ok(InitOutcome::Serve)
    }

    fn handle(delivery: Incoming) -> Result<Option<Payload>, HandlerError> {
        // Responses and failures of requests made with `request` arrive here too; a service
        // actor that only uses `call` has nothing to do with them.
        let Incoming::Request(message) = delivery else {
            return Ok(None);
        };
        let route = message.route.clone().unwrap_or_default();
        let mut cx = Context::for_message(&message);
        let handled = with_actor::<A, _>(|actor| {
            if let Err(e) = actor.load() {
                return Some(Err(e));
            }
            let reply = actor.dispatch(&mut cx, &route, &message.body);
            match reply {
                Some(Ok(body)) => Some(actor.save().map(|()| body)),
                other => other,
            }
        });
        match handled {
            Some(Ok(body)) => Ok(Some(Payload {
                tag: None,
                route: message.route,
                body,
                metadata: None,
                headers: Vec::new(),
                blob: None,
                capabilities: Vec::new(),
            })),
            // A durable invocation retries what is not terminal (see `Error`).
            Some(Err(e)) if message.durable && !e.is_terminal() => {
                Err(HandlerError::Retryable(RetryableError {
                    message: e.to_string(),
                    retry_after_ms: None,
                    pause: false,
                }))
            }
            Some(Err(e)) => Err(HandlerError::Terminal(e.0)),
            None => Err(HandlerError::Terminal(ActorError::UnknownRoute(format!(
                "`{route}` is not a route of this actor; it serves: {}",
                A::routes().join(", ")
            )))),
        }
    }

    fn on_data_chunk(chunk: DataChunk, _sender: Address) -> Result<(), ActorError> {
        Err(ActorError::InvalidArgument(format!(
            "this actor does not consume data streams (chunk for stream `{}`)",
            chunk.stream_id
        )))
    }
}

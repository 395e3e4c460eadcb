//! The raw `guestkit:host/guest` export, for actors that drive their own life (process mode,
//! lifecycle hooks) instead of serving routes through `#[guestkit::actor]`: implement
//! [`Guest`] and export it with [`export_guest!`](crate::export_guest). Only `init` and
//! `handle` are required; the lifecycle hooks default to doing nothing.

use std::marker::PhantomData;

use crate::bindings::exports::guestkit::host::guest::Guest as Export;
pub use crate::bindings::exports::guestkit::host::guest::*;

/// What a guest does at each point of its life.
pub trait Guest: 'static {
    /// Starts the actor: serve messages through `handle`, or (process mode) loop on
    /// `messaging.receive` here and return `exit`.
    fn init(info: StartInfo) -> Result<InitOutcome, ActorError>;

    /// Handles one delivery of a reactive actor; for a request, `Some` is the response.
    fn handle(delivery: Incoming) -> Result<Option<Payload>, HandlerError>;

    /// Runs once `init` returned `serve`, before the first delivery.
    fn on_ready() -> Result<(), ActorError> {
        Ok(())
    }

    /// Runs when the actor is asked to stop, before it ends.
    fn on_stop() -> Result<(), ActorError> {
        Ok(())
    }

    /// Hears of a handler that returned an error.
    fn on_error(_event: ErrorEvent) -> Result<(), ActorError> {
        Ok(())
    }

    /// Hears of runtime events, such as mailbox backpressure.
    fn observe(_event: RuntimeEvent) {}

    /// Takes one chunk of a data stream the actor registered.
    fn on_data_chunk(_chunk: DataChunk, _sender: Address) -> Result<(), ActorError> {
        Ok(())
    }
}

/// The generated export for guest `G`: what [`export_guest!`](crate::export_guest) exports.
#[doc(hidden)]
pub struct Exported<G>(PhantomData<G>);

impl<G: Guest> Export for Exported<G> {
    fn init(info: StartInfo) -> Result<InitOutcome, ActorError> {
        G::init(info)
    }

    fn handle(delivery: Incoming) -> Result<Option<Payload>, HandlerError> {
        G::handle(delivery)
    }

    fn on_ready() -> Result<(), ActorError> {
        G::on_ready()
    }

    fn on_stop() -> Result<(), ActorError> {
        G::on_stop()
    }

    fn on_error(event: ErrorEvent) -> Result<(), ActorError> {
        G::on_error(event)
    }

    fn observe(event: RuntimeEvent) {
        G::observe(event)
    }

    fn on_data_chunk(chunk: DataChunk, sender: Address) -> Result<(), ActorError> {
        G::on_data_chunk(chunk, sender)
    }
}

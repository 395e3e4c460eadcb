//! The host side of `guestkit:host`: one file per interface, each holding the interface's
//! calls as [`HostCall`](crate::actor::dispatch::HostCall) values, each with its declared
//! effect, and the interface's trait impl on [`ActorCtx`](crate::actor::ActorCtx), which
//! hands every call to [`ActorCtx::dispatch`](crate::actor::ActorCtx::dispatch).

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

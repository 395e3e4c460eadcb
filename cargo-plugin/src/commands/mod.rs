//! One module per `cargo guest` subcommand.

pub mod bindings;
pub mod build;
pub mod check;
pub mod durable;
pub mod inspect;
pub mod new;
pub mod run;

//! One module per `cargo guest` subcommand.

pub mod build;
pub mod inspect;
pub mod new;
pub mod run;

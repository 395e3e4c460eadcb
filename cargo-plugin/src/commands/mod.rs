//! One module per `cargo guest` subcommand.

pub mod build;
pub mod new;
pub mod run;

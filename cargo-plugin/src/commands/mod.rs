//! One module per `cargo guest` subcommand.

pub mod bindings;
pub mod build;
pub mod cancel;
pub mod check;
pub mod complete;
pub mod dev;
pub mod inspect;
pub mod invocations;
pub mod kill;
pub mod new;
pub mod resume;
pub mod run;
pub mod serve;
pub mod test;
pub mod test_host;

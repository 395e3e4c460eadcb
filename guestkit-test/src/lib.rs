//! Test guestkit guests from a crate's own tests, against the real shim: typed calls, a
//! clock the test moves, crash injection, and what actors logged, sent and stored.
//!
//! A test names the guest packages it runs; [`App::start`] builds them with the installed
//! `cargo guest build` (cargo rebuilds what changed, so no test runs a stale component) and
//! starts a shim for this test alone, in a `cargo guest test-host` process: this crate
//! never compiles wasmtime into the test. The shim's clock stands still until the test
//! [`advance`](App::advance)s it, so a workflow that sleeps a day tests in milliseconds.
//!
//! ```ignore
//! guestkit_test::contract!("proto/hello.proto"); // message types and a typed client
//! use hello::v1::{GreetRequest, HelloServiceClient};
//!
//! #[tokio::test]
//! async fn greets() -> Result<(), Box<dyn std::error::Error>> {
//!     let app = guestkit_test::App::start(&["hello"]).await?;
//!     app.spawn("hello").await?;
//!     let reply = HelloServiceClient::new(&app, "hello")
//!         .greet(&GreetRequest { name: "Ada".into() })
//!         .await?;
//!     assert_eq!(reply.message, "Hello, Ada!");
//!     assert_eq!(app.state::<u64>("hello", "count").await?, Some(1));
//!     Ok(())
//! }
//! ```
//!
//! `guestkit_test::wit!()` generates typed stubs for the functions the guest exports from its
//! own WIT world, called the same way (`DirectoryClient::new(&app, "greeter").count(..)`).
//!
//! Durable services: [`App::send`] starts an invocation, [`App::output`] waits for what it
//! returns, [`App::awakeables`] and [`App::resolve_awakeable`] complete what it waits on, and
//! [`App::journal`] shows what it recorded. Crashes: [`App::crash_at_run`],
//! [`App::crash_after_entries`] or [`App::crash_at_random`] arm one, [`App::recover`] starts
//! a new shim on the same state and clock.
//!
//! `cargo guest test` builds the guests and runs the tests; plain `cargo test` and
//! `cargo nextest run` work too. The installed `cargo-guest` must be this crate's version
//! (or set `GUESTKIT_CARGO_GUEST` to the one to use).

#![warn(missing_docs)]

mod app;
mod error;
mod guests;
mod host;
mod off_thread;

pub use crate::app::{App, HostMessage, Invocation, LogLine, Spawn, Target};
pub use crate::error::{CallError, Error, InvokeError};

/// Generates the test side of a protobuf contract: its message types, and per service an
/// async `{Service}Client` that calls an actor of the test's [`App`]. The path is relative to
/// the crate's `Cargo.toml`.
pub use guestkit_macros::test_contract as contract;
/// Generates typed stubs for the WIT exports of the crate's own world (`wit/`, and the only
/// world in it unless `path = "…"` or `world = "…"` say otherwise): per exported interface a
/// module with its types and an `{Interface}Client` whose async methods call the function on
/// an actor of the test's [`App`].
pub use guestkit_macros::test_wit as wit;
/// The protobuf well-known types, as the code of [`contract!`] uses them.
pub use prost_types;

/// Used by the code [`contract!`] and [`wit!`] generate; not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use prost;

    /// Component values, as the WIT stubs pass them.
    pub mod value {
        pub use guestkit_value::{FromVal, IntoVal, Val, ValueError, take_field};

        use crate::InvokeError;

        /// The typed result of an invoked export, from the values the call returned.
        pub fn from_results<R: FromVal>(
            results: Vec<Val>,
            interface: Option<&str>,
            function: &str,
        ) -> Result<R, InvokeError> {
            guestkit_value::first_result(results).map_err(|e| InvokeError::Result {
                export: guestkit_value::export_name(interface, function),
                message: e.to_string(),
            })
        }
    }
}

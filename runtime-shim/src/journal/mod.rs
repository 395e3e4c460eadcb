//! The journal of durable execution: what it records ([`records`]), one attempt's walk
//! through its entries, replaying or appending ([`attempt`]), the group commit that makes
//! entries durable ([`commit`]), the node's table of invocations ([`table`]), and crash
//! injection for tests ([`crash`]).
//!
//! Nothing here runs a guest: the driver above ([`durable`](crate::durable)) does, and the
//! host functions of `guestkit:host/durable` read and write an [`Attempt`].

mod attempt;
mod codec;
mod commit;
mod crash;
mod records;
mod table;
mod wake;

pub(crate) use self::attempt::{Abort, Attempt, Awaited, OpenRun};
pub use self::attempt::{JournalEntry, Mismatch, Recorded, seeded_stream};
pub(crate) use self::codec::decode;
pub use self::crash::CrashPoint;
pub use self::records::{
    Accepted, AttemptLimit, Completion, Failure, Invocation, InvocationRetry, JOURNAL_MISMATCH,
    OnGuestBug, PROTOCOL_VIOLATION, Request, Status, cancelled, killed,
};
pub(crate) use self::records::{
    awakeable_key, cancel_key, derived_id, hex, output_key, output_of, promise_key, signal_key,
};
pub use self::table::DEFAULT_RETENTION;
pub(crate) use self::table::{Driven, Invocations, Service, Until};
pub(crate) use self::wake::{KeyGuard, KeyPlace, Order, Steer, Wake};

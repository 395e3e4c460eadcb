//! A counter actor: `Add` adds to a total kept in persistent state, `Get` reads it.
//!
//! Run it twice and the total keeps growing, because the state outlives the shim process:
//!
//! ```text
//! cargo guest run -p counter --route counter.v1.CounterService/Add --body '{"amount": 1}'
//! ```
//!
//! As a durable service it is a virtual object: each key has a total of its own, `Add`
//! holds the key while it runs, and `Get` is shared, reading the committed total beside it.
//!
//! ```text
//! cargo guest run -p counter --durable --key alice \
//!     --route counter.v1.CounterService/Add --body '{"amount": 1}'
//! ```

use guestkit::prelude::*;

guestkit::contract!("proto/counter.proto");

use crate::counter::v1::{AddReply, AddRequest, CounterService, GetRequest};

#[derive(Default)]
struct Counter;

#[guestkit::actor(object)]
impl CounterService for Counter {
    fn add(&mut self, cx: &mut Context, req: AddRequest) -> Result<AddReply, Error> {
        let total = cx.state().get::<u64>("total")?.unwrap_or(0);
        let total = total.checked_add(req.amount).ok_or_else(|| {
            Error::invalid_argument(format!(
                "adding {} would overflow the total {total}",
                req.amount
            ))
        })?;
        cx.state().set("total", &total)?;
        cx.info(format!("added {} -> total {total}", req.amount));
        Ok(AddReply { total })
    }

    #[shared]
    fn get(&mut self, cx: &mut Context, _req: GetRequest) -> Result<AddReply, Error> {
        Ok(AddReply {
            total: cx.state().get::<u64>("total")?.unwrap_or(0),
        })
    }
}

//! An order workflow, keyed by the order id: reserve → charge (a `run`) → sleep → wait for an
//! approval (an awakeable) → ship (a durable call to the shared `Ship` rpc, through the
//! generated `OrderServiceDurableClient`). `Process` is the workflow's run: it runs once per
//! order, and submitting it again attaches to that run. `Status` is shared: it reads where the
//! run is, while it runs and after. Every step is journaled, so the workflow survives a crash
//! of the shim at any point and no step runs twice once it completed.
//!
//! ```text
//! cargo guest run -p workflow --durable --key A1 \
//!     --route workflow.v1.OrderService/Process --body '{"orderId": "A1", "amountCents": 1250}'
//! # it suspends, waiting for the approval; the log names the awakeable
//! cargo guest run -p workflow --durable --key A1 --route workflow.v1.OrderService/Status --body '{}'
//! cargo guest complete -p workflow --awakeable prom_… --value '"approved"'
//! ```

use std::time::Duration;

use guestkit::durable;
use guestkit::prelude::*;

guestkit::contract!("proto/workflow.proto");

use crate::workflow::v1::{
    OrderService, OrderServiceDurableClient, ProcessReply, ProcessRequest, ShipReply, ShipRequest,
    StatusReply, StatusRequest,
};

/// The name `cargo guest run` registers this component's service under.
const SERVICE: &str = "workflow";

#[derive(Default)]
struct Orders;

#[guestkit::actor(workflow)]
impl OrderService for Orders {
    fn process(&mut self, cx: &mut Context, req: ProcessRequest) -> Result<ProcessReply, Error> {
        let order = req.order_id;
        cx.state().set("status", &"reserved")?;
        let receipt: String = durable::run("charge", || {
            // The payment provider would be called here, once.
            Ok::<_, Error>(format!("rcpt-{order}-{}", req.amount_cents))
        })?;
        cx.state().set("status", &"charged")?;
        durable::sleep(Duration::from_millis(200))?;
        let approval = durable::awakeable::<String>()?;
        cx.info(format!(
            "order {order} waits for approval: cargo guest complete -p workflow --awakeable {} \
             --value '\"approved\"'",
            approval.id()
        ));
        cx.state().set("status", &"waiting for approval")?;
        let verdict = approval.wait()?;
        if verdict != "approved" {
            cx.state()
                .set("status", &format!("not shipped: {verdict}"))?;
            return Ok(ProcessReply {
                status: format!("not shipped: {verdict}"),
                receipt,
                tracking: String::new(),
            });
        }
        // Shared: it runs on this order's key beside the run, which holds it.
        let shipping = OrderServiceDurableClient::new(SERVICE).key(&order);
        let shipped = shipping.ship(&ShipRequest {
            order_id: order.clone(),
            receipt: receipt.clone(),
        })?;
        cx.state().set("status", &"shipped")?;
        Ok(ProcessReply {
            status: format!("shipped {order}"),
            receipt,
            tracking: shipped.tracking,
        })
    }

    #[shared]
    fn ship(&mut self, _cx: &mut Context, req: ShipRequest) -> Result<ShipReply, Error> {
        let tracking: String = durable::run("ship", || {
            // The carrier would be booked here, once.
            Ok::<_, Error>(format!("trk-{}", req.order_id))
        })?;
        Ok(ShipReply { tracking })
    }

    #[shared]
    fn status(&mut self, cx: &mut Context, _req: StatusRequest) -> Result<StatusReply, Error> {
        let status = cx.state().get::<String>("status")?;
        Ok(StatusReply {
            status: status.unwrap_or_else(|| "not started".to_owned()),
        })
    }
}

//! What an actor makes of its deliveries: a mailbox delivery becomes the guest's
//! `incoming`, and modules attached to messages move between handle tables.

use super::{ActorCtx, Current};
use crate::component::Module;
use crate::mailbox::{Delivery, Reply};
use crate::wit::messaging::{Incoming, Response};
use crate::wit::types::{Attachment, Message, Payload};

impl ActorCtx {
    /// Turns a mailbox delivery into what the guest sees, and remembers what later host calls
    /// need: the current message, its blob, and whether it owes a response.
    pub(crate) fn accept(&mut self, d: Delivery) -> Incoming {
        match d {
            Delivery::Request(m) => {
                let Payload {
                    tag,
                    route,
                    body,
                    metadata,
                    headers,
                    blob,
                    capabilities,
                } = m.payload;
                if m.expects_response {
                    self.awaiting.insert(m.id);
                }
                if blob.is_some() {
                    self.last_blob.clone_from(&blob);
                }
                for cap in &capabilities {
                    self.received.insert(cap.clone());
                }
                let has_blob = blob.is_some();
                self.current = Some(Current { id: m.id, blob });
                Incoming::Request(Message {
                    id: m.id,
                    source: m.source,
                    expects_response: m.expects_response,
                    durable: false,
                    tag,
                    route,
                    body,
                    metadata,
                    headers,
                    has_blob,
                    capabilities,
                    attachments: self.adopt(m.attachments),
                })
            }
            Delivery::Response(r) => Incoming::Response(self.accept_reply(r)),
            Delivery::SendFailed(f) => Incoming::SendFailed(f),
            Delivery::LinkDied(notice) => Incoming::LinkDied(notice),
            Delivery::ProcessDied(notice) => Incoming::ProcessDied(notice),
            Delivery::Chunk(chunk, sender) => Incoming::Chunk((chunk, sender)),
            Delivery::Stop => Incoming::StopRequested,
            Delivery::Invoke(_) | Delivery::Upgrade(_) => {
                unreachable!("the actor's loop takes invocations and upgrades itself")
            }
        }
    }

    pub(crate) fn accept_reply(&mut self, r: Reply) -> Response {
        let Payload {
            body,
            metadata,
            headers,
            blob,
            capabilities,
            ..
        } = r.payload;
        let has_blob = blob.is_some();
        if has_blob {
            self.last_blob = blob;
        }
        for cap in &capabilities {
            self.received.insert(cap.clone());
        }
        Response {
            request_id: r.request_id,
            source: r.source,
            body,
            metadata,
            headers,
            has_blob,
            capabilities,
            attachments: self.adopt(r.attachments),
            context: r.context,
        }
    }

    /// Gives this actor fresh handles to modules that arrived in a message.
    fn adopt(&mut self, modules: Vec<Module>) -> Vec<Attachment> {
        modules
            .into_iter()
            .filter_map(|m| self.table.push(m).ok().map(Attachment::Module))
            .collect()
    }

    /// Moves attached modules out of this actor's handle table: its handles become invalid.
    pub(crate) fn detach(&mut self, attachments: Vec<Attachment>) -> wasmtime::Result<Vec<Module>> {
        attachments
            .into_iter()
            .map(|a| match a {
                Attachment::Module(m) => Ok(self.table.delete(m)?),
                Attachment::Conn(c) => {
                    self.table.delete(c)?;
                    Err(wasmtime::format_err!(
                        "this shim has no connections to send"
                    ))
                }
            })
            .collect()
    }
}

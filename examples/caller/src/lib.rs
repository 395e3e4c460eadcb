//! A caller actor: introduces a person to a greeter actor through the client that
//! `contract!` generates from the greeter's proto, then asks it for its stats.

use std::time::Duration;

use guestkit::prelude::*;

guestkit::contract!("proto/caller.proto");
guestkit::contract!("../greeter/proto/greeter.proto");

use crate::caller::v1::{CallerService, IntroduceReply, IntroduceRequest};
use crate::greeter::v1::{GreetRequest, GreeterServiceClient, StatsRequest, greet_request};

#[derive(Default)]
struct Caller;

#[guestkit::actor]
impl CallerService for Caller {
    fn introduce(
        &mut self,
        cx: &mut Context,
        req: IntroduceRequest,
    ) -> Result<IntroduceReply, Error> {
        let mut greeter = GreeterServiceClient::new(Address::parse(&req.greeter)?);
        if req.timeout_ms > 0 {
            greeter = greeter.with_timeout(Duration::from_millis(req.timeout_ms));
        }
        let greeting = greeter.greet(
            cx,
            &GreetRequest {
                name: req.name,
                titles: vec!["dear".into()],
                tags: [("via".to_owned(), "caller".to_owned())].into(),
                style: Some(greet_request::Style::Formal(false)),
                ..GreetRequest::default()
            },
        )?;
        let stats = greeter.stats(cx, &StatsRequest {})?;
        Ok(IntroduceReply {
            greeting: greeting.message,
            total: stats.total,
        })
    }
}

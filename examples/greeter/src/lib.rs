//! A greeter actor. Its contract uses repeated, map and oneof fields; how often it greeted
//! each name is persisted state, so the counts survive restarts.

use std::collections::BTreeMap;

use guestkit::prelude::*;

guestkit::contract!("proto/greeter.proto");

use crate::greeter::v1::greet_request::Style;
use crate::greeter::v1::{GreetReply, GreetRequest, GreeterService, StatsReply, StatsRequest};

const COUNTS: &str = "counts";

#[derive(Default)]
struct Greeter;

#[guestkit::actor]
impl GreeterService for Greeter {
    fn greet(&mut self, cx: &mut Context, req: GreetRequest) -> Result<GreetReply, Error> {
        if req.name.trim().is_empty() {
            return Err(Error::invalid_argument("name is empty"));
        }
        let mut counts: BTreeMap<String, u32> = cx.state().get(COUNTS)?.unwrap_or_default();
        let times = counts.entry(req.name.clone()).or_default();
        *times += 1;
        let times = *times;
        cx.state().set(COUNTS, &counts)?;

        let mut who: Vec<&str> = req.titles.iter().map(String::as_str).collect();
        who.push(&req.name);
        let message = match &req.style {
            Some(Style::Formal(true)) => format!("Good day, {}.", who.join(" ")),
            Some(Style::Nickname(nick)) => format!("Hey {nick}!"),
            Some(Style::Formal(false)) | None => format!("Hello, {}!", who.join(" ")),
        };
        cx.info(format!("greeted {} ({times} times)", req.name));
        Ok(GreetReply {
            message,
            times,
            tags: req.tags,
        })
    }

    fn stats(&mut self, cx: &mut Context, _req: StatsRequest) -> Result<StatsReply, Error> {
        let by_name: BTreeMap<String, u32> = cx.state().get(COUNTS)?.unwrap_or_default();
        Ok(StatsReply {
            total: by_name.values().sum(),
            by_name: by_name.into_iter().collect(),
        })
    }
}

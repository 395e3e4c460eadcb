//! A greeter actor. Its protobuf contract uses repeated, map and oneof fields; how often it
//! greeted each name is persisted state, so the counts survive restarts. Its own WIT world
//! (`wit/greeter.wit`) also exports a `directory` interface to query and trim the counts.

use std::collections::BTreeMap;

use guestkit::prelude::*;

guestkit::contract!("proto/greeter.proto");
guestkit::wit!();

use crate::exports::acme::greeter::directory::{self, Detail, Entry, Lookup, Order};
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

fn counts() -> BTreeMap<String, u32> {
    guestkit::state()
        .get(COUNTS)
        .ok()
        .flatten()
        .unwrap_or_default()
}

impl directory::Guest for Greeter {
    fn count(name: String) -> Lookup {
        match counts().get(&name) {
            Some(&times) => Lookup::Seen(Entry { name, times }),
            None => Lookup::Never,
        }
    }

    fn top(limit: u32, order: Order) -> Vec<Entry> {
        let mut entries: Vec<Entry> = counts()
            .into_iter()
            .map(|(name, times)| Entry { name, times })
            .collect();
        if order == Order::ByCount {
            entries.sort_by(|a, b| b.times.cmp(&a.times).then_with(|| a.name.cmp(&b.name)));
        }
        entries.truncate(limit as usize);
        entries
    }

    fn forget(name: String) -> Result<u32, String> {
        let mut counts = counts();
        let times = counts
            .remove(&name)
            .ok_or_else(|| format!("{name} was never greeted"))?;
        guestkit::state()
            .set(COUNTS, &counts)
            .map_err(|e| e.to_string())?;
        Ok(times)
    }

    fn summary(detail: Detail) -> (u32, Option<String>) {
        let counts = counts();
        let total = detail.contains(Detail::WITH_TOTAL).then(|| {
            let text = format!("{} greetings", counts.values().sum::<u32>());
            if detail.contains(Detail::UPPERCASE) {
                text.to_uppercase()
            } else {
                text
            }
        });
        (counts.len() as u32, total)
    }
}

export!(Greeter);

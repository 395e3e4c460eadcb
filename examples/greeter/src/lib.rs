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

/// The actor. Its fields live in state (`Persistent`): loaded before each request, saved
/// after each one that succeeds.
#[derive(Default, guestkit::Persistent)]
struct Greeter {
    #[persistent(key = "counts")]
    counts: BTreeMap<String, u32>,
}

/// Forgets every name; answers how many there were. A message defined in Rust, not proto:
/// its route is `greeter::Reset` and its body JSON (`null`).
#[derive(serde::Serialize, serde::Deserialize, guestkit::Message)]
#[message(reply = u32)]
pub struct Reset;

#[guestkit::actor(services(guestkit::Handler<Reset>))]
impl GreeterService for Greeter {
    fn greet(&mut self, cx: &mut Context, req: GreetRequest) -> Result<GreetReply, Error> {
        if req.name.trim().is_empty() {
            return Err(Error::invalid_argument("name is empty"));
        }
        let times = self.counts.entry(req.name.clone()).or_default();
        *times += 1;
        let times = *times;

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
            sent_at: req.sent_at,
            extra: req.extra,
        })
    }

    fn stats(&mut self, _cx: &mut Context, _req: StatsRequest) -> Result<StatsReply, Error> {
        Ok(StatsReply {
            total: self.counts.values().sum(),
            by_name: self.counts.clone().into_iter().collect(),
        })
    }
}

impl guestkit::Handler<Reset> for Greeter {
    fn handle(&mut self, _cx: &mut Context, _reset: Reset) -> Result<u32, Error> {
        let names = self.counts.len() as u32;
        self.counts.clear();
        Ok(names)
    }
}

/// The counts, for the WIT exports, which run outside a request and so without the actor's
/// fields loaded.
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

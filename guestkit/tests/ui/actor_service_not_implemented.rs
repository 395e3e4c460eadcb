use guestkit::{Context, Error, Handler};

#[derive(serde::Serialize, serde::Deserialize, guestkit::Message)]
struct Ping;

#[derive(serde::Serialize, serde::Deserialize, guestkit::Message)]
struct Pong;

#[derive(Default)]
struct Pinger;

#[guestkit::actor(services(Handler<Pong>))]
impl Handler<Ping> for Pinger {
    fn handle(&mut self, _cx: &mut Context, _ping: Ping) -> Result<(), Error> {
        Ok(())
    }
}

fn main() {}

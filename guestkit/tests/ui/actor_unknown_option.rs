use guestkit::{Context, Error};

#[derive(serde::Serialize, serde::Deserialize, guestkit::Message)]
struct Ping;

#[derive(Default)]
struct Pinger;

#[guestkit::actor(service(Other))]
impl guestkit::Handler<Ping> for Pinger {
    fn handle(&mut self, _cx: &mut Context, _ping: Ping) -> Result<(), Error> {
        Ok(())
    }
}

fn main() {}

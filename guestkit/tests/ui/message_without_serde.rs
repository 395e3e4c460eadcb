#[derive(guestkit::Message)]
struct Ping {
    n: u32,
}

fn main() {}

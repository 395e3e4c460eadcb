struct Opaque;

#[derive(guestkit::Persistent)]
struct Counter {
    count: u64,
    handle: Opaque,
}

fn main() {}

#[derive(Default, guestkit::Persistent)]
struct Counter {
    #[persistent(rename = "total")]
    count: u64,
}

fn main() {}

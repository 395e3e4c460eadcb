#[derive(Default)]
struct Counter;

#[guestkit::actor]
impl Counter {}

fn main() {}

#[derive(guestkit::Persistent)]
enum Light {
    On,
    Off,
}

fn main() {}

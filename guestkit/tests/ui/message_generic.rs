#[derive(serde::Serialize, serde::Deserialize, guestkit::Message)]
struct Envelope<T> {
    inner: T,
}

fn main() {}

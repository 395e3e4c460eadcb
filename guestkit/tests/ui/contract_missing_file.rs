guestkit::contract!("proto/nowhere.proto");

fn main() {}

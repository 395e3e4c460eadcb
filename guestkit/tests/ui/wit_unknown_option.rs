guestkit::wit!(world = "actor", paths = "wit");

fn main() {}

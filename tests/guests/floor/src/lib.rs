//! A component of plain imports and exports, built with plain `cargo build`: what a guest→host
//! call and a round trip between two instances cost in wasmtime with nothing of guestkit
//! around them.

guestkit::wit!();

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
struct Floor;

impl Guest for Floor {
    fn run(n: u32) -> u32 {
        (0..n).map(|_| get("k").map_or(0, |v| v.len() as u32)).sum()
    }

    fn drive(n: u32, request: Vec<u8>) -> u32 {
        (0..n).map(|_| call(&request).len() as u32).sum()
    }

    fn handle(request: Vec<u8>) -> Vec<u8> {
        request
    }
}

export!(Floor);

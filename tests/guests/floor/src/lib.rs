//! A component of one import and one export, built with plain `cargo build`: what a guest→host
//! call costs in wasmtime with nothing of guestkit around it.

guestkit::wit!();

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
struct Floor;

impl Guest for Floor {
    fn run(n: u32) -> u32 {
        (0..n).map(|_| get("k").map_or(0, |v| v.len() as u32)).sum()
    }
}

export!(Floor);

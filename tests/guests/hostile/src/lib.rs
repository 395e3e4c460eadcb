//! A guest that misbehaves on request, so tests can check that the shim contains it: state
//! written by a failing handler is rolled back, and a spinning, hoarding or runaway guest is
//! stopped with a clear error while the shim and other actors keep running.

use std::hint::black_box;

use guestkit::prelude::*;

guestkit::contract!("proto/hostile.proto");

use crate::hostile::v1::{Amount, Empty, HostileService, Key, Value};

#[derive(Default)]
struct Hostile;

#[guestkit::actor]
impl HostileService for Hostile {
    fn write(&mut self, cx: &mut Context, req: Key) -> Result<Empty, Error> {
        cx.state().set(&req.key, &1u64)?;
        Ok(Empty {})
    }

    fn read(&mut self, cx: &mut Context, req: Key) -> Result<Value, Error> {
        Ok(Value {
            value: cx.state().get::<u64>(&req.key)?,
        })
    }

    fn write_then_fail(&mut self, cx: &mut Context, req: Key) -> Result<Empty, Error> {
        cx.state().set(&req.key, &1u64)?;
        Err(Error::application(7, "failed after writing"))
    }

    fn write_then_trap(&mut self, cx: &mut Context, req: Key) -> Result<Empty, Error> {
        cx.state().set(&req.key, &1u64)?;
        panic!("trapping after writing {}", req.key);
    }

    fn spin(&mut self, _cx: &mut Context, _req: Empty) -> Result<Empty, Error> {
        let mut n = 0u64;
        loop {
            n = black_box(n.wrapping_add(1));
        }
    }

    fn hoard(&mut self, _cx: &mut Context, req: Amount) -> Result<Empty, Error> {
        let mut chunks = Vec::new();
        for _ in 0..req.n {
            chunks.push(black_box(vec![1u8; 1 << 20]));
        }
        black_box(&chunks);
        Ok(Empty {})
    }

    fn recurse(&mut self, _cx: &mut Context, req: Amount) -> Result<Empty, Error> {
        black_box(descend(req.n, [0; 64]));
        Ok(Empty {})
    }
}

/// Recurses `depth` levels, each holding a frame of 512 bytes the optimizer cannot drop.
fn descend(depth: u64, frame: [u64; 64]) -> Empty {
    if depth == 0 {
        return Empty {};
    }
    let mut next = black_box(frame);
    next[0] = depth;
    let result = descend(depth - 1, next);
    black_box(&next);
    result
}

//! `wasi:clocks` and `wasi:random` as a durable invocation sees them. A guest reaches these
//! without naming them (`std::time`, `rand`, `getrandom`, the seed of `HashMap`), so in a
//! durable invocation they replay as `guestkit:host/clock` and `random` do: the clocks'
//! readings are journaled, random values come from the invocation's seeded stream. Inside an
//! executing run, and outside durable invocations, they are wasmtime-wasi's own.
//!
//! These definitions shadow wasmtime-wasi's in the linker, under the same names.

use rand_chacha::rand_core::Rng;
use serde_json::json;
use wasmtime::StoreContextMut;
use wasmtime::component::Linker;
use wasmtime_wasi::WasiView;
use wasmtime_wasi::clocks::WasiClocksCtxView;
use wasmtime_wasi::p2::bindings::clocks::{monotonic_clock, wall_clock};
use wasmtime_wasi::p2::bindings::random::{insecure, insecure_seed, random};

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};

/// The version of the WASI interfaces wasmtime-wasi defines; guests importing an earlier 0.2
/// version are linked to these as well.
const VERSION: &str = "0.2.12";

pub(crate) const WALL_NOW: &str = "wasi:clocks/wall-clock.now";
pub(crate) const MONOTONIC_NOW: &str = "wasi:clocks/monotonic-clock.now";

/// Replaces wasmtime-wasi's clocks and randomness in `linker` with the ones above.
pub(crate) fn add_to_linker(linker: &mut Linker<ActorCtx>) -> wasmtime::Result<()> {
    linker.allow_shadowing(true);
    let mut wall = linker.instance(&format!("wasi:clocks/wall-clock@{VERSION}"))?;
    wall.func_wrap_async("now", |mut store: StoreContextMut<'_, ActorCtx>, (): ()| {
        Box::new(async move { Ok((store.data_mut().dispatch(WallNow).await?,)) })
    })?;
    let mut monotonic = linker.instance(&format!("wasi:clocks/monotonic-clock@{VERSION}"))?;
    monotonic.func_wrap_async("now", |mut store: StoreContextMut<'_, ActorCtx>, (): ()| {
        Box::new(async move { Ok((store.data_mut().dispatch(MonotonicNow).await?,)) })
    })?;
    for (interface, bytes, number) in [
        ("random", "get-random-bytes", "get-random-u64"),
        (
            "insecure",
            "get-insecure-random-bytes",
            "get-insecure-random-u64",
        ),
    ] {
        let secure = interface == "random";
        let mut instance = linker.instance(&format!("wasi:random/{interface}@{VERSION}"))?;
        instance.func_wrap(
            bytes,
            move |mut store: StoreContextMut<'_, ActorCtx>, (len,): (u64,)| {
                Ok((draw_bytes(store.data_mut(), secure, len)?,))
            },
        )?;
        instance.func_wrap(
            number,
            move |mut store: StoreContextMut<'_, ActorCtx>, (): ()| {
                Ok((draw_u64(store.data_mut(), secure)?,))
            },
        )?;
    }
    let mut seed = linker.instance(&format!("wasi:random/insecure-seed@{VERSION}"))?;
    seed.func_wrap(
        "insecure-seed",
        |mut store: StoreContextMut<'_, ActorCtx>, (): ()| {
            let cx: &mut ActorCtx = store.data_mut();
            let seed = match cx.seeded() {
                Some(stream) => (stream.next_u64(), stream.next_u64()),
                None => insecure_seed::Host::insecure_seed(cx.wasi().random())?,
            };
            Ok((seed,))
        },
    )?;
    linker.allow_shadowing(false);
    Ok(())
}

fn draw_bytes(cx: &mut ActorCtx, secure: bool, len: u64) -> wasmtime::Result<Vec<u8>> {
    let limit = cx.node.limits.max_message_bytes;
    let Some(stream) = cx.seeded() else {
        let wasi = cx.wasi().random();
        return match secure {
            true => random::Host::get_random_bytes(wasi, len),
            false => insecure::Host::get_insecure_random_bytes(wasi, len),
        };
    };
    let len = usize::try_from(len)
        .ok()
        .filter(|&len| len <= limit)
        .ok_or_else(|| {
            wasmtime::format_err!(
                "wasi:random: {len} bytes asked for in a durable invocation, over the shim's \
                 limit of {limit}"
            )
        })?;
    let mut bytes = vec![0; len];
    stream.fill_bytes(&mut bytes);
    Ok(bytes)
}

fn draw_u64(cx: &mut ActorCtx, secure: bool) -> wasmtime::Result<u64> {
    if let Some(stream) = cx.seeded() {
        return Ok(stream.next_u64());
    }
    let wasi = cx.wasi().random();
    match secure {
        true => random::Host::get_random_u64(wasi),
        false => insecure::Host::get_insecure_random_u64(wasi),
    }
}

impl ActorCtx {
    /// The durable invocation's random stream, when the actor is in one and outside an
    /// executing run (a run's closure does its side effect with fresh randomness).
    fn seeded(&mut self) -> Option<&mut dyn Rng> {
        let attempt = self.durable.as_deref_mut()?;
        if attempt.open_run.is_some() {
            return None;
        }
        Some(attempt.random())
    }

    /// Whether the actor is in a durable invocation, outside an executing run: where the
    /// clocks' readings are journaled. Not while replaying entries journaled before entries
    /// were binary: the shim that wrote them did not journal these readings.
    fn journals_clocks(&self) -> bool {
        self.durable
            .as_ref()
            .is_some_and(|a| a.open_run.is_none() && !a.at_former_entry())
    }

    fn wasi_clocks(&mut self) -> WasiClocksCtxView<'_> {
        let view = self.ctx();
        WasiClocksCtxView {
            ctx: view.ctx.clocks(),
            table: view.table,
        }
    }
}

/// `wasi:clocks/wall-clock.now`.
struct WallNow;
impl HostCall for WallNow {
    const NAME: &'static str = WALL_NOW;
    // Journaled, but not refused inside a run: there it reads the clock afresh.
    const EFFECT: Effect = Effect::Local;
    type Output = wall_clock::Datetime;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<wall_clock::Datetime> {
        let now = wall_clock::Host::now(&mut cx.wasi_clocks())?;
        if !cx.journals_clocks() {
            return Ok(now);
        }
        let (seconds, nanoseconds) = cx.journaled(
            Self::NAME,
            || json!({}),
            None,
            |_| Ok((now.seconds, now.nanoseconds)),
        )?;
        Ok(wall_clock::Datetime {
            seconds,
            nanoseconds,
        })
    }
}

/// `wasi:clocks/monotonic-clock.now`.
struct MonotonicNow;
impl HostCall for MonotonicNow {
    const NAME: &'static str = MONOTONIC_NOW;
    const EFFECT: Effect = Effect::Local;
    type Output = u64;
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<u64> {
        let now = monotonic_clock::Host::now(&mut cx.wasi_clocks())?;
        if !cx.journals_clocks() {
            return Ok(now);
        }
        let Some(floor) = cx.durable.as_ref().map(|a| a.monotonic_floor) else {
            return Ok(now);
        };
        // A reading replayed from an earlier process can be later than this one's clock:
        // time goes on from there rather than back.
        let now = cx.journaled(Self::NAME, || json!({}), None, |_| Ok(now.max(floor)))?;
        if let Some(attempt) = cx.durable.as_deref_mut() {
            attempt.monotonic_floor = attempt.monotonic_floor.max(now);
        }
        Ok(now)
    }
}

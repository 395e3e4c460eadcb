//! The one wasmtime engine of a shim, and the clock that bounds how long a guest may run
//! without returning to the host.
//!
//! Epoch interruption is cheaper than fuel: a background thread bumps the engine's epoch
//! every [`TICK`], and each store's deadline callback either yields to the async runtime (so
//! one busy actor cannot starve the others) or traps the actor once its CPU budget is spent.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use wasmtime::{Config, Engine};

/// How often the epoch advances.
pub(crate) const TICK: Duration = Duration::from_millis(5);

/// The wasmtime configuration of every shim's engine, for measuring raw wasmtime against the
/// shim on equal terms.
pub fn config() -> Config {
    let mut config = Config::new();
    config.wasm_component_model(true);
    config.epoch_interruption(true);
    // Fuel bounds the work of actors spawned with `limits.max-fuel`; others get all there is.
    config.consume_fuel(true);
    config
}

pub(crate) fn new_engine() -> wasmtime::Result<Engine> {
    Engine::new(&config())
}

/// Advances `engine`'s epoch until dropped.
pub(crate) struct EpochTicker {
    stop: Arc<AtomicBool>,
}

impl EpochTicker {
    pub fn start(engine: &Engine) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let (engine, flag) = (engine.clone(), Arc::clone(&stop));
        std::thread::Builder::new()
            .name("guestkit-epoch".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(TICK);
                    engine.increment_epoch();
                }
            })
            .expect("spawning the epoch thread");
        Self { stop }
    }
}

impl Drop for EpochTicker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

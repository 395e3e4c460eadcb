//! The one wasmtime engine of a shim, and the clock that bounds how long a guest may run
//! without returning to the host.
//!
//! Epoch interruption is cheaper than fuel: a background thread bumps the engine's epoch
//! every [`TICK`], and each store's deadline callback either yields to the async runtime (so
//! one busy actor cannot starve the others) or traps the actor once its CPU budget is spent.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

use crate::conformance::TABLE_ELEMENTS;
use crate::limits::Limits;

/// How often the epoch advances.
pub(crate) const TICK: Duration = Duration::from_millis(5);

/// The wasmtime configuration of a shim with `limits`, for measuring raw wasmtime against the
/// shim on equal terms.
///
/// Instances come from a pooling allocator sized for `limits.max_actors`: memories, tables
/// and async stacks are carved from regions reserved once, so spawning maps nothing new,
/// stacks are reused from call to call, and ten thousand actors do not run into the
/// kernel's limit on mappings. Each linear memory reserves `limits.max_memory_bytes` of
/// address space (rounded up to whole pages), which is also the most it can grow to.
pub fn config(limits: &Limits) -> Config {
    let mut config = Config::new();
    config.wasm_component_model(true);
    config.epoch_interruption(true);
    // Fuel bounds the work of actors spawned with `limits.max-fuel`; others get all there is.
    config.consume_fuel(true);
    let page = 64 << 10;
    let memory = limits.max_memory_bytes.div_ceil(page).max(1) * page;
    config.memory_reservation(memory as u64);
    config.memory_reservation_for_growth(0);
    let actors = limits.max_actors;
    let mut pool = PoolingAllocationConfig::new();
    pool.total_component_instances(actors)
        .total_core_instances(actors.saturating_mul(CORE_INSTANCES_PER_ACTOR))
        .total_memories(actors.saturating_mul(MEMORIES_PER_ACTOR))
        .total_tables(actors.saturating_mul(TABLES_PER_ACTOR))
        .total_stacks(actors)
        .max_core_instances_per_component(CORE_INSTANCES_PER_ACTOR)
        .max_memories_per_component(MEMORIES_PER_ACTOR)
        .max_tables_per_component(TABLES_PER_ACTOR)
        .max_memory_size(memory)
        .table_elements(TABLE_ELEMENTS);
    config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    config
}

/// What one guest component may instantiate: a Rust guest built for wasip2 has three core
/// modules, one memory and two tables; one componentized from wasip1 adds the adapter's.
const CORE_INSTANCES_PER_ACTOR: u32 = 8;
const MEMORIES_PER_ACTOR: u32 = 2;
const TABLES_PER_ACTOR: u32 = 4;

pub(crate) fn new_engine(limits: &Limits) -> wasmtime::Result<Engine> {
    Engine::new(&config(limits))
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

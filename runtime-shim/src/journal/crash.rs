//! Crash injection, for tests of durable execution. A shim armed with a [`CrashPoint`] stops
//! its own process with `SIGKILL` when execution reaches that point, as `kill -9` would: no
//! destructor runs, nothing is flushed, and what was durable stays. A test then starts a new
//! shim on the same state and sees what a real crash leaves. Only a test host arms one;
//! `cargo guest serve`, `dev` and `run` never do.

use std::sync::Mutex;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng as _, SeedableRng as _};

/// Where an armed shim stops its process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrashPoint {
    /// Once the `n`th journal entry written by this process (counting from 1, entries of
    /// every invocation) is durable.
    AfterEntries(u64),
    /// Once the run named so has executed its side effect, before its result is journaled:
    /// the run executes again after the restart.
    AtRun(String),
    /// After each journal entry is durable, with a chance of one in `one_in`, drawn from a
    /// generator seeded with `seed`: the same seed crashes at the same entry of the same
    /// sequence of entries.
    Random { seed: u64, one_in: u32 },
}

/// The crash point a shim is armed with, if any, and what it has counted towards it.
#[derive(Default)]
pub(crate) struct Crashes(Mutex<Option<Armed>>);

struct Armed {
    point: CrashPoint,
    durable: u64,
    draws: ChaCha8Rng,
}

impl Crashes {
    /// Arms `point`, replacing any point armed before; entries count from now.
    pub fn arm(&self, point: CrashPoint) {
        let seed = match &point {
            CrashPoint::Random { seed, .. } => *seed,
            _ => 0,
        };
        *self.0.lock().unwrap() = Some(Armed {
            point,
            durable: 0,
            draws: ChaCha8Rng::seed_from_u64(seed),
        });
    }

    /// `entries` more journal entries are durable.
    pub fn entries_durable(&self, entries: usize) {
        let mut armed = self.0.lock().unwrap();
        let Some(armed) = armed.as_mut() else { return };
        for _ in 0..entries {
            armed.durable += 1;
            let due = match &armed.point {
                CrashPoint::AfterEntries(n) => armed.durable >= *n,
                CrashPoint::Random { one_in, .. } => armed.draws.next_u32() % (*one_in).max(1) == 0,
                CrashPoint::AtRun(_) => false,
            };
            if due {
                crash();
            }
        }
    }

    /// The run named `name` executed, and its result is about to be journaled.
    pub fn run_ended(&self, name: &str) {
        let armed = self.0.lock().unwrap();
        if matches!(&armed.as_ref().map(|a| &a.point), Some(CrashPoint::AtRun(at)) if at == name) {
            crash();
        }
    }
}

/// Stops this process at once, as `kill -9` does.
fn crash() -> ! {
    // SAFETY: getpid and kill take no pointers; a process sending itself SIGKILL ends there.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGKILL);
    }
    unreachable!("SIGKILL ends the process")
}

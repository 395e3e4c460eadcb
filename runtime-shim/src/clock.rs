//! The node's one clock: every read of time and every timer of the shim goes through it
//! (durable timers, `send-after`, receive and call timeouts, request deadlines, restart and
//! retry backoff). CPU deadlines are not the clock's: they stay on real time (the engine's
//! epoch), so a spinning guest is stopped whatever the clock says.
//!
//! Times come in two kinds: wall-clock milliseconds since the Unix epoch (what durable timers
//! record, so they fire after a restart of the shim process), and durations since the clock
//! started (monotonic, for deadlines within one shim process).

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Where a node reads the time and waits for it.
#[derive(Clone)]
pub struct Clock(Arc<Source>);

enum Source {
    /// The operating system's clocks and tokio's timers.
    System { started: Instant },
}

/// A wait that ran out before what it waited for completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self.0 {
            Source::System { .. } => f.write_str("Clock::System"),
        }
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

impl Clock {
    /// The system's clocks.
    pub fn system() -> Self {
        Self(Arc::new(Source::System {
            started: Instant::now(),
        }))
    }

    /// The wall-clock time, as a duration since the Unix epoch.
    pub fn wall(&self) -> Duration {
        match *self.0 {
            Source::System { .. } => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default(),
        }
    }

    /// The wall-clock time in milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> u64 {
        u64::try_from(self.wall().as_millis()).unwrap_or(u64::MAX)
    }

    /// How long since the clock started: monotonic, never going back.
    pub fn monotonic(&self) -> Duration {
        match *self.0 {
            Source::System { started } => started.elapsed(),
        }
    }

    /// The monotonic time `after` from now, or `None` when that is too far away to ever come.
    pub fn deadline(&self, after: Duration) -> Option<Duration> {
        let at = self.monotonic().checked_add(after)?;
        match *self.0 {
            Source::System { started } => started.checked_add(at).map(|_| at),
        }
    }

    /// Resolves once `duration` has passed.
    pub fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        self.sleep_until(self.monotonic().saturating_add(duration))
    }

    /// Resolves once the clock's [`monotonic`](Self::monotonic) time reaches `at`; never,
    /// when `at` is too far away to be reached.
    pub fn sleep_until(&self, at: Duration) -> impl Future<Output = ()> + Send + 'static {
        let deadline = match *self.0 {
            Source::System { started } => started.checked_add(at),
        };
        async move {
            match deadline {
                Some(at) => tokio::time::sleep_until(at.into()).await,
                None => std::future::pending().await,
            }
        }
    }

    /// Resolves once the wall-clock time reaches `at_ms` (milliseconds since the Unix epoch).
    pub fn sleep_until_ms(&self, at_ms: u64) -> impl Future<Output = ()> + Send + 'static {
        let left = Duration::from_millis(at_ms.saturating_sub(self.now_ms()));
        self.sleep(left)
    }

    /// `future`'s output, unless `duration` passes first.
    pub async fn timeout<F: Future>(
        &self,
        duration: Duration,
        future: F,
    ) -> Result<F::Output, Elapsed> {
        self.timeout_at(self.monotonic().saturating_add(duration), future)
            .await
    }

    /// `future`'s output, unless the clock's monotonic time reaches `at` first.
    pub async fn timeout_at<F: Future>(
        &self,
        at: Duration,
        future: F,
    ) -> Result<F::Output, Elapsed> {
        tokio::select! {
            biased;
            out = future => Ok(out),
            () = self.sleep_until(at) => Err(Elapsed),
        }
    }
}

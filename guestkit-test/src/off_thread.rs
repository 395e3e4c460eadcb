//! Futures whose work runs on a thread of its own: a request to the test host blocks (on
//! HTTP), and a test awaits it under any executor (`#[tokio::test]`, a `block_on`) without
//! this crate needing one. Two of them joined run at once, so a test can await a call that
//! waits on a timer while it advances the clock.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// The outcome of `work`, run on a new thread.
pub(crate) fn spawn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> OffThread<T> {
    let shared = Arc::new(Mutex::new(Slot::<T> {
        value: None,
        waker: None,
    }));
    let filled = Arc::clone(&shared);
    std::thread::spawn(move || {
        let value = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        let mut slot = filled.lock().unwrap();
        slot.value = Some(value);
        if let Some(waker) = slot.waker.take() {
            waker.wake();
        }
    });
    OffThread(shared)
}

struct Slot<T> {
    /// What the work returned, or its panic, which the awaiting task resumes.
    value: Option<std::thread::Result<T>>,
    waker: Option<Waker>,
}

/// Resolves to what the thread's work returned.
pub(crate) struct OffThread<T>(Arc<Mutex<Slot<T>>>);

impl<T> Future for OffThread<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.0.lock().unwrap();
        match slot.value.take() {
            Some(Ok(value)) => Poll::Ready(value),
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

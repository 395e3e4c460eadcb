//! What a driven invocation waits on between attempts: the lock of its object key, held one
//! attempt at a time in the order asked for, and the wake-up a completion it waits for sends.
//! Both count their waiter as parked while it waits, and whoever wakes it counts it again, so a
//! manual clock knows when the node is idle (see [`clock`](crate::clock)).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::{Notify, oneshot};

use crate::clock::{Doorbell, Parking, current_parking};

/// The lock of one object key: first come, first served.
#[derive(Default)]
pub(crate) struct KeyLock {
    state: Mutex<KeyState>,
}

#[derive(Default)]
struct KeyState {
    held: bool,
    queue: VecDeque<(oneshot::Sender<()>, Parking)>,
}

/// Holds a [`KeyLock`] until dropped.
pub(crate) struct KeyGuard(Arc<KeyLock>);

impl KeyLock {
    /// Waits for the key, after everyone who asked before.
    pub async fn lock(self: &Arc<Self>) -> KeyGuard {
        let parking = current_parking();
        let (turn, _parked) = {
            let mut state = self.state.lock().unwrap();
            if !state.held {
                state.held = true;
                return KeyGuard(Arc::clone(self));
            }
            let (tell, turn) = oneshot::channel();
            state.queue.push_back((tell, parking.clone()));
            // Under the lock, so that the release either sees the waiter parked or comes after.
            (turn, parking.park())
        };
        // The sender is only dropped with the lock, which the guard keeps alive.
        let _ = turn.await;
        KeyGuard(Arc::clone(self))
    }
}

impl Drop for KeyGuard {
    fn drop(&mut self) {
        let mut state = self.0.state.lock().unwrap();
        while let Some((tell, parking)) = state.queue.pop_front() {
            parking.unpark();
            if tell.send(()).is_ok() {
                return;
            }
        }
        state.held = false;
    }
}

/// Wakes one suspended invocation when a completion it waits for lands. A wake-up that comes
/// while no one waits is kept for the next wait, so none is lost.
#[derive(Default)]
pub(crate) struct Wake {
    notify: Notify,
    pending: AtomicBool,
    bell: Doorbell,
}

impl Wake {
    /// Makes the task running now the one this wakes.
    pub fn attach(&self) {
        self.bell.answered_by(current_parking());
    }

    /// The task that waited is gone: a later wake-up is kept for the next.
    pub fn detach(&self) {
        self.clear();
        self.bell.answered_by(Parking::default());
    }

    /// Wakes the waiter, or the next one to wait.
    pub fn wake(&self) {
        self.bell
            .ring(|| self.pending.store(true, Ordering::SeqCst));
        self.notify.notify_waiters();
    }

    /// Waits for a wake-up, parked, unless one came already.
    pub async fn wait(&self) {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let _listening = self.bell.listen();
            if self.clear() {
                return;
            }
            notified.await;
        }
    }

    /// Forgets a wake-up that came; true if one had.
    pub fn clear(&self) -> bool {
        self.pending.swap(false, Ordering::SeqCst)
    }
}

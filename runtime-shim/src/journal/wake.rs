//! What a driven invocation waits on: the lock of its object key, held from its first attempt
//! until it ends, in the order places were taken, and the wake-up a completion it waits for
//! sends.
//! Both count their waiter as parked while it waits, and whoever wakes it counts it again, so a
//! manual clock knows when the node is idle (see [`clock`](crate::clock)).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::{Notify, oneshot};

use crate::clock::{Doorbell, Parking, current_parking};

/// The lock of one object key: first come, first served, in the order places were taken.
#[derive(Default)]
pub(crate) struct KeyLock {
    state: Mutex<KeyState>,
}

#[derive(Default)]
struct KeyState {
    held: bool,
    queue: VecDeque<(oneshot::Sender<()>, Parking)>,
}

/// A place in a [`KeyLock`]'s queue, taken at once; [`turn`](Self::turn) waits for it.
pub(crate) enum KeyPlace {
    Holds(KeyGuard),
    Waits {
        lock: Arc<KeyLock>,
        parking: Parking,
        turn: oneshot::Receiver<()>,
    },
}

/// Holds a [`KeyLock`] until dropped.
pub(crate) struct KeyGuard(Arc<KeyLock>);

impl KeyLock {
    /// Takes the next place in the queue, for the task that parks on `parking`: the key is
    /// its after everyone who took a place before.
    pub fn take_place(self: &Arc<Self>, parking: Parking) -> KeyPlace {
        let mut state = self.state.lock().unwrap();
        if !state.held {
            state.held = true;
            return KeyPlace::Holds(KeyGuard(Arc::clone(self)));
        }
        let (tell, turn) = oneshot::channel();
        state.queue.push_back((tell, parking.clone()));
        KeyPlace::Waits {
            lock: Arc::clone(self),
            parking,
            turn,
        }
    }
}

impl KeyPlace {
    /// Waits, parked, until the key is this place's.
    pub async fn turn(self) -> KeyGuard {
        match self {
            KeyPlace::Holds(guard) => guard,
            KeyPlace::Waits {
                lock,
                parking,
                turn,
            } => {
                let parked = {
                    // Under the lock, so that the release either sees the waiter parked or
                    // comes after: then the turn is ready and the wait does not rest.
                    let _state = lock.state.lock().unwrap();
                    parking.park()
                };
                // The sender is only dropped with the lock, which `lock` keeps alive.
                let _ = turn.await;
                drop(parked);
                KeyGuard(lock)
            }
        }
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
    /// Set once this process asked the invocation to cancel: its attempts see it without
    /// reading the store at every `run` and `wait`.
    cancelled: AtomicBool,
}

impl Wake {
    /// Remembers that the invocation was asked to cancel.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
    }

    /// Whether this process asked the invocation to cancel.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }

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

/// What the user asks of a driven invocation from outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// Run again after a pause, from a fresh retry count.
    Resume,
    /// End now, whatever it is doing: no more handler code runs.
    Kill,
}

/// How orders reach the task that drives one invocation.
pub(crate) struct Steer {
    /// The driving task's.
    parking: Parking,
    state: Mutex<Orders>,
    notify: Notify,
    /// Set once the task is gone, with `gone_notify`.
    gone: AtomicBool,
    gone_notify: Notify,
}

#[derive(Default)]
struct Orders {
    given: Option<Order>,
    /// The task waits, parked, for an order to resume.
    resting: bool,
}

impl Steer {
    pub fn new(parking: Parking) -> Self {
        Self {
            parking,
            state: Mutex::default(),
            notify: Notify::new(),
            gone: AtomicBool::new(false),
            gone_notify: Notify::new(),
        }
    }

    /// Gives `order` to the task; a kill, once given, stays.
    pub fn give(&self, order: Order) {
        {
            let mut state = self.state.lock().unwrap();
            if state.given != Some(Order::Kill) {
                state.given = Some(order);
            }
            // Only a task that acts on the order counts as at work again: a kill ends
            // whatever it waits for, a resume only the rest after a pause.
            if order == Order::Kill || state.resting {
                self.parking.unpark();
            }
        }
        self.notify.notify_waiters();
    }

    /// Whether an order to resume waits to be taken.
    pub fn resume_given(&self) -> bool {
        self.state.lock().unwrap().given == Some(Order::Resume)
    }

    /// Resolves once the invocation is ordered to end. Not a wait of its own: it races the
    /// task's work.
    pub async fn killed(&self) {
        until(&self.notify, || {
            self.state.lock().unwrap().given == Some(Order::Kill)
        })
        .await;
    }

    /// Waits, parked, for an order to resume.
    pub async fn resumed(&self) {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let parked = {
                let mut state = self.state.lock().unwrap();
                if state.given == Some(Order::Resume) {
                    state.given = None;
                    state.resting = false;
                    return;
                }
                state.resting = true;
                self.parking.park()
            };
            notified.await;
            drop(parked);
        }
    }

    /// The driving task is done.
    pub fn leave(&self) {
        self.gone.store(true, Ordering::SeqCst);
        self.gone_notify.notify_waiters();
    }

    /// Resolves once the driving task is done.
    pub async fn gone(&self) {
        until(&self.gone_notify, || self.gone.load(Ordering::SeqCst)).await;
    }
}

/// Resolves once `done` holds, looking again whenever `notify` notifies its waiters: a
/// notification between the look and the wait is not lost.
async fn until(notify: &Notify, done: impl Fn() -> bool) {
    loop {
        let notified = notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if done() {
            return;
        }
        notified.await;
    }
}

//! The node's one clock: every read of time and every timer of the shim goes through it
//! (durable timers, `send-after`, receive and call timeouts, request deadlines, restart and
//! retry backoff). CPU deadlines are not the clock's: they stay on real time (the engine's
//! epoch), so a spinning guest is stopped whatever the clock says.
//!
//! Times come in two kinds: wall-clock milliseconds since the Unix epoch (what durable timers
//! record, so they fire after a restart of the shim process), and durations since the clock
//! started (monotonic, for deadlines within one shim process).
//!
//! A clock is the system's, or manual ([`ManualClock`]): time stands still until
//! [`ManualClock::advance`] moves it, firing the timers due on the way one at a time, each only
//! once every task of the node is idle again. To know that without polling, a manual clock
//! counts the node's work: each task it runs ([`Clock::spawn`]) counts while it is not parked.
//! A task parks while it waits for a delivery, a timer, a key lock or a completion
//! ([`Parking`]), and stops counting only once its poll has returned; whoever wakes it (a
//! sender, a firing timer, a lock's release, a completion) counts it again before the wake-up,
//! so the count never reads zero while anything is still to happen. A delivery or completion
//! for a task that waits on something else wakes nothing, so it counts as nothing: it waits
//! until the task listens for it ([`Doorbell`]).

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicI64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// Where a node reads the time and waits for it.
#[derive(Clone)]
pub struct Clock(Arc<Source>);

enum Source {
    /// The operating system's clocks and tokio's timers.
    System {
        started: Instant,
    },
    Manual(Manual),
}

/// A wait that ran out before what it waited for completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.0 {
            Source::System { .. } => f.write_str("Clock::System"),
            Source::Manual(m) => write!(f, "Clock::Manual({:?})", m.now()),
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

    /// A manual clock whose wall-clock time starts at the system's time now.
    pub fn manual() -> ManualClock {
        Self::manual_at(Self::system().wall())
    }

    /// A manual clock whose wall-clock time starts at `wall` after the Unix epoch.
    pub fn manual_at(wall: Duration) -> ManualClock {
        ManualClock(Self(Arc::new(Source::Manual(Manual {
            start_wall: wall,
            timers: Mutex::new(Timers::default()),
            work: Arc::new(Work::default()),
        }))))
    }

    /// The wall-clock time, as a duration since the Unix epoch.
    pub fn wall(&self) -> Duration {
        match &*self.0 {
            Source::System { .. } => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default(),
            Source::Manual(m) => m.start_wall.saturating_add(m.now()),
        }
    }

    /// The wall-clock time in milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> u64 {
        u64::try_from(self.wall().as_millis()).unwrap_or(u64::MAX)
    }

    /// How long since the clock started: monotonic, never going back.
    pub fn monotonic(&self) -> Duration {
        match &*self.0 {
            Source::System { started } => started.elapsed(),
            Source::Manual(m) => m.now(),
        }
    }

    /// The monotonic time `after` from now, or `None` when that is too far away to ever come.
    pub fn deadline(&self, after: Duration) -> Option<Duration> {
        let at = self.monotonic().checked_add(after)?;
        match &*self.0 {
            Source::System { started } => started.checked_add(at).map(|_| at),
            Source::Manual(_) => Some(at),
        }
    }

    /// Resolves once `duration` has passed.
    pub fn sleep(&self, duration: Duration) -> Sleep {
        self.sleep_until(self.monotonic().saturating_add(duration))
    }

    /// Resolves once the clock's [`monotonic`](Self::monotonic) time reaches `at`; never,
    /// when `at` is too far away to be reached.
    pub fn sleep_until(&self, at: Duration) -> Sleep {
        match &*self.0 {
            Source::System { started } => Sleep(Waiting::System(
                started
                    .checked_add(at)
                    .map(|at| Box::pin(tokio::time::sleep_until(at.into()))),
            )),
            Source::Manual(_) => Sleep(Waiting::Manual(ManualSleep::new(self, at))),
        }
    }

    /// Resolves once the wall-clock time reaches `at_ms` (milliseconds since the Unix epoch).
    pub fn sleep_until_ms(&self, at_ms: u64) -> Sleep {
        let left = Duration::from_millis(at_ms.saturating_sub(self.now_ms()));
        self.sleep(left)
    }

    /// `future`'s output, unless `duration` passes first.
    pub fn timeout<F: Future>(
        &self,
        duration: Duration,
        future: F,
    ) -> impl Future<Output = Result<F::Output, Elapsed>> + use<F> {
        self.timeout_at(self.monotonic().saturating_add(duration), future)
    }

    /// `future`'s output, unless the clock's monotonic time reaches `at` first. On a manual
    /// clock the timer is set when this is called, before the caller parks on it.
    pub fn timeout_at<F: Future>(
        &self,
        at: Duration,
        future: F,
    ) -> impl Future<Output = Result<F::Output, Elapsed>> + use<F> {
        let (deadline, timer) = match &*self.0 {
            Source::System { started } => (started.checked_add(at), None),
            Source::Manual(_) => (
                None,
                Some(Sleep(Waiting::Manual(ManualSleep::new(self, at)))),
            ),
        };
        async move {
            match (timer, deadline) {
                (Some(timer), _) => {
                    tokio::select! {
                        biased;
                        out = future => Ok(out),
                        () = timer => Err(Elapsed),
                    }
                }
                (None, Some(at)) => tokio::time::timeout_at(at.into(), future)
                    .await
                    .map_err(|_| Elapsed),
                (None, None) => Ok(future.await),
            }
        }
    }

    /// What a new task of the node parks on: counted on a manual clock, nothing on the system
    /// clock, which counts nothing.
    pub(crate) fn parking(&self) -> Parking {
        match &*self.0 {
            Source::System { .. } => Parking::default(),
            Source::Manual(m) => Parking(Some(Arc::new(Parked {
                state: AtomicU8::new(0),
                work: Arc::clone(&m.work),
            }))),
        }
    }

    /// Runs `task` on the runtime as a task of the node that parks on `parking`: on a manual
    /// clock it counts as work from now until it ends, except while it is parked.
    pub(crate) fn spawn<F>(&self, parking: Parking, task: F) -> JoinHandle<()>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        if !parking.is_counted() {
            return tokio::spawn(task);
        }
        parking.begin();
        tokio::spawn(Counted {
            task: Box::pin(CURRENT.scope(parking.clone(), task)),
            parking,
        })
    }
}

/// A counted task: it stops counting only between polls, once a poll returned pending with
/// the task parked, and for good when it ends or is dropped.
struct Counted<F> {
    task: Pin<Box<F>>,
    parking: Parking,
}

impl<F: Future<Output = ()>> Future for Counted<F> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let polled = self.task.as_mut().poll(cx);
        if polled.is_pending() {
            self.parking.rest();
        }
        polled
    }
}

impl<F> Drop for Counted<F> {
    fn drop(&mut self) {
        self.parking.end();
    }
}

tokio::task_local! {
    /// The parking of the node task running now, if it is one.
    static CURRENT: Parking;
}

/// The parking of the node task running now: what its waits park on (nothing, outside a
/// counted task).
pub(crate) fn current_parking() -> Parking {
    CURRENT.try_with(Parking::clone).unwrap_or_default()
}

/// How much of the node is at work, on a manual clock: the counted tasks not parked.
#[derive(Default)]
pub(crate) struct Work {
    count: AtomicI64,
    idle: Notify,
}

impl Work {
    pub fn add(&self) {
        self.count.fetch_add(1, Ordering::SeqCst);
    }

    pub fn done(&self) {
        if self.count.fetch_sub(1, Ordering::SeqCst) <= 1 {
            self.idle.notify_waiters();
        }
    }

    /// Resolves once nothing is at work.
    async fn idle(&self) {
        loop {
            let notified = self.idle.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.count.load(Ordering::SeqCst) <= 0 {
                return;
            }
            notified.await;
        }
    }
}

/// Whether one task of the node is parked, waiting for someone else to wake it. On the system
/// clock there is nothing to count, and every operation does nothing.
///
/// A task parks in two steps. While it runs, a wait [`park`](Self::park)s it: the task wants
/// to stop counting. Only when the task's poll then returns pending, still parked, does it
/// stop counting ([`Counted`]): a task parked in one branch of a `select!` is still running
/// while it polls the next, and must not read as idle meanwhile. Whoever wakes the task
/// [`unpark`](Self::unpark)s it before the wake-up, counting it again if it had stopped.
#[derive(Clone, Default)]
pub(crate) struct Parking(Option<Arc<Parked>>);

struct Parked {
    /// `WANTS_REST`, `RESTING` and `ENDED` bits.
    state: AtomicU8,
    work: Arc<Work>,
}

/// The task is parked: it waits for someone else to wake it.
const WANTS_REST: u8 = 1;
/// The task is parked and its poll returned: it does not count as work.
const RESTING: u8 = 2;
/// The task ended: it never counts again.
const ENDED: u8 = 4;

impl Parking {
    /// Whether this parking counts anything (it belongs to a manual clock).
    pub fn is_counted(&self) -> bool {
        self.0.is_some()
    }

    /// The task waits for someone else to wake it: once its poll returns, it stops counting
    /// as work until then. Called by the task itself; the guard unparks it when dropped, for
    /// the wait ends with it (woken, or given up for another).
    #[must_use = "the task counts again when the guard is dropped"]
    pub fn park(&self) -> Resume {
        if let Some(p) = &self.0 {
            p.state.fetch_or(WANTS_REST, Ordering::SeqCst);
        }
        Resume(self.clone())
    }

    /// The task counts as work again: called by whoever wakes it, before the wake-up, and by
    /// the task itself when its wait ends.
    pub fn unpark(&self) {
        let Some(p) = &self.0 else { return };
        let mut state = p.state.load(Ordering::SeqCst);
        while state & ENDED == 0 && state != 0 {
            match p
                .state
                .compare_exchange(state, 0, Ordering::SeqCst, Ordering::SeqCst)
            {
                Ok(_) => {
                    if state & RESTING != 0 {
                        p.work.add();
                    }
                    return;
                }
                Err(now) => state = now,
            }
        }
    }

    /// The task's poll returned pending: if it is parked, it stops counting.
    pub(crate) fn rest(&self) {
        if let Some(p) = &self.0
            && p.state
                .compare_exchange(
                    WANTS_REST,
                    WANTS_REST | RESTING,
                    Ordering::SeqCst,
                    Ordering::SeqCst,
                )
                .is_ok()
        {
            p.work.done();
        }
    }

    /// The task ended: it stops counting for good, unless it had stopped already.
    pub(crate) fn end(&self) {
        if let Some(p) = &self.0
            && p.state.swap(ENDED, Ordering::SeqCst) & (RESTING | ENDED) == 0
        {
            p.work.done();
        }
    }

    /// The task is about to start: it counts as work from now.
    pub(crate) fn begin(&self) {
        if let Some(p) = &self.0 {
            p.work.add();
        }
    }

    /// `task` as a task parking here: its waits find this parking
    /// ([`current_parking`]) while it runs.
    pub(crate) fn scope<F>(&self, task: F) -> Pin<Box<dyn Future<Output = F::Output> + Send>>
    where
        F: Future + Send + 'static,
    {
        match self.0 {
            Some(_) => Box::pin(CURRENT.scope(self.clone(), task)),
            None => Box::pin(task),
        }
    }
}

/// Unparks a task's parking when dropped: when the wait that parked it ends.
pub(crate) struct Resume(Parking);

impl Resume {
    /// The task parks again in the same wait, polled once more while it still waits: it
    /// keeps this guard, for dropping it would count the task again.
    fn renew(&self) {
        if let Some(p) = &self.0.0 {
            p.state.fetch_or(WANTS_REST, Ordering::SeqCst);
        }
    }
}

impl Drop for Resume {
    fn drop(&mut self) {
        self.0.unpark();
    }
}

/// One source of wake-ups for one task (its mailbox, its invocation's completions), on a
/// manual clock. A wake-up is work only while the task [`listen`](Self::listen)s to it, for
/// only then does it wake the task: a delivery to an actor that sleeps, or a completion that
/// lands during a retry backoff, waits without keeping the node busy, and is found when the
/// task next listens.
#[derive(Default)]
pub(crate) struct Doorbell(Mutex<Door>);

#[derive(Default)]
struct Door {
    parking: Parking,
    listening: bool,
}

impl Doorbell {
    pub fn new(parking: Parking) -> Self {
        Self(Mutex::new(Door {
            parking,
            listening: false,
        }))
    }

    /// The task this doorbell wakes from now on (`Parking::default()`: none).
    pub fn answered_by(&self, parking: Parking) {
        self.0.lock().unwrap().parking = parking;
    }

    /// Makes a wake-up visible with `ring` (a send, a flag), counting the task as at work
    /// first if it listens. Under the doorbell's lock, so that a task about to listen either
    /// sees the wake-up when it looks, or listens before it comes.
    pub fn ring<T>(&self, ring: impl FnOnce() -> T) -> T {
        let door = self.0.lock().unwrap();
        if door.listening {
            door.parking.unpark();
        }
        ring()
    }

    /// The task waits for a ring: parked, and woken by the next. Called by the task itself,
    /// after it last looked for a wake-up; the guard ends the wait.
    #[must_use = "the task stops listening when the guard is dropped"]
    pub fn listen(&self) -> Listening<'_> {
        let mut door = self.0.lock().unwrap();
        door.listening = true;
        let parked = door.parking.park();
        Listening {
            bell: self,
            _parked: parked,
        }
    }
}

/// A task listening to a [`Doorbell`], until dropped.
pub(crate) struct Listening<'a> {
    bell: &'a Doorbell,
    _parked: Resume,
}

impl Drop for Listening<'_> {
    fn drop(&mut self) {
        self.bell.0.lock().unwrap().listening = false;
    }
}

/// A manual clock: time moves only when [`advance`](Self::advance) moves it.
#[derive(Clone, Debug)]
pub struct ManualClock(Clock);

impl ManualClock {
    /// The clock to give a shim ([`ShimBuilder::clock`](crate::ShimBuilder::clock)).
    pub fn clock(&self) -> Clock {
        self.0.clone()
    }

    /// How far the clock has been advanced since it started.
    pub fn elapsed(&self) -> Duration {
        self.0.monotonic()
    }

    /// Moves time forward by `by`: fires every timer due by then, in order, each once the
    /// node is idle (no handler running, no delivery untaken), and returns once the tasks the
    /// last one woke are idle again.
    pub async fn advance(&self, by: Duration) {
        let Source::Manual(m) = &*self.0.0 else {
            unreachable!("a ManualClock holds a manual clock");
        };
        let target = m.now().saturating_add(by);
        loop {
            m.work.idle().await;
            let due = {
                let mut timers = m.timers.lock().unwrap();
                match timers.pending.first_key_value() {
                    Some((&(at, _), _)) if at <= target => {
                        timers.now = timers.now.max(at);
                        timers.pending.pop_first().map(|(_, slot)| slot)
                    }
                    _ => {
                        timers.now = target;
                        None
                    }
                }
            };
            match due {
                Some(slot) => slot.fire(),
                None => break,
            }
        }
        m.work.idle().await;
    }

    /// How far ahead the next timer is due, once the node is idle; `None` when no timer is
    /// set, so nothing the clock can fire is left to happen.
    pub async fn next_due(&self) -> Option<Duration> {
        self.settle().await;
        let Source::Manual(m) = &*self.0.0 else {
            unreachable!("a ManualClock holds a manual clock");
        };
        let timers = m.timers.lock().unwrap();
        let (&(at, _), _) = timers.pending.first_key_value()?;
        Some(at.saturating_sub(timers.now))
    }

    /// Resolves once the node is idle: what `advance(Duration::ZERO)` waits for.
    pub async fn settle(&self) {
        self.advance(Duration::ZERO).await;
    }
}

struct Manual {
    start_wall: Duration,
    timers: Mutex<Timers>,
    work: Arc<Work>,
}

impl Manual {
    fn now(&self) -> Duration {
        self.timers.lock().unwrap().now
    }
}

#[derive(Default)]
struct Timers {
    now: Duration,
    next: u64,
    /// By due time, then by when they were set.
    pending: BTreeMap<(Duration, u64), Arc<Slot>>,
}

/// One timer of a manual clock.
#[derive(Default)]
struct Slot(Mutex<SlotState>);

#[derive(Default)]
struct SlotState {
    fired: bool,
    waker: Option<Waker>,
    /// The parked task it wakes, counted again when it fires.
    parking: Parking,
}

impl Slot {
    fn fire(&self) {
        let (waker, parking) = {
            let mut state = self.0.lock().unwrap();
            state.fired = true;
            (state.waker.take(), std::mem::take(&mut state.parking))
        };
        parking.unpark();
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    fn fired(&self) -> bool {
        self.0.lock().unwrap().fired
    }
}

/// The future of [`Clock::sleep`].
pub struct Sleep(Waiting);

enum Waiting {
    /// On the system clock; `None` for a time too far away to ever come.
    System(Option<Pin<Box<tokio::time::Sleep>>>),
    Manual(ManualSleep),
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match &mut self.get_mut().0 {
            Waiting::System(Some(sleep)) => sleep.as_mut().poll(cx),
            Waiting::System(None) => Poll::Pending,
            Waiting::Manual(sleep) => sleep.poll(cx),
        }
    }
}

/// A sleep on a manual clock. Its timer is set when it is made, with the node task making it
/// as the one it wakes, so that the clock sees both before that task parks on anything; the
/// task parks when it waits on it, and the timer goes when it is dropped. A sleep is awaited
/// by the task that made it.
struct ManualSleep {
    clock: Clock,
    /// `None` when it was due already when made.
    slot: Option<((Duration, u64), Arc<Slot>)>,
    /// While the task waits on it: counts the task again when the wait ends.
    parked: Option<Resume>,
}

impl ManualSleep {
    fn new(clock: &Clock, at: Duration) -> Self {
        let Source::Manual(m) = &*clock.0 else {
            unreachable!("a manual sleep is made by a manual clock");
        };
        let mut timers = m.timers.lock().unwrap();
        let slot = (at > timers.now).then(|| {
            let key = (at, timers.next);
            timers.next += 1;
            let slot = Arc::new(Slot(Mutex::new(SlotState {
                parking: current_parking(),
                ..SlotState::default()
            })));
            timers.pending.insert(key, Arc::clone(&slot));
            (key, slot)
        });
        drop(timers);
        Self {
            clock: clock.clone(),
            slot,
            parked: None,
        }
    }

    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let Some((_, slot)) = &self.slot else {
            return Poll::Ready(());
        };
        {
            // Under the slot's lock, so that a firing either sees this parking or comes after.
            let mut state = slot.0.lock().unwrap();
            if !state.fired {
                state.waker = Some(cx.waker().clone());
                // A poll of a task that is already resting (a wake-up meant for another of
                // its futures) must not count it again: the guard it holds stays.
                match &self.parked {
                    Some(parked) => parked.renew(),
                    None => self.parked = Some(state.parking.park()),
                }
                return Poll::Pending;
            }
        }
        self.parked = None;
        Poll::Ready(())
    }
}

impl Drop for ManualSleep {
    fn drop(&mut self) {
        if let Some((key, slot)) = self.slot.take()
            && !slot.fired()
            && let Source::Manual(m) = &*self.clock.0
        {
            m.timers.lock().unwrap().pending.remove(&key);
        }
        // Dropped while parked (another wait of the same task won, or the task is going),
        // `parked` counts the task again as it goes.
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn advance_fires_due_timers_in_order_and_waits_for_what_they_woke() {
        let manual = Clock::manual_at(Duration::from_secs(1_000));
        let clock = manual.clock();
        let fired = Arc::new(Mutex::new(Vec::new()));
        for (name, ms) in [
            ("late", 300),
            ("early", 100),
            ("never", 5_000),
            ("mid", 200),
        ] {
            let (clock, fired) = (clock.clone(), Arc::clone(&fired));
            let parking = clock.parking();
            clock.clone().spawn(parking, async move {
                clock.sleep(Duration::from_millis(ms)).await;
                // Work after the wake-up: advance returns only once it is done.
                tokio::task::yield_now().await;
                fired.lock().unwrap().push((name, clock.monotonic()));
            });
        }
        manual.advance(Duration::from_millis(250)).await;
        assert_eq!(
            *fired.lock().unwrap(),
            [
                ("early", Duration::from_millis(100)),
                ("mid", Duration::from_millis(200))
            ]
        );
        assert_eq!(manual.elapsed(), Duration::from_millis(250));
        assert_eq!(clock.now_ms(), 1_000_250);
        manual.advance(Duration::from_millis(50)).await;
        assert_eq!(fired.lock().unwrap().len(), 3);
        assert_eq!(
            fired.lock().unwrap()[2],
            ("late", Duration::from_millis(300))
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_task_parked_in_one_branch_counts_until_its_poll_returns() {
        let manual = Clock::manual();
        let clock = manual.clock();
        let Source::Manual(m) = &*clock.0 else {
            unreachable!()
        };
        let (parked, in_poll) = std::sync::mpsc::channel();
        let (checked, go_on) = std::sync::mpsc::channel::<()>();
        let waiting = clock.clone();
        clock.spawn(clock.parking(), async move {
            let mut nap = waiting.sleep(Duration::from_secs(1));
            let mut first = true;
            std::future::poll_fn(move |cx| {
                let polled = Pin::new(&mut nap).poll(cx);
                if std::mem::take(&mut first) {
                    // Parked on the sleep, and still in the poll, as in a `select!`'s
                    // first branch before it polls the next.
                    parked.send(()).unwrap();
                    go_on.recv().unwrap();
                }
                polled
            })
            .await;
        });
        in_poll.recv().unwrap();
        assert_eq!(m.work.count.load(Ordering::SeqCst), 1, "idle while polling");
        checked.send(()).unwrap();
        manual.settle().await;
        assert_eq!(m.work.count.load(Ordering::SeqCst), 0);
        manual.advance(Duration::from_secs(1)).await;
        assert!(m.timers.lock().unwrap().pending.is_empty());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_sleeping_task_polled_by_a_stray_wake_up_stays_idle() {
        let manual = Clock::manual();
        let clock = manual.clock();
        let (polls_tx, mut polls) = tokio::sync::mpsc::unbounded_channel();
        let waiting = clock.clone();
        clock.spawn(clock.parking(), async move {
            let mut nap = waiting.sleep(Duration::from_secs(1));
            std::future::poll_fn(move |cx| {
                let polled = Pin::new(&mut nap).poll(cx);
                let _ = polls_tx.send(cx.waker().clone());
                polled
            })
            .await;
        });
        let waker = polls.recv().await.unwrap();
        manual.settle().await;
        // A wake-up meant for something else the task waits on: it polls the sleep again.
        waker.wake();
        polls.recv().await.unwrap();
        let settled = tokio::time::timeout(Duration::from_secs(30), manual.settle()).await;
        assert!(settled.is_ok(), "the stray poll left the task counted");
        manual.advance(Duration::from_secs(1)).await;
        assert!(polls.recv().await.is_some(), "the timer woke it");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_timeout_that_loses_leaves_no_timer_behind() {
        let manual = Clock::manual();
        let clock = manual.clock();
        let out = clock.timeout(Duration::from_secs(1), async { 7 }).await;
        assert_eq!(out, Ok(7));
        let (tell, told) = tokio::sync::oneshot::channel();
        let waiting = clock.clone();
        clock.spawn(clock.parking(), async move {
            let out = waiting
                .timeout(Duration::from_secs(1), std::future::pending::<()>())
                .await;
            let _ = tell.send(out);
        });
        manual.advance(Duration::from_millis(999)).await;
        manual.advance(Duration::from_millis(1)).await;
        assert_eq!(told.await.unwrap(), Err(Elapsed));
        let Source::Manual(m) = &*clock.0 else {
            unreachable!()
        };
        assert!(m.timers.lock().unwrap().pending.is_empty());
    }
}

//! The node's workers: one thread per core, each with a tokio runtime of its own, on which
//! the node's actors live.
//!
//! A multi-threaded runtime moves a task to whichever worker is free, so an actor and the
//! actor it calls hop between cores on every message, and a request and its reply each pay a
//! cross-core wake-up. Here an actor lives on one worker, and the node decides which:
//!
//! - a new actor starts on its spawner's worker when an actor spawns it, and on the worker
//!   with the fewest actors when the embedding application does;
//! - an actor that is woken [`MOVE_AFTER`] times in a row from another worker (by the
//!   messages of an actor there, most often) moves there, so that the two share a core,
//!   unless that worker is busier than its own ([`Workers::may_move`]): busier means it ran
//!   more actors in the last [`WINDOW`], counting those that moved since ([`Load`]). Idle
//!   actors weigh nothing, so a worker full of idle actors still takes busy ones;
//! - a worker that is much busier than another sends one of its actors there each window
//!   ([`Workers::shed`]), and the actors it talks to follow it.
//!
//! An actor moves between two polls of its task, with its futures (its store, the fiber of a
//! guest call under way, its waits): the task ends on one worker and goes on as a new task on
//! the other. Whoever holds its waker still reaches it ([`Wakes`]).
//!
//! A shim built with no workers runs its actors on the runtime that spawns them, as tasks of
//! that runtime, and never moves them.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicIsize, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::sync::oneshot;

use crate::clock::Parking;

/// Wake-ups in a row from one other worker that move an actor there.
pub(crate) const MOVE_AFTER: u32 = 4;

/// How much busier than the least busy worker a worker must be to send one of its actors
/// there: a pair alone on a worker stays (it would only move the imbalance), even while the
/// window counts one of the two twice, as it does when that one just moved in; two pairs on
/// one worker beside an idle one do not.
const SHED_AT: usize = 4;

/// How long a worker counts the actors it runs before it starts counting again.
pub(crate) const WINDOW: Duration = Duration::from_millis(10);

type ActorFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The node's workers, as the node's actors reach them: where to start a task, and how
/// loaded each worker is.
pub(crate) struct Workers {
    /// Tells this set apart from another shim's, for [`here`](Self::here).
    id: usize,
    workers: Vec<Worker>,
}

struct Worker {
    runtime: Handle,
    /// Actors living on this worker.
    actors: AtomicUsize,
    load: Arc<Load>,
}

/// How busy a worker is: how many actors it ran (polled) in the last window, give or take
/// the actors that moved in or out since. The worker starts a window every [`WINDOW`]; a task
/// counts itself once per window, when it is first polled in it.
#[derive(Default)]
struct Load {
    window: AtomicU64,
    ran: [AtomicUsize; 2],
    /// Actors that moved in since the window started, less those that moved out.
    moved: AtomicIsize,
    /// The last window in which an actor left to even out the load.
    shed: AtomicU64,
}

impl Load {
    /// Counts the task that last counted itself in window `seen`, if that is not this one.
    fn count(&self, seen: &mut u64) {
        let window = self.window.load(Ordering::Relaxed);
        if *seen != window {
            *seen = window;
            self.ran[(window & 1) as usize].fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Starts the next window: the current one becomes the last, whose count is the
    /// worker's load until the next.
    fn next_window(&self) {
        let next = self.window.load(Ordering::Relaxed) + 1;
        self.ran[(next & 1) as usize].store(0, Ordering::Relaxed);
        self.moved.store(0, Ordering::Relaxed);
        self.window.store(next, Ordering::Relaxed);
    }

    /// The actors it ran in the last window, with those that moved since.
    fn busy(&self) -> usize {
        let last = self.window.load(Ordering::Relaxed).wrapping_sub(1);
        let ran = self.ran[(last & 1) as usize].load(Ordering::Relaxed);
        ran.saturating_add_signed(self.moved.load(Ordering::Relaxed))
    }
}

/// Stops the workers' threads when dropped: held by the shim's handles alone, as the actors
/// on the workers hold the node.
pub(crate) struct Running(Vec<oneshot::Sender<()>>);

thread_local! {
    /// The worker this thread is: the id of its set and its index there.
    static HERE: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
}

static SETS: AtomicUsize = AtomicUsize::new(0);

impl Workers {
    /// `count` worker threads named after `node`; with none, actors run where they are
    /// spawned.
    pub fn start(node: &str, count: usize) -> std::io::Result<(Arc<Workers>, Running)> {
        let id = SETS.fetch_add(1, Ordering::Relaxed);
        let mut workers = Vec::with_capacity(count);
        let mut stops = Vec::with_capacity(count);
        for index in 0..count {
            let (stop, mut stopped) = oneshot::channel::<()>();
            let (started, runtime) = std::sync::mpsc::channel();
            let load = Arc::new(Load::default());
            let counting = Arc::clone(&load);
            std::thread::Builder::new()
                .name(format!("guestkit-{node}-{index}"))
                .spawn(move || {
                    let built = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    let runtime = match built {
                        Ok(runtime) => runtime,
                        Err(e) => {
                            let _ = started.send(Err(e));
                            return;
                        }
                    };
                    HERE.set(Some((id, index)));
                    let _ = started.send(Ok(runtime.handle().clone()));
                    runtime.block_on(async {
                        let mut windows = tokio::time::interval(WINDOW);
                        loop {
                            tokio::select! {
                                _ = &mut stopped => break,
                                _ = windows.tick() => counting.next_window(),
                            }
                        }
                    });
                    // Dropping the runtime here drops the actors still on it, on their thread.
                })?;
            let runtime = runtime
                .recv()
                .map_err(|_| std::io::Error::other("a worker thread ended as it started"))??;
            workers.push(Worker {
                runtime,
                actors: AtomicUsize::new(0),
                load,
            });
            stops.push(stop);
        }
        Ok((Arc::new(Workers { id, workers }), Running(stops)))
    }

    /// The worker of this set that the calling thread is, if it is one.
    fn here(&self) -> Option<usize> {
        HERE.get()
            .and_then(|(id, index)| (id == self.id).then_some(index))
    }

    /// Where a new actor starts: its spawner's worker, or the one with the fewest actors.
    fn place(&self) -> usize {
        self.here().unwrap_or_else(|| {
            (0..self.workers.len())
                .min_by_key(|&w| self.workers[w].actors.load(Ordering::Relaxed))
                .unwrap_or(0)
        })
    }

    /// Whether an actor of worker `from` may move to worker `to`: `to` ran no more actors
    /// lately than `from` (the mover among them). Of a pair split across two workers, one
    /// of the two may always move.
    fn may_move(&self, from: usize, to: usize) -> bool {
        let busy = |w: usize| self.workers[w].load.busy();
        from != to && busy(to) <= busy(from)
    }

    /// Where an actor of worker `from` goes to even out the load, if anywhere: the least busy
    /// worker, when `from` is busier by [`SHED_AT`] or more. One actor a window leaves each
    /// worker so; an actor it exchanged messages with follows it, as [`may_move`] allows.
    ///
    /// [`may_move`]: Self::may_move
    fn shed(&self, from: usize) -> Option<usize> {
        let load = &self.workers[from].load;
        let (to, idler) = (self.workers.iter().enumerate())
            .map(|(w, worker)| (w, worker.load.busy()))
            .min_by_key(|&(_, busy)| busy)?;
        if to == from || load.busy().saturating_sub(idler) < SHED_AT {
            return None;
        }
        let window = load.window.load(Ordering::Relaxed);
        (load.shed.swap(window, Ordering::Relaxed) != window).then_some(to)
    }

    /// Starts an actor's task, counted as the node's work on `parking`'s clock: on a worker
    /// ([`place`](Self::place)d), or on the calling runtime when there are no workers.
    pub fn spawn<F>(self: &Arc<Self>, parking: Parking, task: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        parking.begin();
        let wakes = Arc::new(Wakes {
            set: self.id,
            home: AtomicUsize::new(usize::MAX),
            task: Mutex::new(None),
            from: AtomicU64::new(0),
        });
        let future = parking.scope(task);
        if self.workers.is_empty() {
            tokio::spawn(self.task(None, wakes, future, parking));
        } else {
            self.start_on(self.place(), wakes, future, parking);
        }
    }

    fn start_on(
        self: &Arc<Self>,
        worker: usize,
        wakes: Arc<Wakes>,
        future: ActorFuture,
        parking: Parking,
    ) {
        wakes.home.store(worker, Ordering::Relaxed);
        self.workers[worker].actors.fetch_add(1, Ordering::Relaxed);
        let task = self.task(Some(worker), wakes, future, parking);
        self.workers[worker].runtime.spawn(task);
    }

    fn task(
        self: &Arc<Self>,
        worker: Option<usize>,
        wakes: Arc<Wakes>,
        future: ActorFuture,
        parking: Parking,
    ) -> Task {
        Task {
            seen: u64::MAX,
            waker: Waker::from(Arc::clone(&wakes)),
            wakes,
            future: Some(future),
            parking: Some(parking),
            workers: Arc::clone(self),
            worker,
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        for stop in self.0.drain(..) {
            let _ = stop.send(());
        }
    }
}

/// An actor's waker, the same wherever the actor lives: it wakes the task the actor is on
/// now, and counts the wake-ups in a row that came from one worker.
struct Wakes {
    set: usize,
    /// The worker the actor lives on: its own wake-ups (a yield) count for no other.
    home: AtomicUsize,
    /// The waker of the task the actor is on now.
    task: Mutex<Option<Waker>>,
    /// The worker the last wake-ups came from, plus one, in the high half; how many in a row
    /// in the low half.
    from: AtomicU64,
}

impl Wakes {
    /// Counts a wake-up from the calling thread, when it is another of the set's workers.
    fn count(&self) {
        let Some((set, worker)) = HERE.get() else {
            return;
        };
        if set != self.set || worker == self.home.load(Ordering::Relaxed) {
            return;
        }
        let tag = (worker as u64 + 1) << 32;
        let was = self.from.load(Ordering::Relaxed);
        let now = if was >> 32 == tag >> 32 {
            was.saturating_add(1)
        } else {
            tag | 1
        };
        self.from.store(now, Ordering::Relaxed);
    }

    /// The worker other than `home` that woke the actor [`MOVE_AFTER`] times in a row.
    fn drawn_from(&self, home: usize) -> Option<usize> {
        let from = self.from.load(Ordering::Relaxed);
        let worker = usize::try_from((from >> 32).checked_sub(1)?).ok()?;
        (worker != home && from & u64::from(u32::MAX) >= u64::from(MOVE_AFTER)).then_some(worker)
    }
}

impl Wake for Wakes {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.count();
        if let Some(task) = &*self.task.lock().unwrap() {
            task.wake_by_ref();
        }
    }
}

/// One actor's task on its worker: counted as the node's work except while it is parked (as
/// [`Clock::spawn`](crate::clock::Clock::spawn)'s tasks are), and on its worker's count while
/// it lives there.
struct Task {
    /// The last window of its worker's [`Load`] it counted itself in.
    seen: u64,
    wakes: Arc<Wakes>,
    /// `wakes` as the waker the actor's futures get.
    waker: Waker,
    /// `None` once it ended or went on elsewhere.
    future: Option<ActorFuture>,
    /// `None` once handed to the task that goes on elsewhere.
    parking: Option<Parking>,
    workers: Arc<Workers>,
    worker: Option<usize>,
}

impl Future for Task {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        if let Some(home) = this.worker
            && let Some(to) = (this.wakes.drawn_from(home))
                .filter(|&to| this.workers.may_move(home, to))
                .or_else(|| this.workers.shed(home))
            && let (Some(future), Some(parking)) = (this.future.take(), this.parking.take())
        {
            // Goes on there, still counted as work. Wake-ups until its first poll there reach
            // this ended task and are lost, which that poll makes up for.
            this.wakes.from.store(0, Ordering::Relaxed);
            let (here, there) = (
                &this.workers.workers[home].load,
                &this.workers.workers[to].load,
            );
            here.moved.fetch_sub(1, Ordering::Relaxed);
            there.moved.fetch_add(1, Ordering::Relaxed);
            this.workers
                .start_on(to, Arc::clone(&this.wakes), future, parking);
            return Poll::Ready(());
        }
        let Some(future) = this.future.as_mut() else {
            return Poll::Ready(());
        };
        if let Some(home) = this.worker {
            this.workers.workers[home].load.count(&mut this.seen);
        }
        {
            let mut task = this.wakes.task.lock().unwrap();
            if !task.as_ref().is_some_and(|t| t.will_wake(cx.waker())) {
                *task = Some(cx.waker().clone());
            }
        }
        match future.as_mut().poll(&mut Context::from_waker(&this.waker)) {
            Poll::Pending => {
                if let Some(parking) = &this.parking {
                    parking.rest();
                }
                Poll::Pending
            }
            Poll::Ready(()) => {
                this.future = None;
                Poll::Ready(())
            }
        }
    }
}

impl Drop for Task {
    fn drop(&mut self) {
        if let Some(parking) = &self.parking {
            parking.end();
        }
        if let Some(worker) = self.worker {
            self.workers.workers[worker]
                .actors
                .fetch_sub(1, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use tokio::sync::mpsc;

    use super::*;

    /// The worker the calling task runs on.
    fn worker() -> Option<usize> {
        HERE.get().map(|(_, index)| index)
    }

    #[tokio::test]
    async fn a_pair_that_exchanges_messages_ends_on_one_worker_and_stays_there() {
        let (workers, _running) = Workers::start("test", 2).unwrap();
        let (to_b, mut at_b) = mpsc::unbounded_channel::<mpsc::UnboundedSender<usize>>();
        let (done, mut report) = mpsc::unbounded_channel::<Vec<(usize, usize)>>();
        // Both started by the application: each on the worker with the fewest actors.
        workers.spawn(Parking::default(), async move {
            while let Some(reply) = at_b.recv().await {
                let _ = reply.send(worker().unwrap());
            }
        });
        workers.spawn(Parking::default(), async move {
            let mut seen = Vec::new();
            for _ in 0..100 {
                let (reply, mut answer) = mpsc::unbounded_channel();
                to_b.send(reply).unwrap();
                let b = answer.recv().await.unwrap();
                seen.push((worker().unwrap(), b));
            }
            done.send(seen).unwrap();
        });
        let seen = report.recv().await.unwrap();
        assert_ne!(
            seen[0].0, seen[0].1,
            "the two started on different workers: {seen:?}"
        );
        let together = seen
            .iter()
            .position(|(a, b)| a == b)
            .expect("they never met");
        assert!(
            seen[together..].iter().all(|&pair| pair == seen[together]),
            "once on one worker, they stay there: {seen:?}"
        );
        assert!(
            together <= 2 * MOVE_AFTER as usize,
            "met after {together} round trips"
        );
    }

    /// `count` workers without threads, on the test's runtime: their windows move on only
    /// when a test says so, each worker having run the number of actors `ran` gives it.
    fn workers(count: usize) -> Workers {
        let worker = || Worker {
            runtime: Handle::current(),
            actors: AtomicUsize::new(0),
            load: Arc::default(),
        };
        Workers {
            id: usize::MAX,
            workers: (0..count).map(|_| worker()).collect(),
        }
    }

    /// Ends a window in which worker `w` of `workers` ran `ran[w]` actors.
    fn window(workers: &Workers, ran: &[usize]) {
        for (worker, &ran) in workers.workers.iter().zip(ran) {
            for _ in 0..ran {
                worker.load.count(&mut u64::MAX.clone());
            }
            worker.load.next_window();
        }
    }

    #[test]
    fn an_actor_is_drawn_by_wake_ups_in_a_row_from_another_worker_whatever_its_own() {
        let wakes = Wakes {
            set: 7,
            home: AtomicUsize::new(0),
            task: Mutex::new(None),
            from: AtomicU64::new(0),
        };
        let woken_from = |worker: usize, times: u32| {
            HERE.set(Some((7, worker)));
            for _ in 0..times {
                wakes.count();
            }
            HERE.set(None);
        };
        woken_from(1, MOVE_AFTER - 1);
        assert_eq!(wakes.drawn_from(0), None);
        // Its own wake-ups (a yield at an epoch tick) break no streak.
        woken_from(0, 3);
        woken_from(1, 1);
        assert_eq!(wakes.drawn_from(0), Some(1));
        woken_from(2, 1);
        assert_eq!(
            wakes.drawn_from(0),
            None,
            "another worker starts a new streak"
        );
    }

    #[tokio::test]
    async fn an_actor_moves_only_to_a_worker_that_ran_no_more_actors_lately_than_its_own() {
        let workers = workers(2);
        // Idle actors weigh nothing: only what ran in the last window counts.
        workers.workers[1].actors.store(1_000, Ordering::Relaxed);
        window(&workers, &[3, 2]);
        assert!(workers.may_move(0, 1));
        assert!(!workers.may_move(1, 0));
        assert!(!workers.may_move(0, 0));
        workers.workers[1]
            .load
            .moved
            .fetch_add(1, Ordering::Relaxed);
        assert!(workers.may_move(0, 1) && workers.may_move(1, 0));
    }

    #[tokio::test]
    async fn a_much_busier_worker_sends_one_actor_a_window_to_the_least_busy() {
        let workers = workers(3);
        let window = |ran: [usize; 3]| window(&workers, &ran);
        window([2, 1, 0]);
        workers.workers[0]
            .load
            .moved
            .fetch_add(1, Ordering::Relaxed);
        assert_eq!(workers.shed(0), None, "a pair alone stays where it is");
        window([5, 2, 1]);
        assert_eq!(workers.shed(0), Some(2));
        assert_eq!(workers.shed(0), None, "one actor a window");
        assert_eq!(workers.shed(1), None);
        assert_eq!(workers.shed(2), None);
        window([5, 2, 1]);
        assert_eq!(workers.shed(0), Some(2), "and one the next");
    }

    #[test]
    fn a_worker_s_load_is_what_it_ran_in_the_last_window_and_what_moved_since() {
        let load = Load::default();
        let (mut a, mut b) = (u64::MAX, u64::MAX);
        load.count(&mut a);
        load.count(&mut a);
        load.count(&mut b);
        assert_eq!(load.busy(), 0, "the window under way does not count yet");
        load.next_window();
        assert_eq!(load.busy(), 2, "a task counts once a window");
        load.moved.fetch_sub(1, Ordering::Relaxed);
        assert_eq!(load.busy(), 1);
        load.count(&mut a);
        load.next_window();
        assert_eq!(
            load.busy(),
            1,
            "what moved is in the count from the next window on"
        );
        load.next_window();
        assert_eq!(
            load.busy(),
            0,
            "a worker that ran nothing in the last window is idle"
        );
    }

    #[test]
    fn the_actors_still_on_the_workers_go_when_the_shim_s_handles_do() {
        let (workers, running) = Workers::start("test", 2).unwrap();
        let (gone, went) = std::sync::mpsc::channel::<()>();
        for _ in 0..2 {
            let gone = gone.clone();
            workers.spawn(Parking::default(), async move {
                let _gone = gone;
                std::future::pending::<()>().await;
            });
        }
        drop(gone);
        drop(running);
        // Both senders are dropped with their tasks: the channel closes.
        assert!(went.recv().is_err());
        assert_eq!(
            workers
                .workers
                .iter()
                .map(|w| w.actors.load(Ordering::Relaxed))
                .sum::<usize>(),
            0
        );
    }
}

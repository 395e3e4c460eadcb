//! Group commit of durable execution's writes (journal entries and invocation records). They
//! go to one writer thread, which takes all the writes waiting when it is free and writes
//! them to the store at once (one frame of the write-ahead log): one fsync for many steps of
//! many invocations. A write is either awaited until the batch holding it is durable, or
//! queued and awaited later ([`Pending`]): an entry nothing outside the invocation has seen
//! yet need not be durable before the guest goes on. The writer is a thread of its own, so
//! no async worker blocks on fsync. A second thread has the database take the logged writes
//! ([`StateStore::settle`]) every few thousand, while the writer goes on logging.

use std::sync::Arc;
use std::sync::mpsc;

use tokio::sync::oneshot;

use super::crash::Crashes;
use crate::storage::{DurableWrite, StateStore, StorageError};

struct Append {
    write: DurableWrite,
    done: oneshot::Sender<Result<(), StorageError>>,
}

/// Writes after which the writer asks the database to take what was logged.
const SETTLE_EVERY: usize = 4096;

/// The handle to the writer thread. Dropping it lets the thread write what is queued and
/// waits for it (and the settling thread) to end, so the database is closed once the shim is
/// gone.
pub(crate) struct Journaler {
    /// Where a test has this process crash, counting the entries as they become durable.
    pub crashes: Arc<Crashes>,
    tx: Option<mpsc::Sender<Append>>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Drop for Journaler {
    fn drop(&mut self) {
        drop(self.tx.take());
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

impl Journaler {
    pub fn new(store: Arc<dyn StateStore>) -> Self {
        let (tx, rx) = mpsc::channel::<Append>();
        let crashes = Arc::new(Crashes::default());
        let counting = Arc::clone(&crashes);
        let (settle, due) = mpsc::channel::<()>();
        let settler = {
            let store = Arc::clone(&store);
            std::thread::Builder::new()
                .name("guestkit-settle".into())
                .spawn(move || {
                    while due.recv().is_ok() {
                        due.try_iter().for_each(drop);
                        // A failure here is met again, and reported, by the next read.
                        let _ = store.settle();
                    }
                })
                .expect("spawning the journal's settling thread")
        };
        let writer = std::thread::Builder::new()
            .name("guestkit-journal".into())
            .spawn(move || {
                let mut unsettled = 0;
                while let Ok(first) = rx.recv() {
                    let mut batch = vec![first];
                    batch.extend(rx.try_iter());
                    let writes: Vec<&DurableWrite> = batch.iter().map(|a| &a.write).collect();
                    let written = store.write_durable(&writes);
                    if written.is_ok() {
                        let entries = (writes.iter())
                            .filter(|w| !matches!(w, DurableWrite::Invocation { .. }))
                            .count();
                        counting.entries_durable(entries);
                    }
                    unsettled += batch.len();
                    for append in batch {
                        let _ = append.done.send(written.clone());
                    }
                    if unsettled >= SETTLE_EVERY {
                        unsettled = 0;
                        let _ = settle.send(());
                    }
                }
            })
            .expect("spawning the journal writer");
        Self {
            crashes,
            tx: Some(tx),
            threads: vec![writer, settler],
        }
    }

    /// Writes `write` with whatever else is waiting, returning once it is durable.
    pub async fn write(&self, write: DurableWrite) -> Result<(), StorageError> {
        self.queue(write).durable().await
    }

    /// Hands `write` to the writer, which writes it with the next batch; the returned
    /// [`Pending`] says when it is durable. Writes are applied in the order they are queued.
    pub fn queue(&self, write: DurableWrite) -> Pending {
        let (done, written) = oneshot::channel();
        let sent = self
            .tx
            .as_ref()
            .expect("a journaler's sender lives until it is dropped")
            .send(Append { write, done });
        Pending(sent.is_ok().then_some(written))
    }
}

/// A write handed to the writer, not known to be durable yet.
pub(crate) struct Pending(Option<oneshot::Receiver<Result<(), StorageError>>>);

impl Pending {
    /// Waits until the write is durable, or says why it is not.
    pub async fn durable(self) -> Result<(), StorageError> {
        let stopped = || StorageError("the journal writer has stopped".into());
        self.0.ok_or_else(stopped)?.await.map_err(|_| stopped())?
    }
}

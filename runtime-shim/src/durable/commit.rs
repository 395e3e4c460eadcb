//! Group commit of durable execution's writes (journal entries and invocation records). They
//! go to one writer thread, which takes all the writes waiting when it is free and writes
//! them to the store at once (one frame of the write-ahead log): one fsync for many steps of
//! many invocations. Each write returns only after the batch holding it is durable, so a
//! step's result is durable before the guest sees it. The writer is a thread of its own, so
//! no async worker blocks on fsync.

use std::sync::Arc;
use std::sync::mpsc;

use tokio::sync::oneshot;

use crate::storage::{DurableWrite, StateStore, StorageError};

struct Append {
    write: DurableWrite,
    done: oneshot::Sender<Result<(), StorageError>>,
}

/// The handle to the writer thread. Dropping it lets the thread write what is queued and
/// waits for it to end, so the database is closed once the shim is gone.
pub(crate) struct Journaler {
    tx: Option<mpsc::Sender<Append>>,
    writer: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Journaler {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

impl Journaler {
    pub fn new(store: Arc<dyn StateStore>) -> Self {
        let (tx, rx) = mpsc::channel::<Append>();
        let writer = std::thread::Builder::new()
            .name("guestkit-journal".into())
            .spawn(move || {
                while let Ok(first) = rx.recv() {
                    let mut batch = vec![first];
                    batch.extend(rx.try_iter());
                    let writes: Vec<&DurableWrite> = batch.iter().map(|a| &a.write).collect();
                    let written = store.write_durable(&writes);
                    for append in batch {
                        let _ = append.done.send(written.clone());
                    }
                }
            })
            .expect("spawning the journal writer");
        Self {
            tx: Some(tx),
            writer: Some(writer),
        }
    }

    /// Writes `write` with whatever else is waiting, returning once it is durable.
    pub async fn write(&self, write: DurableWrite) -> Result<(), StorageError> {
        let (done, written) = oneshot::channel();
        self.tx
            .as_ref()
            .expect("a journaler's sender lives until it is dropped")
            .send(Append { write, done })
            .map_err(|_| StorageError("the journal writer has stopped".into()))?;
        written
            .await
            .map_err(|_| StorageError("the journal writer has stopped".into()))?
    }
}

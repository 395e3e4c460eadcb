//! The write-ahead log of durable execution's writes: an append-only file beside the
//! database. A batch of writes is durable once its frame is appended and `fdatasync`ed, one
//! sync of a few sequential bytes, where a database commit rewrites and syncs the B-tree
//! pages the writes touch. The database takes the logged writes later, many batches in one
//! transaction, and the log is emptied once a durable commit holds them.
//!
//! A frame is the payload's length and CRC-32 (both little-endian `u32`), then the batch in
//! postcard. Reading stops at the first frame that is cut short or does not match its
//! checksum: a write torn by a crash, which was never acknowledged.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{DurableWrite, StorageError};

const HEADER: usize = 8;

pub(super) struct WriteLog {
    file: File,
    path: PathBuf,
    len: u64,
}

impl WriteLog {
    /// Opens (or creates) the log at `path`, with the batches it holds, in order.
    pub fn open(path: &Path) -> Result<(Self, Vec<Vec<DurableWrite>>), StorageError> {
        let failed = |e: std::io::Error| StorageError(format!("{}: {e}", path.display()));
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(failed)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(failed)?;
        let (payloads, intact) = frames(&bytes);
        if intact < bytes.len() {
            // What follows the last whole frame was never acknowledged; appends go after it.
            file.set_len(intact as u64).map_err(failed)?;
        }
        let batches = payloads
            .into_iter()
            .map(|payload| {
                postcard::from_bytes(payload).map_err(|e| {
                    StorageError(format!(
                        "{}: a logged batch does not decode: {e}",
                        path.display()
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
        let log = Self {
            file,
            path: path.to_owned(),
            len: intact as u64,
        };
        Ok((log, batches))
    }

    /// Appends `writes` as one frame and syncs it: when this returns `Ok`, they survive a
    /// crash.
    pub fn append(&mut self, writes: &[&DurableWrite]) -> Result<(), StorageError> {
        let mut frame = vec![0; HEADER];
        postcard::to_io(writes, &mut frame).map_err(|e| self.failed(e))?;
        let payload = &frame[HEADER..];
        let len = u32::try_from(payload.len()).map_err(|e| self.failed(e))?;
        let crc = crc32fast::hash(payload);
        frame[..4].copy_from_slice(&len.to_le_bytes());
        frame[4..HEADER].copy_from_slice(&crc.to_le_bytes());
        self.file.write_all(&frame).map_err(|e| self.failed(e))?;
        self.file.sync_data().map_err(|e| self.failed(e))?;
        self.len += frame.len() as u64;
        Ok(())
    }

    /// Empties the log, durably: for after a durable commit of the database holds all it
    /// held.
    pub fn clear(&mut self) -> Result<(), StorageError> {
        if self.len == 0 {
            return Ok(());
        }
        self.file.set_len(0).map_err(|e| self.failed(e))?;
        self.file.sync_all().map_err(|e| self.failed(e))?;
        self.len = 0;
        Ok(())
    }

    /// The log's size in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    fn failed(&self, e: impl std::fmt::Display) -> StorageError {
        StorageError(format!("{}: {e}", self.path.display()))
    }
}

/// The payloads of the whole, intact frames at the start of `bytes`, and how many bytes
/// they take.
fn frames(bytes: &[u8]) -> (Vec<&[u8]>, usize) {
    let mut payloads = Vec::new();
    let mut at = 0;
    while let Some(header) = bytes.get(at..at + HEADER) {
        let len = u32::from_le_bytes(header[..4].try_into().expect("4 bytes")) as usize;
        let crc = u32::from_le_bytes(header[4..].try_into().expect("4 bytes"));
        let Some(payload) = bytes.get(at + HEADER..at + HEADER + len) else {
            break;
        };
        if crc32fast::hash(payload) != crc {
            break;
        }
        payloads.push(payload);
        at += HEADER + len;
    }
    (payloads, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::JournalAppend;

    fn entry(index: u32) -> DurableWrite {
        DurableWrite::Journal(JournalAppend {
            invocation: "inv".into(),
            index,
            entry: vec![index as u8; 3],
        })
    }

    fn indexes(batches: &[Vec<DurableWrite>]) -> Vec<Vec<u32>> {
        batches
            .iter()
            .map(|batch| {
                batch
                    .iter()
                    .map(|w| match w {
                        DurableWrite::Journal(e) => e.index,
                        DurableWrite::Invocation { .. } => u32::MAX,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn batches_come_back_in_order_and_a_torn_tail_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.log");
        {
            let (mut log, batches) = WriteLog::open(&path).unwrap();
            assert!(batches.is_empty());
            log.append(&[&entry(0), &entry(1)]).unwrap();
            log.append(&[&entry(2)]).unwrap();
        }
        let whole = std::fs::read(&path).unwrap();
        let (_, batches) = WriteLog::open(&path).unwrap();
        assert_eq!(indexes(&batches), [vec![0, 1], vec![2]]);

        // A crash in the middle of the second frame, or a flipped bit in it: the first stays.
        for torn in [
            whole[..whole.len() - 1].to_vec(),
            [&whole[..], &[7, 0, 0]].concat(),
        ] {
            std::fs::write(&path, &torn).unwrap();
            let (_, batches) = WriteLog::open(&path).unwrap();
            assert_eq!(indexes(&batches)[0], [0, 1], "{torn:?}");
        }
        let mut flipped = whole.clone();
        *flipped.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &flipped).unwrap();
        let (mut log, batches) = WriteLog::open(&path).unwrap();
        assert_eq!(indexes(&batches), [vec![0, 1]]);
        log.append(&[&entry(3)]).unwrap();
        let (mut log, batches) = WriteLog::open(&path).unwrap();
        assert_eq!(
            indexes(&batches),
            [vec![0, 1], vec![3]],
            "the torn frame is cut off"
        );

        log.clear().unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
        log.append(&[&entry(5)]).unwrap();
        let (_, batches) = WriteLog::open(&path).unwrap();
        assert_eq!(indexes(&batches), [vec![5]], "appends go after a clear");
    }
}

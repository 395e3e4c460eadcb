//! The write-ahead log of durable execution's writes: an append-only file beside the
//! database. A batch of writes is durable once its frame is appended and `fdatasync`ed, one
//! sync of a few sequential bytes, where a database commit rewrites and syncs the B-tree
//! pages the writes touch. The database takes the logged writes later, many batches in one
//! transaction, and the log is emptied once a durable commit holds them.
//!
//! The file begins with [`MAGIC`]. A frame is a header of three little-endian `u32`s (the
//! payload's length, the payload's CRC-32, and the CRC-32 of those eight bytes), then the
//! batch in postcard.
//!
//! Reading tells a write a crash cut short from damage. A frame is acknowledged only once it
//! is synced, and frames are appended one at a time, so only the last frame can be torn: the
//! file ends inside it, or (a file system may grow a file before its data lands) everything
//! from its start on is zero bytes. That tail was never acknowledged and is cut off. Anything
//! else that does not check out (a header or a whole payload that fails its checksum, bytes
//! after a frame that are not one) is damage to acknowledged writes: the log refuses to open,
//! leaves the file as it is and says where it is damaged.
//!
//! Logs written before the header had its own checksum (format 1: no magic, a header of length
//! and CRC only) are read too, as strictly as their format allows.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{DurableWrite, StorageError};

/// The first bytes of a log of format 2.
const MAGIC: &[u8; 8] = b"GKLOG\0\0\x02";
/// A frame's header in format 2: length, payload checksum, header checksum.
const HEADER: usize = 12;
/// A frame's header in format 1: length, payload checksum.
const HEADER_V1: usize = 8;

pub(super) struct WriteLog {
    file: File,
    path: PathBuf,
    /// The bytes the frames take, after the magic.
    len: u64,
    /// The format of the frames in the file: 1 until a log of format 1 is emptied.
    format: Format,
}

impl WriteLog {
    /// Opens (or creates) the log at `path`, with the batches it holds, in order, and holds
    /// it (an exclusive lock on the file) until dropped: one shim process at a time has a
    /// state directory. A damaged log is an error naming the file and where it is damaged,
    /// and the file is not changed.
    pub fn open(path: &Path) -> Result<(Self, Vec<Vec<DurableWrite>>), StorageError> {
        let failed = |e: std::io::Error| StorageError(format!("{}: {e}", path.display()));
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(StorageError(format!(
                "{} is not a regular file; the write log must be one",
                path.display()
            )));
        }
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(failed)?;
        file.try_lock().map_err(|e| match e {
            std::fs::TryLockError::WouldBlock => StorageError(format!(
                "{} is in use by another shim process; stop it or pass a different --state-dir",
                path.parent().unwrap_or(path).display()
            )),
            std::fs::TryLockError::Error(e) => failed(e),
        })?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(failed)?;
        let read = read_log(&bytes).map_err(|damage| {
            StorageError(format!(
                "{} is damaged: {damage}. It holds durable writes that are not yet in the \
                 database, so the shim will not open it and has not changed it. Keep a copy \
                 of the state directory; to go on from the database alone, move the log \
                 aside (the writes it holds are then lost)",
                path.display()
            ))
        })?;
        let mut log = Self {
            file,
            path: path.to_owned(),
            len: 0,
            format: read.format,
        };
        if read.format == Format::V2 && read.intact == bytes.len() {
            log.len = (read.intact - MAGIC.len()) as u64;
        } else if read.format == Format::V2 {
            // What follows the last whole frame was never acknowledged; appends go after it.
            log.file.set_len(read.intact as u64).map_err(failed)?;
            log.len = (read.intact - MAGIC.len()) as u64;
        } else if read.payloads.is_empty() {
            log.reset()?;
        } else {
            // A log of format 1 with batches: they stay as they are until the database holds
            // them and the log is emptied, which writes it anew in format 2.
            log.file.set_len(read.intact as u64).map_err(failed)?;
            log.len = read.intact as u64;
        }
        let batches = read
            .payloads
            .into_iter()
            .map(|payload| {
                postcard::from_bytes(payload).map_err(|e| {
                    StorageError(format!(
                        "{}: a logged batch passes its checksum but does not decode ({e}); it \
                         was written by another version of guestkit, or the file was replaced",
                        path.display()
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
        Ok((log, batches))
    }

    /// Appends `writes` as one frame and syncs it: when this returns `Ok`, they survive a
    /// crash.
    pub fn append(&mut self, writes: &[&DurableWrite]) -> Result<(), StorageError> {
        if self.format == Format::V1 {
            return Err(self.failed("a log of format 1 takes no new frames until it is emptied"));
        }
        let mut frame = vec![0; HEADER];
        postcard::to_io(writes, &mut frame).map_err(|e| self.failed(e))?;
        let len = u32::try_from(frame.len() - HEADER).map_err(|e| self.failed(e))?;
        let crc = crc32fast::hash(&frame[HEADER..]);
        frame[..4].copy_from_slice(&len.to_le_bytes());
        frame[4..8].copy_from_slice(&crc.to_le_bytes());
        let header_crc = crc32fast::hash(&frame[..8]);
        frame[8..HEADER].copy_from_slice(&header_crc.to_le_bytes());
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
        self.reset()
    }

    /// Makes the file an empty log of format 2, durably.
    fn reset(&mut self) -> Result<(), StorageError> {
        self.file.set_len(0).map_err(|e| self.failed(e))?;
        self.file.write_all(MAGIC).map_err(|e| self.failed(e))?;
        self.file.sync_all().map_err(|e| self.failed(e))?;
        self.len = 0;
        self.format = Format::V2;
        Ok(())
    }

    /// The bytes the logged frames take.
    pub fn len(&self) -> u64 {
        self.len
    }

    fn failed(&self, e: impl std::fmt::Display) -> StorageError {
        StorageError(format!("{}: {e}", self.path.display()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    V1,
    V2,
}

/// What a log's bytes hold: the payloads of its whole frames, and the bytes up to the end of
/// the last of them (the magic included).
#[derive(Debug)]
struct Contents<'a> {
    format: Format,
    payloads: Vec<&'a [u8]>,
    intact: usize,
}

/// Reads a log's bytes, or says where they are damaged.
fn read_log(bytes: &[u8]) -> Result<Contents<'_>, String> {
    if bytes.len() < MAGIC.len() && MAGIC.starts_with(bytes) {
        // New, or its creation was cut short: no frames.
        return Ok(Contents {
            format: Format::V1,
            payloads: Vec::new(),
            intact: 0,
        });
    }
    if let Some(frames) = bytes.strip_prefix(MAGIC) {
        let (payloads, end) = frames_v2(frames, MAGIC.len())?;
        return Ok(Contents {
            format: Format::V2,
            payloads,
            intact: MAGIC.len() + end,
        });
    }
    if bytes.len() >= MAGIC.len() + HEADER && header_v2(&bytes[MAGIC.len()..]).is_some() {
        return Err("the magic at byte 0 is damaged (a frame follows it)".into());
    }
    let (payloads, intact) = frames_v1(bytes)?;
    Ok(Contents {
        format: Format::V1,
        payloads,
        intact,
    })
}

/// The length in a format-2 frame header at the start of `bytes`, when it passes its check.
fn header_v2(bytes: &[u8]) -> Option<usize> {
    let header = bytes.get(..HEADER)?;
    let word = |i: usize| u32::from_le_bytes(header[i..i + 4].try_into().expect("4 bytes"));
    (crc32fast::hash(&header[..8]) == word(8)).then_some(word(0) as usize)
}

/// The payloads of the frames of format 2 in `bytes` (which begin at byte `base` of the file),
/// and the end of the last whole one.
fn frames_v2(bytes: &[u8], base: usize) -> Result<(Vec<&[u8]>, usize), String> {
    let mut payloads = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let frame = payloads.len() + 1;
        let torn = rest.len() < HEADER || rest.iter().all(|b| *b == 0);
        let Some(len) = header_v2(rest) else {
            if torn {
                break;
            }
            return Err(format!(
                "the header of frame {frame} at byte {} fails its checksum",
                base + at
            ));
        };
        let Some(payload) = rest.get(HEADER..HEADER + len) else {
            // Cut short by a crash before it was synced.
            break;
        };
        let crc = u32::from_le_bytes(rest[4..8].try_into().expect("4 bytes"));
        if crc32fast::hash(payload) != crc {
            return Err(format!(
                "frame {frame} at byte {} ({len} bytes) fails its checksum",
                base + at
            ));
        }
        payloads.push(payload);
        at += HEADER + len;
    }
    Ok((payloads, at))
}

/// The payloads of the frames of format 1 in `bytes`, and the end of the last whole one.
fn frames_v1(bytes: &[u8]) -> Result<(Vec<&[u8]>, usize), String> {
    let mut payloads = Vec::new();
    let mut at = 0;
    while let Some(header) = bytes.get(at..at + HEADER_V1) {
        let len = u32::from_le_bytes(header[..4].try_into().expect("4 bytes")) as usize;
        let crc = u32::from_le_bytes(header[4..].try_into().expect("4 bytes"));
        let Some(payload) = bytes.get(at + HEADER_V1..at + HEADER_V1 + len) else {
            break;
        };
        if crc32fast::hash(payload) != crc {
            return Err(format!(
                "frame {} at byte {at} ({len} bytes, format 1) fails its checksum",
                payloads.len() + 1
            ));
        }
        payloads.push(payload);
        at += HEADER_V1 + len;
    }
    Ok((payloads, at))
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
                        DurableWrite::Journal(e) | DurableWrite::StateEntry { entry: e, .. } => {
                            e.index
                        }
                        DurableWrite::Invocation { .. } => u32::MAX,
                    })
                    .collect()
            })
            .collect()
    }

    /// A log of three batches at `path`: its bytes, and where its last frame begins.
    fn three_batches(path: &Path) -> (Vec<u8>, usize) {
        let (mut log, batches) = WriteLog::open(path).unwrap();
        assert!(batches.is_empty());
        log.append(&[&entry(0), &entry(1)]).unwrap();
        log.append(&[&entry(2)]).unwrap();
        let last = std::fs::metadata(path).unwrap().len() as usize;
        log.append(&[&entry(3), &entry(4), &entry(5)]).unwrap();
        drop(log);
        (std::fs::read(path).unwrap(), last)
    }

    #[test]
    fn batches_come_back_in_order_and_a_torn_tail_is_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.log");
        let (whole, last) = three_batches(&path);
        let (_, batches) = WriteLog::open(&path).unwrap();
        assert_eq!(indexes(&batches), [vec![0, 1], vec![2], vec![3, 4, 5]]);

        // A crash while the last frame was written: cut anywhere, or zeros where it was going.
        let mut torn: Vec<Vec<u8>> = (last..whole.len())
            .map(|cut| whole[..cut].to_vec())
            .collect();
        torn.push([&whole[..last], &[0; 40][..]].concat());
        for torn in torn {
            std::fs::write(&path, &torn).unwrap();
            let (mut log, batches) = WriteLog::open(&path).unwrap();
            assert_eq!(indexes(&batches), [vec![0, 1], vec![2]], "{torn:?}");
            log.append(&[&entry(6)]).unwrap();
            drop(log);
            let (_, batches) = WriteLog::open(&path).unwrap();
            assert_eq!(
                indexes(&batches),
                [vec![0, 1], vec![2], vec![6]],
                "appends go after the intact frames"
            );
        }

        let (mut log, _) = WriteLog::open(&path).unwrap();
        log.clear().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), MAGIC);
        log.append(&[&entry(7)]).unwrap();
        drop(log);
        let (_, batches) = WriteLog::open(&path).unwrap();
        assert_eq!(indexes(&batches), [vec![7]], "appends go after a clear");
    }

    #[test]
    fn a_flipped_bit_anywhere_is_refused_and_the_file_kept_never_a_frame_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.log");
        let (mut whole, _) = three_batches(&path);
        // `GUESTKIT_FLIP_EVERY_BYTE=1`: a log of 1 500 more batches, some 100k damaged opens.
        if std::env::var_os("GUESTKIT_FLIP_EVERY_BYTE").is_some() {
            let (mut log, _) = WriteLog::open(&path).unwrap();
            for i in 0..1500 {
                log.append(&[&entry(6 + i)]).unwrap();
            }
            drop(log);
            whole = std::fs::read(&path).unwrap();
        }
        eprintln!("{} damaged logs", whole.len() * 3);
        for at in 0..whole.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut damaged = whole.clone();
                damaged[at] ^= flip;
                std::fs::write(&path, &damaged).unwrap();
                match WriteLog::open(&path) {
                    Ok((_, batches)) => {
                        panic!("byte {at} ^ {flip:#x} was read as {:?}", indexes(&batches))
                    }
                    Err(e) => {
                        let said = e.to_string();
                        assert!(said.contains("state.log is damaged"), "{said}");
                        assert!(said.contains("at byte"), "{said}");
                    }
                }
                assert_eq!(std::fs::read(&path).unwrap(), damaged, "byte {at}: changed");
            }
        }
    }

    #[test]
    fn a_log_of_format_1_is_read_strictly_and_rewritten_in_format_2_once_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.log");
        let frame = |writes: &[&DurableWrite]| {
            let payload = postcard::to_stdvec(writes).unwrap();
            let len = (payload.len() as u32).to_le_bytes();
            let crc = crc32fast::hash(&payload).to_le_bytes();
            [&len[..], &crc[..], &payload[..]].concat()
        };
        let v1 = [frame(&[&entry(0)]), frame(&[&entry(1), &entry(2)])].concat();
        std::fs::write(&path, [&v1[..], &[9, 0, 0]].concat()).unwrap();
        let (mut log, batches) = WriteLog::open(&path).unwrap();
        assert_eq!(
            indexes(&batches),
            [vec![0], vec![1, 2]],
            "the torn tail is cut"
        );
        log.clear().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), MAGIC);
        drop(log);

        let mut damaged = v1.clone();
        damaged[10] ^= 1;
        std::fs::write(&path, &damaged).unwrap();
        let err = WriteLog::open(&path).err().unwrap().to_string();
        assert!(err.contains("frame 1 at byte 0"), "{err}");
    }

    #[test]
    fn one_process_at_a_time_holds_a_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.log");
        let held = WriteLog::open(&path).unwrap();
        let err = WriteLog::open(&path).err().unwrap().to_string();
        assert!(err.contains("in use by another shim process"), "{err}");
        drop(held);
        WriteLog::open(&path).unwrap();
    }

    #[test]
    fn what_is_not_a_regular_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = WriteLog::open(dir.path()).err().unwrap().to_string();
        assert!(
            err.contains("is not a regular file") || err.contains("directory"),
            "{err}"
        );
    }
}

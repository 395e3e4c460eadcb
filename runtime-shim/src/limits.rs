//! The limits a shim holds every actor and message to.

use std::time::Duration;

use crate::wit::types::{ActorError, DataChunk, Payload};

/// Per-actor and per-message limits.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest body (plus blob) a message may carry; bigger ones are refused, never truncated.
    pub max_message_bytes: usize,
    /// Largest linear memory an actor may grow to.
    pub max_memory_bytes: usize,
    /// Longest a guest may run without returning to the host before it is stopped.
    pub cpu_deadline: Duration,
    /// Queue length at which a reactive actor's `observe` hears of backpressure, once per
    /// crossing.
    pub mailbox_backpressure: usize,
    /// Most actors alive at once; the engine's instance pool is sized for this many, and a
    /// spawn beyond it fails.
    pub max_actors: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_message_bytes: 4 << 20,
            max_memory_bytes: crate::conformance::DEFAULT_MAX_MEMORY_BYTES,
            cpu_deadline: Duration::from_secs(10),
            mailbox_backpressure: 1024,
            max_actors: 1_024,
        }
    }
}

impl Limits {
    /// Refuses a stream chunk whose payload exceeds `max_message_bytes`.
    pub(crate) fn check_chunk(&self, chunk: &DataChunk) -> Result<(), ActorError> {
        let size = chunk.payload.len();
        if size > self.max_message_bytes {
            return Err(ActorError::InvalidArgument(format!(
                "a chunk of {size} bytes exceeds the shim's limit of {} bytes",
                self.max_message_bytes
            )));
        }
        Ok(())
    }

    /// Refuses a message whose body and blob together exceed `max_message_bytes`.
    pub(crate) fn check_message(&self, msg: &Payload) -> Result<(), ActorError> {
        let size = msg.body.len() + msg.blob.as_ref().map_or(0, |b| b.bytes.len());
        if size > self.max_message_bytes {
            return Err(ActorError::InvalidArgument(format!(
                "message of {size} bytes exceeds the shim's limit of {} bytes",
                self.max_message_bytes
            )));
        }
        Ok(())
    }
}

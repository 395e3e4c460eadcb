//! `guestkit:host/log`: the actor's log lines, handed to the shim's log sink.

use crate::actor::ActorCtx;
use crate::actor::dispatch::{Effect, HostCall};
use crate::node::LogLine;
use crate::wit::log::{Host, Level};

struct Write {
    level: Level,
    message: String,
}

impl HostCall for Write {
    const NAME: &'static str = "log.log";
    const EFFECT: Effect = Effect::Local;
    type Output = ();
    async fn run(self, cx: &mut ActorCtx) -> wasmtime::Result<()> {
        // A durable invocation's replay re-runs calls whose logs were already written.
        if cx.replaying() {
            return Ok(());
        }
        (cx.node.log_sink)(LogLine {
            actor: cx.our.clone(),
            level: self.level,
            message: self.message,
        });
        Ok(())
    }
}

impl Host for ActorCtx {
    fn log(&mut self, level: Level, message: String) -> wasmtime::Result<()> {
        self.dispatch_now(Write { level, message })
    }

    fn print(&mut self, verbosity: u8, message: String) -> wasmtime::Result<()> {
        // Kinode verbosity 0 is always shown; higher levels are progressively chattier.
        let level = match verbosity {
            0 => Level::Info,
            1 => Level::Debug,
            _ => Level::Trace,
        };
        self.dispatch_now(Write { level, message })
    }
}

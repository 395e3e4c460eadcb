//! One actor's life on its own tokio task: `init`, then one `handle` per delivery, then
//! teardown. Each step's state commits when it succeeds and rolls back when it fails.

use std::time::Instant;

use wasmtime::Store;
use wasmtime::component::{Instance, Val};

use crate::bindings::Actor;
use crate::bindings::guest::{HandlerError, InitOutcome, StartInfo};
use crate::bindings::log::Level;
use crate::bindings::messaging::Incoming;
use crate::bindings::types::ActorError;
use crate::error::{InvokeError, describe, trap_reason};
use crate::host::{ActorCtx, ExitRequested, Phase};
use crate::mailbox::{Delivery, Filter, Invocation};
use crate::shim::LogLine;

/// How an actor ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    Normal,
    Failure,
}

pub(crate) async fn run(
    mut store: Store<ActorCtx>,
    instance: Instance,
    actor: Actor,
    args: Vec<u8>,
) {
    let exit = serve(&mut store, &instance, &actor, args).await;
    teardown(store.data_mut(), exit);
}

async fn serve(
    store: &mut Store<ActorCtx>,
    instance: &Instance,
    actor: &Actor,
    args: Vec<u8>,
) -> Exit {
    let guest = actor.guestkit_host_guest();
    let cx = store.data_mut();
    let info = StartInfo {
        our: cx.our.clone(),
        incarnation: cx.incarnation,
        args,
        restarted: false,
    };
    cx.phase = Phase::Init;
    cx.segment_start = Instant::now();
    let init = guest.call_init(&mut *store, &info).await;
    let cx = store.data_mut();
    match init {
        Ok(Ok(outcome)) => {
            if let Err(e) = cx.state.commit() {
                cx.report(
                    Level::Error,
                    format!("init's state could not be committed: {e}"),
                );
                return Exit::Failure;
            }
            if outcome == InitOutcome::Exit {
                return Exit::Normal;
            }
        }
        Ok(Err(e)) => {
            cx.state.rollback();
            cx.report(Level::Error, format!("init failed: {}", e.describe()));
            return Exit::Failure;
        }
        Err(trap) => return cx.trapped("init", &trap),
    }

    cx.phase = Phase::Handle;
    loop {
        let cx = store.data_mut();
        let Some(delivery) = cx.mailbox.receive(&Filter::everything(), None).await else {
            return Exit::Normal;
        };
        if let Delivery::Invoke(invocation) = delivery {
            match invoke(store, instance, invocation).await {
                Some(exit) => return exit,
                None => continue,
            }
        }
        let request = match &delivery {
            Delivery::Request(m) if m.expects_response => Some(m.id),
            _ => None,
        };
        let incoming: Incoming = cx.accept(delivery);
        cx.segment_start = Instant::now();
        let handled = guest.call_handle(&mut *store, &incoming).await;
        let cx = store.data_mut();
        match handled {
            Ok(Ok(reply)) => match cx.state.commit() {
                Ok(()) => {
                    if let (Some(id), Some(payload)) = (request, reply)
                        && cx.awaiting.remove(&id)
                    {
                        cx.shared.router.respond(id, cx.our.clone(), payload);
                    }
                }
                Err(e) => {
                    let message = format!("the handler's state could not be committed: {e}");
                    cx.report(Level::Error, message.clone());
                    cx.fail_request(request, ActorError::Internal(message));
                }
            },
            Ok(Err(e)) => {
                cx.state.rollback();
                let error = match e {
                    HandlerError::Terminal(e) => e,
                    HandlerError::Retryable(r) => ActorError::Unavailable(r.message),
                };
                cx.fail_request(request, error);
            }
            Err(trap) => {
                let exit = cx.trapped("handle", &trap);
                if exit == Exit::Failure {
                    cx.fail_request(
                        request,
                        ActorError::Internal(format!(
                            "the handler trapped: {}",
                            trap_reason(&trap)
                        )),
                    );
                }
                return exit;
            }
        }
        cx.current = None;
    }
}

/// Runs a host call of one of the component's own WIT exports, as one step: its state
/// commits when it returns and rolls back when it traps, which ends the actor.
async fn invoke(
    store: &mut Store<ActorCtx>,
    instance: &Instance,
    invocation: Invocation,
) -> Option<Exit> {
    let export = invocation.export();
    let Invocation {
        interface,
        function,
        args,
        reply,
    } = invocation;
    let func = interface
        .as_deref()
        .map_or(Some(None), |i| {
            instance.get_export_index(&mut *store, None, i).map(Some)
        })
        .and_then(|parent| instance.get_export_index(&mut *store, parent.as_ref(), &function))
        .and_then(|index| instance.get_func(&mut *store, index));
    let Some(func) = func else {
        let actor = store.data().our.to_string();
        let _ = reply.send(Err(InvokeError::NoSuchExport { actor, export }));
        return None;
    };
    let ty = func.ty(&*store);
    let expected = ty.params().len();
    if expected != args.len() {
        let _ = reply.send(Err(InvokeError::Arity {
            export,
            expected,
            given: args.len(),
        }));
        return None;
    }
    let mut results = vec![Val::Bool(false); ty.results().len()];
    store.data_mut().segment_start = Instant::now();
    let called = func.call_async(&mut *store, &args, &mut results).await;
    let cx = store.data_mut();
    match called {
        Ok(()) => match cx.state.commit() {
            Ok(()) => {
                let _ = reply.send(Ok(results));
                None
            }
            Err(e) => {
                let reason = format!("its state could not be committed: {e}");
                cx.report(Level::Error, format!("{export}: {reason}"));
                let _ = reply.send(Err(InvokeError::Trapped { export, reason }));
                Some(Exit::Failure)
            }
        },
        Err(trap) => {
            let exit = cx.trapped(&export, &trap);
            let _ = reply.send(Err(InvokeError::Trapped {
                export,
                reason: trap_reason(&trap),
            }));
            Some(exit)
        }
    }
}

/// Unregisters the actor and answers everyone still waiting on it.
fn teardown(cx: &mut ActorCtx, exit: Exit) {
    let router = cx.shared.router.clone();
    router.unregister(&cx.our);
    for d in cx.mailbox.drain() {
        match d {
            Delivery::Request(m) if m.expects_response => router.fail(
                m.id,
                ActorError::NotFound(format!("{} exited before reading the request", cx.our)),
            ),
            Delivery::Invoke(i) => {
                let error = InvokeError::Stopped {
                    actor: cx.our.to_string(),
                    export: i.export(),
                };
                let _ = i.reply.send(Err(error));
            }
            _ => {}
        }
    }
    for id in cx.awaiting.drain() {
        router.fail(
            id,
            ActorError::Unavailable(format!("{} exited before responding", cx.our)),
        );
    }
    if exit == Exit::Failure {
        cx.report(Level::Error, "the actor stopped after a failure".into());
    }
}

impl ActorCtx {
    fn report(&self, level: Level, message: String) {
        (self.shared.log_sink)(LogLine {
            actor: self.our.clone(),
            level,
            message,
        });
    }

    fn fail_request(&mut self, request: Option<u64>, error: ActorError) {
        if let Some(id) = request
            && self.awaiting.remove(&id)
        {
            self.shared.router.fail(id, error);
        }
    }

    /// A trap ends the instance: its state is rolled back, and the exit is a failure unless
    /// the guest asked for a normal exit.
    fn trapped(&mut self, export: &str, trap: &wasmtime::Error) -> Exit {
        if let Some(exit) = trap.downcast_ref::<ExitRequested>() {
            if exit.failed {
                self.state.rollback();
                return Exit::Failure;
            }
            return match self.state.commit() {
                Ok(()) => Exit::Normal,
                Err(e) => {
                    self.report(
                        Level::Error,
                        format!("state could not be committed at exit: {e}"),
                    );
                    Exit::Failure
                }
            };
        }
        self.state.rollback();
        self.report(
            Level::Error,
            format!("{export} trapped: {}", describe(trap)),
        );
        Exit::Failure
    }
}

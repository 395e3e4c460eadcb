//! Durable invocations (Restate's model): a handler of a registered service runs in a fresh
//! instance per attempt, and every journaled host call it makes (`durable.*`, `state.*`,
//! `clock`, `random`) is recorded in the state database before its result is returned. A
//! retry, or a restart of the shim process, replays the journal: recorded results come back
//! without running anything again, so a side effect inside a completed `run` happens once.
//!
//! State written by a durable handler belongs to its service and object key, and lands in the
//! same transaction as the journal entry that records the write, as Restate applies SetState:
//! a failure later in the invocation does not undo it. An exclusive invocation holds its key from
//! its first attempt until it ends (through suspensions, retry backoffs and restarts of the
//! shim), and the others on the key wait in submission order; shared and keyless ones run
//! beside it.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use crate::actor::components::Components;
use crate::actor::{Phase, life};
use crate::clock::{Parking, current_parking};
use crate::component::Module;
use crate::declaration::{Access, ServiceKind};
use crate::error::{ShimError, trap_reason};
use crate::journal::{
    self, Abort, Accepted, Attempt, Driven, Failure, Invocation, InvocationRetry, KeyGuard,
    KeyPlace, Mismatch, Request, Service, Status, Steer, Wake, hex,
};
use crate::node::Node;
use crate::state::StateTxn;
use crate::storage::StoreEvent;
use crate::wit::guest::HandlerError;
use crate::wit::log::Level;
use crate::wit::messaging::{Incoming, Message};
use crate::wit::types::Address;

/// Makes `module` the service `name` and resumes its unfinished invocations.
pub(crate) fn register(
    node: &Arc<Node>,
    components: &Arc<Components>,
    name: &str,
    service: Service,
) -> Result<(), ShimError> {
    node.invocations
        .services
        .lock()
        .unwrap()
        .insert(name.to_owned(), service);
    let all = purge_expired(node, node.invocations.list()?)?;
    node.invocations
        .seen_submissions(all.iter().map(|i| i.submitted).max().unwrap_or(0));
    let unfinished: Vec<Invocation> = (all.into_iter())
        .filter(|i| i.service == name && !i.status.is_ended())
        .collect();
    // Another node drives those it holds.
    let ids = unfinished.iter().map(|i| i.id.clone()).collect();
    let held: HashSet<String> = node.store.held(ids)?.into_iter().collect();
    drive_in_order(node, components, unfinished, |i| held.contains(&i.id));
    share(node, components);
    Ok(())
}

/// Drives those of `invocations` that `pick` picks, each taking its place on its key in the
/// order it was submitted.
fn drive_in_order(
    node: &Arc<Node>,
    components: &Arc<Components>,
    mut invocations: Vec<Invocation>,
    pick: impl Fn(&Invocation) -> bool,
) {
    invocations.sort_by(|a, b| (a.submitted, &a.id).cmp(&(b.submitted, &b.id)));
    for invocation in invocations.into_iter().filter(pick) {
        spawn_drive(node, components, invocation);
    }
}

/// Starts taking what the store tells of the other shims sharing it, once per shim (the
/// store hands its events out once): the invocations this shim took over are driven from
/// their journals, and completions made on other nodes wake whoever waits for them here.
pub(crate) fn share(node: &Arc<Node>, components: &Arc<Components>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let Some(mut events) = node.store.events() else {
        return;
    };
    let (weak, components) = (Arc::downgrade(node), Arc::clone(components));
    runtime.spawn(async move {
        while let Some(event) = events.recv().await {
            let Some(node) = weak.upgrade() else {
                return;
            };
            match event {
                StoreEvent::TookOver(ids) => take_over(&node, &components, &ids),
                StoreEvent::Completed(key) => {
                    node.invocations.completed(&key);
                    // An invocation another node drives ended: who waits for it here hears.
                    if let Some(id) = journal::output_of(&key) {
                        ended_elsewhere(&node, id);
                    }
                }
                StoreEvent::LeaseLost(why) => {
                    node.log(&node.kernel_address(), Level::Error, why);
                }
            }
        }
    });
}

/// Tells those waiting here for invocation `id`, which another node drives, where it is now:
/// its record is read only when someone here waits for it.
fn ended_elsewhere(node: &Node, id: &str) {
    let driven = node.invocations.driven.lock().unwrap().contains_key(id);
    if driven || !node.invocations.awaited(id) {
        return;
    }
    if let Ok(Some(invocation)) = node.invocations.find(id) {
        node.invocations.announce(&invocation);
    }
}

/// Drives the invocations `ids` this shim took over from another node, those of the
/// services registered here; the others wait for their service to register.
fn take_over(node: &Arc<Node>, components: &Arc<Components>, ids: &[String]) {
    let found: Result<Vec<Option<Invocation>>, ShimError> =
        ids.iter().map(|id| node.invocations.find(id)).collect();
    let found: Vec<Invocation> = match found {
        Ok(found) => found.into_iter().flatten().collect(),
        // Still held: a later registration drives them.
        Err(e) => return eprintln!("error: taking invocations over: {e}"),
    };
    let services = node.invocations.services.lock().unwrap();
    let registered = |i: &Invocation| services.contains_key(&i.service);
    let open: Vec<Invocation> = (found.into_iter())
        .filter(|i| !i.status.is_ended() && registered(i))
        .collect();
    drop(services);
    drive_in_order(node, components, open, |_| true);
}

/// Purges those of `all` (every invocation in the database) that ended and whose retention
/// is over; the others.
pub(crate) fn purge_expired(
    node: &Node,
    all: Vec<Invocation>,
) -> Result<Vec<Invocation>, ShimError> {
    let workflows: Vec<String> = (node.invocations.services.lock().unwrap().iter())
        .filter(|(_, s)| s.module.summary().durable.kind == Some(ServiceKind::Workflow))
        .map(|(name, _)| name.clone())
        .collect();
    (node.invocations).purge_expired(all, |service| workflows.iter().any(|w| w == service))
}

/// Records a new invocation and starts it, unless the database already has the invocation
/// the request names: its workflow key's run, its idempotency key's, or `id`'s when given (a
/// call a durable handler made, which a replay makes again). Which of the two it was, with
/// the invocation's id.
pub(crate) fn submit(
    node: &Arc<Node>,
    components: &Arc<Components>,
    request: Request,
    id: Option<String>,
) -> Result<Accepted, ShimError> {
    let service = &request.service;
    let declared = (node.invocations.services.lock().unwrap())
        .get(service)
        .map(|s| {
            let declaration = &s.module.summary().durable;
            let access = declaration.access(&request.handler, request.key.is_some());
            (declaration.kind, access)
        });
    let Some((kind, access)) = declared else {
        return Err(ShimError::Invocation(format!(
            "no durable service `{service}`; register its module with Shim::register_service"
        )));
    };
    let access = access.map_err(|why| {
        ShimError::InvocationRefused(format!(
            "`{service}` cannot take this invocation of `{}`: {why}",
            request.handler
        ))
    })?;
    if request.idempotency_key.as_deref() == Some("") {
        return Err(ShimError::InvocationRefused(format!(
            "the idempotency key of this invocation of `{service}` is empty; give it one that \
             names the request (an order id), or none"
        )));
    }
    let mut seed = [0u8; 8];
    getrandom::fill(&mut seed)
        .map_err(|e| ShimError::Engine(format!("no randomness for an invocation: {e}")))?;
    // A workflow's run (its exclusive handler) runs once per workflow key: every submission
    // for the key is the first one, and attaches to it.
    let workflow_run = (kind == Some(ServiceKind::Workflow) && access == Access::Exclusive)
        .then(|| workflow_run_id(service, request.key.as_deref().unwrap_or_default()));
    let id = match workflow_run
        .clone()
        .or_else(|| request.idempotent_id())
        .or(id)
    {
        Some(id) => id,
        None => {
            let mut fresh = [0u8; 16];
            getrandom::fill(&mut fresh).map_err(|e| {
                ShimError::Engine(format!("no randomness for an invocation id: {e}"))
            })?;
            format!("inv_{}", hex(&fresh))
        }
    };
    // One request at a time between looking for the id and recording it.
    let mut submitting = node.invocations.submitting.lock().unwrap();
    if let Some(first) = node.invocations.find(&id)? {
        if workflow_run.is_some() && first.handler != request.handler {
            return Err(ShimError::InvocationRefused(format!(
                "workflow `{service}` `{}` already runs `{}`: a workflow's run handler runs \
                 once per key, and `{}` is another exclusive handler; mark it #[shared] to \
                 call it beside the run",
                first.key.as_deref().unwrap_or_default(),
                first.handler,
                request.handler
            )));
        }
        return Ok(Accepted::Previously(id));
    }
    let submitted = node.invocations.next_submission(&mut submitting)?;
    let invocation = Invocation {
        id: id.clone(),
        service: request.service,
        handler: request.handler,
        key: request.key,
        input: request.input,
        idempotency_key: request.idempotency_key,
        random_seed: u64::from_le_bytes(seed),
        attempts: 0,
        retry_count: 0,
        retry_base: 0,
        retrying_since_ms: None,
        status: match request.start_at_ms {
            Some(start_at_ms) if start_at_ms > node.clock.now_ms() => {
                Status::Scheduled { start_at_ms }
            }
            _ => Status::Running,
        },
        access: Some(access),
        submitted,
        limit: request.limit,
        caller: request.caller,
        expires_at_ms: None,
    };
    node.invocations.save_now(&invocation)?;
    spawn_drive(node, components, invocation);
    Ok(Accepted::New(id))
}

/// The id of the run of workflow `service`'s key `key`: every submission of it is this one.
pub(crate) fn workflow_run_id(service: &str, key: &str) -> String {
    journal::derived_id(&["workflow", service, key])
}

/// What comes after an attempt.
enum Next {
    /// The invocation reached a final status.
    Done,
    /// Its service is no longer registered.
    Gone,
    /// Another attempt after this delay.
    Retry(Duration),
    /// Another attempt at `wake_at_ms`, or once the invocation is woken; `waking` when what
    /// it waits for has landed already, so that it is not settled.
    Suspended {
        wake_at_ms: Option<u64>,
        waking: bool,
    },
}

/// Starts a task driving `invocation`, unless one already does.
fn spawn_drive(node: &Arc<Node>, components: &Arc<Components>, invocation: Invocation) {
    let mut driven = node.invocations.driven.lock().unwrap();
    if driven.contains_key(&invocation.id) {
        return;
    }
    // A resumed invocation is running from now on; a scheduled one waits for its time first,
    // and a paused one for an order to resume.
    let live = match &invocation.status {
        Status::Scheduled { .. } | Status::Paused(_) => invocation.status.clone(),
        _ => Status::Running,
    };
    let parking = node.clock.parking();
    let steer = Arc::new(Steer::new(parking.clone()));
    driven.insert(
        invocation.id.clone(),
        Driven {
            status: live,
            backing_off: false,
            woken: false,
            steer: Arc::clone(&steer),
        },
    );
    // An exclusive invocation takes its place on its key now, in the order it was submitted;
    // a scheduled one when its time comes.
    let place = match (invocation.access(), &invocation.status) {
        (Access::Exclusive, Status::Scheduled { .. }) => Place::WhenDue,
        (Access::Exclusive, _) => Place::Taken(take_place(node, &invocation, parking.clone())),
        (Access::Shared | Access::Stateless, _) => Place::None,
    };
    node.clock.spawn(
        parking,
        drive(
            Arc::clone(node),
            Arc::clone(components),
            invocation,
            place,
            steer,
        ),
    );
}

/// A place for exclusive `invocation` on its object's key: in this node's lock, and in the
/// key's queue across the nodes sharing the store, both in the order places are taken here.
fn take_place(node: &Node, invocation: &Invocation, parking: Parking) -> KeyPlace {
    let owner = invocation.state_owner();
    if let Err(e) = node.store.queue_for_key(&owner, &invocation.id) {
        let why = format!("queued on its key on this node only, not across nodes: {e}");
        node.log(&service_address(node, invocation), Level::Warn, why);
    }
    node.invocations.key_lock(&owner).take_place(parking)
}

/// Where a driven invocation stands on its object's key.
enum Place {
    /// It does not hold the key: it is shared, or has no object.
    None,
    /// It holds the key once its turn comes.
    Taken(KeyPlace),
    /// It takes its place when it is due to start.
    WhenDue,
}

/// Drives `invocation` until it ends, or until it is killed.
async fn drive(
    node: Arc<Node>,
    components: Arc<Components>,
    invocation: Invocation,
    place: Place,
    steer: Arc<Steer>,
) {
    let id = invocation.id.clone();
    let our = service_address(&node, &invocation);
    let wake = node.invocations.waker(&id);
    wake.attach();
    // A kill drops the attempt where it stands, with the key it holds.
    let ended = tokio::select! {
        biased;
        () = steer.killed() => kill(&node, &id).await,
        ended = run_to_end(&node, &components, invocation, place, &wake, &steer) => ended,
    };
    wake.detach();
    node.invocations.driven.lock().unwrap().remove(&id);
    if let Ok(Some(done)) = &ended
        && done.status.is_ended()
        && done.access() == Access::Exclusive
    {
        // Left held, it is let go of by the next invocation that asks for it.
        let _ = node.store.release_key(&done.state_owner(), &done.id);
    }
    match ended {
        Ok(Some(invocation)) => node.invocations.announce(&invocation),
        Ok(None) => {}
        // The store failed: nothing can be recorded, so the invocation stays as the
        // database has it, and a later registration resumes it.
        Err(e) => node.log(&our, Level::Error, e.to_string()),
    }
    steer.leave();
}

/// Ends invocation `id` as killed, unless it ended already. The invocation as it ended.
pub(crate) async fn kill(node: &Node, id: &str) -> Result<Option<Invocation>, ShimError> {
    match node.invocations.find(id)? {
        Some(invocation) if !invocation.status.is_ended() => {
            end_with(node, invocation, journal::killed()).await
        }
        found => Ok(found),
    }
}

/// Runs attempts of `invocation` until it ends: succeeds or fails, or is cancelled before
/// its first attempt. A paused invocation keeps its key and waits for an order to resume.
/// `None` when its service is gone.
async fn run_to_end(
    node: &Arc<Node>,
    components: &Arc<Components>,
    mut invocation: Invocation,
    place: Place,
    wake: &Wake,
    steer: &Steer,
) -> Result<Option<Invocation>, ShimError> {
    let cancel = journal::cancel_key(&invocation.id);
    let cancelled = || -> Result<bool, ShimError> {
        Ok(node
            .store
            .completion(&cancel)
            .map_err(ShimError::Storage)?
            .is_some())
    };
    if let Status::Scheduled { start_at_ms } = invocation.status {
        // A cancellation before it is due ends it before any of its code runs.
        node.invocations
            .wait_for(&invocation.id, vec![cancel.clone()]);
        let due = node.clock.sleep_until_ms(start_at_ms);
        tokio::pin!(due);
        loop {
            if cancelled()? {
                return end_with(node, invocation, journal::cancelled()).await;
            }
            tokio::select! {
                () = &mut due => break,
                () = wake.wait() => {}
            }
        }
    }
    // Held until the invocation ends: through suspensions, retry backoffs and pauses.
    let _turn = match place {
        Place::None => None,
        Place::Taken(place) => Some(hold_key(node, &invocation, place).await?),
        Place::WhenDue => {
            let place = take_place(node, &invocation, current_parking());
            Some(hold_key(node, &invocation, place).await?)
        }
    };
    if invocation.attempts == 0 && cancelled()? {
        return end_with(node, invocation, journal::cancelled()).await;
    }
    let mut deployment = Deployment::default();
    loop {
        if let Status::Paused(_) = invocation.status {
            steer.resumed().await;
            // It starts over with the attempts its policy allows; the guest still sees, in
            // its retry count, that this attempt is not the first since the journal grew.
            invocation.status = Status::Running;
            invocation.retry_base = invocation.retry_count;
            invocation.retrying_since_ms = None;
        }
        // What the attempt reads from the store covers every completion so far.
        wake.clear();
        node.invocations.attempt_begins(&invocation.id);
        match attempt(node, components, &mut invocation, &mut deployment).await? {
            // Paused: it says so, unless an order to resume came already.
            Next::Done if matches!(invocation.status, Status::Paused(_)) => {
                if !steer.resume_given() {
                    node.invocations.announce(&invocation);
                }
            }
            Next::Done => return Ok(Some(invocation)),
            Next::Gone => return Ok(None),
            Next::Retry(after) => {
                node.invocations.tell(&invocation, true);
                node.clock.sleep(after).await;
            }
            Next::Suspended { wake_at_ms, waking } => {
                if !waking {
                    node.invocations.announce(&invocation);
                }
                let timer = wake_at_ms.map(|at| node.clock.sleep_until_ms(at));
                tokio::select! {
                    () = wake.wait() => {}
                    () = async {
                        match timer {
                            Some(timer) => timer.await,
                            None => std::future::pending().await,
                        }
                    } => {}
                }
            }
        }
    }
}

/// How long an invocation waits before it asks again for an object key an invocation of
/// another node holds.
const KEY_RETRY: Duration = Duration::from_millis(100);

/// Waits until exclusive `invocation` holds its object's key: its turn among this shim's
/// invocations (`place`), then across the shims sharing the store
/// ([`StateStore::take_key`](crate::storage::StateStore::take_key)), in the order the places
/// were taken on all of them. A holder that ended without letting the key go (its node died
/// as it ended) is let go of. When the invocation ahead is one this shim drives, waiting
/// behind this one here (taken over from another node after this one took its place), this
/// one gives its turn back and takes a new place behind it.
async fn hold_key(
    node: &Node,
    invocation: &Invocation,
    mut place: KeyPlace,
) -> Result<KeyGuard, ShimError> {
    let owner = invocation.state_owner();
    loop {
        let turn = place.turn().await;
        loop {
            let Some(ahead) = node.store.take_key(&owner, &invocation.id)? else {
                return Ok(turn);
            };
            let ended = (node.invocations.find(&ahead)?).is_none_or(|i| i.status.is_ended());
            if ended {
                node.store.release_key(&owner, &ahead)?;
            } else if node.invocations.driven.lock().unwrap().contains_key(&ahead) {
                break;
            } else {
                // Another node's invocation: its node lets go when it ends, in real time.
                tokio::time::sleep(KEY_RETRY).await;
            }
        }
        // A new place in this node's lock only: its place in the key's queue stays.
        drop(turn);
        place = node
            .invocations
            .key_lock(&owner)
            .take_place(current_parking());
    }
}

/// Ends `invocation` with `failure` (cancelled before its first attempt, or killed).
async fn end_with(
    node: &Node,
    mut invocation: Invocation,
    failure: Failure,
) -> Result<Option<Invocation>, ShimError> {
    invocation.status = Status::Failed(failure);
    node.invocations.save(&invocation, None).await?;
    Ok(Some(invocation))
}

/// The address a service's invocations run under.
fn service_address(node: &Node, invocation: &Invocation) -> Address {
    node.address(&invocation.service, "durable")
}

/// One attempt, and what comes after it.
async fn attempt(
    node: &Arc<Node>,
    components: &Arc<Components>,
    invocation: &mut Invocation,
    deployment: &mut Deployment,
) -> Result<Next, ShimError> {
    let Some(Service {
        module,
        retry,
        moves_replayable,
    }) = node
        .invocations
        .services
        .lock()
        .unwrap()
        .get(&invocation.service)
        .cloned()
    else {
        return Ok(Next::Gone);
    };
    // Versions are immutable, as Restate's deployments: an invocation runs every attempt on
    // the code it first ran on in this process, even after its service registers new code;
    // unless the service takes the invocations whose journals replay clean on its new code.
    let module =
        match deployment.module.clone() {
            None => deployment.module.insert(module).clone(),
            Some(current)
                if moves_replayable
                    && current.content() != module.content()
                    && !deployment.refused.contains(&module.content()) =>
            {
                let our = service_address(node, invocation);
                match replay(node, components, invocation, &module).await? {
                    Replayed::Returned | Replayed::Reached => {
                        node.log(&our, Level::Info, format!(
                        "invocation {} moves to the new version: its journal replays clean on it",
                        invocation.id
                    ));
                        deployment.module.insert(module).clone()
                    }
                    refused => {
                        let why = match refused {
                            Replayed::Mismatch { mismatch, .. } => format!(
                                "entry {} holds {}, and the new code asks for {}",
                                mismatch.index, mismatch.recorded, mismatch.asked
                            ),
                            Replayed::Failed(why) => why,
                            _ => unreachable!("the clean replays moved"),
                        };
                        node.log(&our, Level::Warn, format!(
                        "invocation {} stays on the version it began on: its journal does not \
                         replay on the new one ({why})",
                        invocation.id
                    ));
                        deployment.refused.push(module.content());
                        current
                    }
                }
            }
            Some(current) => current,
        };
    let policy = retry.unwrap_or(node.invocation_retry);
    invocation.attempts += 1;
    invocation.status = Status::Running;
    node.invocations.save(invocation, None).await?;
    node.invocations.announce(invocation);
    let journal = node.invocations.journal(&invocation.id)?;
    let our = service_address(node, invocation);
    let (mut store, actor) = match life::instance(node, components, &our, &module).await {
        Ok(instance) => instance,
        Err(e) => {
            let failure = Failure {
                code: 500,
                message: e.to_string(),
            };
            return failed(node, invocation, &our, &policy, failure, None).await;
        }
    };
    let waker = node.invocations.waker(&invocation.id);
    hand_over(
        &mut store,
        node,
        invocation,
        new_attempt(node, invocation, journal, waker),
    );
    let handled = life::run_handle(&mut store, &actor, &request(node, invocation)).await;
    let cx = store.data_mut();
    let mut attempt = cx
        .durable
        .take()
        .expect("the attempt stays in place during the call");
    // What the attempt journaled is durable before its outcome is recorded and seen.
    let synced = attempt.sync().await;
    if attempt.progressed && synced.is_ok() {
        invocation.retry_count = 0;
        invocation.retry_base = 0;
        invocation.retrying_since_ms = None;
    }
    let failure = |message: String| Failure { code: 500, message };
    let unconsumed = attempt.unconsumed();
    let abort = match (&handled, attempt.abort, synced) {
        // The journal did not land: retry from what did.
        (_, _, Err(e)) => Some(Abort::Retry {
            failure: failure(format!("{e:#}")),
            after: None,
        }),
        // A handler that returned with entries left unreplayed is a mismatch, whatever it
        // returned.
        (Ok(_), None, Ok(())) => unconsumed.map(|failure| Abort::Retry {
            failure,
            after: None,
        }),
        (_, abort, Ok(())) => abort,
    };
    let retry = match (handled, abort) {
        (
            _,
            Some(Abort::Suspend {
                wake_at_ms,
                waiting_on,
            }),
        ) => {
            node.invocations
                .wait_for(&invocation.id, waiting_on.clone());
            // A completion that landed after the handler looked, and before the line above,
            // found no one to wake: look once more.
            let landed = waiting_on
                .iter()
                .any(|key| matches!(node.store.completion(key), Ok(Some(_))));
            if landed {
                node.invocations.waker(&invocation.id).wake();
            }
            invocation.status = Status::Suspended {
                wake_at_ms,
                waiting_on,
            };
            node.invocations.save(invocation, None).await?;
            return Ok(Next::Suspended {
                wake_at_ms,
                waking: landed,
            });
        }
        (_, Some(Abort::Terminal { failure, pause })) => Err(if pause {
            Status::Paused(failure)
        } else {
            Status::Failed(failure)
        }),
        (_, Some(Abort::Retry { failure, after })) => Ok((failure, after)),
        (Ok(Ok(Some(reply))), None) if reply.body.len() > node.limits.max_message_bytes => Ok((
            failure(format!(
                "the handler's output is {} bytes, over the shim's message limit of {} bytes",
                reply.body.len(),
                node.limits.max_message_bytes
            )),
            None,
        )),
        (Ok(Ok(reply)), None) => {
            invocation.status = Status::Succeeded(reply.map(|p| p.body).unwrap_or_default());
            // Only replayed writes journaled before writes landed with their entries.
            let changes = cx.state.take_changes();
            node.invocations
                .save(invocation, Some((invocation.state_owner(), changes)))
                .await?;
            return Ok(Next::Done);
        }
        (Ok(Err(HandlerError::Terminal(e))), None) => Err(Status::Failed(Failure::of_error(&e))),
        (Ok(Err(HandlerError::Retryable(r))), None) => {
            let f = failure(r.message);
            if r.pause {
                Err(Status::Paused(f))
            } else {
                Ok((f, r.retry_after_ms.map(Duration::from_millis)))
            }
        }
        (Err(trap), None) => Ok((
            failure(format!("the handler trapped: {}", trap_reason(&trap))),
            None,
        )),
    };
    match retry {
        Err(status) => {
            invocation.status = status;
            node.invocations.save(invocation, None).await?;
            Ok(Next::Done)
        }
        Ok((failure, after)) => failed(node, invocation, &our, &policy, failure, after).await,
    }
}

/// The code an invocation runs on in this process, and the newer versions it did not take.
#[derive(Default)]
struct Deployment {
    module: Option<Module>,
    /// Content hashes of versions its journal did not replay on.
    refused: Vec<u64>,
}

/// An attempt of `invocation` over `journal`, woken by `wake`.
fn new_attempt(
    node: &Node,
    invocation: &Invocation,
    journal: Vec<journal::JournalEntry>,
    wake: Arc<Wake>,
) -> Attempt {
    Attempt::new(
        invocation.clone(),
        Arc::clone(&node.store),
        Arc::clone(&node.invocations.journaler),
        node.clock.clone(),
        journal,
        node.limits.max_message_bytes,
        wake,
    )
}

/// Readies the instance in `store` to handle `invocation` as `attempt`.
fn hand_over(
    store: &mut wasmtime::Store<crate::actor::ActorCtx>,
    node: &Node,
    invocation: &Invocation,
    attempt: Attempt,
) {
    let cx = store.data_mut();
    cx.state = StateTxn::new(Arc::clone(&node.store), invocation.state_owner());
    cx.state.load();
    cx.phase = Phase::Handle;
    cx.durable = Some(Box::new(attempt));
}

/// The request an attempt hands its handler: the invocation's input, on its route.
fn request(node: &Node, invocation: &Invocation) -> Incoming {
    Incoming::Request(Message {
        id: 0,
        source: node.router.host(),
        expects_response: false,
        durable: true,
        tag: None,
        route: Some(invocation.handler.clone()),
        body: invocation.input.clone(),
        metadata: None,
        headers: Vec::new(),
        has_blob: false,
        capabilities: Vec::new(),
        attachments: Vec::new(),
    })
}

/// How an invocation's journal replays on new code ([`replay`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replayed {
    /// Every entry replayed, and the handler returned.
    Returned,
    /// Every entry replayed, up to the first call the journal does not hold, or a wait for
    /// something that has not completed: where the new code would go on.
    Reached,
    /// The handler's calls and the journal parted; `source` is the guest's file:line:col of
    /// the call, when the component carries debug info.
    Mismatch {
        mismatch: Mismatch,
        source: Option<String>,
    },
    /// The replay could not go on: the component did not instantiate, or the handler failed
    /// in another way.
    Failed(String),
}

/// Replays `invocation`'s journal against `module`, appending nothing and running no new
/// step: the check `cargo guest check --replay` makes before new code takes over.
pub(crate) async fn replay(
    node: &Arc<Node>,
    components: &Arc<Components>,
    invocation: &Invocation,
    module: &Module,
) -> Result<Replayed, ShimError> {
    let journal = node.invocations.journal(&invocation.id)?;
    let our = service_address(node, invocation);
    let (mut store, actor) = match life::instance(node, components, &our, module).await {
        Ok(instance) => instance,
        Err(e) => return Ok(Replayed::Failed(e.to_string())),
    };
    let attempt = new_attempt(node, invocation, journal, Arc::new(Wake::default()));
    hand_over(&mut store, node, invocation, attempt.replay_only());
    let handled = life::run_handle(&mut store, &actor, &request(node, invocation)).await;
    let attempt = (store.data_mut().durable.take()).expect("the attempt stays in place");
    if let Some(mismatch) = attempt.mismatched.clone() {
        let source = handled.as_ref().err().and_then(source_of);
        return Ok(Replayed::Mismatch { mismatch, source });
    }
    if attempt.at_end {
        return Ok(Replayed::Reached);
    }
    Ok(match (handled, &attempt.abort) {
        (_, Some(Abort::Suspend { .. })) => Replayed::Reached,
        (_, Some(Abort::Retry { failure, .. } | Abort::Terminal { failure, .. })) => {
            Replayed::Failed(failure.message.clone())
        }
        (Ok(_), None) => match attempt.unconsumed_mismatch() {
            Some(mismatch) => Replayed::Mismatch {
                mismatch,
                source: None,
            },
            None => Replayed::Returned,
        },
        (Err(trap), None) => {
            Replayed::Failed(format!("the handler trapped: {}", trap_reason(&trap)))
        }
    })
}

/// The guest's own source line a trap came from, when the component carries debug info and
/// the shim reads it: the innermost frame outside guestkit, the standard library and the
/// registry's crates.
fn source_of(trap: &wasmtime::Error) -> Option<String> {
    let trace = trap.downcast_ref::<wasmtime::WasmBacktrace>()?;
    let theirs = |file: &str| {
        [
            "/.cargo/registry/",
            "/rustc/",
            "/guestkit/src/",
            "/library/std/",
            "/library/core/",
        ]
        .iter()
        .any(|part| file.contains(part))
    };
    trace
        .frames()
        .iter()
        .flat_map(|frame| frame.symbols())
        .filter_map(|symbol| Some((symbol.file()?, symbol.line()?, symbol.column())))
        .find(|(file, ..)| !theirs(file))
        .map(|(file, line, column)| match column {
            Some(column) => format!("{file}:{line}:{column}"),
            None => format!("{file}:{line}"),
        })
}

/// After an attempt that failed in a way the invocation's retry policy covers: the next
/// attempt's delay, or the end of the invocation (paused or failed) when the policy is used
/// up.
async fn failed(
    node: &Arc<Node>,
    invocation: &mut Invocation,
    our: &Address,
    policy: &InvocationRetry,
    failure: Failure,
    after: Option<Duration>,
) -> Result<Next, ShimError> {
    // Failed attempts in a row without progress: what the retry policy counts.
    invocation.retry_count += 1;
    invocation
        .retrying_since_ms
        .get_or_insert(node.clock.now_ms());
    let failures = invocation.retry_count - invocation.retry_base;
    if let Some(pause) = policy.stops(failures, failure.code, invocation.limit) {
        let id = &invocation.id;
        let why = if pause {
            format!(
                "invocation {id} paused after {failures} failed attempt(s) in a row: {failure}; \
                 once the code is fixed, resume it (`cargo guest resume --invocation {id}`)"
            )
        } else {
            format!("invocation {id} failed after {failures} failed attempt(s) in a row: {failure}")
        };
        node.log(our, Level::Warn, why);
        invocation.status = if pause {
            Status::Paused(failure)
        } else {
            Status::Failed(failure)
        };
        node.invocations.save(invocation, None).await?;
        return Ok(Next::Done);
    }
    let why = format!(
        "invocation {} attempt {} failed, retrying: {failure}",
        invocation.id, invocation.attempts
    );
    node.log(our, Level::Warn, why);
    node.invocations.save(invocation, None).await?;
    Ok(Next::Retry(after.unwrap_or_else(|| policy.delay(failures))))
}

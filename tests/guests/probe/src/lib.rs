//! Runs scripts of raw host calls, so that tests can drive every part of `guestkit:host` from
//! outside and see exactly what the host returned.
//!
//! A script is a list of operations ([`probe_script::Op`], the language the tests write it in);
//! running one gives its answers (the types of [`probe_script::answer`]), one per operation. Scripts arrive as the body of a request to route
//! `probe` (the reply is the results), or as the spawn args, run inside `init` (the results go
//! to the host, route `report`), after which `then` decides what `init` does: `serve`,
//! `exit`, `err`, `trap`, or `loop` (process mode: receive forever, reporting each delivery).
//! Everything else the actor receives, and every lifecycle hook, is reported to the host too.

use std::cell::RefCell;

use guestkit::guest::{Guest, HandlerError, InitOutcome, StartInfo};
use guestkit::host::messaging::{self, Incoming, ReceiveFilter, RequestOptions};
use guestkit::host::process::{self, Limits, OnExit, SpawnOptions};
use guestkit::host::types::Failure;
use guestkit::host::types::{
    ActorError, ActorType, Address, Attachment, Blob, Capability, DataChunk, Dest, ErrorEvent,
    ExitNotice, ExitReason, Payload, ProcessId, RuntimeEvent,
};
use guestkit::host::{capabilities, discovery, durable, host_call, state, streams};
use probe_script::{
    self as script, Answers, Cap, Combinator, Duplicated, Ending, InvocationRef, Message, Notice,
    Op, Outcome, Ran, Reason, Report, RunOutcome, Script, Seen, Spawn, Started, Taken, Target,
    Then,
};
use serde::Serialize;
use serde_json::{Value, json};

struct Probe;

thread_local! {
    static STARTED: RefCell<Option<StartInfo>> = const { RefCell::new(None) };
}

fn address(s: &str) -> Address {
    guestkit::host::types::Address::parse(s).unwrap_or_else(|_| panic!("not an address: {s}"))
}

fn dest(to: &str) -> Dest {
    match to {
        "host" => Dest::Host,
        "loopback" => Dest::Loopback,
        a => Dest::Actor(address(a)),
    }
}

fn cap(c: &Cap) -> Capability {
    Capability {
        issuer: address(&c.issuer),
        params: c.params.clone(),
    }
}

fn caps(list: &[Cap]) -> Vec<Capability> {
    list.iter().map(cap).collect()
}

/// A string as its bytes, anything else as its JSON text, nothing as nothing.
fn bytes_of(v: &Value) -> Vec<u8> {
    match v {
        Value::String(s) => s.clone().into_bytes(),
        Value::Null => Vec::new(),
        other => other.to_string().into_bytes(),
    }
}

fn payload(m: &Message) -> Payload {
    Payload {
        tag: m.tag,
        route: m.route.clone(),
        body: bytes_of(&m.body),
        metadata: None,
        headers: Vec::new(),
        blob: m.blob.as_ref().map(|b| Blob {
            mime: None,
            bytes: b.as_bytes().to_vec(),
        }),
        capabilities: caps(&m.caps),
    }
}

fn on_exit(o: &script::OnExit) -> OnExit {
    match o {
        script::OnExit::None => OnExit::None,
        script::OnExit::Restart => OnExit::Restart,
        script::OnExit::Requests(requests) => OnExit::Requests(
            requests
                .iter()
                .map(|r| (address(&r.to), payload(r)))
                .collect(),
        ),
    }
}

fn actor_type(name: &str) -> ActorType {
    ActorType {
        manufacturer: "guestkit".into(),
        name: name.into(),
        version: "1".into(),
    }
}

fn spawn_options(s: &Spawn) -> SpawnOptions {
    SpawnOptions {
        name: s.name.clone(),
        args: bytes_of(&s.args),
        on_exit: on_exit(&s.on_exit),
        request_capabilities: caps(&s.request_caps),
        grant_capabilities: Vec::new(),
        public: s.public,
        link: s.link,
        link_tag: s.link_tag,
        limits: Limits {
            max_memory_bytes: s.max_memory_bytes,
            max_fuel: s.max_fuel,
        },
        actor_type: s.actor_type.as_deref().map(actor_type),
    }
}

/// An answer, as it travels.
fn answer(value: impl Serialize) -> Value {
    serde_json::to_value(value).expect("an answer encodes")
}

fn error_text(e: &ActorError) -> String {
    guestkit::Error::from(e.clone()).to_string()
}

fn utf8(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn notice(n: &ExitNotice) -> Notice {
    Notice {
        actor: n.actor.to_string(),
        tag: n.tag,
        reason: match n.reason {
            ExitReason::Normal => Reason::Normal,
            ExitReason::Failure => Reason::Failure,
            ExitReason::Killed => Reason::Killed,
            ExitReason::NoProcess => Reason::NoProcess,
        },
        incarnation: n.incarnation,
    }
}

fn cap_seen(c: &Capability) -> Cap {
    Cap::new(&c.issuer, c.params.clone())
}

/// What the guest saw.
fn seen(incoming: &Incoming) -> Seen {
    match incoming {
        Incoming::Request(m) => Seen::Request(script::Request {
            id: m.id,
            source: m.source.to_string(),
            tag: m.tag,
            route: m.route.clone(),
            body: utf8(&m.body),
            expects_response: m.expects_response,
            has_blob: m.has_blob,
            caps: m.capabilities.iter().map(cap_seen).collect(),
            attachments: m.attachments.len(),
        }),
        Incoming::Response(r) => Seen::Response(script::Response {
            request_id: r.request_id,
            source: r.source.to_string(),
            body: utf8(&r.body),
            context: r.context.as_deref().map(utf8),
            has_blob: r.has_blob,
        }),
        Incoming::SendFailed(f) => Seen::SendFailed(script::SendFailed {
            request_id: f.request_id,
            error: error_text(&f.error),
            body: utf8(&f.returned.body),
            context: f.context.as_deref().map(utf8),
        }),
        Incoming::LinkDied(n) => Seen::LinkDied(notice(n)),
        Incoming::ProcessDied(n) => Seen::ProcessDied(notice(n)),
        Incoming::Event(e) => Seen::Event {
            event: format!("{e:?}"),
        },
        Incoming::Chunk((c, sender)) => Seen::Chunk(script::Chunk {
            stream: c.stream_id.clone(),
            sequence: c.sequence,
            payload: utf8(&c.payload),
            sender: sender.to_string(),
        }),
        Incoming::StopRequested => Seen::StopRequested,
    }
}

fn sent_outcome(r: Result<u64, ActorError>) -> Outcome<u64> {
    r.map_err(|e| error_text(&e)).into()
}

fn sent(r: Result<u64, ActorError>) -> Value {
    answer(sent_outcome(r))
}

fn unit(r: Result<(), ActorError>) -> Value {
    answer(Outcome::from(r.map_err(|e| error_text(&e))))
}

fn spawned_outcome(r: Result<Address, process::SpawnError>) -> Outcome<String> {
    r.map(|a| a.to_string())
        .map_err(|e| e.name().to_owned())
        .into()
}

fn spawned(r: Result<Address, process::SpawnError>) -> Value {
    answer(spawned_outcome(r))
}

/// The module at `path` in the shim's drive (default: this component, `probe.wasm`).
fn module(path: Option<&str>) -> Result<guestkit::host::types::Module, Value> {
    process::load_module(path.unwrap_or("probe.wasm"))
        .map_err(|e| answer(Outcome::<(), _>::Err(e.name())))
}

fn attachments(m: &Message) -> Vec<Attachment> {
    match m.attach.as_deref().map(|path| module(Some(path))) {
        Some(Ok(module)) => vec![Attachment::Module(module)],
        _ => Vec::new(),
    }
}

fn run_op(op: &Op) -> Value {
    match op {
        Op::Send { msg, inherit } => sent(messaging::send(
            &dest(&msg.to),
            &payload(msg),
            attachments(msg),
            *inherit,
        )),
        Op::Request {
            msg,
            timeout_ms,
            context,
            inherit,
        } => sent(messaging::request(
            &dest(&msg.to),
            &payload(msg),
            attachments(msg),
            &RequestOptions {
                timeout_ms: timeout_ms.unwrap_or(10_000),
                context: context.as_ref().map(|c| c.as_bytes().to_vec()),
                inherit: *inherit,
            },
        )),
        Op::Call { msg, timeout_ms } => match messaging::call(
            &dest(&msg.to),
            &payload(msg),
            attachments(msg),
            timeout_ms.unwrap_or(10_000),
        ) {
            Ok(r) => answer(Outcome::<_, Seen>::Ok(seen(&Incoming::Response(r)))),
            Err(f) => answer(Outcome::<Seen, _>::Err(seen(&Incoming::SendFailed(f)))),
        },
        Op::Receive {
            tags,
            ids,
            timeout_ms,
        } => {
            let filter = ReceiveFilter {
                tags: tags.clone(),
                request_ids: ids.clone(),
            };
            match messaging::receive(&filter, *timeout_ms) {
                Ok(incoming) => answer(seen(&incoming)),
                Err(_) => answer(Outcome::<(), _>::Err("timed-out")),
            }
        }
        Op::Respond {
            to_message,
            msg,
            inherit_blob,
        } => unit(messaging::respond(
            *to_message,
            &payload(msg),
            Vec::new(),
            *inherit_blob,
        )),
        Op::GetBlob => json!(messaging::get_blob().map(|b| utf8(&b.bytes))),
        Op::LastBlob => json!(messaging::last_blob().map(|b| utf8(&b.bytes))),
        Op::SendAfter { msg, delay_ms } => sent(messaging::send_after(
            &dest(&msg.to),
            &payload(msg),
            Vec::new(),
            *delay_ms,
        )),
        Op::CancelTimer { id } => json!(messaging::cancel_timer(*id)),
        Op::Spawn { spawn } => match module(spawn.path.as_deref()) {
            Ok(m) => spawned(process::spawn(&m, &spawn_options(spawn))),
            Err(e) => e,
        },
        Op::SpawnDuplicate { msg, spawn } => match module(spawn.path.as_deref()) {
            Ok(m) => {
                let kept = m.duplicate();
                let sent = sent_outcome(messaging::send(
                    &dest(&msg.to),
                    &payload(msg),
                    vec![Attachment::Module(m)],
                    false,
                ));
                let spawned = spawned_outcome(process::spawn(&kept, &spawn_options(spawn)));
                answer(Duplicated { sent, spawned })
            }
            Err(e) => e,
        },
        Op::GetOrSpawn { spawn } => match module(spawn.path.as_deref()) {
            Ok(m) => spawned(discovery::get_or_spawn(
                spawn.name.as_deref().unwrap_or_default(),
                &m,
                &spawn_options(spawn),
            )),
            Err(e) => e,
        },
        Op::Link { to, tag } => {
            process::link(&address(to), *tag);
            json!(null)
        }
        Op::Unlink { to } => {
            process::unlink(&address(to));
            json!(null)
        }
        Op::Monitor { to } => {
            process::monitor(&address(to));
            json!(null)
        }
        Op::StopMonitoring { to } => {
            process::stop_monitoring(&address(to));
            json!(null)
        }
        Op::DieWhenLinkDies { die } => {
            process::die_when_link_dies(*die);
            json!(null)
        }
        Op::Kill { to } => unit(process::kill(&address(to))),
        Op::Exists { to } => json!(process::exists(&address(to))),
        Op::Exit { failed } => {
            process::exit(*failed);
            json!(null)
        }
        Op::Our => json!(process::our().to_string()),
        Op::NowMs => json!(guestkit::host::clock::monotonic_ns() / 1_000_000),
        Op::Incarnation => json!(process::incarnation()),
        Op::Started => STARTED.with(|s| match &*s.borrow() {
            Some(info) => answer(Started {
                incarnation: info.incarnation,
                restarted: info.restarted,
                args: utf8(&info.args),
            }),
            None => json!(null),
        }),
        Op::SetOnExit { on_exit: o } => {
            process::set_on_exit(&on_exit(o));
            json!(null)
        }
        Op::Sleep { ms } => {
            process::sleep(*ms);
            json!(null)
        }
        Op::Mint { params } => answer(cap_seen(&capabilities::mint(params))),
        Op::Save { caps: list } => unit(capabilities::save(&caps(list))),
        Op::Remove { caps: list } => {
            capabilities::remove(&caps(list));
            json!(null)
        }
        Op::Has { cap: c } => json!(capabilities::has(&cap(c))),
        Op::Owned => answer(
            capabilities::owned()
                .iter()
                .map(cap_seen)
                .collect::<Vec<_>>(),
        ),
        Op::Register { name, to } => unit(discovery::register(name, &address(to))),
        Op::Lookup { name } => json!(discovery::lookup(name).map(|a| a.to_string())),
        Op::Unregister { name } => {
            discovery::unregister(name);
            json!(null)
        }
        Op::Discover { actor_type: name } => answer(Outcome::from(
            discovery::discover(&actor_type(name))
                .map(|a| a.to_string())
                .map_err(|e| error_text(&e)),
        )),
        Op::StreamRegister { stream } => unit(streams::register(stream)),
        Op::StreamUnregister { stream } => unit(streams::unregister(stream)),
        Op::SendChunk {
            to,
            stream,
            sequence,
            body,
        } => unit(streams::send_chunk(
            &dest(to),
            &DataChunk {
                stream_id: stream.clone(),
                sequence: *sequence,
                payload: body.clone().into_bytes(),
                metadata: Vec::new(),
                timestamp_ms: None,
            },
            streams::Lane::StreamReliable,
        )),
        Op::HostCall {
            binding,
            namespace,
            operation,
            payload,
        } => answer(Outcome::from(
            host_call::call(binding, namespace, operation, payload.as_bytes()).map(|r| utf8(&r)),
        )),
        Op::StateSet { key, value } => {
            state::set(key, value.as_bytes());
            json!(null)
        }
        Op::StateGet { key } => json!(state::get(key).map(|b| utf8(&b))),
        Op::Trap => panic!("the script asked for a trap"),
        Op::TrapFirst => {
            if durable::input().retry_count == 0 {
                panic!("the script asked for a trap in the first attempt");
            }
            json!(null)
        }
        Op::Input => {
            let input = durable::input();
            answer(script::Input {
                id: input.invocation_id,
                key: input.key,
                retries: input.retry_count,
            })
        }
        Op::Replaying => json!(durable::is_replaying()),
        Op::Now => {
            let t = guestkit::host::clock::now();
            json!([t.seconds, t.nanoseconds])
        }
        Op::Random => json!(guestkit::host::random::next_u64()),
        Op::WasiNow => {
            let since = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .expect("after the epoch");
            json!([since.as_secs(), since.subsec_nanos()])
        }
        Op::KeepLast { .. } => unreachable!("`run` keeps answers, knowing the last one"),
        Op::WasiRandom => {
            use std::hash::BuildHasher;
            json!(std::collections::hash_map::RandomState::new().hash_one(0u8))
        }
        Op::PayloadChecks { on } => {
            durable::set_payload_checks(*on);
            json!(null)
        }
        Op::Run {
            name,
            effect,
            outcome,
            max_attempts,
            max_duration_ms,
            pause,
        } => {
            let policy = match max_attempts {
                None => durable::RetryPolicy::None,
                Some(max) => durable::RetryPolicy::FixedDelay(durable::FixedDelay {
                    interval_ms: Some(10),
                    max_attempts: Some(*max as u32),
                    max_duration_ms: *max_duration_ms,
                    on_max_attempts: if *pause {
                        durable::OnMaxAttempts::Pause
                    } else {
                        durable::OnMaxAttempts::FailAsTerminal
                    },
                }),
            };
            durable_run(name, *effect, *outcome, policy)
        }
        Op::RunBegin { name } => {
            json!(matches!(
                durable::run_begin(name),
                durable::RunStart::Execute(_)
            ))
        }
        Op::DurableSleep { name, ms, name_as } => remember(name_as, durable::sleep(name, *ms)),
        Op::Awakeable { name_as } => {
            let (id, h) = durable::awakeable();
            remember(name_as, h);
            json!(id)
        }
        Op::CompleteAwakeable { id, value } => {
            durable::complete_awakeable(id, Ok(value.as_bytes()));
            json!(null)
        }
        Op::PromiseGet { key, name_as } => remember(name_as, durable::promise_get(key)),
        Op::PromisePeek { key } => taken(durable::promise_peek(key)),
        Op::PromiseComplete { key, value } => {
            taken(durable::promise_complete(key, Ok(value.as_bytes())))
        }
        Op::Cancel { id } => {
            durable::cancel_invocation(id);
            json!(null)
        }
        Op::Wait {
            of,
            combinator,
            cancellable,
        } => {
            let combinator = match combinator {
                Combinator::All => durable::Combinator::AllSucceededOrFirstFailed,
                Combinator::Settled => durable::Combinator::AllCompleted,
                Combinator::Any => durable::Combinator::FirstSucceededOrAllFailed,
                Combinator::First => durable::Combinator::FirstCompleted,
            };
            let mut handles: Vec<u32> = of.iter().map(|name| handle(name)).collect();
            if *cancellable {
                handles.push(1);
            }
            let tree = [durable::AwaitNode {
                combinator,
                handles,
                children: Vec::new(),
            }];
            match durable::wait(&tree) {
                durable::WaitOutcome::AnyCompleted => json!("any-completed"),
                durable::WaitOutcome::Cancelled => json!("cancelled"),
            }
        }
        Op::DurableCall {
            target,
            script,
            pad,
            name_as,
        } => {
            let input = script_input(script, *pad);
            let handles = durable::call(&call_target(target), &input, None);
            remember(name_as, handles.completion);
            taken(handles.invocation_id)
        }
        Op::DurableSend {
            target,
            script,
            pad,
            delay_ms,
        } => {
            let input = script_input(script, *pad);
            taken(durable::send(&call_target(target), &input, *delay_ms, None))
        }
        Op::Signal { name, name_as } => remember(name_as, durable::signal(name)),
        Op::CompleteSignal { id, name, value } => {
            durable::complete_signal(id, name, Ok(value.as_bytes()));
            json!(null)
        }
        Op::Attach {
            invocation,
            name_as,
        } => remember(
            name_as,
            durable::attach_invocation(&invocation_ref(invocation)),
        ),
        Op::Output { invocation } => {
            taken(durable::get_invocation_output(&invocation_ref(invocation)))
        }
        Op::Completed { of } => json!(durable::is_completed(handle(of))),
        Op::Take { of } => taken(handle(of)),
        Op::Spin => loop {
            std::hint::black_box(());
        },
    }
}

thread_local! {
    /// Durable handles by the names scripts gave them (`"as"`).
    static HANDLES: RefCell<std::collections::HashMap<String, u32>> = RefCell::default();
}

fn remember(name: &str, h: u32) -> Value {
    HANDLES.with(|m| m.borrow_mut().insert(name.to_owned(), h));
    json!(h)
}

fn handle(name: &str) -> u32 {
    HANDLES
        .with(|m| m.borrow().get(name).copied())
        .unwrap_or_else(|| panic!("no handle named `{name}`"))
}

/// The durable service `target` names, with the defaults [`Target`] documents.
fn call_target(target: &Target) -> durable::CallTarget {
    let or =
        |field: &Option<String>, default: &str| field.clone().unwrap_or_else(|| default.to_owned());
    durable::CallTarget {
        actor: Address {
            node: or(&target.node, ""),
            process: ProcessId {
                process_name: or(&target.service, "probe"),
                package_name: or(&target.package, "durable"),
                publisher_node: String::new(),
            },
        },
        handler: or(&target.route, "probe"),
        key: target.key.clone(),
        idempotency_key: target.idempotency_key.clone(),
        scope: None,
        limit_key: None,
        headers: Vec::new(),
    }
}

/// A call's input: `script`, followed by `pad` spaces.
fn script_input(script: &Script, pad: usize) -> Vec<u8> {
    let mut input = script.to_bytes();
    input.resize(input.len() + pad, b' ');
    input
}

/// The invocation `r` names: by id, or by the idempotency key the probe service's `probe`
/// handler got it with (on its object key).
fn invocation_ref(r: &InvocationRef) -> durable::InvocationRef {
    match &r.idempotency_key {
        Some(idempotency_key) => durable::InvocationRef::Idempotency(durable::IdempotencyRef {
            service: "probe".into(),
            service_key: r.key.clone(),
            handler: "probe".into(),
            idempotency_key: idempotency_key.clone(),
            scope: None,
        }),
        None => durable::InvocationRef::InvocationId(r.id.clone().unwrap_or_default()),
    }
}

/// `durable.take` of `h`.
fn took(h: u32) -> Option<Taken> {
    Some(match durable::take(h)? {
        durable::Value::Success(bytes) => Taken::Ok(utf8(&bytes)),
        durable::Value::Failure(f) => Taken::Err(script::Failure {
            code: f.code,
            message: f.message,
        }),
        durable::Value::Void => Taken::Void,
        durable::Value::InvocationId(id) => Taken::Invocation(id),
        other => Taken::Unexpected(format!("{other:?}")),
    })
}

fn taken(h: u32) -> Value {
    answer(took(h))
}

/// `durable.run-begin`; when it says execute, the side effect (a message to the host, route
/// `effect`, naming the run) and `run-end` with `outcome`; then `take`.
fn durable_run(
    name: &str,
    effect: bool,
    outcome: RunOutcome,
    policy: durable::RetryPolicy,
) -> Value {
    let (handle, replayed) = match durable::run_begin(name) {
        durable::RunStart::Replayed(h) => (h, true),
        durable::RunStart::Execute(h) => {
            // The idempotency key an outside system deduplicates a retried effect by.
            if effect {
                let key = format!("{}/{name}", durable::input().invocation_id);
                report_to(
                    "effect",
                    script::Effect {
                        run: name.to_owned(),
                        key,
                    },
                );
            }
            let outcome = match outcome {
                RunOutcome::Terminal => durable::RunOutcome::Terminal(Failure {
                    code: 409,
                    message: format!("{name} refused"),
                    metadata: Vec::new(),
                }),
                RunOutcome::Retryable => durable::RunOutcome::Retryable(format!("{name} flaked")),
                RunOutcome::Success => {
                    durable::RunOutcome::Success(format!("{name} done").into_bytes())
                }
            };
            durable::run_end(h, &outcome, policy);
            (h, false)
        }
    };
    answer(Ran {
        replayed,
        value: took(handle),
    })
}

fn run(script: &Script) -> Answers {
    let mut answers: Vec<Value> = Vec::new();
    for op in &script.ops {
        let answer = match op {
            Op::KeepLast { key } => {
                let last = answers.last().cloned().unwrap_or(Value::Null);
                state::set(key, last.to_string().as_bytes());
                json!(null)
            }
            op => run_op(op),
        };
        answers.push(answer);
    }
    Answers::new(answers)
}

/// Tells the host what happened.
fn report(what: Report) {
    report_to("report", what);
}

fn report_to(route: &str, what: impl Serialize) {
    let msg = Payload {
        tag: None,
        route: Some(route.into()),
        body: answer(what).to_string().into_bytes(),
        metadata: None,
        headers: Vec::new(),
        blob: None,
        capabilities: Vec::new(),
    };
    let _ = messaging::send(&Dest::Host, &msg, Vec::new(), false);
}

fn reply(body: impl Serialize) -> Payload {
    Payload {
        tag: None,
        route: None,
        body: answer(body).to_string().into_bytes(),
        metadata: None,
        headers: Vec::new(),
        blob: None,
        capabilities: Vec::new(),
    }
}

impl Guest for Probe {
    fn init(info: StartInfo) -> Result<InitOutcome, ActorError> {
        // Args that are not JSON (or none) are not a script: the probe just serves.
        let script = match serde_json::from_slice::<Value>(&info.args) {
            Ok(Value::Object(_) | Value::Array(_)) => {
                Some(Script::from_bytes(&info.args).map_err(ActorError::InvalidArgument)?)
            }
            _ => None,
        };
        STARTED.with(|s| *s.borrow_mut() = Some(info));
        let Some(script) = script else {
            return Ok(InitOutcome::Serve);
        };
        let results = run(&script);
        report(Report::Init { results });
        match script.then {
            Then::Exit => Ok(InitOutcome::Exit),
            Then::Err => Err(ActorError::Internal("init was told to fail".into())),
            Then::Trap => panic!("init was told to trap"),
            Then::Loop => loop {
                let everything = ReceiveFilter {
                    tags: Vec::new(),
                    request_ids: Vec::new(),
                };
                let Ok(incoming) = messaging::receive(&everything, None) else {
                    continue;
                };
                let stop = matches!(incoming, Incoming::StopRequested);
                if let Incoming::Request(m) = &incoming
                    && m.route.as_deref() == Some("probe")
                {
                    let results = match Script::from_bytes(&m.body) {
                        Ok(script) => answer(run(&script)),
                        Err(e) => answer(Outcome::<(), _>::Err(e)),
                    };
                    if m.expects_response {
                        let _ = messaging::respond(None, &reply(results), Vec::new(), false);
                    }
                    continue;
                }
                report(Report::Receive {
                    delivery: seen(&incoming),
                });
                if stop {
                    return Ok(InitOutcome::Exit);
                }
            },
            Then::Serve => Ok(InitOutcome::Serve),
        }
    }

    fn handle(delivery: Incoming) -> Result<Option<Payload>, HandlerError> {
        if let Incoming::Request(m) = &delivery {
            if matches!(m.route.as_deref(), Some("probe" | "probe-shared")) {
                let script = Script::from_bytes(&m.body)
                    .map_err(|e| HandlerError::Terminal(ActorError::InvalidArgument(e)))?;
                let results = run(&script);
                return match script.ending {
                    Ending::Reply => Ok(Some(reply(results))),
                    Ending::RetryableFirst if durable::input().retry_count > 0 => {
                        Ok(Some(reply(results)))
                    }
                    Ending::RetryableFirst => {
                        Err(HandlerError::Retryable(guestkit::guest::RetryableError {
                            message: format!("first attempt, after {results:?}"),
                            retry_after_ms: Some(10),
                            pause: false,
                        }))
                    }
                    Ending::Fail => Err(HandlerError::Terminal(ActorError::Internal(
                        "the script asked to fail".into(),
                    ))),
                    Ending::Refuse => {
                        Err(HandlerError::Terminal(ActorError::Application(Failure {
                            code: 422,
                            message: "the script refused the request".into(),
                            metadata: Vec::new(),
                        })))
                    }
                };
            }
            if m.route.as_deref() == Some("echo") {
                return Ok(Some(reply(json!({ "echo": utf8(&m.body) }))));
            }
        }
        report(Report::Handle {
            delivery: seen(&delivery),
        });
        Ok(None)
    }

    fn on_ready() -> Result<(), ActorError> {
        report(Report::OnReady);
        Ok(())
    }

    fn on_stop() -> Result<(), ActorError> {
        report(Report::OnStop);
        Ok(())
    }

    fn on_error(event: ErrorEvent) -> Result<(), ActorError> {
        report(Report::OnError {
            context: event.context,
        });
        Ok(())
    }

    fn observe(event: RuntimeEvent) {
        report(Report::Observe {
            event: format!("{event:?}"),
        });
    }

    fn on_data_chunk(chunk: DataChunk, sender: Address) -> Result<(), ActorError> {
        report(Report::OnDataChunk {
            delivery: seen(&Incoming::Chunk((chunk, sender))),
        });
        Ok(())
    }
}

guestkit::export_guest!(Probe);

/// As a durable service, route `probe-shared` runs the same scripts as a shared handler: it
/// runs beside the exclusive invocation of its object and only reads state. The section is
/// what `#[guestkit::actor]` and `#[shared]` write.
#[cfg(target_arch = "wasm32")]
#[unsafe(link_section = "guestkit:durable")]
#[used]
static DURABLE_DECLARATION: [u8; 20] = *b"shared probe-shared\n";

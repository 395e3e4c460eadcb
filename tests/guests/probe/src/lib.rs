//! Runs scripts of raw host calls, so that tests can drive every part of `guestkit:host` from
//! outside and see exactly what the host returned.
//!
//! A script is a JSON list of operations (`{"op": "send", "to": "...", ...}`); running one
//! gives a list of results, one per operation. Scripts arrive as the body of a request to route
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
use serde_json::{Value, json};

struct Probe;

thread_local! {
    static STARTED: RefCell<Option<StartInfo>> = const { RefCell::new(None) };
}

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_owned()
}

fn number(v: &Value, key: &str) -> Option<u64> {
    v[key].as_u64()
}

fn address(s: &str) -> Address {
    guestkit::host::types::Address::parse(s).unwrap_or_else(|_| panic!("not an address: {s}"))
}

fn dest(v: &Value) -> Dest {
    match v["to"].as_str().unwrap_or("host") {
        "host" => Dest::Host,
        "loopback" => Dest::Loopback,
        a => Dest::Actor(address(a)),
    }
}

fn cap(v: &Value) -> Capability {
    Capability {
        issuer: address(v["issuer"].as_str().unwrap_or_default()),
        params: text(v, "params"),
    }
}

fn caps(v: &Value) -> Vec<Capability> {
    v.as_array()
        .map(|a| a.iter().map(cap).collect())
        .unwrap_or_default()
}

fn payload(v: &Value) -> Payload {
    let body = match &v["body"] {
        Value::String(s) => s.clone().into_bytes(),
        Value::Null => Vec::new(),
        other => other.to_string().into_bytes(),
    };
    Payload {
        tag: v["tag"].as_i64(),
        route: v["route"].as_str().map(str::to_owned),
        body,
        metadata: None,
        headers: Vec::new(),
        blob: v["blob"].as_str().map(|b| Blob {
            mime: None,
            bytes: b.as_bytes().to_vec(),
        }),
        capabilities: caps(&v["caps"]),
    }
}

fn spawn_options(v: &Value) -> SpawnOptions {
    let args = match &v["args"] {
        Value::Null => Vec::new(),
        Value::String(s) => s.clone().into_bytes(),
        other => other.to_string().into_bytes(),
    };
    let on_exit = match v["on_exit"].as_str() {
        Some("restart") => OnExit::Restart,
        _ if v["on_exit"].is_array() => OnExit::Requests(
            v["on_exit"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| (address(&text(r, "to")), payload(r)))
                .collect(),
        ),
        _ => OnExit::None,
    };
    SpawnOptions {
        name: v["name"].as_str().map(str::to_owned),
        args,
        on_exit,
        request_capabilities: caps(&v["request_caps"]),
        grant_capabilities: Vec::new(),
        public: v["public"].as_bool().unwrap_or(false),
        link: v["link"].as_bool().unwrap_or(false),
        link_tag: v["link_tag"].as_i64(),
        limits: Limits {
            max_memory_bytes: number(v, "max_memory_bytes"),
            max_fuel: number(v, "max_fuel"),
        },
        actor_type: v["actor_type"].as_str().map(|name| ActorType {
            manufacturer: "guestkit".into(),
            name: name.into(),
            version: "1".into(),
        }),
    }
}

fn error(e: &ActorError) -> Value {
    json!({ "err": guestkit::Error::from(e.clone()).to_string() })
}

fn utf8(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn notice(kind: &str, n: &ExitNotice) -> Value {
    json!({
        "kind": kind,
        "actor": n.actor.to_string(),
        "tag": n.tag,
        "reason": match n.reason {
            ExitReason::Normal => "normal",
            ExitReason::Failure => "failure",
            ExitReason::Killed => "killed",
            ExitReason::NoProcess => "no-process",
        },
        "incarnation": n.incarnation,
    })
}

fn cap_json(c: &Capability) -> Value {
    json!({ "issuer": c.issuer.to_string(), "params": c.params })
}

/// What the guest saw, as JSON the tests can assert on.
fn describe(incoming: &Incoming) -> Value {
    match incoming {
        Incoming::Request(m) => json!({
            "kind": "request",
            "id": m.id,
            "source": m.source.to_string(),
            "tag": m.tag,
            "route": m.route,
            "body": utf8(&m.body),
            "expects_response": m.expects_response,
            "has_blob": m.has_blob,
            "caps": m.capabilities.iter().map(cap_json).collect::<Vec<_>>(),
            "attachments": m.attachments.len(),
        }),
        Incoming::Response(r) => json!({
            "kind": "response",
            "request_id": r.request_id,
            "source": r.source.to_string(),
            "body": utf8(&r.body),
            "context": r.context.as_deref().map(utf8),
            "has_blob": r.has_blob,
        }),
        Incoming::SendFailed(f) => json!({
            "kind": "send-failed",
            "request_id": f.request_id,
            "error": error(&f.error)["err"],
            "body": utf8(&f.returned.body),
            "context": f.context.as_deref().map(utf8),
        }),
        Incoming::LinkDied(n) => notice("link-died", n),
        Incoming::ProcessDied(n) => notice("process-died", n),
        Incoming::Event(e) => json!({ "kind": "event", "event": format!("{e:?}") }),
        Incoming::Chunk((c, sender)) => json!({
            "kind": "chunk",
            "stream": c.stream_id,
            "sequence": c.sequence,
            "payload": utf8(&c.payload),
            "sender": sender.to_string(),
        }),
        Incoming::StopRequested => json!({ "kind": "stop-requested" }),
    }
}

fn sent(r: Result<u64, ActorError>) -> Value {
    match r {
        Ok(id) => json!({ "ok": id }),
        Err(e) => error(&e),
    }
}

fn unit(r: Result<(), ActorError>) -> Value {
    match r {
        Ok(()) => json!({ "ok": null }),
        Err(e) => error(&e),
    }
}

fn spawned(r: Result<Address, process::SpawnError>) -> Value {
    match r {
        Ok(a) => json!({ "ok": a.to_string() }),
        Err(e) => json!({ "err": e.name() }),
    }
}

/// The module at `path` in the shim's drive (default: this component, `probe.wasm`).
fn module(v: &Value) -> Result<guestkit::host::types::Module, Value> {
    let path = v["path"].as_str().unwrap_or("probe.wasm");
    process::load_module(path).map_err(|e| json!({ "err": e.name() }))
}

fn attachments(v: &Value) -> Vec<Attachment> {
    if v["attach"].as_bool() != Some(true) {
        return Vec::new();
    }
    match module(v) {
        Ok(m) => vec![Attachment::Module(m)],
        Err(_) => Vec::new(),
    }
}

fn run_op(v: &Value) -> Value {
    match v["op"].as_str().unwrap_or_default() {
        "send" => sent(messaging::send(
            &dest(v),
            &payload(v),
            attachments(v),
            v["inherit"].as_bool().unwrap_or(false),
        )),
        "request" => sent(messaging::request(
            &dest(v),
            &payload(v),
            attachments(v),
            &RequestOptions {
                timeout_ms: number(v, "timeout_ms").unwrap_or(10_000),
                context: v["context"].as_str().map(|c| c.as_bytes().to_vec()),
                inherit: v["inherit"].as_bool().unwrap_or(false),
            },
        )),
        "call" => match messaging::call(
            &dest(v),
            &payload(v),
            attachments(v),
            number(v, "timeout_ms").unwrap_or(10_000),
        ) {
            Ok(r) => json!({ "ok": describe(&Incoming::Response(r)) }),
            Err(f) => json!({ "err": describe(&Incoming::SendFailed(f)) }),
        },
        "receive" => {
            let filter = ReceiveFilter {
                tags: v["tags"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_i64).collect())
                    .unwrap_or_default(),
                request_ids: v["ids"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_u64).collect())
                    .unwrap_or_default(),
            };
            match messaging::receive(&filter, number(v, "timeout_ms")) {
                Ok(incoming) => describe(&incoming),
                Err(_) => json!({ "err": "timed-out" }),
            }
        }
        "respond" => unit(messaging::respond(
            number(v, "to_message"),
            &payload(v),
            Vec::new(),
            v["inherit_blob"].as_bool().unwrap_or(false),
        )),
        "get_blob" => json!(messaging::get_blob().map(|b| utf8(&b.bytes))),
        "last_blob" => json!(messaging::last_blob().map(|b| utf8(&b.bytes))),
        "send_after" => sent(messaging::send_after(
            &dest(v),
            &payload(v),
            Vec::new(),
            number(v, "delay_ms").unwrap_or(0),
        )),
        "cancel_timer" => json!(messaging::cancel_timer(number(v, "id").unwrap_or(0))),
        "spawn" => match module(v) {
            Ok(m) => spawned(process::spawn(&m, &spawn_options(v))),
            Err(e) => e,
        },
        "spawn_duplicate" => match module(v) {
            // Sends the module to `to` and spawns from a duplicate kept before sending.
            Ok(m) => {
                let kept = m.duplicate();
                let sent = sent(messaging::send(
                    &dest(v),
                    &payload(v),
                    vec![Attachment::Module(m)],
                    false,
                ));
                json!({ "sent": sent, "spawned": spawned(process::spawn(&kept, &spawn_options(v))) })
            }
            Err(e) => e,
        },
        "get_or_spawn" => match module(v) {
            Ok(m) => spawned(discovery::get_or_spawn(
                &text(v, "name"),
                &m,
                &spawn_options(v),
            )),
            Err(e) => e,
        },
        "link" => {
            process::link(&address(&text(v, "to")), v["tag"].as_i64());
            json!(null)
        }
        "unlink" => {
            process::unlink(&address(&text(v, "to")));
            json!(null)
        }
        "monitor" => {
            process::monitor(&address(&text(v, "to")));
            json!(null)
        }
        "stop_monitoring" => {
            process::stop_monitoring(&address(&text(v, "to")));
            json!(null)
        }
        "die_when_link_dies" => {
            process::die_when_link_dies(v["die"].as_bool().unwrap_or(true));
            json!(null)
        }
        "kill" => unit(process::kill(&address(&text(v, "to")))),
        "exists" => json!(process::exists(&address(&text(v, "to")))),
        "exit" => {
            process::exit(v["failed"].as_bool().unwrap_or(false));
            json!(null)
        }
        "our" => json!(process::our().to_string()),
        "now_ms" => json!(guestkit::host::clock::monotonic_ns() / 1_000_000),
        "incarnation" => json!(process::incarnation()),
        "started" => STARTED.with(|s| match &*s.borrow() {
            Some(info) => json!({
                "incarnation": info.incarnation,
                "restarted": info.restarted,
                "args": utf8(&info.args),
            }),
            None => json!(null),
        }),
        "set_on_exit" => {
            process::set_on_exit(&spawn_options(v).on_exit);
            json!(null)
        }
        "sleep" => {
            process::sleep(number(v, "ms").unwrap_or(0));
            json!(null)
        }
        "mint" => cap_json(&capabilities::mint(&text(v, "params"))),
        "save" => unit(capabilities::save(&caps(&v["caps"]))),
        "remove" => {
            capabilities::remove(&caps(&v["caps"]));
            json!(null)
        }
        "has" => json!(capabilities::has(&cap(&v["cap"]))),
        "owned" => json!(
            capabilities::owned()
                .iter()
                .map(cap_json)
                .collect::<Vec<_>>()
        ),
        "register" => unit(discovery::register(
            &text(v, "name"),
            &address(&text(v, "to")),
        )),
        "lookup" => json!(discovery::lookup(&text(v, "name")).map(|a| a.to_string())),
        "unregister" => {
            discovery::unregister(&text(v, "name"));
            json!(null)
        }
        "discover" => match discovery::discover(&spawn_options(v).actor_type.unwrap()) {
            Ok(a) => json!({ "ok": a.to_string() }),
            Err(e) => error(&e),
        },
        "stream_register" => unit(streams::register(&text(v, "stream"))),
        "stream_unregister" => unit(streams::unregister(&text(v, "stream"))),
        "send_chunk" => unit(streams::send_chunk(
            &dest(v),
            &DataChunk {
                stream_id: text(v, "stream"),
                sequence: number(v, "sequence").unwrap_or(0),
                payload: text(v, "body").into_bytes(),
                metadata: Vec::new(),
                timestamp_ms: None,
            },
            streams::Lane::StreamReliable,
        )),
        "host_call" => match host_call::call(
            &text(v, "binding"),
            &text(v, "namespace"),
            &text(v, "operation"),
            text(v, "payload").as_bytes(),
        ) {
            Ok(reply) => json!({ "ok": utf8(&reply) }),
            Err(e) => json!({ "err": e }),
        },
        "state_set" => {
            state::set(&text(v, "key"), text(v, "value").as_bytes());
            json!(null)
        }
        "state_get" => json!(state::get(&text(v, "key")).map(|b| utf8(&b))),
        "trap" => panic!("the script asked for a trap"),
        "trap_first" => {
            if durable::input().retry_count == 0 {
                panic!("the script asked for a trap in the first attempt");
            }
            json!(null)
        }
        "input" => {
            let input = durable::input();
            json!({ "id": input.invocation_id, "key": input.key, "retries": input.retry_count })
        }
        "replaying" => json!(durable::is_replaying()),
        "now" => {
            let t = guestkit::host::clock::now();
            json!([t.seconds, t.nanoseconds])
        }
        "random" => json!(guestkit::host::random::next_u64()),
        "payload_checks" => {
            durable::set_payload_checks(v["on"].as_bool().unwrap_or(true));
            json!(null)
        }
        "run" => durable_run(v),
        "durable_sleep" => remember(
            v,
            durable::sleep(&text(v, "name"), number(v, "ms").unwrap_or(0)),
        ),
        "awakeable" => {
            let (id, h) = durable::awakeable();
            remember(v, h);
            json!(id)
        }
        "complete_awakeable" => {
            durable::complete_awakeable(&text(v, "id"), Ok(text(v, "value").as_bytes()));
            json!(null)
        }
        "promise_get" => remember(v, durable::promise_get(&text(v, "key"))),
        "promise_peek" => {
            let h = durable::promise_peek(&text(v, "key"));
            taken(h)
        }
        "promise_complete" => {
            let h = durable::promise_complete(&text(v, "key"), Ok(text(v, "value").as_bytes()));
            taken(h)
        }
        "cancel" => {
            durable::cancel_invocation(&text(v, "id"));
            json!(null)
        }
        "wait" => {
            let handles = |list: &Value| -> Vec<u32> {
                list.as_array()
                    .map(|a| {
                        a.iter()
                            .map(|n| handle(n.as_str().unwrap_or_default()))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let combinator = match v["combinator"].as_str().unwrap_or("first") {
                "all" => durable::Combinator::AllSucceededOrFirstFailed,
                "settled" => durable::Combinator::AllCompleted,
                "any" => durable::Combinator::FirstSucceededOrAllFailed,
                _ => durable::Combinator::FirstCompleted,
            };
            let mut handles = handles(&v["of"]);
            if v["cancellable"].as_bool() == Some(true) {
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
        "durable_call" => {
            let handles = durable::call(&call_target(v), script_body(v).as_bytes(), None);
            remember(v, handles.completion);
            taken(handles.invocation_id)
        }
        "durable_send" => {
            let delay_ms = number(v, "delay_ms");
            taken(durable::send(
                &call_target(v),
                script_body(v).as_bytes(),
                delay_ms,
                None,
            ))
        }
        "signal" => remember(v, durable::signal(&text(v, "name"))),
        "complete_signal" => {
            durable::complete_signal(
                &text(v, "id"),
                &text(v, "name"),
                Ok(text(v, "value").as_bytes()),
            );
            json!(null)
        }
        "attach" => remember(v, durable::attach_invocation(&invocation_ref(v))),
        "output" => taken(durable::get_invocation_output(&invocation_ref(v))),
        "completed" => json!(durable::is_completed(handle(&text(v, "of")))),
        "take" => taken(handle(&text(v, "of"))),
        "spin" => loop {
            std::hint::black_box(());
        },
        other => json!({ "err": format!("unknown op `{other}`") }),
    }
}

thread_local! {
    /// Durable handles by the names scripts gave them (`"as"`).
    static HANDLES: RefCell<std::collections::HashMap<String, u32>> = RefCell::default();
}

fn remember(v: &Value, h: u32) -> Value {
    HANDLES.with(|m| m.borrow_mut().insert(text(v, "as"), h));
    json!(h)
}

fn handle(name: &str) -> u32 {
    HANDLES
        .with(|m| m.borrow().get(name).copied())
        .unwrap_or_else(|| panic!("no handle named `{name}`"))
}

/// The durable service a `durable_call` or `durable_send` op names: `service` (default
/// `probe`, this one) at node `node` (default empty: this one), package `package` (default
/// `durable`), with its `route`, `key` and `idempotency_key`.
fn call_target(v: &Value) -> durable::CallTarget {
    let or = |field: &str, default: &str| v[field].as_str().unwrap_or(default).to_owned();
    durable::CallTarget {
        actor: Address {
            node: or("node", ""),
            process: ProcessId {
                process_name: or("service", "probe"),
                package_name: or("package", "durable"),
                publisher_node: String::new(),
            },
        },
        handler: or("route", "probe"),
        key: v["key"].as_str().map(str::to_owned),
        idempotency_key: v["idempotency_key"].as_str().map(str::to_owned),
        scope: None,
        limit_key: None,
        headers: Vec::new(),
    }
}

/// A call's input: the script in `script`, as text, followed by `pad` spaces.
fn script_body(v: &Value) -> String {
    let pad = number(v, "pad").unwrap_or(0) as usize;
    format!("{}{}", v["script"], " ".repeat(pad))
}

/// The invocation `id` names, or with `idempotency_key`, the one the probe service's `probe`
/// route got with it (on `key`).
fn invocation_ref(v: &Value) -> durable::InvocationRef {
    match v["idempotency_key"].as_str() {
        Some(idempotency_key) => durable::InvocationRef::Idempotency(durable::IdempotencyRef {
            service: "probe".into(),
            service_key: v["key"].as_str().map(str::to_owned),
            handler: "probe".into(),
            idempotency_key: idempotency_key.to_owned(),
            scope: None,
        }),
        None => durable::InvocationRef::InvocationId(text(v, "id")),
    }
}

/// `durable.take` of `h`, as JSON.
fn taken(h: u32) -> Value {
    match durable::take(h) {
        Some(durable::Value::Success(bytes)) => json!({ "ok": utf8(&bytes) }),
        Some(durable::Value::Failure(f)) => json!({ "err": f.code, "message": f.message }),
        Some(durable::Value::Void) => json!("void"),
        Some(durable::Value::InvocationId(id)) => json!({ "invocation": id }),
        None => json!(null),
        other => json!({ "unexpected": format!("{other:?}") }),
    }
}

/// `durable.run-begin`; when it says execute, the side effect (a message to the host, route
/// `effect`, naming the run) and `run-end` with the script's outcome; then `take`.
fn durable_run(v: &Value) -> Value {
    let name = text(v, "name");
    let (handle, replayed) = match durable::run_begin(&name) {
        durable::RunStart::Replayed(h) => (h, true),
        durable::RunStart::Execute(h) => {
            // The idempotency key an outside system deduplicates a retried effect by.
            if v["effect"].as_bool() != Some(false) {
                let key = format!("{}/{name}", durable::input().invocation_id);
                report_to("effect", json!({ "run": name, "key": key }));
            }
            let outcome = match v["outcome"].as_str().unwrap_or("success") {
                "terminal" => durable::RunOutcome::Terminal(Failure {
                    code: 409,
                    message: format!("{name} refused"),
                    metadata: Vec::new(),
                }),
                "retryable" => durable::RunOutcome::Retryable(format!("{name} flaked")),
                _ => durable::RunOutcome::Success(format!("{name} done").into_bytes()),
            };
            let policy = match v["max_attempts"].as_u64() {
                None => durable::RetryPolicy::None,
                Some(max) => durable::RetryPolicy::FixedDelay(durable::FixedDelay {
                    interval_ms: Some(10),
                    max_attempts: Some(max as u32),
                    max_duration_ms: v["max_duration_ms"].as_u64(),
                    on_max_attempts: if v["pause"].as_bool() == Some(true) {
                        durable::OnMaxAttempts::Pause
                    } else {
                        durable::OnMaxAttempts::FailAsTerminal
                    },
                }),
            };
            durable::run_end(h, &outcome, policy);
            (h, false)
        }
    };
    json!({ "replayed": replayed, "value": taken(handle) })
}

fn run(script: &Value) -> Value {
    let ops = script.as_array().or_else(|| script["ops"].as_array());
    Value::Array(
        ops.map(|ops| ops.iter().map(run_op).collect())
            .unwrap_or_default(),
    )
}

/// Tells the host what happened.
fn report(what: Value) {
    report_to("report", what);
}

fn report_to(route: &str, what: Value) {
    let msg = Payload {
        tag: None,
        route: Some(route.into()),
        body: what.to_string().into_bytes(),
        metadata: None,
        headers: Vec::new(),
        blob: None,
        capabilities: Vec::new(),
    };
    let _ = messaging::send(&Dest::Host, &msg, Vec::new(), false);
}

fn reply(body: Value) -> Payload {
    Payload {
        tag: None,
        route: None,
        body: body.to_string().into_bytes(),
        metadata: None,
        headers: Vec::new(),
        blob: None,
        capabilities: Vec::new(),
    }
}

impl Guest for Probe {
    fn init(info: StartInfo) -> Result<InitOutcome, ActorError> {
        let script: Value = serde_json::from_slice(&info.args).unwrap_or(Value::Null);
        STARTED.with(|s| *s.borrow_mut() = Some(info));
        if script.is_null() {
            return Ok(InitOutcome::Serve);
        }
        let results = run(&script);
        report(json!({ "hook": "init", "results": results }));
        match script["then"].as_str().unwrap_or("serve") {
            "exit" => Ok(InitOutcome::Exit),
            "err" => Err(ActorError::Internal("init was told to fail".into())),
            "trap" => panic!("init was told to trap"),
            "loop" => loop {
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
                    let script = serde_json::from_slice(&m.body).unwrap_or(Value::Null);
                    let results = run(&script);
                    if m.expects_response {
                        let _ = messaging::respond(None, &reply(results), Vec::new(), false);
                    }
                    continue;
                }
                report(json!({ "hook": "receive", "delivery": describe(&incoming) }));
                if stop {
                    return Ok(InitOutcome::Exit);
                }
            },
            _ => Ok(InitOutcome::Serve),
        }
    }

    fn handle(delivery: Incoming) -> Result<Option<Payload>, HandlerError> {
        if let Incoming::Request(m) = &delivery {
            if m.route.as_deref() == Some("probe") {
                let script: Value = serde_json::from_slice(&m.body).map_err(|e| {
                    HandlerError::Terminal(ActorError::InvalidArgument(e.to_string()))
                })?;
                if script["retryable_first"].as_bool() == Some(true) {
                    let results = run(&script);
                    if durable::input().retry_count == 0 {
                        return Err(HandlerError::Retryable(guestkit::guest::RetryableError {
                            message: format!("first attempt, after {results}"),
                            retry_after_ms: Some(10),
                            pause: false,
                        }));
                    }
                    return Ok(Some(reply(results)));
                }
                if script["fail"].as_bool() == Some(true) {
                    run(&script);
                    return Err(HandlerError::Terminal(ActorError::Internal(
                        "the script asked to fail".into(),
                    )));
                }
                return Ok(Some(reply(run(&script))));
            }
            if m.route.as_deref() == Some("echo") {
                return Ok(Some(reply(json!({ "echo": utf8(&m.body) }))));
            }
        }
        report(json!({ "hook": "handle", "delivery": describe(&delivery) }));
        Ok(None)
    }

    fn on_ready() -> Result<(), ActorError> {
        report(json!({ "hook": "on-ready" }));
        Ok(())
    }

    fn on_stop() -> Result<(), ActorError> {
        report(json!({ "hook": "on-stop" }));
        Ok(())
    }

    fn on_error(event: ErrorEvent) -> Result<(), ActorError> {
        report(json!({ "hook": "on-error", "context": event.context }));
        Ok(())
    }

    fn observe(event: RuntimeEvent) {
        report(json!({ "hook": "observe", "event": format!("{event:?}") }));
    }

    fn on_data_chunk(chunk: DataChunk, sender: Address) -> Result<(), ActorError> {
        report(json!({
            "hook": "on-data-chunk",
            "delivery": describe(&Incoming::Chunk((chunk, sender))),
        }));
        Ok(())
    }
}

guestkit::export_guest!(Probe);

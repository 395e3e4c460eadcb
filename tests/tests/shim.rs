//! The shim's Rust API running real guest components: spawn, call, messaging between actors,
//! refusals of bad components and messages, and hostile guests. Test names cite SEMANTICS.md
//! line numbers.

use std::time::Duration;

use guestkit_shim::{ActorError, Address, Limits, Payload, ShimError, SpawnOptions};
use guestkit_tests::built_guest;
use guestkit_tests::host::{TIMEOUT, TestHost};
use prost::Message;

guestkit_shim::contract!("../examples/counter/proto/counter.proto");
guestkit_shim::contract!("../examples/caller/proto/caller.proto");
guestkit_shim::contract!("guests/relay/proto/relay.proto");
guestkit_shim::contract!("guests/hostile/proto/hostile.proto");

use caller::v1::{IntroduceReply, IntroduceRequest};
use counter::v1::{AddReply, AddRequest};
use hostile::v1::{Amount, Empty, Key, Value};
use relay::v1::{Outcome, Relay};

async fn add(h: &TestHost, counter: &Address, amount: u64) -> Result<u64, ActorError> {
    let body = AddRequest { amount }.encode_to_vec();
    let reply = h
        .shim
        .call(
            counter,
            Payload::new("counter.v1.CounterService/Add", body),
            TIMEOUT,
        )
        .await
        .map_err(|f| f.error)?;
    Ok(AddReply::decode(reply.payload.body.as_slice())
        .unwrap()
        .total)
}

async fn relay_through(h: &TestHost, relay: &Address, method: &str, msg: Relay) -> Outcome {
    let route = format!("relay.v1.RelayService/{method}");
    let reply = h
        .shim
        .call(relay, Payload::new(route, msg.encode_to_vec()), TIMEOUT)
        .await
        .unwrap();
    Outcome::decode(reply.payload.body.as_slice()).unwrap()
}

fn add_to(counter: &Address, amount: u64) -> Relay {
    Relay {
        to: counter.to_string(),
        route: "counter.v1.CounterService/Add".into(),
        body: AddRequest { amount }.encode_to_vec(),
        timeout_ms: 10_000,
        pad_to: 0,
    }
}

#[tokio::test]
async fn state_is_kept_per_actor_and_logs_reach_the_sink() {
    let h = TestHost::new();
    let a = h.spawn_guest("counter", "a").await;
    let b = h.spawn_guest("counter", "b").await;
    assert_eq!(add(&h, &a, 2).await.unwrap(), 2);
    assert_eq!(add(&h, &a, 3).await.unwrap(), 5);
    assert_eq!(add(&h, &b, 1).await.unwrap(), 1, "b has its own state");
    assert!(h.logged("added 3 -> total 5"));
}

#[tokio::test]
async fn a_taken_name_is_refused() {
    let h = TestHost::new();
    let module = h.load("counter");
    h.shim
        .spawn(&module, SpawnOptions::new("one"))
        .await
        .unwrap();
    let err = h
        .shim
        .spawn(&module, SpawnOptions::new("one"))
        .await
        .unwrap_err();
    assert!(matches!(err, ShimError::NameTaken(_)), "{err}");
}

#[tokio::test]
async fn unknown_route_gets_unknown_route() {
    let h = TestHost::new();
    let counter = h.spawn_guest("counter", "counter").await;
    let failed = h
        .shim
        .call(
            &counter,
            Payload::new("counter.v1.CounterService/Reset", Vec::new()),
            TIMEOUT,
        )
        .await
        .unwrap_err();
    match failed.error {
        ActorError::UnknownRoute(m) => assert!(m.contains("counter.v1.CounterService/Add"), "{m}"),
        other => panic!("expected unknown-route, got {other:?}"),
    }
    assert_eq!(
        add(&h, &counter, 1).await.unwrap(),
        1,
        "the actor keeps serving"
    );
}

#[tokio::test]
async fn undecodable_body_gets_decode_failure() {
    let h = TestHost::new();
    let counter = h.spawn_guest("counter", "counter").await;
    let failed = h
        .shim
        .call(
            &counter,
            Payload::new("counter.v1.CounterService/Add", vec![0xff, 0xff]),
            TIMEOUT,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(failed.error, ActorError::DecodeFailure(_)),
        "{:?}",
        failed.error
    );
}

#[tokio::test]
async fn handler_error_fails_the_request_and_commits_nothing() {
    let h = TestHost::new();
    let counter = h.spawn_guest("counter", "counter").await;
    assert_eq!(add(&h, &counter, 5).await.unwrap(), 5);
    let err = add(&h, &counter, u64::MAX).await.unwrap_err();
    assert!(
        matches!(&err, ActorError::InvalidArgument(m) if m.contains("overflow")),
        "{err:?}"
    );
    assert_eq!(add(&h, &counter, 1).await.unwrap(), 6);
}

#[tokio::test]
async fn call_between_actors_returns_the_reply() {
    let h = TestHost::new();
    let counter = h.spawn_guest("counter", "counter").await;
    let relay = h.spawn_guest("relay", "relay").await;
    let out = relay_through(&h, &relay, "Call", add_to(&counter, 4)).await;
    assert_eq!(out.error, "");
    assert_eq!(AddReply::decode(out.body.as_slice()).unwrap().total, 4);
}

#[tokio::test]
async fn request_then_receive_gets_the_response_with_its_context() {
    let h = TestHost::new();
    let counter = h.spawn_guest("counter", "counter").await;
    let relay = h.spawn_guest("relay", "relay").await;
    let out = relay_through(&h, &relay, "RequestReceive", add_to(&counter, 7)).await;
    assert_eq!(out.error, "");
    assert_eq!(AddReply::decode(out.body.as_slice()).unwrap().total, 7);
}

#[tokio::test]
async fn sem_04_call_to_self_is_invalid_argument_and_sends_nothing() {
    let h = TestHost::new();
    let relay = h.spawn_guest("relay", "relay").await;
    let mut msg = add_to(&relay, 1);
    msg.route = "relay.v1.RelayService/Call".into();
    let out = relay_through(&h, &relay, "Call", msg).await;
    assert!(
        out.error.contains("invalid argument") && out.error.contains("cannot call itself"),
        "{}",
        out.error
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_10_request_to_a_missing_actor_fails_not_found_at_once() {
    // A failure that waited for the request's deadline would move the manual clock.
    let h = TestHost::new();
    let relay = h.spawn_guest("relay", "relay").await;
    let missing = Address::parse("local@ghost:ghost:local").unwrap();
    let out = tokio::time::timeout(
        TIMEOUT,
        relay_through(&h, &relay, "RequestReceive", add_to(&missing, 1)),
    )
    .await
    .expect("not-found must not wait for the deadline");
    assert!(out.error.starts_with("not found"), "{}", out.error);
    assert_eq!(h.elapsed(), Duration::ZERO);
    let out = relay_through(&h, &relay, "Call", add_to(&missing, 1)).await;
    assert!(out.error.starts_with("not found"), "{}", out.error);
}

#[tokio::test]
async fn sem_10_send_to_a_missing_actor_is_ok_and_a_send_is_delivered() {
    let h = TestHost::new();
    let counter = h.spawn_guest("counter", "counter").await;
    let relay = h.spawn_guest("relay", "relay").await;
    let missing = Address::parse("local@ghost:ghost:local").unwrap();
    assert_eq!(
        relay_through(&h, &relay, "Send", add_to(&missing, 1))
            .await
            .error,
        ""
    );
    assert_eq!(
        relay_through(&h, &relay, "Send", add_to(&counter, 3))
            .await
            .error,
        ""
    );
    // The one-way Add lands before this call, since one sender's messages stay in order.
    let total = relay_through(&h, &relay, "Call", add_to(&counter, 0)).await;
    assert_eq!(AddReply::decode(total.body.as_slice()).unwrap().total, 3);
}

#[tokio::test]
async fn sem_07_respond_without_a_waiting_requester_is_not_found() {
    let h = TestHost::new();
    let relay = h.spawn_guest("relay", "relay").await;
    let reply = h
        .shim
        .call(
            &relay,
            Payload::new(
                "relay.v1.RelayService/RespondTwice",
                Relay::default().encode_to_vec(),
            ),
            TIMEOUT,
        )
        .await
        .unwrap();
    assert_eq!(
        reply.payload.body, b"first",
        "the first respond answers; the handler's return is not sent again"
    );
    assert!(
        h.logs("second respond: not found").await,
        "{:?}",
        h.logs.lock().unwrap()
    );
}

#[tokio::test]
async fn sem_39_oversize_messages_are_refused_not_truncated() {
    let h = TestHost::with_limits(Limits {
        max_message_bytes: 1024,
        ..Limits::default()
    });
    let counter = h.spawn_guest("counter", "counter").await;
    let relay = h.spawn_guest("relay", "relay").await;
    let failed = h
        .shim
        .call(
            &counter,
            Payload::new("counter.v1.CounterService/Add", vec![0; 2048]),
            TIMEOUT,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&failed.error, ActorError::InvalidArgument(m) if m.contains("2048 bytes")),
        "{:?}",
        failed.error
    );
    let big = Relay {
        pad_to: 1500,
        ..add_to(&counter, 1)
    };
    let out = relay_through(&h, &relay, "Call", big).await;
    assert!(
        out.error.contains("exceeds the shim's limit of 1024 bytes"),
        "{}",
        out.error
    );
    let refused = h.shim.send(
        &counter,
        Payload::new("counter.v1.CounterService/Add", vec![0; 2048]),
    );
    assert!(
        matches!(&refused, Err(ActorError::InvalidArgument(m)) if m.contains("2048 bytes")),
        "{refused:?}"
    );
    // Nothing was delivered: the total is untouched.
    assert_eq!(add(&h, &counter, 1).await.unwrap(), 1);
}

#[tokio::test]
async fn sem_38_bad_components_are_refused_before_they_run() {
    let h = TestHost::new();
    let refused = |bytes: Vec<u8>| h.shim.load(&bytes).expect_err("refused").to_string();
    let err = refused(b"\0asm\x0d\0\x01\0garbage".to_vec());
    assert!(err.contains("not valid WebAssembly"), "{err}");
    let err = refused(wat::parse_str("(module)").unwrap());
    assert!(err.contains("core wasm module, not a component"), "{err}");
    let err = refused(
        wat::parse_str(r#"(component (import "acme:db/query@1.0.0" (instance)))"#).unwrap(),
    );
    assert!(
        err.contains("`acme:db/query@1.0.0`") && err.contains("guestkit:host/actor@0.1.0"),
        "{err}"
    );
    let err = refused(
        wat::parse_str(r#"(component (import "wasi:sockets/tcp@0.2.0" (instance)))"#).unwrap(),
    );
    assert!(err.contains("`wasi:sockets/tcp@0.2.0`"), "{err}");
    let err = refused(wat::parse_str("(component)").unwrap());
    assert!(
        err.contains("does not export `guestkit:host/guest@0.1.0`") && err.contains("nothing"),
        "{err}"
    );
    // Right name, wrong shape: wasmtime's type check names what is missing.
    let hollow = r#"(component (instance $g) (export "guestkit:host/guest@0.1.0" (instance $g)))"#;
    let err = refused(wat::parse_str(hollow).unwrap());
    assert!(err.contains("guestkit:host/guest"), "{err}");
}

#[tokio::test]
async fn load_file_uses_the_precompiled_artifact_for_exactly_its_component() {
    let dir = tempfile::tempdir().unwrap();
    let wasm = dir.path().join("counter.wasm");
    std::fs::copy(built_guest("counter"), &wasm).unwrap();
    let h = TestHost::new();
    assert!(!h.shim.load_file(&wasm).unwrap().precompiled());

    let artifact = guestkit_shim::precompile(&wasm).unwrap();
    assert_eq!(artifact.parent(), Some(dir.path()));
    let fresh = TestHost::new();
    let module = fresh.shim.load_file(&wasm).unwrap();
    assert!(module.precompiled(), "{} was not used", artifact.display());
    let counter = fresh
        .shim
        .spawn(&module, SpawnOptions::new("c"))
        .await
        .unwrap();
    assert_eq!(add(&fresh, &counter, 7).await.unwrap(), 7);

    // Another component under the same name does not match the artifact's key.
    let mut other = std::fs::read(&wasm).unwrap();
    append_empty_custom_section(&mut other);
    std::fs::write(&wasm, &other).unwrap();
    assert!(!TestHost::new().shim.load_file(&wasm).unwrap().precompiled());
}

/// Appends an empty custom section: the same program, different bytes.
fn append_empty_custom_section(component: &mut Vec<u8>) {
    component.extend_from_slice(&[0, 2, 1, b'x']);
}

async fn hostile(
    h: &TestHost,
    actor: &Address,
    method: &str,
    body: impl Message,
) -> Result<Vec<u8>, ActorError> {
    let route = format!("hostile.v1.HostileService/{method}");
    h.shim
        .call(actor, Payload::new(route, body.encode_to_vec()), TIMEOUT)
        .await
        .map(|reply| reply.payload.body)
        .map_err(|failed| failed.error)
}

async fn read(h: &TestHost, actor: &Address, key: &str) -> Option<u64> {
    let body = hostile(h, actor, "Read", Key { key: key.into() }).await;
    Value::decode(body.unwrap().as_slice()).unwrap().value
}

fn key(key: &str) -> Key {
    Key { key: key.into() }
}

#[tokio::test]
async fn sem_35_a_failing_or_trapping_handler_leaves_no_partial_state() {
    let h = TestHost::new();
    let actor = h.spawn_guest("hostile", "h").await;
    hostile(&h, &actor, "Write", key("kept")).await.unwrap();

    let err = hostile(&h, &actor, "WriteThenFail", key("lost"))
        .await
        .unwrap_err();
    assert_eq!(err.describe(), "application error 7: failed after writing");
    assert_eq!(read(&h, &actor, "lost").await, None);

    let err = hostile(&h, &actor, "WriteThenTrap", key("lost-to-trap"))
        .await
        .unwrap_err()
        .describe();
    // A Rust panic aborts with `unreachable`; its message went to the guest's stderr.
    assert!(err.contains("the handler trapped"), "{err}");
    assert!(err.contains("unreachable"), "{err}");

    // The trap ended the instance; a new one under the same name sees exactly what was
    // committed before.
    h.stopped(&actor).await;
    let again = h.spawn_guest("hostile", "h").await;
    assert_eq!(read(&h, &again, "lost-to-trap").await, None);
    assert_eq!(read(&h, &again, "lost").await, None);
    assert_eq!(read(&h, &again, "kept").await, Some(1));
}

#[tokio::test]
async fn sem_37_a_spinning_guest_is_stopped_at_its_deadline_and_others_keep_running() {
    let h = TestHost::with_limits(Limits {
        cpu_deadline: Duration::from_millis(300),
        ..Limits::default()
    });
    let spinner = h.spawn_guest("hostile", "spinner").await;
    let counter = h.spawn_guest("counter", "c").await;
    // While the spinner burns its budget, the counter still answers.
    let (spun, added) = tokio::join!(
        hostile(&h, &spinner, "Spin", Empty {}),
        add(&h, &counter, 1)
    );
    let err = spun.unwrap_err().describe();
    assert!(err.contains("trapped"), "{err}");
    assert!(
        err.contains("deadline") || err.contains("interrupt"),
        "{err}"
    );
    assert_eq!(added.unwrap(), 1);
    h.stopped(&spinner).await;
    assert_eq!(add(&h, &counter, 2).await.unwrap(), 3);
}

#[tokio::test]
async fn sem_37_a_guest_growing_memory_past_its_limit_traps() {
    let h = TestHost::with_limits(Limits {
        max_memory_bytes: 48 << 20,
        ..Limits::default()
    });
    let hoarder = h.spawn_guest("hostile", "hoarder").await;
    // Within the limit it works.
    hostile(&h, &hoarder, "Hoard", Amount { n: 8 })
        .await
        .unwrap();
    let err = hostile(&h, &hoarder, "Hoard", Amount { n: 256 })
        .await
        .unwrap_err()
        .describe();
    assert!(err.contains("trapped"), "{err}");
    assert!(err.contains("memory"), "{err}");
    h.stopped(&hoarder).await;
    let counter = h.spawn_guest("counter", "c").await;
    assert_eq!(add(&h, &counter, 5).await.unwrap(), 5);
}

#[tokio::test]
async fn sem_37_unbounded_recursion_traps_on_the_stack_limit() {
    let h = TestHost::new();
    let actor = h.spawn_guest("hostile", "deep").await;
    hostile(&h, &actor, "Recurse", Amount { n: 100 })
        .await
        .unwrap();
    let err = hostile(&h, &actor, "Recurse", Amount { n: u64::MAX })
        .await
        .unwrap_err()
        .describe();
    // Rust keeps large frames on its shadow stack in linear memory, which runs out before
    // wasm's own call stack does; either way the guest traps.
    assert!(err.contains("the handler trapped"), "{err}");
    assert!(
        err.contains("out of bounds memory access") || err.contains("call stack exhausted"),
        "{err}"
    );
    h.stopped(&actor).await;
}

async fn introduce_to(
    h: &TestHost,
    caller: &Address,
    req: IntroduceRequest,
) -> Result<IntroduceReply, ActorError> {
    let route = "caller.v1.CallerService/Introduce";
    let reply = h
        .shim
        .call(caller, Payload::new(route, req.encode_to_vec()), TIMEOUT)
        .await
        .map_err(|failed| failed.error)?;
    Ok(IntroduceReply::decode(reply.payload.body.as_slice()).unwrap())
}

#[tokio::test]
async fn a_guest_calls_another_through_its_typed_client() {
    let h = TestHost::new();
    let greeter = h.spawn_guest("greeter", "greeter").await;
    let caller = h.spawn_guest("caller", "caller").await;
    let introduce = |name: &str| IntroduceRequest {
        greeter: greeter.to_string(),
        name: name.into(),
        timeout_ms: 0,
    };
    let reply = introduce_to(&h, &caller, introduce("Ada")).await.unwrap();
    assert_eq!(reply.greeting, "Hello, dear Ada!");
    assert_eq!(reply.total, 1);
    let reply = introduce_to(&h, &caller, introduce("Grace")).await.unwrap();
    assert_eq!(reply.total, 2);
    assert!(h.logged("greeted Grace (1 times)"));

    // The greeter's typed error reaches the caller's caller unchanged.
    let err = introduce_to(&h, &caller, introduce(" ")).await.unwrap_err();
    assert_eq!(err.describe(), "invalid-argument: name is empty");

    // So does the host's, for a greeter that is not there.
    let mut missing = introduce("Ada");
    missing.greeter = "local@nobody:greeter:local".into();
    let err = introduce_to(&h, &caller, missing)
        .await
        .unwrap_err()
        .describe();
    assert!(err.starts_with("not-found"), "{err}");
}

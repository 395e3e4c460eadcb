//! The platform host interface, one behaviour of SEMANTICS.md at a time, driven through the
//! `probe` test guest: each test sends probes scripts of raw host calls and checks what the
//! host returned to them, and what they reported to the host.

use std::time::Duration;

use guestkit_shim::storage::SavedCapability;
use guestkit_shim::{
    Address, Capability, ExitReason, Level, Limits, OnExit, Payload, RemoteMessage,
    SealedCapability, SpawnOptions,
};
use guestkit_tests::built_guest;
use guestkit_tests::host::{TIMEOUT, TestHost, in_shim_process, store_at};
use probe_script::{
    self as script, Answers, Cap, Duplicated, Message, Op, Reason, Report, Script, Seen, Spawn,
    Started, Then,
};

fn messaging(issuer: &Address) -> Cap {
    Cap::new(issuer, "\"messaging\"")
}

/// The actor answer `i` says was spawned.
fn spawned(got: &Answers, i: usize) -> Address {
    Address::parse(&got.ok::<String>(i)).expect("a spawned actor's address")
}

fn cap(c: &Capability) -> Cap {
    Cap::new(&c.issuer, c.params.clone())
}

#[tokio::test]
async fn sem_01_one_senders_messages_arrive_in_order() {
    let h = TestHost::new();
    let receive = Op::receive(Some(10_000));
    let b = h
        .running("b", [receive.clone(), receive.clone(), receive], Then::Exit)
        .await;
    let a = h.probe("a").await;
    let sends: Vec<Op> = (1..=3)
        .map(|i| Op::send(Message::to(&b).body(format!("m{i}"))))
        .collect();
    h.run(&a, sends).await;
    let got = h.init_results(&b).await;
    let bodies: Vec<String> = got
        .all::<Seen>()
        .iter()
        .map(|s| s.body().to_owned())
        .collect();
    assert_eq!(bodies, ["m1", "m2", "m3"]);
}

#[tokio::test]
async fn sem_02_tag_filter_leaves_others_queued_and_untagged_never_match() {
    let h = TestHost::new();
    let b = h
        .running(
            "b",
            [
                Op::Receive {
                    tags: vec![2],
                    ids: Vec::new(),
                    timeout_ms: Some(10_000),
                },
                Op::Receive {
                    tags: vec![3],
                    ids: Vec::new(),
                    timeout_ms: Some(0),
                },
                Op::receive(Some(0)),
                Op::receive(Some(0)),
            ],
            Then::Exit,
        )
        .await;
    let a = h.probe("a").await;
    let to = b.to_string();
    h.run(
        &a,
        [
            Op::send(Message::to(&to).tag(1).body("one")),
            Op::send(Message::to(&to).body("untagged")),
            Op::send(Message::to(&to).tag(2).body("two")),
        ],
    )
    .await;
    let got = h.init_results(&b).await;
    assert_eq!(got.seen(0).body(), "two");
    assert_eq!(
        got.error(1),
        "timed-out",
        "an untagged message never matches a tag list"
    );
    assert_eq!(got.seen(2).body(), "one");
    assert_eq!(got.seen(3).body(), "untagged");
}

#[tokio::test]
async fn sem_02_link_died_matches_its_link_tag() {
    let h = TestHost::new();
    let failing = Script::default().then(Then::Err);
    let p = h
        .running(
            "p",
            [
                Op::DieWhenLinkDies { die: false },
                Op::spawn(Spawn::named("c").running(failing).link(Some(7))),
                Op::Receive {
                    tags: vec![7],
                    ids: Vec::new(),
                    timeout_ms: Some(10_000),
                },
            ],
            Then::Exit,
        )
        .await;
    let got = h.init_results(&p).await;
    let Seen::LinkDied(notice) = got.seen(2) else {
        panic!("not a link-died notice: {got:?}")
    };
    assert_eq!(notice.tag, Some(7));
    assert_eq!(notice.reason, Reason::Failure);
}

#[tokio::test]
async fn sem_03_receive_timeout_consumes_nothing_and_zero_polls() {
    let h = TestHost::new();
    let a = h.probe("a").await;
    let got = h
        .run(
            &a,
            [
                Op::send(Message::to("loopback").tag(5).body("kept")),
                Op::NowMs,
                Op::Receive {
                    tags: vec![6],
                    ids: Vec::new(),
                    timeout_ms: Some(200),
                },
                Op::NowMs,
                Op::receive(Some(0)),
                Op::receive(Some(0)),
            ],
        )
        .await;
    assert_eq!(got.error(2), "timed-out");
    let waited = got.get::<u64>(3) - got.get::<u64>(1);
    assert!(waited >= 200, "timed out after {waited} ms");
    assert_eq!(
        got.seen(4).body(),
        "kept",
        "the timed-out receive consumed nothing"
    );
    assert_eq!(got.error(5), "timed-out", "0 polls");
}

#[tokio::test]
async fn sem_03_receive_without_timeout_waits_as_long_as_it_takes() {
    let h = TestHost::new();
    let a = h.probe("a").await;
    let got = h
        .run(
            &a,
            [
                Op::NowMs,
                Op::send_after(Message::to("loopback").body("late"), 300),
                Op::receive(None),
                Op::NowMs,
            ],
        )
        .await;
    assert_eq!(got.seen(2).body(), "late");
    assert!(got.get::<u64>(3) - got.get::<u64>(0) >= 300);
}

#[tokio::test]
async fn sem_04_call_waits_only_for_its_own_id_and_refuses_loopback() {
    let h = TestHost::new();
    let a = h.probe("a").await;
    let b = h.probe("b").await;
    let got = h
        .run(
            &a,
            [
                Op::send(Message::to("loopback").body("queued first")),
                Op::call(Message::to(&b).route("echo").body("hi"), None),
                Op::receive(Some(0)),
                Op::call(Message::to("loopback").route("echo"), None),
            ],
        )
        .await;
    assert_eq!(got.ok::<Seen>(1).body(), r#"{"echo":"hi"}"#);
    assert_eq!(
        got.seen(2).body(),
        "queued first",
        "call left the other delivery queued"
    );
    let refused = got.err::<Seen>(3);
    assert!(
        refused.send_failed().error.contains("invalid argument"),
        "{refused:?}"
    );
}

#[tokio::test]
async fn sem_05_a_request_gets_exactly_one_outcome_and_late_responses_are_dropped() {
    let h = TestHost::new();
    let a = h.probe("a").await;
    let slow = h.probe("slow").await;
    let sleep = Script::new([Op::sleep(500)]).to_text();
    let got = h
        .run(
            &a,
            [
                Op::Request {
                    msg: Message::to(&slow).route("probe").body(sleep.as_str()),
                    timeout_ms: Some(100),
                    context: Some("mine".into()),
                    inherit: false,
                },
                Op::receive(Some(10_000)),
                Op::sleep(800),
                Op::receive(Some(0)),
                Op::call(
                    Message::to(&slow).route("probe").body(sleep.as_str()),
                    Some(100),
                ),
                Op::sleep(800),
                Op::receive(Some(0)),
            ],
        )
        .await;
    assert_eq!(got.err::<Seen>(4).send_failed().error, "timed out");
    assert_eq!(
        got.error(6),
        "timed-out",
        "the call's late response was dropped"
    );
    let failed = got.seen(1);
    let failed = failed.send_failed();
    assert_eq!(failed.request_id, got.ok::<u64>(0));
    assert_eq!(failed.error, "timed out");
    assert_eq!(failed.context.as_deref(), Some("mine"));
    assert_eq!(failed.body, sleep, "the original payload comes back");
    assert_eq!(got.error(3), "timed-out", "the late response was dropped");
}

#[tokio::test]
async fn sem_06_inherit_sends_the_response_to_the_original_requester() {
    let h = TestHost::new();
    let a = h.probe("a").await;
    let b = h.probe("b").await;
    let c = h.probe("c").await;
    let forward = Script::new([Op::Send {
        msg: Message::to(&c).route("echo").body("via b"),
        inherit: true,
    }])
    .to_text();
    let got = h
        .run(
            &a,
            [
                Op::Request {
                    msg: Message::to(&b).route("probe").body(forward),
                    timeout_ms: None,
                    context: Some("a's context".into()),
                    inherit: false,
                },
                Op::receive(Some(10_000)),
                Op::receive(Some(300)),
            ],
        )
        .await;
    let response = got.seen(1);
    let response = response.response();
    assert_eq!(response.request_id, got.ok::<u64>(0), "under a's own id");
    assert_eq!(response.context.as_deref(), Some("a's context"));
    assert_eq!(response.source, c.to_string());
    assert_eq!(response.body, r#"{"echo":"via b"}"#);
    assert_eq!(
        got.error(2),
        "timed-out",
        "b's own return value was not sent as well"
    );
}

#[tokio::test]
async fn sem_07_a_reply_to_a_one_way_message_is_not_sent() {
    let h = TestHost::new();
    let a = h.probe("a").await;
    let b = h.probe("b").await;
    let got = h
        .run(
            &a,
            [
                Op::send(Message::to(&b).route("echo").body("one-way")),
                Op::sleep(200),
                Op::receive(Some(0)),
            ],
        )
        .await;
    assert_eq!(got.error(2), "timed-out");
}

#[tokio::test]
async fn sem_08_get_blob_is_the_current_ones_and_last_blob_the_newest() {
    let h = TestHost::new();
    let b = h
        .running(
            "b",
            [
                Op::GetBlob,
                Op::receive(Some(10_000)),
                Op::GetBlob,
                Op::receive(Some(10_000)),
                Op::GetBlob,
                Op::LastBlob,
            ],
            Then::Exit,
        )
        .await;
    let a = h.probe("a").await;
    let to = b.to_string();
    h.run(
        &a,
        [
            Op::send(Message::to(&to).body("with").blob("b1")),
            Op::send(Message::to(&to).body("without")),
        ],
    )
    .await;
    let got = h.init_results(&b).await;
    assert_eq!(got.get::<Option<String>>(0), None);
    assert!(got.seen(1).request().has_blob);
    assert_eq!(got.get::<Option<String>>(2).as_deref(), Some("b1"));
    assert_eq!(
        got.get::<Option<String>>(4),
        None,
        "the second message has no blob"
    );
    assert_eq!(
        got.get::<Option<String>>(5).as_deref(),
        Some("b1"),
        "last-blob keeps the newest blob received"
    );
}

#[tokio::test]
async fn sem_09_an_attached_module_moves_to_the_receiver_and_a_duplicate_stays() {
    let h = TestHost::new();
    let a = h.probe("a").await;
    let b = h.probe("b").await;
    let got = h
        .run(
            &a,
            [Op::SpawnDuplicate {
                msg: Message::to(&b).route("take"),
                spawn: Spawn::named("kid"),
            }],
        )
        .await;
    let Duplicated { sent, spawned } = got.get(0);
    assert!(sent.is_ok(), "{got:?}");
    assert!(
        matches!(&spawned, script::Outcome::Ok(kid) if kid.contains("kid")),
        "{got:?}"
    );
    let handled = h.report(&b, |r| matches!(r, Report::Handle { .. })).await;
    let delivery = handled.delivery().unwrap();
    assert_eq!(delivery.request().attachments, 1);
}

#[tokio::test]
async fn sem_11_send_after_waits_its_delay_and_cancel_only_stops_pending_timers() {
    let h = TestHost::new();
    let a = h.probe("a").await;
    let got = h
        .run(
            &a,
            [
                Op::NowMs,
                Op::send_after(Message::to("loopback").tag(1).body("t"), 250),
                Op::Receive {
                    tags: vec![1],
                    ids: Vec::new(),
                    timeout_ms: Some(10_000),
                },
                Op::NowMs,
                Op::send_after(Message::to("loopback").tag(2), 10_000),
            ],
        )
        .await;
    assert_eq!(got.seen(2).body(), "t");
    assert!(got.get::<u64>(3) - got.get::<u64>(0) >= 250);
    let pending = got.ok::<u64>(4);
    let fired = got.ok::<u64>(1);
    let got = h
        .run(
            &a,
            [
                Op::CancelTimer { id: pending },
                Op::CancelTimer { id: pending },
                Op::CancelTimer { id: fired },
            ],
        )
        .await;
    assert_eq!(got.all::<bool>(), [true, false, false]);
}

#[tokio::test]
async fn sem_12_a_private_actor_needs_a_messaging_capability_but_host_and_loopback_never() {
    let h = TestHost::new();
    let private = h.spawn(SpawnOptions::new("private").private()).await;
    let stranger = h.probe("stranger").await;
    let got = h
        .run(
            &stranger,
            [
                Op::send(Message::to(&private).body("hi")),
                Op::request(Message::to(&private).route("echo"), None),
                Op::send(Message::to("loopback").body("me")),
                Op::send(Message::to("host").body("{}")),
            ],
        )
        .await;
    assert!(got.error(0).starts_with("permission denied"), "{got:?}");
    assert!(got.error(1).starts_with("permission denied"), "{got:?}");
    let sent = |i| got.get::<script::Outcome<u64>>(i).is_ok();
    assert!(sent(2) && sent(3), "{got:?}");

    let messaging_cap = Capability::new(private.clone(), "messaging");
    let friend = h
        .spawn(SpawnOptions::new("friend").capability(messaging_cap))
        .await;
    let got = h
        .run(
            &friend,
            [Op::call(
                Message::to(&private).route("echo").body("hi"),
                None,
            )],
        )
        .await;
    assert_eq!(got.ok::<Seen>(0).body(), r#"{"echo":"hi"}"#, "{got:?}");
    assert!(
        h.reports_from(&private, |r| matches!(r, Report::Handle { .. }))
            .is_empty(),
        "nothing of the stranger's arrived"
    );
}

#[tokio::test]
async fn sem_13_a_remote_send_needs_the_network_capability() {
    let h = TestHost::new();
    let a = h.probe("a").await;
    let remote = Op::send(Message::to("elsewhere@b:b:elsewhere").body("hi"));
    let got = h.run(&a, [remote.clone()]).await;
    assert!(got.error(0).starts_with("permission denied"), "{got:?}");
    let network = h.shim.kernel_capability("network");
    let b = h.spawn(SpawnOptions::new("b").capability(network)).await;
    let got = h.run(&b, [remote]).await;
    assert_eq!(
        got.error(0),
        "offline",
        "this shim has no network to reach other nodes"
    );
}

/// A message from `far@sender:x:far` to `to`, as a transport would hand it over.
fn from_far(to: &Address, body: &str, capabilities: Vec<SealedCapability>) -> RemoteMessage {
    RemoteMessage {
        source: Address::parse("far@sender:x:far").unwrap(),
        target: to.clone(),
        payload: Payload::new("remote", body.as_bytes().to_vec()),
        capabilities,
    }
}

#[tokio::test]
async fn sem_13_an_inbound_remote_message_reaches_only_actors_with_network() {
    let h = TestHost::new();
    let deaf = h.probe("deaf").await;
    let refused = h
        .shim
        .receive_remote(from_far(&deaf, "hi", vec![]))
        .unwrap_err();
    assert!(refused.describe().contains("\"network\""), "{refused:?}");
    let got = h.run(&deaf, [Op::receive(Some(0))]).await;
    assert_eq!(got.error(0), "timed-out", "nothing was delivered");

    let network = h.shim.kernel_capability("network");
    let listener = SpawnOptions::new("listener")
        .args(Script::new([Op::receive(Some(10_000))]).to_bytes())
        .capability(network);
    let listener = h.spawn(listener).await;
    h.shim
        .receive_remote(from_far(&listener, "hello from far", vec![]))
        .unwrap();
    let got = h.init_results(&listener).await;
    let seen = got.seen(0);
    assert_eq!(seen.body(), "hello from far");
    assert_eq!(seen.request().source, "far@sender:x:far");
}

#[tokio::test]
async fn sem_14_caps_from_another_node_claiming_ours_need_our_seal() {
    let h = TestHost::new();
    let receive = Script::new([Op::receive(Some(10_000))]);
    let opts = SpawnOptions::new("listener")
        .args(receive.to_bytes())
        .capability(h.shim.kernel_capability("network"));
    let listener = h.spawn(opts).await;
    let ours = Capability::new(listener.clone(), "messaging");
    let far = Capability::new(Address::parse("far@sender:x:far").unwrap(), "read");
    let third = Capability::new(Address::parse("third@x:x:third").unwrap(), "read");
    let sealed = |cap: &Capability, seal: Option<Vec<u8>>| SealedCapability {
        capability: cap.clone(),
        seal,
    };
    let kernel = h.shim.kernel_capability("spawn");
    let caps = vec![
        sealed(&ours, Some(h.shim.seal_for("far", &ours))),
        sealed(&kernel, Some(vec![0; 32])),
        sealed(&kernel, None),
        sealed(&ours, Some(h.shim.seal_for("elsewhere", &ours))),
        sealed(&far, None),
        sealed(&third, None),
    ];
    h.shim
        .receive_remote(from_far(&listener, "caps", caps))
        .unwrap();
    let got = h.init_results(&listener).await;
    assert_eq!(
        got.seen(0).request().caps,
        [cap(&ours), cap(&far)],
        "sealed for far, or issued on far; forged, unsealed, misdirected and third-node \
         caps are stripped"
    );
    let stripped = h
        .logs
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.message.starts_with("stripped"))
        .count();
    assert_eq!(stripped, 4);
    let got = h
        .run(
            &listener,
            [Op::Save {
                caps: vec![cap(&far)],
            }],
        )
        .await;
    assert_eq!(got.ok::<()>(0), (), "received caps can be saved");
}

#[tokio::test]
async fn sem_14_and_15_attached_capabilities_are_vetted_and_only_those_can_be_saved() {
    let h = TestHost::new();
    let a = h.probe("a").await;
    let third = h.probe("third").await;
    let minted: Cap = h
        .run(
            &a,
            [Op::Mint {
                params: "{\"read\":true}".into(),
            }],
        )
        .await
        .get(0);
    let b = h
        .running("b", [Op::receive(Some(10_000))], Then::Serve)
        .await;
    h.run(
        &a,
        [Op::send(
            Message::to(&b)
                .body("caps")
                .caps([minted.clone(), messaging(&third)]),
        )],
    )
    .await;
    let got = h.init_results(&b).await;
    assert_eq!(
        got.seen(0).request().caps,
        std::slice::from_ref(&minted),
        "the cap a neither issued nor holds is stripped"
    );
    let got = h
        .run(
            &b,
            [
                Op::Save {
                    caps: vec![messaging(&third)],
                },
                Op::Save {
                    caps: vec![minted.clone()],
                },
                Op::Mint {
                    params: "own".into(),
                },
                Op::Owned,
            ],
        )
        .await;
    assert!(got.error(0).starts_with("permission denied"), "{got:?}");
    assert_eq!(got.ok::<()>(1), (), "a received cap can be saved");
    let own: Cap = got.get(2);
    assert!(got.get::<Vec<Cap>>(3).contains(&minted), "{got:?}");
    let got = h
        .run(&b, [Op::Save { caps: vec![own] }, Op::Has { cap: minted }])
        .await;
    assert_eq!(got.ok::<()>(0), (), "a self-minted cap can be saved");
    assert!(got.get::<bool>(1));
}

#[tokio::test]
async fn sem_16_parent_and_child_hold_messaging_caps_to_each_other() {
    let h = TestHost::new();
    let p = h.probe("p").await;
    let spawn = cap(&h.shim.kernel_capability("spawn"));
    let stranger = Address::parse("local@nobody:x:local").unwrap();
    let got = h
        .run(
            &p,
            [
                Op::spawn(Spawn::named("child").request_caps([spawn.clone()])),
                Op::spawn(Spawn::named("greedy").request_caps([messaging(&stranger)])),
                Op::Owned,
            ],
        )
        .await;
    let child = spawned(&got, 0);
    assert_eq!(got.error(1), "permission-denied");
    assert!(
        got.get::<Vec<Cap>>(2).contains(&messaging(&child)),
        "{got:?}"
    );
    let owned: Vec<Cap> = h.run(&child, [Op::Owned]).await.get(0);
    assert!(owned.contains(&messaging(&p)), "{owned:?}");
    assert!(owned.contains(&spawn), "granted caps are owned: {owned:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_17_ending_revokes_issued_caps_a_restart_does_not_and_host_call_needs_its_cap() {
    let h = TestHost::new();
    let p = h.probe("p").await;
    let got = h
        .run(
            &p,
            [
                Op::spawn(Spawn::named("stays").on_exit(script::OnExit::Restart)),
                Op::spawn(Spawn::named("goes")),
            ],
        )
        .await;
    let stays = spawned(&got, 0);
    let goes = spawned(&got, 1);
    for child in [&stays, &goes] {
        h.run(
            &p,
            [Op::Kill {
                to: child.to_string().to_string(),
            }],
        )
        .await;
    }
    h.stopped(&goes).await;
    let owned: Vec<Cap> = h.run(&p, [Op::Owned]).await.get(0);
    assert!(!owned.contains(&messaging(&goes)), "{owned:?}");

    // A failure with on-exit restart keeps the actor and the caps it issued.
    let q = h.probe("q").await;
    let got = h
        .run(
            &q,
            [Op::spawn(
                Spawn::named("phoenix")
                    .running(Script::default().then(Then::Err))
                    .on_exit(script::OnExit::Restart),
            )],
        )
        .await;
    let phoenix = spawned(&got, 0);
    // It failed, and waits out its restart backoff.
    h.settle().await;
    assert!(h.inits(&phoenix).len() == 1 && h.shim.exists(&phoenix));
    let owned: Vec<Cap> = h.run(&q, [Op::Owned]).await.get(0);
    assert!(owned.contains(&messaging(&phoenix)), "{owned:?}");

    let call = Op::HostCall {
        binding: "kv".into(),
        namespace: "demo".into(),
        operation: "upper".into(),
        payload: "abc".into(),
    };
    let got = h.run(&q, [call.clone()]).await;
    assert!(got.error(0).starts_with("permission-denied"), "{got:?}");
    let allowed = h.shim.kernel_capability(r#"{"host-call":"kv/demo"}"#);
    let r = h.spawn(SpawnOptions::new("r").capability(allowed)).await;
    let nope = Op::HostCall {
        binding: "kv".into(),
        namespace: "demo".into(),
        operation: "nope".into(),
        payload: String::new(),
    };
    let got = h.run(&r, [call, nope]).await;
    assert_eq!(got.ok::<String>(0), "ABC");
    assert_eq!(
        got.error(1),
        "no operation `nope`",
        "a failed callback's string comes back"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_18_a_failure_cascades_along_links_and_a_normal_exit_does_not() {
    let h = TestHost::new();
    let p = h.probe("p").await;
    let failing = Script::new([Op::sleep(200)]).then(Then::Err);
    let exiting = Script::default().then(Then::Exit);
    let got = h
        .run(
            &p,
            [Op::spawn(Spawn::named("calm").running(exiting).link(None))],
        )
        .await;
    let calm = spawned(&got, 0);
    h.stopped(&calm).await;
    h.settle().await;
    assert!(h.shim.exists(&p), "a normal exit cascades nothing");

    let b = h.probe("b").await;
    h.run(
        &b,
        [Op::Link {
            to: p.to_string().to_string(),
            tag: None,
        }],
    )
    .await;
    h.run(
        &p,
        [Op::spawn(
            Spawn::named("doomed").running(failing).link(None),
        )],
    )
    .await;
    let (p_ends, b_ends) = (h.shim.stopped(&p), h.shim.stopped(&b));
    h.advance(Duration::from_millis(199)).await;
    assert!(h.shim.exists(&p), "p went before its child failed");
    h.advance(Duration::from_millis(1)).await;
    assert_eq!(p_ends.await, ExitReason::Killed, "the link took p down");
    assert_eq!(b_ends.await, ExitReason::Killed, "and p's link took b down");
}

#[tokio::test]
async fn sem_19_link_died_arrives_when_asked_and_linking_to_nothing_is_no_process() {
    let h = TestHost::new();
    let p = h.probe("p").await;
    let failing = Script::default().then(Then::Trap);
    let got = h
        .run(
            &p,
            [
                Op::DieWhenLinkDies { die: false },
                Op::Link {
                    to: "local@ghost:ghost:local".into(),
                    tag: Some(3),
                },
                Op::receive(Some(0)),
                Op::spawn(Spawn::named("c").running(failing).link(Some(4))),
                Op::Receive {
                    tags: vec![4],
                    ids: Vec::new(),
                    timeout_ms: Some(10_000),
                },
            ],
        )
        .await;
    let (ghost, child) = (got.seen(2), got.seen(4));
    assert!(matches!(ghost, Seen::LinkDied(_)), "{got:?}");
    assert_eq!(ghost.notice().reason, Reason::NoProcess);
    assert_eq!(ghost.notice().tag, Some(3));
    assert!(matches!(child, Seen::LinkDied(_)), "{got:?}");
    assert_eq!(child.notice().reason, Reason::Failure);
    assert!(h.shim.exists(&p));
}

#[tokio::test]
async fn sem_20_a_monitor_sees_every_exit_until_it_stops_monitoring() {
    let h = TestHost::new();
    let m = h.probe("m").await;
    let calm = h.running("calm", [Op::sleep(300)], Then::Exit).await;
    let other = h.probe("other").await;
    let got = h
        .run(
            &m,
            [
                Op::Monitor {
                    to: calm.to_string().to_string(),
                },
                Op::Monitor {
                    to: other.to_string().to_string(),
                },
                Op::StopMonitoring {
                    to: other.to_string().to_string(),
                },
                Op::receive(Some(10_000)),
            ],
        )
        .await;
    let Seen::ProcessDied(notice) = got.seen(3) else {
        panic!("not a process-died notice: {got:?}")
    };
    assert_eq!(notice.reason, Reason::Normal);
    assert!(h.shim.kill(&other));
    h.stopped(&other).await;
    let got = h.run(&m, [Op::receive(Some(200))]).await;
    assert_eq!(got.error(0), "timed-out", "no notice after stop-monitoring");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_21_restart_keeps_address_and_state_and_backs_off() {
    let h = TestHost::new();
    let ops = [Op::state_get("k"), Op::state_set("k", "kept"), Op::Started];
    let phoenix = h
        .spawn(
            SpawnOptions::new("phoenix")
                .on_exit(OnExit::Restart)
                .args(Script::new(ops).then(Then::Exit).to_bytes()),
        )
        .await;
    h.settle().await;
    assert_eq!(h.inits(&phoenix).len(), 1);
    // Restarts under a second apart back off, doubling from 100 ms: 0.1, 0.2, 0.4 s.
    for (starts, backoff_ms) in [(2, 100), (3, 200), (4, 400)] {
        h.advance(Duration::from_millis(backoff_ms - 1)).await;
        assert_eq!(
            h.inits(&phoenix).len(),
            starts - 1,
            "restarted before its {backoff_ms} ms backoff"
        );
        h.advance(Duration::from_millis(1)).await;
        assert_eq!(h.inits(&phoenix).len(), starts);
    }
    let inits = h.inits(&phoenix);
    let (first, second) = (&inits[0], &inits[1]);
    assert_eq!(first.get::<Option<String>>(0), None);
    assert!(!first.get::<Started>(2).restarted);
    assert_eq!(
        second.get::<Option<String>>(0).as_deref(),
        Some("kept"),
        "state survives a restart"
    );
    let restarted: Started = second.get(2);
    assert!(restarted.restarted);
    assert_eq!(restarted.incarnation, 2);
    assert!(h.shim.exists(&phoenix), "same address");
}

#[tokio::test]
async fn sem_22_on_exit_requests_go_out_one_way_then_the_actor_stops() {
    let h = TestHost::new();
    let heir = h.probe("heir").await;
    let p = h.probe("p").await;
    let request = Message::to(&heir).route("last-words").body("bye");
    h.run(
        &p,
        [Op::spawn(
            Spawn::named("mortal")
                .running(Script::default().then(Then::Exit))
                .on_exit(script::OnExit::Requests(vec![request])),
        )],
    )
    .await;
    let got = h
        .report(&heir, |r| matches!(r, Report::Handle { .. }))
        .await;
    let request = got.delivery().unwrap().request();
    assert_eq!(request.route.as_deref(), Some("last-words"));
    assert!(!request.expects_response);
}

#[tokio::test]
async fn sem_23_init_exit_is_normal_and_process_mode_receives_chunks_and_stop() {
    let h = TestHost::new();
    let m = h.probe("m").await;
    let got = h
        .run(
            &m,
            [
                Op::spawn(Spawn::named("done").running(Script::default().then(Then::Exit))),
                Op::spawn(Spawn::named("broken").running(Script::default().then(Then::Err))),
            ],
        )
        .await;
    for (child, reason) in [
        (spawned(&got, 0), Reason::Normal),
        (spawned(&got, 1), Reason::Failure),
    ] {
        // Either the child already ended (no-process) or the monitor sees how.
        let seen = h
            .run(
                &m,
                [
                    Op::Monitor {
                        to: child.to_string(),
                    },
                    Op::receive(Some(10_000)),
                ],
            )
            .await;
        let ended = seen.seen(1).notice().reason;
        assert!(
            ended == reason || ended == Reason::NoProcess,
            "{child}: {seen:?}"
        );
    }

    let looping = h
        .running(
            "looping",
            [Op::StreamRegister { stream: "s".into() }],
            Then::Loop,
        )
        .await;
    h.shim.send_chunk(&looping, chunk("s", 1, "first")).unwrap();
    h.shim
        .send_chunk(&looping, chunk("unregistered", 2, "dropped"))
        .unwrap();
    assert!(h.stop(&looping).await.is_some());
    let seen: Vec<Report> = h.reports_from(&looping, |r| matches!(r, Report::Receive { .. }));
    let [chunk, stop] = &seen[..] else {
        panic!("not a chunk then a stop: {seen:?}")
    };
    assert_eq!(chunk.delivery().unwrap().chunk().payload, "first");
    assert_eq!(stop.delivery(), Some(&Seen::StopRequested));
    assert!(
        h.reports_from(&looping, |r| *r == Report::OnReady)
            .is_empty(),
        "on-ready only follows `serve`"
    );
}

fn chunk(stream: &str, sequence: u64, payload: &str) -> guestkit_shim::DataChunk {
    guestkit_shim::DataChunk {
        stream_id: stream.into(),
        sequence,
        payload: payload.as_bytes().to_vec(),
        metadata: Vec::new(),
        timestamp_ms: None,
    }
}

#[tokio::test]
async fn sem_24_memory_and_fuel_limits_fail_the_actor() {
    let h = TestHost::new();
    let p = h.probe("p").await;
    let spin = Script::new([Op::Spin]);
    let got = h
        .run(
            &p,
            [
                Op::DieWhenLinkDies { die: false },
                Op::spawn(Spawn {
                    max_fuel: Some(1_000_000),
                    ..Spawn::named("burner").running(spin).link(None)
                }),
                Op::receive(Some(10_000)),
                Op::spawn(Spawn {
                    max_memory_bytes: Some(65_536),
                    ..Spawn::named("tiny").link(None)
                }),
                Op::receive(Some(10_000)),
            ],
        )
        .await;
    let burned = got.seen(2);
    assert!(matches!(burned, Seen::LinkDied(_)), "{got:?}");
    assert_eq!(burned.notice().reason, Reason::Failure);
    // A memory limit below what the component needs fails it at instantiation.
    assert_eq!(got.error(3), "invalid-module", "{got:?}");
}

#[tokio::test]
async fn load_module_stays_inside_the_drive() {
    let h = TestHost::new();
    let p = h.probe("p").await;
    let probe = built_guest("probe");
    let got = h
        .run(
            &p,
            [
                Op::spawn(Spawn::default().path(probe.to_str().unwrap())),
                Op::spawn(Spawn::default().path("../guest/probe.wasm")),
                Op::spawn(Spawn::default().path("missing.wasm")),
                Op::spawn(Spawn::named("inside").path("probe.wasm")),
            ],
        )
        .await;
    assert_eq!(
        got.error(0),
        "no-file-at-path",
        "an absolute path is refused"
    );
    assert_eq!(got.error(1), "no-file-at-path", "`..` is refused");
    assert_eq!(got.error(2), "no-file-at-path");
    assert!(spawned(&got, 3).to_string().contains("inside"), "{got:?}");
}

#[tokio::test]
async fn sem_24_concurrent_get_or_spawn_spawns_exactly_one() {
    let h = TestHost::new();
    let mut callers = Vec::new();
    for i in 0..4 {
        callers.push(h.probe(&format!("caller{i}")).await);
    }
    let script = [Op::GetOrSpawn {
        spawn: Spawn::named("singleton").public(),
    }];
    let answers = join_all(
        callers
            .iter()
            .map(|c| Box::pin(h.run(c, script.clone())))
            .collect(),
    )
    .await;
    let spawned: std::collections::BTreeSet<String> =
        answers.iter().map(|a| a.ok::<String>(0)).collect();
    assert_eq!(spawned.len(), 1, "{answers:?}");
    let found = h.shim.lookup("singleton").await.unwrap().unwrap();
    assert_eq!(found.to_string(), *spawned.first().unwrap());
}

/// Polls every future concurrently on this task, and returns their outputs in order.
async fn join_all<F: std::future::Future + Unpin>(mut futures: Vec<F>) -> Vec<F::Output> {
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (f, out) in futures.iter_mut().zip(outputs.iter_mut()) {
            if out.is_none() {
                match std::pin::Pin::new(f).poll(cx) {
                    std::task::Poll::Ready(v) => *out = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(Option::unwrap).collect()
}

#[tokio::test]
async fn sem_24_discovery_registers_names_and_finds_actors_by_type() {
    let h = TestHost::new();
    let p = h.probe("p").await;
    let got = h
        .run(
            &p,
            [
                Op::Discover {
                    actor_type: "worker".into(),
                },
                Op::spawn(Spawn::named("w").actor_type("worker")),
                Op::Discover {
                    actor_type: "worker".into(),
                },
                Op::Register {
                    name: "boss".into(),
                    to: p.to_string().to_string(),
                },
                Op::Lookup {
                    name: "boss".into(),
                },
                Op::Unregister {
                    name: "boss".into(),
                },
                Op::Lookup {
                    name: "boss".into(),
                },
            ],
        )
        .await;
    assert!(got.error(0).starts_with("not found"), "{got:?}");
    assert_eq!(got.ok::<String>(2), got.ok::<String>(1));
    assert_eq!(got.get::<Option<String>>(4), Some(p.to_string()));
    assert_eq!(got.get::<Option<String>>(6), None);
}

#[tokio::test]
async fn sem_33_chunks_arrive_in_order_per_registered_stream() {
    let h = TestHost::new();
    let sink = h.probe("sink").await;
    let source = h.probe("source").await;
    let got = h
        .run(
            &sink,
            [
                Op::StreamRegister { stream: "s".into() },
                Op::StreamRegister { stream: "s".into() },
            ],
        )
        .await;
    assert!(got.error(1).starts_with("invalid argument"), "{got:?}");
    let to = sink.to_string();
    let sends: Vec<Op> = (0..5)
        .map(|i| Op::SendChunk {
            to: to.to_string(),
            stream: "s".into(),
            sequence: i,
            body: format!("c{i}"),
        })
        .chain([Op::SendChunk {
            to: to.to_string(),
            stream: "other".into(),
            sequence: 0,
            body: "dropped".into(),
        }])
        .collect();
    h.run(&source, sends).await;
    h.run(&sink, Script::default()).await; // everything sent before is handled by now
    let chunks = h.reports_from(&sink, |r| matches!(r, Report::OnDataChunk { .. }));
    let seen: Vec<&str> = chunks
        .iter()
        .map(|r| r.delivery().unwrap().body())
        .collect();
    assert_eq!(seen, ["c0", "c1", "c2", "c3", "c4"]);
}

#[tokio::test]
async fn sem_34_init_err_aborts_startup_on_stop_runs_and_backpressure_is_observed_once() {
    let h = TestHost::builder()
        .limits(Limits {
            mailbox_backpressure: 3,
            ..Limits::default()
        })
        .build();
    let (broken, ended) = h.ended("broken", Script::default(), Then::Err).await;
    assert_eq!(ended, ExitReason::Failure);
    assert!(
        h.reports_from(&broken, |r| *r == Report::OnReady)
            .is_empty()
    );

    let busy = h.probe("busy").await;
    h.report(&busy, |r| *r == Report::OnReady).await;
    let a = h.probe("a").await;
    let mut ops = vec![Op::send(Message::to(&busy).script([Op::sleep(300)]))];
    ops.extend((0..5).map(|i| Op::send(Message::to(&busy).body(i.to_string()))));
    h.run(&a, ops).await;
    h.report(&busy, |r| match r {
        Report::Handle { delivery } => delivery.body() == "4",
        _ => false,
    })
    .await;
    let observed = h.reports_from(&busy, |r| matches!(r, Report::Observe { .. }));
    let [Report::Observe { event }] = &observed[..] else {
        panic!("not one observed event: {observed:?}")
    };
    assert!(event.contains("MailboxBackpressure"), "{event}");

    assert_eq!(h.stop(&busy).await, Some(ExitReason::Normal));
    assert_eq!(h.reports_from(&busy, |r| *r == Report::OnStop).len(), 1);
}

#[tokio::test]
async fn sem_34_a_stop_is_final_even_under_on_exit_restart() {
    let h = TestHost::new();
    let calm = h
        .spawn(SpawnOptions::new("calm").on_exit(OnExit::Restart))
        .await;
    h.report(&calm, |r| *r == Report::OnReady).await;
    assert_eq!(h.stop(&calm).await, Some(ExitReason::Normal));
    assert_eq!(h.reports_from(&calm, |r| *r == Report::OnStop).len(), 1);
    assert_eq!(
        h.reports_from(&calm, |r| *r == Report::OnReady).len(),
        1,
        "not restarted"
    );
    assert!(!h.shim.exists(&calm));
    assert_eq!(h.stop(&calm).await, None, "nothing left to stop");
    assert_eq!(h.stopped(&calm).await, ExitReason::NoProcess);
}

#[test]
fn sem_14_15_17_saved_caps_outlive_the_shim_process_unless_forged_or_revoked() {
    let state = tempfile::tempdir().unwrap();
    let receive = [Op::receive(Some(10_000))];
    let (holder, read, kernel) = in_shim_process(
        TestHost::builder().state_dir(state.path()),
        async |h: &TestHost| {
            let issuer = h.probe("issuer").await;
            let holder = h.running("holder", receive.clone(), Then::Serve).await;
            let read: Cap = h
                .run(
                    &issuer,
                    [Op::Mint {
                        params: "{\"read\":true}".into(),
                    }],
                )
                .await
                .get(0);
            let to = holder.to_string();
            h.run(
                &issuer,
                [Op::send(Message::to(&to).body("cap").caps([read.clone()]))],
            )
            .await;
            let got = h.init_results(&holder).await;
            assert_eq!(got.seen(0).request().caps, std::slice::from_ref(&read));
            let saved = h
                .run(
                    &holder,
                    [Op::Save {
                        caps: vec![read.clone()],
                    }],
                )
                .await;
            assert_eq!(saved.ok::<()>(0), ());
            (holder, read, h.shim.kernel_capability("compile-module"))
        },
    );

    // A kernel capability claiming this node, written into the database by someone else.
    let key = holder.process.to_string();
    let forged = SavedCapability {
        issuer: kernel.issuer.to_string(),
        params: kernel.params.clone(),
        signature: vec![0; 32],
    };
    store_at(state.path())
        .save_capabilities(&key, std::slice::from_ref(&forged))
        .unwrap();

    in_shim_process(
        TestHost::builder().state_dir(state.path()),
        async |h: &TestHost| {
            let holder = h.probe("holder").await;
            let owned: Vec<Cap> = h.run(&holder, [Op::Owned]).await.get(0);
            assert!(
                owned.contains(&read),
                "saved in the last process: {owned:?}"
            );
            assert!(!owned.contains(&cap(&kernel)), "forged: {owned:?}");
            let warned = h.logs.lock().unwrap().iter().any(|l| {
                l.level == Level::Warn
                    && l.actor.same_as(&holder)
                    && l.message.contains("did not sign it")
            });
            assert!(warned, "{:?}", h.logs.lock().unwrap());

            // The issuer ends for good: what it issued is revoked, saved copies included.
            let issuer = h.probe("issuer").await;
            assert_eq!(h.stop(&issuer).await, Some(ExitReason::Normal));
            let owned: Vec<Cap> = h.run(&holder, [Op::Owned]).await.get(0);
            assert!(!owned.contains(&read), "{owned:?}");
        },
    );

    let store = store_at(state.path());
    assert_eq!(
        store.saved_capabilities(&key).unwrap(),
        [],
        "the forged cap is dropped from the store, the revoked one too"
    );
}

#[tokio::test]
async fn sem_37_a_failing_actors_on_exit_policy_applies() {
    let h = TestHost::builder()
        .limits(Limits {
            cpu_deadline: Duration::from_millis(200),
            ..Limits::default()
        })
        .build();
    let spinner = h
        .spawn(SpawnOptions::new("spinner").on_exit(OnExit::Restart))
        .await;
    let healthy = h.probe("healthy").await;
    let spin = Script::new([Op::Spin]).to_bytes();
    let failed = h
        .shim
        .call(&spinner, Payload::new("probe", spin), TIMEOUT)
        .await
        .unwrap_err();
    assert!(
        failed.error.describe().contains("trapped"),
        "{:?}",
        failed.error
    );
    let got = h.run(&healthy, [Op::Our]).await;
    assert_eq!(
        got.get::<String>(0),
        healthy.to_string(),
        "the others keep running"
    );
    let started = h.run(&spinner, [Op::Started]).await;
    assert!(
        started.get::<Started>(0).restarted,
        "restarted under its on-exit policy"
    );
}

#[tokio::test]
async fn process_exit_ends_the_actor_with_its_state_committed_or_rolled_back() {
    let h = TestHost::new();
    let leaving = |name: &str, failed: bool| {
        let ops = [Op::state_set("k", "v"), Op::Exit { failed }];
        SpawnOptions::new(name).args(Script::new(ops).to_bytes())
    };
    let ended = h.shim.run(&h.module, leaving("leaver", false)).await;
    assert_eq!(
        ended.unwrap(),
        ExitReason::Normal,
        "exit(false) is a normal end"
    );
    let ended = h.shim.run(&h.module, leaving("quitter", true)).await;
    assert_eq!(
        ended.unwrap(),
        ExitReason::Failure,
        "exit(true) is a failure"
    );
    for (name, kept) in [("leaver", Some("v")), ("quitter", None)] {
        let again = h.probe(name).await;
        let got = h.run(&again, [Op::state_get("k")]).await;
        assert_eq!(
            got.get::<Option<String>>(0).as_deref(),
            kept,
            "what {name} wrote before its exit"
        );
    }
}

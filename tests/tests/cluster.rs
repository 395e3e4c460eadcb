//! Two shim nodes joined over a real NATS server (the one `.ci/servers` started): messages
//! to an actor of the other node cross as they do between local actors (SEMANTICS 5, 13,
//! 14): a call gets its answer, a one-way message arrives, a message at the shim's size limit
//! crosses, the `network` capability gates both ends, a node nobody runs is `offline`, a
//! request the other side never answers times out, and capabilities the other node cannot
//! vouch for are stripped. Nodes that share a PostgreSQL database keep an object key
//! exclusive between them, hear of each other's completions, and find each other's actors
//! by name and by type.

use std::sync::atomic::{AtomicUsize, Ordering};

use guestkit_shim::journal::{InvocationRetry, Status};
use guestkit_shim::{Address, ClusterOptions, SpawnOptions};
use guestkit_tests::host::TestHost;
use guestkit_tests::servers;
use probe_script::{Cap, Message, Op, Script, Seen, Spawn};

/// A node name no other test (of this run or another) uses on the shared NATS server.
fn unique(name: &str) -> String {
    static MADE: AtomicUsize = AtomicUsize::new(0);
    let n = MADE.fetch_add(1, Ordering::Relaxed);
    format!("{name}{}x{n}", std::process::id())
}

/// Two nodes in one cluster: `a` and `b`.
async fn pair(url: &str) -> (TestHost, TestHost) {
    let join = async |name: &str| {
        let host = TestHost::builder().node(&unique(name)).build();
        (host.shim)
            .join_cluster(url, &ClusterOptions::default())
            .await
            .expect("the node joins the cluster");
        host
    };
    (join("a").await, join("b").await)
}

/// A probe on `host` that may talk to other nodes, running `script` first when given.
async fn networked(host: &TestHost, name: &str, script: Option<Script>) -> Address {
    let mut opts = SpawnOptions::new(name).capability(host.shim.kernel_capability("network"));
    if let Some(script) = script {
        opts = opts.args(script.to_bytes());
    }
    host.spawn(opts).await
}

#[tokio::test]
async fn sem_05_13_a_call_to_another_node_gets_its_answer_even_at_the_size_limit() {
    let Some(url) = servers::nats("a call to another node") else {
        return;
    };
    let (a, b) = pair(&url).await;
    let caller = networked(&a, "caller", None).await;
    let echoer = networked(&b, "echoer", None).await;
    let big = "x".repeat(4_000_000);
    let got = a
        .run_still(
            &caller,
            [
                Op::call(Message::to(&echoer).route("echo").body("hi"), None),
                Op::call(Message::to(&echoer).route("echo").body(big.as_str()), None),
            ],
        )
        .await;
    assert_eq!(got.ok::<Seen>(0).body(), r#"{"echo":"hi"}"#);
    let echoed = got.ok::<Seen>(1).body().to_owned();
    assert_eq!(echoed.len(), big.len() + r#"{"echo":""}"#.len());
}

#[tokio::test]
async fn sem_13_a_message_reaches_another_node_and_unknown_or_closed_targets_are_named() {
    let Some(url) = servers::nats("a message to another node") else {
        return;
    };
    let (a, b) = pair(&url).await;
    let sender = networked(&a, "sender", None).await;
    let listener = networked(&b, "listener", Some(Script::new([Op::receive(None)]))).await;
    let deaf = b.probe("deaf").await;
    let ghost = unique("ghost");
    let nobody = format!("{}@nobody:x:{}", listener.node, listener.node);
    let got = a
        .run_still(
            &sender,
            [
                Op::send(Message::to(&listener).body("hello from a")),
                Op::call(
                    Message::to(format!("{ghost}@x:x:{ghost}")).route("echo"),
                    None,
                ),
                Op::call(Message::to(&nobody).route("echo"), None),
                Op::call(Message::to(&deaf).route("echo"), None),
            ],
        )
        .await;
    let failed = |i| got.err::<Seen>(i).send_failed().error.clone();
    assert_eq!(failed(1), "offline", "no node `{ghost}` runs");
    assert!(failed(2).starts_with("not found: no actor at"), "{got:?}");
    assert!(
        failed(3).starts_with("permission denied") && failed(3).contains("\"network\""),
        "{got:?}"
    );
    // NATS keeps a node's messages to another in order: the message is there by the time
    // the calls after it were answered.
    let heard = b.init_results_still(&listener).await;
    assert_eq!(heard.seen(0).body(), "hello from a");
    assert_eq!(heard.seen(0).request().source, sender.to_string());

    // Without the capability, the sender's own node refuses before anything leaves.
    let local = a.probe("local").await;
    let got = a
        .run_still(&local, [Op::send(Message::to(&listener).body("no"))])
        .await;
    assert!(got.error(0).starts_with("permission denied"), "{got:?}");
}

#[tokio::test]
async fn sem_05_a_request_the_other_node_never_answers_times_out() {
    let Some(url) = servers::nats("a request that times out") else {
        return;
    };
    let (a, b) = pair(&url).await;
    let caller = networked(&a, "caller", None).await;
    let silent = networked(&b, "silent", None).await;
    let wait = Script::new([Op::receive(None)]).to_text();
    // The caller's node moves its clock to the deadline once it is idle.
    let got = a
        .run(
            &caller,
            [Op::call(
                Message::to(&silent).route("probe").body(wait.as_str()),
                Some(100),
            )],
        )
        .await;
    assert_eq!(got.err::<Seen>(0).send_failed().error, "timed out");
}

#[tokio::test]
async fn a_frame_that_does_not_read_is_refused_to_its_requester_or_logged_and_dropped() {
    let Some(url) = servers::nats("a frame that does not read") else {
        return;
    };
    let (_a, b) = pair(&url).await;
    let subject = format!("guestkit.node.{}", b.shim.host_address().node);
    let client = async_nats::connect(&url).await.unwrap();
    let answer = client
        .request(subject.clone(), b"\xff\xff not a frame".to_vec().into())
        .await
        .expect("the node answers a request, even one it cannot read");
    let text = String::from_utf8_lossy(&answer.payload);
    assert!(text.contains("decode-failure"), "{text}");

    client
        .publish(subject, b"\xff\xff not a frame either".to_vec().into())
        .await
        .unwrap();
    client.flush().await.unwrap();
    let logged = async {
        while !b.logged("dropped a message from another node: decode-failure") {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(30), logged)
        .await
        .expect("the node logs the one-way frame it dropped");
}

#[tokio::test]
async fn sem_14_capabilities_cross_only_when_the_receiving_node_can_vouch_for_them() {
    let Some(url) = servers::nats("capabilities between nodes") else {
        return;
    };
    let (a, b) = pair(&url).await;
    let sender = networked(&a, "sender", None).await;
    let listener = networked(&b, "listener", Some(Script::new([Op::receive(None)]))).await;
    let echoer = networked(&b, "echoer", None).await;
    let own = Cap::new(&sender, "\"messaging\"");
    let third = Cap::new("third@x:x:third", "\"read\"");
    let message = Message::to(&listener)
        .body("caps")
        .caps([own.clone(), third]);
    // The call after it is answered once the message is there (NATS keeps their order).
    let echo = Op::call(Message::to(&echoer).route("echo"), None);
    a.run_still(&sender, [Op::send(message), echo]).await;
    let heard = b.init_results_still(&listener).await;
    assert_eq!(
        heard.seen(0).request().caps,
        [own],
        "issued on the sending node it is kept; a third node's is stripped"
    );
}

#[tokio::test]
async fn sem_14_a_capability_sent_to_another_node_is_trusted_when_it_comes_back() {
    let Some(url) = servers::nats("a capability coming back") else {
        return;
    };
    let (a, b) = pair(&url).await;
    let sender = networked(&a, "sender", None).await;
    let home = networked(&a, "home", Some(Script::new([Op::receive(None)]))).await;
    let own = Cap::new(&sender, "\"messaging\"");
    // On `b`, an actor that keeps the capability it receives and passes it back to `home`.
    let back = Message::to(&home).body("back").caps([own.clone()]);
    let keep = Op::Save {
        caps: vec![own.clone()],
    };
    let script = Script::new([Op::receive(None), keep, Op::send(back)]);
    let relay = networked(&b, "relay", Some(script)).await;
    let out = Message::to(&relay).body("out").caps([own.clone()]);
    a.run_still(&sender, [Op::send(out)]).await;
    let passed = b.init_results_still(&relay).await;
    assert_eq!(passed.seen(0).request().caps, std::slice::from_ref(&own));
    let heard = a.init_results_still(&home).await;
    assert_eq!(
        heard.seen(0).request().caps,
        [own],
        "issued on `a`, it went out sealed for `b` and came back with that seal"
    );
}

/// Two nodes on one PostgreSQL database, each running the probe as durable service
/// `probe`: `a` and `b`.
fn sharing(url: &str) -> (TestHost, TestHost) {
    let node = |name: &str| {
        (TestHost::builder())
            .node(&unique(name))
            .shared_store(url)
            .durable(InvocationRetry::default())
            .build()
    };
    (node("a"), node("b"))
}

#[tokio::test(flavor = "multi_thread")]
async fn sem_32_an_object_key_stays_exclusive_across_nodes_and_an_output_reaches_every_node() {
    let Some(url) = servers::postgres_database("a key across nodes") else {
        return;
    };
    let (a, b) = sharing(&url);
    let first = a.start(
        Some("k"),
        [
            Op::state_set("holder", "first"),
            Op::awakeable("go"),
            Op::wait(["go"]),
            Op::state_set("holder", "first, done"),
        ],
    );
    let go = a.awakeable_of(&first).await;
    // Submitted on the other node while the first holds the key: it starts only once the
    // first has ended, and reads what it left.
    let second = b.start(Some("k"), [Op::state_get("holder")]);
    // Completed on `b`, it wakes the first on `a`.
    b.shim
        .complete_awakeable(&go, Ok(b"\"yes\"".to_vec()))
        .unwrap();
    assert!(matches!(a.outcome(&first).await, Status::Succeeded(_)));
    let read = b.results(&second).await;
    assert_eq!(
        read.get::<Option<String>>(0).as_deref(),
        Some("first, done")
    );
    // `a` hears how the second ended, though `b` ran it.
    assert!(matches!(a.outcome(&second).await, Status::Succeeded(_)));
}

#[tokio::test(flavor = "multi_thread")]
async fn sem_24_an_actor_registered_on_one_node_is_found_by_name_and_type_on_another() {
    let what = "the cluster's registry";
    let (Some(pg), Some(nats)) = (servers::postgres_database(what), servers::nats(what)) else {
        return;
    };
    let (a, b) = sharing(&pg);
    for node in [&a, &b] {
        (node.shim)
            .join_cluster(&nats, &ClusterOptions::default())
            .await
            .expect("the node joins the cluster");
    }
    let boss = networked(&a, "boss", None).await;
    let registered = a
        .run(
            &boss,
            [
                Op::Register {
                    name: "boss".into(),
                    to: boss.to_string(),
                },
                Op::spawn(Spawn::named("w").actor_type("worker")),
            ],
        )
        .await;
    let worker = Address::parse(&registered.ok::<String>(1)).unwrap();
    let asker = networked(&b, "asker", None).await;
    let found = b
        .run(
            &asker,
            [
                Op::Lookup {
                    name: "boss".into(),
                },
                Op::Discover {
                    actor_type: "worker".into(),
                },
            ],
        )
        .await;
    assert_eq!(found.get::<Option<String>>(0), Some(boss.to_string()));
    assert_eq!(found.ok::<String>(1), worker.to_string());
    // What `b` found answers it across the nodes.
    let called = b
        .run_still(
            &asker,
            [Op::call(Message::to(&boss).route("echo").body("hi"), None)],
        )
        .await;
    assert_eq!(called.ok::<Seen>(0).body(), r#"{"echo":"hi"}"#);
    // A worker that ended is found no more, on any node.
    assert!(a.shim.kill(&worker));
    a.stopped(&worker).await;
    let gone = b
        .run(
            &asker,
            [Op::Discover {
                actor_type: "worker".into(),
            }],
        )
        .await;
    assert!(gone.error(0).starts_with("not found"), "{gone:?}");
}

/// An invocation on `host` that holds key `k` until the awakeable returned is completed,
/// having written `first` as its `holder`.
async fn holding_k(host: &TestHost) -> (String, String) {
    let first = host.start(
        Some("k"),
        [
            Op::state_set("holder", "first"),
            Op::awakeable("go"),
            Op::wait(["go"]),
        ],
    );
    let go = host.awakeable_of(&first).await;
    (first, go)
}

/// A script that reads who held the key before it, and writes `name` in its place.
fn after(name: &str) -> [Op; 2] {
    [Op::state_get("holder"), Op::state_set("holder", name)]
}

#[tokio::test(flavor = "multi_thread")]
async fn sem_32_invocations_of_one_key_on_two_nodes_run_in_the_order_they_were_submitted() {
    let Some(url) = servers::postgres_database("a key's order across nodes") else {
        return;
    };
    let (a, b) = sharing(&url);
    let (_, go) = holding_k(&a).await;
    // Submitted on `b`, then on `a`, the node that holds the key: `a`'s own comes second all
    // the same.
    let second = b.start(Some("k"), after("second"));
    let third = a.start(Some("k"), after("third"));
    a.shim
        .complete_awakeable(&go, Ok(b"\"yes\"".to_vec()))
        .unwrap();
    let read = b.results(&second).await;
    assert_eq!(read.get::<Option<String>>(0).as_deref(), Some("first"));
    let read = a.results(&third).await;
    assert_eq!(read.get::<Option<String>>(0).as_deref(), Some("second"));
}

#[tokio::test(flavor = "multi_thread")]
async fn sem_32_an_invocation_taken_over_runs_before_one_submitted_after_it_on_its_key() {
    let Some(url) = servers::postgres_database("a key's order after a takeover") else {
        return;
    };
    let (gone, a) = sharing(&url);
    let (first, go) = holding_k(&gone).await;
    // Submitted on `a` while `first` holds the key on the other node: it takes its turn
    // on `a` at once, and waits there for `first`.
    let second = a.start(Some("k"), after("second"));
    // The other node's lease ends (as a sweep ends one that ran out): `a` takes `first`
    // over, behind `second` on `a`'s own lock, and `second` gives its turn back to it.
    let node = gone.shim.host_address().node;
    let ended = format!("DELETE FROM guestkit.nodes WHERE name = '{node}'::bytea");
    servers::sql(&url, &ended);
    a.shim
        .complete_awakeable(&go, Ok(b"\"yes\"".to_vec()))
        .unwrap();
    assert!(matches!(a.outcome(&first).await, Status::Succeeded(_)));
    let read = a.results(&second).await;
    assert_eq!(read.get::<Option<String>>(0).as_deref(), Some("first"));
}

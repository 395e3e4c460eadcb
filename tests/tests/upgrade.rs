//! New code for running actors and durable services (`Shim::upgrade`, `register_service`
//! again), what `cargo guest dev` swaps in with: deliveries queued before an upgrade run on
//! the former code, state and address stay, code that cannot begin is refused, and durable
//! invocations finish on the code they began on.

use std::time::Duration;

use guestkit_shim::journal::Status;
use guestkit_shim::{ActorError, Payload, ShimError, SpawnOptions};
use guestkit_tests::host::TestHost;
use probe_script::{Op, Script, Started, Taken, Then};
use prost::Message as _;

const ADD: &str = "counter.v1.CounterService/Add";

#[derive(Clone, PartialEq, prost::Message)]
struct AddRequest {
    #[prost(uint64, tag = "1")]
    amount: u64,
}

#[derive(Clone, PartialEq, prost::Message)]
struct AddReply {
    #[prost(uint64, tag = "1")]
    total: u64,
}

fn add(amount: u64) -> Payload {
    Payload::new(ADD, AddRequest { amount }.encode_to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reactive_actor_runs_what_was_queued_before_an_upgrade_on_its_former_code() {
    let h = TestHost::new();
    let (counter, greeter) = (h.load("counter"), h.load("greeter"));
    let c = (h.shim.spawn(&counter, SpawnOptions::new("c")).await).unwrap();
    // Queued before the upgrade: the counter's code adds it.
    h.shim.send(&c, add(5)).unwrap();
    h.wait_for("the upgrade", h.shim.upgrade(&c, &greeter))
        .await
        .unwrap();
    let call = h.wait_for("a call", h.shim.call(&c, add(1), Duration::from_secs(30)));
    let refused = call.await.unwrap_err();
    assert!(
        matches!(&refused.error, ActorError::UnknownRoute(m) if m.contains("greeter")),
        "the greeter's code answers now: {:?}",
        refused.error
    );
    h.wait_for("the upgrade back", h.shim.upgrade(&c, &counter))
        .await
        .unwrap();
    let call = h.wait_for("a call", h.shim.call(&c, add(1), Duration::from_secs(30)));
    let reply = AddReply::decode(&call.await.unwrap().payload.body[..]).unwrap();
    assert_eq!(reply.total, 6, "state and address stay through both swaps");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_that_cannot_begin_is_refused_and_the_former_keeps_the_actor() {
    let h = TestHost::new();
    let p = h.probe("p").await;
    // The greeter keeps its counts under `counts`, as a map: this is not one.
    h.run(&p, [Op::state_set("counts", "not a map")]).await;
    let refused = h
        .wait_for("the upgrade", h.shim.upgrade(&p, &h.load("greeter")))
        .await
        .unwrap_err();
    let ShimError::Upgrade { reason, .. } = &refused else {
        panic!("{refused}");
    };
    assert!(reason.contains("init failed"), "{reason}");
    assert!(reason.contains("state key `counts`"), "{reason}");
    assert!(reason.contains("former code keeps running"), "{reason}");
    let got = h.run(&p, [Op::state_get("counts"), Op::Started]).await;
    assert_eq!(got.get::<Option<String>>(0).as_deref(), Some("not a map"));
    assert_eq!(
        got.get::<Started>(1).incarnation,
        1,
        "still the first incarnation"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_mode_actor_takes_new_code_at_a_receive_and_begins_again_with_its_state() {
    let h = TestHost::new();
    let ops = [Op::state_get("k"), Op::state_set("k", "kept"), Op::Started];
    let looping = h.running("looping", Script::new(ops), Then::Loop).await;
    h.init_results(&looping).await;
    h.wait_for("the upgrade", h.shim.upgrade(&looping, &h.module))
        .await
        .unwrap();
    h.settle().await;
    let inits = h.inits(&looping);
    assert_eq!(inits.len(), 2, "init ran again on the new code");
    assert_eq!(
        inits[1].get::<Option<String>>(0).as_deref(),
        Some("kept"),
        "what it committed before the receive stays"
    );
    let started: Started = inits[1].get(2);
    assert!(started.restarted);
    assert_eq!(started.incarnation, 2);
    // It receives on, in process mode.
    let got = h.run(&looping, [Op::state_get("k")]).await;
    assert_eq!(got.get::<Option<String>>(0).as_deref(), Some("kept"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_durable_invocation_finishes_on_the_code_it_began_on() {
    let state = tempfile::tempdir().unwrap();
    let d = TestHost::builder()
        .state_dir(state.path())
        .durable(Default::default())
        .build();
    let id = d.start(
        None,
        [
            Op::awakeable("approval"),
            Op::wait(["approval"]),
            Op::take("approval"),
            Op::run("ship"),
        ],
    );
    let awakeable = d.awakeable_of(&id).await;
    d.settle().await;
    // A new deployment of the service: the counter, which knows nothing of the probe's
    // journal.
    d.shim
        .register_service("probe", &d.load("counter"))
        .unwrap();
    d.shim
        .complete_awakeable(&awakeable, Ok(b"approved".to_vec()))
        .unwrap();
    let results = d.results(&id).await;
    assert_eq!(results.get::<Taken>(2), Taken::Ok("approved".into()));
    assert_eq!(d.effects(), ["ship"]);

    // A new invocation runs on the new code, which has no such handler.
    let script = Script::new([Op::run("again")]).to_bytes();
    match d.shim.start_invocation("probe", "probe", None, script) {
        Err(refused) => assert!(refused.to_string().contains("probe"), "{refused}"),
        Ok(fresh) => assert!(
            matches!(d.outcome(&fresh).await, Status::Failed(_)),
            "the counter does not run the probe's scripts"
        ),
    }
    assert_eq!(d.effects(), ["ship"]);
}

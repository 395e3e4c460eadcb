//! The node's one clock, manual: every timer of the shim (sleeps, receive timeouts,
//! `send-after`, durable timers and retry backoff) fires when the test advances the clock and
//! not before, in order, and `advance` returns once what the timers woke is idle again. CPU
//! deadlines stay on real time.

use std::time::Duration;

use guestkit_shim::journal::{InvocationRetry, Status};
use guestkit_shim::{Address, Clock, ExitReason, Limits};
use guestkit_tests::host::TestHost;
use probe_script::{Answers, Message, Op, Then};
use serde_json::json;

/// The wall-clock time the manual clocks of these tests start at.
const START: Duration = Duration::from_secs(1_000_000);

fn manual() -> TestHost {
    TestHost::builder().clock(Clock::manual_at(START)).build()
}

/// A manual host with the probe as a durable service whose first retry comes 5 s after a
/// failure.
fn retrying_after_5s() -> TestHost {
    TestHost::builder()
        .clock(Clock::manual_at(START))
        .durable(InvocationRetry {
            initial_interval: Duration::from_secs(5),
            ..InvocationRetry::default()
        })
        .build()
}

/// The answers of `actor`'s `init` script, which must end exactly `ms` from now on the clock.
async fn init_ends_after(h: &TestHost, actor: &Address, ms: u64) -> Answers {
    h.advance(Duration::from_millis(ms - 1)).await;
    assert!(h.inits(actor).is_empty(), "{actor} ended early");
    h.advance(Duration::from_millis(1)).await;
    let inits = h.inits(actor);
    inits
        .first()
        .cloned()
        .unwrap_or_else(|| panic!("{actor} did not end"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sleeping_actor_wakes_when_the_clock_reaches_its_time_and_not_before() {
    let h = manual();
    let sleeper = h
        .running("sleeper", [Op::sleep(1000), Op::Now], Then::Exit)
        .await;
    let results = init_ends_after(&h, &sleeper, 1000).await;
    assert_eq!(
        results.get::<(u64, u32)>(1),
        (START.as_secs() + 1, 0),
        "clock.now reads the clock"
    );
    assert_eq!(h.elapsed(), Duration::from_secs(1));
    assert!(!h.shim.exists(&sleeper), "it exited once its init ran");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_after_timers_fire_in_the_order_they_are_due() {
    let h = manual();
    let after = |n: u64, delay_ms: u64| {
        Op::send_after(Message::to("host").body(json!({ "n": n })), delay_ms)
    };
    let timers = h
        .running(
            "timers",
            [after(3, 300), after(1, 100), after(2, 200)],
            Then::Serve,
        )
        .await;
    let fired = |h: &TestHost| -> Vec<u64> {
        let messages = h.messages_from(&timers, |m| m["n"].is_u64());
        messages.iter().filter_map(|m| m["n"].as_u64()).collect()
    };
    h.settle().await;
    assert!(fired(&h).is_empty(), "nothing fires before the clock moves");
    h.advance(Duration::from_millis(250)).await;
    assert_eq!(fired(&h), [1, 2]);
    h.advance(Duration::from_millis(50)).await;
    assert_eq!(fired(&h), [1, 2, 3]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receive_times_out_when_the_clock_passes_its_deadline() {
    let h = manual();
    let receive = [Op::receive(Some(500))];
    let waiting = h.running("waiting", receive, Then::Exit).await;
    let results = init_ends_after(&h, &waiting, 500).await;
    assert_eq!(results.error(0), "timed-out", "the receive times out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_to_a_sleeping_actor_waits_in_its_mailbox_until_the_clock_wakes_it() {
    let h = manual();
    let ops = [Op::sleep(500), Op::receive(Some(0))];
    let sleeper = h.running("sleeper", ops, Then::Exit).await;
    let sender = h.probe("sender").await;
    let send = [Op::send(Message::to(&sleeper).body("hi"))];
    h.run(&sender, send).await;
    // The message does not wake the sleeper, and leaves the node idle: the clock can move.
    let results = init_ends_after(&h, &sleeper, 500).await;
    assert_eq!(
        results.seen(1).body(),
        "hi",
        "the message waited in its mailbox"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_completion_landing_during_a_retry_backoff_waits_for_the_retry() {
    let h = retrying_after_5s();
    let id = h.start(
        None,
        [
            Op::awakeable("a"),
            Op::awakeable("b"),
            Op::wait(["a", "b"]),
            Op::TrapFirst,
        ],
    );
    h.settle().await;
    let journal = h.shim.journal(&id).unwrap();
    let awakeables: Vec<String> = (journal.iter())
        .filter(|e| e.command == "durable.awakeable")
        .map(|e| e.result.get::<String>().unwrap())
        .collect();
    let [a, b] = &awakeables[..] else {
        panic!("two awakeables: {journal:?}")
    };
    assert!(h.shim.complete_awakeable(a, Ok(b"one".to_vec())).unwrap());
    h.settle().await;
    assert_eq!(
        h.attempts(&id),
        2,
        "the completion resumes it, and it traps"
    );
    // It still waits for `b` on record; `b` lands while it backs off.
    assert!(h.shim.complete_awakeable(b, Ok(b"two".to_vec())).unwrap());
    h.advance(Duration::from_millis(4999)).await;
    assert_eq!(h.attempts(&id), 2, "the completion cut the backoff short");
    h.advance(Duration::from_millis(1)).await;
    assert_eq!(h.attempts(&id), 3);
    assert!(h.invocation(&id).status.is_final());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_durable_timer_and_a_retry_backoff_wait_for_the_clock() {
    let h = retrying_after_5s();
    let id = h.start(
        None,
        [
            Op::durable_sleep("nap", 3000),
            Op::wait(["nap"]),
            Op::TrapFirst,
            Op::Now,
        ],
    );
    h.settle().await;
    let wake_at_ms = (START + Duration::from_secs(3)).as_millis() as u64;
    match h.invocation(&id).status {
        Status::Suspended {
            wake_at_ms: Some(at),
            ..
        } => assert_eq!(at, wake_at_ms),
        other => panic!("not suspended on its timer: {other:?}"),
    }
    h.advance(Duration::from_millis(2999)).await;
    assert_eq!(h.attempts(&id), 1, "the timer fired early");
    h.advance(Duration::from_millis(1)).await;
    assert_eq!(h.attempts(&id), 2, "the timer resumes it");
    h.advance(Duration::from_millis(4999)).await;
    assert_eq!(h.attempts(&id), 2, "the retry came before its backoff");
    h.advance(Duration::from_millis(1)).await;
    assert!(h.invocation(&id).status.is_final());
    let results = h.results(&id).await;
    assert_eq!(results.get::<(u64, u32)>(3), (START.as_secs() + 8, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spinning_guest_is_stopped_on_real_time_while_the_clock_stands_still() {
    let h = TestHost::builder()
        .clock(Clock::manual_at(START))
        .limits(Limits {
            cpu_deadline: Duration::from_millis(200),
            ..Limits::default()
        })
        .build();
    let spinner = h.running("spinner", [Op::Spin], Then::Exit).await;
    assert_eq!(h.stopped(&spinner).await, ExitReason::Failure);
    h.settle().await;
    assert_eq!(h.elapsed(), Duration::ZERO);
}

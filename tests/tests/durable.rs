//! TestHost invocations (SEMANTICS 25–32), run on the `probe` guest registered as a durable
//! service: the invocation's input is a script of host calls, its output their results. A
//! run's side effect is a message to the host (route `effect`), counted here.

use std::path::Path;
use std::time::Duration;

use guestkit_shim::journal::{
    self, AttemptLimit, Completion, Failure, Invocation, InvocationRetry, JournalEntry, OnGuestBug,
    Recorded, Status,
};
use guestkit_shim::storage::{DurableWrite, JournalAppend, StateChanges, StateStore};
use guestkit_shim::{Clock, Limits, Shim};
use guestkit_tests::built_guest;
use guestkit_tests::host::{TIMEOUT, TestHost, in_shim_process, store_at};
use probe_script::{
    Answers, Combinator, Ending, InvocationRef, Message, Op, Ran, RunOutcome, Script, Taken,
    Target, names,
};
use rand_chacha::rand_core::Rng as _;
use serde_json::json;

/// A host on the database under `state`, with the probe as durable service retried under
/// `retry`, on a manual clock: a test waiting for an invocation moves the clock from timer
/// to timer.
fn durable_at(state: &Path, retry: InvocationRetry) -> guestkit_tests::host::TestHostBuilder {
    TestHost::builder().state_dir(state).durable(retry)
}

/// A shim on a new database that retries quickly and for ever.
fn fresh() -> (tempfile::TempDir, TestHost) {
    fresh_with(quick(None, false))
}

/// A shim on a new database that retries under `retry`.
fn fresh_with(retry: InvocationRetry) -> (tempfile::TempDir, TestHost) {
    let state = tempfile::tempdir().unwrap();
    let d = durable_at(state.path(), retry).build();
    (state, d)
}

fn quick(max_attempts: Option<u32>, pause: bool) -> InvocationRetry {
    InvocationRetry {
        initial_interval: Duration::from_millis(10),
        max_interval: Duration::from_millis(50),
        max_attempts,
        pause_when_exhausted: pause,
        ..InvocationRetry::default()
    }
}

/// Retries only after an hour: the invocation stays unfinished when its shim goes away.
fn after_an_hour() -> InvocationRetry {
    InvocationRetry {
        initial_interval: Duration::from_secs(3600),
        max_interval: Duration::from_secs(3600),
        ..InvocationRetry::default()
    }
}

/// A script whose every journaled step is followed by a trap in the first attempt.
fn steps_then_trap() -> Script {
    Script::new([
        Op::Replaying,
        Op::run("charge"),
        Op::Now,
        Op::Random,
        Op::state_set("k", "v"),
        Op::state_get("k"),
        Op::TrapFirst,
        Op::Replaying,
    ])
}

#[tokio::test]
async fn sem_25_a_retry_replays_recorded_values_without_running_side_effects_again() {
    let (_state, d) = fresh();
    let id = d.start(Some("k"), steps_then_trap());
    let results = d.results(&id).await;

    assert_eq!(d.attempts(&id), 2, "the first attempt trapped");
    assert_eq!(d.effects(), ["charge"], "the run's side effect ran once");
    assert!(results.get::<bool>(0), "the retry began by replaying");
    assert_eq!(
        results.get::<Ran>(1),
        Ran {
            replayed: true,
            value: Some(Taken::Ok("charge done".into()))
        }
    );
    assert!(
        !results.get::<bool>(7),
        "past the journal's end, not replaying"
    );

    let journal = d.shim.journal(&id).unwrap();
    assert_eq!(
        d.commands(&id),
        ["run", "clock.now", "state.set", "state.get"]
    );
    assert_eq!(
        *results.raw(2),
        json!(now_of(&journal[1])),
        "the same clock"
    );
    // Random values are not journaled: they come from the invocation's seeded stream.
    assert_eq!(
        results.get::<u64>(3),
        stream_of(&d.invocation(&id)).next_u64(),
        "the invocation's first random number"
    );
    assert_eq!(results.get::<Option<String>>(5).as_deref(), Some("v"));
}

#[test]
fn sem_25_an_unfinished_invocation_resumes_in_the_next_shim_process() {
    let state = tempfile::tempdir().unwrap();
    let (id, first) = in_shim_process(
        durable_at(state.path(), after_an_hour()),
        async |d: &TestHost| {
            let id = d.start(Some("order-1"), steps_then_trap());
            // The first attempt traps; its retry is an hour away when this shim goes.
            d.settle().await;
            assert_eq!(d.attempts(&id), 1);
            assert_eq!(d.commands(&id).len(), 4, "random values are not journaled");
            assert_eq!(d.effects(), ["charge"]);
            let journal = d.shim.journal(&id).unwrap();
            (id, journal)
        },
    );

    let results = in_shim_process(
        durable_at(state.path(), quick(None, false)),
        async |d: &TestHost| {
            let results = d.results(&id).await;
            assert!(
                d.effects().is_empty(),
                "nothing ran again: {:?}",
                d.effects()
            );
            results
        },
    );
    assert!(results.get::<Ran>(1).replayed);
    assert_eq!(
        *results.raw(2),
        json!(now_of(&first[1])),
        "the clock of the first process"
    );
    let invocation = in_shim_process(durable_at(state.path(), quick(None, false)), async |d| {
        d.invocation(&id)
    });
    assert_eq!(
        results.get::<u64>(3),
        stream_of(&invocation).next_u64(),
        "the random number of its seed"
    );
}

/// The reading a `clock.now` entry holds.
fn now_of(entry: &JournalEntry) -> (u64, u32) {
    entry.result.get().unwrap()
}

/// The random stream of `invocation`.
fn stream_of(invocation: &Invocation) -> rand_chacha::ChaCha20Rng {
    journal::seeded_stream(&invocation.id, invocation.random_seed)
}

#[tokio::test]
async fn sem_25_wasi_clocks_and_random_replay_what_the_first_attempt_saw() {
    let (_state, d) = fresh();
    // Each value is kept in state by the first attempt (state writes land as journaled); the
    // retry reports its own values, replaying.
    let id = d.start(
        Some("k"),
        [
            Op::Now,
            Op::KeepLast { key: "now".into() },
            Op::Random,
            Op::KeepLast {
                key: "random".into(),
            },
            Op::WasiNow,
            Op::KeepLast {
                key: "wasi-now".into(),
            },
            Op::WasiRandom,
            Op::KeepLast {
                key: "wasi-random".into(),
            },
            Op::TrapFirst,
        ],
    );
    let results = d.results(&id).await;
    assert_eq!(d.attempts(&id), 2, "the first attempt trapped");
    let kept = d.start(
        Some("k"),
        ["now", "random", "wasi-now", "wasi-random"].map(Op::state_get),
    );
    let kept = d.results(&kept).await.all::<Option<String>>();
    for (n, (what, kept)) in ["now", "random", "wasi-now", "wasi-random"]
        .iter()
        .zip(kept)
        .enumerate()
    {
        let kept: serde_json::Value = serde_json::from_str(&kept.unwrap()).unwrap();
        assert_eq!(
            *results.raw(2 * n),
            kept,
            "{what}: the retry saw what the first saw"
        );
    }
    assert_eq!(
        results.get::<u64>(2),
        stream_of(&d.invocation(&id)).next_u64(),
        "the first value of the invocation's stream"
    );
    let commands = d.commands(&id);
    assert!(
        commands.contains(&"wasi:clocks/wall-clock.now".to_owned()),
        "{commands:?}"
    );
    assert!(
        !commands.iter().any(|c| c.contains("random")),
        "random values are drawn, not journaled: {commands:?}"
    );
}

#[test]
fn sem_25_a_journal_written_as_json_before_entries_were_binary_still_replays() {
    let state = tempfile::tempdir().unwrap();
    let (id, invocation, journal) = in_shim_process(
        durable_at(state.path(), after_an_hour()),
        async |d: &TestHost| {
            let script = Script::new([
                Op::Replaying,
                Op::run("charge"),
                Op::Now,
                Op::WasiNow,
                Op::Random,
                Op::state_set("k", "v"),
                Op::state_get("k"),
                Op::TrapFirst,
            ]);
            let id = d.start(Some("order-1"), script);
            d.settle().await;
            (id.clone(), d.invocation(&id), d.shim.journal(&id).unwrap())
        },
    );
    // The records as the shim wrote them before: JSON, bytes as arrays of numbers, the WASI
    // clock not journaled, and the random number journaled (as 42) after the clock.
    let store = store_at(state.path());
    store
        .put_invocation(&id, &serde_json::to_vec(&invocation).unwrap())
        .unwrap();
    let mut entries: Vec<serde_json::Value> = journal
        .iter()
        .filter(|e| e.command != "wasi:clocks/wall-clock.now")
        .map(|e| {
            let result = match e.command.as_str() {
                "run" => json!(e.result.get::<Completion>().unwrap()),
                "clock.now" => json!(now_of(e)),
                "state.set" => json!(null),
                "state.get" => json!(e.result.get::<Option<Vec<u8>>>().unwrap()),
                other => panic!("unexpected entry {other}"),
            };
            json!({
                "command": e.command,
                "fields": e.fields,
                "payload": e.payload,
                "result": result,
                "applied": e.applied,
            })
        })
        .collect();
    entries.insert(
        2,
        json!({ "command": "random.next-u64", "fields": {}, "result": 42 }),
    );
    for (index, entry) in entries.iter().enumerate() {
        let append = JournalAppend {
            invocation: id.clone(),
            index: index as u32,
            entry: serde_json::to_vec(entry).unwrap(),
        };
        store
            .write_durable(&[&DurableWrite::Journal(append)])
            .unwrap();
    }
    drop(store);

    let results = in_shim_process(
        durable_at(state.path(), quick(None, false)),
        async |d: &TestHost| {
            let results = d.results(&id).await;
            assert!(d.effects().is_empty(), "nothing ran again");
            results
        },
    );
    assert!(results.get::<Ran>(1).replayed);
    assert_eq!(*results.raw(2), json!(now_of(&journal[1])), "the clock");
    assert_eq!(
        results.get::<u64>(4),
        42,
        "the random number its journal holds"
    );
    assert_eq!(results.get::<Option<String>>(6).as_deref(), Some("v"));
}

#[tokio::test]
async fn sem_39_a_value_over_the_message_limit_is_not_journaled_and_the_attempt_retries() {
    let state = tempfile::tempdir().unwrap();
    let d = durable_at(state.path(), quick(Some(2), false))
        .limits(Limits {
            max_message_bytes: 64 * 1024,
            ..Limits::default()
        })
        .build();
    let big = "x".repeat(100 * 1024);
    let id = d.start(Some("k"), [Op::state_set("k", &big)]);
    let Status::Failed(failure) = d.outcome(&id).await else {
        panic!("failed after its attempts")
    };
    assert!(
        failure.message.contains("102400 bytes") && failure.message.contains("65536"),
        "{failure}"
    );
    assert_eq!(d.attempts(&id), 2, "retried: {failure}");
    assert!(d.commands(&id).is_empty(), "nothing journaled");
    let read = d.start(Some("k"), [Op::state_get("k")]);
    assert_eq!(d.results(&read).await.get::<Option<String>>(0), None);

    // A completion from outside is refused the same way.
    let waiting = d.start(Some("w"), [Op::awakeable("a"), Op::wait(["a"])]);
    let awakeable = d.awakeable_of(&waiting).await;
    let refused = d
        .shim
        .complete_awakeable(&awakeable, Ok(big.into_bytes()))
        .unwrap_err();
    assert!(refused.to_string().contains("102400 bytes"), "{refused}");
}

#[test]
fn sem_26_a_changed_journal_entry_fails_the_attempt_with_570_then_pauses_or_fails() {
    for pause in [true, false] {
        let state = tempfile::tempdir().unwrap();
        let id = in_shim_process(
            durable_at(state.path(), after_an_hour()),
            async |d: &TestHost| {
                let id = d.start(Some("k"), steps_then_trap());
                // The first attempt has trapped, and that is recorded.
                d.settle().await;
                assert_eq!(d.invocation(&id).retry_count, 1);
                id
            },
        );
        // The journal says the handler ran another run at index 0 than it does.
        edit_first_entry(state.path(), &id, |e| {
            e.fields = json!({ "name": "refund" })
        });

        let status = in_shim_process(
            durable_at(state.path(), quick(Some(3), pause)),
            async |d: &TestHost| {
                let status = d.outcome(&id).await;
                assert!(d.effects().is_empty(), "a mismatch runs nothing");
                assert_eq!(d.attempts(&id), 3, "retried under the policy");
                status
            },
        );
        let failure = match (pause, status) {
            (true, Status::Paused(f)) | (false, Status::Failed(f)) => f,
            (_, other) => panic!("pause {pause}: {other:?}"),
        };
        assert_eq!(failure.code, 570, "{failure}");
        assert!(failure.message.contains("refund"), "{failure}");
    }
}

/// Rewrites entry 0 of invocation `id`'s journal in the database under `state`, as someone
/// other than the shim would, while no shim has it open.
fn edit_first_entry(state: &Path, id: &str, edit: impl FnOnce(&mut JournalEntry)) {
    edit_entry(state, id, 0, edit)
}

/// Rewrites entry `index` of invocation `id`'s journal, as [`edit_first_entry`] does.
fn edit_entry(state: &Path, id: &str, index: u32, edit: impl FnOnce(&mut JournalEntry)) {
    let store = store_at(state);
    let journal = store.journal(id).unwrap();
    let mut entry = JournalEntry::decode(&journal[index as usize]).unwrap();
    edit(&mut entry);
    put_entry(&*store, id, index, &entry);
}

/// Writes `entry` at `index` of invocation `id`'s journal in `store`, as someone other than
/// the shim would.
fn put_entry(store: &dyn StateStore, id: &str, index: u32, entry: &JournalEntry) {
    store
        .write_durable(&[&DurableWrite::Journal(JournalAppend {
            invocation: id.to_owned(),
            index,
            entry: entry.encode(),
        })])
        .unwrap();
}

#[tokio::test]
async fn sem_40_state_written_before_a_terminal_error_stays_and_is_seen_at_once() {
    let (_state, d) = fresh();
    // Saga bookkeeping, then a terminal error: the bookkeeping stays, as in Restate.
    let saga = d.start(
        Some("k"),
        Script::new([Op::state_set("step", "reserved")]).ending(Ending::Refuse),
    );
    assert!(matches!(d.outcome(&saga).await, Status::Failed(f) if f.code == 422));
    let read = d.start(Some("k"), [Op::state_get("step")]);
    assert_eq!(
        d.results(&read).await.all::<Option<String>>(),
        [Some("reserved".to_owned())]
    );

    // A write is applied as it is journaled: a shared handler sees it while its writer waits.
    let holder = d.start(
        Some("k"),
        [
            Op::state_set("step", "charged"),
            Op::awakeable("go"),
            Op::wait(["go"]),
        ],
    );
    let awakeable = d.awakeable_of(&holder).await;
    let reader = d.start_shared("k", [Op::state_get("step")]);
    assert_eq!(
        d.results(&reader).await.all::<Option<String>>(),
        [Some("charged".to_owned())]
    );
    d.shim
        .complete_awakeable(&awakeable, Ok(Vec::new()))
        .unwrap();
    d.results(&holder).await;
}

#[test]
fn sem_40_replay_applies_no_state_write_again() {
    let state = tempfile::tempdir().unwrap();
    let id = in_shim_process(
        durable_at(state.path(), after_an_hour()),
        async |d: &TestHost| {
            let script = [
                Op::state_set("n", "1"),
                Op::state_set("n", "2"),
                Op::TrapFirst,
            ];
            let id = d.start(Some("k"), script);
            d.settle().await;
            assert_eq!(d.invocation(&id).retry_count, 1);
            id
        },
    );
    // The next attempt replays the first write, then finds another second step: had the
    // replay written "1" again, it would be what the object holds.
    edit_entry(state.path(), &id, 1, |e| e.command = "state.clear".into());
    in_shim_process(
        durable_at(state.path(), quick(Some(1), true)),
        async |d: &TestHost| {
            assert!(matches!(d.outcome(&id).await, Status::Paused(f) if f.code == 570));
            let read = d.start_shared("k", [Op::state_get("n")]);
            assert_eq!(
                d.results(&read).await.all::<Option<String>>(),
                [Some("2".to_owned())]
            );
        },
    );
}

#[test]
fn a_state_write_journaled_before_writes_landed_with_their_entries_lands_with_the_output() {
    let state = tempfile::tempdir().unwrap();
    let id = in_shim_process(
        durable_at(state.path(), after_an_hour()),
        async |d: &TestHost| {
            let id = d.start(Some("k"), [Op::state_set("n", "1"), Op::TrapFirst]);
            d.settle().await;
            id
        },
    );
    // As an older shim left it: the entry is journaled, the write is not applied.
    edit_first_entry(state.path(), &id, |e| e.applied = false);
    let owner = "durable:probe/k";
    let store = store_at(state.path());
    store.commit(owner, &StateChanges::clear_all()).unwrap();
    drop(store);
    in_shim_process(
        durable_at(state.path(), quick(None, false)),
        async |d: &TestHost| {
            assert!(matches!(d.outcome(&id).await, Status::Succeeded(_)));
            let read = d.start(Some("k"), [Op::state_get("n")]);
            assert_eq!(
                d.results(&read).await.all::<Option<String>>(),
                [Some("1".to_owned())]
            );
        },
    );
}

#[test]
fn sem_26_a_wait_with_another_combinator_is_a_mismatch_and_older_entries_without_one_replay() {
    for (edit, mismatch) in [("another combinator", true), ("none recorded", false)] {
        let state = tempfile::tempdir().unwrap();
        let id = in_shim_process(
            durable_at(state.path(), after_an_hour()),
            async |d: &TestHost| {
                let script = [Op::awakeable("go"), Op::wait(["go"]), Op::TrapFirst];
                let id = d.start(Some("k"), script);
                let go = d.awakeable_of(&id).await;
                d.shim.complete_awakeable(&go, Ok(Vec::new())).unwrap();
                d.settle().await;
                assert_eq!(d.invocation(&id).retry_count, 1);
                assert_eq!(d.commands(&id)[1], "durable.wait");
                id
            },
        );
        edit_entry(state.path(), &id, 1, |e| {
            let node = &mut e.fields[0];
            assert_eq!(node["combinator"], "first-completed", "{node}");
            match mismatch {
                true => node["combinator"] = json!("all-completed"),
                false => drop(node.as_object_mut().unwrap().remove("combinator")),
            }
        });
        let status = in_shim_process(
            durable_at(state.path(), quick(Some(1), false)),
            async |d: &TestHost| d.outcome(&id).await,
        );
        match (mismatch, status) {
            (true, Status::Failed(f)) => {
                assert!(f.code == 570 && f.message.contains("combinator"), "{f}")
            }
            (false, Status::Succeeded(_)) => {}
            (_, other) => panic!("{edit}: {other:?}"),
        }
    }
}

#[test]
fn sem_41_a_handler_that_returns_before_replaying_every_entry_fails_with_570() {
    let state = tempfile::tempdir().unwrap();
    let id = in_shim_process(
        durable_at(state.path(), after_an_hour()),
        async |d: &TestHost| {
            let id = d.start(Some("k"), [Op::Now, Op::TrapFirst]);
            d.settle().await;
            id
        },
    );
    // As if an older version of the code had taken one more step before trapping.
    let store = store_at(state.path());
    let step = JournalEntry::new(
        "state.get",
        json!({ "key": "n" }),
        Recorded::of(&None::<Vec<u8>>),
    );
    put_entry(&*store, &id, 1, &step);
    drop(store);
    let status = in_shim_process(
        durable_at(state.path(), quick(Some(1), false)),
        async |d: &TestHost| d.outcome(&id).await,
    );
    match status {
        Status::Failed(f) => {
            assert_eq!(f.code, 570, "{f}");
            assert!(
                f.message.contains("after 1 of the journal's 2 entries")
                    && f.message.contains("entry 1 (`state.get`)"),
                "{f}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn sem_26_payload_differences_are_tolerated_with_payload_checks_off() {
    for checks in [true, false] {
        let state = tempfile::tempdir().unwrap();
        // The first attempt writes "v"; the database then says it wrote "w".
        let script = [
            Op::PayloadChecks { on: checks },
            Op::state_set("k", "v"),
            Op::TrapFirst,
        ];
        let id = in_shim_process(
            durable_at(state.path(), after_an_hour()),
            async |d: &TestHost| {
                let id = d.start(Some("k"), script.clone());
                d.settle().await;
                assert!(!d.commands(&id).is_empty());
                id
            },
        );
        edit_first_entry(state.path(), &id, |e| e.payload = Some(b"w".to_vec()));

        let status = in_shim_process(
            durable_at(state.path(), quick(Some(2), false)),
            async |d: &TestHost| d.outcome(&id).await,
        );
        match (checks, status) {
            (true, Status::Failed(Failure { code: 570, .. })) | (false, Status::Succeeded(_)) => {}
            (_, other) => panic!("payload checks {checks}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn sem_27_a_side_effect_outside_a_run_fails_with_571() {
    let state = tempfile::tempdir().unwrap();
    let d = durable_at(state.path(), quick(Some(1), false)).build();
    let id = d.start(None, [Op::send(Message::to("host").body("hi"))]);
    match d.outcome(&id).await {
        Status::Failed(f) => {
            assert_eq!(f.code, 571, "{f}");
            assert!(f.message.contains("messaging.send"), "{f}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn sem_27_a_bug_in_the_guest_pauses_after_a_few_attempts_by_default_or_as_the_policy_says() {
    let outside_run = || Script::new([Op::send(Message::to("host").body("hi"))]);
    let forever = InvocationRetry {
        max_attempts: None,
        ..quick(None, true)
    };
    for (on_guest_bug, attempts, paused) in [
        (OnGuestBug::default(), 10, true),
        (OnGuestBug::Retry { max_attempts: 3 }, 3, true),
        (OnGuestBug::Pause, 1, true),
        (OnGuestBug::Fail, 1, false),
    ] {
        let state = tempfile::tempdir().unwrap();
        let retry = InvocationRetry {
            on_guest_bug,
            ..forever
        };
        let d = durable_at(state.path(), retry).build();
        let id = d.start(None, outside_run());
        let failure = match (paused, d.outcome(&id).await) {
            (true, Status::Paused(f)) | (false, Status::Failed(f)) => f,
            (_, other) => panic!("{on_guest_bug:?}: {other:?}"),
        };
        assert_eq!(d.attempts(&id), attempts, "{on_guest_bug:?}");
        assert_eq!(failure.code, 571);
        assert!(
            failure.message.contains("messaging.send is a side effect")
                && failure
                    .message
                    .contains("wrap it in `guestkit::durable::run`"),
            "{failure}"
        );
        // It holds no key and blocks nothing: the next invocation runs.
        let next = d.start(None, [Op::Now]);
        d.results(&next).await;
    }

    // A `wait` on a handle the guest already took is a protocol violation too.
    let (_state, d) = fresh_with(forever);
    let taken_twice = d.start(
        None,
        [
            Op::durable_sleep("nap", 10),
            Op::wait(["nap"]),
            Op::take("nap"),
            Op::wait(["nap"]),
        ],
    );
    match d.outcome(&taken_twice).await {
        Status::Paused(f) => assert!(
            f.code == 571
                && f.message
                    .contains("already took: `take` gives a handle's value once"),
            "{f}"
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_invocation_with_its_own_attempt_limit_stops_there() {
    let (_state, d) = fresh();
    let id = d
        .shim
        .submit_invocation(guestkit_shim::journal::Request {
            service: "probe".into(),
            handler: "probe".into(),
            input: Script::new([Op::Trap]).to_bytes(),
            limit: Some(AttemptLimit {
                max_attempts: 2,
                pause: false,
            }),
            ..Default::default()
        })
        .unwrap();
    match d.outcome(&id).await {
        Status::Failed(f) => assert!(f.message.contains("the handler trapped"), "{f}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        d.attempts(&id),
        2,
        "the service retries for ever; the invocation twice"
    );
}

#[tokio::test]
async fn sem_27_a_context_call_inside_an_executing_run_pauses_the_invocation_at_once() {
    let (_state, d) = fresh();
    for (inside, says) in [
        (
            Op::state_get("n"),
            "state.get was called inside the run `charge`",
        ),
        (Op::Now, "clock.now was called inside the run `charge`"),
        (
            Op::durable_sleep("nap", 10),
            "durable.sleep was called inside",
        ),
        (
            Op::RunBegin {
                name: "again".into(),
            },
            "durable.run-begin was called inside the run `charge`",
        ),
    ] {
        let begin = Op::RunBegin {
            name: "charge".into(),
        };
        // A paused invocation holds its key: each case has a key of its own.
        let id = d.start(Some(says), [begin, inside]);
        match d.outcome(&id).await {
            Status::Paused(f) => assert!(
                f.code == 571 && f.message.contains(says) && f.message.contains("durable::run"),
                "{f:?}"
            ),
            other => panic!("{says}: {other:?}"),
        }
        assert_eq!(d.attempts(&id), 1, "not retried: {says}");
        assert!(
            d.commands(&id).is_empty(),
            "nothing journaled: {:?}",
            d.commands(&id)
        );
    }
}

#[tokio::test]
async fn sem_28_a_retryable_run_is_retried_under_its_policy_then_fails_or_pauses() {
    let (_state, d) = fresh();
    let flaky = |pause: bool| {
        [Op::Run {
            name: "charge".into(),
            effect: true,
            outcome: RunOutcome::Retryable,
            max_attempts: Some(3),
            max_duration_ms: None,
            pause,
        }]
    };

    let id = d.start(None, flaky(false));
    let results = d.results(&id).await;
    assert_eq!(d.effects(), ["charge", "charge", "charge"], "three tries");
    assert_eq!(run_failure(&results, 0), 500);
    assert_eq!(
        d.commands(&id),
        ["run"],
        "the terminal failure is journaled"
    );

    let paused = d.start(None, flaky(true));
    assert!(matches!(d.outcome(&paused).await, Status::Paused(_)));

    let id = d.start(
        None,
        [Op::Run {
            name: "book".into(),
            effect: true,
            outcome: RunOutcome::Terminal,
            max_attempts: None,
            max_duration_ms: None,
            pause: false,
        }],
    );
    let results = d.results(&id).await;
    assert_eq!(
        run_failure(&results, 0),
        409,
        "a terminal outcome is not retried"
    );
    assert_eq!(d.attempts(&id), 1);
}

/// The code of the failure that the run of answer `i` took.
fn run_failure(results: &Answers, i: usize) -> u16 {
    let ran: Ran = results.get(i);
    let value = ran
        .value
        .unwrap_or_else(|| panic!("the run took nothing: {results:?}"));
    value.failure().code
}

#[tokio::test]
async fn sem_31_handler_outcomes_succeed_fail_or_retry() {
    let (_state, d) = fresh();

    let ok = d.start(Some("k"), [Op::state_set("a", "1")]);
    assert_eq!(d.results(&ok).await.all::<()>(), [()]);

    let failed = d.start(None, Script::default().ending(Ending::Fail));
    assert!(matches!(d.outcome(&failed).await, Status::Failed(f) if f.code == 500));
    assert_eq!(d.attempts(&failed), 1, "a terminal error is not retried");

    let retried = d.start(None, Script::default().ending(Ending::RetryableFirst));
    d.results(&retried).await;
    assert_eq!(d.attempts(&retried), 2);
    // A terminal error's code and message reach the caller as they are, not as a 500.
    let refused = d.start(None, Script::default().ending(Ending::Refuse));
    match d.outcome(&refused).await {
        Status::Failed(f) => assert_eq!(
            (f.code, f.message.as_str()),
            (422, "the script refused the request")
        ),
        other => panic!("{other:?}"),
    }
    let caller = d.start(
        None,
        [
            Op::DurableCall {
                target: Target::default(),
                script: Script::default().ending(Ending::Refuse),
                pad: 0,
                name_as: "c".into(),
            },
            Op::wait(["c"]),
            Op::take("c"),
        ],
    );
    let taken = d.results(&caller).await.get::<Taken>(2);
    assert_eq!(taken.failure().code, 422, "{taken:?}");
    assert_eq!(taken.failure().message, "the script refused the request");
}

/// The request of the relay guest's `Flaky` handler (a `#[guestkit::actor]` impl).
#[derive(Clone, PartialEq, prost::Message)]
struct FlakyRequest {
    #[prost(string, tag = "2")]
    route: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct FlakyReply {
    #[prost(bytes = "vec", tag = "1")]
    body: Vec<u8>,
}

#[tokio::test]
async fn sem_31_a_facade_handler_err_is_retried_and_its_terminal_error_reaches_the_caller() {
    use prost::Message as _;
    let (_state, d) = fresh();
    d.shim.register_service("relay", &d.load("relay")).unwrap();
    let start = |route: &str| {
        let input = FlakyRequest {
            route: route.into(),
        }
        .encode_to_vec();
        let handler = "relay.v1.RelayService/Flaky";
        d.shim
            .start_invocation("relay", handler, None, input)
            .unwrap()
    };

    let flaky = start("");
    let Status::Succeeded(output) = d.outcome(&flaky).await else {
        panic!("the second attempt succeeds")
    };
    let reply = FlakyReply::decode(output.as_slice()).unwrap();
    assert_eq!(reply.body, b"attempt 2");
    assert_eq!(d.attempts(&flaky), 2, "an ordinary Err is retried");

    let refused = start("terminal");
    match d.outcome(&refused).await {
        Status::Failed(f) => {
            assert_eq!((f.code, f.message.as_str()), (409, "refused by the relay"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(d.attempts(&refused), 1, "a terminal error is not retried");
}

#[tokio::test]
async fn sem_32_durable_state_is_namespaced_by_object_key() {
    let (_state, d) = fresh();
    let set = d.start(Some("a"), [Op::state_set("n", "1")]);
    d.results(&set).await;
    let get = [Op::state_get("n")];
    let other = d.start(Some("b"), get.clone());
    assert_eq!(d.results(&other).await.all::<Option<String>>(), [None]);
    let same = d.start(Some("a"), get);
    assert_eq!(
        d.results(&same).await.all::<Option<String>>(),
        [Some("1".to_owned())]
    );
}

#[test]
fn sem_30_a_wait_suspends_and_a_durable_timer_resumes_it_after_a_restart() {
    let state = tempfile::tempdir().unwrap();
    const START: Duration = Duration::from_secs(1_000_000);
    let script = [
        Op::durable_sleep("nap", 3000),
        Op::wait(["nap"]),
        Op::run("after"),
        Op::take("nap"),
    ];
    let (id, wake_at) = in_shim_process(
        durable_at(state.path(), quick(None, false)).clock(Clock::manual_at(START)),
        async |d: &TestHost| {
            let id = d.start(None, script.clone());
            d.settle().await;
            let wake_at: u64 = d
                .journaled(&id, "durable.sleep")
                .await
                .result
                .get()
                .unwrap();
            // Suspended: the attempt ended without finishing, and nothing ran.
            assert_eq!(d.attempts(&id), 1);
            assert!(d.effects().is_empty());
            let status = d.invocation(&id).status;
            assert!(
                matches!(status, Status::Suspended { wake_at_ms: Some(at), .. } if at == wake_at),
                "{status:?}"
            );
            (id, wake_at)
        },
    );
    assert_eq!(wake_at, START.as_millis() as u64 + 3000);

    // The next shim starts a second later, two seconds before the timer is due.
    let restart = START + Duration::from_secs(1);
    let (results, waited) = in_shim_process(
        durable_at(state.path(), quick(None, false)).clock(Clock::manual_at(restart)),
        async |d: &TestHost| {
            d.settle().await;
            assert!(d.effects().is_empty(), "not before the timer");
            let results = d.results(&id).await;
            assert_eq!(d.effects(), ["after"]);
            assert!(d.attempts(&id) >= 2, "resumed by a new attempt");
            (results, d.elapsed())
        },
    );
    assert_eq!(
        waited,
        Duration::from_secs(2),
        "resumed when the timer was due"
    );
    assert_eq!(results.get::<String>(1), "any-completed");
    assert_eq!(results.get::<Taken>(3), Taken::Void);
}

#[tokio::test]
async fn sem_29_combinators_and_their_order_hold_on_replay() {
    let (_state, d) = fresh();
    let id = d.start(
        None,
        [
            Op::durable_sleep("short", 50),
            Op::awakeable("never"),
            Op::wait(["short", "never"]),
            Op::Completed { of: "short".into() },
            Op::Completed { of: "never".into() },
            Op::Wait {
                of: names(["short", "never"]),
                combinator: Combinator::Any,
                cancellable: false,
            },
            Op::durable_sleep("long", 300),
            Op::Wait {
                of: names(["short", "long"]),
                combinator: Combinator::All,
                cancellable: false,
            },
            Op::Completed { of: "long".into() },
            Op::TrapFirst,
        ],
    );
    let results = d.results(&id).await;
    assert_eq!(results.get::<String>(2), "any-completed", "race: the timer");
    assert!(results.get::<bool>(3));
    assert!(!results.get::<bool>(4), "the awakeable is still open");
    assert_eq!(
        results.get::<String>(5),
        "any-completed",
        "any: one succeeded"
    );
    assert_eq!(
        results.get::<String>(7),
        "any-completed",
        "all: both timers"
    );
    assert!(results.get::<bool>(8));
    assert!(d.attempts(&id) >= 2, "these results come from a replay");
}

#[tokio::test]
async fn sem_29_cancel_makes_wait_return_cancelled() {
    let (_state, d) = fresh();
    let id = d.start(
        None,
        [
            Op::awakeable("approval"),
            Op::Wait {
                of: names(["approval"]),
                combinator: Combinator::First,
                cancellable: true,
            },
            Op::TrapFirst,
            Op::durable_sleep("short", 10),
            Op::Wait {
                of: names(["short"]),
                combinator: Combinator::First,
                cancellable: true,
            },
        ],
    );
    d.journaled(&id, "durable.awakeable").await;
    assert!(d.shim.cancel_invocation(&id).unwrap());
    let results = d.results(&id).await;
    assert_eq!(results.get::<String>(1), "cancelled", "also when replayed");
    assert_eq!(
        results.get::<String>(4),
        "any-completed",
        "a cancellation is seen once"
    );
}

#[tokio::test]
async fn sem_25_30_an_awakeable_completed_by_the_host_resumes_the_invocation() {
    let (_state, d) = fresh();
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
    assert!(d.effects().is_empty(), "waiting for the approval");
    assert!(
        d.shim
            .complete_awakeable(&awakeable, Ok(b"approved".to_vec()))
            .unwrap()
    );
    let results = d.results(&id).await;
    assert_eq!(results.get::<String>(0), awakeable, "the same id on replay");
    assert_eq!(results.get::<Taken>(2), Taken::Ok("approved".into()));
    assert_eq!(d.effects(), ["ship"]);
    assert!(
        !d.shim
            .complete_awakeable(&awakeable, Ok(b"again".to_vec()))
            .unwrap(),
        "the first completion wins"
    );
}

#[tokio::test]
async fn sem_32_a_promise_is_shared_by_the_invocations_of_one_object() {
    let (_state, d) = fresh();
    let waiter = d.start(
        Some("order-7"),
        [
            Op::PromisePeek {
                key: "approval".into(),
            },
            Op::PromiseGet {
                key: "approval".into(),
                name_as: "p".into(),
            },
            Op::wait(["p"]),
            Op::take("p"),
        ],
    );
    d.journaled(&waiter, "durable.promise-get").await;
    // Shared: it runs beside the waiter, which holds the object's key while it waits.
    let completer = d.start_shared(
        "order-7",
        [
            Op::PromiseComplete {
                key: "approval".into(),
                value: "yes".into(),
            },
            Op::PromiseComplete {
                key: "approval".into(),
                value: "no".into(),
            },
            Op::PromisePeek {
                key: "approval".into(),
            },
        ],
    );
    let done = d.results(&completer).await;
    assert_eq!(done.get::<Taken>(0), Taken::Void, "completed it");
    assert_eq!(done.get::<Taken>(1).failure().code, 409, "{done:?}");
    assert_eq!(done.get::<Taken>(2), Taken::Ok("yes".into()));
    let waited = d.results(&waiter).await;
    assert_eq!(
        waited.get::<Taken>(0),
        Taken::Void,
        "nothing yet when it peeked"
    );
    assert_eq!(waited.get::<Taken>(3), Taken::Ok("yes".into()));

    // The host can complete another object's promise.
    let other = d.start(
        Some("order-8"),
        [
            Op::PromiseGet {
                key: "approval".into(),
                name_as: "p".into(),
            },
            Op::wait(["p"]),
            Op::take("p"),
        ],
    );
    d.journaled(&other, "durable.promise-get").await;
    assert!(
        d.shim
            .complete_promise("probe", Some("order-8"), "approval", Ok(b"ok".to_vec()))
            .unwrap()
    );
    assert_eq!(
        d.results(&other).await.get::<Taken>(2),
        Taken::Ok("ok".into())
    );
}

#[tokio::test]
async fn an_attempt_that_cannot_instantiate_is_retried_then_fails() {
    let state = tempfile::tempdir().unwrap();
    let shim = Shim::builder()
        .state_dir(state.path())
        .limits(guestkit_shim::Limits {
            max_actors: 1,
            ..Default::default()
        })
        .invocation_retry(quick(Some(2), false))
        .on_log(|_| {})
        .build()
        .unwrap();
    let module = shim.load_file(&built_guest("probe")).unwrap();
    shim.register_service("probe", &module).unwrap();
    // The one instance the pool holds goes to an actor: the attempt finds none.
    shim.spawn(&module, guestkit_shim::SpawnOptions::new("holder"))
        .await
        .unwrap();
    let id = shim
        .start_invocation("probe", "probe", None, b"[]".to_vec())
        .unwrap();
    let status = tokio::time::timeout(TIMEOUT, shim.invocation_outcome(&id))
        .await
        .unwrap()
        .unwrap();
    let Status::Failed(failure) = status else {
        panic!("{status:?}");
    };
    assert!(failure.message.contains("cannot start"), "{failure}");
    let attempts = shim.invocations().unwrap()[0].attempts;
    assert_eq!(attempts, 2, "retried under the policy");
}

#[tokio::test]
async fn sem_32_a_durable_call_starts_one_invocation_across_retries_and_returns_its_output() {
    let (_state, d) = fresh();
    let child = Script::new([Op::run("child-step")]);
    let id = d.start(
        None,
        [
            Op::DurableCall {
                target: Target::default(),
                script: child,
                pad: 0,
                name_as: "call".into(),
            },
            // The first attempt ends after the call started the callee.
            Op::TrapFirst,
            Op::wait(["call"]),
            Op::take("call"),
        ],
    );
    let results = d.results(&id).await;
    assert_eq!(d.attempts(&id), 2);
    let callee = results.get::<Taken>(0).invocation().to_owned();
    let output = Answers::from_bytes(results.get::<Taken>(3).ok().as_bytes()).unwrap();
    assert_eq!(
        output.get::<Ran>(0).value,
        Some(Taken::Ok("child-step done".into()))
    );
    assert_eq!(d.effects(), ["child-step"], "the callee ran once");
    let all = d.shim.invocations().unwrap();
    assert_eq!(all.len(), 2, "the retry started no second callee: {all:?}");
    assert!(all.iter().any(|i| i.id == callee));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_32_a_delayed_send_starts_no_earlier_than_its_delay_and_once_across_retries() {
    let start = Duration::from_secs(1_000_000);
    let d = TestHost::builder()
        .clock(Clock::manual_at(start))
        .durable(quick(None, false))
        .build();
    let id = d.start(
        None,
        [
            Op::DurableSend {
                target: Target {
                    ..Target::default()
                },
                script: Script::new([Op::Now]),
                pad: 0,
                delay_ms: Some(400),
            },
            Op::TrapFirst,
        ],
    );
    // The first attempt sends and traps; the retry (10 ms later) sends again.
    d.advance(Duration::from_millis(10)).await;
    assert!(d.invocation(&id).status.is_final());
    assert_eq!(d.attempts(&id), 2);
    let results = d.results(&id).await;
    let callee = results.get::<Taken>(0).invocation().to_owned();
    assert_eq!(
        d.shim.invocations().unwrap().len(),
        2,
        "one callee, though the send was made in two attempts"
    );
    d.advance(Duration::from_millis(389)).await;
    assert!(
        matches!(d.invocation(&callee).status, Status::Scheduled { .. }),
        "the callee started before its delay"
    );
    d.advance(Duration::from_millis(1)).await;
    let ran = d.results(&callee).await;
    assert_eq!(
        ran.get::<(u64, u32)>(0),
        (start.as_secs(), 400_000_000),
        "the callee ran at the send's time plus its delay"
    );
}

#[tokio::test]
async fn sem_32_an_idempotency_key_makes_one_invocation_of_repeated_calls() {
    let (_state, d) = fresh();
    let request = |idempotency_key: &str| guestkit_shim::journal::Request {
        service: "probe".into(),
        handler: "probe".into(),
        key: Some("order-1".into()),
        input: Script::new([Op::run("charge")]).to_bytes(),
        idempotency_key: Some(idempotency_key.into()),
        ..Default::default()
    };
    let first = d.shim.submit_invocation(request("pay-1")).unwrap();
    let again = d.shim.submit_invocation(request("pay-1")).unwrap();
    let other = d.shim.submit_invocation(request("pay-2")).unwrap();
    assert_eq!(first, again);
    assert_ne!(first, other);
    d.results(&first).await;
    d.results(&other).await;
    assert_eq!(d.effects(), ["charge", "charge"], "pay-1 once, pay-2 once");

    // From a handler: two calls with one key are one invocation, and the caller can attach
    // to it by that key.
    let script = Script::new([Op::run("ship")]);
    let call = |name: &str| Op::DurableCall {
        target: Target {
            key: Some("order-2".into()),
            idempotency_key: Some("ship-1".into()),
            ..Target::default()
        },
        script: script.clone(),
        pad: 0,
        name_as: name.to_string(),
    };
    let id = d.start(
        None,
        [
            call("a"),
            call("b"),
            Op::Wait {
                of: names(["a", "b"]),
                combinator: Combinator::All,
                cancellable: false,
            },
            Op::take("b"),
            Op::Attach {
                invocation: InvocationRef {
                    key: Some("order-2".into()),
                    idempotency_key: Some("ship-1".into()),
                    ..InvocationRef::default()
                },
                name_as: "c".into(),
            },
            Op::wait(["c"]),
            Op::take("c"),
        ],
    );
    let results = d.results(&id).await;
    assert_eq!(
        results.get::<Taken>(0),
        results.get::<Taken>(1),
        "one invocation id"
    );
    let (called, attached) = (results.get::<Taken>(3), results.get::<Taken>(6));
    assert_eq!(called, attached, "{results:?}");
    assert!(called.ok().contains("ship done"), "{results:?}");
    assert_eq!(d.effects(), ["charge", "charge", "ship"]);

    // An empty idempotency key names no request: refused, from the host and from a handler.
    let empty = d
        .shim
        .submit_invocation(request(""))
        .unwrap_err()
        .to_string();
    assert!(
        empty.contains("the idempotency key of this invocation of `probe` is empty"),
        "{empty}"
    );
    let refused = d.start(
        None,
        [
            Op::DurableCall {
                target: Target {
                    key: Some("order-3".into()),
                    idempotency_key: Some(String::new()),
                    ..Target::default()
                },
                script,
                pad: 0,
                name_as: "e".into(),
            },
            Op::wait(["e"]),
            Op::take("e"),
        ],
    );
    let taken = d.results(&refused).await.get::<Taken>(2);
    assert_eq!(taken.failure().code, 400, "{taken:?}");
    assert!(taken.failure().message.contains("is empty"), "{taken:?}");
}

#[tokio::test]
async fn a_signal_resumes_its_invocation_and_an_attached_caller_gets_the_output() {
    let (_state, d) = fresh();
    let signalled = d.start(
        None,
        [
            Op::Signal {
                name: "go".into(),
                name_as: "go".into(),
            },
            Op::wait(["go"]),
            Op::take("go"),
        ],
    );
    let attach = [
        Op::Output {
            invocation: InvocationRef {
                id: Some(signalled.to_string()),
                ..InvocationRef::default()
            },
        },
        Op::Attach {
            invocation: InvocationRef {
                id: Some(signalled.to_string()),
                ..InvocationRef::default()
            },
            name_as: "done".into(),
        },
        Op::wait(["done"]),
        Op::take("done"),
        Op::Output {
            invocation: InvocationRef {
                id: Some(signalled.to_string()),
                ..InvocationRef::default()
            },
        },
    ];
    let attached = d.start(None, attach);
    for id in [&signalled, &attached] {
        let status = tokio::time::timeout(TIMEOUT, d.shim.invocation_settled(id))
            .await
            .unwrap()
            .unwrap();
        assert!(matches!(status, Status::Suspended { .. }), "{status:?}");
    }

    let missing = d.shim.complete_signal("inv_missing", "go", Ok(Vec::new()));
    assert!(missing.unwrap_err().to_string().contains("inv_missing"));
    // One handler signals the other.
    let signaller = d.start(
        None,
        [Op::CompleteSignal {
            id: signalled.to_string(),
            name: "go".into(),
            value: "\"now\"".into(),
        }],
    );
    d.results(&signaller).await;

    let results = d.results(&signalled).await;
    assert_eq!(results.get::<Taken>(2), Taken::Ok("\"now\"".into()));
    let output = Taken::Ok(serde_json::to_string(&results).unwrap());
    let results = d.results(&attached).await;
    assert_eq!(
        results.get::<Taken>(0),
        Taken::Void,
        "no output while it waited"
    );
    assert_eq!(results.get::<Taken>(3), output);
    assert_eq!(results.get::<Taken>(4), output);
}

#[tokio::test]
async fn a_call_to_no_durable_service_fails_the_call_not_the_caller() {
    let (_state, d) = fresh();
    let id = d.start(
        None,
        [
            Op::DurableCall {
                target: Target {
                    service: Some("nowhere".into()),
                    ..Target::default()
                },
                script: Script::new([]),
                pad: 0,
                name_as: "missing".into(),
            },
            Op::take("missing"),
            Op::DurableSend {
                target: Target {
                    service: Some("probe".into()),
                    package: Some("actors".into()),
                    ..Target::default()
                },
                script: Script::new([]),
                pad: 0,
                delay_ms: None,
            },
            Op::Attach {
                invocation: InvocationRef {
                    id: Some("inv_missing".into()),
                    ..InvocationRef::default()
                },
                name_as: "none".into(),
            },
            Op::take("none"),
            Op::DurableSend {
                target: Target {
                    ..Target::default()
                },
                script: Script::new([]),
                pad: 5 << 20,
                delay_ms: None,
            },
        ],
    );
    let results = d.results(&id).await;
    let failed = |i: usize, code: u16, says: &str| {
        let taken: Taken = results.get(i);
        let failure = taken.failure();
        assert_eq!(failure.code, code, "{failure:?}");
        assert!(failure.message.contains(says), "{failure:?}");
    };
    failed(0, 404, "no durable service `nowhere`");
    failed(1, 404, "no durable service `nowhere`");
    failed(2, 400, "durable services, at addresses like");
    failed(4, 404, "no durable invocation");
    failed(5, 400, "exceeds the shim's message limit");
    assert_eq!(d.shim.invocations().unwrap().len(), 1, "it started none");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_28_a_runs_max_duration_ends_its_retries() {
    let d = TestHost::builder().durable(quick(None, false)).build();
    let id = d.start(
        None,
        [Op::Run {
            name: "charge".into(),
            effect: true,
            outcome: RunOutcome::Retryable,
            max_attempts: Some(1_000_000),
            max_duration_ms: Some(300),
            pause: false,
        }],
    );
    d.advance(Duration::from_millis(299)).await;
    assert!(
        !d.invocation(&id).status.is_final(),
        "the run stopped retrying before its 300 ms"
    );
    d.advance(Duration::from_millis(11)).await;
    assert!(
        d.invocation(&id).status.is_final(),
        "the run retried past its 300 ms"
    );
    let results = d.results(&id).await;
    assert_eq!(run_failure(&results, 0), 500);
    let tries = d.effects().len();

    assert!(
        (2..1_000).contains(&tries),
        "retried until 300 ms passed, not until a million tries: {tries}"
    );
}

/// Invocations that each read `n` of object `key` and then write their number to it.
fn read_then_write(d: &TestHost, key: &str, count: usize) -> Vec<String> {
    (1..=count)
        .map(|i| {
            d.start(
                Some(key),
                [Op::state_get("n"), Op::state_set("n", &i.to_string())],
            )
        })
        .collect()
}

/// Each of `ids` read what the one before it wrote (the first, `first`): they ran one after
/// another, in this order.
async fn ran_in_order(d: &TestHost, ids: &[String], first: Option<&str>) {
    let mut before = first.map(str::to_owned);
    for (i, id) in ids.iter().enumerate() {
        let read = d.results(id).await.get::<Option<String>>(0);
        assert_eq!(read, before, "invocation {} of {}", i + 1, ids.len());
        before = Some((i + 1).to_string());
    }
}

#[tokio::test]
async fn sem_32_an_invocation_holds_its_key_until_it_ends_and_the_next_wait_in_order() {
    let (_state, d) = fresh();
    // It reads, sleeps (suspended, no instance running), then writes: were the key held
    // per attempt, the others would read during the sleep and their updates be lost.
    let first = d.start(
        Some("k"),
        [
            Op::state_get("n"),
            Op::durable_sleep("nap", 1000),
            Op::wait(["nap"]),
            Op::state_set("n", "0"),
        ],
    );
    d.journaled(&first, "durable.sleep").await;
    let next = read_then_write(&d, "k", 5);
    // Another key is not held up.
    let other = d.start(Some("other"), [Op::state_get("n")]);
    assert_eq!(d.results(&other).await.all::<Option<String>>(), [None]);
    d.settle().await;
    let status = d.invocation(&first).status;
    assert!(matches!(status, Status::Suspended { .. }), "{status:?}");
    for id in &next {
        assert_eq!(d.attempts(id), 0, "waits for the key");
    }

    assert_eq!(d.results(&first).await.get::<Option<String>>(0), None);
    ran_in_order(&d, &next, Some("0")).await;
}

#[test]
fn sem_32_after_a_restart_the_invocations_on_a_key_run_in_submission_order() {
    let state = tempfile::tempdir().unwrap();
    let (holder, awakeable, queued) = in_shim_process(
        durable_at(state.path(), quick(None, false)),
        async |d: &TestHost| {
            let holder = d.start(
                Some("k"),
                [
                    Op::awakeable("go"),
                    Op::wait(["go"]),
                    Op::state_set("n", "0"),
                ],
            );
            let awakeable = d.awakeable_of(&holder).await;
            let queued = read_then_write(d, "k", 6);
            d.settle().await;
            assert!(queued.iter().all(|id| d.attempts(id) == 0));
            (holder, awakeable, queued)
        },
    );
    in_shim_process(
        durable_at(state.path(), quick(None, false)),
        async |d: &TestHost| {
            d.settle().await;
            assert!(
                queued.iter().all(|id| d.attempts(id) == 0),
                "the holder still holds the key"
            );
            assert!(
                d.shim
                    .complete_awakeable(&awakeable, Ok(b"1".to_vec()))
                    .unwrap()
            );
            d.results(&holder).await;
            ran_in_order(d, &queued, Some("0")).await;
        },
    );
}

#[tokio::test]
async fn sem_32_a_shared_handler_runs_beside_the_exclusive_one_and_only_reads() {
    let (_state, d) = fresh();
    let set = d.start(Some("k"), [Op::state_set("n", "1")]);
    d.results(&set).await;
    let holder = d.start(
        Some("k"),
        [Op::awakeable("go"), Op::wait(["go"]), Op::take("go")],
    );
    let awakeable = d.awakeable_of(&holder).await;

    let reader = d.start_shared("k", [Op::state_get("n")]);
    assert_eq!(
        d.results(&reader).await.all::<Option<String>>(),
        [Some("1".to_owned())],
        "the committed state, while the exclusive invocation waits"
    );
    let writer = d.start_shared("k", [Op::state_set("n", "2")]);
    match d.outcome(&writer).await {
        Status::Paused(f) => assert!(
            f.message.contains("state.set writes state")
                && f.message.contains("`probe-shared` is a shared handler")
                && f.message.contains("drop `#[shared]`"),
            "{f:?}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(d.attempts(&writer), 1, "a bug in the guest is not retried");

    assert!(
        d.shim
            .complete_awakeable(&awakeable, Ok(b"ok".to_vec()))
            .unwrap()
    );
    assert_eq!(
        d.results(&holder).await.get::<Taken>(2),
        Taken::Ok("ok".into())
    );
    let after = d.start(Some("k"), [Op::state_get("n")]);
    assert_eq!(
        d.results(&after).await.all::<Option<String>>(),
        [Some("1".to_owned())],
        "the shared write landed nowhere"
    );
}

#[tokio::test]
async fn sem_32_invocations_without_a_key_run_concurrently_and_have_no_state() {
    let (_state, d) = fresh();
    let waiting = d.start(
        None,
        [Op::awakeable("go"), Op::wait(["go"]), Op::take("go")],
    );
    let awakeable = d.awakeable_of(&waiting).await;
    let beside = d.start(None, [Op::state_get("n")]);
    match d.outcome(&beside).await {
        Status::Paused(f) => assert!(
            f.message
                .contains("state.get: this invocation of `probe` has no object key")
                && f.message.contains("#[guestkit::actor(object)]"),
            "{f:?}"
        ),
        other => panic!("{other:?}"),
    }
    let also = d.start(None, Script::default());
    d.results(&also).await;
    assert!(matches!(
        d.invocation(&waiting).status,
        Status::Suspended { .. }
    ));
    assert!(
        d.shim
            .complete_awakeable(&awakeable, Ok(b"1".to_vec()))
            .unwrap()
    );
    d.results(&waiting).await;
}

/// A wait on `of` that cancellation ends too.
fn cancellable(of: &str) -> Op {
    Op::Wait {
        of: names([of]),
        combinator: Combinator::First,
        cancellable: true,
    }
}

/// Waits for an awakeable `name`, cancellably: a script that suspends until cancelled.
fn parked(name: &str) -> Script {
    Script::new([Op::awakeable(name), cancellable(name)])
}

/// A durable call of the probe running `script`, its handles named `call`.
fn call_probe(script: Script) -> Op {
    Op::DurableCall {
        target: Target::default(),
        script,
        pad: 0,
        name_as: "call".into(),
    }
}

/// The invocations started by `caller`'s calls (not its sends), once the node is idle.
async fn called_by(d: &TestHost, caller: &str) -> Vec<String> {
    d.settle().await;
    let all = d.shim.invocations().unwrap();
    let called = all
        .into_iter()
        .filter(|i| i.caller.as_deref() == Some(caller));
    called.map(|i| i.id).collect()
}

/// The invocation a durable send of `sender` started, once the node is idle.
async fn sent_by(d: &TestHost, sender: &str) -> String {
    d.settle().await;
    let all = d.shim.invocations().unwrap();
    let sent = all.iter().find(|i| i.id != sender && i.caller.is_none());
    sent.expect("the send started an invocation").id.clone()
}

#[tokio::test]
async fn sem_42_cancel_reaches_the_calls_of_an_invocation_not_its_one_way_sends() {
    let (_state, d) = fresh();
    let id = d.start(
        None,
        [
            call_probe(parked("child-gate")),
            Op::DurableSend {
                target: Target::default(),
                script: parked("sent-gate"),
                pad: 0,
                delay_ms: None,
            },
            cancellable("call"),
        ],
    );
    let [child] = called_by(&d, &id).await.try_into().unwrap();
    let sent = sent_by(&d, &id).await;
    d.awakeable_of(&child).await;
    d.awakeable_of(&sent).await;
    d.settle().await;
    assert!(d.shim.cancel_invocation(&id).unwrap());
    assert_eq!(d.results(&id).await.get::<String>(2), "cancelled");
    assert_eq!(
        d.results(&child).await.get::<String>(1),
        "cancelled",
        "the call was cancelled with its caller"
    );
    d.settle().await;
    assert!(
        matches!(d.invocation(&sent).status, Status::Suspended { .. }),
        "a one-way send is not the sender's to cancel: {:?}",
        d.invocation(&sent).status
    );
    assert!(!d.shim.cancel_invocation(&id).unwrap(), "it had ended");
    let unknown = d.shim.cancel_invocation("inv_nowhere").unwrap_err();
    assert!(
        unknown
            .to_string()
            .contains("no durable invocation `inv_nowhere`")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_42_a_run_reached_after_a_cancellation_does_not_execute_and_fails_with_409() {
    let (_state, d) = fresh_with(after_an_hour());
    // The first attempt traps before the run; the cancellation comes during the backoff.
    let id = d.start(None, [Op::TrapFirst, Op::run("ship"), Op::run("after")]);
    d.settle().await;
    assert_eq!(d.attempts(&id), 1);
    assert!(d.shim.cancel_invocation(&id).unwrap());
    let results = d.results(&id).await;
    assert_eq!(run_failure(&results, 1), 409, "{results:?}");
    assert_eq!(
        d.effects(),
        ["after"],
        "the run that saw the cancellation did not execute; the next run did"
    );
    let journal = d.shim.journal(&id).unwrap();
    assert_eq!(journal[0].command, "run");
    let run: Completion = journal[0].result.get().unwrap();
    assert_eq!(
        run,
        Completion::Failure(journal::cancelled()),
        "{journal:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_42_an_invocation_cancelled_before_it_starts_runs_none_of_its_code() {
    let (_state, d) = fresh();
    // A delayed send, cancelled before it is due.
    let sender = d.start(
        None,
        [Op::DurableSend {
            target: Target::default(),
            script: Script::new([Op::run("late")]),
            pad: 0,
            delay_ms: Some(1_000),
        }],
    );
    d.results(&sender).await;
    let scheduled = sent_by(&d, &sender).await;
    assert!(matches!(
        d.invocation(&scheduled).status,
        Status::Scheduled { .. }
    ));
    assert!(d.shim.cancel_invocation(&scheduled).unwrap());
    assert_eq!(
        d.outcome(&scheduled).await,
        Status::Failed(guestkit_shim::journal::cancelled())
    );
    // One queued behind another on its key, cancelled before its turn.
    let holder = d.start(Some("k"), parked("gate").ops);
    let queued = d.start(Some("k"), [Op::run("queued")]);
    let gate = d.awakeable_of(&holder).await;
    assert!(d.shim.cancel_invocation(&queued).unwrap());
    d.shim
        .complete_awakeable(&gate, Ok(b"\"go\"".to_vec()))
        .unwrap();
    d.results(&holder).await;
    assert_eq!(
        d.outcome(&queued).await,
        Status::Failed(guestkit_shim::journal::cancelled())
    );
    for id in [&scheduled, &queued] {
        assert_eq!(d.attempts(id), 0, "{id} never ran");
    }
    assert!(d.effects().is_empty(), "{:?}", d.effects());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_42_kill_ends_the_tree_at_once_its_callers_get_409_and_its_key_is_free() {
    let (_state, d) = fresh();
    // A callee killed alone: its caller's take fails with 409, and the caller goes on.
    let caller = d.start(
        None,
        [
            call_probe(Script::new([
                Op::awakeable("gate"),
                Op::wait(["gate"]),
                Op::run("no"),
            ])),
            Op::wait(["call"]),
            Op::take("call"),
            Op::run("caller-after"),
        ],
    );
    let [callee] = called_by(&d, &caller).await.try_into().unwrap();
    d.awakeable_of(&callee).await;
    assert!(d.shim.kill_invocation(&callee).await.unwrap());
    let results = d.results(&caller).await;
    let taken: Taken = results.get(2);
    let failure = taken.failure();
    assert_eq!((failure.code, failure.message.as_str()), (409, "killed"));
    assert_eq!(d.effects(), ["caller-after"]);

    // A whole tree killed from its root, which holds a key another invocation waits for.
    let root = d.start(
        Some("k"),
        [
            call_probe(Script::new([Op::awakeable("gate"), Op::wait(["gate"])])),
            Op::wait(["call"]),
            Op::take("call"),
            Op::run("root-after"),
        ],
    );
    let next = d.start(Some("k"), [Op::run("next")]);
    let [below] = called_by(&d, &root).await.try_into().unwrap();
    d.awakeable_of(&below).await;
    assert!(d.shim.kill_invocation(&root).await.unwrap());
    let killed = Status::Failed(guestkit_shim::journal::killed());
    assert_eq!(d.invocation(&root).status, killed);
    assert_eq!(d.invocation(&below).status, killed);
    d.results(&next).await;
    assert_eq!(
        d.effects(),
        ["caller-after", "next"],
        "no code of the killed tree ran; the key went to the next"
    );
    assert!(
        !d.shim.kill_invocation(&root).await.unwrap(),
        "it had ended"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_42_kill_stops_a_handler_while_its_wasm_runs() {
    let (_state, d) = fresh();
    // The handler runs a step, then computes without calling the host, for ever.
    let id = d.start(Some("k"), [Op::run("before"), Op::Spin, Op::run("never")]);
    d.journaled(&id, "run").await;
    let killed = d.wait_for("the kill", d.shim.kill_invocation(&id)).await;
    assert!(killed.unwrap());
    assert_eq!(
        d.invocation(&id).status,
        Status::Failed(guestkit_shim::journal::killed())
    );
    // Its key is free at once.
    let next = d.start(Some("k"), [Op::run("next")]);
    d.results(&next).await;
    assert_eq!(d.effects(), ["before", "next"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_42_a_paused_invocation_keeps_its_key_and_once_resumed_its_caller_gets_its_output() {
    let (_state, d) = fresh_with(quick(Some(1), true));
    let caller = d.start(
        None,
        [
            Op::DurableCall {
                target: Target {
                    key: Some("k".into()),
                    ..Target::default()
                },
                script: Script::new([Op::TrapFirst, Op::run("paused-step")]),
                pad: 0,
                name_as: "call".into(),
            },
            Op::wait(["call"]),
            Op::take("call"),
        ],
    );
    let [paused] = called_by(&d, &caller).await.try_into().unwrap();
    assert!(matches!(d.outcome(&paused).await, Status::Paused(_)));
    let behind = d.start(Some("k"), [Op::run("behind")]);
    d.settle().await;
    assert_eq!(
        d.attempts(&behind),
        0,
        "the paused invocation holds the key"
    );
    let waits = d.invocation(&caller).status;
    assert!(matches!(waits, Status::Suspended { .. }), "{waits:?}");
    let refused = d.shim.resume_invocation(&behind).unwrap_err();
    assert!(refused.to_string().contains("is not paused"), "{refused}");

    d.shim.resume_invocation(&paused).unwrap();
    let results = d.results(&caller).await;
    let output = Answers::from_bytes(results.get::<Taken>(2).ok().as_bytes()).unwrap();
    assert_eq!(
        output.get::<Ran>(1).value,
        Some(Taken::Ok("paused-step done".into()))
    );
    d.results(&behind).await;
    assert_eq!(d.effects(), ["paused-step", "behind"]);
}

#[test]
fn sem_42_a_paused_invocation_keeps_its_key_across_a_restart_and_resumes_there() {
    let state = tempfile::tempdir().unwrap();
    let (paused, behind) =
        in_shim_process(durable_at(state.path(), quick(Some(1), true)), async |d| {
            let paused = d.start(Some("k"), [Op::TrapFirst, Op::run("first")]);
            assert!(matches!(d.outcome(&paused).await, Status::Paused(_)));
            let behind = d.start(Some("k"), [Op::run("behind")]);
            d.settle().await;
            (paused, behind)
        });
    in_shim_process(durable_at(state.path(), quick(Some(1), true)), async |d| {
        d.settle().await;
        assert_eq!(d.attempts(&behind), 0, "still behind the paused invocation");
        d.shim.resume_invocation(&paused).unwrap();
        d.results(&paused).await;
        d.results(&behind).await;
        assert_eq!(d.effects(), ["first", "behind"], "in submission order");
    });
}

/// The probe declared a `workflow`, registered as durable service `flow`: its `probe` route is
/// the workflow's run, and `probe-shared` a shared handler.
fn register_workflow(d: &TestHost) {
    use wasm_encoder::{ComponentSection, CustomSection};
    let mut bytes = std::fs::read(built_guest("probe")).unwrap();
    let kind = CustomSection {
        name: "guestkit:durable".into(),
        data: b"kind workflow\n".as_slice().into(),
    };
    kind.append_to_component(&mut bytes);
    let module = d.shim.load(&bytes).unwrap();
    d.shim.register_service("flow", &module).unwrap();
}

fn start_flow(d: &TestHost, handler: &str, key: &str, script: impl Into<Script>) -> String {
    let input = script.into().to_bytes();
    (d.shim.start_invocation("flow", handler, Some(key), input)).expect("the invocation starts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_43_a_workflow_runs_once_per_key_and_its_shared_handlers_query_and_signal_it() {
    let (_state, d) = fresh();
    register_workflow(&d);
    let run = start_flow(
        &d,
        "probe",
        "w1",
        [
            Op::state_set("status", "waiting"),
            Op::PromiseGet {
                key: "approval".into(),
                name_as: "approval".into(),
            },
            Op::wait(["approval"]),
            Op::take("approval"),
            Op::state_set("status", "approved"),
            Op::run("ship"),
        ],
    );
    d.journaled(&run, "durable.promise-get").await;
    // Submitted again while it runs: the same invocation, not a second run.
    let again = start_flow(&d, "probe", "w1", [Op::run("second")]);
    assert_eq!(again, run, "a second submission attaches to the first");

    // A shared handler runs beside the waiting run: it reads the run's state and signals it.
    let query = start_flow(
        &d,
        "probe-shared",
        "w1",
        [
            Op::state_get("status"),
            Op::PromiseComplete {
                key: "approval".into(),
                value: "yes".into(),
            },
        ],
    );
    let asked = d.results(&query).await;
    assert_eq!(asked.get::<Option<String>>(0).as_deref(), Some("waiting"));
    let results = d.results(&run).await;
    assert_eq!(results.get::<Taken>(3), Taken::Ok("yes".into()));

    // After it ended, it is still the one run of its key; queries may be made many times.
    let after = start_flow(&d, "probe", "w1", [Op::run("third")]);
    assert_eq!(after, run);
    assert_eq!(d.outcome(&after).await, d.invocation(&run).status);
    for _ in 0..2 {
        let query = start_flow(&d, "probe-shared", "w1", [Op::state_get("status")]);
        let asked = d.results(&query).await;
        assert_eq!(asked.get::<Option<String>>(0).as_deref(), Some("approved"));
    }
    assert_eq!(d.effects(), ["ship"], "the run ran once");

    // Another key is another workflow, with promises of its own.
    let other = start_flow(
        &d,
        "probe",
        "w2",
        [Op::PromisePeek {
            key: "approval".into(),
        }],
    );
    assert_ne!(other, run);
    assert_eq!(d.results(&other).await.get::<Taken>(0), Taken::Void);

    let another = d
        .shim
        .start_invocation("flow", "cancel-order", Some("w1"), Vec::new());
    let refused = another.unwrap_err().to_string();
    assert!(
        refused.contains("already runs `probe`") && refused.contains("#[shared]"),
        "{refused}"
    );
    let keyless = d.shim.start_invocation("flow", "probe", None, Vec::new());
    let refused = keyless.unwrap_err().to_string();
    assert!(
        refused.contains("every invocation names its key"),
        "{refused}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_44_an_ended_invocation_is_kept_for_its_retention_then_purged_with_what_it_left() {
    let (_state, d) = fresh();
    register_workflow(&d);
    let day = Duration::from_secs(24 * 60 * 60);
    let pay = || guestkit_shim::journal::Request {
        service: "probe".into(),
        handler: "probe".into(),
        key: Some("order-1".into()),
        input: Script::new([Op::run("charge")]).to_bytes(),
        idempotency_key: Some("pay-1".into()),
        ..Default::default()
    };
    let paid = d.shim.submit_invocation(pay()).unwrap();
    let run = start_flow(
        &d,
        "probe",
        "w1",
        [
            Op::state_set("status", "done"),
            Op::PromiseComplete {
                key: "receipt".into(),
                value: "r-1".into(),
            },
            Op::run("flow"),
        ],
    );
    let waits = d.start(None, parked("gate").ops);
    d.results(&paid).await;
    d.results(&run).await;
    d.awakeable_of(&waits).await;
    let ended_at = d.shim.clock().now_ms();
    assert_eq!(
        d.invocation(&paid).expires_at_ms,
        Some(ended_at + 24 * 60 * 60 * 1000),
        "kept for 24 h by default"
    );
    assert!(d.invocation(&waits).expires_at_ms.is_none(), "not ended");

    d.advance(day - Duration::from_millis(1)).await;
    assert_eq!(d.shim.purge_expired().unwrap(), 0, "never before its time");
    assert!(!d.shim.journal(&paid).unwrap().is_empty());
    d.advance(Duration::from_millis(1)).await;
    assert_eq!(d.shim.purge_expired().unwrap(), 2);
    let left: Vec<String> = d
        .shim
        .invocations()
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(
        left,
        std::slice::from_ref(&waits),
        "an invocation that has not ended stays"
    );
    assert!(d.shim.journal(&paid).unwrap().is_empty());
    let output = d.shim.invocation_outcome(&paid).await.unwrap_err();
    assert!(
        output.to_string().contains("no durable invocation"),
        "{output}"
    );

    // Its idempotency key and its workflow key are free again: a new invocation runs, and
    // the workflow's promises and state went with its run.
    let again = d.shim.submit_invocation(pay()).unwrap();
    d.results(&again).await;
    let rerun = start_flow(
        &d,
        "probe",
        "w1",
        [
            Op::state_get("status"),
            Op::PromisePeek {
                key: "receipt".into(),
            },
        ],
    );
    let seen = d.results(&rerun).await;
    assert_eq!(
        seen.get::<Option<String>>(0),
        None,
        "the workflow's state is gone"
    );
    assert_eq!(seen.get::<Taken>(1), Taken::Void, "its promise is gone");
    assert_eq!(d.effects(), ["charge", "flow", "charge"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_42_an_invocation_that_keeps_failing_is_quiet_once_it_waits_to_retry() {
    let (_state, d) = fresh_with(after_an_hour());
    let failing = d.start(None, [Op::Trap]);
    let fine = d.start(None, [Op::run("fine")]);
    // What `cargo guest complete` and `resume` wait for: neither holds up the other.
    let quiet = d.shim.invocation_quiet(&failing);
    assert_eq!(
        d.wait_for("a failed attempt", quiet).await.unwrap(),
        Status::Running
    );
    assert_eq!(d.invocation(&failing).retry_count, 1, "it waits to retry");
    let done = d.shim.invocation_quiet(&fine);
    assert!(matches!(
        d.wait_for("the other", done).await.unwrap(),
        Status::Succeeded(_)
    ));
}

#[tokio::test]
async fn sem_42_a_cancellation_from_a_handler_reaches_the_calls_of_its_target_too() {
    let (_state, d) = fresh();
    let target = d.start(None, [call_probe(parked("gate")), cancellable("call")]);
    let [child] = called_by(&d, &target).await.try_into().unwrap();
    d.awakeable_of(&child).await;
    let canceller = d.start(None, [Op::Cancel { id: target.clone() }]);
    d.results(&canceller).await;
    assert_eq!(d.results(&target).await.get::<String>(1), "cancelled");
    assert_eq!(d.results(&child).await.get::<String>(1), "cancelled");
}

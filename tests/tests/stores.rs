//! The two state stores keep the same promises: each check here runs against the embedded
//! store (redb) and against the server store (PostgreSQL, on the server `.ci/servers`
//! started), and each store is opened again in between, as another process would.

use std::collections::BTreeMap;
use std::time::Duration;

use guestkit_shim::storage::{
    DurableWrite, JournalAppend, Lease, PostgresStore, Purge, RedbStore, SavedCapability,
    StateChanges, StateStore, StoreEvent,
};
use guestkit_tests::servers::{self, sql};
use tokio::sync::mpsc::UnboundedReceiver;

/// Where a store keeps its data, to open it there (again).
enum Place {
    Redb(tempfile::TempDir),
    Postgres(String),
}

impl Place {
    /// The embedded store, and the server store when there is a server.
    fn all(test: &str) -> Vec<Place> {
        let mut places = vec![Place::Redb(tempfile::tempdir().unwrap())];
        places.extend(servers::postgres_database(test).map(Place::Postgres));
        places
    }

    fn open(&self) -> Box<dyn StateStore> {
        match self {
            Place::Redb(dir) => Box::new(RedbStore::open(&dir.path().join("state.redb")).unwrap()),
            Place::Postgres(url) => Box::new(PostgresStore::connect(url).unwrap()),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Place::Redb(_) => "redb",
            Place::Postgres(_) => "postgres",
        }
    }
}

fn changes(clear_all: bool, writes: &[(&str, Option<&str>)]) -> StateChanges {
    StateChanges {
        clear_all,
        writes: writes
            .iter()
            .map(|(k, v)| (k.to_string(), v.map(|v| v.as_bytes().to_vec())))
            .collect::<BTreeMap<_, _>>(),
    }
}

fn entry(invocation: &str, index: u32, bytes: &str) -> DurableWrite {
    DurableWrite::Journal(JournalAppend {
        invocation: invocation.into(),
        index,
        entry: bytes.as_bytes().to_vec(),
    })
}

fn strings(values: Vec<Vec<u8>>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| String::from_utf8(v).unwrap())
        .collect()
}

#[test]
fn state_commits_stay_per_actor_in_byte_order_and_survive_reopening() {
    for place in Place::all("state_commits_stay_per_actor") {
        let shown = place.name();
        let secret = {
            let store = place.open();
            // Keys any guest may choose: one sorting before "a" and one holding U+0000.
            let odd = "k\0ey";
            store
                .commit(
                    "counter:app:pub",
                    &changes(
                        false,
                        &[
                            ("b", Some("2")),
                            ("a", Some("1")),
                            ("B", Some("0")),
                            (odd, Some("3")),
                        ],
                    ),
                )
                .unwrap();
            store
                .commit("other:app:pub", &changes(false, &[("a", Some("other"))]))
                .unwrap();
            store
                .commit("counter:app:pub", &changes(false, &[("b", None)]))
                .unwrap();
            assert_eq!(
                store.keys("counter:app:pub").unwrap(),
                ["B", "a", odd],
                "{shown}"
            );
            assert_eq!(
                store.get("counter:app:pub", odd).unwrap().as_deref(),
                Some(&b"3"[..]),
                "{shown}"
            );
            store.node_secret().unwrap()
        };
        let store = place.open();
        assert_eq!(
            store.get("counter:app:pub", "a").unwrap().as_deref(),
            Some(&b"1"[..]),
            "{shown}: a commit survives reopening"
        );
        assert_eq!(store.get("counter:app:pub", "b").unwrap(), None, "{shown}");
        assert_eq!(
            store.node_secret().unwrap(),
            secret,
            "{shown}: the node secret is made once"
        );
        store
            .commit("counter:app:pub", &changes(true, &[("c", Some("4"))]))
            .unwrap();
        assert_eq!(store.keys("counter:app:pub").unwrap(), ["c"], "{shown}");
        assert_eq!(
            store.keys("other:app:pub").unwrap(),
            ["a"],
            "{shown}: clearing one actor leaves the others"
        );
        assert!(store.keys("nobody").unwrap().is_empty(), "{shown}");
    }
}

#[test]
fn saved_capabilities_stay_per_holder_and_go_with_their_issuer() {
    for place in Place::all("saved_capabilities_stay_per_holder") {
        let shown = place.name();
        let store = place.open();
        let cap = |issuer: &str, params: &str, signature: u8| SavedCapability {
            issuer: issuer.into(),
            params: params.into(),
            signature: vec![signature; 32],
        };
        store
            .save_capabilities("a", &[cap("i1", "{}", 1), cap("i2", "{\"x\":1}", 2)])
            .unwrap();
        store.save_capabilities("b", &[cap("i1", "{}", 3)]).unwrap();
        // Saving the same (issuer, params) again replaces it.
        store.save_capabilities("a", &[cap("i1", "{}", 9)]).unwrap();
        let mut saved = store.saved_capabilities("a").unwrap();
        saved.sort_by(|x, y| x.issuer.cmp(&y.issuer));
        assert_eq!(
            saved,
            [cap("i1", "{}", 9), cap("i2", "{\"x\":1}", 2)],
            "{shown}"
        );
        store
            .forget_capabilities("a", &[("i2".into(), "{\"x\":1}".into())])
            .unwrap();
        assert_eq!(store.saved_capabilities("a").unwrap(), [cap("i1", "{}", 9)]);
        drop(store);
        let store = place.open();
        store.revoke_capabilities("i1").unwrap();
        assert!(store.saved_capabilities("a").unwrap().is_empty(), "{shown}");
        assert!(store.saved_capabilities("b").unwrap().is_empty(), "{shown}");
    }
}

#[test]
fn durable_writes_land_together_and_the_first_completion_wins() {
    for place in Place::all("durable_writes_land_together") {
        let shown = place.name();
        {
            let store = place.open();
            let record = DurableWrite::Invocation {
                id: "inv_1".into(),
                record: b"running".to_vec(),
                state: Some(("wf:app:pub/k".into(), changes(false, &[("n", Some("1"))]))),
                completes: Some(("inv_1/output".into(), b"first".to_vec())),
            };
            let state_entry = DurableWrite::StateEntry {
                entry: JournalAppend {
                    invocation: "inv_1".into(),
                    index: 2,
                    entry: b"set".to_vec(),
                },
                owner: "wf:app:pub/k".into(),
                changes: changes(false, &[("m", Some("2"))]),
            };
            let batch = [
                &entry("inv_1", 0, "input"),
                &entry("inv_1", 1, "old"),
                &entry("inv_1", 1, "replaced"),
                &state_entry,
                &record,
            ];
            store.write_durable(&batch).unwrap();
            // The second completion of the same id changes nothing.
            let again = DurableWrite::Invocation {
                id: "inv_1".into(),
                record: b"done".to_vec(),
                state: None,
                completes: Some(("inv_1/output".into(), b"second".to_vec())),
            };
            store.write_durable(&[&again]).unwrap();
            assert!(store.complete("prom_1", b"x").unwrap(), "{shown}");
            assert!(!store.complete("prom_1", b"y").unwrap(), "{shown}");
            store.put_invocation("inv_2", b"other").unwrap();
            store.write_durable(&[&entry("inv_2", 0, "two")]).unwrap();
        }
        let store = place.open();
        store.settle().unwrap();
        assert_eq!(
            strings(store.journal("inv_1").unwrap()),
            ["input", "replaced", "set"],
            "{shown}"
        );
        assert_eq!(store.invocation("inv_1").unwrap().unwrap(), b"done");
        assert_eq!(
            strings(store.invocations().unwrap()),
            ["done", "other"],
            "{shown}"
        );
        assert_eq!(store.completion("inv_1/output").unwrap().unwrap(), b"first");
        assert_eq!(store.completion("prom_1").unwrap().unwrap(), b"x");
        assert_eq!(store.keys("wf:app:pub/k").unwrap(), ["m", "n"], "{shown}");

        store
            .purge(&Purge {
                invocation: "inv_1".into(),
                completion_prefixes: vec!["inv_1/".into()],
                state_owner: Some("wf:app:pub/k".into()),
            })
            .unwrap();
        assert_eq!(store.invocation("inv_1").unwrap(), None, "{shown}");
        assert!(store.journal("inv_1").unwrap().is_empty(), "{shown}");
        assert_eq!(store.completion("inv_1/output").unwrap(), None, "{shown}");
        assert!(store.keys("wf:app:pub/k").unwrap().is_empty(), "{shown}");
        // What the purge does not name stays.
        assert_eq!(store.completion("prom_1").unwrap().unwrap(), b"x");
        assert_eq!(strings(store.journal("inv_2").unwrap()), ["two"], "{shown}");
        assert_eq!(strings(store.invocations().unwrap()), ["other"], "{shown}");
    }
}

#[test]
fn a_schema_newer_than_the_shim_is_refused_and_left_as_it_is() {
    let Some(url) = servers::postgres_database("a_schema_newer_than_the_shim") else {
        return;
    };
    let store = PostgresStore::connect(&url).unwrap();
    store
        .commit("a", &changes(false, &[("k", Some("v"))]))
        .unwrap();
    drop(store);
    sql(
        &url,
        "ALTER TABLE guestkit.version ADD COLUMN was integer; \
         UPDATE guestkit.version SET was = version, version = 99",
    );
    let refused = PostgresStore::connect(&url).unwrap_err().to_string();
    assert!(
        refused.contains("version 99") && refused.contains("newer guestkit"),
        "{refused}"
    );
    sql(&url, "UPDATE guestkit.version SET version = was");
    let store = PostgresStore::connect(&url).unwrap();
    assert_eq!(store.get("a", "k").unwrap().as_deref(), Some(&b"v"[..]));
}

#[test]
fn shims_joining_one_new_database_as_one_node_make_its_schema_once_and_one_joins() {
    let Some(url) = servers::postgres_database("shims_opening_one_new_database") else {
        return;
    };
    let opening: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || PostgresStore::connect(&url))
        })
        .collect();
    let (held, refused): (Vec<_>, Vec<_>) = opening
        .into_iter()
        .map(|t| t.join().unwrap())
        .partition(Result::is_ok);
    assert_eq!(held.len(), 1, "one process is node `local`");
    for refusal in refused {
        let said = refusal.unwrap_err().to_string();
        assert!(
            said.contains("node `local` is already running") && said.contains("--node"),
            "{said}"
        );
    }
    let holder = held.into_iter().next().unwrap().unwrap();
    let secret = holder.node_secret().unwrap();
    drop(holder);
    let next = PostgresStore::connect(&url).expect("the name is free once its process left");
    assert_eq!(
        next.node_secret().unwrap(),
        secret,
        "the schema and secret were made once"
    );
}

/// On an async worker, as a shim's store opens inside a runtime: failing to open must not
/// drop the store's own runtime there.
#[tokio::test]
async fn a_server_that_does_not_answer_is_named_without_the_password() {
    // A port nothing listens on: the connection is refused at once.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let url = format!("postgres://app:s3cret@127.0.0.1:{port}/guests");
    let refused = PostgresStore::connect(&url).unwrap_err().to_string();
    assert!(
        refused.contains(&format!("app@127.0.0.1:{port}/guests")) && !refused.contains("s3cret"),
        "{refused}"
    );
}

#[test]
fn a_server_store_loads_a_small_state_at_once_and_a_large_one_key_by_key() {
    for place in Place::all("a_server_store_loads_a_small_state_at_once") {
        let store = place.open();
        let state = [("x", Some("1")), ("y", Some("22"))];
        store.commit("a", &changes(false, &state)).unwrap();
        let loaded = |limit| store.load("a", limit).unwrap();
        match place {
            // A local read costs little: each key is read when asked for.
            Place::Redb(_) => {
                assert_eq!(store.eager_state_bytes(), 0);
                assert_eq!(loaded(1 << 20), None);
            }
            Place::Postgres(_) => {
                assert!(store.eager_state_bytes() >= 64 << 10);
                let all = [
                    ("x".to_owned(), b"1".to_vec()),
                    ("y".into(), b"22".to_vec()),
                ];
                assert_eq!(loaded(5), Some(all.to_vec()), "x1 y22: 5 bytes");
                assert_eq!(loaded(4), None, "over the limit");
                assert_eq!(store.load("nobody", 5).unwrap(), Some(vec![]));
            }
        }
    }
}

fn record(id: &str, bytes: &str) -> DurableWrite {
    DurableWrite::Invocation {
        id: id.into(),
        record: bytes.as_bytes().to_vec(),
        state: None,
        completes: None,
    }
}

/// A node of a shared database whose lease lasts `ms`.
fn node(url: &str, name: &str, ms: u64) -> PostgresStore {
    PostgresStore::connect_as(url, Lease::new(name, Duration::from_millis(ms))).unwrap()
}

fn held(store: &PostgresStore, ids: &[&str]) -> Vec<String> {
    store
        .held(ids.iter().map(|&id| id.to_owned()).collect())
        .unwrap()
}

/// The next event `events` gets that `pick` accepts (the others are skipped).
fn next_event(
    events: &mut UnboundedReceiver<StoreEvent>,
    pick: impl Fn(&StoreEvent) -> bool,
) -> StoreEvent {
    loop {
        let event = events.blocking_recv().expect("the store is open");
        if pick(&event) {
            return event;
        }
    }
}

#[test]
fn a_node_holds_what_it_starts_and_one_whose_lease_ran_out_is_taken_over_and_fenced() {
    let Some(url) = servers::postgres_database("a_node_whose_lease_ran_out") else {
        return;
    };
    // `a` renews its lease only every 20 s: the test makes it run out by hand, as a long
    // pause would. `b` sweeps every 100 ms.
    let a = node(&url, "a", 60_000);
    let b = node(&url, "b", 300);
    let mut b_events = b.events().unwrap();
    let mut a_events = a.events().unwrap();
    a.write_durable(&[&record("inv_1", "started on a"), &entry("inv_1", 0, "a0")])
        .unwrap();
    assert_eq!(held(&a, &["inv_1", "inv_9"]), ["inv_1"]);
    assert!(
        held(&b, &["inv_1"]).is_empty(),
        "a live node keeps its work"
    );
    let refused = (b.write_durable(&[&record("inv_1", "from b")]))
        .unwrap_err()
        .to_string();
    assert!(refused.contains("held by another node"), "{refused}");

    // A completion on one node reaches the others.
    assert!(a.complete("prom_inv_1_1", b"yes").unwrap());
    assert_eq!(
        next_event(&mut b_events, |e| matches!(e, StoreEvent::Completed(_))),
        StoreEvent::Completed("prom_inv_1_1".into())
    );

    // `a` is out of reach past its lease: `b` takes its invocation over at its next sweep.
    sql(
        &url,
        "UPDATE guestkit.nodes SET expires_at = clock_timestamp() - interval '1 second' \
         WHERE name = 'a'::bytea",
    );
    assert_eq!(
        next_event(&mut b_events, |e| matches!(e, StoreEvent::TookOver(_))),
        StoreEvent::TookOver(vec!["inv_1".into()])
    );
    assert_eq!(held(&b, &["inv_1"]), ["inv_1"]);
    b.write_durable(&[&entry("inv_1", 1, "b1")]).unwrap();

    // `a` comes back: the fence refuses its writes, and it is told why.
    let fenced = (a.write_durable(&[&entry("inv_1", 1, "a1 after its lease")]))
        .unwrap_err()
        .to_string();
    assert!(fenced.contains("no longer holds its lease"), "{fenced}");
    assert!(matches!(
        next_event(&mut a_events, |e| matches!(e, StoreEvent::LeaseLost(_))),
        StoreEvent::LeaseLost(_)
    ));
    assert!(a.write_durable(&[&record("inv_2", "new on a")]).is_err());
    assert_eq!(strings(b.journal("inv_1").unwrap()), ["a0", "b1"]);
    assert_eq!(strings(b.invocations().unwrap()), ["started on a"]);
}

#[test]
fn a_node_that_leaves_hands_its_work_over_and_one_that_comes_back_takes_its_own_at_once() {
    let Some(url) = servers::postgres_database("a_node_that_leaves") else {
        return;
    };
    let a = node(&url, "a", 60_000);
    a.write_durable(&[&record("inv_a", "on a")]).unwrap();
    // Back under its name, `a` holds its work again without waiting for a lease to run out.
    drop(a);
    let a = node(&url, "a", 60_000);
    assert_eq!(held(&a, &["inv_a"]), ["inv_a"]);

    // Left for good: the next sweep of another node takes its work.
    let b = node(&url, "b", 300);
    let mut b_events = b.events().unwrap();
    drop(a);
    assert_eq!(
        next_event(&mut b_events, |e| matches!(e, StoreEvent::TookOver(_))),
        StoreEvent::TookOver(vec!["inv_a".into()])
    );
}

#[test]
fn the_cluster_s_registry_is_shared_by_the_nodes_and_goes_with_each_node_s_lease() {
    let Some(url) = servers::postgres_database("the_cluster_s_registry") else {
        return;
    };
    let a = node(&url, "a", 60_000);
    let b = node(&url, "b", 60_000);
    let (on_a, on_b) = ("a@p:app:sys", "b@q:app:sys");
    a.register_name("boss", on_a).unwrap();
    assert_eq!(b.named("boss").unwrap().as_deref(), Some(on_a));
    assert_eq!(b.named("nobody").unwrap(), None);
    // The last registration wins; a claim wins only over what its node expected.
    b.register_name("boss", on_b).unwrap();
    assert_eq!(a.named("boss").unwrap().as_deref(), Some(on_b));
    assert_eq!(
        a.claim_name("boss", None, on_a).unwrap().as_deref(),
        Some(on_b),
        "a claim of a name that is taken says by whom"
    );
    assert_eq!(a.claim_name("boss", Some(on_b), on_a).unwrap(), None);
    assert_eq!(b.named("boss").unwrap().as_deref(), Some(on_a));
    assert_eq!(b.claim_name("new", None, on_b).unwrap(), None);
    b.unregister_name("new").unwrap();
    assert_eq!(a.named("new").unwrap(), None);

    // Typed actors: found by type until withdrawn, the first by address.
    a.typed("acme:worker@1", "a@w2:app:sys", true).unwrap();
    b.typed("acme:worker@1", "b@w1:app:sys", true).unwrap();
    let first = |store: &PostgresStore| store.of_type("acme:worker@1").unwrap();
    assert_eq!(first(&b).as_deref(), Some("a@w2:app:sys"));
    a.typed("acme:worker@1", "a@w2:app:sys", false).unwrap();
    assert_eq!(first(&a).as_deref(), Some("b@w1:app:sys"));
    assert_eq!(b.of_type("acme:other@1").unwrap(), None);
    a.typed("acme:worker@1", "a@w3:app:sys", true).unwrap();
    assert_eq!(first(&b).as_deref(), Some("a@w3:app:sys"));

    // `a` leaves: what it recorded goes with its lease.
    b.register_name("kept", on_b).unwrap();
    drop(a);
    assert_eq!(b.named("boss").unwrap(), None);
    assert_eq!(first(&b).as_deref(), Some("b@w1:app:sys"));
    assert_eq!(b.named("kept").unwrap().as_deref(), Some(on_b));

    // A node whose lease ran out records nothing more.
    sql(&url, "DELETE FROM guestkit.nodes WHERE name = 'b'::bytea");
    let refused = b.register_name("late", on_b).unwrap_err().to_string();
    assert!(refused.contains("no longer holds its lease"), "{refused}");
    let reader = PostgresStore::connect_to_read(&url).unwrap();
    assert_eq!(reader.named("late").unwrap(), None);
    let refused = reader.register_name("x", on_b).unwrap_err().to_string();
    assert!(refused.contains("opened to read"), "{refused}");
}

#[test]
fn a_store_speaks_tls_as_sslmode_asks_and_checks_the_server_s_certificate_against_its_roots() {
    let what = "a store over TLS";
    let (Some(url), Some(ca)) = (servers::postgres_database(what), servers::postgres_ca(what))
    else {
        return;
    };
    let database = url.rsplit_once('/').unwrap().1.to_owned();
    // The store's connections to its database, and those of them that are encrypted.
    let connections = |encrypted: bool| {
        let only = if encrypted { "AND s.ssl" } else { "" };
        servers::count(
            &url,
            &format!(
                "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) \
                 WHERE a.datname = '{database}' AND a.pid <> pg_backend_pid() {only}"
            ),
        )
    };
    let write_and_read = |store: &PostgresStore| {
        store
            .commit("a", &changes(false, &[("k", Some("v"))]))
            .unwrap();
        assert_eq!(store.get("a", "k").unwrap(), Some(b"v".to_vec()));
    };
    let localhost = url.replace("127.0.0.1", "localhost");
    for (mode, url) in [
        ("sslmode=require", &url),
        (&format!("sslmode=verify-ca&sslrootcert={ca}"), &url),
        (&format!("sslmode=verify-full&sslrootcert={ca}"), &url),
        (&format!("sslmode=verify-full&sslrootcert={ca}"), &localhost),
    ] {
        let store = PostgresStore::connect(&format!("{url}?{mode}")).unwrap();
        write_and_read(&store);
        let all = connections(false);
        assert!(
            all >= 2,
            "{mode}: the holding and a pooled connection: {all}"
        );
        assert_eq!(
            connections(true),
            all,
            "{mode}: every connection is encrypted"
        );
        drop(store);
    }
    let plain = PostgresStore::connect(&format!("{url}?sslmode=disable")).unwrap();
    write_and_read(&plain);
    assert_eq!(connections(true), 0, "sslmode=disable: none is encrypted");
    drop(plain);

    // A certificate the roots did not sign is refused, and the message says what to check.
    for mode in ["sslmode=verify-full", "sslmode=verify-ca"] {
        let refused = PostgresStore::connect(&format!("{url}?{mode}"))
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("certificate") && refused.contains("sslrootcert"),
            "{mode}: {refused}"
        );
    }
    // Reached at 127.0.0.1 as `db.example`: `verify-ca` takes the certificate, issued for
    // other names, and `verify-full` does not.
    let elsewhere = url.replace("127.0.0.1", "db.example");
    let elsewhere = format!("{elsewhere}?hostaddr=127.0.0.1&sslrootcert={ca}");
    write_and_read(&PostgresStore::connect(&format!("{elsewhere}&sslmode=verify-ca")).unwrap());
    let refused = PostgresStore::connect(&format!("{elsewhere}&sslmode=verify-full"))
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("not valid for name \"db.example\""),
        "{refused}"
    );
}

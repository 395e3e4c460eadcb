//! Several `cargo guest serve` nodes on one PostgreSQL database, as a team runs an app that
//! outgrew one machine: each node holds the durable invocations it starts under a lease;
//! when a node dies (SIGKILL), another takes its work over once the lease has run out and
//! finishes it from its journal, each step once; a node that was stopped (SIGSTOP) past its
//! lease and then resumes writes nothing of the work it lost; an actor of one node calls an
//! actor of another, and hears `timed-out` from one that does not answer and `offline` from
//! one that is gone. Leases here last 600 ms, and the nodes join the cluster of the test NATS
//! server.

use std::collections::BTreeMap;
use std::process::Command;

use guestkit_shim::journal::{Invocation, JournalEntry, Status};
use guestkit_shim::storage::{PostgresStore, StateStore};
use guestkit_tests::server::Server;
use guestkit_tests::{servers, workspace_root};

/// A node of the repository's app on `url`, in the cluster of the test NATS server.
fn node(url: &str, name: &str) -> Server {
    let nats = servers::nats("a serve node").expect("the nodes tests run with both servers");
    let args = [
        "--store",
        url,
        "--node",
        name,
        "--lease-ms",
        "600",
        "--cluster",
        &nats,
    ];
    let server = Server::start_with("serve", &workspace_root(), &args);
    server.wait_for_line(|l| l == format!("joined the cluster as node `{name}`"));
    server
}

/// Sends the example workflow's run for order `order` to `server`; its invocation id, once
/// it waits for approval, and the awakeable that approves it.
fn start_order(server: &Server, order: &str) -> (String, String) {
    let body = format!(r#"{{"orderId": "{order}", "amountCents": 1250}}"#);
    let (status, sent) = server.json(&format!("/workflow/{order}/Process/send"), &body);
    assert_eq!(status, 202, "{sent}");
    let run = sent["invocationId"].as_str().unwrap().to_owned();
    let asked = server.wait_for_line(|l| l.contains(&format!("order {order} waits")));
    let awakeable = asked.split("--awakeable ").nth(1).unwrap();
    (run, awakeable.split_whitespace().next().unwrap().to_owned())
}

/// Approves the order through `server`, whichever node holds it.
fn approve(server: &Server, awakeable: &str) {
    let path = format!("/restate/awakeables/{awakeable}/resolve");
    let (status, _) = server.post(&path, "application/json", br#""approved""#);
    assert_eq!(status, 202);
}

/// How often each `run` is in the journals of order `order`'s run (`Process`, which
/// charges) and of the `Ship` call it made (which ships), by name; and how many `Ship`
/// invocations there are.
fn runs(store: &dyn StateStore, order: &str) -> (BTreeMap<String, usize>, usize) {
    let mut runs = BTreeMap::new();
    let mut ships = 0;
    for record in store.invocations().unwrap() {
        let invocation = Invocation::decode(&record).unwrap();
        if invocation.key.as_deref() != Some(order) || invocation.handler.ends_with("Status") {
            continue;
        }
        ships += usize::from(invocation.handler.ends_with("Ship"));
        for entry in store.journal(&invocation.id).unwrap() {
            let entry = JournalEntry::decode(&entry).unwrap();
            if entry.command == "run" {
                let name = entry.fields["name"].as_str().unwrap().to_owned();
                *runs.entry(name).or_default() += 1;
            }
        }
    }
    (runs, ships)
}

/// Each step once, and one `Ship` call.
fn once() -> (BTreeMap<String, usize>, usize) {
    (
        BTreeMap::from([("charge".into(), 1), ("ship".into(), 1)]),
        1,
    )
}

fn signal(server: &Server, signal: &str) {
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args([signal, &pid]).status().unwrap();
    assert!(sent.success());
}

#[test]
fn a_workflow_on_a_node_killed_with_sigkill_finishes_on_another_each_step_once() {
    let Some(url) = servers::postgres_database("a_workflow_on_a_node_killed") else {
        return;
    };
    let (mut first, second) = (node(&url, "n1"), node(&url, "n2"));
    let (run, awakeable) = start_order(&first, "A1");
    first.child.kill().unwrap();
    first.child.wait().unwrap();

    // The approval lands through the node still up, which takes the run over once the
    // killed node's lease has run out, and finishes it.
    approve(&second, &awakeable);
    let (status, output) = second.get(&format!("/restate/invocation/{run}/attach"));
    assert_eq!((status, &output["status"]), (200, &"shipped A1".into()));
    assert_eq!(output["receipt"], "rcpt-A1-1250", "charged before the kill");
    let store = PostgresStore::connect_to_read(&url).unwrap();
    assert_eq!(runs(&store, "A1"), once());
}

#[test]
fn a_node_stopped_past_its_lease_writes_nothing_once_it_resumes() {
    let Some(url) = servers::postgres_database("a_node_stopped_past_its_lease") else {
        return;
    };
    let (first, second) = (node(&url, "n1"), node(&url, "n2"));
    let (run, awakeable) = start_order(&first, "B2");
    signal(&first, "-STOP");

    // Taken over and finished while the first node cannot run.
    approve(&second, &awakeable);
    let (status, output) = second.get(&format!("/restate/invocation/{run}/attach"));
    assert_eq!((status, &output["status"]), (200, &"shipped B2".into()));

    // Resumed, it hears of the approval and of its lost lease, and its writes are refused.
    signal(&first, "-CONT");
    first.wait_for_line(|l| l.contains("node `n1` no longer holds its lease"));
    // The approval woke its copy of the run, whose first write the fence refused.
    first.wait_for_line(|l| l.starts_with("[workflow] error: state store: node `n1` no longer"));
    let store = PostgresStore::connect_to_read(&url).unwrap();
    assert_eq!(runs(&store, "B2"), once());
    let record = store.invocation(&run).unwrap().unwrap();
    let record = Invocation::decode(&record).unwrap();
    assert!(matches!(record.status, Status::Succeeded(_)), "{record:?}");
}

/// The address the actor `name` of the app was started at on `server`.
fn started(server: &Server, name: &str) -> String {
    let prefix = format!("started {name} ({name}) as ");
    let line = server.wait_for_line(|l| l.starts_with(&prefix));
    line[prefix.len()..].trim().to_owned()
}

#[test]
fn an_actor_calls_an_actor_of_another_node_which_may_time_out_or_be_offline() {
    let Some(url) = servers::postgres_database("a call across nodes") else {
        return;
    };
    let names = [1, 2].map(|n| format!("call{n}x{}", std::process::id()));
    let (first, mut second) = (node(&url, &names[0]), node(&url, &names[1]));
    let greeter = started(&second, "greeter");
    assert!(greeter.starts_with(&format!("{}@", names[1])), "{greeter}");
    let introduce = |timeout_ms: u64| {
        let body = serde_json::json!({"greeter": greeter, "name": "Ada", "timeoutMs": timeout_ms});
        first.json("/caller.v1.CallerService/Introduce", &body.to_string())
    };
    let (status, reply) = introduce(0);
    assert_eq!(status, 200, "{reply}");
    assert!(
        reply["greeting"].as_str().unwrap().contains("Ada"),
        "{reply}"
    );
    assert_eq!(reply["total"], 1, "{reply}");
    second.wait_for_line(|l| l == "[greeter] info: greeted Ada (1 times)");

    // A node that cannot answer (stopped): the call times out.
    signal(&second, "-STOP");
    let (status, reply) = introduce(300);
    signal(&second, "-CONT");
    assert_eq!(
        (status, &reply["code"], &reply["message"]),
        (504, &"deadline_exceeded".into(), &"timed-out".into())
    );

    // A node that is gone: `offline`.
    second.child.kill().unwrap();
    second.child.wait().unwrap();
    let (status, reply) = introduce(0);
    assert_eq!(
        (status, &reply["code"], &reply["message"]),
        (503, &"unavailable".into(), &"offline".into())
    );
}

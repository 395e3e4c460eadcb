//! `cargo guest serve` as a user runs it: a real server process, reached with a real HTTP
//! client over the Connect protocol (JSON and binary), its errors, and its shutdown.

use std::process::Command;

use guestkit_tests::server::Server;
use guestkit_tests::{cli, failure, success, workspace_root};
use prost::Message as _;
use ureq::Agent;

/// The awakeable the example workflow's run for `order` waits for, once it logs it.
fn awakeable_of(server: &Server, order: &str) -> String {
    let asked = server.wait_for_line(|l| l.contains(&format!("order {order} waits")));
    let awakeable = asked.split("--awakeable ").nth(1).unwrap();
    awakeable.split_whitespace().next().unwrap().to_owned()
}

/// A `cargo guest serve` of the repository's app (greeter, counter and workflow).
fn serve_root() -> Server {
    Server::start("serve", &workspace_root())
}

#[derive(Clone, PartialEq, prost::Message)]
struct GreetRequest {
    #[prost(string, tag = "1")]
    name: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct GreetReply {
    #[prost(string, tag = "1")]
    message: String,
    #[prost(uint32, tag = "2")]
    times: u32,
}

const GREET: &str = "/greeter.v1.GreeterService/Greet";

#[test]
fn serve_answers_connect_calls_in_json_and_binary_with_connect_errors_and_stops_on_ctrl_c() {
    let mut server = serve_root();

    // JSON: the greeter keeps its counts between requests, in the one shim.
    let (status, reply) = server.json(GREET, r#"{"name": "Ada"}"#);
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["message"], "Hello, Ada!");
    assert_eq!(reply["times"], 1);
    // Binary protobuf, the same actor.
    let request = GreetRequest { name: "Ada".into() }.encode_to_vec();
    let (status, body) = server.post(GREET, "application/proto", &request);
    assert_eq!(status, 200);
    let reply = GreetReply::decode(body.as_slice()).unwrap();
    assert_eq!((reply.message.as_str(), reply.times), ("Hello, Ada!", 2));
    // The other actor of the app.
    let (status, reply) = server.json("/counter.v1.CounterService/Add", r#"{"amount": "5"}"#);
    assert_eq!((status, &reply["total"]), (200, &serde_json::json!("5")));

    // The actor's own error, with its Connect code.
    let (status, error) = server.json(GREET, r#"{"name": " "}"#);
    assert_eq!(
        (status, &error["code"]),
        (400, &serde_json::json!("invalid_argument"))
    );
    assert!(
        error["message"].as_str().unwrap().contains("name is empty"),
        "{error}"
    );
    // A body that is not the request type.
    let (status, error) = server.json(GREET, r#"{"nom": "Ada"}"#);
    assert_eq!(
        (status, &error["code"]),
        (400, &serde_json::json!("invalid_argument"))
    );
    assert!(
        error["message"].as_str().unwrap().contains("nom"),
        "{error}"
    );
    let (status, error) = server.post(GREET, "application/proto", &[0xff, 0xff]);
    assert_eq!(status, 400, "{}", String::from_utf8_lossy(&error));
    // A route nobody serves: 404, which Connect clients read as unimplemented.
    let (status, error) = server.json("/greeter.v1.GreeterService/Shout", "{}");
    assert_eq!(
        (status, &error["code"]),
        (404, &serde_json::json!("unimplemented"))
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains(GREET.trim_start_matches('/'))
    );
    // Neither JSON nor protobuf.
    let (status, _) = server.post(GREET, "text/plain", b"Ada");
    assert_eq!(status, 415);
    // Over the message limit.
    let big = format!(r#"{{"name": "{}"}}"#, "a".repeat(5 << 20));
    let (status, error) = server.json(GREET, &big);
    assert_eq!(
        (status, &error["code"]),
        (429, &serde_json::json!("resource_exhausted"))
    );

    let health = ureq::get(&format!("{}/healthz", server.base))
        .call()
        .unwrap();
    assert_eq!(health.status().as_u16(), 200);

    // The test host's controls of the clock, crashes and state are not served here.
    for control in ["advance", "crash", "spawn", "write-state"] {
        let (status, _) = server.post(
            &format!("/guestkit/test/{control}"),
            "application/json",
            b"{}",
        );
        assert_eq!(status, 404, "/guestkit/test/{control}");
    }

    // Ctrl-C: the server stops, and says so by its exit status.
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn serve_runs_a_durable_workflow_the_restate_way() {
    let server = serve_root();
    let json = |path: &str, key: Option<&str>, body: &str| {
        let (status, body) = server.post_with(path, "application/json", key, body.as_bytes());
        (
            status,
            serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
        )
    };

    // A shared handler, called and answered.
    let (status, reply) = json("/workflow/A1/Status", None, "{}");
    assert_eq!(
        (status, &reply["status"]),
        (200, &serde_json::json!("not started"))
    );
    // Sent twice with one idempotency key: one invocation.
    let (status, first) = json("/workflow/A1/Status/send", Some("ask-1"), "{}");
    assert_eq!(
        (status, &first["status"]),
        (202, &serde_json::json!("Accepted"))
    );
    let (_, again) = json("/workflow/A1/Status/send", Some("ask-1"), "{}");
    assert_eq!(first["invocationId"], again["invocationId"]);
    assert_eq!(again["status"], "PreviouslyAccepted", "as Restate says it");
    let (_, other) = json("/workflow/A1/Status/send", Some("ask-2"), "{}");
    assert_ne!(first["invocationId"], other["invocationId"]);
    assert_eq!(other["status"], "Accepted");

    // The workflow's run, sent: it waits for an approval, which an awakeable brings.
    let order = r#"{"orderId": "A1", "amountCents": 1250}"#;
    let (status, sent) = json("/workflow/A1/Process/send", None, order);
    assert_eq!(status, 202, "{sent}");
    let run = sent["invocationId"].as_str().unwrap().to_owned();
    let (status, _) = server.get(&format!("/restate/invocation/{run}/output"));
    assert_eq!(status, 470, "no output while it runs");
    let awakeable = awakeable_of(&server, "A1");
    let path = format!("/restate/awakeables/{awakeable}/resolve");
    let (status, _) = server.post(&path, "application/json", br#""approved""#);
    assert_eq!(status, 202);
    let (status, output) = server.get(&format!("/restate/invocation/{run}/attach"));
    assert_eq!(
        (status, &output["status"]),
        (200, &serde_json::json!("shipped A1"))
    );
    assert_eq!(output["tracking"], "trk-A1");
    let (status, output) = server.get(&format!("/restate/invocation/{run}/output"));
    assert_eq!(
        (status, &output["receipt"]),
        (200, &serde_json::json!("rcpt-A1-1250"))
    );

    // The same service over Connect: its routes, on the object a header names.
    let connect = |key: &str| {
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let url = format!("{}/workflow.v1.OrderService/Status", server.base);
        let mut answer = (agent.post(&url))
            .header("content-type", "application/json")
            .header("guestkit-key", key)
            .send("{}")
            .unwrap();
        let body = answer.body_mut().read_to_vec().unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        (answer.status().as_u16(), body)
    };
    assert_eq!(
        connect("A1"),
        (200, serde_json::json!({ "status": "shipped" }))
    );
    assert_eq!(
        connect("B2"),
        (200, serde_json::json!({ "status": "not started" }))
    );

    // The other commands, while the server holds the database, ask it.
    let state = server.state.path().to_str().unwrap();
    let listed = success(cli(
        &["invocations", "--state-dir", state],
        &workspace_root(),
    ));
    let line = listed
        .lines()
        .find(|l| l.starts_with(&run))
        .expect("the run is listed");
    assert!(
        line.contains("workflow/workflow.v1.OrderService/Process"),
        "{line}"
    );
    assert!(line.contains("succeeded"), "{line}");
    let journal = success(cli(
        &["invocations", &run, "--state-dir", state],
        &workspace_root(),
    ));
    assert!(journal.contains("durable.awakeable"), "{journal}");
    let unknown = failure(cli(
        &["invocations", "inv_nope", "--state-dir", state],
        &workspace_root(),
    ));
    assert!(unknown.contains("no invocation inv_nope"), "{unknown}");

    // `complete` too: the server completes the awakeable and carries the run on.
    let order = r#"{"orderId": "B1", "amountCents": 5}"#;
    let (_, sent) = json("/workflow/B1/Process/send", None, order);
    let run = sent["invocationId"].as_str().unwrap().to_owned();
    let awakeable = awakeable_of(&server, "B1");
    let args = [
        "complete",
        "--awakeable",
        &awakeable,
        "--value",
        r#""approved""#,
    ];
    success(cli(
        &[&args[..], &["--state-dir", state]].concat(),
        &workspace_root(),
    ));
    let (status, output) = server.get(&format!("/restate/invocation/{run}/attach"));
    assert_eq!(
        (status, &output["status"]),
        (200, &serde_json::json!("shipped B1"))
    );
    // And `kill`: the run waiting for its approval ends at once, with 409.
    let order = r#"{"orderId": "C1", "amountCents": 5}"#;
    let (_, sent) = json("/workflow/C1/Process/send", None, order);
    let run = sent["invocationId"].as_str().unwrap().to_owned();
    awakeable_of(&server, "C1");
    success(cli(
        &["kill", "--invocation", &run, "--state-dir", state],
        &workspace_root(),
    ));
    let (status, output) = server.get(&format!("/restate/invocation/{run}/attach"));
    assert_eq!(
        (status, &output["message"]),
        (409, &serde_json::json!("killed"))
    );
    // What it does not serve.
    let (status, error) = json("/workflow/A1/Refund", None, "{}");
    assert_eq!(status, 404, "{error}");
    assert!(
        error["message"].as_str().unwrap().contains("Process"),
        "{error}"
    );
    let (status, _) = json("/workflow/A1/Status", None, r#"{"nope": 1}"#);
    assert_eq!(status, 400);
}

#[test]
fn serve_calls_an_actors_wit_exports_with_wave_text_as_run_call_does() {
    let server = serve_root();
    let wave = |path: &str, args: &str| {
        let (status, body) = server.post(path, "text/plain", args.as_bytes());
        (status, String::from_utf8(body).unwrap())
    };
    assert_eq!(server.json(GREET, r#"{"name": "Ada"}"#).0, 200);
    // By the interface's short name and by its full one; the state the greeting committed.
    let seen = r#"seen({name: "Ada", times: 1})"#;
    assert_eq!(
        wave("/wit/greeter/directory/count", r#""Ada""#),
        (200, seen.into())
    );
    assert_eq!(
        wave(
            "/wit/greeter/acme:greeter/directory@0.1.0/count",
            r#""Ada""#
        ),
        (200, seen.into())
    );
    assert_eq!(
        wave("/wit/greeter/directory/top", "5, by-count"),
        (200, r#"[{name: "Ada", times: 1}]"#.into())
    );
    // A state write of an export commits.
    assert_eq!(
        wave("/wit/greeter/directory/forget", r#""Ada""#),
        (200, "ok(1)".into())
    );
    assert_eq!(
        wave("/wit/greeter/directory/count", r#""Ada""#),
        (200, "never".into())
    );

    // Arguments that are not the parameters' WAVE: invalid_argument, naming the signature.
    let (status, error) = server.post("/wit/greeter/directory/count", "text/plain", b"3");
    let error: serde_json::Value = serde_json::from_slice(&error).unwrap();
    assert_eq!(
        (status, &error["code"]),
        (400, &serde_json::json!("invalid_argument"))
    );
    let said = error["message"].as_str().unwrap();
    assert!(said.contains("count(name: string)"), "{said}");
    // No such function, no such actor: not_found, naming what there is.
    let (status, error) = server.post("/wit/greeter/directory/shout", "text/plain", b"");
    let error: serde_json::Value = serde_json::from_slice(&error).unwrap();
    assert_eq!(
        (status, &error["code"]),
        (404, &serde_json::json!("not_found"))
    );
    assert!(
        error["message"].as_str().unwrap().contains("#count"),
        "{error}"
    );
    let (status, error) = server.post("/wit/nobody/count", "text/plain", b"");
    let error: serde_json::Value = serde_json::from_slice(&error).unwrap();
    assert_eq!(status, 404);
    assert!(
        error["message"].as_str().unwrap().contains("greeter"),
        "{error}"
    );

    // `cargo guest run --call` takes and prints the same WAVE.
    let state = tempfile::tempdir().unwrap();
    let state = state.path().to_str().unwrap();
    let root = workspace_root();
    let greet = ["run", "-p", "greeter", "--state-dir", state, "--route"];
    success(cli(
        &[
            &greet[..],
            &[
                "greeter.v1.GreeterService/Greet",
                "--body",
                r#"{"name": "Ada"}"#,
            ],
        ]
        .concat(),
        &root,
    ));
    let call = ["run", "-p", "greeter", "--state-dir", state, "--call"];
    let printed = success(cli(
        &[&call[..], &["directory.count", "--args", r#""Ada""#]].concat(),
        &root,
    ));
    assert_eq!(printed.trim(), seen);
    let printed = success(cli(
        &[&call[..], &["directory.summary", "--args", "{with-total}"]].concat(),
        &root,
    ));
    assert_eq!(printed.trim(), r#"(1, some("1 greetings"))"#);
    let err = failure(cli(
        &[&call[..], &["directory.count", "--args", "3"]].concat(),
        &root,
    ));
    assert!(err.contains("count(name: string)"), "{err}");
    let err = failure(cli(&[&call[..], &["directory.shout"]].concat(), &root));
    assert!(err.contains("acme:greeter/directory@0.1.0#count"), "{err}");
}

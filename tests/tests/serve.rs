//! `cargo guest serve` as a user runs it: a real server process, reached with a real HTTP
//! client over the Connect protocol (JSON and binary), its errors, and its shutdown.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};

use guestkit_tests::{cargo_guest, guest_target_dir, workspace_root};
use prost::Message as _;
use ureq::Agent;

/// A `cargo guest serve` of the repository's app (greeter and counter), on a free port.
struct Server {
    child: Child,
    base: String,
    _state: tempfile::TempDir,
}

impl Server {
    fn start() -> Self {
        let state = tempfile::tempdir().unwrap();
        let mut child = Command::new(cargo_guest())
            .args(["guest", "serve", "--listen", "127.0.0.1:0", "--state-dir"])
            .arg(state.path())
            .current_dir(workspace_root())
            .env("CARGO_TARGET_DIR", guest_target_dir())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("the server prints the address it bound before it serves")
                .unwrap();
            if let Some(base) = line.strip_prefix("listening on ") {
                break base.to_owned();
            }
        };
        Self {
            child,
            base,
            _state: state,
        }
    }

    /// POSTs `body` as `content_type` to `path`: the status and the body of the answer.
    fn post(&self, path: &str, content_type: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let url = format!("{}{path}", self.base);
        let mut answer = (agent.post(&url).header("content-type", content_type))
            .send(body)
            .unwrap();
        let status = answer.status().as_u16();
        let body = answer
            .body_mut()
            .with_config()
            .limit(16 << 20)
            .read_to_vec()
            .unwrap();
        (status, body)
    }

    fn json(&self, path: &str, body: &str) -> (u16, serde_json::Value) {
        let (status, body) = self.post(path, "application/json", body.as_bytes());
        (status, serde_json::from_slice(&body).unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
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
    let mut server = Server::start();

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

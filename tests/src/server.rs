//! A `cargo guest serve` or `cargo guest dev` as a user runs it: a real server process on a
//! free port, reached with a real HTTP client, with what it prints to standard error kept to
//! look at.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use ureq::Agent;

use crate::{cargo_guest, guest_target_dir};

/// A running `cargo guest serve` (or `dev`), on a state directory of its own.
pub struct Server {
    pub child: Child,
    /// `http://ADDR`, as it printed it.
    pub base: String,
    /// What it printed to standard error so far (its actors' logs among it).
    said: Arc<Mutex<Vec<String>>>,
    pub state: tempfile::TempDir,
}

impl Server {
    /// Starts `cargo guest COMMAND --listen 127.0.0.1:0 --state-dir DIR` in `cwd` and waits
    /// until it listens.
    pub fn start(command: &str, cwd: &Path) -> Self {
        Self::start_with(command, cwd, &[])
    }

    /// [`start`](Self::start), with `args` after the command's own.
    pub fn start_with(command: &str, cwd: &Path, args: &[&str]) -> Self {
        let state = tempfile::tempdir().unwrap();
        let mut child = Command::new(cargo_guest())
            .args(["guest", command, "--listen", "127.0.0.1:0", "--state-dir"])
            .arg(state.path())
            .args(args)
            .current_dir(cwd)
            .env("CARGO_TARGET_DIR", guest_target_dir())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let said = Arc::new(Mutex::new(Vec::new()));
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let sink = Arc::clone(&said);
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                eprintln!("{line}");
                sink.lock().unwrap().push(line);
            }
        });
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
            said,
            state,
        }
    }

    /// The first line of standard error `pick` accepts, waiting for it to be printed.
    pub fn wait_for_line(&self, pick: impl Fn(&str) -> bool) -> String {
        self.wait_for_lines(1, pick).pop().unwrap()
    }

    /// The first `n` lines of standard error `pick` accepts, waiting for them to be printed.
    pub fn wait_for_lines(&self, n: usize, pick: impl Fn(&str) -> bool) -> Vec<String> {
        // Long enough for a debug build of a guest on a loaded machine.
        for _ in 0..3000 {
            let picked: Vec<String> = (self.said.lock().unwrap().iter())
                .filter(|l| pick(l))
                .cloned()
                .collect();
            if picked.len() >= n {
                return picked;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!(
            "the server never printed the line: {:?}",
            self.said.lock().unwrap()
        )
    }

    /// Everything it printed to standard error so far.
    pub fn said(&self) -> Vec<String> {
        self.said.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str) -> (u16, serde_json::Value) {
        let mut answer = agent().get(&format!("{}{path}", self.base)).call().unwrap();
        let status = answer.status().as_u16();
        let body = answer.body_mut().read_to_vec().unwrap();
        (status, serde_json::from_slice(&body).unwrap())
    }

    /// POSTs `body` as `content_type` to `path`: the status and the body of the answer.
    pub fn post(&self, path: &str, content_type: &str, body: &[u8]) -> (u16, Vec<u8>) {
        self.post_with(path, content_type, None, body)
    }

    /// As [`post`](Self::post), with an `Idempotency-Key`.
    pub fn post_with(
        &self,
        path: &str,
        content_type: &str,
        idempotency_key: Option<&str>,
        body: &[u8],
    ) -> (u16, Vec<u8>) {
        let url = format!("{}{path}", self.base);
        let mut request = agent().post(&url).header("content-type", content_type);
        if let Some(key) = idempotency_key {
            request = request.header("idempotency-key", key);
        }
        let mut answer = request.send(body).unwrap();
        let status = answer.status().as_u16();
        let body = answer
            .body_mut()
            .with_config()
            .limit(16 << 20)
            .read_to_vec()
            .unwrap();
        (status, body)
    }

    /// POSTs the JSON `body` to `path`: the status and the JSON answer.
    pub fn json(&self, path: &str, body: &str) -> (u16, serde_json::Value) {
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

/// A client that hands back answers of every status.
fn agent() -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

//! The test host: a `cargo guest test-host` process running the shim on a manual clock, and
//! the HTTP requests this crate makes of it. Its standard input stays open while this side
//! holds it; dropping the [`Host`] closes it and the process ends, so a host never outlives
//! its test, even when the test binary dies.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

use serde_json::Value;

use crate::Error;
use crate::guests::cargo_guest;

/// A running test host.
pub(crate) struct Host {
    child: Child,
    /// Held open: the host exits when it closes.
    _stdin: ChildStdin,
    pub base: String,
    /// Where the host's standard error goes, for the message when it fails.
    stderr: PathBuf,
}

/// What the crate needs of a test host's answer: its status and body.
pub(crate) struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON, when the host answered with success.
    pub fn json(self) -> Result<Value, Error> {
        let body = self.ok()?;
        serde_json::from_slice(&body)
            .map_err(|e| Error::Decode(format!("the test host answered: {e}")))
    }

    /// The body, when the host answered with success.
    pub fn ok(self) -> Result<Vec<u8>, Error> {
        match self.status {
            200..=299 => Ok(self.body),
            status => Err(Error::Refused {
                status,
                message: String::from_utf8_lossy(&self.body).trim_end().to_owned(),
            }),
        }
    }
}

impl Host {
    /// Starts a test host on the state in `state_dir` whose clock reads `clock_ms`, with the
    /// components `guests` (by package).
    pub fn start(
        guests: &BTreeMap<String, PathBuf>,
        state_dir: &Path,
        clock_ms: u64,
    ) -> Result<Self, Error> {
        let stderr = state_dir.join("test-host.stderr");
        let log = std::fs::File::create(&stderr)
            .map_err(|e| Error::Host(format!("cannot write {}: {e}", stderr.display())))?;
        let mut command = Command::new(cargo_guest());
        command
            .args(["guest", "test-host", "--state-dir"])
            .arg(state_dir);
        command.arg("--clock-ms").arg(clock_ms.to_string());
        for (package, path) in guests {
            command
                .arg("--guest")
                .arg(format!("{package}={}", path.display()));
        }
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log);
        let mut child = command.spawn().map_err(|e| {
            Error::CargoGuest(format!("cannot start `{}`: {e}", cargo_guest().display()))
        })?;
        let stdin = child.stdin.take().expect("piped");
        let mut banner = String::new();
        let stdout = child.stdout.take().expect("piped");
        let _ = BufReader::new(stdout).read_line(&mut banner);
        let mut host = Self {
            child,
            _stdin: stdin,
            base: String::new(),
            stderr,
        };
        let Some((version, base)) = banner
            .trim()
            .strip_prefix("guestkit test host ")
            .and_then(|rest| rest.split_once(" listening on "))
        else {
            let said = host.said();
            return Err(match said.contains("unrecognized subcommand") {
                true => mismatch("an older version"),
                false => Error::Host(format!("did not start:\n{said}")),
            });
        };
        if version != env!("CARGO_PKG_VERSION") {
            return Err(mismatch(version));
        }
        host.base = base.to_owned();
        Ok(host)
    }

    /// What the host wrote to its standard error, once it has ended.
    fn said(&mut self) -> String {
        self.kill();
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Kills the host at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Waits until the host process has ended, as an armed crash ends it.
    pub fn wait(&mut self) {
        let _ = self.child.wait();
    }

    /// What went wrong, for an error about a host that stopped answering.
    pub fn failure(&mut self, what: &str) -> Error {
        match self.child.try_wait() {
            Ok(Some(status)) => Error::Host(format!(
                "has stopped ({status}) while {what}; after a crash, call `App::recover`{}",
                tail(&std::fs::read_to_string(&self.stderr).unwrap_or_default())
            )),
            _ => Error::Host(format!("did not answer while {what}")),
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The last lines of what the host said, to quote in an error.
fn tail(said: &str) -> String {
    let lines: Vec<&str> = said.lines().collect();
    match lines.len() {
        0 => String::new(),
        n => format!(":\n{}", lines[n.saturating_sub(10)..].join("\n")),
    }
}

fn mismatch(installed: &str) -> Error {
    let ours = env!("CARGO_PKG_VERSION");
    Error::CargoGuest(format!(
        "`{}` is {installed}, and this guestkit-test is {ours}: install the matching one (from \
         the guestkit checkout of this version, `cargo install --locked --path cargo-plugin`), \
         or set GUESTKIT_CARGO_GUEST to its path",
        cargo_guest().display()
    ))
}

/// An HTTP client for test hosts: statuses are answers, not errors.
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// `POST base + path` with `body` of `content_type` and `headers`; `None` when the host did
/// not answer.
pub(crate) fn post(
    agent: &ureq::Agent,
    url: &str,
    content_type: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> Option<Answer> {
    let mut request = agent.post(url).header("content-type", content_type);
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    read(request.send(body))
}

/// `GET url`; `None` when the host did not answer.
pub(crate) fn get(agent: &ureq::Agent, url: &str) -> Option<Answer> {
    read(agent.get(url).call())
}

/// `GET url`, asking for `content_type`; `None` when the host did not answer.
pub(crate) fn get_with(agent: &ureq::Agent, url: &str, content_type: &str) -> Option<Answer> {
    read(agent.get(url).header("content-type", content_type).call())
}

fn read(answer: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Option<Answer> {
    let mut answer = answer.ok()?;
    let status = answer.status().as_u16();
    let body = (answer.body_mut().with_config())
        .limit(64 << 20)
        .read_to_vec()
        .ok()?;
    Some(Answer { status, body })
}

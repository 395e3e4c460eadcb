//! A `cargo guest serve` running on a state directory, as the other commands find it: the
//! server writes where it listens to `<state-dir>/serve.addr` once it has bound, and removes
//! the file when it stops. A command that finds the file and a server answering there asks
//! it over HTTP (`/guestkit/...`) instead of opening the database the server holds.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

fn file(state_dir: &Path) -> PathBuf {
    state_dir.join("serve.addr")
}

/// Records that a server on `state_dir` listens at `base` (`http://ADDR`).
pub fn record(state_dir: &Path, base: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(state_dir)?;
    std::fs::write(file(state_dir), base)
        .with_context(|| format!("cannot write {}", file(state_dir).display()))
}

/// Forgets the server on `state_dir`, once it stopped.
pub fn forget(state_dir: &Path) {
    let _ = std::fs::remove_file(file(state_dir));
}

/// A server on `state_dir` that answers.
pub struct Server {
    base: String,
}

/// The server running on `state_dir`, if one answers where it said it listens.
pub fn running(state_dir: &Path) -> Option<Server> {
    let base = std::fs::read_to_string(file(state_dir)).ok()?;
    let server = Server {
        base: base.trim().to_owned(),
    };
    server.get("/healthz").ok()?;
    Some(server)
}

impl Server {
    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into()
    }

    /// The text the server answers to `GET path`, or its error.
    pub fn get(&self, path: &str) -> anyhow::Result<String> {
        let url = format!("{}{path}", self.base);
        self.text(Self::agent().get(&url).call())
    }

    /// The text the server answers to `POST path` of `json`, or its error.
    pub fn post(&self, path: &str, json: &serde_json::Value) -> anyhow::Result<String> {
        let url = format!("{}{path}", self.base);
        let request = Self::agent()
            .post(&url)
            .header("content-type", "application/json");
        self.text(request.send(json.to_string()))
    }

    fn text(
        &self,
        answer: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> anyhow::Result<String> {
        let mut answer = answer
            .with_context(|| format!("the `cargo guest serve` at {} did not answer", self.base))?;
        let text = answer.body_mut().read_to_string()?;
        if !answer.status().is_success() {
            bail!("{}", text.trim_end());
        }
        Ok(text)
    }
}

/// When a server runs on `state_dir`: asks it to `verb` (`cancel`, `kill`, `resume`)
/// invocation `id`, prints its answer, and is true; false when no server runs there.
pub fn steer(state_dir: &Path, id: &str, verb: &str) -> anyhow::Result<bool> {
    let Some(server) = running(state_dir) else {
        return Ok(false);
    };
    let said = server.post(
        &format!("/guestkit/invocation/{id}/{verb}"),
        &serde_json::json!({}),
    )?;
    eprint!("{said}");
    Ok(true)
}

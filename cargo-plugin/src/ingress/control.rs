//! The endpoints the other `cargo guest` commands reach a running server through
//! ([`served`](crate::served)), under `/guestkit/`: `GET invocations[/ID]` answers what
//! `cargo guest invocations [ID]` prints; `POST complete` does what `cargo guest complete`
//! does; `POST invocation/{id}/cancel|kill|resume` what `cancel`, `kill` and `resume
//! --invocation` do. The server's shim then carries the invocations on.

use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{Ingress, body_of, with_type};

/// A request to a control endpoint, at `path` (`guestkit/...`).
pub(super) async fn serve(ingress: &Ingress, path: &str, request: Request) -> Response {
    let segments: Vec<&str> = path.split('/').collect();
    match (request.method().clone(), &segments[..]) {
        (Method::GET, ["guestkit", "invocations"]) => listing(ingress, None),
        (Method::GET, ["guestkit", "invocations", id]) => listing(ingress, Some(id)),
        (Method::POST, ["guestkit", "complete"]) => complete(ingress, request).await,
        (Method::POST, ["guestkit", "invocation", id, verb]) => steer(ingress, id, verb).await,
        _ => (
            StatusCode::NOT_FOUND,
            format!("no control endpoint at /{path}"),
        )
            .into_response(),
    }
}

/// `GET /guestkit/invocations[/ID]`: what `cargo guest invocations [ID]` prints.
fn listing(ingress: &Ingress, id: Option<&str>) -> Response {
    match crate::durable::listing(&ingress.shim, id) {
        Ok(text) => with_type(StatusCode::OK, "text/plain; charset=utf-8", text.into()),
        Err(e) => (StatusCode::NOT_FOUND, format!("{e:#}")).into_response(),
    }
}

/// `POST /guestkit/complete`: `cargo guest complete` while the server runs.
async fn complete(ingress: &Ingress, request: Request) -> Response {
    let Some(body) = body_of(ingress, request).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "the value is over the message limit",
        )
            .into_response();
    };
    let asked: crate::durable::Completing = match serde_json::from_slice(&body) {
        Ok(asked) => asked,
        Err(e) => {
            return (StatusCode::BAD_REQUEST, format!("not a completion: {e}")).into_response();
        }
    };
    match asked.complete(&ingress.shim) {
        Ok(true) => (
            StatusCode::OK,
            "completed; the server carries the invocation on\n",
        )
            .into_response(),
        Ok(false) => (
            StatusCode::OK,
            "warning: it was already completed; the first completion stays\n",
        )
            .into_response(),
        Err(e) => (StatusCode::NOT_FOUND, format!("{e:#}")).into_response(),
    }
}

/// `POST /guestkit/invocation/{id}/{cancel|kill|resume}`: `cargo guest cancel`, `kill` and
/// `resume --invocation` while the server runs.
async fn steer(ingress: &Ingress, id: &str, verb: &str) -> Response {
    let shim = &ingress.shim;
    let answer = match verb {
        "cancel" => shim.cancel_invocation(id).map(|asked| match asked {
            true => format!("asked invocation {id} to cancel\n"),
            false => format!("warning: invocation {id} had ended; nothing to cancel\n"),
        }),
        "kill" => shim.kill_invocation(id).await.map(|killed| match killed {
            true => format!("killed invocation {id}\n"),
            false => format!("warning: invocation {id} had ended; nothing to kill\n"),
        }),
        "resume" => match shim.invocation(id) {
            Ok(Some(i)) if matches!(i.status, guestkit_shim::journal::Status::Paused(_)) => shim
                .resume_invocation(id)
                .map(|()| format!("resumed invocation {id}\n")),
            Ok(Some(i)) if i.status.is_ended() => {
                let said = format!("invocation {id} has ended, so there is nothing to resume");
                return (StatusCode::CONFLICT, said).into_response();
            }
            Ok(Some(_)) => Ok(format!(
                "invocation {id} is not paused; the server carries it on\n"
            )),
            Ok(None) => {
                return (StatusCode::NOT_FOUND, format!("no invocation {id}")).into_response();
            }
            Err(e) => Err(e),
        },
        _ => {
            return (
                StatusCode::NOT_FOUND,
                format!("no control endpoint `{verb}`"),
            )
                .into_response();
        }
    };
    match answer {
        Ok(said) => (StatusCode::OK, said).into_response(),
        Err(e) => (StatusCode::NOT_FOUND, e.to_string()).into_response(),
    }
}

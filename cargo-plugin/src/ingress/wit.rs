//! Functions an actor exports from its own WIT world, over HTTP: `POST
//! /wit/ACTOR/INTERFACE/FUNCTION` (the interface by its short name, `directory`, or its full
//! one, `acme:greeter/directory@1.0.0`; `POST /wit/ACTOR/FUNCTION` for a function of the world
//! itself) with the arguments as WAVE text in the body (`"ada", 3`), answered with the
//! result's WAVE text: the same form `cargo guest run --call` takes and prints. Failures are
//! Connect error JSON, as the protocol's unary calls have them.

use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use guestkit_shim::InvokeError;

use super::connect::{Failure, timeout_of};
use super::{Ingress, Table, body_of, with_type};

/// A call of `path` (`wit/ACTOR/[INTERFACE/]FUNCTION`).
pub(super) async fn call(
    ingress: &Ingress,
    table: &Table,
    path: &str,
    request: Request,
) -> Response {
    let segments: Vec<&str> = path.split('/').collect();
    let (actor, interface, function) = match &segments[..] {
        [_, actor, function] => (*actor, None, *function),
        [_, actor, interface @ .., function] if !interface.is_empty() => {
            (*actor, Some(interface.join("/")), *function)
        }
        _ => {
            let said = format!("/{path}: a WIT export is at /wit/ACTOR/[INTERFACE/]FUNCTION");
            return Failure::new("not_found", said).into_response();
        }
    };
    let Some((address, module)) = table.actors.get(actor) else {
        let actors: Vec<&str> = table.actors.keys().map(String::as_str).collect();
        let said = format!(
            "no actor `{actor}`; the app's actors: {}",
            actors.join(", ")
        );
        return Failure::new("not_found", said).into_response();
    };
    if request.method() != Method::POST {
        let allow = [(header::ALLOW, "POST")];
        let said = format!("/{path} takes POST, not {}", request.method());
        return (StatusCode::METHOD_NOT_ALLOWED, allow, said).into_response();
    }
    let timeout = timeout_of(request.headers());
    let Some(body) = body_of(ingress, request).await else {
        let limit = ingress.max_body;
        let said = format!("the request is over the shim's message limit of {limit} bytes");
        return Failure::new("resource_exhausted", said).into_response();
    };
    let Ok(args) = std::str::from_utf8(&body) else {
        return Failure::new("invalid_argument", "the arguments are not UTF-8 text")
            .into_response();
    };
    let shim = ingress.shim();
    let answer = async {
        let function = shim.exported_function(module, interface.as_deref(), function)?;
        shim.invoke_wave(address, &function, args, timeout).await
    };
    match answer.await {
        Ok(result) => with_type(StatusCode::OK, "text/plain; charset=utf-8", result.into()),
        Err(e) => Failure::new(code_of(&e), e.to_string()).into_response(),
    }
}

/// The Connect code of a failed call of an export.
fn code_of(error: &InvokeError) -> &'static str {
    match error {
        InvokeError::NotFound(_)
        | InvokeError::NoSuchExport { .. }
        | InvokeError::NoSuchFunction { .. } => "not_found",
        InvokeError::Arity { .. } | InvokeError::Arguments { .. } => "invalid_argument",
        InvokeError::TimedOut { .. } => "deadline_exceeded",
        InvokeError::Stopped { .. } => "unavailable",
        InvokeError::Trapped { .. }
        | InvokeError::Result { .. }
        | InvokeError::Unwritable { .. } => "internal",
    }
}

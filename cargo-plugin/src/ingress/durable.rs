//! The app's durable services the Restate way (<https://docs.restate.dev/invoke/http>):
//! `POST /Service/Handler` and `/Object/KEY/Handler` start an invocation and answer with its
//! output; with `/send` appended they answer at once, `202` and the invocation's id. An
//! `Idempotency-Key` header makes repeated requests one invocation. The handler is a method
//! of the service's protobuf contract (`Process`, or the whole route
//! `workflow.v1.OrderService/Process`); the body is its request, in JSON or binary. Failures
//! answer with their own code as the HTTP status and `{"code", "message"}`, as Restate's
//! ingress does.
//!
//! At Restate's admin paths: `POST /restate/awakeables/{id}/resolve` (the body is the value)
//! and `/reject` (the body is the reason), `GET /restate/invocation/{id}/attach` (waits for
//! the output) and `/output` (the output now, or `470` while there is none).

use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
pub(super) use guestkit_shim::journal::Request as Invocation;
use guestkit_shim::journal::{Accepted, Failure, Status};
use serde_json::json;

use super::{Codec, Ingress, body_of, with_type};
use crate::contract::RouteTypes;

/// Restate's status for an output asked for before there is one.
const NOT_READY: u16 = 470;

fn error(code: u16, message: impl Into<String>) -> Response {
    let status = StatusCode::from_u16(code)
        .ok()
        .filter(|s| s.is_client_error() || s.is_server_error())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = json!({ "code": code, "message": message.into() });
    with_type(status, "application/json", body.to_string().into())
}

/// What a durable path asks for.
struct Call<'a> {
    service: &'a str,
    key: Option<&'a str>,
    handler: &'a str,
    send: bool,
}

impl<'a> Call<'a> {
    fn parse(path: &'a str) -> Option<Self> {
        let mut segments: Vec<&str> = path.split('/').collect();
        let send = segments.len() > 2 && segments.last() == Some(&"send");
        if send {
            segments.pop();
        }
        let (service, key, handler) = match segments[..] {
            [service, handler] => (service, None, handler),
            [service, key, handler] => (service, Some(key), handler),
            _ => return None,
        };
        Some(Self {
            service,
            key,
            handler,
            send,
        })
    }
}

/// The route among `routes` that `handler` names: a method's name, or a whole route.
fn route_of<'a>(
    routes: &'a [(String, RouteTypes)],
    handler: &str,
) -> Result<&'a (String, RouteTypes), String> {
    let named: Vec<&(String, RouteTypes)> = (routes.iter())
        .filter(|(route, _)| route == handler || route.rsplit('/').next() == Some(handler))
        .collect();
    match named[..] {
        [one] => Ok(one),
        [] => Err(format!("no handler `{handler}`")),
        _ => Err(format!(
            "`{handler}` is a method of several services: name the route"
        )),
    }
}

/// A durable call: starts the invocation, and answers with its output, or with its id.
pub(super) async fn call(
    ingress: &Ingress,
    routes: &[(String, RouteTypes)],
    path: &str,
    request: Request,
) -> Response {
    let Some(call) = Call::parse(path) else {
        return error(
            404,
            format!("/{path}: a durable path is /Service/Handler or /Object/KEY/Handler"),
        );
    };
    let (route, types) = match route_of(routes, call.handler) {
        Ok(found) => found,
        Err(why) => {
            let handlers: Vec<&str> = routes.iter().map(|(r, _)| r.as_str()).collect();
            let said = format!(
                "{}: {why}; its handlers: {}",
                call.service,
                handlers.join(", ")
            );
            return error(404, said);
        }
    };
    if request.method() != Method::POST {
        return error(405, format!("/{path} takes POST"));
    }
    let codec = Codec::of(request.headers()).unwrap_or(Codec::Json);
    let idempotency_key = (request.headers().get("idempotency-key"))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let Some(body) = body_of(ingress, request).await else {
        let limit = ingress.max_body;
        return error(
            413,
            format!("the request is over the shim's message limit of {limit} bytes"),
        );
    };
    let input = match codec.request(types, &body) {
        Ok(input) => input,
        Err(why) => return error(400, why),
    };
    let invocation = Invocation {
        service: call.service.to_owned(),
        handler: route.clone(),
        key: call.key.map(str::to_owned),
        input,
        idempotency_key,
        ..Invocation::default()
    };
    let (id, status) = match ingress.shim.accept_invocation(invocation) {
        Ok(Accepted::New(id)) => (id, "Accepted"),
        Ok(Accepted::Previously(id)) => (id, "PreviouslyAccepted"),
        Err(e) => return error(400, e.to_string()),
    };
    if call.send {
        let body = json!({ "invocationId": id, "status": status });
        return with_type(
            StatusCode::ACCEPTED,
            "application/json",
            body.to_string().into(),
        );
    }
    output(ingress, &id, codec, true).await
}

/// Starts `invocation` (or finds the one its idempotency or workflow key names) and waits
/// until it succeeds, fails or pauses.
pub(super) async fn invoke(ingress: &Ingress, invocation: Invocation) -> Result<Status, String> {
    let id = (ingress.shim.submit_invocation(invocation)).map_err(|e| e.to_string())?;
    (ingress.shim.invocation_outcome(&id).await).map_err(|e| e.to_string())
}

/// Invocation `id`'s output in `codec`: waiting for it when `wait`, else `470` while it has
/// none.
async fn output(ingress: &Ingress, id: &str, codec: Codec, wait: bool) -> Response {
    let invocation = match ingress.shim.invocation(id) {
        Ok(Some(invocation)) => invocation,
        Ok(None) => return error(404, format!("no invocation {id}")),
        Err(e) => return error(500, e.to_string()),
    };
    let status = match wait {
        true => match ingress.shim.invocation_outcome(id).await {
            Ok(status) => status,
            Err(e) => return error(500, e.to_string()),
        },
        false => invocation.status.clone(),
    };
    let table = ingress.table();
    let routes = table.durable.get(&invocation.service);
    let types = routes.and_then(|r| r.iter().find(|(route, _)| *route == invocation.handler));
    match status {
        Status::Succeeded(reply) => {
            let reply = match types {
                Some((_, types)) => codec.reply(types, reply),
                None => Ok(reply),
            };
            match reply {
                Ok(body) => with_type(StatusCode::OK, codec.content_type(), body.into()),
                Err(why) => error(500, why),
            }
        }
        Status::Failed(Failure { code, message }) => error(code, message),
        Status::Paused(Failure { message, .. }) => {
            error(503, format!("invocation {id} is paused: {message}"))
        }
        _ => error(NOT_READY, format!("invocation {id} has no output yet")),
    }
}

/// Restate's admin paths: awakeables and invocations.
pub(super) async fn admin(ingress: &Ingress, path: &str, request: Request) -> Response {
    let segments: Vec<&str> = path.split('/').collect();
    let method = request.method().clone();
    match (method, &segments[..]) {
        (Method::POST, ["restate", "awakeables", id, verb @ ("resolve" | "reject")]) => {
            let (id, verb) = (id.to_string(), verb.to_string());
            let Some(body) = body_of(ingress, request).await else {
                return error(413, "the value is over the shim's message limit");
            };
            let value = match verb.as_str() {
                "resolve" => Ok(body.to_vec()),
                _ => Err(Failure {
                    code: 500,
                    message: String::from_utf8_lossy(&body).into_owned(),
                }),
            };
            match ingress.shim.complete_awakeable(&id, value) {
                Ok(_) => StatusCode::ACCEPTED.into_response(),
                Err(e) => error(404, e.to_string()),
            }
        }
        (Method::GET, ["restate", "invocation", id, verb @ ("attach" | "output")]) => {
            let codec = Codec::of(request.headers()).unwrap_or(Codec::Json);
            output(ingress, id, codec, *verb == "attach").await
        }
        _ => error(404, format!("no admin endpoint at /{path}")),
    }
}

//! The Connect protocol's unary RPCs (<https://connectrpc.com/docs/protocol>): `POST
//! /package.Service/Method` with a JSON or binary protobuf body is a request to the actor
//! serving that service; the reply comes back in the request's codec. Failures are Connect
//! error JSON, `{"code": "...", "message": "..."}`, with the HTTP status the protocol gives
//! each code.

use std::time::Duration;

use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use guestkit_shim::journal::Status;
use guestkit_shim::{ActorError, Payload};

use super::{Codec, Ingress, Target, body_of, with_type};
use crate::contract::RouteTypes;

/// The header that picks the actor a request goes to, by name, when several serve its
/// service.
pub const ACTOR_HEADER: &str = "guestkit-actor";

/// The header that names the object a Connect call to a durable object's handler is for.
pub const KEY_HEADER: &str = "guestkit-key";

/// How long a request waits for its reply unless `Connect-Timeout-Ms` says otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A Connect error: its code, and the message for people.
pub(super) struct Failure {
    code: &'static str,
    message: String,
}

impl Failure {
    pub(super) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// The HTTP status the Connect protocol gives `code`.
    fn status(&self) -> StatusCode {
        let status = match self.code {
            "canceled" => 499,
            "invalid_argument" | "failed_precondition" | "out_of_range" => 400,
            "unauthenticated" => 401,
            "permission_denied" => 403,
            "not_found" => 404,
            "already_exists" | "aborted" => 409,
            "resource_exhausted" => 429,
            "unimplemented" => 501,
            "unavailable" => 503,
            "deadline_exceeded" => 504,
            _ => 500,
        };
        StatusCode::from_u16(status).expect("a valid status")
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = serde_json::json!({ "code": self.code, "message": self.message });
        with_type(status, "application/json", body.to_string().into())
    }
}

/// A route nobody serves: HTTP's 404, which Connect clients read as `unimplemented`.
pub(super) fn no_route(message: String) -> Response {
    let mut response = Failure::new("unimplemented", message).into_response();
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

/// The Connect code of an actor's error.
fn code_of(error: &ActorError) -> &'static str {
    use ActorError::*;
    match error {
        InvalidArgument(_) | DecodeFailure(_) => "invalid_argument",
        PermissionDenied(_) => "permission_denied",
        NotFound(_) | DependencyNotFound(_) => "not_found",
        UnknownRoute(_) | NotImplemented(_) => "unimplemented",
        Internal(_) => "internal",
        Unavailable(_) | Offline | ConnectionNotReady(_) => "unavailable",
        TimedOut => "deadline_exceeded",
        // An application error's code is HTTP-like: the Connect code of that status.
        Application(e) => code_of_status(e.code),
    }
}

/// The Connect code of an HTTP-like status: an application error's, or a durable
/// invocation's failure's.
fn code_of_status(status: u16) -> &'static str {
    match status {
        400 => "invalid_argument",
        401 => "unauthenticated",
        403 => "permission_denied",
        404 => "not_found",
        409 => "aborted",
        412 => "failed_precondition",
        429 => "resource_exhausted",
        499 => "canceled",
        501 => "unimplemented",
        503 => "unavailable",
        504 => "deadline_exceeded",
        other if (400..500).contains(&other) => "failed_precondition",
        _ => "internal",
    }
}

/// The codec of a Connect unary request of `route`, or the answer to a request that is not
/// one: a method other than POST, a content type other than JSON or protobuf.
fn accept(route: &str, request: &Request) -> Result<Codec, Box<Response>> {
    if request.method() != Method::POST {
        let allow = [(header::ALLOW, "POST")];
        let said = format!("/{route} takes POST, not {}", request.method());
        return Err(Box::new(
            (StatusCode::METHOD_NOT_ALLOWED, allow, said).into_response(),
        ));
    }
    Codec::of(request.headers()).ok_or_else(|| {
        let said = "a Connect request is application/json or application/proto";
        Box::new((StatusCode::UNSUPPORTED_MEDIA_TYPE, said).into_response())
    })
}

/// A Connect unary call of `route`.
pub(super) async fn unary(
    ingress: &Ingress,
    targets: &[Target],
    route: &str,
    request: Request,
) -> Response {
    let codec = match accept(route, &request) {
        Ok(codec) => codec,
        Err(refused) => return *refused,
    };
    let target = match pick(targets, request.headers()) {
        Ok(target) => target,
        Err(failure) => return failure.into_response(),
    };
    let timeout = timeout_of(request.headers());
    let Some(body) = body_of(ingress, request).await else {
        let limit = ingress.max_body;
        let said = format!("the request is over the shim's message limit of {limit} bytes");
        return Failure::new("resource_exhausted", said).into_response();
    };
    let invalid = |e: String| Failure::new("invalid_argument", e);
    let answer = async {
        let input = codec.request(&target.types, &body).map_err(invalid)?;
        let reply = ingress
            .shim
            .call(&target.actor, Payload::new(route, input), timeout)
            .await
            .map_err(|failed| Failure::new(code_of(&failed.error), failed.error.describe()))?;
        (codec.reply(&target.types, reply.payload.body))
            .map_err(|e| Failure::new("internal", format!("the actor answered, but {e}")))
    };
    match answer.await {
        Ok(reply) => with_type(StatusCode::OK, codec.content_type(), reply.into()),
        Err(failure) => failure.into_response(),
    }
}

/// A Connect unary call of `route`, a handler of durable service `service`: a durable
/// invocation, on the object the [`KEY_HEADER`] names, answered with its output.
pub(super) async fn durable_unary(
    ingress: &Ingress,
    service: &str,
    routes: &[(String, RouteTypes)],
    route: &str,
    request: Request,
) -> Response {
    let codec = match accept(route, &request) {
        Ok(codec) => codec,
        Err(refused) => return *refused,
    };
    let key = header(request.headers(), KEY_HEADER);
    let idempotency_key = header(request.headers(), "idempotency-key");
    let types = &routes
        .iter()
        .find(|(r, _)| r == route)
        .expect("the route is the service's")
        .1;
    let Some(body) = body_of(ingress, request).await else {
        let limit = ingress.max_body;
        let said = format!("the request is over the shim's message limit of {limit} bytes");
        return Failure::new("resource_exhausted", said).into_response();
    };
    let answer = async {
        let input = codec
            .request(types, &body)
            .map_err(|e| Failure::new("invalid_argument", e))?;
        let invocation = super::durable::Invocation {
            service: service.to_owned(),
            handler: route.to_owned(),
            key,
            input,
            idempotency_key,
            ..Default::default()
        };
        let status = super::durable::invoke(ingress, invocation)
            .await
            .map_err(|e| Failure::new("invalid_argument", e))?;
        match status {
            Status::Succeeded(reply) => (codec.reply(types, reply))
                .map_err(|e| Failure::new("internal", format!("the service answered, but {e}"))),
            Status::Failed(f) => Err(Failure::new(code_of_status(f.code), f.message)),
            Status::Paused(f) => Err(Failure::new(
                "unavailable",
                format!("paused: {}", f.message),
            )),
            other => Err(Failure::new(
                "internal",
                format!("the invocation is {other:?}"),
            )),
        }
    };
    match answer.await {
        Ok(reply) => with_type(StatusCode::OK, codec.content_type(), reply.into()),
        Err(failure) => failure.into_response(),
    }
}

/// The text of header `name`, when it has one.
fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    Some(headers.get(name)?.to_str().ok()?.to_owned())
}

/// The actor among `targets` a request goes to: the only one, or the one its
/// [`ACTOR_HEADER`] names.
fn pick<'a>(targets: &'a [Target], headers: &HeaderMap) -> Result<&'a Target, Failure> {
    let names = || {
        targets
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match headers.get(ACTOR_HEADER).map(|v| v.to_str()) {
        Some(Ok(name)) => targets.iter().find(|t| t.name == name).ok_or_else(|| {
            Failure::new(
                "not_found",
                format!("no actor `{name}` serves this route; {} do", names()),
            )
        }),
        Some(Err(_)) => Err(Failure::new(
            "invalid_argument",
            format!("{ACTOR_HEADER} is not text"),
        )),
        None => match targets {
            [only] => Ok(only),
            _ => Err(Failure::new(
                "failed_precondition",
                format!(
                    "several actors serve this route ({}): name one in {ACTOR_HEADER}",
                    names()
                ),
            )),
        },
    }
}

/// The deadline `Connect-Timeout-Ms` asks for, or the default.
pub(super) fn timeout_of(headers: &HeaderMap) -> Duration {
    (headers.get("connect-timeout-ms"))
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .map_or(DEFAULT_TIMEOUT, Duration::from_millis)
}

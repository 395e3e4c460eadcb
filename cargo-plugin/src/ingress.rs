//! The HTTP ingress of `cargo guest serve`: the Connect protocol's unary RPCs
//! (<https://connectrpc.com/docs/protocol>) over axum. `POST /package.Service/Method` with a
//! JSON (`application/json`, the proto3 JSON mapping, through the one codec of
//! [`json`](crate::json)) or binary (`application/proto`) body is a request to the actor
//! serving that service; the reply comes back in the request's codec. Failures are Connect
//! error JSON, `{"code": "...", "message": "..."}`, with the HTTP status the protocol gives
//! each code. `GET /healthz` answers `ok` while the server runs.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use guestkit_shim::{ActorError, Address, Payload, Shim};

use crate::contract::RouteTypes;

/// The header that picks the actor a request goes to, by name, when several serve its
/// service.
pub const ACTOR_HEADER: &str = "guestkit-actor";

/// How long a request waits for its reply unless `Connect-Timeout-Ms` says otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// One route and where it goes.
struct Target {
    actor: Address,
    name: String,
    types: RouteTypes,
}

/// What the ingress serves: the shim, and each route's actors, by route.
pub struct Ingress {
    shim: Shim,
    routes: BTreeMap<String, Vec<Target>>,
    max_body: usize,
}

impl Ingress {
    pub fn new(shim: Shim, max_body: usize) -> Self {
        Self {
            shim,
            routes: BTreeMap::new(),
            max_body,
        }
    }

    /// Serves `route` by actor `name` at `actor`.
    pub fn add(&mut self, route: String, name: &str, actor: Address, types: RouteTypes) {
        let name = name.to_owned();
        let target = Target { actor, name, types };
        self.routes.entry(route).or_default().push(target);
    }

    /// The routes served, with the names of their actors.
    pub fn routes(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        (self.routes.iter()).map(|(route, targets)| {
            (
                route.as_str(),
                targets.iter().map(|t| t.name.as_str()).collect(),
            )
        })
    }

    pub fn shim(&self) -> &Shim {
        &self.shim
    }

    /// The axum router of the ingress.
    pub fn router(self: Arc<Self>) -> Router {
        Router::new()
            .route("/healthz", get(|| async { "ok" }))
            .fallback(unary)
            .with_state(self)
    }
}

/// A Connect error: its code, and the message for people.
struct Failure {
    code: &'static str,
    message: String,
}

impl Failure {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
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
fn no_route(message: String) -> Response {
    let mut response = Failure::new("unimplemented", message).into_response();
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

fn with_type(status: StatusCode, content_type: &'static str, body: Body) -> Response {
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
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
        Application(e) => match e.code {
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
        },
    }
}

/// Which of Connect's codecs a request uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    Json,
    Proto,
}

impl Codec {
    fn of(headers: &HeaderMap) -> Option<Self> {
        let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
        let media = value.split(';').next()?.trim().to_ascii_lowercase();
        match media.as_str() {
            "application/json" => Some(Codec::Json),
            "application/proto" => Some(Codec::Proto),
            _ => None,
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Codec::Json => "application/json",
            Codec::Proto => "application/proto",
        }
    }
}

/// Every request but the health check: a Connect unary call.
async fn unary(State(ingress): State<Arc<Ingress>>, request: Request) -> Response {
    let route = request.uri().path().trim_start_matches('/').to_owned();
    let Some(targets) = ingress.routes.get(&route) else {
        let served: Vec<&str> = ingress.routes.keys().map(String::as_str).collect();
        return no_route(format!(
            "no actor serves `/{route}`; this app serves: {}",
            served.join(", ")
        ));
    };
    if request.method() != Method::POST {
        let allow = [(header::ALLOW, "POST")];
        let said = format!("/{route} takes POST, not {}", request.method());
        return (StatusCode::METHOD_NOT_ALLOWED, allow, said).into_response();
    }
    let Some(codec) = Codec::of(request.headers()) else {
        let said = "a Connect request is application/json or application/proto";
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, said).into_response();
    };
    let target = match pick(targets, request.headers()) {
        Ok(target) => target,
        Err(failure) => return failure.into_response(),
    };
    let timeout = timeout_of(request.headers());
    let body = match axum::body::to_bytes(request.into_body(), ingress.max_body).await {
        Ok(body) => body,
        Err(_) => {
            return Failure::new(
                "resource_exhausted",
                format!(
                    "the request is over the shim's message limit of {} bytes",
                    ingress.max_body
                ),
            )
            .into_response();
        }
    };
    match call(&ingress, target, &route, codec, body, timeout).await {
        Ok(reply) => with_type(StatusCode::OK, codec.content_type(), reply.into()),
        Err(failure) => failure.into_response(),
    }
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
fn timeout_of(headers: &HeaderMap) -> Duration {
    (headers.get("connect-timeout-ms"))
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .map_or(DEFAULT_TIMEOUT, Duration::from_millis)
}

async fn call(
    ingress: &Ingress,
    target: &Target,
    route: &str,
    codec: Codec,
    body: Bytes,
    timeout: Duration,
) -> Result<Vec<u8>, Failure> {
    let invalid = |e: anyhow::Error| Failure::new("invalid_argument", format!("{e:#}"));
    let request = match codec {
        Codec::Json => {
            let text = std::str::from_utf8(&body)
                .map_err(|_| Failure::new("invalid_argument", "the JSON body is not UTF-8"))?;
            let text = if text.trim().is_empty() { "{}" } else { text };
            target
                .types
                .encode_json(text)
                .map_err(|e| Failure::new("invalid_argument", format!("the body is not {e:#}")))?
        }
        Codec::Proto => {
            target.types.check_binary(&body).map_err(invalid)?;
            body.to_vec()
        }
    };
    let reply = ingress
        .shim
        .call(&target.actor, Payload::new(route, request), timeout)
        .await
        .map_err(|failed| Failure::new(code_of(&failed.error), failed.error.describe()))?;
    match codec {
        Codec::Proto => Ok(reply.payload.body),
        Codec::Json => {
            let json = target
                .types
                .decode_reply(&reply.payload.body)
                .map_err(|e| {
                    Failure::new(
                        "internal",
                        format!("the actor's reply does not decode: {e:#}"),
                    )
                })?;
            Ok(json.into_bytes())
        }
    }
}

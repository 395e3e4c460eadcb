//! The HTTP ingress of `cargo guest serve`, on axum: the Connect protocol's unary RPCs to the
//! app's actors ([`connect`]), its durable services the Restate way ([`durable`]), the
//! endpoints the other commands use while the server holds the database ([`control`]), and
//! `GET /healthz`, which answers `ok` while the server runs.
//!
//! A path is told apart by its first segment: `guestkit` is a control endpoint; `restate`
//! a durable admin endpoint (awakeables, attaching to invocations); `wit` a call of a
//! function an actor exports from its own WIT world ([`wit`]); a fully qualified protobuf
//! service
//! (`/package.Service/Method`) is a Connect call; the name of a durable service of the app
//! (`/Service/Handler`, `/Object/KEY/Handler`) a durable call. Actor and service names have
//! no dots, so a Connect service never reads as one. A durable service's protobuf routes are
//! Connect calls too: a durable invocation, on the object a `Guestkit-Key` header names.

mod connect;
mod control;
mod durable;
mod wit;

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use guestkit_shim::{Address, Module, Shim};

use crate::contract::RouteTypes;

/// One route and the actor that serves it.
struct Target {
    actor: Address,
    name: String,
    types: RouteTypes,
}

/// Where each path goes: each Connect route's actors, and the durable services with their
/// routes. `cargo guest dev` replaces it when an actor's contract changes.
#[derive(Default)]
pub struct Table {
    routes: BTreeMap<String, Vec<Target>>,
    durable: BTreeMap<String, Vec<(String, RouteTypes)>>,
    /// Each route of a durable service's contract, with the service: reached over Connect.
    durable_routes: BTreeMap<String, String>,
    /// Each actor (not a durable service) by name, with its code: what its WIT exports are
    /// called on.
    actors: BTreeMap<String, (Address, Module)>,
}

impl Table {
    /// Serves `route` by actor `name` at `actor`.
    pub fn add(&mut self, route: String, name: &str, actor: Address, types: RouteTypes) {
        let name = name.to_owned();
        let target = Target { actor, name, types };
        self.routes.entry(route).or_default().push(target);
    }

    /// Serves the WIT exports of actor `name` at `actor`, which runs `module`.
    pub fn add_actor(&mut self, name: &str, actor: Address, module: Module) {
        self.actors.insert(name.to_owned(), (actor, module));
    }

    /// Serves durable service `service`, whose handlers are `routes`.
    pub fn add_durable(&mut self, service: &str, routes: Vec<(String, RouteTypes)>) {
        for (route, _) in &routes {
            (self.durable_routes).insert(route.clone(), service.to_owned());
        }
        self.durable.insert(service.to_owned(), routes);
    }

    /// The Connect routes served, with the names of their actors.
    pub fn routes(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        (self.routes.iter()).map(|(route, targets)| {
            (
                route.as_str(),
                targets.iter().map(|t| t.name.as_str()).collect(),
            )
        })
    }

    /// The durable services served, with their handlers' routes.
    pub fn durable_services(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        (self.durable.iter()).map(|(service, routes)| {
            (
                service.as_str(),
                routes.iter().map(|(r, _)| r.as_str()).collect(),
            )
        })
    }
}

/// What the ingress serves: the shim, and the table of where each path goes.
pub struct Ingress {
    shim: Shim,
    table: RwLock<Arc<Table>>,
    max_body: usize,
}

impl Ingress {
    pub fn new(shim: Shim, table: Table, max_body: usize) -> Self {
        Self {
            shim,
            table: RwLock::new(Arc::new(table)),
            max_body,
        }
    }

    pub fn shim(&self) -> &Shim {
        &self.shim
    }

    /// Where each path goes now; a request keeps the table it started with.
    pub fn table(&self) -> Arc<Table> {
        Arc::clone(&self.table.read().unwrap())
    }

    /// Routes the requests that come from now on by `table`.
    pub fn replace(&self, table: Table) {
        *self.table.write().unwrap() = Arc::new(table);
    }

    /// The axum router of the ingress.
    pub fn router(self: Arc<Self>) -> Router {
        Router::new()
            .route("/healthz", get(|| async { "ok" }))
            .fallback(dispatch)
            .with_state(self)
    }
}

/// Every request but the health check, to the part of the ingress its path names.
async fn dispatch(State(ingress): State<Arc<Ingress>>, request: Request) -> Response {
    let path = request.uri().path().trim_start_matches('/').to_owned();
    let first = path.split('/').next().unwrap_or_default();
    if first == "restate" {
        return durable::admin(&ingress, &path, request).await;
    }
    if first == "guestkit" {
        return control::serve(&ingress, &path, request).await;
    }
    let table = ingress.table();
    if first == "wit" {
        return wit::call(&ingress, &table, &path, request).await;
    }
    if let Some(targets) = table.routes.get(&path) {
        return connect::unary(&ingress, targets, &path, request).await;
    }
    if let Some(service) = table.durable_routes.get(&path) {
        let routes = &table.durable[service];
        return connect::durable_unary(&ingress, service, routes, &path, request).await;
    }
    if let Some(routes) = table.durable.get(first) {
        return durable::call(&ingress, routes, &path, request).await;
    }
    let served: Vec<String> = (table.routes.keys().cloned())
        .chain(table.durable.keys().map(|s| format!("{s}/… (durable)")))
        .collect();
    connect::no_route(format!(
        "nothing is served at `/{path}`; this app serves: {}",
        served.join(", ")
    ))
}

/// Which of the codecs a request uses: JSON (the proto3 mapping) or binary protobuf.
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
            "application/proto" | "application/x-protobuf" => Some(Codec::Proto),
            _ => None,
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Codec::Json => "application/json",
            Codec::Proto => "application/proto",
        }
    }

    /// `body` as the protobuf request of `types`, or why it is not one.
    fn request(self, types: &RouteTypes, body: &[u8]) -> Result<Vec<u8>, String> {
        match self {
            Codec::Json => {
                let text = std::str::from_utf8(body).map_err(|_| "the JSON body is not UTF-8")?;
                let text = if text.trim().is_empty() { "{}" } else { text };
                types
                    .encode_json(text)
                    .map_err(|e| format!("the body is not {e:#}"))
            }
            Codec::Proto => {
                types.check_binary(body).map_err(|e| format!("{e:#}"))?;
                Ok(body.to_vec())
            }
        }
    }

    /// The protobuf reply `body` of `types`, in this codec.
    fn reply(self, types: &RouteTypes, body: Vec<u8>) -> Result<Vec<u8>, String> {
        match self {
            Codec::Proto => Ok(body),
            Codec::Json => (types.decode_reply(&body))
                .map(String::into_bytes)
                .map_err(|e| format!("the reply does not decode: {e:#}")),
        }
    }
}

fn with_type(status: StatusCode, content_type: &'static str, body: Body) -> Response {
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// The most of a request's body the ingress reads: past the message limit, it reads on (and
/// drops) up to this, so that the client, still sending, gets the answer rather than a
/// broken pipe; past this, it closes the connection.
const MAX_READ: usize = 64 << 20;

/// A request's body, up to the shim's message limit; `None` past it, or when it breaks off.
async fn body_of(ingress: &Ingress, request: Request) -> Option<axum::body::Bytes> {
    use http_body_util::BodyExt as _;
    let mut body = request.into_body();
    let (mut kept, mut read) = (Vec::new(), 0usize);
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.ok()?.into_data() else {
            continue;
        };
        read += data.len();
        if read > MAX_READ {
            return None;
        }
        if read <= ingress.max_body {
            kept.extend_from_slice(&data);
        }
    }
    (read <= ingress.max_body).then(|| kept.into())
}

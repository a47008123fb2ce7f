//! The HTTP JSON API and the web UI over a store. Only this crate knows HTTP.
//!
//! [`router`] builds the axum router over any [`Store`] (a SQLite file or PostgreSQL); the UI's files (`assets/`) are
//! embedded in the binary, so `newsgraph serve` works offline with nothing else installed. Every
//! store call runs on the blocking pool; request bodies are bounded (the API is read-only, so
//! requests carry no body worth more than a few kilobytes); article text reaches the page only
//! through `textContent`, never as HTML.
//!
//! API (also as OpenAPI at `/api/openapi.json`):
//! Every view takes the same filters (`q&actor&entity&country&theme&root&since&until`) and
//! selects the same articles with them, so the UI's views of one query agree:
//! - `GET /api/search?...&limit` → the number of matches, the first `limit` hits and facets
//!   over every match
//! - `GET /api/articles/{id}` → the output record, with `story` and `duplicate_of`
//! - `GET /api/events?...&limit` → deduplicated events of the matching articles
//! - `GET /api/timeline?...` → matching articles and their events per day
//! - `GET /api/network?...&limit` → actors (names, events) and actor-to-actor edges
//! - `GET /api/codes` → names of CAMEO event codes (with Goldstein and quad class), of
//!   countries, actor roles and themes, from the embedded data files
//! - `GET /api/stats` → row counts
//! - `GET /api/status` → row counts, the last `newsgraph watch` cycle (time and counts) and the
//!   watched pages by state (the UI's "updated" line)
//! - `GET /api/licenses` → every embedded data file's source, licence and terms (the UI's footer)

use axum::extract::{DefaultBodyLimit, Path, Query as QueryParams, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use newsgraph_store::{Query, Store};
use serde::Deserialize;
use std::sync::{Arc, Mutex};

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");
const WORLD_JSON: &str = include_str!("../assets/world.json");
const OPENAPI_JSON: &str = include_str!("../assets/openapi.json");

/// Largest request body accepted (the API only reads; bodies are never needed).
const MAX_BODY: usize = 16 * 1024;

type Shared = Arc<Mutex<Store>>;

/// Search parameters, shared by the search and events endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    q: Option<String>,
    actor: Option<String>,
    entity: Option<String>,
    country: Option<String>,
    theme: Option<String>,
    root: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
}

impl Params {
    fn query(self) -> Query {
        let blank = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
        Query {
            text: blank(self.q),
            actor: blank(self.actor),
            entity: blank(self.entity),
            country: blank(self.country),
            theme: blank(self.theme),
            root: blank(self.root),
            since: blank(self.since),
            until: blank(self.until),
            limit: self.limit.unwrap_or(50).min(1000),
        }
    }
}

/// An API error: status and a message saying what was wrong.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(serde_json::json!({ "error": self.1 }))).into_response()
    }
}

async fn with_store<T: Send + 'static>(
    store: Shared,
    f: impl FnOnce(&Store) -> Result<T, newsgraph_store::StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || {
        let guard = store.lock().map_err(|_| {
            ApiError(
                StatusCode::INTERNAL_SERVER_ERROR,
                "store lock poisoned".into(),
            )
        })?;
        f(&guard).map_err(|e| ApiError(StatusCode::BAD_REQUEST, e.to_string()))
    })
    .await
    .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

async fn search(
    State(store): State<Shared>,
    QueryParams(p): QueryParams<Params>,
) -> Result<Response, ApiError> {
    let q = p.query();
    let body = with_store(store, move |s| {
        let total = s.count(&q)?;
        let hits = s.search(&q)?;
        let facets = s.facets(&q)?;
        Ok(serde_json::json!({ "total": total, "hits": hits, "facets": facets }))
    })
    .await?;
    Ok(Json(body).into_response())
}

async fn article(
    State(store): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let wanted = id.clone();
    match with_store(store, move |s| s.record(&wanted)).await? {
        Some(record) => Ok(Json(record).into_response()),
        None => Err(ApiError(
            StatusCode::NOT_FOUND,
            format!("no article with id `{id}`"),
        )),
    }
}

async fn events(
    State(store): State<Shared>,
    QueryParams(p): QueryParams<Params>,
) -> Result<Response, ApiError> {
    let q = p.query();
    Ok(Json(with_store(store, move |s| s.events(&q)).await?).into_response())
}

async fn timeline(
    State(store): State<Shared>,
    QueryParams(p): QueryParams<Params>,
) -> Result<Response, ApiError> {
    let q = p.query();
    Ok(Json(with_store(store, move |s| s.timeline(&q)).await?).into_response())
}

async fn network(
    State(store): State<Shared>,
    QueryParams(mut p): QueryParams<Params>,
) -> Result<Response, ApiError> {
    p.limit = Some(p.limit.unwrap_or(60));
    let q = p.query();
    Ok(Json(with_store(store, move |s| s.network(&q)).await?).into_response())
}

/// The names behind the codes the other endpoints return, read once from the embedded data
/// files: CAMEO event codes (name, Goldstein score, quad class), countries (by ISO alpha-2 and
/// by CAMEO code), CAMEO actor roles and themes.
fn codes() -> Result<serde_json::Value, ApiError> {
    let knowledge = newsgraph_knowledge::Knowledge::embedded();
    let failed = |e: newsgraph_knowledge::KnowledgeError| {
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    };
    let mut events = serde_json::Map::new();
    for c in knowledge.cameo().map_err(failed)? {
        events.insert(
            c.code.to_string(),
            serde_json::json!({ "name": c.name, "goldstein": c.goldstein, "quad_class": c.quad_class }),
        );
    }
    let mut countries = serde_json::Map::new();
    for c in knowledge.countries().map_err(failed)? {
        for code in [c.iso2, c.cameo] {
            if !code.is_empty() {
                countries.insert(code.to_string(), c.name.into());
            }
        }
    }
    let mut roles = serde_json::Map::new();
    for r in knowledge.cameo_roles().map_err(failed)? {
        roles.insert(r.code.to_string(), r.name.into());
    }
    let mut themes = serde_json::Map::new();
    for t in knowledge.themes().map_err(failed)? {
        themes.insert(t.code.to_string(), t.description.into());
    }
    Ok(serde_json::json!({
        "events": events, "countries": countries, "roles": roles, "themes": themes
    }))
}

async fn stats(State(store): State<Shared>) -> Result<Response, ApiError> {
    Ok(Json(with_store(store, |s| s.stats()).await?).into_response())
}

/// How current the store is: counts, and the last watch cycle (null when never watched).
async fn status(State(store): State<Shared>) -> Result<Response, ApiError> {
    let body = with_store(store, |s| {
        Ok(serde_json::json!({
            "stats": s.stats()?,
            "watch": s.last_cycle()?,
            "pages": s.page_counts()?,
        }))
    })
    .await?;
    Ok(Json(body).into_response())
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// The whole application: API routes and embedded UI assets.
pub fn router(store: Store) -> Router {
    let shared: Shared = Arc::new(Mutex::new(store));
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }),
        )
        .route(
            "/world.json",
            get(|| async { asset("application/json", WORLD_JSON) }),
        )
        .route(
            "/api/openapi.json",
            get(|| async { asset("application/json", OPENAPI_JSON) }),
        )
        .route("/api/search", get(search))
        .route("/api/articles/{id}", get(article))
        .route("/api/events", get(events))
        .route("/api/timeline", get(timeline))
        .route("/api/network", get(network))
        .route("/api/stats", get(stats))
        .route("/api/codes", get(|| async { codes().map(Json) }))
        .route("/api/status", get(status))
        .route(
            "/api/licenses",
            get(|| async { Json(newsgraph_model::licenses::all()) }),
        )
        .fallback(|| async {
            ApiError(
                StatusCode::NOT_FOUND,
                "no such page; the API is under /api/".into(),
            )
        })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(shared)
}

/// Serve until Ctrl-C. Binds `addr` ("127.0.0.1:8080").
pub fn serve(store: Store, addr: &str) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        eprintln!(
            "newsgraph serve: listening on http://{} (Ctrl-C to stop)",
            listener.local_addr()?
        );
        axum::serve(listener, router(store))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
}

#[cfg(test)]
mod tests;

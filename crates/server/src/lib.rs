//! The HTTP JSON API and the web UI over a store. Only this crate knows HTTP.
//!
//! [`router`] builds the axum router over any [`Store`] (a SQLite file or PostgreSQL); the UI's files (`assets/`) are
//! embedded in the binary, so `newsgraph serve` works offline with nothing else installed.
//!
//! Under load and hostile input (#20): requests share a pool of readers (`pool.rs`, one store
//! connection each; [`serve`] opens [`Options::readers`] of them), every query runs under a
//! deadline and is stopped when it passes (503) or when its client disconnects; parameters are
//! checked before any query runs (`params.rs`: a cap on search words and length, dates, codes;
//! a 400 otherwise). Every error, whatever the route, is `{"error": ..., "hint": ...}` JSON;
//! every answer carries CSP, nosniff, frame and referrer headers; each request is logged as one
//! line (method, path, status, ms) unless [`Options::quiet`]. Answers to repeated requests
//! are kept (`cache.rs`) until the store changes. Request bodies are bounded (the
//! API is read-only); article text reaches the page only through `textContent`, never as HTML.
//!
//! API (also as OpenAPI at `/api/openapi.json`):
//! Every view takes the same filters (`q&actor&entity&country&theme&root&since&until`) and
//! selects the same articles with them, so the UI's views of one query agree:
//! - `GET /api/search?...&limit` → the number of matches (exact, or at least [`COUNT_CAP`]
//!   with `total_is_lower_bound`), the first `limit` hits, and facets over the first
//!   `FACET_ARTICLES` (500) hits (`facets.articles` says over how many)
//! - `GET /api/articles/{id}` → the output record, with `story` and `duplicate_of`
//! - `GET /api/events?...&limit` → deduplicated events of the matching articles
//! - `GET /api/timeline?...` → matching articles and their events per day
//! - `GET /api/network?...&limit` → actors (names, events) and actor-to-actor edges
//! - `GET /api/codes` → names of CAMEO event codes (with Goldstein and quad class), of
//!   countries, actor roles and themes, from the embedded data files
//! - `GET /api/stats` → row counts
//! - `GET /api/status` → row counts, the last `newsgraph watch` cycle (time and counts), the
//!   watched pages by state (the UI's "updated" line) and the server's query counters
//! - `GET /api/licenses` → every embedded data file's source, licence and terms (the UI's footer)

mod cache;
mod params;
mod pool;

pub use params::{Params, MAX_LIMIT, MAX_QUERY_CHARS, MAX_QUERY_TERMS};
pub use pool::{Counters, Failure, Pool};

use axum::body::Bytes;
use cache::{Cache, Lookup};

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query as QueryParams, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use newsgraph_store::{Store, StoreError};
use std::sync::Arc;
use std::time::{Duration, Instant};

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");
const WORLD_JSON: &str = include_str!("../assets/world.json");
const OPENAPI_JSON: &str = include_str!("../assets/openapi.json");

/// Largest request body accepted (the API only reads; bodies are never needed).
const MAX_BODY: usize = 16 * 1024;

/// A search counts its matches up to this many (then says "at least"); a page of hits is at
/// most [`MAX_LIMIT`] long, so no page needs a larger count.
pub const COUNT_CAP: u64 = MAX_LIMIT as u64;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Store connections that answer requests side by side.
    pub readers: usize,
    /// Longest a query may run (and a request may wait for a reader) before a 503.
    pub deadline: Duration,
    /// No access log lines.
    pub quiet: bool,
    /// Answers kept for repeated requests (0: none). Used by [`serve`], which opens one more
    /// connection to tell when the store changed.
    pub cache: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            readers: 4,
            deadline: Duration::from_secs(5),
            quiet: false,
            cache: 512,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
struct App {
    pool: Arc<Pool>,
    cache: Option<Arc<Cache>>,
}

/// An API error: status, what was wrong and what to do. Always JSON of one shape.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    error: String,
    hint: String,
}

impl ApiError {
    fn new(status: StatusCode, error: impl Into<String>, hint: impl Into<String>) -> Self {
        ApiError {
            status,
            error: error.into(),
            hint: hint.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.error, "hint": self.hint })),
        )
            .into_response()
    }
}

impl From<params::Invalid> for ApiError {
    fn from(e: params::Invalid) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, e.error, e.hint)
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("malformed parameters: {}", e.body_text()),
            "see /api/openapi.json for each endpoint's parameters",
        )
    }
}

impl From<PathRejection> for ApiError {
    fn from(e: PathRejection) -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("malformed path: {}", e.body_text()),
            "see /api/openapi.json",
        )
    }
}

impl From<Failure> for ApiError {
    fn from(f: Failure) -> Self {
        match f {
            Failure::TimedOut(d) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query ran longer than {} ms and was stopped",
                    d.as_millis()
                ),
                "narrow it: fewer or rarer words, a filter, a date range",
            ),
            Failure::Busy(d) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("every reader stayed busy for {} ms", d.as_millis()),
                "try again in a moment",
            ),
            // A full-text syntax error or a broken store: say so without the engine's own words.
            Failure::Store(StoreError::Sql(e)) => {
                let malformed = e.to_string().contains("fts5");
                if malformed {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "the search words cannot be read",
                        "use words, \"quoted phrases\", AND, OR, NOT",
                    )
                } else {
                    ApiError::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "the store failed to answer",
                        "the server's log says why",
                    )
                }
            }
            Failure::Store(e) if e.is_interrupted() => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the query was stopped",
                "try again",
            ),
            Failure::Store(_) | Failure::Internal(_) => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the store failed to answer",
                "the server's log says why",
            ),
        }
    }
}

async fn with_store<T: Send + 'static>(
    app: &App,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    app.pool.run(f).await.map_err(|failure| {
        match &failure {
            Failure::Store(e) if !e.is_interrupted() => {
                eprintln!("newsgraph serve: store error: {e}")
            }
            Failure::Internal(e) => eprintln!("newsgraph serve: {e}"),
            _ => {}
        }
        ApiError::from(failure)
    })
}

/// A JSON answer from its bytes; `cache` says whether it was kept from an earlier request.
fn json_bytes(body: Bytes, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::HeaderName::from_static("x-newsgraph-cache"), cache),
        ],
        body,
    )
        .into_response()
}

/// The answer to the request `key` (its endpoint and parsed query): the kept one when the
/// store has not changed since, else `f`'s on a reader, serialised there and kept.
async fn cached<T: serde::Serialize + Send + 'static>(
    app: &App,
    key: String,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<Response, ApiError> {
    let Some(cache) = &app.cache else {
        return Ok(json_bytes(compute(app, f).await?, "miss"));
    };
    if let Lookup::Hit(body) = cache.lookup(&key) {
        return Ok(json_bytes(body, "hit"));
    }
    // One request computes; the same request arriving meanwhile waits for its answer (at most
    // a deadline, then computes it too).
    let turn = cache.turn(&key);
    let _done = cache::Done(cache, &key);
    let _held = match &turn {
        Some(turn) => tokio::time::timeout(app.pool.deadline(), turn.lock())
            .await
            .ok(),
        None => None,
    };
    let version = match cache.lookup(&key) {
        Lookup::Hit(body) => return Ok(json_bytes(body, "hit")),
        Lookup::Miss(version) => version,
    };
    let body = compute(app, f).await;
    if let Ok(body) = &body {
        cache.keep(key.clone(), version, body.clone());
    }
    Ok(json_bytes(body?, "miss"))
}

/// `f`'s answer on a reader, serialised there.
async fn compute<T: serde::Serialize + Send + 'static>(
    app: &App,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<Bytes, ApiError> {
    let body = with_store(app, move |s| {
        serde_json::to_vec(&f(s)?).map_err(|e| StoreError::Corrupt(e.to_string()))
    })
    .await?;
    Ok(Bytes::from(body))
}

async fn search(
    State(app): State<App>,
    params: Result<QueryParams<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = params?.0.query()?;
    cached(&app, format!("search {q:?}"), move |s| {
        let (total, lower_bound) = s.count_upto(&q, COUNT_CAP)?;
        let hits = s.search(&q)?;
        let facets = s.facets(&q)?;
        Ok(serde_json::json!({
            "total": total, "total_is_lower_bound": lower_bound, "hits": hits, "facets": facets
        }))
    })
    .await
}

async fn article(
    State(app): State<App>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(id) = id?;
    if id.len() > 1024 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "the article id is longer than 1024 bytes",
            "ids come from /api/search",
        ));
    }
    let wanted = id.clone();
    match with_store(&app, move |s| s.record(&wanted)).await? {
        Some(record) => Ok(Json(record).into_response()),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!(
                "no article with id `{}`",
                id.chars().take(200).collect::<String>()
            ),
            "ids come from /api/search",
        )),
    }
}

async fn events(
    State(app): State<App>,
    params: Result<QueryParams<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = params?.0.query()?;
    cached(&app, format!("events {q:?}"), move |s| s.events(&q)).await
}

async fn timeline(
    State(app): State<App>,
    params: Result<QueryParams<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = params?.0.query()?;
    cached(&app, format!("timeline {q:?}"), move |s| s.timeline(&q)).await
}

async fn network(
    State(app): State<App>,
    params: Result<QueryParams<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = params?.0.with_default_limit(60).query()?;
    cached(&app, format!("network {q:?}"), move |s| s.network(&q)).await
}

/// The names behind the codes the other endpoints return, read once from the embedded data
/// files: CAMEO event codes (name, Goldstein score, quad class), countries (by ISO alpha-2 and
/// by CAMEO code), CAMEO actor roles and themes.
fn codes() -> Result<serde_json::Value, ApiError> {
    let knowledge = newsgraph_knowledge::Knowledge::embedded();
    let failed = |e: newsgraph_knowledge::KnowledgeError| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            e.to_string(),
            "the embedded data files are part of the binary; rebuild it",
        )
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

async fn stats(State(app): State<App>) -> Result<Response, ApiError> {
    cached(&app, "stats".to_string(), |s| s.stats()).await
}

/// How current the store is: counts, the last watch cycle (null when never watched), and what
/// the server's readers did since it started.
async fn status(State(app): State<App>) -> Result<Response, ApiError> {
    let mut body = with_store(&app, |s| {
        Ok(serde_json::json!({
            "stats": s.stats()?,
            "watch": s.last_cycle()?,
            "pages": s.page_counts()?,
        }))
    })
    .await?;
    body["server"] = serde_json::to_value(&app.pool.counters).unwrap_or_default();
    Ok(Json(body).into_response())
}

/// Security headers on every answer, and one access log line per request.
async fn edge(quiet: bool, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().chars().take(200).collect::<String>();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            // The UI draws the map and the network as SVG with style attributes, so inline
            // styles are allowed; scripts stay limited to the server's own files.
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
             object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !quiet {
        eprintln!(
            "{method} {path} {} {:.1} ms",
            response.status().as_u16(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    response
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

/// The whole application over one store (tests, an in-memory store): one reader, default
/// deadline, no access log.
pub fn router(store: Store) -> Router {
    let options = Options {
        readers: 1,
        quiet: true,
        ..Options::default()
    };
    router_with(vec![store], &options)
}

/// The whole application: API routes and embedded UI assets, over a pool of `stores` (each
/// answers one request at a time), keeping no answers.
pub fn router_with(stores: Vec<Store>, options: &Options) -> Router {
    router_caching(stores, None, options)
}

/// [`router_with`], keeping up to [`Options::cache`] answers for repeated requests when given
/// a `probe`: one more connection to the same store, which tells when it changed.
pub fn router_caching(stores: Vec<Store>, probe: Option<Store>, options: &Options) -> Router {
    let app = App {
        pool: Pool::new(stores, options.deadline),
        cache: probe
            .filter(|_| options.cache > 0)
            .map(|probe| Arc::new(Cache::new(probe, options.cache))),
    };
    let quiet = options.quiet;
    let routes = Router::new()
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
        );
    #[cfg(test)]
    let routes = routes.route("/api/test/spin", get(spin));
    routes
        .fallback(|| async {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "no such page",
                "the API is under /api/ (see /api/openapi.json)",
            )
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "this API only answers GET",
                "see /api/openapi.json",
            )
        })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(move |request, next| {
            edge(quiet, request, next)
        }))
        .with_state(app)
}

/// A query that runs until it is stopped (tests of the deadline and of disconnects).
#[cfg(test)]
async fn spin(State(app): State<App>) -> Result<Response, ApiError> {
    Ok(Json(with_store(&app, |s| s.spin()).await?).into_response())
}

/// Serve until Ctrl-C on `addr` ("127.0.0.1:8080"), with `options.readers` connections made by
/// `open` (the first is opened before anything is served), and one more that tells the cache
/// when the store changed (unless `options.cache` is 0).
pub fn serve(
    open: impl Fn() -> Result<Store, StoreError>,
    addr: &str,
    options: &Options,
) -> std::io::Result<()> {
    let mut stores = Vec::new();
    for _ in 0..options.readers.max(1) {
        let store = open().map_err(std::io::Error::other)?;
        store
            .tune_for_reading(options.deadline)
            .map_err(std::io::Error::other)?;
        stores.push(store);
    }
    let probe = match options.cache {
        0 => None,
        _ => Some(open().map_err(std::io::Error::other)?),
    };
    // A store that cannot tell when it changed (PostgreSQL) keeps no answers: no probe.
    let probe = probe.filter(|p| matches!(p.data_version(), Ok(Some(_))));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        eprintln!(
            "newsgraph serve: listening on http://{} with {} readers, {} ms per query (Ctrl-C to stop)",
            listener.local_addr()?,
            stores.len(),
            options.deadline.as_millis()
        );
        axum::serve(listener, router_caching(stores, probe, options))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
}

#[cfg(test)]
mod load_tests;
#[cfg(test)]
mod tests;

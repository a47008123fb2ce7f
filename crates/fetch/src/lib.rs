//! The HTTP edge of newsgraph: a polite fetcher for `newsgraph watch`. Nothing else in the
//! engine does network I/O; stages never do.
//!
//! A [`Fetcher`] sends GET requests through `ureq` (rustls, gzip) and behaves as a crawler
//! should:
//! - a User-Agent that names newsgraph and the operator's contact URL;
//! - one request at a time per host, with a pause between requests (`gate.rs`), raised to the
//!   crawl delay a site's robots.txt asks for;
//! - robots.txt read once per host (cached for [`Config::robots_ttl`]) and honoured (`robots.rs`);
//! - a timeout per request, at most [`Config::max_redirects`] redirects (each hop checked
//!   against robots.txt and passed through the host's gate), a cap on the body size;
//! - retries with exponential backoff for timeouts, dropped connections and 5xx answers, none
//!   for 4xx;
//! - conditional GET (`If-None-Match`, `If-Modified-Since`) for feeds;
//! - every failure a [`Failure`] with a [`Reason`] the caller counts.
//!
//! `url.rs` parses, resolves and canonicalises the addresses.

mod gate;
pub mod robots;
pub mod url;

pub use robots::Robots;
pub use url::{canonical, Url};

use gate::HostGate;
use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The product token robots.txt groups are matched against, and the User-Agent's first word.
pub const AGENT_TOKEN: &str = "newsgraph";

/// How the fetcher behaves. [`Config::new`] gives the defaults a crawler of news sites should
/// use; tests shorten the times.
#[derive(Debug, Clone)]
pub struct Config {
    /// `newsgraph/VERSION (+CONTACT)`.
    pub user_agent: String,
    /// Longest a request may take, connection to last byte.
    pub timeout: Duration,
    /// Pause after each request to a host before the next one to it.
    pub delay: Duration,
    /// Extra tries after a timeout, a dropped connection or a 5xx answer.
    pub retries: u32,
    /// Wait before the first retry; doubled before each next one.
    pub backoff: Duration,
    pub max_redirects: u32,
    /// How long a host's robots.txt is trusted before it is read again.
    pub robots_ttl: Duration,
}

impl Config {
    /// The defaults, with a User-Agent naming `contact` (a URL or `mailto:` address where a site
    /// owner reaches whoever runs the crawler).
    pub fn new(contact: &str) -> Config {
        Config {
            user_agent: format!(
                "{AGENT_TOKEN}/{} (+{})",
                env!("CARGO_PKG_VERSION"),
                contact.trim()
            ),
            timeout: Duration::from_secs(30),
            delay: Duration::from_secs(1),
            retries: 2,
            backoff: Duration::from_secs(2),
            max_redirects: 5,
            robots_ttl: Duration::from_secs(3600),
        }
    }
}

/// Validators of an earlier answer, sent back so an unchanged resource answers 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A resource fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Where it was found, after redirects.
    pub url: String,
    pub status: u16,
    pub body: Vec<u8>,
    /// The media type of `Content-Type`, lower-cased (`text/html`).
    pub media_type: Option<String>,
    /// The `charset` of `Content-Type`.
    pub charset: Option<String>,
    /// Validators for the next conditional request.
    pub validators: Validators,
    pub redirects: u32,
}

/// What a GET gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    Page(Page),
    /// 304: unchanged since the validators were given.
    NotModified,
}

/// Why a fetch failed, as counted in a cycle's log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// No whole answer within the timeout.
    Timeout,
    /// The connection was refused, reset or dropped, or the host name did not resolve.
    Connect,
    /// A 4xx answer.
    Client(u16),
    /// A 5xx answer.
    Server(u16),
    /// More redirects than allowed (a loop, usually).
    Redirects,
    /// Larger than the cap.
    TooLarge,
    /// robots.txt disallows the path.
    Robots,
    /// The host's robots.txt could not be read (5xx or no answer), so nothing is fetched there.
    RobotsUnavailable,
    /// Not an http(s) address, or a redirect to one.
    BadUrl,
    /// The TLS handshake or certificate failed.
    Tls,
    /// An answer that is not valid HTTP, or a body that does not decompress.
    Protocol,
}

impl Reason {
    /// The name counted in logs and stored with the failure (`timeout`, `http-404`, ...).
    pub fn label(&self) -> String {
        match self {
            Reason::Timeout => "timeout".into(),
            Reason::Connect => "connect".into(),
            Reason::Client(code) | Reason::Server(code) => format!("http-{code}"),
            Reason::Redirects => "redirects".into(),
            Reason::TooLarge => "too-large".into(),
            Reason::Robots => "robots".into(),
            Reason::RobotsUnavailable => "robots-unavailable".into(),
            Reason::BadUrl => "bad-url".into(),
            Reason::Tls => "tls".into(),
            Reason::Protocol => "protocol".into(),
        }
    }

    /// Worth trying again within the same fetch, after a backoff.
    pub fn retry_now(&self) -> bool {
        matches!(self, Reason::Timeout | Reason::Connect | Reason::Server(_))
    }

    /// Worth trying again in a later cycle: the resource may well be there then. A 404, a
    /// robots.txt refusal or a page too large will not change.
    pub fn transient(&self) -> bool {
        self.retry_now()
            || matches!(
                self,
                Reason::Client(408 | 425 | 429) | Reason::RobotsUnavailable
            )
    }
}

/// A fetch that failed: why, in words, and how many requests it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub reason: Reason,
    pub detail: String,
    pub attempts: u32,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason.label(), self.detail)
    }
}

impl std::error::Error for Failure {}

fn failure(reason: Reason, detail: impl Into<String>) -> Failure {
    Failure {
        reason,
        detail: detail.into(),
        attempts: 0,
    }
}

/// Requests sent, by kind; read at the end of a cycle.
#[derive(Debug, Default)]
pub struct Stats {
    /// Every request sent: pages, feeds, robots.txt, redirect hops and retries.
    pub requests: AtomicU64,
    pub retries: AtomicU64,
    pub robots: AtomicU64,
    /// Body bytes received (after decompression).
    pub bytes: AtomicU64,
}

/// A host's robots.txt, read once by whichever thread needs it first.
struct RobotsEntry {
    read_at: Instant,
    /// The rules, or why the host's robots.txt could not be read (so nothing is fetched).
    robots: OnceLock<Result<Robots, Failure>>,
}

/// The crawler's HTTP client. Share one between threads (`&Fetcher` is all they need).
pub struct Fetcher {
    agent: ureq::Agent,
    config: Config,
    gate: HostGate,
    robots: Mutex<HashMap<String, Arc<RobotsEntry>>>,
    stats: Stats,
}

/// One request's answer, before redirects are followed.
enum Step {
    Done(Fetched),
    Redirect(String),
}

impl Fetcher {
    pub fn new(config: Config) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .user_agent(config.user_agent.as_str())
            .timeout_global(Some(config.timeout))
            // Redirects are followed here, hop by hop, so each passes robots.txt and the gate.
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .into();
        Fetcher {
            agent,
            config,
            gate: HostGate::default(),
            robots: Mutex::new(HashMap::new()),
            stats: Stats::default(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// GET `url`, following redirects, with `validators` for a conditional request, reading
    /// at most `limit` bytes of body.
    pub fn get(
        &self,
        url: &str,
        validators: Option<&Validators>,
        limit: u64,
    ) -> Result<Fetched, Failure> {
        let mut url = Url::parse(url)
            .ok_or_else(|| failure(Reason::BadUrl, format!("not an http(s) URL: {url}")))?;
        let mut attempts = 0u32;
        let mut redirects = 0u32;
        let result = loop {
            if let Err(e) = self.check_robots(&url) {
                break Err(e);
            }
            // Validators belong to the address they were given for, not to a redirect target.
            let conditional = if redirects == 0 { validators } else { None };
            match self.with_retries(&url, conditional, limit, &mut attempts) {
                Ok(Step::Done(Fetched::Page(mut page))) => {
                    page.redirects = redirects;
                    break Ok(Fetched::Page(page));
                }
                Ok(Step::Done(Fetched::NotModified)) => break Ok(Fetched::NotModified),
                Ok(Step::Redirect(location)) => {
                    redirects += 1;
                    if redirects > self.config.max_redirects {
                        break Err(failure(
                            Reason::Redirects,
                            format!(
                                "more than {} redirects (last to {location})",
                                self.config.max_redirects
                            ),
                        ));
                    }
                    match url.join(&location) {
                        Some(next) => url = next,
                        None => {
                            break Err(failure(
                                Reason::BadUrl,
                                format!("redirect to a non-web address: {location}"),
                            ))
                        }
                    }
                }
                Err(e) => break Err(e),
            }
        };
        result.map_err(|mut f| {
            f.attempts = attempts;
            f
        })
    }

    /// One request, tried again after a backoff while it fails in a way worth retrying.
    fn with_retries(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        limit: u64,
        attempts: &mut u32,
    ) -> Result<Step, Failure> {
        let mut wait = self.config.backoff;
        for retry in 0..=self.config.retries {
            if retry > 0 {
                std::thread::sleep(wait);
                wait = wait.saturating_mul(2);
                self.stats.retries.fetch_add(1, Ordering::Relaxed);
            }
            *attempts += 1;
            match self.once(url, validators, limit) {
                Err(e) if e.reason.retry_now() && retry < self.config.retries => continue,
                other => return other,
            }
        }
        Err(failure(Reason::Protocol, "no attempt was made"))
    }

    /// One request through the host's gate.
    fn once(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        limit: u64,
    ) -> Result<Step, Failure> {
        let _pass = self.gate.enter(&url.authority(), self.config.delay);
        self.stats.requests.fetch_add(1, Ordering::Relaxed);
        let address = url.to_string();
        let mut request = self.agent.get(&address);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header("If-None-Match", etag.as_str());
            }
            if let Some(date) = &v.last_modified {
                request = request.header("If-Modified-Since", date.as_str());
            }
        }
        let mut response = request.call().map_err(|e| classify(e, &address, limit))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        match status {
            304 => return Ok(Step::Done(Fetched::NotModified)),
            300..=399 => {
                return header("location").map(Step::Redirect).ok_or_else(|| {
                    failure(
                        Reason::Protocol,
                        format!("{status} without a Location from {address}"),
                    )
                })
            }
            400..=499 => {
                return Err(failure(
                    Reason::Client(status),
                    format!("{status} from {address}"),
                ))
            }
            500..=599 => {
                return Err(failure(
                    Reason::Server(status),
                    format!("{status} from {address}"),
                ))
            }
            _ => {}
        }
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let (media_type, charset) = content_type(header("content-type").as_deref());
        if let Some(length) = header("content-length").and_then(|l| l.parse::<u64>().ok()) {
            if length > limit {
                return Err(too_large(limit, &address));
            }
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| classify(e, &address, limit))?;
        self.stats
            .bytes
            .fetch_add(body.len() as u64, Ordering::Relaxed);
        Ok(Step::Done(Fetched::Page(Page {
            url: address,
            status,
            body,
            media_type,
            charset,
            validators,
            redirects: 0,
        })))
    }

    /// Whether robots.txt lets us fetch `url` (reading it first when it is not cached).
    fn check_robots(&self, url: &Url) -> Result<(), Failure> {
        let path = url.path_and_query();
        if path == "/robots.txt" {
            return Ok(());
        }
        let origin = url.origin();
        let entry = {
            let mut cache = self.robots.lock().unwrap_or_else(|e| e.into_inner());
            let fresh = cache
                .get(&origin)
                .filter(|e| e.read_at.elapsed() < self.config.robots_ttl)
                .cloned();
            fresh.unwrap_or_else(|| {
                let entry = Arc::new(RobotsEntry {
                    read_at: Instant::now(),
                    robots: OnceLock::new(),
                });
                cache.insert(origin.clone(), Arc::clone(&entry));
                entry
            })
        };
        let robots = match entry.robots.get_or_init(|| self.read_robots(url)) {
            Ok(robots) => robots,
            Err(failure) => return Err(failure.clone()),
        };
        if robots.allows(&path) {
            Ok(())
        } else {
            Err(failure(
                Reason::Robots,
                format!("{origin}/robots.txt disallows {path}"),
            ))
        }
    }

    /// Read a host's robots.txt (RFC 9309: a 4xx means no rules; a 5xx or no answer means
    /// stay away until it can be read) and apply its crawl delay to the host's gate.
    fn read_robots(&self, url: &Url) -> Result<Robots, Failure> {
        self.stats.robots.fetch_add(1, Ordering::Relaxed);
        let address = format!("{}/robots.txt", url.origin());
        let robots = match self.get(&address, None, robots::MAX_ROBOTS_BYTES) {
            Ok(Fetched::Page(page)) => {
                Robots::parse(&String::from_utf8_lossy(&page.body), AGENT_TOKEN)
            }
            Ok(Fetched::NotModified) => Robots::allow_all(),
            Err(f) => match f.reason {
                Reason::Client(_) | Reason::TooLarge | Reason::Redirects | Reason::BadUrl => {
                    Robots::allow_all()
                }
                // The host is down: say so, rather than blame its robots.txt.
                Reason::Timeout | Reason::Connect => {
                    return Err(failure(f.reason, format!("robots.txt: {}", f.detail)))
                }
                _ => {
                    return Err(failure(
                        Reason::RobotsUnavailable,
                        format!("{address} could not be read ({})", f.reason.label()),
                    ))
                }
            },
        };
        if let Some(delay) = robots.crawl_delay() {
            self.gate
                .set_delay(&url.authority(), delay, self.config.delay);
        }
        Ok(robots)
    }
}

fn too_large(limit: u64, address: &str) -> Failure {
    failure(
        Reason::TooLarge,
        format!("{address} is larger than {} bytes", limit),
    )
}

/// (media type, charset) of a `Content-Type` header.
fn content_type(value: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(value) = value else {
        return (None, None);
    };
    let mut parts = value.split(';');
    let media = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (key, value) = p.split_once('=')?;
        (key.trim().eq_ignore_ascii_case("charset"))
            .then(|| value.trim().trim_matches('"').to_string())
    });
    (media, charset)
}

/// A transport error as a failure reason.
fn classify(error: ureq::Error, address: &str, limit: u64) -> Failure {
    use std::io::ErrorKind;
    let reason = match &error {
        ureq::Error::Timeout(_) => Reason::Timeout,
        ureq::Error::BodyExceedsLimit(_) => return too_large(limit, address),
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => Reason::Connect,
        ureq::Error::Io(e) => match e.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => Reason::Timeout,
            _ => Reason::Connect,
        },
        ureq::Error::BadUri(_) | ureq::Error::RequireHttpsOnly(_) => Reason::BadUrl,
        ureq::Error::Tls(_) => Reason::Tls,
        #[cfg(feature = "tls")]
        ureq::Error::Rustls(_) => Reason::Tls,
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => Reason::Redirects,
        _ => Reason::Protocol,
    };
    failure(reason, format!("{address}: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_have_stable_labels_and_retry_rules() {
        assert_eq!(Reason::Client(404).label(), "http-404");
        assert_eq!(Reason::Server(503).label(), "http-503");
        assert!(Reason::Server(500).retry_now());
        assert!(Reason::Timeout.retry_now());
        assert!(!Reason::Client(404).retry_now());
        assert!(!Reason::Client(404).transient());
        assert!(Reason::Client(429).transient());
        assert!(!Reason::Robots.transient());
        assert!(Reason::RobotsUnavailable.transient());
    }

    #[test]
    fn content_type_splits_media_type_and_charset() {
        assert_eq!(
            content_type(Some("Text/HTML; charset=\"ISO-8859-1\"")),
            (Some("text/html".into()), Some("ISO-8859-1".into()))
        );
        assert_eq!(content_type(None), (None, None));
    }

    #[test]
    fn the_user_agent_names_newsgraph_and_the_contact() {
        let config = Config::new("https://desk.example/crawler");
        assert!(config.user_agent.starts_with("newsgraph/"));
        assert!(config
            .user_agent
            .ends_with("(+https://desk.example/crawler)"));
    }
}

//! Web addresses: parse an absolute `http`/`https` URL, resolve a link against the page it is
//! on (RFC 3986, section 5), and canonicalise it so one page has one key in the store.
//!
//! Deliberately small: the `url` crate would pull in IDNA tables for the one thing this module
//! refuses (a host name that is not ASCII). Canonical form: scheme and host lower-cased, the
//! default port and the fragment dropped, dot segments removed, percent escapes upper-cased,
//! characters a request line cannot carry percent-encoded, and `utm_*` campaign parameters
//! (Urchin Tracking Module, added by newsletters and feeds, never part of the page) removed.

use std::fmt;

/// An absolute `http` or `https` URL without its fragment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Url {
    scheme: String,
    host: String,
    port: Option<u16>,
    /// Starts with `/`.
    path: String,
    query: Option<String>,
}

impl Url {
    /// Parse an absolute `http(s)://` URL; None for anything else (relative links, `mailto:`,
    /// a host that is empty or not ASCII, a bad port).
    pub fn parse(input: &str) -> Option<Url> {
        let input = input.trim();
        let (scheme, rest) = input.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        // Credentials in a link are never sent on.
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        let (host, port) = split_port(authority)?;
        let host = host.to_ascii_lowercase();
        let host_ok = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._[]:".contains(&b));
        if !host_ok {
            return None;
        }
        let port = port.filter(|&p| Some(p) != default_port(&scheme));
        let (path, query) = split_path(tail);
        Some(Url {
            scheme,
            host,
            port,
            path: normalise_path(if path.is_empty() { "/" } else { path }),
            query: query.map(encode_query),
        })
    }

    /// The link `href` as seen from this page: absolute links as they are, scheme-relative,
    /// root-relative and relative ones resolved. None for links to something other than a web
    /// page (`mailto:`, `javascript:`, `ftp:`).
    pub fn join(&self, href: &str) -> Option<Url> {
        let href = href.trim();
        if let Some(colon) = href.find(':') {
            let scheme = &href[..colon];
            let is_scheme = !scheme.is_empty()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
                && !href[..colon].contains(['/', '?', '#']);
            if is_scheme {
                return Url::parse(href);
            }
        }
        if let Some(rest) = href.strip_prefix("//") {
            return Url::parse(&format!("{}://{rest}", self.scheme));
        }
        let href = href.split('#').next().unwrap_or("");
        let (path, query) = split_path(href);
        let mut out = self.clone();
        if path.is_empty() {
            if let Some(q) = query {
                out.query = Some(encode_query(q));
            }
            return Some(out);
        }
        out.path = if path.starts_with('/') {
            normalise_path(path)
        } else {
            let dir = &self.path[..self.path.rfind('/').map_or(0, |i| i + 1)];
            normalise_path(&format!("{dir}{path}"))
        };
        out.query = query.map(encode_query);
        Some(out)
    }

    /// The same page without campaign-tracking parameters (`utm_*`): the key it is stored under.
    pub fn canonical(mut self) -> Url {
        if let Some(query) = &self.query {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|pair| !pair.is_empty())
                .filter(|pair| {
                    let name = pair.split('=').next().unwrap_or("");
                    !name.to_ascii_lowercase().starts_with("utm_")
                })
                .collect();
            self.query = (!kept.is_empty()).then(|| kept.join("&"));
        }
        self
    }

    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// `host` or `host:port` (the port only when it is not the scheme's default): the unit of
    /// politeness, one request at a time.
    pub fn authority(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }

    /// `scheme://authority`: whose robots.txt applies.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.authority())
    }

    /// The path and query, as a request line and robots.txt rules read them.
    pub fn path_and_query(&self) -> String {
        match &self.query {
            Some(q) => format!("{}?{q}", self.path),
            None => self.path.clone(),
        }
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin(), self.path_and_query())
    }
}

/// The canonical form of a link found on (or in a feed at) `base`, or of an absolute URL when
/// `base` is None.
pub fn canonical(href: &str, base: Option<&Url>) -> Option<String> {
    let url = match base {
        Some(base) => base.join(href)?,
        None => Url::parse(href)?,
    };
    Some(url.canonical().to_string())
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    }
}

/// `host[:port]`, IPv6 literals in brackets. None for a port that is not a number.
fn split_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let colon = if authority.starts_with('[') {
        let close = authority.find(']')?;
        authority[close..].find(':').map(|i| i + close)
    } else {
        authority.rfind(':')
    };
    match colon {
        None => Some((authority, None)),
        Some(i) if i + 1 == authority.len() => Some((&authority[..i], None)),
        Some(i) => Some((&authority[..i], Some(authority[i + 1..].parse().ok()?))),
    }
}

/// (path, query) of what follows the authority; the fragment dropped.
fn split_path(tail: &str) -> (&str, Option<&str>) {
    let tail = tail.split('#').next().unwrap_or("");
    match tail.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (tail, None),
    }
}

/// Remove `.` and `..` segments (RFC 3986, 5.2.4) and percent-encode what a request line
/// cannot carry.
fn normalise_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *segment {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            s => segments.push(s),
        }
    }
    let mut out = String::with_capacity(path.len() + 1);
    for s in &segments {
        out.push('/');
        encode_into(s, &mut out, false);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

fn encode_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    encode_into(query, &mut out, true);
    out
}

/// Percent-encode bytes outside the URL's allowed characters; upper-case existing escapes so
/// `%2f` and `%2F` are one key.
fn encode_into(s: &str, out: &mut String, in_query: bool) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escape = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if escape {
            out.push('%');
            out.push(char::from(bytes[i + 1]).to_ascii_uppercase());
            out.push(char::from(bytes[i + 2]).to_ascii_uppercase());
            i += 3;
            continue;
        }
        let allowed = b.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=:@".contains(&b)
            || (in_query && (b == b'/' || b == b'?'));
        if allowed {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        canonical(s, None).unwrap_or_else(|| format!("<none: {s}>"))
    }

    #[test]
    fn parses_and_prints_in_canonical_form() {
        assert_eq!(
            canon("HTTP://News.Example:80/World/../world/./story.html?id=7#comments"),
            "http://news.example/world/story.html?id=7"
        );
        assert_eq!(canon("https://a.example"), "https://a.example/");
        assert_eq!(
            canon("https://a.example:8443/x"),
            "https://a.example:8443/x"
        );
        assert_eq!(
            canon("http://127.0.0.1:3000/a%2fb c"),
            "http://127.0.0.1:3000/a%2Fb%20c"
        );
        assert_eq!(canon("https://user:pw@a.example/p"), "https://a.example/p");
    }

    #[test]
    fn campaign_parameters_are_dropped_and_others_kept_in_order() {
        assert_eq!(
            canon("https://a.example/s?utm_source=rss&id=3&UTM_medium=x&page=2"),
            "https://a.example/s?id=3&page=2"
        );
        assert_eq!(
            canon("https://a.example/s?utm_source=rss"),
            "https://a.example/s"
        );
    }

    #[test]
    fn refuses_what_is_no_web_page() {
        for bad in [
            "mailto:desk@a.example",
            "ftp://a.example/f",
            "/relative",
            "https://",
            "https://a.example:port/",
            "https://bücher.example/",
        ] {
            assert_eq!(Url::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn joins_links_as_browsers_do() {
        let base = Url::parse("https://a.example/world/europe/story.html?x=1").unwrap();
        let join = |href: &str| base.join(href).map(|u| u.to_string());
        assert_eq!(
            join("other.html").as_deref(),
            Some("https://a.example/world/europe/other.html")
        );
        assert_eq!(
            join("../asia/").as_deref(),
            Some("https://a.example/world/asia/")
        );
        assert_eq!(join("/top").as_deref(), Some("https://a.example/top"));
        assert_eq!(
            join("//b.example/p").as_deref(),
            Some("https://b.example/p")
        );
        assert_eq!(
            join("?page=2").as_deref(),
            Some("https://a.example/world/europe/story.html?page=2")
        );
        assert_eq!(
            join("#c").as_deref(),
            Some("https://a.example/world/europe/story.html?x=1")
        );
        assert_eq!(
            join("http://c.example/").as_deref(),
            Some("http://c.example/")
        );
        assert_eq!(join("javascript:void(0)"), None);
        assert_eq!(
            join("../../../../up").as_deref(),
            Some("https://a.example/up")
        );
    }

    #[test]
    fn authority_and_origin_name_the_host_and_port() {
        let url = Url::parse("http://127.0.0.1:4000/robots.txt").unwrap();
        assert_eq!(url.authority(), "127.0.0.1:4000");
        assert_eq!(url.origin(), "http://127.0.0.1:4000");
        assert_eq!(url.path_and_query(), "/robots.txt");
        let v6 = Url::parse("http://[::1]:8080/x").unwrap();
        assert_eq!(v6.authority(), "[::1]:8080");
    }
}

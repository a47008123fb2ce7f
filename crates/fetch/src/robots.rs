//! robots.txt as RFC 9309 reads it: the group for our product token (else the `*` group), the
//! longest matching `allow`/`disallow` rule decides (`allow` wins a tie), `*` and `$` in
//! patterns, `/robots.txt` itself always allowed. `crawl-delay`, which the RFC leaves out but
//! many sites set, slows our requests to the host (never past [`MAX_CRAWL_DELAY`]).

use std::time::Duration;

/// Longest crawl delay a site's robots.txt can impose per request; past it a cycle would never
/// end on a large sitemap.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(30);

/// Largest robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB).
pub const MAX_ROBOTS_BYTES: u64 = 512 * 1024;

/// The rules of one host for one crawler.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    /// (allow, pattern); empty patterns are dropped when parsed.
    rules: Vec<(bool, String)>,
    crawl_delay: Option<Duration>,
}

impl Robots {
    /// No robots.txt (a 4xx answer): everything is allowed.
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// The rules `text` sets for the crawler whose product token is `agent` ("newsgraph").
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push(Group::default());
                        in_agents = true;
                    }
                    if let Some(group) = groups.last_mut() {
                        group.agents.push(product_token(value));
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(group) = groups.last_mut() {
                        if !value.is_empty() {
                            group.rules.push((key == "allow", normalise_escapes(value)));
                        }
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let (Some(group), Ok(secs)) = (groups.last_mut(), value.parse::<f64>()) {
                        if secs.is_finite() && secs >= 0.0 {
                            group.crawl_delay =
                                Some(Duration::from_secs_f64(secs).min(MAX_CRAWL_DELAY));
                        }
                    }
                }
                _ => {}
            }
        }
        let ours: Vec<&Group> = groups
            .iter()
            .filter(|g| g.agents.contains(&agent))
            .collect();
        let chosen = if ours.is_empty() {
            groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == "*"))
                .collect()
        } else {
            ours
        };
        Robots {
            rules: chosen.iter().flat_map(|g| g.rules.clone()).collect(),
            crawl_delay: chosen.iter().filter_map(|g| g.crawl_delay).max(),
        }
    }

    /// Whether a path (with its query) may be fetched.
    pub fn allows(&self, path_and_query: &str) -> bool {
        if path_and_query == "/robots.txt" {
            return true;
        }
        let path = normalise_escapes(path_and_query);
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern.as_bytes(), path.as_bytes()) {
                let len = pattern.len();
                let better = match best {
                    None => true,
                    Some((l, a)) => len > l || (len == l && *allow && !a),
                };
                if better {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }

    /// The delay between requests the site asks of us, if any.
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.crawl_delay
    }
}

#[derive(Default)]
struct Group {
    agents: Vec<String>,
    rules: Vec<(bool, String)>,
    crawl_delay: Option<Duration>,
}

/// `Newsgraph/1.0 (+https://...)` -> `newsgraph`; `*` stays `*`.
fn product_token(value: &str) -> String {
    let token: String = value
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '*')
        .collect();
    token.to_ascii_lowercase()
}

/// Upper-case percent escapes so a rule and a path spelled differently still compare equal.
fn normalise_escapes(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
        {
            out.push('%');
            out.push(char::from(bytes[i + 1]).to_ascii_uppercase());
            out.push(char::from(bytes[i + 2]).to_ascii_uppercase());
            i += 3;
        } else {
            let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
            out.push(ch);
            i += ch.len_utf8().max(1);
        }
    }
    out
}

/// Whether `pattern` (a path prefix with `*` for any run of characters and a final `$` for the
/// end) matches the start of `path`. Iterative with one backtrack point per `*`, so a hostile
/// pattern cannot blow up.
fn matches(pattern: &[u8], path: &[u8]) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix(b"$") {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let (mut p, mut s) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    loop {
        if p == pattern.len() && (!anchored || s == path.len()) {
            return true;
        }
        if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, s));
            p += 1;
            continue;
        }
        if p < pattern.len() && s < path.len() && pattern[p] == path[s] {
            p += 1;
            s += 1;
            continue;
        }
        match star {
            Some((sp, ss)) if ss < path.len() => {
                star = Some((sp, ss + 1));
                p = sp + 1;
                s = ss + 1;
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
# a site's robots.txt
User-agent: *
Disallow: /private/
Allow: /private/press/
Crawl-delay: 2

User-agent: OtherBot
Disallow: /

User-Agent: newsgraph
User-agent: somebot
Disallow: /drafts
Disallow: /*.pdf$
Allow: /drafts/public
";

    #[test]
    fn our_group_wins_over_the_star_group() {
        let robots = Robots::parse(FILE, "newsgraph");
        assert!(!robots.allows("/drafts/x"));
        assert!(robots.allows("/drafts/public/x"));
        assert!(!robots.allows("/files/report.pdf"));
        assert!(robots.allows("/files/report.pdf?page=2"));
        // The star group's rules do not apply to a crawler with a group of its own.
        assert!(robots.allows("/private/x"));
        assert_eq!(robots.crawl_delay(), None);
    }

    #[test]
    fn the_star_group_applies_to_crawlers_without_one() {
        let robots = Robots::parse(FILE, "unknownbot");
        assert!(!robots.allows("/private/memo"));
        assert!(robots.allows("/private/press/release"));
        assert!(robots.allows("/news/1"));
        assert_eq!(robots.crawl_delay(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn longest_match_decides_and_allow_wins_a_tie() {
        let robots = Robots::parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "x");
        assert!(robots.allows("/a/b"));
        let robots = Robots::parse("User-agent: *\nDisallow: /\nAllow: /news$\n", "x");
        assert!(robots.allows("/news"));
        assert!(!robots.allows("/news/1"));
        assert!(robots.allows("/robots.txt"));
    }

    #[test]
    fn empty_or_odd_files_allow_everything() {
        for text in [
            "",
            "garbage without colons\n",
            "Disallow: /x\n",
            "User-agent: *\nDisallow:\n",
        ] {
            assert!(Robots::parse(text, "newsgraph").allows("/x"), "{text:?}");
        }
    }

    #[test]
    fn wildcards_match_runs_of_characters() {
        assert!(matches(b"/*/print", b"/2024/05/print"));
        assert!(matches(b"/a*b*c$", b"/axxbyyc"));
        assert!(!matches(b"/a*b*c$", b"/axxbyycd"));
        assert!(matches(b"*", b""));
        assert!(!matches(b"/x", b"/"));
        let hostile = "/".to_string() + &"*a".repeat(200) + "$";
        assert!(!matches(hostile.as_bytes(), "/".to_string().as_bytes()));
        assert!(matches(
            b"/%E2%82%AC",
            normalise_escapes("/%e2%82%ac").as_bytes()
        ));
    }
}

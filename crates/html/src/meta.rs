//! Page metadata: title, publication date, author, site name, language and canonical URL.
//!
//! Sources are tried from the most deliberate to the most incidental. For the publication
//! date the precedence is (each step tested below, `issue_19_*`):
//! 1. a full date in the URL path (`/2016/09/05/`): the CMS set it when the story went up;
//! 2. JSON-LD `datePublished` / `dateCreated` of an article object (the first one);
//! 3. `<meta>` publication tags (`article:published_time`, `og:published_time`, Dublin Core,
//!    `pubdate` ... in a fixed order);
//! 4. markup: `itemprop="datePublished"`, `<time pubdate>` or a `<time>` whose class says
//!    "publish", `abbr.published`, else the first `<time>`;
//! 5. generic `date` / `created` meta tags;
//! 6. a byline: an element whose class or id speaks of a date, a time or a byline;
//! 7. any other meta tag whose name speaks of publishing or creating;
//! 8. the first date in the visible text from the headline on.
//!
//! Time zones: `published` is the calendar date the page states in its own zone. A timestamp's
//! offset is kept (`2020-06-28T23:30:00-04:00` is June 28) and becomes `published_at`. When the
//! winning timestamp is in UTC (`Z`) while the page states its own zone elsewhere (another
//! timestamp with an offset, or a byline or URL date one day off), the page's own date wins:
//! a CMS that converts 23:30 in New York to 03:30 UTC moved the date, the newsroom did not.

use crate::date::{find_dates, first_date, parse_attr_date, parse_attr_stamp, Date, Order};
use crate::dom::{Dom, NodeData, NodeId};
use crate::knowledge::HtmlKnowledge;
use newsgraph_time::Timestamp;
use serde_json::Value;

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    /// `YYYY-MM-DD`, in the page's own zone.
    pub published: Option<String>,
    /// RFC 3339 timestamp with its offset, when the page gives one.
    pub published_at: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    /// Primary language subtag, lower case (`en`, `de`).
    pub language: Option<String>,
    pub url: Option<String>,
}

/// Facts read from JSON-LD blocks, preferring article-like objects.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    /// An article object's `name`: some sites put the title here and a summary in `headline`.
    name: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    language: Option<String>,
    /// `published` came from an article object (not a page object).
    article_dated: bool,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|v| collapse(&v)).filter(|v| !v.is_empty())
}

/// Read the metadata of a parsed page. `url` is the page address when the caller knows it.
pub fn page_meta(dom: &Dom, url: Option<&str>) -> PageMeta {
    let mut metas: Vec<(String, &str)> = Vec::new();
    let mut ld = JsonLd::default();
    let mut html_lang: Option<&str> = None;
    let mut title_tag: Option<String> = None;
    let mut canonical: Option<&str> = None;
    for (i, node) in dom.nodes.iter().enumerate() {
        let NodeData::Element { name, attrs } = &node.data else {
            continue;
        };
        let id = i as NodeId;
        match &**name {
            "meta" => {
                let Some(content) = dom.attr(id, "content") else {
                    continue;
                };
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(k) = dom.attr(id, key) {
                        // `property` may hold several space-separated names.
                        for k in k.split_whitespace() {
                            metas.push((k.to_ascii_lowercase(), content));
                        }
                    }
                }
            }
            "html" if html_lang.is_none() => {
                html_lang = dom.attr(id, "lang").or_else(|| dom.attr(id, "xml:lang"));
            }
            "title" if title_tag.is_none() => title_tag = Some(dom.text_of(id)),
            "link"
                if canonical.is_none()
                    && dom
                        .attr(id, "rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                canonical = dom.attr(id, "href");
            }
            "script"
                if attrs
                    .iter()
                    .any(|(k, v)| k == "type" && v.to_ascii_lowercase().contains("ld+json")) =>
            {
                read_json_ld(&dom.text_of(id), &mut ld, dom.knowledge());
            }
            _ => {}
        }
    }
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(m, v)| m == k && !v.trim().is_empty())
                .map(|(_, v)| v.to_string())
        })
    };

    let mut out = PageMeta {
        title: None,
        ..Default::default()
    };
    let cleaned_title_tag = title_tag.as_deref().and_then(|t| clean_title_tag(dom, t));
    out.title = non_empty(json_ld_title(&ld, cleaned_title_tag.as_deref()))
        .or_else(|| {
            non_empty(meta(&[
                "dc:title",
                "dcterm:title",
                "dcterms:title",
                "dc.title",
                "og:title",
                "title",
                "twitter:title",
                "parsely-title",
                "sailthru.title",
            ]))
        })
        .or(cleaned_title_tag)
        .or_else(|| first_heading(dom));

    out.site_name = non_empty(meta(&[
        "og:site_name",
        "application-name",
        "publisher",
        "dc.publisher",
    ]))
    .or_else(|| non_empty(ld.publisher.clone()));

    out.author = non_empty(ld.author.clone())
        .or_else(|| {
            non_empty(meta(&[
                "author",
                "dc.creator",
                "dc:creator",
                "parsely-author",
                "sailthru.author",
                "byl",
            ]))
        })
        .or_else(|| non_empty(meta(&["article:author"]).filter(|a| !a.contains("://"))))
        .map(|a| {
            a.trim_start_matches("By ")
                .trim_start_matches("by ")
                .to_string()
        });

    out.language = html_lang
        .map(str::to_string)
        .or_else(|| meta(&["content-language", "dc.language", "language", "og:locale"]))
        .or(ld.language.clone())
        .and_then(|l| normalize_language(&l));

    out.url = url
        .map(str::to_string)
        .or_else(|| {
            canonical
                .filter(|c| c.starts_with("http"))
                .map(str::to_string)
        })
        .or_else(|| meta(&["og:url"]).filter(|c| c.starts_with("http")));

    let order = if out.language.as_deref() == Some("en") {
        Order::MonthFirst
    } else {
        Order::DayFirst
    };
    let stamps = page_stamps(dom, &ld, &metas);
    let (published, at) =
        publication_date(dom, &ld, &meta, &metas, out.url.as_deref(), order, &stamps);
    out.published = published.map(|d| d.iso());
    out.published_at = at.and_then(|t| t.rfc3339);
    out
}

/// The JSON-LD title: of `name` and `headline`, the one the `<title>` agrees with.
fn json_ld_title(ld: &JsonLd, title_tag: Option<&str>) -> Option<String> {
    match (&ld.name, &ld.headline) {
        (Some(name), Some(headline)) if name != headline => {
            let similar = |a: &str| title_tag.is_some_and(|t| text_similarity(a, t) > 0.75);
            if similar(headline) && !similar(name) {
                Some(headline.clone())
            } else {
                Some(name.clone())
            }
        }
        (Some(name), _) => Some(name.clone()),
        (None, headline) => headline.clone(),
    }
}

/// How much of `b`'s wording `a` covers (1.0 = all of it), by characters of `b`'s words.
fn text_similarity(a: &str, b: &str) -> f32 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let wa = words(a);
    let wb = words(b);
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let total: usize = wb.iter().map(|w| w.chars().count() + 1).sum();
    let missing: usize = wb
        .iter()
        .filter(|w| !wa.contains(w))
        .map(|w| w.chars().count() + 1)
        .sum();
    1.0 - missing as f32 / total as f32
}

fn normalize_language(l: &str) -> Option<String> {
    let primary = l.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() >= 2 && primary.len() <= 3 && primary.bytes().all(|b| b.is_ascii_lowercase()))
        .then_some(primary)
}

fn read_json_ld(src: &str, ld: &mut JsonLd, kn: &HtmlKnowledge) {
    // Some pages wrap the JSON in CDATA markers, commented out or not.
    let src = src.trim().trim_start_matches("//").trim_start();
    let src = src.strip_prefix("<![CDATA[").unwrap_or(src).trim();
    let src = src.strip_suffix("]]>").unwrap_or(src).trim();
    let src = src.trim_end_matches("//").trim();
    let Ok(value) = serde_json::from_str::<Value>(src) else {
        return;
    };
    let mut stack = vec![(&value, 0usize)];
    while let Some((v, depth)) = stack.pop() {
        if depth > 8 {
            continue;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().rev().map(|x| (x, depth + 1))),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    stack.push((graph, depth + 1));
                }
                let kind = match map.get("@type") {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(|x| x.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    _ => String::new(),
                };
                let article =
                    kind.contains("Article") || kind.contains("Posting") || kind.contains("Report");
                if !(article || kind.contains("WebPage")) {
                    continue;
                }
                let text = |key: &str| map.get(key).and_then(|v| v.as_str()).map(str::to_string);
                // An article object's facts replace a page object's.
                if article || ld.headline.is_none() {
                    if let Some(h) = text("headline") {
                        ld.headline = Some(crate::dom::decode_entities(&h, kn));
                    }
                    if article {
                        ld.name = text("name").map(|n| crate::dom::decode_entities(&n, kn));
                    }
                }
                // The first article's date wins: later blocks are often related stories.
                if (article && !ld.article_dated) || ld.published.is_none() {
                    if let Some(d) = text("datePublished").or_else(|| text("dateCreated")) {
                        ld.published = Some(d);
                        ld.article_dated = article;
                    }
                }
                if ld.author.is_none() || article {
                    if let Some(a) = map.get("author").and_then(person_names) {
                        ld.author = Some(a);
                    }
                }
                if ld.publisher.is_none() {
                    ld.publisher = map.get("publisher").and_then(person_names);
                }
                if ld.language.is_none() {
                    ld.language = text("inLanguage");
                }
            }
            _ => {}
        }
    }
}

/// A person or organisation value as names joined by ", ".
fn person_names(v: &Value) -> Option<String> {
    let names: Vec<String> = match v {
        Value::String(s) => vec![s.clone()],
        Value::Object(m) => m
            .get("name")
            .and_then(|n| n.as_str())
            .map(str::to_string)
            .into_iter()
            .collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(s.clone()),
                Value::Object(m) => m.get("name").and_then(|n| n.as_str()).map(str::to_string),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names
        .into_iter()
        .map(|n| collapse(&n))
        .filter(|n| !n.is_empty() && !n.contains("://"))
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » ", " :: ", " · ",
];

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The `<title>` without the site name: the part before the last separator, unless that leaves
/// too little, then the part after the first one.
fn clean_title_tag(dom: &Dom, raw: &str) -> Option<String> {
    let original = collapse(raw);
    if original.is_empty() {
        return None;
    }
    let last_sep = SEPARATORS
        .iter()
        .filter_map(|s| original.rfind(s).map(|p| (p, s.len())))
        .max();
    let first_sep = SEPARATORS
        .iter()
        .filter_map(|s| original.find(s).map(|p| (p, s.len())))
        .min();
    let mut title = original.clone();
    let mut had_separator = false;
    if let (Some((last, _)), Some((first, first_len))) = (last_sep, first_sep) {
        had_separator = true;
        title = original[..last].trim().to_string();
        if word_count(&title) < 3 {
            title = original[first + first_len..].trim().to_string();
        }
    } else if let Some(colon) = original.find(": ") {
        let headings_match = (0..dom.nodes.len() as NodeId)
            .filter(|&i| matches!(dom.name(i), "h1" | "h2"))
            .any(|i| collapse(&dom.text_of(i)) == original);
        if !headings_match {
            let after_last = original[original.rfind(':').unwrap_or(colon) + 1..]
                .trim()
                .to_string();
            title = if word_count(&after_last) < 3 {
                original[colon + 1..].trim().to_string()
            } else if word_count(&original[..colon]) > 5 {
                original.clone()
            } else {
                after_last
            };
        }
    } else if original.chars().count() > 150 || original.chars().count() < 15 {
        let h1s: Vec<NodeId> = (0..dom.nodes.len() as NodeId)
            .filter(|&i| dom.name(i) == "h1")
            .collect();
        if h1s.len() == 1 {
            let h = collapse(&dom.text_of(h1s[0]));
            if !h.is_empty() {
                title = h;
            }
        }
    }
    let original_words = word_count(&original);
    let separator_words = SEPARATORS
        .iter()
        .map(|s| original.matches(s).count())
        .sum::<usize>();
    // A very short remainder was probably a section name, not the headline.
    let kept = word_count(&title);
    let removed = original_words.saturating_sub(separator_words + kept);
    if kept <= 2 || (kept <= 4 && !had_separator) || (kept <= 4 && removed > kept) {
        title = original;
    }
    Some(title)
}

fn first_heading(dom: &Dom) -> Option<String> {
    (0..dom.nodes.len() as NodeId)
        .find(|&i| dom.name(i) == "h1")
        .map(|i| collapse(&dom.text_of(i)))
        .filter(|t| !t.is_empty())
}

/// Every timestamp with a time and an offset that the page's metadata gives (JSON-LD, meta
/// tags, `<time datetime>`), in page order: where the page states its own zone.
fn page_stamps(dom: &Dom, ld: &JsonLd, metas: &[(String, &str)]) -> Vec<Timestamp> {
    let kn = dom.knowledge();
    let mut stamps: Vec<Timestamp> = Vec::new();
    let mut add = |v: &str| {
        if let Some((_, Some(t))) = parse_attr_stamp(v, kn) {
            if t.rfc3339.is_some() {
                stamps.push(t);
            }
        }
    };
    if let Some(p) = ld.published.as_deref() {
        add(p);
    }
    for (k, v) in metas {
        if (k.contains("publish") || k.contains("date") || k.contains("created"))
            && !(k.contains("modif") || k.contains("updat"))
        {
            add(v);
        }
    }
    for i in 0..dom.nodes.len() as NodeId {
        if dom.name(i) == "time" {
            if let Some(v) = dom.attr(i, "datetime") {
                add(v);
            }
        }
    }
    stamps
}

/// The publication date (in the page's own zone) and its timestamp, by the precedence of the
/// module docs.
fn publication_date(
    dom: &Dom,
    ld: &JsonLd,
    meta: &dyn Fn(&[&str]) -> Option<String>,
    metas: &[(String, &str)],
    url: Option<&str>,
    order: Order,
    stamps: &[Timestamp],
) -> (Option<Date>, Option<Timestamp>) {
    let kn = dom.knowledge();
    let Some(found) = publication_source(dom, ld, meta, metas, url, order) else {
        return (None, None);
    };
    let (date, stamp) = found;
    let stamp = stamp.or_else(|| {
        // A date from the URL or a byline: the timestamp that states that same date.
        stamps
            .iter()
            .find(|t| Date::new(t.date.year() as u32, t.date.month(), t.date.day()) == Some(date))
            .cloned()
    });
    let Some(stamp) = stamp else {
        return (Some(date), None);
    };
    if !stamp.is_utc() {
        return (Some(date), Some(stamp));
    }
    // A UTC timestamp: the page's own zone, when it states one, decides the date.
    if let Some(local) = stamps
        .iter()
        .find_map(|t| t.offset_seconds.filter(|&o| o != 0))
        .and_then(|offset| stamp.with_offset(offset))
    {
        let local_date = Date::new(
            local.date.year() as u32,
            local.date.month(),
            local.date.day(),
        );
        return (local_date.or(Some(date)), Some(local));
    }
    let shown = url
        .and_then(|u| url_date(u, kn))
        .or_else(|| byline_date(dom, order))
        .filter(|shown| one_day_apart(*shown, date));
    (shown.or(Some(date)), Some(stamp))
}

fn one_day_apart(a: Date, b: Date) -> bool {
    let day = |d: Date| {
        newsgraph_time::Date::new(i64::from(d.year), u32::from(d.month), u32::from(d.day))
            .map(newsgraph_time::Date::day_number)
    };
    matches!((day(a), day(b)), (Some(x), Some(y)) if (x - y).abs() == 1)
}

/// The winning source's date and, when it is a timestamp, the timestamp.
fn publication_source(
    dom: &Dom,
    ld: &JsonLd,
    meta: &dyn Fn(&[&str]) -> Option<String>,
    metas: &[(String, &str)],
    url: Option<&str>,
    order: Order,
) -> Option<(Date, Option<Timestamp>)> {
    let kn = dom.knowledge();
    // A full date in the URL path was set by the publisher's CMS when the story went up.
    if let Some(d) = url.and_then(|u| url_date(u, kn)) {
        return Some((d, None));
    }
    if let Some(d) = ld
        .published
        .as_deref()
        .and_then(|v| parse_attr_stamp(v, kn))
    {
        return Some(d);
    }
    let keys = [
        "article:published_time",
        "article:published",
        "og:published_time",
        "og:article:published_time",
        "datepublished",
        "published_time",
        "publish-date",
        "publish_date",
        "publishdate",
        "pubdate",
        "pub_date",
        "dc.date.issued",
        "dc.date",
        "dc:date",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
        "dc.date.created",
        "sailthru.date",
        "parsely-pub-date",
        "citation_publication_date",
        "citation_date",
        "originalpublicationdate",
        "article.published",
        "article_date_original",
        "cxenseparse:recs:publishtime",
        "bt:pubdate",
    ];
    for key in keys {
        if let Some(d) = meta(&[key])
            .as_deref()
            .and_then(|v| parse_attr_stamp(v, kn))
        {
            return Some(d);
        }
    }
    // Markup meant for machines: itemprop, <time>, abbr.published.
    let mut first_time: Option<(Date, Option<Timestamp>)> = None;
    for (i, node) in dom.nodes.iter().enumerate() {
        let NodeData::Element { name, .. } = &node.data else {
            continue;
        };
        let id = i as NodeId;
        let itemprop = dom.attr(id, "itemprop").unwrap_or("");
        if itemprop.eq_ignore_ascii_case("datepublished")
            || itemprop.eq_ignore_ascii_case("datecreated")
        {
            let value = dom
                .attr(id, "datetime")
                .or_else(|| dom.attr(id, "content"))
                .map(str::to_string);
            if let Some(d) = value
                .or_else(|| Some(dom.text_of(id)))
                .as_deref()
                .and_then(|v| first_date(v, order, kn))
            {
                return Some((d, None));
            }
        }
        if name == "time" {
            let dt = dom
                .attr(id, "datetime")
                .and_then(|v| parse_attr_stamp(v, kn));
            let class = dom.attr(id, "class").unwrap_or("").to_ascii_lowercase();
            if dt.is_some()
                && (dom.attr(id, "pubdate").is_some()
                    || class.contains("publish")
                    || class.contains("entry-date"))
            {
                return dt;
            }
            if first_time.is_none() {
                first_time =
                    dt.or_else(|| first_date(&dom.text_of(id), order, kn).map(|d| (d, None)));
            }
        }
        if name == "abbr"
            && dom
                .attr(id, "class")
                .is_some_and(|c| c.contains("published"))
        {
            if let Some(d) = dom.attr(id, "title").and_then(|v| parse_attr_stamp(v, kn)) {
                return Some(d);
            }
        }
    }
    if first_time.is_some() {
        return first_time;
    }
    // Generic names that some CMSs fill with the page's generation time come after markup.
    for key in ["date", "created"] {
        if let Some(d) = meta(&[key])
            .as_deref()
            .and_then(|v| parse_attr_stamp(v, kn))
        {
            return Some(d);
        }
    }
    if let Some(d) = byline_date(dom, order) {
        return Some((d, None));
    }
    if let Some(d) = generic_meta_date(metas, kn) {
        return Some((d, None));
    }
    text_date(dom, order).map(|d| (d, None))
}

/// A full date in the URL path (`/2016/09/05/`, `/2016-09-05-`, `/20160905/`).
fn url_date(url: &str, kn: &HtmlKnowledge) -> Option<Date> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &path[path.find('/').unwrap_or(path.len())..];
    // Only zero-padded forms: "/2023/10/3-questions" is a month archive and a headline.
    find_dates(path, Order::DayFirst, kn).into_iter().find(|d| {
        let (y, m, dd) = (d.year, d.month, d.day);
        [
            format!("{y}/{m:02}/{dd:02}"),
            format!("{y}-{m:02}-{dd:02}"),
            format!("{y}{m:02}{dd:02}"),
            format!("{y}_{m:02}_{dd:02}"),
        ]
        .iter()
        .any(|f| path.contains(f.as_str()))
    })
}

/// Any other meta tag whose name speaks of publishing or creating, in page order.
fn generic_meta_date(metas: &[(String, &str)], kn: &HtmlKnowledge) -> Option<Date> {
    metas
        .iter()
        .filter(|(k, _)| {
            (k.contains("date")
                || k.contains("publish")
                || k.contains("created")
                || k.contains("upload"))
                && !(k.contains("modif")
                    || k.contains("updat")
                    || k.contains("expir")
                    || k.contains("valid"))
        })
        .find_map(|(_, v)| parse_attr_date(v, kn))
}

/// The first date in the visible text from the headline's container on (the byline usually
/// sits next to the headline), else the first anywhere in the page's visible text.
fn text_date(dom: &Dom, order: Order) -> Option<Date> {
    let kn = dom.knowledge();
    let headline = (0..dom.nodes.len() as NodeId).find(|&i| dom.name(i) == "h1");
    let anchor = headline.map_or(0, |h| dom.node(h).parent.min(h));
    let mut first_any = None;
    let mut id: NodeId = 0;
    let n = dom.nodes.len() as NodeId;
    while id < n {
        match &dom.node(id).data {
            NodeData::Element { name, .. }
                if matches!(
                    &**name,
                    "script" | "style" | "noscript" | "nav" | "footer" | "select" | "option"
                ) =>
            {
                id = dom.subtree_end(id);
                continue;
            }
            NodeData::Text(..) => {
                if let Some(d) = first_date(dom.text(id), order, kn) {
                    if id >= anchor {
                        return Some(d);
                    }
                    first_any.get_or_insert(d);
                }
            }
            _ => {}
        }
        id += 1;
    }
    first_any
}

/// A date in elements whose class or id says they hold one.
fn byline_date(dom: &Dom, order: Order) -> Option<Date> {
    let kn = dom.knowledge();
    const HINTS: &[&str] = &[
        "date", "time", "publish", "posted", "byline", "meta", "info", "author", "entry",
    ];
    for (i, node) in dom.nodes.iter().enumerate() {
        let NodeData::Element { name, attrs } = &node.data else {
            continue;
        };
        if matches!(&**name, "script" | "style" | "head" | "body" | "html") {
            continue;
        }
        let hinted = attrs.iter().any(|(k, v)| {
            (k == "class" || k == "id") && {
                let v = v.to_ascii_lowercase();
                HINTS.iter().any(|h| v.contains(h))
            }
        });
        if !hinted {
            continue;
        }
        let text = dom.text_of(i as NodeId);
        if text.len() > 400 {
            continue;
        }
        if let Some(d) = first_date(&text, order, kn) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::HtmlKnowledge;

    fn parse_html(html: &str) -> crate::dom::Dom {
        let k: std::sync::Arc<HtmlKnowledge> = crate::knowledge::embedded();
        crate::dom::parse_html(html, &k)
    }

    #[test]
    fn json_ld_wins_over_meta_and_title_tag_is_cleaned() {
        let html = r#"<html lang="en-GB"><head><title>Floods close schools | Daily Courier</title>
        <meta property="og:site_name" content="Daily Courier">
        <meta property="article:published_time" content="2021-03-02T08:00:00Z">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Floods close schools",
        "datePublished":"2021-03-01T22:10:00Z","author":{"@type":"Person","name":"Ana Ruiz"}}</script>
        </head><body></body></html>"#;
        let m = page_meta(&parse_html(html), None);
        assert_eq!(m.title.as_deref(), Some("Floods close schools"));
        assert_eq!(m.published.as_deref(), Some("2021-03-01"));
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(m.site_name.as_deref(), Some("Daily Courier"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn title_tag_alone_loses_its_site_name() {
        let dom = parse_html("<title>Harbour crane collapses in storm - Port Weekly</title>");
        assert_eq!(
            page_meta(&dom, None).title.as_deref(),
            Some("Harbour crane collapses in storm")
        );
    }

    #[test]
    fn date_falls_back_to_url_then_byline() {
        let dom = parse_html("<p>Text</p>");
        let m = page_meta(&dom, Some("https://example.org/2019/07/13/story/"));
        assert_eq!(m.published.as_deref(), Some("2019-07-13"));
        let dom = parse_html(r#"<div class="post-meta">Veröffentlicht am 23. Juni 2016</div>"#);
        assert_eq!(
            page_meta(&dom, None).published.as_deref(),
            Some("2016-06-23")
        );
    }

    /// The published date and timestamp of a page (`url` optional).
    fn dated(html: &str, url: Option<&str>) -> (Option<String>, Option<String>) {
        let m = page_meta(&parse_html(html), url);
        (m.published, m.published_at)
    }

    #[test]
    fn issue_19_an_offset_near_midnight_keeps_the_pages_own_date() {
        let page = r#"<html><head><meta property="article:published_time" content="2020-06-28T23:30:00-04:00"></head><body><p>Text</p></body></html>"#;
        assert_eq!(
            dated(page, None),
            (
                Some("2020-06-28".into()),
                Some("2020-06-28T23:30:00-04:00".into())
            )
        );
        // JSON-LD in UTC, the page's own zone in a <time>: the page's date wins.
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-06-29T03:30:00Z"}</script></head>
        <body><time datetime="2020-06-28T23:30:00-04:00">June 28</time></body></html>"#;
        assert_eq!(
            dated(page, None),
            (
                Some("2020-06-28".into()),
                Some("2020-06-28T23:30:00-04:00".into())
            )
        );
        // UTC metadata, a byline one day earlier: the byline states the page's date.
        let page = r#"<html><head><meta property="article:published_time" content="2020-06-29T01:10:00Z"></head>
        <body><div class="byline">Sunday, June 28, 2020</div><p>Text</p></body></html>"#;
        assert_eq!(
            dated(page, None),
            (
                Some("2020-06-28".into()),
                Some("2020-06-29T01:10:00Z".into())
            )
        );
    }

    #[test]
    fn issue_19_bylines_in_every_script_family() {
        for (byline, lang) in [
            ("Objavljeno: 28. juna 2020.", "bs"),
            ("Publicat: 28 iunie 2020", "ro"),
            ("Опубликовано 28 июня 2020", "ru"),
            ("Δημοσιεύθηκε 28 Ιουνίου 2020", "el"),
            ("نشر في ٢٨ يونيو ٢٠٢٠", "ar"),
            ("منتشر شده ۲۸ ژوئن ۲۰۲۰", "fa"),
            ("פורסם ב-28 ביוני 2020", "he"),
            ("प्रकाशित: 28 जून 2020", "hi"),
            ("เผยแพร่ 28 มิถุนายน 2020", "th"),
            ("2020年6月28日 10:30", "ja"),
            ("2020년 6월 28일", "ko"),
            ("ngày 28 tháng 6 năm 2020", "vi"),
            ("28 Haziran 2020 Pazar", "tr"),
        ] {
            let page = format!(
                r#"<html lang="{lang}"><body><h1>Titel</h1><div class="date">{byline}</div><p>Text</p></body></html>"#
            );
            assert_eq!(
                dated(&page, None).0.as_deref(),
                Some("2020-06-28"),
                "{lang}: {byline}"
            );
        }
    }

    #[test]
    fn issue_19_a_date_in_the_url_only() {
        let page = "<html><body><p>No date anywhere on this page.</p></body></html>";
        for url in [
            "https://example.org/news/2020/06/28/harbour-reopens",
            "https://example.org/2020-06-28-harbour-reopens.html",
            "https://example.org/politics/20200628/harbour",
        ] {
            assert_eq!(
                dated(page, Some(url)).0.as_deref(),
                Some("2020-06-28"),
                "{url}"
            );
        }
        // A month archive and a headline number are no date.
        let url = "https://example.org/2020/06/3-questions";
        assert_eq!(dated(page, Some(url)).0, None);
    }

    #[test]
    fn issue_19_precedence_url_json_ld_meta_time_byline() {
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-06-02"}</script>"#;
        let meta = r#"<meta property="article:published_time" content="2020-06-03">"#;
        let time = r#"<time datetime="2020-06-04">4 June</time>"#;
        let byline = r#"<div class="byline">5 June 2020</div>"#;
        let url = Some("https://example.org/2020/06/01/story");
        let page = |head: &str, body: &str| {
            format!("<html><head>{head}</head><body>{body}<p>Text</p></body></html>")
        };
        let all = page(&format!("{ld}{meta}"), &format!("{time}{byline}"));
        assert_eq!(
            dated(&all, url).0.as_deref(),
            Some("2020-06-01"),
            "URL first"
        );
        assert_eq!(
            dated(&all, None).0.as_deref(),
            Some("2020-06-02"),
            "then JSON-LD"
        );
        let no_ld = page(meta, &format!("{time}{byline}"));
        assert_eq!(
            dated(&no_ld, None).0.as_deref(),
            Some("2020-06-03"),
            "then meta"
        );
        let markup = page("", &format!("{time}{byline}"));
        assert_eq!(
            dated(&markup, None).0.as_deref(),
            Some("2020-06-04"),
            "then <time>"
        );
        let only_byline = page("", byline);
        assert_eq!(
            dated(&only_byline, None).0.as_deref(),
            Some("2020-06-05"),
            "then the byline"
        );
    }
}

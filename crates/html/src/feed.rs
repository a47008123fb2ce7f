//! RSS (2.0 and 1.0/RDF) and Atom feeds read from files: one [`FeedItem`] per item or entry.
//!
//! The forgiving tokenizer of [`crate::dom`] reads the XML, so a feed with a stray `&` or an
//! unclosed tag still yields its items (feeds in the wild are rarely well-formed). A dedicated
//! feed crate would pull in an XML parser, a date library and more for four fields.

use crate::date::{first_date, Order};
use crate::decode::decode_html_bytes;
use crate::dom::{parse_xml, Dom, NodeData, NodeId};
use crate::knowledge::HtmlKnowledge;
use std::sync::Arc;

/// One article announced by a feed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedItem {
    pub title: Option<String>,
    pub link: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub author: Option<String>,
    /// The item's HTML: full content when the feed carries it, else the summary.
    pub html: String,
}

/// Every item of an RSS or Atom feed, in feed order.
pub fn read_feed(bytes: &[u8], k: &Arc<HtmlKnowledge>) -> Result<Vec<FeedItem>, String> {
    if bytes.len() > crate::MAX_HTML_BYTES * 5 {
        return Err(format!(
            "feed is {} MB, over the size limit",
            bytes.len() / (1024 * 1024)
        ));
    }
    let text = decode_html_bytes(bytes);
    let dom = parse_xml(&text, k);
    let root = (1..dom.nodes.len() as NodeId)
        .find(|&i| matches!(local(dom.name(i)), "rss" | "feed" | "rdf"));
    let Some(root) = root else {
        return Err("not an RSS or Atom feed: no <rss>, <feed> or <rdf:RDF> element".into());
    };
    let item_tag = if local(dom.name(root)) == "feed" {
        "entry"
    } else {
        "item"
    };
    let items = (root..dom.subtree_end(root))
        .filter(|&i| local(dom.name(i)) == item_tag)
        .map(|i| read_item(&dom, i))
        .collect();
    Ok(items)
}

/// A tag name without its namespace prefix (`content:encoded` -> `encoded`).
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Direct children of `item` named `name` (with any prefix).
fn child<'a>(
    dom: &'a Dom,
    item: NodeId,
    names: &'a [&'a str],
) -> impl Iterator<Item = NodeId> + 'a {
    dom.children(item)
        .filter(move |&c| names.contains(&dom.name(c)))
}

fn text(dom: &Dom, id: NodeId) -> Option<String> {
    let t = dom.text_of(id);
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn read_item(dom: &Dom, item: NodeId) -> FeedItem {
    let first_text = |names: &[&str]| child(dom, item, names).find_map(|c| text(dom, c));
    let title = first_text(&["title", "dc:title"])
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    // RSS: <link>url</link>; Atom: <link rel="alternate" href="url"/> (rel defaults to alternate).
    let link = child(dom, item, &["link"])
        .find_map(|c| match dom.attr(c, "href") {
            Some(href) if dom.attr(c, "rel").is_none_or(|r| r == "alternate") => {
                Some(href.trim().to_string())
            }
            Some(_) => None,
            None => text(dom, c),
        })
        .or_else(|| {
            child(dom, item, &["guid"])
                .find(|&g| dom.attr(g, "ispermalink") != Some("false"))
                .and_then(|g| text(dom, g))
                .filter(|g| g.starts_with("http"))
        });
    let published = first_text(&[
        "pubdate",
        "published",
        "dc:date",
        "issued",
        "updated",
        "dcterms:created",
    ])
    .and_then(|d| first_date(&d, Order::DayFirst, dom.knowledge()))
    .map(|d| d.iso());
    let author = child(dom, item, &["author", "dc:creator"]).find_map(|a| {
        let name = dom.children(a).find(|&c| dom.name(c) == "name");
        text(dom, name.unwrap_or(a))
    });
    let content = child(
        dom,
        item,
        &["content:encoded", "content", "description", "summary"],
    )
    // Full content before summaries, whatever order the feed uses.
    .min_by_key(|&c| match dom.name(c) {
        "content:encoded" | "content" => 0,
        _ => 1,
    });
    let html = content.map(|c| content_html(dom, c)).unwrap_or_default();
    FeedItem {
        title,
        link,
        published,
        author,
        html,
    }
}

/// The HTML of a content element: escaped or CDATA HTML is already text; Atom `xhtml` content
/// is markup, serialised back.
fn content_html(dom: &Dom, id: NodeId) -> String {
    if dom.attr(id, "type") == Some("xhtml")
        || dom
            .children(id)
            .any(|c| matches!(dom.node(c).data, NodeData::Element { .. }))
    {
        let mut out = String::new();
        for c in dom.children(id) {
            serialize(dom, c, &mut out);
        }
        return out.trim().to_string();
    }
    dom.text_of(id).trim().to_string()
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

fn serialize(dom: &Dom, root: NodeId, out: &mut String) {
    // Iterative walk: a stack of (node, closing?) keeps hostile nesting from recursing.
    let mut stack = vec![(root, false)];
    while let Some((id, closing)) = stack.pop() {
        match &dom.node(id).data {
            NodeData::Element { name, attrs } => {
                let name = local(name);
                if closing {
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                    continue;
                }
                out.push('<');
                out.push_str(name);
                for (k, v) in attrs {
                    out.push(' ');
                    out.push_str(k);
                    out.push_str("=\"");
                    escape(v, out);
                    out.push('"');
                }
                out.push('>');
                stack.push((id, true));
                let children: Vec<NodeId> = dom.children(id).collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            NodeData::Text(..) => escape(dom.text(id), out),
            NodeData::Document => {}
        }
    }
}

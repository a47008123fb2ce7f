//! A small, forgiving HTML/XML parser into a flat arena tree.
//!
//! Real-world pages are broken in every way a browser tolerates, and the extractor only needs
//! elements, attributes and text, so this is not a spec tree builder: it tokenizes with `memchr`
//! (hundreds of MB/s), closes the implied end tags that matter for structure (`p`, `li`, table
//! cells, ...), ignores stray end tags, and caps nesting depth so no input can make it recurse or
//! grow without bound. Nodes are stored in document order, so iterating the arena backwards
//! visits every child before its parent (bottom-up aggregation without recursion).
//!
//! The same parser reads feeds in XML mode: no void elements, no implied end tags, CDATA kept.

use crate::knowledge::HtmlKnowledge;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// Index of a node in [`Dom::nodes`]. The document node is 0.
pub type NodeId = u32;

/// No node (no parent, no child, no sibling).
pub const NONE: NodeId = u32::MAX;

/// Deepest nesting kept; deeper elements are attached to the node at this depth, which keeps
/// every later walk over the tree bounded on hostile input.
const MAX_DEPTH: usize = 256;

#[derive(Debug, Clone)]
pub enum NodeData {
    Document,
    /// A lower-case tag name and its attributes (names lower-case, values entity-decoded).
    Element {
        name: Cow<'static, str>,
        attrs: Vec<(Cow<'static, str>, String)>,
    },
    /// Entity-decoded text (raw for script/style content and CDATA): a byte range of
    /// [`Dom::text`], so a page's text is one allocation.
    Text(u32, u32),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
    pub data: NodeData,
}

/// A parsed page.
#[derive(Debug, Clone)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// The text of every text node, back to back.
    pub text: String,
    /// One past the last node of each node's subtree (see [`Dom::subtree_end`]).
    ends: Vec<NodeId>,
    /// The knowledge the page was parsed with, for everything that reads it.
    knowledge: Arc<HtmlKnowledge>,
}

/// Subtree ends for every node in one forward pass: a node's subtree ends at its next
/// sibling, or where its parent's ends (parents come before children in the arena).
fn subtree_ends(nodes: &[Node]) -> Vec<NodeId> {
    let mut ends = vec![nodes.len() as NodeId; nodes.len()];
    for i in 1..nodes.len() {
        let node = &nodes[i];
        ends[i] = if node.next_sibling != NONE {
            node.next_sibling
        } else if node.parent != NONE {
            ends[node.parent as usize]
        } else {
            nodes.len() as NodeId
        };
    }
    ends
}

impl Dom {
    /// The knowledge the page was parsed with (entity names, dates, class hints).
    pub fn knowledge(&self) -> &HtmlKnowledge {
        &self.knowledge
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// The lower-case tag name of an element, or "" for text and the document.
    pub fn name(&self, id: NodeId) -> &str {
        match &self.nodes[id as usize].data {
            NodeData::Element { name, .. } => name,
            _ => "",
        }
    }

    pub fn attr(&self, id: NodeId, key: &str) -> Option<&str> {
        match &self.nodes[id as usize].data {
            NodeData::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[id as usize].first_child,
        }
    }

    /// Every node under `id` (not `id` itself), in document order. Because nodes are stored
    /// in document order, a subtree is a contiguous index range.
    pub fn descendants(&self, id: NodeId) -> std::ops::Range<NodeId> {
        (id + 1)..self.subtree_end(id)
    }

    /// One past the last index of `id`'s subtree.
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        self.ends[id as usize]
    }

    /// The text of a text node ("" for other nodes).
    pub fn text(&self, id: NodeId) -> &str {
        match self.nodes[id as usize].data {
            NodeData::Text(start, end) => &self.text[start as usize..end as usize],
            _ => "",
        }
    }

    /// All text under `id`, concatenated as is.
    pub fn text_of(&self, id: NodeId) -> String {
        let mut out = String::new();
        out.push_str(self.text(id));
        for d in self.descendants(id) {
            out.push_str(self.text(d));
        }
        out
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next_sibling;
        Some(id)
    }
}

/// Parse an HTML page.
pub fn parse_html(input: &str, k: &Arc<HtmlKnowledge>) -> Dom {
    Builder::new(false, k).run(input)
}

/// Parse an XML document (a feed) with the same forgiving tokenizer.
pub fn parse_xml(input: &str, k: &Arc<HtmlKnowledge>) -> Dom {
    Builder::new(true, k).run(input)
}

/// Tag and attribute names common enough to share one static string instead of allocating.
const KNOWN_NAMES: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "code",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "label",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "noscript",
    "ol",
    "option",
    "p",
    "path",
    "picture",
    "pre",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "u",
    "ul",
    "class",
    "id",
    "style",
    "href",
    "content",
    "property",
    "name",
    "itemprop",
    "datetime",
    "type",
    "rel",
    "lang",
    "role",
    "hidden",
    "aria-hidden",
    "http-equiv",
    "item",
    "entry",
    "description",
    "pubdate",
    "guid",
    "summary",
    "published",
    "updated",
];

// The project's fast hasher: names are a few bytes long, where SipHash's setup dominates.
use newsgraph_model::hash::FastMap;

// A compiled constant of this module (the names listed above), not knowledge: it has no data
// file and no test needs another, so it is built once per process.
fn known_names() -> &'static FastMap<&'static [u8], &'static str> {
    static NAMES: OnceLock<FastMap<&'static [u8], &'static str>> = OnceLock::new();
    NAMES.get_or_init(|| KNOWN_NAMES.iter().map(|n| (n.as_bytes(), *n)).collect())
}

/// The lower-cased name, shared when it is a common one.
fn intern(raw: &str) -> Cow<'static, str> {
    let mut buf = [0u8; 16];
    if raw.len() <= buf.len() {
        for (b, c) in buf.iter_mut().zip(raw.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        if let Some(k) = known_names().get(&buf[..raw.len()]) {
            return Cow::Borrowed(k);
        }
    }
    Cow::Owned(raw.to_ascii_lowercase())
}

/// Attributes the extractor reads; others are skipped in HTML mode to save time and memory.
fn is_kept_attr(name: &[u8]) -> bool {
    matches!(
        name,
        b"class"
            | b"id"
            | b"style"
            | b"hidden"
            | b"aria-hidden"
            | b"role"
            | b"itemprop"
            | b"datetime"
            | b"content"
            | b"property"
            | b"name"
            | b"http-equiv"
            | b"type"
            | b"rel"
            | b"href"
            | b"lang"
            | b"xml:lang"
            | b"pubdate"
            | b"title"
            | b"charset"
    )
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "basefont"
            | "frame"
    )
}

/// Elements whose content is not markup: it runs to the matching end tag.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "noembed" | "noframes" | "iframe"
    )
}

/// Start tags that end an open `<p>` (the HTML rule that keeps paragraphs flat).
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
    )
}

struct Builder {
    xml: bool,
    nodes: Vec<Node>,
    /// Open elements, innermost last; the document node is at the bottom.
    stack: Vec<NodeId>,
    /// How many elements of each name are open, so closing an unopened one costs nothing.
    open_counts: FastMap<Cow<'static, str>, u32>,
    text: String,
    knowledge: Arc<HtmlKnowledge>,
}

impl Builder {
    fn new(xml: bool, knowledge: &Arc<HtmlKnowledge>) -> Self {
        let doc = Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data: NodeData::Document,
        };
        Builder {
            xml,
            nodes: vec![doc],
            stack: vec![0],
            open_counts: FastMap::default(),
            text: String::new(),
            knowledge: knowledge.clone(),
        }
    }

    fn append(&mut self, data: NodeData) -> NodeId {
        let parent = *self.stack.last().unwrap_or(&0);
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data,
        });
        let p = &mut self.nodes[parent as usize];
        let prev_last = p.last_child;
        p.last_child = id;
        if prev_last == NONE {
            p.first_child = id;
        } else {
            self.nodes[prev_last as usize].next_sibling = id;
        }
        id
    }

    /// Add text, entity-decoded unless `raw`. A text node directly after another merges with
    /// it (words split by a comment stay together); its range always ends the buffer, since
    /// anything appended after it would have become the parent's last child.
    fn append_text(&mut self, src: &str, raw: bool) {
        if src.is_empty() {
            return;
        }
        let start = self.text.len();
        if src.bytes().all(|b| b.is_ascii_whitespace()) {
            self.text.push(' ');
        } else if raw {
            self.text.push_str(src);
        } else {
            decode_entities_into(src, &mut self.text, &self.knowledge);
        }
        let end = self.text.len() as u32;
        let parent = *self.stack.last().unwrap_or(&0);
        let last = self.nodes[parent as usize].last_child;
        if last != NONE {
            if let NodeData::Text(_, e) = &mut self.nodes[last as usize].data {
                if *e as usize == start {
                    *e = end;
                    return;
                }
            }
        }
        self.append(NodeData::Text(start as u32, end));
    }

    fn open_name(&self, i: usize) -> &str {
        match &self.nodes[self.stack[i] as usize].data {
            NodeData::Element { name, .. } => name,
            _ => "",
        }
    }

    /// Pop up to and including the innermost open `name`, if it is open below any of `stop`.
    fn close(&mut self, name: &str, stop: &[&str]) -> bool {
        // Most implied and stray end tags name nothing open: answer without scanning.
        if self.open_counts.get(name).is_none_or(|&c| c == 0) {
            return false;
        }
        for i in (1..self.stack.len()).rev() {
            let open = self.open_name(i);
            if open == name {
                self.pop_to(i);
                return true;
            }
            if stop.contains(&open) {
                return false;
            }
        }
        false
    }

    /// Pop the open elements from stack position `i` up, keeping the name counts right.
    fn pop_to(&mut self, i: usize) {
        for k in i..self.stack.len() {
            if let NodeData::Element { name, .. } = &self.nodes[self.stack[k] as usize].data {
                if let Some(c) = self.open_counts.get_mut(&**name) {
                    *c = c.saturating_sub(1);
                }
            }
        }
        self.stack.truncate(i);
    }

    /// Whether the element just opened is a `<script type="...json...">` (JSON-LD and kin).
    fn last_script_is_data(&self) -> bool {
        match self.nodes.last().map(|n| &n.data) {
            Some(NodeData::Element { attrs, .. }) => attrs
                .iter()
                .any(|(k, v)| k == "type" && v.to_ascii_lowercase().contains("json")),
            _ => false,
        }
    }

    /// Whether an element named `name` is among the first nodes (where html/head/body live).
    fn already_open_once(&self, name: &str) -> bool {
        self.nodes
            .iter()
            .skip(1)
            .take(64)
            .any(|nd| matches!(&nd.data, NodeData::Element { name: m, .. } if m == name))
    }

    fn start_tag(
        &mut self,
        name: Cow<'static, str>,
        attrs: Vec<(Cow<'static, str>, String)>,
        self_closing: bool,
    ) {
        if !self.xml {
            let n: &str = &name;
            if closes_p(n) {
                self.close(
                    "p",
                    &[
                        "button", "table", "td", "th", "li", "div", "section", "article",
                    ],
                );
            }
            match n {
                "li" => {
                    self.close("li", &["ul", "ol", "menu", "table", "div"]);
                }
                "dt" | "dd" => {
                    let _ = self.close("dd", &["dl", "table", "div"])
                        || self.close("dt", &["dl", "table", "div"]);
                }
                "tr" => {
                    self.close("tr", &["table", "tbody", "thead", "tfoot"]);
                }
                "td" | "th" => {
                    let _ =
                        self.close("td", &["tr", "table"]) || self.close("th", &["tr", "table"]);
                }
                "tbody" | "thead" | "tfoot" => {
                    for t in ["tbody", "thead", "tfoot"] {
                        self.close(t, &["table"]);
                    }
                }
                "option" => {
                    self.close("option", &["select", "datalist"]);
                }
                // A second <body>/<html> adds nothing to structure; keep its children in place.
                "body" | "html" | "head" if self.already_open_once(n) => return,
                _ => {}
            }
        }
        let void = self_closing || (!self.xml && is_void(&name));
        let id = self.append(NodeData::Element { name, attrs });
        if !void && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
            if let NodeData::Element { name, .. } = &self.nodes[id as usize].data {
                *self.open_counts.entry(name.clone()).or_insert(0) += 1;
            }
        }
    }

    fn end_tag(&mut self, name: &str) {
        if !self.xml {
            match name {
                // `</p>` without an open p is a browser's empty paragraph; dropping it is harmless.
                "body" | "html" => return,
                "br" => {
                    self.append(NodeData::Element {
                        name: Cow::Borrowed("br"),
                        attrs: Vec::new(),
                    });
                    return;
                }
                _ => {}
            }
        }
        self.close(name, &[]);
    }

    fn run(mut self, input: &str) -> Dom {
        let bytes = input.as_bytes();
        let mut pos = 0;
        let mut text_start = 0;
        while let Some(off) = memchr::memchr(b'<', &bytes[pos..]) {
            let lt = pos + off;
            let next = bytes.get(lt + 1).copied().unwrap_or(0);
            let flush = |b: &mut Self, end: usize| {
                if end > text_start {
                    b.append_text(&input[text_start..end], false);
                }
            };
            if next == b'!' {
                flush(&mut self, lt);
                if bytes[lt..].starts_with(b"<!--") {
                    pos = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
                } else if bytes[lt..].starts_with(b"<![CDATA[") {
                    let end = find(bytes, lt + 9, b"]]>").unwrap_or(bytes.len());
                    self.append_text(&input[(lt + 9).min(end)..end], true);
                    pos = (end + 3).min(bytes.len());
                } else {
                    pos = memchr::memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |e| lt + e + 1);
                }
                text_start = pos;
            } else if next == b'?' {
                flush(&mut self, lt);
                pos = memchr::memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |e| lt + e + 1);
                text_start = pos;
            } else if next == b'/' && bytes.get(lt + 2).is_some_and(|c| c.is_ascii_alphabetic()) {
                flush(&mut self, lt);
                let (name, after) = read_name(input, lt + 2);
                pos = memchr::memchr(b'>', &bytes[after..]).map_or(bytes.len(), |e| after + e + 1);
                text_start = pos;
                self.end_tag(&name);
            } else if next.is_ascii_alphabetic() {
                flush(&mut self, lt);
                let (name, after) = read_name(input, lt + 1);
                let (attrs, self_closing, end) =
                    read_attrs(input, after, self.xml, &self.knowledge);
                pos = end;
                text_start = pos;
                let raw = !self_closing && is_raw_text(&name) && !(self.xml && name == "title");
                let name_for_raw = name.clone();
                let keep_raw = raw.then_some(name_for_raw);
                self.start_tag(name, attrs, self_closing);
                if let Some(name) = keep_raw {
                    let close = find_end_tag(bytes, pos, name.as_bytes());
                    let content = &input[pos..close];
                    // Only structured-data scripts are read later; other code and CSS are not kept.
                    let wanted = match &*name {
                        "style" => self.xml,
                        "script" => self.xml || self.last_script_is_data(),
                        _ => true,
                    };
                    if wanted {
                        self.append_text(content, name == "script" || name == "style");
                    }
                    self.close(&name, &[]);
                    pos = memchr::memchr(b'>', &bytes[close..])
                        .map_or(bytes.len(), |e| close + e + 1);
                    text_start = pos;
                }
            } else {
                // A lone '<' is text.
                pos = lt + 1;
            }
        }
        if text_start < bytes.len() {
            self.append_text(&input[text_start..], false);
        }
        let ends = subtree_ends(&self.nodes);
        Dom {
            nodes: self.nodes,
            text: self.text,
            ends,
            knowledge: self.knowledge,
        }
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    memchr::memmem::find(&hay[from..], needle).map(|i| from + i)
}

/// Position of `</name` (any case) at or after `from`, or the end of input.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut pos = from;
    while let Some(off) = memchr::memmem::find(&bytes[pos..], b"</") {
        let at = pos + off;
        let tail = &bytes[at + 2..];
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name) {
            let after = tail.get(name.len()).copied().unwrap_or(b'>');
            if !after.is_ascii_alphanumeric() {
                return at;
            }
        }
        pos = at + 2;
    }
    bytes.len()
}

/// A tag or attribute name from `from`, lower-cased, and the index after it.
fn read_name(input: &str, from: usize) -> (Cow<'static, str>, usize) {
    let (start, end) = name_bounds(input, from);
    (intern(&input[start..end]), end)
}

fn name_bounds(input: &str, from: usize) -> (usize, usize) {
    let bytes = input.as_bytes();
    let mut end = from;
    while end < bytes.len() {
        let c = bytes[end];
        if c.is_ascii_whitespace() || c == b'/' || c == b'>' || c == b'=' {
            break;
        }
        end += 1;
    }
    // `end` stops on ASCII only, so it is a char boundary.
    (from, end)
}

/// Attributes from `from` to the closing `>`: (attrs, self-closing, index after `>`).
fn read_attrs(
    input: &str,
    from: usize,
    keep_all: bool,
    k: &HtmlKnowledge,
) -> (Vec<(Cow<'static, str>, String)>, bool, usize) {
    let bytes = input.as_bytes();
    let mut attrs = Vec::new();
    let mut i = from;
    let mut self_closing = false;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, self_closing, bytes.len());
        }
        match bytes[i] {
            b'>' => return (attrs, self_closing, i + 1),
            b'/' => {
                self_closing = bytes.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let (name_start, mut j) = name_bounds(input, i);
        let name_end = j;
        let keep = keep_all || {
            let n = &bytes[name_start..j];
            n.len() <= 12 && is_kept_attr(&n.to_ascii_lowercase())
        };
        if j == i {
            // An '=' with no name: skip it.
            i += 1;
            continue;
        }
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = String::new();
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = memchr::memchr(q, &bytes[j + 1..]).map_or(bytes.len(), |e| j + 1 + e);
                    if keep {
                        value = decode_entities(&input[j + 1..end], k);
                    }
                    j = (end + 1).min(bytes.len());
                }
                _ => {
                    let start = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    if keep {
                        value = decode_entities(&input[start..j], k);
                    }
                }
            }
        }
        if keep && attrs.len() < 64 {
            let name = intern(&input[name_start..name_end]);
            if !attrs.iter().any(|(k, _)| *k == name) {
                attrs.push((name, value));
            }
        }
        i = j;
    }
}

/// Replace character references (`&amp;`, `&#8217;`, `&#x2019;`) by the characters they name.
pub fn decode_entities(s: &str, k: &HtmlKnowledge) -> String {
    let mut out = String::with_capacity(s.len());
    decode_entities_into(s, &mut out, k);
    out
}

/// [`decode_entities`] appending to `out`.
pub fn decode_entities_into(s: &str, out: &mut String, k: &HtmlKnowledge) {
    let Some(first) = memchr::memchr(b'&', s.as_bytes()) else {
        out.push_str(s);
        return;
    };
    let bytes = s.as_bytes();
    out.push_str(&s[..first]);
    let mut i = first;
    while i < bytes.len() {
        if bytes[i] != b'&' {
            let next = memchr::memchr(b'&', &bytes[i..]).map_or(bytes.len(), |e| i + e);
            out.push_str(&s[i..next]);
            i = next;
            continue;
        }
        match decode_one(s, i, k) {
            Some((text, len)) => {
                out.push_str(&text);
                i += len;
            }
            None => {
                out.push('&');
                i += 1;
            }
        }
    }
}

/// The reference starting at `s[at] == '&'`: its text and byte length.
fn decode_one(s: &str, at: usize, k: &HtmlKnowledge) -> Option<(String, usize)> {
    let bytes = s.as_bytes();
    if bytes.get(at + 1) == Some(&b'#') {
        let (radix, start) = match bytes.get(at + 2) {
            Some(b'x') | Some(b'X') => (16, at + 3),
            _ => (10, at + 2),
        };
        let mut end = start;
        while end < bytes.len() && end - start < 8 && (bytes[end] as char).is_digit(radix) {
            end += 1;
        }
        if end == start {
            return None;
        }
        let code = u32::from_str_radix(&s[start..end], radix).ok()?;
        let c = match code {
            0 => '\u{FFFD}',
            // Windows-1252 code points that pages write as numeric references.
            0x80..=0x9F => windows_1252_c1(code),
            _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
        };
        let len = end - at + usize::from(bytes.get(end) == Some(&b';'));
        return Some((c.to_string(), len));
    }
    let mut end = at + 1;
    while end < bytes.len() && end - at <= 32 && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == at + 1 {
        return None;
    }
    let table = &k.entities;
    if bytes.get(end) == Some(&b';') {
        if let Some(v) = table.get(&s[at + 1..=end]) {
            return Some((v.clone(), end + 1 - at));
        }
    }
    table.get(&s[at + 1..end]).map(|v| (v.clone(), end - at))
}

fn windows_1252_c1(code: u32) -> char {
    let mut buf = [0u8; 1];
    buf[0] = code as u8;
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&buf);
    text.chars().next().unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(dom: &Dom, id: NodeId, out: &mut String) {
        match &dom.node(id).data {
            NodeData::Element { name, .. } => {
                out.push('<');
                out.push_str(name);
                out.push('>');
                for c in dom.children(id) {
                    outline(dom, c, out);
                }
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            NodeData::Text(..) => out.push_str(dom.text(id)),
            NodeData::Document => {
                for c in dom.children(id) {
                    outline(dom, c, out);
                }
            }
        }
    }

    fn roundtrip(html: &str) -> String {
        let dom = parse_html(html, &crate::knowledge::embedded());
        let mut s = String::new();
        outline(&dom, 0, &mut s);
        s
    }

    #[test]
    fn implied_end_tags_keep_paragraphs_and_items_flat() {
        assert_eq!(
            roundtrip("<p>one<p>two<div>x</div>"),
            "<p>one</p><p>two</p><div>x</div>"
        );
        assert_eq!(
            roundtrip("<ul><li>a<li>b</ul>"),
            "<ul><li>a</li><li>b</li></ul>"
        );
        assert_eq!(
            roundtrip("<table><tr><td>a<td>b<tr><td>c</table>"),
            "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
        );
    }

    #[test]
    fn stray_end_tags_and_raw_text_are_handled() {
        assert_eq!(roundtrip("<b>x</i>y</b>"), "<b>xy</b>");
        assert_eq!(
            roundtrip("<script>if (a<b) x='</p>';</script>z<script type='application/ld+json'>{\"a\":\"</b>\"}</script>"),
            "<script></script>z<script>{\"a\":\"</b>\"}</script>"
        );
        assert_eq!(roundtrip("a <!-- c --> b < c"), "a  b < c");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities(
                "Tom &amp; Jerry&#8217;s &#x2014; &nbsp;&copy",
                &crate::knowledge::embedded()
            ),
            "Tom & Jerry’s — \u{a0}©"
        );
        assert_eq!(
            decode_entities("&#150; &bogus; &", &crate::knowledge::embedded()),
            "– &bogus; &"
        );
    }

    #[test]
    fn attributes_parse_in_all_forms() {
        let dom = parse_html(
            r#"<a href="/x?a=1&amp;b=2" class=big data-x='q>r' title='q>r' hidden>t</a>"#,
            &crate::knowledge::embedded(),
        );
        assert_eq!(dom.attr(1, "href"), Some("/x?a=1&b=2"));
        assert_eq!(dom.attr(1, "class"), Some("big"));
        assert_eq!(dom.attr(1, "title"), Some("q>r"));
        // Attributes the extractor never reads are not kept.
        assert_eq!(dom.attr(1, "data-x"), None);
        assert_eq!(dom.attr(1, "hidden"), Some(""));
    }

    #[test]
    fn deep_nesting_is_capped() {
        let html = "<div>".repeat(100_000) + "x";
        let dom = parse_html(&html, &crate::knowledge::embedded());
        assert_eq!(dom.nodes.len(), 100_002);
        let mut depth = 0;
        let mut n = (dom.nodes.len() - 1) as NodeId;
        while n != NONE {
            depth += 1;
            n = dom.node(n).parent;
        }
        assert!(depth <= MAX_DEPTH + 2);
    }
}

//! Main-text extraction in the readability family.
//!
//! Works on the flat [`Dom`] arena without recursion: one backward pass aggregates text, link
//! text and commas per element; paragraph-like blocks score their ancestors (more for long,
//! comma-rich text); the best-scoring container, discounted by its link density, wins and
//! takes along siblings that look like more of the article. Inside the result, containers that
//! look like furniture (link lists, image grids, forms, share bars) are dropped in a second
//! bottom-up pass, and the rest is rendered with one blank line between paragraphs.
//!
//! When the result is short, the extraction is retried with less aggressive filters, keeping
//! the longest result, because some pages put their whole article in a class that sounds like
//! furniture.

use crate::dom::{Dom, NodeData, NodeId, NONE};
use newsgraph_knowledge::{ClassHint, ClassHintKind};

/// A result shorter than this (in characters) triggers a retry with gentler filters.
const RETRY_BELOW_CHARS: u32 = 500;
/// Paragraph-like blocks with less text than this do not score their ancestors.
const MIN_UNIT_CHARS: u32 = 25;

/// Hint substrings bucketed by first byte: class strings are short, so trying the few hints
/// that start with each byte beats running one substring search per hint.
struct Finders {
    by_first: Vec<Vec<&'static [u8]>>,
}

impl Finders {
    fn new() -> Self {
        Finders {
            by_first: vec![Vec::new(); 256],
        }
    }
    fn push(&mut self, word: &'static str) {
        if let Some(&b) = word.as_bytes().first() {
            self.by_first[b as usize].push(word.as_bytes());
        }
    }
    fn found_in(&self, hay: &[u8]) -> bool {
        (0..hay.len()).any(|i| {
            self.by_first[hay[i] as usize]
                .iter()
                .any(|w| hay[i..].starts_with(w))
        })
    }
}

/// The class and id hints of `html_class_hints.tsv`, by kind.
pub(crate) struct ClassHints {
    unlikely: Finders,
    maybe: Finders,
    negative: Finders,
    positive: Finders,
}

impl ClassHints {
    pub(crate) fn new(rows: &[ClassHint]) -> ClassHints {
        let mut h = ClassHints {
            unlikely: Finders::new(),
            maybe: Finders::new(),
            negative: Finders::new(),
            positive: Finders::new(),
        };
        for hint in rows {
            let finders = match hint.kind {
                ClassHintKind::Unlikely => &mut h.unlikely,
                ClassHintKind::Maybe => &mut h.maybe,
                ClassHintKind::Negative => &mut h.negative,
                ClassHintKind::Positive => &mut h.positive,
            };
            finders.push(hint.substring);
        }
        h
    }
}

fn contains_any(hay: &str, words: &Finders) -> bool {
    words.found_in(hay.as_bytes())
}

/// Elements whose content is never article text.
fn is_junk_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "option"
            | "head"
            | "title"
            | "link"
            | "meta"
            | "nav"
            | "aside"
            | "footer"
            | "dialog"
            | "map"
            | "audio"
            | "video"
            | "applet"
            | "frameset"
            | "label"
    )
}

/// Elements that make a paragraph break when rendered.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
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
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "ul"
            | "caption"
            | "summary"
            | "menu"
            | "legend"
            | "html"
            | "option"
    )
}

/// Elements whose presence below a div means the div is a container, not a paragraph.
fn is_structural_block(name: &str) -> bool {
    matches!(
        name,
        "blockquote"
            | "dl"
            | "div"
            | "img"
            | "ol"
            | "p"
            | "pre"
            | "table"
            | "ul"
            | "section"
            | "article"
            | "figure"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "main"
            | "form"
    )
}

#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

#[derive(Clone, Copy, Default)]
struct Stats {
    /// Visible characters, a white-space run counting as one.
    text: u32,
    link: u32,
    commas: u32,
    /// Text of direct inline content (not inside a nested block).
    own_text: u32,
    own_commas: u32,
    has_block: bool,
}

/// Per-element `class id` string, lower-cased, computed once per page.
fn class_strings(dom: &Dom) -> Vec<Option<String>> {
    dom.nodes
        .iter()
        .map(|n| match &n.data {
            NodeData::Element { attrs, .. } => {
                let mut s = String::new();
                for (k, v) in attrs {
                    if k == "class" || k == "id" {
                        s.push_str(&v.to_ascii_lowercase());
                        s.push(' ');
                    }
                }
                (!s.is_empty()).then_some(s)
            }
            _ => None,
        })
        .collect()
}

fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    if dom.attr(id, "hidden").is_some() {
        return true;
    }
    if dom.attr(id, "aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = dom.attr(id, "style") {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if compact.contains("display:none") || compact.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

fn class_weight(classes: &Option<String>, h: &ClassHints) -> f32 {
    let Some(c) = classes else { return 0.0 };
    let mut w = 0.0;
    if contains_any(c, &h.negative) {
        w -= 25.0;
    }
    if contains_any(c, &h.positive) {
        w += 25.0;
    }
    w
}

fn count_text(t: &str) -> (u32, u32) {
    let mut len = 0u32;
    let mut commas = 0u32;
    let mut in_space = true;
    for c in t.chars() {
        if c.is_whitespace() {
            if !in_space {
                len += 1;
                in_space = true;
            }
        } else {
            len += 1;
            in_space = false;
            if c == ',' || c == '\u{ff0c}' || c == '\u{060c}' {
                commas += 1;
            }
        }
    }
    (len, commas)
}

/// What every extraction attempt needs to know about each node, computed once per page.
struct PageFacts {
    classes: Vec<Option<String>>,
    /// Never article text: junk element or hidden.
    junk: Vec<bool>,
    /// Looks like furniture by class, id or role.
    unlikely: Vec<bool>,
    /// Visible length and commas of each text node.
    text: Vec<(u32, u32)>,
}

fn page_facts(dom: &Dom) -> PageFacts {
    let classes = class_strings(dom);
    let hints = &dom.knowledge().class_hints;
    let n = dom.nodes.len();
    let mut junk = vec![false; n];
    let mut unlikely = vec![false; n];
    let mut text = vec![(0, 0); n];
    for (id, node) in dom.nodes.iter().enumerate() {
        match &node.data {
            NodeData::Text(..) => text[id] = count_text(dom.text(id as NodeId)),
            NodeData::Element { name, .. } => {
                junk[id] = is_junk_tag(name) || is_hidden(dom, id as NodeId);
                if matches!(&**name, "body" | "html" | "a" | "article" | "main") {
                    continue;
                }
                if let Some(c) = &classes[id] {
                    unlikely[id] =
                        contains_any(c, &hints.unlikely) && !contains_any(c, &hints.maybe);
                }
                if let Some(role) = dom.attr(id as NodeId, "role") {
                    unlikely[id] |= matches!(
                        role,
                        "menu"
                            | "menubar"
                            | "complementary"
                            | "navigation"
                            | "alert"
                            | "alertdialog"
                            | "dialog"
                    );
                }
            }
            NodeData::Document => {}
        }
    }
    PageFacts {
        classes,
        junk,
        unlikely,
        text,
    }
}

/// The main text of a page: paragraphs separated by one blank line. `title`, when known,
/// removes a heading that only repeats it.
pub fn extract_main_text(dom: &Dom, title: Option<&str>) -> String {
    let facts = page_facts(dom);
    let mut best = String::new();
    let attempts = [
        Flags {
            strip_unlikely: true,
            weight_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
        },
    ];
    for flags in attempts {
        let text = extract_once(dom, &facts, flags, title);
        let len = text.chars().count() as u32;
        if len >= RETRY_BELOW_CHARS {
            return text;
        }
        if len > best.chars().count() as u32 {
            best = text;
        }
    }
    best
}

fn extract_once(dom: &Dom, facts: &PageFacts, flags: Flags, title: Option<&str>) -> String {
    let n = dom.nodes.len();
    let classes = &facts.classes;

    // Forward pass: drop junk and hidden elements (and, first time round, furniture by class).
    let mut removed = vec![false; n];
    for id in 1..n {
        let node = dom.node(id as NodeId);
        if node.parent != NONE && removed[node.parent as usize] {
            removed[id] = true;
            continue;
        }
        removed[id] = facts.junk[id] || (flags.strip_unlikely && facts.unlikely[id]);
    }

    // Backward pass: children are always visited before their parent.
    let mut stats = vec![Stats::default(); n];
    for id in (1..n).rev() {
        if removed[id] {
            continue;
        }
        let node = dom.node(id as NodeId);
        let (inline_len, inline_commas, block_here) = match &node.data {
            NodeData::Text(..) => {
                let (len, commas) = facts.text[id];
                stats[id].text = len;
                stats[id].commas = commas;
                (len, commas, false)
            }
            NodeData::Element { name, .. } => {
                if name == "a" {
                    stats[id].link = stats[id].text;
                }
                let blocky = is_structural_block(name) || stats[id].has_block;
                if blocky {
                    (0, 0, true)
                } else {
                    (stats[id].text, stats[id].commas, false)
                }
            }
            NodeData::Document => continue,
        };
        let s = stats[id];
        let p = node.parent as usize;
        if p < n {
            let ps = &mut stats[p];
            ps.text += s.text;
            ps.link += s.link;
            ps.commas += s.commas;
            ps.own_text += inline_len;
            ps.own_commas += inline_commas;
            ps.has_block |= block_here;
        }
    }

    // Score paragraph-like blocks into their ancestors.
    let mut score: Vec<f32> = vec![f32::NAN; n];
    let mut scored: Vec<NodeId> = Vec::new();
    let init = |id: NodeId, score: &mut Vec<f32>, scored: &mut Vec<NodeId>| {
        if score[id as usize].is_nan() {
            let base = match dom.name(id) {
                "div" => 5.0,
                "pre" | "td" | "blockquote" => 3.0,
                "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                _ => 0.0,
            };
            let w = if flags.weight_classes {
                class_weight(&classes[id as usize], &dom.knowledge().class_hints)
            } else {
                0.0
            };
            score[id as usize] = base + w;
            scored.push(id);
        }
    };
    for id in 1..n {
        if removed[id] {
            continue;
        }
        let NodeData::Element { name, .. } = &dom.node(id as NodeId).data else {
            continue;
        };
        let st = stats[id];
        let (len, commas, first_ancestor) = match &**name {
            "p" | "pre" => (st.text, st.commas, dom.node(id as NodeId).parent),
            "td" | "div" | "section" | "article" | "main" | "blockquote" | "center"
                if !st.has_block =>
            {
                // A container of inline content only is a paragraph in disguise.
                (st.text, st.commas, dom.node(id as NodeId).parent)
            }
            "div" | "section" | "article" | "main" | "td" | "blockquote" | "body"
                if st.has_block =>
            {
                // Loose text between blocks counts for the block that holds it.
                (st.own_text, st.own_commas, id as NodeId)
            }
            _ => continue,
        };
        if len < MIN_UNIT_CHARS {
            continue;
        }
        let unit = 1.0 + commas as f32 + (len / 100).min(3) as f32;
        let mut anc = first_ancestor;
        let mut level = 0;
        while anc != NONE && anc != 0 && level < 5 {
            if !matches!(dom.node(anc).data, NodeData::Element { .. }) {
                break;
            }
            init(anc, &mut score, &mut scored);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[anc as usize] += unit / divider;
            anc = dom.node(anc).parent;
            level += 1;
        }
    }

    let link_density = |id: usize| -> f32 {
        let t = stats[id].text;
        if t == 0 {
            0.0
        } else {
            stats[id].link as f32 / t as f32
        }
    };
    for &id in &scored {
        let i = id as usize;
        score[i] *= 1.0 - link_density(i);
    }
    let body = (1..n)
        .find(|&i| dom.name(i as NodeId) == "body" && !removed[i])
        .map(|i| i as NodeId)
        .unwrap_or(0);

    let mut ranked: Vec<NodeId> = scored.clone();
    ranked.sort_by(|a, b| score[*b as usize].total_cmp(&score[*a as usize]));
    let mut top = match ranked.first() {
        Some(&t) => t,
        None => body,
    };

    if top != body && top != 0 {
        // Several strong candidates under one ancestor: the ancestor is the article.
        let top_score = score[top as usize];
        let alternatives: Vec<NodeId> = ranked
            .iter()
            .skip(1)
            .take(4)
            .copied()
            .filter(|&c| score[c as usize] / top_score >= 0.75)
            .collect();
        if alternatives.len() >= 3 {
            let mut parent = dom.node(top).parent;
            while parent != NONE && parent != body && parent != 0 {
                let holding = alternatives
                    .iter()
                    .filter(|&&c| is_ancestor(dom, parent, c))
                    .count();
                if holding >= 3 {
                    top = parent;
                    break;
                }
                parent = dom.node(parent).parent;
            }
        }
        // Climb while the parent scores better: the article is split over siblings.
        let mut last = score[top as usize];
        let threshold = last / 3.0;
        let mut parent = dom.node(top).parent;
        while parent != NONE && parent != body && parent != 0 {
            let ps = score[parent as usize];
            if ps.is_nan() {
                parent = dom.node(parent).parent;
                continue;
            }
            if ps < threshold {
                break;
            }
            if ps > last {
                top = parent;
                break;
            }
            last = ps;
            parent = dom.node(parent).parent;
        }
        // A lone child stands for its parent.
        loop {
            let parent = dom.node(top).parent;
            if parent == NONE || parent == body || parent == 0 {
                break;
            }
            let element_children = dom
                .children(parent)
                .filter(|&c| {
                    !removed[c as usize] && matches!(dom.node(c).data, NodeData::Element { .. })
                })
                .count();
            if element_children != 1 {
                break;
            }
            top = parent;
        }
    }

    // Best candidate score in each subtree (itself included), gathered bottom-up.
    let mut best_within = vec![0.0f32; n];
    for id in (1..n).rev() {
        let own = if score[id].is_nan() { 0.0 } else { score[id] };
        let best = best_within[id].max(own);
        best_within[id] = best;
        let p = dom.node(id as NodeId).parent as usize;
        if p < n && best > best_within[p] {
            best_within[p] = best;
        }
    }

    // Siblings that look like more of the same article.
    let mut parts: Vec<NodeId> = Vec::new();
    let parent = dom.node(top).parent;
    if top == body || top == 0 || parent == NONE {
        parts.push(top);
    } else {
        let top_score = score[top as usize].max(0.0);
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = &classes[top as usize];
        for sib in dom.children(parent) {
            let s = sib as usize;
            if removed[s] {
                continue;
            }
            if sib == top {
                parts.push(sib);
                continue;
            }
            if !matches!(dom.node(sib).data, NodeData::Element { .. }) {
                continue;
            }
            let mut bonus = 0.0;
            if top_class.is_some() && classes[s] == *top_class {
                bonus += top_score * 0.2;
            }
            let sib_score = if score[s].is_nan() { 0.0 } else { score[s] };
            let mut keep = sib_score + bonus >= threshold;
            // A sibling holding a candidate about as strong as the article's own best is more of
            // the article (a story split into sections around a figure or an ad).
            if !keep && best_within[top as usize] > 0.0 {
                keep = best_within[s] >= 0.5 * best_within[top as usize] && link_density(s) < 0.25;
            }
            if !keep && dom.name(sib) == "p" {
                let len = stats[s].text;
                let ld = link_density(s);
                if len > 80 && ld < 0.25 {
                    keep = true;
                } else if len > 0 && len <= 80 && ld == 0.0 {
                    let t = dom.text_of(sib);
                    let t = t.trim_end();
                    keep = t.ends_with('.') || t.contains(". ");
                }
            }
            if keep {
                parts.push(sib);
            }
        }
    }

    if flags.clean_conditionally {
        for &part in &parts {
            clean_conditionally(dom, part, facts, &score, &mut removed, flags);
        }
    }
    if let Some(title) = title {
        drop_title_heading(dom, &parts, &mut removed, title);
    }
    render(dom, &parts, &removed)
}

fn is_ancestor(dom: &Dom, anc: NodeId, mut node: NodeId) -> bool {
    while node != NONE {
        if node == anc {
            return true;
        }
        node = dom.node(node).parent;
    }
    false
}

#[derive(Clone, Copy, Default)]
struct CleanStats {
    text: u32,
    link: u32,
    commas: u32,
    li_text: u32,
    heading_text: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
}

/// Drop containers inside the article that look like furniture, innermost first.
fn clean_conditionally(
    dom: &Dom,
    root: NodeId,
    facts: &PageFacts,
    score: &[f32],
    removed: &mut [bool],
    flags: Flags,
) {
    let end = dom.subtree_end(root) as usize;
    let start = root as usize;
    let mut st = vec![CleanStats::default(); end - start];
    for id in (start..end).rev() {
        if removed[id] {
            continue;
        }
        let node = dom.node(id as NodeId);
        let local = id - start;
        match &node.data {
            NodeData::Text(..) => {
                let (len, commas) = facts.text[id];
                st[local].text = len;
                st[local].commas = commas;
            }
            NodeData::Element { name, .. } => {
                let s = &mut st[local];
                match &**name {
                    "a" => s.link = s.text,
                    "p" => s.p += 1,
                    "img" => s.img += 1,
                    "li" => {
                        s.li += 1;
                        s.li_text = s.text;
                    }
                    "input" => s.input += 1,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => s.heading_text = s.text,
                    "embed" | "object" | "iframe" | "video" => s.embed += 1,
                    _ => {}
                }
                if id != start
                    && should_drop(
                        dom,
                        id as NodeId,
                        name,
                        &st[local],
                        &facts.classes,
                        score,
                        flags,
                    )
                {
                    removed[id] = true;
                    continue;
                }
            }
            NodeData::Document => {}
        }
        if id == start {
            break;
        }
        let p = node.parent as usize;
        if p >= start && p < end {
            let c = st[local];
            let ps = &mut st[p - start];
            ps.text += c.text;
            ps.link += c.link;
            ps.commas += c.commas;
            ps.li_text += c.li_text;
            ps.heading_text += c.heading_text;
            ps.p += c.p;
            ps.img += c.img;
            ps.li += c.li;
            ps.input += c.input;
            ps.embed += c.embed;
        }
    }
}

fn should_drop(
    dom: &Dom,
    id: NodeId,
    name: &str,
    s: &CleanStats,
    classes: &[Option<String>],
    score: &[f32],
    flags: Flags,
) -> bool {
    let is_list = matches!(name, "ul" | "ol");
    if !matches!(
        name,
        "div"
            | "section"
            | "table"
            | "ul"
            | "ol"
            | "form"
            | "fieldset"
            | "header"
            | "h1"
            | "h2"
            | "h3"
    ) {
        return false;
    }
    let weight = if flags.weight_classes {
        class_weight(&classes[id as usize], &dom.knowledge().class_hints)
    } else {
        0.0
    };
    let link_density = if s.text == 0 {
        0.0
    } else {
        s.link as f32 / s.text as f32
    };
    if name.starts_with('h') {
        // Headings: drop furniture-looking ones only.
        return weight < 0.0 || (s.text > 0 && link_density > 0.5);
    }
    let own_score = if score[id as usize].is_nan() {
        0.0
    } else {
        score[id as usize]
    };
    if weight + own_score < 0.0 {
        return true;
    }
    if s.commas >= 10 {
        return false;
    }
    let is_list = is_list || (s.text > 0 && s.li_text as f32 / s.text as f32 > 0.9);
    let in_figure = has_ancestor(dom, id, "figure");
    let heading_density = if s.text == 0 {
        0.0
    } else {
        s.heading_text as f32 / s.text as f32
    };
    let p = s.p as f32;
    let img = s.img as f32;
    (s.img > 1 && p / img < 0.5 && !in_figure)
        || (!is_list && s.li > s.p + 100)
        || (s.input as f32 > (p / 3.0).floor())
        || (!is_list
            && heading_density < 0.9
            && s.text < 25
            && (s.img == 0 || s.img > 2)
            && !in_figure)
        || (!is_list && weight < 25.0 && link_density > 0.2)
        || (weight >= 25.0 && link_density > 0.5)
        || ((s.embed == 1 && s.text < 75) || s.embed > 1)
}

fn has_ancestor(dom: &Dom, id: NodeId, tag: &str) -> bool {
    let mut n = dom.node(id).parent;
    let mut depth = 0;
    while n != NONE && depth < 12 {
        if dom.name(n) == tag {
            return true;
        }
        n = dom.node(n).parent;
        depth += 1;
    }
    false
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Remove the first h1/h2 that repeats the title: the title is a field of its own.
fn drop_title_heading(dom: &Dom, parts: &[NodeId], removed: &mut [bool], title: &str) {
    let title = fold(title);
    if title.is_empty() {
        return;
    }
    for &part in parts {
        for id in part..dom.subtree_end(part) {
            if removed[id as usize] || !matches!(dom.name(id), "h1" | "h2") {
                continue;
            }
            if fold(&dom.text_of(id)) == title {
                removed[id as usize] = true;
                return;
            }
        }
    }
}

/// Text of the kept nodes: blocks become paragraphs, `<br>` a line break, white space collapsed.
fn render(dom: &Dom, parts: &[NodeId], removed: &[bool]) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for &part in parts {
        let end = dom.subtree_end(part);
        // Closing blocks are tracked with a stack of subtree ends.
        let mut open_blocks: Vec<NodeId> = Vec::new();
        let mut id = part;
        while id < end {
            while let Some(&e) = open_blocks.last() {
                if id >= e {
                    open_blocks.pop();
                    paragraph_break(&mut out);
                    pending_space = false;
                } else {
                    break;
                }
            }
            if removed[id as usize] {
                id = dom.subtree_end(id);
                continue;
            }
            match &dom.node(id).data {
                NodeData::Text(..) => {
                    for c in dom.text(id).chars() {
                        if c.is_whitespace() {
                            pending_space = true;
                        } else {
                            if pending_space && !out.is_empty() && !out.ends_with('\n') {
                                out.push(' ');
                            }
                            pending_space = false;
                            out.push(c);
                        }
                    }
                }
                NodeData::Element { name, .. } => {
                    if name == "br" {
                        if !out.is_empty() {
                            out.push('\n');
                        }
                        pending_space = false;
                    } else if is_block(name) {
                        paragraph_break(&mut out);
                        pending_space = false;
                        open_blocks.push(dom.subtree_end(id));
                    } else if name == "img" {
                        pending_space = true;
                    }
                }
                NodeData::Document => {}
            }
            id += 1;
        }
        paragraph_break(&mut out);
        pending_space = false;
    }
    tidy(&out)
}

fn paragraph_break(out: &mut String) {
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    if out.ends_with('\n') {
        out.push('\n');
    } else {
        out.push_str("\n\n");
    }
}

/// Trim every line and keep at most one blank line between paragraphs.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace());
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse_html;

    #[test]
    fn picks_the_article_over_navigation_and_comments() {
        let body = "The council voted on Tuesday to close the bridge, citing cracks, rust and a failed inspection. ".repeat(3);
        let html = format!(
            r#"<html><body><div class="menu"><a href="/">Home</a> <a href="/n">News</a></div>
            <div class="article-body"><h1>Bridge closed</h1><p>{body}</p><p>{body}</p></div>
            <div id="comments"><p>Great article, thanks, really, I agree with everything here today.</p></div>
            </body></html>"#
        );
        let text = extract_main_text(
            &parse_html(&html, &crate::knowledge::embedded()),
            Some("Bridge closed"),
        );
        assert!(text.starts_with("The council voted"), "{text}");
        assert!(!text.contains("Home"));
        assert!(!text.contains("Great article"));
        assert_eq!(text.matches("\n\n").count(), 1);
    }
}

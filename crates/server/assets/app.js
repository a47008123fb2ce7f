// newsgraph web UI: plain JavaScript, no framework, no CDN. Every piece of article text reaches
// the page through textContent or createTextNode, never innerHTML, so a page cannot inject markup.
//
// The address is the state: "#/<view>?<filters>" (views: "", events, map, timeline, network,
// article/<id>). Every view reads the same filters from it and sends them to the API, which
// selects the same articles for each; the nav links carry them from view to view, so any view
// of a search can be shared by its URL.
"use strict";

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null) continue;
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};
const svgEl = (tag, attrs = {}, text) => {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
};
const titled = (node, text) => { node.append(svgEl("title", {}, text)); return node; };
const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

const FILTERS = ["q", "entity", "actor", "country", "theme", "root", "since", "until"];
const FILTER_NAMES = { q: "words", entity: "entity", actor: "actor", country: "country", theme: "theme", root: "event root", since: "from", until: "to" };
const VIEWS = { "": "search", events: "events", map: "map", timeline: "timeline", network: "network" };
const PAGE = 50;
// Quad classes, GDELT's four kinds of event: cooperation green, conflict red, words lighter.
const QUADS = { 1: ["verbal cooperation", "#22c55e"], 2: ["material cooperation", "#15803d"], 3: ["verbal conflict", "#f59e0b"], 4: ["material conflict", "#dc2626"] };

async function api(path) {
  const res = await fetch(path);
  let body;
  try { body = await res.json(); } catch (e) { throw new Error(`${path.split("?")[0]} answered ${res.status} ${res.statusText}`); }
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

// ---- the address: view, article id and filters ----------------------------------------------

function place() {
  const hash = location.hash.replace(/^#\/?/, "");
  const at = hash.indexOf("?");
  const path = at < 0 ? hash : hash.slice(0, at);
  const query = new URLSearchParams(at < 0 ? "" : hash.slice(at + 1));
  const filters = new URLSearchParams();
  for (const f of FILTERS) { const v = (query.get(f) || "").trim(); if (v) filters.set(f, v); }
  if (path.startsWith("article/")) return { view: "article", id: decodeURIComponent(path.slice(8)), filters };
  return { view: VIEWS[path] || "search", path: path in VIEWS ? path : "", filters };
}

function address(path, filters) {
  const qs = filters.toString();
  return "#/" + path + (qs ? "?" + qs : "");
}

// Go to a view with filters; the hashchange handler renders it (or we do, when unchanged).
function go(path, filters) {
  const target = address(path, filters);
  if (location.hash === target) route(); else location.hash = target;
}

function formFilters() {
  const p = new URLSearchParams();
  for (const f of FILTERS) { const v = $("#" + f).value.trim(); if (v) p.set(f, v); }
  return p;
}

function withFilter(filters, key, value) {
  const p = new URLSearchParams(filters);
  if (value == null || value === "") p.delete(key); else p.set(key, value);
  return p;
}

// ---- names behind codes (GET /api/codes, once) ---------------------------------------------

let codes = { events: {}, countries: {}, roles: {}, themes: {} };
const codesReady = api("/api/codes").then((c) => { codes = c; }).catch(() => { /* bare codes stay readable */ });

const sentence = (s) => (s && s === s.toUpperCase() ? s.charAt(0) + s.slice(1).toLowerCase() : s || "");
const eventName = (code) => sentence((codes.events[code] || {}).name) || "";
const countryName = (code) => codes.countries[code] || "";
// A theme's description without its notes ("Diplomatic relations (GDELT uses ...)").
const themeName = (code) => (codes.themes[code] || "").replace(/\s*[(;].*$/, "");
// An actor code as people read it: the name its events give it, else its country; a country
// with a role (RUSMIL) says the role ("Russia military"), so Russia's government, army and
// people do not all read "Russia".
function actorName(code, name) {
  if (!code) return name || "";
  const country = countryName(code.slice(0, 3));
  const role = code.length === 6 ? codes.roles[code.slice(3)] : null;
  if (name && (!country || name !== country)) return name;
  if (!country) return code;
  return role ? `${country} ${role}` : code.length > 3 ? `${country} ${code.slice(3)}` : country;
}
function filterLabel(key, value) {
  if (key === "country") return countryName(value.toUpperCase()) ? `${countryName(value.toUpperCase())} (${value})` : value;
  if (key === "root") { const n = eventName(value.padStart(2, "0")); return n ? `${value} ${n}` : value; }
  if (key === "theme") return value;
  if (key === "actor") { const n = actorName(value.toUpperCase()); return n && n !== value ? `${value} (${n})` : value; }
  return value;
}

// ---- page furniture: views, nav, filters, errors --------------------------------------------

function show(view, filters) {
  document.querySelectorAll(".view").forEach((v) => (v.hidden = v.id !== "view-" + view));
  document.querySelectorAll("nav a").forEach((a) => {
    a.classList.toggle("active", a.dataset.view === view);
    const path = Object.keys(VIEWS).find((k) => VIEWS[k] === a.dataset.view) || "";
    a.setAttribute("href", address(path, filters));
  });
  $("#home").setAttribute("href", address("", filters));
}

function status(text) { $("#status").textContent = text; }

function showError(message) {
  const box = $("#error");
  box.replaceChildren(el("strong", {}, "Error: "), message);
  box.hidden = false;
  window.scrollTo(0, 0);
}

// The active filters as chips above every view, each removable.
function renderFilterChips(view, path, filters) {
  const box = $("#filters");
  box.replaceChildren();
  for (const [k, v] of filters) {
    box.append(el("span", { class: "chip", "data-filter": k }, el("span", { class: "chip-key" }, FILTER_NAMES[k] + ": "), filterLabel(k, v),
      el("button", { type: "button", title: "remove this filter", "aria-label": `remove ${FILTER_NAMES[k]} filter`, onclick: () => go(path, withFilter(filters, k, null)) }, "×")));
  }
  if (filters.toString()) box.append(el("button", { type: "button", class: "link", onclick: () => go(path, new URLSearchParams()) }, "clear all"));
  box.hidden = !filters.toString();
}

// ---- Articles --------------------------------------------------------------------------------

async function showSearch(filters, limit = PAGE) {
  const p = new URLSearchParams(filters);
  p.set("limit", String(limit));
  const mine = routing;
  const data = await api("/api/search?" + p);
  if (mine !== routing) return; // a newer view is on its way: this answer is stale
  const count = $("#result-count");
  count.dataset.total = data.total;
  const words = filters.get("q");
  const narrowed = [...filters.keys()].some((k) => k !== "q");
  const what = words && narrowed ? ` “${words}” and the filters` : words ? ` “${words}”` : narrowed ? " the filters" : "";
  // A common word's matches are counted up to a bound: the API then says "at least".
  const counted = data.total_is_lower_bound ? `${data.total.toLocaleString("en")}+ articles` : plural(data.total, "article");
  count.replaceChildren(el("strong", {}, counted), what ? (data.total === 1 && !data.total_is_lower_bound ? " matches" : " match") + what : " stored",
    data.total > data.hits.length ? el("span", { class: "muted" }, ` · showing the first ${data.hits.length}`) : "");
  const list = $("#results");
  list.replaceChildren(...data.hits.map(hitItem(filters)));
  const more = $("#more");
  more.hidden = data.total <= data.hits.length;
  more.textContent = `Show ${Math.min(PAGE, data.total - data.hits.length)} more`;
  more.onclick = () => showSearch(filters, limit + PAGE).catch((e) => showError(e.message));
  renderFacets(data.facets, filters, data.total);
  status("");
}

const host = (url) => { try { return new URL(url).host.replace(/^www\./, ""); } catch (e) { return ""; } };

function originalLink(url, text) {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  return el("a", { class: "original", href: url, target: "_blank", rel: "noopener noreferrer", title: url }, text || `${host(url) || "original"} ↗`);
}

function hitItem(filters) {
  return (h) => {
    const meta = el("div", { class: "meta" }, h.published || "undated");
    const add = (...parts) => { meta.append(" · ", ...parts); };
    if (h.source) add(h.source);
    const link = originalLink(h.url);
    if (link) add(link);
    if (h.duplicate_of) add("copy of ", el("a", { href: address("article/" + encodeURIComponent(h.duplicate_of), filters) }, h.duplicate_of));
    return el("li", { class: "hit" },
      el("a", { class: "title", href: address("article/" + encodeURIComponent(h.id), filters) }, h.title || h.id),
      meta, el("p", { class: "snippet" }, snippet(h.snippet), !filters.get("q") && (h.snippet || "").length >= 150 ? "…" : ""));
  };
}

// The search API brackets the matched words of a snippet: "[truce]". They become <mark>s,
// built from text nodes like everything else.
function snippet(text) {
  const out = document.createDocumentFragment();
  (text || "").split(/\[([^\[\]]*)\]/).forEach((part, i) => out.append(i % 2 ? el("mark", { class: "hit" }, part) : document.createTextNode(part)));
  return out;
}

function renderFacets(f, filters, total) {
  const box = $("#facets");
  box.replaceChildren();
  // Facets count the best matches when there are many (the API says how many it counted).
  if (f.articles && f.articles < total) box.append(el("p", { class: "muted", id: "facets-over" }, `Counted in the first ${f.articles.toLocaleString("en")} matches`));
  const group = (title, key, rows, label) => {
    rows = (rows || []).filter((r) => String(r[0]).trim() && !filters.get(key));
    if (!rows.length) return;
    box.append(el("h3", {}, title), el("ul", { class: "facet", "data-facet": key }, ...rows.map((r) => {
      const [text, hint] = label(r);
      return el("li", {}, el("a", { href: address("", withFilter(filters, key, r[0])), title: hint || text }, text), el("span", { class: "n" }, r[r.length - 1].toLocaleString("en")));
    })));
  };
  group("Entities", "entity", f.entities, (r) => [r[0], `${r[0]} (${r[1].toLowerCase()})`]);
  group("Countries", "country", f.countries, (r) => [countryName(r[0]) || r[0], `${countryName(r[0]) || r[0]} (${r[0]})`]);
  group("Themes", "theme", f.themes, (r) => [themeName(r[0]) || r[0], `${r[0]}: ${codes.themes[r[0]] || ""}`]);
  group("Event roots", "root", f.roots, (r) => [`${r[0]} ${eventName(r[0])}`.trim(), `CAMEO root ${r[0]}`]);
}

// ---- one article ---------------------------------------------------------------------------

// Marks spans (code-point offsets) on the text. Overlaps: the earlier, longer span wins.
function highlighted(text, spans) {
  const chars = Array.from(text);
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out = document.createDocumentFragment();
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos || s.end > chars.length) continue;
    out.append(document.createTextNode(chars.slice(pos, s.start).join("")));
    out.append(el("mark", { class: s.kind, title: s.title }, chars.slice(s.start, s.end).join("")));
    pos = s.end;
  }
  out.append(document.createTextNode(chars.slice(pos).join("")));
  return out;
}

function eventLine(e) {
  const side = (a) => (a ? `${actorName(a.code, a.name)}${a.code ? " (" + a.code + ")" : ""}` : "?");
  return el("li", {}, el("span", { class: "quad q" + e.quad_class, title: (QUADS[e.quad_class] || [""])[0] }),
    `${side(e.source)} → `, el("strong", {}, eventName(e.code) || e.code), ` [${e.code}, Goldstein ${fmtGoldstein(e.goldstein)}] → ${side(e.target)}`,
    el("div", { class: "muted" }, e.text));
}

const fmtGoldstein = (g) => (g > 0 ? "+" : "") + Number(g).toFixed(1);

async function showArticle(id, filters) {
  const mine = routing;
  const r = await api("/api/articles/" + encodeURIComponent(id));
  if (mine !== routing) return;
  const spans = [];
  for (const e of r.entities) for (const m of e.mentions) spans.push({ start: m.start, end: m.end, kind: e.type, title: `${e.name} (${e.type}${e.codes.cameo ? ", " + e.codes.cameo : ""})` });
  for (const q of r.quotes) spans.push({ start: q.start, end: q.end, kind: "QUOTE", title: "quote" + (q.speaker ? " by " + q.speaker : "") });
  const meta = el("p", { class: "meta" }, [r.published || "undated", r.source, r.language].filter(Boolean).join(" · "));
  if (r.story) meta.append(" · story ", r.story);
  if (r.duplicate_of) meta.append(" · copy of ", el("a", { href: address("article/" + encodeURIComponent(r.duplicate_of), filters) }, r.duplicate_of));
  const original = originalLink(r.url, `Read the original at ${host(r.url) || "its site"} ↗`);
  if (original) original.id = "original-link";
  const a = $("#article");
  a.replaceChildren(
    el("p", { class: "back" }, el("a", { href: address("", filters) }, "← back to the articles")),
    el("h2", {}, r.title || r.id), meta, original ? el("p", {}, original) : el("p", { class: "muted", id: "no-original" }, "The input gave no address for the original."),
    el("p", { class: "legend" }, ...["PERSON", "ORGANIZATION", "LOCATION", "QUOTE"].map((k) => el("span", {}, el("mark", { class: k }, k.toLowerCase())))),
    el("div", { class: "body" }, el("p", {}, highlighted(r.text, spans))));
  if (r.quotes.length) a.append(el("h3", {}, "Quotes"), el("ul", {}, ...r.quotes.map((q) => el("li", {}, `${q.continues ? "… " : ""}“${q.text}” — ${q.speaker || "unknown speaker"}${q.partial ? " (partial)" : ""}`))));
  const toll = r.toll || [];
  if (toll.length) a.append(el("h3", {}, "Toll"), el("p", { id: "article-toll" }, toll.map((t) => `${t.type} ${t.approximate ? "~" : ""}${t.number}`).join(" · ")));
  if (r.counts.length) a.append(el("h3", {}, "Counts"), el("ul", {}, ...r.counts.map((c) => el("li", {}, `${c.type} ${c.approximate ? "~" : ""}${c.number}${c.object ? " " + c.object : ""} (“${c.text}”)`))));
  if (r.events.length) a.append(el("h3", {}, "Events"), el("ul", { id: "article-events", class: "events" }, ...r.events.map(eventLine)));
  if (r.entities.length) a.append(el("h3", {}, "Entities"), el("ul", {}, ...r.entities.map((e) => el("li", {}, `${e.name} — ${e.type.toLowerCase()}${e.codes.cameo ? " " + e.codes.cameo : ""}${e.geo ? ` @ ${countryName(e.geo.country) || e.geo.country} ${e.geo.lat.toFixed(2)},${e.geo.lon.toFixed(2)}` : ""} ×${e.mentions.length}`))));
  document.title = (r.title || r.id) + " — newsgraph";
}

// ---- Events --------------------------------------------------------------------------------

function actorCell(code, name, filters, path) {
  if (!code) return el("td", { class: "muted" }, "—");
  return el("td", {}, el("a", { href: address(path, withFilter(filters, "actor", code)), title: `filter by actor ${code}` }, actorName(code, name)), el("div", { class: "code" }, code));
}

async function showEvents(filters) {
  const p = new URLSearchParams(filters); p.set("limit", "200");
  const mine = routing;
  const rows = await api("/api/events?" + p);
  if (mine !== routing) return;
  // A column of dashes says nothing: the date column shows only when some event has a date.
  $("#events-table").classList.toggle("no-dates", !rows.some((e) => e.date));
  $("#events-count").replaceChildren(el("strong", {}, plural(rows.length, "event")), rows.length === 200 ? " (the 200 most reported)" : "", " reported in the matching articles, most reported first");
  $("#events-table tbody").replaceChildren(...rows.map((e) => el("tr", {},
    el("td", { class: "nowrap" + (e.date ? "" : " muted") }, e.date || "—"),
    actorCell(e.source_code, e.source_name, filters, "events"),
    el("td", { class: "event" }, el("span", { class: "quad q" + e.quad_class, title: (QUADS[e.quad_class] || [""])[0] }), el("span", { class: "event-name" }, eventName(e.code) || "unknown code"), el("div", { class: "code" }, "CAMEO " + e.code)),
    actorCell(e.target_code, e.target_name, filters, "events"),
    el("td", { class: "num goldstein " + (e.goldstein < 0 ? "neg" : e.goldstein > 0 ? "pos" : "") }, fmtGoldstein(e.goldstein)),
    el("td", {}, e.location || "", e.country && countryName(e.country) && !(e.location || "").includes(countryName(e.country)) ? el("div", { class: "code" }, countryName(e.country)) : ""),
    el("td", { class: "nowrap" }, plural(e.mentions, "mention"), el("div", { class: "code" }, plural(e.articles, "article"))),
    el("td", {}, el("a", { href: address("article/" + encodeURIComponent(e.first_article), filters) }, e.text)))));
  status("");
}

// ---- Map -----------------------------------------------------------------------------------

// A ring (flat lon,lat pairs) as path data. A ring that crosses the antimeridian (Russia,
// Fiji) would draw a stripe across the whole map: its longitudes are unwrapped into one
// continuous outline instead, drawn again shifted by 360° so the part past the edge shows.
function ringPath(ring) {
  const xs = [], ys = [];
  let shift = 0;
  for (let i = 0; i < ring.length; i += 2) {
    if (i && Math.abs(ring[i] - ring[i - 2]) > 180) shift += ring[i] < ring[i - 2] ? 360 : -360;
    xs.push(ring[i] + shift); ys.push(ring[i + 1]);
  }
  const draw = (dx) => xs.map((x, i) => (i ? "L" : "M") + (x + dx).toFixed(2) + "," + ys[i]).join("") + "Z";
  let d = draw(0);
  if (Math.max(...xs) > 180) d += draw(-360);
  if (Math.min(...xs) < -180) d += draw(360);
  return d;
}

function quadLegend(box) {
  box.replaceChildren(...Object.values(QUADS).map(([name, color]) => el("span", {}, el("span", { class: "swatch", style: `background:${color}` }), name)));
}

let world = null;
async function showMap(filters) {
  const svg = $("#map");
  if (!world) world = await api("/world.json");
  const p = new URLSearchParams(filters); p.set("limit", "1000");
  const mine = routing;
  const rows = await api("/api/events?" + p);
  if (mine !== routing) return;
  svg.replaceChildren();
  const g = svgEl("g", { transform: "scale(1,-1)" });
  for (const [name, , rings] of world.countries) {
    let d = "";
    for (const ring of rings) d += ringPath(ring);
    g.append(titled(svgEl("path", { d }), name));
  }
  let placed = 0;
  // Most reported last, so the big circles are drawn on top and keep their tooltips.
  for (const e of [...rows].reverse()) {
    if (e.lat == null || e.lon == null) continue;
    const c = svgEl("circle", { cx: e.lon, cy: e.lat, r: Math.min(4, 0.8 + Math.sqrt(e.mentions) * 0.6), class: "event", fill: (QUADS[e.quad_class] || ["", "#6b7280"])[1] });
    g.append(titled(c, `${actorName(e.source_code, e.source_name) || "?"} — ${eventName(e.code) || e.code} — ${actorName(e.target_code, e.target_name) || "?"}\n${e.location || ""} · ${plural(e.mentions, "mention")}`));
    placed++;
  }
  svg.append(g);
  quadLegend($("#map-legend"));
  $("#map-count").replaceChildren(el("strong", {}, plural(placed, "event")), " with a location", rows.length > placed ? ` (of ${plural(rows.length, "event")} of the matching articles)` : "");
  status("");
}

// ---- Timeline: a time scale, bins that fit the range, drag to zoom ----------------------------

const DAY = 86400000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const utc = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

// The start of the bin of unit `unit` (day, week, month, year) holding time t, and the next one.
function binStart(t, unit) {
  const d = new Date(t);
  if (unit === "year") return Date.UTC(d.getUTCFullYear(), 0, 1);
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (unit === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY;
  return t;
}
function binNext(t, unit, step = 1) {
  const d = new Date(t);
  if (unit === "year") return Date.UTC(d.getUTCFullYear() + step, 0, 1);
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1);
  return t + step * (unit === "week" ? 7 : 1) * DAY;
}
function binLabel(t, unit) {
  const d = new Date(t);
  if (unit === "year") return String(d.getUTCFullYear());
  if (unit === "month") return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
// Tick marks for a span: the largest unit and step that still give at least four ticks.
function ticks(from, to) {
  const days = (to - from) / DAY;
  const options = [["year", 10], ["year", 5], ["year", 2], ["year", 1], ["month", 6], ["month", 3], ["month", 1], ["day", 14], ["day", 7], ["day", 2], ["day", 1]];
  let [unit, step] = options[options.length - 1];
  for (const [u, s] of options) {
    const n = days / ({ year: 365.25, month: 30.4, day: 1 }[u] * s);
    if (n >= 4) { [unit, step] = [u, s]; break; }
  }
  let t = binStart(from, unit);
  if (unit === "year") t = Date.UTC(Math.ceil(new Date(t).getUTCFullYear() / step) * step, 0, 1);
  if (unit === "month") { const d = new Date(t); t = Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / step) * step, 1); }
  const out = [];
  for (; t <= to && out.length < 40; t = binNext(t, unit, step)) if (t >= from) out.push(t);
  const fmt = (x) => {
    const d = new Date(x);
    if (unit === "year") return String(d.getUTCFullYear());
    if (unit === "month") return d.getUTCMonth() === 0 || step >= 6 ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()];
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  };
  return out.map((x) => [x, fmt(x)]);
}

async function showTimeline(filters) {
  const total = api("/api/search?" + withFilter(filters, "limit", "1")).then((r) => r.total, () => null);
  const mine = routing;
  const days = (await api("/api/timeline?" + filters)).filter((d) => /^\d{4}-\d\d-\d\d/.test(d.day));
  const known = await total;
  if (mine !== routing) return;
  const svg = $("#timeline"); svg.replaceChildren();
  const articles = days.reduce((n, d) => n + d.articles, 0);
  const zoomOut = filters.get("since") || filters.get("until")
    ? el("button", { type: "button", class: "link", id: "zoom-out", onclick: () => go("timeline", withFilter(withFilter(filters, "since", null), "until", null)) }, "zoom out") : "";
  if (!days.length) { $("#timeline-count").replaceChildren("No dated article matches. ", zoomOut); return; }
  const W = 1000, H = 300, L = 56, R = 24, T = 16, B = 248;
  // The range: the filters' bounds when set (a zoom shows the whole window), else the data's.
  let from = filters.get("since") && /^\d{4}-\d\d-\d\d$/.test(filters.get("since")) ? utc(filters.get("since")) : utc(days[0].day);
  let to = (filters.get("until") && /^\d{4}-\d\d-\d\d$/.test(filters.get("until")) ? utc(filters.get("until")) : utc(days[days.length - 1].day)) + DAY;
  if (to - from < 7 * DAY) { const mid = (from + to) / 2; from = mid - 3.5 * DAY; to = mid + 3.5 * DAY; }
  const span = (to - from) / DAY;
  const unit = span <= 120 ? "day" : span <= 730 ? "week" : span <= 20 * 365 ? "month" : "year";
  const bins = new Map();
  for (const d of days) {
    const t = binStart(utc(d.day), unit);
    const b = bins.get(t) || { start: t, end: binNext(t, unit), articles: 0, events: 0 };
    b.articles += d.articles; b.events += d.events; bins.set(t, b);
  }
  const x = (t) => L + ((Math.min(Math.max(t, from), to) - from) / (to - from)) * (W - L - R);
  const max = Math.max(...[...bins.values()].map((b) => b.articles));
  const y = (n) => B - (n / max) * (B - T);
  // Grid lines and the article axis.
  for (const v of [...new Set([0, Math.round(max / 2), max])]) {
    svg.append(svgEl("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "grid" }));
    svg.append(svgEl("text", { x: L - 6, y: y(v) + 4, class: "axis", "text-anchor": "end" }, v.toLocaleString("en")));
  }
  for (const b of [...bins.values()].sort((a, c) => a.start - c.start)) {
    const x0 = x(b.start), x1 = x(b.end);
    const bar = svgEl("rect", { x: x0 + 0.5, y: y(b.articles), width: Math.max(x1 - x0 - 1, 1.5), height: B - y(b.articles), class: "bar", "data-start": isoDay(b.start) });
    svg.append(titled(bar, `${unit === "week" ? "week of " : ""}${binLabel(b.start, unit)}: ${plural(b.articles, "article")}, ${plural(b.events, "event")}`));
  }
  svg.append(svgEl("line", { x1: L, x2: W - R, y1: B, y2: B, class: "baseline" }));
  // Ticks that fit: a label is dropped when it would run into the previous one or off the edge.
  let lastEnd = -Infinity;
  for (const [t, label] of ticks(from, to)) {
    const tx = x(t);
    svg.append(svgEl("line", { x1: tx, x2: tx, y1: B, y2: B + 5, class: "tick" }));
    const width = label.length * 6.6;
    const anchorX = Math.min(Math.max(tx, L + width / 2), W - R - width / 2);
    if (anchorX - width / 2 < lastEnd + 8) continue;
    svg.append(svgEl("text", { x: anchorX, y: B + 20, class: "axis tick-label", "text-anchor": "middle" }, label));
    lastEnd = anchorX + width / 2;
  }
  svg.append(svgEl("text", { x: 12, y: (T + B) / 2, class: "axis", transform: `rotate(-90 12 ${(T + B) / 2})`, "text-anchor": "middle" }, `articles per ${unit}`));
  svg.append(svgEl("text", { x: L, y: H - 12, class: "axis" }, isoDay(from)));
  svg.append(svgEl("text", { x: W - R, y: H - 12, class: "axis", "text-anchor": "end" }, isoDay(to - DAY)));
  $("#timeline-bin").textContent = unit;
  const undated = known - articles;
  $("#timeline-count").replaceChildren(el("strong", {}, plural(articles, "dated article")), ` from ${days[0].day} to ${days[days.length - 1].day}`,
    undated > 0 ? ` (${plural(undated, "undated article")} not shown) ` : " ", zoomOut);
  zoomByDragging(svg, filters, (px) => from + ((Math.min(Math.max(px, L), W - R) - L) / (W - L - R)) * (to - from), B, T);
  status("");
}

// Dragging across the chart selects a range; letting go makes it the since/until filter.
function zoomByDragging(svg, filters, timeAt, bottom, top) {
  const toSvg = (ev) => { const pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY; return pt.matrixTransform(svg.getScreenCTM().inverse()).x; };
  let start = null;
  const band = svgEl("rect", { class: "selection", y: top, height: bottom - top, x: 0, width: 0, visibility: "hidden" });
  svg.append(band);
  svg.onmousedown = (ev) => { ev.preventDefault(); start = toSvg(ev); band.setAttribute("x", start); band.setAttribute("width", 0); band.setAttribute("visibility", "visible"); };
  svg.onmousemove = (ev) => { if (start == null) return; const now = toSvg(ev); band.setAttribute("x", Math.min(start, now)); band.setAttribute("width", Math.abs(now - start)); };
  svg.onmouseup = (ev) => {
    if (start == null) return;
    const end = toSvg(ev), a = Math.min(start, end), b = Math.max(start, end);
    start = null; band.setAttribute("visibility", "hidden");
    if (b - a < 4) return;
    go("timeline", withFilter(withFilter(filters, "since", isoDay(timeAt(a))), "until", isoDay(timeAt(b) - 1)));
  };
  svg.onmouseleave = () => { start = null; band.setAttribute("visibility", "hidden"); };
}

// ---- Network: a small force layout, names, sizes, quad classes, click to filter --------------

// Fruchterman-Reingold with gravity, deterministic (nodes start on a circle, biggest first).
// Distances count horizontal gaps as shorter, as labels are wide; the result is then scaled
// to fill the drawing, so separate groups of actors neither leave the frame nor huddle.
function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1), r = 0.3 * Math.min(width, height);
    return [r * Math.cos(a), r * Math.sin(a)];
  });
  const index = new Map(nodes.map((d, i) => [d.code, i]));
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.5;
  const steps = 400;
  for (let step = 0; step < steps; step++) {
    const force = pos.map(() => [0, 0]);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
      const d2 = Math.max((dx * 0.55) ** 2 + dy * dy, 1);
      // Far nodes do not push: separate groups stay near the middle instead of flying apart.
      if (d2 > 9 * k * k) continue;
      const f = (k * k) / d2;
      force[i][0] += dx * f; force[i][1] += dy * f; force[j][0] -= dx * f; force[j][1] -= dy * f;
    }
    for (const e of edges) {
      const i = index.get(e.source), j = index.get(e.target);
      const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1], d = Math.sqrt(dx * dx + dy * dy) || 1, f = d / k;
      force[i][0] -= dx * f; force[i][1] -= dy * f; force[j][0] += dx * f; force[j][1] += dy * f;
    }
    const heat = (0.1 * width) * (1 - step / steps) + 0.5;
    pos.forEach((p, i) => {
      const fx = force[i][0] - p[0] * 0.3, fy = force[i][1] - p[1] * 0.3, f = Math.sqrt(fx * fx + fy * fy) || 1;
      p[0] += (fx / f) * Math.min(f, heat);
      p[1] += (fy / f) * Math.min(f, heat);
    });
  }
  const fit = (axis, size) => {
    const lo = Math.min(...pos.map((p) => p[axis])), hi = Math.max(...pos.map((p) => p[axis]));
    const scale = hi > lo ? size / (hi - lo) : 0;
    for (const p of pos) p[axis] = (p[axis] - (lo + hi) / 2) * scale;
  };
  fit(0, width); fit(1, height);
  return new Map(nodes.map((d, i) => [d.code, pos[i]]));
}

// Moves nodes apart until no two labelled circles overlap (boxes: `box(node)` gives the
// half width, the height above and below the centre), keeping them inside the drawing.
function separate(nodes, pos, box, width, height) {
  for (let round = 0; round < 300; round++) {
    let moved = false;
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = pos.get(nodes[i].code), b = pos.get(nodes[j].code), ba = box(nodes[i]), bb = box(nodes[j]);
      const ox = ba[0] + bb[0] - Math.abs(a[0] - b[0]);
      const oy = (a[1] < b[1] ? ba[2] + bb[1] : bb[2] + ba[1]) - Math.abs(a[1] - b[1]);
      if (ox <= 0 || oy <= 0) continue;
      moved = true;
      if (ox < oy * 2) { const d = (a[0] <= b[0] ? -1 : 1) * (ox / 2 + 1); a[0] += d; b[0] -= d; }
      else { const d = (a[1] <= b[1] ? -1 : 1) * (oy / 2 + 1); a[1] += d; b[1] -= d; }
    }
    for (const p of pos.values()) { p[0] = Math.max(-width / 2, Math.min(width / 2, p[0])); p[1] = Math.max(-height / 2, Math.min(height / 2, p[1])); }
    if (!moved) break;
  }
}

async function showNetwork(filters) {
  const p = new URLSearchParams(filters); p.set("limit", "60");
  const mine = routing;
  const net = await api("/api/network?" + p);
  if (mine !== routing) return;
  const svg = $("#network"); svg.replaceChildren();
  const { nodes, edges } = net;
  if (!nodes.length) { $("#network-count").replaceChildren("No two actors meet in the events of the matching articles."); quadLegend($("#network-legend")); status(""); return; }
  const pos = layout(nodes, edges, 820, 440);
  const maxEdge = Math.max(1, ...edges.map((e) => e.events));
  const maxNode = Math.max(1, ...nodes.map((d) => d.events));
  // A node's color: the quad class most of its shown edges' events have.
  const quadOf = new Map();
  for (const e of edges) for (const c of [e.source, e.target]) {
    const q = quadOf.get(c) || [0, 0, 0, 0, 0]; q[e.quad_class] += e.events; quadOf.set(c, q);
  }
  const defs = svgEl("defs");
  for (const [q, [, color]] of Object.entries(QUADS)) {
    const m = svgEl("marker", { id: "arrow" + q, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
    m.append(svgEl("path", { d: "M0,0L10,5L0,10z", fill: color })); defs.append(m);
  }
  svg.append(defs);
  const radius = (d) => 7 + 17 * Math.sqrt(d.events / maxNode);
  const label = (d) => { const name = actorName(d.code, d.name); return name.length > 26 ? name.slice(0, 25) + "…" : name; };
  separate(nodes, pos, (d) => [Math.max(radius(d), label(d).length * 4.4) + 5, radius(d) + 2, radius(d) + 28], 880, 470);
  const byCode = new Map(nodes.map((d) => [d.code, d]));
  for (const e of edges) {
    const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
    const len = Math.hypot(x2 - x1, y2 - y1) || 1, r2 = radius(byCode.get(e.target)) + 2;
    const line = svgEl("line", { x1, y1, x2: x2 - ((x2 - x1) / len) * r2, y2: y2 - ((y2 - y1) / len) * r2, class: "edge q" + e.quad_class, stroke: QUADS[e.quad_class][1], "stroke-width": 1 + (5 * e.events) / maxEdge, "marker-end": `url(#arrow${e.quad_class})` });
    svg.append(titled(line, `${actorName(e.source, (byCode.get(e.source) || {}).name)} → ${actorName(e.target, (byCode.get(e.target) || {}).name)}: ${plural(e.events, "event")}, mostly ${QUADS[e.quad_class][0]}, mean Goldstein ${fmtGoldstein(e.goldstein)}`));
  }
  const active = (filters.get("actor") || "").toUpperCase();
  for (const d of [...nodes].reverse()) {
    const [x, y] = pos.get(d.code);
    const q = quadOf.get(d.code) || [0, 0, 0, 0, 0];
    const quad = [4, 3, 2, 1].reduce((best, k) => (q[k] > q[best] ? k : best), 4);
    const g = svgEl("g", { class: "node" + (d.code === active ? " active" : ""), "data-code": d.code, tabindex: 0, role: "link" });
    const r = radius(d);
    g.append(svgEl("circle", { cx: x, cy: y, r, fill: QUADS[quad][1] }));
    const name = actorName(d.code, d.name);
    g.append(svgEl("text", { x, y: y + r + 13, class: "name" }, label(d)));
    if (name !== d.code) g.append(svgEl("text", { x, y: y + r + 25, class: "code" }, d.code));
    titled(g, `${name} (${d.code}): ${plural(d.events, "event")} — click to filter by this actor`);
    const open = () => go("network", withFilter(filters, "actor", d.code === active ? null : d.code));
    g.addEventListener("click", open);
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
    svg.append(g);
  }
  quadLegend($("#network-legend"));
  $("#network-count").replaceChildren(el("strong", {}, plural(nodes.length, "actor")), `, ${plural(edges.length, "link")} between them${edges.length >= 60 ? " (the 60 strongest)" : ""} in the events of the matching articles`);
  status("");
}

// ---- routing ---------------------------------------------------------------------------------

let routing = 0;
async function route() {
  const here = place();
  const ticket = ++routing;
  for (const f of FILTERS) $("#" + f).value = here.filters.get(f) || "";
  show(here.view, here.filters);
  $("#error").hidden = true;
  renderFilterChips(here.view, here.view === "article" ? "" : here.path, here.filters);
  status("Loading…");
  document.title = "newsgraph";
  await codesReady;
  try {
    if (here.view === "article") await showArticle(here.id, here.filters);
    else if (here.view === "events") await showEvents(here.filters);
    else if (here.view === "map") await showMap(here.filters);
    else if (here.view === "timeline") await showTimeline(here.filters);
    else if (here.view === "network") await showNetwork(here.filters);
    else await showSearch(here.filters);
    if (ticket === routing) status("");
  } catch (err) {
    if (ticket !== routing) return;
    status("");
    // Old results must not stand under a new search as if they answered it.
    for (const sel of ["#results", "#facets", "#events-table tbody", "#timeline", "#network", "#article"]) $(sel).replaceChildren();
    for (const sel of ["#result-count", "#events-count", "#map-count", "#timeline-count", "#network-count"]) $(sel).replaceChildren();
    $("#more").hidden = true;
    const hint = /syntax error/i.test(err.message) ? " — check the search words: AND, OR and NOT need a word on each side, and quotation marks come in pairs." : "";
    showError(err.message + hint);
  }
}

// A search keeps the view on screen (from an article, it goes back to the article list).
$("#search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const here = place();
  go(here.view === "article" ? "" : here.path, formFilters());
});

// The footer: every embedded data file's source and terms; attributions a licence requires
// (GeoNames' CC BY) and research-only sources are named in the visible line.
async function licenses() {
  try {
    const rows = await api("/api/licenses");
    const list = $("#license-list");
    list.replaceChildren(...rows.map((r) => el("li", {}, el("strong", {}, r.file), ": ", r.source, " [", r.licence, "] ", r.terms)));
    const named = (pred) => [...new Set(rows.filter(pred).map((r) => r.licence))];
    const attribution = named((r) => r.terms.startsWith("Attribution required")).map((l) => l.replace(/ \(.*\)$/, ""));
    const research = rows.filter((r) => r.licence.startsWith("research use only")).map((r) => r.file);
    let line = "newsgraph, Apache-2.0. Place data from GeoNames (geonames.org) by the GeoNames team, " + attribution.join(", ") + ". Tone lexicon from VADER (MIT).";
    if (research.length) line += " Research-only data behind " + research.join(", ") + ".";
    $("#attribution").textContent = line;
  } catch (e) { /* the static line stays */ }
}

// How current the store is: the last `newsgraph watch` cycle, refreshed every minute. Hidden
// for a store that was never watched.
async function updated() {
  try {
    const s = await api("/api/status");
    const line = $("#updated");
    if (!s.watch) { line.hidden = true; return; }
    const w = s.watch;
    const when = w.started.replace("T", " ").replace(/:\d\dZ$/, " UTC");
    const reasons = Object.entries(w.failures).map(([r, n]) => r + " " + n).join(", ");
    let text = "Updated " + when + ": " + w.stored + " stored, " + w.new_pages + " new in " + w.feeds + " feeds";
    if (w.failed) text += ", " + w.failed + " failed (" + reasons + ")";
    text += "; " + s.stats.articles + (s.stats.articles === 1 ? " article" : " articles") + " in all";
    line.textContent = text;
    line.title = "last watch cycle took " + w.seconds.toFixed(1) + " s; pages pending: " + s.pages.pending;
    line.hidden = false;
  } catch (e) { /* the line stays as it was */ }
}

window.addEventListener("hashchange", route);
route();
licenses();
updated();
setInterval(updated, 60000);

// newsgraph web UI: plain JavaScript, no framework, no CDN. Every piece of article text reaches
// the page through textContent or createTextNode, never innerHTML, so a page cannot inject markup.
"use strict";

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};
const svgEl = (tag, attrs = {}) => {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};
const FILTERS = ["q", "actor", "country", "theme", "root", "since", "until"];

async function api(path) {
  const res = await fetch(path);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function params() {
  const p = new URLSearchParams();
  for (const f of FILTERS) { const v = $("#" + f).value.trim(); if (v) p.set(f, v); }
  return p;
}

function show(view) {
  document.querySelectorAll(".view").forEach((v) => (v.hidden = v.id !== "view-" + view));
  document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.dataset.view === view));
}

function status(text) { $("#status").textContent = text; }

async function runSearch() {
  show("search");
  const p = params();
  p.set("limit", "50");
  const data = await api("/api/search?" + p);
  const list = $("#results");
  list.replaceChildren();
  $("#result-count").textContent = `${data.hits.length} article${data.hits.length === 1 ? "" : "s"}`;
  for (const h of data.hits) {
    list.append(el("li", { class: "hit" },
      el("a", { href: "#/article/" + encodeURIComponent(h.id) }, h.title || h.id),
      el("div", { class: "muted" }, [h.published || "undated", h.duplicate_of ? "copy of " + h.duplicate_of : ""].filter(Boolean).join(" · ")),
      el("p", { class: "snippet" }, snippet(h.snippet))));
  }
  renderFacets(data.facets);
}

// The search API brackets the matched words of a snippet: "[truce]". They become <mark>s,
// built from text nodes like everything else.
function snippet(text) {
  const out = document.createDocumentFragment();
  (text || "").split(/\[([^\[\]]*)\]/).forEach((part, i) => out.append(i % 2 ? el("mark", { class: "hit" }, part) : document.createTextNode(part)));
  return out;
}

function renderFacets(f) {
  const box = $("#facets");
  box.replaceChildren();
  const group = (title, rows, apply) => {
    if (!rows || !rows.length) return;
    box.append(el("h3", {}, title));
    for (const r of rows) box.append(el("button", { type: "button", onclick: () => { apply(r); runSearch(); } }, `${r.slice(0, -1).join(" ")} (${r[r.length - 1]})`));
  };
  group("Entities", f.entities, (r) => { $("#q").value = `"${r[0]}"`; });
  group("Countries", f.countries, (r) => { $("#country").value = r[0]; });
  group("Themes", f.themes, (r) => { $("#theme").value = r[0]; });
  group("Event roots", f.roots, (r) => { $("#root").value = r[0]; });
}

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

async function showArticle(id) {
  show("article");
  const r = await api("/api/articles/" + encodeURIComponent(id));
  const spans = [];
  for (const e of r.entities) for (const m of e.mentions) spans.push({ start: m.start, end: m.end, kind: e.type, title: `${e.name} (${e.type}${e.codes.cameo ? ", " + e.codes.cameo : ""})` });
  for (const q of r.quotes) spans.push({ start: q.start, end: q.end, kind: "QUOTE", title: "quote" + (q.speaker ? " by " + q.speaker : "") });
  const a = $("#article");
  a.replaceChildren(
    el("h2", {}, r.title || r.id),
    el("p", { class: "muted" }, [r.published, r.source, r.language, r.story ? "story " + r.story : "", r.duplicate_of ? "copy of " + r.duplicate_of : ""].filter(Boolean).join(" · ")),
    el("p", { class: "legend" }, ...["PERSON", "ORGANIZATION", "LOCATION", "QUOTE"].map((k) => el("span", {}, el("mark", { class: k }, k.toLowerCase())))),
    el("div", { class: "body" }, el("p", {}, highlighted(r.text, spans))));
  if (r.quotes.length) a.append(el("h3", {}, "Quotes"), el("ul", {}, ...r.quotes.map((q) => el("li", {}, `${q.continues ? "… " : ""}“${q.text}” — ${q.speaker || "unknown speaker"}${q.partial ? " (partial)" : ""}`))));
  const toll = r.toll || [];
  if (toll.length) a.append(el("h3", {}, "Toll"), el("p", { id: "article-toll" }, toll.map((t) => `${t.type} ${t.approximate ? "~" : ""}${t.number}`).join(" · ")));
  if (r.counts.length) a.append(el("h3", {}, "Counts"), el("ul", {}, ...r.counts.map((c) => el("li", {}, `${c.type} ${c.approximate ? "~" : ""}${c.number}${c.object ? " " + c.object : ""} (“${c.text}”)`))));
  if (r.events.length) a.append(el("h3", {}, "Events"), el("ul", { id: "article-events" }, ...r.events.map((e) => el("li", {}, `${e.source ? e.source.code : "?"} ${e.code} ${e.target ? e.target.code : "?"}: ${e.text}`))));
  if (r.entities.length) a.append(el("h3", {}, "Entities"), el("ul", {}, ...r.entities.map((e) => el("li", {}, `${e.name} — ${e.type}${e.codes.cameo ? " " + e.codes.cameo : ""}${e.geo ? ` @ ${e.geo.country} ${e.geo.lat.toFixed(2)},${e.geo.lon.toFixed(2)}` : ""} ×${e.mentions.length}`))));
}

async function showEvents() {
  show("events");
  const p = params(); p.set("limit", "200");
  const rows = await api("/api/events?" + p);
  $("#events-table tbody").replaceChildren(...rows.map((e) => el("tr", {},
    el("td", {}, e.date || ""), el("td", {}, e.source_code || ""), el("td", {}, e.code), el("td", {}, e.target_code || ""),
    el("td", {}, e.location || ""), el("td", {}, e.mentions), el("td", {}, el("a", { href: "#/article/" + encodeURIComponent(e.first_article) }, e.text)))));
}

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

let world = null;
async function showMap() {
  show("map");
  const svg = $("#map");
  if (!world) world = await api("/world.json");
  svg.replaceChildren();
  const g = svgEl("g", { transform: "scale(1,-1)" });
  for (const [name, , rings] of world.countries) {
    let d = "";
    for (const ring of rings) d += ringPath(ring);
    const path = svgEl("path", { d }); path.append(svgEl("title")); path.firstChild.textContent = name; g.append(path);
  }
  const p = params(); p.set("limit", "1000");
  const rows = await api("/api/events?" + p);
  let placed = 0;
  for (const e of rows) {
    if (e.lat == null || e.lon == null) continue;
    const c = svgEl("circle", { cx: e.lon, cy: e.lat, r: Math.min(4, 0.8 + Math.sqrt(e.mentions) * 0.6), class: "event" });
    const t = svgEl("title"); t.textContent = `${e.source_code || "?"} ${e.code} ${e.target_code || "?"} — ${e.location || ""}`; c.append(t);
    g.append(c); placed++;
  }
  svg.append(g);
  status(`${placed} events with a location`);
}

async function showTimeline() {
  show("timeline");
  const days = await api("/api/timeline");
  const svg = $("#timeline"); svg.replaceChildren();
  if (!days.length) { status("no dated articles"); return; }
  const max = Math.max(...days.map((d) => d.articles));
  const w = Math.min(960 / days.length, 48);
  days.forEach((d, i) => {
    const h = (d.articles / max) * 220;
    const bar = svgEl("rect", { x: 20 + i * w, y: 230 - h, width: Math.max(w - 1, 0.5), height: h, class: "bar" });
    const t = svgEl("title"); t.textContent = `${d.day}: ${d.articles} articles, ${d.events} events`; bar.append(t); svg.append(bar);
  });
  for (const [i, d] of days.length > 1 ? [[0, days[0]], [days.length - 1, days[days.length - 1]]] : [[0, days[0]]]) {
    const label = svgEl("text", { x: 20 + i * w, y: 250, class: "axis" }); label.textContent = d.day; svg.append(label);
  }
  const top = svgEl("text", { x: 16, y: 16, class: "axis", "text-anchor": "end" }); top.textContent = max; svg.append(top);
  status(`${days.length} day${days.length === 1 ? "" : "s"}, at most ${max} article${max === 1 ? "" : "s"} a day`);
}

async function showNetwork() {
  show("network");
  const edges = await api("/api/network?limit=60");
  const svg = $("#network"); svg.replaceChildren();
  const nodes = [...new Set(edges.flatMap((e) => [e.source, e.target]))];
  const pos = new Map(nodes.map((n, i) => [n, [260 * Math.cos((2 * Math.PI * i) / nodes.length), 260 * Math.sin((2 * Math.PI * i) / nodes.length)]]));
  const maxN = Math.max(1, ...edges.map((e) => e.events));
  for (const e of edges) {
    const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
    const line = svgEl("line", { x1, y1, x2, y2, stroke: e.goldstein >= 0 ? "#16a34a" : "#dc2626", "stroke-opacity": 0.6, "stroke-width": 0.5 + (3 * e.events) / maxN });
    const t = svgEl("title"); t.textContent = `${e.source} → ${e.target}: ${e.events} events, Goldstein ${e.goldstein.toFixed(1)}`; line.append(t); svg.append(line);
  }
  for (const n of nodes) {
    const [x, y] = pos.get(n);
    const g = svgEl("g", { class: "node" });
    g.append(svgEl("circle", { cx: x, cy: y, r: 14 }));
    const label = svgEl("text", { x, y: y + 4 }); label.textContent = n; g.append(label); svg.append(g);
  }
  status(`${nodes.length} actors, ${edges.length} links`);
}

async function route() {
  status("");
  const hash = location.hash.slice(1) || "/";
  try {
    if (hash.startsWith("/article/")) await showArticle(decodeURIComponent(hash.slice(9)));
    else if (hash === "/events") await showEvents();
    else if (hash === "/map") await showMap();
    else if (hash === "/timeline") await showTimeline();
    else if (hash === "/network") await showNetwork();
    else await runSearch();
  } catch (err) { status("Error: " + err.message); }
}

// Filters apply to the view on screen; from an article, a search goes back to the article list.
$("#search-form").addEventListener("submit", (ev) => { ev.preventDefault(); if (location.hash.startsWith("#/article/")) location.hash = "#/"; else route(); });
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

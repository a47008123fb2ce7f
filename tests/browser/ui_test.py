#!/usr/bin/env python3
"""Browser test of the web UI in headless Chromium (issue 6 item 5).

Ingests the fixture articles into a temporary database, starts `newsgraph serve` on a free
localhost port and drives Debian's chromium through chromedriver's W3C WebDriver HTTP API
(standard library only: nothing to install from PyPI, nothing downloaded at run time). It
searches, opens an article and checks its entity highlights and its link to the original page,
checks that markup inside an article's text is shown as text, and checks each point of issue 21:
the number of matches, the same filters carried by the address into every view (Articles,
Events, Map, Timeline, Network), a time-ordered timeline with whole labels and zoom by dragging,
CAMEO names and Goldstein values beside event codes, facets without blanks, a network of named
actors sized by events, colored by quad class and clickable, and errors shown at the top. It
fails on browser console errors. Screenshots of every view are kept in target/browser-artifacts/
(or --artifacts DIR).

Usage: python3 tests/browser/ui_test.py [--bin target/release/newsgraph] [--artifacts DIR]
Exit status 0 when every check passes, 1 otherwise; the server and browser are always stopped.
"""

import argparse
import base64
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
]
TIMEOUT = 20.0


class Failure(Exception):
    """A check of the UI did not hold."""


def shown(path):
    """A path for messages: relative to the repository when inside it."""
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith("..") else rel


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def wait_until_answers(url, what, proc=None, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise Failure(f"{what} exited early with status {proc.returncode}")
        try:
            status, _ = http("GET", url, timeout=2)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise Failure(f"{what} did not answer at {url} within {timeout:.0f}s")


class Browser:
    """A chromedriver session spoken to over plain HTTP (W3C WebDriver)."""

    def __init__(self, driver_url, profile_dir):
        self.base = driver_url
        caps = {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": CHROMIUM_FLAGS + [f"--user-data-dir={profile_dir}"]},
            "goog:loggingPrefs": {"browser": "ALL"},
            # An alert opened by injected markup stays open and fails the next command loudly.
            "unhandledPromptBehavior": "ignore",
        }
        value = self._call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        self.session = value["sessionId"]

    def _call(self, method, path, body=None):
        status, raw = http(method, self.base + path, body)
        payload = json.loads(raw or b"{}")
        if status >= 400:
            value = payload.get("value", {})
            raise Failure(f"WebDriver {method} {path}: {value.get('error')}: {value.get('message', '')[:300]}")
        return payload.get("value")

    def cmd(self, method, path, body=None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def get(self, url):
        self.cmd("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find_all(self, css):
        found = self.cmd("POST", "/elements", {"using": "css selector", "value": css})
        return [next(iter(e.values())) for e in found]

    def wait_for(self, css, what, timeout=TIMEOUT):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.find_all(css)
            if found:
                return found
            time.sleep(0.1)
        status = self.js("return document.querySelector('#status') && document.querySelector('#status').textContent")
        raise Failure(f"{what}: nothing matched {css!r} within {timeout:.0f}s (page status: {status!r})")

    def search(self, word):
        """Types `word` into the search box and submits; returns the links of the fresh hits."""
        # The page's first search (all articles) may still be rendering: let it finish, then
        # empty the list so that only the hits of this search can match.
        self.wait_for("#result-count:not(:empty)", "initial article list")
        self.js("document.querySelector('#results').replaceChildren()")
        self.type_into("#q", word)
        self.click(self.find_all("#search-form button[type=submit]")[0])
        return self.wait_for("#results li.hit a.title", f"search results for {word!r}")

    def type_into(self, css, text):
        element = self.wait_for(css, f"input {css}")[0]
        self.cmd("POST", f"/element/{element}/clear", {})
        self.cmd("POST", f"/element/{element}/value", {"text": text})

    def click(self, element):
        self.cmd("POST", f"/element/{element}/click", {})

    def text(self, element):
        return self.cmd("GET", f"/element/{element}/text")

    def resize(self, width, height):
        self.cmd("POST", "/window/rect", {"width": width, "height": height})

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.cmd("GET", "/screenshot")))
        print(f"   screenshot {shown(path)}")

    def open_alert(self):
        """The text of an open alert dialog, or None (an injected script would open one)."""
        status, raw = http("GET", f"{self.base}/session/{self.session}/alert/text")
        return json.loads(raw)["value"] if status == 200 else None

    def console(self):
        """Browser console entries since the last call (chromedriver's log extension)."""
        try:
            return self.cmd("POST", "/se/log", {"type": "browser"}) or []
        except Failure as err:
            print(f"   note: console log unavailable ({err})")
            return []

    def quit(self):
        try:
            http("DELETE", f"{self.base}/session/{self.session}", timeout=10)
        except OSError:
            pass


def check(condition, message):
    if not condition:
        raise Failure(message)
    print(f"   ok: {message}")


def console_errors(browser, view, problems):
    for entry in browser.console():
        if entry.get("level") == "SEVERE":
            problems.append(f"{view}: console error: {entry.get('message')}")


def api(base, path):
    status, raw = http("GET", base + path)
    if status != 200:
        raise Failure(f"GET {path} answered {status}: {raw[:200]!r}")
    return json.loads(raw)


def hash_params(browser):
    """The filters of the page's address (#/view?filters) as a dict."""
    return browser.js(
        "const h = location.hash; const i = h.indexOf('?'); return Object.fromEntries(new URLSearchParams(i < 0 ? '' : h.slice(i + 1)));"
    )


def wait_js(browser, script, what, timeout=TIMEOUT):
    """Waits until `script` returns something truthy; returns it."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = browser.js(script)
        if value:
            return value
        time.sleep(0.1)
    error = browser.js("const e = document.querySelector('#error'); return e && !e.hidden ? e.textContent : null")
    raise Failure(f"{what}: not so within {timeout:.0f}s (error on the page: {error!r})")


def wait_loaded(browser, what):
    """Waits until the view has rendered (the status line no longer says Loading)."""
    wait_js(browser, "return document.querySelector('#status').textContent !== 'Loading…' || !document.querySelector('#error').hidden", what)


def check_search_and_count(browser, base, shots, problems, stored):
    print("== search and the number of matches")
    browser.resize(1280, 900)
    browser.get(base + "/#/")
    wait_js(browser, "return document.querySelector('#result-count').dataset.total", "the article count")
    total = int(browser.js("return document.querySelector('#result-count').dataset.total"))
    check(total == stored, f"with no filter the count is every stored article ({total} of {stored})")
    hits = browser.search("truce")
    expected = api(base, "/api/search?q=truce&limit=1")["total"]
    shown_total = int(browser.js("return document.querySelector('#result-count').dataset.total"))
    count_text = browser.text(browser.find_all("#result-count")[0])
    check(shown_total == expected and f"{expected} article" in count_text, f"the page says how many articles match 'truce' ({count_text!r}; the API counts {expected})")
    check(len(hits) == min(expected, 50), f"{len(hits)} result(s) listed for {expected} match(es)")
    check(hash_params(browser).get("q") == "truce", "the search words are in the address")
    paged = api(base, "/api/search?q=Syria&limit=2")
    check(paged["total"] > len(paged["hits"]) == 2, f"the count is of every match, not of a page ({paged['total']} matches, page of 2)")
    labels = browser.js("return [...document.querySelectorAll('#facets li a')].map((a) => a.textContent.trim())")
    check(labels and all(labels), f"every facet has a label ({len(labels)} facets, none blank)")
    countries = browser.js("return [...document.querySelectorAll('#facets ul[data-facet=country] a')].map((a) => a.textContent)")
    check("Syria" in countries, f"countries are named, not coded ({countries})")
    browser.screenshot(os.path.join(shots, "1-search.png"))
    console_errors(browser, "search", problems)
    # A facet is a filter: clicking one adds it to the address and narrows the count.
    entity = browser.find_all("#facets ul[data-facet=entity] li:last-child a")[0]
    name = browser.text(entity)
    facet_count = int(browser.js("return document.querySelector('#facets ul[data-facet=entity] li:last-child .n').textContent.replace(/,/g, '')"))
    browser.click(entity)
    wait_js(browser, "return location.hash.includes('entity=')", "the entity facet in the address")
    wait_js(browser, "return document.querySelector('#filters .chip[data-filter=entity]')", "the entity filter applied")
    wait_loaded(browser, "the articles of the entity")
    narrowed = int(browser.js("return document.querySelector('#result-count').dataset.total"))
    check(hash_params(browser).get("entity") == name and narrowed == facet_count, f"clicking the facet {name!r} ({facet_count}) filters by it: {narrowed} of {expected} articles")
    browser.get(base + "/#/?q=truce")
    hits = browser.wait_for("#results li.hit a.title", "the 'truce' results again")
    return hits


def check_article(browser, base, shots, problems, hits, urls):
    print("== article")
    first_title = browser.text(hits[0])
    browser.click(hits[0])
    wait_js(browser, f"return document.querySelector('#article h2') && document.querySelector('#article h2').textContent === {json.dumps(first_title)}", "the first result's article")
    browser.wait_for("#article .body mark", "article highlights")
    check(browser.js("return location.hash").startswith("#/article/"), "clicking the first result opens its article")
    heading = browser.text(browser.find_all("#article h2")[0])
    check(heading == first_title, f"article heading matches the result ({heading!r})")
    kinds = browser.js(
        "const n = {}; for (const m of document.querySelectorAll('#article .body mark')) n[m.className] = (n[m.className] || 0) + 1; return n;"
    )
    print(f"   highlights: {kinds}")
    for kind in ("PERSON", "LOCATION"):
        check(kinds.get(kind, 0) >= 1, f"article highlights at least one {kind}")
    article_id = browser.js("return decodeURIComponent(location.hash.slice(10).split('?')[0])")
    link = browser.find_all("#original-link")
    check(len(link) == 1, "the article links to its original page")
    href = browser.js("return document.querySelector('#original-link').href")
    check(href == urls.get(article_id), f"the original link is the article's url ({href})")
    check(browser.js("return document.querySelector('#original-link').target") == "_blank", "the original opens in a new tab")
    names = browser.js("return [...document.querySelectorAll('#article-events li strong')].map((s) => s.textContent)")
    check(names and all(n and not n.isdigit() for n in names), f"the article's events are named ({names[:3]})")
    browser.resize(1280, 1500)
    browser.screenshot(os.path.join(shots, "2-article.png"))
    console_errors(browser, "article", problems)


def check_markup(browser, base, shots, problems):
    print("== markup in article text stays text")
    browser.resize(1280, 900)
    browser.get(base + "/#/")
    hits = browser.search("defacement")
    injected_in_results = browser.js("return document.querySelectorAll('#results script, #results b, #results img').length")
    check(injected_in_results == 0, "no markup from article text became elements in the result list")
    title = browser.text(hits[0])
    browser.click(hits[0])
    browser.wait_for("#article .body", "markup fixture article")
    # The page before it showed an article too: wait for this one.
    wait_js(browser, f"return document.querySelector('#article h2') && document.querySelector('#article h2').textContent === {json.dumps(title)}", "the markup fixture article")
    alert = browser.open_alert()
    check(alert is None, f"no alert dialog opened (saw {alert!r})" if alert is not None else "no alert dialog opened")
    body_text = browser.js("return document.querySelector('#article .body').textContent") or ""
    for snippet in ("<script>alert(1)</script>", "<b>bold</b>", "<img src=x onerror=alert(2)>"):
        check(snippet in body_text, f"article text shows {snippet!r} as text")
    injected = browser.js("return document.querySelectorAll('#article script, #article b, #article img').length")
    check(injected == 0, "no script/b/img element was created from the article text")
    check(browser.find_all("#no-original"), "an article without an address says so instead of a dead link")
    browser.resize(1280, 1200)
    browser.screenshot(os.path.join(shots, "3-article-markup.png"))
    console_errors(browser, "markup article", problems)

    print("== toll on the article page")
    browser.resize(1280, 900)
    browser.get(base + "/#/")
    hits = browser.search("Kettle")
    check(len(hits) >= 1, f"search for 'Kettle' lists {len(hits)} result(s)")
    title = browser.text(hits[0])
    browser.click(hits[0])
    wait_js(browser, f"return document.querySelector('#article h2') && document.querySelector('#article h2').textContent === {json.dumps(title)}", "the shooting article")
    browser.wait_for("#article-toll", "the article's toll")
    toll = browser.text(browser.find_all("#article-toll")[0])
    check("WOUND 2" in toll, f"the article page shows the toll of the shooting ({toll!r})")
    console_errors(browser, "toll", problems)


def check_filters_in_every_view(browser, base, shots, problems):
    """Every view follows the filters of the address, and the nav links carry them."""
    print("== the same filters in every view")
    browser.resize(1280, 900)
    query = "q=truce&country=SY"
    browser.get(base + "/#/?" + query)
    wait_js(browser, "return document.querySelector('#result-count').dataset.total", "the filtered article list")
    expected = {
        "events": api(base, f"/api/events?{query}&limit=200"),
        "timeline": api(base, f"/api/timeline?{query}"),
        "network": api(base, f"/api/network?{query}&limit=60"),
    }
    unfiltered = {"events": api(base, "/api/events?limit=200"), "timeline": api(base, "/api/timeline")}
    check(0 < len(expected["events"]) < len(unfiltered["events"]), f"the filters narrow the events ({len(expected['events'])} of {len(unfiltered['events'])})")
    check(sum(d["articles"] for d in expected["timeline"]) < sum(d["articles"] for d in unfiltered["timeline"]), "the filters narrow the timeline")
    for view, ready in (("events", "#events-count:not(:empty)"), ("map", "#map-count:not(:empty)"), ("timeline", "#timeline-count:not(:empty)"), ("network", "#network-count:not(:empty)")):
        link = browser.find_all(f"nav a[data-view={view}]")[0]
        browser.click(link)
        browser.wait_for(ready, f"the {view} view")
        wait_loaded(browser, f"the {view} view")
        params = hash_params(browser)
        check(params.get("q") == "truce" and params.get("country") == "SY", f"{view}: the nav link carried the filters into the address ({params})")
        check(browser.js("return document.querySelector('#q').value") == "truce", f"{view}: the search box keeps the words")
        chips = browser.js("return [...document.querySelectorAll('#filters .chip')].map((c) => c.dataset.filter)")
        check(sorted(chips) == ["country", "q"], f"{view}: the active filters are shown ({chips})")
        if view == "events":
            rows = len(browser.find_all("#events-table tbody tr"))
            check(rows == len(expected["events"]), f"events: the table lists the {rows} events of the filtered articles")
        elif view == "map":
            circles = len(browser.find_all("#map circle.event"))
            located = sum(1 for e in api(base, f"/api/events?{query}&limit=1000") if e["lat"] is not None)
            check(circles == located, f"map: {circles} circles, the located events of the filtered articles")
        elif view == "timeline":
            n = browser.js("return document.querySelectorAll('#timeline rect.bar').length")
            days = {d["day"] for d in expected["timeline"]}
            check(n >= 1 and n <= len(days), f"timeline: {n} bar(s) for the {len(days)} day(s) of the filtered articles")
        elif view == "network":
            nodes = len(browser.find_all("#network .node"))
            check(nodes == len(expected["network"]["nodes"]), f"network: {nodes} actors, those of the filtered articles")
        console_errors(browser, f"filtered {view}", problems)
    browser.screenshot(os.path.join(shots, "10-network-filtered.png"))
    # Removing a filter chip widens the view on screen.
    browser.click(browser.find_all("#filters .chip[data-filter=country] button")[0])
    wait_js(browser, "return !location.hash.includes('country=')", "the country filter removed")
    check(hash_params(browser) == {"q": "truce"}, "removing a chip drops that filter only")


def check_events(browser, base, shots, problems):
    print("== events: CAMEO names and Goldstein values")
    browser.resize(1280, 900)
    browser.get(base + "/#/events")
    browser.wait_for("#events-table tbody tr", "events table")
    codes = api(base, "/api/codes")["events"]
    rows = browser.js(
        "return [...document.querySelectorAll('#events-table tbody tr')].map((tr) => [tr.querySelector('.event-name').textContent, tr.querySelector('td.event .code').textContent, tr.querySelector('td.goldstein').textContent])"
    )
    named = [(name, code.replace("CAMEO ", "")) for name, code, _ in rows]
    check(all(codes.get(code) and name.lower() == codes[code]["name"].lower() for name, code in named), f"every event shows its CAMEO name beside its code ({named[:3]})")
    check(all(g.lstrip("+-").replace(".", "", 1).isdigit() for _, _, g in rows), f"every event shows its Goldstein value ({[g for _, _, g in rows[:5]]})")
    browser.screenshot(os.path.join(shots, "5-events.png"))
    console_errors(browser, "events", problems)


def check_map(browser, base, shots, problems):
    print("== map")
    browser.resize(1280, 900)
    browser.get(base + "/#/map")
    browser.wait_for("#map path", "map country outlines")
    browser.wait_for("#map circle.event", "map event circles")
    paths = len(browser.find_all("#map path"))
    circles = len(browser.find_all("#map circle.event"))
    check(paths >= 100, f"map draws {paths} country paths")
    check(circles >= 1, f"map draws {circles} event circle(s)")
    browser.screenshot(os.path.join(shots, "4-map.png"))
    console_errors(browser, "map", problems)


def check_timeline(browser, base, shots, problems):
    print("== timeline: time order, readable labels, zoom by dragging")
    browser.resize(1280, 900)
    browser.get(base + "/#/timeline")
    browser.wait_for("#timeline rect.bar", "timeline bars")
    bars = browser.js("return [...document.querySelectorAll('#timeline rect.bar')].map((r) => [r.dataset.start, +r.getAttribute('x'), +r.getAttribute('width')])")
    by_date = sorted(bars)
    xs = [x for _, x, _ in by_date]
    check(xs == sorted(xs) and len(set(xs)) == len(xs), f"bars stand in time order ({by_date[0][0]} … {by_date[-1][0]})")
    check(all(a[1] + a[2] <= b[1] + 0.01 for a, b in zip(by_date, by_date[1:])), "no two bars overlap")
    if len(by_date) >= 3:
        from datetime import date
        t = [date.fromisoformat(d).toordinal() for d, _, _ in (by_date[0], by_date[len(by_date) // 2], by_date[-1])]
        x = [by_date[0][1], by_date[len(by_date) // 2][1], by_date[-1][1]]
        share_time, share_x = (t[1] - t[0]) / (t[2] - t[0]), (x[1] - x[0]) / (x[2] - x[0])
        check(abs(share_time - share_x) < 0.1, f"the axis is a time scale (middle bar at {share_x:.2f} of the width, {share_time:.2f} of the time)")
    labels = browser.js(
        "return [...document.querySelectorAll('#timeline text.tick-label')].map((t) => { const b = t.getBBox(); return [t.textContent, b.x, b.x + b.width]; })"
    )
    check(len(labels) >= 3, f"the axis has {len(labels)} labels ({[l[0] for l in labels]})")
    check(all(0 <= a and b <= 1000 for _, a, b in labels), "no axis label is cut at the edges")
    check(all(a[2] <= b[1] for a, b in zip(labels, labels[1:])), "no two axis labels overlap")
    years = [l[0] for l in labels]
    check(any(len(y) >= 4 and y[-4:].isdigit() for y in years), f"labels name whole years ({years})")
    browser.screenshot(os.path.join(shots, "6-timeline.png"))
    # Drag across the last two bars: the range becomes the since/until filters.
    left, right = (by_date[-2][1] - 4) / 1000, (by_date[-1][1] + by_date[-1][2] + 4) / 1000
    browser.js(
        """const svg = document.querySelector('#timeline'); const r = svg.getBoundingClientRect();
        const at = (type, f) => svg.dispatchEvent(new MouseEvent(type, {bubbles: true, clientX: r.left + r.width * f, clientY: r.top + r.height * 0.5}));
        at('mousedown', arguments[0]); at('mousemove', (arguments[0] + arguments[1]) / 2); at('mouseup', arguments[1]);""",
        left,
        right,
    )
    wait_js(browser, "return location.hash.includes('since=') && location.hash.includes('until=')", "the dragged range in the address")
    params = hash_params(browser)
    check(params["since"] < params["until"], f"dragging zoomed to {params['since']} … {params['until']}")
    browser.wait_for("#zoom-out", "the zoomed timeline")
    wait_loaded(browser, "the zoomed timeline")
    zoomed = browser.js("return [...document.querySelectorAll('#timeline rect.bar')].map((r) => [+r.getAttribute('x'), +r.getAttribute('width')])")
    days = api(base, f"/api/timeline?since={params['since']}&until={params['until']}")
    inside = [d["day"] for d in days]
    check(len(inside) >= 2 and all(params["since"] <= d <= params["until"] for d in inside), f"the range holds the dragged days ({inside})")
    check(len(zoomed) >= 2, f"the zoomed chart shows them: {len(zoomed)} bar(s) for {len(inside)} day(s)")
    check(all(56 - 0.01 <= x and x + w <= 976 + 0.01 for x, w in zoomed), "every zoomed bar stands inside the plot")
    browser.screenshot(os.path.join(shots, "6b-timeline-zoomed.png"))
    console_errors(browser, "timeline", problems)


def check_network(browser, base, shots, problems):
    print("== network: names, sizes, quad classes, click to filter")
    browser.resize(1280, 900)
    browser.get(base + "/#/network")
    browser.wait_for("#network .node", "network nodes")
    nodes = browser.js(
        "return [...document.querySelectorAll('#network .node')].map((g) => [g.dataset.code, g.querySelector('text.name').textContent, +g.querySelector('circle').getAttribute('r')])"
    )
    api_nodes = {n["code"]: n for n in api(base, "/api/network?limit=60")["nodes"]}
    check(any(name != code for code, name, _ in nodes), f"actors are shown by name ({[n[1] for n in nodes[:4]]})")
    table = api(base, "/api/codes")
    bare = [name for code, name, _ in nodes if len(code) == 6 and code[3:] in table["roles"] and name == table["countries"].get(code[:3])]
    roled = [name for code, name, _ in nodes if len(code) == 6 and code[3:] in table["roles"]]
    check(not bare, f"a country's government, military or people are told apart by their role ({roled})")
    biggest = max(nodes, key=lambda n: n[2])
    check(api_nodes[biggest[0]]["events"] == max(n["events"] for n in api_nodes.values()), f"the largest circle is the actor with the most events ({biggest[1]})")
    colors = set(browser.js("return [...document.querySelectorAll('#network line.edge')].map((l) => l.getAttribute('stroke'))"))
    check(colors and colors <= {"#22c55e", "#15803d", "#f59e0b", "#dc2626"}, f"edges are colored by quad class ({sorted(colors)})")
    browser.screenshot(os.path.join(shots, "7-network.png"))
    code = biggest[0]
    node = browser.find_all(f"#network .node[data-code='{code}']")[0]
    browser.click(node)
    wait_js(browser, f"return location.hash.includes('actor={code}')", "the clicked actor in the address")
    browser.wait_for("#network .node.active", "the network of the clicked actor")
    check(hash_params(browser).get("actor") == code, f"clicking {biggest[1]} filters by actor {code}")
    browser.screenshot(os.path.join(shots, "7b-network-actor.png"))
    console_errors(browser, "network", problems)


def check_errors_at_top(browser, base, shots, problems):
    print("== errors at the top")
    browser.resize(1280, 900)
    browser.get(base + "/#/")
    browser.search("truce")
    browser.type_into("#q", "truce AND")
    browser.click(browser.find_all("#search-form button[type=submit]")[0])
    wait_js(browser, "return !document.querySelector('#error').hidden", "an error for 'truce AND'")
    top = browser.js("return document.querySelector('#error').getBoundingClientRect().top")
    header = browser.js("return document.querySelector('header').getBoundingClientRect().bottom")
    check(0 <= top <= header + 40, f"the error stands right under the header (top {top:.0f}px, header ends {header:.0f}px)")
    check(len(browser.find_all("#results li")) == 0, "old results are cleared, not left under the error")
    message = browser.text(browser.find_all("#error")[0])
    print(f"   error: {message!r}")
    browser.screenshot(os.path.join(shots, "9-error.png"))
    browser.get(base + "/#/article/no-such-article")
    wait_js(browser, "return !document.querySelector('#error').hidden", "an error for a missing article")
    check("no-such-article" in browser.text(browser.find_all("#error")[0]), "a missing article is named in the error")
    # SEVERE console entries here are the failed requests themselves: expected.
    browser.console()


def run_checks(browser, base, shots, problems, stored, urls):
    hits = check_search_and_count(browser, base, shots, problems, stored)
    hits = browser.search("sunset")
    check_article(browser, base, shots, problems, hits, urls)
    check_markup(browser, base, shots, problems)
    check_map(browser, base, shots, problems)
    check_events(browser, base, shots, problems)
    check_timeline(browser, base, shots, problems)
    check_network(browser, base, shots, problems)
    check_filters_in_every_view(browser, base, shots, problems)
    check_errors_at_top(browser, base, shots, problems)

    print("== narrow window")
    browser.resize(420, 900)
    browser.get(base + "/#/")
    browser.wait_for("#results li.hit", "article list in a narrow window")
    overflow = browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 0, f"the article list fits a narrow window (horizontal overflow {overflow}px)")
    browser.screenshot(os.path.join(shots, "8-search-narrow.png"))
    console_errors(browser, "narrow search", problems)


def fixtures():
    files = []
    for pattern in ("tests/data/articles/*.txt", "tests/data/stories/*.txt", "examples/articles/*.txt", "tests/browser/fixtures/*.txt", "tests/browser/fixtures/*.jsonl"):
        files += sorted(glob.glob(os.path.join(ROOT, pattern)))
    return files


def stop(proc):
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/newsgraph"), help="the newsgraph binary")
    ap.add_argument("--artifacts", default=os.path.join(ROOT, "target/browser-artifacts"), help="screenshot directory")
    args = ap.parse_args()

    for tool in (args.bin, CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            print(f"browser test: FAILED: {tool} is missing (build the release binary; apt-get install chromium chromium-driver)")
            return 1
    shots = args.artifacts
    shutil.rmtree(shots, ignore_errors=True)
    os.makedirs(shots)
    # Selenium Manager and chromium's own updaters must never reach the network.
    env = dict(os.environ, SE_OFFLINE="true")

    work = tempfile.mkdtemp(prefix="newsgraph-browser-")
    server = driver = browser = None
    problems = []
    try:
        db = os.path.join(work, "ui.db")
        ingest = subprocess.run([args.bin, "ingest", *fixtures(), "--db", db], capture_output=True, text=True)
        if ingest.returncode != 0:
            raise Failure(f"ingest failed ({ingest.returncode}): {ingest.stderr.strip()[-500:]}")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server_log = open(os.path.join(shots, "server.log"), "w")
        server = subprocess.Popen([args.bin, "serve", "--db", db, "--addr", f"127.0.0.1:{port}"], stdout=server_log, stderr=subprocess.STDOUT)
        wait_until_answers(base + "/", "newsgraph serve", server)
        stored = api(base, "/api/stats")["articles"]
        urls = {}
        for path in glob.glob(os.path.join(ROOT, "tests/browser/fixtures/*.jsonl")):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    record = json.loads(line)
                    urls[record["id"]] = record.get("url")
        driver_port = free_port()
        driver_log = open(os.path.join(shots, "chromedriver.log"), "w")
        driver = subprocess.Popen([CHROMEDRIVER, f"--port={driver_port}"], stdout=driver_log, stderr=subprocess.STDOUT, env=env)
        wait_until_answers(f"http://127.0.0.1:{driver_port}/status", "chromedriver", driver)
        browser = Browser(f"http://127.0.0.1:{driver_port}", os.path.join(work, "profile"))
        try:
            run_checks(browser, base, shots, problems, stored, urls)
        except Exception:
            try:
                browser.screenshot(os.path.join(shots, "failure.png"))
            except Exception:
                pass
            raise
        if problems:
            raise Failure("; ".join(problems))
    except Exception as err:  # any error fails the test with one clear line; cleanup follows
        print(f"browser test: FAILED: {type(err).__name__ if not isinstance(err, Failure) else 'check'}: {err} (screenshots and logs in {shown(shots)})")
        return 1
    finally:
        if browser is not None:
            browser.quit()
        stop(driver)
        stop(server)
        shutil.rmtree(work, ignore_errors=True)
    print(f"browser test: PASSED (screenshots in {shown(shots)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

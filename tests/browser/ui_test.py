#!/usr/bin/env python3
"""Browser test of the web UI in headless Chromium (issue 6 item 5).

Ingests the fixture articles into a temporary database, starts `newsgraph serve` on a free
localhost port and drives Debian's chromium through chromedriver's W3C WebDriver HTTP API
(standard library only: nothing to install from PyPI, nothing downloaded at run time). It
searches, opens an article and checks its entity highlights, checks that markup inside an
article's text is shown as text, opens the map, and fails on browser console errors.
Screenshots of each view are kept in target/browser-artifacts/ (or --artifacts DIR).

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
        return self.wait_for("#results li.hit a", f"search results for {word!r}")

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


def run_checks(browser, base, shots, problems):
    print("== search")
    browser.resize(1280, 900)
    browser.get(base + "/#/")
    hits = browser.search("prisoners")
    check(len(hits) >= 1, f"search for 'prisoners' lists {len(hits)} result(s)")
    first_title = browser.text(hits[0])
    browser.screenshot(os.path.join(shots, "1-search.png"))
    console_errors(browser, "search", problems)

    print("== article")
    browser.click(hits[0])
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
    browser.resize(1280, 1500)
    browser.screenshot(os.path.join(shots, "2-article.png"))
    console_errors(browser, "article", problems)

    print("== markup in article text stays text")
    browser.resize(1280, 900)
    browser.get(base + "/#/")
    hits = browser.search("defacement")
    injected_in_results = browser.js("return document.querySelectorAll('#results script, #results b, #results img').length")
    check(injected_in_results == 0, "no markup from article text became elements in the result list")
    browser.click(hits[0])
    browser.wait_for("#article .body", "markup fixture article")
    alert = browser.open_alert()
    check(alert is None, f"no alert dialog opened (saw {alert!r})" if alert is not None else "no alert dialog opened")
    body_text = browser.js("return document.querySelector('#article .body').textContent") or ""
    for snippet in ("<script>alert(1)</script>", "<b>bold</b>", "<img src=x onerror=alert(2)>"):
        check(snippet in body_text, f"article text shows {snippet!r} as text")
    injected = browser.js("return document.querySelectorAll('#article script, #article b, #article img').length")
    check(injected == 0, "no script/b/img element was created from the article text")
    browser.resize(1280, 1200)
    browser.screenshot(os.path.join(shots, "3-article-markup.png"))
    console_errors(browser, "markup article", problems)

    print("== toll on the article page")
    browser.resize(1280, 900)
    browser.get(base + "/#/")
    hits = browser.search("Kettle")
    check(len(hits) >= 1, f"search for 'Kettle' lists {len(hits)} result(s)")
    browser.click(hits[0])
    browser.wait_for("#article-toll", "the article's toll")
    toll = browser.text(browser.find_all("#article-toll")[0])
    check("WOUND 2" in toll, f"the article page shows the toll of the shooting ({toll!r})")
    console_errors(browser, "toll", problems)

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

    print("== other views (screenshots and console only)")
    for name, hash_, selector in (
        ("5-events", "#/events", "#events-table tbody tr"),
        ("6-timeline", "#/timeline", "#timeline rect"),
        ("7-network", "#/network", "#network .node"),
    ):
        browser.get(base + "/" + hash_)
        browser.wait_for(selector, name)
        browser.screenshot(os.path.join(shots, name + ".png"))
        console_errors(browser, name, problems)

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
    for pattern in ("tests/data/articles/*.txt", "tests/data/stories/*.txt", "examples/articles/*.txt", "tests/browser/fixtures/*.txt"):
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
        driver_port = free_port()
        driver_log = open(os.path.join(shots, "chromedriver.log"), "w")
        driver = subprocess.Popen([CHROMEDRIVER, f"--port={driver_port}"], stdout=driver_log, stderr=subprocess.STDOUT, env=env)
        wait_until_answers(f"http://127.0.0.1:{driver_port}/status", "chromedriver", driver)
        browser = Browser(f"http://127.0.0.1:{driver_port}", os.path.join(work, "profile"))
        try:
            run_checks(browser, base, shots, problems)
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

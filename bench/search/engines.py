"""Both engines behind one page contract, served the same way and read by the same browser code.

Hexaglot: its own /LANG/search/ pages, as `hexaglot build` writes them, untouched.
Pagefind: a copy of the same output in which the pages' own text (the <h1>, the tag list, the
`.prose` element: what queries.documents() reads) is marked data-pagefind-body, indexed by
PyPI's Pagefind (extended build: it segments Chinese), and whose /LANG/search/ pages are the
same page with Hexaglot's scripts removed and a small adapter that calls Pagefind's JS API
(pagefind.js search(), then each result's data()) and writes the results into the same
elements. So both pages weigh the same apart from the engine, and the harness below waits for
the same `[data-search-results] ol > li` on both.

Served by a small HTTP server that gzips text responses (level 6, as common web servers do) and
sends already-gzipped files (Pagefind's index, fragments and WebAssembly are) as they are.
"""
from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import mimetypes
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

from queries import Document

RESULTS = "[data-search-results] ol > li"
EMPTY = "[data-search-empty]"

# The Pagefind side of the contract: my own adapter over its documented JS API.
PAGEFIND_ADAPTER = """<script type="module">
const query = new URLSearchParams(location.search).get('q') || '';
document.querySelectorAll('form[role=search] input[name=q]').forEach(box => { box.value = query; });
const container = document.querySelector('[data-search-results]');
const empty = document.querySelector('[data-search-empty]');
let list = container.querySelector('ol');
if (!list) { list = document.createElement('ol'); container.append(list); }
if (query.trim()) {
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(query);
  const top = search.results.slice(0, 10);
  if (!top.length && empty) empty.hidden = false;
  const show = data => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const excerpt = document.createElement('p');
    excerpt.innerHTML = data.excerpt;  // Pagefind's excerpt: escaped text with <mark>
    item.append(link, excerpt);
    list.append(item);
  };
  // The first result's fragment alone, so that it shows as soon as it can; then the others
  // together, each shown in rank order.
  if (top.length) show(await top[0].data());
  await new Promise(requestAnimationFrame);
  const rest = top.slice(1).map(result => result.data());
  for (const load of rest) show(await load);
}
</script>"""

SEARCH_MAIN = """<main id="main" tabindex="-1"><div class="wrap page">
<form role="search" action="/{lang}/search/" method="get"><input type="search" name="q" aria-label="search"><button>search</button></form>
<div data-search-results><ol></ol></div><p data-search-empty hidden>no result</p>
</div></main>"""


def _mark_body(html: str) -> str:
    """The page's own text marked for Pagefind: <h1>, the tag list and the prose element."""
    main = html.find("<main")
    head, rest = html[:main], html[main:]
    rest = re.sub(r"<h1(?=[\s>])", "<h1 data-pagefind-body", rest, count=1)
    rest = re.sub(r'<ul class="tags"', '<ul class="tags" data-pagefind-body', rest, count=1)
    rest = re.sub(r'<(\w+) class="prose"', r'<\1 class="prose" data-pagefind-body', rest, count=1)
    return head + rest


def _search_shell(output: pathlib.Path, lang: str) -> str:
    """The language's search page without its scripts; a home page with a bare search area
    when Hexaglot has written no search page."""
    page = output / lang / "search" / "index.html"
    if page.is_file():
        html = page.read_text(encoding="utf-8")
    else:
        html = (output / lang / "index.html").read_text(encoding="utf-8")
        html = re.sub(r"<main\b.*?</main>", lambda _: SEARCH_MAIN.format(lang=lang), html, count=1, flags=re.S)
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S | re.I)
    return html.replace("</body>", PAGEFIND_ADAPTER + "\n</body>", 1)


def prepare_pagefind(output: pathlib.Path, docs: list[Document], target: pathlib.Path) -> tuple[float, str]:
    """The Pagefind copy of a built site; returns Pagefind's indexing seconds and its summary."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(output, target)
    for doc in docs:
        page = target / doc.url.lstrip("/") / "index.html"
        page.write_text(_mark_body(page.read_text(encoding="utf-8")), encoding="utf-8")
    for lang in sorted({d.lang for d in docs}):
        shell = target / lang / "search" / "index.html"
        shell.parent.mkdir(parents=True, exist_ok=True)
        shell.write_text(_search_shell(output, lang), encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pagefind_bin_extended", "--site", str(target)],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
    summary = " ".join(line.strip() for line in result.stdout.splitlines() if "Indexed" in line)
    return seconds, summary


def pagefind_version() -> str:
    result = subprocess.run([sys.executable, "-m", "pagefind_bin_extended", "--version"], capture_output=True, text=True)
    return result.stdout.strip()


# ---------------------------------------------------------------------------------------------
# Serving, with gzip


class _GzipHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def do_GET(self):  # noqa: N802 - the stdlib's name
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        file = (self.server.root / path.lstrip("/")).resolve()
        if file.is_dir():
            file = file / "index.html"
        if not file.is_relative_to(self.server.root) or not file.is_file():
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        arrived = time.time()
        body, encoded = self.server.body(file)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if encoded and "gzip" in self.headers.get("Accept-Encoding", ""):
            self.send_header("Content-Encoding", "gzip")
        else:
            body = gzip.decompress(body) if encoded else body
        self.send_header("Content-Length", str(len(body)))
        link = self.server.link
        if link is not None:
            time.sleep(link[0])  # the round trip before the first byte arrives
        self.end_headers()
        if link is None:
            self.wfile.write(body)
        else:
            for start in range(0, len(body), 1460):
                chunk = body[start:start + 1460]
                time.sleep(max(0.0, self.server.reserve(len(chunk), link[1]) - time.time()))
                self.wfile.write(chunk)
        self.server.log.append((arrived, path, len(body)))


class GzipServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: pathlib.Path):
        super().__init__(("127.0.0.1", 0), _GzipHandler)
        self.root = root.resolve()
        self.origin = f"http://127.0.0.1:{self.server_address[1]}"
        self._cache: dict[pathlib.Path, tuple[bytes, bool]] = {}
        self._lock = threading.Lock()
        self.log: list[tuple[float, str, int]] = []  # (arrival, path, bytes sent) of each answer
        self.link: tuple[float, float] | None = None  # emulated (round trip s, bytes/s), or none
        self._link_free = 0.0

    def handle_error(self, request, client_address):
        # A browser that quits while fragments are still coming closes their connections.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)

    def reserve(self, size: int, rate: float) -> float:
        """When `size` more bytes have crossed the one shared emulated link (first come, first
        served across connections, as on a slow line)."""
        with self._lock:
            self._link_free = max(self._link_free, time.time()) + size / rate
            return self._link_free

    def body(self, file: pathlib.Path) -> tuple[bytes, bool]:
        """The bytes to send and whether they are gzip: files already gzipped go as they are
        (Pagefind's own compression), text is compressed once (mtime=0: the same bytes each time)."""
        with self._lock:
            if file not in self._cache:
                raw = file.read_bytes()
                if raw[:2] == b"\x1f\x8b":
                    self._cache[file] = (raw, False)
                else:
                    packed = gzip.compress(raw, compresslevel=6, mtime=0)
                    self._cache[file] = (packed, True) if len(packed) < len(raw) else (raw, False)
            return self._cache[file]


@contextlib.contextmanager
def serve(root: pathlib.Path):
    mimetypes.add_type("text/javascript", ".js")
    mimetypes.add_type("text/javascript", ".mjs")
    mimetypes.add_type("application/wasm", ".wasm")
    server = GzipServer(root)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


# ---------------------------------------------------------------------------------------------
# The browser


def make_driver(network_log: bool = False):
    """Debian's headless Chromium, as the site checks use it; other hosts resolve to nothing."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                     "--window-size=1280,800"):
        options.add_argument(argument)
    if network_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_page_load_timeout(120)
    driver.set_script_timeout(120)
    return driver


def search_url(origin: str, lang: str, query: str) -> str:
    return f"{origin}/{lang}/search/?q={urllib.parse.quote(query)}"


# Read once a search page has settled: result links in rank order, or the empty message.
_READ_RESULTS = """
const items = [...document.querySelectorAll(arguments[0])];
const empty = document.querySelector(arguments[1]);
const shown = empty && !empty.hidden && getComputedStyle(empty).display !== 'none';
return {links: items.map(li => { const a = li.querySelector('a[href]'); return a ? a.href : null; }),
        empty: !!shown};
"""


def results(driver, origin: str, lang: str, query: str, timeout: float = 30.0) -> list[str] | None:
    """The result URL paths the engine's search page shows for the query, in rank order (None if
    it showed neither results nor its empty message in time). Settled = the same list for
    0.3 s, so a page that adds results one by one is read once it has finished."""
    driver.get(search_url(origin, lang, query))
    deadline, last, since = time.time() + timeout, None, time.time()
    while time.time() < deadline:
        state = driver.execute_script(_READ_RESULTS, RESULTS, EMPTY)
        key = (tuple(state["links"]), state["empty"])
        if key != last:
            last, since = key, time.time()
        elif (state["links"] or state["empty"]) and time.time() - since >= 0.3:
            return [urllib.parse.urlsplit(u).path if u else "" for u in state["links"]]
        time.sleep(0.05)
    return None


# Records when the first result appears (ms since navigation start), from the first byte on.
_FIRST_RESULT_WATCH = """
new MutationObserver((_, observer) => {
  if (document.querySelector('%s')) { window.__firstResult = performance.now(); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
""" % RESULTS

# What counts toward the first result: every request but the page itself and what any page of
# the site loads (stylesheets, images, fonts): scripts, index files, WebAssembly. Counted by the
# server, since the browser's own logs of the page miss what a web worker fetches (Pagefind
# searches in one); browser and server share this machine's clock.
_PAGE_ASSETS = re.compile(r"\.(css|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf)$", re.I)


def timed(server, lang: str, query: str, kbit: int = 400, rtt_ms: int = 400, throttle: str = "server") -> dict | None:
    """One cold load of the search page with the query on an emulated slow link, in a fresh
    browser (empty cache, no open connection): ms to the first result from navigation start,
    and the requests and response bytes as sent (gzip) that the server answered before it.

    The link is emulated by the server (each response waits one round trip, then all responses
    share the bandwidth), not by Chrome's Network.emulateNetworkConditions: that throttles the
    page's own requests but not those of a web worker, where Pagefind fetches its index, and so
    would flatter it (measured: 112 KB to the first result in 2.6 s at "400 kbit/s").
    throttle="cdp" uses Chrome's emulation instead, to compare."""
    driver = make_driver()
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _FIRST_RESULT_WATCH})
        if throttle == "cdp":
            driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
                "offline": False, "latency": rtt_ms, "downloadThroughput": kbit * 1000 / 8, "uploadThroughput": kbit * 1000 / 8})
        since = len(server.log)
        server.link = (rtt_ms / 1000, kbit * 1000 / 8) if throttle == "server" else None
        try:
            driver.get(search_url(server.origin, lang, query))
            deadline = time.time() + 120
            while time.time() < deadline:
                first = driver.execute_script("return window.__firstResult ? [window.__firstResult, performance.timeOrigin] : null")
                if first is not None:
                    break
                time.sleep(0.05)
            else:
                return None
        finally:
            server.link = None
        until = (first[1] + first[0]) / 1000
        page = f"/{lang}/search/"
        served = [(path, size) for at, path, size in server.log[since:]
                  if at < until and path != page and not _PAGE_ASSETS.search(path)]
        return {"ms": first[0], "requests": len(served), "bytes": sum(size for _, size in served),
                "files": [path for path, _ in served]}
    finally:
        driver.quit()


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def dump(path: pathlib.Path, value) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=sorted), encoding="utf-8")


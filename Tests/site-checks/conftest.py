"""Fixtures of `make site-checks`: the department's site built once by the hexaglot binary, served
on 127.0.0.1 on a free port, and headless Chromium (one with JavaScript, one without).

Environment (the Makefile sets these): HEXAGLOT (the binary, default .build/debug/hexaglot),
SITE_CHECKS_OUTPUT (where the site is built, default .build/site-checks), SITE_CHECKS_BASE_URL,
SITE_CHECKS_SCREENSHOTS (default screenshots/). Paths are relative to the repository.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import types

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import sitechecks  # noqa: E402

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]

# What `make site-checks` measured, printed before pytest's closing summary.
REPORT: dict[str, str] = {}

# The pages the browser tests visit in each of these languages.
BROWSER_LANGUAGES = ("zh", "ar", "en")
SAMPLE_PAGES = {
    "home": "/{lang}/",
    "area": "/{lang}/areas/pops/",
    "news-list": "/{lang}/news/",
    "news": "/{lang}/news/factory-visit/",
}


def _path(variable: str, default: str) -> pathlib.Path:
    path = pathlib.Path(os.environ.get(variable) or default)
    return path if path.is_absolute() else REPOSITORY / path


@pytest.fixture(scope="session")
def site():
    """The department's site, built once for the whole run."""
    binary = _path("HEXAGLOT", ".build/debug/hexaglot")
    output = _path("SITE_CHECKS_OUTPUT", ".build/site-checks")
    base_url = os.environ.get("SITE_CHECKS_BASE_URL", "https://site-checks.example/")
    if not os.access(binary, os.X_OK):
        pytest.fail(f"{binary} is missing: build it (swift build --product hexaglot) or set HEXAGLOT")
    shutil.rmtree(output, ignore_errors=True)
    result = subprocess.run([str(binary), "build", "--source", str(REPOSITORY), "--output", str(output),
                             "--base-url", base_url], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"hexaglot build failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    pages = sitechecks.html_pages(output)
    REPORT["site"] = f"{result.stdout.strip().splitlines()[-1]} into {output.relative_to(REPOSITORY) if output.is_relative_to(REPOSITORY) else output}"
    return types.SimpleNamespace(output=output, base_url=base_url, pages=pages)


@pytest.fixture(scope="session")
def server(site):
    with sitechecks.serve(site.output) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    driver = sitechecks.make_driver(javascript=True)
    REPORT["browser"] = f"{driver.capabilities.get('browserName')} {driver.capabilities.get('browserVersion')} (headless)"
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def browser_without_javascript():
    driver = sitechecks.make_driver(javascript=False)
    # Make sure JavaScript really is off for pages: a page's script must not run.
    driver.get("data:text/html,<title>off</title><script>document.title='on'</script>")
    if driver.title != "off":
        driver.quit()
        pytest.fail("JavaScript could not be turned off in Chromium")
    yield driver
    driver.quit()


@pytest.fixture
def browser_at(browser):
    """The browser with a viewport of the given size: browser_at(sitechecks.MOBILE)."""
    def resize(size):
        sitechecks.set_viewport(browser, size)
        sitechecks.requests_made(browser)  # forget earlier requests
        return browser
    return resize


@pytest.fixture(scope="session")
def screenshots():
    folder = _path("SITE_CHECKS_SCREENSHOTS", "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    REPORT["screenshots"] = str(folder.relative_to(REPOSITORY) if folder.is_relative_to(REPOSITORY) else folder) + "/"
    return folder


@pytest.fixture(scope="session")
def tour(site, server, browser):
    """Every page of the site loaded in the browser at 390 px and at 1280 px, once; what the
    browser saw, per page: sideways scrolling (390 px), eager images below the fold, requests
    that left the site, local requests that failed."""
    seen = {"sideways": [], "lazy": [], "outside": [], "failed": [], "pages": 0}
    for size in (sitechecks.MOBILE, sitechecks.DESKTOP):
        sitechecks.set_viewport(browser, size)
        sitechecks.requests_made(browser)
        for page in site.pages:
            path = sitechecks.page_url_path(site.output, page)
            since = len(server.requests)
            sitechecks.open_page(browser, server.origin + path)
            where = f"{path} at {size[0]} px"
            if size == sitechecks.MOBILE:
                seen["sideways"] += [f"{where}: {p}" for p in sitechecks.sideways_scroll(browser)]
            seen["lazy"] += [f"{where}: {p}" for p in sitechecks.lazy_image_problems(browser)]
            seen["outside"] += [f"{where}: requested {u}" for u in
                                sitechecks.requests_outside(sitechecks.requests_made(browser), server.origin)]
            seen["failed"] += [f"{where}: {p}" for p in sitechecks.failed_local_requests(server, since)]
            seen["pages"] += 1
    return seen


def problems_message(title: str, problems: list[str], limit: int = 40) -> str:
    shown = "\n  ".join(problems[:limit])
    more = f"\n  … and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{title} ({len(problems)}):\n  {shown}{more}"


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("site checks")
        for key in ("site", "html", "axe", "browser", "weight", "tour", "screenshots"):
            if key in REPORT:
                terminalreporter.write_line(f"{key}: {REPORT[key]}")


def pytest_sessionfinish(session, exitstatus):
    if session.testscollected == 0:  # pytest exits 5, and make fails; say why
        print("\nno site check ran: pytest exits 5 and make fails", file=sys.stderr)

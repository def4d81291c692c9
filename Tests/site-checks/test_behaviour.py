"""3. Behaviour in a real browser (headless Chromium): the language switcher leads to the
translated page, Arabic pages lay out right to left, no page scrolls sideways at 390 px, the
skip link works, and no request leaves the site."""
import pytest
from selenium.webdriver.common.by import By

import sitechecks
from conftest import REPORT, problems_message

SWITCHES = [  # (page, language to switch to)
    ("/zh/areas/pops/", "en"),
    ("/zh/", "ar"),
    ("/en/news/factory-visit/", "ar"),
    ("/en/news/", "zh-Hans"),
    ("/ar/areas/pops/", "zh-Hans"),
    ("/ar/news/factory-visit/", "en"),
]


@pytest.mark.parametrize("size", [sitechecks.MOBILE, sitechecks.DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("path,target", SWITCHES, ids=[f"{p}->{t}" for p, t in SWITCHES])
def test_language_switcher_leads_to_the_translated_page(server, browser_at, path, target, size):
    browser = browser_at(size)
    sitechecks.open_page(browser, server.origin + path)
    problems = sitechecks.switch_language(browser, target)
    assert not problems, problems_message("language switcher", problems)


@pytest.mark.parametrize("path", ["/zh/", "/ar/", "/en/news/factory-visit/", "/ar/areas/pops/"])
def test_open_language_switcher_fits_on_a_phone(server, browser_at, path):
    browser = browser_at(sitechecks.MOBILE)
    sitechecks.open_page(browser, server.origin + path)
    browser.find_element(By.CSS_SELECTOR, "nav.langs summary").click()
    problems = sitechecks.sideways_scroll(browser)
    box = browser.execute_script("const r = document.querySelector('nav.langs ul').getBoundingClientRect();"
                                 "return [r.left, r.right, innerWidth]")
    if box[0] < 0 or box[1] > box[2]:
        problems.append(f"the open switcher spans {box[0]:.0f}..{box[1]:.0f} px of a {box[2]} px screen")
    assert not problems, problems_message(f"open language switcher on {path}", problems)


@pytest.mark.parametrize("size", [sitechecks.MOBILE, sitechecks.DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("path", ["/ar/", "/ar/areas/pops/", "/ar/news/", "/ar/news/factory-visit/"])
def test_arabic_lays_out_right_to_left(server, browser_at, path, size):
    browser = browser_at(size)
    sitechecks.open_page(browser, server.origin + path)
    problems = sitechecks.rtl_problems(browser)
    assert not problems, problems_message(f"{path} is not laid out right to left", problems)


def test_no_page_scrolls_sideways_at_390px(tour):
    REPORT["tour"] = f"{tour['pages']} page loads (every page at 390 px and 1280 px)"
    assert tour["pages"] > 0
    assert not tour["sideways"], problems_message("pages that scroll sideways", tour["sideways"])


@pytest.mark.parametrize("path", ["/zh/", "/ar/areas/pops/", "/en/news/factory-visit/", "/ar/news/"])
def test_skip_link_moves_focus_to_the_main_content(server, browser_at, path):
    browser = browser_at(sitechecks.DESKTOP)
    sitechecks.open_page(browser, server.origin + path)
    problems = sitechecks.skip_link_problems(browser)
    assert not problems, problems_message(f"skip link on {path}", problems)


def test_no_request_leaves_the_site(site, tour):
    problems = sitechecks.external_resources(site.output)
    problems += tour["outside"]
    assert not problems, problems_message("resources from outside the site", problems)


def test_every_resource_a_page_requests_exists(tour):
    assert not tour["failed"], problems_message("requests that failed", tour["failed"])

"""2. Accessibility in a real browser: axe-core (bundled by PyPI's axe-selenium-python) finds no
serious or critical violation on the home, an area page, a news list and a news page, in
Chinese, Arabic and English, on a phone (390 px) and a desktop (1280 px), and none in the
language switcher once it is open."""
import pytest
from selenium.webdriver.common.by import By

import sitechecks
from conftest import BROWSER_LANGUAGES, REPORT, SAMPLE_PAGES, problems_message

PAGES = [(lang, kind) for lang in BROWSER_LANGUAGES for kind in SAMPLE_PAGES]


@pytest.mark.parametrize("size", [sitechecks.MOBILE, sitechecks.DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("lang,kind", PAGES, ids=[f"{lang}-{kind}" for lang, kind in PAGES])
def test_axe_finds_no_serious_violation(server, browser_at, lang, kind, size):
    browser = browser_at(size)
    sitechecks.open_page(browser, server.origin + SAMPLE_PAGES[kind].format(lang=lang))
    problems = sitechecks.axe_violations(browser)
    REPORT.setdefault("axe", f"axe-core {sitechecks.axe_version(browser)} from {sitechecks.axe_script().parent.parent.parent.name}")
    if size == sitechecks.DESKTOP:  # and with the language switcher open
        browser.find_element(By.CSS_SELECTOR, "nav.langs summary").click()
        problems += [f"switcher open: {p}" for p in sitechecks.axe_violations(browser)]
    assert not problems, problems_message("axe-core serious or critical violations", problems)


@pytest.mark.parametrize("size", [sitechecks.MOBILE, sitechecks.DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("path", ["/", "/404.html", "/ar/404.html"])
def test_axe_finds_no_serious_violation_on_root_and_404_pages(server, browser_at, path, size):
    browser = browser_at(size)
    sitechecks.open_page(browser, server.origin + path)
    problems = sitechecks.axe_violations(browser)
    assert not problems, problems_message("axe-core serious or critical violations", problems)

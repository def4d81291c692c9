"""7. Search in a real browser (headless Chromium), on the department's site as `hexaglot build`
writes it (issue 16): every page has a search form in its header, in its language; queries typed
into it, and into the search page's own box, in Chinese, Arabic and English, show the expected
pages with the matched text highlighted; a query that matches nothing says so; an XSS attempt in
`q` stays text; the query stays in the box; axe-core finds nothing serious on the search page;
without JavaScript the page says search needs it and links the section lists.

Expected pages come from the built pages' text exactly as the search benchmark computes them
(bench/search/queries.py: a page's <h1>, tag list and prose; Chinese and Arabic by folded
containment, English by Snowball stem), so the checks and `make bench-search` agree."""
from __future__ import annotations

import pathlib
import re
import shutil
import sys
import time
import urllib.parse

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import sitechecks
from conftest import BROWSER_LANGUAGES, REPOSITORY, problems_message

sys.path.insert(0, str(REPOSITORY / "bench" / "search"))
import queries  # noqa: E402

RESULTS = "[data-search-results] ol > li"
EMPTY = "[data-search-empty]"

# Typed as a reader would: a Chinese substring that crosses a word boundary (有机|污染), Arabic
# with harakat and with ه for ة, an English singular for the pages' plural.
QUERIES = [
    ("zh", "臭氧"),
    ("zh", "有机污"),
    ("ar", "المُلَوِّثات"),
    ("ar", "العضويه"),
    ("en", "pollutant"),
    ("en", "ozone"),
]
NOTHING = "qzxjvwkq"
XSS = '"><img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script><b id="xss-probe">x</b>'


def expected_pages(site, lang: str, query: str) -> frozenset[str]:
    docs = [d for d in _documents(site.output) if d.lang == lang]
    if lang == "zh":
        return frozenset(d.url for d in docs if query in d.text)
    if lang == "ar":
        target = queries.fold_arabic(query)
        return frozenset(d.url for d in docs if target in {queries.fold_arabic(w) for w in queries.ARABIC_WORD.findall(d.text)})
    import snowballstemmer

    stem = snowballstemmer.stemmer(queries.STEMMERS[lang]).stemWord
    target = stem(query.lower())
    return frozenset(d.url for d in docs if target in {stem(w.lower()) for w in queries.words(d.text)})


_DOCUMENTS: dict[pathlib.Path, list] = {}


def _documents(output: pathlib.Path):
    if output not in _DOCUMENTS:
        _DOCUMENTS[output] = queries.documents(output)
    return _DOCUMENTS[output]


def settled_results(driver, timeout: float = 20.0) -> dict | None:
    """Once the search page has settled (the same results for 0.3 s, or its empty message
    shown): each result's link, title, the rest of its text (the section), its excerpt and the
    excerpt's highlighted parts; whether the empty message shows. None if neither came."""
    deadline, last, since = time.time() + timeout, None, time.time()
    while time.time() < deadline:
        state = driver.execute_script("""
            const empty = document.querySelector(arguments[1]);
            const shown = !!empty && !empty.hidden && getComputedStyle(empty).display !== 'none'
                          && empty.getBoundingClientRect().height > 0;
            return {empty: shown, emptyText: empty ? empty.textContent.trim() : '',
                    items: [...document.querySelectorAll(arguments[0])].map(li => {
                      const a = li.querySelector('a[href]'), p = li.querySelector('p');
                      const rest = li.cloneNode(true);
                      rest.querySelectorAll('a, p').forEach(e => e.remove());
                      return {href: a ? a.getAttribute('href') : null, title: a ? a.textContent.trim() : '',
                              section: rest.textContent.trim(), excerpt: p ? p.textContent : '',
                              marks: p ? [...p.querySelectorAll('mark')].map(m => m.textContent) : []};
                    })};
        """, RESULTS, EMPTY)
        key = repr(state)
        if key != last:
            last, since = key, time.time()
        elif (state["items"] or state["empty"]) and time.time() - since >= 0.3:
            return state
        time.sleep(0.05)
    return None


def result_problems(state, site, lang: str, query: str) -> list[str]:
    """The results show every expected page (up to ten) in the first ten, the first result is
    one, each result has a title link, a section name and an excerpt whose highlighted text is
    the query (folded as the search folds it)."""
    if state is None:
        return [f"{query!r}: the search page showed neither results nor its empty message"]
    expected = expected_pages(site, lang, query)
    if not expected:
        return [f"{query!r}: no page of the built site contains it: the test's query is wrong"]
    if not state["items"]:
        return [f"{query!r}: no result, expected {sorted(expected)}" + (" (the empty message shows)" if state["empty"] else "")]
    problems = []
    found = [urllib.parse.urlsplit(i["href"] or "").path for i in state["items"]]
    if len(set(found[:10]) & expected) < min(10, len(expected)):
        problems.append(f"{query!r}: the first ten results {found[:10]} miss {sorted(expected - set(found[:10]))}")
    if found[0] not in expected:
        problems.append(f"{query!r}: the first result {found[0]} does not contain it (expected one of {sorted(expected)})")
    folded_query = fold(lang, query)
    for rank, item in enumerate(state["items"][:10], 1):
        where = f"{query!r}, result {rank} ({item['href']})"
        if not item["href"] or not item["title"]:
            problems.append(f"{where}: no link with a title")
        if not item["section"]:
            problems.append(f"{where}: no section name")
        if not item["excerpt"].strip():
            problems.append(f"{where}: no excerpt")
        elif not item["marks"]:
            problems.append(f"{where}: nothing highlighted in the excerpt {item['excerpt'][:80]!r}")
        elif not any(highlights(lang, fold(lang, mark), folded_query) for mark in item["marks"]):
            problems.append(f"{where}: the highlighted {item['marks']} is not the query")
    return problems


def fold(lang: str, text: str) -> str:
    if lang == "ar":
        return queries.fold_arabic(text)
    return queries.fold_latin_cyrillic(text)


def highlights(lang: str, mark: str, query: str) -> bool:
    """A highlight is the query's: for Chinese a part of it of two characters or more (a
    bigram index may mark the overlaps separately), else the query's word or another form
    of it (the same first letters, as an inflection keeps its stem)."""
    mark = mark.strip()
    if lang == "zh":
        return len(mark) >= 2 and (mark in query or query in mark)
    stem = query[: max(3, len(query) - 3)]
    return mark.startswith(stem) or query in mark


def search_box(driver, scope: str):
    return driver.find_element(By.CSS_SELECTOR, f"{scope} form[role=search] input[name=q]")


def page_box(driver):
    """The search page's own box: the one in <main>, or the header's if the page has none."""
    boxes = driver.find_elements(By.CSS_SELECTOR, "main form[role=search] input[name=q]")
    return boxes[0] if boxes else search_box(driver, "header")


def submit(driver, box, query: str) -> None:
    start = driver.current_url
    box.clear()
    box.send_keys(query + Keys.ENTER)
    deadline = time.time() + 10
    while driver.current_url == start and time.time() < deadline:
        time.sleep(0.05)


def search_url(server, lang: str, query: str) -> str:
    return f"{server.origin}/{lang}/search/?q={urllib.parse.quote(query)}"


# --------------------------------------------------------------------------------------------


def test_every_page_has_a_search_form_in_its_language(site):
    """Static: the header of every page of a language has the form, GET to /LANG/search/, with a
    search box named q and a submit button; its labels are the same on all pages of a language
    and differ between languages (they are translated)."""
    problems, labels = [], {}
    for page in site.pages:
        parts = page.relative_to(site.output).parts
        if len(parts) < 2 or parts[0] not in queries.LANGUAGES:
            continue
        lang, name = parts[0], page.relative_to(site.output).as_posix()
        document = sitechecks.parse_page(page)
        forms = document.xpath('//header//form[@role="search"]')
        if not forms:
            problems.append(f"{name}: no <form role=search> in the header")
            continue
        form = forms[0]
        if form.get("action") != f"/{lang}/search/" or (form.get("method") or "get").lower() != "get":
            problems.append(f"{name}: the form sends {form.get('method')} {form.get('action')}, not GET /{lang}/search/")
        if not form.xpath('.//input[@type="search" and @name="q"]'):
            problems.append(f"{name}: the form has no <input type=search name=q>")
        buttons = form.xpath('.//button[not(@type) or @type="submit"] | .//input[@type="submit"]')
        if not buttons:
            problems.append(f"{name}: the form has no submit button")
            continue
        button = buttons[0]
        label = (button.text_content() or button.get("value") or button.get("aria-label") or "").strip()
        if not label:
            problems.append(f"{name}: the submit button has no label")
        labels.setdefault(lang, set()).add(label)
    for lang, seen in labels.items():
        if len(seen) > 1:
            problems.append(f"{lang}: the search button is labelled differently on different pages: {sorted(seen)}")
    named = {lang: next(iter(seen)) for lang, seen in labels.items() if len(seen) == 1}
    for a, b in (("zh", "en"), ("ar", "en"), ("fr", "en"), ("ru", "en"), ("es", "en")):
        if a in named and b in named and named[a] == named[b]:
            problems.append(f"the search button says {named[a]!r} in both {a} and {b}: it is not translated")
    assert not problems, problems_message("search forms", problems)


@pytest.mark.parametrize("lang,query", QUERIES, ids=[f"{lang}-{q}" for lang, q in QUERIES])
def test_query_typed_into_the_header_form_finds_the_pages(site, server, browser_at, lang, query):
    browser = browser_at(sitechecks.DESKTOP)
    sitechecks.open_page(browser, f"{server.origin}/{lang}/areas/")
    submit(browser, search_box(browser, "header"), query)
    landed = urllib.parse.urlsplit(browser.current_url)
    problems = []
    if landed.path != f"/{lang}/search/" or urllib.parse.parse_qs(landed.query).get("q") != [query]:
        problems.append(f"the header form led to {browser.current_url}, not /{lang}/search/?q={query}")
    problems += result_problems(settled_results(browser), site, lang, query)
    assert not problems, problems_message(f"searching {query!r} from the header of /{lang}/areas/", problems)


@pytest.mark.parametrize("lang,query", QUERIES, ids=[f"{lang}-{q}" for lang, q in QUERIES])
def test_query_typed_on_the_search_page_finds_the_pages_and_stays_in_the_box(site, server, browser_at, lang, query):
    browser = browser_at(sitechecks.MOBILE)
    sitechecks.open_page(browser, f"{server.origin}/{lang}/search/")
    submit(browser, page_box(browser), query)
    problems = result_problems(settled_results(browser), site, lang, query)
    kept = page_box(browser).get_attribute("value")
    if kept != query:
        problems.append(f"the search box holds {kept!r} after the search, not {query!r}")
    assert not problems, problems_message(f"searching {query!r} on /{lang}/search/", problems)


def empty_problems(browser, server, lang: str) -> list[str]:
    """A query that matches nothing shows the empty message, no result, and stays in the box."""
    sitechecks.open_page(browser, search_url(server, lang, NOTHING))
    state = settled_results(browser)
    problems = []
    if state is None or not state["empty"]:
        problems.append("the empty message ([data-search-empty]) is not shown")
    elif not state["emptyText"]:
        problems.append("the empty message is blank")
    if state and state["items"]:
        problems.append(f"{len(state['items'])} results shown for {NOTHING!r}")
    if page_box(browser).get_attribute("value") != NOTHING:
        problems.append("the query is not kept in the box")
    return problems


def markup_problems(browser, server, lang: str) -> list[str]:
    """Markup in q makes no element, runs no script, opens no alert, and stays in the box as text."""
    sitechecks.open_page(browser, search_url(server, lang, XSS))
    settled_results(browser, timeout=5)
    problems = []
    try:
        alert = browser.switch_to.alert
        problems.append(f"an alert opened: {alert.text!r}")
        alert.dismiss()
    except NoAlertPresentException:
        pass
    created = browser.execute_script("""
        return {xss: window.__xss === undefined ? null : window.__xss,
                probe: !!document.getElementById('xss-probe'),
                image: !!document.querySelector('img[src="x"]'),
                scripts: [...document.scripts].filter(s => s.textContent.includes('__xss')).length};
    """)
    if created["xss"] is not None:
        problems.append(f"script from the query ran (window.__xss = {created['xss']})")
    if created["probe"] or created["image"] or created["scripts"]:
        problems.append(f"the query made elements: {created}")
    if page_box(browser).get_attribute("value") != XSS:
        problems.append("the query is not kept, as text, in the box")
    return problems


@pytest.mark.parametrize("lang", BROWSER_LANGUAGES)
def test_a_query_that_matches_nothing_says_so(server, browser_at, lang):
    problems = empty_problems(browser_at(sitechecks.DESKTOP), server, lang)
    assert not problems, problems_message(f"/{lang}/search/?q={NOTHING}", problems)


@pytest.mark.parametrize("lang", BROWSER_LANGUAGES)
def test_markup_in_the_query_stays_text(server, browser_at, lang):
    problems = markup_problems(browser_at(sitechecks.DESKTOP), server, lang)
    assert not problems, problems_message(f"/{lang}/search/ with markup in q", problems)


@pytest.mark.parametrize("size", [sitechecks.MOBILE, sitechecks.DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("lang,query", [(lang, q) for lang, q in QUERIES[::2]] + [(lang, NOTHING) for lang in BROWSER_LANGUAGES])
def test_axe_finds_no_serious_violation_and_nothing_scrolls_sideways_on_the_search_page(server, browser_at, lang, query, size):
    browser = browser_at(size)
    sitechecks.open_page(browser, search_url(server, lang, query))
    assert settled_results(browser) is not None, "the search page showed neither results nor its empty message"
    problems = sitechecks.axe_violations(browser)
    problems += sitechecks.sideways_scroll(browser) if size == sitechecks.MOBILE else []
    assert not problems, problems_message(f"/{lang}/search/?q={query}", problems)


def test_arabic_search_lays_out_right_to_left(server, browser_at):
    browser = browser_at(sitechecks.DESKTOP)
    sitechecks.open_page(browser, search_url(server, "ar", "العضويه"))
    settled_results(browser)
    directions = browser.execute_script("""
        return [...document.querySelectorAll('form[role=search], form[role=search] input, [data-search-results]')]
          .map(e => getComputedStyle(e).direction);
    """)
    problems = sitechecks.rtl_problems(browser)
    if not directions or set(directions) != {"rtl"}:
        problems.append(f"the search forms and results are laid out {directions}, not all rtl")
    assert not problems, problems_message("/ar/search/", problems)


def no_javascript_problems(browser, server, output: pathlib.Path, lang: str) -> list[str]:
    """With JavaScript off, the search page shows a <noscript> message in <main> with a link
    to a section list of its language that navigates, and no results."""
    sitechecks.open_page(browser, search_url(server, lang, "臭氧" if lang == "zh" else "ozone"))
    problems = []
    if not browser.find_elements(By.CSS_SELECTOR, "main noscript"):
        problems.append("no <noscript> message in <main>")
    message = browser.execute_script("""
        const main = document.querySelector('main');
        const noscript = [...main.querySelectorAll('noscript')].map(n => n.textContent).join(' ');
        return {text: noscript.replace(/<[^>]*>/g, ' ').trim(),
                links: [...main.querySelectorAll('noscript a[href]')].filter(a => a.offsetParent !== null)
                        .map(a => a.getAttribute('href'))};
    """)
    sections = [href for href in message["links"]
                if urllib.parse.urlsplit(href).path.rstrip("/").count("/") == 2 and href.startswith(f"/{lang}/")
                and (output / href.lstrip("/") / "index.html").is_file()]
    if not sections:
        problems.append(f"no visible link to a section list of /{lang}/ in the <noscript> message (links: {message['links']})")
    if len(message["text"]) < 10:
        problems.append(f"the <noscript> message says nothing ({message['text']!r})")
    if browser.find_elements(By.CSS_SELECTOR, RESULTS):
        problems.append("results are shown without JavaScript")
    if sections:
        browser.find_element(By.CSS_SELECTOR, f'main noscript a[href="{sections[0]}"]').click()
        deadline = time.time() + 10
        while urllib.parse.urlsplit(browser.current_url).path != sections[0] and time.time() < deadline:
            time.sleep(0.05)
        if urllib.parse.urlsplit(browser.current_url).path != sections[0]:
            problems.append(f"the link to {sections[0]} did not navigate")
    return problems


@pytest.mark.parametrize("lang", BROWSER_LANGUAGES)
def test_without_javascript_the_search_page_says_so_and_links_the_sections(site, server, browser_without_javascript, lang):
    problems = no_javascript_problems(browser_without_javascript, server, site.output, lang)
    assert not problems, problems_message(f"/{lang}/search/ without JavaScript", problems)


def test_the_benchmark_queries_are_deterministic_and_their_expected_pages_hold_them(site):
    """make bench-search judges both engines by these sets: the same for the same seed, each
    query's expected pages are exactly the pages of its language that hold it (folded), and the
    page it was cut from is one of them."""
    docs = _documents(site.output)
    for lang in queries.LANGUAGES:
        first, again = queries.query_set(docs, lang, 20, seed=7), queries.query_set(docs, lang, 20, seed=7)
        assert [(q.text, q.expected) for q in first] == [(q.text, q.expected) for q in again], lang
        assert len(first) == 20, f"{lang}: only {len(first)} queries"
        for query in first:
            assert query.source in query.expected, (lang, query)
            assert query.expected == expected_pages(site, lang, query.text), (lang, query.text)
            if lang == "zh":  # cut from its page
                assert query.text in next(d.text for d in docs if d.url == query.source), query
            elif lang == "ar":  # a spelling the page does not use, of one of its words
                assert query.text != query.written and queries.fold_arabic(query.text) == queries.fold_arabic(query.written), query
            elif lang != "zh":  # another form of a word of the page
                assert queries.fold_latin_cyrillic(query.text) != queries.fold_latin_cyrillic(query.written), query
    other = queries.query_set(docs, "zh", 20, seed=8)
    assert [q.text for q in other] != [q.text for q in queries.query_set(docs, "zh", 20, seed=7)]


# --------------------------------------------------------------------------------------------
# The checks above fail where they should: on copies of the build broken on purpose (as
# test_harness.py does for the other checks), each beside the intact page, which must pass.


@pytest.fixture
def broken_copy(site, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(site.output, folder)
    return folder


def _edit(page: pathlib.Path, change) -> None:
    text = page.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"{page} has nothing to break"
    page.write_text(changed, encoding="utf-8")


def test_the_result_check_fails_on_a_search_page_without_its_scripts(site, server, broken_copy, browser):
    _edit(broken_copy / "en" / "search" / "index.html",
          lambda t: re.sub(r"<script\b[^>]*>.*?</script>", "", t, flags=re.S | re.I))
    with sitechecks.serve(broken_copy) as broken:
        sitechecks.set_viewport(browser, sitechecks.DESKTOP)
        sitechecks.open_page(browser, search_url(broken, "en", "ozone"))
        problems = result_problems(settled_results(browser, timeout=3), site, "en", "ozone")
    assert problems
    sitechecks.open_page(browser, search_url(server, "en", "ozone"))
    assert not result_problems(settled_results(browser), site, "en", "ozone")


def test_the_markup_check_fails_on_a_page_that_writes_q_as_html(server, broken_copy, browser):
    unsafe = ("<script>document.querySelector('main').insertAdjacentHTML('beforeend', "
              "new URLSearchParams(location.search).get('q'))</script></body>")
    _edit(broken_copy / "en" / "search" / "index.html", lambda t: t.replace("</body>", unsafe, 1))
    with sitechecks.serve(broken_copy) as broken:
        sitechecks.set_viewport(browser, sitechecks.DESKTOP)
        problems = markup_problems(browser, broken, "en")
    assert any("made elements" in p or "script" in p or "alert" in p for p in problems), problems
    assert not markup_problems(browser, server, "en")


def test_the_no_javascript_check_fails_without_the_noscript_message(site, server, broken_copy, browser_without_javascript):
    _edit(broken_copy / "zh" / "search" / "index.html", lambda t: re.sub(r"<noscript\b.*?</noscript>", "", t, flags=re.S))
    with sitechecks.serve(broken_copy) as broken:
        problems = no_javascript_problems(browser_without_javascript, broken, broken_copy, "zh")
    assert any("noscript" in p for p in problems), problems
    assert not no_javascript_problems(browser_without_javascript, server, site.output, "zh")

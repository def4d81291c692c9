"""The harness tests itself: each check must fail on a page broken on purpose. A copy of the built
site goes to a temporary folder, one page (or stylesheet, feed…) is broken there, and the very
functions the real checks use run on it. The department's site itself is never touched.
Each test also runs the check on an intact page of the same copy, which must pass."""
import pathlib
import shutil

import pytest

import check_feeds_and_sitemap
import sitechecks


@pytest.fixture
def copy(site, tmp_path):
    """A copy of the built site, to break."""
    folder = tmp_path / "site"
    shutil.copytree(site.output, folder)
    return folder


def break_file(folder: pathlib.Path, name: str, old: str, new: str, count: int = 1) -> pathlib.Path:
    """Replace `old` by `new` in one file of the copy; the text must be there."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} has no {old!r} to break"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def at(browser, server, path, size=sitechecks.DESKTOP):
    sitechecks.set_viewport(browser, size)
    sitechecks.requests_made(browser)
    sitechecks.open_page(browser, server.origin + path)
    return browser


# 1. HTML validity

def test_invalid_html_fails_the_nu_checker(copy):
    stray = break_file(copy, "zh/areas/pops/index.html", "</main>", "</mian></main>")
    no_alt = break_file(copy, "ar/index.html", 'alt="" width="48"', 'width="48"')
    nested = break_file(copy, "en/news/index.html", "<h1>", "<a href=\"/\"><h1><a href=\"/en/\">x</a>")
    intact = copy / "fr/index.html"
    problems = sitechecks.validate_html([stray, no_alt, nested, intact], copy)
    text = "\n".join(problems)
    assert "zh/areas/pops/index.html" in text and "mian" in text, text
    assert "ar/index.html" in text and "alt" in text, text
    assert "en/news/index.html" in text, text
    assert "fr/index.html" not in text, text


# 2. Accessibility

def test_axe_reports_broken_accessibility(copy, browser):
    break_file(copy, "en/index.html", '<html lang="en" dir="ltr">', "<html>")
    break_file(copy, "en/index.html", 'alt="" width="48"', 'width="48"')  # logo with no text alternative
    break_file(copy, "zh/index.html", "</main>", '<p style="color:#ddd">难以阅读的灰色文字</p></main>')
    with sitechecks.serve(copy) as server:
        english = "\n".join(sitechecks.axe_violations(at(browser, server, "/en/")))
        assert "html-has-lang" in english and "image-alt" in english, english
        assert "color-contrast" in "\n".join(sitechecks.axe_violations(at(browser, server, "/zh/")))
        assert sitechecks.axe_violations(at(browser, server, "/fr/")) == []


# 3. Behaviour

def test_missing_or_wrong_switcher_link_fails(copy, browser):
    break_file(copy, "zh/areas/pops/index.html", '<li><a href="/en/areas/pops/" lang="en" dir="ltr" hreflang="en">English</a></li>', "")
    break_file(copy, "zh/areas/ozone/index.html", 'href="/en/areas/ozone/"', 'href="/en/"')
    with sitechecks.serve(copy) as server:
        removed = sitechecks.switch_language(at(browser, server, "/zh/areas/pops/"), "en")
        assert any("no link to en" in p for p in removed), removed
        wrong = sitechecks.switch_language(at(browser, server, "/zh/areas/ozone/"), "en")
        assert any("not the translated page" in p for p in wrong), wrong
        assert sitechecks.switch_language(at(browser, server, "/zh/areas/resource-efficiency/"), "en") == []


def test_arabic_page_laid_out_left_to_right_fails(copy, browser):
    break_file(copy, "ar/index.html", 'dir="rtl"', 'dir="ltr"')
    with sitechecks.serve(copy) as server:
        problems = sitechecks.rtl_problems(at(browser, server, "/ar/"))
        assert any("not rtl" in p for p in problems) and any("right edge" in p for p in problems), problems
        assert sitechecks.rtl_problems(at(browser, server, "/ar/news/")) == []


def test_wide_content_scrolls_sideways(copy, browser):
    break_file(copy, "en/about/index.html", "</main>", '<div style="width:1000px">a wide banner</div></main>')
    with sitechecks.serve(copy) as server:
        problems = sitechecks.sideways_scroll(at(browser, server, "/en/about/", sitechecks.MOBILE))
        assert problems and "1000" in problems[0], problems
        assert sitechecks.sideways_scroll(at(browser, server, "/zh/about/", sitechecks.MOBILE)) == []


def test_broken_skip_link_fails(copy, browser):
    break_file(copy, "en/index.html", '<a class="skip" href="#main">Skip to main content</a>', "")
    break_file(copy, "zh/index.html", 'class="skip" href="#main"', 'class="skip" href="#content"')
    break_file(copy, "ar/index.html", '<main id="main" tabindex="-1">', '<main id="main">')
    with sitechecks.serve(copy) as server:
        assert any("not a skip link" in p for p in sitechecks.skip_link_problems(at(browser, server, "/en/")))
        assert any("not on the page" in p for p in sitechecks.skip_link_problems(at(browser, server, "/zh/")))
        assert any("does not move focus" in p for p in sitechecks.skip_link_problems(at(browser, server, "/ar/")))
        assert sitechecks.skip_link_problems(at(browser, server, "/fr/")) == []


def test_request_leaving_the_site_fails(copy, browser):
    break_file(copy, "en/index.html", "</head>", '<link rel="stylesheet" href="https://fonts.example.com/css2">\n</head>')
    break_file(copy, "zh/index.html", "</main>", '<img src="//cdn.example.com/a.png" width="10" height="10" alt="图"></main>')
    break_file(copy, "css/site.css", "/* header */", "/* header */\nbody{background-image:url(https://cdn.example.com/bg.png)}")
    static = "\n".join(sitechecks.external_resources(copy))
    assert "en/index.html: stylesheet https://fonts.example.com/css2" in static, static
    assert "zh/index.html: img //cdn.example.com/a.png" in static, static
    assert "css/site.css: url https://cdn.example.com/bg.png" in static, static
    with sitechecks.serve(copy) as server:
        at(browser, server, "/en/")
        outside = sitechecks.requests_outside(sitechecks.requests_made(browser), server.origin)
        assert "https://fonts.example.com/css2" in outside and "https://cdn.example.com/bg.png" in outside, outside
        at(browser, server, "/zh/")
        outside = sitechecks.requests_outside(sitechecks.requests_made(browser), server.origin)
        assert "http://cdn.example.com/a.png" in outside, outside


# 5. Light pages

def test_oversized_page_fails_the_budget(copy):
    break_file(copy, "ru/about/index.html", "</body>", "<!--" + "x" * 40_000 + "--></body>")
    heavy_script = copy / "js" / "app.js"
    heavy_script.parent.mkdir(exist_ok=True)
    heavy_script.write_text("//" + "y" * 40_000)
    break_file(copy, "es/about/index.html", "</head>", '<script src="/js/app.js" defer></script></head>')
    pages = [copy / "ru/about/index.html", copy / "es/about/index.html", copy / "fr/about/index.html"]
    problems, heaviest = sitechecks.weigh_site(copy, pages)
    text = "\n".join(problems)
    assert "ru/about/index.html" in text and "es/about/index.html" in text and "js/app.js" in text, text
    assert "fr/about/index.html" not in text, text
    assert heaviest[0] == "ru/about/index.html"
    # A stylesheet that grows past the budget fails every page.
    (copy / "css/site.css").write_text("/*" + "z" * 50_000 + "*/")
    problems, _ = sitechecks.weigh_site(copy, pages)
    assert len(problems) == 3, problems


def test_image_without_width_or_height_fails(copy):
    no_size = break_file(copy, "en/about/index.html", ' width="48" height="48"', "")
    no_height = break_file(copy, "ar/about/index.html", ' height="48"', "")
    text = "\n".join(sitechecks.image_attribute_problems(copy, [no_size, no_height, copy / "zh/about/index.html"]))
    assert "en/about/index.html" in text and "width or height" in text, text
    assert "ar/about/index.html" in text and "no valid height" in text, text
    assert "zh/about" not in text


def test_eager_image_below_the_fold_fails(copy, browser):
    tall = '<div style="height:3000px"></div>'
    break_file(copy, "en/about/index.html", "</main>", f'{tall}<img src="/images/logo.svg" width="64" height="64" alt="logo"></main>')
    break_file(copy, "zh/about/index.html", "</main>", f'{tall}<img src="/images/logo.svg" width="64" height="64" alt="标志" loading="lazy"></main>')
    with sitechecks.serve(copy) as server:
        problems = sitechecks.lazy_image_problems(at(browser, server, "/en/about/", sitechecks.MOBILE))
        assert problems and "below the fold" in problems[0], problems
        assert sitechecks.lazy_image_problems(at(browser, server, "/zh/about/", sitechecks.MOBILE)) == []


def test_page_that_needs_javascript_fails_without_it(copy, browser_without_javascript):
    # The content shows only once a script runs; the menu only works through scripts.
    break_file(copy, "en/about/index.html", "</head>", "<style>main{display:none}</style></head>")
    break_file(copy, "en/about/index.html", "</body>", "<script>document.querySelector('main').style.display='block'</script></body>")
    break_file(copy, "fr/about/index.html", '<li><a href="/fr/areas/">', '<li><a href="#" onclick="location=\'/fr/areas/\'">')
    break_file(copy, "fr/about/index.html", '<li><a href="/fr/news/">', '<li><a href="#" onclick="location=\'/fr/news/\'">')
    with sitechecks.serve(copy) as server:
        hidden = sitechecks.javascript_off_problems(browser_without_javascript, server.origin, "/en/about/")
        assert any("not readable" in p for p in hidden), hidden
        menu = sitechecks.javascript_off_problems(browser_without_javascript, server.origin, "/fr/about/")
        assert any("does not lead to another page" in p for p in menu), menu
        assert sitechecks.javascript_off_problems(browser_without_javascript, server.origin, "/es/about/") == []


# 4. Feeds and sitemap

def test_broken_feed_and_missing_page_fail(copy, site):
    feed = copy / "en/atom.xml"
    feed.write_bytes(feed.read_bytes()[:-200])
    shutil.rmtree(copy / "fr/about")
    problems, _, _ = check_feeds_and_sitemap.check(copy, site.base_url)
    text = "\n".join(problems)
    assert "en/atom.xml" in text, text
    assert "fr/about/ has no page" in text, text
    assert "zh/atom.xml" not in text

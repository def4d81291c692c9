"""5. Light pages for slow connections: every page's own HTML + CSS + JavaScript under 50 KB
(images aside), images with width and height and lazily loaded below the fold, and reading and
navigating (menus, language switcher) working with JavaScript off."""
import pytest

import sitechecks
from conftest import REPORT, problems_message


def test_every_page_is_under_the_weight_budget(site):
    problems, heaviest = sitechecks.weigh_site(site.output)
    name, total, parts = heaviest
    detail = " + ".join(f"{key} {size:,}" for key, size in parts.items())
    REPORT["weight"] = (f"heaviest page {name}: {total:,} bytes of HTML+CSS+JS ({detail}), "
                        f"budget {sitechecks.PAGE_BUDGET_BYTES:,}")
    assert not problems, problems_message("pages over the budget", problems)


def test_every_image_has_width_and_height(site):
    problems = sitechecks.image_attribute_problems(site.output)
    assert not problems, problems_message("images without width and height", problems)


def test_images_below_the_fold_load_lazily(tour):
    assert not tour["lazy"], problems_message("images below the fold that load eagerly", tour["lazy"])


@pytest.mark.parametrize("path", ["/zh/areas/pops/", "/ar/news/", "/en/news/factory-visit/", "/ar/"])
def test_reading_and_navigating_work_without_javascript(server, browser_without_javascript, path):
    browser = browser_without_javascript
    sitechecks.set_viewport(browser, sitechecks.MOBILE)
    problems = sitechecks.javascript_off_problems(browser, server.origin, path)
    assert not problems, problems_message(f"{path} without JavaScript", problems)

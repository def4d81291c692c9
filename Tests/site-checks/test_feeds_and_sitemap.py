"""4. Feeds and sitemap read by real parsers: every Atom feed through feedparser, the sitemap
through lxml; every <loc> and xhtml:link alternate of the sitemap exists in the output."""
import check_feeds_and_sitemap
from conftest import problems_message


def test_feeds_and_sitemap_parse_and_lead_to_pages(site):
    problems, passed, feeds = check_feeds_and_sitemap.check(site.output, site.base_url)
    assert feeds == 6, f"expected one Atom feed per language, found {feeds}"
    assert not problems, problems_message("feed and sitemap problems", problems)
    assert passed == feeds + 1

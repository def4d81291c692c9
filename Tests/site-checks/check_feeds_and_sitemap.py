#!/usr/bin/env python3
"""Independent parsers read what Hexaglot wrote: every Atom feed through feedparser, the
sitemap through lxml, and every <loc> and alternate of the sitemap must exist in the output.

Usage: check_feeds_and_sitemap.py OUTPUT_DIR BASE_URL
Exits 1 with a list of problems, else prints a summary and the plain 'N passed, 0 failed' line.
`make site-checks` runs the same `check` from pytest (test_feeds_and_sitemap.py).
"""
import pathlib
import sys
import urllib.parse

import feedparser
from lxml import etree

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def output_file(output: pathlib.Path, base: str, url: str) -> pathlib.Path | None:
    if not url.startswith(base):
        return None
    path = urllib.parse.unquote(url[len(base):])
    target = output / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def check(output: pathlib.Path, base: str) -> tuple[list[str], int, int]:
    """(problems, checks passed, feeds found) for the site built in `output` with `base`."""
    problems, passed = [], 0

    feeds = sorted(output.glob("*/atom.xml"))
    if not feeds:
        problems.append("no feeds found")
    for feed_path in feeds:
        parsed = feedparser.parse(feed_path.read_bytes())
        if parsed.bozo:
            problems.append(f"{feed_path}: {parsed.bozo_exception}")
            continue
        if parsed.version != "atom10":
            problems.append(f"{feed_path}: not Atom 1.0 but {parsed.version!r}")
        if not parsed.entries or len(parsed.entries) > 20:
            problems.append(f"{feed_path}: {len(parsed.entries)} entries")
        for entry in parsed.entries:
            target = output_file(output, base, entry.link)
            if target is None or not target.exists():
                problems.append(f"{feed_path}: entry link {entry.link} has no page")
        passed += 1

    sitemap_path = output / "sitemap.xml"
    try:
        tree = etree.parse(str(sitemap_path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        problems.append(f"{sitemap_path}: {error}")
    else:
        urls = tree.findall("s:url", SITEMAP_NS)
        if not urls:
            problems.append(f"{sitemap_path}: no <url>")
        for url in urls:
            links = [url.findtext("s:loc", namespaces=SITEMAP_NS)]
            links += [link.get("href") for link in url.findall("x:link", SITEMAP_NS)]
            for link in links:
                target = output_file(output, base, link or "")
                if target is None or not target.exists():
                    problems.append(f"{sitemap_path}: {link} has no page")
        passed += 1
    return problems, passed, len(feeds)


def main() -> int:
    output, base = pathlib.Path(sys.argv[1]), sys.argv[2]
    problems, passed, feeds = check(output, base)
    for problem in problems:
        print(problem)
    print(f"checked {feeds} feeds and the sitemap")
    print(f"{passed} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

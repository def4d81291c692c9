#!/usr/bin/env python3
"""How soon `hexaglot serve` serves an edited page: the time from saving a page's Markdown to
the first HTTP response that carries the new text.

    serve_edit.py --source SITE [--hexaglot PATH] [--edits 10]

The server runs on the site folder as a writer would use it; each edit appends a paragraph to a
different page, then the page's URL is fetched every 2 ms until the paragraph shows. The pages
are restored afterwards. Used by run_bench.py; runs on its own too.
"""
import argparse
import pathlib
import re
import statistics
import subprocess
import sys
import time
import urllib.request

REPO = pathlib.Path(__file__).resolve().parent.parent


def page_url(base, site, markdown):
    """The URL of a page of the benchmark corpus: content/<lang>/<folder>/<name>.md → /<lang>/<folder>/<name>/."""
    relative = markdown.relative_to(site / "content").with_suffix("")
    name = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", relative.name)
    return base + "/".join(relative.parent.parts + (name,)) + "/"


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def measure(site, hexaglot, edits=10, timeout=60.0):
    """Milliseconds from each save to the edited page being served, one per edit."""
    site = pathlib.Path(site)
    pages = sorted((site / "content").glob("*/news/*.md"))
    if not pages:
        sys.exit(f"no pages in {site}/content/*/news/")
    step = max(1, len(pages) // edits)
    chosen = pages[::step][:edits]
    originals = {page: page.read_bytes() for page in chosen}
    server = subprocess.Popen([hexaglot, "serve", "--source", str(site), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base = None
        for line in server.stdout:
            found = re.search(r"Serving at (http://\S+/)", line)
            if found:
                base = found.group(1)
                break
        if base is None:
            sys.exit("hexaglot serve did not start")
        latencies = []
        for number, page in enumerate(chosen):
            url = page_url(base, site, page)
            marker = f"Edited for the benchmark, number {number}."
            if "<html" not in fetch(url):
                sys.exit(f"{url} is not served before the edit")
            time.sleep(0.5)  # the server is idle again, as between a writer's saves
            started = time.perf_counter()
            page.write_bytes(originals[page] + f"\n\n{marker}\n".encode())
            while marker not in fetch(url):
                if time.perf_counter() - started > timeout:
                    sys.exit(f"{url} did not show the edit within {timeout} s")
                time.sleep(0.002)
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies
    finally:
        server.terminate()
        server.wait()
        for page, data in originals.items():
            page.write_bytes(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True)
    parser.add_argument("--hexaglot", default=str(REPO / ".build" / "release" / "hexaglot"))
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    latencies = measure(args.source, args.hexaglot, args.edits)
    print(" ".join(f"{ms:.0f}" for ms in latencies) + " ms")
    print(f"median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms")


if __name__ == "__main__":
    main()

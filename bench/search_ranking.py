#!/usr/bin/env python3
"""Hexaglot's ranking on the bench's query sets, under Node instead of Chromium: the same built
site, the same queries and expected pages as `make bench-search` (bench/search/queries.py),
the published search script run on the index files from disk. Seconds instead of the bench's
many minutes, for working on ranking; prints top-result share and recall@10 per language and
the queries whose first result is not expected.

    search_ranking.py OUTPUT [--langs ar,es] [--queries 40] [--seed 1] [--failures]

OUTPUT is a folder `hexaglot build` wrote (with `search: true`).
"""
from __future__ import annotations

import argparse
import html
import json
import pathlib
import re
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "search"))

import queries  # noqa: E402

DRIVER = r"""
const fs = require('fs'), path = require('path'), vm = require('vm');
const [script, inputFile] = process.argv.slice(2);
vm.runInThisContext(fs.readFileSync(script, 'utf8'));
const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
const load = (manifest) => (name) => Promise.resolve(new Uint8Array(fs.readFileSync(path.join(input.folder, manifest.base, name))));
(async () => {
  const out = [];
  for (const q of input.queries) {
    const manifest = input.manifests[q.lang];
    const found = await HexaglotSearch.search(q.text, manifest, load(manifest));
    const records = await Promise.all(found.ranked.slice(0, 10).map(found.record));
    out.push(records.map((r) => r[0]));
  }
  process.stdout.write(JSON.stringify(out));
})();
"""


def manifest(output: pathlib.Path, lang: str) -> dict:
    page = (output / lang / "search" / "index.html").read_text(encoding="utf-8")
    return json.loads(html.unescape(re.search(r'data-search-index="([^"]*)"', page).group(1)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--langs", default=",".join(queries.LANGUAGES))
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--failures", action="store_true", help="list the queries whose first result is not expected")
    args = parser.parse_args()
    output = pathlib.Path(args.output)
    docs = queries.documents(output)
    script = next((output / "js").glob("search.*.js"))
    langs = args.langs.split(",")
    query_sets = {lang: queries.query_set(docs, lang, args.queries, args.seed) for lang in langs}
    batch = [{"lang": q.lang, "text": q.text} for lang in langs for q in query_sets[lang]]
    with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as driver, \
            tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as data:
        driver.write(DRIVER)
        json.dump({"folder": str(output), "manifests": {lang: manifest(output, lang) for lang in langs}, "queries": batch}, data)
    run = subprocess.run(["node", driver.name, str(script), data.name], capture_output=True, text=True)
    pathlib.Path(driver.name).unlink()
    pathlib.Path(data.name).unlink()
    if run.returncode != 0:
        sys.exit(run.stderr)
    found = iter(json.loads(run.stdout))
    text_of = {d.url: d.text for d in docs}
    for lang in langs:
        tops, recalls, failures = 0, 0.0, []
        for q in query_sets[lang]:
            top = next(found)
            recalls += len(set(top) & q.expected) / min(len(q.expected), 10)
            if top and top[0] in q.expected:
                tops += 1
            else:
                failures.append((q, top))
        n = len(query_sets[lang]) or 1
        print(f"{lang}: top {tops / n:.0%}, recall@10 {recalls / n:.2f} ({n} queries)")
        if args.failures:
            for q, top in failures:
                first = top[0] if top else None
                print(f"  {q.text!r} ({q.kind}, written {q.written!r}) from {q.source}: first {first}, "
                      f"{len(q.expected)} expected: {sorted(q.expected)[:4]}")
                if first:
                    words = [w for w in re.findall(r"\w+", text_of.get(first, "")) if q.text[:3].lower() in w.lower()]
                    print(f"    first result's words like it: {sorted(set(words))[:8]}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""make bench-search: Hexaglot's search against Pagefind, in headless Chromium, on the same built
sites: the department's site, the generated corpus (pseudo-text: size and speed only) and, when
given, a real corpus of translated prose (bench/search/docs_to_content.py makes one).

    search_bench.py [--hexaglot PATH] [--real-corpus DIR] [--corpus-pages-per-lang 2000]
                    [--sites department,generated,real] [--queries 40] [--timed 3] [--seed 1]
                    [--work DIR] [--no-write] [--report-from RUN.json [RUN.json …]]

The three sites take the better part of an hour together (Pagefind indexes the generated
corpus for minutes, every timed query is a fresh browser): --sites runs some of them, each
run's WORK/search.json is kept with --work, and --report-from writes one report from several
runs' files, their sites in the order given.

Per site and language: recall@10 (of the expected pages, the share in the first ten results,
out of at most ten), how often the first result is an expected page, how many queries found
nothing; and, for the first --timed queries (one word each), cold loads of the search page on
an emulated 400 kbit/s, 400 ms round-trip link: requests and gzip KB from the loaded page to
the first result, and the time to it. How the documents, queries and expected pages are made:
bench/search/queries.py; how the engines are served and measured: bench/search/engines.py.
Writes the section "Search" of bench/results.md and the raw numbers to WORK/search.json.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = (REPO / ".." / "shared" / "bench").resolve()
sys.path.insert(0, str(HERE / "search"))

import engines  # noqa: E402
import queries  # noqa: E402
import segments  # noqa: E402

ENGINES = ("hexaglot", "pagefind")


def build(hexaglot: str, source: pathlib.Path, output: pathlib.Path) -> str:
    shutil.rmtree(output, ignore_errors=True)
    result = subprocess.run([hexaglot, "build", "--source", str(source), "--output", str(output)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"hexaglot build of {source} failed:\n{result.stdout}{result.stderr}")
    return (result.stdout.strip().splitlines() or [""])[-1]


def with_theme(content_parent: pathlib.Path) -> pathlib.Path:
    """A corpus folder rendered by the repository's default theme, as bench/run_bench.py does."""
    shutil.rmtree(content_parent / "templates", ignore_errors=True)
    shutil.copytree(REPO / "templates", content_parent / "templates")
    # Search is opt-in per site (site.yaml `search: true`); the generated corpus does not ask.
    site_yaml = content_parent / "content" / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    if not any(line.startswith("search:") for line in text.splitlines()):
        site_yaml.write_text(text.rstrip("\n") + "\nsearch: true\n", encoding="utf-8")
    return content_parent


def score(found: list[str] | None, expected: frozenset[str]) -> tuple[float, bool, bool]:
    """(recall@10, first result expected, nothing found) of one query."""
    top = (found or [])[:10]
    recall = len(set(top) & expected) / min(len(expected), 10)
    return recall, bool(top) and top[0] in expected, not top


def run_site(name: str, output: pathlib.Path, work: pathlib.Path, args) -> dict:
    docs = queries.documents(output)
    languages = [lang for lang in queries.LANGUAGES if any(d.lang == lang for d in docs)]
    pagefind_dir = work / f"{name}-pagefind"
    index_seconds, index_summary = engines.prepare_pagefind(output, docs, pagefind_dir)
    roots = {"hexaglot": output, "pagefind": pagefind_dir}
    site = {"name": name, "pages": len(docs), "pagefind_index": f"{index_summary} in {index_seconds:.1f} s",
            "languages": {}}
    for lang in languages:
        query_set = queries.query_set(docs, lang, args.queries, args.seed)
        text_of = {d.url: d.text for d in docs}
        entry = {"documents": sum(d.lang == lang for d in docs), "queries": [
            {"text": q.text, "kind": q.kind, "source": q.source, "expected": sorted(q.expected),
             **({"segment": segments.position(text_of[q.source], q.text)} if lang == "zh" else {})} for q in query_set]}
        for engine in ENGINES:
            if not (roots[engine] / lang / "search" / "index.html").is_file():
                entry[engine] = {"missing": f"no /{lang}/search/ page in the build"}
                continue
            with engines.serve(roots[engine]) as server:
                driver = engines.make_driver()
                try:
                    found = [engines.results(driver, server.origin, lang, q.text) for q in query_set]
                finally:
                    driver.quit()
                scores = [score(f, q.expected) for f, q in zip(found, query_set)]
                timed = [engines.timed(server, lang, q.text, args.kbit, args.rtt, args.throttle) for q in query_set[:args.timed]]
            n = len(scores) or 1
            entry[engine] = {
                "recall": sum(s[0] for s in scores) / n, "top": sum(s[1] for s in scores) / n,
                "none": sum(s[2] for s in scores) / n, "unanswered": sum(f is None for f in found),
                "found": found, "timed": timed,
                "requests": engines.median([t and t["requests"] for t in timed]),
                "kb": engines.median([t and t["bytes"] / 1000 for t in timed]),
                "seconds": engines.median([t and t["ms"] / 1000 for t in timed]),
            }
            e = entry[engine]
            print(f"{name} {lang} {engine}: recall@10 {e['recall']:.2f}, top {e['top']:.0%}, none {e['none']:.0%}, "
                  f"{e['requests']} requests, {e['kb']} KB, {e['seconds']} s", flush=True)
        site["languages"][lang] = entry
    return site


def ordered(site: dict) -> list[str]:
    """The site's languages in the project's order (zh, ar, en, fr, ru, es)."""
    return [lang for lang in queries.LANGUAGES if lang in site["languages"]]


def cell(value, form: str) -> str:
    return "–" if value is None else format(value, form)


def report(sites: list[dict], args, notes: list[str]) -> str:
    lines = ["## Search", "",
             f"`make bench-search` ({datetime.date.today().isoformat()}; {engines.pagefind_version()} (extended), "
             f"Chromium headless; {args.queries} queries a language, seed {args.seed}; timing: median of the first "
             f"{args.timed} queries, each a cold load in a fresh browser on a {args.kbit} kbit/s, {args.rtt} ms link "
             f"emulated by {'the server' if args.throttle == 'server' else 'Chrome (CDP)'}). recall@10: the share of the expected pages among the first ten results (out of "
             "at most ten); top: first result expected; none: queries that found nothing. Requests and KB (response "
             "bodies as sent, gzip) from the loaded search page to the first result: scripts, index files, "
             "WebAssembly, not the page's HTML, CSS, images. How queries and expected pages are made: "
             "bench/search/queries.py.", ""]
    lines += notes
    lines += ["| site | zh recall@10 | ar recall@10 | requests | KB to first result (gzip) | at 400 kbit/s, 400 ms RTT |",
              "|---|---|---|---|---|---|"]
    for site in sites:
        for engine in ENGINES:
            per = [site["languages"][lang].get(engine, {}) for lang in ordered(site)]
            ok = [p for p in per if "recall" in p]
            if not ok:
                lines.append(f"| {site['name']} ({site['pages']} pages), {engine} | not measured: "
                             f"{per[0].get('missing', '')} | | | | |")
                continue
            get = lambda lang, key: site["languages"].get(lang, {}).get(engine, {}).get(key)  # noqa: E731
            reqs = [p["requests"] for p in ok if p["requests"] is not None]
            kbs = [p["kb"] for p in ok if p["kb"] is not None]
            secs = [p["seconds"] for p in ok if p["seconds"] is not None]
            span = lambda xs, form: "–" if not xs else (format(min(xs), form) if format(min(xs), form) == format(max(xs), form)  # noqa: E731
                                                          else f"{format(min(xs), form)}–{format(max(xs), form)}")
            lines.append(f"| {site['name']} ({site['pages']} pages), {engine} | {cell(get('zh', 'recall'), '.2f')} "
                         f"(none {cell(get('zh', 'none'), '.0%')}) | {cell(get('ar', 'recall'), '.2f')} | {span(reqs, '.0f')} | "
                         f"{span(kbs, '.0f')} | {span(secs, '.1f')} s |")
    lines.append("")
    for site in sites:
        lines += [f"### {site['name']}: {site['pages']} pages with text; Pagefind: {site['pagefind_index']}", "",
                  "| language (pages) | engine | recall@10 | top | none | requests | KB | time to first result |",
                  "|---|---|---|---|---|---|---|---|"]
        for lang in ordered(site):
            entry = site["languages"][lang]
            for engine in ENGINES:
                e = entry.get(engine, {})
                if "recall" not in e:
                    lines.append(f"| {lang} ({entry['documents']}) | {engine} | {e.get('missing', '')} | | | | | |")
                    continue
                lines.append(f"| {lang} ({entry['documents']}) | {engine} | {e['recall']:.2f} | {e['top']:.0%} | {e['none']:.0%} | "
                             f"{cell(e['requests'], '.0f')} | {cell(e['kb'], '.0f')} | {cell(e['seconds'], '.1f')} s |")
        lines.append("")
        lines += by_kind(site)
    return "\n".join(lines)


def by_kind(site: dict) -> list[str]:
    """recall@10 and top-result share per kind of query (zh-2…zh-4, each Arabic variant)."""
    kinds: dict[str, dict[str, list]] = {}
    for entry in site["languages"].values():
        for engine in ENGINES:
            found = entry.get(engine, {}).get("found")
            if found is None:
                continue
            for query, result in zip(entry["queries"], found):
                if query["kind"] == "inflected":
                    continue
                scored = score(result, frozenset(query["expected"]))
                kinds.setdefault(query["kind"], {}).setdefault(engine, []).append(scored)
                if "segment" in query:
                    kinds.setdefault(f"zh-{query['segment']}", {}).setdefault(engine, []).append(scored)
    if not kinds:
        return []
    lines = ["Chinese and Arabic queries by kind (recall@10 / top result expected); zh-2…zh-4 by length, and by "
             "where the query falls among the page's words (jieba): whole words, inside a word, across words:", "",
             "| kind | queries | " + " | ".join(ENGINES) + " |", "|---|---|" + "---|" * len(ENGINES)]
    for kind in sorted(kinds):
        n = max(len(v) for v in kinds[kind].values())
        cells = []
        for engine in ENGINES:
            scores = kinds[kind].get(engine)
            cells.append("–" if not scores else f"{sum(x[0] for x in scores) / len(scores):.2f} / {sum(x[1] for x in scores) / len(scores):.0%}")
        lines.append(f"| {kind} | {n} | " + " | ".join(cells) + " |")
    return lines + [""]


def write_section(path: pathlib.Path, section: str) -> None:
    """Replace the '## Search' section of results.md (up to the next '## '), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    start = text.find("\n## Search\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start + 1] + section + "\n" + (text[end:] if end >= 0 else "")
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hexaglot", default=str(REPO / ".build" / "debug" / "hexaglot"))
    parser.add_argument("--real-corpus", help="a folder with content/ of real text (docs_to_content.py --out)")
    parser.add_argument("--corpus-pages-per-lang", type=int, default=2000, help="generated corpus size (0: skip it)")
    parser.add_argument("--queries", type=int, default=40, help="queries a language")
    parser.add_argument("--timed", type=int, default=3, help="timed cold loads a language and engine")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kbit", type=int, default=400)
    parser.add_argument("--rtt", type=int, default=400, help="round trip, ms")
    parser.add_argument("--throttle", choices=("server", "cdp"), default="server",
                        help="who emulates the slow link: the bench's server (default), or Chrome (misses web workers' requests)")
    parser.add_argument("--work", help="keep builds here (default: a temporary folder, removed)")
    parser.add_argument("--no-write", action="store_true", help="print, do not write bench/results.md")
    parser.add_argument("--sites", default="department,generated,real",
                        help="which sites to measure, of department, generated, real (real needs --real-corpus)")
    parser.add_argument("--report-from", nargs="+", metavar="RUN_JSON",
                        help="only write the report again from runs' search.json files (same options), merged in order")
    args = parser.parse_args()
    if args.report_from:
        sites, notes = [], []
        for run in args.report_from:
            saved = json.loads(pathlib.Path(run).read_text(encoding="utf-8"))
            run_sites, run_notes = (saved["sites"], saved["notes"]) if isinstance(saved, dict) else (saved, [])
            sites += run_sites
            notes += run_notes  # only a run with the real corpus has notes (its sources)
        section = report(sites, args, notes)
        print(section)
        if not args.no_write:
            write_section(HERE / "results.md", section)
        return

    shm = pathlib.Path("/dev/shm")
    work = pathlib.Path(args.work) if args.work else pathlib.Path(
        tempfile.mkdtemp(prefix="hexaglot-search-", dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None))
    work.mkdir(parents=True, exist_ok=True)
    notes, sites = [], []
    try:
        chosen = set(args.sites.split(","))
        unknown = chosen - {"department", "generated", "real"}
        if unknown:
            sys.exit(f"unknown --sites: {', '.join(sorted(unknown))}")
        inputs = [("the department's site", REPO)] if "department" in chosen else []
        if args.corpus_pages_per_lang and "generated" in chosen:
            generated = work / f"corpus-{args.corpus_pages_per_lang}"
            if not (generated / "content" / "site.yaml").exists():
                subprocess.run([sys.executable, str(SHARED / "gen_corpus.py"), "--pages-per-lang", str(args.corpus_pages_per_lang),
                                "--out", str(generated)], check=True, stdout=subprocess.DEVNULL)
            inputs.append(("the generated corpus (pseudo-text)", with_theme(generated)))
        if args.real_corpus and "real" in chosen:
            real = work / "real-corpus"
            shutil.rmtree(real, ignore_errors=True)
            shutil.copytree(pathlib.Path(args.real_corpus) / "content", real / "content")
            inputs.append(("translated React docs and JavaScript tutorial (real text)", with_theme(real)))
            sources = pathlib.Path(args.real_corpus) / "sources.txt"
            if sources.exists():  # written by docs_to_content.py: language, layout, repository, commit, pages
                notes += ["The real corpus (language, layout, repository, commit, pages kept):", "", "```",
                          *sources.read_text(encoding="utf-8").splitlines(), "```", ""]
        elif "real" in chosen:
            notes += ["No real corpus this run (pass --real-corpus, or REAL_CORPUS=DIR to make).", ""]
        for name, source in inputs:
            # Named by the site, not its place in this run, so runs of different --sites can share a --work.
            output = work / f"site-{'department' if source == REPO else source.name}"
            summary = build(args.hexaglot, source, output)
            print(f"{name}: {summary}", flush=True)
            site = run_site(output.name, output, work, args)
            site["name"] = name
            sites.append(site)
        # One file per choice of sites, so that separate runs into one --work do not overwrite each other.
        engines.dump(work / ("search.json" if chosen == {"department", "generated", "real"} else f"search-{'-'.join(sorted(chosen))}.json"),
                     {"sites": sites, "notes": notes})
        section = report(sites, args, notes)
        print(section)
        if not args.no_write:
            write_section(HERE / "results.md", section)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

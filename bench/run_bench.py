#!/usr/bin/env python3
"""make bench: Hexaglot and Hugo build the same six-language corpus, alternately, and the
medians of wall time, CPU time and peak memory are compared; cmark-gfm alone is the floor.
Then `hexaglot serve` runs on the corpus and ten edits measure how soon an edited page is served.

    run_bench.py [--pages-per-lang 2000] [--pairs 5] [--scales 200,2000,10000] [--hexaglot PATH] [--corpora DIR]

The corpus comes from ../shared/bench/gen_corpus.py and lives on a tmpfs (/dev/shm) when there
is one; otherwise each run is paired with a `cp -r` of its output on the same disk, as the
workload's README asks. Results go to bench/results.md (with the machine description).
"""
import argparse
import os
import pathlib
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import serve_edit

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = (REPO / ".." / "shared" / "bench").resolve()


def run(command, cwd=None, env=None):
    """Runs a command; returns wall seconds, user+sys CPU seconds and peak RSS (bytes) of it
    and its children, measured with wait4."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{error}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def corpus(root, pages_per_lang):
    folder = root / f"corpus-{pages_per_lang}"
    if not (folder / "content" / "site.yaml").exists():
        subprocess.run([sys.executable, str(SHARED / "gen_corpus.py"), "--pages-per-lang", str(pages_per_lang),
                        "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
    # The default theme renders the corpus (it has the same features as the Hugo reference theme).
    shutil.rmtree(folder / "templates", ignore_errors=True)
    shutil.copytree(REPO / "templates", folder / "templates")
    return folder


def page_count(folder):
    return sum(1 for _ in (folder / "content").rglob("*.md"))


def floor(folder, workdir):
    binary = workdir / "cmark-floor"
    if not binary.exists():
        subprocess.run(["cc", "-O2", "-o", str(binary), str(HERE / "cmark_floor.c"), "-lcmark-gfm", "-lcmark-gfm-extensions"],
                       check=True)
    listing = workdir / "files.txt"
    listing.write_text("\n".join(str(p) for p in sorted((folder / "content").rglob("*.md"))) + "\n")
    started = time.perf_counter()
    with open(listing) as stdin:
        process = subprocess.Popen([str(binary)], stdin=stdin, stdout=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def measure(folder, hexaglot, pairs, workdir, on_tmpfs):
    out_h, out_g = workdir / "out-hexaglot", workdir / "out-hugo"
    copy_h, copy_g = workdir / "copy-hexaglot", workdir / "copy-hugo"
    # --force: the timed runs are full builds, never no-op skips.
    hexaglot_command = [hexaglot, "build", "--source", str(folder), "--output", str(out_h), "--force"]
    hugo_command = ["sh", str(SHARED / "run_hugo.sh"), str(folder), str(out_g)]

    def once(command, out, copy):
        shutil.rmtree(out, ignore_errors=True)
        result = run(command)
        if not on_tmpfs:  # pair each run with a copy of its output on the same disk
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(out, copy)
        return result

    once(hexaglot_command, out_h, copy_h)  # warm-up
    once(hugo_command, out_g, copy_g)
    results = {"hexaglot": [], "hugo": []}
    for _ in range(pairs):
        results["hexaglot"].append(once(hexaglot_command, out_h, copy_h))
        results["hugo"].append(once(hugo_command, out_g, copy_g))
    # No-op rebuild: the same build again over its own output, nothing changed.
    noop = [run(hexaglot_command[:-1]) for _ in range(3)]
    # Where the time goes: one more full build with the per-stage profile.
    profile = subprocess.run(hexaglot_command + ["--verbose"], capture_output=True, text=True, check=True)
    stages = profile.stderr + profile.stdout
    return results, noop, [line for line in stages.splitlines() if line.startswith("  ")]


def medians(samples):
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip().split(" ")[0:2]
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB; Hugo {' '.join(hugo)}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages-per-lang", type=int, default=2000)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--scales", default="200,2000,10000", help="pages per language for the scaling runs ('' to skip)")
    parser.add_argument("--hexaglot", default=str(REPO / ".build" / "release" / "hexaglot"))
    parser.add_argument("--corpora", help="keep generated corpora in this folder and reuse them (the 10,000-a-language corpus"
                        " takes minutes to generate); by default they are made afresh and removed")
    args = parser.parse_args()

    shm = pathlib.Path("/dev/shm")
    on_tmpfs = shm.is_dir() and os.access(shm, os.W_OK)
    root = pathlib.Path(tempfile.mkdtemp(prefix="hexaglot-bench-", dir=shm if on_tmpfs else None))
    corpora = pathlib.Path(args.corpora) if args.corpora else root
    corpora.mkdir(parents=True, exist_ok=True)
    try:
        folder = corpus(corpora, args.pages_per_lang)
        pages = page_count(folder)
        results, noop, stages = measure(folder, args.hexaglot, args.pairs, root, on_tmpfs)
        floor_wall, floor_cpu = floor(folder, root)
        served = serve_edit.measure(folder, args.hexaglot, edits=10)
        h, g, n = medians(results["hexaglot"]), medians(results["hugo"]), medians(noop)
        scaling = []
        for scale in [int(s) for s in args.scales.split(",") if s]:
            scaled = corpus(corpora, scale)
            hexaglot_command = [args.hexaglot, "build", "--source", str(scaled), "--output", str(root / f"out-{scale}"), "--force"]
            run(hexaglot_command)  # warm-up
            samples = [run(hexaglot_command) for _ in range(3)]
            scaling.append((scale, page_count(scaled), medians(samples)))
            if not args.corpora:
                shutil.rmtree(scaled, ignore_errors=True)
            shutil.rmtree(root / f"out-{scale}", ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    lines = [
        f"# Benchmark results", "",
        f"Machine: {machine()}. Corpus: `gen_corpus.py --pages-per-lang {args.pages_per_lang}` ({pages} Markdown files), "
        f"{'on a tmpfs' if on_tmpfs else 'on disk, each run paired with a cp -r of its output'}; "
        f"{args.pairs} alternating pairs after a warm-up, medians.", "",
        "| | wall | CPU (user+sys) | peak RSS | pages/s |",
        "|---|---|---|---|---|",
        f"| Hexaglot | {h[0]:.2f} s | {h[1]:.2f} s | {h[2] / 2**20:.0f} MiB | {pages / h[0]:.0f} |",
        f"| Hugo | {g[0]:.2f} s | {g[1]:.2f} s | {g[2] / 2**20:.0f} MiB | {pages / g[0]:.0f} |",
        f"| Hexaglot / Hugo | {h[0] / g[0]:.2f} | {h[1] / g[1]:.2f} | {h[2] / g[2]:.2f} | |",
        f"| cmark-gfm alone (floor, one core) | {floor_wall:.2f} s | {floor_cpu:.2f} s | | |",
        f"| Hexaglot / floor | {h[0] / floor_wall:.2f} | {h[1] / floor_cpu:.2f} | | |",
        f"| no-op rebuild (Hexaglot) | {n[0]:.2f} s ({n[0] / h[0]:.2f} of a full build) | {n[1]:.2f} s | {n[2] / 2**20:.0f} MiB | |",
        "",
        f"`hexaglot serve` on this corpus, one page edited (10 edits, `bench/serve_edit.py`): the new text is served "
        f"{statistics.median(served):.0f} ms after the save (median; max {max(served):.0f} ms).",
        "", f"Memory: {h[2] / pages / 1024:.0f} KiB per page at this size.", "",
        "Where the time goes (`hexaglot build --verbose`, one more full build; stages run on every core):", "",
        "```", *stages, "```", "",
    ]
    if scaling:
        lines += ["Scaling (Hexaglot, medians of 3):", "", "| pages per language | pages | wall | CPU | peak RSS | KiB/page |", "|---|---|---|---|---|---|"]
        for scale, count, (wall, cpu, rss) in scaling:
            lines.append(f"| {scale} | {count} | {wall:.2f} s | {cpu:.2f} s | {rss / 2**20:.0f} MiB | {rss / count / 1024:.0f} |")
        lines.append("")
    report = "\n".join(lines)
    # The "Search" section is bench/search_bench.py's (make bench-search): kept as it was.
    previous = (HERE / "results.md").read_text() if (HERE / "results.md").exists() else ""
    search = previous.find("\n## Search\n")
    (HERE / "results.md").write_text(report + ("\n" + previous[search:] if search >= 0 else ""))
    print(report)


if __name__ == "__main__":
    main()

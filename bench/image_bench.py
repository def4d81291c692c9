#!/usr/bin/env python3
"""Photos: a cold build (empty variant cache) in images per second, a warm rebuild against the
same site without its photos, and the cold encode against the `vips` command line making the
same variants (one image per core, as Hexaglot does).

    image_bench.py [--hexaglot PATH] [--photos N] [--runs 3] [--cache DIR] [--warm-only]

The photos are real: the JPEG wallpapers of Debian's lomiri-wallpapers-20.04 (CC-BY-SA-3.0, 4 to
24 megapixels), fetched with `apt-get download` at bench time, used round-robin N times (each copy
made distinct by two appended bytes, so every one is encoded). Prints a Markdown table.

Encoding 200 photos cold takes several minutes on two cores, so `--cache DIR` keeps the variant
cache in DIR (the photos are the same bytes every run, so their variants are found there again)
and `--warm-only` skips the cold builds and the CLI comparison: fill DIR once with a run without
`--warm-only`, or with one build, then measure warm rebuilds against it. The cache's `sources/`
facts are by site folder, path and stat, and the site is made afresh in a temporary folder, so one warm-up
build reads and hashes every photo before the measured rebuilds.
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
WIDTHS = [480, 960, 1600]
# The encodings and settings Hexaglot's defaults use (Sources/HexaglotKit/Images/ImageSettings.swift).
VIPS_SUFFIXES = ["avif[Q=50,effort=2,strip]", "webp[Q=75,effort=4,strip]", "jpg[Q=80,strip,optimize_coding,interlace]"]


def wallpapers(work):
    folder = work / "wallpapers"
    folder.mkdir()
    subprocess.run(["apt-get", "download", "lomiri-wallpapers-20.04"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    deb = next(folder.glob("*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(folder / "x")], check=True)
    return sorted((folder / "x").rglob("*.jpg"))


def make_site(root, photos, count):
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    for n in range(count):
        bundle = root / "content" / "en" / "news" / f"2026-01-01-photo-{n}"
        bundle.mkdir(parents=True)
        data = photos[n % len(photos)].read_bytes() + bytes([n % 256, n // 256])
        (bundle / "photo.jpg").write_bytes(data)
        (bundle / "index.md").write_text(f"---\ntitle: Photo {n}\n---\n![Photo number {n}](photo.jpg)\n")


def timed(command, env=None):
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def vips_cli(photos, out):
    """The same variants with `vips thumbnail`, one photo per core."""
    jobs = []
    for n, photo in enumerate(photos):
        for width in WIDTHS:
            for suffix in VIPS_SUFFIXES:
                target = out / f"{n}-{width}.{suffix}"
                jobs.append(["vips", "thumbnail", str(photo), str(target), str(width), "--height", "10000000", "--size", "down"])
    env = dict(os.environ, VIPS_CONCURRENCY="1")
    started = time.perf_counter()
    running = []
    for job in jobs:
        while len(running) >= os.cpu_count():
            running.pop(0).wait()
        running.append(subprocess.Popen(job, env=env))
    for process in running:
        process.wait()
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hexaglot", default=str(REPO / ".build" / "release" / "hexaglot"))
    parser.add_argument("--photos", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", help="keep the variant cache in this folder between runs of the bench")
    parser.add_argument("--warm-only", action="store_true", help="no cold builds, no CLI comparison")
    parser.add_argument("--no-cli", action="store_true", help="no CLI comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hexaglot-image-bench-") as temp:
        work = pathlib.Path(temp)
        photos = wallpapers(work)
        with_photos, without = work / "with", work / "without"
        make_site(with_photos, photos, args.photos)
        make_site(without, photos, 0)
        # The same pages, without their photos.
        for n in range(args.photos):
            bundle = without / "content" / "en" / "news" / f"2026-01-01-photo-{n}"
            bundle.mkdir(parents=True)
            (bundle / "index.md").write_text(f"---\ntitle: Photo {n}\n---\nPhoto number {n}.\n")
        if args.cache:
            pathlib.Path(args.cache).mkdir(parents=True, exist_ok=True)
            (with_photos / ".hexaglot-cache").mkdir()
            (with_photos / ".hexaglot-cache" / "images").symlink_to(pathlib.Path(args.cache).resolve())
        # Each site its own output folder, as a rebuild in place has the previous output beside it.
        build = lambda site: [args.hexaglot, "build", "--force", "--source", str(site), "--output", str(work / f"public-{site.name}")]
        cold = []
        for _ in range(0 if args.warm_only else args.runs):
            shutil.rmtree(pathlib.Path(args.cache) if args.cache else with_photos / ".hexaglot-cache", ignore_errors=True)
            if args.cache:
                pathlib.Path(args.cache).mkdir(parents=True)
            cold.append(timed(build(with_photos)))
        # The warm-up: variants from the cache, each photo's facts read once and stored.
        warmup = timed(build(with_photos))
        timed(build(without))
        # Alternately, so that the shared machine's changing load falls on both alike.
        warm, plain = [], []
        for _ in range(args.runs * 2):
            warm.append(timed(build(with_photos)))
            plain.append(timed(build(without)))
        sources = [with_photos / "content" / "en" / "news" / f"2026-01-01-photo-{n}" / "photo.jpg" for n in range(args.photos)]
        cli = []
        for _ in range(0 if args.warm_only or args.no_cli else args.runs):
            out = work / "vips-out"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            cli.append(vips_cli(sources, out))
        median = lambda values: sorted(values)[len(values) // 2]
        print(f"| {args.photos} photos, {os.cpu_count()} cores | median of {args.runs} |")
        print("|---|---|")
        if cold:
            print(f"| cold build (whole site, empty cache) | {median(cold):.2f} s, {args.photos / median(cold):.2f} images/s |")
        if cli:
            print(f"| `vips thumbnail` CLI, same variants | {median(cli):.2f} s (Hexaglot cold / CLI: {median(cold) / median(cli):.2f}×) |")
        print(f"| first warm build (variants cached, photos read and hashed) | {warmup:.3f} s |")
        print(f"| warm rebuild (median of {len(warm)}) | {median(warm):.3f} s |")
        print(f"| same site without the photos | {median(plain):.3f} s (warm / without: {median(warm) / median(plain):.3f}×) |")


if __name__ == "__main__":
    sys.exit(main())

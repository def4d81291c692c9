"""Photos as a reader on a phone sees them (issue 15, point 9): the department's site with news
pages that show real photographs, built by the same binary, opened in headless Chromium at
360×640 with a device pixel ratio of 2 and at 1280 px, each time with an empty cache.

The photographs are real: the JPEG wallpapers of Debian's lomiri-wallpapers-20.04 (photographs by
Lukas Baubkus and Aury88, CC-BY-SA-3.0, see the package's copyright file), fetched with
`apt-get download` when the checks run, one of them given a GPS position and a rotation with
exiftool, as a phone writes them. The checks: the browser picks the variant the `sizes` and its
screen call for (`currentSrc`), nothing moves when the photos arrive (layout shifts), the
heaviest page transfers at most 200 KB on its first load with the photos below the fold not
loaded, and every variant decodes, with independent decoders (djpeg, dwebp, avifdec), to the
width in its name, without any metadata (exiftool).
"""
from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest

import sitechecks
from conftest import REPOSITORY, _path

PHONE = (360, 640)
FIRST_LOAD_BUDGET_BYTES = 200_000
LANGUAGES = ("zh", "ar", "en")
# Long enough that the later photos lie beyond Chromium's lazy-loading distance (up to 2,500 px).
LONG_TEXT = {
    "zh": "工人在裁剪线旁分拣边角料，准备回收利用。" * 200,
    "ar": "يفرز العمال قصاصات القماش عند خط القص لإعادة تدويرها. " * 200,
    "en": "Workers sort offcuts at the cutting line, ready to be recycled. " * 200,
}
ALT = {"zh": "裁剪线旁的工人", "ar": "عمال عند خط القص", "en": "Workers at the cutting line"}


def _photographs(work: pathlib.Path) -> list[pathlib.Path]:
    subprocess.run(["apt-get", "download", "lomiri-wallpapers-20.04"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deb = next(work.glob("lomiri-wallpapers-20.04_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(work / "x")], check=True)
    backgrounds = work / "x" / "usr" / "share" / "backgrounds"
    # The two photographs of the package (the others are drawings).
    return [backgrounds / "Kleiber_by_Lukas_Baubkus.jpg", backgrounds / "Infinite-Sea_by_Aury88.jpg"]


@pytest.fixture(scope="module")
def photo_site():
    binary = _path("HEXAGLOT", ".build/debug/hexaglot")
    work = pathlib.Path(tempfile.mkdtemp(prefix="hexaglot-photo-checks-"))
    try:
        photos = _photographs(work)
        site = work / "site"
        shutil.copytree(REPOSITORY / "content", site / "content")
        shutil.copytree(REPOSITORY / "templates", site / "templates")
        # As a phone writes it: a GPS position and "rotate 90° clockwise to show".
        tagged = work / "tagged.jpg"
        shutil.copy(photos[0], tagged)
        subprocess.run(["exiftool", "-q", "-overwrite_original", "-n", "-Orientation=6", "-GPSLatitude=48.2336",
                        "-GPSLatitudeRef=N", "-GPSLongitude=16.4157", "-GPSLongitudeRef=E", str(tagged)], check=True)
        for lang in LANGUAGES:
            bundle = site / "content" / lang / "news" / "2026-11-28-photo-report"
            bundle.mkdir(parents=True)
            shutil.copy(photos[0], bundle / "line.jpg")
            shutil.copy(photos[1], bundle / "sea.jpg")
            shutil.copy(tagged, bundle / "phone.jpg")
            (bundle / "index.md").write_text(
                f"---\ntitle: Photo report {lang}\ndate: 2026-11-28\n---\n![{ALT[lang]}](line.jpg)\n\n"
                f"{LONG_TEXT[lang]}\n\n![{ALT[lang]} 2](sea.jpg)\n\n{LONG_TEXT[lang]}\n\n![{ALT[lang]} 3](phone.jpg)\n\n"
                "[Full size](phone.jpg)\n",
                encoding="utf-8")
        output = work / "public"
        result = subprocess.run([str(binary), "build", "--source", str(site), "--output", str(output)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        with sitechecks.serve(output) as server:
            yield type("PhotoSite", (), {"output": output, "server": server, "tagged": tagged})
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _fresh_load(driver, url: str, size: tuple[int, int], ratio: int) -> None:
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": ratio, "mobile": size[0] < 600})
    sitechecks.requests_made(driver)
    # Layout shifts are recorded from the first paint on, before the photos arrive.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        window.__shifts = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value; })
            .observe({type: 'layout-shift', buffered: true});"""})
    sitechecks.open_page(driver, url)
    driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const eager = [...document.images].filter(i => i.loading !== 'lazy');
        Promise.all(eager.map(i => i.decode().catch(() => null))).then(() => setTimeout(() => done(true), 300));""")


def _expected_width(driver, image) -> int:
    """What Chromium should take from the srcset: the smallest candidate at least as wide as the
    source size (from `sizes`) times the device pixel ratio, else the widest."""
    needed = driver.execute_script("""
        const img = arguments[0];
        const sizes = img.getAttribute('sizes').split(',').map(s => s.trim());
        let size = null;
        for (const entry of sizes) {
            const m = entry.match(/^(\\(.*\\))\\s+(.+)$/);
            if (!m) { size = entry; break; }
            if (matchMedia(m[1]).matches) { size = m[2]; break; }
        }
        const probe = document.createElement('div');
        probe.style.width = size; probe.style.position = 'absolute'; document.body.append(probe);
        const px = probe.getBoundingClientRect().width; probe.remove();
        return px * devicePixelRatio;""", image)
    widths = sorted(int(w) for w in re.findall(r"(\d+)w", image.get_attribute("srcset")))
    return next((w for w in widths if w >= needed), widths[-1])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("size,ratio", [(PHONE, 2), (sitechecks.DESKTOP, 1)], ids=["phone-360-dpr2", "desktop-1280"])
def test_the_browser_picks_the_variant_its_screen_needs_and_nothing_moves(photo_site, browser, lang, size, ratio):
    url = f"{photo_site.server.origin}/{lang}/news/photo-report/"
    _fresh_load(browser, url, size, ratio)
    first = browser.find_element("css selector", "main picture img")
    chosen = first.get_property("currentSrc")
    expected = _expected_width(browser, first)
    assert re.search(rf"/line-{expected}w-[0-9a-f]{{12}}\.avif$", chosen), f"{chosen}: expected the {expected}w AVIF"
    shifts = browser.execute_script("return window.__shifts")
    assert shifts < 0.01, f"layout moved by {shifts:.3f} while the photos loaded"
    # The photos below the fold are not fetched on the first screen.
    requested = sitechecks.requests_made(browser)
    assert not [u for u in requested if "/sea-" in u or "/phone-" in u], requested


def test_the_heaviest_photo_page_stays_under_its_first_load_budget(photo_site, browser):
    weights = {}
    for lang in LANGUAGES:
        _fresh_load(browser, f"{photo_site.server.origin}/{lang}/news/photo-report/", PHONE, 2)
        weights[lang] = browser.execute_script("""
            const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
            return entries.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0);""")
    heaviest = max(weights, key=weights.get)
    assert weights[heaviest] <= FIRST_LOAD_BUDGET_BYTES, f"{weights} (bytes on first load at 360 px, DPR 2)"


def _decoded_size(path: pathlib.Path) -> tuple[int, int]:
    if path.suffix == ".avif":
        info = subprocess.run(["avifdec", "--info", str(path)], capture_output=True, text=True, check=True).stdout
        width, height = re.search(r"Resolution\s*:\s*(\d+)x(\d+)", info).groups()
        return int(width), int(height)
    if path.suffix == ".webp":
        with tempfile.NamedTemporaryFile(suffix=".pam") as out:
            subprocess.run(["dwebp", "-quiet", "-pam", str(path), "-o", out.name], check=True)
            header = pathlib.Path(out.name).read_bytes()[:200].decode("latin-1")
        return int(re.search(r"WIDTH (\d+)", header).group(1)), int(re.search(r"HEIGHT (\d+)", header).group(1))
    ppm = subprocess.run(["djpeg", "-pnm", str(path)], capture_output=True, check=True).stdout
    width, height = ppm.split(b"\n", 3)[1].split()
    return int(width), int(height)


def test_every_variant_decodes_to_its_named_width_without_metadata(photo_site):
    variants = sorted(photo_site.output.glob("img/*-*w-*.*"))
    assert len(variants) >= 27, [v.name for v in variants]
    problems = []
    for variant in variants:
        width, height = _decoded_size(variant)
        named = int(re.search(r"-(\d+)w-", variant.name).group(1))
        if width != named:
            problems.append(f"{variant.name}: decodes to {width}×{height}")
        # The phone's photo was tagged "rotate 90°": its variants are portrait.
        if variant.name.startswith("phone-") and height <= width:
            problems.append(f"{variant.name}: {width}×{height}, the orientation was not applied")
    tags = subprocess.run(["exiftool", "-a", "-G1", "-s", *map(str, variants)], capture_output=True, text=True).stdout
    for group in ("GPS", "EXIF", "IFD0", "XMP", "IPTC", "ICC_Profile", "MakerNotes"):
        if re.search(rf"^\[{group}", tags, re.M):
            problems.append(f"a variant holds [{group}] tags")
    assert "GPS" in subprocess.run(["exiftool", "-s", str(photo_site.tagged)], capture_output=True, text=True).stdout
    assert not problems, "\n".join(problems)


def test_a_linked_original_is_published_at_full_size_without_metadata_and_shows(photo_site, browser):
    """The "full-size photo" link (issue 15, point 4): the phone's photo, GPS and all, is published
    again at its full size, turned as the phone said, with no metadata, and Chromium shows it."""
    original = photo_site.output / "en" / "news" / "photo-report" / "phone.jpg"
    tags = subprocess.run(["exiftool", "-a", "-G1", "-s", str(original)], capture_output=True, text=True, check=True).stdout
    groups = {line.split()[0] for line in tags.splitlines() if line.strip()}
    assert groups <= {"[ExifTool]", "[System]", "[File]", "[Composite]", "[JFIF]"}, tags
    stored_width, stored_height = map(int, subprocess.run(
        ["exiftool", "-s3", "-n", "-ImageWidth", "-ImageHeight", str(photo_site.tagged)],
        capture_output=True, text=True, check=True).stdout.split())
    # Stored landscape, tagged "rotate 90°": published portrait, full size.
    expected = (stored_height, stored_width)
    assert _decoded_size(original) == expected
    sitechecks.open_page(browser, f"{photo_site.server.origin}/en/news/photo-report/phone.jpg")
    shown = browser.execute_script("const i = document.images[0]; return [i.naturalWidth, i.naturalHeight];")
    assert tuple(shown) == expected

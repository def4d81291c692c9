"""6. Screenshots of the Chinese, Arabic and English home pages at 390 px and 1280 px, written to
screenshots/ (SITE_CHECKS_SCREENSHOTS) for a person to look at after any change."""
import struct

import pytest

import sitechecks


@pytest.mark.parametrize("size", [sitechecks.MOBILE, sitechecks.DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("lang", ["zh", "ar", "en"])
def test_home_page_screenshot(server, browser_at, screenshots, lang, size):
    browser = browser_at(size)
    sitechecks.open_page(browser, server.origin + f"/{lang}/")
    path = screenshots / f"home-{lang}-{size[0]}.png"
    width, height = sitechecks.screenshot(browser, path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    png_width, png_height = struct.unpack(">II", data[16:24])
    assert width == size[0] and png_width >= size[0] and png_height >= size[1], (width, png_width, png_height)

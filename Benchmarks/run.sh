#!/usr/bin/env bash
# Benchmarks `dossier build` against Hugo and the cmark floor on synthetic dossiers.
#
#   bash Benchmarks/run.sh            # scales 1 2 4 (or $BENCH_SCALES)
#   bash Benchmarks/run.sh 1          # scale 1 only (~20 MB of Markdown)
#   BENCH_SCALES="1 2" bash Benchmarks/run.sh
#
# Everything goes to .bench/ (git-ignored): the corpora (.bench/scale-N/, regenerated only when
# Benchmarks/generate.py changes), build outputs, hyperfine JSON, logs, and the report .bench/results.md.
#
# Knobs (environment):
#   BENCH_SCALES       scales when no arguments are given (default "1 2 4")
#   BENCH_RUNS         hyperfine runs per tool (default 5), BENCH_WARMUP warm-up runs (default 1)
#   BENCH_SLOW         seconds; a tool whose single timed build takes longer than this at a scale is
#                      measured with --warmup 0 --runs $BENCH_SLOW_RUNS instead (default 30 s, 3 runs);
#                      the timed build has already warmed the page cache. Set BENCH_SLOW=0 to disable.
#   BENCH_INCR_SCALES  scales at which the incremental rebuild is measured (default: the smallest one)
#   BENCH_INCR_RUNS    hyperfine runs for the incremental rebuild (default 3)
#   BENCH_STAGE_RUNS   clean builds with --timings besides the timed one, at the smallest scale, for
#                      the median of each stage and of the search index's share, each paired with a
#                      clean build with `search: false` for what the search adds (default 6)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
BENCH="$REPO/.bench"

if [ "$#" -gt 0 ]; then SCALES="$*"; else SCALES="${BENCH_SCALES:-1 2 4}"; fi
RUNS="${BENCH_RUNS:-5}"
WARMUP="${BENCH_WARMUP:-1}"
SLOW="${BENCH_SLOW:-30}"
SLOW_RUNS="${BENCH_SLOW_RUNS:-3}"
INCR_RUNS="${BENCH_INCR_RUNS:-3}"
STAGE_RUNS="${BENCH_STAGE_RUNS:-6}"
# shellcheck disable=SC2086
INCR_SCALES="${BENCH_INCR_SCALES:-$(printf '%s\n' $SCALES | sort -n | head -1)}"
for s in $SCALES; do
  case "$s" in ''|*[!0-9]*|0) echo "run.sh: scale must be a positive integer, got '$s'" >&2; exit 2 ;; esac
done

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
started=$(date +%s)
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------------------------
# Tools: hugo, hyperfine, cmark, GNU time; libcmark-dev, libmimalloc-dev and pkg-config to build Dossier.

missing=""
command -v hugo >/dev/null 2>&1 || missing="$missing hugo"
command -v hyperfine >/dev/null 2>&1 || missing="$missing hyperfine"
command -v cmark >/dev/null 2>&1 || missing="$missing cmark"
[ -x /usr/bin/time ] || missing="$missing time"
for p in libcmark-dev libmimalloc-dev pkg-config; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "== installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
command -v python3 >/dev/null 2>&1 || { echo "run.sh: python3 is needed for the generator" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Dossier, release build.

mkdir -p "$BENCH/logs" "$BENCH/json" "$BENCH/out" "$BENCH/work" "$BENCH/bin"

# Outputs of earlier runs are moved into $TRASH and deleted only when the benchmark ends. Right after
# thousands of files are deleted, ext4 skips their freed inodes for a minute or more when it creates
# new files (it does not reuse recently deleted inodes), and creating a file then costs milliseconds
# of kernel time: deleting the last output before each run measured the disk's cleanup, not the tools,
# and hit Hugo's 4,300 files harder than Dossier's 1,300. A rename deletes nothing.
TRASH="$BENCH/trash"
mkdir -p "$TRASH"

# shellcheck source=Benchmarks/common.sh
. "$HERE/common.sh"
wait_for_other_measurements
build_dossier
built="$BUILT"
# A snapshot, so that someone rebuilding .build/ during the run cannot swap the binary mid-measurement.
DOSSIER="$BENCH/bin/dossier"
cp "$built" "$DOSSIER.tmp" && mv -f "$DOSSIER.tmp" "$DOSSIER"
dossier_id="sha256 $(sha256sum "$DOSSIER" | cut -c1-12), built $(date -u -r "$built" '+%Y-%m-%d %H:%M UTC')"
TEMPLATES="$REPO/Templates"

METRICS="$BENCH/work/metrics.tsv"
: > "$METRICS"
: > "$BENCH/work/load.tsv"
: > "$BENCH/work/search.tsv"

# ---------------------------------------------------------------------------------------------
# Corpora.

# The incremental measurement edits one annotation of a corpus; this puts it back (on exit, and
# first thing, in case an earlier run was killed mid-way).
restore_incr() {
  for s in $SCALES; do
    if [ -f "$BENCH/work/incr-s$s.orig" ] && [ -f "$BENCH/work/incr-s$s.target" ]; then
      cp "$BENCH/work/incr-s$s.orig" "$(cat "$BENCH/work/incr-s$s.target")"
      rm -f "$BENCH/work/incr-s$s.orig" "$BENCH/work/incr-s$s.target"
    fi
  done
}
restore_incr
empty_trash() { rm -rf "$TRASH"; }
trap 'restore_incr; empty_trash' EXIT
empty_trash; mkdir -p "$TRASH"

for s in $SCALES; do
  echo "== corpus, scale $s"
  python3 "$HERE/generate.py" --scale "$s" --out "$BENCH/scale-$s"
done

# ---------------------------------------------------------------------------------------------
# Helpers.

# One run under GNU time: "wall user sys maxrss_kb" into $1; the command's stdout/stderr into $2.
timed() {
  local into="$1" log="$2"; shift 2
  if ! /usr/bin/time -f '%e %U %S %M' -o "$into" "$@" > "$log" 2>&1; then
    echo "run.sh: failed: $*" >&2
    echo "---- last lines of $log:" >&2
    grep -v '^Command exited' "$log" | tail -n 40 >&2
    exit 1
  fi
}

# Moves the given paths (those that exist) into $TRASH under fresh names.
set_aside() {
  local p
  for p in "$@"; do
    [ -e "$p" ] && mv "$p" "$(mktemp -d "$TRASH/XXXXXXXX")/"
  done
  return 0
}

# The same as a command line for hyperfine's --prepare.
aside_cmd() {
  local p cmd=""
  for p in "$@"; do
    cmd="$cmd if [ -e '$p' ]; then mv '$p' \"\$(mktemp -d '$TRASH/XXXXXXXX')/\"; fi;"
  done
  echo "$cmd true"
}

# hyperfine's median, min and max (seconds) for the single command in a JSON export.
median() { python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.4f\t%.4f\t%.4f" % (r["median"], r["min"], r["max"]))' "$1"; }

# Runs/warm-up for a tool whose single timed build took $1 seconds.
plan() {
  if [ "$SLOW" != 0 ] && python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)' "$1" "$SLOW"; then
    echo "0 $SLOW_RUNS"
  else
    echo "$WARMUP $RUNS"
  fi
}


# ---------------------------------------------------------------------------------------------
# Measurements per scale.

for s in $SCALES; do
  corpus="$BENCH/scale-$s"
  content="$corpus/dossier/Content"
  out="$BENCH/out/s$s"
  mkdir -p "$out"
  md_files=("$corpus"/markdown/articles.md "$corpus"/markdown/entities.md "$corpus"/markdown/annotations.md)
  md_bytes=$(cat "${md_files[@]}" | wc -c)
  content_bytes=$(find "$content" -type f -name '*.md' -print0 | xargs -0 cat | wc -c)
  echo "== scale $s: $(awk -v b="$content_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB of content"
  printf '%s\t%s\n' "$s" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$BENCH/work/load.tsv"

  # One timed run of each: CPU, peak RSS, and Dossier's stage timings; also checks each tool succeeds.
  # Full builds start clean: no output and no build cache (Dossier keeps it in $out/.dossier-cache/).
  set_aside "$out/incr" "$out/hugo-once" "$out/dossier" "$out/hugo" "$out/.dossier-cache"
  timed "$BENCH/work/time-s$s-dossier" "$BENCH/logs/s$s-dossier-timed.log" \
    "$DOSSIER" build --content "$content" --templates "$TEMPLATES" --output "$out/incr" --timings
  timed "$BENCH/work/time-s$s-hugo" "$BENCH/logs/s$s-hugo-timed.log" \
    hugo --quiet --source "$corpus/hugo" --destination "$out/hugo-once"
  timed "$BENCH/work/time-s$s-cmark" "$BENCH/logs/s$s-cmark-timed.log" \
    sh -c 'cmark "$@" > /dev/null' cmark "${md_files[@]}"
  dossier_files=$(find "$out/incr" -type f | wc -l)
  # The search index against the site's HTML, and its stage's share of the timed build.
  html_bytes=$(find "$out/incr" -type f -name '*.html' -print0 | du -cb --files0-from=- | tail -n 1 | cut -f1)
  index_bytes=$(du -sb "$out/incr/search" | cut -f1)
  index_files=$(find "$out/incr/search" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\n' "$s" "$html_bytes" "$index_bytes" "$index_files" >> "$BENCH/work/search.tsv"
  hugo_files=$(find "$out/hugo-once" -type f | wc -l)

  for tool in dossier hugo cmark; do
    read -r t_wall t_user t_sys t_rss < "$BENCH/work/time-s$s-$tool"
    read -r warm runs < <(plan "$t_wall")
    case "$tool" in
      dossier) prep="$(aside_cmd "$out/dossier" "$out/.dossier-cache/dossier")"
               cmd="'$DOSSIER' build --content '$content' --templates '$TEMPLATES' --output '$out/dossier'" ;;
      hugo)    prep="$(aside_cmd "$out/hugo")"
               cmd="hugo --quiet --source '$corpus/hugo' --destination '$out/hugo'" ;;
      cmark)   prep=":"
               cmd="cmark '${md_files[0]}' '${md_files[1]}' '${md_files[2]}' > /dev/null" ;;
    esac
    echo "-- $tool: hyperfine --warmup $warm --runs $runs (single run took ${t_wall}s)"
    hyperfine --style basic --warmup "$warm" --runs "$runs" --prepare "$prep" \
      --export-json "$BENCH/json/s$s-$tool.json" -n "$tool" "$cmd" > "$BENCH/logs/s$s-$tool-hyperfine.log"
    grep -E 'Time|Range' "$BENCH/logs/s$s-$tool-hyperfine.log" || true
    med=$(median "$BENCH/json/s$s-$tool.json")
    files=""
    case "$tool" in dossier) files=$dossier_files ;; hugo) files=$hugo_files ;; cmark) files=1 ;; esac
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$tool" "$med" "$t_user" "$t_sys" "$t_rss" \
      "$runs" "$warm" "$files" "$content_bytes" "$md_bytes" >> "$METRICS"
  done
  set_aside "$out/hugo-once"

  # More clean builds with --timings, each beside a clean build of the same content with
  # `search: false` (no index, no search page, no search box): what the search adds to a full build
  # is the pair's difference, writing of the index's files included. A stage's share and a pair's
  # ratio are ratios of times that each move by a tenth or more between builds on a shared machine,
  # so the pairs alternate which goes first and the report gives medians.
  # Both builds of a pair read a fresh copy of the content, so that neither reads files the other
  # does not (the timed builds' content has been read and edited many times).
  if printf '%s\n' $INCR_SCALES | grep -qx "$s"; then
    pair="$BENCH/work/pair-s$s"
    rm -rf "$pair"; mkdir -p "$pair/on" "$pair/off"
    cp -R "$content" "$pair/on/Content"
    cp -R "$content" "$pair/off/Content"
    printf '\nsearch: false\n' >> "$pair/off/Content/site.yml"
    : > "$BENCH/work/pairs-s$s.tsv"
    rm -f "$BENCH/logs/s$s-dossier-stages-"*.log "$BENCH/logs/s$s-dossier-nosearch-"*.log
    for k in $(seq 1 "$STAGE_RUNS"); do
      order="on off"; [ $((k % 2)) = 0 ] && order="off on"
      for v in $order; do
        set_aside "$out/stages" "$out/.dossier-cache/stages"
        # The last build's files (about 100 MB with its cache) are written out to disk first, so
        # that the kernel's writing them back does not fall inside the next build's time.
        sync
        log="$BENCH/logs/s$s-dossier-stages-$k.log"
        [ "$v" = off ] && log="$BENCH/logs/s$s-dossier-nosearch-$k.log"
        timed "$BENCH/work/pair-time" "$log" "$DOSSIER" build --content "$pair/$v/Content" --templates "$TEMPLATES" --output "$out/stages" --timings
        read -r p_wall p_user p_sys _ < "$BENCH/work/pair-time"
        printf '%s %s %s\t' "$v" "$p_wall" "$(awk -v u="$p_user" -v y="$p_sys" 'BEGIN { print u + y }')" >> "$BENCH/work/pairs-s$s.tsv"
      done
      echo >> "$BENCH/work/pairs-s$s.tsv"
    done
    set_aside "$out/stages" "$out/.dossier-cache/stages"
    rm -rf "$pair"
  fi

  # Incremental: one annotation gains a sentence; rebuild into the folder the timed build filled.
  if printf '%s\n' $INCR_SCALES | grep -qx "$s"; then
    notes=("$content"/annotations/*.md)
    target="${notes[0]}"
    orig="$BENCH/work/incr-s$s.orig"; edited="$BENCH/work/incr-s$s.edited"
    cp "$target" "$orig"
    printf '%s\n' "$target" > "$BENCH/work/incr-s$s.target"
    sed '$ s/$/ وأضاف المحرر جملة قصيرة للقياس./' "$orig" > "$edited"
    toggle="$BENCH/work/incr-s$s.toggle.sh"
    printf 'if cmp -s %q %q; then cp %q %q; else cp %q %q; fi\n' \
      "$target" "$orig" "$edited" "$target" "$orig" "$target" > "$toggle"
    bash "$toggle"
    "$DOSSIER" build --content "$content" --templates "$TEMPLATES" --output "$out/incr" --timings \
      > "$BENCH/logs/s$s-incremental.log" 2> "$BENCH/logs/s$s-incremental.err"
    echo "-- dossier incremental: $(head -n 1 "$BENCH/logs/s$s-incremental.log")"
    hyperfine --style basic --warmup 0 --runs "$INCR_RUNS" --prepare "bash '$toggle'" \
      --export-json "$BENCH/json/s$s-incremental.json" -n "dossier incremental" \
      "'$DOSSIER' build --content '$content' --templates '$TEMPLATES' --output '$out/incr'" \
      > "$BENCH/logs/s$s-incremental-hyperfine.log"
    grep -E 'Time|Range' "$BENCH/logs/s$s-incremental-hyperfine.log" || true
    cp "$orig" "$target"
    rm -f "$orig" "$edited" "$toggle" "$BENCH/work/incr-s$s.target"
    # A cached rebuild of the restored content writes what the clean builds above wrote.
    "$DOSSIER" build --content "$content" --templates "$TEMPLATES" --output "$out/incr" > /dev/null 2>&1
    if diff -r -q "$out/incr" "$out/dossier" > "$BENCH/logs/s$s-incremental-diff.log" 2>&1; then
      echo "identical" > "$BENCH/work/incr-s$s.same"
    else
      echo "DIFFERENT: $(wc -l < "$BENCH/logs/s$s-incremental-diff.log") paths (see .bench/logs/s$s-incremental-diff.log)" > "$BENCH/work/incr-s$s.same"
    fi
    echo "-- after the edits, a cached rebuild against the clean build: $(cat "$BENCH/work/incr-s$s.same")"
    printf '%s\tincremental\t%s\t\t\t\t%s\t0\t\t%s\t%s\n' "$s" "$(median "$BENCH/json/s$s-incremental.json")" \
      "$INCR_RUNS" "$content_bytes" "$md_bytes" >> "$METRICS"
  fi
done

# ---------------------------------------------------------------------------------------------
# The real dossier (Content/ of this repository), clean builds without a cache.

real_out="$BENCH/out/real"
set_aside "$real_out"
hyperfine --style basic --warmup 2 --runs 10 --prepare "$(aside_cmd "$real_out")" \
  --export-json "$BENCH/json/real.json" -n "real dossier" \
  "'$DOSSIER' build --content '$REPO/Content' --templates '$TEMPLATES' --output '$real_out' --no-cache" \
  > "$BENCH/logs/real-hyperfine.log"
echo "-- the real dossier: $(grep -E 'Time' "$BENCH/logs/real-hyperfine.log" | head -n 1)"

# ---------------------------------------------------------------------------------------------
# Search at the smallest scale: query times in Chromium from file://, and Pagefind on the same site.

search_scale=$(printf '%s\n' $SCALES | sort -n | head -1)
if [ "${BENCH_SEARCH:-1}" != 0 ]; then
  make -C "$REPO" --no-print-directory browser-deps > "$BENCH/logs/browser-deps.log" 2>&1
  VENV="$REPO/.build/browser-venv"
  "$VENV/bin/pip" install -q --disable-pip-version-check pagefind-bin==1.5.2 >> "$BENCH/logs/browser-deps.log" 2>&1
  pagefind="$("$VENV/bin/python" -c 'import os, pagefind_bin; print(os.path.join(os.path.dirname(pagefind_bin.__file__), "pagefind"))')"
  "$DOSSIER" build --content "$BENCH/scale-$search_scale/dossier/Content" --templates "$TEMPLATES" \
    --output "$BENCH/out/s$search_scale/incr" > /dev/null 2>&1
  echo "-- search at scale $search_scale (Dossier from file://, Pagefind over HTTP)"
  "$VENV/bin/python" "$HERE/search.py" "$BENCH/out/s$search_scale/incr" --pagefind "$pagefind" \
    > "$BENCH/logs/search-s$search_scale.log" 2>&1 || echo "search.py failed: see $BENCH/logs/search-s$search_scale.log"
  "$VENV/bin/python" "$HERE/search.py" "$REPO/Public" --pagefind "$pagefind" \
    > "$BENCH/logs/search-real.log" 2>&1 || echo "search.py failed: see $BENCH/logs/search-real.log"
  head -n 4 "$BENCH/logs/search-s$search_scale.log"
fi

# ---------------------------------------------------------------------------------------------
# Report.

elapsed=$(( $(date +%s) - started ))
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
{
  echo "# Dossier benchmark"
  echo
  echo "- machine: $(nproc) CPUs ($cpu_model), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM"
  echo "- dossier: release build ($dossier_id), $(cd "$REPO" && swift --version 2>&1 | head -n 1)"
  echo "- $(hugo version | cut -d' ' -f1-2), $(cmark --version | head -n 1 | cut -d' ' -f1-2), $(hyperfine --version)"
  echo "- load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- total benchmark time: ${elapsed}s"
  echo
  python3 - "$METRICS" "$BENCH/logs" "$BENCH/work/load.tsv" "$BENCH/work/search.tsv" <<'PY'
import glob, os, random, re, statistics, sys
# metrics.tsv: scale, tool, median, min, max, user, sys, maxrss_kb, runs, warmup, files, content bytes, body bytes
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
logs = sys.argv[2]
scales = sorted({int(r[0]) for r in rows})
load = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[3]) if l.strip())
by = {(int(r[0]), r[1]): r for r in rows}
tools = ["dossier", "hugo", "cmark"]
names = {"dossier": "dossier build", "hugo": "hugo", "cmark": "cmark (floor)", "incremental": "dossier incremental"}

def f(x, d=2):
    return ("%." + str(d) + "f") % x

for s in scales:
    any_row = next(r for r in rows if int(r[0]) == s)
    print("## Scale %d (%.1f MB of content, %.1f MB of Markdown bodies)" % (s, int(any_row[11]) / 1e6, int(any_row[12]) / 1e6))
    print()
    if str(s) in load:
        print("Load average when this scale started: %s." % load[str(s)])
        print()
    print("| tool | median wall (s) | range (s) | CPU user+sys (s) | peak RSS (MB) | × Hugo | × cmark floor | runs | files out |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    hugo = float(by[(s, "hugo")][2]) if (s, "hugo") in by else None
    floor = float(by[(s, "cmark")][2]) if (s, "cmark") in by else None
    for t in tools:
        r = by.get((s, t))
        if not r:
            continue
        med = float(r[2])
        cpu = float(r[5]) + float(r[6])
        rss = int(r[7]) / 1024
        print("| %s | %s | %s–%s | %s | %s | %s | %s | %s+%s | %s |" % (
            names[t], f(med), f(float(r[3])), f(float(r[4])), f(cpu), f(rss, 0),
            f(med / hugo) if hugo else "", f(med / floor, 1) if floor else "", r[9], r[8], r[10]))
    print()
    inc = by.get((s, "incremental"))
    if inc:
        full = float(by[(s, "dossier")][2])
        summary = ""
        path = os.path.join(logs, "s%d-incremental.log" % s)
        if os.path.exists(path):
            summary = open(path).readline().strip()
            print("Incremental: one annotation gains a sentence, then `dossier build` into the same folder: "
              "median %ss (range %s–%s s) = **%.0f%%** of the full build's median (%s runs; `%s`)."
              % (f(float(inc[2])), f(float(inc[3])), f(float(inc[4])), 100 * float(inc[2]) / full, inc[8], summary))
        same = os.path.join(os.path.dirname(sys.argv[3]), "incr-s%d.same" % s)
        if os.path.exists(same):
            print("After the edits and the note restored, a cached rebuild against the clean builds' output: **%s**."
                  % open(same).read().strip())
        print()
    path = os.path.join(logs, "s%d-dossier-timed.log" % s)
    if os.path.exists(path):
        stages = [l.strip() for l in open(path) if ": " in l and " ms" in l and not l.startswith(" ")]
        if stages:
            print("Dossier stages (`--timings`, the single clean build): " + ", ".join(stages) + ".")
            print()
        def stage_walls(path):
            found = [re.match(r"([^:]+): ([0-9.]+) ms", l.strip()) for l in open(path) if not l.startswith(" ")]
            return {m.group(1): float(m.group(2)) for m in found if m}
        # The timed build and the extra clean builds with --timings.
        runs = [stage_walls(p) for p in [path] + sorted(glob.glob(os.path.join(logs, "s%d-dossier-stages-*.log" % s)))]
        runs = [w for w in runs if "search index" in w]
        search = {int(l.split("\t")[0]): l.rstrip("\n").split("\t")[1:] for l in open(sys.argv[4]) if l.strip()} if os.path.exists(sys.argv[4]) else {}
        if s in search and runs:
            html, index, files = (int(x) for x in search[s])
            shares = [100 * w["search index"] / sum(w.values()) for w in runs]
            times = [w["search index"] for w in runs]
            print("Search index: %.1f MB in %d files, **%.0f%%** of the site's %.1f MB of HTML (budget 30%%); "
                  "building it took a median of %.0f ms, %.1f%% of the stages' wall time (median of %d clean builds: %s)."
                  % (index / 1e6, files, 100 * index / html, html / 1e6, statistics.median(times), statistics.median(shares),
                     len(runs), ", ".join("%.1f%%" % x for x in shares)))
            pairs_path = os.path.join(os.path.dirname(sys.argv[3]), "pairs-s%d.tsv" % s)
            pairs = []
            if os.path.exists(pairs_path):
                for line in open(pairs_path):
                    t = {x.split()[0]: [float(v) for v in x.split()[1:]] for x in line.strip().split("\t") if x.strip()}
                    if "on" in t and "off" in t:
                        pairs.append((t["on"], t["off"]))
            if pairs:
                print()
                print("What the search adds to a full build (budget 10%%): %d pairs of clean builds, each beside one of the same "
                      "content with `search: false` (no index, no search page, no search box), alternating which goes first."
                      % len(pairs))
                # A build's time moves by a tenth or more from one build to the next on a shared machine,
                # so one pair says little: the report gives the pairs' totals (the builds with the search
                # took this much longer, all together), the mean of the pairs with a 95% interval
                # (bootstrap, fixed seed: the same pairs give the same interval) and their median.
                rng = random.Random(0)
                for i, what in ((1, "CPU time (user+sys)"), (0, "wall time")):
                    added = [100 * (on[i] - off[i]) / off[i] for on, off in pairs]
                    means = sorted(statistics.mean(rng.choices(added, k=len(added))) for _ in range(10000))
                    total = 100 * (sum(on[i] for on, _ in pairs) / sum(off[i] for _, off in pairs) - 1)
                    print("%s **%.1f%%** of the pairs' totals (%.1f s with the search, %.1f s without); mean of the pairs %.1f%% "
                          "(95%% interval %.1f%% to %.1f%%), median %.1f%% (the pairs: %s)%s"
                          % ("- " + what + ":", total, sum(on[i] for on, _ in pairs), sum(off[i] for _, off in pairs),
                             statistics.mean(added), means[250], means[9749], statistics.median(added),
                             ", ".join("%.1f%%" % x for x in added), ";" if i == 1 else "."))
            if len(runs) > 1:
                names = [n for n in runs[0] if all(n in w for w in runs)]
                print()
                print("Stages, medians of the same builds: " + ", ".join("%s %.0f ms" % (n, statistics.median(w[n] for w in runs)) for n in names) + ".")
                off = [stage_walls(p) for p in sorted(glob.glob(os.path.join(logs, "s%d-dossier-nosearch-*.log" % s)))]
                off_names = [n for n in names if n != "search index" and off and all(n in w for w in off)]
                if off_names:
                    print("Without the search (`search: false`): " + ", ".join("%s %.0f ms" % (n, statistics.median(w[n] for w in off)) for n in off_names) + ".")
            print()

real = os.path.join(os.path.dirname(logs), "json", "real.json")
if os.path.exists(real):
    import json
    r = json.load(open(real))["results"][0]
    print("## The real dossier")
    print()
    print("`dossier build --no-cache` of this repository's Content/ into an empty folder: median **%.0f ms** "
          "(range %.0f–%.0f ms, %d runs)." % (1000 * r["median"], 1000 * r["min"], 1000 * r["max"], len(r["times"])))
    print()

for name, title in [("search-s%d.log" % scales[0], "Search at scale %d" % scales[0]), ("search-real.log", "Search in the real dossier")]:
    path = os.path.join(logs, name)
    if os.path.exists(path):
        print("## " + title + " (`Benchmarks/search.py`: Dossier from file://, Pagefind over HTTP)")
        print()
        print("```")
        print(open(path).read().rstrip())
        print("```")
        print()

if len(scales) > 1:
    print("## Growth between scales (median wall time; the content grows by the scale ratio)")
    print()
    pairs = list(zip(scales, scales[1:]))
    print("| tool | " + " | ".join("scale %d (s)" % s for s in scales) + " | " +
          " | ".join("%d→%d (data ×%g)" % (a, b, b / a) for a, b in pairs) + " |")
    print("| --- |" + " ---: |" * (len(scales) + len(pairs)))
    for t in tools + ["incremental"]:
        if not all((s, t) in by for s in scales):
            continue
        meds = [float(by[(s, t)][2]) for s in scales]
        print("| %s | %s | %s |" % (names[t], " | ".join(f(m) for m in meds),
                                    " | ".join("×" + f(meds[i + 1] / meds[i]) for i in range(len(pairs)))))
    print()
PY
  echo "The machine is shared: wall times move with whatever else runs on its $(nproc) cores (see the ranges and load"
  echo "averages); CPU time is the steadier figure for comparing tools."
  echo
  echo "Runs are hyperfine's (warm-up+measured); a tool whose single build took more than ${SLOW}s at a scale was"
  echo "measured with --warmup 0 --runs $SLOW_RUNS (the single timed build warmed the caches). CPU and peak RSS come"
  echo "from that single run under /usr/bin/time. cmark parses the same Markdown bodies once, with no front matter,"
  echo "linking, templates or writing. Before each full build the last output (and Dossier's build cache) is"
  echo "moved aside, not deleted: all of it is deleted when the benchmark ends, so no run pays for the disk's"
  echo "cleanup of an earlier one. Hugo builds one page per article, annotation and entity term; Dossier one per"
  echo "article and entity, plus the annotation and entity indexes (annotations appear beside their paragraphs)."
} > "$BENCH/results.md"

echo
cat "$BENCH/results.md"

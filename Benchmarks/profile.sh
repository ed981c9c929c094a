#!/usr/bin/env bash
# Where a clean build's work goes, counted in instructions: a callgrind profile of `dossier build`
# on a synthetic dossier, summed by part of the pipeline.
#
#   bash Benchmarks/profile.sh        # scale 1 (~20 MB of Markdown); takes about 5 minutes
#   bash Benchmarks/profile.sh 2      # scale 2, twice as long
#
# Instruction counts do not move with the machine's load, so two versions can be compared on a
# shared machine where wall times move by a third or more; they do not see cache misses, page
# faults or two cores waiting on each other, which the benchmark's times do. Valgrind runs the build's threads one
# at a time, about 50 times slower than a normal build. The profile and its annotated listing go to
# .bench/profile/ (git-ignored); `callgrind_annotate --inclusive=yes` reads it for any function.
# Beside it runs the same build with `search: false`, and the report ends with what the search adds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
BENCH="$REPO/.bench"
SCALE="${1:-1}"
case "$SCALE" in ''|*[!0-9]*|0) echo "profile.sh: scale must be a positive integer, got '$SCALE'" >&2; exit 2 ;; esac

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
missing=""
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
command -v objcopy >/dev/null 2>&1 || missing="$missing binutils"
for p in libcmark-dev libmimalloc-dev pkg-config; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "== installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

OUT="$BENCH/profile"
mkdir -p "$OUT"
# shellcheck source=Benchmarks/common.sh
. "$HERE/common.sh"
wait_for_other_measurements
build_dossier
# Valgrind 3.19 (Debian 12) cannot read the DWARF 5 debug information Swift 6 writes; the symbols
# it needs stay in the copy.
objcopy --strip-debug "$BUILT" "$OUT/dossier"

echo "== corpus, scale $SCALE"
python3 "$HERE/generate.py" --scale "$SCALE" --out "$BENCH/scale-$SCALE"

# A clean build with its cache, as the benchmark's: nothing from an earlier run. Beside it (valgrind
# runs a build on one core at a time, so the two share the machine's two), the same content with
# `search: false`: the difference is what the search adds to a build, counted exactly.
site="$OUT/site-s$SCALE"
plain="$OUT/nosearch-s$SCALE"
rm -rf "$site" "$plain" "$OUT/.dossier-cache"
mkdir -p "$plain"
cp -R "$BENCH/scale-$SCALE/dossier/Content" "$plain/Content"
printf '\nsearch: false\n' >> "$plain/Content/site.yml"
echo "== callgrind (a few minutes)"
valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind-s$SCALE-nosearch.out" \
  "$OUT/dossier" build --content "$plain/Content" --templates "$REPO/Templates" \
  --output "$plain/site" > "$OUT/valgrind-s$SCALE-nosearch.log" 2>&1 &
plain_pid=$!
valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind-s$SCALE.out" \
  "$OUT/dossier" build --content "$BENCH/scale-$SCALE/dossier/Content" --templates "$REPO/Templates" \
  --output "$site" > "$OUT/valgrind-s$SCALE.log" 2>&1 || { tail -n 20 "$OUT/valgrind-s$SCALE.log" >&2; exit 1; }
wait "$plain_pid" || { tail -n 20 "$OUT/valgrind-s$SCALE-nosearch.log" >&2; exit 1; }
callgrind_annotate --inclusive=yes "$OUT/callgrind-s$SCALE.out" 2>/dev/null > "$OUT/inclusive-s$SCALE.txt"
callgrind_annotate "$OUT/callgrind-s$SCALE.out" 2>/dev/null > "$OUT/self-s$SCALE.txt"
callgrind_annotate "$OUT/callgrind-s$SCALE-nosearch.out" 2>/dev/null > "$OUT/self-s$SCALE-nosearch.txt"
rm -rf "$site" "$plain" "$OUT/.dossier-cache"

# Each part is a function called once per item (page, article, note, file), so its inclusive count
# covers that work on whichever thread ran it, once; a part's other spellings (specialised copies,
# thunks) are the same calls, so the largest count stands for it.
python3 - "$OUT/inclusive-s$SCALE.txt" "$SCALE" "$OUT/self-s$SCALE.txt" "$OUT/self-s$SCALE-nosearch.txt" <<'EOF'
import re, subprocess, sys

path, scale = sys.argv[1], sys.argv[2]

def read(path):
    """The listing's total and its (count, demangled function) lines."""
    total, counts = None, []
    for line in open(path, encoding="utf-8", errors="replace").read().splitlines():
        m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(.*)", line)
        if not m:
            continue
        n = int(m.group(1).replace(",", ""))
        if m.group(2).startswith("PROGRAM TOTALS"):
            total = n
        else:
            counts.append((n, m.group(2)))
    names = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(s for _, s in counts),
                           capture_output=True, text=True).stdout.splitlines()
    def short(name):
        # "???:f [/path/lib.so]" → "f"; a function without a symbol keeps its library's name.
        m = re.match(r"(?:\?\?\?:)?(.*?)(?: \[([^]]*)\])?$", name)
        return m.group(1) + (" in " + m.group(2).rsplit("/", 1)[-1] if m.group(1).startswith("0x") and m.group(2) else "")
    return total, [(n, short(name)) for (n, _), name in zip(counts, names)]

total, counts = read(path)

parts = [
    ("Loading", "checking the content files' UTF-8", "ContentFile.decode("),
    ("Loading", "front matter: split off, composed by Yams", "FrontMatter.parse("),
    ("Linking", "articles parsed by cmark, their [[links]] resolved", "Linker.resolveWikiLinks(_:index:)"),
    ("Linking", "articles linked: mentions, highlights, block HTML", "Linker.linkArticle("),
    ("Linking", "notes' and entities' bodies parsed and linked", "Linker.rewriteBody("),
    ("Linking", "each note's quote found in its article", "QuoteAnchor.locate("),
    ("Rendering", "page contexts", "PageContext.make("),
    ("Rendering", "Mustache templates (swift-mustache)", "MustacheLibrary.render("),
]
across = [
    ("finding and linking mentions (articles and bodies)", "InlineRewriter.linkMentions("),
    ("cmark parsing, read into Dossier's blocks", "MarkdownStage.parse("),
    ("cmark HTML of blocks and bodies", "Markdown.renderHTML("),
    ("Mustache looking up each tag", "MustacheTemplate.getChild("),
    ("Swift runtime casts (nearly all Mustache's)", "swift_dynamicCast"),
]

def count(pattern):
    found = [n for n, name in counts if pattern in name and "partial apply" not in name]
    return max(found) if found else 0

def row(n, text):
    print(f"{n:>16,}  {100 * n / total:5.1f}%  {text}")

print()
print(f"Instructions of a clean `dossier build` at scale {scale}, with its build cache as in the benchmark")
print("(kernel work, such as writing files, is not counted):")
row(total, "everything")
covered = 0
for stage, what, pattern in parts:
    n = count(pattern)
    covered += n
    row(n, f"{stage}: {what}")
row(total - covered, "the rest: start-up, merging results, digests, the build cache, writing")
print("Within the parts above:")
for what, pattern in across:
    row(count(pattern), what)

# What the search adds: the same build with `search: false`, function by function (own instructions).
with_total, with_self = read(sys.argv[3])
without_total, without_self = read(sys.argv[4])
def by_name(pairs):
    found = {}
    for n, name in pairs:
        found[name] = found.get(name, 0) + n
    return found
a, b = by_name(with_self), by_name(without_self)
added = with_total - without_total
# The Swift runtime's cache of protocol conformances, which every `as?` cast looks in (nearly all of
# them Mustache's): how many instructions its lookups take depends on how the threads met it, and
# moves by a tenth of a billion or more between two runs of the same build, the same in both
# builds; the index itself makes none. Left out, the two builds compare to a few million.
def lookups(pairs):
    return sum(n for n, name in pairs if "ConformanceCacheEntry" in name)
with_lookups, without_lookups = lookups(with_self), lookups(without_self)
steady = (with_total - with_lookups) - (without_total - without_lookups)
print()
print(f"The search adds {added:,} instructions to the build, {100 * added / without_total:.1f}% of the build "
      f"with `search: false` ({without_total:,}).")
print(f"Leaving out the Swift runtime's conformance-cache lookups ({with_lookups:,} and {without_lookups:,}, "
      f"which vary between runs of the same build): {steady:,}, {100 * steady / (without_total - without_lookups):.1f}%.")
print("The functions whose own count grew most:")
for n, name in sorted(((a.get(k, 0) - b.get(k, 0), k) for k in set(a) | set(b)), reverse=True)[:15]:
    print(f"{n:>16,}  {100 * n / added:5.1f}%  {name[:110]}")
EOF
echo
echo "Profile: $OUT/callgrind-s$SCALE.out (inclusive listing: $OUT/inclusive-s$SCALE.txt)"

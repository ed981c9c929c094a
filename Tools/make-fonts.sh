#!/usr/bin/env bash
# Regenerates Templates/assets/fonts/*.woff2 from Debian's fonts-noto-core (SIL OFL 1.1).
# Not part of the build: the WOFF2 files are committed; run this only to change the subset.
# Needs: apt-get install fonts-noto-core; pip install fonttools brotli.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/truetype/noto
out=Templates/assets/fonts
mkdir -p "$out"
# Arabic letters, marks, punctuation and digits; Latin for English names and notes; general punctuation.
unicodes="U+0020-007E,U+00A0-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+200C-200F,U+2010-2027,U+2030-205E,U+2066-2069,U+20AC,U+2190-2193,U+FB50-FDFF,U+FE70-FEFF"
for face in NotoNaskhArabic-Regular NotoNaskhArabic-Bold NotoSansArabic-Regular NotoSansArabic-Bold NotoSerif-Regular NotoSerif-Bold NotoSans-Regular NotoSans-Bold; do
  pyftsubset "$src/$face.ttf" --unicodes="$unicodes" --layout-features='*' --flavor=woff2 \
    --output-file="$out/$face.woff2" --no-hinting --desubroutinize
done

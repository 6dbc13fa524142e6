#!/usr/bin/env bash
# Makes the CJK font the credit memo's PDF embeds (src/main/resources/fonts/): Droid Sans Fallback
# (Apache-2.0) from Debian's fonts-droid-fallback, cut down with fontTools' pyftsubset to the
# characters of GBK (all CJK Unified Ideographs of the basic block, CJK punctuation, full-width
# forms), about 2.8 MB instead of 4 MB. Latin text in the PDF uses the standard Helvetica.
# Needs apt (fonts-droid-fallback is downloaded, not installed) and python3-fonttools.
#   scripts/make-memo-font.sh
# Rewrites fonts/SHA256SUMS, which MemoFontTest checks.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target=src/main/resources/fonts
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && apt-get download fonts-droid-fallback >/dev/null && dpkg-deb -x fonts-droid-fallback_*.deb x)
full="$work/x/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
/usr/bin/python3 - "$work/unicodes.txt" <<'PY'
import sys
cps = set()
for b1 in range(0x81, 0xff):
    for b2 in range(0x40, 0xff):
        try:
            cps.add(ord(bytes([b1, b2]).decode("gbk")))
        except UnicodeDecodeError:
            pass
open(sys.argv[1], "w").write(",".join("U+%04X" % c for c in sorted(cps)))
PY
/usr/bin/python3 -m fontTools.subset "$full" --unicodes-file="$work/unicodes.txt" \
  --output-file="$target/DroidSansFallback-GBK.ttf" --layout-features='*' --no-hinting --name-IDs='*'
cp /usr/share/common-licenses/Apache-2.0 "$target/LICENSE-DroidSansFallback.txt"
cp "$work/x/usr/share/doc/fonts-droid-fallback/copyright" "$target/COPYRIGHT-DroidSansFallback.debian.txt"
version="$(dpkg-deb -f "$work"/fonts-droid-fallback_*.deb Version)"
{
  echo "DroidSansFallback-GBK.ttf: a subset of DroidSansFallbackFull.ttf (Google, Apache-2.0) from Debian"
  echo "package fonts-droid-fallback ${version}, made by scripts/make-memo-font.sh (pyftsubset, the GBK"
  echo "characters). Original file SHA-256: $(sha256sum "$full" | cut -d' ' -f1)"
} > "$target/README.txt"
(cd "$target" && sha256sum DroidSansFallback-GBK.ttf LICENSE-DroidSansFallback.txt \
  COPYRIGHT-DroidSansFallback.debian.txt README.txt > SHA256SUMS)

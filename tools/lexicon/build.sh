#!/usr/bin/env bash
# Regenerates data/lexicon/fr.txt.gz, the French word list used by the normaliser
# (split-word and hyphenation repairs).
#
# Source: Dicollecte French dictionary, "classique" variant (MPL-2.0), Debian package
# hunspell-fr-classical (1:7.0-1 in bookworm), expanded with `unmunch` from hunspell-tools.
#
# Usage: tools/lexicon/build.sh            (downloads the two .deb with apt-get download)
#        FR_DIC=/path/fr.dic FR_AFF=/path/fr.aff UNMUNCH=/path/unmunch tools/lexicon/build.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=data/lexicon/fr.txt.gz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -z "${FR_DIC:-}" || -z "${UNMUNCH:-}" ]]; then
  (cd "$work" && apt-get download hunspell-fr-classical hunspell-tools >/dev/null)
  dpkg -x "$work"/hunspell-fr-classical_*.deb "$work/hf"
  dpkg -x "$work"/hunspell-tools_*.deb "$work/ht"
fi
FR_DIC=${FR_DIC:-$work/hf/usr/share/hunspell/fr.dic}
FR_AFF=${FR_AFF:-$work/hf/usr/share/hunspell/fr.aff}
UNMUNCH=${UNMUNCH:-$work/ht/usr/bin/unmunch}

# 1. expand every stem with its affixes; 2. keep the form (before '/' or whitespace);
# 3. drop forms with apostrophes, digits (any script) or no letter; 4. lowercase, sort, dedupe;
# 5. gzip without name/timestamp so the output is reproducible.
"$UNMUNCH" "$FR_DIC" "$FR_AFF" 2>/dev/null \
  | sed -e 's#[/[:space:]].*##' \
  | python3 -c '
import sys
keep = set()
for line in sys.stdin:
    w = line.strip()
    if not w or "\x27" in w or "\u2019" in w or any(c.isdigit() for c in w) or not any(c.isalpha() for c in w):
        continue
    keep.add(w.lower())
sys.stdout.write("".join(w + "\n" for w in sorted(keep)))' \
  | gzip -9n > "$out"
echo "wrote $out: $(zcat "$out" | wc -l) forms, $(stat -c %s "$out") bytes"

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
# 3. drop forms with apostrophes or digits; 4. lowercase (UTF-8 aware), sort, dedupe;
# 5. gzip without name/timestamp so the output is reproducible.
"$UNMUNCH" "$FR_DIC" "$FR_AFF" 2>/dev/null \
  | sed -e 's#[/[:space:]].*##' \
  | grep -v -e "['’]" -e '[0-9]' | grep -v '^$' \
  | python3 -c 'import sys; sys.stdout.write("".join(sorted({l.strip().lower()+"\n" for l in sys.stdin if l.strip()})))' \
  | gzip -9n > "$out"
echo "wrote $out: $(zcat "$out" | wc -l) forms, $(stat -c %s "$out") bytes"

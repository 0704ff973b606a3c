#!/usr/bin/env bash
# Whole-pipeline throughput and peak memory.
#   tools/bench.sh [MB] [WORKDIR]
#   tools/bench.sh --big [MB] [WORKDIR]  (MB defaults to 200; adds an incremental run, below)
# ESSCORPUS_BIN=path/to/esscorpus uses that binary instead of building the release one.
# Builds a drop of about MB megabytes of text from seeds/ (each copy gets its own id and a
# distinct last line, so no two files are deduplicated), then times `esscorpus run` on it
# with 1 and 2 threads, and prints MB/s, docs/s and peak RSS. For reference it also times
# one `rg -j1` pass of a French date pattern over the same files, and, when ../shared/pdfs
# is there, esscorpus against `pdftotext` on the PDFs of the seeds.
# With --big the drop is about 200 MB, and after the full runs it times `run --into` adding
# 10% new documents (distinct ids and contents) to the corpus of the 2-thread run: only the
# new documents are extracted, the others come from the corpus's cache/.
set -euo pipefail
cd "$(dirname "$0")/.."
big=0
if [ "${1:-}" = "--big" ]; then big=1; shift; set -- "${1:-200}" "${@:2}"; fi
mb=${1:-50}
work=${2:-$(mktemp -d)}
drop="$work/drop"
if [ -n "${ESSCORPUS_BIN:-}" ]; then
  bin=$ESSCORPUS_BIN
else
  cargo build --release -q
  bin=${CARGO_TARGET_DIR:-target}/release/esscorpus
fi
rm -rf "$drop" && mkdir -p "$drop"
seed_bytes=$(cat seeds/*.txt | wc -c)
copies=$(( mb * 1000000 / seed_bytes + 1 ))
for i in $(seq 1 "$copies"); do
  for f in seeds/*.txt; do
    b=$(basename "$f" .txt)
    { cat "$f"; printf '\ncopie %d\n' "$i"; } > "$drop/${b}_$i.txt"
  done
done
bytes=$(cat "$drop"/*.txt | wc -c)
docs=$(ls "$drop" | wc -l)
printf 'drop: %d documents, %.1f MB\n' "$docs" "$(echo "$bytes/1000000" | bc -l)"

measure() { # label, command...
  local label=$1; shift
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  rss=$(cat "$work/rss")
  local s; s=$(echo "$t1 - $t0" | bc -l)
  printf '%-28s %7.2f s  %8.1f MB/s  %8.0f docs/s  peak %6.0f MB\n' "$label" "$s" \
    "$(echo "$bytes/1000000/$s" | bc -l)" "$(echo "$docs/$s" | bc -l)" "$(echo "$rss/1024" | bc -l)"
}
stages() { # corpus folder: run.json's seconds per part of the run and per stage in the workers
  python3 - "$1/run.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
total = r["duration_s"] or 1
print("    wall:    " + ", ".join(f"{k} {v:.2f} s ({100 * v / total:.0f}%)" for k, v in r["stages_s"].items()))
cpu = sum(r["worker_s"].values()) or 1
print("    workers: " + ", ".join(f"{k} {v:.2f} s ({100 * v / cpu:.0f}%)" for k, v in r["worker_s"].items()))
PY
}
measure "esscorpus --threads 1" "$bin" run "$drop" --out "$work/out1" --threads 1 --quiet
stages "$work/out1"
measure "esscorpus --threads 2" "$bin" run "$drop" --out "$work/out2" --threads 2 --quiet
stages "$work/out2"
if [ "$big" = 1 ]; then
  # 10% new documents: copies numbered past the drop's, so new ids and contents.
  new="$work/new"; rm -rf "$new" && mkdir -p "$new"
  extra=$(( copies / 10 + 1 ))
  for i in $(seq $(( copies + 1 )) $(( copies + extra ))); do
    for f in seeds/*.txt; do
      b=$(basename "$f" .txt)
      { cat "$f"; printf '\ncopie %d\n' "$i"; } > "$new/${b}_$i.txt"
    done
  done
  all_bytes=$bytes
  bytes=$(cat "$new"/*.txt | wc -c); docs=$(ls "$new" | wc -l)
  printf 'incremental: %d new documents, %.1f MB, into a corpus of %s documents\n' "$docs" \
    "$(echo "$bytes/1000000" | bc -l)" "$(ls "$drop" | wc -l)"
  measure "esscorpus --into (+10%) -j2" "$bin" run "$new" --into "$work/out2" --threads 2 --quiet
  stages "$work/out2"
  bytes=$all_bytes; docs=$(ls "$drop" | wc -l)
fi
if command -v rg >/dev/null; then
  measure "rg -j1 (date pattern)" rg -j1 -c '[0-9]{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) [0-9]{4}' "$drop"
fi
if [ -d ../shared/pdfs ]; then
  pdfs=../shared/pdfs
  pbytes=$(cat "$pdfs"/*.pdf | wc -c)
  bytes=$pbytes; docs=$(ls "$pdfs"/*.pdf | wc -l)
  echo "PDFs: $docs files, $(echo "$pbytes/1000000" | bc -l | cut -c1-4) MB"
  measure "esscorpus PDFs --threads 1" "$bin" run "$pdfs" --out "$work/outp" --threads 1 --quiet
  if command -v pdftotext >/dev/null; then
    measure "pdftotext (one process/file)" bash -c "for f in $pdfs/*.pdf; do pdftotext -q \"\$f\" - >/dev/null || true; done"
  fi
fi

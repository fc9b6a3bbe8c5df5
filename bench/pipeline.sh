#!/usr/bin/env bash
# The whole pipeline at a given size, stage by stage, then one more month incrementally.
#
#   bench/pipeline.sh 1000000            # 1M invoices; bench/pipeline.sh 10000000 for 10M
#
# 1. `encours generate --invoices N --end 2026-11-30 --months 37` (seed 42), then bench/ledger_cut.py
#    splits it into what the ERP export held on 2026-10-31 (36 months) and what November adds or
#    changes (new invoices, payments, reminders, customers; invoices disputed in November re-exported).
# 2. Full run as of 2026-10-31: ingest, analytics --as-of, the 36-month KPI series, train, score,
#    recommend.
# 3. Incremental month: ingest November only, analytics --as-of 2026-11-30, the KPI series extended to
#    2026-11 (only stale months rewritten), score and recommend as of 2026-11-30 with the same model:
#    by default as a user runs it, one `encours refresh` (one JVM; its summary gives each step's wall and
#    CPU time); INCREMENTAL=stages runs the five single commands instead, each in its own JVM.
# Each stage runs in its own JVM under GNU time: wall time, CPU time (user + system, less sensitive to
# the other processes of a shared machine), peak RSS. Lines go to bench/results/tmp/pipeline-N/stages.tsv
# and a markdown table to stdout; copy it into bench/results/pipeline.md with the date and machine.
# Environment: ENCOURS_JAVA_OPTS (default -Xmx8g), GBT (boosting iterations, default 30), NICE (default 0),
# INCREMENTAL (refresh or stages, see 3.), PHASE (all, full or incremental; default all): `PHASE=incremental` runs step 3 alone on the warehouse a
# `PHASE=full` run left (a copy of its warehouse), e.g. to measure the incremental month again after a change to the code;
# FROM_STAGE=name resumes a full run at that stage (e.g. score) on the warehouse and models it left.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:?number of invoices, e.g. 1000000}"
GBT="${GBT:-30}"
NICE="${NICE:-0}"
ROOT="$PWD/bench/results/tmp/pipeline-$N"     # git-ignored
WAREHOUSE="$ROOT/warehouse"
MODELS="$ROOT/models"
export ENCOURS_JAVA_OPTS="${ENCOURS_JAVA_OPTS:--Xmx8g}"
./encours --version > /dev/null              # builds once if needed
export ENCOURS_NO_BUILD=1
mkdir -p "$ROOT"
TSV="$ROOT/stages.tsv"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) N=$N GBT=$GBT $(nproc) cores $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) ENCOURS_JAVA_OPTS=$ENCOURS_JAVA_OPTS load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$TSV" >&2

RESUMING="${FROM_STAGE:-}"
stage() { # name command...: runs, appends "name wall cpu rss" to the TSV, prints the command's summary
  local name="$1"; shift
  if [ -n "$RESUMING" ]; then  # FROM_STAGE=name: the stages before it already ran (their lines are in the TSV)
    if [ "$name" != "$RESUMING" ]; then echo "skipping $name (FROM_STAGE=$FROM_STAGE)" >&2; return 0; fi
    RESUMING=""
  fi
  local t0 t1
  t0=$(date +%s.%N)
  nice -n "$NICE" /usr/bin/time -f "%U %S %M" -o "$ROOT/time.txt" "$@" > "$ROOT/$name.out" 2> "$ROOT/$name.err" || {
    echo "stage $name failed: see $ROOT/$name.err" >&2; tail -5 "$ROOT/$name.err" >&2; exit 1; }
  t1=$(date +%s.%N)
  read -r user sys rss < "$ROOT/time.txt"
  printf '%s\t%.1f\t%.1f\t%.2f\n' "$name" "$(echo "$t1 - $t0" | bc)" "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1048576" | bc -l)" | tee -a "$TSV" >&2
  tail -1 "$ROOT/$name.out" >&2
}

if [ ! -f "$ROOT/base/invoices.csv" ]; then
  stage generate ./encours generate --invoices "$N" --end 2026-11-30 --months 37 --out "$ROOT/ledger" --force
  python3 bench/ledger_cut.py "$ROOT/ledger" 2026-10-31 "$ROOT/base" "$ROOT/november" | tee "$ROOT/cut.txt" >&2
  rm -rf "$ROOT/ledger"
fi
PHASE="${PHASE:-all}"
case "$PHASE" in all|full|incremental) ;; *) echo "PHASE must be all, full or incremental, not '$PHASE'" >&2; exit 2;; esac
W=(--warehouse "$WAREHOUSE")
if [ "$PHASE" != incremental ]; then
[ -n "${FROM_STAGE:-}" ] || rm -rf "$WAREHOUSE" "$MODELS"
stage ingest ./encours ingest --source "$ROOT/base" --mapping canonical-csv "${W[@]}"
stage analytics-as-of ./encours analytics --as-of 2026-10-31 "${W[@]}"
stage analytics-series ./encours analytics --from 2023-11 --to 2026-10 --monthly "${W[@]}"
stage train ./encours train --cutoff 2026-10-31 --gbt-iterations "$GBT" --models "$MODELS" "${W[@]}"
stage score ./encours score --as-of 2026-10-31 --models "$MODELS" "${W[@]}"
stage recommend ./encours recommend --as-of 2026-10-31 "${W[@]}"
rm -rf "$ROOT/warehouse-full"; cp -a "$WAREHOUSE" "$ROOT/warehouse-full"   # the month is always added to this
fi
if [ "$PHASE" != full ]; then
[ -d "$ROOT/warehouse-full" ] || { echo "no full run to add a month to: run PHASE=full first" >&2; exit 2; }
rm -rf "$WAREHOUSE"; cp -a "$ROOT/warehouse-full" "$WAREHOUSE"
if [ "${INCREMENTAL:-refresh}" = refresh ]; then
  stage inc-refresh ./encours refresh --source "$ROOT/november" --mapping canonical-csv --as-of 2026-11-30 \
    --series-from 2023-11 --models "$MODELS" "${W[@]}"
  grep -E '^  (ingest|aging|kpis|score|recommend) ' "$ROOT/inc-refresh.out" >&2 || true
else
  stage inc-ingest ./encours ingest --source "$ROOT/november" --mapping canonical-csv "${W[@]}"
  stage inc-analytics-as-of ./encours analytics --as-of 2026-11-30 "${W[@]}"
  stage inc-analytics-series ./encours analytics --from 2023-11 --to 2026-11 --monthly "${W[@]}"
  stage inc-score ./encours score --as-of 2026-11-30 --models "$MODELS" "${W[@]}"
  stage inc-recommend ./encours recommend --as-of 2026-11-30 "${W[@]}"
fi
fi
echo "# done $(date -u +%Y-%m-%dT%H:%MZ), warehouse $(du -sh "$WAREHOUSE" | cut -f1)" | tee -a "$TSV" >&2

echo "| stage | wall s | CPU s | peak RSS GiB |"
echo "|---|---|---|---|"
awk -F'\t' '!/^#/ { printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$TSV" | tail -n 12

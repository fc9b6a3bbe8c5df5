#!/usr/bin/env bash
# Benchmark of the late-payment models: `encours train` then `encours score --as-of END` on a
# warehouse of generated invoices (default 1,000,000; generated and ingested first when absent).
# Prints wall time, throughput and peak RSS of each step (GNU time), appends nothing: copy the
# figures into bench/results/scoring.md with the date and machine.
# Usage: bench/scoring.sh [INVOICES] [GBT_ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
ITER="${2:-30}"
AS_OF=2026-10-31
ROOT="$PWD/bench/results/tmp"
WAREHOUSE="${BENCH_WAREHOUSE:-$ROOT/warehouse-$N}"
MODELS="$ROOT/models-$N"
mkdir -p "$ROOT"
export ENCOURS_JAVA_OPTS="${ENCOURS_JAVA_OPTS:--Xmx8g}"
if [ ! -d "$WAREHOUSE/invoices" ]; then
  ./encours generate --invoices "$N" --out "$ROOT/generated-$N" --force
  ./encours ingest --source "$ROOT/generated-$N" --mapping canonical-csv --warehouse "$WAREHOUSE"
fi
export ENCOURS_NO_BUILD=1
echo "bench: $N invoices, $ITER boosting iterations, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
run() {
  local name="$1"; shift
  local t0; t0=$(date +%s.%N)
  /usr/bin/time -v "$@" 2> >(grep -E "Maximum resident" | sed "s/^/$name: /" >&2) | grep -E "^(train|score)"
  local t1; t1=$(date +%s.%N)
  echo "$name: wall $(echo "$t1 - $t0" | bc) s, $(echo "$N / ($t1 - $t0)" | bc) invoices/s"
}
run train ./encours train --warehouse "$WAREHOUSE" --models "$MODELS" --gbt-iterations "$ITER" --promote
run score ./encours score --as-of "$AS_OF" --warehouse "$WAREHOUSE" --models "$MODELS"

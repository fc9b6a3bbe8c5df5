#!/usr/bin/env bash
# The month of bench/pipeline.sh in a driver that has already run a refresh (bench/warmdriver/WarmRefresh.java):
#
#   NICE=5 ENCOURS_JAVA_OPTS=-Xmx10g bash bench/warmdriver/warm-month.sh 10000000
#
# Needs a `PHASE=full bash bench/pipeline.sh N` run first (its warehouse-full, models and november
# batch). Copies warehouse-full twice, then in one JVM refreshes the first copy as of WARM_AS_OF
# (default 2026-11-29, so the measured run's date literals are new to the driver) and the second as
# of 2026-11-30, exactly as pipeline.sh's month does. Prints both runs' wall and CPU and the measured
# refresh's own step summary; the JVM's peak RSS and CPU under GNU time are for both runs together.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:?number of invoices, e.g. 1000000}"
NICE="${NICE:-0}"
WARM_AS_OF="${WARM_AS_OF:-2026-11-29}"
ROOT="$PWD/bench/results/tmp/pipeline-$N"
[ -d "$ROOT/warehouse-full" ] || { echo "no full run to add a month to: run PHASE=full bash bench/pipeline.sh $N first" >&2; exit 2; }
./encours --version > /dev/null              # builds once if needed
rm -rf "$ROOT/warehouse-warm" "$ROOT/warehouse"
cp -a "$ROOT/warehouse-full" "$ROOT/warehouse-warm"
cp -a "$ROOT/warehouse-full" "$ROOT/warehouse"
CP="app/target/classes:$(cat app/target/launcher-classpath.txt)"
mapfile -t OPENS < <(sed -n '/^JAVA17_OPENS=(/,/^)/p' encours | grep -o -- '-[-A-Za-z0-9.=/:+_]*')
MONTH=(--source "$ROOT/november" --mapping canonical-csv --series-from 2023-11 --models "$ROOT/models")
echo "# $(date -u +%Y-%m-%dT%H:%MZ) N=$N $(nproc) cores ENCOURS_JAVA_OPTS=${ENCOURS_JAVA_OPTS:--Xmx8g} warm-up as of $WARM_AS_OF load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# shellcheck disable=SC2086
nice -n "$NICE" /usr/bin/time -f "both runs: %e s wall, %U user + %S system CPU-s, peak RSS %M KiB" -o "$ROOT/warm-month.time" \
  java ${ENCOURS_JAVA_OPTS:--Xmx8g} "${OPENS[@]}" -Dencours.home="$PWD" -cp "$CP" bench/warmdriver/WarmRefresh.java \
    "${MONTH[@]}" --as-of "$WARM_AS_OF" --warehouse "$ROOT/warehouse-warm" -- \
    "${MONTH[@]}" --as-of 2026-11-30 --warehouse "$ROOT/warehouse" > "$ROOT/warm-month.out" 2> "$ROOT/warm-month.err"
cat "$ROOT/warm-month.time"
grep -E '^(warm-up|measured) refresh|^  (ingest|aging|kpis|score|recommend) ' "$ROOT/warm-month.out"

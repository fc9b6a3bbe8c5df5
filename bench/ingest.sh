#!/usr/bin/env bash
# Benchmark of `encours ingest` on generated data: generates N invoices (default 1,000,000) in the
# canonical CSV layout, ingests them into a fresh warehouse, then ingests the same files again
# (the idempotent re-run: nothing changes). Prints a Markdown report (date, machine, command, wall
# time, records/s, peak RSS) on stdout. Usage, from the repository root:
#
#   bench/ingest.sh [N] | tee bench/results/ingest.md
#
# Environment: ENCOURS_JAVA_OPTS (heap of the job, default -Xmx6g). Work files go to
# bench/results/tmp (git-ignored) and are removed at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-1000000}"
export ENCOURS_JAVA_OPTS="${ENCOURS_JAVA_OPTS:--Xmx6g}"
WORK="bench/results/tmp/ingest-$N"
DATA="$WORK/data"
WAREHOUSE="$WORK/warehouse"
rm -rf "$WORK"
mkdir -p "$WORK"

./encours --help > /dev/null   # builds if needed, so that no build is timed
export ENCOURS_NO_BUILD=1
./encours generate --invoices "$N" --out "$DATA" > "$WORK/generate.txt" 2> /dev/null
records=$(( $(cat "$DATA"/*.csv | wc -l) - $(ls "$DATA"/*.csv | wc -l) ))

run() { # label, then the command; prints a table row
  local label="$1"; shift
  local times="$WORK/time-$label.txt" load start end wall rss
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$times" "$@" > "$WORK/stdout-$label.txt" 2> "$WORK/stderr-$label.txt"
  end=$(date +%s.%N)
  wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$times")
  printf '| %s | %s s | %s | %s MiB | %s |\n' "$label" "$wall" \
    "$(awk -v n="$records" -v w="$wall" 'BEGIN { printf "%.0f", n / w }')" "$rss" "$load"
}

CMD=(./encours ingest --source "$DATA" --mapping canonical-csv --warehouse "$WAREHOUSE")
echo "# \`encours ingest\` benchmark"
echo
echo "- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "- Machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, shared with other work"
echo "- Java: $(java -version 2>&1 | head -1); job heap ${ENCOURS_JAVA_OPTS}; Spark local[*]"
echo "- Git: $(git rev-parse --short HEAD)"
echo "- Input: \`encours generate --invoices $N\` = $(tail -1 "$WORK/generate.txt" | sed 's/ in bench.*//'); $records records in $(du -sh "$DATA" | cut -f1) of CSV"
echo "- Command: \`bench/ingest.sh $N\`, timing \`${CMD[*]}\` twice"
echo
echo "| run | wall time (JVM start included) | records/s | peak RSS | load before |"
echo "|---|---|---|---|---|"
run "first load (empty warehouse)" "${CMD[@]}"
run "same files again (no change)" "${CMD[@]}"
echo
echo "Summary lines printed by the command:"
echo
echo '```'
cat "$WORK/stdout-first load (empty warehouse).txt" "$WORK/stdout-same files again (no change).txt"
echo '```'
[ "${KEEP:-0}" = "1" ] || rm -rf "$WORK"

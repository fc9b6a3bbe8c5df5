#!/usr/bin/env bash
# Benchmark of `encours generate`: writes N invoices (default 1,000,000) with a small heap, to show
# that generation streams, and prints a Markdown report (date, machine, command, invoices/s, peak RSS,
# output size) on stdout. Usage, from the repository root:
#
#   bench/generate.sh [N] | tee bench/results/generate.md
#
# Environment: JAVA_OPTS (default -Xmx128m), KEEP=1 keeps the generated folder.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-1000000}"
JAVA_OPTS="${JAVA_OPTS:--Xmx128m}"
WORK="bench/results/tmp"            # git-ignored
OUT="$WORK/generate-$N"
mkdir -p "$WORK"

./mvnw -B -q -pl data-samples -am package -DskipTests >&2
./mvnw -B -q -pl data-samples dependency:build-classpath -Dmdep.outputFile="$PWD/$WORK/cp.txt" >&2
CP="data-samples/target/classes:core/target/classes:$(cat "$WORK/cp.txt")"
rm -rf "$OUT"

CMD=(java $JAVA_OPTS -cp "$CP" org.encours.core.cli.Encours generate --invoices "$N" --out "$OUT")
SHOWN="java $JAVA_OPTS -cp <data-samples + core classes + deps> org.encours.core.cli.Encours generate --invoices $N --out $OUT"

TIMES="$WORK/time.txt"
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
start=$(date +%s.%N)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v -o "$TIMES" "${CMD[@]}" > "$WORK/stdout.txt" 2> "$WORK/stderr.txt"
else
  "${CMD[@]}" > "$WORK/stdout.txt" 2> "$WORK/stderr.txt"
  : > "$TIMES"
fi
end=$(date +%s.%N)

wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
rate_process=$(awk -v n="$N" -v w="$wall" 'BEGIN { printf "%.0f", n / w }')
rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$TIMES")
rss="${rss_kb:+$((rss_kb / 1024)) MiB}"
summary=$(cat "$WORK/stdout.txt")
size=$(du -sh "$OUT" | cut -f1)
rows=$(for f in customers invoices payments dunning_events; do
  printf '%s %s, ' "$f" $(( $(wc -l < "$OUT/$f.csv") - 1 ))
done)

cat <<REPORT
# \`encours generate\` benchmark

- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ)
- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, shared with other work
- Load average (1, 5, 15 min) just before the run: $load_before (the machine is shared; rates vary 2x with load)
- Java: $(java -version 2>&1 | head -1)
- Git: $(git rev-parse --short HEAD)$(git diff --quiet -- data-samples || echo ' (with local changes)')
- Command: \`bench/generate.sh $N\`, which runs \`$SHOWN\`

| measure | value |
|---|---|
| invoices | $N |
| wall time, whole process (JVM start included) | $wall s |
| invoices/s, whole process | $rate_process |
| peak RSS | ${rss:-not measured (/usr/bin/time missing)} |
| heap limit | $JAVA_OPTS |
| output size | $size |
| rows | ${rows%, } |

Summary line printed by the command (its own timer, JVM start excluded):

\`\`\`
$summary
\`\`\`

Progress lines (stderr):

\`\`\`
$(cat "$WORK/stderr.txt")
\`\`\`
REPORT

if [ "${KEEP:-0}" != "1" ]; then
  rm -rf "$OUT"
fi

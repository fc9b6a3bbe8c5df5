#!/usr/bin/env bash
# Benchmark of the receivables analytics: aging as of one date, the 36-month KPI series and the
# payment behaviour, over a seeded synthetic warehouse of N invoices (default 1,000,000; N/20
# customers, 36 months), second run of each in one process, local[2].
# Usage: bench/analytics.sh [INVOICES]      (the warehouse is kept in bench/results/tmp/ for reruns)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
WAREHOUSE="bench/results/tmp/warehouse-$N"
mkdir -p bench/results/tmp
./mvnw -B -q -o -pl analytics -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP="analytics/target/test-classes:analytics/target/classes:warehouse/target/test-classes:warehouse/target/classes:core/target/classes:$(cat analytics/target/bench.cp)"
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)
HEAP="${BENCH_HEAP:-8g}"
echo "bench: $N invoices, heap $HEAP, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
TIMER=()
if [ -x /usr/bin/time ]; then TIMER=(/usr/bin/time -v); fi
SPARK_LOCAL_IP=127.0.0.1 "${TIMER[@]}" java -Xmx"$HEAP" $OPENS -cp "$CP" org.encours.analytics.AnalyticsBench "$WAREHOUSE" "$N" \
  2> >(grep -E "Maximum resident|Elapsed \(wall" >&2)

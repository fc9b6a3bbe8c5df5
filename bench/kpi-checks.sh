#!/usr/bin/env bash
# The figures a CFO reads first, checked over a warehouse the analytics have written: the
# portfolio's monthly CEI within 0-100 % or with its reason, ADD never negative at any level, no
# aging share above 100 %, the first months of the data marked (org.encours.analytics.KpiChecks).
# Usage: bench/kpi-checks.sh WAREHOUSE_DIR
#   e.g. after `./encours demo --no-serve`: bench/kpi-checks.sh var/warehouse
set -euo pipefail
cd "$(dirname "$0")/.."
WAREHOUSE="$(cd "${1:?warehouse folder}" && pwd)"
./mvnw -B -q -o -pl analytics -am test-compile dependency:build-classpath -Dmdep.outputFile=target/checks.cp >/dev/null
CP="analytics/target/test-classes:analytics/target/classes:warehouse/target/test-classes:warehouse/target/classes:core/target/classes:$(cat analytics/target/checks.cp)"
OPENS=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)
echo "kpi-checks: $WAREHOUSE, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
SPARK_LOCAL_IP=127.0.0.1 java -Xmx"${CHECKS_HEAP:-4g}" $OPENS -cp "$CP" org.encours.analytics.KpiChecks "$WAREHOUSE" 2>/dev/null

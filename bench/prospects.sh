#!/usr/bin/env bash
# Micro-benchmark of ProspectScorer.score (Spark-free, core's classpath only): loads a prospect model
# folder, scores varied prospects on one thread, prints throughput and latency percentiles. Not a test.
# Usage, from the repository root (the folder from `encours train-prospects --out DIR`):
#
#   bench/prospects.sh MODEL_DIR [SECONDS] | tee -a bench/results/prospects.md
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:?model folder}"
SECONDS_RUN="${2:-10}"
WORK="bench/results/tmp"            # git-ignored
mkdir -p "$WORK"
./mvnw -B -q -pl core compile >&2
./mvnw -B -q -pl core dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/$WORK/core-cp.txt" >&2
CP="core/target/classes:$(cat "$WORK/core-cp.txt")"
if echo "$CP" | grep -q spark; then echo "Spark on the scorer's classpath" >&2; exit 1; fi
echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Command: \`bench/prospects.sh $DIR $SECONDS_RUN\` (java -Xmx256m -cp <core classes + runtime deps, no Spark> bench/prospects/ProspectScorerBench.java)"
echo
echo '```'
java -Xmx256m -cp "$CP" bench/prospects/ProspectScorerBench.java "$DIR" "$SECONDS_RUN"
echo '```'

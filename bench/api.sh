#!/usr/bin/env bash
# HTTP benchmark of the Encours API on loopback (wrk: 2 threads, 64 connections, DURATION s per endpoint).
#   bench/api.sh              # builds the api module (tests skipped), writes a 1M-customer table, runs
# Measures: a customer score lookup (random ids among 1M), a prospect score (POST, the real Tribuo
# scorer and the shipped policy, from PROSPECT_MODEL: by default the demo's, so run
# `./encours demo --no-serve` once first), /health (trivial endpoint of the same server); heap in use
# with 1M scores resident; a reload of a new 1M-score version while wrk hammers the lookup.
# Needs wrk (apt-get install -y wrk). Writes bench/results/tmp (git-ignored); prints a markdown block.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP="$ROOT/bench/results/tmp/api"
N="${N:-1000000}"
DURATION="${DURATION:-12}"
PORT="${PORT:-18080}"
HEAP="${HEAP:-1g}"
PROSPECT_MODEL="${PROSPECT_MODEL:-var/demo/prospect-model}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cd "$ROOT"
[ -f "$PROSPECT_MODEL/prospect-model.json" ] || { echo "no prospect model in $PROSPECT_MODEL: run ./encours demo --no-serve first, or set PROSPECT_MODEL" >&2; exit 1; }
PROSPECT_MODEL="$(cd "$PROSPECT_MODEL" && pwd)"
mkdir -p "$(dirname "$TMP")"
# in one reactor run so that encours-core resolves to core/target (nothing is installed); api writes the file last
./mvnw -B -q -pl api -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test -Dmdep.outputFile="$TMP.cp" >&2
CP="$ROOT/api/target/test-classes:$ROOT/api/target/classes:$(cat "$TMP.cp")"

rm -rf "$TMP" && mkdir -p "$TMP"
WAREHOUSE="$TMP/warehouse"
java -Xmx8g -cp "$CP" org.encours.api.bench.BenchTables "$WAREHOUSE" "$N" 1 | tee "$TMP/write1.txt" >&2
KEY="enc_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export KEY
printf 'keys:\n%s\n' "$(printf '%s' "$KEY" | java -cp "$CP" org.encours.core.cli.Encours api-key --name bench --scopes admin --stdin)" > "$TMP/keys.yaml"

java "-Xmx$HEAP" -Xms256m -cp "$CP" org.encours.api.bench.BenchServer "$WAREHOUSE" "$PORT" "$TMP/keys.yaml" "$PROSPECT_MODEL" > "$TMP/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q '^ready' "$TMP/server.log" && break; sleep 1; done
grep -q '^ready' "$TMP/server.log" || { cat "$TMP/server.log" >&2; exit 1; }

cat > "$TMP/score.lua" <<LUA
local n = $N
math.randomseed(7)
request = function()
  return wrk.format("GET", string.format("/v1/customers/C%07d/score", math.random(1, n)), {["Authorization"] = "Bearer " .. os.getenv("KEY")})
end
LUA
cat > "$TMP/health.lua" <<'LUA'
request = function() return wrk.format("GET", "/health", {["Authorization"] = "Bearer " .. os.getenv("KEY")}) end
LUA
cat > "$TMP/prospect.lua" <<'LUA'
math.randomseed(7)
local countries = {"FR", "DE", "ES", "IT", "BE"}
local sectors = {"construction", "retail", "manufacturing", "transport", "an unseen sector"}
local sizes = {"micro", "small", "medium", "large"}
local channels = {"paper", "electronic"}
request = function()
  local body = string.format('{"country":"%s","sector":"%s","sizeBand":"%s","companyAgeYears":%d,"requestedAmount":%d,"requestedTermsDays":%d,"channel":"%s"}',
    countries[math.random(1, 5)], sectors[math.random(1, 5)], sizes[math.random(1, 4)], math.random(0, 30), math.random(1000, 90000),
    math.random(0, 60), channels[math.random(1, 2)])
  return wrk.format("POST", "/v1/prospects/score", {["Authorization"] = "Bearer " .. os.getenv("KEY"), ["Content-Type"] = "application/json"}, body)
end
LUA

run() { # name script duration
  wrk -t2 -c64 -d"$3"s --latency -s "$TMP/$2" "http://127.0.0.1:$PORT" > "$TMP/$1.txt" 2>&1
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$TMP/$1.txt")
  errors=$(grep -E 'Non-2xx|Socket errors' "$TMP/$1.txt" | tr '\n' ' ' || true)
  echo "| $1 | $rps | $p99 | ${errors:-none} |"
}
# warm-up (JIT), not reported
wrk -t2 -c64 -d5s -s "$TMP/score.lua" "http://127.0.0.1:$PORT" > /dev/null
wrk -t2 -c64 -d3s -s "$TMP/prospect.lua" "http://127.0.0.1:$PORT" > /dev/null
wrk -t2 -c64 -d3s -s "$TMP/health.lua" "http://127.0.0.1:$PORT" > /dev/null

{
echo "Date: $(date -u +%Y-%m-%dT%H:%MZ); machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Command: bench/api.sh (N=$N, DURATION=$DURATION s, wrk -t2 -c64, server -Xmx$HEAP)"
echo
sed -n 's/^/    /p' "$TMP/write1.txt"
grep -E '^(loaded|heap)' "$TMP/server.log" | sed 's/^/    /'
echo
echo "| endpoint | requests/s | p99 | errors |"
echo "|---|---|---|---|"
run health health.lua "$DURATION"
run customer-score score.lua "$DURATION"
run prospect-score prospect.lua "$DURATION"

# reload of a new 1M version under load: wrk hammers the lookup while a job writes a new version and
# the server (polling every second) loads and swaps it; wrk is stopped (SIGINT: it still reports) a
# few seconds after the server answers from the new version.
before=$(curl -s "http://127.0.0.1:$PORT/ready" | sed -E 's/.*"customer_scores":\{"loaded":true,"version":([0-9]+).*/\1/')
wrk -t2 -c64 -d600s --latency -s "$TMP/score.lua" "http://127.0.0.1:$PORT" > "$TMP/reload.txt" 2>&1 &
WRK=$!
sleep 2
java -Xmx8g -cp "$CP" org.encours.api.bench.BenchTables "$WAREHOUSE" "$N" 2 > "$TMP/write2.txt" 2>&1
for _ in $(seq 1 300); do
  now=$(curl -s "http://127.0.0.1:$PORT/ready" | sed -E 's/.*"customer_scores":\{"loaded":true,"version":([0-9]+).*/\1/')
  [ "$now" != "$before" ] && break
  sleep 1
done
sleep 3
kill -INT $WRK; wait $WRK || true
rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/reload.txt")
p99=$(awk '$1 == "99%" {print $2}' "$TMP/reload.txt")
total=$(awk '/requests in/ {print $1, "requests in", $4}' "$TMP/reload.txt")
errors=$(grep -E 'Non-2xx|Socket errors' "$TMP/reload.txt" | tr '\n' ' ' || true)
echo "| customer-score while a new 1M version is written, loaded and swapped in ($total) | $rps | $p99 | ${errors:-none} |"
echo
after=$(curl -s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/customers/C0000001/score" | sed -E 's/.*"dataVersion":([0-9]+).*/\1/')
echo "Before: version $before; after the reload the server answers from customer_scores version $after ($(sed -n 's/^customer_scores: //p' "$TMP/write2.txt"))."
curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^encours_table_reloads_total|^encours_table_version' | sed 's/^/    /'
} | tee "$TMP/report.md"

#!/usr/bin/env bash
# Benchmark report (not a test). Starts the whole suite with the same launcher as ./run.sh, on its own ports and
# state directory, measures it in one run on this machine, and prints a Markdown report (also in bench/last-report.md).
# Needs wrk (installed from Debian's packages when missing) and pgbench (from the machine's PostgreSQL packages).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
[ -f local-stack/target/local-stack.jar ] || ./mvnw -q -B -ntp -DskipTests package

STATE=$(mktemp -d /tmp/ti-bench.XXXX)
export TI_STACK_DIR=$STATE TI_GATEWAY_PORT=28080 TI_TERRITORY_PORT=28081 TI_CONTRACT_PORT=28082 TI_MEASURE_PORT=28083 \
  TI_FUNDING_PORT=28084 TI_POSTGRES_PORT=28085 TI_KAFKA_PORT=28086 TI_KAFKA_CONTROLLER_PORT=28087
# the benchmark measures throughput, not the per-client quota
export TI_GATEWAY_RATE_LIMIT_NATIONAL_ADMIN_CAPACITY=100000000 TI_GATEWAY_RATE_LIMIT_NATIONAL_ADMIN_REFILL_PER_SECOND=100000000
GW=http://127.0.0.1:28080; TS=http://127.0.0.1:28081

t0=$(date +%s.%N)
java -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" fr.gouv.ti.localstack.LocalStack "$PWD" > "$STATE/launcher.log" 2>&1 &
LP=$!
trap 'kill $LP 2>/dev/null; wait $LP 2>/dev/null; rm -rf "$STATE"' EXIT
until grep -q 'is ready' "$STATE/launcher.log"; do
  kill -0 $LP 2>/dev/null || { cat "$STATE/launcher.log"; exit 1; }
  sleep 0.5
done
START_S=$(echo "$(date +%s.%N) - $t0" | bc)
KEY=$(cat "$STATE/admin-api-key")

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
H=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
P=$(printf '{"iss":"urn:ti:gateway","sub":"bench","aud":"ti-services","groups":["national-admin"],"iat":%d,"exp":%d}' $now $((now+3600)) | b64url)
S=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -sign "$STATE/keys/identity-private.pem" | b64url)
IDENTITY="$H.$P.$S"

wrkrun() { # id name url [header]
  local id=$1; shift
  local out
  if [ -n "${3:-}" ]; then out=$(wrk -t2 -c32 -d${DURATION}s --latency -H "$3" "$2"); else out=$(wrk -t2 -c32 -d${DURATION}s --latency "$2"); fi
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  echo "| $1 | $rps | $p50 | $p99 |"
  echo "$rps" > "$STATE/rps-$id"
}

{
echo "# Territoires d'industrie suite: benchmark report"
echo
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; wrk -t2 -c32 -d${DURATION}s; all figures from this one run."
echo
echo "## Start"
echo
echo "Whole stack (PostgreSQL, Kafka, 4 services, gateway, first start with seeding) to ready: **${START_S%.*} s**."
echo
echo "| app | RSS after start (MB) |"
echo "|---|---|"
for f in "$STATE"/pids/*.pid; do
  n=$(basename "$f" .pid); [ "$n" = launcher ] && continue
  echo "| $n | $(( $(ps -o rss= -p "$(cat "$f")") / 1024 )) |"
done
echo
echo "## HTTP reads"
echo
echo "| request | req/s | p50 | p99 |"
echo "|---|---|---|---|"
wrkrun trivial "trivial GET (gateway /q/health/live)" "$GW/q/health/live"
wrkrun regions-direct "regions, direct to territory-service" "$TS/api/v1/regions" "X-TI-Identity: $IDENTITY"
wrkrun regions-gateway "regions, through the gateway" "$GW/api/v1/regions" "X-API-Key: $KEY"
wrkrun territory-direct "territory by id, direct" "$TS/api/v1/territories/2019-2022/ti-8411" "X-TI-Identity: $IDENTITY"
wrkrun territory-gateway "territory by id, through the gateway" "$GW/api/v1/territories/2019-2022/ti-8411" "X-API-Key: $KEY"
echo
echo "## Outbox publish lag (commit → acknowledged by Kafka)"
echo
for i in $(seq 1 300); do
  curl -s -o /dev/null -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    -d "{\"phase\":\"2030-2034\",\"tiId\":\"ti-$(printf '%04d' $((1000+i)))\",\"name\":\"Bench $i\",\"regionCode\":\"84\"}" \
    "$GW/api/v1/territories"
done
echo "After 300 sequential labelling writes (the summary also holds the 332 events of the first-start seed):"
echo
echo '```'
curl -s "$TS/q/metrics" | grep -E '^ti_outbox_publish_lag_seconds(\{quantile|_count|_max)' || true
echo '```'
if [ -n "$PGBENCH" ]; then
  echo
  echo "## PostgreSQL baseline (same embedded server)"
  echo
  PGPASSWORD=postgres "$PGBENCH" -h 127.0.0.1 -p 28085 -U postgres -i -s 10 postgres >/dev/null 2>&1
  TPS=$(PGPASSWORD=postgres "$PGBENCH" -h 127.0.0.1 -p 28085 -U postgres -b tpcb-like -c 8 -j 2 -T $DURATION postgres 2>/dev/null | awk '/tps =/{print $3; exit}')
  echo "pgbench tpcb-like, scale 10, 8 clients: **$TPS tps**."
fi
echo
g=$(cat "$STATE/rps-regions-gateway"); d=$(cat "$STATE/rps-regions-direct")
echo "Gateway / direct throughput on the same GET: **$(echo "scale=2; $g / $d" | bc)**."
} | tee bench/last-report.md

#!/usr/bin/env bash
# Benchmark report (not a test). Starts the whole suite with the same launcher as ./run.sh, on its own ports and
# state directory, measures it in one run on this machine, and prints a Markdown report (also in bench/last-report.md).
# Needs wrk (installed from Debian's packages when missing), pgbench (from the machine's PostgreSQL packages) and a
# JDK 17 (bench/Propagation.java runs as a single-file program). Writes go through bench/commit.lua.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
PROPAGATION_SAMPLES=${PROPAGATION_SAMPLES:-100}
POLL_MS=${POLL_MS:-2}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
[ -f local-stack/target/local-stack.jar ] || ./mvnw -q -B -ntp -DskipTests package
SCRIPT_T0=$(date +%s)

STATE=$(mktemp -d /tmp/ti-bench.XXXX)
export TI_STACK_DIR=$STATE TI_GATEWAY_PORT=28080 TI_TERRITORY_PORT=28081 TI_CONTRACT_PORT=28082 TI_MEASURE_PORT=28083 \
  TI_FUNDING_PORT=28084 TI_POSTGRES_PORT=28085 TI_KAFKA_PORT=28086 TI_KAFKA_CONTROLLER_PORT=28087
# the benchmark measures throughput, not the per-client quota (admin for reads and set-up, operator for commitments)
export TI_GATEWAY_RATE_LIMIT_NATIONAL_ADMIN_CAPACITY=100000000 TI_GATEWAY_RATE_LIMIT_NATIONAL_ADMIN_REFILL_PER_SECOND=100000000
export TI_GATEWAY_RATE_LIMIT_OPERATOR_CAPACITY=100000000 TI_GATEWAY_RATE_LIMIT_OPERATOR_REFILL_PER_SECOND=100000000
GW=http://127.0.0.1:28080; TS=http://127.0.0.1:28081

t0=$(date +%s.%N)
java -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" fr.gouv.ti.localstack.LocalStack "$PWD" > "$STATE/launcher.log" 2>&1 &
LP=$!
trap 'kill $LP 2>/dev/null; wait $LP 2>/dev/null || true; rm -rf "$STATE"' EXIT
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

idem() { echo "bench-$(date +%s%N)-$RANDOM"; }
api() { # method path json [api-key]: prints the body, then the HTTP status on a last line of its own
  curl -s -w '\n%{http_code}' -X "$1" -H "X-API-Key: ${4:-$KEY}" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $(idem)" -d "$3" "$GW$2"
}
status_of() { tail -n1 <<<"$1"; }
body_of() { sed '$d' <<<"$1"; }
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2" | head -n1; }
need() { # expected-status what response
  [ "$(status_of "$3")" = "$1" ] || { echo "bench setup: $2 answered $(status_of "$3"): $(body_of "$3")" >&2; exit 1; }
}
retry_until_201() { # what method path json [api-key]: retries (new Idempotency-Key each time) for up to 90 s, prints the body
  local r i
  for i in $(seq 1 180); do
    r=$(api "$2" "$3" "$4" "${5:-}")
    if [ "$(status_of "$r")" = 201 ]; then body_of "$r"; return 0; fi
    sleep 0.5
  done
  echo "bench setup: $1 still answers $(status_of "$r") after 90 s: $(body_of "$r")" >&2
  return 1
}

commitrun() { # clients: one wrk run of commitments through the gateway; prints a table row
  local c=$1 out rps p50 p99 non2xx sock statuses
  out=$(wrk -t2 -c"$c" -d"${DURATION}"s --timeout 30s --latency -H "X-API-Key: $OPKEY" -s bench/commit.lua \
    "$GW/api/v1/funding/commitments" -- "bench-c$c-$RUN" "$ACTION")
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx or 3xx responses/{print $NF}')
  sock=$(echo "$out" | awk -F': ' '/Socket errors/{print $2}')
  statuses=$(echo "$out" | sed -n 's/^statuses: //p')
  echo "| $c | $rps | $p50 | $p99 | ${non2xx:-0} | ${sock:-none} | $statuses |"
  echo "$rps" > "$STATE/rps-commit-$c"
  echo "${non2xx:-0}" > "$STATE/non2xx-commit-$c"
  echo "${sock:-}" | awk '{n=0; for(i=1;i<=NF;i++) if ($i ~ /^[0-9]+,?$/) n+=$i; print n}' > "$STATE/sockerr-commit-$c"
}
pgbenchrun() { # clients: tps of pgbench tpcb-like on the suite's PostgreSQL
  PGPASSWORD=postgres "$PGBENCH" -h 127.0.0.1 -p 28085 -U postgres -b tpcb-like -c "$1" -j 2 -T "$DURATION" postgres \
    2>/dev/null | awk '/tps =/{print $3; exit}'
}
ratio() { echo "scale=${3:-2}; $1 / $2" | bc | sed 's/^\./0./'; }
RUN=$(date +%s)

{
echo "# Territoires d'industrie suite: benchmark report"
echo
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB (load average $(cut -d' ' -f1-3 /proc/loadavg) before the stack started); wrk -t2 -c32 -d${DURATION}s for reads, -c8 and -c32 for commits; all figures from this one run."
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

# --- funding set-up for the commitments, all through the gateway: the national administrator funds, allocates and
# opens the contract and its fiche-action; commitments are for operators only, so it issues a Bpifrance operator key.
setup_t0=$(date +%s)
need 201 "programme source PIC" "$(api PUT /api/v1/funding/programme/sources/PIC \
  '{"amountCents":100000000000,"effectiveDate":"2019-01-15","reason":"bench"}')"
need 201 "operator line BPIFRANCE" "$(api POST /api/v1/funding/operator-lines \
  '{"operator":"BPIFRANCE","sourceCode":"PIC","amountCents":50000000000,"effectiveDate":"2019-03-05"}')"
need 201 "allocation" "$(api POST /api/v1/funding/allocations \
  '{"operator":"BPIFRANCE","phase":"2019-2022","tiId":"ti-8411","regionCode":"84","measureCode":"RECRUTER-01","amountCents":40000000000,"effectiveDate":"2020-01-20"}')"
# contract-service learns the territory from territory-service's events
r=$(retry_until_201 "contract creation" POST /api/v1/contracts '{"phase":"2019-2022","tiId":"ti-8411"}')
CONTRACT=$(field contractId "$r")
[ -n "$CONTRACT" ] || { echo "bench setup: no contractId in $r" >&2; exit 1; }
r=$(api POST "/api/v1/contracts/$CONTRACT/actions" '{"title":"Bench","description":"Fiche-action du contrat","axis":"RECRUTER","measureCodes":["RECRUTER-01"],"actionDate":"2020-01-15","leadOrganisation":{"name":"Roannais Agglomération","siren":"200035731"},"epciSiren":"200035731","estimatedCostCents":40000000,"requestedFunding":[]}')
need 201 "fiche-action" "$r"
ACTION=$(field actionId "$(body_of "$r")")
[ -n "$ACTION" ] || { echo "bench setup: no actionId in $r" >&2; exit 1; }
r=$(api POST /api/v1/admin/api-keys '{"name":"Bench Bpifrance","role":"operator","operatorCode":"BPIFRANCE"}')
need 201 "operator key" "$r"
OPKEY=$(field key "$(body_of "$r")")
[ -n "$OPKEY" ] || { echo "bench setup: no key in $r" >&2; exit 1; }
# funding-service learns the fiche-action from contract-service's events
retry_until_201 "first commitment" POST /api/v1/funding/commitments "{\"actionId\":\"$ACTION\",\"operator\":\"BPIFRANCE\",\"measureCode\":\"RECRUTER-01\",\"amountCents\":100,\"effectiveDate\":\"2020-03-10\",\"beneficiaryName\":\"Roannais Agglomération\",\"beneficiarySiret\":\"20003573100013\"}" "$OPKEY" >/dev/null
echo
echo "## Event propagation (commitment → territory summary)"
echo
echo "What this measures: how long after funding-service acknowledges a commitment (201) the territory summary read through"
echo "the gateway shows it, i.e. outbox relay + Kafka + territory-service's projection, one commitment at a time."
echo
echo "Set-up through the gateway (as national administrator: source, operator line, allocation, contract, fiche-action,"
echo "Bpifrance operator key; then the first commitment, accepted once funding-service knew the fiche-action from events):"
echo "$(( $(date +%s) - setup_t0 )) s. Commitments below are posted with that operator key: the national administrator is"
echo "refused on them (403, operators only)."
echo
prop=$(java bench/Propagation.java "$GW" "$OPKEY" "$ACTION" "$PROPAGATION_SAMPLES" "$POLL_MS")
pv() { sed -n "s/^$1=//p" <<<"$prop"; }
echo "$(pv samples) sequential commitments of 1 € (after 5 uncounted warm-up ones), summary polled every $(pv poll_interval_ms) ms"
echo "plus the poll's own round trip (mean $(pv mean_poll_rtt_ms) ms), which bounds the resolution:"
echo
echo "| samples | p50 | p99 | max | timeouts (30 s) | mean commit round trip |"
echo "|---|---|---|---|---|---|"
echo "| $(pv samples) | $(pv p50_ms) ms | $(pv p99_ms) ms | $(pv max_ms) ms | $(pv timeouts) | $(pv mean_commit_rtt_ms) ms |"
echo
echo "## Commitments through the gateway"
echo
echo "What this measures: sustained write throughput and latency of \`POST /api/v1/funding/commitments\` (gateway → funding-service:"
echo "idempotency record, double-entry ledger transaction and outbox event in one PostgreSQL transaction), every request with a"
echo "unique Idempotency-Key (bench/commit.lua), all on the same fiche-action and allocation, so they serialize on the locks"
echo "of the same account and totals rows. wrk --timeout 30s so that slow requests count in the latencies instead of as errors."
echo
echo "| clients | commits/s | p50 | p99 | non-2xx | socket errors | statuses |"
echo "|---|---|---|---|---|---|---|"
commitrun 8
commitrun 32
if [ -n "$PGBENCH" ]; then
  echo
  echo "## PostgreSQL baseline (same embedded server)"
  echo
  echo "What this measures: what the suite's own PostgreSQL does with pgbench's tpcb-like transaction (3 updates, 1 select,"
  echo "1 insert) at the same client counts, the ceiling the commits are compared with."
  echo
  PGPASSWORD=postgres "$PGBENCH" -h 127.0.0.1 -p 28085 -U postgres -i -s 10 postgres >/dev/null 2>&1
  TPS8=$(pgbenchrun 8)
  TPS32=$(pgbenchrun 32)
  echo "| clients | tps |"
  echo "|---|---|"
  echo "| 8 | $TPS8 |"
  echo "| 32 | $TPS32 |"
fi
echo
echo "## Ratios"
echo
g=$(cat "$STATE/rps-regions-gateway"); d=$(cat "$STATE/rps-regions-direct")
echo "- Gateway / direct throughput on the same GET (regions): **$(ratio "$g" "$d")**."
tg=$(cat "$STATE/rps-territory-gateway"); tr=$(cat "$STATE/rps-trivial")
echo "- Territory GET through the gateway / trivial GET: **$(ratio "$tg" "$tr")**."
if [ -n "$PGBENCH" ]; then
  for c in 8 32; do
    tps=$TPS8; [ "$c" = 32 ] && tps=$TPS32
    echo "- Commits/s through the gateway / pgbench tps, $c clients: **$(ratio "$(cat "$STATE/rps-commit-$c")" "$tps" 4)**."
  done
fi
errs=$(( $(cat "$STATE/non2xx-commit-8") + $(cat "$STATE/non2xx-commit-32") ))
sockerrs=$(( $(cat "$STATE/sockerr-commit-8") + $(cat "$STATE/sockerr-commit-32") ))
echo
echo "Commit load runs: **$errs non-2xx responses, $sockerrs socket errors**. Whole report (build excluded) took $(( $(date +%s) - SCRIPT_T0 )) s."
} | tee bench/last-report.md

#!/usr/bin/env bash
# Benchmark report (not a test). Starts the whole suite with the same launcher as ./run.sh, on its own ports and
# state directory, measures it in one run on this machine, and prints a Markdown report (also written to $REPORT,
# default bench/last-report.md).
# Needs wrk (installed from Debian's packages when missing), pgbench and psql (from the machine's PostgreSQL packages),
# python3 (reads the territory list during the set-up) and a JDK 17 (bench/Propagation.java and bench/Audit.java run
# as single-file programs; jcmd and jfr for PROFILE=1). Writes go through bench/commit.lua and bench/disburse.lua.
#
# Settings (environment):
#   DURATION=10          seconds per load run; every write load step is 1 warm-up run + 3 measured runs (median)
#   REPORT=path          where the Markdown report goes (default bench/last-report.md)
#   AUDIT_REQUESTS=100000  contended commitments of the audit step (0 skips it); AUDIT_CLIENTS=32
#   PROFILE=1            one extra profiled run of shape (a) at 8 clients (PROFILE_DURATION s, default 30): JFR of
#                        funding-service and the gateway, PostgreSQL wait events sampled every 100 ms,
#                        pg_stat_statements when the server preloads it
#   SPREAD_TERRITORIES=100 SPREAD_MEASURES=2   shape (b): territories x measure codes = allocations = fiches-actions
#   PROPAGATION_SAMPLES=100 POLL_MS=2
#   WEBHOOK_SAMPLES=100 WEBHOOK_BURST=500 WEBHOOK_CLIENTS=8   commit → webhook delivered latency, deliveries/s
#   BENCH_KEEP=dir       keep the raw runs (wrk figures, CPU snapshots), set-up files and logs there
#   READS_ONLY=1         start, memory and reads only (no write load, no audit)
#   WEBHOOKS_ONLY=1      start, propagation and webhook delivery only (no read or write load, no audit)
#   WARMUP=10            seconds of load on each read before its measured runs
#   READ_KEYS=32         API keys (region role) presented in turn by the reads "with keys"
set -euo pipefail
if [ -n "${REPORT:-}" ]; then REPORT=$(realpath -m "$REPORT"); fi
cd "$(dirname "$0")/.."
REPORT=${REPORT:-$PWD/bench/last-report.md}
DURATION=${DURATION:-10}
PROPAGATION_SAMPLES=${PROPAGATION_SAMPLES:-100}
WEBHOOK_SAMPLES=${WEBHOOK_SAMPLES:-100}; WEBHOOK_BURST=${WEBHOOK_BURST:-500}; WEBHOOK_CLIENTS=${WEBHOOK_CLIENTS:-8}
POLL_MS=${POLL_MS:-2}
AUDIT_REQUESTS=${AUDIT_REQUESTS:-100000}
AUDIT_CLIENTS=${AUDIT_CLIENTS:-32}
PROFILE=${PROFILE:-0}
PROFILE_DURATION=${PROFILE_DURATION:-30}
SPREAD_TERRITORIES=${SPREAD_TERRITORIES:-100}
SPREAD_MEASURES=${SPREAD_MEASURES:-2}
REPS=3
READS_ONLY=${READS_ONLY:-0}
WEBHOOKS_ONLY=${WEBHOOKS_ONLY:-0}
WARMUP=${WARMUP:-10}
READ_KEYS=${READ_KEYS:-32}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1 || true)
# the same build step as ./run.sh: skipped when nothing changed since the last build
TI_BUILD_ONLY=1 ./run.sh
SCRIPT_T0=$(date +%s)
CLK_TCK=$(getconf CLK_TCK)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

STATE=$(mktemp -d /tmp/ti-bench.XXXX)
export TI_STACK_DIR=$STATE TI_GATEWAY_PORT=28080 TI_TERRITORY_PORT=28081 TI_CONTRACT_PORT=28082 TI_MEASURE_PORT=28083 \
  TI_FUNDING_PORT=28084 TI_POSTGRES_PORT=28085 TI_KAFKA_PORT=28086 TI_KAFKA_CONTROLLER_PORT=28087 TI_WEBHOOK_PORT=28088
# the benchmark measures throughput, not the per-client quota (admin for reads and set-up, operator for commitments)
export TI_GATEWAY_RATE_LIMIT_NATIONAL_ADMIN_CAPACITY=100000000 TI_GATEWAY_RATE_LIMIT_NATIONAL_ADMIN_REFILL_PER_SECOND=100000000
export TI_GATEWAY_RATE_LIMIT_OPERATOR_CAPACITY=100000000 TI_GATEWAY_RATE_LIMIT_OPERATOR_REFILL_PER_SECOND=100000000
export TI_GATEWAY_RATE_LIMIT_REGION_CAPACITY=100000000 TI_GATEWAY_RATE_LIMIT_REGION_REFILL_PER_SECOND=100000000
export TI_GATEWAY_RATE_LIMIT_ANONYMOUS_CAPACITY=100000000 TI_GATEWAY_RATE_LIMIT_ANONYMOUS_REFILL_PER_SECOND=100000000
GW=http://127.0.0.1:28080; TS=http://127.0.0.1:28081; MS=http://127.0.0.1:28083
# management interfaces (health, metrics): each app's port + 1000
GW_MGMT=http://127.0.0.1:29080; TS_MGMT=http://127.0.0.1:29081
RUNS=$STATE/bench-runs; mkdir -p "$RUNS"

# --- the suite starts twice: first on an empty state directory (migrations, seeding, class-data archives recorded at
# exit), then again on the same state with ./run.sh itself (build skipped: nothing changed), as a user's second start
LP=
trap 'kill $LP 2>/dev/null; wait $LP 2>/dev/null || true; [ -z "${BENCH_KEEP:-}" ] || { mkdir -p "$BENCH_KEEP"; cp -r "$RUNS" "$STATE"/*.txt "$STATE"/*.log "$STATE"/*.err "$STATE/logs" "$BENCH_KEEP"/ 2>/dev/null; }; rm -rf "$STATE"' EXIT
start_suite() { # label command...: starts it in the background, waits for ready; sets LP and START_<label>
  local label=$1 t0; shift
  t0=$(date +%s.%N)
  "$@" > "$STATE/launcher-$label.log" 2>&1 &
  LP=$!
  until grep -q 'is ready' "$STATE/launcher-$label.log"; do
    kill -0 $LP 2>/dev/null || { cat "$STATE/launcher-$label.log"; exit 1; }
    sleep 0.1
  done
  printf -v "START_$label" '%s' "$(echo "$(date +%s.%N) - $t0" | bc)"
}
stop_suite() { kill $LP 2>/dev/null; wait $LP 2>/dev/null || true; LP=; }
ready_in() { # label app: "2.3" from the launcher's "app ready in 2.3 s" line, or n/a (launchers before it printed it)
  sed -n "s/^\[local-stack\] $2 *ready in \([0-9.]*\) s.*/\1/p" "$STATE/launcher-$1.log" | awk 'NR == 1' | grep . || echo n/a
}
start_suite first java -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" fr.gouv.ti.localstack.LocalStack "$PWD"
stop_suite
start_suite second ./run.sh
KEY=$(cat "$STATE/admin-api-key")

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
H=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
P=$(printf '{"iss":"urn:ti:gateway","sub":"bench","aud":"ti-services","groups":["national-admin"],"iat":%d,"exp":%d}' $now $((now+3600)) | b64url)
S=$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -sign "$STATE/keys/identity-private.pem" | b64url)
IDENTITY="$H.$P.$S"

sql() { # database query: unaligned, tuples only, '|' separated
  PGPASSWORD=postgres "$PSQL" -X -q -h 127.0.0.1 -p 28085 -U postgres -d "$1" -At -F '|' -v ON_ERROR_STOP=1 -c "$2"
}

# ------------------------------------------------------------------------------------------------ CPU accounting
# utime+stime (+cutime+cstime: a PostgreSQL backend that exits is added to the postmaster's cutime) of
# /proc/<pid>/stat, in clock ticks; fields 14-17 are 12-15 once the "pid (comm) " prefix is cut.
APPS="gateway territory-service contract-service measure-service funding-service webhook-service kafka"
PROCS="$APPS postgresql"
PGDATA_DIR=$(dirname "$(find "$STATE" -maxdepth 3 -name postmaster.pid | awk "NR == 1")")
pg_pids() { # the postmaster and all its children (backends, checkpointer, walwriter, ...)
  local pm; pm=$(head -1 "$PGDATA_DIR/postmaster.pid")
  echo "$pm" $(ps --ppid "$pm" -o pid= 2>/dev/null)
}
cpu_snapshot() { # file: one "name ticks" line per process, the whole machine (all cores, busy ticks) and the time;
  # one cat and one awk, so that every counter is read at (almost) the same instant
  local map="" files="" n p
  for n in $APPS; do p=$(cat "$STATE/pids/$n.pid"); map+=" $p:$n"; files+=" /proc/$p/stat"; done
  for p in $(pg_pids); do map+=" $p:postgresql"; files+=" /proc/$p/stat"; done
  # a PostgreSQL backend may exit between the listing and the read: its file is missing, not an error
  { date +%s.%N; cat /proc/stat $files 2>/dev/null || true; } | awk -v map="$map" -v apps="$APPS" '
    BEGIN { n = split(map, a, " "); for (i = 1; i <= n; i++) { split(a[i], b, ":"); name[b[1]] = b[2] }
            m = split(apps " postgresql", order, " "); for (i = 1; i <= m; i++) t[order[i]] = 0 }
    NR == 1 { now = $1; next }
    $1 == "cpu" { machine = $2 + $3 + $4 + $7 + $8 + $9; next }
    ($1 in name) { line = $0; sub(/^.*\) /, "", line); split(line, f, " "); t[name[$1]] += f[12] + f[13] + f[14] + f[15] }
    END { for (i = 1; i <= m; i++) print order[i], t[order[i]]; print "machine", machine; print "time", now }' > "$1"
}
cpu_delta() { # before after requests -> "name ms_per_request" lines, and "cores": machine busy cores over the interval
  awk -v tck="$CLK_TCK" -v n="$3" 'NR==FNR{b[$1]=$2; next}
    $1=="time"{w=$2-b[$1]; next} $1=="machine"{mc=$2-b[$1]}
    {d=($2-b[$1])*1000/tck; printf "%s %.3f\n", $1, (n>0? d/n : 0)}
    END{printf "cores %.2f\n", (w>0? mc/tck/w : 0)}' "$1" "$2"
}
val() { sed -n "s/^$2=//p" "$RUNS/$1" | awk "NR == 1"; }           # run-file key
cpuval() { awk -v k="$2" '$1==k{print $2}' "$RUNS/$1.cpu"; } # run-file process

# ------------------------------------------------------------------------------------------------ load runs
# wrkrun1 LABEL CLIENTS LUA URL ARGS...: one wrk run with the CPU of every process before/after; writes $RUNS/LABEL
wrkrun1() {
  local label=$1 c=$2 lua=$3 url=$4; shift 4
  local out t_start t_end
  cpu_snapshot "$RUNS/$label.cpu0"
  t_start=$(date +%s.%N)
  local prefix=$1; shift # Idempotency-Key prefix: made unique per run (a key reused with another body is a 422)
  out=$(wrk -t2 -c"$c" -d"${DURATION}"s --timeout 30s --latency -H "X-API-Key: $OPKEY" -s "$lua" "$url" -- "$prefix-$label" "$@")
  t_end=$(date +%s.%N)
  cpu_snapshot "$RUNS/$label.cpu1"
  echo "$out" > "$RUNS/$label.wrk"
  local ok statuses non2xx sock
  statuses=$(echo "$out" | sed -n 's/^statuses: //p')
  ok=$(echo "$statuses" | tr ' ' '\n' | sed -n 's/^201=//p'); ok=${ok:-0}
  non2xx=$(echo "$out" | awk '/Non-2xx or 3xx responses/{print $NF}')
  sock=$(echo "$out" | awk -F': ' '/Socket errors/{print $2}')
  {
    echo "rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')"
    echo "ok_rps=$(echo "scale=2; $ok / ($t_end - $t_start)" | bc)"
    echo "p50=$(echo "$out" | awk '$1=="50%"{print $2}')"
    echo "p99=$(echo "$out" | awk '$1=="99%"{print $2}')"
    echo "ok=$ok"
    echo "statuses=$statuses"
    echo "non2xx=${non2xx:-0}"
    echo "sock=${sock:-none}"
    echo "sockn=$(echo "${sock:-}" | awk '{n=0; for(i=1;i<=NF;i++) if ($i ~ /^[0-9]+,?$/) n+=$i; print n}')"
    echo "wall=$(echo "$t_end - $t_start" | bc)"
  } > "$RUNS/$label"
  cpu_delta "$RUNS/$label.cpu0" "$RUNS/$label.cpu1" "$ok" > "$RUNS/$label.cpu"
  echo "cores=$(cpuval "$label" cores)" >> "$RUNS/$label"
  echo "error=$(echo "$out" | sed -n 's/^error: //p' | awk "NR == 1")" >> "$RUNS/$label"
}
# loadstep LABEL CLIENTS LUA URL ARGS...: warm-up run, then $REPS runs; $RUNS/LABEL.median names the median run
loadstep() {
  local label=$1 c=$2 lua=$3 url=$4 r; shift 4
  wrkrun1 "$label-warmup" "$c" "$lua" "$url" "$@"
  for r in $(seq 1 $REPS); do wrkrun1 "$label-r$r" "$c" "$lua" "$url" "$@"; done
  for r in $(seq 1 $REPS); do echo "$(val "$label-r$r" rps) $label-r$r"; done | sort -g | sed -n "$(( (REPS + 1) / 2 ))p" \
    | cut -d' ' -f2 > "$RUNS/$label.median"
}
med() { cat "$RUNS/$1.median"; }
allrps() { local r; for r in $(seq 1 $REPS); do printf '%s%s' "$([ "$r" -gt 1 ] && echo ' / ')" "$(val "$1-r$r" rps)"; done; }
steperrors() { # labels...: the first refused response of each measured run, if any
  local l r e
  for l in "$@"; do for r in $(seq 1 $REPS); do
    e=$(val "$l-r$r" error); [ -n "$e" ] && echo "- $l-r$r, first refused response: \`$e\`"
  done; done; true
}
steprow() { # label clients: Markdown row of the median run
  local m; m=$(med "$1")
  echo "| $2 | **$(val "$m" rps)** | $(allrps "$1") | $(val "$m" p50) | $(val "$m" p99) | $(val "$m" non2xx) | $(val "$m" sock) | $(val "$m" statuses) | $(val "$m" cores) |"
}
stephead() {
  echo "| clients | $1/s (median) | $REPS runs (req/s) | p50 | p99 | non-2xx | socket errors | statuses | cores busy |"
  echo "|---|---|---|---|---|---|---|---|---|"
}
cputable() { # what label8 label32: CPU-ms per successful request of each process, median run of each client count
  local what=$1 l8=$2 l32=$3 n total8 total32
  echo "| process | CPU-ms per $what, 8 clients | CPU-ms per $what, 32 clients |"
  echo "|---|---|---|"
  for n in $PROCS; do echo "| $n | $(cpuval "$(med "$l8")" "$n") | $(cpuval "$(med "$l32")" "$n") |"; done
  total8=$(for n in $PROCS; do cpuval "$(med "$l8")" "$n"; done | awk '{s+=$1} END{printf "%.3f", s}')
  total32=$(for n in $PROCS; do cpuval "$(med "$l32")" "$n"; done | awk '{s+=$1} END{printf "%.3f", s}')
  echo "| **total (suite)** | **$total8** | **$total32** |"
  echo "| whole machine (suite + wrk + anything else) | $(cpuval "$(med "$l8")" machine) | $(cpuval "$(med "$l32")" machine) |"
}
pgbench1() { # label clients: one pgbench tpcb-like run with PostgreSQL's CPU before/after
  local out
  cpu_snapshot "$RUNS/$1.cpu0"
  out=$(PGPASSWORD=postgres "$PGBENCH" -h 127.0.0.1 -p 28085 -U postgres -b tpcb-like -c "$2" -j 2 -T "$DURATION" postgres 2>/dev/null)
  cpu_snapshot "$RUNS/$1.cpu1"
  local tps n
  tps=$(echo "$out" | awk '/tps =/{print $3; exit}')
  n=$(echo "$out" | awk '/number of transactions actually processed/{split($NF,a,"/"); print a[1]; exit}')
  { echo "rps=$tps"; echo "ok=$n"; echo "lat=$(echo "$out" | awk '/latency average/{print $4 " " $5; exit}')"; } > "$RUNS/$1"
  cpu_delta "$RUNS/$1.cpu0" "$RUNS/$1.cpu1" "${n:-0}" > "$RUNS/$1.cpu"
}
pgbenchstep() {
  local r
  pgbench1 "$1-warmup" "$2"
  for r in $(seq 1 $REPS); do pgbench1 "$1-r$r" "$2"; done
  for r in $(seq 1 $REPS); do echo "$(val "$1-r$r" rps) $1-r$r"; done | sort -g | sed -n "$(( (REPS + 1) / 2 ))p" \
    | cut -d' ' -f2 > "$RUNS/$1.median"
}

readrun() { # label url wrk-args...: one read run; writes $RUNS/label like wrkrun1 does
  local label=$1 url=$2 out; shift 2
  out=$(wrk -t2 -c32 -d"${DURATION}"s --latency "$@" "$url" -- "$STATE/read-keys.txt")
  {
    echo "rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')"
    echo "p50=$(echo "$out" | awk '$1=="50%"{print $2}')"
    echo "p99=$(echo "$out" | awk '$1=="99%"{print $2}')"
    echo "non2xx=$(echo "$out" | awk '/Non-2xx or 3xx responses/{print $NF}')"
  } > "$RUNS/$label"
}
readstep() { # label name url wrk-args...: warm-up, $REPS runs, a Markdown row of the median
  local label=$1 name=$2 url=$3 r m; shift 3
  DURATION=$WARMUP readrun "$label-warmup" "$url" "$@"
  for r in $(seq 1 $REPS); do readrun "$label-r$r" "$url" "$@"; done
  for r in $(seq 1 $REPS); do echo "$(val "$label-r$r" rps) $label-r$r"; done | sort -g | sed -n "$(( (REPS + 1) / 2 ))p" \
    | cut -d' ' -f2 > "$RUNS/$label.median"
  m=$(med "$label")
  echo "| $name | **$(val "$m" rps)** | $(allrps "$label") | $(val "$m" p50) | $(val "$m" p99) |"
}
ratiorow() { # name numerator denominator goal
  local x; x=$(ratio "$(val "$(med "$2")" rps)" "$(val "$(med "$3")" rps)")
  echo "| $1 | **$x** | >= $4 | $(awk -v x="$x" -v g="$4" 'BEGIN{print (x >= g ? "yes" : "no")}') |"
}

idem() { echo "bench-$(date +%s%N)-$RANDOM"; }
api() { # method path json [api-key]: prints the body, then the HTTP status on a last line of its own
  curl -s -w '\n%{http_code}' -X "$1" -H "X-API-Key: ${4:-$KEY}" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $(idem)" -d "$3" "$GW$2"
}
status_of() { tail -n1 <<<"$1"; }
body_of() { sed '$d' <<<"$1"; }
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2" | awk "NR == 1"; }
commitment_account() { sed -n 's/.*"id":\([0-9]*\),"kind":"COMMITMENT".*/\1/p' <<<"$1" | awk "NR == 1"; }
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
to_ms() { # wrk latency (850.12us, 12.30ms, 1.43s, 1.02m) -> milliseconds
  awk -v v="$1" 'BEGIN{n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    print (u == "us" ? n / 1000 : u == "ms" ? n : u == "s" ? n * 1000 : u == "m" ? n * 60000 : n)}'
}
ratio() { echo "scale=${3:-2}; $1 / $2" | bc | sed 's/^\./0./'; }
RUN=$(date +%s)
for i in $(seq 1 "$READ_KEYS"); do
  r=$(api POST /api/v1/admin/api-keys "{\"name\":\"Bench reader $i\",\"role\":\"region\",\"regionCode\":\"84\"}")
  need 201 "reader key $i" "$r"
  field key "$(body_of "$r")"
done > "$STATE/read-keys.txt"
TERRITORY_ETAG=$(curl -s -D - -o /dev/null "$GW/api/v1/territories/2019-2022/ti-8411" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
PGSETTINGS=$(sql postgres "select string_agg(name || '=' || setting, ', ' order by name) from pg_settings
  where name in ('fsync','synchronous_commit','full_page_writes','shared_buffers','max_connections','shared_preload_libraries')")

{
echo "# Territoires d'industrie suite: benchmark report"
echo
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB (load average $LOAD_BEFORE before the stack started),"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$([ -z "$(git status --porcelain -- . ':!bench' 2>/dev/null)" ] || echo ' + uncommitted changes outside bench/'); wrk -t2 -c32 -d${DURATION}s single runs for reads;"
echo "every write load step (commitments, disbursements, pgbench) is 1 warm-up run + $REPS runs of ${DURATION} s, reported as the"
echo "run with the median req/s (its p50/p99 and CPU); all figures from this one run. PostgreSQL: $PGSETTINGS."
echo
echo "## Start"
echo
echo "First start: empty state (migrations, seeding of both phases and the communes, class-data archives recorded when it"
echo "stops): **${START_first%.*} s** from the launcher's command to ready. Second start, same state, with \`./run.sh\` itself"
echo "(its build step skipped, nothing changed): **$(printf '%.1f' "$START_second") s** from the command to ready."
echo
APPS_ONLY="territory-service measure-service contract-service funding-service webhook-service gateway"
echo "| app | ready after process start, first start (s) | second start (s) | RSS after the second start (MB) |"
echo "|---|---|---|---|"
for n in $APPS_ONLY kafka; do
  echo "| $n | $(ready_in first "$n") | $(ready_in second "$n") | $(( $(ps -o rss= -p "$(cat "$STATE/pids/$n.pid")") / 1024 )) |"
done
echo "| postgresql (postmaster + children) | | | $(( $(ps -o rss= -p "$(pg_pids | tr ' ' ',')" | awk '{s+=$1} END{print s}') / 1024 )) (sum of RSS: shared buffers counted in every process) |"
echo
if [ "$WEBHOOKS_ONLY" != 1 ]; then
echo "## HTTP reads"
echo
echo "What this measures: GET throughput and latency at 32 connections (wrk -t2 -c32), after ${WARMUP} s of warm-up load on"
echo "each URL; $REPS runs of ${DURATION} s each, the median by req/s shown with its p50/p99. \"With keys\": $READ_KEYS region API"
echo "keys presented in turn (bench/keys.lua), so that one client's rate limit or cache entry does not shape the measure"
echo "(limits raised for the benchmark). \"Direct\": to the service's own port with a gateway-signed identity."
echo
echo "| request | req/s (median) | $REPS runs | p50 | p99 |"
echo "|---|---|---|---|---|"
readstep trivial "trivial GET (gateway management /q/health/live)" "$GW_MGMT/q/health/live"
readstep territory-direct "territory by id, direct" "$TS/api/v1/territories/2019-2022/ti-8411" -H "X-TI-Identity: $IDENTITY"
readstep territory-anon "territory by id, through the gateway, anonymous" "$GW/api/v1/territories/2019-2022/ti-8411"
readstep territory-keys "territory by id, through the gateway, with keys" "$GW/api/v1/territories/2019-2022/ti-8411" -s bench/keys.lua
readstep territory-304 "territory by id, through the gateway, If-None-Match (304)" "$GW/api/v1/territories/2019-2022/ti-8411" -H "If-None-Match: $TERRITORY_ETAG"
readstep regions-direct "regions, direct" "$TS/api/v1/regions" -H "X-TI-Identity: $IDENTITY"
readstep regions-keys "regions, through the gateway, with keys" "$GW/api/v1/regions" -s bench/keys.lua
readstep measures-direct "measures, direct" "$MS/api/v1/measures" -H "X-TI-Identity: $IDENTITY"
readstep measures-keys "measures, through the gateway, with keys" "$GW/api/v1/measures" -s bench/keys.lua
readstep region84-direct "territories of a region, direct" "$TS/api/v1/territories?region=84" -H "X-TI-Identity: $IDENTITY"
readstep region84-keys "territories of a region, through the gateway, with keys" "$GW/api/v1/territories?region=84" -s bench/keys.lua
echo
echo "Ratios (medians of this run):"
echo
echo "| ratio | measured | goal | met |"
echo "|---|---|---|---|"
ratiorow "territory by id through the gateway, anonymous / trivial GET" territory-anon trivial 0.3
ratiorow "territory by id through the gateway, with keys / trivial GET" territory-keys trivial 0.3
ratiorow "regions through the gateway / direct" regions-keys regions-direct 0.5
ratiorow "measures through the gateway / direct" measures-keys measures-direct 0.5
ratiorow "territories of a region through the gateway / direct" region84-keys region84-direct 0.5
for l in territory-anon territory-keys regions-keys measures-keys region84-keys; do
  p=$(val "$(med "$l")" p99)
  echo "| $l: p99 at 32 connections | $p | <= 20 ms | $(to_ms "$p" | awk '{print ($1 <= 20 ? "yes" : "no")}') |"
done
echo
echo "An unchanged territory read with \`If-None-Match\` is a 304 of $(curl -s -o /dev/null -w '%{size_download}' -H "If-None-Match: $TERRITORY_ETAG" "$GW/api/v1/territories/2019-2022/ti-8411") bytes of body instead of $(curl -s -o /dev/null -w '%{size_download}' "$GW/api/v1/territories/2019-2022/ti-8411")."
echo
fi # WEBHOOKS_ONLY
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
curl -s "$TS_MGMT/q/metrics" | grep -E '^ti_outbox_publish_lag_seconds(\{quantile|_count|_max)' || true
echo '```'

if [ "$READS_ONLY" != 1 ]; then
# --- funding set-up for the commitments, all through the gateway: the national administrator funds, allocates and
# opens the contract and its fiche-action; commitments are for operators only, so it issues a Bpifrance operator key.
setup_t0=$(date +%s)
need 201 "programme source PIC" "$(api PUT /api/v1/funding/programme/sources/PIC \
  '{"amountCents":100000000000,"effectiveDate":"2019-01-15","reason":"bench"}')"
need 201 "operator line BPIFRANCE" "$(api POST /api/v1/funding/operator-lines \
  '{"operator":"BPIFRANCE","sourceCode":"PIC","amountCents":50000000000,"effectiveDate":"2019-03-05"}')"
# funding-service learns the territory and the measure from the registry's and the catalogue's events
retry_until_201 "allocation" POST /api/v1/funding/allocations \
  '{"operator":"BPIFRANCE","phase":"2019-2022","tiId":"ti-8411","regionCode":"84","measureCode":"RECRUTER-01","amountCents":40000000000,"effectiveDate":"2020-01-20"}' >/dev/null
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
echo "## Webhook delivery (commitment → webhook delivered)"
echo
echo "What this measures: how long after funding-service acknowledges a commitment (201) its funding.committed event reaches"
echo "a webhook receiver on this machine (JDK HTTP server answering 204), i.e. outbox relay + Kafka + webhook-service's inbox,"
echo "queue and signed POST, one commitment at a time (goal: p99 ≤ 200 ms); then a burst of commitments from"
echo "$WEBHOOK_CLIENTS clients and the rate at which their events are delivered (one territory: one aggregate, delivered one at a"
echo "time, in order). Subscribed through the gateway with the Bpifrance operator key (bench/Webhooks.java)."
echo
wh=$(java bench/Webhooks.java "$GW" "$OPKEY" "$ACTION" "$WEBHOOK_SAMPLES" "$WEBHOOK_BURST" "$WEBHOOK_CLIENTS")
wv() { sed -n "s/^$1=//p" <<<"$wh"; }
echo "| samples | p50 | p99 | max | timeouts (30 s) | burst | delivered | commits/s | deliveries/s | drain after the last commit |"
echo "|---|---|---|---|---|---|---|---|---|---|"
echo "| $(wv samples) | $(wv p50_ms) ms | $(wv p99_ms) ms | $(wv max_ms) ms | $(wv timeouts) | $(wv burst) | $(wv burst_delivered) | $(wv burst_commits_per_s) | $(wv burst_deliveries_per_s) | $(wv burst_drain_after_last_commit_ms) ms |"
echo
if [ "$WEBHOOKS_ONLY" != 1 ]; then
echo "## Commitments through the gateway, shape (a): one allocation, one fiche-action"
echo
echo "What this measures: sustained write throughput and latency of \`POST /api/v1/funding/commitments\` (gateway → funding-service:"
echo "idempotency record, double-entry ledger transaction and outbox event in one PostgreSQL transaction), every request with a"
echo "unique Idempotency-Key (bench/commit.lua), all on the same fiche-action and allocation, so they serialize on the locks"
echo "of the same account and totals rows (today's worst case). wrk --timeout 30s so that slow requests count in the"
echo "latencies instead of as errors. \"cores busy\": CPU of the whole machine over the run (all processes, wrk included)."
echo
loadstep commit-a-8 8 bench/commit.lua "$GW/api/v1/funding/commitments" "bench-a8-$RUN" "$ACTION"
loadstep commit-a-32 32 bench/commit.lua "$GW/api/v1/funding/commitments" "bench-a32-$RUN" "$ACTION"
stephead commits
steprow commit-a-8 8
steprow commit-a-32 32
steperrors commit-a-8 commit-a-32
echo
echo "CPU per accepted commitment (utime+stime from /proc/<pid>/stat over the median run, divided by its 201 responses;"
echo "PostgreSQL is the postmaster and all its processes):"
echo
cputable commitment commit-a-8 commit-a-32

if [ "$PROFILE" = 1 ]; then
  PROFILE_DIR=${PROFILE_DIR:-/tmp/ti-bench-profile-$RUN}; mkdir -p "$PROFILE_DIR"
  echo
  echo "## Profile: shape (a), 8 clients (one extra run, not counted above)"
  echo
  echo "What this measures: where funding-service and the gateway spend their CPU (JFR execution samples, settings=default:"
  echo "a Java thread sampled every 20 ms while it runs Java code, over a ${PROFILE_DURATION} s run; threads blocked in I/O or locks are not sampled,"
  echo "top frames and first application frames), and what PostgreSQL's active sessions wait on (pg_stat_activity sampled"
  echo "every 100 ms). Recordings kept in \`$PROFILE_DIR\` (open them with JDK Mission Control or \`jfr print\`)."
  PSS=0
  if sql postgres "show shared_preload_libraries" | grep -q pg_stat_statements; then
    PSS=1
    sql funding "create extension if not exists pg_stat_statements" >/dev/null
    sql funding "select pg_stat_statements_reset()" >/dev/null
  fi
  for n in funding-service gateway; do
    jcmd "$(cat "$STATE/pids/$n.pid")" JFR.start name=bench settings=default >/dev/null
  done
  printf '%s\n' "select 'S', '', '' union all select coalesce(wait_event_type, 'CPU'), coalesce(wait_event, 'running'), coalesce(datname, '-') from pg_stat_activity where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid() \\watch 0.1" \
    | PGPASSWORD=postgres "$PSQL" -X -q -h 127.0.0.1 -p 28085 -U postgres -d postgres -At -F '|' > "$PROFILE_DIR/wait-events.txt" 2>/dev/null &
  WP=$!
  DURATION=$PROFILE_DURATION wrkrun1 commit-a-8-profiled 8 bench/commit.lua "$GW/api/v1/funding/commitments" "bench-a8p-$RUN" "$ACTION"
  kill $WP 2>/dev/null || true; wait $WP 2>/dev/null || true
  for n in funding-service gateway; do
    jcmd "$(cat "$STATE/pids/$n.pid")" JFR.stop name=bench filename="$PROFILE_DIR/$n.jfr" >/dev/null
  done
  echo
  echo "Profiled run: $(val commit-a-8-profiled rps) commits/s, p99 $(val commit-a-8-profiled p99) (recording and sampling cost some throughput)."
  for n in funding-service gateway; do
    jfr print --events jdk.ExecutionSample --stack-depth 64 "$PROFILE_DIR/$n.jfr" > "$PROFILE_DIR/$n-samples.txt"
    samples=$(grep -c 'jdk.ExecutionSample' "$PROFILE_DIR/$n-samples.txt" || true)
    echo
    echo "### $n: $samples execution samples"
    echo
    echo "| top frame (where the CPU was) | samples | % |"
    echo "|---|---|---|"
    awk -v total="$samples" '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); c[$0]++}
      END{for (f in c) printf "%d\t%s\n", c[f], f}' "$PROFILE_DIR/$n-samples.txt" | sort -rn | awk "NR <= 15" \
      | awk -F'\t' -v total="$samples" '{printf "| `%s` | %d | %.1f |\n", $2, $1, (total>0? 100*$1/total : 0)}' || true
    echo
    echo "| package of the top frame (first 3 parts) | samples | % |"
    echo "|---|---|---|"
    awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/\(.*/, ""); n = split($0, p, "."); k = p[1];
      for (i = 2; i <= 3 && i < n - 1; i++) k = k "." p[i]; c[k]++}
      END{for (f in c) printf "%d\t%s\n", c[f], f}' "$PROFILE_DIR/$n-samples.txt" | sort -rn | awk "NR <= 12" \
      | awk -F'\t' -v total="$samples" '{printf "| `%s` | %d | %.1f |\n", $2, $1, (total>0? 100*$1/total : 0)}' || true
    echo
    echo "| first frame of the suite's own code in the stack (fr.gouv.ti) | samples | % |"
    echo "|---|---|---|"
    awk '/stackTrace = \[/{s=1; found=0; next} s && /^[ \t]*\]/{if (!found) c["(none: framework, JDK or JIT/GC thread)"]++; s=0; next}
      s && !found && /fr\.gouv\.ti\./{f=$0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); c[f]++; found=1}
      END{for (f in c) printf "%d\t%s\n", c[f], f}' "$PROFILE_DIR/$n-samples.txt" | sort -rn | awk "NR <= 12" \
      | awk -F'\t' -v total="$samples" '{printf "| `%s` | %d | %.1f |\n", $2, $1, (total>0? 100*$1/total : 0)}' || true
  done
  echo
  nsamples=$(grep -c '^S|' "$PROFILE_DIR/wait-events.txt" || true)
  echo "### PostgreSQL: active client sessions, $nsamples samples (every 100 ms)"
  echo
  echo "| wait_event_type | wait_event | database | samples seen | mean sessions |"
  echo "|---|---|---|---|---|"
  grep -v '^S|' "$PROFILE_DIR/wait-events.txt" | grep '|' | sort | uniq -c | sort -rn | awk "NR <= 20" \
    | awk -v n="$nsamples" '{c=$1; $1=""; sub(/^ /, ""); split($0, f, "|"); printf "| %s | %s | %s | %d | %.2f |\n", f[1], f[2], f[3], c, (n>0? c/n : 0)}' || true
  echo
  if [ "$PSS" = 1 ]; then
    echo "### pg_stat_statements (funding database, over the profiled run)"
    echo
    echo "| calls | total ms | mean ms | rows | query |"
    echo "|---|---|---|---|---|"
    sql funding "select calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows,
        regexp_replace(left(query, 140), '[\s|]+', ' ', 'g')
      from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = 'funding'
      order by total_exec_time desc limit 15" | awk -F'|' '{printf "| %s | %s | %s | %s | `%s` |\n", $1, $2, $3, $4, $5}'
  else
    echo "pg_stat_statements: not loaded by this server (shared_preload_libraries='$(sql postgres 'show shared_preload_libraries')')."
    echo "(the launcher preloads it: local-stack EmbeddedPostgresServer)."
  fi
fi

# --- shape (b): SPREAD_TERRITORIES territories x SPREAD_MEASURES measure codes of the 2019-2022 phase, one allocation,
# one fiche-action and one first commitment each, all through the gateway
setup_t0=$(date +%s)
NSPREAD=$((SPREAD_TERRITORIES * SPREAD_MEASURES))
MEASURES=$(printf 'RECRUTER-%02d ' $(seq 1 "$SPREAD_MEASURES"))
need 201 "operator line BPIFRANCE top-up" "$(api POST /api/v1/funding/operator-lines \
  '{"operator":"BPIFRANCE","sourceCode":"PIC","amountCents":40000000000,"effectiveDate":"2019-03-05"}')"
PER_ALLOC=$((40000000000 / NSPREAD))
: > "$STATE/territories.json"
cursor=""
while :; do
  page=$(curl -s -H "X-API-Key: $KEY" "$GW/api/v1/territories?phase=2019-2022&status=LABELLED&limit=500${cursor:+&cursor=$cursor}")
  echo "$page" >> "$STATE/territories.json"
  cursor=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read()).get("nextCursor") or "")' <<<"$page")
  [ -n "$cursor" ] || break
done
# tiId regionCode epciSiren: one EPCI member of the perimeter on the action date, ti-8411 left to shape (a)
python3 - "$STATE/territories.json" "$SPREAD_TERRITORIES" > "$STATE/spread-territories.txt" <<'PY'
import json, sys
out = []
for line in open(sys.argv[1]):
    if not line.strip():
        continue
    for t in json.loads(line)["items"]:
        if t["tiId"] == "ti-8411":
            continue
        members = [m for m in t.get("perimeter") or [] if (m.get("validFrom") or "0000") <= "2020-01-15"
                   and (m.get("validTo") is None or m["validTo"] > "2020-01-15") and m.get("nature") != "COM"]
        if members:
            out.append((t["tiId"], t["regionCode"], members[0]["siren"]))
for tid, region, siren in out[: int(sys.argv[2])]:
    print(tid, region, siren)
PY
[ "$(wc -l < "$STATE/spread-territories.txt")" -ge "$SPREAD_TERRITORIES" ] || {
  echo "bench setup: only $(wc -l < "$STATE/spread-territories.txt") usable territories of 2019-2022" >&2; exit 1; }
: > "$STATE/spread-actions.txt"
while read -r tid region siren; do
  for m in $MEASURES; do
    retry_until_201 "allocation $tid $m" POST /api/v1/funding/allocations \
      "{\"operator\":\"BPIFRANCE\",\"phase\":\"2019-2022\",\"tiId\":\"$tid\",\"regionCode\":\"$region\",\"measureCode\":\"$m\",\"amountCents\":$PER_ALLOC,\"effectiveDate\":\"2020-01-20\"}" >/dev/null
  done
  r=$(retry_until_201 "contract $tid" POST /api/v1/contracts "{\"phase\":\"2019-2022\",\"tiId\":\"$tid\"}")
  c=$(field contractId "$r")
  for m in $MEASURES; do
    r=$(api POST "/api/v1/contracts/$c/actions" "{\"title\":\"Bench $m\",\"description\":\"Fiche-action du contrat\",\"axis\":\"RECRUTER\",\"measureCodes\":[\"$m\"],\"actionDate\":\"2020-01-15\",\"leadOrganisation\":{\"name\":\"EPCI $siren\",\"siren\":\"$siren\"},\"epciSiren\":\"$siren\",\"estimatedCostCents\":40000000,\"requestedFunding\":[]}")
    need 201 "fiche-action $tid $m" "$r"
    echo "$(field actionId "$(body_of "$r")") $m" >> "$STATE/spread-actions.txt"
  done
done < "$STATE/spread-territories.txt"
# a first commitment of EUR 100,000 per fiche-action (retried until funding-service knows it from events) opens the
# commitment account the disbursements use
: > "$STATE/spread-commitments.txt"
while read -r a m; do
  r=$(retry_until_201 "first commitment $a" POST /api/v1/funding/commitments "{\"actionId\":\"$a\",\"operator\":\"BPIFRANCE\",\"measureCode\":\"$m\",\"amountCents\":10000000,\"effectiveDate\":\"2020-03-10\",\"beneficiaryName\":\"Bench\"}" "$OPKEY")
  id=$(commitment_account "$r")
  [ -n "$id" ] || { echo "bench setup: no COMMITMENT account in $r" >&2; exit 1; }
  echo "$id" >> "$STATE/spread-commitments.txt"
done < "$STATE/spread-actions.txt"
SETUP_B_S=$(( $(date +%s) - setup_t0 ))
echo
echo "## Commitments through the gateway, shape (b): spread over $NSPREAD allocations and $NSPREAD fiches-actions"
echo
echo "What this measures: the same commitments, each request on a fiche-action picked at random among $NSPREAD (with its"
echo "measure code), each fiche-action on its own allocation: $SPREAD_TERRITORIES territories of the 2019-2022 phase x"
echo "$SPREAD_MEASURES measure codes ($MEASURES), Bpifrance. Set-up through the gateway (operator line top-up, $NSPREAD allocations,"
echo "$SPREAD_TERRITORIES contracts, $NSPREAD fiches-actions, one first commitment each once funding-service knew it): $SETUP_B_S s."
echo
loadstep commit-b-8 8 bench/commit.lua "$GW/api/v1/funding/commitments" "bench-b8-$RUN" "@$STATE/spread-actions.txt"
loadstep commit-b-32 32 bench/commit.lua "$GW/api/v1/funding/commitments" "bench-b32-$RUN" "@$STATE/spread-actions.txt"
stephead commits
steprow commit-b-8 8
steprow commit-b-32 32
steperrors commit-b-8 commit-b-32
echo
echo "CPU per accepted commitment:"
echo
cputable commitment commit-b-8 commit-b-32
echo
echo "## Disbursements through the gateway (after shape (b))"
echo
echo "What this measures: \`POST /api/v1/funding/commitments/{id}/disbursements\` of 1 to 50 cents (bench/disburse.lua), each"
echo "request on one of the $NSPREAD commitments of shape (b) picked at random, unique Idempotency-Key per request."
echo
loadstep disburse-8 8 bench/disburse.lua "$GW" "bench-d8-$RUN" "@$STATE/spread-commitments.txt" 50
loadstep disburse-32 32 bench/disburse.lua "$GW" "bench-d32-$RUN" "@$STATE/spread-commitments.txt" 50
stephead disbursements
steprow disburse-8 8
steprow disburse-32 32
steperrors disburse-8 disburse-32
echo
echo "CPU per accepted disbursement:"
echo
cputable disbursement disburse-8 disburse-32
if [ -n "$PGBENCH" ]; then
  echo
  echo "## PostgreSQL baseline (same embedded server)"
  echo
  echo "What this measures: what the suite's own PostgreSQL does with pgbench's tpcb-like transaction (3 updates, 1 select,"
  echo "1 insert; scale 10, -j 2) at the same client counts, the ceiling the commits are compared with; same warm-up + $REPS runs."
  echo
  PGPASSWORD=postgres "$PGBENCH" -h 127.0.0.1 -p 28085 -U postgres -i -s 10 postgres >/dev/null 2>&1
  pgbenchstep pgbench-8 8
  pgbenchstep pgbench-32 32
  echo "| clients | tps (median) | $REPS runs | latency average | PostgreSQL CPU-ms per transaction |"
  echo "|---|---|---|---|---|"
  for c in 8 32; do
    m=$(med pgbench-$c)
    echo "| $c | **$(val "$m" rps)** | $(allrps pgbench-$c) | $(val "$m" lat) | $(cpuval "$m" postgresql) |"
  done
fi
echo
echo "## Ratios of the writes"
if [ -n "$PGBENCH" ]; then
  echo
  echo "Medians over pgbench tpcb-like tps at the same client count (goal: >= 1.0):"
  echo
  echo "| step | 8 clients | 32 clients |"
  echo "|---|---|---|"
  for s in commit-a:"commits/s, shape (a)" commit-b:"commits/s, shape (b)" disburse:"disbursements/s (after b)"; do
    l=${s%%:*}
    echo "| ${s#*:} | **$(ratio "$(val "$(med "$l-8")" rps)" "$(val "$(med pgbench-8)" rps)" 4)** | **$(ratio "$(val "$(med "$l-32")" rps)" "$(val "$(med pgbench-32)" rps)" 4)** |"
  done
fi
errs=0; sockerrs=0
for l in commit-a-8 commit-a-32 commit-b-8 commit-b-32 disburse-8 disburse-32; do
  for r in $(seq 1 $REPS); do
    errs=$((errs + $(val "$l-r$r" non2xx))); sockerrs=$((sockerrs + $(val "$l-r$r" sockn)))
  done
done
echo
echo "Write load runs (measured runs of every step): **$errs non-2xx responses, $sockerrs socket errors**."

if [ "$AUDIT_REQUESTS" -gt 0 ]; then
  echo
  echo "## $AUDIT_REQUESTS contended commitments, then an SQL audit of the ledger"
  echo
  echo "What this measures: correctness under contention. $AUDIT_CLIENTS clients (bench/Audit.java, a fixed thread pool) post"
  echo "$AUDIT_REQUESTS commitments on the $NSPREAD allocations of shape (b), amounts drawn so that every allocation runs dry after"
  echo "about 80 % of its requests (the rest over-ask: 409 expected), 1 % asking more than the whole allocation on purpose,"
  echo "5 % sent again with the same Idempotency-Key and body once answered (must be replayed, not moved twice) and 1 % sent"
  echo "twice at the same time; each key carries a unique decisionReference. Then SQL on the funding database checks every"
  echo "invariant of the whole ledger."
  echo
  sql funding "select c.action_id, c.measure_code, p.inflow_cents - p.outflow_cents from account c join account p on p.id = c.parent_id
    where c.kind = 'COMMITMENT' and c.id in ($(paste -sd, "$STATE/spread-commitments.txt"))" | tr '|' ' ' > "$STATE/audit-targets.txt"
  APREFIX="audit-$RUN"
  cpu_snapshot "$RUNS/audit.cpu0"
  audit=$(java bench/Audit.java "$GW" "$OPKEY" "$STATE/audit-targets.txt" "$AUDIT_REQUESTS" "$AUDIT_CLIENTS" "$APREFIX" 2> "$STATE/audit.err") \
    || { echo "bench audit: the client failed:" >&2; tail -20 "$STATE/audit.err" >&2; exit 1; }
  cpu_snapshot "$RUNS/audit.cpu1"
  av() { sed -n "s/^$1=//p" <<<"$audit"; }
  cpu_delta "$RUNS/audit.cpu0" "$RUNS/audit.cpu1" "$(av answered)" > "$RUNS/audit.cpu"
  echo "| requests (keys) | answered (with retries) | 201 | 409 over the limit | 409 in flight | other | transport errors | retries | replays | over-asks | races | answered/s | p50 | p99 | time |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  echo "| $(av requests) | $(av answered) | $(av created_201) | $(av refused_409_limit) | $(av refused_409_in_flight) | $(av other) $(av other_statuses) | $(av transport_errors) | $(av retries) | $(av replays) | $(av overasks) | $(av races) | $(av answered_per_s) | $(av p50_ms) ms | $(av p99_ms) ms | $(av seconds) s |"
  echo
  echo "CPU-ms per answered request: $(for n in $PROCS; do printf '%s %s; ' "$n" "$(cpuval audit "$n")"; done)total (suite) $(for n in $PROCS; do cpuval audit "$n"; done | awk '{s+=$1} END{printf "%.3f", s}')."
  if [ -s "$STATE/audit.err" ]; then
    echo
    echo "Client messages (first 5):"
    echo
    echo '```'
    head -5 "$STATE/audit.err"
    echo '```'
  fi
  declare -A V
  V[unbalanced_tx]=$(sql funding "select count(*) from ledger_transaction t left join
    (select tx_id, sum(amount_cents) s, count(*) n from ledger_entry group by tx_id) e on e.tx_id = t.id
    where e.tx_id is null or e.s <> 0 or e.n < 2")
  V[orphan_entries]=$(sql funding "select count(*) from ledger_entry e where not exists (select 1 from ledger_transaction t where t.id = e.tx_id)")
  V[beyond_limit]=$(sql funding "select count(*) from account where (kind <> 'WORLD' and outflow_cents > inflow_cents)
    or inflow_cents < 0 or outflow_cents < 0 or (kind = 'PROGRAMME' and inflow_cents > 136000000000)")
  V[balance_vs_entries]=$(sql funding "select count(*) from account a left join (select account_id,
      coalesce(sum(amount_cents) filter (where side = 'U'), 0) u, coalesce(-sum(amount_cents) filter (where side = 'D'), 0) d, count(*) n
      from ledger_entry group by account_id) e on e.account_id = a.id
    where a.inflow_cents <> coalesce(e.u, 0) or a.outflow_cents <> coalesce(e.d, 0) or a.entry_count <> coalesce(e.n, 0)")
  V[action_totals]=$(sql funding "select count(*) from action_totals t full join (select action_id,
      sum(inflow_cents) filter (where kind = 'COMMITMENT') c, sum(inflow_cents) filter (where kind = 'DISBURSED') d
      from account where kind in ('COMMITMENT', 'DISBURSED') group by action_id) a on a.action_id = t.action_id
    where coalesce(t.committed_cents, 0) <> coalesce(a.c, 0) or coalesce(t.disbursed_cents, 0) <> coalesce(a.d, 0)")
  V[territory_totals]=$(sql funding "select count(*) from territory_totals t full join (select phase, ti_id,
      sum(inflow_cents) filter (where kind = 'ALLOCATION') al, sum(inflow_cents) filter (where kind = 'COMMITMENT') c,
      sum(inflow_cents) filter (where kind = 'DISBURSED') d
      from account where kind in ('ALLOCATION', 'COMMITMENT', 'DISBURSED') group by phase, ti_id) a
      on a.phase = t.phase and a.ti_id = t.ti_id
    where coalesce(t.allocated_cents, 0) <> coalesce(a.al, 0) or coalesce(t.committed_cents, 0) <> coalesce(a.c, 0)
       or coalesce(t.disbursed_cents, 0) <> coalesce(a.d, 0)")
  V[reference_moved_twice]=$(sql funding "select count(*) from (select reference from ledger_transaction
    where reference like '$APREFIX-%' group by reference having count(*) > 1) x")
  V[acknowledged_not_in_ledger]=$(sql funding "select count(*) from idempotency_record r where r.idem_key like '$APREFIX-%'
    and r.response_status = 201 and not exists (select 1 from ledger_transaction t
      where t.id = (r.response_body::json ->> 'transactionId')::uuid and t.reference = r.idem_key)")
  V[moved_without_record]=$(sql funding "select count(*) from ledger_transaction t where t.reference like '$APREFIX-%'
    and not exists (select 1 from idempotency_record r where r.idem_key = t.reference and r.response_status = 201)")
  ledger_moves=$(sql funding "select count(*) from ledger_transaction where reference like '$APREFIX-%'")
  V[client_201_vs_ledger]=0
  if [ "$(av transport_errors)" = 0 ] && [ "$(av keys_with_201)" != "$ledger_moves" ]; then V[client_201_vs_ledger]=1; fi
  V[replay_mismatches]=$(av replay_mismatches)
  V[race_double_moves]=$(av race_double_moves)
  total_v=0; for k in "${!V[@]}"; do total_v=$((total_v + ${V[$k]})); done
  echo
  echo "Audit over the whole funding ledger ($(sql funding "select count(*) from ledger_transaction") transactions,"
  echo "$(sql funding "select count(*) from ledger_entry") entries, $(sql funding "select count(*) from account") accounts; $ledger_moves ledger"
  echo "transactions carry an audit decisionReference, for $(av keys_with_201) keys the client saw accepted):"
  echo
  echo "| check | violations |"
  echo "|---|---|"
  echo "| transactions whose entries do not sum to zero (or with fewer than 2 entries) | ${V[unbalanced_tx]} |"
  echo "| entries without their transaction | ${V[orphan_entries]} |"
  echo "| accounts beyond their limit (outflow > inflow except WORLD, negative flows, programme ceiling) | ${V[beyond_limit]} |"
  echo "| accounts whose inflow/outflow/entry count differ from their entries | ${V[balance_vs_entries]} |"
  echo "| fiches-actions whose action_totals differ from their COMMITMENT / DISBURSED accounts | ${V[action_totals]} |"
  echo "| territories whose territory_totals differ from their ALLOCATION / COMMITMENT / DISBURSED accounts | ${V[territory_totals]} |"
  echo "| idempotency keys (decisionReference) that moved money more than once | ${V[reference_moved_twice]} |"
  echo "| 201 stored for a key whose transaction is not in the ledger | ${V[acknowledged_not_in_ledger]} |"
  echo "| ledger movements of an audit key without a stored 201 | ${V[moved_without_record]} |"
  echo "| keys the client saw accepted ≠ ledger movements (checked when no transport error) | ${V[client_201_vs_ledger]} |"
  echo "| retries of an accepted request not replayed with the same transaction | ${V[replay_mismatches]} |"
  echo "| simultaneous duplicates both accepted as new | ${V[race_double_moves]} |"
  echo
  echo "**violations: $total_v** ($(av requests) requests, $(av answered) answered, $(av created_201) × 201, $(( $(av refused_409_limit) + $(av refused_409_in_flight) )) × 409 ($(av refused_409_in_flight) of them in flight), $(av replays) replays + $(av race_replays) replays of simultaneous duplicates)."
fi
echo
echo "## Goals of the ledger issue (group commit), this run"
echo
echo "Medians of the steps above; throughput against pgbench tpcb-like at the same client count on the same server."
echo
echo "| goal | measured | met |"
echo "|---|---|---|"
for l in commit-a commit-b disburse; do
  for c in 8 32; do
    if [ -n "$PGBENCH" ]; then
      x=$(ratio "$(val "$(med "$l-$c")" rps)" "$(val "$(med pgbench-$c)" rps)" 4)
      echo "| $l, $c clients: req/s >= 1.0 x pgbench tps | $x | $(awk -v x="$x" 'BEGIN{print (x >= 1.0 ? "yes" : "no")}') |"
    fi
  done
  p=$(val "$(med "$l-8")" p99)
  echo "| $l, 8 clients: p99 <= 50 ms | $p | $(to_ms "$p" | awk '{print ($1 <= 50 ? "yes" : "no")}') |"
done
if [ "$AUDIT_REQUESTS" -gt 0 ]; then
  echo "| audit after $AUDIT_REQUESTS contended commitments: violations 0 | $total_v | $([ "$total_v" = 0 ] && echo yes || echo no) |"
fi
fi # WEBHOOKS_ONLY
fi # READS_ONLY
echo
echo "## Memory after the benchmark's load"
echo
echo "| app | RSS (MB) |"
echo "|---|---|"
for n in $APPS_ONLY kafka; do
  echo "| $n | $(( $(ps -o rss= -p "$(cat "$STATE/pids/$n.pid")") / 1024 )) |"
done
echo
echo "Whole report (build excluded) took $(( $(date +%s) - SCRIPT_T0 )) s."
} | tee "$REPORT"

#!/usr/bin/env bash
# funding-service benchmark (issue 7). Not a test: runs LedgerBenchmark, which is outside surefire's name patterns.
# In one run, on one embedded PostgreSQL: pgbench tpcb-like; commits/s through the HTTP API at 8 and 32 clients with
# p50/p99; balance and aggregate latencies with more than 1 million entries. Report: funding-service/target/bench-report.md
#   usage: funding-service/bench/run-benchmark.sh [seconds-per-phase (default 20)] [bulk transactions (default 520000)]
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v pgbench >/dev/null || { echo "pgbench is required (Debian: apt-get install postgresql-client)"; exit 1; }
SECONDS_PER_PHASE="${1:-20}"
BULK="${2:-520000}"
flock /tmp/ti-mvn.lock ./mvnw -q -o -pl funding-service test -Dtest=LedgerBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbench.seconds="$SECONDS_PER_PHASE" -Dbench.bulk="$BULK" \
  | sed -n '/^# funding-service benchmark/,$p'
cat funding-service/target/bench-report.md

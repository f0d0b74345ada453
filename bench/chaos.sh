#!/usr/bin/env bash
# Chaos run (not a test of CI: it runs for minutes). For each seed: the suite starts with the launcher on its own
# ports and a fresh state directory (e2e-tests/target/e2e-stack), a mixed load runs through the gateway (a region
# signing and amending contracts, territory teams adding fiches-actions, two operators committing and disbursing with
# retried Idempotency-Keys, the administrator changing a perimeter and editing the catalogue, anonymous readers), and
# every part is killed with kill -9 in turn at moments drawn from the seed: the five services, the gateway, the Kafka
# broker and PostgreSQL, then restarted. Once the load has stopped and everything has converged, an audit: every
# acknowledged write present exactly once, every event sent and processed by every consumer of its topic, projections
# equal to their sources, the ledger's invariants, no record dead-lettered.
#
#   bench/chaos.sh                 three runs, with seeds drawn from the clock
#   bench/chaos.sh 42 7 1234       one run per seed given (a seed reproduces its run's kill order and moments)
#   ROUNDS=2                       rounds per run (every target killed once per round)
#   BETWEEN=10                     seconds of load between kills, on average
#   TARGETS=kafka,postgresql       only these parts (default: all eight)
#   REPORT=bench/chaos-report.md   where the Markdown report goes (rewritten)
#   MVN_ARGS="-o -Dquarkus.build.skip=true"   extra Maven arguments (offline; apps as last built)
#
# The figures of each run are appended to the report; the script exits non-zero if an audit was not clean.
set -uo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
BETWEEN=${BETWEEN:-10}
TARGETS=${TARGETS:-territory-service,contract-service,measure-service,funding-service,webhook-service,gateway,kafka,postgresql}
REPORT=$(realpath -m "${REPORT:-bench/chaos-report.md}")
seeds=("$@")
if [ ${#seeds[@]} -eq 0 ]; then
  seeds=("$(date +%s%N | cut -c8-16)" "$(date +%s%N | cut -c9-17)" "$(date +%s%N | cut -c10-18)")
fi
{
  echo "# Chaos runs"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)$(git diff --quiet -- . ':!bench/chaos-report.md' || echo ' + uncommitted changes'),"
  echo "$(nproc) cores; $ROUNDS rounds per run, targets: $TARGETS; \`bench/chaos.sh ${seeds[*]}\` reproduces these runs."
  echo "Each kill is a SIGKILL of the process (PostgreSQL: of the postmaster); the part stays dead 0.5-3 s, then starts"
  echo "again; \"first success\" is the first request through the gateway that needs the part and succeeds (for the"
  echo "broker: the first event an outbox has acknowledged since its restart)."
  echo
} > "$REPORT"
failed=0
for seed in "${seeds[@]}"; do
  echo "chaos: seed $seed"
  if ! ./mvnw -B -ntp ${MVN_ARGS:-} verify -pl e2e-tests -am -Dit.test=ChaosRunIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
      -Dfailsafe.failIfNoSpecifiedTests=false -Dti.chaos.seed="$seed" -Dti.chaos.rounds="$ROUNDS" \
      -Dti.chaos.between="$BETWEEN" -Dti.chaos.targets="$TARGETS" -Dti.chaos.report="$REPORT"; then
    failed=1
    # the state of the failed run (databases, broker, logs) is kept for inspection; the next run starts afresh
    rm -rf "e2e-tests/target/chaos-state-$seed" && mv e2e-tests/target/e2e-stack "e2e-tests/target/chaos-state-$seed" 2>/dev/null
    echo "chaos: the run of seed $seed failed (see above; its state is in e2e-tests/target/chaos-state-$seed)"
    grep -q "Seed $seed" "$REPORT" || printf '## Seed %s\n\nThe run did not complete: see the build output.\n\n' "$seed" >> "$REPORT"
  fi
done
echo "chaos: report in $REPORT"
exit $failed

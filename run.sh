#!/usr/bin/env bash
# Starts the whole suite on this machine: embedded PostgreSQL, Kafka, the four services and the gateway.
# Data is kept under .run/ between runs. Ctrl-C stops everything.
# The build runs only when a source, a pom or the Maven wrapper changed since the last one (or a jar is missing):
# a second start with nothing changed goes straight to the suite's own start. TI_BUILD=always forces it;
# TI_BUILD_ONLY=1 builds (if needed) and exits.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p .run
stamp=.run/build.sha256
fingerprint() {
  # every file the build reads: tracked or not (but not ignored), outside target/ and .run/
  { git ls-files -co --exclude-standard 2>/dev/null || find . -type f -not -path './.git/*'; } \
    | grep -vE '(^|/)(target|\.run)/' | LC_ALL=C sort | xargs -d '\n' sha256sum 2>/dev/null | sha256sum | cut -d' ' -f1
}
now=$(fingerprint)
jars_present() {
  [ -f local-stack/target/local-stack.jar ] && for m in territory-service measure-service contract-service funding-service webhook-service gateway; do
    [ -f "$m/target/quarkus-app/quarkus-run.jar" ] || return 1; done
}
if [ "${TI_BUILD:-}" = always ] || ! jars_present || [ "$(cat "$stamp" 2>/dev/null)" != "$now" ]; then
  echo "[run.sh] building (./mvnw -DskipTests package)..."
  ./mvnw -q -B -ntp -DskipTests package
  echo "$now" > "$stamp"
else
  echo "[run.sh] nothing changed since the last build: starting"
fi
[ "${TI_BUILD_ONLY:-}" = 1 ] && exit 0
exec java -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" fr.gouv.ti.localstack.LocalStack "$PWD"

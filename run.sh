#!/usr/bin/env bash
# Starts the whole suite on this machine: embedded PostgreSQL, Kafka, the four services and the gateway.
# Data is kept under .run/ between runs. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B -ntp -DskipTests package
exec java -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" fr.gouv.ti.localstack.LocalStack "$PWD"

#!/bin/sh
# One-shot job of the compose deployment, run in the broker's network namespace (network_mode: service:kafka): the
# broker's PLAINTEXT listener on 127.0.0.1:9094 is reachable from there only, never from the other containers.
# Creates the topics (auto-creation is off), one SCRAM user per app with the password given in the environment
# (TI_KAFKA_PASSWORD_<APP>, made by secrets.sh), and the ACLs of kafka-topics.txt. Idempotent: run again after a
# password rotation or a change of kafka-topics.txt.
set -eu
BIN=/opt/kafka/bin
BOOT=127.0.0.1:9094
until "$BIN/kafka-broker-api-versions.sh" --bootstrap-server "$BOOT" > /dev/null 2>&1; do sleep 2; done

topic() {
  "$BIN/kafka-topics.sh" --bootstrap-server "$BOOT" --create --if-not-exists --topic "$1" --partitions 3 \
    --replication-factor 1 > /dev/null
}
allow() { # principal resource-option name operation...
  who=$1; kind=$2; name=$3; shift 3
  ops=""
  for op in "$@"; do ops="$ops --operation $op"; done
  # shellcheck disable=SC2086
  "$BIN/kafka-acls.sh" --bootstrap-server "$BOOT" --add --allow-principal "User:$who" $ops "--$kind" "$name" > /dev/null
}

grep -v '^#' /init/kafka-topics.txt | while read -r app produces consumes; do
  [ -n "$app" ] || continue
  var="TI_KAFKA_PASSWORD_$(echo "${app%-service}" | tr 'a-z' 'A-Z')"
  password=$(printenv "$var") || { echo "kafka-init: $var is not set (deploy/compose/secrets.sh)" >&2; exit 1; }
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOT" --alter --entity-type users --entity-name "$app" \
    --add-config "SCRAM-SHA-512=[password=$password]" > /dev/null
  for t in $produces "ti.$app.dlq"; do
    [ "$t" = - ] && continue
    topic "$t"
    allow "$app" topic "$t" Write Describe
  done
  for t in $consumes; do
    [ "$t" = - ] && continue
    topic "$t"
    allow "$app" topic "$t" Read Describe
  done
  allow "$app" group "$app" Read
  echo "kafka-init: $app: writes $produces ti.$app.dlq; reads $consumes"
done

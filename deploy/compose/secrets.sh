#!/bin/sh
# Makes every secret of the compose deployment, random, in the .env file that docker-compose reads (mode 0600):
#   deploy/compose/secrets.sh            # writes ./.env next to docker-compose.yml, refuses to overwrite one
#   deploy/compose/secrets.sh FILE       # writes FILE instead (docker-compose --env-file FILE)
# The compose file has no default for any of them and refuses to start without them. Rotation: README, Production.
set -eu
out=${1:-$(dirname "$0")/../../.env}
[ -e "$out" ] && { echo "secrets.sh: $out exists; remove it first to make new secrets (README: rotation)" >&2; exit 1; }
random() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
umask 077
{
  echo "# made by deploy/compose/secrets.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); keep it out of version control"
  echo "POSTGRES_PASSWORD=$(random)"
  for app in TERRITORY CONTRACT MEASURE FUNDING WEBHOOK GATEWAY; do
    echo "TI_DB_PASSWORD_$app=$(random)"
  done
  for app in TERRITORY CONTRACT MEASURE FUNDING WEBHOOK; do
    echo "TI_KAFKA_PASSWORD_$app=$(random)"
  done
  echo "# first start only: remove this line once real national administrator keys exist (README, Production)"
  echo "TI_GATEWAY_BOOTSTRAP_ADMIN_KEY=ti_$(random)"
} > "$out"
echo "secrets.sh: wrote $out"

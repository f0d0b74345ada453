#!/bin/sh
# First start of the compose deployment's PostgreSQL: one database and one login role per app, each with the password
# given in the environment (TI_DB_PASSWORD_<APP>, made by secrets.sh; none has a default).
set -eu
for app in territory contract measure funding webhook gateway; do
  var="TI_DB_PASSWORD_$(echo "$app" | tr 'a-z' 'A-Z')"
  password=$(printenv "$var") || { echo "postgres-init: $var is not set (deploy/compose/secrets.sh)" >&2; exit 1; }
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v app="$app" -v password="$password" <<'SQL'
create role :"app" login password :'password';
create database :"app" owner :"app";
SQL
done

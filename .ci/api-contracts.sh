#!/usr/bin/env bash
# After the build: lints the OpenAPI documents the apps wrote when they were built (the ones the gateway serves to
# the console) with Spectral (spectral:oas) and Redocly (recommended), and compiles the TypeScript client the build
# generated from them (ti-client, typescript-fetch) with tsc. Any lint error or compile error fails CI. The tools
# come from the npm registry at the versions pinned in .ci/tools/package-lock.json; without npm the step is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "api contracts: npm/node not found; OpenAPI lint and TypeScript client check SKIPPED"
  exit 0
fi
tools=.ci/tools
bin=$tools/node_modules/.bin
if ! [ -x $bin/spectral ] || ! [ -x $bin/redocly ] || ! [ -x $bin/tsc ]; then
  echo "api contracts: installing the pinned linters and tsc (npm ci in $tools)"
  (cd $tools && npm ci --no-audit --no-fund --loglevel=error)
fi
documents="territory-service contract-service measure-service funding-service webhook-service gateway"
failed=0
for app in $documents; do
  doc=$app/target/openapi/openapi.json
  if ! [ -f "$doc" ]; then
    echo "api contracts: $doc is missing (was the build run?)"; failed=1; continue
  fi
  if ! $bin/spectral lint --quiet -r .ci/spectral.yaml --fail-severity=error "$doc"; then
    echo "api contracts: Spectral (spectral:oas) found errors in $doc"; failed=1
  fi
  out=$(mktemp)
  if ! $bin/redocly lint --config .ci/redocly.yaml --format=stylish "$doc" >"$out" 2>&1; then
    cat "$out"; echo "api contracts: Redocly (recommended) found errors in $doc"; failed=1
  fi
  rm -f "$out"
  echo "api contracts: $doc linted"
done
for client in ti-client/target/generated-clients/typescript/*/; do
  if ! (cd "$client" && "$OLDPWD/$bin/tsc" --noEmit --strict --target ES2020 --module ES2020 --moduleResolution node \
      --lib ES2020,DOM index.ts); then
    echo "api contracts: the TypeScript client in $client does not compile"; failed=1
  else
    echo "api contracts: TypeScript client $client compiles"
  fi
done
if [ ! -d ti-client/target/generated-clients/typescript ]; then
  echo "api contracts: no generated TypeScript client (was ti-client built?)"; failed=1
fi
exit $failed

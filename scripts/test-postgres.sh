#!/usr/bin/env bash
# `npm run test:postgres`: the integration suite on PostgreSQL (the unit tests touch no database:
# `npm test` runs them). Starts a throwaway server (scripts/postgres-test-server.sh: its own folder
# and loopback port), runs `vitest run tests/integration` with TEST_DATABASE_URL pointing at it
# (arguments, when given, go to vitest instead), and stops it, whatever the result.
# With TEST_DATABASE_URL already set, uses that server and starts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  TEST_DATABASE_URL="$(bash scripts/postgres-test-server.sh start)"
  trap 'bash scripts/postgres-test-server.sh stop' EXIT
fi
export TEST_DATABASE_URL
if [ "$#" -eq 0 ]; then set -- tests/integration; fi
npx vitest run "$@"

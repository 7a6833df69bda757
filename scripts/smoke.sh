#!/usr/bin/env bash
# Starts the app the way README says (npm start, no configuration but a fresh DATA_DIR and a
# free port), then checks the landing page, a schema and the VC-API. Stops the server at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${SMOKE_PORT:-3917}
DATA=$(mktemp -d)
LOG=$(mktemp)
# A session of its own, so that stopping it stops npm, tsx and the Next server together.
DATA_DIR="$DATA" PORT="$PORT" setsid npm start > "$LOG" 2>&1 &
PID=$!
cleanup() { kill -TERM -- -"$PID" 2>/dev/null || true; sleep 1; kill -KILL -- -"$PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

for _ in $(seq 1 300); do
  if curl -fsS "http://localhost:$PORT/" -o /dev/null 2>/dev/null; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then cat "$LOG"; echo "smoke: npm start exited"; exit 1; fi
  sleep 1
done
fail() { echo "smoke: $1"; cat "$LOG"; exit 1; }

grep -q "Demo world created" "$LOG" || fail "no demo world announced on the console"
grep -q "samira" "$LOG" || fail "demo sign-in details not printed"
# The ready recruiter link (decision 024): printed with the accounts, on this server, and it opens Samira's portfolio.
demo=$(grep "^Recruiter view of Samira's portfolio" "$LOG" | grep -oE "http://localhost:$PORT/p/[A-Za-z0-9_-]{43}" | head -1)
[ -n "$demo" ] || fail "no demo recruiter link on http://localhost:$PORT printed"
curl -fsS "$demo" | grep -q "Samira" || fail "the demo recruiter link does not open Samira's portfolio"
[ "$(stat -c %a "$DATA/master.key")" = 600 ] || fail "master.key is not 0600"

page=$(curl -fsS "http://localhost:$PORT/") || fail "landing page not served"
echo "$page" | grep -q "Tremplin" || fail "landing page does not name Tremplin"
echo "$page" | grep -q "Mission Locale Roubaix-Tourcoing" || fail "landing page does not show the demo organisations"

curl -fsS "http://localhost:$PORT/schemas/skill-badge.json" | grep -q '"\$defs"' || fail "schema not served"
curl -fsS "http://localhost:$PORT/healthz" | grep -q '"status":"ok"' || fail "/healthz does not answer ok"
[ -f "$DATA/tremplin.lock" ] || fail "npm start holds no lock on its data folder"

cred=$(DATA_DIR="$DATA" npx tsx lib/cli/index.ts issue --org mission-locale-roubaix --template skill-badge \
  --subject did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK --example)
code=$(printf '{"verifiableCredential":%s}' "$cred" | curl -s -o /tmp/smoke-verify.json -w '%{http_code}' \
  -H 'content-type: application/json' --data-binary @- "http://localhost:$PORT/credentials/verify")
[ "$code" = 200 ] || { cat /tmp/smoke-verify.json; fail "POST /credentials/verify gave $code"; }
grep -q '"ISSUER_KNOWN"' /tmp/smoke-verify.json || fail "the server does not know its own issuer"

code=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' --data '{"verifiableCredential":{"x":1}}' "http://localhost:$PORT/credentials/verify")
[ "$code" = 400 ] || fail "a non-credential gave $code, not 400"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' --data '{}' "http://localhost:$PORT/credentials/issue")
[ "$code" = 401 ] || fail "issue without a token gave $code, not 401"
echo "smoke: ok"

#!/usr/bin/env bash
# The whole SupportShield test suite, from a clean clone: restore, build, run every test project,
# then print one closing line "N passed, N failed". Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# What the build and the tests run for real, from Debian's packages, installed when missing: npm (the build runs
# `npm ci` for the Web Chat bundle, the SignalR client and the Direct Line client script), Chromium (Playwright drives
# /usr/bin/chromium), Redis and PostgreSQL (the shared-state tests start throwaway servers on loopback).
postgres_initdb=$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | head -n 1)
if ! bash scripts/ensure-packages.sh /usr/bin/npm:npm /usr/bin/chromium:chromium /usr/bin/redis-server:redis-server \
    "${postgres_initdb:-/usr/lib/postgresql/none/bin/initdb}:postgresql"; then
  echo "0 passed, 1 failed"
  exit 1
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

echo "== build"
if ! dotnet build SupportShield.sln -c Release -nologo -v minimal; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== test"
# One test project at a time: parallel test hosts on a 2-core machine only add contention.
dotnet test SupportShield.sln -c Release --no-build -nologo -v minimal -m:1 \
  --logger "trx;LogFilePrefix=supportshield" --logger "console;verbosity=minimal" \
  --results-directory "$results"
status=$?

passed=0
failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ ${#trx_files[@]} -eq 0 ]; then
  echo "no test results were written"
  failed=$((failed + 1))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # dotnet test failed without a failed test (a crashed test host, for example): count it as a failure.
  failed=1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

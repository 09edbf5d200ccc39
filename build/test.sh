#!/usr/bin/env bash
# Runs every test project in the solution and prints one line 'N passed, N failed' counted from the TRX results,
# so that a run that executed no test can never look green.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$repo/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# The emulator's vendor-SDK tests need the vendors' Node.js SDKs from the committed lockfile. Install them when they
# are missing and npm is there; without npm those tests fail and say what to run.
sdks="$repo/tests/CrcBuildTools.Emulator.Tests/VendorSdks"
if [ ! -d "$sdks/node_modules" ] && command -v npm >/dev/null 2>&1; then
  echo "Installing the vendors' SDKs for the emulator tests: npm ci in ${sdks#"$repo"/}"
  (cd "$sdks" && npm ci --no-audit --no-fund --loglevel=error) || echo "npm ci failed; the vendor-SDK tests will fail" >&2
fi

dotnet test "$repo/CrcBuildTools.sln" -c Release --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

echo "${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi

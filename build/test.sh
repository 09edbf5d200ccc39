#!/usr/bin/env bash
# Runs every test project in the solution and ends with one line 'N passed, N failed' counted from the TRX results
# (skipped tests are counted on the line before), so that a run that executed no test can never look green. Before
# that, one line per test project ("leg") with its own counts and how long it ran: the ARM64 leg (qemu), the Mono leg, the netstandard2.0 legs and the
# end-to-end suite each show up there, skipped tests included (a leg whose tool is missing is counted, not hidden).
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

started=$SECONDS
dotnet test "$repo/CrcBuildTools.sln" -c Release --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
skipped=0
shopt -s nullglob
echo
echo "leg                                            passed  failed skipped  seconds"
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  # A skipped test is one that is in the total but was not executed.
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  s=$(( ${t:-0} - ${e:-0} ))
  times=$(grep -o '<Times [^>]*>' "$trx" | head -n 1)
  start=$(sed -n 's/.* start="\([^"]*\)".*/\1/p' <<<"$times")
  finish=$(sed -n 's/.* finish="\([^"]*\)".*/\1/p' <<<"$times")
  seconds=$(( $(date -d "$finish" +%s 2>/dev/null || echo 0) - $(date -d "$start" +%s 2>/dev/null || echo 0) ))
  # The test project's folder names the leg (two legs can share an assembly name: the netstandard2.0 ones do).
  leg=$(grep -o 'codeBase="[^"]*"' "$trx" | head -n 1 | sed -n 's/.*\/tests\/\([^/]*\)\/.*/\1/p')
  printf '%-46s %7s %7s %7s %8s\n' "${leg:-$(basename "$trx")}" "${p:-0}" "${f:-0}" "${s:-0}" "$seconds"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${s:-0}))
done
echo "whole run: $((SECONDS - started)) s; ${skipped} skipped (paths or legs this machine cannot run, each with its reason in the TRX)"

# The last line is the contract CI reads: exactly 'N passed, N failed'.
echo "${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi

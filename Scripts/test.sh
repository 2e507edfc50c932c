#!/usr/bin/env bash
# The one command that runs every test: the Swift suites (unit, golden, end-to-end) and the
# cross-checks against external validators (JSON Schema, PowerShell grammar, Graphviz).
set -uo pipefail
cd "$(dirname "$0")/.."
swift build || exit 1
mkdir -p .build
swift test > .build/swift-test.log 2>&1
status=$?
# Keep failures and summaries; drop per-test progress noise.
grep -vE '^(◇ |↳ |✔ Test [^r].* passed after|✔ Test r[^u].* passed after|✔ Suite |\[[0-9]+/[0-9]+\] )' .build/swift-test.log | grep -vE '^Test Case .* (started|passed)' | tail -300
[ "$status" -eq 0 ] || { echo "swift test failed ($status)"; exit "$status"; }
failed=0
for check in Scripts/checks/*.sh; do
  [ -e "$check" ] || continue
  echo "== $check"
  bash "$check" || failed=1
done
exit "$failed"

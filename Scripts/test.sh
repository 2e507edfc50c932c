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
# Swift Testing's closing line gives the count and its ✘ lines the failures; the external checks run
# even when swift test failed, so the closing count is always printed.
swift_tests=$(grep -oE 'Test run with [0-9]+ tests' .build/swift-test.log | tail -1 | grep -oE '[0-9]+' || echo 0)
swift_failed=$(grep -cE '^✘ Test .* failed after' .build/swift-test.log || true)
if [ "$status" -ne 0 ] && [ "${swift_failed:-0}" -eq 0 ]; then swift_failed=1; fi
[ "$status" -eq 0 ] || echo "swift test failed (exit $status, ${swift_failed} failing tests)"
checks_passed=0
checks_failed=0
for check in Scripts/checks/*.sh; do
  [ -e "$check" ] || continue
  echo "== $check"
  if bash "$check"; then checks_passed=$((checks_passed + 1)); else checks_failed=$((checks_failed + 1)); echo "FAILED: $check"; fi
done
echo "swift tests: ${swift_tests} run, ${swift_failed} failed; external checks: ${checks_passed} passed, ${checks_failed} failed"
echo "total: $((swift_tests - swift_failed + checks_passed)) passed, $((swift_failed + checks_failed)) failed"
[ "$status" -eq 0 ] && [ "$checks_failed" -eq 0 ]

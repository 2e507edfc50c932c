#!/usr/bin/env bash
# Builds release binaries and prints the benchmark table (typical plan, generated large plans at 1×, 2×
# and 4×, and a wide parallel plan), each beside a raw libyaml parse of the same file.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product plan >/dev/null
swift build -c release --product plan-bench >/dev/null
swift build -c release --product yaml-parse-raw >/dev/null
exec .build/release/plan-bench "$@"

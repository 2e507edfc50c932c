#!/usr/bin/env bash
# Runs each libFuzzer target (loader, validator, renderer) for 20 seconds: the CI budget. Fails on any
# finding. Skips, saying so, only when this toolchain cannot build a libFuzzer binary at all (for example
# a Swift toolchain for macOS from Xcode, which ships no libFuzzer runtime). Longer runs: Scripts/fuzz.sh.
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds="${FUZZ_SMOKE_SECONDS:-20}"

probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
cat >"$probe/probe.swift" <<'SWIFT'
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { 0 }
SWIFT
if ! swiftc -parse-as-library -sanitize=fuzzer,address "$probe/probe.swift" -o "$probe/probe" >"$probe/log" 2>&1; then
    echo "fuzz-smoke: SKIPPED: this Swift toolchain cannot build libFuzzer targets (-sanitize=fuzzer):"
    head -n 5 "$probe/log"
    exit 0
fi

failed=0
for target in loader validator renderer; do
    if Scripts/fuzz.sh "$target" "$seconds"; then
        echo "fuzz-smoke: $target: ${seconds}s, no findings"
    else
        echo "fuzz-smoke: $target: FAILED (inputs in Fuzz/findings/$target/)"
        failed=1
    fi
done
exit "$failed"

#!/usr/bin/env bash
# Runs one libFuzzer target against the core for SECONDS seconds (docs/fuzzing.md).
#
#   Scripts/fuzz.sh TARGET SECONDS      TARGET: loader | validator | renderer
#   Scripts/fuzz.sh --build-only TARGET
#
# Builds JournalPlanCore with -sanitize=fuzzer,address straight from Sources/ (not through SwiftPM, so the
# normal build never sees the fuzz entry points in Fuzz/), links Fuzz/TARGET/main.swift against it, seeds a
# temporary corpus from plans/*.yaml and the test fixtures, and runs. Exit status: 0 when nothing was found,
# 1 on any crash, hang (-timeout), leak or out-of-memory (-rss_limit_mb), 2 on bad usage, 3 when the
# toolchain cannot build a fuzzer. Crash inputs are kept in Fuzz/findings/TARGET/ (FUZZ_FINDINGS overrides);
# the corpus is kept in FUZZ_CORPUS when set, else thrown away. Binaries go to FUZZ_BUILD_DIR (.build/fuzz).
set -euo pipefail

cd "$(dirname "$0")/.."
build_only=0
if [[ "${1:-}" == "--build-only" ]]; then
    build_only=1
    shift
fi
target="${1:-}"
seconds="${2:-60}"
case "$target" in
    loader | validator | renderer) ;;
    *)
        echo "usage: Scripts/fuzz.sh [--build-only] loader|validator|renderer [SECONDS]" >&2
        exit 2
        ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS must be a whole number" >&2; exit 2; }

out="${FUZZ_BUILD_DIR:-.build/fuzz}"
mkdir -p "$out"
flags=(-swift-version 6 -sanitize=fuzzer,address -O -g -I Sources/CLibYAML)
core_sources=()
while IFS= read -r file; do core_sources+=("$file"); done < <(find Sources/JournalPlanCore -name '*.swift' | LC_ALL=C sort)

# The core library, rebuilt only when a source (or this script) changed.
stamp="$(cat "${core_sources[@]}" "$0" | sha256sum | cut -c1-16)"
if [[ ! -f "$out/core-$stamp.a" ]]; then
    echo "fuzz.sh: building JournalPlanCore with -sanitize=fuzzer,address (a few minutes)" >&2
    rm -f "$out"/core-*.a
    if ! swiftc -emit-library -static -parse-as-library -module-name JournalPlanCore -wmo "${flags[@]}" \
        -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
        -emit-module -emit-module-path "$out/JournalPlanCore.swiftmodule" \
        -o "$out/core-$stamp.a" "${core_sources[@]}"; then
        echo "fuzz.sh: this toolchain cannot build the core with -sanitize=fuzzer,address" >&2
        exit 3
    fi
fi
binary="$out/fuzz-$target"
if [[ ! -x "$binary" || "$binary" -ot "$out/core-$stamp.a" || "$binary" -ot "Fuzz/$target/main.swift" ]]; then
    if ! swiftc -parse-as-library "${flags[@]}" -I "$out" "Fuzz/$target/main.swift" "$out/core-$stamp.a" \
        -lyaml -o "$binary" 2> >(grep -v 'Cannot export local symbol' >&2); then
        echo "fuzz.sh: this toolchain cannot link a libFuzzer target" >&2
        exit 3
    fi
fi
[[ "$build_only" == 1 ]] && exit 0

corpus="${FUZZ_CORPUS:-}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
if [[ -z "$corpus" ]]; then corpus="$scratch/corpus"; fi
mkdir -p "$corpus"
for seed in plans/*.yaml $(find Tests/JournalPlanCoreTests/Fixtures -name '*.yaml' | LC_ALL=C sort); do
    cp "$seed" "$corpus/seed-$(echo "$seed" | tr '/' '_')"
done
findings="${FUZZ_FINDINGS:-Fuzz/findings/$target}"
mkdir -p "$findings"

status=0
"$binary" "$corpus" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=8192 \
    -dict=Fuzz/plan.dict -artifact_prefix="$findings/" -print_final_stats=1 >"$scratch/log" 2>&1 || status=$?
grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$scratch/log" >&2 || true
if [[ "$status" != 0 ]]; then
    tail -n 60 "$scratch/log" >&2
    echo "fuzz.sh: $target found a problem (exit $status); inputs kept in $findings/" >&2
    exit 1
fi
echo "fuzz.sh: $target ran ${seconds}s with no findings" >&2

#!/usr/bin/env bash
# The benchmark in instructions instead of CPU time: the same plans as Scripts/bench.sh, each run once
# under valgrind's callgrind, which counts the instructions executed. Unlike CPU time on a shared
# machine, the count is the same on every run, so it shows whether a change made a stage cheaper.
# Needs valgrind (Debian: apt-get install valgrind). Takes about a minute per large plan.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "bench-instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
for product in plan plan-bench yaml-parse-raw; do swift build -c release --product "$product" >/dev/null; done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Instructions (millions) executed by one run of the command, output discarded.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$@" 2>&1 >/dev/null \
        | awk '/Collected/ { printf "%.0f", $NF / 1e6 }'
}

echo "bench-instructions: instructions executed by the whole process, in millions (valgrind callgrind)"
echo ""
echo "| plan | raw libyaml | validate | ratio | compile | ratio |"
echo "|---|---|---|---|---|---|"
.build/release/plan-bench --keep "$work" --generate-only | while IFS=$'\t' read -r path name; do
    [[ "$name" == large\ 4x* ]] && continue  # ten minutes under valgrind; the 1x and 2x rows show the growth
    raw=$(instructions .build/release/yaml-parse-raw "$path")
    validate=$(instructions .build/release/plan validate "$path")
    compile=$(instructions .build/release/plan compile "$path" -o /dev/null)
    awk -v n="$name" -v r="$raw" -v v="$validate" -v c="$compile" \
        'BEGIN { printf "| %s | %d M | %d M | %.1f× | %d M | %.1f× |\n", n, r, v, v / r, c, c / r }'
done

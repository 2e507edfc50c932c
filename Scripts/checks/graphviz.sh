#!/usr/bin/env bash
# Renders every DOT golden and every `plan graph --format dot` output of plans/ (and the
# hostile-values fixture) with Graphviz; fails if dot rejects one.
set -uo pipefail
cd "$(dirname "$0")/../.."
command -v dot >/dev/null || { echo "graphviz: 'dot' not found (apt-get install -y graphviz)"; exit 1; }
plan_bin="$(swift build --show-bin-path 2>/dev/null)/plan"
[ -x "$plan_bin" ] || { echo "graphviz: build the plan binary first (swift build)"; exit 1; }
failed=0
for golden in Tests/JournalPlanCoreTests/Golden/*.dot; do
  dot -Tsvg "$golden" -o /dev/null || { echo "graphviz: $golden does not render"; failed=1; }
done
for plan in plans/*.yaml Scripts/checks/fixtures/hostile-values.yaml; do
  "$plan_bin" graph "$plan" --format dot | dot -Tsvg -o /dev/null || { echo "graphviz: $plan does not render"; failed=1; }
done
[ "$failed" -eq 0 ] && echo "graphviz: every DOT graph renders"
exit "$failed"

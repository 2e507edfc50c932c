#!/usr/bin/env bash
# Parses every golden script and every `plan compile` output of plans/ (and the hostile-values
# fixture) with tree-sitter-powershell; fails on a parse error or a plan value outside a
# single-quoted string.
set -uo pipefail
cd "$(dirname "$0")/../.."
plan_bin="$(swift build --show-bin-path 2>/dev/null)/plan"
[ -x "$plan_bin" ] || { echo "powershell-grammar: build the plan binary first (swift build)"; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
failed=0
for golden in Tests/JournalPlanCoreTests/Golden/*.ps1; do
  stem="$(basename "$golden" .ps1)"
  python3 Scripts/checks/powershell-grammar.py "$golden" "plans/$stem.yaml" || failed=1
done
for plan in plans/*.yaml Scripts/checks/fixtures/hostile-values.yaml; do
  script="$out/$(basename "$plan" .yaml).ps1"
  if ! "$plan_bin" compile "$plan" -o "$script"; then
    echo "powershell-grammar: plan compile $plan failed"; failed=1; continue
  fi
  python3 Scripts/checks/powershell-grammar.py "$script" "$plan" || failed=1
done
[ "$failed" -eq 0 ] && echo "powershell-grammar: all scripts parse; plan values only in single-quoted strings"
exit "$failed"

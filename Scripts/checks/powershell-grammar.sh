#!/usr/bin/env bash
# Parses every golden script and every `plan compile` output of plans/ (and the hostile-values
# fixture) with tree-sitter-powershell; fails on a parse error or a plan value outside a
# single-quoted string. Each script must also start with the UTF-8 byte-order mark and parse in every
# reading Windows PowerShell may give it (UTF-8, and without the mark Windows-1250/1251/1252); in the
# hostile fixture the non-ASCII values must each stay one string expression in all four readings.
set -uo pipefail
cd "$(dirname "$0")/../.."
plan_bin="$(swift build --show-bin-path 2>/dev/null)/plan"
[ -x "$plan_bin" ] || { echo "powershell-grammar: build the plan binary first (swift build)"; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
failed=0
echo '[]' > "$out/none.json"
# Values of the hostile fixture with characters whose UTF-8 bytes a code page reads as a quote.
python3 -c 'import json; print(json.dumps(["Győr; Write-Host X; ő т‚ł‛ Жук", "Łódź т'"'"'; Invoke-Expression '"'"'x ő"]))' > "$out/hostile.json"
for golden in Tests/JournalPlanCoreTests/Golden/*.ps1; do
  stem="$(basename "$golden" .ps1)"
  python3 Scripts/checks/powershell-grammar.py "$golden" "plans/$stem.yaml" || failed=1
  python3 Scripts/checks/powershell-codepages.py "$golden" "$out/none.json" || failed=1
done
for plan in plans/*.yaml Scripts/checks/fixtures/hostile-values.yaml; do
  stem="$(basename "$plan" .yaml)"
  script="$out/$stem.ps1"
  if ! "$plan_bin" compile "$plan" -o "$script"; then
    echo "powershell-grammar: plan compile $plan failed"; failed=1; continue
  fi
  python3 Scripts/checks/powershell-grammar.py "$script" "$plan" || failed=1
  values="$out/none.json"
  [ "$stem" = hostile-values ] && values="$out/hostile.json"
  python3 Scripts/checks/powershell-codepages.py "$script" "$values" || failed=1
done
[ "$failed" -eq 0 ] && echo "powershell-grammar: all scripts parse (UTF-8 with BOM, and cp1250/1251/1252 without); plan values only in string expressions"
exit "$failed"

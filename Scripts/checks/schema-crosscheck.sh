#!/usr/bin/env bash
# Cross-check: the plan JSON Schema (through check-jsonschema) and `plan validate` agree on every example
# plan, every YAML fixture and the starter plan of `plan init` for each version and journaling type.
# Expects a built `plan` (Scripts/test.sh builds first); PLAN overrides its path.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v check-jsonschema >/dev/null || { echo "schema-crosscheck: check-jsonschema is not installed (pip install -r Scripts/requirements-test.txt)"; exit 2; }
plan="${PLAN:-.build/debug/plan}"
[ -x "$plan" ] || { echo "schema-crosscheck: $plan not found; run swift build first"; exit 2; }
starters="$(mktemp -d)"
trap 'rm -rf "$starters"' EXIT
for version in 2003 2007 2010 2013 2016 2019 SE online; do
  for journaling in premium standard; do
    case "$version/$journaling" in 2003/premium|online/standard) continue ;; esac
    "$plan" init --exchange-version "$version" --journaling "$journaling" -o "$starters/init-$version-$journaling.yaml"
  done
done
python3 Scripts/checks/schema_crosscheck.py --plan "$plan" --with-defaults "$starters"/*.yaml

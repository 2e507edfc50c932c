#!/usr/bin/env bash
# Cross-check: the plan JSON Schema (through check-jsonschema) and `plan validate` agree on every example
# plan and YAML fixture. Expects a built `plan` (Scripts/test.sh builds first); PLAN overrides its path.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v check-jsonschema >/dev/null || { echo "schema-crosscheck: check-jsonschema is not installed (pip install -r Scripts/requirements-test.txt)"; exit 2; }
exec python3 Scripts/checks/schema_crosscheck.py --plan "${PLAN:-.build/debug/plan}" "$@"

#!/usr/bin/env bash
# Cross-check: `plan validate --format sarif` against the OASIS SARIF 2.1.0 schema and `--format json`
# against schemas/diagnostics.schema.json, on real outputs of the built binary (example plans, failing
# fixtures, several files at once, standard input) and on the Swift suites' golden documents.
set -euo pipefail
cd "$(dirname "$0")/../.."
plan="${PLAN_BIN:-.build/debug/plan}"
[ -x "$plan" ] || { echo "sarif.sh: $plan not built (run swift build)"; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

fixtures=(Tests/PlanCLITests/Fixtures/validate/*.yaml Tests/PlanCLITests/Fixtures/diff/*.yaml)
n=0
emit() {  # emit NAME ARGS... : one SARIF and one JSON document for the same invocation
  local name="$1"; shift
  "$plan" validate --format sarif "$@" > "$out/$name.sarif" < /dev/null || [ $? -eq 1 ]
  "$plan" validate --format json "$@" > "$out/$name.json" < /dev/null || [ $? -eq 1 ]
  n=$((n + 1))
}
for f in plans/*.yaml "${fixtures[@]}"; do emit "$(basename "$f" .yaml)-$n" "$f"; done
emit all-at-once plans/*.yaml "${fixtures[@]}"
"$plan" validate --format sarif - < Tests/PlanCLITests/Fixtures/validate/jp001-yaml-syntax.yaml > "$out/stdin.sarif" || true
"$plan" validate --format json - < Tests/PlanCLITests/Fixtures/validate/jp001-yaml-syntax.yaml > "$out/stdin.json" || true
cp Tests/JournalPlanCoreTests/Fixtures/sarif/*.json "$out/" 2>/dev/null || true
for f in Tests/JournalPlanCoreTests/Fixtures/json/*.json; do [ -e "$f" ] && cp "$f" "$out/golden-$(basename "$f" .json).json"; done
for f in "$out"/*.sarif.json; do [ -e "$f" ] && mv "$f" "${f%.json}"; done

python3 - "$out" <<'PY'
import json, pathlib, sys
import jsonschema
from jsonschema import FormatChecker

out = pathlib.Path(sys.argv[1])
def validator(path):
    schema = json.loads(pathlib.Path(path).read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=FormatChecker())
sarif = validator("Tests/JournalPlanCoreTests/Fixtures/sarif-schema-2.1.0.json")
diagnostics = validator("schemas/diagnostics.schema.json")
failed = 0
counts = {"sarif": 0, "json": 0, "results": 0, "codeFlows": 0}
for path in sorted(out.iterdir()):
    doc = json.loads(path.read_text())
    kind = "sarif" if path.suffix == ".sarif" else "json"
    errors = list((sarif if kind == "sarif" else diagnostics).iter_errors(doc))
    for e in errors[:5]:
        print(f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failed += bool(errors)
    counts[kind] += 1
    if kind == "sarif":
        for result in doc["runs"][0]["results"]:
            counts["results"] += 1
            counts["codeFlows"] += "codeFlows" in result
            rules = doc["runs"][0]["tool"]["driver"]["rules"]
            if "ruleIndex" in result and rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                print(f"{path.name}: ruleIndex {result['ruleIndex']} is not {result['ruleId']}")
                failed += 1
# The checks must have had something to check: failing fixtures and at least one code flow.
if counts["results"] == 0 or counts["codeFlows"] == 0:
    print(f"sarif.sh: too little checked: {counts}")
    failed += 1
print(f"sarif.sh: {counts['sarif']} SARIF logs ({counts['results']} results, {counts['codeFlows']} code flows), "
      f"{counts['json']} JSON documents checked; {'FAILED' if failed else 'ok'}")
sys.exit(1 if failed else 0)
PY

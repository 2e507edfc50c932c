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
# Files that cannot be read: JP008 results and tool execution notifications (exit 2).
"$plan" validate --format sarif plans/does-not-exist.yaml plans > "$out/unreadable.sarif" < /dev/null || [ $? -eq 2 ]
"$plan" validate --format json plans/does-not-exist.yaml plans > "$out/unreadable.json" < /dev/null || [ $? -eq 2 ]
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
counts = {"sarif": 0, "json": 0, "results": 0, "codeFlows": 0, "notifications": 0}
for path in sorted(out.iterdir()):
    doc = json.loads(path.read_text())
    kind = "sarif" if path.suffix == ".sarif" else "json"
    errors = list((sarif if kind == "sarif" else diagnostics).iter_errors(doc))
    for e in errors[:5]:
        print(f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failed += bool(errors)
    counts[kind] += 1
    if kind == "sarif" and "runs" in doc:
        run = doc["runs"][0]
        # What GitHub code scanning needs (issue 20): rule help links, fingerprints, relative URIs, sentences.
        for rule in run["tool"]["driver"]["rules"]:
            if not rule.get("helpUri", "").startswith("https://"):
                print(f"{path.name}: rule {rule['id']} has no helpUri"); failed += 1
        for inv in run.get("invocations", []):
            counts["notifications"] += len(inv.get("toolExecutionNotifications", []))
        for result in run["results"]:
            if not result.get("partialFingerprints"):
                print(f"{path.name}: a {result['ruleId']} result has no partialFingerprints"); failed += 1
            if not result["message"]["text"].endswith((".", "!", "?")):
                print(f"{path.name}: message is not a sentence: {result['message']['text']!r}"); failed += 1
            for loc in result.get("locations", []) + result.get("relatedLocations", []):
                uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                if "/./" in "/" + uri or "/../" in "/" + uri or uri.startswith("file:"):
                    print(f"{path.name}: artifact URI not normalised and relative: {uri}"); failed += 1
        for result in doc["runs"][0]["results"]:
            counts["results"] += 1
            counts["codeFlows"] += "codeFlows" in result
            rules = doc["runs"][0]["tool"]["driver"]["rules"]
            if "ruleIndex" in result and rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                print(f"{path.name}: ruleIndex {result['ruleIndex']} is not {result['ruleId']}")
                failed += 1
# The checks must have had something to check: failing fixtures and at least one code flow.
if counts["results"] == 0 or counts["codeFlows"] == 0 or counts["notifications"] == 0:
    print(f"sarif.sh: too little checked: {counts}")
    failed += 1
print(f"sarif.sh: {counts['sarif']} SARIF logs ({counts['results']} results, {counts['codeFlows']} code flows), "
      f"{counts['notifications']} notifications, {counts['json']} JSON documents checked; {'FAILED' if failed else 'ok'}")
sys.exit(1 if failed else 0)
PY

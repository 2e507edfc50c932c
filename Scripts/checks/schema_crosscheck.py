#!/usr/bin/env python3
"""Cross-checks the plan JSON Schema against `plan validate` on every example plan and YAML fixture.

Agreement means:
  1. a file the schema rejects (or cannot parse) gets a structural error from `plan validate`
     (loader JP0xx, decoder JP1xx, value formats JP301-JP304 and JP311);
  2. a file `plan validate` rejects only with schema-like findings (JP101 unknown key, JP102 wrong type,
     JP103 missing field, JP104 unknown value) is rejected by the schema too.
Files with YAML merge keys (`<<`), which schema validators expand and the plan format refuses, are exempt
from the second check. A fixture may also state what the schema must say with a comment line `# schema: valid` or
`# schema: invalid`; that is checked as well. Exit status: 0 agreement, 1 disagreement, 2 tool failure.
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys

def fail(message):
    """A tool failure (not a disagreement): exit status 2."""
    print(f"schema-crosscheck: {message}", file=sys.stderr)
    sys.exit(2)


STRUCTURAL = re.compile(r"^JP(0\d\d|1\d\d|30[1-4]|311)$")
SCHEMA_LIKE = {"JP101", "JP102", "JP103", "JP104"}
# Files our loader refuses for size, nesting or alias expansion are not handed to the schema validator,
# which would expand them in memory.
NOT_FOR_SCHEMA = {"JP005"}
EXPECT = re.compile(r"^#\s*schema:\s*(valid|invalid)\s*$", re.MULTILINE)


def plan_files(root):
    files = sorted(root.glob("plans/*.yaml")) + sorted(root.glob("plans/*.yml"))
    for fixtures in sorted(root.glob("Tests/**/Fixtures")):
        files += sorted(p for p in fixtures.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [p.relative_to(root).as_posix() for p in files]


def run_validate(plan_bin, files, root):
    proc = subprocess.run([plan_bin, "validate", "--format", "json", *files], cwd=root, capture_output=True,
                          text=True, timeout=600)
    if proc.returncode not in (0, 1):
        fail(f"`plan validate` failed with status {proc.returncode}:\n{proc.stderr}")
    findings = {f: [] for f in files}
    for d in json.loads(proc.stdout)["diagnostics"]:
        findings.setdefault(d["file"], []).append(d)
    return findings


def run_schema(schema, files, root):
    verdicts = {f: [] for f in files}
    if not files:
        return verdicts
    proc = subprocess.run(["check-jsonschema", "--schemafile", schema, "-o", "json", *files], cwd=root,
                          capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        fail(f"check-jsonschema failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    for e in report.get("errors", []):
        verdicts[e["filename"]].append(f"{e['path']}: {e['message']}")
    for e in report.get("parse_errors", []):
        verdicts[e["filename"]].append(f"cannot parse: {e['message']}")
    return verdicts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", default=".build/debug/plan", help="the plan executable")
    parser.add_argument("--schema", default="schemas/plan.schema.json")
    parser.add_argument("--root", default=pathlib.Path(__file__).resolve().parents[2], type=pathlib.Path)
    parser.add_argument("--with-defaults", action="store_true", help="check the given files and the default ones")
    parser.add_argument("files", nargs="*", help="files to check (default: plans/ and every Tests/**/Fixtures YAML)")
    args = parser.parse_args()
    root = args.root.resolve()
    plan_bin = str((root / args.plan).resolve()) if not pathlib.Path(args.plan).is_absolute() else args.plan
    if not pathlib.Path(plan_bin).is_file():
        fail(f"{plan_bin} not found; run `swift build` first")
    check = subprocess.run(["check-jsonschema", "--check-metaschema", args.schema], cwd=root, capture_output=True,
                           text=True)
    if check.returncode != 0:
        print(check.stdout + check.stderr)
        print(f"FAIL {args.schema} is not a valid draft 2020-12 schema")
        return 1

    files = args.files if args.files and not args.with_defaults else plan_files(root) + args.files
    ours = run_validate(plan_bin, files, root)
    for_schema = [f for f in files if not any(d["rule"] in NOT_FOR_SCHEMA for d in ours[f])]
    schema = run_schema(args.schema, for_schema, root)

    disagreements = 0
    for f in files:
        errors = [d for d in ours[f] if d["severity"] == "error"]
        rules = sorted({d["rule"] for d in errors})
        ours_text = "accepts" if not errors else "rejects (" + ", ".join(rules) + ")"
        if f not in schema:
            print(f"ok    {f}: plan validate {ours_text}; not given to the schema validator")
            continue
        schema_errors = schema[f]
        problems = []
        if schema_errors and not any(STRUCTURAL.match(r) for r in rules):
            problems.append("the schema rejects it, but plan validate reports no structural error")
        # Schema validators apply YAML merge keys before validating; the plan format has none.
        merges = any("merge keys ('<<')" in d["message"] for d in errors)
        if errors and all(r in SCHEMA_LIKE for r in rules) and not schema_errors and not merges:
            problems.append("plan validate rejects it only with schema-like findings, but the schema accepts it")
        text = (root / f).read_text(encoding="utf-8", errors="replace")
        expected = EXPECT.search(text)
        if expected and (expected.group(1) == "valid") != (not schema_errors):
            problems.append(f"the fixture says the schema finds it {expected.group(1)}")
        verdict = "rejects" if schema_errors else "accepts"
        if problems:
            disagreements += 1
            print(f"FAIL  {f}: schema {verdict}, plan validate {ours_text}")
            for p in problems:
                print(f"      - {p}")
            for e in schema_errors[:8]:
                print(f"      schema: {e}")
            for d in errors[:8]:
                print(f"      plan:   {d['line']}:{d['column']}: {d['message']} [{d['rule']}]")
        else:
            print(f"ok    {f}: schema {verdict}, plan validate {ours_text}")
    print(f"schema-crosscheck: {len(files)} files, {disagreements} disagreement(s)")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Parses the PowerShell that the runner's host session sends (bootstrap program, launcher line,
# connect and disconnect scripts) with the tree-sitter PowerShell grammar. `swift test` writes them
# to .build/checks/powershell-host/ (HostBootstrapTests); this fails if they are missing or if any
# has a syntax error.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=.build/checks/powershell-host
python3 - "$dir" <<'PY'
import pathlib, sys
import tree_sitter, tree_sitter_powershell

folder = pathlib.Path(sys.argv[1])
scripts = sorted(folder.glob("*.ps1"))
if not scripts:
    sys.exit(f"no scripts in {folder}: run swift test first (HostBootstrapTests writes them)")
parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))
failed = False

def first_error(node):
    if node.type == "ERROR" or node.is_missing:
        return node
    for child in node.children:
        found = first_error(child)
        if found is not None:
            return found
    return None

for script in scripts:
    tree = parser.parse(script.read_bytes())
    bad = first_error(tree.root_node) if tree.root_node.has_error else None
    if bad is not None:
        row, column = bad.start_point
        print(f"{script}:{row + 1}:{column + 1}: PowerShell syntax error ({bad.type})")
        failed = True
print(f"parsed {len(scripts)} host scripts" + (" with errors" if failed else ", all well formed"))
sys.exit(1 if failed else 0)
PY

#!/usr/bin/env python3
"""Parses generated PowerShell with tree-sitter-powershell.

Usage: powershell-grammar.py SCRIPT.ps1 [PLAN.yaml]

Fails on any ERROR or MISSING node. With a plan, also checks that every free-text plan value appears
only inside single-quoted string tokens (as PowerShellQuoting writes it, quotes doubled).
"""
import sys

import tree_sitter
import tree_sitter_powershell
import yaml

QUOTES = "'\u2018\u2019\u201a\u201b"
# Plan fields whose values are free text or names (enums, ids and durations also occur as tool text).
TEXT_KEYS = {
    "description", "transportServers", "databases", "journalMailbox", "ndrMailbox", "domainController",
    "address", "organizationalUnit", "alias", "supportTicket", "mailbox", "sourceIPs", "instructions",
    "from", "to", "host", "journalHosts",
}


def quoted_form(value):
    return "".join(c + c if c in QUOTES else c for c in value)


def plan_values(plan):
    values = set()

    def add(value):
        if isinstance(value, str) and value not in ("contact", "mailbox"):
            values.add(value)
        elif isinstance(value, list):
            for v in value:
                add(v)

    exchange = plan.get("exchange", {})
    for key, value in exchange.items():
        if key in TEXT_KEYS:
            add(value)
    for rule in exchange.get("journalRules", []) or []:
        add(rule.get("name"))
    contact = plan.get("contact", {})
    add(contact.get("name"))
    for key in ("alias", "address", "organizationalUnit"):
        add(contact.get(key))
    domain = plan.get("domain", {})
    add(domain.get("name"))
    add(domain.get("supportTicket"))
    add(domain.get("journalHosts"))
    for connector in plan.get("connectors", []):
        for key in ("description", "mailbox", "address", "sourceIPs", "host"):
            add(connector.get(key))
    for step in plan.get("steps", []):
        add(step.get("instructions"))
        if step.get("action") == "create-send-connector":
            add(step.get("name"))
        probe = step.get("probe") or {}
        add(probe.get("from"))
        add(probe.get("to"))
    return values


def main():
    script_path = sys.argv[1]
    source = open(script_path, "rb").read()
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))
    tree = parser.parse(source)
    failures = []
    strings = []

    def walk(node):
        if node.type == "ERROR" or node.is_missing:
            line, column = node.start_point
            snippet = source[node.start_byte:node.end_byte][:80].decode("utf-8", "replace")
            failures.append(f"{script_path}:{line + 1}:{column + 1}: {'MISSING' if node.is_missing else 'ERROR'} node: {snippet!r}")
        if node.type == "verbatim_string_characters":
            strings.append((node.start_byte, node.end_byte))
        for child in node.children:
            walk(child)

    walk(tree.root_node)
    if len(sys.argv) > 2:
        plan = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
        text = source.decode("utf-8")
        for value in sorted(plan_values(plan)):
            needle = quoted_form(value).encode("utf-8")
            start = source.find(needle)
            if start < 0:
                continue
            while start >= 0:
                end = start + len(needle)
                if not any(s <= start and end <= e for s, e in strings):
                    line = text.count("\n", 0, len(source[:start].decode("utf-8"))) + 1
                    failures.append(f"{script_path}:{line}: plan value {value!r} outside a single-quoted string")
                start = source.find(needle, start + 1)
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Reads a generated script the way Windows PowerShell may read it, and checks that every plan value
stays exactly one string expression in each reading.

Usage: powershell-codepages.py [--marker MARKER] SCRIPT.ps1 VALUES.json [SCRIPT.ps1 VALUES.json ...]

The script must start with the UTF-8 byte-order mark. It is then read four ways: as UTF-8 (what
PowerShell 2.0 to 5.1 does with the mark), and, with the mark stripped (an editor or a mail gateway
lost it), in the ANSI code pages Windows-1250, 1251 and 1252 (what Windows PowerShell does with a file
without one). Each reading is parsed with tree-sitter-powershell and must have no ERROR or MISSING node.

PowerShell's tokenizer reads the quotes U+2018, U+2019, U+201A and U+201B as ' (and U+201C, U+201D,
U+201E as "); tree-sitter-powershell knows only the ASCII ones, so each reading maps them to ASCII
before parsing: a code page that turns a value's bytes into one of them is then seen ending the string.

A string expression is a single-quoted literal, or a parenthesised sum of such literals and
`[char]0xHHHH` casts. For each value of VALUES.json (a JSON array of strings), some string expression
must evaluate to it: exactly in the UTF-8 reading, and in a code-page reading to what that code page
makes of it (a character written as `[char]` stays itself, the others become their bytes decoded in the
code page). With MARKER, every occurrence of it must lie inside a string expression.
"""
import json
import sys

import tree_sitter
import tree_sitter_powershell

BOM = b"\xef\xbb\xbf"
SINGLE = "'\u2018\u2019\u201a\u201b"
DOUBLE = "\"\u201c\u201d\u201e"
CODE_PAGES = ("cp1250", "cp1251", "cp1252")
# Bytes that some code page above decodes into a quote PowerShell reads as ': 0x82 (U+201A), 0x91
# (U+2018), 0x92 (U+2019). A character whose UTF-8 bytes include one is written as [char]0xHHHH.
QUOTE_BYTES = {0x82, 0x91, 0x92}
PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))


def windows_decode(data, code_page):
    """Decodes as Windows' MultiByteToWideChar does: a byte the code page leaves undefined becomes the
    control character of the same number."""
    table = _TABLES.get(code_page)
    if table is None:
        table = _TABLES[code_page] = [_decode_byte(b, code_page) for b in range(256)]
    return "".join(table[b] for b in data)


_TABLES = {}


def _decode_byte(byte, code_page):
    try:
        return bytes([byte]).decode(code_page)
    except UnicodeDecodeError:
        return chr(byte)


def normalize(text):
    for q in SINGLE[1:]:
        text = text.replace(q, "'")
    for q in DOUBLE[1:]:
        text = text.replace(q, '"')
    return text


def needs_char_form(ch):
    return any(b in QUOTE_BYTES for b in ch.encode("utf-8", "surrogatepass"))


def expected_reading(value, code_page):
    """What `value`, written by the renderer, reads as when the script is decoded in `code_page`."""
    out = []
    for ch in value:
        if code_page is None or needs_char_form(ch) or ch == "'":
            out.append(ch)
        else:
            # A quote character other than ' is written twice; in a code page its bytes are no quote,
            # so both copies stay.
            decoded = windows_decode(ch.encode("utf-8"), code_page)
            out.append(decoded * 2 if ch in SINGLE else decoded)
    return normalize("".join(out))


LEAF_OK = {"+", "(", ")", "[", "]", "verbatim_string_characters", "hexadecimal_integer_literal", "type_identifier"}
INNER_OK = {
    "pipeline", "pipeline_chain", "logical_expression", "bitwise_expression", "comparison_expression",
    "additive_expression", "multiplicative_expression", "format_expression", "range_expression",
    "array_literal_expression", "unary_expression", "string_literal", "parenthesized_expression",
    "expression_with_unary_operator", "cast_expression", "type_literal", "type_spec", "type_name",
    "integer_literal",
}


def is_string_expression(node, memo):
    # A bare [char] or number is no string expression: there must be a literal in it.
    return _made_of_strings(node, memo) and b"'" in node.text


def _made_of_strings(node, memo):
    key = (node.start_byte, node.end_byte, node.type)
    if key in memo:
        return memo[key]
    if not node.children:
        ok = node.type in LEAF_OK and (node.type != "type_identifier" or node.text == b"char")
    elif node.type not in INNER_OK:
        ok = False
    elif node.type == "pipeline" and len(node.children) != 1:
        ok = False
    else:
        ok = all(_made_of_strings(c, memo) for c in node.children)
    memo[key] = ok
    return ok


def evaluate(node):
    if node.type == "verbatim_string_characters":
        return node.text.decode("utf-8")[1:-1].replace("''", "'")
    if node.type == "cast_expression":
        hex_node = [n for n in _leaves(node) if n.type == "hexadecimal_integer_literal"][0]
        return chr(int(hex_node.text, 16))
    return "".join(evaluate(c) for c in node.children if c.type not in ("+", "(", ")"))


def _leaves(node):
    if not node.children:
        yield node
    for c in node.children:
        yield from _leaves(c)


def joined_surrogates(text):
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def check_reading(name, text, values, code_page, marker, failures):
    source = text.encode("utf-8", "surrogatepass")
    tree = PARSER.parse(source)
    memo = {}
    expressions = []

    def walk(node, inside):
        if node.type == "ERROR" or node.is_missing:
            line, column = node.start_point
            failures.append(f"{name}:{line + 1}:{column + 1}: {'MISSING' if node.is_missing else 'ERROR'} node: "
                            f"{source[node.start_byte:node.end_byte][:80].decode('utf-8', 'replace')!r}")
        top = not inside and is_string_expression(node, memo)
        if top:
            expressions.append(node)
        for child in node.children:
            walk(child, inside or top)

    walk(tree.root_node, False)
    evaluated = {joined_surrogates(evaluate(e)) for e in expressions}
    for value in values:
        want = expected_reading(value, code_page)
        if want not in evaluated:
            failures.append(f"{name}: value {value!r} is not one string expression reading {want!r}")
    if marker:
        marker_bytes = marker.encode("utf-8")
        spans = [(e.start_byte, e.end_byte) for e in expressions]
        start = source.find(marker_bytes)
        while start >= 0:
            if not any(s <= start and start + len(marker_bytes) <= e for s, e in spans):
                line = source.count(b"\n", 0, start) + 1
                failures.append(f"{name}:{line}: {marker!r} outside a string expression")
            start = source.find(marker_bytes, start + 1)


def check_script(script_path, values_path, marker, failures):
    data = open(script_path, "rb").read()
    values = json.load(open(values_path, encoding="utf-8"))
    if not data.startswith(BOM):
        failures.append(f"{script_path}: does not start with the UTF-8 byte-order mark")
    body = data[len(BOM):] if data.startswith(BOM) else data
    check_reading(f"{script_path} (UTF-8)", normalize(body.decode("utf-8")), values, None, marker, failures)
    for code_page in CODE_PAGES:
        text = normalize(windows_decode(body, code_page))
        check_reading(f"{script_path} ({code_page}, no BOM)", text, values, code_page, marker, failures)


def main():
    arguments = sys.argv[1:]
    marker = None
    if arguments[:1] == ["--marker"]:
        marker, arguments = arguments[1], arguments[2:]
    if not arguments or len(arguments) % 2:
        print(__doc__)
        return 2
    failures = []
    for i in range(0, len(arguments), 2):
        check_script(arguments[i], arguments[i + 1], marker, failures)
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

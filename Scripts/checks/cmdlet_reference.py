#!/usr/bin/env python3
"""Run the cmdlet-reference checker over generated scripts and fail on any finding that would break or
endanger a run (severities 'would-fail-at-runtime' and 'risky'); 'cosmetic' findings are printed only.

usage: cmdlet_reference.py SCRIPT VERSION [SCRIPT VERSION ...]
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = os.path.join(HERE, "cmdlet-reference", "check.py")
BLOCKING = {"would-fail-at-runtime", "risky"}


def main(argv):
    pairs = list(zip(argv[0::2], argv[1::2]))
    if not pairs or len(argv) % 2:
        print(__doc__.strip())
        return 2
    blocking = cosmetic = commands = parameters = 0
    for script, version in pairs:
        out = subprocess.run([sys.executable, CHECK, script, "--version", version, "--json"],
                             capture_output=True, text=True)
        if out.returncode not in (0, 1):
            print("cmdlet-reference: the checker failed on %s:\n%s" % (script, out.stderr))
            return 1
        report = json.loads(out.stdout)
        commands += report["commands"]
        parameters += report["parameters"]
        for f in report["findings"]:
            where = "%s:%d: %s [%s] %s: %s" % (script, f["line"], f["severity"], f["kind"], f["command"] or "-", f["message"])
            if f["severity"] in BLOCKING:
                blocking += 1
                print(where)
            else:
                cosmetic += 1
                print("(cosmetic) " + where)
    print("cmdlet-reference: %d scripts, %d commands, %d parameters checked; %d blocking findings, %d cosmetic"
          % (len(pairs), commands, parameters, blocking, cosmetic))
    if commands == 0:
        print("cmdlet-reference: no command was checked")
        return 1
    return 1 if blocking else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

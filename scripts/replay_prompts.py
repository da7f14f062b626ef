#!/usr/bin/env python3
"""Function-writing prompts for the replay rows of efficacy round 6 (issue 15).

Hardening on (vulnerable, fixed) programs costs the embedded model half its working code on
HumanEval (pass@1 6.0 % -> 3.05 %, round 3). Round 6 mixes into the hardening data the base
model's own answers to function-writing requests, asked exactly as HumanEval asks (the
"Write the body of this Python function" template), so the fine-tune also sees replies it
should keep writing (self-distillation against forgetting). HumanEval's own prompts are never
used: these prompts are the signatures and docstrings of public top-level functions of
CPython's standard library (PSF-2.0; see data/PROVENANCE.md), a different source of
function-and-docstring tasks.

    python3 scripts/replay_prompts.py [LIBDIR] > data/replay/functions.jsonl

One row per function: {"id": "<module>.<name>", "prompt": "def ...:\\n    \"\"\"...\"\"\"\\n"}.
Selection (deterministic for a given LIBDIR): top-level public functions without decorators,
a docstring of 1 to 12 lines, a body of 2 to 20 statements' lines besides it, at most 4 per
module, modules outside tests, idlelib, lib2to3, tkinter, turtledemo and ensurepip.
"""
import ast
import hashlib
import json
import os
import sys

SKIP_DIRS = {"test", "tests", "idlelib", "lib2to3", "tkinter", "turtledemo", "ensurepip",
             "site-packages", "dist-packages", "__pycache__", "config-3.11-x86_64-linux-gnu"}
PER_MODULE = 4
LIMIT = 400


def modules(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for f in sorted(filenames):
            if f.endswith(".py") and not f.startswith("_"):
                path = os.path.join(dirpath, f)
                yield os.path.relpath(path, root)[:-3].replace(os.sep, "."), path


def prompts_of(name, path):
    try:
        source = open(path, encoding="utf-8").read()
        tree = ast.parse(source)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return []
    lines = source.splitlines()
    out = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or node.name.startswith("_") or node.decorator_list:
            continue
        doc = ast.get_docstring(node, clean=True)
        if not doc or not 1 <= len(doc.splitlines()) <= 12 or '"""' in doc or "\\" in doc:
            continue
        body = node.body[1:]
        if not body:
            continue
        body_lines = body[-1].end_lineno - body[0].lineno + 1
        if not 2 <= body_lines <= 20:
            continue
        # The signature as written (it may span lines), then the docstring re-indented.
        sig = "\n".join(lines[node.lineno - 1:node.body[0].lineno - 1]).rstrip()
        if not sig.rstrip().endswith(":") or sig.startswith((" ", "\t")):
            continue
        doc_lines = doc.splitlines()
        text = sig + "\n" + '    """' + doc_lines[0]
        for d in doc_lines[1:]:
            text += "\n" + ("    " + d if d.strip() else "")
        text += ('\n    """\n' if len(doc_lines) > 1 else '"""\n')
        out.append({"id": f"{name}.{node.name}", "prompt": text})
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.__file__)
    chosen = []
    for name, path in modules(root):
        fns = prompts_of(name, path)
        # A fixed, name-keyed order inside each module, so the cap picks the same functions.
        fns.sort(key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
        chosen.extend(fns[:PER_MODULE])
    chosen.sort(key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
    for row in sorted(chosen[:LIMIT], key=lambda r: r["id"]):
        print(json.dumps(row))


if __name__ == "__main__":
    main()

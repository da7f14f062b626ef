#!/usr/bin/env python3
"""Replay rows for efficacy round 6 (issue 15) from the base model's answers to the
function-writing prompts of data/replay/functions.jsonl (see scripts/replay_prompts.py).

    python3 scripts/replay_rows.py GEN_DIR HEXACODER_BIN > replay.jsonl

GEN_DIR is a `hexacoder generate --prompts ... --out GEN_DIR` folder (samples.jsonl with the
request as `prompt`, the reply and the extracted `code`). A sample becomes a training row only
when it is a finished, well-formed program the project would not mind the model repeating:
the reply ended by itself (finish_reason "stop", not the token budget), the code parses
(Python's ast), defines the asked function, imports only modules that exist
(data/imports/python-stdlib.txt and python-packages.txt, the rule of two-step generation) and
the oracle (`hexacoder scan`) finds nothing in it. The first such sample of each prompt is kept.

Row: {"id", "text": code, "user": the request verbatim, "language": "python"}: no `changes`,
so the loss weighs the whole program (replay is the model's own reply, to be kept, not a fix);
`user` makes the trainer ask exactly as HumanEval asks instead of with the security template.
Counts go to stderr.
"""
import ast
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def entries(name):
    out = set()
    for line in open(os.path.join(ROOT, "data", "imports", name), encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(line)
    return out


def imports_known(tree, stdlib, packages):
    """Two-step generation's rule (crates/formats/src/imports.rs): a standard-library module
    must be listed whole (dotted), a vouched-for package by its top-level name; no relative
    imports."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                return False
            mods = [node.module or ""]
        else:
            continue
        for m in mods:
            if m not in stdlib and m.split(".")[0] not in packages:
                return False
    return True


def main():
    gen, binary = sys.argv[1], sys.argv[2]
    stdlib, packages = entries("python-stdlib.txt"), entries("python-packages.txt")
    samples = [json.loads(l) for l in open(os.path.join(gen, "samples.jsonl"), encoding="utf-8")]
    counts = {"samples": len(samples), "unfinished": 0, "no_parse": 0, "no_def": 0,
              "unknown_import": 0, "flagged": 0}
    candidates = []
    for s in samples:
        code = s.get("code") or ""
        if s.get("finish_reason") != "stop":
            counts["unfinished"] += 1
            continue
        try:
            tree = ast.parse(code)
        except (SyntaxError, ValueError):
            counts["no_parse"] += 1
            continue
        name = re.search(r"def (\w+)", s["prompt"]).group(1)
        if not any(isinstance(n, ast.FunctionDef) and n.name == name for n in ast.walk(tree)):
            counts["no_def"] += 1
            continue
        if not imports_known(tree, stdlib, packages):
            counts["unknown_import"] += 1
            continue
        candidates.append(s)
    with tempfile.TemporaryDirectory() as tmp:
        for i, s in enumerate(candidates):
            with open(os.path.join(tmp, f"{i}.py"), "w", encoding="utf-8") as f:
                f.write(s["code"])
        report = subprocess.run([binary, "scan", "--format", "json", "--allow-incomplete", tmp],
                                capture_output=True, text=True)
        if report.returncode not in (0, 1):
            sys.exit(f"error: hexacoder scan failed: {report.stderr.strip()}")
        flagged = {os.path.basename(f["path"]) for f in json.loads(report.stdout)["files"]
                   if f["findings"]}
    seen = set()
    kept = 0
    for i, s in enumerate(candidates):
        if f"{i}.py" in flagged:
            counts["flagged"] += 1
            continue
        if s["task_id"] in seen:
            continue
        seen.add(s["task_id"])
        kept += 1
        print(json.dumps({"id": s["task_id"], "text": s["code"], "user": s["prompt"],
                          "language": "python"}))
    counts["prompts_kept"] = kept
    print(json.dumps(counts), file=sys.stderr)


if __name__ == "__main__":
    main()

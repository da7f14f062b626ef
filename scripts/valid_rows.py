#!/usr/bin/env python3
"""Keeps the JSONL training rows (stdin → stdout) whose program (`text`) is valid: Python that
parses (ast.parse, which never runs the code) and C that compiles (`cc -fsyntax-only`, which
never runs it either). Prints what it dropped to stderr. Used by scripts/efficacy.sh ROUND=4.
"""

import ast
import json
import subprocess
import sys


def valid(row: dict) -> bool:
    text = row["text"]
    if row.get("language", "python") == "python":
        try:
            ast.parse(text)
            return True
        except (SyntaxError, ValueError):
            return False
    result = subprocess.run(
        ["cc", "-fsyntax-only", "-w", "-x", "c", "-"],
        input=text, capture_output=True, text=True, timeout=30,
    )
    return result.returncode == 0


def main() -> None:
    kept = dropped = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        row = json.loads(line)
        if valid(row):
            sys.stdout.write(line if line.endswith("\n") else line + "\n")
            kept += 1
        else:
            dropped += 1
            print(f"dropped: {row.get('task_id', row.get('id'))} ({row.get('language')})", file=sys.stderr)
    print(f"kept {kept} rows, dropped {dropped} whose program is not valid", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Oracle benchmark: quality and speed of hexacoder against bandit and cppcheck
# on the same rows, in one run.
#
#   scripts/bench/oracle.sh [CORPUS_DIR]     (default: ../shared/oracle-corpus)
#
# Prints, for each engine, `hexacoder oracle-eval` tables (recall, false
# positives, pair_ok per corpus and language), then files/second over the
# 325 benchmark prompts plus every corpus row written out as a file, with
# the ratio hexacoder / bandit. Needs bandit (pip install bandit) and
# cppcheck on PATH for the peer columns; missing peers are skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-../shared/oracle-corpus}
cargo build --release -q -p hexacoder
hx=target/release/hexacoder
files=("$corpus"/securityeval.jsonl "$corpus"/sven.jsonl "$corpus"/safecoder.jsonl "$corpus"/hexacoder_clean.jsonl)

echo "# Quality (same rows for every engine)"
"$hx" oracle-eval "${files[@]}"
for peer in bandit cppcheck; do
  if command -v "$peer" >/dev/null; then
    "$hx" oracle-eval --engine "$peer" "${files[@]}" || echo "($peer failed)"
  else
    echo "($peer not installed: skipped)"
  fi
done

echo
echo "# Speed: benchmark prompts + corpus rows as files"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r data/benchmarks "$work/bench"
python3 - "$work/rows" "${files[@]}" <<'PY'
import json, os, sys
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
n = 0
for path in sys.argv[2:]:
    for line in open(path):
        r = json.loads(line)
        ext = {"python": "py", "c": "c"}.get(r["language"])
        if ext:
            open(os.path.join(out, f"r{n:05d}.{ext}"), "w").write(r["code"])
            n += 1
PY
py_count=$(find "$work" -name '*.py' | wc -l)
all_count=$(find "$work" \( -name '*.py' -o -name '*.c' \) | wc -l)
now() { date +%s.%N; }
t0=$(now); "$hx" scan --format json "$work" > /dev/null || true; t1=$(now)
hx_all=$(python3 -c "print($all_count / ($t1 - $t0))")
t0=$(now); "$hx" scan --format json --lang python "$work" > /dev/null || true; t1=$(now)
hx_py=$(python3 -c "print($py_count / ($t1 - $t0))")
echo "hexacoder: $all_count files (Python + C) at $(printf %.0f "$hx_all") files/s; $py_count Python files at $(printf %.0f "$hx_py") files/s"
if command -v bandit >/dev/null; then
  t0=$(now); bandit -q -r -f json "$work" > /dev/null 2>&1 || true; t1=$(now)
  bd=$(python3 -c "print($py_count / ($t1 - $t0))")
  echo "bandit:    $py_count Python files at $(printf %.0f "$bd") files/s"
  echo "ratio hexacoder/bandit on the same Python files: $(python3 -c "print(f'{$hx_py / $bd:.1f}x')")"
fi

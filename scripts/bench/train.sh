#!/usr/bin/env bash
# One LoRA optimisation step (batch 4 x 256, r=16 on q/k/v, forward + backward + AdamW) on the
# embedded model: hexacoder against PyTorch + transformers + PEFT on CPU with the same
# threads, time and peak RSS, as ratios in one run. Targets (issue 22): time <= 0.7x, RSS <= 1.0x.
# Ours runs per VARIANT: the f32 base (the reference), the bf16 base (train's default where the
# CPU has AMX) and the bf16 base with activation checkpointing (train --activation-checkpointing);
# VARIANTS="f32" etc. runs fewer. bf16 variants are left out on CPUs without AMX.
#
#   TORCH_PYTHON=/path/venv/bin/python THREADS=2 bash scripts/bench/train.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS="${THREADS:-2}"; B="${B:-4}"; T="${T:-256}"; STEPS="${STEPS:-6}"
PY="${TORCH_PYTHON:-python3}"
cargo build --release --locked -q -p hexacoder -p hexacoder-train --example step_bench
gguf="$(target/release/hexacoder models | awk '$1 == "smollm2" { for (i = 1; i <= NF; i++) if ($i ~ /[.]gguf$/) print $i }')"
[ -f "$gguf" ] || { echo "error: the embedded model is not installed; run bash scripts/setup" >&2; exit 2; }

measure() { /usr/bin/time -f '%M' -o /tmp/hexacoder-rss.$$ "$@"; echo "rss_kb=$(cat /tmp/hexacoder-rss.$$)"; }
runs=()
for v in ${VARIANTS:-f32 bf16 bf16:checkpoint}; do
  p="${v%%:*}"; extra=""; [ "$v" != "$p" ] && extra="${v#*:}"
  if [ "$p" = bf16 ] && ! grep -q amx_bf16 /proc/cpuinfo 2>/dev/null; then continue; fi
  r="$(RAYON_NUM_THREADS=$THREADS measure target/release/examples/step_bench smollm2 "$B" "$T" "$STEPS" "$p" $extra)"
  echo "hexacoder $v  $r"
  runs+=("$r")
done
if "$PY" -c "import torch, peft, transformers" 2>/dev/null; then
  peer="$(measure "$PY" scripts/bench/train_peer.py "$gguf" "$B" "$T" "$STEPS" "$THREADS" 2>/dev/null | grep -v '^\[' )"
  echo "pytorch     $peer"
  for ours in "${runs[@]}"; do python3 - "$ours" "$peer" <<'PY'
import json, sys
def parse(s):
    line, rss = s.strip().split("\n")[-2:]
    d = json.loads(line); d["rss_mb"] = int(rss.split("=")[1]) / 1024; return d
o, p = parse(sys.argv[1]), parse(sys.argv[2])
print(f"\n{o['engine']}")
print(f"steady step  {o['steady_step_s']:.2f} s vs {p['steady_step_s']:.2f} s  = {o['steady_step_s']/p['steady_step_s']:.2f}x  (target <= 0.7x)")
print(f"peak RSS     {o['rss_mb']:.0f} MB vs {p['rss_mb']:.0f} MB = {o['rss_mb']/p['rss_mb']:.2f}x  (target <= 1.0x)")
print(f"loss at step 0: {o['loss0']:.5f} vs {p['loss0']:.5f}")
PY
  done
else
  echo "pytorch     (torch/peft/transformers not importable by $PY; set TORCH_PYTHON)"
fi
rm -f /tmp/hexacoder-rss.$$

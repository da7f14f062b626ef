#!/usr/bin/env bash
# CUDA check (needs an NVIDIA GPU): the GPU tests (crates/model/tests/device.rs: logits and
# generations against the CPU's exact path, batching, adapters, the embedded model when it
# is installed), then the same generation job on the GPU and on the CPU, timed in one run.
#
#   scripts/bench/cuda.sh                  build with --features cuda here (cargo + nvcc)
#   BIN_DIR=DIR scripts/bench/cuda.sh      binaries built elsewhere: DIR/device-tests (the
#                                          test executable of tests/device.rs), DIR/hexacoder
#
# The CUDA libraries (cuBLAS, cuRAND, NVRTC, the runtime) must be on the loader's path.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${BIN_DIR:-}" ]; then
  cargo build --release --locked --features cuda -p hexacoder
  tests=$(cargo test --release --locked --features cuda -p hexacoder-model --test device --no-run \
    --message-format=json | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "device":
        print(m["executable"])')
  hx=target/release/hexacoder
else
  tests=$BIN_DIR/device-tests
  hx=$BIN_DIR/hexacoder
fi
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
echo "# GPU tests"
"$tests" --test-threads=1 --nocapture

echo "# The same job on each device: 8 Pearce prompts × 15 samples × up to 128 tokens"
prompts=$(mktemp -d)
for f in $(ls data/benchmarks/pearce/python/*/*.py | head -8); do cp "$f" "$prompts/"; done
# The GPU computes the numbers of the CPU's exact precision; fast is the CPU's default.
for run in "cuda exact" "cpu exact" "cpu fast"; do
  set -- $run
  out=$(mktemp -d)
  start=$EPOCHREALTIME
  "$hx" generate --device "$1" --precision "$2" --prompts "$prompts" --out "$out" -n 15 \
    --max-new-tokens 128 --temperature 0.4 --seed 1 --no-truncate 2>/dev/null
  end=$EPOCHREALTIME
  python3 -c "print(f'$1 ($2): {$end - $start:.1f} s for $(wc -l < "$out/samples.jsonl") samples')"
  cp "$out/samples.jsonl" "$prompts.$1-$2.jsonl"
done
python3 - "$prompts.cuda-exact.jsonl" "$prompts.cpu-exact.jsonl" <<'PY'
import json, sys
a = [json.loads(l)["completion"] for l in open(sys.argv[1])]
b = [json.loads(l)["completion"] for l in open(sys.argv[2])]
print(f"identical completions, cuda vs cpu exact: {sum(x == y for x, y in zip(a, b))}/{len(a)}")
PY

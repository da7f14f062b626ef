#!/usr/bin/env bash
# Speed and memory of the model runtime against llama.cpp (llama-cpp-python) on the embedded
# model, same GGUF, same token ids, same thread count, in one run, as ratios:
#   decode     greedy, 1 sequence, 128 tokens after a short prompt      target >= 0.8x llama.cpp
#   prefill    a 400-token prompt                                       target >= 0.8x llama.cpp
#   batched    n = 15 samples x 128 tokens vs our own single sequence   target >= 4x
#   RSS        peak of `hexacoder generate -n 15` on a benchmark prompt target <= 600 MB
# Kernels are picked at run time; HEXACODER_ISA=avx2|scalar rows show the fallbacks of the
# same default release build.
#
#   bash scripts/bench/model.sh                  # llama-cpp-python from $LLAMA_PYTHON or python3
#   LLAMA_PYTHON=/path/venv/bin/python THREADS=2 bash scripts/bench/model.sh
# (llama-cpp-python: see scripts/reference/record_model_fixtures.py for the build flags.)
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS="${THREADS:-2}"
PY="${LLAMA_PYTHON:-python3}"

cargo build --release --locked -q -p hexacoder -p hexacoder-model --example bench
gguf="$(target/release/hexacoder models | awk '$1 == "smollm2" { for (i = 1; i <= NF; i++) if ($i ~ /[.]gguf$/) print $i }')"
[ -n "$gguf" ] || { echo "error: the embedded model is not installed; run bash scripts/setup" >&2; exit 2; }

field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

echo "machine: $(nproc) cores, $THREADS threads; model: $gguf"
ours="$(target/release/examples/bench smollm2 "$THREADS" 15)"
echo "hexacoder   $ours"
for isa in avx2 scalar; do
  echo "  ($isa)  $(HEXACODER_ISA=$isa target/release/examples/bench smollm2 "$THREADS" 15)"
done

rss_kb="$(/usr/bin/time -f '%M' target/release/hexacoder generate --model smollm2 -n 15 -j "$THREADS" \
  --max-new-tokens 128 data/benchmarks/pearce/python/CWE-502/CWE-502_0.py 2>&1 >/dev/null | tail -n 1)"

if "$PY" -c "import llama_cpp" 2>/dev/null; then
  peer="$("$PY" scripts/bench/llama_cpp_peer.py "$gguf" "$THREADS")"
  echo "llama.cpp   $peer"
else
  peer=""
  echo "llama.cpp   (not installed for $PY; set LLAMA_PYTHON) — ratios against it skipped"
fi

python3 - "$ours" "$peer" "$rss_kb" <<'PY'
import json, sys
ours = json.loads(sys.argv[1]); peer = json.loads(sys.argv[2]) if sys.argv[2] else None
rss_mb = int(sys.argv[3]) / 1024
rows = []
if peer:
    rows.append(("decode vs llama.cpp", ours["decode_tps"] / peer["decode_tps"], ">= 0.8x"))
    rows.append(("prefill vs llama.cpp", ours["prefill_tps"] / peer["prefill_tps"], ">= 0.8x"))
rows.append(("batched n=15 vs one sequence", ours["batched_tps"] / ours["decode_tps"], ">= 4x"))
print()
for name, ratio, target in rows:
    print(f"{name:<32} {ratio:5.2f}x   (target {target})")
print(f"{'peak RSS, generate -n 15':<32} {rss_mb:5.0f} MB  (target <= 600 MB)")
PY

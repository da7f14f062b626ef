#!/usr/bin/env bash
# Load on `hexacoder serve` over loopback, and on llama-cpp-python's server with the same GGUF,
# the same prompts (the Pearce benchmark prompts, in turn) and the same settings (the paper's:
# max_tokens 200, temperature 0.4, top-p 0.95), in one run:
#   ours, 1 client          the baseline of the batching ratio
#   ours, CLIENTS clients   target: no errors, tokens/s >= 3x one client's
#   llama.cpp, CLIENTS      target: ours >= 1.0x theirs
# Each load runs DURATION seconds (requests in flight at the deadline finish and count) and at
# most 2000 requests. Prints p50/p99 latency and aggregate completion tokens/s.
#
#   bash scripts/bench/serve_load.sh                      # llama-cpp-python from $LLAMA_PYTHON or python3
#   CLIENTS=16 DURATION=60 MAX_TOKENS=200 THREADS=2 LLAMA_PYTHON=/path/venv/bin/python bash scripts/bench/serve_load.sh
# (llama-cpp-python[server]: build flags in scripts/reference/record_model_fixtures.py.)
set -euo pipefail
cd "$(dirname "$0")/../.."
CLIENTS="${CLIENTS:-16}"; DURATION="${DURATION:-60}"; MAX_TOKENS="${MAX_TOKENS:-200}"
THREADS="${THREADS:-2}"; PY="${LLAMA_PYTHON:-python3}"; PROMPTS=data/benchmarks/pearce

cargo build --release --locked -q -p hexacoder -p hexacoder-server --example load
gguf="$(target/release/hexacoder models | awk '$1 == "smollm2" { for (i = 1; i <= NF; i++) if ($i ~ /[.]gguf$/) print $i }')"
[ -n "$gguf" ] || { echo "error: the embedded model is not installed; run bash scripts/setup" >&2; exit 2; }
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 600); do curl -sf "$1/v1/models" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "error: $1 did not start" >&2; exit 1; }
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; true' EXIT
load() { target/release/examples/load "$1" smollm2 "$2" "$DURATION" "$MAX_TOKENS" "$PROMPTS" 2000; }

echo "machine: $(nproc) cores, $THREADS model threads; $CLIENTS clients x ${DURATION}s, max_tokens $MAX_TOKENS; model: $gguf"
p="$(port)"; url="http://127.0.0.1:$p"
target/release/hexacoder serve --port "$p" -j "$THREADS" --max-batch 32 --queue 256 2>/dev/null & server=$!
wait_up "$url"
one="$(load "$url" 1)"; echo "hexacoder  1 client : $one"
many="$(load "$url" "$CLIENTS")"; echo "hexacoder $CLIENTS clients: $many"
kill "$server"; wait "$server" 2>/dev/null || true; server=""

peer=""
if "$PY" -c "import llama_cpp.server" 2>/dev/null; then
  p="$(port)"; lurl="http://127.0.0.1:$p"
  "$PY" -m llama_cpp.server --model "$gguf" --model_alias smollm2 --n_threads "$THREADS" --n_ctx 8192 \
    --host 127.0.0.1 --port "$p" >/dev/null 2>&1 & server=$!
  wait_up "$lurl"
  peer="$(load "$lurl" "$CLIENTS")"; echo "llama.cpp $CLIENTS clients: $peer"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
else
  echo "llama.cpp  (llama_cpp.server not importable by $PY; set LLAMA_PYTHON) — its ratio skipped"
fi
python3 - "$one" "$many" "$peer" "$CLIENTS" <<'PY'
import json, sys
one, many = json.loads(sys.argv[1]), json.loads(sys.argv[2])
n = sys.argv[4]
print(f"batching: {n} clients / 1 client = {many['tokens_per_s'] / one['tokens_per_s']:.2f}x tokens/s (target >= 3x); errors {many['errors']}")
if sys.argv[3]:
    peer = json.loads(sys.argv[3])
    print(f"vs llama-cpp-python server, {n} clients: {many['tokens_per_s'] / peer['tokens_per_s']:.2f}x tokens/s (target >= 1.0x); p99 {many['p99_ms']:.0f} ms vs {peer['p99_ms']:.0f} ms")
PY

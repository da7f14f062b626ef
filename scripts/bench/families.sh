#!/usr/bin/env bash
# CPU speed of the non-Llama families' blocks against a Llama of the same parameter count, in
# one run (random weights, CodeGen-350M-like width; see crates/model/examples/family_bench.rs):
#   decode   CodeGen tokens/s within 1.3x of Llama's (no family falls off the fast path)
#
#   bash scripts/bench/families.sh            # THREADS=2 LAYERS=8 by default
set -euo pipefail
cd "$(dirname "$0")/../.."
THREADS="${THREADS:-2}"
LAYERS="${LAYERS:-8}"
cargo build --release --locked -q -p hexacoder-model --example family_bench
echo "machine: $(nproc) cores, $THREADS threads, $LAYERS layers"
target/release/examples/family_bench "$THREADS" "$LAYERS" "${ROUNDS:-5}"

#!/usr/bin/env bash
# The HTTP path of synth/eval (crates/backend's OpenAi client) against a
# local stub server that answers after DELAY: how many requests it keeps in
# flight, errors, and its overhead per request beyond the server's own time.
#   bash scripts/bench/synth_http.sh            (DELAY=0.05 REQUESTS=640 STUB=rust)
# STUB=rust (crates/backend/examples/stub_server.rs) times requests from the parsed head on,
# body parsing included; STUB=python (openai_stub_server.py) times only its handler, so the
# "overhead" it yields also holds Python's HTTP parsing.
set -euo pipefail
cd "$(dirname "$0")/../.."
DELAY="${DELAY:-0.05}"; REQUESTS="${REQUESTS:-640}"; PORT="${PORT:-18931}"
STUB="${STUB:-rust}"
cargo build --release --locked -q -p hexacoder-backend --example http_bench --example stub_server
if [ "$STUB" = python ]; then
  python3 scripts/bench/openai_stub_server.py "$PORT" "$DELAY" & server=$!
else
  target/release/examples/stub_server "$PORT" "$DELAY" & server=$!
fi
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/stats" >/dev/null 2>&1 && break; sleep 0.1; done
for c in 1 32; do
  before=$(curl -s "http://127.0.0.1:$PORT/stats")
  n=$REQUESTS; [ "$c" = 1 ] && n=$((REQUESTS / 8))
  client=$(target/release/examples/http_bench "http://127.0.0.1:$PORT/v1" "$c" "$n")
  after=$(curl -s "http://127.0.0.1:$PORT/stats")
  python3 - "$before" "$after" "$client" <<'PY'
import json, sys
b, a, c = (json.loads(x) for x in sys.argv[1:])
reqs = a["requests"] - b["requests"]
handling = 1000 * (a["handling_s"] - b["handling_s"]) / max(1, reqs)
print(f"concurrency {c['concurrency']:>2}: {c['requests']} requests, {c['errors']} errors, "
      f"server held up to {a['max_in_flight']} at once, {c['requests']/c['wall_s']:.0f} req/s; "
      f"client latency {c['mean_latency_ms']:.2f} ms - server handling {handling:.2f} ms "
      f"= overhead {c['mean_latency_ms'] - handling:.2f} ms per request")
PY
done

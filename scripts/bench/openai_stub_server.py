#!/usr/bin/env python3
"""A stand-in OpenAI-compatible completions server for HTTP benchmarks:
answers POST /v1/completions after DELAY seconds with n canned choices,
counts requests in flight, and reports at GET /stats the most requests it
held at once and its mean handling time (so a client can subtract it).

    python3 scripts/bench/openai_stub_server.py PORT DELAY_SECONDS
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, DELAY = int(sys.argv[1]), float(sys.argv[2])
lock = threading.Lock()
state = {"in_flight": 0, "max_in_flight": 0, "requests": 0, "handling_s": 0.0, "errors": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def _send(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with lock:
            s = dict(state)
        s["mean_handling_ms"] = 1000 * s["handling_s"] / max(1, s["requests"])
        self._send(200, s)

    def do_POST(self):
        t0 = time.perf_counter()
        with lock:
            state["in_flight"] += 1
            state["max_in_flight"] = max(state["max_in_flight"], state["in_flight"])
        try:
            req = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            time.sleep(DELAY)
            n = int(req.get("n", 1))
            choices = [{"index": i, "text": "    return x\n", "finish_reason": "stop"} for i in range(n)]
            with lock:
                state["in_flight"] -= 1
                state["requests"] += 1
                state["handling_s"] += time.perf_counter() - t0
            self._send(200, {"object": "text_completion", "choices": choices})
        except Exception:
            with lock:
                state["in_flight"] -= 1
                state["errors"] += 1
            self._send(500, {"error": {"message": "stub failed"}})


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 256
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()

#!/usr/bin/env python3
"""The peer of crates/model/examples/bench.rs: llama-cpp-python on the same GGUF, the same
token ids (the tokenizers agree, see crates/model/tests/reference.rs), the same thread count.

    python3 scripts/bench/llama_cpp_peer.py MODEL.gguf THREADS

Prints one JSON line: prefill tokens/s on a 400-token prompt, greedy decode tokens/s (128
tokens after a short prompt).
"""
import json
import os
import sys
import time

import numpy as np
from llama_cpp import Llama

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    path, threads = sys.argv[1], int(sys.argv[2])
    llm = Llama(model_path=path, n_ctx=2048, n_threads=threads, n_threads_batch=threads,
                n_batch=512, logits_all=False, verbose=False)
    text = open(os.path.join(ROOT, "data/benchmarks/pearce/python/CWE-502/CWE-502_0.py")).read()
    long = ""
    while len(llm.tokenize(long.encode(), add_bos=False)) < 400:
        long += text
    ids = llm.tokenize(long.encode(), add_bos=False)[:400]
    llm.reset()
    llm.eval(ids[:32])  # warm-up
    runs = 3
    t = time.perf_counter()
    for _ in range(runs):
        llm.reset()
        llm.eval(ids)
    prefill = runs * len(ids) / (time.perf_counter() - t)

    prompt = llm.tokenize(b"def fibonacci(n):\n    if", add_bos=False)
    llm.reset()
    llm.eval(prompt)
    t = time.perf_counter()
    for _ in range(128):
        logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),))
        llm.eval([int(np.argmax(logits))])
    decode = 128 / (time.perf_counter() - t)
    print(json.dumps({"engine": "llama.cpp", "threads": threads, "prefill_tokens": len(ids),
                      "prefill_tps": round(prefill, 1), "decode_tps": round(decode, 1)}))


if __name__ == "__main__":
    main()

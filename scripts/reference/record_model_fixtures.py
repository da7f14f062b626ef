#!/usr/bin/env python3
"""Record the model runtime's reference fixtures with llama-cpp-python (llama.cpp).

Run once (the fixtures are committed); the Rust tests compare against them and need no Python:

    python3 -m venv /tmp/refvenv
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=ON \
      -DGGML_AVX512_VNNI=ON -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF -DLLAMA_CURL=OFF" \
      /tmp/refvenv/bin/pip install llama-cpp-python==0.3.36 numpy
    /tmp/refvenv/bin/python scripts/reference/record_model_fixtures.py [MODEL.gguf]

Writes crates/model/tests/fixtures/:
  tokenizer.jsonl  {"text", "ids"} for >= 200 code snippets (benchmark prompts, Python and C,
                   unicode, long whitespace runs), ids from llama.cpp's tokenizer (no BOS).
  logits.jsonl     {"prompt", "ids", "argmax", "top": [[id, logit]...], "probe": [[id, logit]...],
                   "greedy": [32 ids], "margins": [32 floats]} for 24 prompts: the next-token
                   logits after the prompt (the 64 largest plus 64 ids at a fixed stride), 32
                   greedy tokens and, at each greedy step, llama.cpp's gap between its two most
                   likely tokens (near-ties there are decided by rounding noise).
  logits_exact.jsonl  the same fields from transformers in f32 on the same GGUF weights
                   (dequantized exactly, q/k de-permuted by transformers), for the runtime's
                   exact precision. Needs `pip install torch transformers gguf accelerate`; skipped with
                   a note when they are missing.
"""
import glob
import json
import os
import sys

import numpy as np
from llama_cpp import Llama

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "crates", "model", "tests", "fixtures")
DEFAULT = os.path.join(
    os.environ.get("HEXACODER_HOME") or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "hexacoder"),
    "models", "smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf",
)

HANDMADE = [
    "",
    " ",
    "\n",
    "\t\t\t",
    "    " * 16 + "return x",
    "def f():\n" + " " * 40 + "pass\n",
    "x = 1\n\n\n\n\n\ny = 2",
    "if (a) {\n\t\tb();\n\t}\n",
    "s = 'héllo wörld ñandú'",
    "print('日本語のテキスト')  # 中文注释",
    "msg = \"emoji 🚀🔥 and 👩‍💻\"",
    "# Привет, мир\nprint(\"Ελληνικά\")",
    "int main(void) { printf(\"%d\\n\", 1234567890); return 0; }",
    "x = 3.14159e-10 + 0x1F + 0b1010 + 1_000_000",
    "char buf[256];\nstrncpy(buf, argv[1], sizeof(buf) - 1);",
    "a<<=2; b>>=3; c&&d||e; f!=g; h->i; j::k;",
    "   leading spaces and trailing   ",
    "tabs\tand\tspaces \t mixed",
    "\r\nwindows\r\nline\r\nendings\r\n",
    "'''docstring with \"quotes\" and 'apostrophes' '''",
    "f\"{name!r:>10} {value:.2f}\"",
    "/* block comment */ // line comment\n#define MAX(a, b) ((a) > (b) ? (a) : (b))",
    "αβγδε = [λ for λ in range(10)]",
    "🙂" * 5,
    "zero\u200bwidth\u00a0nbsp",
    "<|im_start|>user\nWrite a function<|im_end|>\n<|im_start|>assistant\n",
]

LOGIT_PROMPTS = [
    "def fibonacci(n):\n",
    "import os\nimport subprocess\n\ndef run(cmd):\n",
    "#include <stdio.h>\n\nint main(int argc, char *argv[]) {\n",
    "from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n",
    "def add(a, b):\n    return",
    "# Read a file and return its contents\ndef read_file(path):\n",
    "#include <string.h>\n\nvoid copy(char *dst, const char *src) {\n",
    "class Stack:\n    def __init__(self):\n",
    "SELECT * FROM users WHERE",
    "The capital of France is",
    "def is_prime(n):\n    \"\"\"Return True if n is prime.\"\"\"\n",
    "int sum(int *a, int n) {\n    int s = 0;\n    for (int i = 0; i < n; i++)",
    "import yaml\n\ndef load(path):\n    with open(path) as f:\n        return",
    "<|im_start|>user\nWrite a Python function that reverses a string.<|im_end|>\n<|im_start|>assistant\n",
    "def sort_list(xs):\n    return sorted(",
    "#include <stdlib.h>\n\nint *make_array(size_t n) {\n    int *a = malloc(",
    "x = [1, 2, 3]\nfor i in x:\n    print(",
    "import hashlib\n\ndef hash_password(password):\n    return hashlib.",
    "def main():\n    name = input('Name: ')\n    print('Hello, ' +",
    "char *s = \"héllo\";\nprintf(\"%s\\n\",",
    "# 日本語のコメント\ndef greet():\n    return '",
    "while True:\n    line = sys.stdin.readline()\n    if not line:\n        break\n",
    "import requests\n\nresp = requests.get(url, verify=",
    "void swap(int *a, int *b) {\n    int t = *a;\n",
]


def snippets():
    texts = list(HANDMADE)
    for path in sorted(glob.glob(os.path.join(ROOT, "data", "benchmarks", "*", "*", "*", "*"))):
        if path.endswith((".py", ".c")):
            with open(path, encoding="utf-8") as f:
                texts.append(f.read())
    for path in sorted(glob.glob(os.path.join(ROOT, "crates", "oracle", "tests", "fixtures", "rules", "*", "*"))):
        if path.endswith((".py", ".c")):
            with open(path, encoding="utf-8") as f:
                texts.append(f.read())
    return texts


def main():
    model = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    llm = Llama(model_path=model, n_ctx=4096, n_threads=2, logits_all=True, verbose=False, seed=0)
    os.makedirs(OUT, exist_ok=True)
    texts = snippets()
    with open(os.path.join(OUT, "tokenizer.jsonl"), "w", encoding="utf-8") as f:
        for t in texts:
            ids = llm.tokenize(t.encode("utf-8"), add_bos=False, special=True)
            f.write(json.dumps({"text": t, "ids": ids}, ensure_ascii=False) + "\n")
    print(f"tokenizer.jsonl: {len(texts)} snippets")

    vocab = llm.n_vocab()
    probe_ids = list(range(0, vocab, vocab // 64))[:64]
    with open(os.path.join(OUT, "logits.jsonl"), "w", encoding="utf-8") as f:
        for p in LOGIT_PROMPTS:
            ids = llm.tokenize(p.encode("utf-8"), add_bos=False, special=True)
            llm.reset()
            llm.eval(ids)
            logits = np.array(llm.scores[len(ids) - 1], dtype=np.float32)
            top = np.argsort(-logits)[:64]
            greedy, margins = [], []
            step = logits
            for _ in range(32):
                nxt = int(np.argmax(step))
                top2 = np.sort(step)[-2:]
                greedy.append(nxt)
                margins.append(float(top2[1] - top2[0]))
                llm.eval([nxt])
                step = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float32)
            row = {
                "prompt": p,
                "ids": ids,
                "argmax": int(np.argmax(logits)),
                "top": [[int(i), float(logits[i])] for i in top],
                "probe": [[int(i), float(logits[i])] for i in probe_ids],
                "greedy": greedy,
                "margins": margins,
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"logits.jsonl: {len(LOGIT_PROMPTS)} prompts")
    record_exact(model, probe_ids)


def record_exact(model, probe_ids):
    try:
        import torch
        from transformers import AutoModelForCausalLM
    except ImportError as e:
        print(f"logits_exact.jsonl skipped ({e})")
        return
    torch.manual_seed(0)
    hf = AutoModelForCausalLM.from_pretrained(
        os.path.dirname(model), gguf_file=os.path.basename(model), dtype=torch.float32
    ).eval()
    rows = [json.loads(l) for l in open(os.path.join(OUT, "logits.jsonl"), encoding="utf-8")]
    with open(os.path.join(OUT, "logits_exact.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            ids = list(r["ids"])
            greedy, margins = [], []
            with torch.no_grad():
                first = None
                for _ in range(32):
                    step = hf(torch.tensor([ids])).logits[0, -1].numpy().astype(np.float32)
                    if first is None:
                        first = step
                    top2 = np.sort(step)[-2:]
                    nxt = int(np.argmax(step))
                    greedy.append(nxt)
                    margins.append(float(top2[1] - top2[0]))
                    ids.append(nxt)
            top = np.argsort(-first)[:64]
            out = {
                "prompt": r["prompt"],
                "ids": r["ids"],
                "argmax": int(np.argmax(first)),
                "top": [[int(i), float(first[i])] for i in top],
                "probe": [[int(i), float(first[i])] for i in probe_ids],
                "greedy": greedy,
                "margins": margins,
            }
            f.write(json.dumps(out, ensure_ascii=False) + "\n")
    print(f"logits_exact.jsonl: {len(rows)} prompts (transformers f32)")


if __name__ == "__main__":
    main()

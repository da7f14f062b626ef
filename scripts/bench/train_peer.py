#!/usr/bin/env python3
"""PyTorch + transformers + PEFT peer of crates/train/examples/step_bench.rs: the same model
(the GGUF, dequantized by transformers), LoRA r=16 alpha=16 on q/k/v, the same batch shape and
token pattern, AdamW; prints one JSON line with the first and steady step times.

    python3 scripts/bench/train_peer.py MODEL.gguf B T STEPS THREADS
"""
import json
import os
import sys
import time

import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM


def main():
    path, b, t, steps, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.set_num_threads(threads)
    model = AutoModelForCausalLM.from_pretrained(os.path.dirname(path), gguf_file=os.path.basename(path), dtype=torch.float32)
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=16, lora_dropout=0.0,
                                             target_modules=["q_proj", "k_proj", "v_proj"], task_type="CAUSAL_LM"))
    vocab = model.config.vocab_size
    ids = torch.tensor([[(i * 2654435761) % (1 << 32) % vocab for i in range(r * t, (r + 1) * t)] for r in range(b)])
    w = torch.tensor([[1.0 if i % 3 == 0 else 0.0 for i in range(r * t, (r + 1) * t)] for r in range(b)])
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=5e-4, weight_decay=0.001)
    times, losses = [], []
    model.train()
    for _ in range(steps):
        t0 = time.perf_counter()
        logits = model(input_ids=ids).logits[:, :-1]
        ce = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1), reduction="none")
        loss = (ce * w[:, 1:].reshape(-1)).sum() / w[:, 1:].sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(float(loss))
        times.append(time.perf_counter() - t0)
    steady = sum(times[1:]) / max(1, len(times) - 1)
    print(json.dumps({"engine": "pytorch+peft", "batch": [b, t], "first_step_s": round(times[0], 2),
                      "steady_step_s": round(steady, 2), "loss0": round(losses[0], 5)}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Check that an adapter written by hexacoder loads in PEFT and gives hexacoder's logits.

    cargo run --release -p hexacoder-train --example peft_export -- /tmp/export [codegen|starcoder2]
    /tmp/refvenv/bin/python scripts/reference/check_peft_export.py /tmp/export

Loads the base the example trained on (the tiny Llama fixture, or a family's tiny model) with
transformers, our adapter with `PeftModel.from_pretrained`,
runs the same token ids, and prints the largest logit difference from ours (f32 both sides).
"""
import json
import os
import sys

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    out = sys.argv[1]
    ours = json.load(open(os.path.join(out, "ours.json")))
    base_dir = ours.get("base") or os.path.join(ROOT, "crates/train/tests/fixtures/tiny-llama")
    base = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
    model = PeftModel.from_pretrained(base, os.path.join(out, "adapter")).eval()
    with torch.no_grad():
        logits = model(input_ids=torch.tensor(ours["ids"])).logits
    diff = (logits - torch.tensor(ours["logits"])).abs().max().item()
    with model.disable_adapter(), torch.no_grad():
        effect = (logits - model(input_ids=torch.tensor(ours["ids"])).logits).abs().max().item()
    print(json.dumps({"max_abs_diff_vs_hexacoder": diff, "adapter_effect_max_abs": effect}))
    assert diff < 1e-3, diff


if __name__ == "__main__":
    main()

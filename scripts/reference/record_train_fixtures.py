#!/usr/bin/env python3
"""Record the trainer's reference fixtures with PyTorch + transformers + PEFT (CPU).

Run once (fixtures are committed; the Rust tests need no Python):

    /tmp/refvenv/bin/pip install torch transformers peft gguf accelerate
    /tmp/refvenv/bin/python scripts/reference/record_train_fixtures.py

Writes crates/train/tests/fixtures/:
  tiny-llama/            a tiny random Llama (HF layout, safetensors, f32), seed 0
  tiny-adapter/          its PEFT LoRA adapter (r=4, alpha=8, q/k/v) with A from PEFT's
                         Kaiming init and B set to small random values (so every gradient
                         is non-zero at step 0)
  tiny-parity.json       a batch (ids, token weights), the masked loss, the per-layer norm of
                         the LoRA gradients, and the masked loss at each of 3 AdamW steps
                         (lr 1e-3, betas 0.9/0.999, eps 1e-8, weight decay 0.001)
  token-weights.jsonl    for the first 20 rows of the reference dataset: the token ids of
                         `text` and each token's weight (1 when `char_to_token` maps a
                         changed character to it, as the paper's code does), from the model's
                         Hugging Face tokenizer (transformers' GGUF conversion with SmolLM2's
                         real pre-tokenizer, single digits then byte level, restored; checked to
                         give llama.cpp's ids on the runtime's tokenizer fixture)
The masked loss: cross-entropy of predicting token t from the tokens before it, averaged
over the positions t whose token weight is 1.
"""
import json
import os

import torch
from peft import LoraConfig, get_peft_model
from transformers import LlamaConfig, LlamaForCausalLM

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "crates", "train", "tests", "fixtures")


def masked_loss(model, ids, weights):
    logits = model(input_ids=ids).logits[:, :-1, :]
    labels = ids[:, 1:]
    w = weights[:, 1:]
    ce = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), reduction="none")
    return (ce * w.reshape(-1)).sum() / w.sum()


def main():
    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=320, hidden_size=64, intermediate_size=96, num_hidden_layers=2,
                      num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128,
                      rms_norm_eps=1e-5, rope_theta=10000.0, tie_word_embeddings=False,
                      attention_bias=False)
    base = LlamaForCausalLM(cfg).float().eval()
    with torch.no_grad():
        for p in base.parameters():
            p.copy_(torch.randn_like(p) * 0.3 if p.dim() > 1 else 1.0 + 0.2 * torch.randn_like(p))
    base.save_pretrained(os.path.join(OUT, "tiny-llama"), safe_serialization=True)

    lcfg = LoraConfig(r=4, lora_alpha=8, lora_dropout=0.0, target_modules=["q_proj", "k_proj", "v_proj"],
                      bias="none", task_type="CAUSAL_LM")
    model = get_peft_model(base, lcfg)
    with torch.no_grad():
        for n, p in model.named_parameters():
            if "lora_B" in n:
                p.copy_(torch.randn_like(p) * 0.1)
    model.save_pretrained(os.path.join(OUT, "tiny-adapter"), safe_serialization=True)

    g = torch.Generator().manual_seed(1)
    ids = torch.randint(0, cfg.vocab_size, (2, 24), generator=g)
    weights = (torch.rand(2, 24, generator=g) < 0.4).float()
    model.train()
    loss = masked_loss(model, ids, weights)
    loss.backward()
    norms = []
    for layer in range(cfg.num_hidden_layers):
        sq = 0.0
        for n, p in model.named_parameters():
            if f"layers.{layer}." in n and "lora_" in n:
                sq += float((p.grad ** 2).sum())
        norms.append(sq ** 0.5)
    model.zero_grad()

    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.001)
    losses = []
    for _ in range(3):
        opt.zero_grad()
        l = masked_loss(model, ids, weights)
        losses.append(float(l))
        l.backward()
        opt.step()
    final = float(masked_loss(model, ids, weights))
    out = {
        "ids": ids.tolist(),
        "weights": weights.tolist(),
        "loss": float(loss),
        "grad_norms": norms,
        "adamw": {"lr": 1e-3, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.001},
        "losses": losses,
        "loss_after_3_steps": final,
    }
    with open(os.path.join(OUT, "tiny-parity.json"), "w") as f:
        json.dump(out, f, indent=1)
    print(json.dumps({k: out[k] for k in ("loss", "grad_norms", "losses", "loss_after_3_steps")}))


def record_token_weights():
    from tokenizers import pre_tokenizers
    from transformers import AutoTokenizer

    home = os.environ.get("HEXACODER_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "hexacoder")
    tok = AutoTokenizer.from_pretrained(os.path.join(home, "models", "smollm2"),
                                        gguf_file="SmolLM2-135M-Instruct.Q4_1.gguf")
    tok.backend_tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True),
    ])
    with open(os.path.join(ROOT, "crates", "model", "tests", "fixtures", "tokenizer.jsonl"), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            assert tok(row["text"], add_special_tokens=False)["input_ids"] == row["ids"], row["text"][:80]
    data = os.path.join(ROOT, "..", "shared", "data", "hexacoder-train.jsonl")
    if not os.path.exists(data):
        data = os.path.join(ROOT, "data", "hexacoder-train.jsonl")
    out = []
    with open(data, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            enc = tok(row["text"], add_special_tokens=False)
            weights = [0] * len(enc["input_ids"])
            for ch in row["changes"]:
                for i in range(ch["char_start"], ch["char_end"]):
                    t = enc.char_to_token(i)
                    if t is not None:
                        weights[t] = 1
            out.append({"id": row.get("id"), "text": row["text"], "changes": row["changes"],
                        "ids": enc["input_ids"], "weights": weights})
            if len(out) == 20:
                break
    with open(os.path.join(OUT, "token-weights.jsonl"), "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"token-weights.jsonl: {len(out)} rows, {sum(sum(r['weights']) for r in out)} weighted tokens")


if __name__ == "__main__":
    main()
    record_token_weights()

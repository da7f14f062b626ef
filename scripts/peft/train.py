#!/usr/bin/env python3
"""Train hexacoder's dataset with PEFT + transformers under accelerate: past one GPU.

`hexacoder train` runs on one CPU or one GPU. For several GPUs (DDP, DeepSpeed ZeRO, FSDP) this
script trains the same dataset JSONL with the same recipe and writes a PEFT adapter that
`hexacoder generate/eval/serve --adapter` load:

    pip install torch transformers peft accelerate tokenizers
    accelerate launch [--config_file ddp.yaml|deepspeed.yaml|fsdp.yaml] scripts/peft/train.py \\
        --model HF_FOLDER --data dataset.jsonl --out runs/peft [--epochs 3 --lr 5e-4 ...]

The recipe is hexacoder's, step for step (so a run here and `hexacoder train` with the same
options make the same steps; `crates/train/tests/peft_handoff.rs` checks 3 of them against a
recording of this script on the tiny Llama fixture):
  * rows: `text` + `changes` (character spans); a token weighs 1 when its characters overlap a
    changed span (the paper's char_to_token rule), every token when a row has no `changes`;
    rows cut to --max-len tokens; rows with no weighted token after the first are dropped;
  * validation split and batch order: SplitMix64 + Fisher-Yates with --seed (the trainer's
    generator, ported below), batches sorted longest first into micro-batches;
  * the loss: cross-entropy of each token from those before it, averaged over the batch's
    weighted tokens (micro-batches count by their share of them);
  * LoRA: r, alpha, dropout, target modules; A drawn as hexacoder draws it (uniform in
    ±1/sqrt(in) from SplitMix64, layer by layer, module by module), B zero;
  * AdamW (betas 0.9/0.999, eps 1e-8, weight decay 0.001), 3 % linear warm-up then cosine,
    optional gradient clipping.
Completion style only (rows as plain programs); hexacoder's instruct style (chat frames) is
not reproduced here yet.

With N processes each takes every N-th micro-batch of a step; gradients are summed across
processes (DDP averages, so each loss is scaled by N). --batch-size must be at least
N × --micro-batch.
"""
import argparse
import json
import math
import os
import re
import sys

import numpy as np
import torch
from accelerate import Accelerator
from peft import LoraConfig, get_peft_model
from tokenizers import Tokenizer
from transformers import AutoModelForCausalLM

MASK64 = (1 << 64) - 1


class SplitMix:
    """hexacoder's generator (crates/train/src/lora.rs)."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def uniform(self):
        return np.float32(self.next_u64() >> 40) / np.float32(1 << 24)


def shuffle(items, seed):
    rng = SplitMix(seed)
    for i in range(len(items) - 1, 0, -1):
        j = rng.next_u64() % (i + 1)
        items[i], items[j] = items[j], items[i]


def learning_rate(base, step, total, warmup):
    if step < warmup:
        return base * step / warmup
    progress = (step - warmup) / max(total - warmup, 1)
    return base * 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))


def examples(path, tok, max_len):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
            except (ValueError, KeyError, TypeError) as e:
                sys.exit(f"error: {path}:{n}: not a dataset row with `text` ({e})")
            enc = tok.encode(text, add_special_tokens=False)
            changes = row.get("changes")
            if changes is None:
                weights = [1.0] * len(enc.ids)
            else:
                spans = [(c["char_start"], c["char_end"]) for c in changes if c["char_end"] > c["char_start"]]
                weights = [1.0 if any(s < ce and cs < e for cs, ce in spans) else 0.0 for s, e in enc.offsets]
            ids, weights = enc.ids[:max_len], weights[:max_len]
            if any(w > 0 for w in weights[1:]):
                out.append((ids, weights))
    return out


def init_lora(model, layers, targets, r, seed):
    """A as hexacoder draws it (layer by layer, module by module, in --targets order); B zero."""
    rng = SplitMix(seed)
    named = dict(model.named_modules())
    with torch.no_grad():
        for layer in range(layers):
            for module in targets:
                hits = [n for n in named if n.endswith(f".{module}.lora_A.default")
                        and re.search(rf"\.(layers|h)\.{layer}\.", n)]
                if len(hits) != 1:
                    sys.exit(f"error: --targets `{module}`: {len(hits)} modules of that name in block {layer}")
                a = named[hits[0]].weight
                inp = a.shape[1]
                bound = np.float32(1.0) / np.float32(math.sqrt(inp))
                vals = [(rng.uniform() * np.float32(2.0) - np.float32(1.0)) * bound for _ in range(r * inp)]
                a.copy_(torch.from_numpy(np.array(vals, dtype=np.float32).reshape(r, inp)))
                named[hits[0].replace("lora_A", "lora_B")].weight.zero_()


def masked_loss(model, ids, weights):
    logits = model(input_ids=ids).logits[:, :-1, :].float()
    labels, w = ids[:, 1:], weights[:, 1:]
    ce = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), reduction="none")
    return (ce * w.reshape(-1)).sum() / w.sum()


def pad(rows, device):
    t = max(len(ids) for ids, _ in rows)
    ids = torch.tensor([i + [0] * (t - len(i)) for i, _ in rows], device=device)
    w = torch.tensor([x + [0.0] * (t - len(x)) for _, x in rows], device=device)
    return ids, w


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--rank", type=int, default=16)
    p.add_argument("--alpha", type=float, default=16.0)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--targets", default="q_proj,k_proj,v_proj")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--micro-batch", type=int, default=4)
    p.add_argument("--max-len", type=int, default=512)
    p.add_argument("--max-steps", type=int)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--validation", type=float, default=0.2)
    p.add_argument("--clip-grad", type=float)
    args = p.parse_args()

    acc = Accelerator()
    world, rank = acc.num_processes, acc.process_index
    if args.batch_size < world * args.micro_batch:
        sys.exit(f"error: --batch-size {args.batch_size} is less than {world} processes x --micro-batch {args.micro_batch}")
    tok = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
    data = examples(args.data, tok, args.max_len)
    if not data:
        sys.exit(f"error: {args.data}: no row has a weighted token to train on")
    order = list(range(len(data)))
    shuffle(order, args.seed)
    n_val = round(len(data) * args.validation)
    train = [data[i] for i in order[n_val:]]

    targets = [t for t in args.targets.split(",") if t]
    base = AutoModelForCausalLM.from_pretrained(args.model, dtype=torch.float32)
    model = get_peft_model(base, LoraConfig(r=args.rank, lora_alpha=args.alpha, lora_dropout=args.dropout,
                                            target_modules=targets, bias="none", task_type="CAUSAL_LM"))
    layers = getattr(base.config, "num_hidden_layers", None) or base.config.n_layer
    init_lora(model, layers, targets, args.rank, args.seed)
    params = [q for q in model.parameters() if q.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.001)
    model, opt = acc.prepare(model, opt)
    model.train()

    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    total = min(args.max_steps or steps_per_epoch * args.epochs, steps_per_epoch * args.epochs)
    warmup = math.ceil(total * 0.03)
    os.makedirs(args.out, exist_ok=True)
    log = open(os.path.join(args.out, "log.jsonl"), "w") if acc.is_main_process else None
    for step in range(total):
        epoch, in_epoch = divmod(step, steps_per_epoch)
        order = list(range(len(train)))
        shuffle(order, args.seed + epoch + 1)
        batch = [train[i] for i in order[in_epoch * args.batch_size:(in_epoch + 1) * args.batch_size]]
        batch.sort(key=lambda e: -len(e[0]))
        weighted = sum(sum(w[1:]) for _, w in batch)
        micros = [batch[i:i + args.micro_batch] for i in range(0, len(batch), args.micro_batch)]
        mine = [m for k, m in enumerate(micros) if k % world == rank]
        opt.zero_grad()
        loss_sum = torch.zeros((), device=acc.device)
        for k, micro in enumerate(mine):
            ids, w = pad(micro, acc.device)
            share = sum(sum(x[1:]) for _, x in micro) / weighted
            loss = masked_loss(model, ids, w)
            loss_sum += loss.detach() * share
            if k + 1 < len(mine):
                with acc.no_sync(model):
                    acc.backward(loss * share * world)
            else:
                acc.backward(loss * share * world)
        if args.clip_grad:
            acc.clip_grad_norm_(params, args.clip_grad)
        lr = learning_rate(args.lr, step, total, warmup)
        for g in opt.param_groups:
            g["lr"] = lr
        opt.step()
        loss_all = acc.reduce(loss_sum, reduction="sum").item()
        if log:
            log.write(json.dumps({"step": step + 1, "loss": loss_all, "lr": lr}) + "\n")
            log.flush()
    acc.wait_for_everyone()
    if acc.is_main_process:
        acc.unwrap_model(model).save_pretrained(os.path.join(args.out, "adapter"))
        print(f"{total} steps; adapter: {os.path.join(args.out, 'adapter')} (PEFT format)")


if __name__ == "__main__":
    main()

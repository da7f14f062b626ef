#!/usr/bin/env python3
"""Record reference fixtures for the model families beyond Llama, on tiny random models.

No model hub is reachable, so each family is verified on a tiny model built here with
transformers from the family's real config keys (CodeGen: `rotary_dim < head_dim`, four
fused q/k/v shards; StarCoder2: grouped-query attention, biases everywhere, tied embeddings,
`rope_parameters` as transformers 5 writes it; DeepSeek-V2: latent attention with a decoupled
rotary part and YaRN scaling, a dense first block, then 4 routed experts (2 per token) and a
shared one; XGLM (InCoder's): sinusoidal positions with fairseq's offset, embeddings scaled by
sqrt(d_model), exact GELU, fairseq's tensor names, tied output). Run once (the fixtures are
committed; the Rust tests need no Python); name families to record only those:

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install torch transformers peft safetensors tokenizers numpy
    /tmp/refvenv/bin/python scripts/reference/record_family_fixtures.py [codegen starcoder2 deepseek_v2 xglm]

Writes crates/model/tests/fixtures/families/<family>/:
  model/            config.json, model.safetensors (f32), tokenizer.json, tokenizer_config.json
  adapter/          a PEFT LoRA adapter (r 4, alpha 8, the family's attention and MLP input
                    projections) with lora_B set to small random values (PEFT starts B at 0,
                    which would test nothing)
  reference.json    {"texts": [{"text", "ids"}], "cases": [{"ids", "logits", "greedy",
                    "margins", "adapter_logits"}]}: the tokenizer's ids of a few code
                    snippets; for each id sequence the next-token logits (whole vocabulary),
                    12 greedy tokens with the gap between the two most likely tokens at each
                    step, and the logits with the adapter applied; "train": a batch (ids,
                    token weights), the masked loss with the adapter, each layer's LoRA
                    gradient norm and the loss at each of 3 AdamW steps (lr 1e-3, weight
                    decay 0.001), for the trainer's parity tests.

Every weight matrix is rounded to the Q8_0 grid (per 32 values: a scale in f16 and integers
in [-127, 127]) before it is saved: the runtime stores dense weights as Q8_0, so on these
weights its exact precision computes what transformers computes in f32, and the logits can be
compared to 1e-4 (quantization error would otherwise hide a wrong architecture).
"""
import json
import os
import shutil

import numpy as np
import torch
from peft import LoraConfig, get_peft_model
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "crates", "model", "tests", "fixtures", "families")

CORPUS = [
    "def add(a, b):\n    return a + b\n",
    "import os\nimport subprocess\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=False)\n",
    "#include <stdio.h>\nint main(void) {\n    char buf[64];\n    fgets(buf, sizeof buf, stdin);\n}\n",
    "for i in range(10):\n    print(i * i)\n",
    "static int sum(const int *xs, size_t n) { int s = 0; for (size_t i = 0; i < n; i++) s += xs[i]; return s; }\n",
    "class Stack:\n    def __init__(self):\n        self.items = []\n",
] * 4

TEXTS = [
    "def add(a, b):\n    return a + b",
    "#include <stdlib.h>\nchar *p = malloc(16);",
    "    for (int i = 0; i < n; i++) {",
    "x = [1, 2, 3]  # é ü",
]


def tokenizer(vocab):
    """A byte-level BPE tokenizer (GPT-2's scheme, CodeGen's) trained on a few snippets."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab,
        special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(CORPUS, trainer=trainer)
    return tok


def q8_0_grid(w):
    """The nearest matrix whose rows are exactly representable in Q8_0."""
    x = w.detach().to(torch.float32).numpy().reshape(-1, 32)
    amax = np.abs(x).max(axis=1, keepdims=True)
    d = (amax / 127.0).astype(np.float16).astype(np.float32)
    safe = np.where(d == 0, 1.0, d)
    q = np.clip(np.round(x / safe), -127, 127)
    return torch.from_numpy((q * d).astype(np.float32).reshape(w.shape))


def build(family, model):
    torch.manual_seed(0)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() >= 2:
                # Wider than transformers' init (std 0.02), so the logits spread and greedy
                # decoding has clear winners to compare.
                p.copy_(q8_0_grid(torch.randn_like(p) * 0.2))
            elif name.endswith("bias"):
                # transformers starts biases at 0; non-zero ones test that they are read.
                p.copy_(torch.randn_like(p) * 0.05)
            else:
                p.copy_(1.0 + torch.randn_like(p) * 0.1)
    model.eval()
    return model


def greedy(model, ids, steps=12):
    ids = list(ids)
    out, margins = [], []
    with torch.no_grad():
        for _ in range(steps):
            logits = model(input_ids=torch.tensor([ids])).logits[0, -1]
            top = torch.topk(logits, 2)
            out.append(int(top.indices[0]))
            margins.append(float(top.values[0] - top.values[1]))
            ids.append(out[-1])
    return out, margins


def record(family, model, tok, targets, cases):
    d = os.path.join(OUT, family)
    shutil.rmtree(d, ignore_errors=True)
    model_dir = os.path.join(d, "model")
    model.save_pretrained(model_dir, safe_serialization=True)
    tok.save(os.path.join(model_dir, "tokenizer.json"))
    with open(os.path.join(model_dir, "tokenizer_config.json"), "w") as f:
        json.dump({"eos_token": "<|endoftext|>", "bos_token": "<|endoftext|>", "add_bos_token": False}, f)

    texts = [{"text": t, "ids": tok.encode(t).ids} for t in TEXTS]
    rows = []
    with torch.no_grad():
        for ids in cases:
            logits = model(input_ids=torch.tensor([ids])).logits[0, -1]
            g, m = greedy(model, ids)
            rows.append({"ids": ids, "logits": [float(v) for v in logits], "greedy": g, "margins": m})

    torch.manual_seed(1)
    peft_model = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, target_modules=targets, lora_dropout=0.0))
    with torch.no_grad():
        for name, p in peft_model.named_parameters():
            if "lora_B" in name:
                p.copy_(torch.randn_like(p) * 0.2)
    peft_model.eval()
    peft_model.save_pretrained(os.path.join(d, "adapter"))
    os.remove(os.path.join(d, "adapter", "README.md"))
    with torch.no_grad():
        for row in rows:
            logits = peft_model(input_ids=torch.tensor([row["ids"]])).logits[0, -1]
            row["adapter_logits"] = [float(v) for v in logits]
    train = record_training(peft_model, model.config.vocab_size)
    with open(os.path.join(d, "reference.json"), "w") as f:
        json.dump({"family": family, "texts": texts, "cases": rows, "train": train}, f)
    print(f"{family}: {sum(p.numel() for p in model.parameters())} parameters -> {d}")


def masked_loss(model, ids, weights):
    logits = model(input_ids=ids).logits[:, :-1, :]
    labels = ids[:, 1:]
    w = weights[:, 1:]
    ce = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), reduction="none")
    return (ce * w.reshape(-1)).sum() / w.sum()


def record_training(model, vocab):
    """The masked loss of a batch with the adapter, the norm of each layer's LoRA gradients,
    and the loss at each of 3 AdamW steps (as scripts/reference/record_train_fixtures.py)."""
    g = torch.Generator().manual_seed(2)
    ids = torch.randint(0, vocab, (2, 24), generator=g)
    weights = (torch.rand(2, 24, generator=g) < 0.4).float()
    loss = masked_loss(model, ids, weights)
    loss.backward()
    layers = sorted({int(n.split(".h.")[-1].split(".")[0]) if ".h." in n else int(n.split(".layers.")[-1].split(".")[0])
                     for n, p in model.named_parameters() if "lora_" in n})
    norms = []
    for layer in layers:
        sq = 0.0
        for n, p in model.named_parameters():
            if "lora_" in n and (f".h.{layer}." in n or f".layers.{layer}." in n):
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
    return {"ids": ids.tolist(), "weights": weights.tolist(), "loss": float(loss), "grad_norms": norms,
            "losses": losses, "loss_after_3_steps": float(masked_loss(model, ids, weights))}


def codegen():
    from transformers import CodeGenConfig, CodeGenForCausalLM

    vocab = 384
    tok = tokenizer(vocab)
    cfg = CodeGenConfig(
        vocab_size=vocab,
        n_positions=128,
        n_ctx=128,
        n_embd=64,
        n_layer=2,
        n_head=8,
        rotary_dim=4,
        n_inner=128,
        activation_function="gelu_new",
        layer_norm_epsilon=1e-5,
        tie_word_embeddings=False,
        bos_token_id=0,
        eos_token_id=0,
    )
    model = build("codegen", CodeGenForCausalLM(cfg))
    rng = np.random.default_rng(0)
    cases = [tok.encode(TEXTS[0]).ids, [int(v) for v in rng.integers(1, vocab, 40)], [7]]
    record("codegen", model, tok, ["qkv_proj", "fc_in"], cases)


def starcoder2():
    from transformers import Starcoder2Config, Starcoder2ForCausalLM

    vocab = 384
    tok = tokenizer(vocab)
    cfg = Starcoder2Config(
        vocab_size=vocab,
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        hidden_act="gelu_pytorch_tanh",
        max_position_embeddings=128,
        norm_epsilon=1e-5,
        rope_parameters={"rope_type": "default", "rope_theta": 50000.0},
        sliding_window=96,
        use_bias=True,
        tie_word_embeddings=True,
        bos_token_id=0,
        eos_token_id=0,
    )
    model = build("starcoder2", Starcoder2ForCausalLM(cfg))
    rng = np.random.default_rng(1)
    cases = [tok.encode(TEXTS[1]).ids, [int(v) for v in rng.integers(1, vocab, 40)], [7]]
    record("starcoder2", model, tok, ["q_proj", "v_proj", "c_fc"], cases)


def deepseek_v2():
    from transformers import DeepseekV2Config, DeepseekV2ForCausalLM

    vocab = 384
    tok = tokenizer(vocab)
    cfg = DeepseekV2Config(
        vocab_size=vocab,
        hidden_size=64,
        intermediate_size=128,
        moe_intermediate_size=32,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=4,
        n_shared_experts=1,
        n_routed_experts=4,
        num_experts_per_tok=2,
        kv_lora_rank=32,
        q_lora_rank=None,
        qk_rope_head_dim=8,
        qk_nope_head_dim=16,
        v_head_dim=16,
        first_k_dense_replace=1,
        topk_method="greedy",
        norm_topk_prob=False,
        routed_scaling_factor=1.0,
        max_position_embeddings=128,
        # YaRN as DeepSeek-Coder-V2-Lite's config asks for (there: factor 40, original 4096,
        # mscale = mscale_all_dim = 0.707); different mscales here exercise both factors.
        rope_parameters={"rope_type": "yarn", "rope_theta": 10000.0, "factor": 4.0,
                         "original_max_position_embeddings": 32, "beta_fast": 32, "beta_slow": 1,
                         "mscale": 0.8, "mscale_all_dim": 0.707},
        rms_norm_eps=1e-6,
        tie_word_embeddings=False,
        bos_token_id=0,
        eos_token_id=0,
    )
    model = build("deepseek_v2", DeepseekV2ForCausalLM(cfg))
    rng = np.random.default_rng(2)
    cases = [tok.encode(TEXTS[2]).ids, [int(v) for v in rng.integers(1, vocab, 40)], [7]]
    record("deepseek_v2", model, tok, ["q_proj", "kv_a_proj_with_mqa", "kv_b_proj"], cases)


def xglm():
    from transformers import XGLMConfig, XGLMForCausalLM

    vocab = 384
    tok = tokenizer(vocab)
    cfg = XGLMConfig(
        vocab_size=vocab,
        max_position_embeddings=128,
        d_model=64,
        ffn_dim=128,
        num_layers=2,
        attention_heads=4,
        activation_function="gelu",
        scale_embedding=True,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        layerdrop=0.0,
        tie_word_embeddings=True,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
    )
    model = build("xglm", XGLMForCausalLM(cfg))
    rng = np.random.default_rng(3)
    cases = [tok.encode(TEXTS[3]).ids, [int(v) for v in rng.integers(1, vocab, 40)], [7]]
    # PEFT has no default targets for XGLM; the attention inputs and the MLP's first layer.
    record("xglm", model, tok, ["q_proj", "v_proj", "fc1"], cases)


FAMILIES = {"codegen": codegen, "starcoder2": starcoder2, "deepseek_v2": deepseek_v2, "xglm": xglm}

if __name__ == "__main__":
    import sys

    for name in sys.argv[1:] or list(FAMILIES):
        FAMILIES[name]()

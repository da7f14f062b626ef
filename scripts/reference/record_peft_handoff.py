#!/usr/bin/env python3
"""Record the PEFT hand-off fixture: `scripts/peft/train.py` on the tiny Llama fixture, 3 steps.

    /tmp/refvenv/bin/pip install torch transformers peft accelerate tokenizers numpy
    /tmp/refvenv/bin/python scripts/reference/record_peft_handoff.py

Writes into crates/train/tests/fixtures/:
  tiny-llama/tokenizer.json   a byte-level BPE tokenizer (vocabulary 320, the model's) trained on
                              a few code lines, so the trainer can read text for this model
  handoff.jsonl               12 short dataset rows with `changes` spans
  peft-handoff.json           the settings and the loss of each of the 3 steps the script made
`crates/train/tests/peft_handoff.rs` runs `hexacoder train`'s loop with the same settings and
compares its 3 losses (1e-4 relative).
"""
import json
import os
import subprocess
import sys
import tempfile

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FX = os.path.join(ROOT, "crates", "train", "tests", "fixtures")
SETTINGS = {"epochs": 3, "lr": 1e-2, "rank": 4, "alpha": 8.0, "dropout": 0.0, "targets": "q_proj,v_proj",
            "batch_size": 4, "micro_batch": 2, "max_len": 48, "max_steps": 3, "seed": 0, "validation": 0.2}
SINKS = ["os.system(cmd)", "subprocess.call(cmd, shell=True)", "eval(expr)", "pickle.loads(blob)",
         "open(path).read()", "yaml.load(text)"]
FIXES = ["subprocess.run(shlex.split(cmd))", "subprocess.call(shlex.split(cmd))", "ast.literal_eval(expr)",
         "json.loads(blob)", "open(safe_join(root, path)).read()", "yaml.safe_load(text)"]


def main():
    corpus = [f"def f(x):\n    return {s}\n" for s in SINKS + FIXES] * 3
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(corpus, trainer=trainers.BpeTrainer(
        vocab_size=320, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False))
    tok.save(os.path.join(FX, "tiny-llama", "tokenizer.json"))

    with open(os.path.join(FX, "handoff.jsonl"), "w") as f:
        for i in range(12):
            fix = FIXES[i % len(FIXES)]
            text = f"import os\n\ndef handler_{i}(cmd, expr, blob, path, text):\n    return {fix}\n"
            start = text.index(fix)
            f.write(json.dumps({"text": text, "changes": [{"char_start": start, "char_end": start + len(fix)}]}) + "\n")

    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, os.path.join(ROOT, "scripts", "peft", "train.py"),
               "--model", os.path.join(FX, "tiny-llama"), "--data", os.path.join(FX, "handoff.jsonl"), "--out", out]
        for k, v in SETTINGS.items():
            cmd += ["--" + k.replace("_", "-"), str(v)]
        subprocess.run(cmd, check=True)
        losses = [json.loads(line)["loss"] for line in open(os.path.join(out, "log.jsonl"))]
    with open(os.path.join(FX, "peft-handoff.json"), "w") as f:
        json.dump({"settings": SETTINGS, "losses": losses}, f, indent=1)
    print(json.dumps({"losses": losses}))


if __name__ == "__main__":
    main()

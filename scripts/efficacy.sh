#!/usr/bin/env bash
# The efficacy experiment (issue 15): does hardening make the embedded model write less
# vulnerable code, with its working code kept?
#
#   bash scripts/efficacy.sh [base|synth|replay|train|adapter|cweval|all]     (default: all)
#
# Every stage is resumable: run the same command again after an interruption and it picks up
# where it stopped (eval reuses whole prompts already in samples.jsonl and refuses samples made
# with other settings; synth appends to its dataset; train continues from its checkpoint).
# Everything lands in results/efficacy-smollm2/ (eval's run-folder layout:
# <mode>/<benchmark>/samples.jsonl + judged.jsonl, results.json/.md, report.html), plus
# synth/ (the pairs), train/ (log.jsonl and the adapter) and data.jsonl (what train read).
set -euo pipefail
cd "$(dirname "$0")/.."
# HEXACODER_BIN: another build (e.g. a copy, so rebuilding the tree does not change the judge mid-run).
bin="${HEXACODER_BIN:-target/release/hexacoder}"
# ROUND=2: the second hardening round (results/efficacy-smollm2-r2): the model's own repaired
# code (results/synth-retried, 85 pairs over 11 of the paper's 12 CWE pairs) plus 300 reference
# rows drawn with a fixed seed, the reply's end weighted, SafeCoder's unlikelihood term on, 3
# epochs. Its base modes reuse round 1's samples (copied, then re-judged by this binary).
# ROUND=3: round 2 without the unlikelihood term (the ablation that tells what it did).
# ROUND=3k: round 3's adapter under two-step's known-modules rule (import lines naming a
# module that does not exist are dropped; round 3 ran before the rule). Only the two-step
# modes change, so base and adapter are round 3's (linked, not regenerated), and round 3's
# adapter is used as it is (no training stage).
# ROUND=3e1: round 3's adapter after its first epoch (20 of 60 steps; train/epoch-1), the
# epochs ablation: does less training keep more working code? Base linked from round 3.
# ROUND=4: round 3 trained only on rows whose program is valid: 29 of round 3's 85
# synthesised pairs have a fixed program that does not parse (Python) or compile (C, e.g.
# `strcat(name, a, b)`), which teaches broken code. Same rows otherwise, same settings.
# ROUND=3w: round 3's adapter at half its weight (eval --adapter-weight 0.5: W + 0.5*dW, WiSE-FT's
# interpolation of a fine-tuned model with its base), the try that asks whether the working code
# lost to hardening comes back faster than the security gained goes. WEIGHT overrides 0.5
# (ROUND=3w WEIGHT=0.7 writes results/efficacy-smollm2-r3w0.7). Base linked from round 3.
# Result at 0.5 (adapter+2step): HumanEval pass@1 4.6 % (38/820; base 6.0 %, full weight 3.05 %),
# but vulnerable 10.2 % (209/2045; base 12.3 %, full weight 1.9 %): -17 % relative. Halving the
# weight gives back under half of the lost working code and loses most of the security gained.
# Run with MODES=base,adapter+2step for the headline (round 3's base+2step predates the rule).
# ROUND=5: round 3's rows and settings at a lower learning rate (2e-4 instead of 5e-4; LR
# overrides), trained with the faster trainer (bf16 base on AMX, fused blocks): does a smaller
# step keep more working code than round 3 while keeping the security effect? Base linked
# from round 3. Result (adapter+2step): neither: pass@1 3.41 %, vulnerable 11.7 % (-5 %).
# ROUND=6: round 3's rows plus replay rows: the base model's own finished, parsing, oracle-clean
# answers to function-writing requests asked as HumanEval asks them (data/replay/functions.jsonl:
# signatures and docstrings of standard-library functions, never HumanEval's; stage `replay`,
# scripts/replay_rows.py), each weighing its whole program (no `changes`) under its verbatim
# request (`user`). Self-distillation against forgetting: round 3 made the model add input checks,
# made-up imports and longer replies to function requests; replay shows it its own answers to
# keep. Same settings as round 3 otherwise. Base linked from round 3.
# Result (adapter+2step): pass@1 5.00 % (base 5.98 %, round 3 3.05 %), vulnerable 10.1 %
# (-18 %, CI -35 % to -0 %): the working code is kept, the security effect mostly lost.
# ROUND=7: round 6 with half the replay (150 of its 301 rows, drawn with a fixed seed), so the
# replay holds about 40 % of the weighted tokens instead of 60 %: the mixture ratio between
# keeping the working code and learning the fixes. Replay rows and base from round 6 / round 3.
# Result (adapter+2step): pass@1 5.00 % (-1.0 points, CI -3.0 to +0.9), vulnerable 8.3 % (-33 %,
# CI -48 % to -15 %). What is left is mostly CodeLMSec's Python CWE-611/502/094/022, where the
# replay rounds write more valid code, so more of it is flagged.
# ROUND=8: round 7's rows plus the newer synthesis (results/synth-paper12: 101 pairs over 11 of the
# paper's 12 pairs, few-shot prompted, 20 of them CWE-502, 10 CWE-094, 9 CWE-022, 4 CWE-611; the
# rows whose program is already in round 7's data left out): more security signal at the same
# replay, instead of less replay. Base from round 3.
# Result (adapter+2step): vulnerable 6.4 % (-48 %, CI -62 % to -33 %), pass@1 4.88 % (-1.1 points,
# CI -3.4 to +0.9): the best pair of numbers so far, both just short of their targets; CWE-611
# (4 synthesised pairs) is now most of what is left (41 of 131 on CodeLMSec).
# ROUND=9: round 8's rows plus a synthesis aimed at what is left (results/synth-r9: Python
# CWE-611 over its 16 tasks, 6 of them new (5 lxml-based), and CWE-022 (Python and C) over their 10, 16
# samples each, few-shot), and 40 of the reference set's XML-parser fixes (round 8 held 21 of its
# 198 by chance); rows already in round 8's data left out. Base from round 3 (judged again
# by the oracle as it is after issue 20's changes: the same verdicts as round 8's, base and
# adapter alike).
# Result: vulnerable 6.8 % (-44 %), pass@1 5.37 % (-0.6 points); CodeLMSec CWE-611 41 -> 45: pairs
# written by the base model (and the reference set's) do not reach what the adapter writes.
# ROUND=10: round 9's rows plus an on-policy synthesis (results/synth-r10): the round-9 adapter
# itself writes the samples (no few-shot, the evaluation's template and temperature) for the
# Python CWEs it still gets wrong most (611 over its 16 tasks x 16 samples; 022, 116, 377 over
# 10 x 8), the oracle's autofix repairs them, so each pair corrects code in the very form the
# hardened model writes (round 9's adapter writes lxml.etree.fromstring(x) where the base model
# wrote no parse at all). Base from round 3.
# Result: vulnerable 12.3 % -> 4.7 % (97/2045, -62 %, CI -73 % to -48 %), pass@1 5.98 % -> 5.61 %
# (-0.4 points, CI -2.7 to +1.8): both targets met; CodeLMSec CWE-611 45 -> 25 of 100.
# Its base+2step is made here (round 3's predates two-step's known-modules rule, so eval
# refuses it), and its base folders link round 3's samples file by file
# (base/<benchmark>/samples.jsonl -> round 3's) while the judged rows are its own, so judging
# round 10 with a newer oracle leaves round 3's committed verdicts as they were.
round="${ROUND:-1}"
case "$round" in
  1) out=results/efficacy-smollm2 ;;
  2|3|3k|3e1|4|5|6|7|8|9|10) out=results/efficacy-smollm2-r$round ;;
  3w) out=results/efficacy-smollm2-r3w${WEIGHT:-0.5} ;;
  *) echo "error: ROUND must be 1, 2, 3, 3k, 3e1, 3w, 4, 5, 6, 7, 8, 9 or 10" >&2; exit 2 ;;
esac
adapter_dir="$out/train"
adapter_name=best
weight=(--adapter-weight "${WEIGHT:-1}")
if [ "$round" = 3w ]; then
  adapter_dir=results/efficacy-smollm2-r3/train
  weight=(--adapter-weight "${WEIGHT:-0.5}")
  [ "$1" = train ] && { echo "error: ROUND=3w reuses round 3's adapter; train ROUND=3" >&2; exit 2; }
  mkdir -p "$out"
  for m in base base+2step; do
    [ -e "$out/$m" ] || ln -s "../efficacy-smollm2-r3/$m" "$out/$m"
  done
fi
if [ "$round" = 3e1 ]; then
  adapter_dir=results/efficacy-smollm2-r3/train
  adapter_name=epoch-1
  [ "$1" = train ] && { echo "error: ROUND=3e1 reuses round 3's first epoch; train ROUND=3" >&2; exit 2; }
  mkdir -p "$out"
  for m in base base+2step; do
    [ -e "$out/$m" ] || ln -s "../efficacy-smollm2-r3/$m" "$out/$m"
  done
fi
if [ "$round" = 3k ]; then
  adapter_dir=results/efficacy-smollm2-r3/train
  [ "$1" = train ] && { echo "error: ROUND=3k reuses round 3's adapter; train ROUND=3" >&2; exit 2; }
  mkdir -p "$out"
  for m in base adapter; do
    [ -e "$out/$m" ] || ln -s "../efficacy-smollm2-r3/$m" "$out/$m"
  done
fi
if [ "$round" = 10 ]; then
  for b in codelmsec cweval gen humaneval pearce; do
    [ -e "$out/base/$b" ] && continue
    mkdir -p "$out/base/$b"
    for f in results/efficacy-smollm2-r3/base/$b/*; do
      n=$(basename "$f")
      if [ "$n" = judged.jsonl ]; then cp "$f" "$out/base/$b/$n"; else ln -s "../../../efficacy-smollm2-r3/base/$b/$n" "$out/base/$b/$n"; fi
    done
  done
  mkdir -p "$out/base+2step"
fi
if [ "$round" = 5 ] || [ "$round" = 6 ] || [ "$round" = 7 ] || [ "$round" = 8 ] || [ "$round" = 9 ]; then
  mkdir -p "$out"
  for m in base base+2step; do
    [ -e "$out/$m" ] || ln -s "../efficacy-smollm2-r3/$m" "$out/$m"
  done
fi
stage="${1:-all}"
[ -x "$bin" ] || { echo "error: $bin is missing; run bash scripts/setup first" >&2; exit 2; }

# Shared generation settings: instruct style, the paper's n per benchmark and T 0.4,
# 300 new tokens (an instruct reply restates the prompt's code before finishing it).
gen=(--prompt-style instruct --benchmark "${BENCHMARKS:-pearce,codelmsec,gen,humaneval}"
     --humaneval-n 5 --temperature 0.4 --max-new-tokens 300 --humaneval-max-new-tokens 300
     --seed 42 --out "$out")

if { [ "$stage" = base ] || [ "$stage" = all ]; } && [ "$round" != 3k ] && [ "$round" != 3e1 ] && [ "$round" != 3w ] && [ "$round" != 5 ] && [ "$round" != 6 ] && [ "$round" != 7 ] && [ "$round" != 8 ] && [ "$round" != 9 ] && [ "$round" != 10 ]; then
  if [ "$round" != 1 ]; then
    for m in base base+2step; do
      [ -d "$out/$m" ] || { mkdir -p "$out" && cp -r "results/efficacy-smollm2/$m" "$out/$m"; }
    done
  fi
  "$bin" eval "${gen[@]}" --modes base,base+2step
fi

if [ "$round" = 9 ] && { [ "$stage" = synth ] || [ "$stage" = all ]; }; then
  "$bin" synth --prompt-style instruct --cwe CWE-611,CWE-022 --tasks-per-cwe 16 \
    --samples 16 --max-new-tokens 300 --few-shot data/synth/few-shot.jsonl --out results/synth-r9
fi
if [ "$round" = 10 ] && { [ "$stage" = synth ] || [ "$stage" = all ]; }; then
  # The Python tasks of the four CWEs only (--cwe CWE-022 would take the C tasks too), each
  # CWE one resumable run into the same folder.
  mkdir -p "$out/tasks/python"
  for c in CWE-611 CWE-022 CWE-116 CWE-377; do
    [ -d "$out/tasks/python/$c" ] || cp -r "data/synth/tasks/python/$c" "$out/tasks/python/"
  done
  for spec in "CWE-611 16" "CWE-022 8" "CWE-116 8" "CWE-377 8"; do
    read -r cwe samples <<< "$spec"
    "$bin" synth --generator local:smollm2+results/efficacy-smollm2-r9/train/best --prompt-style instruct \
      --tasks "$out/tasks" --cwe "$cwe" --samples "$samples" --temperature 0.4 --max-new-tokens 300 \
      --out results/synth-r10
  done
fi
if [ "$round" = 1 ] && { [ "$stage" = synth ] || [ "$stage" = all ]; }; then
  # The paper's CWEs (Python 020 022 078 079 094 117 502 611, C 022 190 476 787), autofix repairs.
  "$bin" synth --prompt-style instruct --cwe CWE-020,CWE-022,CWE-078,CWE-079,CWE-094,CWE-117,CWE-190,CWE-476,CWE-502,CWE-611,CWE-787 \
    --samples 8 --max-new-tokens 300 --out "$out/synth"
fi

if [ "$round" = 6 ] && { [ "$stage" = replay ] || [ "$stage" = all ]; }; then
  # The base model's answers to the replay requests (resumable: generate appends whole prompts),
  # then the rows that pass the filters (see scripts/replay_rows.py).
  mkdir -p "$out/replay/prompts"
  python3 - "$out/replay/prompts" <<'PY'
import json, sys
for line in open("data/replay/functions.jsonl", encoding="utf-8"):
    row = json.loads(line)
    open(f"{sys.argv[1]}/{row['id']}.py", "w", encoding="utf-8").write(row["prompt"])
PY
  "$bin" generate --prompts "$out/replay/prompts" --out "$out/replay/gen" --template data/prompts/humaneval.txt \
    --max-new-tokens 300 -n 2 --temperature 0.4 --seed 42
  python3 scripts/replay_rows.py "$out/replay/gen" "$bin" > "$out/replay/rows.jsonl.partial"
  mv "$out/replay/rows.jsonl.partial" "$out/replay/rows.jsonl"
fi

if { [ "$stage" = train ] || [ "$stage" = all ]; } && [ "$round" != 3k ] && [ "$round" != 3e1 ] && [ "$round" != 3w ]; then
  # The reference set plus the synthesised pairs, one file (train reads one dataset).
  mkdir -p "$out"
  if [ ! -f "$out/data.jsonl" ]; then
    if [ "$round" = 5 ]; then
      cp results/efficacy-smollm2-r3/data.jsonl "$out/data.jsonl.partial"
    elif [ "$round" = 6 ]; then
      cat results/efficacy-smollm2-r3/data.jsonl "$out/replay/rows.jsonl" > "$out/data.jsonl.partial"
    elif [ "$round" = 7 ]; then
      { cat results/efficacy-smollm2-r3/data.jsonl
        shuf -n 150 --random-source=<(yes 7) results/efficacy-smollm2-r6/replay/rows.jsonl; } > "$out/data.jsonl.partial"
    elif [ "$round" = 8 ] || [ "$round" = 9 ] || [ "$round" = 10 ]; then
      if [ "$round" = 8 ]; then rows=(results/efficacy-smollm2-r7/data.jsonl results/synth-paper12/dataset.jsonl)
      elif [ "$round" = 10 ]; then rows=(results/efficacy-smollm2-r9/data.jsonl results/synth-r10/dataset.jsonl)
      else
        # 40 of the reference set's rows that fix an XML parser (resolve_entities=False or
        # defusedxml), drawn with a fixed seed: round 8 held 21 of its 198 by chance.
        python3 - > "$out/xml-rows.jsonl" <<'PY'
import json, random
rows = [l for l in open("data/train/hexacoder-train.jsonl", encoding="utf-8")
        if "resolve_entities=False" in json.loads(l)["text"] or "defusedxml" in json.loads(l)["text"]]
for line in random.Random(9).sample(rows, 40):
    print(line.rstrip("\n"))
PY
        rows=(results/efficacy-smollm2-r8/data.jsonl results/synth-r9/dataset.jsonl "$out/xml-rows.jsonl")
      fi
      python3 - "${rows[@]}" > "$out/data.jsonl.partial" <<'PY'
import json, sys
seen = set()
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        key = " ".join(json.loads(line)["text"].split())
        if key not in seen:
            seen.add(key)
            sys.stdout.write(line if line.endswith("\n") else line + "\n")
PY
    elif [ "$round" = 4 ]; then
      scripts/valid_rows.py < results/efficacy-smollm2-r3/data.jsonl > "$out/data.jsonl.partial"
    elif [ "$round" != 1 ]; then
      { cat results/synth-retried/dataset.jsonl
        shuf -n 300 --random-source=<(yes 42) data/train/hexacoder-train.jsonl; } > "$out/data.jsonl.partial"
    else
      cat data/train/hexacoder-train.jsonl "$out/synth/dataset.jsonl" > "$out/data.jsonl.partial"
    fi
    mv "$out/data.jsonl.partial" "$out/data.jsonl"
  fi
  resume=()
  [ -f "$out/train/checkpoint/state.json" ] && resume=(--resume)
  if [ "$round" = 2 ]; then
    extra=(--epochs "${EPOCHS:-3}" --end-weight 1 --unlikelihood-weight "${UL:-1}")
  elif [ "$round" = 3 ] || [ "$round" = 4 ] || [ "$round" = 5 ] || [ "$round" = 6 ] || [ "$round" = 7 ] || [ "$round" = 8 ] || [ "$round" = 9 ] || [ "$round" = 10 ]; then
    extra=(--epochs "${EPOCHS:-3}" --end-weight 1 --unlikelihood-weight 0)
  else
    # Round 1 as it ran: before --end-weight existed, so the reply's end weighed 0.
    extra=(--epochs "${EPOCHS:-2}" --end-weight 0)
  fi
  "$bin" train --prompt-style instruct --data "$out/data.jsonl" --out "$out/train" \
    --lr "${LR:-$([ "$round" = 5 ] && echo 2e-4 || echo 5e-4)}" --rank 16 --max-len 512 --save-every 10 "${extra[@]}" "${resume[@]}"
fi

if [ "$stage" = adapter ] || [ "$stage" = all ]; then
  # BENCHMARKS (e.g. humaneval) and MODES narrow a run; a full run reuses every sample and
  # writes the whole report.
  "$bin" eval "${gen[@]}" --modes "${MODES:-adapter+2step,adapter}" --adapter "$adapter_dir/$adapter_name" \
    "${weight[@]}" --training-log "$adapter_dir/log.jsonl"
fi

if [ "$stage" = cweval ] || [ "$stage" = all ]; then
  # Function and security on the same code (CWEval, needs scripts/setup --cweval), all four
  # modes, 10 samples per task, in the same run folder.
  "$bin" eval --prompt-style instruct --benchmark cweval --cweval-n 10 --temperature 0.4 \
    --cweval-max-new-tokens 400 --seed 42 --out "$out" \
    --modes "${MODES:-base,base+2step,adapter+2step,adapter}" --adapter "$adapter_dir/$adapter_name" "${weight[@]}"
fi

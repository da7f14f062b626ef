//! The training loop: micro-batches accumulated to the batch size, the masked loss averaged
//! over the batch's weighted tokens, optional gradient clipping, AdamW on the schedule,
//! validation every epoch with the best adapter kept, a JSONL log, and checkpoints that a
//! crashed or interrupted run resumes from without redoing a step.
//!
//! Layout of `--out`: `epoch-N/` and `best/` (PEFT adapters), `checkpoint/` (adapter,
//! optimizer moments, `state.json`), `log.jsonl`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use candle_core::{DType, Device, Tensor};
use hexacoder_model::peft::AdapterConfig;
use serde::{Deserialize, Serialize};

use crate::data::{self, Example, LoadReport};
use crate::error::{Result, TrainError};
use crate::lora::{write_atomic, LoraSet};
use crate::model::{BasePrecision, TrainModel};
use crate::optim::{learning_rate, AdamW, AdamWConfig};

#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub model: String,
    pub data: PathBuf,
    pub out: PathBuf,
    pub epochs: usize,
    pub lr: f64,
    pub rank: usize,
    pub alpha: f32,
    pub dropout: f32,
    pub targets: Vec<String>,
    pub batch_size: usize,
    pub micro_batch: usize,
    pub max_len: usize,
    pub max_steps: Option<u64>,
    pub seed: u64,
    pub validation: f64,
    pub clip_grad: Option<f64>,
    pub skip_bad: bool,
    pub resume: bool,
    /// Save a checkpoint every this many optimizer steps (and at every epoch's end).
    pub save_every: u64,
    /// Weight of SafeCoder's unlikelihood term on the removed tokens of each row's
    /// `vulnerable` program (0 = off, the paper's loss).
    pub unlikelihood_weight: f64,
    /// Instruct style: rows become chat exchanges (see [`data::ChatFormat`]); `None` trains on
    /// the plain programs (completion style).
    pub chat: Option<data::ChatFormat>,
    /// How the frozen base is held ([`BasePrecision`]); `None`: a resumed run's own, else
    /// bf16 where the CPU has AMX and f32 elsewhere.
    pub base: Option<BasePrecision>,
    /// Activation checkpointing: keep no block's activations between forward and backward
    /// (each block's forward runs again in the backward): less memory, about a third more time.
    pub checkpoint: bool,
    /// Where the steps run: the CPU, or an NVIDIA GPU through candle's CUDA backend (builds
    /// with the `cuda` feature).
    pub device: hexacoder_model::Device,
}

impl Default for TrainConfig {
    /// The paper's settings.
    fn default() -> Self {
        TrainConfig {
            model: "smollm2".into(),
            data: PathBuf::new(),
            out: PathBuf::new(),
            epochs: 10,
            lr: 5e-4,
            rank: 16,
            alpha: 16.0,
            dropout: 0.1,
            targets: Vec::new(),
            batch_size: 16,
            micro_batch: 4,
            max_len: 512,
            max_steps: None,
            seed: 42,
            validation: 0.2,
            clip_grad: None,
            skip_bad: false,
            resume: false,
            save_every: 50,
            unlikelihood_weight: 0.0,
            chat: None,
            base: None,
            checkpoint: false,
            device: hexacoder_model::Device::Cpu,
        }
    }
}

/// What the loop reports after each optimizer step (a `log.jsonl` row).
pub use hexacoder_formats::train_log::StepLog;

/// Where a run is, saved with each checkpoint.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct State {
    /// Optimizer steps done.
    step: u64,
    best_val: Option<f64>,
    elapsed_s: f64,
    seed: u64,
    examples: usize,
    /// The base's precision (checkpoints made before the bf16 path have none: f32).
    #[serde(default)]
    base: BasePrecision,
}

/// The outcome of a run.
#[derive(Debug, Clone)]
pub struct Summary {
    pub data: LoadReport,
    pub train_examples: usize,
    pub val_examples: usize,
    pub steps: u64,
    pub resumed_from: Option<u64>,
    pub first_loss: Option<f64>,
    pub last_loss: Option<f64>,
    pub best_val: Option<f64>,
    pub interrupted: bool,
    pub elapsed_s: f64,
    pub tokens_per_s: f64,
    /// The frozen base's precision the run used.
    pub base: BasePrecision,
}

/// The candle device of `--device`.
fn candle_device(device: hexacoder_model::Device) -> Result<Device> {
    match device {
        hexacoder_model::Device::Cpu => Ok(Device::Cpu),
        #[cfg(feature = "cuda")]
        hexacoder_model::Device::Cuda(n) => Device::new_cuda(n).map_err(|e| {
            TrainError::invalid(
                "device",
                format!("{device}: {e} (is an NVIDIA driver installed and the GPU visible?)"),
            )
        }),
        #[cfg(not(feature = "cuda"))]
        hexacoder_model::Device::Cuda(_) => Err(TrainError::invalid(
            "device",
            format!(
                "{device}: this hexacoder was built without CUDA support \
                 (build it with `cargo build --release --features cuda`)"
            ),
        )),
    }
}

/// Set by a Ctrl-C handler: the loop checkpoints and stops at the next step boundary.
pub static STOP: AtomicBool = AtomicBool::new(false);

/// Train. `on_step(log, total_steps)` runs after every optimizer step; returning `false`
/// stops the run after a checkpoint (as Ctrl-C does through [`STOP`]).
pub fn train(cfg: &TrainConfig, on_step: &mut dyn FnMut(&StepLog, u64) -> bool) -> Result<Summary> {
    validate(cfg)?;
    let device = candle_device(cfg.device)?;
    let tok = hexacoder_model::model::load_tokenizer(&cfg.model)?;
    let (examples, report) = data::load_with(
        &cfg.data,
        &tok,
        cfg.max_len,
        cfg.skip_bad,
        cfg.unlikelihood_weight > 0.0,
        cfg.chat.as_ref(),
    )?;
    if examples.is_empty() {
        let hint = if cfg.chat.is_some() {
            format!(
                " within --max-len {} (in instruct style the chat template's frame takes part \
                 of it; raise --max-len)",
                cfg.max_len
            )
        } else {
            String::new()
        };
        return Err(TrainError::file(
            &cfg.data,
            format!("no row has a weighted token to train on{hint}"),
        ));
    }
    let n = examples.len();
    let (train_set, val_set) = data::split(examples, cfg.seed, cfg.validation);
    let ckpt = cfg.out.join("checkpoint");
    // A resumed run keeps the precision it was trained with, so its steps stay the same.
    let recorded = if cfg.resume {
        checkpoint_base(&ckpt)?
    } else {
        None
    };
    let base = match (cfg.base, recorded) {
        (Some(asked), Some(had)) if asked != had => {
            return Err(TrainError::file(
                &ckpt,
                format!("the checkpoint was trained with a {had} base, not {asked}; resume with --base-precision {had}"),
            ))
        }
        (Some(asked), _) => asked,
        (None, Some(had)) => had,
        (None, None) => BasePrecision::auto(&device),
    };
    let mut model = TrainModel::load_with(&cfg.model, &device, base)?;
    model.checkpoint = cfg.checkpoint;
    let adapter_cfg = AdapterConfig {
        base_model_name_or_path: Some(cfg.model.clone()),
        r: cfg.rank,
        lora_alpha: cfg.alpha,
        lora_dropout: cfg.dropout,
        target_modules: if cfg.targets.is_empty() {
            let defaults = model.config.layout.default_targets;
            defaults.iter().map(|t| t.to_string()).collect()
        } else {
            cfg.targets.clone()
        },
        peft_type: "LORA".into(),
        task_type: Some("CAUSAL_LM".into()),
        use_rslora: false,
        fan_in_fan_out: false,
        bias: "none".into(),
    };
    let (lora, mut opt, mut state) = if cfg.resume {
        resume(&ckpt, &device, cfg)?
    } else {
        let lora = LoraSet::init(adapter_cfg, &model.config, cfg.seed, &device)?;
        let opt = AdamW::new(
            AdamWConfig {
                lr: cfg.lr,
                ..AdamWConfig::default()
            },
            &lora.vars(),
        )?;
        let state = State {
            step: 0,
            best_val: None,
            elapsed_s: 0.0,
            seed: cfg.seed,
            examples: n,
            base,
        };
        (lora, opt, state)
    };
    if state.examples != n || state.seed != cfg.seed {
        return Err(TrainError::file(
            &ckpt,
            "the checkpoint was made with another dataset or seed; remove it or drop --resume",
        ));
    }
    let resumed_from = (state.step > 0).then_some(state.step);
    let steps_per_epoch = train_set.len().div_ceil(cfg.batch_size) as u64;
    let total = cfg
        .max_steps
        .unwrap_or(steps_per_epoch * cfg.epochs as u64)
        .min(steps_per_epoch * cfg.epochs as u64);
    let warmup = ((total as f64) * 0.03).ceil() as u64;
    std::fs::create_dir_all(&cfg.out).map_err(|e| TrainError::file(&cfg.out, e))?;
    let log_path = cfg.out.join("log.jsonl");
    if cfg.resume {
        // Steps logged after the checkpoint (a crash between checkpoints) are done again:
        // drop their rows so each step is logged once (the JSONL policy also drops a row the
        // crash cut short).
        let bad_log = |e| TrainError::invalid("training log", e);
        let rows: Vec<StepLog> =
            hexacoder_formats::jsonl::read_if_exists(&log_path).map_err(bad_log)?;
        let kept: Vec<StepLog> = rows.into_iter().filter(|r| r.step <= state.step).collect();
        hexacoder_formats::jsonl::write_all(&log_path, &kept).map_err(bad_log)?;
    }
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log_path)
        .map_err(|e| TrainError::file(&log_path, e))?;

    let vars = lora.vars();
    let start = Instant::now();
    let base_elapsed = state.elapsed_s;
    let (mut first_loss, mut last_loss, mut tokens_done, mut interrupted) =
        (None, None, 0usize, false);
    while state.step < total {
        let epoch = (state.step / steps_per_epoch) as usize;
        let in_epoch = state.step % steps_per_epoch;
        let mut order: Vec<usize> = (0..train_set.len()).collect();
        data::shuffle(&mut order, cfg.seed.wrapping_add(epoch as u64 + 1));
        let mut batch: Vec<&Example> = order
            .iter()
            .skip(in_epoch as usize * cfg.batch_size)
            .take(cfg.batch_size)
            .map(|&i| &train_set[i])
            .collect();
        // Rows of similar length share a micro-batch: the batch's loss is the same sum over
        // its weighted tokens whatever the grouping, but each micro-batch is padded to its
        // longest row, so grouping by length spends less time and memory on padding.
        batch.sort_by_key(|e| std::cmp::Reverse(e.ids.len()));
        let t0 = Instant::now();
        let weighted: f64 = batch
            .iter()
            .map(|e| e.weights[1..].iter().sum::<f32>() as f64)
            .sum();
        let mut grads: Option<Vec<Tensor>> = None;
        let mut loss_sum = 0.0;
        let neg_total: f64 = batch
            .iter()
            .filter_map(|e| e.negative.as_ref())
            .map(|(_, w)| w[1..].iter().sum::<f32>() as f64)
            .sum();
        let mut ul_sum = None;
        for (m, micro) in batch.chunks(cfg.micro_batch).enumerate() {
            // Each micro-batch draws its own dropout masks (same seed → same masks on resume).
            let mask_seed = cfg.seed ^ state.step ^ ((m as u64) << 32);
            let (ids, w) = pad(micro, &device)?;
            let share = micro
                .iter()
                .map(|e| e.weights[1..].iter().sum::<f32>() as f64)
                .sum::<f64>()
                / weighted;
            let loss = model.loss(&ids, &w, &lora, Some((cfg.dropout, mask_seed)))?;
            loss_sum += loss.to_scalar::<f32>()? as f64 * share;
            let mut objective = (loss * share)?;
            if cfg.unlikelihood_weight > 0.0 && neg_total > 0.0 {
                let negs: Vec<Example> = micro
                    .iter()
                    .filter_map(|e| e.negative.as_ref())
                    .map(|(ids, w)| Example {
                        line: 0,
                        ids: ids.clone(),
                        weights: w.clone(),
                        negative: None,
                    })
                    .collect();
                if !negs.is_empty() {
                    let refs: Vec<&Example> = negs.iter().collect();
                    let (nids, nw) = pad(&refs, &device)?;
                    let nshare = negs
                        .iter()
                        .map(|e| e.weights[1..].iter().sum::<f32>() as f64)
                        .sum::<f64>()
                        / neg_total;
                    let ul = model.unlikelihood(
                        &nids,
                        &nw,
                        &lora,
                        Some((cfg.dropout, mask_seed ^ 0x55)),
                    )?;
                    *ul_sum.get_or_insert(0.0) += ul.to_scalar::<f32>()? as f64 * nshare;
                    objective = (objective + (ul * (cfg.unlikelihood_weight * nshare))?)?;
                }
            }
            let g = objective.backward()?;
            let gs: Vec<Tensor> = vars
                .iter()
                .map(|v| {
                    g.get(v.as_tensor())
                        .cloned()
                        .map_or_else(|| v.as_tensor().zeros_like(), Ok)
                })
                .collect::<std::result::Result<_, _>>()?;
            grads = Some(match grads {
                None => gs,
                Some(acc) => acc
                    .iter()
                    .zip(&gs)
                    .map(|(a, b)| a + b)
                    .collect::<std::result::Result<_, _>>()?,
            });
            tokens_done += micro.iter().map(|e| e.ids.len()).sum::<usize>();
        }
        let mut grads = grads.expect("a batch has at least one example");
        if let Some(max_norm) = cfg.clip_grad {
            let norm: f64 = grads
                .iter()
                .map(|g| g.sqr()?.sum_all()?.to_scalar::<f32>().map(f64::from))
                .sum::<std::result::Result<f64, _>>()?
                .sqrt();
            if norm > max_norm {
                grads = grads
                    .iter()
                    .map(|g| g * (max_norm / norm))
                    .collect::<std::result::Result<_, _>>()?;
            }
        }
        let lr = learning_rate(cfg.lr, state.step, total, warmup);
        opt.step(&vars, &grads, lr)?;
        state.step += 1;
        let elapsed = base_elapsed + start.elapsed().as_secs_f64();
        state.elapsed_s = elapsed;
        first_loss.get_or_insert(loss_sum);
        last_loss = Some(loss_sum);
        let step_tokens: usize = batch.iter().map(|e| e.ids.len()).sum();
        let mut entry = StepLog {
            step: state.step,
            epoch: epoch + 1,
            loss: loss_sum,
            lr,
            tokens_per_s: step_tokens as f64 / t0.elapsed().as_secs_f64(),
            elapsed_s: elapsed,
            val_loss: None,
            unlikelihood: ul_sum,
        };
        let epoch_done = state.step % steps_per_epoch == 0 || state.step == total;
        if epoch_done {
            let val = if val_set.is_empty() {
                None
            } else {
                Some(evaluate(&model, &lora, &val_set, cfg.micro_batch, &device)?)
            };
            entry.val_loss = val;
            let epoch_no = state.step.div_ceil(steps_per_epoch);
            lora.save(&cfg.out.join(format!("epoch-{epoch_no}")))?;
            let better = match (val, state.best_val) {
                (Some(v), Some(b)) => v < b,
                (Some(_), None) => true,
                (None, _) => true,
            };
            if better {
                state.best_val = val.or(state.best_val);
                lora.save(&cfg.out.join("best"))?;
            }
        }
        writeln!(
            log,
            "{}",
            serde_json::to_string(&entry).expect("plain data")
        )
        .map_err(|e| TrainError::file(&log_path, e))?;
        let stop = !on_step(&entry, total) || STOP.load(Ordering::SeqCst);
        if epoch_done || state.step % cfg.save_every == 0 || state.step == total || stop {
            save_checkpoint(&ckpt, &lora, &opt, &state)?;
        }
        if stop {
            interrupted = true;
            break;
        }
    }
    let elapsed = base_elapsed + start.elapsed().as_secs_f64();
    Ok(Summary {
        base,
        data: report,
        train_examples: train_set.len(),
        val_examples: val_set.len(),
        steps: state.step,
        resumed_from,
        first_loss,
        last_loss,
        best_val: state.best_val,
        interrupted,
        elapsed_s: elapsed,
        tokens_per_s: tokens_done as f64 / start.elapsed().as_secs_f64().max(1e-9),
    })
}

fn validate(cfg: &TrainConfig) -> Result<()> {
    let bad = |f: &str, m: String| Err(TrainError::invalid(f.to_string(), m));
    if cfg.epochs == 0 {
        return bad("epochs", "0 (must be ≥ 1)".into());
    }
    if cfg.rank == 0 {
        return bad("rank", "0 (must be ≥ 1)".into());
    }
    if cfg.batch_size == 0 {
        return bad("batch-size", "0 (must be ≥ 1)".into());
    }
    if cfg.micro_batch == 0 {
        return bad("micro-batch", "0 (must be ≥ 1)".into());
    }
    if let Some(c) = cfg.clip_grad {
        // The clip scales the gradient by max_norm / norm: a negative value would flip it.
        if !(c > 0.0 && c.is_finite()) {
            return bad("clip-grad", format!("{c} (must be > 0)"));
        }
    }
    if cfg.max_steps == Some(0) {
        return bad("max-steps", "0 (must be ≥ 1)".into());
    }
    if !(cfg.lr > 0.0 && cfg.lr.is_finite()) {
        return bad("lr", format!("{} (must be > 0)", cfg.lr));
    }
    if !(0.0..1.0).contains(&cfg.dropout) {
        return bad("dropout", format!("{} (must be in [0, 1))", cfg.dropout));
    }
    if cfg.max_len < 2 {
        return bad("max-len", format!("{} (must be ≥ 2)", cfg.max_len));
    }
    // Checked against every family's modules here (before the model loads) and against the
    // model's own family when the adapters are made.
    let known = hexacoder_model::arch::lora_modules();
    if let Some(t) = cfg.targets.iter().find(|t| !known.contains(&t.as_str())) {
        return bad("targets", format!("`{t}` is not one of {known:?}"));
    }
    if !(cfg.unlikelihood_weight >= 0.0 && cfg.unlikelihood_weight.is_finite()) {
        return bad(
            "unlikelihood-weight",
            format!("{} (must be ≥ 0)", cfg.unlikelihood_weight),
        );
    }
    if cfg.save_every == 0 {
        return bad("save-every", "0".into());
    }
    let ckpt = cfg.out.join("checkpoint");
    if cfg.resume && !ckpt.join("state.json").is_file() {
        return Err(TrainError::file(
            &ckpt,
            "--resume: there is no checkpoint to continue from (drop --resume to start a new run)",
        ));
    }
    if !cfg.resume {
        // A new run into a folder that holds one would overwrite its adapters and append to
        // its log: refuse, so no finished run is lost.
        let taken: Vec<&str> = ["log.jsonl", "checkpoint", "best"]
            .into_iter()
            .filter(|f| cfg.out.join(f).exists())
            .collect();
        if !taken.is_empty() {
            return Err(TrainError::file(
                &cfg.out,
                format!(
                    "holds a training run ({}); continue it with --resume or choose another --out",
                    taken.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// Right-pad a micro-batch to its longest row (padding weighs 0; the causal mask keeps real
/// tokens from seeing it).
fn pad(rows: &[&Example], device: &Device) -> Result<(Tensor, Tensor)> {
    let t = rows.iter().map(|e| e.ids.len()).max().unwrap_or(2);
    let mut ids = Vec::with_capacity(rows.len() * t);
    let mut w = Vec::with_capacity(rows.len() * t);
    for e in rows {
        ids.extend_from_slice(&e.ids);
        ids.extend(std::iter::repeat_n(0u32, t - e.ids.len()));
        w.extend_from_slice(&e.weights);
        w.extend(std::iter::repeat_n(0f32, t - e.ids.len()));
    }
    Ok((
        Tensor::from_vec(ids, (rows.len(), t), device)?,
        Tensor::from_vec(w, (rows.len(), t), device)?.to_dtype(DType::F32)?,
    ))
}

/// Masked loss over a whole set, weighted by each micro-batch's weighted tokens.
pub fn evaluate(
    model: &TrainModel,
    lora: &LoraSet,
    set: &[Example],
    micro: usize,
    device: &Device,
) -> Result<f64> {
    let refs: Vec<&Example> = set.iter().collect();
    let (mut sum, mut weight) = (0.0, 0.0);
    for chunk in refs.chunks(micro) {
        let (ids, w) = pad(chunk, device)?;
        let loss = model
            .loss(&ids, &w, lora, None)?
            .detach()
            .to_scalar::<f32>()? as f64;
        let n: f64 = chunk
            .iter()
            .map(|e| e.weights[1..].iter().sum::<f32>() as f64)
            .sum();
        sum += loss * n;
        weight += n;
    }
    Ok(sum / weight.max(1.0))
}

fn save_checkpoint(dir: &Path, lora: &LoraSet, opt: &AdamW, state: &State) -> Result<()> {
    // Written into a fresh folder, then swapped in: a crash mid-save keeps the previous one.
    let tmp = dir.with_extension("partial");
    let _ = std::fs::remove_dir_all(&tmp);
    lora.save(&tmp)?;
    let mut tensors: BTreeMap<String, (Vec<usize>, Vec<u8>)> = BTreeMap::new();
    for (i, (m, v)) in opt.moments.iter().enumerate() {
        for (kind, t) in [("m", m), ("v", v)] {
            let values: Vec<f32> = t.flatten_all()?.to_vec1()?;
            tensors.insert(
                format!("{i:05}.{kind}"),
                (
                    t.dims().to_vec(),
                    values.iter().flat_map(|x| x.to_le_bytes()).collect(),
                ),
            );
        }
    }
    let views: Vec<(String, safetensors::tensor::TensorView)> = tensors
        .iter()
        .map(|(n, (s, b))| {
            safetensors::tensor::TensorView::new(safetensors::Dtype::F32, s.clone(), b)
                .map(|v| (n.clone(), v))
                .map_err(|e| TrainError::file(&tmp, e))
        })
        .collect::<Result<_>>()?;
    let bytes = safetensors::serialize(views, None).map_err(|e| TrainError::file(&tmp, e))?;
    write_atomic(&tmp.join("optimizer.safetensors"), &bytes)?;
    let st = serde_json::json!({"state": state, "adam_step": opt.step});
    write_atomic(&tmp.join("state.json"), st.to_string().as_bytes())?;
    let _ = std::fs::remove_dir_all(dir);
    std::fs::rename(&tmp, dir).map_err(|e| TrainError::file(dir, e))
}

/// The base precision a checkpoint records (f32 for one made before the field existed;
/// `None` without a checkpoint).
fn checkpoint_base(dir: &Path) -> Result<Option<BasePrecision>> {
    let path = dir.join("state.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| TrainError::file(&path, e))?;
    match json["state"].get("base") {
        None => Ok(Some(BasePrecision::F32)),
        Some(v) => serde_json::from_value(v.clone())
            .map(Some)
            .map_err(|e| TrainError::file(&path, format!("state.base: {e}"))),
    }
}

fn resume(dir: &Path, device: &Device, cfg: &TrainConfig) -> Result<(LoraSet, AdamW, State)> {
    let lora = LoraSet::load(dir, device)?;
    let text =
        std::fs::read_to_string(dir.join("state.json")).map_err(|e| TrainError::file(dir, e))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| TrainError::file(dir.join("state.json"), e))?;
    let state: State = serde_json::from_value(json["state"].clone())
        .map_err(|e| TrainError::file(dir.join("state.json"), e))?;
    let vars = lora.vars();
    let mut opt = AdamW::new(
        AdamWConfig {
            lr: cfg.lr,
            ..AdamWConfig::default()
        },
        &vars,
    )?;
    opt.step = json["adam_step"].as_u64().unwrap_or(state.step);
    let path = dir.join("optimizer.safetensors");
    let bytes = std::fs::read(&path).map_err(|e| TrainError::file(&path, e))?;
    let st =
        safetensors::SafeTensors::deserialize(&bytes).map_err(|e| TrainError::file(&path, e))?;
    for (i, (m, v)) in opt.moments.iter_mut().enumerate() {
        for (kind, slot) in [("m", m), ("v", v)] {
            let view = st
                .tensor(&format!("{i:05}.{kind}"))
                .map_err(|e| TrainError::file(&path, e))?;
            let values =
                hexacoder_model::hf::to_f32(&view).map_err(|e| TrainError::file(&path, e))?;
            *slot = Tensor::from_vec(values, view.shape(), device)?;
        }
    }
    Ok((lora, opt, state))
}

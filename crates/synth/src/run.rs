//! The synthesis loop, crash-safe: per task, the generator samples k
//! completions; the oracle scans each; samples with the task's CWE go to the
//! repairer; verified repairs are appended to `dataset.jsonl` (and flushed)
//! the moment they pass, refusals to `rejected.jsonl`, and every finished
//! sample to `state.jsonl`. A resumed run skips finished samples (keyed by
//! task and sample; generation is seeded, so a half-done task regenerates
//! the same samples) and never writes a pair twice; duplicates (normalised
//! code) are dropped.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use hexacoder_backend::style::{PromptStyle, Template};
use hexacoder_backend::{Backend, GenerateOptions, Language, Request, SamplingParams};
use hexacoder_formats::jsonl::{self, Appender};
use hexacoder_formats::normalised_code as normalise;
use hexacoder_formats::Cwe;
use hexacoder_oracle::{apply_fixes, FileReport, Finding, Fix, RuleFilter, SourceFile};
use serde::{Deserialize, Serialize};

use crate::changes::{changed_spans, Change};
use crate::tasks::Task;
use crate::{verify, SynthError};

/// Who repairs vulnerable samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Repairer {
    /// The oracle's own mechanical fixes.
    Autofix,
    /// An instruction model, given the code, the oracle's report and the hint.
    Llm,
    /// The model first; the oracle's fixes when every model attempt failed.
    LlmThenAutofix,
}

impl Repairer {
    pub fn parse(s: &str) -> Result<Repairer, SynthError> {
        match s {
            "autofix" => Ok(Repairer::Autofix),
            "llm" => Ok(Repairer::Llm),
            "llm+autofix" => Ok(Repairer::LlmThenAutofix),
            other => Err(SynthError::Input(format!(
                "--repairer `{other}`: expected autofix, llm, llm+autofix or a backend spec (local:… / openai:…)"
            ))),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Repairer::Autofix => "autofix",
            Repairer::Llm => "llm",
            Repairer::LlmThenAutofix => "llm+autofix",
        }
    }
}

/// The model that repairs (for `llm` repairers), its prompt template and hints.
pub struct LlmRepair<'a> {
    pub backend: &'a dyn Backend,
    /// The repair prompt with `{language} {cwe} {rule} {message} {line} {snippet} {hint} {feedback} {code}`.
    pub template: String,
    pub hints: crate::hints::Hints,
    pub max_tokens: usize,
}

/// The bundled repair prompt (`data/synth/repair-prompt.txt`).
pub static REPAIR_PROMPT: &str = include_str!("../../../data/synth/repair-prompt.txt");

/// The code of a model's reply: the first fenced block (```lang … ```),
/// else the whole reply; None when the reply has no code at all.
pub fn extract_code(reply: &str) -> Option<String> {
    if let Some(start) = reply.find("```") {
        let after = &reply[start + 3..];
        let body_start = after.find('\n').map_or(after.len(), |i| i + 1);
        let body = &after[body_start..];
        let end = body.find("```").unwrap_or(body.len());
        let code = body[..end].trim_end_matches([' ', '\t']).to_string();
        return (!code.trim().is_empty()).then_some(code);
    }
    let t = reply.trim();
    (!t.is_empty()).then(|| format!("{t}\n"))
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in pairs {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

#[derive(Debug, Clone)]
pub struct Config {
    pub samples: usize,
    pub temperature: f32,
    pub top_p: f32,
    pub max_new_tokens: usize,
    pub seed: u64,
    pub repairer: Repairer,
    pub repair_attempts: usize,
    pub out: PathBuf,
    /// Tasks in flight at once (generation requests to remote servers overlap).
    pub concurrency: usize,
    /// Recorded as `repairer` in each pair (`autofix`, or the model's description).
    pub repairer_name: String,
    /// Vulnerable examples `(cwe, language, code)`; one of the task's CWE and
    /// language is shown before each task's prompt (CodeLMSec's few-shot
    /// prompting, to raise the vulnerable yield).
    pub few_shot: Vec<(Cwe, String, String)>,
    /// How the generator is prompted; in instruct style the program is the reply's code and
    /// each pair records the task's prompt, which training uses as the user message.
    pub style: PromptStyle,
    /// Instruct style: the user-message template.
    pub template: Template,
}

/// The example shown before a task (chosen by the task id, so a resumed run
/// shows the same one), or nothing.
fn few_shot_prefix(task: &Task, cfg: &Config) -> String {
    let pool: Vec<&(Cwe, String, String)> = cfg
        .few_shot
        .iter()
        .filter(|(cwe, lang, _)| *cwe == task.cwe && lang == task.language.name())
        .collect();
    if pool.is_empty() {
        return String::new();
    }
    let h = task.task_id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    let code = &pool[(h % pool.len() as u64) as usize].2;
    format!("{}\n\n", code.trim_end())
}

/// The oracle's report on the vulnerable sample, as stored with each pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OracleReport {
    pub rule: String,
    pub message: String,
    pub line: usize,
    pub snippet: String,
}

/// One accepted pair (a line of `dataset.jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// The fixed program.
    pub text: String,
    pub changes: Vec<Change>,
    pub vulnerable: String,
    pub language: Language,
    pub cwe: Cwe,
    pub task_id: String,
    pub sample: usize,
    pub oracle: Vec<OracleReport>,
    pub generator: String,
    pub repairer: String,
    pub attempts: usize,
    pub created_at: String,
    /// Instruct style: the task's code prompt the generator answered (training in instruct
    /// style puts it in the user message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
}

/// One refused sample (a line of `rejected.jsonl`): kept whole, so a later run can repair
/// it again without generating it again (`retry_rejected`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    pub task_id: String,
    pub sample: usize,
    pub cwe: Cwe,
    pub reason: String,
    pub attempts: usize,
    pub vulnerable: String,
    pub repairer: String,
}

/// What happened to one sample (a line of `state.jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleState {
    pub task_id: String,
    pub sample: usize,
    pub cwe: Cwe,
    pub outcome: Outcome,
    pub attempts: usize,
}

/// What became of one sample; its spelling in `state.jsonl` is the serde name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The oracle found nothing of the task's CWE.
    Clean,
    /// An instruct reply without code.
    #[serde(rename = "no code")]
    NoCode,
    /// Vulnerable, repaired and verified: a pair in `dataset.jsonl`.
    Accepted,
    /// Vulnerable, and no repair verified (the reason is in `rejected.jsonl`).
    Rejected,
    /// Vulnerable and repaired, but the fixed program was already in the dataset.
    Duplicate,
}

impl Outcome {
    /// The name `state.jsonl` spells.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Clean => "clean",
            Outcome::NoCode => "no code",
            Outcome::Accepted => "accepted",
            Outcome::Rejected => "rejected",
            Outcome::Duplicate => "duplicate",
        }
    }

    /// Whether the oracle flagged the sample for the task's CWE.
    pub fn vulnerable(self) -> bool {
        !matches!(self, Outcome::Clean | Outcome::NoCode)
    }
}

/// Per-CWE counts (`stats.json`, `stats.md`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CweStats {
    pub tasks: usize,
    pub samples: usize,
    pub vulnerable: usize,
    pub repair_attempts: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub duplicates: usize,
    /// Instruct replies without code.
    #[serde(default)]
    pub no_code: usize,
}

impl CweStats {
    /// accepted / vulnerable.
    pub fn repair_rate(&self) -> Option<f64> {
        (self.vulnerable > 0).then(|| self.accepted as f64 / self.vulnerable as f64)
    }
}

/// Progress events for a bar.
pub enum Event<'a> {
    Sample { task: &'a Task, outcome: Outcome },
    TaskSkipped { task: &'a Task, samples: usize },
}

fn scan(task: &Task, code: &str) -> FileReport {
    let file = SourceFile::new(task.task_id.clone(), task.language, code.to_string());
    hexacoder_oracle::analyse(&file, &RuleFilter::default())
}

/// The rows of a JSONL file (none when it does not exist yet), under the one JSONL policy
/// (`hexacoder_formats::jsonl`).
fn read_rows<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, SynthError> {
    Ok(jsonl::read_if_exists(path)?)
}

/// UTC now as RFC 3339 (`2026-11-25T20:45:00Z`).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + (m <= 2) as i64;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Runs the loop over `tasks`; returns the per-CWE statistics (also written to `stats.json`/`stats.md`).
pub fn run(
    tasks: &[Task],
    generator: &dyn Backend,
    cfg: &Config,
    llm: Option<&LlmRepair<'_>>,
    on_event: &mut (dyn FnMut(Event<'_>) + Send),
) -> Result<BTreeMap<String, CweStats>, SynthError> {
    std::fs::create_dir_all(&cfg.out).map_err(|e| SynthError::io(&cfg.out, e))?;
    let dataset_path = cfg.out.join("dataset.jsonl");
    let state_path = cfg.out.join("state.jsonl");
    // One read per file: the rows already there, and the file cut back to its last whole
    // row for appending.
    let (dataset, pairs) = Appender::resume::<Pair>(&dataset_path)?;
    let (mut state, mut states) = Appender::resume::<SampleState>(&state_path)?;
    let (rejected, _) = Appender::resume::<serde_json::Value>(&cfg.out.join("rejected.jsonl"))?;

    let mut done: HashSet<(String, usize)> = states
        .iter()
        .map(|s| (s.task_id.clone(), s.sample))
        .collect();
    // A pair written just before a crash, its state line not yet: finish the bookkeeping.
    for p in &pairs {
        if done.insert((p.task_id.clone(), p.sample)) {
            let s = SampleState {
                task_id: p.task_id.clone(),
                sample: p.sample,
                cwe: p.cwe,
                outcome: Outcome::Accepted,
                attempts: p.attempts,
            };
            state.push(&s)?;
            states.push(s);
        }
    }
    let seen: HashSet<String> = pairs.iter().map(|p| normalise(&p.text)).collect();
    let shared = std::sync::Mutex::new(Shared {
        dataset,
        state,
        rejected,
        done,
        seen,
        states,
    });
    let generator_name = generator.describe();
    let events = std::sync::Mutex::new(on_event);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failure: std::sync::Mutex<Option<SynthError>> = std::sync::Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..cfg.concurrency.clamp(1, tasks.len().max(1)) {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(task) = tasks.get(k) else { break };
                if lock(&failure).is_some() {
                    break;
                }
                if let Err(e) =
                    process_task(task, generator, &generator_name, cfg, llm, &shared, &events)
                {
                    lock(&failure).get_or_insert(e);
                    break;
                }
            });
        }
    });
    if let Some(e) = lock(&failure).take() {
        return Err(e);
    }
    let states = shared
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .states;
    let stats = statistics(tasks, &states);
    write_stats(&cfg.out, &stats)?;
    Ok(stats)
}

/// What the workers share: the output files and what is done.
struct Shared {
    dataset: Appender,
    state: Appender,
    rejected: Appender,
    done: HashSet<(String, usize)>,
    seen: HashSet<String>,
    states: Vec<SampleState>,
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

type Events<'a, 'b> = std::sync::Mutex<&'a mut (dyn FnMut(Event<'_>) + Send + 'b)>;

/// One task: generate its samples, then judge, repair, verify and record each.
fn process_task(
    task: &Task,
    generator: &dyn Backend,
    generator_name: &str,
    cfg: &Config,
    llm: Option<&LlmRepair<'_>>,
    shared: &std::sync::Mutex<Shared>,
    events: &Events<'_, '_>,
) -> Result<(), SynthError> {
    let all_done = {
        let sh = lock(shared);
        (0..cfg.samples).all(|i| sh.done.contains(&(task.task_id.clone(), i)))
    };
    if all_done {
        (lock(events))(Event::TaskSkipped {
            task,
            samples: cfg.samples,
        });
        return Ok(());
    }
    let language = task.language;
    let options = GenerateOptions {
        n: cfg.samples,
        max_new_tokens: cfg.max_new_tokens,
        sampling: SamplingParams {
            temperature: cfg.temperature,
            top_p: cfg.top_p,
            top_k: 0,
            seed: cfg.seed,
        },
        stop: Vec::new(),
        truncate: Some(language),
        two_step: None,
        language: Some(language),
    };
    let response = match cfg.style {
        PromptStyle::Completion => generator
            .complete(&Request {
                prompt: format!("{}{}", few_shot_prefix(task, cfg), task.prompt),
                options,
            })
            .map(|r| {
                r.completions
                    .into_iter()
                    .map(|c| Some(format!("{}{}", task.prompt, c)))
                    .collect::<Vec<_>>()
            }),
        // The few-shot example, if any, goes before the task's code in the user message. A
        // reply the token budget cut keeps its complete part (`cut`): its cut tail is a syntax
        // error that no repair could pass verification with.
        PromptStyle::Instruct => hexacoder_backend::style::generate(
            generator,
            PromptStyle::Instruct,
            &cfg.template,
            &format!("{}{}", few_shot_prefix(task, cfg), task.prompt),
            language,
            &options,
        )
        .map(|r| {
            let finish = r.finish;
            r.codes
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(
                    |(i, code)| match (code, finish.get(i).map(String::as_str)) {
                        (Some(c), Some("length")) => {
                            crate::cut::complete_prefix(&c, language).or(Some(c))
                        }
                        (code, _) => code,
                    },
                )
                .collect::<Vec<_>>()
        }),
    }
    .map_err(|e| SynthError::Backend(format!("{}: {e}", task.task_id)))?;
    for (i, program) in response.iter().enumerate() {
        if lock(shared).done.contains(&(task.task_id.clone(), i)) {
            continue;
        }
        // The program: the task's prompt and the completion (a few-shot example shown to the
        // generator is not part of it), or the instruct reply's code.
        let Some(vulnerable_code) = program.clone() else {
            let mut sh = lock(shared);
            let s = SampleState {
                task_id: task.task_id.clone(),
                sample: i,
                cwe: task.cwe,
                outcome: Outcome::NoCode,
                attempts: 0,
            };
            sh.state.push(&s)?;
            sh.done.insert((s.task_id.clone(), i));
            sh.states.push(s);
            drop(sh);
            (lock(events))(Event::Sample {
                task,
                outcome: Outcome::NoCode,
            });
            continue;
        };
        let report = scan(task, &vulnerable_code);
        let targets: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.cwe == task.cwe)
            .collect();
        let repaired =
            (!targets.is_empty()).then(|| repair(task, &vulnerable_code, &report, cfg, llm));
        let mut sh = lock(shared);
        let (outcome, attempts) = match repaired {
            None => (Outcome::Clean, 0),
            Some(Ok((fixed, attempts))) => {
                if sh.seen.insert(normalise(&fixed)) {
                    sh.dataset.push(&pair(
                        task,
                        i,
                        &vulnerable_code,
                        fixed,
                        &targets,
                        generator_name,
                        attempts,
                        cfg,
                    ))?;
                    (Outcome::Accepted, attempts)
                } else {
                    (Outcome::Duplicate, attempts)
                }
            }
            Some(Err((reason, attempts))) => {
                sh.rejected.push(&Rejected {
                    task_id: task.task_id.clone(),
                    sample: i,
                    cwe: task.cwe,
                    reason,
                    attempts,
                    vulnerable: vulnerable_code.clone(),
                    repairer: cfg.repairer_name.clone(),
                })?;
                (Outcome::Rejected, attempts)
            }
        };
        let s = SampleState {
            task_id: task.task_id.clone(),
            sample: i,
            cwe: task.cwe,
            outcome,
            attempts,
        };
        sh.state.push(&s)?;
        sh.done.insert((s.task_id.clone(), i));
        sh.states.push(s);
        drop(sh);
        (lock(events))(Event::Sample { task, outcome });
    }
    Ok(())
}

/// The dataset row of a verified repair.
#[allow(clippy::too_many_arguments)]
fn pair(
    task: &Task,
    sample: usize,
    vulnerable: &str,
    fixed: String,
    targets: &[&Finding],
    generator: &str,
    attempts: usize,
    cfg: &Config,
) -> Pair {
    Pair {
        changes: changed_spans(vulnerable, &fixed),
        text: fixed,
        vulnerable: vulnerable.to_string(),
        language: task.language,
        cwe: task.cwe,
        task_id: task.task_id.clone(),
        sample,
        oracle: targets
            .iter()
            .map(|f| OracleReport {
                rule: f.rule_id.clone(),
                message: f.message.clone(),
                line: f.span.start_line,
                snippet: f.snippet.clone(),
            })
            .collect(),
        generator: generator.to_string(),
        repairer: cfg.repairer_name.clone(),
        attempts,
        created_at: now_rfc3339(),
        prompt: (cfg.style == PromptStyle::Instruct).then(|| task.prompt.clone()),
    }
}

/// What `retry_rejected` did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Retried {
    /// Rejected samples repaired again.
    pub retried: usize,
    /// Of those, pairs that now verify and joined the dataset.
    pub accepted: usize,
    /// Verified repairs equal to a pair the dataset already has.
    pub duplicates: usize,
    pub stats: BTreeMap<String, CweStats>,
}

/// Repairs the samples a run folder rejected, again, with `cfg`'s repairer (after the
/// oracle gained fixes, or with another repairer) without generating anything: repairs
/// that verify join `dataset.jsonl`, `state.jsonl` records their new outcome, and
/// `rejected.jsonl` keeps the rest with the new reason. The dataset is appended first and
/// the two other files are replaced whole (write, then rename), so a crash between them
/// is finished by the next retry (a sample already in the dataset counts as accepted).
pub fn retry_rejected(
    tasks: &[Task],
    generator: &str,
    cfg: &Config,
    llm: Option<&LlmRepair<'_>>,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<Retried, SynthError> {
    let dataset_path = cfg.out.join("dataset.jsonl");
    let state_path = cfg.out.join("state.jsonl");
    let rejected_path = cfg.out.join("rejected.jsonl");
    if !state_path.is_file() {
        return Err(SynthError::Input(format!(
            "{}: no synth run here (it has no state.jsonl)",
            cfg.out.display()
        )));
    }
    let (mut dataset, pairs) = Appender::resume::<Pair>(&dataset_path)?;
    let mut states: Vec<SampleState> = read_rows(&state_path)?;
    let rejected: Vec<Rejected> = read_rows(&rejected_path)?;
    let by_id: std::collections::HashMap<&str, &Task> =
        tasks.iter().map(|t| (t.task_id.as_str(), t)).collect();
    let in_dataset: HashSet<(String, usize)> = pairs
        .iter()
        .map(|p| (p.task_id.clone(), p.sample))
        .collect();
    let mut seen: HashSet<String> = pairs.iter().map(|p| normalise(&p.text)).collect();
    let mut still: Vec<Rejected> = Vec::new();
    let mut outcomes: std::collections::HashMap<(String, usize), (Outcome, usize)> =
        Default::default();
    let mut done = Retried::default();
    for r in rejected {
        let task = *by_id.get(r.task_id.as_str()).ok_or_else(|| {
            SynthError::Input(format!(
                "{}: a sample of task `{}`, which is not among the tasks (pass the --tasks the run used)",
                rejected_path.display(),
                r.task_id
            ))
        })?;
        let key = (r.task_id.clone(), r.sample);
        if in_dataset.contains(&key) {
            outcomes.insert(key, (Outcome::Accepted, r.attempts));
            continue;
        }
        done.retried += 1;
        let report = scan(task, &r.vulnerable);
        let targets: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.cwe == task.cwe)
            .collect();
        if targets.is_empty() {
            still.push(Rejected {
                reason: format!("the oracle no longer flags it for {}", task.cwe),
                ..r
            });
            continue;
        }
        let outcome = match repair(task, &r.vulnerable, &report, cfg, llm) {
            Ok((fixed, attempts)) => {
                let outcome = if seen.insert(normalise(&fixed)) {
                    dataset.push(&pair(
                        task,
                        r.sample,
                        &r.vulnerable,
                        fixed,
                        &targets,
                        generator,
                        attempts,
                        cfg,
                    ))?;
                    done.accepted += 1;
                    Outcome::Accepted
                } else {
                    done.duplicates += 1;
                    Outcome::Duplicate
                };
                outcomes.insert(key, (outcome, attempts));
                outcome
            }
            Err((reason, attempts)) => {
                still.push(Rejected {
                    reason,
                    attempts,
                    repairer: cfg.repairer_name.clone(),
                    ..r
                });
                Outcome::Rejected
            }
        };
        on_event(Event::Sample { task, outcome });
    }
    for s in &mut states {
        if let Some((outcome, attempts)) = outcomes.get(&(s.task_id.clone(), s.sample)) {
            s.outcome = *outcome;
            s.attempts = *attempts;
        }
    }
    write_rows(&state_path, &states)?;
    write_rows(&rejected_path, &still)?;
    let run_ids: HashSet<&str> = states.iter().map(|s| s.task_id.as_str()).collect();
    let run_tasks: Vec<Task> = tasks
        .iter()
        .filter(|t| run_ids.contains(t.task_id.as_str()))
        .cloned()
        .collect();
    done.stats = statistics(&run_tasks, &states);
    write_stats(&cfg.out, &done.stats)?;
    Ok(done)
}

/// Replaces a JSONL file whole, atomically.
fn write_rows<T: Serialize>(path: &Path, rows: &[T]) -> Result<(), SynthError> {
    Ok(jsonl::write_all(path, rows)?)
}

/// Repairs as `cfg.repairer` says; the verified program and the attempts
/// used, or why the last attempt failed.
fn repair(
    task: &Task,
    vulnerable: &str,
    report: &FileReport,
    cfg: &Config,
    llm: Option<&LlmRepair<'_>>,
) -> Result<(String, usize), (String, usize)> {
    match (cfg.repairer, llm) {
        (Repairer::Autofix, _) => autofix(task, vulnerable, report, cfg),
        (_, None) => Err(("no repair model configured".into(), 0)),
        (Repairer::Llm, Some(m)) => llm_repair(task, vulnerable, report, cfg, m),
        (Repairer::LlmThenAutofix, Some(m)) => match llm_repair(task, vulnerable, report, cfg, m) {
            Ok(r) => Ok(r),
            Err((why, used)) => autofix(task, vulnerable, report, cfg)
                .map(|(code, n)| (code, used + n))
                .map_err(|(why2, n)| (format!("model: {why}; autofix: {why2}"), used + n)),
        },
    }
}

/// Asks the model for a repair, up to `repair_attempts` times, each retry
/// told why the previous answer was refused.
fn llm_repair(
    task: &Task,
    vulnerable: &str,
    report: &FileReport,
    cfg: &Config,
    m: &LlmRepair<'_>,
) -> Result<(String, usize), (String, usize)> {
    let target = report
        .findings
        .iter()
        .find(|f| f.cwe == task.cwe)
        .expect("repair is only asked for samples with the task's CWE");
    let hint = m
        .hints
        .get(&task.cwe.to_string(), task.language.name())
        .unwrap_or("");
    let language = task.language.name();
    let mut feedback = String::new();
    let mut why = String::new();
    let attempts = cfg.repair_attempts.max(1);
    for attempt in 1..=attempts {
        let line = target.span.start_line.to_string();
        let prompt = fill(
            &m.template,
            &[
                ("language", language),
                ("cwe", &task.cwe.to_string()),
                ("rule", &target.rule_id),
                ("message", &target.message),
                ("line", &line),
                ("snippet", &target.snippet),
                ("hint", hint),
                ("feedback", &feedback),
                ("code", vulnerable),
            ],
        );
        let sampling = SamplingParams {
            temperature: if attempt == 1 { 0.0 } else { 0.4 },
            top_p: 0.95,
            top_k: 0,
            seed: cfg.seed.wrapping_add(attempt as u64),
        };
        let reply = m.backend.chat(
            &[hexacoder_backend::ChatMessage::new("user", prompt)],
            m.max_tokens,
            &sampling,
        );
        why = match reply {
            Err(e) => format!("the repair model failed: {e}"),
            Ok(reply) => match extract_code(&reply) {
                None => "the reply has no code".into(),
                Some(code) => {
                    let fixed_report = scan(task, &code);
                    match verify::check(task, report, &code, &fixed_report, vulnerable) {
                        Ok(()) => return Ok((code, attempt)),
                        Err(reason) => reason,
                    }
                }
            },
        };
        feedback = format!("\nA previous answer was rejected: {why}. Fix that too.\n");
    }
    Err((why, attempts))
}

/// Repairs with the oracle's fixes, re-scanning between attempts; the
/// verified program and the attempts used, or why it failed.
fn autofix(
    task: &Task,
    vulnerable: &str,
    report: &FileReport,
    cfg: &Config,
) -> Result<(String, usize), (String, usize)> {
    let mut code = vulnerable.to_string();
    let mut current = report.clone();
    let mut why = String::new();
    for attempt in 1..=cfg.repair_attempts.max(1) {
        let fixes: Vec<&Fix> = current
            .findings
            .iter()
            .filter(|f| f.cwe == task.cwe)
            .filter_map(|f| f.fix.as_ref())
            .collect();
        if fixes.is_empty() {
            let rules: Vec<&str> = current
                .findings
                .iter()
                .filter(|f| f.cwe == task.cwe)
                .map(|f| f.rule_id.as_str())
                .collect();
            why = if rules.is_empty() {
                why
            } else {
                format!("no mechanical fix for {}", rules.join(", "))
            };
            return Err((why, attempt - 1));
        }
        let (fixed, applied) = apply_fixes(&code, &fixes);
        if applied == 0 {
            return Err(("the fixes overlap and none applied".into(), attempt));
        }
        let fixed_report = scan(task, &fixed);
        match verify::check(task, report, &fixed, &fixed_report, vulnerable) {
            Ok(()) => return Ok((fixed, attempt)),
            Err(reason) => {
                why = reason;
                code = fixed;
                current = fixed_report;
            }
        }
    }
    Err((why, cfg.repair_attempts.max(1)))
}

/// Per-(language, CWE) counts from the per-sample states.
pub fn statistics(tasks: &[Task], states: &[SampleState]) -> BTreeMap<String, CweStats> {
    let mut out: BTreeMap<String, CweStats> = BTreeMap::new();
    let mut task_seen: HashSet<&str> = HashSet::new();
    // Keyed `language/CWE` (Python and C CWE-078 are different weaknesses to repair).
    let language: std::collections::HashMap<&str, &str> = tasks
        .iter()
        .map(|t| (t.task_id.as_str(), t.language.name()))
        .collect();
    // A state row of an earlier run into the same folder over other CWEs has no task here:
    // its id (`python/CWE-022/…`) still names the language.
    let key = |task_id: &str, cwe: &str| {
        let lang = language.get(task_id).copied().or_else(|| {
            let first = task_id.split('/').next()?;
            Language::from_name(first).map(Language::name)
        });
        match lang {
            Some(lang) => format!("{lang}/{cwe}"),
            None => cwe.to_string(),
        }
    };
    for t in tasks {
        out.entry(key(&t.task_id, &t.cwe.to_string())).or_default();
    }
    for s in states {
        let c = out.entry(key(&s.task_id, &s.cwe.to_string())).or_default();
        if task_seen.insert(s.task_id.as_str()) {
            c.tasks += 1;
        }
        c.samples += 1;
        c.repair_attempts += s.attempts;
        c.vulnerable += usize::from(s.outcome.vulnerable());
        match s.outcome {
            Outcome::Clean => {}
            Outcome::NoCode => c.no_code += 1,
            Outcome::Accepted => c.accepted += 1,
            Outcome::Duplicate => c.duplicates += 1,
            Outcome::Rejected => c.rejected += 1,
        }
    }
    out.retain(|_, c| c.samples > 0);
    out
}

fn write_stats(out: &Path, stats: &BTreeMap<String, CweStats>) -> Result<(), SynthError> {
    let json = serde_json::to_string_pretty(stats).expect("serializable");
    let p = out.join("stats.json");
    std::fs::write(&p, json).map_err(|e| SynthError::io(&p, e))?;
    let mut md = String::from(STATS_HEADER);
    let mut total = CweStats::default();
    for (cwe, c) in stats {
        md.push_str(&row(cwe, c));
        total.tasks += c.tasks;
        total.samples += c.samples;
        total.vulnerable += c.vulnerable;
        total.repair_attempts += c.repair_attempts;
        total.accepted += c.accepted;
        total.rejected += c.rejected;
        total.duplicates += c.duplicates;
        total.no_code += c.no_code;
    }
    md.push_str(&row("**all**", &total));
    let p = out.join("stats.md");
    std::fs::write(&p, md).map_err(|e| SynthError::io(&p, e))
}

/// One Markdown table row.
/// The header of the statistics table whose rows [`row`] writes.
pub const STATS_HEADER: &str = "| CWE | tasks | samples | no code | vulnerable | repair attempts | accepted | rejected | duplicates | repair rate |\n|---|---|---|---|---|---|---|---|---|---|\n";

pub fn row(name: &str, c: &CweStats) -> String {
    format!(
        "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
        c.tasks,
        c.samples,
        c.no_code,
        c.vulnerable,
        c.repair_attempts,
        c.accepted,
        c.rejected,
        c.duplicates,
        c.repair_rate()
            .map_or("–".into(), |r| format!("{:.1}%", r * 100.0))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(few_shot: Vec<(Cwe, String, String)>) -> Config {
        Config {
            samples: 1,
            temperature: 0.8,
            top_p: 0.95,
            max_new_tokens: 8,
            seed: 1,
            repairer: Repairer::Autofix,
            repair_attempts: 1,
            out: PathBuf::from("unused"),
            concurrency: 1,
            repairer_name: "autofix".into(),
            few_shot,
            style: PromptStyle::Completion,
            template: Template::bundled(hexacoder_backend::style::PromptKind::Synth),
        }
    }

    #[test]
    fn few_shot_shows_an_example_of_the_tasks_cwe_and_language() {
        let task = Task {
            task_id: "c/CWE-134/show.c".into(),
            cwe: hexacoder_formats::Cwe::new(134),
            language: Language::C,
            prompt: "void show(const char *m) {\n".into(),
        };
        let ex = |cwe: &str, lang: &str, code: &str| {
            (cwe.parse().unwrap(), lang.to_string(), code.to_string())
        };
        let cfg = config(vec![
            ex("CWE-134", "python", "print(x)"),
            ex("CWE-078", "c", "system(x);"),
            ex("CWE-134", "c", "void f(char *s) { printf(s); }\n\n\n"),
        ]);
        assert_eq!(
            few_shot_prefix(&task, &cfg),
            "void f(char *s) { printf(s); }\n\n"
        );
        assert_eq!(few_shot_prefix(&task, &config(Vec::new())), "");
    }

    /// A folder that two runs filled with different `--cwe`s keeps each row's language: the
    /// second run's statistics key the first run's samples `python/CWE-022`, not `CWE-022`.
    #[test]
    fn statistics_key_earlier_runs_samples_by_their_language() {
        let task = Task {
            task_id: "python/CWE-611/feed.py".into(),
            cwe: hexacoder_formats::Cwe::new(611),
            language: Language::Python,
            prompt: "def feed(x):\n".into(),
        };
        let state = |id: &str, cwe: &str, outcome| SampleState {
            task_id: id.into(),
            sample: 0,
            cwe: cwe.parse().unwrap(),
            outcome,
            attempts: 0,
        };
        let stats = statistics(
            &[task],
            &[
                state("python/CWE-611/feed.py", "CWE-611", Outcome::Clean),
                state("python/CWE-022/save.py", "CWE-022", Outcome::Rejected),
                state("c/CWE-022/open.c", "CWE-022", Outcome::NoCode),
                state("legacy-7", "CWE-079", Outcome::Clean),
            ],
        );
        let keys: Vec<&str> = stats.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["CWE-079", "c/CWE-022", "python/CWE-022", "python/CWE-611"]
        );
        assert_eq!(stats["python/CWE-022"].rejected, 1);
        assert_eq!(stats["c/CWE-022"].no_code, 1);
    }

    #[test]
    fn code_is_taken_from_the_first_fence_or_the_whole_reply() {
        assert_eq!(
            extract_code("Here:\n```python\nimport os\nx = 1\n```\nDone.").as_deref(),
            Some("import os\nx = 1\n")
        );
        assert_eq!(
            extract_code("```\nint x;\n```").as_deref(),
            Some("int x;\n")
        );
        assert_eq!(extract_code("x = 1").as_deref(), Some("x = 1\n"));
        assert_eq!(extract_code("```python\n```"), None);
        assert_eq!(extract_code("  \n"), None);
        assert_eq!(
            fill(
                "{cwe} at {line}: {cwe}",
                &[("cwe", "CWE-078"), ("line", "3")]
            ),
            "CWE-078 at 3: CWE-078"
        );
    }

    #[test]
    fn retry_turns_rejected_samples_that_now_verify_into_pairs() {
        let dir = tempfile::tempdir().unwrap();
        let task = |id: &str, cwe: &str| Task {
            task_id: id.into(),
            cwe: cwe.parse().unwrap(),
            language: Language::Python,
            prompt: "import pickle\n\ndef load(blob):\n".into(),
        };
        let tasks = vec![
            task("python/CWE-502/load.py", "CWE-502"),
            task("python/CWE-094/run.py", "CWE-094"),
        ];
        let vulnerable = "import pickle\nimport sys\n\ndef load(blob):\n    return pickle.loads(blob)\n\nload(sys.stdin.buffer.read())\n";
        let unfixable = "import importlib\nimport sys\n\nimportlib.import_module(sys.argv[1])\n";
        let rejected = |id: &str, sample: usize, code: &str| Rejected {
            task_id: id.into(),
            sample,
            cwe: tasks.iter().find(|t| t.task_id == id).unwrap().cwe,
            reason: "no mechanical fix for py/unsafe-deserialization".into(),
            attempts: 0,
            vulnerable: code.into(),
            repairer: "autofix".into(),
        };
        let state = |id: &str, sample: usize| SampleState {
            task_id: id.into(),
            sample,
            cwe: Cwe::new(502),
            outcome: Outcome::Rejected,
            attempts: 0,
        };
        write_rows(
            &dir.path().join("rejected.jsonl"),
            &[
                rejected("python/CWE-502/load.py", 0, vulnerable),
                rejected("python/CWE-094/run.py", 3, unfixable),
            ],
        )
        .unwrap();
        write_rows(
            &dir.path().join("state.jsonl"),
            &[
                state("python/CWE-502/load.py", 0),
                state("python/CWE-094/run.py", 3),
            ],
        )
        .unwrap();
        let mut cfg = config(Vec::new());
        cfg.out = dir.path().to_path_buf();
        cfg.repair_attempts = 2;
        let done = retry_rejected(&tasks, "local:smollm2", &cfg, None, &mut |_| {}).unwrap();
        assert_eq!((done.retried, done.accepted, done.duplicates), (2, 1, 0));
        let pairs: Vec<Pair> = read_rows(&dir.path().join("dataset.jsonl")).unwrap();
        assert_eq!(pairs.len(), 1);
        assert_eq!(
            pairs[0].text,
            "import json\nimport pickle\nimport sys\n\ndef load(blob):\n    return json.loads(blob)\n\nload(sys.stdin.buffer.read())\n"
        );
        assert_eq!((pairs[0].sample, pairs[0].attempts), (0, 1));
        let states: Vec<SampleState> = read_rows(&dir.path().join("state.jsonl")).unwrap();
        let outcomes: Vec<&str> = states.iter().map(|s| s.outcome.as_str()).collect();
        assert_eq!(outcomes, ["accepted", "rejected"]);
        let still: Vec<Rejected> = read_rows(&dir.path().join("rejected.jsonl")).unwrap();
        assert_eq!(still.len(), 1);
        assert_eq!(still[0].task_id, "python/CWE-094/run.py");
        // Run again: nothing left to gain, nothing written twice.
        let again = retry_rejected(&tasks, "local:smollm2", &cfg, None, &mut |_| {}).unwrap();
        assert_eq!((again.retried, again.accepted), (1, 0));
        let pairs: Vec<Pair> = read_rows(&dir.path().join("dataset.jsonl")).unwrap();
        assert_eq!(pairs.len(), 1);
    }

    #[test]
    fn retry_refuses_a_folder_without_a_run_and_an_unknown_task() {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = config(Vec::new());
        cfg.out = dir.path().to_path_buf();
        let err = retry_rejected(&[], "x", &cfg, None, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("no synth run here"), "{err}");
        std::fs::write(dir.path().join("state.jsonl"), "").unwrap();
        let row = Rejected {
            task_id: "python/CWE-078/gone.py".into(),
            sample: 0,
            cwe: hexacoder_formats::Cwe::new(78),
            reason: String::new(),
            attempts: 0,
            vulnerable: "x".into(),
            repairer: "autofix".into(),
        };
        write_rows(&dir.path().join("rejected.jsonl"), &[row]).unwrap();
        let err = retry_rejected(&[], "x", &cfg, None, &mut |_| {}).unwrap_err();
        assert!(
            err.to_string()
                .contains("`python/CWE-078/gone.py`, which is not among the tasks"),
            "{err}"
        );
    }
}

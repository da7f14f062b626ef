//! Does a repair keep the program working? The oracle verifies that a repair removes the
//! weakness; this runs both halves of a pair in the sandbox and compares: a Python program
//! is compiled and its top level run as an imported module (`__name__` is not
//! `"__main__"`, so an entry point such as a web server's `app.run()` stays off), a C
//! program is compiled. A repair *breaks* a program when the vulnerable half ran (or
//! compiled) and the fixed half does not.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::benchmark::Lang;
use crate::sandbox::{self, Limits, Outcome, Status};

/// How one program fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Run {
    /// Python: compiled and its top level ran to the end; C: compiled.
    Ran,
    /// Python: a module it imports is not installed here (neither verdict is possible).
    MissingModule,
    /// It parses, but running it raised, timed out or was killed (C: it did not compile).
    Failed,
    /// It does not parse (Python's compiler refused it).
    SyntaxError,
}

/// The two halves of a pair, run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairRun {
    pub vulnerable: Run,
    pub fixed: Run,
}

impl PairRun {
    /// The vulnerable program ran and the fixed one fails or no longer parses (a fixed
    /// program that needs a module missing here is not counted: it cannot be told).
    pub fn broken(&self) -> bool {
        self.vulnerable == Run::Ran && matches!(self.fixed, Run::Failed | Run::SyntaxError)
    }
}

/// Runs programs: the interpreter, a `PYTHONPATH` with extra libraries (CWEval's, when
/// installed, so more programs can import what they use), and short limits.
#[derive(Debug, Clone)]
pub struct Runner {
    pub python: PathBuf,
    pub pythonpath: Option<PathBuf>,
    pub limits: Limits,
}

/// The harness run inside the sandbox: compile, then execute as module `sample`; the last
/// line says how it ended.
const PY_DRIVER: &str = r#"import sys
src = open("program.py", encoding="utf-8").read()
try:
    code = compile(src, "program.py", "exec")
except (SyntaxError, ValueError):
    print("@@syntax"); sys.exit(0)
try:
    exec(code, {"__name__": "sample", "__file__": "program.py"})
except ModuleNotFoundError:
    print("@@missing"); sys.exit(0)
except BaseException:
    print("@@failed"); sys.exit(0)
print("@@ran")
"#;

impl Runner {
    pub fn detect() -> Result<Runner, String> {
        let pythonpath =
            std::fs::read_to_string(hexacoder_model::store::home().join("tools/cweval/lib-path"))
                .ok()
                .map(|p| PathBuf::from(p.trim()))
                .filter(|p| p.is_dir());
        Ok(Runner {
            python: sandbox::python()?,
            pythonpath,
            limits: Limits {
                wall: Duration::from_secs(5),
                cpu_seconds: 5,
                ..Limits::default()
            },
        })
    }

    pub fn run(&self, lang: Lang, code: &str) -> Run {
        match lang {
            Lang::Python => {
                let python = self.python.display().to_string();
                let pythonpath = self
                    .pythonpath
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let outcome = sandbox::run_in_scratch(
                    &[
                        ("program.py", code.as_bytes()),
                        ("driver.py", PY_DRIVER.as_bytes()),
                    ],
                    &[],
                    std::path::Path::new(&python),
                    &["-B", "driver.py"],
                    &[("PYTHONPATH", pythonpath.as_str())],
                    &self.limits,
                );
                python_run(&outcome)
            }
            Lang::C => {
                let outcome = sandbox::run_in_scratch(
                    &[("program.c", code.as_bytes())],
                    &[],
                    std::path::Path::new("/usr/bin/gcc"),
                    &["-fsyntax-only", "-w", "program.c"],
                    &[],
                    &self.limits,
                );
                if outcome.success() {
                    Run::Ran
                } else {
                    Run::Failed
                }
            }
        }
    }

    pub fn pair(&self, lang: Lang, vulnerable: &str, fixed: &str) -> PairRun {
        PairRun {
            vulnerable: self.run(lang, vulnerable),
            fixed: self.run(lang, fixed),
        }
    }
}

fn python_run(outcome: &Outcome) -> Run {
    // The program's own output comes first; the driver's verdict is its last marker line.
    let verdict = outcome
        .stdout
        .lines()
        .rev()
        .find(|l| l.starts_with("@@"))
        .unwrap_or("");
    match (verdict, &outcome.status) {
        ("@@ran", Status::Exited { code: 0 }) => Run::Ran,
        ("@@missing", _) => Run::MissingModule,
        ("@@syntax", _) => Run::SyntaxError,
        _ => Run::Failed,
    }
}

/// Counts over pairs, per language: how many fixed programs parse, run, and how many
/// repairs broke a program that ran.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub pairs: usize,
    /// Vulnerable programs that parse (Python) or compile (C): a repair is not asked to
    /// make a broken program whole, only to not break it further.
    pub vulnerable_parse: usize,
    /// Fixed programs that parse (Python) or compile (C).
    pub fixed_parse: usize,
    /// Pairs whose vulnerable program ran here (the others cannot show a regression).
    pub vulnerable_ran: usize,
    /// Of those, fixed programs that ran too.
    pub fixed_ran: usize,
    /// Of those, fixed programs that fail or no longer parse.
    pub broken: usize,
    /// Pairs that cannot run here: a module is missing.
    pub missing_module: usize,
}

impl Tally {
    pub fn add(&mut self, lang: Lang, r: PairRun) {
        self.pairs += 1;
        let parses = |run: Run| match lang {
            Lang::Python => run != Run::SyntaxError,
            Lang::C => run == Run::Ran,
        };
        self.vulnerable_parse += parses(r.vulnerable) as usize;
        self.fixed_parse += parses(r.fixed) as usize;
        if r.vulnerable == Run::MissingModule || r.fixed == Run::MissingModule {
            self.missing_module += 1;
        }
        if r.vulnerable == Run::Ran {
            self.vulnerable_ran += 1;
            self.fixed_ran += (r.fixed == Run::Ran) as usize;
            self.broken += r.broken() as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repair_that_breaks_the_program_is_told_from_one_that_keeps_it() {
        let runner = Runner::detect().expect("python3");
        let vulnerable = "import pickle, json\nDATA = b'\\x80\\x04K\\x01.'\ndef load(b):\n    return pickle.loads(b)\nVALUE = 1\n";
        let kept = "import pickle, json\nDATA = b'\\x80\\x04K\\x01.'\ndef load(b):\n    return json.loads(b)\nVALUE = 1\n";
        let broken = "import pickle\nDATA = b'x'\ndef load(b):\n    return json.loads(b)\nVALUE = load(DATA)\n";
        let r = runner.pair(Lang::Python, vulnerable, kept);
        assert_eq!(
            (r.vulnerable, r.fixed, r.broken()),
            (Run::Ran, Run::Ran, false)
        );
        let r = runner.pair(Lang::Python, vulnerable, broken);
        assert_eq!((r.fixed, r.broken()), (Run::Failed, true));
        assert_eq!(runner.run(Lang::Python, "def f(:\n"), Run::SyntaxError);
        assert_eq!(
            runner.run(Lang::Python, "import no_such_module_here\n"),
            Run::MissingModule
        );
        // An entry point stays off: this would block for good as __main__.
        assert_eq!(
            runner.run(
                Lang::Python,
                "if __name__ == '__main__':\n    while True: pass\n"
            ),
            Run::Ran
        );
    }

    #[test]
    fn c_programs_are_compiled() {
        let runner = Runner::detect().expect("python3");
        assert_eq!(
            runner.run(
                Lang::C,
                "#include <stdio.h>\nint main(void) { puts(\"x\"); return 0; }\n"
            ),
            Run::Ran
        );
        assert_eq!(runner.run(Lang::C, "int main( {"), Run::Failed);
    }
}

//! The [`Engine`] trait: anything that turns source files into findings.
//! The built-in oracle and the external tools (CodeQL, Bandit, Semgrep,
//! cppcheck) all implement it, so `scan`, `oracle-eval`, `synth` and `eval`
//! can use any of them.

use crate::analysis::{self, FileReport, RuleFilter};
use crate::source::SourceFile;
use rayon::prelude::*;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("`{tool}` was not found on PATH; {install}")]
    ToolMissing { tool: String, install: String },
    #[error("`{tool}` failed (exit status {status}): {stderr}")]
    ToolFailed {
        tool: String,
        status: String,
        stderr: String,
    },
    #[error("could not read `{tool}` output: {message}")]
    BadOutput { tool: String, message: String },
    #[error("{0}")]
    Io(String),
    #[error("unknown engine `{0}`; expected one of: hexacoder, codeql, bandit, semgrep, cppcheck")]
    Unknown(String),
}

/// A static-analysis engine.
pub trait Engine: Sync {
    /// Short name (`hexacoder`, `bandit` …), recorded in every finding.
    fn name(&self) -> &str;

    /// Analyses a batch of in-memory files; one report per input file, in
    /// the same order. External engines write the batch to a scratch
    /// directory and run the tool once.
    fn scan(
        &self,
        files: &[SourceFile],
        filter: &RuleFilter,
    ) -> Result<Vec<FileReport>, EngineError>;
}

/// The built-in oracle, parallel over files.
pub struct Builtin {
    pool: rayon::ThreadPool,
}

impl Builtin {
    /// `jobs` = 0 uses every core.
    pub fn new(jobs: usize) -> Builtin {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .stack_size(analysis::ANALYSIS_STACK)
            .thread_name(|i| format!("hexacoder-oracle-{i}"))
            .build()
            .unwrap_or_else(|_| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .build()
                    .expect("a one-thread pool can always be built")
            });
        Builtin { pool }
    }
}

impl Engine for Builtin {
    fn name(&self) -> &str {
        "hexacoder"
    }

    fn scan(
        &self,
        files: &[SourceFile],
        filter: &RuleFilter,
    ) -> Result<Vec<FileReport>, EngineError> {
        Ok(self.pool.install(|| {
            files
                .par_iter()
                .map(|f| analysis::analyse(f, filter))
                .collect()
        }))
    }
}

/// Engine by name, as `--engine` spells it.
pub fn by_name(name: &str, jobs: usize) -> Result<Box<dyn Engine>, EngineError> {
    use crate::external;
    Ok(match name {
        "hexacoder" | "builtin" => Box::new(Builtin::new(jobs)),
        "bandit" => Box::new(external::bandit::Bandit),
        "semgrep" => Box::new(external::semgrep::Semgrep),
        "cppcheck" => Box::new(external::cppcheck::Cppcheck),
        "codeql" => Box::new(external::codeql::CodeQl),
        other => return Err(EngineError::Unknown(other.to_string())),
    })
}

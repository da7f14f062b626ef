//! # hexacoder-oracle
//!
//! The security oracle of hexacoder: it says which CWE a piece of Python or
//! C code has, where, and why. Built on tree-sitter (so broken, partial,
//! model-written code is still analysed), a semantic model that resolves
//! imports to qualified names, a taint engine over a catalogue of sources,
//! sinks and sanitizers, and one rule per file under `rules/`.
//!
//! External engines (CodeQL, Bandit, Semgrep, cppcheck) sit behind the same
//! [`Engine`] trait, so every stage can swap the judge.

pub mod analysis;
pub mod ast;
pub mod c;
pub mod corpus;
pub mod cwe;
pub mod engine;
pub mod external;
pub mod finding;
pub mod output;
pub mod parse;
pub mod python;
pub mod rules;
pub mod source;
pub mod walk;

pub use analysis::{analyse, FileReport, RuleFilter};
pub use engine::{Builtin, Engine, EngineError};
pub use finding::{apply_fixes, Edit, Finding, Fix, Profile, RuleMeta, Severity};
pub use hexacoder_formats::Cwe;
pub use source::{Language, SourceFile, Span};

/// Analyses a snippet of code in memory with the built-in rules.
pub fn scan_source(code: &str, language: Language) -> FileReport {
    let file = SourceFile::new(format!("<{}>", language.name()), language, code.to_string());
    analyse(&file, &RuleFilter::default())
}

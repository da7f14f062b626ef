//! The languages every stage speaks: one type for prompts, samples, datasets, the oracle and
//! the reports, so a row's `"language"` means the same thing everywhere.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// A language of the benchmarks, the datasets and the oracle (`"python"`, `"c"` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Python,
    C,
}

impl Language {
    /// Language from a file extension (`py`, `pyw`, `pyi`, `c`, `h`), any case. C++ files
    /// (`cpp`, `cc`, `cxx`, `hpp`, `hh`, `hxx`) are C: the oracle reads them as the C++
    /// dialect of C (see [`is_cpp_extension`]).
    pub fn from_extension(ext: &str) -> Option<Language> {
        match ext.to_ascii_lowercase().as_str() {
            "py" | "pyw" | "pyi" => Some(Language::Python),
            "c" | "h" => Some(Language::C),
            e if is_cpp_extension(e) => Some(Language::C),
            _ => None,
        }
    }

    /// Language from a path's extension.
    pub fn from_path(path: &Path) -> Option<Language> {
        Language::from_extension(path.extension()?.to_str()?)
    }

    /// Language from a user-supplied name (`--lang`, dataset rows, benchmark folders):
    /// `python`, `py`, `python3`, `c`, `h`, any case. C++ is not a name here: a dataset row
    /// or corpus row labelled `cpp` is not C (the oracle's `--lang cpp` asks for the C++
    /// dialect explicitly, see [`is_cpp_name`]).
    pub fn from_name(name: &str) -> Option<Language> {
        match name.to_ascii_lowercase().as_str() {
            "python" | "py" | "python3" => Some(Language::Python),
            "c" | "h" => Some(Language::C),
            _ => None,
        }
    }

    /// The same as [`Language::from_name`].
    pub fn parse(s: &str) -> Option<Language> {
        Language::from_name(s)
    }

    /// `python` or `c`, as JSON and folder names spell it.
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::C => "c",
        }
    }

    /// The file extension of a program: `py` or `c`.
    pub fn extension(self) -> &'static str {
        match self {
            Language::Python => "py",
            Language::C => "c",
        }
    }

    /// Where the paper's truncation rule ends `completion`, if it does yet: Python at the
    /// first newline followed by a non-space character (the top-level function is over),
    /// C just after the first `"\n}"`.
    pub fn truncation_point(self, completion: &str) -> Option<usize> {
        match self {
            Language::Python => completion
                .char_indices()
                .zip(completion.chars().skip(1))
                .find(|((_, c), next)| *c == '\n' && !next.is_whitespace())
                .map(|((i, _), _)| i),
            Language::C => completion.find("\n}").map(|i| i + 2),
        }
    }

    /// Whether `line` is an import (Python, top level) or an include (C).
    pub fn is_import_line(self, line: &str) -> bool {
        match self {
            Language::Python => {
                (line.starts_with("import ")
                    || line.starts_with("from ") && line.contains(" import "))
                    && !line.trim_end().ends_with('\\')
            }
            Language::C => line.trim_start().starts_with("#include"),
        }
    }

    /// Whether `line` is a whole, well-formed import (`import a.b as c, d`,
    /// `from .x import y as z, w`, `from x import *`) or include
    /// (`#include <a/b.h>`, `#include "x.h"`). Two-step generation keeps only
    /// such lines from the model's import step: a malformed one
    /// (`#include <sys/types.h;`) would make the whole program unparsable.
    pub fn is_well_formed_import(self, line: &str) -> bool {
        let line = line.trim();
        match self {
            Language::C => {
                let Some(rest) = line.strip_prefix("#include") else {
                    return false;
                };
                let rest = rest.trim_start();
                let (open, close) = match rest.chars().next() {
                    Some('<') => ('<', '>'),
                    Some('"') => ('"', '"'),
                    _ => return false,
                };
                let inner = &rest[open.len_utf8()..];
                let Some(end) = inner.find(close) else {
                    return false;
                };
                let name = &inner[..end];
                let after = inner[end + 1..].trim();
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-./+".contains(c))
                    && (after.is_empty() || after.starts_with("//") || after.starts_with("/*"))
            }
            Language::Python => {
                let code = line.split('#').next().unwrap_or("").trim_end();
                let dotted = |s: &str| {
                    !s.is_empty()
                        && s.split('.').all(|p| {
                            p.chars()
                                .next()
                                .is_some_and(|c| c.is_alphabetic() || c == '_')
                                && p.chars().all(|c| c.is_alphanumeric() || c == '_')
                        })
                };
                let ident = |s: &str| dotted(s) && !s.contains('.');
                // `name` or `name as alias`, comma-separated.
                let names = |s: &str, item: &dyn Fn(&str) -> bool| {
                    s.split(',').all(|part| {
                        let w: Vec<&str> = part.split_whitespace().collect();
                        match w.as_slice() {
                            [n] => item(n),
                            [n, "as", a] => item(n) && ident(a),
                            _ => false,
                        }
                    })
                };
                if let Some(rest) = code.strip_prefix("import ") {
                    names(rest, &dotted)
                } else if let Some(rest) = code.strip_prefix("from ") {
                    let Some((module, what)) = rest.split_once(" import ") else {
                        return false;
                    };
                    let module = module.trim().trim_start_matches('.');
                    let module_ok =
                        module.is_empty() && rest.trim_start().starts_with('.') || dotted(module);
                    let what = what.trim();
                    let what = what
                        .strip_prefix('(')
                        .and_then(|w| w.strip_suffix(')'))
                        .unwrap_or(what);
                    module_ok && (what == "*" || names(what, &ident))
                } else {
                    false
                }
            }
        }
    }
}

/// A C++ source or header extension (any case): such files are C in [`Language`] and parsed
/// with the C++ grammar.
pub fn is_cpp_extension(ext: &str) -> bool {
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "cpp" | "cc" | "cxx" | "c++" | "hpp" | "hh" | "hxx" | "h++"
    )
}

/// A `--lang` name that asks for C++ (`cpp`, `c++`).
pub fn is_cpp_name(name: &str) -> bool {
    matches!(name.to_ascii_lowercase().as_str(), "cpp" | "c++")
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_extensions_and_json_agree() {
        for l in [Language::Python, Language::C] {
            assert_eq!(Language::from_name(l.name()), Some(l));
            assert_eq!(Language::from_extension(l.extension()), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.name()));
            assert_eq!(serde_json::from_str::<Language>(&json).unwrap(), l);
        }
        assert_eq!(Language::from_name("Python3"), Some(Language::Python));
        assert_eq!(Language::from_path(Path::new("a/b.H")), Some(Language::C));
        assert_eq!(Language::from_name("rust"), None);
    }
}

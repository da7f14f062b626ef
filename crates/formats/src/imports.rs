//! Whether an import line names a module that exists. Two-step generation (the paper's
//! imports-first decoding) keeps the import lines a model writes in its first step; a module
//! the model made up (`import string.pcre_safe`, `#include <safe_string.h>`) breaks the
//! program and, published, is a name anyone can register (package hallucination). So the
//! first step's lines are kept only when every module they name is known: the Python
//! standard library (`data/imports/python-stdlib.txt`, made by
//! `scripts/reference/known_imports.py`), the third-party packages the project vouches for
//! (`python-packages.txt`) and the C/C++ headers of `c-headers.txt`.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::Language;

static PY_STDLIB: &str = include_str!("../../../data/imports/python-stdlib.txt");
static PY_PACKAGES: &str = include_str!("../../../data/imports/python-packages.txt");
static C_HEADERS: &str = include_str!("../../../data/imports/c-headers.txt");

struct Known {
    /// Standard-library module paths (`os`, `os.path`, `xml.etree.ElementTree`).
    py_modules: HashSet<&'static str>,
    /// Third-party top-level names; their submodules are accepted unchecked.
    py_packages: HashSet<&'static str>,
    c_headers: HashSet<&'static str>,
    /// Folders whose every header is accepted (`openssl/`).
    c_folders: Vec<&'static str>,
}

/// The non-comment, non-empty lines of a list file.
fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn known() -> &'static Known {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    KNOWN.get_or_init(|| Known {
        py_modules: entries(PY_STDLIB).collect(),
        py_packages: entries(PY_PACKAGES).collect(),
        c_headers: entries(C_HEADERS).filter(|h| !h.ends_with('/')).collect(),
        c_folders: entries(C_HEADERS).filter(|h| h.ends_with('/')).collect(),
    })
}

impl Language {
    /// The modules (Python dotted paths) or headers (C) an import line names; empty when the
    /// line is not an import.
    pub fn imported_modules(self, line: &str) -> Vec<String> {
        let line = line.trim();
        match self {
            Language::Python => {
                let code = line.split('#').next().unwrap_or("").trim();
                if let Some(rest) = code.strip_prefix("from ") {
                    let module = rest.split_whitespace().next().unwrap_or("");
                    return vec![module.to_string()];
                }
                let Some(rest) = code.strip_prefix("import ") else {
                    return Vec::new();
                };
                rest.trim_matches(|c| c == '(' || c == ')')
                    .split(',')
                    .filter_map(|part| part.split_whitespace().next())
                    .map(str::to_string)
                    .collect()
            }
            Language::C => {
                let Some(rest) = line.strip_prefix('#') else {
                    return Vec::new();
                };
                let Some(rest) = rest.trim_start().strip_prefix("include") else {
                    return Vec::new();
                };
                let rest = rest.trim_start();
                let close = match rest.chars().next() {
                    Some('<') => '>',
                    Some('"') => '"',
                    _ => return Vec::new(),
                };
                rest[1..]
                    .split(close)
                    .next()
                    .map(|name| vec![name.trim().to_string()])
                    .unwrap_or_default()
            }
        }
    }

    /// Whether every module an import line names is known to exist (see the module doc);
    /// false for a line that names none, and for relative Python imports, which a one-file
    /// program cannot satisfy.
    pub fn imports_known_modules(self, line: &str) -> bool {
        let modules = self.imported_modules(line);
        let k = known();
        !modules.is_empty()
            && modules.iter().all(|m| match self {
                Language::Python => {
                    let top = m.split('.').next().unwrap_or("");
                    !m.starts_with('.')
                        && (k.py_packages.contains(top) || k.py_modules.contains(m.as_str()))
                }
                Language::C => {
                    k.c_headers.contains(m.as_str()) || k.c_folders.iter().any(|f| m.starts_with(f))
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use crate::Language::{Python, C};

    #[test]
    fn real_modules_are_known() {
        for line in [
            "import os",
            "import os.path",
            "import subprocess, shlex",
            "from xml.etree import ElementTree as ET",
            "from defusedxml.ElementTree import parse",
            "from flask import Flask, request  # web",
            "import yaml",
            "import urllib.parse as up",
        ] {
            assert!(Python.imports_known_modules(line), "{line}");
        }
        for line in [
            "#include <stdio.h>",
            "#include <sys/stat.h>",
            "#  include \"string.h\"",
            "#include <openssl/evp.h>",
            "#include <iostream>",
        ] {
            assert!(C.imports_known_modules(line), "{line}");
        }
    }

    /// The names a hardened SmolLM2 made up in its import step (efficacy round 3).
    #[test]
    fn made_up_modules_are_not() {
        for line in [
            "import smol",
            "import string.pcre_unsafe",
            "from itertools_prime_safe import primes",
            "import os, snell",
            "from . import helpers",
            "import log_user_infoging",
            "x = 1",
        ] {
            assert!(!Python.imports_known_modules(line), "{line}");
        }
        for line in [
            "#include <safe_string.h>",
            "#include \"utils.h\"",
            "#define X 1",
        ] {
            assert!(!C.imports_known_modules(line), "{line}");
        }
    }
}

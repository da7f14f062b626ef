//! Generation: n samples per prompt decoded as one batch over a shared prompt cache, stop
//! strings, the paper's truncation rules, and two-step generation (imports first).

use crate::batch::{Engine, Event};
use crate::error::{ModelError, Result};
use crate::model::Model;
use crate::sampling::SamplingParams;

pub use hexacoder_formats::Language;

/// Why a sample stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishReason {
    /// A stop string or the truncation rule.
    Stop,
    /// The end-of-sequence token.
    Eos,
    /// `max_new_tokens` (or the context window) was reached.
    Length,
    /// The caller's callback asked to stop.
    Cancelled,
}

impl FinishReason {
    /// OpenAI's `finish_reason`.
    pub fn as_openai(self) -> &'static str {
        match self {
            FinishReason::Length => "length",
            _ => "stop",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    pub text: String,
    /// Tokens generated (before truncation).
    pub tokens: usize,
    pub finish: FinishReason,
}

/// Completions of one prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Generation {
    /// The prompt the completions continue: the input, or in two-step mode the input with the
    /// generated imports added above the body.
    pub prompt: String,
    pub prompt_tokens: usize,
    pub completions: Vec<Completion>,
    /// Import lines added by the first step of two-step generation.
    pub added_imports: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GenerateOptions {
    /// Samples per prompt.
    pub n: usize,
    /// New tokens per sample; in two-step mode the import step's tokens come out of it
    /// (the paper: 20 + 180 = 200).
    pub max_new_tokens: usize,
    pub sampling: SamplingParams,
    /// Stop strings; the completion ends before the first one.
    pub stop: Vec<String>,
    /// Apply this language's truncation rule.
    pub truncate: Option<Language>,
    /// Two-step generation with this many tokens for the import step (the paper: 20).
    pub two_step: Option<usize>,
    /// The language whose import lines two-step generation splits off.
    pub language: Option<Language>,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            n: 1,
            max_new_tokens: 200,
            sampling: SamplingParams::default(),
            stop: Vec::new(),
            truncate: None,
            two_step: None,
            language: None,
        }
    }
}

impl GenerateOptions {
    pub fn validate(&self) -> Result<()> {
        if self.n == 0 {
            return Err(ModelError::invalid("n", "0 (must be ≥ 1)"));
        }
        if self.max_new_tokens == 0 {
            return Err(ModelError::invalid("max-new-tokens", "0 (must be ≥ 1)"));
        }
        if self.two_step.is_some() && self.language.is_none() {
            return Err(ModelError::invalid(
                "two-step",
                "needs the prompt's language (python or c) to find its import lines",
            ));
        }
        self.sampling.validate()
    }
}

/// Split a prompt into its import/include lines and the rest, each keeping its order.
pub fn split_imports(prompt: &str, lang: Language) -> (String, String) {
    let mut imports = String::new();
    let mut rest = String::new();
    for line in prompt.split_inclusive('\n') {
        if lang.is_import_line(line) {
            imports.push_str(line);
            if !line.ends_with('\n') {
                imports.push('\n');
            }
        } else {
            rest.push_str(line);
        }
    }
    (imports, rest)
}

/// Which import lines of two-step generation's first step are kept, as recorded in a run's
/// settings: well-formed, new, and naming only modules known to exist
/// ([`Language::imports_known_modules`]); a made-up module would break the program.
pub const TWO_STEP_IMPORTS: &str = "known modules";

/// The second step's prompt of two-step generation: the prompt's imports,
/// then the import lines the first step wrote (complete lines only, new
/// ones only, known modules only: [`TWO_STEP_IMPORTS`]), then the rest of the
/// prompt. Returns it and the added lines.
/// `ended` says the first step stopped by itself (EOS), so its last line is
/// complete; otherwise a line cut by the token limit may be half a name.
pub fn two_step_prompt(
    imports: &str,
    rest: &str,
    step1: &str,
    ended: bool,
    lang: Language,
) -> (String, Vec<String>) {
    let complete = if ended {
        step1
    } else {
        step1.rsplit_once('\n').map_or("", |(head, _)| head)
    };
    let existing: Vec<&str> = imports.lines().map(str::trim_end).collect();
    let mut added: Vec<String> = Vec::new();
    for line in complete.lines() {
        let line = line.trim_end();
        if lang.is_import_line(line)
            && lang.is_well_formed_import(line)
            && lang.imports_known_modules(line)
            && !existing.contains(&line)
            && !added.iter().any(|a| a == line)
        {
            added.push(line.to_string());
        }
    }
    let mut augmented = imports.to_string();
    for line in &added {
        augmented.push_str(line);
        augmented.push('\n');
    }
    augmented.push_str(rest);
    (augmented, added)
}

impl Model {
    /// Generate completions of `prompt` (one-step, or two-step when `opts.two_step` is set).
    /// `on_text(sample, text_so_far)` is called as samples grow; returning `false` cancels.
    pub fn generate(
        &self,
        prompt: &str,
        opts: &GenerateOptions,
        on_text: &mut dyn FnMut(usize, &str) -> bool,
    ) -> Result<Generation> {
        let mut engine = Engine::new(self);
        engine.admit(0, prompt, opts.clone())?;
        let mut out = None;
        while out.is_none() {
            engine.step(&mut |event| match event {
                Event::Text { index, text, .. } => on_text(index, text),
                Event::Done { generation, .. } => {
                    out = Some(Ok(generation));
                    true
                }
                Event::Failed { error, .. } => {
                    out = Some(Err(error));
                    true
                }
                Event::Finished { .. } => true,
            });
        }
        out.expect("the loop ends with a result")
    }

    /// A finished sample's text with the truncation rule applied once more (a rule may need
    /// the character after a newline, which never came).
    pub(crate) fn finish(
        &self,
        text: String,
        tokens: usize,
        reason: FinishReason,
        opts: &GenerateOptions,
    ) -> Completion {
        match self.stop_point(&text, opts) {
            Some(cut) => Completion {
                text: text[..cut].to_string(),
                tokens,
                finish: FinishReason::Stop,
            },
            None => Completion {
                text,
                tokens,
                finish: reason,
            },
        }
    }

    /// The earliest stop: a stop string or the truncation rule.
    pub(crate) fn stop_point(&self, text: &str, opts: &GenerateOptions) -> Option<usize> {
        let by_string = opts
            .stop
            .iter()
            .filter(|s| !s.is_empty())
            .filter_map(|s| text.find(s.as_str()))
            .min();
        let by_rule = opts.truncate.and_then(|l| l.truncation_point(text));
        match (by_string, by_rule) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_imports_are_kept() {
        let c = Language::C;
        for ok in [
            "#include <stdio.h>",
            "#include \"util/x.h\"",
            "  #include <sys/types.h> // types",
        ] {
            assert!(c.is_well_formed_import(ok), "{ok}");
        }
        for bad in [
            "#include <sys/types.h;",
            "#include stdio.h",
            "#include <>",
            "#include <a.h> int x;",
        ] {
            assert!(!c.is_well_formed_import(bad), "{bad}");
        }
        let py = Language::Python;
        for ok in [
            "import os",
            "import os.path as p, sys",
            "from flask import Flask, request",
            "from . import views",
            "from .x import (a, b as c)",
            "from os import *",
            "import re  # regex",
        ] {
            assert!(py.is_well_formed_import(ok), "{ok}");
        }
        for bad in [
            "import os,",
            "from flask import (",
            "from flask import",
            "import 3d",
            "from x import a b",
            "import os;import sys",
        ] {
            assert!(!py.is_well_formed_import(bad), "{bad}");
        }
        let (prompt, added) = two_step_prompt(
            "#include <stdio.h>\n",
            "int main() {\n",
            "#include <time.h>\n#include <sys/types.h;\n#include <string.h>\n",
            true,
            c,
        );
        assert_eq!(added, ["#include <time.h>", "#include <string.h>"]);
        assert_eq!(
            prompt,
            "#include <stdio.h>\n#include <time.h>\n#include <string.h>\nint main() {\n"
        );
    }

    /// Made-up modules from the import step are dropped (a hardened SmolLM2 wrote these on
    /// HumanEval; each broke its program with an ImportError); real ones are kept.
    #[test]
    fn two_step_keeps_only_known_modules() {
        let (prompt, added) = two_step_prompt(
            "from typing import List\n",
            "def f(xs: List[int]) -> int:\n",
            "import string\nimport string.pcre_unsafe\nimport smol\nfrom itertools_prime_safe import p\nimport math\n",
            true,
            Language::Python,
        );
        assert_eq!(added, ["import string", "import math"]);
        assert_eq!(
            prompt,
            "from typing import List\nimport string\nimport math\ndef f(xs: List[int]) -> int:\n"
        );
        let (_, added) = two_step_prompt(
            "#include <stdio.h>\n",
            "int main() {\n",
            "#include <safe_str.h>\n#include <limits.h>\n",
            true,
            Language::C,
        );
        assert_eq!(added, ["#include <limits.h>"]);
    }

    #[test]
    fn truncation_rules() {
        let py = "    x = 1\n    return x\n\ndef other():\n    pass";
        assert_eq!(Language::Python.truncation_point(py), Some(23));
        assert_eq!(&py[..23], "    x = 1\n    return x\n");
        assert_eq!(Language::Python.truncation_point("    x = 1\n"), None);
        let c =
            "    int a = 0;\n    if (a) {\n        a++;\n    }\n    return a;\n}\nint main() {}";
        let cut = Language::C.truncation_point(c).unwrap();
        assert!(c[..cut].ends_with("return a;\n}"));
    }

    #[test]
    fn imports_split_off_in_order() {
        let p = "import os\nfrom flask import Flask, request\n\napp = Flask(__name__)\nimport re\ndef f():\n    \"\"\"import nothing\"\"\"\n";
        let (imports, rest) = split_imports(p, Language::Python);
        assert_eq!(
            imports,
            "import os\nfrom flask import Flask, request\nimport re\n"
        );
        assert_eq!(
            rest,
            "\napp = Flask(__name__)\ndef f():\n    \"\"\"import nothing\"\"\"\n"
        );
        let (inc, body) = split_imports(
            "#include <stdio.h>\n#include <stdlib.h>\nint main() {\n",
            Language::C,
        );
        assert_eq!(inc, "#include <stdio.h>\n#include <stdlib.h>\n");
        assert_eq!(body, "int main() {\n");
    }
}

//! Prompt styles: how a code prompt reaches a model, and how the program comes back.
//!
//! Code models come in two kinds and each is asked as it was trained:
//!
//! - [`PromptStyle::Completion`]: the prompt is a code prefix, the model continues it, and the
//!   program is prompt + completion (the paper's recipe, with its truncation rules);
//! - [`PromptStyle::Instruct`]: the prompt travels inside a user message built from a template
//!   file (one per kind of prompt, [`PromptKind`]), through the model's chat template; the
//!   program is the reply's first fenced block, or the whole reply when it has none, judged as
//!   a whole. A reply without code is "no code", never an empty program that passes.
//!
//! Generation in either style is `hexacoder_backend::style::generate`; training in the
//! instruct format is `hexacoder_train::data`.

use std::path::Path;

use crate::error::{ModelError, Result};
use crate::generate::Language;

/// How prompts are put to the model.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, Hash,
)]
#[serde(rename_all = "lowercase")]
pub enum PromptStyle {
    /// A code prefix to continue.
    #[default]
    Completion,
    /// A user message through the model's chat template.
    Instruct,
}

impl PromptStyle {
    /// Parses a `--prompt-style` value.
    pub fn parse(s: &str) -> Result<PromptStyle> {
        match s {
            "completion" => Ok(PromptStyle::Completion),
            "instruct" => Ok(PromptStyle::Instruct),
            other => Err(ModelError::invalid(
                "prompt-style",
                format!("`{other}`: expected completion or instruct"),
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PromptStyle::Completion => "completion",
            PromptStyle::Instruct => "instruct",
        }
    }
}

impl std::fmt::Display for PromptStyle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a prompt is, which picks its user-message template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// A security benchmark prompt (a program's start).
    Security,
    /// A HumanEval function signature with its docstring.
    HumanEval,
    /// A synthesis task.
    Synth,
}

impl PromptKind {
    fn file(self) -> &'static str {
        match self {
            PromptKind::Security => "security.txt",
            PromptKind::HumanEval => "humaneval.txt",
            PromptKind::Synth => "synth.txt",
        }
    }
}

/// The placeholder every template must have: where the code prompt goes.
pub const CODE: &str = "{code}";

/// A user-message template: `{code}` is the code prompt, `{language}` the language's name
/// (Python, C) and `{lang}` its fence tag (python, c).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub text: String,
}

impl Template {
    /// The bundled template for `kind` (`data/prompts/`).
    pub fn bundled(kind: PromptKind) -> Template {
        let text = match kind {
            PromptKind::Security => include_str!("../../../data/prompts/security.txt"),
            PromptKind::HumanEval => include_str!("../../../data/prompts/humaneval.txt"),
            PromptKind::Synth => include_str!("../../../data/prompts/synth.txt"),
        };
        Template { text: text.into() }
    }

    /// A template file given by a flag; it must hold `{code}`.
    pub fn from_file(path: &Path) -> Result<Template> {
        let text =
            std::fs::read_to_string(path).map_err(|e| ModelError::file(path, e.to_string()))?;
        Template::new(text).map_err(|m| ModelError::file(path, m))
    }

    pub fn new(text: String) -> std::result::Result<Template, String> {
        if !text.contains(CODE) {
            return Err(format!(
                "the prompt template has no {CODE} placeholder (where the code prompt goes)"
            ));
        }
        Ok(Template { text })
    }

    /// The user message for `code` in `language`.
    pub fn fill(&self, code: &str, language: Language) -> String {
        let (name, tag) = match language {
            Language::Python => ("Python", "python"),
            Language::C => ("C", "c"),
        };
        self.text
            .replace("{language}", name)
            .replace("{lang}", tag)
            .replace(CODE, code.trim_end_matches('\n'))
    }

    /// The bundled file name of `kind` (for messages).
    pub fn bundled_name(kind: PromptKind) -> &'static str {
        kind.file()
    }
}

/// The program in a reply: its first fenced block (to the reply's end if the fence is never
/// closed), else the whole reply; `None` when that holds no code at all.
pub fn extract_code(reply: &str) -> Option<String> {
    let mut lines = reply.split_inclusive('\n');
    let mut found = false;
    let mut code = String::new();
    for line in lines.by_ref() {
        if line.trim_start().starts_with("```") {
            found = true;
            break;
        }
    }
    if found {
        for line in lines {
            if line.trim() == "```" || line.trim_start().starts_with("```") {
                break;
            }
            code.push_str(line);
        }
    } else {
        code = reply.to_string();
    }
    let trimmed = code.trim_matches('\n');
    (!trimmed.trim().is_empty()).then(|| format!("{}\n", trimmed.trim_end()))
}

/// A stop string that ends an instruct reply at the close of its code block. Opening fences
/// carry a language tag (```` ```python ````), closing ones end the line.
pub const BLOCK_END: &str = "\n```\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_the_first_fenced_block_or_the_whole_reply() {
        let r = "Here you go:\n```python\nimport os\nprint(1)\n```\nand\n```python\nx\n```\n";
        assert_eq!(extract_code(r).unwrap(), "import os\nprint(1)\n");
        // Unclosed (cut by the stop string or the budget): to the end.
        assert_eq!(extract_code("```c\nint x;\n").unwrap(), "int x;\n");
        assert_eq!(
            extract_code("def f():\n    return 1").unwrap(),
            "def f():\n    return 1\n"
        );
        assert_eq!(extract_code("```"), None);
        assert_eq!(extract_code("```python\n```\n"), None);
        assert_eq!(extract_code("  \n"), None);
        assert_eq!(extract_code(""), None);
    }

    #[test]
    fn templates_need_the_code_placeholder() {
        let t = Template::bundled(PromptKind::Security);
        assert_eq!(
            t.fill("int main() {\n", Language::C),
            "Complete the following C code:\n```c\nint main() {\n```\n"
        );
        assert!(Template::new("no placeholder".into()).is_err());
        assert!(PromptStyle::parse("chat").is_err());
        assert_eq!(
            PromptStyle::parse("instruct").unwrap(),
            PromptStyle::Instruct
        );
    }
}

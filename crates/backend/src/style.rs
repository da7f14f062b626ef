//! Generation in either prompt style (see [`hexacoder_model::style`]).
//!
//! Two-step generation in instruct style keeps the paper's idea and budget: the import step
//! continues an assistant reply that starts with the code fence and the prompt's own imports
//! (so the model's first tokens are import lines, as when it continues the import block in
//! completion style), for `two_step` tokens; the new, well-formed import lines are added to
//! the prompt's code, and the body step asks again with that code, for the rest of the budget.

use hexacoder_model::generate::{split_imports, two_step_prompt};
pub use hexacoder_model::style::{
    extract_code, PromptKind, PromptStyle, Template, BLOCK_END, CODE,
};
use hexacoder_model::{GenerateOptions, Language};

use crate::{Backend, BackendError, ChatMessage, Request};

/// The completions of one prompt in either style.
#[derive(Debug, Clone, PartialEq)]
pub struct Styled {
    /// Completion: the code prefix the completions continue (two-step: with the added imports).
    /// Instruct: the user message.
    pub prompt: String,
    /// Completion: the completions. Instruct: the raw replies.
    pub replies: Vec<String>,
    /// Instruct only: the program of each reply (`None`: no code).
    pub codes: Option<Vec<Option<String>>>,
    pub added_imports: Vec<String>,
    /// OpenAI finish reasons, one per reply.
    pub finish: Vec<String>,
    pub tokens: usize,
}

/// Generates `options.n` programs for `code_prompt` in `style`. In instruct style the
/// completion-only options (truncation) are dropped and the reply stops at its code block's end.
pub fn generate(
    backend: &dyn Backend,
    style: PromptStyle,
    template: &Template,
    code_prompt: &str,
    language: Language,
    options: &GenerateOptions,
) -> Result<Styled, BackendError> {
    if style == PromptStyle::Completion {
        let r = backend.complete(&Request {
            prompt: code_prompt.to_string(),
            options: options.clone(),
        })?;
        return Ok(Styled {
            prompt: r.prompt,
            replies: r.completions,
            codes: None,
            added_imports: r.added_imports,
            finish: r.finish,
            tokens: r.tokens,
        });
    }
    let chat_options = |n: usize, max_new_tokens: usize| GenerateOptions {
        n,
        max_new_tokens,
        sampling: options.sampling,
        stop: {
            let mut s = options.stop.clone();
            s.push(BLOCK_END.to_string());
            s
        },
        truncate: None,
        two_step: None,
        language: None,
    };
    let mut code = code_prompt.to_string();
    let mut added_imports = Vec::new();
    let mut tokens = 0;
    let mut body_budget = options.max_new_tokens;
    if let Some(import_tokens) = options.two_step {
        let (imports, rest) = split_imports(code_prompt, language);
        let tag = match language {
            Language::Python => "python",
            Language::C => "c",
        };
        let prefill = format!("```{tag}\n{imports}");
        let user = ChatMessage::new("user", template.fill(code_prompt, language));
        let step1 = backend.chat_complete(
            std::slice::from_ref(&user),
            &prefill,
            &GenerateOptions {
                sampling: options.sampling,
                ..chat_options(1, import_tokens)
            },
        )?;
        tokens += step1.tokens;
        let text = step1.completions.first().cloned().unwrap_or_default();
        let ended = step1.finish.first().is_some_and(|f| f == "stop");
        let (augmented, added) = two_step_prompt(&imports, &rest, &text, ended, language);
        if !added.is_empty() {
            code = augmented;
        }
        added_imports = added;
        body_budget = options.max_new_tokens.saturating_sub(import_tokens).max(1);
    }
    let user = template.fill(&code, language);
    let r = backend.chat_complete(
        &[ChatMessage::new("user", user.clone())],
        "",
        &chat_options(options.n, body_budget),
    )?;
    tokens += r.tokens;
    let codes = r.completions.iter().map(|c| extract_code(c)).collect();
    Ok(Styled {
        prompt: user,
        replies: r.completions,
        codes: Some(codes),
        added_imports,
        finish: r.finish,
        tokens,
    })
}

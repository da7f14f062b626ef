//! Chat prompts through the model's own chat template.
//!
//! Instruction models are trained on one exact conversation format, and a prompt in any other
//! format is a different task to them (the embedded SmolLM2-Instruct writes empty code when
//! asked as a raw completion model). The template travels with the model: transformers keeps
//! it in `tokenizer_config.json` (`chat_template`), llama.cpp in the GGUF metadata
//! (`tokenizer.chat_template`). It is Jinja, rendered here with minijinja and Python's string
//! methods (`pycompat`), as transformers renders it. A model without a template but with
//! ChatML's markers as single tokens gets plain ChatML; any other model has no chat, and
//! callers get a clear error instead of a prompt the model never saw in training.

use minijinja::{context, Environment, Error as JinjaError, ErrorKind};
use serde::Serialize;

use crate::error::{ModelError, Result};
use crate::model::Model;
use crate::tokenizer::Tokenizer;

/// One message of a conversation, as the template sees it.
#[derive(Debug, Clone, Serialize)]
struct Message<'a> {
    role: &'a str,
    content: &'a str,
}

/// Plain ChatML, for models that have its markers but carry no template.
const CHATML: &str = "{% for message in messages %}<|im_start|>{{ message.role }}\n{{ message.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

impl Tokenizer {
    /// The model's chat template, or ChatML when it has ChatML's tokens but no template.
    pub fn chat_template_or_chatml(&self) -> Option<&str> {
        if let Some(t) = self.chat_template.as_deref() {
            return Some(t);
        }
        let chatml = ["<|im_start|>", "<|im_end|>"]
            .iter()
            .all(|t| self.token_to_id(t).is_some());
        chatml.then_some(CHATML)
    }

    /// The conversation rendered by the template; with `add_generation_prompt` it ends where
    /// the assistant's reply starts. `None` when the model has no chat template.
    pub fn render_chat(
        &self,
        messages: &[(&str, &str)],
        add_generation_prompt: bool,
    ) -> Option<std::result::Result<String, String>> {
        let template = self.chat_template_or_chatml()?;
        let token = |id: Option<u32>| id.and_then(|i| self.id_to_token(i)).unwrap_or_default();
        let bos = token(self.bos);
        let eos = token(self.eos.first().copied());
        Some(render(
            template,
            messages,
            add_generation_prompt,
            &bos,
            &eos,
        ))
    }

    /// How the template frames an assistant reply after `user`: the text before the reply
    /// (system turn, user turn, assistant header) and after it (end of turn). Found by
    /// rendering the exchange with a marker as the reply, so it is the template's own format.
    pub fn chat_frame(&self, user: &str) -> Option<std::result::Result<(String, String), String>> {
        const MARK: &str = "\u{e000}REPLY\u{e001}";
        let rendered = self.render_chat(&[("user", user), ("assistant", MARK)], false)?;
        Some(rendered.and_then(|r| match r.split_once(MARK) {
            Some((before, after)) => Ok((before.to_string(), after.to_string())),
            None => Err("the chat template does not show the assistant's reply".into()),
        }))
    }
}

impl Model {
    /// The model's chat template, or ChatML when it has ChatML's tokens but no template.
    pub fn chat_template(&self) -> Option<&str> {
        self.tokenizer.chat_template_or_chatml()
    }

    /// Whether the model is an instruction (chat) model: it has a chat template and its name
    /// says so (`…-Instruct`, `…-Chat`, `…-it`), as model hubs name them. Base code models often
    /// ship a chat template too, so the template alone does not decide it.
    pub fn is_instruction_tuned(&self) -> bool {
        looks_instruction_tuned(&self.source, &self.tokenizer)
    }

    /// Whether the model can be prompted as a chat model.
    pub fn has_chat_template(&self) -> bool {
        self.chat_template().is_some()
    }

    /// The prompt for `(role, content)` messages, ending where the assistant's reply starts
    /// (the template's `add_generation_prompt`). The reply ends with the template's end-of-turn
    /// token, which the tokenizer counts as end of sequence. Each content is marked literal
    /// ([`crate::tokenizer::literal`]): special tokens written in a message are encoded as
    /// text, so a message cannot open or close turns (no injected system turn).
    pub fn chat_prompt(&self, messages: &[(&str, &str)]) -> Result<String> {
        let marked: Vec<(&str, String)> = messages
            .iter()
            .map(|(r, c)| (*r, crate::tokenizer::literal(c)))
            .collect();
        let refs: Vec<(&str, &str)> = marked.iter().map(|(r, c)| (*r, c.as_str())).collect();
        let Some(rendered) = self.tokenizer.render_chat(&refs, true) else {
            return Err(ModelError::invalid(
                "chat",
                format!(
                    "{} has no chat template (neither `chat_template` nor ChatML tokens), \
                     so it cannot be prompted as a chat model; use the completion prompt style",
                    self.source.display()
                ),
            ));
        };
        rendered.map_err(|e| {
            ModelError::invalid(
                "chat",
                format!("{}: the chat template failed: {e}", self.source.display()),
            )
        })
    }
}

/// [`Model::is_instruction_tuned`] for a model file or folder and its tokenizer (what `train`
/// has before it loads the weights).
pub fn looks_instruction_tuned(source: &std::path::Path, tok: &Tokenizer) -> bool {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    tok.chat_template_or_chatml().is_some() && instruction_name(&name)
}

/// Whether a model's name marks an instruction model (`…-Instruct`, `…-Chat`, `…-it`), as
/// model hubs name them; also what a served model's name is judged by.
pub fn instruction_name(name: &str) -> bool {
    let name = name.to_lowercase();
    name.contains("instruct")
        || name.contains("-chat")
        || name.contains("-it.")
        || name.ends_with("-it")
}

/// Renders a Hugging Face chat template.
pub fn render(
    template: &str,
    messages: &[(&str, &str)],
    add_generation_prompt: bool,
    bos_token: &str,
    eos_token: &str,
) -> std::result::Result<String, String> {
    let mut env = Environment::new();
    env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
    env.add_function(
        "raise_exception",
        |msg: String| -> std::result::Result<String, JinjaError> {
            Err(JinjaError::new(ErrorKind::InvalidOperation, msg))
        },
    );
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_template("chat", template)
        .map_err(|e| e.to_string())?;
    let messages: Vec<Message> = messages
        .iter()
        .map(|(role, content)| Message { role, content })
        .collect();
    env.get_template("chat")
        .and_then(|t| {
            t.render(context! {
                messages => messages,
                add_generation_prompt => add_generation_prompt,
                bos_token => bos_token,
                eos_token => eos_token,
            })
        })
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SmolLM2-Instruct's template (its tokenizer_config.json): a default system turn when the
    /// conversation has none.
    const SMOLLM2: &str = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    #[test]
    fn renders_the_models_template_with_its_default_system_turn() {
        let out = render(SMOLLM2, &[("user", "hi\n")], true, "", "").unwrap();
        assert_eq!(
            out,
            "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nhi\n<|im_end|>\n<|im_start|>assistant\n"
        );
        let own = render(SMOLLM2, &[("system", "S"), ("user", "U")], true, "", "").unwrap();
        assert_eq!(
            own,
            "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n"
        );
    }

    #[test]
    fn chatml_fallback_and_template_errors() {
        let out = render(CHATML, &[("user", "x")], true, "", "").unwrap();
        assert_eq!(
            out,
            "<|im_start|>user\nx<|im_end|>\n<|im_start|>assistant\n"
        );
        let strict = "{% if messages[0].role != 'user' %}{{ raise_exception('first must be user') }}{% endif %}ok";
        let err = render(strict, &[("system", "x")], true, "", "").unwrap_err();
        assert!(err.contains("first must be user"), "{err}");
        // Python string methods, as transformers' templates use them.
        let py = "{{ messages[0].content.strip() }}|{{ messages[0].role.upper() }}";
        assert_eq!(
            render(py, &[("user", "  a  ")], true, "", "").unwrap(),
            "a|USER"
        );
    }
}

//! Chat prompts. SmolLM2 and the Qwen2 instruct models speak ChatML
//! (`<|im_start|>role\n…<|im_end|>`); a model without those tokens has no chat here, so
//! callers get a clear error instead of a prompt the model never saw in training.

use crate::error::{ModelError, Result};
use crate::model::Model;

impl Model {
    /// Whether the vocabulary has ChatML's markers as single tokens.
    pub fn has_chat_template(&self) -> bool {
        ["<|im_start|>", "<|im_end|>"]
            .iter()
            .all(|t| self.tokenizer.token_to_id(t).is_some())
    }

    /// The prompt for `(role, content)` messages, ending where the assistant's reply starts.
    /// The reply ends with `<|im_end|>`, which the tokenizer counts as end of sequence.
    pub fn chat_prompt(&self, messages: &[(&str, &str)]) -> Result<String> {
        if !self.has_chat_template() {
            return Err(ModelError::invalid(
                "chat",
                format!(
                    "{} has no ChatML tokens, so no chat template",
                    self.source.display()
                ),
            ));
        }
        let mut prompt = String::new();
        for (role, content) in messages {
            prompt.push_str(&format!("<|im_start|>{role}\n{content}<|im_end|>\n"));
        }
        prompt.push_str("<|im_start|>assistant\n");
        Ok(prompt)
    }
}

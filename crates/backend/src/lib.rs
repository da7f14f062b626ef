//! # hexacoder-backend
//!
//! One [`Backend`] trait for everything that turns a prompt into code
//! completions, so `eval` (and `synth`, `serve`'s tests) run the same way on
//! our own runtime or on a remote model. Implementations: [`Local`] (the
//! `hexacoder-model` runtime, with adapters) and [`openai::OpenAi`] (any
//! OpenAI-compatible server, several round-robin). The request carries the
//! paper's generation recipe (truncation rule, two-step) so every backend
//! applies it the same way.
//!
//! (DESIGN.md put backends inside `synth`; they live here because `eval`
//! needs them too and must not depend on `synth`.)

pub mod openai;
pub mod style;

use std::path::PathBuf;

use hexacoder_model::{weights::Precision, Model};
pub use hexacoder_model::{GenerateOptions, Language, SamplingParams};

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error("{0}")]
    Model(#[from] hexacoder_model::ModelError),
    #[error("{0}")]
    Other(String),
}

/// What to generate for one prompt.
#[derive(Debug, Clone)]
pub struct Request {
    pub prompt: String,
    pub options: GenerateOptions,
}

/// The completions of one prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The prompt the completions continue (two-step: with the added imports).
    pub prompt: String,
    pub completions: Vec<String>,
    /// OpenAI's finish reasons (`stop`, `length`), one per completion.
    pub finish: Vec<String>,
    /// Import lines two-step generation added.
    pub added_imports: Vec<String>,
    /// Tokens generated, all samples together.
    pub tokens: usize,
}

/// One message of a chat (`system`, `user`, `assistant`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChatMessage {
    pub role: String,
    pub content: String,
}

impl ChatMessage {
    pub fn new(role: &str, content: impl Into<String>) -> ChatMessage {
        ChatMessage {
            role: role.into(),
            content: content.into(),
        }
    }
}

pub trait Backend: Send + Sync {
    /// A short description recorded in reports (`local:smollm2+adapter`).
    fn describe(&self) -> String;
    fn complete(&self, request: &Request) -> Result<Response, BackendError>;
    /// One chat reply (for instruction models: the repairer of `synth`).
    fn chat(
        &self,
        messages: &[ChatMessage],
        max_tokens: usize,
        sampling: &SamplingParams,
    ) -> Result<String, BackendError> {
        let _ = (messages, max_tokens, sampling);
        Err(BackendError::Other(format!(
            "{}: this backend has no chat",
            self.describe()
        )))
    }
    /// The prompt style the model was trained for (instruct for instruction-tuned chat
    /// models); the default of every `--prompt-style`.
    fn native_style(&self) -> style::PromptStyle {
        style::PromptStyle::Completion
    }
    /// Whether `style` can be used with this model (instruct needs a chat template).
    fn check_style(&self, style: style::PromptStyle) -> Result<(), BackendError> {
        let _ = style;
        Ok(())
    }
    /// `options.n` chat replies to `messages`, each continuing an assistant turn that starts
    /// with `prefill` (empty: a fresh reply); the replies do not repeat the prefill. The
    /// prompt-style layer ([`style`]) uses it for instruction models.
    fn chat_complete(
        &self,
        messages: &[ChatMessage],
        prefill: &str,
        options: &GenerateOptions,
    ) -> Result<Response, BackendError> {
        let _ = (messages, prefill, options);
        Err(BackendError::Other(format!(
            "{}: this backend has no chat",
            self.describe()
        )))
    }
}

/// Our own runtime.
pub struct Local {
    model: Model,
    name: String,
}

impl Local {
    /// Loads `model` (an installed name, a GGUF file, an HF folder or repo
    /// id) and applies `adapters` (merged or not), each with its change to the
    /// weights multiplied by `weight` (1: as trained). The description names a
    /// weight other than 1 (`+dir*0.5`), so samples made with it are told apart.
    pub fn load(
        model: &str,
        adapters: &[PathBuf],
        weight: f32,
        merge: bool,
        precision: Precision,
    ) -> Result<Local, BackendError> {
        let mut m = Model::load(model)?;
        m.weights.precision = precision;
        let mut name = format!("local:{model}");
        for a in adapters {
            m.apply_adapter_weighted(a, weight, merge)?;
            name.push_str(&format!("+{}", a.display()));
            if weight != 1.0 {
                name.push_str(&format!("*{weight}"));
            }
        }
        Ok(Local { model: m, name })
    }

    /// A backend over a model already loaded (and adapted) by the caller.
    pub fn from_model(model: Model, name: impl Into<String>) -> Local {
        Local {
            model,
            name: name.into(),
        }
    }

    /// Move the model to `device` (see [`Model::to_device`]).
    pub fn on(mut self, device: hexacoder_model::Device) -> Result<Local, BackendError> {
        self.model.to_device(device)?;
        Ok(self)
    }

    pub fn model(&self) -> &Model {
        &self.model
    }
}

impl Backend for Local {
    fn describe(&self) -> String {
        self.name.clone()
    }

    /// One reply through the model's chat template (see [`Backend::chat_complete`]).
    fn chat(
        &self,
        messages: &[ChatMessage],
        max_tokens: usize,
        sampling: &SamplingParams,
    ) -> Result<String, BackendError> {
        let r = self.chat_complete(
            messages,
            "",
            &GenerateOptions {
                n: 1,
                max_new_tokens: max_tokens,
                sampling: *sampling,
                ..GenerateOptions::default()
            },
        )?;
        Ok(r.completions.into_iter().next().unwrap_or_default())
    }

    fn native_style(&self) -> style::PromptStyle {
        if self.model.is_instruction_tuned() {
            style::PromptStyle::Instruct
        } else {
            style::PromptStyle::Completion
        }
    }

    fn check_style(&self, style: style::PromptStyle) -> Result<(), BackendError> {
        if style == style::PromptStyle::Instruct && !self.model.has_chat_template() {
            return Err(BackendError::Other(format!(
                "--prompt-style instruct: {} has no chat template (neither `chat_template` nor \
                 ChatML tokens); use --prompt-style completion",
                self.model.source.display()
            )));
        }
        Ok(())
    }

    fn chat_complete(
        &self,
        messages: &[ChatMessage],
        prefill: &str,
        options: &GenerateOptions,
    ) -> Result<Response, BackendError> {
        let turns: Vec<(&str, &str)> = messages
            .iter()
            .map(|m| (m.role.as_str(), m.content.as_str()))
            .collect();
        let prompt = self.model.chat_prompt(&turns)? + prefill;
        self.complete(&Request {
            prompt,
            options: GenerateOptions {
                truncate: None,
                two_step: None,
                ..options.clone()
            },
        })
    }

    fn complete(&self, request: &Request) -> Result<Response, BackendError> {
        let g = self
            .model
            .generate(&request.prompt, &request.options, &mut |_, _| true)?;
        Ok(Response {
            prompt: g.prompt,
            tokens: g.completions.iter().map(|c| c.tokens).sum(),
            finish: g
                .completions
                .iter()
                .map(|c| c.finish.as_openai().to_string())
                .collect(),
            completions: g.completions.into_iter().map(|c| c.text).collect(),
            added_imports: g.added_imports,
        })
    }
}

/// Opens a backend from its spec: `local:<model>[+<adapter dir>…]` or one
/// or more comma-separated `openai:<base-url>#<model>` (round-robin). The
/// API key, if any, comes from the environment variable `api_key_env`.
/// How a `local:` backend runs the model.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalOptions {
    pub precision: Precision,
    pub device: hexacoder_model::Device,
}

pub fn open(
    spec: &str,
    api_key_env: Option<&str>,
    policy: openai::Policy,
    local: LocalOptions,
) -> Result<Box<dyn Backend>, BackendError> {
    if let Some(rest) = spec.strip_prefix("local:") {
        let mut parts = rest.split('+');
        let model = parts.next().unwrap_or_default();
        if model.is_empty() {
            return Err(BackendError::Other(format!(
                "backend `{spec}`: no model; expected local:<model>[+<adapter dir>]"
            )));
        }
        let adapters: Vec<PathBuf> = parts.map(PathBuf::from).collect();
        return Ok(Box::new(
            Local::load(model, &adapters, 1.0, false, local.precision)?.on(local.device)?,
        ));
    }
    if spec.starts_with("openai:") {
        let endpoints = spec
            .split(',')
            .map(openai::Endpoint::parse)
            .collect::<Result<Vec<_>, _>>()?;
        let api_key = match api_key_env {
            Some(var) => Some(std::env::var(var).map_err(|_| {
                BackendError::Other(format!(
                    "--api-key-env {var}: the environment variable is not set"
                ))
            })?),
            None => None,
        };
        return Ok(Box::new(openai::OpenAi::new(endpoints, api_key, policy)?));
    }
    Err(BackendError::Other(format!(
        "backend `{spec}`: expected local:<model>[+<adapter>] or openai:<base-url>#<model>"
    )))
}

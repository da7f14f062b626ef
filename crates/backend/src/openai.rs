//! Any OpenAI-compatible server (vLLM, TGI, llama.cpp's server, hosted APIs)
//! through `/v1/completions`: several endpoints round-robin, a request
//! timeout, and retries with exponential backoff and jitter on 429 (honouring
//! `Retry-After`), 5xx, timeouts and connection errors. The paper's recipe is
//! applied on our side, so every server gets the same truncation rule and
//! two-step generation as the local runtime.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use hexacoder_model::generate::{split_imports, two_step_prompt};
use hexacoder_model::{GenerateOptions, Language};
use serde_json::{json, Value};

use crate::{Backend, BackendError, Request, Response};

/// One server: `openai:<base-url>#<model>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// Up to and including `/v1` (`http://127.0.0.1:8000/v1`).
    pub base_url: String,
    pub model: String,
}

impl Endpoint {
    /// Parses `openai:<base-url>#<model>`.
    pub fn parse(spec: &str) -> Result<Endpoint, BackendError> {
        let bad = |why: &str| {
            BackendError::Other(format!("backend `{spec}`: {why}; expected openai:<base-url>#<model>, e.g. openai:http://127.0.0.1:8000/v1#qwen"))
        };
        let rest = spec
            .strip_prefix("openai:")
            .ok_or_else(|| bad("no `openai:` prefix"))?;
        let (url, model) = rest.rsplit_once('#').ok_or_else(|| bad("no `#<model>`"))?;
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(bad("the base URL must start with http:// or https://"));
        }
        if model.is_empty() {
            return Err(bad("the model name is empty"));
        }
        Ok(Endpoint {
            base_url: url.trim_end_matches('/').to_string(),
            model: model.to_string(),
        })
    }
}

/// Retry and timeout settings.
#[derive(Debug, Clone)]
pub struct Policy {
    pub timeout: Duration,
    /// Attempts after the first.
    pub retries: u32,
    /// First backoff; doubles per attempt, with up to 50 % jitter.
    pub backoff: Duration,
    /// Longest single wait (also caps `Retry-After`).
    pub max_backoff: Duration,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            timeout: Duration::from_secs(120),
            retries: 5,
            backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
        }
    }
}

pub struct OpenAi {
    endpoints: Vec<Endpoint>,
    api_key: Option<String>,
    policy: Policy,
    client: reqwest::blocking::Client,
    next: AtomicUsize,
    jitter: AtomicU64,
}

/// Why one attempt failed, and whether another may succeed.
struct Attempt {
    message: String,
    retry: bool,
    wait: Option<Duration>,
}

impl OpenAi {
    pub fn new(
        endpoints: Vec<Endpoint>,
        api_key: Option<String>,
        policy: Policy,
    ) -> Result<OpenAi, BackendError> {
        if endpoints.is_empty() {
            return Err(BackendError::Other("no endpoints".into()));
        }
        let client = reqwest::blocking::Client::builder()
            .timeout(policy.timeout)
            .connect_timeout(policy.timeout.min(Duration::from_secs(10)))
            .tcp_nodelay(true)
            .build()
            .map_err(|e| BackendError::Other(format!("HTTP client: {e}")))?;
        Ok(OpenAi {
            endpoints,
            api_key,
            policy,
            client,
            next: AtomicUsize::new(0),
            jitter: AtomicU64::new(0x9e37_79b9_7f4a_7c15),
        })
    }

    /// A pseudo-random fraction in [0, 1) for jitter: the project's SplitMix64 stream,
    /// advanced atomically so concurrent retries draw different values.
    fn random(&self) -> f64 {
        use hexacoder_formats::rng::{mix, GAMMA};
        let state = self
            .jitter
            .fetch_add(GAMMA, Ordering::Relaxed)
            .wrapping_add(GAMMA);
        (mix(state) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn attempt(&self, ep: &Endpoint, path: &str, body: &Value) -> Result<Value, Attempt> {
        let url = format!("{}/{path}", ep.base_url);
        let mut req = self.client.post(&url).json(body);
        if let Some(k) = &self.api_key {
            req = req.bearer_auth(k);
        }
        let resp = req.send().map_err(|e| Attempt {
            message: if e.is_timeout() {
                format!("{url}: timed out after {:?}", self.policy.timeout)
            } else {
                format!("{url}: {}", error_chain(&e))
            },
            retry: true,
            wait: None,
        })?;
        let status = resp.status();
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map(Duration::from_secs_f64);
        let text = resp.text().map_err(|e| Attempt {
            message: format!("{url}: reading the reply: {}", error_chain(&e)),
            retry: true,
            wait: None,
        })?;
        if !status.is_success() {
            let detail: String = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
                .unwrap_or_else(|| text.chars().take(200).collect());
            return Err(Attempt {
                message: format!("{url}: HTTP {status}: {detail}"),
                retry: status.as_u16() == 429 || status.is_server_error(),
                wait: retry_after,
            });
        }
        serde_json::from_str(&text).map_err(|e| Attempt {
            message: format!("{url}: the reply is not JSON ({e})"),
            retry: true,
            wait: None,
        })
    }

    /// One completion call with retries, on the next endpoint in turn.
    fn call(&self, path: &str, body: &Value) -> Result<Value, BackendError> {
        let mut last = String::new();
        for attempt in 0..=self.policy.retries {
            let ep =
                &self.endpoints[self.next.fetch_add(1, Ordering::Relaxed) % self.endpoints.len()];
            let mut body = body.clone();
            body["model"] = json!(ep.model);
            match self.attempt(ep, path, &body) {
                Ok(v) => return Ok(v),
                Err(a) => {
                    last = a.message;
                    if !a.retry || attempt == self.policy.retries {
                        break;
                    }
                    let exp = self.policy.backoff.as_secs_f64() * 2f64.powi(attempt as i32);
                    let wait = a
                        .wait
                        .map(|w| w.as_secs_f64())
                        .unwrap_or(exp * (1.0 + 0.5 * self.random()))
                        .min(self.policy.max_backoff.as_secs_f64());
                    std::thread::sleep(Duration::from_secs_f64(wait));
                }
            }
        }
        Err(BackendError::Other(format!(
            "gave up after {} attempt(s): {last}",
            self.policy.retries + 1
        )))
    }

    /// `n` completions of `prompt` (more calls when a server returns fewer choices than asked).
    fn complete_raw(
        &self,
        prompt: &str,
        opts: &GenerateOptions,
        n: usize,
        max_tokens: usize,
    ) -> Result<Vec<(String, String)>, BackendError> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut round = 0u64;
        while out.len() < n {
            let mut body = json!({
                "prompt": prompt,
                "max_tokens": max_tokens,
                "temperature": opts.sampling.temperature,
                "top_p": opts.sampling.top_p,
                "n": n - out.len(),
                "seed": opts.sampling.seed.wrapping_add(round),
            });
            if !opts.stop.is_empty() {
                body["stop"] = json!(opts.stop.iter().take(4).collect::<Vec<_>>());
            }
            let v = self.call("completions", &body)?;
            let choices = v["choices"]
                .as_array()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| {
                    BackendError::Other(format!(
                        "the reply has no `choices`: {}",
                        v.to_string().chars().take(200).collect::<String>()
                    ))
                })?;
            for c in choices {
                let text = c["text"].as_str().ok_or_else(|| {
                    BackendError::Other(
                        "a choice has no `text` (is this a chat-only endpoint?)".into(),
                    )
                })?;
                let finish = c["finish_reason"].as_str().unwrap_or("stop").to_string();
                out.push((text.to_string(), finish));
            }
            round += 1;
        }
        out.truncate(n);
        Ok(out)
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// Our stop strings and truncation rule, applied to a server's text.
fn cut(text: &str, opts: &GenerateOptions) -> Option<usize> {
    let by_string = opts
        .stop
        .iter()
        .filter(|s| !s.is_empty())
        .filter_map(|s| text.find(s.as_str()))
        .min();
    let by_rule = opts
        .truncate
        .and_then(|l: Language| l.truncation_point(text));
    match (by_string, by_rule) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl Backend for OpenAi {
    fn describe(&self) -> String {
        self.endpoints
            .iter()
            .map(|e| format!("openai:{}#{}", e.base_url, e.model))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Instruct when the served model's name says it is an instruction model.
    fn native_style(&self) -> crate::style::PromptStyle {
        let instruct = self
            .endpoints
            .iter()
            .all(|e| hexacoder_model::chat::instruction_name(&e.model));
        if instruct {
            crate::style::PromptStyle::Instruct
        } else {
            crate::style::PromptStyle::Completion
        }
    }

    fn chat(
        &self,
        messages: &[crate::ChatMessage],
        max_tokens: usize,
        sampling: &hexacoder_model::SamplingParams,
    ) -> Result<String, BackendError> {
        let body = json!({
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": sampling.temperature,
            "top_p": sampling.top_p,
            "seed": sampling.seed,
        });
        let v = self.call("chat/completions", &body)?;
        v["choices"][0]["message"]["content"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| {
                BackendError::Other(format!(
                    "the chat reply has no choices[0].message.content: {}",
                    v.to_string().chars().take(200).collect::<String>()
                ))
            })
    }

    /// `/v1/chat/completions` with `n`; a prefill travels as a final assistant message with
    /// vLLM's `continue_final_message` (servers without it answer a fresh turn instead).
    fn chat_complete(
        &self,
        messages: &[crate::ChatMessage],
        prefill: &str,
        options: &GenerateOptions,
    ) -> Result<Response, BackendError> {
        options.validate()?;
        let mut msgs: Vec<crate::ChatMessage> = messages.to_vec();
        if !prefill.is_empty() {
            msgs.push(crate::ChatMessage::new("assistant", prefill));
        }
        let mut completions = Vec::with_capacity(options.n);
        let mut finish = Vec::with_capacity(options.n);
        let mut round = 0u64;
        while completions.len() < options.n {
            let mut body = json!({
                "messages": msgs,
                "max_tokens": options.max_new_tokens,
                "temperature": options.sampling.temperature,
                "top_p": options.sampling.top_p,
                "n": options.n - completions.len(),
                "seed": options.sampling.seed.wrapping_add(round),
            });
            if !prefill.is_empty() {
                body["continue_final_message"] = json!(true);
                body["add_generation_prompt"] = json!(false);
            }
            if !options.stop.is_empty() {
                body["stop"] = json!(options.stop.iter().take(4).collect::<Vec<_>>());
            }
            let v = self.call("chat/completions", &body)?;
            let choices = v["choices"]
                .as_array()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| {
                    BackendError::Other(format!(
                        "the chat reply has no `choices`: {}",
                        v.to_string().chars().take(200).collect::<String>()
                    ))
                })?;
            for c in choices {
                let text = c["message"]["content"].as_str().ok_or_else(|| {
                    BackendError::Other("a chat choice has no message.content".into())
                })?;
                match cut(text, options) {
                    Some(i) => {
                        completions.push(text[..i].to_string());
                        finish.push("stop".to_string());
                    }
                    None => {
                        completions.push(text.to_string());
                        finish.push(c["finish_reason"].as_str().unwrap_or("stop").to_string());
                    }
                }
            }
            round += 1;
        }
        completions.truncate(options.n);
        finish.truncate(options.n);
        Ok(Response {
            prompt: String::new(),
            completions,
            finish,
            added_imports: Vec::new(),
            tokens: 0,
        })
    }

    fn complete(&self, request: &Request) -> Result<Response, BackendError> {
        let opts = &request.options;
        opts.validate()?;
        let mut prompt = request.prompt.clone();
        let mut added = Vec::new();
        let mut budget = opts.max_new_tokens;
        if let (Some(import_tokens), Some(lang)) = (opts.two_step, opts.language) {
            let (imports, rest) = split_imports(&request.prompt, lang);
            if !imports.is_empty() {
                let first = self.complete_raw(&imports, opts, 1, import_tokens)?;
                let (text, finish) = &first[0];
                let (augmented, new) =
                    two_step_prompt(&imports, &rest, text, finish == "stop", lang);
                prompt = augmented;
                added = new;
                budget = opts.max_new_tokens.saturating_sub(import_tokens).max(1);
            }
        }
        let raw = self.complete_raw(&prompt, opts, opts.n, budget)?;
        let mut completions = Vec::with_capacity(raw.len());
        let mut finish = Vec::with_capacity(raw.len());
        for (text, f) in raw {
            match cut(&text, opts) {
                Some(i) => {
                    completions.push(text[..i].to_string());
                    finish.push("stop".to_string());
                }
                None => {
                    completions.push(text);
                    finish.push(f);
                }
            }
        }
        Ok(Response {
            prompt,
            completions,
            finish,
            added_imports: added,
            tokens: 0,
        })
    }
}

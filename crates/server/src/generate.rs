//! `/v1/completions` and `/v1/chat/completions`: check the request, queue one job per
//! prompt, and answer with the whole result or stream it as server-sent events.

use std::convert::Infallible;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event as Sse, KeepAlive};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::stream::{self, Stream, StreamExt};
use hexacoder_model::{FinishReason, GenerateOptions, Language, SamplingParams};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use crate::error::ApiError;
use crate::request::{self, ChatRequest, CompletionRequest, Sampling};
use crate::worker::{Job, JobEvent, SubmitError};
use crate::{check_model, AppState, Shared};

/// The body, or the limit it broke.
pub fn body_bytes(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::invalid("", "the request body is larger than the server's limit")
                .with_status(StatusCode::PAYLOAD_TOO_LARGE)
                .with_code("body_too_large")
        } else {
            ApiError::invalid("", format!("the request body could not be read: {r}"))
        }
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Chat,
}

/// A checked request, ready to queue.
struct Plan {
    kind: Kind,
    prompts: Vec<String>,
    opts: GenerateOptions,
    stream: bool,
    include_usage: bool,
    echo: bool,
}

/// Options from the sampling fields both endpoints share.
fn sampling(s: &Sampling, state: &AppState) -> Result<GenerateOptions, ApiError> {
    let n = s.n.unwrap_or(1);
    if n == 0 || n > state.config.n_cap as u64 {
        return Err(ApiError::invalid(
            "n",
            format!(
                "`n`: {n} is out of range; this server allows 1 to {}",
                state.config.n_cap
            ),
        ));
    }
    let temperature = s.temperature.unwrap_or(1.0);
    if !(0.0..=2.0).contains(&temperature) {
        return Err(ApiError::invalid(
            "temperature",
            format!("`temperature`: {temperature} is not between 0 and 2"),
        ));
    }
    let top_p = s.top_p.unwrap_or(1.0);
    if !(top_p > 0.0 && top_p <= 1.0) {
        return Err(ApiError::invalid(
            "top_p",
            format!("`top_p`: {top_p} is not in (0, 1]"),
        ));
    }
    for (name, v) in [
        ("presence_penalty", s.presence_penalty),
        ("frequency_penalty", s.frequency_penalty),
    ] {
        if v.is_some_and(|v| v != 0.0) {
            return Err(ApiError::invalid(
                name,
                format!("`{name}`: penalties are not supported; leave it out or send 0"),
            ));
        }
    }
    if s.logit_bias.as_ref().is_some_and(|b| !b.is_empty()) {
        return Err(ApiError::invalid(
            "logit_bias",
            "`logit_bias`: not supported; leave it out",
        ));
    }
    let stop = s.stop.clone().map(|s| s.into_vec()).unwrap_or_default();
    if stop.len() > 16 {
        return Err(ApiError::invalid(
            "stop",
            format!("`stop`: {} strings; at most 16", stop.len()),
        ));
    }
    let seed = match s.seed {
        Some(seed) => seed as u64,
        None => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
    };
    Ok(GenerateOptions {
        n: n as usize,
        max_new_tokens: 16,
        sampling: SamplingParams {
            temperature: temperature as f32,
            top_p: top_p as f32,
            top_k: s.top_k.unwrap_or(0) as usize,
            seed,
        },
        stop: stop.into_iter().filter(|s| !s.is_empty()).collect(),
        truncate: None,
        two_step: None,
        language: None,
    })
}

fn check_max_tokens(param: &str, v: u64, state: &AppState) -> Result<usize, ApiError> {
    let cap = state.config.max_tokens_cap;
    if v == 0 || v > cap as u64 {
        return Err(ApiError::invalid(
            param,
            format!("`{param}`: {v} is out of range; this server allows 1 to {cap}"),
        ));
    }
    Ok(v as usize)
}

/// The language whose imports two-step generation splits off: the request's, or C when the
/// prompt has `#include` lines, else Python.
fn language(named: Option<&str>, prompt: &str) -> Result<Language, ApiError> {
    match named {
        Some(l) => Language::parse(l).ok_or_else(|| {
            ApiError::invalid(
                "language",
                format!("`language`: `{l}` is not `python` or `c`"),
            )
        }),
        None if prompt
            .lines()
            .any(|l| l.trim_start().starts_with("#include")) =>
        {
            Ok(Language::C)
        }
        None => Ok(Language::Python),
    }
}

pub async fn completions(
    State(state): State<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body_bytes(body)?;
    let req: CompletionRequest = request::parse(&body)?;
    let sampled: Sampling = request::parse(&body)?;
    check_model(&state, &req.model)?;
    let prompts = request::prompts(&req.prompt)?;
    if prompts.len() > state.config.queue {
        // More jobs than the queue holds could never be accepted: a 503 would invite retries.
        return Err(ApiError::invalid(
            "prompt",
            format!(
                "`prompt`: {} prompts in one request; this server takes at most {}",
                prompts.len(),
                state.config.queue
            ),
        ));
    }
    let mut opts = sampling(&sampled, &state)?;
    let choices = prompts.len() * opts.n;
    if choices > state.config.n_cap {
        // --n-cap bounds the samples of a request, however they are spread over prompts.
        return Err(ApiError::invalid(
            "n",
            format!(
                "{} prompts × n {} = {choices} samples in one request; this server returns at most {}",
                prompts.len(),
                opts.n,
                state.config.n_cap
            ),
        ));
    }
    if req.logprobs.as_ref().is_some_and(|l| !l.is_null()) {
        return Err(ApiError::invalid(
            "logprobs",
            "`logprobs`: not supported; leave it out",
        ));
    }
    if req.suffix.as_deref().is_some_and(|s| !s.is_empty()) {
        return Err(ApiError::invalid("suffix", "`suffix`: not supported"));
    }
    if let Some(b) = req.best_of {
        if b != opts.n as u64 && b != 1 {
            return Err(ApiError::invalid(
                "best_of",
                "`best_of`: only best_of = n is supported",
            ));
        }
    }
    let max_tokens = check_max_tokens("max_tokens", req.max_tokens.unwrap_or(16), &state)?;
    opts.max_new_tokens = max_tokens;
    if req.secure.unwrap_or(state.config.two_step) {
        let lang = language(req.language.as_deref(), &prompts[0])?;
        // `max_tokens` counts the body's tokens; the import step's come on top.
        opts.two_step = Some(state.config.import_tokens);
        opts.language = Some(lang);
        opts.max_new_tokens += state.config.import_tokens;
    } else if let Some(l) = &req.language {
        language(Some(l), "")?;
    }
    let counts = count_tokens(&state, &prompts).await?;
    fits_context(&state, &counts, max_tokens)?;
    let plan = Plan {
        kind: Kind::Text,
        prompts,
        opts,
        stream: req.stream.unwrap_or(false),
        include_usage: req.stream_options.is_some_and(|o| o.include_usage),
        echo: req.echo.unwrap_or(false),
    };
    run(state, plan).await
}

pub async fn chat(
    State(state): State<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body_bytes(body)?;
    let req: ChatRequest = request::parse(&body)?;
    let sampled: Sampling = request::parse(&body)?;
    check_model(&state, &req.model)?;
    if req.messages.is_empty() {
        return Err(ApiError::invalid("messages", "`messages`: is empty"));
    }
    let mut turns = Vec::with_capacity(req.messages.len());
    for (i, m) in req.messages.iter().enumerate() {
        if !matches!(
            m.role.as_str(),
            "system" | "user" | "assistant" | "developer"
        ) {
            return Err(ApiError::invalid(
                format!("messages[{i}].role"),
                format!(
                    "`messages[{i}].role`: `{}` is not system, developer, user or assistant",
                    m.role
                ),
            ));
        }
        let role = if m.role == "developer" {
            "system"
        } else {
            m.role.as_str()
        };
        turns.push((role.to_string(), request::message_text(m, i)?));
    }
    if req.logprobs == Some(true) {
        return Err(ApiError::invalid("logprobs", "`logprobs`: not supported"));
    }
    if req.tools.as_ref().is_some_and(|t| !t.is_empty()) {
        return Err(ApiError::invalid(
            "tools",
            "`tools`: tool calls are not supported",
        ));
    }
    // Continuing the assistant's last message: the template renders the turns before it,
    // and the reply goes on from its text.
    let prefill = if req.continue_final_message == Some(true) {
        match turns.last() {
            Some((role, _)) if role == "assistant" => turns.pop().map(|(_, c)| c),
            _ => {
                return Err(ApiError::invalid(
                    "continue_final_message",
                    "`continue_final_message`: the last message is not the assistant's",
                ))
            }
        }
    } else {
        None
    };
    let refs: Vec<(&str, &str)> = turns
        .iter()
        .map(|(r, c)| (r.as_str(), c.as_str()))
        .collect();
    let mut prompt = state
        .model
        .chat_prompt(&refs)
        .map_err(|e| ApiError::invalid("messages", e.to_string()))?;
    if let Some(p) = prefill {
        prompt.push_str(&p);
    }
    let mut opts = sampling(&sampled, &state)?;
    let asked = req.max_completion_tokens.or(req.max_tokens);
    let counts = count_tokens(&state, std::slice::from_ref(&prompt)).await?;
    fits_context(&state, &counts, 1)?;
    opts.max_new_tokens = match asked {
        Some(v) => check_max_tokens(
            if req.max_completion_tokens.is_some() {
                "max_completion_tokens"
            } else {
                "max_tokens"
            },
            v,
            &state,
        )?,
        // Unset: as much as the context leaves, up to the cap.
        None => state
            .config
            .max_tokens_cap
            .min(state.model.config.max_position - counts[0]),
    };
    fits_context(&state, &counts, opts.max_new_tokens)?;
    let plan = Plan {
        kind: Kind::Chat,
        prompts: vec![prompt],
        opts,
        stream: req.stream.unwrap_or(false),
        include_usage: req.stream_options.is_some_and(|o| o.include_usage),
        echo: false,
    };
    run(state, plan).await
}

/// Each prompt's token count. Tokenizing a long prompt takes a while, so it runs off the
/// async threads.
async fn count_tokens(state: &Shared, prompts: &[String]) -> Result<Vec<usize>, ApiError> {
    let model = state.model.clone();
    let prompts = prompts.to_vec();
    tokio::task::spawn_blocking(move || {
        prompts
            .iter()
            .map(|p| model.tokenizer.encode(p).map(|ids| ids.len()))
            .collect::<Result<Vec<usize>, _>>()
    })
    .await
    .map_err(|e| ApiError::internal(format!("tokenizer failed: {e}")))?
    .map_err(|e| ApiError::invalid("prompt", e.to_string()))
}

/// Refuse empty prompts and prompts that, with `max_tokens` to generate, do not fit the
/// context window.
fn fits_context(state: &AppState, counts: &[usize], max_tokens: usize) -> Result<(), ApiError> {
    let context = state.model.config.max_position;
    for &count in counts {
        if count == 0 {
            return Err(ApiError::invalid("prompt", "`prompt`: is empty"));
        }
        if count + max_tokens > context {
            return Err(ApiError::invalid(
                "prompt",
                format!(
                    "This model's maximum context length is {context} tokens; the request \
                     asks for {} ({count} in the prompt, {max_tokens} to generate)",
                    count + max_tokens
                ),
            )
            .with_code("context_length_exceeded"));
        }
    }
    Ok(())
}

/// Queue the plan's jobs and answer.
async fn run(state: Shared, plan: Plan) -> Result<Response, ApiError> {
    let (tx, rx) = mpsc::unbounded_channel();
    let n = plan.opts.n;
    for (k, prompt) in plan.prompts.iter().enumerate() {
        let job = Job {
            prompt: prompt.clone(),
            opts: plan.opts.clone(),
            first_index: k * n,
            stream: plan.stream,
            events: tx.clone(),
        };
        match state.queue.submit(job) {
            Ok(()) => {}
            Err(SubmitError::Full) => return Err(ApiError::overloaded()),
            Err(SubmitError::Closed) => {
                return Err(ApiError::internal("the model thread has stopped"))
            }
        }
    }
    drop(tx);
    let reply = Reply::new(&state, &plan);
    if plan.stream {
        Ok(stream_reply(reply, rx).into_response())
    } else {
        whole_reply(reply, rx).await
    }
}

/// What a reply needs to know, and what it has gathered.
struct Reply {
    kind: Kind,
    id: String,
    created: u64,
    model: String,
    jobs_left: usize,
    texts: Vec<String>,
    finish: Vec<Option<FinishReason>>,
    tokens: Vec<usize>,
    prompt_tokens: usize,
    added_imports: Vec<Vec<String>>,
    include_usage: bool,
    started: Instant,
}

impl Reply {
    fn new(state: &AppState, plan: &Plan) -> Reply {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let (created, nanos) = (now.as_secs(), now.subsec_nanos());
        let choices = plan.prompts.len() * plan.opts.n;
        let texts = if plan.echo {
            plan.prompts
                .iter()
                .flat_map(|p| std::iter::repeat_n(p.clone(), plan.opts.n))
                .collect()
        } else {
            vec![String::new(); choices]
        };
        Reply {
            kind: plan.kind,
            id: format!(
                "{}-{created:x}{nanos:08x}",
                if plan.kind == Kind::Chat {
                    "chatcmpl"
                } else {
                    "cmpl"
                }
            ),
            created,
            model: state.config.model_id.clone(),
            jobs_left: plan.prompts.len(),
            texts,
            finish: vec![None; choices],
            tokens: vec![0; choices],
            prompt_tokens: 0,
            added_imports: Vec::new(),
            include_usage: plan.include_usage,
            started: Instant::now(),
        }
    }

    fn usage(&self) -> Value {
        let completion: usize = self.tokens.iter().sum();
        json!({
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": completion,
            "total_tokens": self.prompt_tokens + completion,
        })
    }

    fn log(&self, streamed: bool) {
        tracing::info!(
            id = self.id,
            streamed,
            prompt_tokens = self.prompt_tokens,
            completion_tokens = self.tokens.iter().sum::<usize>(),
            ms = (self.started.elapsed().as_secs_f64() * 1e4).round() / 10.0,
            "generated"
        );
    }

    /// Take one event in; `Err` when a job failed.
    fn absorb(&mut self, event: &JobEvent) -> Result<(), ApiError> {
        match event {
            JobEvent::Delta { index, text } => self.texts[*index].push_str(text),
            JobEvent::Finished {
                index,
                finish,
                tokens,
            } => {
                self.finish[*index] = Some(*finish);
                self.tokens[*index] = *tokens;
            }
            JobEvent::Done {
                prompt_tokens,
                added_imports,
            } => {
                self.jobs_left -= 1;
                self.prompt_tokens += prompt_tokens;
                self.added_imports.push(added_imports.clone());
            }
            JobEvent::Failed { message } => {
                return Err(ApiError::invalid("prompt", message.clone()));
            }
        }
        Ok(())
    }

    fn finish_reason(&self, index: usize) -> Value {
        self.finish[index].map_or(Value::Null, |f| json!(f.as_openai()))
    }

    /// The whole response body.
    fn body(&self) -> Value {
        let choices: Vec<Value> = (0..self.texts.len())
            .map(|i| match self.kind {
                Kind::Text => json!({
                    "index": i,
                    "text": self.texts[i],
                    "logprobs": null,
                    "finish_reason": self.finish_reason(i),
                }),
                Kind::Chat => json!({
                    "index": i,
                    "message": {"role": "assistant", "content": self.texts[i]},
                    "logprobs": null,
                    "finish_reason": self.finish_reason(i),
                }),
            })
            .collect();
        let mut body = json!({
            "id": self.id,
            "object": if self.kind == Kind::Chat { "chat.completion" } else { "text_completion" },
            "created": self.created,
            "model": self.model,
            "system_fingerprint": null,
            "choices": choices,
            "usage": self.usage(),
        });
        if self.added_imports.iter().any(|a| !a.is_empty()) {
            body["hexacoder"] = json!({"added_imports": self.added_imports});
        }
        body
    }

    /// One streamed chunk: `choices` as given, `usage` when asked.
    fn chunk(&self, choices: Vec<Value>, usage: Option<Value>) -> Sse {
        let mut body = json!({
            "id": self.id,
            "object": if self.kind == Kind::Chat { "chat.completion.chunk" } else { "text_completion" },
            "created": self.created,
            "model": self.model,
            "system_fingerprint": null,
            "choices": choices,
        });
        if let Some(u) = usage {
            body["usage"] = u;
        }
        Sse::default().data(body.to_string())
    }

    fn piece(&self, index: usize, text: &str, finish: Value) -> Value {
        match self.kind {
            Kind::Text => json!({
                "index": index, "text": text, "logprobs": null, "finish_reason": finish,
            }),
            Kind::Chat => {
                let delta = if text.is_empty() && !finish.is_null() {
                    json!({})
                } else {
                    json!({"content": text})
                };
                json!({"index": index, "delta": delta, "logprobs": null, "finish_reason": finish})
            }
        }
    }
}

async fn whole_reply(
    mut reply: Reply,
    mut rx: mpsc::UnboundedReceiver<JobEvent>,
) -> Result<Response, ApiError> {
    while reply.jobs_left > 0 {
        let Some(event) = rx.recv().await else {
            return Err(ApiError::internal("the model thread stopped"));
        };
        reply.absorb(&event)?;
    }
    reply.log(false);
    Ok(Json(reply.body()).into_response())
}

/// Server-sent events: the echoed prompt or the assistant's role first, then each piece of
/// text as it comes, each choice's finish reason, usage when asked, and `[DONE]`. Dropping
/// the stream (the client went away) closes the job's channel, which cancels it.
fn stream_reply(
    reply: Reply,
    rx: mpsc::UnboundedReceiver<JobEvent>,
) -> axum::response::Sse<impl Stream<Item = Result<Sse, Infallible>>> {
    let opening: Vec<Sse> = (0..reply.texts.len())
        .filter_map(|i| match reply.kind {
            Kind::Chat => Some(reply.chunk(
                vec![json!({
                    "index": i,
                    "delta": {"role": "assistant", "content": ""},
                    "logprobs": null,
                    "finish_reason": null,
                })],
                None,
            )),
            Kind::Text if !reply.texts[i].is_empty() => {
                Some(reply.chunk(vec![reply.piece(i, &reply.texts[i], Value::Null)], None))
            }
            Kind::Text => None,
        })
        .collect();
    let events = stream::unfold(Some((reply, rx)), |st| async move {
        let (mut reply, mut rx) = st?;
        if reply.jobs_left == 0 {
            reply.log(true);
            let mut last = Vec::new();
            if reply.include_usage {
                last.push(reply.chunk(Vec::new(), Some(reply.usage())));
            }
            last.push(Sse::default().data("[DONE]"));
            return Some((last, None));
        }
        let Some(event) = rx.recv().await else {
            let e = ApiError::internal("the model thread stopped");
            return Some((vec![Sse::default().data(e.body().to_string())], None));
        };
        if let Err(e) = reply.absorb(&event) {
            // A failed job ends the stream with OpenAI's error object.
            return Some((vec![Sse::default().data(e.body().to_string())], None));
        }
        let out = match event {
            JobEvent::Delta { index, text } => {
                vec![reply.chunk(vec![reply.piece(index, &text, Value::Null)], None)]
            }
            JobEvent::Finished { index, .. } => {
                let f = reply.finish_reason(index);
                vec![reply.chunk(vec![reply.piece(index, "", f)], None)]
            }
            _ => Vec::new(),
        };
        Some((out, Some((reply, rx))))
    })
    .flat_map(stream::iter)
    .map(Ok);
    axum::response::Sse::new(stream::iter(opening.into_iter().map(Ok)).chain(events))
        .keep_alive(KeepAlive::default())
}

//! Request bodies of the OpenAI API as this server accepts them, and their checks. Every
//! rejection names the field (`max_tokens`, `messages[2].content`, …). Fields OpenAI has and
//! this server cannot honour (`logprobs`, `suffix`, tools, penalties) are refused rather
//! than silently ignored; fields it does not know are ignored, as OpenAI-compatible servers do.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::ApiError;

/// A string or an array of strings (`prompt`, `stop`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StreamOptions {
    #[serde(default)]
    pub include_usage: bool,
}

/// Sampling fields shared by both endpoints, parsed from the same body on their own (serde's
/// `flatten` would lose the field names in error messages).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Sampling {
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    /// An extension (vLLM and llama.cpp have it too).
    pub top_k: Option<u32>,
    pub n: Option<u64>,
    pub seed: Option<i64>,
    pub stop: Option<OneOrMany>,
    pub presence_penalty: Option<f64>,
    pub frequency_penalty: Option<f64>,
    pub logit_bias: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CompletionRequest {
    pub model: String,
    pub prompt: serde_json::Value,
    pub max_tokens: Option<u64>,
    pub stream: Option<bool>,
    pub stream_options: Option<StreamOptions>,
    pub echo: Option<bool>,
    pub logprobs: Option<serde_json::Value>,
    pub suffix: Option<String>,
    pub best_of: Option<u64>,
    /// Extension: two-step generation (imports first) for this request.
    pub secure: Option<bool>,
    /// Extension: `python` or `c`, the language two-step generation splits imports of
    /// (guessed from the prompt when absent).
    pub language: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ChatRequest {
    pub model: String,
    pub messages: Vec<Message>,
    pub max_tokens: Option<u64>,
    pub max_completion_tokens: Option<u64>,
    pub stream: Option<bool>,
    pub stream_options: Option<StreamOptions>,
    pub logprobs: Option<bool>,
    pub tools: Option<Vec<serde_json::Value>>,
    /// vLLM's extension: the last message is the start of the assistant's reply, to be
    /// continued (two-step generation in instruct style prefills the code fence).
    pub continue_final_message: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Message {
    pub role: String,
    pub content: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ScanRequest {
    pub code: String,
    pub language: String,
    /// Only findings of these CWEs.
    pub cwe: Option<Vec<String>>,
}

/// Parse a JSON body into `T`; errors name the field and say what was wrong.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if std::str::from_utf8(body).is_err() {
        return Err(ApiError::invalid("", "the request body is not valid UTF-8"));
    }
    // A body that is JSON but not an object ([1, 2, 3]) is named as such, not as a type error
    // deep in some field.
    let first = body.iter().copied().find(|b| !b.is_ascii_whitespace());
    if let (Some(b), Ok(v)) = (first, serde_json::from_slice::<serde_json::Value>(body)) {
        if b != b'{' {
            let kind = match v {
                serde_json::Value::Array(_) => "an array",
                serde_json::Value::String(_) => "a string",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Bool(_) => "a boolean",
                _ => "null",
            };
            return Err(ApiError::invalid(
                "",
                format!("the request body must be a JSON object, not {kind}"),
            ));
        }
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let param = if path == "." || path == "?" || inner.is_syntax() || inner.is_eof() {
            String::new()
        } else {
            path
        };
        let what = inner.to_string();
        let what = if what.contains("untagged enum OneOrMany") {
            "must be a string or an array of strings".to_string()
        } else {
            what
        };
        let message = if inner.is_syntax() || inner.is_eof() {
            format!("the request body is not valid JSON: {what}")
        } else if param.is_empty() {
            format!("invalid request: {what}")
        } else {
            format!("`{param}`: {what}")
        };
        ApiError::invalid(param, message)
    })
}

/// The text of a chat message's content: a string, or an array of `{"type": "text"}` parts.
pub fn message_text(m: &Message, at: usize) -> Result<String, ApiError> {
    let param = format!("messages[{at}].content");
    match &m.content {
        None | Some(serde_json::Value::Null) => Ok(String::new()),
        Some(serde_json::Value::String(s)) => Ok(s.clone()),
        Some(serde_json::Value::Array(parts)) => {
            let mut text = String::new();
            for (i, p) in parts.iter().enumerate() {
                match (p.get("type").and_then(|t| t.as_str()), p.get("text")) {
                    (Some("text"), Some(serde_json::Value::String(t))) => text.push_str(t),
                    _ => {
                        return Err(ApiError::invalid(
                            format!("{param}[{i}]"),
                            format!("`{param}[{i}]`: only text parts are supported"),
                        ))
                    }
                }
            }
            Ok(text)
        }
        Some(_) => Err(ApiError::invalid(
            param.clone(),
            format!("`{param}`: must be a string or an array of text parts"),
        )),
    }
}

/// The prompts of a completion request: a string or an array of strings.
pub fn prompts(v: &serde_json::Value) -> Result<Vec<String>, ApiError> {
    let bad = || {
        ApiError::invalid(
            "prompt",
            "`prompt`: must be a string or an array of strings (token-id prompts are not supported)",
        )
    };
    match v {
        serde_json::Value::String(s) => Ok(vec![s.clone()]),
        serde_json::Value::Array(items) if items.is_empty() => Err(ApiError::invalid(
            "prompt",
            "`prompt`: is an empty array; give at least one prompt",
        )),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string).ok_or_else(bad))
            .collect(),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(e: ApiError) -> String {
        format!("{e:?}")
    }

    #[test]
    fn bodies_and_prompts_are_named_for_what_is_wrong() {
        let e = parse::<ScanRequest>(b"[1,2,3]").unwrap_err();
        assert!(message(e).contains("must be a JSON object, not an array"));
        let e = parse::<ScanRequest>(b"  \"x\"").unwrap_err();
        assert!(message(e).contains("not a string"));
        let e = prompts(&serde_json::json!([])).unwrap_err();
        assert!(message(e).contains("empty array"));
        let e = prompts(&serde_json::json!([1, 2])).unwrap_err();
        assert!(message(e).contains("token-id prompts are not supported"));
        assert_eq!(
            prompts(&serde_json::json!(["a", "b"])).unwrap(),
            vec!["a", "b"]
        );
    }
}

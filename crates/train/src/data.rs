//! Training data: dataset JSONL rows (`text` + `changes`, optionally `vulnerable`, `cwe`,
//! `language`), turned into token ids and per-token weights.
//!
//! A token weighs 1 when it covers a changed character of `text`, else 0 — the paper's
//! `char_to_token` rule, through the tokenizer's offsets; a row without `changes` weighs every
//! token. Characters are Unicode scalar values, as Python indexes strings.

use std::path::Path;

use hexacoder_model::style::Template;
use hexacoder_model::tokenizer::Tokenizer;
use hexacoder_model::Language;
use serde::Deserialize;

use crate::error::{Result, TrainError};

pub use hexacoder_formats::Change;

/// One training example.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// 1-based line in the dataset file.
    pub line: usize,
    pub ids: Vec<u32>,
    /// 0 or 1 per token.
    pub weights: Vec<f32>,
    /// The `vulnerable` program's ids and the weights of its tokens that the fix removed or
    /// replaced (for the unlikelihood term), when the row has it and it was asked for.
    pub negative: Option<(Vec<u32>, Vec<f32>)>,
}

/// Character spans of `vulnerable` that the fix deleted or replaced (a character diff).
pub fn removed_spans(vulnerable: &str, fixed: &str) -> Vec<Change> {
    use similar::{DiffOp, TextDiff};
    let diff = TextDiff::from_chars(vulnerable, fixed);
    diff.ops()
        .iter()
        .filter_map(|op| match *op {
            DiffOp::Delete {
                old_index, old_len, ..
            }
            | DiffOp::Replace {
                old_index, old_len, ..
            } => Some(Change::new(old_index, old_index + old_len)),
            _ => None,
        })
        .collect()
}

/// What loading a dataset did with its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub rows: usize,
    pub examples: usize,
    /// Rows longer than `max_len` tokens, cut.
    pub truncated: usize,
    /// Rows whose weighted tokens all lie past `max_len` (or map to no token at all).
    pub skipped_no_weighted_tokens: usize,
    /// Malformed rows skipped (with `skip_bad`).
    pub skipped_bad: usize,
    pub weighted_tokens: usize,
    pub tokens: usize,
}

/// Token ids of `text` and their weights.
pub fn token_weights(
    tok: &Tokenizer,
    text: &str,
    changes: Option<&[Change]>,
) -> Result<(Vec<u32>, Vec<f32>)> {
    let enc = tok.encode_with_offsets(text)?;
    let Some(changes) = changes else {
        let n = enc.ids.len();
        return Ok((enc.ids, vec![1.0; n]));
    };
    // Byte offset of every character (and of the end).
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let spans: Vec<(usize, usize)> = changes
        .iter()
        .filter(|c| c.char_end > c.char_start)
        .map(|c| (byte_of[c.char_start], byte_of[c.char_end]))
        .collect();
    let weights = enc
        .offsets
        .iter()
        .map(|&(s, e)| {
            let hit = spans.iter().any(|&(cs, ce)| s < ce && cs < e);
            if hit {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    Ok((enc.ids, weights))
}

#[derive(Deserialize)]
struct RawRow {
    text: Option<serde_json::Value>,
    changes: Option<serde_json::Value>,
    vulnerable: Option<serde_json::Value>,
    prompt: Option<serde_json::Value>,
    language: Option<serde_json::Value>,
    user: Option<serde_json::Value>,
}

/// Training in instruct style: each row becomes the chat exchange the model sees at inference.
/// The user message is the row's `user` when it has one (a row that records the exact request
/// it answers, e.g. the replay rows of function-writing requests asked with another template),
/// else `template` filled with the row's `prompt` (synthesis pairs carry the
/// task they answered) or, for rows without one (the reference set), with the program's start:
/// its lines up to the first function's signature, imports left out, so the model learns to
/// write the imports itself (where two-step generation acts). The assistant turn is the fixed
/// program in a code fence, framed as the model's own template frames a reply.
#[derive(Debug, Clone)]
pub struct ChatFormat {
    pub template: Template,
    /// Weight of the reply's end: the closing fence and the template's end-of-turn token.
    /// The masked loss weighs only changed spans, so without this nothing teaches the model
    /// to stop; the first hardened adapter (weight 0) ran past 300 tokens on 762 of 1,400
    /// CodeLMSec replies (base: 458) and those programs did not parse. 0 = the paper's loss.
    pub end_weight: f32,
}

/// The start of a program as a prompt: lines up to and including the first function's
/// signature, imports and includes left out (or the first such line when there is no function).
pub fn program_start(text: &str, lang: Language) -> String {
    let mut out = String::new();
    let mut first = None;
    for line in text.lines() {
        if lang.is_import_line(line) {
            continue;
        }
        if first.is_none() && !line.trim().is_empty() {
            first = Some(line);
        }
        out.push_str(line);
        out.push('\n');
        let t = line.trim_start();
        let signature = match lang {
            Language::Python => t.starts_with("def ") || t.starts_with("async def "),
            Language::C => {
                !line.starts_with([' ', '\t', '#', '/', '*'])
                    && line.contains('(')
                    && !line.trim_end().ends_with(';')
            }
        };
        if signature {
            return out.trim_start_matches('\n').to_string();
        }
    }
    first.map(|l| format!("{l}\n")).unwrap_or_default()
}

/// The language of a row: its `language` field, else C when it includes headers.
fn row_language(field: Option<&str>, text: &str) -> Language {
    field.and_then(Language::parse).unwrap_or_else(|| {
        if text.lines().any(|l| l.trim_start().starts_with("#include")) {
            Language::C
        } else {
            Language::Python
        }
    })
}

/// The chat sequence of one row: the template's frame around the fenced program, with the
/// program's tokens and weights exactly those of the plain row (the pieces are tokenized
/// separately, so no token straddles the frame); every frame token weighs 0 except the reply's
/// end (closing fence and end-of-turn token), which weighs `format.end_weight`. Returns the ids,
/// the weights and where the program's tokens start.
pub fn chat_token_weights(
    tok: &Tokenizer,
    format: &ChatFormat,
    text: &str,
    changes: Option<&[Change]>,
    prompt: Option<&str>,
    language: Option<&str>,
    user: Option<&str>,
) -> Result<(Vec<u32>, Vec<f32>, usize)> {
    let lang = row_language(language, text);
    let user = match (user, prompt) {
        (Some(u), _) => u.to_string(),
        (None, Some(p)) => format.template.fill(p, lang),
        (None, None) => format.template.fill(&program_start(text, lang), lang),
    };
    let (before, after) = match tok.chat_frame(&user) {
        Some(Ok(frame)) => frame,
        Some(Err(e)) => {
            return Err(TrainError::invalid(
                "prompt-style",
                format!("instruct: the chat template failed: {e}"),
            ))
        }
        None => {
            return Err(TrainError::invalid(
                "prompt-style",
                "instruct: the model has no chat template (neither `chat_template` nor \
                 ChatML tokens); use --prompt-style completion",
            ))
        }
    };
    let tag = match lang {
        Language::Python => "python",
        Language::C => "c",
    };
    let mut ids = tok.encode(&format!("{before}```{tag}\n"))?;
    let start = ids.len();
    let (text_ids, text_weights) = token_weights(tok, text, changes)?;
    let close = if text.ends_with('\n') { "```" } else { "\n```" };
    // Fence and end of turn are encoded apart so the end-of-turn token is known; a fence and
    // a special token never merge into one token anyway.
    let fence = tok.encode_with_offsets(close)?.ids;
    let after = tok.encode_with_offsets(&after)?.ids;
    let mut weights = vec![0.0; start];
    ids.extend_from_slice(&text_ids);
    weights.extend_from_slice(&text_weights);
    weights.extend(std::iter::repeat_n(format.end_weight, fence.len()));
    ids.extend_from_slice(&fence);
    for (i, &id) in after.iter().enumerate() {
        ids.push(id);
        weights.push(if i == 0 { format.end_weight } else { 0.0 });
    }
    Ok((ids, weights, start))
}

/// Read a dataset file into examples of at most `max_len` tokens.
pub fn load(
    path: &Path,
    tok: &Tokenizer,
    max_len: usize,
    skip_bad: bool,
) -> Result<(Vec<Example>, LoadReport)> {
    load_with(path, tok, max_len, skip_bad, false, None)
}

/// [`load`], with the vulnerable halves as negatives when `negatives` is set.
pub fn load_with(
    path: &Path,
    tok: &Tokenizer,
    max_len: usize,
    skip_bad: bool,
    negatives: bool,
    chat: Option<&ChatFormat>,
) -> Result<(Vec<Example>, LoadReport)> {
    let text = std::fs::read_to_string(path).map_err(|e| TrainError::file(path, e))?;
    let mut report = LoadReport::default();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        report.rows += 1;
        let row = match parse_row(line) {
            Ok(r) => r,
            Err(message) if skip_bad => {
                let _ = message;
                report.skipped_bad += 1;
                continue;
            }
            Err(message) => {
                return Err(TrainError::Row {
                    path: path.display().to_string(),
                    line: i + 1,
                    message,
                })
            }
        };
        let frame = |text: &str, changes: Option<&[Change]>| -> Result<(Vec<u32>, Vec<f32>)> {
            match chat {
                None => token_weights(tok, text, changes),
                Some(f) => chat_token_weights(
                    tok,
                    f,
                    text,
                    changes,
                    row.3.as_deref(),
                    row.4.as_deref(),
                    row.5.as_deref(),
                )
                .map(|(ids, w, _)| (ids, w)),
            }
        };
        let negative = match (&row.2, negatives) {
            (Some(vulnerable), true) => {
                let (mut ids, mut w) = frame(vulnerable, Some(&removed_spans(vulnerable, &row.0)))?;
                ids.truncate(max_len);
                w.truncate(max_len);
                (w.iter().skip(1).any(|&x| x > 0.0)).then_some((ids, w))
            }
            _ => None,
        };
        let (mut ids, mut weights) = frame(&row.0, row.1.as_deref())?;
        if ids.len() > max_len {
            ids.truncate(max_len);
            weights.truncate(max_len);
            report.truncated += 1;
        }
        // The first token is never predicted, so its weight cannot count.
        let useful = weights.iter().skip(1).filter(|&&w| w > 0.0).count();
        if useful == 0 || ids.len() < 2 {
            report.skipped_no_weighted_tokens += 1;
            continue;
        }
        report.weighted_tokens += useful;
        report.tokens += ids.len();
        out.push(Example {
            line: i + 1,
            ids,
            weights,
            negative,
        });
    }
    report.examples = out.len();
    Ok((out, report))
}

/// The fixed text, its changes, the vulnerable text, the prompt, the language and the verbatim
/// user message of one row.
type Row = (
    String,
    Option<Vec<Change>>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// `(text, changes, vulnerable, prompt, language, user)` of one JSONL line, or what is wrong
/// with it.
fn parse_row(line: &str) -> std::result::Result<Row, String> {
    let raw: RawRow = serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let text = match raw.text {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::String(_)) => return Err("field `text` is empty".into()),
        Some(_) => return Err("field `text` is not a string".into()),
        None => return Err("field `text` is missing".into()),
    };
    let chars = text.chars().count();
    let changes = match raw.changes {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (k, item) in items.into_iter().enumerate() {
                let c: Change = serde_json::from_value(item)
                    .map_err(|e| format!("field `changes[{k}]`: {e}"))?;
                if c.char_start > c.char_end {
                    return Err(format!(
                        "field `changes[{k}]`: span {}..{} is reversed (char_start after char_end)",
                        c.char_start, c.char_end
                    ));
                }
                if c.char_end > chars {
                    return Err(format!(
                        "field `changes[{k}]`: span {}..{} is outside the text ({chars} characters)",
                        c.char_start, c.char_end
                    ));
                }
                out.push(c);
            }
            Some(out)
        }
        Some(_) => return Err("field `changes` is not an array".into()),
    };
    let vulnerable = match raw.vulnerable {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(v)) => Some(v),
        Some(_) => return Err("field `vulnerable` is not a string".into()),
    };
    let string = |v: Option<serde_json::Value>, name: &str| match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("field `{name}` is not a string")),
    };
    let prompt = string(raw.prompt, "prompt")?;
    let language = string(raw.language, "language")?;
    if let Some(l) = &language {
        if Language::parse(l).is_none() {
            return Err(format!("field `language`: `{l}` is not python or c"));
        }
    }
    let user = string(raw.user, "user")?;
    if user.as_deref().is_some_and(|u| u.trim().is_empty()) {
        return Err("field `user` is empty".into());
    }
    Ok((text, changes, vulnerable, prompt, language, user))
}

/// Split examples 80/20 into training and validation by a seeded shuffle, as the paper does.
pub fn split(examples: Vec<Example>, seed: u64, validation: f64) -> (Vec<Example>, Vec<Example>) {
    let mut order: Vec<usize> = (0..examples.len()).collect();
    shuffle(&mut order, seed);
    let n_val = ((examples.len() as f64) * validation).round() as usize;
    let mut slots: Vec<Option<Example>> = examples.into_iter().map(Some).collect();
    let val = order[..n_val]
        .iter()
        .map(|&i| slots[i].take().expect("each index once"))
        .collect();
    let train = order[n_val..]
        .iter()
        .map(|&i| slots[i].take().expect("each index once"))
        .collect();
    (train, val)
}

/// Fisher–Yates over the project's seeded generator (`scripts/peft/train.py` replays it).
pub use hexacoder_formats::rng::shuffle;

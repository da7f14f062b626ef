//! Tokenizers: Hugging Face `tokenizer.json` files as they are, and GGUF files rebuilt from
//! their metadata (tokens, merges, token types, pre-tokenizer name).
//!
//! Why our own GGUF builder: candle's helper knows few `tokenizer.ggml.pre` values and falls
//! back to a byte-level pre-tokenizer with a prefix space for the rest, which turns SmolLM2's
//! `def` into `Ġdef`. Each pre-tokenizer below is the pipeline the model's own
//! `tokenizer.json` defines (and llama.cpp mirrors); an unknown one is an error, not a guess.

use std::path::Path;

use tokenizers::decoders::byte_level::ByteLevel as ByteLevelDecoder;
use tokenizers::models::bpe::BPE;
use tokenizers::pre_tokenizers::byte_level::ByteLevel;
use tokenizers::pre_tokenizers::digits::Digits;
use tokenizers::pre_tokenizers::sequence::Sequence;
use tokenizers::pre_tokenizers::split::{Split, SplitPattern};
use tokenizers::{AddedToken, PreTokenizerWrapper, SplitDelimiterBehavior};

use crate::error::{ModelError, Result};
use crate::gguf::GgufFile;

/// GPT-4-style split used by Llama 3 (digits in runs of up to three).
const LLAMA3_SPLIT: &str = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";
/// Qwen2's split (single digits).
const QWEN2_SPLIT: &str = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

/// Marks the start of text that [`Tokenizer::encode`] treats as plain text (a Unicode
/// private-use character, which no tokenizer's special token contains).
pub const LITERAL_START: char = '\u{e000}';
/// Marks the end of such text.
pub const LITERAL_END: char = '\u{e001}';

/// `text` marked as literal: untrusted text (a chat message's content) goes into a prompt this
/// way, so `<|im_end|>` typed by a user is seven characters, not the end of their turn. Marker
/// characters in the text itself are dropped, so it cannot end the span early.
pub fn literal(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|&c| c != LITERAL_START && c != LITERAL_END)
        .collect();
    format!("{LITERAL_START}{clean}{LITERAL_END}")
}

/// `text` without literal markers (for showing a prompt).
pub fn strip_literal_marks(text: &str) -> String {
    text.chars()
        .filter(|&c| c != LITERAL_START && c != LITERAL_END)
        .collect()
}

/// Token ids with the byte range of the text each one covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub ids: Vec<u32>,
    pub offsets: Vec<(usize, usize)>,
}

/// A tokenizer with the model's special tokens.
#[derive(Clone)]
pub struct Tokenizer {
    inner: tokenizers::Tokenizer,
    /// Prepended to every encoded prompt when the model wants it (`add_bos_token`).
    pub bos: Option<u32>,
    /// Tokens that end generation.
    pub eos: Vec<u32>,
    add_bos: bool,
    /// The model's chat template (Jinja, as transformers stores it in
    /// `tokenizer_config.json` and llama.cpp in `tokenizer.chat_template`), if it has one.
    pub chat_template: Option<String>,
    /// The same tokenizer with special tokens encoded as text (for literal spans), made once.
    plain: std::sync::OnceLock<tokenizers::Tokenizer>,
    /// The special tokens' spellings, found once.
    specials: std::sync::OnceLock<Vec<String>>,
}

impl Tokenizer {
    /// From a Hugging Face `tokenizer.json` (+ `tokenizer_config.json` beside it, for BOS/EOS).
    pub fn from_hf_file(path: &Path, config: &serde_json::Value) -> Result<Tokenizer> {
        let inner = tokenizers::Tokenizer::from_file(path)
            .map_err(|e| ModelError::file(path, format!("cannot load the tokenizer: {e}")))?;
        let id_of = |key: &str| -> Option<u32> {
            let v = config.get(key)?;
            let s = v.as_str().or_else(|| v.get("content")?.as_str())?;
            inner.token_to_id(s)
        };
        let bos = id_of("bos_token");
        let mut eos: Vec<u32> = id_of("eos_token").into_iter().collect();
        for extra in ["<|endoftext|>", "<|im_end|>", "<|eot_id|>"] {
            if let Some(id) = inner.token_to_id(extra) {
                if !eos.contains(&id) {
                    eos.push(id);
                }
            }
        }
        let add_bos = config
            .get("add_bos_token")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let chat_template = config
            .get("chat_template")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        Ok(Tokenizer {
            inner,
            bos,
            eos,
            add_bos,
            chat_template,
            plain: std::sync::OnceLock::new(),
            specials: std::sync::OnceLock::new(),
        })
    }

    /// From GGUF metadata.
    pub fn from_gguf(g: &GgufFile) -> Result<Tokenizer> {
        let path = g.path();
        let bad = |m: String| ModelError::file(path, format!("tokenizer: {m}"));
        let model = g.string("tokenizer.ggml.model").unwrap_or("");
        if model != "gpt2" {
            return Err(bad(format!(
                "tokenizer.ggml.model `{model}` is not supported for GGUF files (byte-level BPE `gpt2` is); \
                 load the model's Hugging Face folder, which has tokenizer.json"
            )));
        }
        let tokens = g.strings("tokenizer.ggml.tokens")?;
        let merges = g.strings("tokenizer.ggml.merges")?;
        let types = g.ints("tokenizer.ggml.token_type").unwrap_or_default();
        let vocab: tokenizers::models::bpe::Vocab = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        let merges = merges
            .iter()
            .map(|m| {
                m.split_once(' ')
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .ok_or_else(|| bad(format!("merge `{m}` is not two tokens")))
            })
            .collect::<Result<Vec<_>>>()?;
        let bpe = BPE::builder()
            .vocab_and_merges(vocab, merges)
            .build()
            .map_err(|e| bad(e.to_string()))?;
        let mut inner = tokenizers::Tokenizer::new(bpe);
        let pre = g.string("tokenizer.ggml.pre").unwrap_or("default");
        inner.with_pre_tokenizer(Some(pre_tokenizer(pre).map_err(bad)?));
        inner.with_decoder(Some(ByteLevelDecoder::new(false, true, true)));
        // Control (3) and user-defined (4) tokens are matched whole before BPE, as llama.cpp does.
        let specials: Vec<AddedToken> = types
            .iter()
            .enumerate()
            .filter(|(_, &t)| t == 3 || t == 4)
            .filter_map(|(i, &t)| tokens.get(i).map(|s| AddedToken::from(s.clone(), t == 3)))
            .collect();
        inner
            .add_special_tokens(specials)
            .map_err(|e| bad(e.to_string()))?;
        let id = |key: &str| {
            g.ints(key).and_then(|v| v.first().copied()).or_else(|| {
                use crate::arch::Metadata;
                g.get_u64(key).map(|v| v as i64)
            })
        };
        let bos = id("tokenizer.ggml.bos_token_id").map(|v| v as u32);
        let mut eos: Vec<u32> = id("tokenizer.ggml.eos_token_id")
            .map(|v| v as u32)
            .into_iter()
            .collect();
        for key in ["tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"] {
            if let Some(e) = id(key).map(|v| v as u32) {
                if !eos.contains(&e) {
                    eos.push(e);
                }
            }
        }
        let add_bos = g
            .value("tokenizer.ggml.add_bos_token")
            .and_then(|v| v.to_bool().ok())
            .unwrap_or(false);
        let chat_template = g.string("tokenizer.chat_template").map(str::to_string);
        Ok(Tokenizer {
            inner,
            bos,
            eos,
            add_bos,
            chat_template,
            plain: std::sync::OnceLock::new(),
            specials: std::sync::OnceLock::new(),
        })
    }

    /// Token ids of `text` (special tokens written in the text are matched as such), with BOS
    /// when the model wants it. In spans marked with [`literal`], a special token's spelling
    /// is encoded as text, never as the control token; everything else encodes exactly as if
    /// unmarked (the marks only cut the text where such a spelling occurs).
    pub fn encode(&self, text: &str) -> Result<Vec<u32>> {
        let mut ids = Vec::with_capacity(text.len() / 3 + 1);
        if self.add_bos {
            ids.extend(self.bos);
        }
        if !text.contains(LITERAL_START) {
            ids.extend(self.encode_part(text, false)?);
            return Ok(ids);
        }
        let specials = self.special_spellings();
        // Text encoded normally, flushed before each special spelling found in a literal span.
        let mut buf = String::with_capacity(text.len());
        let mut rest = text;
        while !rest.is_empty() {
            let (outside, after) = match rest.split_once(LITERAL_START) {
                Some((o, a)) => (o, Some(a)),
                None => (rest, None),
            };
            buf.push_str(outside);
            let Some(after) = after else { break };
            let (mut inside, next) = after.split_once(LITERAL_END).unwrap_or((after, ""));
            while let Some((at, len)) = specials
                .iter()
                .filter_map(|s| inside.find(s.as_str()).map(|i| (i, s.len())))
                .min_by_key(|&(i, l)| (i, usize::MAX - l))
            {
                buf.push_str(&inside[..at]);
                ids.extend(self.encode_part(&buf, false)?);
                buf.clear();
                ids.extend(self.encode_part(&inside[at..at + len], true)?);
                inside = &inside[at + len..];
            }
            buf.push_str(inside);
            rest = next;
        }
        ids.extend(self.encode_part(&buf, false)?);
        Ok(ids)
    }

    /// The spellings of the special (added) tokens, longest first.
    fn special_spellings(&self) -> &[String] {
        self.specials.get_or_init(|| {
            let mut v: Vec<String> = self
                .inner
                .get_added_tokens_decoder()
                .into_values()
                .map(|t| t.content)
                .filter(|c| !c.is_empty())
                .collect();
            v.sort_by_key(|s| std::cmp::Reverse(s.len()));
            v
        })
    }

    /// Ids of one piece, special tokens matched (`as_text` false) or encoded as text.
    fn encode_part(&self, text: &str, as_text: bool) -> Result<Vec<u32>> {
        if text.is_empty() {
            return Ok(Vec::new());
        }
        let enc = if as_text {
            self.plain
                .get_or_init(|| {
                    let mut plain = self.inner.clone();
                    plain.set_encode_special_tokens(true);
                    plain
                })
                .encode(text, false)
        } else {
            self.inner.encode(text, false)
        }
        .map_err(|e| ModelError::Tokenizer(e.to_string()))?;
        Ok(enc.get_ids().to_vec())
    }

    /// Token ids with the character offsets (byte ranges) each token covers; no BOS.
    pub fn encode_with_offsets(&self, text: &str) -> Result<Encoded> {
        let enc = self
            .inner
            .encode(text, false)
            .map_err(|e| ModelError::Tokenizer(e.to_string()))?;
        Ok(Encoded {
            ids: enc.get_ids().to_vec(),
            offsets: enc.get_offsets().to_vec(),
        })
    }

    /// Text of `ids`, special tokens left out.
    pub fn decode(&self, ids: &[u32]) -> Result<String> {
        self.inner
            .decode(ids, true)
            .map_err(|e| ModelError::Tokenizer(e.to_string()))
    }

    pub fn vocab_size(&self) -> usize {
        self.inner.get_vocab_size(true)
    }

    pub fn token_to_id(&self, token: &str) -> Option<u32> {
        self.inner.token_to_id(token)
    }

    pub fn id_to_token(&self, id: u32) -> Option<String> {
        self.inner.id_to_token(id)
    }
}

/// The pre-tokenizer pipeline of a `tokenizer.ggml.pre` value.
fn pre_tokenizer(pre: &str) -> std::result::Result<PreTokenizerWrapper, String> {
    let byte_level =
        |trim: bool, regex: bool| PreTokenizerWrapper::from(ByteLevel::new(false, trim, regex));
    let split = |re: &str| -> std::result::Result<PreTokenizerWrapper, String> {
        Split::new(
            SplitPattern::Regex(re.to_string()),
            SplitDelimiterBehavior::Isolated,
            false,
        )
        .map(PreTokenizerWrapper::from)
        .map_err(|e| e.to_string())
    };
    Ok(match pre {
        // SmolLM/SmolLM2 use StarCoder's tokenizer: single digits, then GPT-2 byte level.
        "smollm" | "starcoder" | "refact" => PreTokenizerWrapper::from(Sequence::new(vec![
            Digits::new(true).into(),
            byte_level(true, true),
        ])),
        "llama-bpe" | "llama3" | "dbrx" | "smaug-bpe" => {
            PreTokenizerWrapper::from(Sequence::new(vec![split(LLAMA3_SPLIT)?, byte_level(true, false)]))
        }
        "qwen2" | "deepseek-r1-qwen" => {
            PreTokenizerWrapper::from(Sequence::new(vec![split(QWEN2_SPLIT)?, byte_level(false, false)]))
        }
        "gpt2" | "default" | "gpt-2" => byte_level(true, true),
        other => {
            return Err(format!(
                "pre-tokenizer `{other}` is unknown (known: smollm, starcoder, llama-bpe, qwen2, gpt2); \
                 load the model's Hugging Face folder, which has tokenizer.json"
            ))
        }
    })
}

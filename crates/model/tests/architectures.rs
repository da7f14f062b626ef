//! Llama and Qwen2 checkpoints in Hugging Face layout, PEFT adapters and loading errors, on
//! tiny random models checked against a naive f32 forward pass (`common::Tiny`).

mod common;

use std::collections::HashMap;

use common::{max_diff, write_adapter, Tiny};
use hexacoder_model::weights::Precision;
use hexacoder_model::{GenerateOptions, Model, ModelError, SamplingParams};

const IDS: &[u32] = &[5, 77, 300, 12, 12, 250, 3, 99, 180, 41, 7];

fn check_architecture(qwen2: bool, tie: bool) {
    let dir = tempfile::tempdir().unwrap();
    let tiny = Tiny::new(qwen2, tie);
    tiny.write(dir.path(), None);
    let mut model = Model::load(dir.path().to_str().unwrap()).unwrap();
    assert_eq!(model.config.arch, if qwen2 { "qwen2" } else { "llama" });
    assert_eq!(model.config.qkv_bias, qwen2);
    let want = tiny.reference_logits(IDS, &HashMap::new());
    model.weights.precision = Precision::Exact;
    let exact = model.logits(IDS).unwrap();
    assert!(
        max_diff(&exact, &want) < 1e-4,
        "exact: {}",
        max_diff(&exact, &want)
    );
    model.weights.precision = Precision::Fast;
    let fast = model.logits(IDS).unwrap();
    let scale = want.iter().fold(0f32, |a, b| a.max(b.abs()));
    assert!(
        max_diff(&fast, &want) < 0.03 * scale,
        "fast: {} of {scale}",
        max_diff(&fast, &want)
    );

    // Incremental decoding with the KV cache equals one pass over the whole sequence.
    model.weights.precision = Precision::Exact;
    let opts = GenerateOptions {
        n: 3,
        max_new_tokens: 6,
        sampling: SamplingParams::greedy(),
        ..GenerateOptions::default()
    };
    let gen = model.generate("ab", &opts, &mut |_, _| true).unwrap();
    assert_eq!(gen.completions.len(), 3);
    assert!(
        gen.completions.iter().all(|c| c == &gen.completions[0]),
        "greedy samples agree"
    );
}

#[test]
fn llama_folder_matches_naive_forward() {
    check_architecture(false, false);
}

#[test]
fn qwen2_folder_with_biases_and_tied_embeddings_matches_naive_forward() {
    check_architecture(true, true);
}

/// A Llama-like family added as one arch file (`arch/mistral.rs`): a tiny random Mistral
/// folder loads under its own name, its sliding window caps the context, and its logits equal
/// the naive forward (Mistral's block is Llama's).
#[test]
fn mistral_folder_is_one_arch_file_and_matches_naive_forward() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = Tiny::new(false, false);
    tiny.write(dir.path(), None);
    let path = dir.path().join("config.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    config["model_type"] = "mistral".into();
    config["sliding_window"] = 64.into();
    std::fs::write(&path, config.to_string()).unwrap();
    let mut model = Model::load(dir.path().to_str().unwrap()).unwrap();
    assert_eq!(model.config.arch, "mistral");
    assert_eq!(model.config.max_position, 64);
    model.weights.precision = Precision::Exact;
    let want = tiny.reference_logits(IDS, &HashMap::new());
    let got = model.logits(IDS).unwrap();
    assert!(max_diff(&got, &want) < 1e-4, "{}", max_diff(&got, &want));
}

#[test]
fn peft_adapter_unmerged_and_merged() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = Tiny::new(true, false);
    tiny.write(&dir.path().join("model"), None);
    let delta = write_adapter(&dir.path().join("adapter"), &tiny, 4, 8.0, tiny.hidden);
    let want = tiny.reference_logits(IDS, &delta);
    let base = tiny.reference_logits(IDS, &HashMap::new());
    assert!(
        max_diff(&want, &base) > 0.05,
        "the adapter changes the output"
    );

    let spec = dir.path().join("model");
    let mut unmerged = Model::load(spec.to_str().unwrap()).unwrap();
    unmerged.weights.precision = Precision::Exact;
    unmerged
        .apply_adapter(&dir.path().join("adapter"), false)
        .unwrap();
    let got = unmerged.logits(IDS).unwrap();
    assert!(
        max_diff(&got, &want) < 1e-4,
        "unmerged: {}",
        max_diff(&got, &want)
    );

    let mut merged = Model::load(spec.to_str().unwrap()).unwrap();
    merged.weights.precision = Precision::Exact;
    merged
        .apply_adapter(&dir.path().join("adapter"), true)
        .unwrap();
    let got = merged.logits(IDS).unwrap();
    // Merging re-quantizes W + ΔW to Q8_0: within that rounding of the unmerged result.
    let scale = want.iter().fold(0f32, |a, b| a.max(b.abs()));
    assert!(
        max_diff(&got, &want) < 0.01 * scale,
        "merged: {}",
        max_diff(&got, &want)
    );
}

/// `apply_adapter_weighted(w)` adds `w·ΔW` (WiSE-FT's interpolation between base and
/// adapter): at 0.5 the logits are the naive forward's with half of every delta, unmerged and
/// merged alike; a negative or non-finite weight is refused.
#[test]
fn weighted_adapter_adds_that_share_of_the_delta() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = Tiny::new(true, false);
    tiny.write(&dir.path().join("model"), None);
    let delta = write_adapter(&dir.path().join("adapter"), &tiny, 4, 8.0, tiny.hidden);
    let half: HashMap<String, Vec<f32>> = delta
        .iter()
        .map(|(k, v)| (k.clone(), v.iter().map(|x| 0.5 * x).collect()))
        .collect();
    let want = tiny.reference_logits(IDS, &half);
    let full = tiny.reference_logits(IDS, &delta);
    assert!(
        max_diff(&want, &full) > 0.02,
        "half differs from the full adapter"
    );
    let spec = dir.path().join("model");
    for merge in [false, true] {
        let mut model = Model::load(spec.to_str().unwrap()).unwrap();
        model.weights.precision = Precision::Exact;
        model
            .apply_adapter_weighted(&dir.path().join("adapter"), 0.5, merge)
            .unwrap();
        let got = model.logits(IDS).unwrap();
        let scale = want.iter().fold(0f32, |a, b| a.max(b.abs()));
        let tol = if merge { 0.01 * scale } else { 1e-4 };
        assert!(
            max_diff(&got, &want) < tol,
            "merge {merge}: {}",
            max_diff(&got, &want)
        );
    }
    let mut model = Model::load(spec.to_str().unwrap()).unwrap();
    for bad in [-0.5, f32::NAN, f32::INFINITY] {
        let err = model
            .apply_adapter_weighted(&dir.path().join("adapter"), bad, false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("adapter weight"), "{err}");
    }
}

#[test]
fn adapter_for_another_base_is_one_clear_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = Tiny::new(false, false);
    tiny.write(&dir.path().join("model"), None);
    write_adapter(&dir.path().join("adapter"), &tiny, 4, 8.0, tiny.hidden * 2);
    let mut model = Model::load(dir.path().join("model").to_str().unwrap()).unwrap();
    let before = model.logits(IDS).unwrap();
    let err = model
        .apply_adapter(&dir.path().join("adapter"), false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("another base model"), "{err}");
    assert!(err.contains("q_proj"), "{err}");
    assert_eq!(model.logits(IDS).unwrap(), before);
}

#[test]
fn loading_errors_name_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = Tiny::new(false, false);
    let missing = "model.layers.1.mlp.up_proj.weight";
    tiny.write(&dir.path().join("missing"), Some(missing));
    let err = Model::load(dir.path().join("missing").to_str().unwrap())
        .err()
        .unwrap();
    assert!(
        matches!(&err, ModelError::MissingTensor { name, .. } if name == missing),
        "{err}"
    );

    // A tensor with the wrong shape.
    let mut wrong = Tiny::new(false, false);
    let (shape, v) = wrong
        .tensors
        .remove("model.layers.0.self_attn.k_proj.weight")
        .unwrap();
    wrong.tensors.insert(
        "model.layers.0.self_attn.k_proj.weight".into(),
        (vec![shape[0] / 2, shape[1]], v[..v.len() / 2].to_vec()),
    );
    wrong.write(&dir.path().join("shape"), None);
    let err = Model::load(dir.path().join("shape").to_str().unwrap())
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("k_proj") && err.contains("[16, 64]") && err.contains("[32, 64]"),
        "{err}"
    );

    // An unknown architecture.
    tiny.write(&dir.path().join("arch"), None);
    let cfg = dir.path().join("arch/config.json");
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("\"llama\"", "\"mamba\"");
    std::fs::write(&cfg, text).unwrap();
    let err = Model::load(dir.path().join("arch").to_str().unwrap())
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("mamba"), "{err}");

    // Not a GGUF file.
    let junk = dir.path().join("junk.gguf");
    std::fs::write(&junk, b"this is not a model").unwrap();
    let err = Model::load(junk.to_str().unwrap())
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("junk.gguf") && err.contains("GGUF"), "{err}");

    let err = Model::load("no/such-model").err().unwrap().to_string();
    assert!(err.contains("no/such-model"), "{err}");
}

/// A model without a chat template (the tiny byte-level model has neither `chat_template` nor
/// ChatML tokens) is a completion model: not instruction-tuned, and asking it for a chat
/// prompt is one clear error that names the way out. With a template in its
/// tokenizer_config.json, the same model renders it.
#[test]
fn chat_needs_a_template_and_renders_the_models_own() {
    let dir = tempfile::tempdir().unwrap();
    Tiny::new(false, false).write(dir.path(), None);
    let model = Model::load(dir.path().to_str().unwrap()).unwrap();
    assert!(!model.has_chat_template());
    assert!(!model.is_instruction_tuned());
    let err = model
        .chat_prompt(&[("user", "hi")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("has no chat template"), "{err}");
    assert!(err.contains("completion prompt style"), "{err}");
    let cfg = dir.path().join("tokenizer_config.json");
    let mut v: serde_json::Value = std::fs::read_to_string(&cfg)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| serde_json::json!({}));
    v["chat_template"] = serde_json::json!(
        "{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}{% if add_generation_prompt %}[assistant] {% endif %}"
    );
    std::fs::write(&cfg, v.to_string()).unwrap();
    let model = Model::load(dir.path().to_str().unwrap()).unwrap();
    assert!(model.has_chat_template());
    assert_eq!(
        hexacoder_model::tokenizer::strip_literal_marks(
            &model.chat_prompt(&[("user", "hi")]).unwrap()
        ),
        "[user] hi\n[assistant] "
    );
}

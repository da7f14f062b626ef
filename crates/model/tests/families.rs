//! Model families beyond Llama, against transformers and PEFT on tiny random models recorded
//! by `scripts/reference/record_family_fixtures.py` (weights on the Q8_0 grid, so the
//! runtime's exact precision computes what transformers computes in f32).

use std::path::PathBuf;

use hexacoder_model::forward::forward;
use hexacoder_model::weights::Precision;
use hexacoder_model::Model;
use serde_json::Value;

fn family(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/families/{name}"))
}

fn reference(name: &str) -> Value {
    let text = std::fs::read_to_string(family(name).join("reference.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn ids(v: &Value) -> Vec<u32> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as u32)
        .collect()
}

fn floats(v: &Value) -> Vec<f32> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap() as f32)
        .collect()
}

fn max_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

fn argmax(v: &[f32]) -> u32 {
    v.iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .unwrap()
        .0 as u32
}

fn load(name: &str) -> Model {
    let mut model = Model::load(family(name).join("model").to_str().unwrap()).unwrap();
    model.weights.precision = Precision::Exact;
    model
}

/// Logits within 1e-4 of transformers, the tokenizer's ids equal, and greedy decoding through
/// the KV cache equal to transformers' up to its first near-tie (a gap under 1e-3).
fn check_family(name: &str, arch: &str) {
    let model = load(name);
    assert_eq!(model.config.arch, arch);
    let want = reference(name);
    for row in want["texts"].as_array().unwrap() {
        let text = row["text"].as_str().unwrap();
        assert_eq!(
            model.tokenizer.encode(text).unwrap(),
            ids(&row["ids"]),
            "{text:?}"
        );
    }
    for case in want["cases"].as_array().unwrap() {
        let prompt = ids(&case["ids"]);
        let logits = model.logits(&prompt).unwrap();
        let d = max_diff(&logits, &floats(&case["logits"]));
        assert!(
            d < 1e-4,
            "{name} logits after {prompt:?}: max difference {d}"
        );

        greedy_through_the_cache(name, &model, case);
    }
}

/// A PEFT adapter made by PEFT on the family's own module names, unmerged: the logits PEFT
/// computes; merged (re-quantized to Q8_0): close to them.
fn check_adapter(name: &str) {
    let want = reference(name);
    let mut model = load(name);
    model
        .apply_adapter(&family(name).join("adapter"), false)
        .unwrap();
    let mut merged = load(name);
    merged
        .apply_adapter(&family(name).join("adapter"), true)
        .unwrap();
    for case in want["cases"].as_array().unwrap() {
        let prompt = ids(&case["ids"]);
        let reference = floats(&case["adapter_logits"]);
        let base = floats(&case["logits"]);
        let d = max_diff(&model.logits(&prompt).unwrap(), &reference);
        assert!(d < 1e-4, "{name} with adapter: max difference {d}");
        assert!(
            max_diff(&base, &reference) > 0.05,
            "the adapter changes the logits"
        );
        // Merging re-quantizes the weights to Q8_0 (the unmerged path above is the exact
        // check); that rounding, amplified by YaRN's softmax scale and able to flip a near-tied
        // routing choice in a mixture of experts, is bounded by its typical (RMS) size.
        let scale = reference.iter().fold(0f32, |a, b| a.max(b.abs()));
        let got = merged.logits(&prompt).unwrap();
        let rms = (got
            .iter()
            .zip(&reference)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f32>()
            / got.len() as f32)
            .sqrt();
        assert!(rms < 0.02 * scale, "{name} merged: RMS {rms} of {scale}");
    }
}

#[test]
fn codegen_matches_transformers() {
    check_family("codegen", "codegen");
    let model = load("codegen");
    assert_eq!(
        (model.config.head_dim, model.config.rotary_dim),
        (8, 4),
        "partial rotary"
    );
}

#[test]
fn codegen_fused_qkv_adapter_matches_peft() {
    check_adapter("codegen");
}

/// The device forward (candle tensors; candle's CPU backend here, a GPU with `--device cuda`)
/// runs every family's block too: the same logits, with and without the adapter (merged into
/// its f32 weights), and greedy decoding through its KV cache equal to transformers'.
fn check_device(name: &str) {
    let want = reference(name);
    let mut model = load(name);
    model.to_candle_device(candle_core::Device::Cpu).unwrap();
    let mut adapted = load(name);
    adapted
        .apply_adapter(&family(name).join("adapter"), false)
        .unwrap();
    adapted.to_candle_device(candle_core::Device::Cpu).unwrap();
    for case in want["cases"].as_array().unwrap() {
        let prompt = ids(&case["ids"]);
        let d = max_diff(&model.logits(&prompt).unwrap(), &floats(&case["logits"]));
        assert!(d < 1e-4, "{name} on the device: max difference {d}");
        let d = max_diff(
            &adapted.logits(&prompt).unwrap(),
            &floats(&case["adapter_logits"]),
        );
        assert!(d < 1e-4, "{name} with adapter on the device: {d}");
        greedy_through_the_cache(name, &model, case);
    }
}

/// Greedy decoding through the model's KV cache (CPU or device) equals transformers' up to
/// its first near-tie (a gap under 1e-3).
fn greedy_through_the_cache(name: &str, model: &Model, case: &Value) {
    let prompt = ids(&case["ids"]);
    let mut cache = [model.new_cache()];
    let mut step = forward(
        &model.config,
        &model.weights,
        &prompt,
        None,
        &mut cache,
        prompt.len(),
    );
    let margins = floats(&case["margins"]);
    for (k, &tok) in ids(&case["greedy"]).iter().enumerate() {
        if margins[k] < 1e-3 {
            break;
        }
        assert_eq!(
            argmax(&step),
            tok,
            "{name}: greedy step {k} after {prompt:?}"
        );
        step = forward(&model.config, &model.weights, &[tok], None, &mut cache, 1);
    }
}

#[test]
fn codegen_on_the_device_path() {
    check_device("codegen");
}

#[test]
fn starcoder2_on_the_device_path() {
    check_device("starcoder2");
}

#[test]
fn starcoder2_matches_transformers() {
    check_family("starcoder2", "starcoder2");
    let c = load("starcoder2").config;
    assert_eq!(
        (
            c.rope_theta,
            c.max_position,
            c.num_kv_heads,
            c.tie_embeddings
        ),
        (50_000.0, 96, 2, true),
        "rope_parameters, the sliding window cap, grouped-query attention, tied embeddings"
    );
}

#[test]
fn starcoder2_adapter_matches_peft() {
    check_adapter("starcoder2");
}

#[test]
fn deepseek_v2_matches_transformers() {
    check_family("deepseek_v2", "deepseek_v2");
    let c = load("deepseek_v2").config;
    let (mla, moe) = (c.mla.unwrap(), c.moe.unwrap());
    assert_eq!(
        (
            c.head_dim,
            c.rotary_dim,
            mla.v_dim,
            moe.experts,
            moe.per_token
        ),
        (24, 8, 16, 4, 2),
        "latent attention's widths and the experts"
    );
}

#[test]
fn deepseek_v2_latent_attention_adapter_matches_peft() {
    check_adapter("deepseek_v2");
}

#[test]
fn deepseek_v2_on_the_device_path() {
    check_device("deepseek_v2");
}

#[test]
fn xglm_matches_transformers() {
    check_family("xglm", "xglm");
    let c = load("xglm").config;
    assert_eq!(
        (
            c.rotary_dim,
            c.block.positions,
            c.embed_scale,
            c.block.activation,
            c.tie_embeddings
        ),
        (
            0,
            hexacoder_model::arch::Positions::Sinusoidal { offset: 2 },
            8.0,
            hexacoder_model::arch::Activation::GeluErf,
            true
        ),
        "sinusoidal positions with fairseq's offset, sqrt(d_model) embeddings, exact GELU, tied output"
    );
}

#[test]
fn xglm_adapter_matches_peft() {
    check_adapter("xglm");
}

#[test]
fn xglm_on_the_device_path() {
    check_device("xglm");
}

/// An adapter is read before its model: its tensor names pick the family whose layout names
/// them all (XGLM's `fc1` beside Llama-named `q_proj`), so writing it back keeps every name.
#[test]
fn an_adapter_takes_the_layout_that_names_all_its_tensors() {
    let adapter = hexacoder_model::peft::Adapter::load(&family("xglm").join("adapter")).unwrap();
    assert_eq!(adapter.layout, &hexacoder_model::arch::xglm::LAYOUT);
    let llama_like =
        hexacoder_model::peft::Adapter::load(&family("starcoder2").join("adapter")).unwrap();
    assert_eq!(
        llama_like.layout,
        &hexacoder_model::arch::starcoder2::LAYOUT
    );
}

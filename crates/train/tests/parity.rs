//! The trainer against PyTorch + PEFT on the same tiny Llama, the same LoRA weights and the
//! same batch (fixtures from `scripts/reference/record_train_fixtures.py`), and against
//! finite differences.

use candle_core::{Device, Tensor};
use hexacoder_train::lora::LoraSet;
use hexacoder_train::model::{masked_loss, TrainModel};
use hexacoder_train::optim::{AdamW, AdamWConfig};
use serde_json::Value;

fn fixtures() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn batch(v: &Value, key: &str, device: &Device) -> Tensor {
    let rows: Vec<Vec<f64>> = serde_json::from_value(v[key].clone()).unwrap();
    let (b, t) = (rows.len(), rows[0].len());
    let flat: Vec<f32> = rows.concat().into_iter().map(|x| x as f32).collect();
    Tensor::from_vec(flat, (b, t), device).unwrap()
}

fn setup() -> (TrainModel, LoraSet, Tensor, Tensor, Value) {
    let dev = Device::Cpu;
    let fx: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("tiny-parity.json")).unwrap(),
    )
    .unwrap();
    let model = TrainModel::load(fixtures().join("tiny-llama").to_str().unwrap(), &dev).unwrap();
    let lora = LoraSet::load(&fixtures().join("tiny-adapter"), &dev).unwrap();
    let ids = batch(&fx, "ids", &dev)
        .to_dtype(candle_core::DType::U32)
        .unwrap();
    let weights = batch(&fx, "weights", &dev);
    (model, lora, ids, weights, fx)
}

/// Loss, per-layer LoRA gradient norms, and 3 AdamW steps equal PyTorch's within 1e-4
/// relative: both compute in f32 with the same formulas; only summation order differs
/// (observed differences are ~1e-6).
#[test]
fn masked_loss_gradients_and_adamw_match_pytorch_peft() {
    let (model, lora, ids, weights, fx) = setup();
    let loss = model.loss(&ids, &weights, &lora, None).unwrap();
    let got = loss.to_scalar::<f32>().unwrap() as f64;
    let want = fx["loss"].as_f64().unwrap();
    assert!((got - want).abs() < 1e-4 * want, "loss {got} vs {want}");

    // The training path (logits only where weights are 1) gives the same loss.
    let fast = model
        .loss(&ids, &weights, &lora, None)
        .unwrap()
        .to_scalar::<f32>()
        .unwrap() as f64;
    assert!((fast - got).abs() < 1e-5 * got, "{fast} vs {got}");

    let grads = model
        .loss(&ids, &weights, &lora, None)
        .unwrap()
        .backward()
        .unwrap();
    for (layer, want) in fx["grad_norms"].as_array().unwrap().iter().enumerate() {
        let (got, want) = (
            lora.grad_norm(&grads, layer).unwrap(),
            want.as_f64().unwrap(),
        );
        assert!(
            (got - want).abs() < 1e-4 * want,
            "layer {layer} grad norm {got} vs {want}"
        );
    }

    let vars = lora.vars();
    let mut opt = AdamW::new(
        AdamWConfig {
            lr: 1e-3,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: 0.001,
        },
        &vars,
    )
    .unwrap();
    for want in fx["losses"].as_array().unwrap() {
        let loss = model.loss(&ids, &weights, &lora, None).unwrap();
        let got = loss.to_scalar::<f32>().unwrap() as f64;
        assert!(
            (got - want.as_f64().unwrap()).abs() < 1e-4 * got,
            "step loss {got} vs {want}"
        );
        let g = loss.backward().unwrap();
        let gs: Vec<Tensor> = vars
            .iter()
            .map(|v| g.get(v.as_tensor()).unwrap().clone())
            .collect();
        opt.step(&vars, &gs, 1e-3).unwrap();
    }
    let last = masked_loss(&model.forward(&ids, &lora).unwrap(), &ids, &weights)
        .unwrap()
        .to_scalar::<f32>()
        .unwrap() as f64;
    let want = fx["loss_after_3_steps"].as_f64().unwrap();
    assert!(
        (last - want).abs() < 1e-4 * want,
        "after 3 steps {last} vs {want}"
    );
}

/// The composed candle ops a GPU runs (`--device cuda`: rotary, RMSNorm, masked softmax,
/// log-softmax) give PyTorch's loss and gradient norms too, checked on candle's CPU backend.
#[test]
fn device_ops_match_pytorch_peft() {
    let (mut model, lora, ids, weights, fx) = setup();
    model.fused = false;
    model.cpu_ops = false;
    let loss = model.loss(&ids, &weights, &lora, None).unwrap();
    let got = loss.to_scalar::<f32>().unwrap() as f64;
    let want = fx["loss"].as_f64().unwrap();
    assert!((got - want).abs() < 1e-4 * want, "loss {got} vs {want}");
    let grads = loss.backward().unwrap();
    for (layer, want) in fx["grad_norms"].as_array().unwrap().iter().enumerate() {
        let (got, want) = (
            lora.grad_norm(&grads, layer).unwrap(),
            want.as_f64().unwrap(),
        );
        assert!(
            (got - want).abs() < 1e-4 * want,
            "layer {layer} grad norm {got} vs {want}"
        );
    }
}

/// LoRA gradients equal central finite differences (in f64 on the f32 model: steps of 1e-2
/// keep the f32 rounding of the loss, ~1e-6, small against the differences, ~1e-3).
#[test]
fn lora_gradients_equal_finite_differences() {
    let (model, lora, ids, weights, _) = setup();
    let loss = |lora: &LoraSet| {
        masked_loss(&model.forward(&ids, lora).unwrap(), &ids, &weights)
            .unwrap()
            .to_scalar::<f32>()
            .unwrap() as f64
    };
    let base = model.loss(&ids, &weights, &lora, None).unwrap();
    let grads = base.backward().unwrap();
    let mut checked = 0;
    for (key, pair) in lora
        .pairs
        .iter()
        .filter(|((l, m), _)| *l == 1 || m == "q_proj")
    {
        for var in [&pair.a, &pair.b] {
            let g: Vec<f32> = grads
                .get(var.as_tensor())
                .unwrap()
                .flatten_all()
                .unwrap()
                .to_vec1()
                .unwrap();
            let orig = var.as_tensor().copy().unwrap();
            let dims = orig.dims().to_vec();
            for idx in [0usize, 3, g.len() / 2, g.len() - 1] {
                let h = 1e-2f32;
                let mut vals: Vec<f32> = orig.flatten_all().unwrap().to_vec1().unwrap();
                vals[idx] += h;
                var.set(&Tensor::from_vec(vals.clone(), dims.as_slice(), &Device::Cpu).unwrap())
                    .unwrap();
                let up = loss(&lora);
                vals[idx] -= 2.0 * h;
                var.set(&Tensor::from_vec(vals, dims.as_slice(), &Device::Cpu).unwrap())
                    .unwrap();
                let down = loss(&lora);
                var.set(&orig).unwrap();
                let numeric = (up - down) / (2.0 * h as f64);
                let analytic = g[idx] as f64;
                assert!(
                    (numeric - analytic).abs() < 2e-3 + 2e-2 * analytic.abs(),
                    "{key:?} element {idx}: finite difference {numeric} vs gradient {analytic}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 24);
}

/// The unlikelihood term is `mean(−ln(1 − p(label)))` over the weighted positions, computed
/// here from the full logits.
#[test]
fn unlikelihood_term_matches_its_definition() {
    let (model, lora, ids, weights, _) = setup();
    let got = model
        .unlikelihood(&ids, &weights, &lora, None)
        .unwrap()
        .to_scalar::<f32>()
        .unwrap() as f64;
    let logits: Vec<Vec<Vec<f32>>> = model.forward(&ids, &lora).unwrap().to_vec3().unwrap();
    let ids: Vec<Vec<u32>> = ids.to_vec2().unwrap();
    let w: Vec<Vec<f32>> = weights.to_vec2().unwrap();
    let (mut sum, mut n) = (0f64, 0f64);
    for b in 0..ids.len() {
        for t in 0..ids[b].len() - 1 {
            if w[b][t + 1] > 0.0 {
                let row = &logits[b][t];
                let max = row.iter().cloned().fold(f32::NEG_INFINITY, f32::max) as f64;
                let z: f64 = row.iter().map(|&l| (l as f64 - max).exp()).sum();
                let p = (row[ids[b][t + 1] as usize] as f64 - max).exp() / z;
                sum += -(1.0 - p).max(1e-6).ln();
                n += 1.0;
            }
        }
    }
    let want = sum / n;
    assert!(
        (got - want).abs() < 1e-4 * want.max(1e-3),
        "{got} vs {want}"
    );
    assert!(want > 0.0);
}

#[test]
fn removed_spans_are_the_characters_the_fix_deleted_or_replaced() {
    use hexacoder_train::data::{removed_spans, Change};
    let vulnerable = "import os\nos.system('ls ' + d)\n";
    let fixed = "import subprocess\nsubprocess.run(['ls', d])\n";
    let spans = removed_spans(vulnerable, fixed);
    assert!(!spans.is_empty());
    let removed: String = spans
        .iter()
        .map(
            |Change {
                 char_start,
                 char_end,
                 ..
             }| {
                vulnerable
                    .chars()
                    .skip(*char_start)
                    .take(char_end - char_start)
                    .collect::<String>()
            },
        )
        .collect();
    // Everything removed is from the vulnerable text, and the unchanged prefix is not.
    assert!(spans.iter().all(|c| c.char_start >= "import ".len()));
    assert!(removed.len() < vulnerable.len());
    assert_eq!(removed_spans(fixed, fixed), vec![]);
}

/// With LoRA dropout (a fixed seed, so the masks repeat), gradients still equal finite
/// differences: the dropout op's backward regenerates the same mask.
#[test]
fn gradients_through_dropout_equal_finite_differences() {
    let (model, lora, ids, weights, _) = setup();
    let drop = Some((0.3f32, 7u64));
    let loss = |lora: &LoraSet| {
        model
            .loss(&ids, &weights, lora, drop)
            .unwrap()
            .to_scalar::<f32>()
            .unwrap() as f64
    };
    let grads = model
        .loss(&ids, &weights, &lora, drop)
        .unwrap()
        .backward()
        .unwrap();
    let pair = lora.pairs.values().next().unwrap();
    let var = &pair.a;
    let g: Vec<f32> = grads
        .get(var.as_tensor())
        .unwrap()
        .flatten_all()
        .unwrap()
        .to_vec1()
        .unwrap();
    let orig = var.as_tensor().copy().unwrap();
    let dims = orig.dims().to_vec();
    for idx in [0usize, 5, g.len() - 1] {
        let h = 1e-2f32;
        let mut vals: Vec<f32> = orig.flatten_all().unwrap().to_vec1().unwrap();
        vals[idx] += h;
        var.set(&Tensor::from_vec(vals.clone(), dims.as_slice(), &Device::Cpu).unwrap())
            .unwrap();
        let up = loss(&lora);
        vals[idx] -= 2.0 * h;
        var.set(&Tensor::from_vec(vals, dims.as_slice(), &Device::Cpu).unwrap())
            .unwrap();
        let down = loss(&lora);
        var.set(&orig).unwrap();
        let numeric = (up - down) / (2.0 * h as f64);
        assert!(
            (numeric - g[idx] as f64).abs() < 2e-3 + 2e-2 * (g[idx] as f64).abs(),
            "element {idx}: {numeric} vs {}",
            g[idx]
        );
    }
    // And dropout changes the loss (the masks are applied).
    assert!(
        (loss(&lora)
            - model
                .loss(&ids, &weights, &lora, None)
                .unwrap()
                .to_scalar::<f32>()
                .unwrap() as f64)
            .abs()
            > 1e-4
    );
}

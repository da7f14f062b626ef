//! The bf16 base (AMX tiles, `hexacoder_train::amx`) against the f32 reference path on the
//! parity fixture's tiny Llama, the same LoRA weights and batch.
//!
//! Tolerance: bf16 keeps 8 significant bits, so each weight and activation entering a product
//! is off by at most 2⁻⁹ relative (round to nearest). Over a k-term dot product with f32
//! accumulation the errors are independent and mostly cancel (√k growth, not k), so a layer's
//! output moves by about 2⁻⁹ of its magnitude, and the loss, an average over many positions,
//! by less. We allow 1 % relative on the loss and 5 % on each layer's LoRA gradient norm:
//! an order of magnitude above bf16's rounding, two below a wrong kernel (a transposed or
//! shifted operand gives a different loss at the first decimal).

use candle_core::{Device, Tensor};
use hexacoder_train::lora::LoraSet;
use hexacoder_train::model::{BasePrecision, TrainModel};
use serde_json::Value;

fn fixtures() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn batch(v: &Value, key: &str) -> Tensor {
    let rows: Vec<Vec<f64>> = serde_json::from_value(v[key].clone()).unwrap();
    let (b, t) = (rows.len(), rows[0].len());
    let flat: Vec<f32> = rows.concat().into_iter().map(|x| x as f32).collect();
    Tensor::from_vec(flat, (b, t), &Device::Cpu).unwrap()
}

fn loss_and_grad_norms(base: BasePrecision) -> (f64, Vec<f64>) {
    let dev = Device::Cpu;
    let fx: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("tiny-parity.json")).unwrap(),
    )
    .unwrap();
    let model =
        TrainModel::load_with(fixtures().join("tiny-llama").to_str().unwrap(), &dev, base).unwrap();
    let lora = LoraSet::load(&fixtures().join("tiny-adapter"), &dev).unwrap();
    let ids = batch(&fx, "ids").to_dtype(candle_core::DType::U32).unwrap();
    let weights = batch(&fx, "weights");
    let loss = model.loss(&ids, &weights, &lora, None).unwrap();
    let grads = loss.backward().unwrap();
    let norms = (0..model.config.num_layers)
        .map(|layer| lora.grad_norm(&grads, layer).unwrap())
        .collect();
    (loss.to_scalar::<f32>().unwrap() as f64, norms)
}

#[test]
fn bf16_base_stays_within_rounding_of_the_f32_path() {
    if !hexacoder_train::amx::available() {
        // Not skipped silently: the refusal on such a machine is the behaviour to check.
        let err = TrainModel::load_with(
            fixtures().join("tiny-llama").to_str().unwrap(),
            &Device::Cpu,
            BasePrecision::Bf16,
        )
        .err()
        .unwrap()
        .to_string();
        assert!(err.contains("bf16 needs a CPU with AMX"), "{err}");
        return;
    }
    let (l32, g32) = loss_and_grad_norms(BasePrecision::F32);
    let (l16, g16) = loss_and_grad_norms(BasePrecision::Bf16);
    assert_ne!(l32, l16, "the bf16 path really ran");
    assert!((l16 - l32).abs() < 0.01 * l32, "loss {l16} vs {l32}");
    for (layer, (a, b)) in g16.iter().zip(&g32).enumerate() {
        assert!(*b > 0.0, "layer {layer} has a gradient");
        assert!(
            (a - b).abs() < 0.05 * b,
            "layer {layer}: grad norm {a} vs {b}"
        );
    }
}

//! The training loop end to end on the tiny Llama: resume after an interruption gives the
//! same adapter as an uninterrupted run, and the adapter it writes loads in the inference
//! runtime with the same effect as in training.

use std::path::{Path, PathBuf};

use candle_core::{Device, Tensor};
use hexacoder_model::weights::Precision;
use hexacoder_model::Model;
use hexacoder_train::lora::LoraSet;
use hexacoder_train::model::TrainModel;
use hexacoder_train::trainer::{train, TrainConfig};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The tiny model with a byte-level tokenizer (ids 0..256 are bytes), in a fresh folder.
fn tiny_model(dir: &Path) -> PathBuf {
    let m = dir.join("tiny");
    std::fs::create_dir_all(&m).unwrap();
    std::fs::copy(
        fixtures().join("tiny-llama/config.json"),
        m.join("config.json"),
    )
    .unwrap();
    // Matrices rounded to Q8_0 (which the runtime stores dense weights in, idempotently), so
    // the trainer and the runtime hold exactly the same weights.
    let bytes = std::fs::read(fixtures().join("tiny-llama/model.safetensors")).unwrap();
    let st = safetensors::SafeTensors::deserialize(&bytes).unwrap();
    let mut tensors: Vec<(String, Vec<usize>, Vec<u8>)> = Vec::new();
    for (name, view) in st.tensors() {
        let mut v = hexacoder_model::hf::to_f32(&view).unwrap();
        if view.shape().len() == 2 {
            v = hexacoder_model::quant::QWeight::quantize_q8_0(
                &v,
                view.shape()[0],
                view.shape()[1],
            )
            .unwrap()
            .dequantize();
        }
        tensors.push((
            name,
            view.shape().to_vec(),
            v.iter().flat_map(|x| x.to_le_bytes()).collect(),
        ));
    }
    let views: Vec<(String, safetensors::tensor::TensorView)> = tensors
        .iter()
        .map(|(n, s, b)| {
            (
                n.clone(),
                safetensors::tensor::TensorView::new(safetensors::Dtype::F32, s.clone(), b)
                    .unwrap(),
            )
        })
        .collect();
    safetensors::serialize_to_file(views, None, &m.join("model.safetensors")).unwrap();
    use tokenizers::models::bpe::BPE;
    use tokenizers::pre_tokenizers::byte_level::ByteLevel;
    let mut chars: Vec<char> = ByteLevel::alphabet().into_iter().collect();
    chars.sort();
    let mut vocab: tokenizers::models::bpe::Vocab = Default::default();
    for (i, c) in chars.iter().enumerate() {
        vocab.insert(c.to_string(), i as u32);
    }
    let bpe = BPE::builder()
        .vocab_and_merges(vocab, vec![])
        .build()
        .unwrap();
    let mut t = tokenizers::Tokenizer::new(bpe);
    t.with_pre_tokenizer(Some(ByteLevel::new(false, true, true)));
    t.with_decoder(Some(tokenizers::decoders::byte_level::ByteLevel::new(
        false, true, true,
    )));
    t.save(m.join("tokenizer.json"), false).unwrap();
    m
}

fn dataset(dir: &Path) -> PathBuf {
    let p = dir.join("data.jsonl");
    let mut out = String::new();
    for i in 0..12 {
        let text = format!("import os\ndef f{i}(x):\n    return os.path.realpath(x) + '{i}'\n");
        let start = text.find("realpath").unwrap();
        let row = serde_json::json!({"text": text, "changes": [{"char_start": start, "char_end": start + 8, "chars": "realpath"}]});
        out.push_str(&row.to_string());
        out.push('\n');
    }
    std::fs::write(&p, out).unwrap();
    p
}

fn config(model: &Path, data: &Path, out: &Path, max_steps: u64) -> TrainConfig {
    TrainConfig {
        model: model.to_str().unwrap().into(),
        data: data.to_path_buf(),
        out: out.to_path_buf(),
        epochs: 3,
        lr: 1e-2,
        rank: 4,
        alpha: 8.0,
        dropout: 0.1,
        batch_size: 4,
        micro_batch: 2,
        max_len: 64,
        max_steps: Some(max_steps),
        save_every: 1,
        ..TrainConfig::default()
    }
}

fn adapter_values(dir: &Path) -> Vec<f32> {
    let lora = LoraSet::load(dir, &Device::Cpu).unwrap();
    lora.vars()
        .iter()
        .flat_map(|v| {
            v.as_tensor()
                .flatten_all()
                .unwrap()
                .to_vec1::<f32>()
                .unwrap()
        })
        .collect()
}

#[test]
fn resumed_run_equals_uninterrupted_run_and_loss_falls() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let data = dataset(dir.path());
    let full = train(
        &config(&model, &data, &dir.path().join("full"), 6),
        &mut |_, _| true,
    )
    .unwrap();
    assert_eq!(
        (full.steps, full.train_examples, full.val_examples),
        (6, 10, 2)
    );
    assert!(
        full.last_loss.unwrap() < full.first_loss.unwrap(),
        "{full:?}"
    );

    let part = dir.path().join("part");
    // Interrupted after step 4 (as Ctrl-C does), then resumed with the same settings.
    let cut = train(&config(&model, &data, &part, 6), &mut |log, _| log.step < 4).unwrap();
    assert!(cut.interrupted && cut.steps == 4);
    let mut cfg = config(&model, &data, &part, 6);
    cfg.resume = true;
    let resumed = train(&cfg, &mut |_, _| true).unwrap();
    assert_eq!(resumed.resumed_from, Some(4));
    assert_eq!(resumed.steps, 6);
    assert_eq!(
        adapter_values(&part.join("checkpoint")),
        adapter_values(&dir.path().join("full/checkpoint"))
    );
    // Each step logged once.
    let log = std::fs::read_to_string(part.join("log.jsonl")).unwrap();
    let steps: Vec<u64> = log
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["step"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(steps, vec![1, 2, 3, 4, 5, 6]);
    for f in [
        "best/adapter_config.json",
        "best/adapter_model.safetensors",
        "epoch-1/adapter_model.safetensors",
    ] {
        assert!(part.join(f).is_file(), "{f}");
    }
    let cfg: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(part.join("best/adapter_config.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(cfg["peft_type"], "LORA");
    assert_eq!(cfg["task_type"], "CAUSAL_LM");
    assert_eq!(cfg["r"], 4);
    assert_eq!(
        cfg["target_modules"],
        serde_json::json!(["q_proj", "k_proj", "v_proj"])
    );
}

/// A run on the bf16 base (where the CPU has AMX) resumes exactly too, keeps its precision
/// when resumed without the flag, and refuses to continue on another precision.
#[test]
fn bf16_run_resumes_exactly_on_its_own_precision() {
    if !hexacoder_train::amx::available() {
        return; // tests/amx.rs checks the refusal on such machines
    }
    use hexacoder_train::model::BasePrecision;
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let data = dataset(dir.path());
    let mut cfg = config(&model, &data, &dir.path().join("full"), 5);
    cfg.base = Some(BasePrecision::Bf16);
    let full = train(&cfg, &mut |_, _| true).unwrap();
    assert!(
        full.last_loss.unwrap() < full.first_loss.unwrap(),
        "{full:?}"
    );
    let part = dir.path().join("part");
    let mut cfg = config(&model, &data, &part, 5);
    cfg.base = Some(BasePrecision::Bf16);
    let cut = train(&cfg, &mut |log, _| log.step < 3).unwrap();
    assert!(cut.interrupted && cut.steps == 3);
    let mut cfg = config(&model, &data, &part, 5);
    cfg.resume = true;
    cfg.base = Some(BasePrecision::F32);
    let err = train(&cfg, &mut |_, _| true).unwrap_err().to_string();
    assert!(
        err.contains("trained with a bf16 base, not f32; resume with --base-precision bf16"),
        "{err}"
    );
    cfg.base = None;
    let resumed = train(&cfg, &mut |_, _| true).unwrap();
    assert_eq!((resumed.resumed_from, resumed.steps), (Some(3), 5));
    assert_eq!(
        adapter_values(&part.join("checkpoint")),
        adapter_values(&dir.path().join("full/checkpoint"))
    );
}

#[test]
fn trained_adapter_has_the_same_effect_in_the_runtime() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let data = dataset(dir.path());
    let out = dir.path().join("run");
    train(&config(&model, &data, &out, 6), &mut |_, _| true).unwrap();
    let adapter = out.join("best");

    let ids: Vec<u32> = b"def g(x):\n    return"
        .iter()
        .map(|&b| u32::from(b))
        .collect();
    let tm = TrainModel::load(model.to_str().unwrap(), &Device::Cpu).unwrap();
    let lora = LoraSet::load(&adapter, &Device::Cpu).unwrap();
    let t = Tensor::from_vec(ids.clone(), (1, ids.len()), &Device::Cpu).unwrap();
    let logits = tm.forward(&t, &lora).unwrap();
    let want: Vec<f32> = logits
        .narrow(1, ids.len() - 1, 1)
        .unwrap()
        .flatten_all()
        .unwrap()
        .to_vec1()
        .unwrap();

    let mut runtime = Model::load(model.to_str().unwrap()).unwrap();
    runtime.weights.precision = Precision::Exact;
    let base = runtime.logits(&ids).unwrap();
    runtime.apply_adapter(&adapter, false).unwrap();
    let got = runtime.logits(&ids).unwrap();
    let empty = LoraSet {
        config: lora.config.clone(),
        layout: &hexacoder_model::arch::layout::LLAMA,
        pairs: Default::default(),
    };
    let train_base: Vec<f32> = tm
        .forward(&t, &empty)
        .unwrap()
        .narrow(1, ids.len() - 1, 1)
        .unwrap()
        .flatten_all()
        .unwrap()
        .to_vec1()
        .unwrap();
    // Same weights on both sides: the adapter must change the runtime's logits exactly as
    // it changes the trainer's (up to summation order).
    let effect_rt: Vec<f32> = got.iter().zip(&base).map(|(a, b)| a - b).collect();
    let effect_tr: Vec<f32> = want.iter().zip(&train_base).map(|(a, b)| a - b).collect();
    let size = effect_tr.iter().fold(0f32, |m, v| m.max(v.abs()));
    let gap = effect_rt
        .iter()
        .zip(&effect_tr)
        .map(|(a, b)| (a - b).abs())
        .fold(0f32, f32::max);
    assert!(size > 0.1, "training moved the logits: {size}");
    assert!(
        gap < 1e-3 * size.max(1.0),
        "adapter effect in the runtime vs the trainer: {gap} of {size}"
    );
    let full_gap = got
        .iter()
        .zip(&want)
        .map(|(a, b)| (a - b).abs())
        .fold(0f32, f32::max);
    assert!(
        full_gap < 1e-3,
        "runtime with adapter vs trainer: {full_gap}"
    );
}

#[test]
fn unlikelihood_option_trains_on_vulnerable_halves() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let p = dir.path().join("pairs.jsonl");
    let mut out = String::new();
    for i in 0..8 {
        let fixed = format!("import subprocess\nsubprocess.run(['ls', d{i}])\n");
        let vulnerable = format!("import os\nos.system('ls ' + d{i})\n");
        let start = fixed.find("subprocess.run").unwrap();
        let row = serde_json::json!({"text": fixed, "vulnerable": vulnerable, "changes": [{"char_start": start, "char_end": start + 14}]});
        out.push_str(&row.to_string());
        out.push('\n');
    }
    std::fs::write(&p, out).unwrap();
    let mut cfg = config(&model, &p, &dir.path().join("ul"), 4);
    cfg.unlikelihood_weight = 1.0;
    let mut seen = Vec::new();
    train(&cfg, &mut |log, _| {
        seen.push(log.unlikelihood);
        true
    })
    .unwrap();
    assert_eq!(seen.len(), 4);
    assert!(
        seen.iter()
            .all(|u| u.is_some_and(|v| v.is_finite() && v > 0.0)),
        "{seen:?}"
    );
    let bad = TrainConfig {
        unlikelihood_weight: -1.0,
        ..cfg
    };
    assert!(train(&bad, &mut |_, _| true)
        .unwrap_err()
        .to_string()
        .contains("unlikelihood"));
}

/// Settings that would silently train wrong or lose a finished run are refused before any
/// work: a negative or zero gradient clip (it would flip or zero the gradient), zero steps,
/// --resume without a checkpoint, and a new run into a folder that holds one.
#[test]
fn refuses_settings_that_would_train_wrong_or_lose_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(dir.path());
    let data = dataset(dir.path());
    let out = dir.path().join("run");
    let err = |cfg: &TrainConfig| train(cfg, &mut |_, _| true).unwrap_err().to_string();
    for clip in [-1.0, 0.0, f64::NAN] {
        let cfg = TrainConfig {
            clip_grad: Some(clip),
            ..config(&model, &data, &out, 2)
        };
        assert!(err(&cfg).contains("invalid clip-grad"), "{}", err(&cfg));
    }
    let cfg = TrainConfig {
        max_steps: Some(0),
        ..config(&model, &data, &out, 2)
    };
    assert!(err(&cfg).contains("invalid max-steps: 0"));
    let cfg = TrainConfig {
        micro_batch: 0,
        ..config(&model, &data, &out, 2)
    };
    assert!(err(&cfg).contains("invalid micro-batch"));
    let cfg = TrainConfig {
        resume: true,
        ..config(&model, &data, &out, 2)
    };
    assert!(err(&cfg).contains("no checkpoint to continue from"));
    assert!(!out.exists(), "nothing written by refused runs");
    // A finished run, then a new run into the same folder: refused, the run left as it was.
    train(&config(&model, &data, &out, 2), &mut |_, _| true).unwrap();
    let log = std::fs::read_to_string(out.join("log.jsonl")).unwrap();
    let e = err(&config(&model, &data, &out, 1));
    assert!(
        e.contains("holds a training run") && e.contains("--resume"),
        "{e}"
    );
    assert_eq!(std::fs::read_to_string(out.join("log.jsonl")).unwrap(), log);
}

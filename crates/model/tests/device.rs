//! The device forward pass (`crate::candle_forward`: candle tensor ops, what `--device cuda`
//! runs) against the CPU kernels' exact precision and the naive f32 reference: the same
//! logits, the same generations (batched samples sharing a prompt cache, prompts admitted
//! into a running batch, two-step), adapters, and the embedded model when it is installed.
//! Every test runs on candle's CPU backend (so CI checks the path's logic), and again on
//! GPU 0 in builds with the `cuda` feature (`scripts/bench/cuda.sh`).

mod common;

use std::collections::HashMap;

use common::{max_diff, write_adapter, Tiny};
use hexacoder_model::batch::{Engine, Event};
use hexacoder_model::weights::Precision;
use hexacoder_model::{GenerateOptions, Language, Model, SamplingParams};

type Place = fn(&mut Model);

fn on_candle_cpu(m: &mut Model) {
    m.to_candle_device(candle_core::Device::Cpu).unwrap();
}

#[cfg(feature = "cuda")]
fn on_cuda(m: &mut Model) {
    m.to_device(hexacoder_model::Device::Cuda(0)).unwrap();
    assert_eq!(m.device(), hexacoder_model::Device::Cuda(0));
}

macro_rules! device_tests {
    ($name:ident, $place:expr) => {
        mod $name {
            #[test]
            fn llama_logits_equal_the_reference() {
                super::check_logits(false, false, $place);
            }
            #[test]
            fn qwen2_with_biases_and_tied_embeddings_logits_equal_the_reference() {
                super::check_logits(true, true, $place);
            }
            #[test]
            fn generations_equal_the_cpu_exact_path() {
                super::generations_equal_the_cpu_exact_path($place);
            }
            #[test]
            fn continuous_batching_gives_each_job_its_solo_text() {
                super::continuous_batching_gives_each_job_its_solo_text($place);
            }
            #[test]
            fn adapters_apply_before_and_after_the_move() {
                super::adapters_apply_before_and_after_the_move($place);
            }
            #[test]
            fn embedded_model_matches_the_cpu_exact_path() {
                super::embedded_model_matches_the_cpu_exact_path($place);
            }
        }
    };
}

device_tests!(candle_cpu, super::on_candle_cpu);
#[cfg(feature = "cuda")]
device_tests!(cuda, super::on_cuda);

const IDS: &[u32] = &[5, 77, 300, 12, 12, 250, 3, 99, 180, 41, 7];

/// A CPU model in exact precision and the same model placed on the device.
fn pair(dir: &std::path::Path, place: Place) -> (Model, Model) {
    let spec = dir.to_str().unwrap();
    let mut cpu = Model::load(spec).unwrap();
    cpu.weights.precision = Precision::Exact;
    let mut dev = Model::load(spec).unwrap();
    place(&mut dev);
    (cpu, dev)
}

fn check_logits(qwen2: bool, tie: bool, place: Place) {
    let dir = tempfile::tempdir().unwrap();
    let tiny = Tiny::new(qwen2, tie);
    tiny.write(dir.path(), None);
    let (cpu, gpu) = pair(dir.path(), place);
    let want = tiny.reference_logits(IDS, &HashMap::new());
    let on_gpu = gpu.logits(IDS).unwrap();
    let on_cpu = cpu.logits(IDS).unwrap();
    assert!(
        max_diff(&on_gpu, &want) < 1e-4,
        "{}",
        max_diff(&on_gpu, &want)
    );
    assert!(
        max_diff(&on_gpu, &on_cpu) < 1e-4,
        "{}",
        max_diff(&on_gpu, &on_cpu)
    );
    // Every prefix: one-token calls and a long prompt's masked pass agree.
    for n in 1..IDS.len() {
        let want = tiny.reference_logits(&IDS[..n], &HashMap::new());
        let got = gpu.logits(&IDS[..n]).unwrap();
        assert!(max_diff(&got, &want) < 1e-4, "prefix {n}");
    }
}

fn generations_equal_the_cpu_exact_path(place: Place) {
    let dir = tempfile::tempdir().unwrap();
    Tiny::new(false, false).write(dir.path(), None);
    let (cpu, gpu) = pair(dir.path(), place);
    for sampling in [
        SamplingParams::greedy(),
        SamplingParams {
            temperature: 0.8,
            top_p: 0.95,
            top_k: 0,
            seed: 7,
        },
    ] {
        let opts = GenerateOptions {
            n: 5,
            max_new_tokens: 24,
            sampling,
            ..GenerateOptions::default()
        };
        let a = cpu.generate("def f(x):", &opts, &mut |_, _| true).unwrap();
        let b = gpu.generate("def f(x):", &opts, &mut |_, _| true).unwrap();
        assert_eq!(a.completions, b.completions);
    }
    // Two-step: imports first, then the body.
    let opts = GenerateOptions {
        n: 3,
        max_new_tokens: 30,
        sampling: SamplingParams {
            temperature: 0.6,
            top_p: 0.9,
            top_k: 0,
            seed: 3,
        },
        two_step: Some(8),
        language: Some(Language::Python),
        ..GenerateOptions::default()
    };
    let prompt = "import os\n\ndef read(path):\n";
    let a = cpu.generate(prompt, &opts, &mut |_, _| true).unwrap();
    let b = gpu.generate(prompt, &opts, &mut |_, _| true).unwrap();
    assert_eq!(a.completions, b.completions);
    assert_eq!(a.added_imports, b.added_imports);
}

fn continuous_batching_gives_each_job_its_solo_text(place: Place) {
    let dir = tempfile::tempdir().unwrap();
    Tiny::new(true, false).write(dir.path(), None);
    let (_, gpu) = pair(dir.path(), place);
    let opts = |seed| GenerateOptions {
        n: 3,
        max_new_tokens: 16,
        sampling: SamplingParams {
            temperature: 0.7,
            top_p: 0.95,
            top_k: 0,
            seed,
        },
        ..GenerateOptions::default()
    };
    let prompts = ["int main(", "def g(a, b):", "x = 1\ny ="];
    let solo: Vec<_> = prompts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            gpu.generate(p, &opts(i as u64), &mut |_, _| true)
                .unwrap()
                .completions
        })
        .collect();
    let mut engine = Engine::new(&gpu);
    let mut got: Vec<Option<Vec<_>>> = vec![None; prompts.len()];
    engine.admit(0, prompts[0], opts(0)).unwrap();
    let mut steps = 0;
    while got.iter().any(|g| g.is_none()) {
        // The later prompts join a batch that is already running.
        if steps == 3 {
            engine.admit(1, prompts[1], opts(1)).unwrap();
        }
        if steps == 5 {
            engine.admit(2, prompts[2], opts(2)).unwrap();
        }
        engine.step(&mut |e| {
            match e {
                Event::Done { job, generation } => got[job as usize] = Some(generation.completions),
                Event::Failed { error, .. } => panic!("{error}"),
                _ => {}
            }
            true
        });
        steps += 1;
        assert!(steps < 200);
    }
    for (g, s) in got.into_iter().zip(solo) {
        assert_eq!(g.unwrap(), s);
    }
}

fn adapters_apply_before_and_after_the_move(place: Place) {
    let dir = tempfile::tempdir().unwrap();
    let tiny = Tiny::new(false, false);
    tiny.write(&dir.path().join("model"), None);
    let delta = write_adapter(&dir.path().join("adapter"), &tiny, 4, 8.0, tiny.hidden);
    let want = tiny.reference_logits(IDS, &delta);
    let spec = dir.path().join("model");
    // Adapter first, then the move; and the move first, then the adapter.
    for adapter_first in [true, false] {
        let mut m = Model::load(spec.to_str().unwrap()).unwrap();
        if adapter_first {
            m.apply_adapter(&dir.path().join("adapter"), false).unwrap();
            place(&mut m);
        } else {
            place(&mut m);
            m.apply_adapter(&dir.path().join("adapter"), false).unwrap();
        }
        let got = m.logits(IDS).unwrap();
        assert!(max_diff(&got, &want) < 1e-4, "{}", max_diff(&got, &want));
    }
}

#[cfg(feature = "cuda")]
#[test]
fn a_missing_gpu_ordinal_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    Tiny::new(false, false).write(dir.path(), None);
    let mut m = Model::load(dir.path().to_str().unwrap()).unwrap();
    let e = m
        .to_device(hexacoder_model::Device::Cuda(97))
        .unwrap_err()
        .to_string();
    assert!(e.contains("cuda:97"), "{e}");
    assert_eq!(m.device(), hexacoder_model::Device::Cpu);
}

#[cfg(not(feature = "cuda"))]
#[test]
fn cuda_without_the_feature_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    Tiny::new(false, false).write(dir.path(), None);
    let mut m = Model::load(dir.path().to_str().unwrap()).unwrap();
    let e = m
        .to_device(hexacoder_model::Device::Cuda(0))
        .unwrap_err()
        .to_string();
    assert!(e.contains("cuda:0") && e.contains("--features cuda"), "{e}");
    assert_eq!(m.device(), hexacoder_model::Device::Cpu);
}

/// The embedded model (when installed): device logits within f32 summation-order noise of the
/// CPU's exact path, with the same argmax, and the same greedy text.
fn embedded_model_matches_the_cpu_exact_path(place: Place) {
    let Ok(mut cpu) = Model::load("smollm2") else {
        eprintln!("smollm2 not installed: skipped");
        return;
    };
    cpu.weights.precision = Precision::Exact;
    let mut gpu = Model::load("smollm2").unwrap();
    place(&mut gpu);
    for prompt in [
        "import os\n\ndef delete(path):\n",
        "#include <stdio.h>\n\nint main(int argc, char **argv) {\n",
        "def add(a, b):\n    \"\"\"Return the sum.\"\"\"\n",
    ] {
        let ids = cpu.tokenizer.encode(prompt).unwrap();
        let a = cpu.logits(&ids).unwrap();
        let b = gpu.logits(&ids).unwrap();
        let argmax = |v: &[f32]| {
            v.iter()
                .enumerate()
                .max_by(|x, y| x.1.total_cmp(y.1))
                .unwrap()
                .0
        };
        assert_eq!(argmax(&a), argmax(&b), "{prompt:?}");
        assert!(max_diff(&a, &b) < 2e-3, "{prompt:?}: {}", max_diff(&a, &b));
        let opts = GenerateOptions {
            n: 1,
            max_new_tokens: 32,
            sampling: SamplingParams::greedy(),
            ..GenerateOptions::default()
        };
        let ga = cpu.generate(prompt, &opts, &mut |_, _| true).unwrap();
        let gb = gpu.generate(prompt, &opts, &mut |_, _| true).unwrap();
        println!("{prompt:?}: max |Δlogit| {:.2e}", max_diff(&a, &b));
        assert_eq!(ga.completions, gb.completions, "{prompt:?}");
    }
}

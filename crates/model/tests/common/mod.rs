//! Tiny random models written as Hugging Face folders, and a naive f32 forward pass to check
//! the runtime against (a transformer written the obvious way, one loop per formula).

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;

use hexacoder_model::quant::QWeight;
use safetensors::tensor::TensorView;
use safetensors::Dtype;

pub struct Tiny {
    pub qwen2: bool,
    pub tie: bool,
    pub vocab: usize,
    pub hidden: usize,
    pub heads: usize,
    pub kv_heads: usize,
    pub head_dim: usize,
    pub ff: usize,
    pub layers: usize,
    pub theta: f32,
    pub eps: f32,
    /// Tensors by Hugging Face name: (shape, values).
    pub tensors: HashMap<String, (Vec<usize>, Vec<f32>)>,
}

/// The largest element-wise difference of two equally long vectors.
pub fn max_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
}

/// Deterministic pseudo-random values in [-scale, scale].
pub fn random(n: usize, seed: u64, scale: f32) -> Vec<f32> {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0) * scale
        })
        .collect()
}

impl Tiny {
    pub fn new(qwen2: bool, tie: bool) -> Tiny {
        let mut t = Tiny {
            qwen2,
            tie,
            vocab: 320,
            hidden: 64,
            heads: 4,
            kv_heads: 2,
            head_dim: 16,
            ff: 96,
            layers: 2,
            theta: 10_000.0,
            eps: 1e-5,
            tensors: HashMap::new(),
        };
        let (h, q, kv, ff, vocab) = (
            t.hidden,
            t.heads * t.head_dim,
            t.kv_heads * t.head_dim,
            t.ff,
            t.vocab,
        );
        let mut seed = 1;
        let mut add = |t: &mut Tiny, name: String, shape: Vec<usize>, scale: f32, offset: f32| {
            seed += 1;
            let n = shape.iter().product();
            let v = random(n, seed, scale)
                .into_iter()
                .map(|x| x + offset)
                .collect();
            t.tensors.insert(name, (shape, v));
        };
        add(
            &mut t,
            "model.embed_tokens.weight".into(),
            vec![vocab, h],
            1.0,
            0.0,
        );
        if !tie {
            add(&mut t, "lm_head.weight".into(), vec![vocab, h], 0.3, 0.0);
        }
        add(&mut t, "model.norm.weight".into(), vec![h], 0.2, 1.0);
        for i in 0..t.layers {
            let p = format!("model.layers.{i}");
            add(
                &mut t,
                format!("{p}.input_layernorm.weight"),
                vec![h],
                0.2,
                1.0,
            );
            add(
                &mut t,
                format!("{p}.post_attention_layernorm.weight"),
                vec![h],
                0.2,
                1.0,
            );
            add(
                &mut t,
                format!("{p}.self_attn.q_proj.weight"),
                vec![q, h],
                0.3,
                0.0,
            );
            add(
                &mut t,
                format!("{p}.self_attn.k_proj.weight"),
                vec![kv, h],
                0.3,
                0.0,
            );
            add(
                &mut t,
                format!("{p}.self_attn.v_proj.weight"),
                vec![kv, h],
                0.3,
                0.0,
            );
            add(
                &mut t,
                format!("{p}.self_attn.o_proj.weight"),
                vec![h, q],
                0.3,
                0.0,
            );
            add(
                &mut t,
                format!("{p}.mlp.gate_proj.weight"),
                vec![ff, h],
                0.3,
                0.0,
            );
            add(
                &mut t,
                format!("{p}.mlp.up_proj.weight"),
                vec![ff, h],
                0.3,
                0.0,
            );
            add(
                &mut t,
                format!("{p}.mlp.down_proj.weight"),
                vec![h, ff],
                0.3,
                0.0,
            );
            if qwen2 {
                add(
                    &mut t,
                    format!("{p}.self_attn.q_proj.bias"),
                    vec![q],
                    0.5,
                    0.0,
                );
                add(
                    &mut t,
                    format!("{p}.self_attn.k_proj.bias"),
                    vec![kv],
                    0.5,
                    0.0,
                );
                add(
                    &mut t,
                    format!("{p}.self_attn.v_proj.bias"),
                    vec![kv],
                    0.5,
                    0.0,
                );
            }
        }
        t
    }

    /// Write `config.json`, `model.safetensors` (bf16 when asked) and a byte-level
    /// `tokenizer.json` into `dir`.
    pub fn write(&self, dir: &Path, skip: Option<&str>) {
        std::fs::create_dir_all(dir).unwrap();
        let config = serde_json::json!({
            "model_type": if self.qwen2 { "qwen2" } else { "llama" },
            "vocab_size": self.vocab,
            "hidden_size": self.hidden,
            "intermediate_size": self.ff,
            "num_hidden_layers": self.layers,
            "num_attention_heads": self.heads,
            "num_key_value_heads": self.kv_heads,
            "max_position_embeddings": 128,
            "rope_theta": self.theta,
            "rms_norm_eps": self.eps,
            "tie_word_embeddings": self.tie,
        });
        std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
        write_safetensors(&dir.join("model.safetensors"), &self.tensors, skip);
        byte_tokenizer(self.vocab)
            .save(dir.join("tokenizer.json"), false)
            .unwrap();
    }

    /// A matrix as the runtime holds it after loading (dense weights become Q8_0).
    pub fn effective(&self, name: &str) -> Vec<f32> {
        let (shape, v) = &self.tensors[name];
        QWeight::quantize_q8_0(v, shape[0], shape[1])
            .unwrap()
            .dequantize()
    }

    pub fn vector(&self, name: &str) -> Vec<f32> {
        self.tensors[name].1.clone()
    }

    /// Next-token logits after `ids`, computed naively in f32; `delta` adds extra matrices to
    /// named weights (a merged LoRA update).
    pub fn reference_logits(&self, ids: &[u32], delta: &HashMap<String, Vec<f32>>) -> Vec<f32> {
        let (h, hd) = (self.hidden, self.head_dim);
        let w = |name: &str| {
            let mut m = self.effective(name);
            if let Some(d) = delta.get(name) {
                for (a, b) in m.iter_mut().zip(d) {
                    *a += b;
                }
            }
            m
        };
        let matvec = |m: &[f32], x: &[f32]| -> Vec<f32> {
            m.chunks(x.len())
                .map(|row| row.iter().zip(x).map(|(a, b)| a * b).sum())
                .collect()
        };
        let norm = |x: &[f32], g: &[f32]| -> Vec<f32> {
            let ms = x.iter().map(|v| v * v).sum::<f32>() / x.len() as f32;
            let s = 1.0 / (ms + self.eps).sqrt();
            x.iter().zip(g).map(|(v, g)| v * s * g).collect()
        };
        let rope = |v: &mut [f32], pos: usize| {
            for head in v.chunks_mut(hd) {
                for i in 0..hd / 2 {
                    let angle = pos as f32 / self.theta.powf(2.0 * i as f32 / hd as f32);
                    let (s, c) = angle.sin_cos();
                    let (a, b) = (head[i], head[i + hd / 2]);
                    head[i] = a * c - b * s;
                    head[i + hd / 2] = b * c + a * s;
                }
            }
        };
        // Embedding rows come from the (quantized) embedding matrix.
        let emb = self.effective("model.embed_tokens.weight");
        let mut xs: Vec<Vec<f32>> = ids
            .iter()
            .map(|&t| emb[t as usize * h..(t as usize + 1) * h].to_vec())
            .collect();
        for l in 0..self.layers {
            let p = format!("model.layers.{l}");
            let (wq, wk, wv, wo) = (
                w(&format!("{p}.self_attn.q_proj.weight")),
                w(&format!("{p}.self_attn.k_proj.weight")),
                w(&format!("{p}.self_attn.v_proj.weight")),
                w(&format!("{p}.self_attn.o_proj.weight")),
            );
            let bias = |n: &str, v: &mut Vec<f32>| {
                if self.qwen2 {
                    for (a, b) in v
                        .iter_mut()
                        .zip(self.vector(&format!("{p}.self_attn.{n}.bias")))
                    {
                        *a += b;
                    }
                }
            };
            let mut qs = Vec::new();
            let mut ks = Vec::new();
            let mut vs = Vec::new();
            for (pos, x) in xs.iter().enumerate() {
                let xn = norm(x, &self.vector(&format!("{p}.input_layernorm.weight")));
                let (mut q, mut k, mut v) = (matvec(&wq, &xn), matvec(&wk, &xn), matvec(&wv, &xn));
                bias("q_proj", &mut q);
                bias("k_proj", &mut k);
                bias("v_proj", &mut v);
                rope(&mut q, pos);
                rope(&mut k, pos);
                qs.push(q);
                ks.push(k);
                vs.push(v);
            }
            for (pos, x) in xs.iter_mut().enumerate() {
                let mut attn = vec![0f32; self.heads * hd];
                for head in 0..self.heads {
                    let kvh = head / (self.heads / self.kv_heads);
                    let q = &qs[pos][head * hd..(head + 1) * hd];
                    let scores: Vec<f32> = (0..=pos)
                        .map(|t| {
                            let k = &ks[t][kvh * hd..(kvh + 1) * hd];
                            q.iter().zip(k).map(|(a, b)| a * b).sum::<f32>() / (hd as f32).sqrt()
                        })
                        .collect();
                    let max = scores.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
                    let e: Vec<f32> = scores.iter().map(|s| (s - max).exp()).collect();
                    let sum: f32 = e.iter().sum();
                    for (t, p) in e.iter().enumerate() {
                        for d in 0..hd {
                            attn[head * hd + d] += p / sum * vs[t][kvh * hd + d];
                        }
                    }
                }
                for (a, b) in x.iter_mut().zip(matvec(&wo, &attn)) {
                    *a += b;
                }
                let xn = norm(
                    x,
                    &self.vector(&format!("{p}.post_attention_layernorm.weight")),
                );
                let g = matvec(&w(&format!("{p}.mlp.gate_proj.weight")), &xn);
                let u = matvec(&w(&format!("{p}.mlp.up_proj.weight")), &xn);
                let act: Vec<f32> = g
                    .iter()
                    .zip(&u)
                    .map(|(g, u)| g / (1.0 + (-g).exp()) * u)
                    .collect();
                for (a, b) in x
                    .iter_mut()
                    .zip(matvec(&w(&format!("{p}.mlp.down_proj.weight")), &act))
                {
                    *a += b;
                }
            }
        }
        let last = norm(xs.last().unwrap(), &self.vector("model.norm.weight"));
        let head = if self.tie {
            self.effective("model.embed_tokens.weight")
        } else {
            self.effective("lm_head.weight")
        };
        matvec(&head, &last)
    }
}

pub fn write_safetensors(
    path: &Path,
    tensors: &HashMap<String, (Vec<usize>, Vec<f32>)>,
    skip: Option<&str>,
) {
    let bytes: Vec<(String, Vec<usize>, Vec<u8>)> = tensors
        .iter()
        .filter(|(n, _)| Some(n.as_str()) != skip)
        .map(|(n, (s, v))| {
            (
                n.clone(),
                s.clone(),
                v.iter().flat_map(|x| x.to_le_bytes()).collect(),
            )
        })
        .collect();
    let views: Vec<(String, TensorView)> = bytes
        .iter()
        .map(|(n, s, b)| {
            (
                n.clone(),
                TensorView::new(Dtype::F32, s.clone(), b).unwrap(),
            )
        })
        .collect();
    safetensors::serialize_to_file(views, None, path).unwrap();
}

/// A byte-level BPE tokenizer without merges: one token per byte (ids 0..256).
pub fn byte_tokenizer(vocab: usize) -> tokenizers::Tokenizer {
    use tokenizers::models::bpe::BPE;
    use tokenizers::pre_tokenizers::byte_level::ByteLevel;
    let mut chars: Vec<char> = ByteLevel::alphabet().into_iter().collect();
    chars.sort();
    let mut v: tokenizers::models::bpe::Vocab = Default::default();
    for (i, c) in chars.iter().enumerate() {
        v.insert(c.to_string(), i as u32);
    }
    for i in chars.len()..vocab {
        v.insert(format!("<extra_{i}>"), i as u32);
    }
    let bpe = BPE::builder().vocab_and_merges(v, vec![]).build().unwrap();
    let mut t = tokenizers::Tokenizer::new(bpe);
    t.with_pre_tokenizer(Some(ByteLevel::new(false, true, true)));
    t.with_decoder(Some(tokenizers::decoders::byte_level::ByteLevel::new(
        false, true, true,
    )));
    t
}

/// A PEFT adapter for `tiny` on q_proj and v_proj, with the update each matrix receives.
pub fn write_adapter(
    dir: &Path,
    tiny: &Tiny,
    rank: usize,
    alpha: f32,
    in_features: usize,
) -> HashMap<String, Vec<f32>> {
    std::fs::create_dir_all(dir).unwrap();
    let config = serde_json::json!({
        "base_model_name_or_path": "tiny",
        "r": rank,
        "lora_alpha": alpha,
        "lora_dropout": 0.0,
        "target_modules": ["q_proj", "v_proj"],
        "peft_type": "LORA",
        "task_type": "CAUSAL_LM",
        "bias": "none",
    });
    std::fs::write(dir.join("adapter_config.json"), config.to_string()).unwrap();
    let mut tensors = HashMap::new();
    let mut delta = HashMap::new();
    let scale = alpha / rank as f32;
    for l in 0..tiny.layers {
        for (module, out) in [
            ("q_proj", tiny.heads * tiny.head_dim),
            ("v_proj", tiny.kv_heads * tiny.head_dim),
        ] {
            let base = format!("base_model.model.model.layers.{l}.self_attn.{module}");
            let a = random(rank * in_features, (l * 10 + out) as u64, 0.3);
            let b = random(out * rank, (l * 10 + out + 5) as u64, 0.3);
            let mut d = vec![0f32; out * in_features];
            for i in 0..out {
                for j in 0..in_features {
                    d[i * in_features + j] = scale
                        * (0..rank)
                            .map(|k| b[i * rank + k] * a[k * in_features + j])
                            .sum::<f32>();
                }
            }
            delta.insert(format!("model.layers.{l}.self_attn.{module}.weight"), d);
            tensors.insert(
                format!("{base}.lora_A.weight"),
                (vec![rank, in_features], a),
            );
            tensors.insert(format!("{base}.lora_B.weight"), (vec![out, rank], b));
        }
    }
    write_safetensors(&dir.join("adapter_model.safetensors"), &tensors, None);
    delta
}

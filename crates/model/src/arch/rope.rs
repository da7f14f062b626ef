//! The one rotary embedding every forward uses (the CPU and device runtimes and the trainer),
//! so a model rotates by the same rounded angles wherever it runs.

use super::Config;

/// Rotary-embedding angles of position `pos`, `(sin, cos)` per pair `i < rotary_dim/2`:
/// `pos · base^(−2i/d)` with `d` the rotary dimensions, computed as llama.cpp does (repeated f32 products), so our runtime
/// and llama.cpp rotate by the same rounded angles (and the trainer by the runtime's).
pub fn angles(cfg: &Config, pos: usize) -> (Vec<f32>, Vec<f32>) {
    let half = cfg.rotary_dim / 2;
    if let Some(y) = &cfg.rope_scaling {
        // YaRN: its own frequency per pair, and the rotated parts scaled by its factor.
        let p = pos as f32;
        let sin = y
            .inv_freq
            .iter()
            .map(|f| (p * f).sin() * y.attention_factor)
            .collect();
        let cos = y
            .inv_freq
            .iter()
            .map(|f| (p * f).cos() * y.attention_factor)
            .collect();
        return (sin, cos);
    }
    let step = cfg.rope_theta.powf(-2.0 / cfg.rotary_dim as f32);
    let mut theta = pos as f32;
    let mut sin = Vec::with_capacity(half);
    let mut cos = Vec::with_capacity(half);
    for _ in 0..half {
        sin.push(theta.sin());
        cos.push(theta.cos());
        theta *= step;
    }
    (sin, cos)
}

/// `(cos, sin)` tables `(T, rotary_dim)` for positions `0..t` in Hugging Face's halves layout
/// (pair `i` at columns `i` and `i + d/2`), the trainer's form of [`angles`].
pub fn tables(cfg: &Config, t: usize) -> (Vec<f32>, Vec<f32>) {
    let hd = cfg.rotary_dim;
    let (mut cos, mut sin) = (Vec::with_capacity(t * hd), Vec::with_capacity(t * hd));
    for pos in 0..t {
        let (s, c) = angles(cfg, pos);
        for _ in 0..2 {
            cos.extend_from_slice(&c);
            sin.extend_from_slice(&s);
        }
    }
    (cos, sin)
}

/// YaRN rotary scaling (DeepSeek-V2-Lite's config asks for it): frequencies interpolated
/// between the original and `factor`-times-slower ones by a ramp over the pairs, the rotated
/// parts scaled by `attention_factor`, and (MLA models) the attention's softmax scale by
/// `softmax_mscale`, as transformers computes them.
#[derive(Debug, Clone, PartialEq)]
pub struct Yarn {
    /// One frequency per rotated pair.
    pub inv_freq: Vec<f32>,
    pub attention_factor: f32,
    pub softmax_mscale: f32,
}

/// The parameters of a YaRN `rope_scaling` / `rope_parameters` entry.
pub struct YarnParams {
    pub factor: f64,
    pub original_max_position: f64,
    pub beta_fast: f64,
    pub beta_slow: f64,
    pub mscale: Option<f64>,
    pub mscale_all_dim: Option<f64>,
    pub attention_factor: Option<f64>,
    pub truncate: bool,
}

fn yarn_mscale(scale: f64, mscale: f64) -> f64 {
    if scale <= 1.0 {
        1.0
    } else {
        0.1 * mscale * scale.ln() + 1.0
    }
}

impl Yarn {
    /// The scaling over `dim` rotated dimensions with base `theta`.
    pub fn new(p: &YarnParams, dim: usize, theta: f32) -> Yarn {
        let attention_factor = p
            .attention_factor
            .unwrap_or(match (p.mscale, p.mscale_all_dim) {
                (Some(m), Some(all)) if m != 0.0 && all != 0.0 => {
                    yarn_mscale(p.factor, m) / yarn_mscale(p.factor, all)
                }
                _ => yarn_mscale(p.factor, 1.0),
            });
        let correction = |rotations: f64| {
            (dim as f64 * (p.original_max_position / (rotations * 2.0 * std::f64::consts::PI)).ln())
                / (2.0 * (theta as f64).ln())
        };
        let (mut low, mut high) = (correction(p.beta_fast), correction(p.beta_slow));
        if p.truncate {
            low = low.floor();
            high = high.ceil();
        }
        let (low, mut high) = (low.max(0.0), high.min(dim as f64 - 1.0));
        if low == high {
            high += 0.001;
        }
        let inv_freq = (0..dim / 2)
            .map(|i| {
                let pos_freq = theta.powf((2 * i) as f32 / dim as f32);
                let extrapolation = 1.0 / pos_freq;
                let interpolation = 1.0 / (p.factor as f32 * pos_freq);
                let ramp = ((i as f32 - low as f32) / (high as f32 - low as f32)).clamp(0.0, 1.0);
                let keep = 1.0 - ramp;
                interpolation * (1.0 - keep) + extrapolation * keep
            })
            .collect();
        let softmax_mscale = match p.mscale_all_dim {
            Some(all) if all != 0.0 => yarn_mscale(p.factor, all).powi(2) as f32,
            _ => 1.0,
        };
        Yarn {
            inv_freq,
            attention_factor: attention_factor as f32,
            softmax_mscale,
        }
    }
}

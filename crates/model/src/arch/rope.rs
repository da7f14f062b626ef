//! The one rotary embedding every forward uses (the CPU and device runtimes and the trainer),
//! so a model rotates by the same rounded angles wherever it runs.

use super::Config;

/// Rotary-embedding angles of position `pos`, `(sin, cos)` per pair `i < rotary_dim/2`:
/// `pos · base^(−2i/d)` with `d` the rotary dimensions, computed as llama.cpp does (repeated f32 products), so our runtime
/// and llama.cpp rotate by the same rounded angles (and the trainer by the runtime's).
pub fn angles(cfg: &Config, pos: usize) -> (Vec<f32>, Vec<f32>) {
    let half = cfg.rotary_dim / 2;
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

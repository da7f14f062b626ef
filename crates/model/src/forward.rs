//! The forward pass on the CPU, shared by every architecture in `crate::arch`.
//!
//! Rows are tokens. One call either extends a single sequence by many tokens (prefill) or
//! advances many sequences by one token each (batched sampling); in both cases every linear
//! layer runs once over all rows, so weights stream through the cache once per call.
//! Sequences sampled from the same prompt share that prompt's KV cache (`prefix`) instead of
//! each holding a copy: n = 15 samples of a 400-token prompt keep one prompt cache.

use rayon::prelude::*;

use crate::arch::Config;
use crate::quant::kernels::{isa, Isa};
use crate::quant::{matmul_many, matmul_many_f32, QActs, QWeight};
use crate::weights::{Linear, Precision, Weights};

/// Keys and values of one sequence (or of a shared prompt), per layer, `[position][kv_dim]`.
#[derive(Clone, Debug, Default)]
pub struct KvCache {
    layers: Vec<(Vec<f32>, Vec<f32>)>,
    len: usize,
}

impl KvCache {
    pub fn new(cfg: &Config) -> KvCache {
        KvCache {
            layers: vec![(Vec::new(), Vec::new()); cfg.num_layers],
            len: 0,
        }
    }

    /// Tokens held.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes held.
    pub fn size_in_bytes(&self) -> usize {
        self.layers
            .iter()
            .map(|(k, v)| 4 * (k.len() + v.len()))
            .sum()
    }
}

/// Rotary-embedding angles of position `pos`: `pos · base^(−2i/d)`, computed as llama.cpp
/// does (repeated f32 products), so both runtimes rotate by the same rounded angles.
fn rope_angles(cfg: &Config, pos: usize) -> (Vec<f32>, Vec<f32>) {
    let half = cfg.head_dim / 2;
    let step = cfg.rope_theta.powf(-2.0 / cfg.head_dim as f32);
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

/// The forward pass over `tokens`.
///
/// `caches.len() × rows_per_cache == tokens.len()`: row `i` extends `caches[i / rows_per_cache]`,
/// which follows the shared `prefix` (if any). Returns the logits of the last row of each
/// cache, `[caches.len()][vocab]`.
pub fn forward(
    cfg: &Config,
    w: &Weights,
    tokens: &[u32],
    prefix: Option<&KvCache>,
    caches: &mut [KvCache],
    rows_per_cache: usize,
) -> Vec<f32> {
    assert_eq!(caches.len() * rows_per_cache, tokens.len());
    let h = cfg.hidden_size;
    let m = tokens.len();
    let (qd, kvd, hd) = (cfg.q_dim(), cfg.kv_dim(), cfg.head_dim);
    let plen = prefix.map_or(0, |p| p.len);
    let positions: Vec<usize> = (0..m)
        .map(|i| plen + caches[i / rows_per_cache].len + i % rows_per_cache)
        .collect();
    let rope: Vec<(Vec<f32>, Vec<f32>)> = positions.iter().map(|&p| rope_angles(cfg, p)).collect();

    let mut x = vec![0f32; m * h];
    for (row, &t) in x.chunks_mut(h).zip(tokens) {
        w.embed.dequantize_row(t as usize, row);
    }
    let mut xn = vec![0f32; m * h];
    let mut qkv = vec![0f32; m * (qd + 2 * kvd)];
    let mut attn = vec![0f32; m * qd];
    let ff = cfg.intermediate_size;
    let mut gate_up = vec![0f32; m * 2 * ff];
    let mut act = vec![0f32; m * ff];
    let kernels = isa();
    let fast = w.precision == Precision::Fast;

    for (li, layer) in w.layers.iter().enumerate() {
        rms_norm(&x, &layer.attn_norm, cfg.rms_eps, &mut xn);
        let acts = prepare(w.precision, &xn, h);
        let stride = qd + 2 * kvd;
        let qkv_parts = [
            (&layer.q_proj, 0),
            (&layer.k_proj, qd),
            (&layer.v_proj, qd + kvd),
        ];
        apply_linears(&qkv_parts, &acts, &xn, &mut qkv, stride);
        for (row, (sin, cos)) in qkv.chunks_mut(stride).zip(&rope) {
            rotate(&mut row[..qd], hd, sin, cos);
            rotate(&mut row[qd..qd + kvd], hd, sin, cos);
        }
        for (i, row) in qkv.chunks(stride).enumerate() {
            let (k, v) = &mut caches[i / rows_per_cache].layers[li];
            if fast {
                k.extend(row[qd..qd + kvd].iter().map(|&x| round_f16(x)));
                v.extend(row[qd + kvd..].iter().map(|&x| round_f16(x)));
            } else {
                k.extend_from_slice(&row[qd..qd + kvd]);
                v.extend_from_slice(&row[qd + kvd..]);
            }
        }
        let pre = prefix.map(|p| (&p.layers[li].0[..], &p.layers[li].1[..]));
        let caches_ref: &[KvCache] = caches;
        attention(
            cfg,
            kernels,
            fast,
            &qkv,
            stride,
            pre,
            caches_ref,
            li,
            rows_per_cache,
            &mut attn,
        );
        // x += o_proj(attn)
        let mut o = vec![0f32; m * h];
        let acts = prepare(w.precision, &attn, qd);
        apply_linears(&[(&layer.o_proj, 0)], &acts, &attn, &mut o, h);
        add_into(&mut x, &o);

        rms_norm(&x, &layer.mlp_norm, cfg.rms_eps, &mut xn);
        let acts = prepare(w.precision, &xn, h);
        apply_linears(
            &[(&layer.gate_proj, 0), (&layer.up_proj, ff)],
            &acts,
            &xn,
            &mut gate_up,
            2 * ff,
        );
        for (a, gu) in act.chunks_mut(ff).zip(gate_up.chunks(2 * ff)) {
            let (g, u) = gu.split_at(ff);
            for ((a, &g), &u) in a.iter_mut().zip(g).zip(u) {
                *a = g / (1.0 + (-g).exp()) * u;
            }
        }
        let acts = prepare(w.precision, &act, ff);
        apply_linears(&[(&layer.down_proj, 0)], &acts, &act, &mut o, h);
        add_into(&mut x, &o);
    }
    for c in caches.iter_mut() {
        c.len += rows_per_cache;
    }

    // Logits only for the rows that need them (the last of each sequence).
    let last: Vec<f32> = (0..caches.len())
        .flat_map(|c| {
            let r = c * rows_per_cache + rows_per_cache - 1;
            x[r * h..(r + 1) * h].to_vec()
        })
        .collect();
    let mut normed = vec![0f32; last.len()];
    rms_norm(&last, &w.norm, cfg.rms_eps, &mut normed);
    let head: &QWeight = w.lm_head.as_ref().unwrap_or(&w.embed);
    match w.precision {
        Precision::Fast => head.matmul(&normed),
        Precision::Exact => {
            let mut out = vec![0f32; caches.len() * head.rows()];
            head.matmul_f32(&normed, &mut out, head.rows(), 0);
            out
        }
    }
}

/// Activations prepared for the linear layers that share them.
enum Acts {
    Quantized(QActs),
    F32,
}

fn prepare(precision: Precision, x: &[f32], cols: usize) -> Acts {
    match precision {
        Precision::Fast => Acts::Quantized(QActs::quantize(x, cols)),
        Precision::Exact => Acts::F32,
    }
}

/// `out[:, offset..offset+out_features] = x·Wᵀ + bias + LoRA(x)` for every `(layer, offset)`,
/// the matrix products of all of them in one parallel region.
fn apply_linears(
    parts: &[(&Linear, usize)],
    acts: &Acts,
    x: &[f32],
    out: &mut [f32],
    stride: usize,
) {
    let weights: Vec<(&QWeight, usize)> = parts.iter().map(|(l, o)| (&l.weight, *o)).collect();
    match acts {
        Acts::Quantized(a) => matmul_many(&weights, a, out, stride),
        Acts::F32 => matmul_many_f32(&weights, x, out, stride),
    }
    for &(l, offset) in parts {
        let n = l.out_features();
        if let Some(b) = &l.bias {
            for row in out.chunks_mut(stride) {
                for (o, &b) in row[offset..offset + n].iter_mut().zip(b) {
                    *o += b;
                }
            }
        }
        if let Some(lora) = &l.lora {
            let k = l.in_features();
            let r = lora.rank;
            let rows: Vec<&[f32]> = x.chunks(k).collect();
            let xa: Vec<f32> = rows
                .par_iter()
                .flat_map_iter(|row| (0..r).map(move |j| dot(row, &lora.a[j * k..(j + 1) * k])))
                .collect();
            out.par_chunks_mut(stride)
                .zip(xa.par_chunks(r))
                .for_each(|(row, xa)| {
                    for (i, o) in row[offset..offset + n].iter_mut().enumerate() {
                        *o += lora.scale * dot(xa, &lora.b[i * r..(i + 1) * r]);
                    }
                });
        }
    }
}

fn add_into(x: &mut [f32], y: &[f32]) {
    for (a, b) in x.iter_mut().zip(y) {
        *a += b;
    }
}

/// RMSNorm over each row of `x` (length `w.len()`).
pub fn rms_norm(x: &[f32], w: &[f32], eps: f32, out: &mut [f32]) {
    let h = w.len();
    for (row, o) in x.chunks(h).zip(out.chunks_mut(h)) {
        // The mean square in f64, as llama.cpp sums it.
        let ms = (row.iter().map(|&v| f64::from(v * v)).sum::<f64>() / h as f64) as f32;
        let scale = 1.0 / (ms + eps).sqrt();
        for ((o, &v), &g) in o.iter_mut().zip(row).zip(w) {
            *o = v * scale * g;
        }
    }
}

/// Rotate each head of `x` (halves layout): `(a, b) → (a·cos − b·sin, b·cos + a·sin)`.
fn rotate(x: &mut [f32], hd: usize, sin: &[f32], cos: &[f32]) {
    let half = hd / 2;
    for head in x.chunks_mut(hd) {
        let (a, b) = head.split_at_mut(half);
        for i in 0..half {
            let (x0, x1) = (a[i], b[i]);
            a[i] = x0 * cos[i] - x1 * sin[i];
            b[i] = x1 * cos[i] + x0 * sin[i];
        }
    }
}

/// A float dot product with eight independent accumulators, so it vectorizes.
#[inline(always)]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// `x` rounded to the nearest f16 (kept as f32).
#[inline(always)]
fn round_f16(x: f32) -> f32 {
    half::f16::from_f32(x).to_f32()
}

#[inline(always)]
fn axpy(out: &mut [f32], a: f32, x: &[f32]) {
    for (o, &v) in out.iter_mut().zip(x) {
        *o += a * v;
    }
}

/// Scaled dot-product attention of every (row, head), causal, grouped-query.
#[allow(clippy::too_many_arguments)]
fn attention(
    cfg: &Config,
    kernels: Isa,
    f16: bool,
    qkv: &[f32],
    stride: usize,
    prefix: Option<(&[f32], &[f32])>,
    caches: &[KvCache],
    layer: usize,
    rows_per_cache: usize,
    out: &mut [f32],
) {
    let (hd, heads, kvd) = (cfg.head_dim, cfg.num_heads, cfg.kv_dim());
    let group = heads / cfg.num_kv_heads;
    let scale = 1.0 / (hd as f32).sqrt();
    out.par_chunks_mut(hd)
        .enumerate()
        .with_min_len(4)
        .for_each(|(idx, o)| {
            let (row, head) = (idx / heads, idx % heads);
            let c = &caches[row / rows_per_cache];
            // Own keys visible to this row: those before it in its cache plus itself.
            // The new rows were appended before this call; `c.len` still counts the old ones.
            let own = c.len + row % rows_per_cache + 1;
            let q = &qkv[row * stride + head * hd..row * stride + (head + 1) * hd];
            let kvh = head / group;
            let (ck, cv) = &c.layers[layer];
            let segs = [prefix, Some((&ck[..], &cv[..]))];
            let visible = [prefix.map_or(0, |p| p.0.len() / kvd), own];
            let run = |o: &mut [f32]| attend(q, &segs, &visible, kvd, kvh * hd, hd, scale, f16, o);
            match kernels {
                #[cfg(target_arch = "x86_64")]
                Isa::Avx2 | Isa::Avx512Vnni => unsafe { attend_avx2(&run, o) },
                _ => run(o),
            }
        });
}

/// Compiles `f` (inlined) with AVX2+FMA enabled.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn attend_avx2<F: Fn(&mut [f32])>(f: &F, o: &mut [f32]) {
    f(o)
}

#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn attend(
    q: &[f32],
    segs: &[Option<(&[f32], &[f32])>; 2],
    visible: &[usize; 2],
    kvd: usize,
    off: usize,
    hd: usize,
    scale: f32,
    f16: bool,
    o: &mut [f32],
) {
    // Fast precision follows llama.cpp's CPU attention (f16 KV cache, f16 operands, f32 sums);
    // exact precision stays in f32 like a dense reference.
    let mut qh = [0f32; 256];
    let q = if f16 && q.len() <= qh.len() {
        for (d, &x) in qh.iter_mut().zip(q) {
            *d = round_f16(x);
        }
        &qh[..q.len()]
    } else {
        q
    };
    let total: usize = visible.iter().sum();
    let mut scores = Vec::with_capacity(total);
    for (seg, &n) in segs.iter().zip(visible) {
        if let Some((k, _)) = seg {
            for t in 0..n {
                scores.push(dot(q, &k[t * kvd + off..t * kvd + off + hd]) * scale);
            }
        }
    }
    let max = scores.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
        sum += *s;
    }
    o.fill(0.0);
    let mut i = 0;
    for (seg, &n) in segs.iter().zip(visible) {
        if let Some((_, v)) = seg {
            for t in 0..n {
                let p = scores[i] / sum;
                axpy(
                    o,
                    if f16 { round_f16(p) } else { p },
                    &v[t * kvd + off..t * kvd + off + hd],
                );
                i += 1;
            }
        }
    }
}

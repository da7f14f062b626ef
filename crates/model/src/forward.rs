//! The forward pass on the CPU, shared by every architecture in `crate::arch`.
//!
//! Rows are tokens. One call either extends a single sequence by many tokens (prefill) or
//! advances many sequences by one token each (batched sampling); in both cases every linear
//! layer runs once over all rows, so weights stream through the cache once per call.
//! Sequences sampled from the same prompt share that prompt's KV cache (`prefix`) instead of
//! each holding a copy: n = 15 samples of a 400-token prompt keep one prompt cache.

use half::f16;
use rayon::prelude::*;

use crate::arch::{Activation, Config, Norm, Residual};
use crate::quant::kernels::{dot_f32_portable as dot, isa, Isa};
use crate::quant::{matmul_many, matmul_many_f32, QActs, QWeight};
use crate::weights::{Linear, NormWeights, Precision, Weights};

/// Keys and values of one sequence (or of a shared prompt), per layer and kv head,
/// `[position][head_dim]`: each head's keys lie contiguous, so attention streams them (a
/// position-major layout makes it jump `kv_dim` values per key, which the prefetchers do not
/// follow across pages).
/// Exact precision keeps them in f32; fast precision rounds them to f16 (as llama.cpp's f16
/// cache does) and so stores them as f16: the same numbers in half the memory, which is what
/// attention over many sequences is bound by.
#[derive(Clone, Debug, Default)]
pub struct KvCache {
    layers: Vec<Vec<(Vec<f32>, Vec<f32>)>>,
    half: Vec<Vec<(Vec<f16>, Vec<f16>)>>,
    len: usize,
    /// Keys and values on the device of a model placed on one (see [`crate::candle_forward`]).
    pub(crate) dev: crate::candle_forward::DeviceKv,
}

/// A cache's keys or values of one layer, in the stored type.
#[derive(Clone, Copy)]
enum Kv<'a> {
    F32(&'a [f32]),
    F16(&'a [f16]),
}

impl<'a> Kv<'a> {
    fn len(self) -> usize {
        match self {
            Kv::F32(x) => x.len(),
            Kv::F16(x) => x.len(),
        }
    }

    /// `buf.len()` values from `start` as f32: borrowed, or converted into `buf`.
    #[inline(always)]
    fn row<'b>(
        self,
        start: usize,
        buf: &'b mut [f32],
        cvt: &impl Fn(&[f16], &mut [f32]),
    ) -> &'b [f32]
    where
        'a: 'b,
    {
        match self {
            Kv::F32(x) => &x[start..start + buf.len()],
            Kv::F16(x) => {
                cvt(&x[start..start + buf.len()], buf);
                buf
            }
        }
    }
}

impl KvCache {
    pub fn new(cfg: &Config) -> KvCache {
        KvCache {
            layers: vec![vec![(Vec::new(), Vec::new()); cfg.num_kv_heads]; cfg.num_layers],
            half: vec![vec![(Vec::new(), Vec::new()); cfg.num_kv_heads]; cfg.num_layers],
            ..KvCache::default()
        }
    }

    /// Count `n` more tokens (the device pass stores its keys itself).
    pub(crate) fn advance(&mut self, n: usize) {
        self.len += n;
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
        let full: usize = self
            .layers
            .iter()
            .flatten()
            .map(|(k, v)| 4 * (k.len() + v.len()))
            .sum();
        let half: usize = self
            .half
            .iter()
            .flatten()
            .map(|(k, v)| 2 * (k.len() + v.len()))
            .sum();
        let device: usize = self
            .dev
            .iter()
            .flatten()
            .map(|(k, v)| 4 * (k.elem_count() + v.elem_count()))
            .sum();
        full + half + device
    }

    /// Layer `li`'s keys and values of kv head `h`, in the type `fast` precision stores.
    fn segment(&self, li: usize, h: usize, fast: bool) -> (Kv<'_>, Kv<'_>) {
        if fast {
            let (k, v) = &self.half[li][h];
            (Kv::F16(k), Kv::F16(v))
        } else {
            let (k, v) = &self.layers[li][h];
            (Kv::F32(k), Kv::F32(v))
        }
    }
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
    let prefixes = vec![prefix; caches.len()];
    forward_prefixed(cfg, w, tokens, &prefixes, caches, rows_per_cache)
}

/// [`forward`] where each cache follows its own shared prefix (`prefixes[i]` for
/// `caches[i]`): sequences of different prompts decoded in one pass (continuous batching).
pub fn forward_prefixed(
    cfg: &Config,
    w: &Weights,
    tokens: &[u32],
    prefixes: &[Option<&KvCache>],
    caches: &mut [KvCache],
    rows_per_cache: usize,
) -> Vec<f32> {
    try_forward_prefixed(cfg, w, tokens, prefixes, caches, rows_per_cache)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// [`forward_prefixed`] on the device the weights are placed on. Only a device pass can fail
/// (out of GPU memory, a driver error); the CPU kernels always return `Ok`.
pub fn try_forward_prefixed(
    cfg: &Config,
    w: &Weights,
    tokens: &[u32],
    prefixes: &[Option<&KvCache>],
    caches: &mut [KvCache],
    rows_per_cache: usize,
) -> crate::Result<Vec<f32>> {
    if let Some(dev) = &w.on_device {
        return dev
            .forward(cfg, tokens, prefixes, caches, rows_per_cache)
            .map_err(|e| crate::ModelError::invalid("device", format!("{}: {e}", dev.location())));
    }
    Ok(crate::pool().install(|| forward_in_pool(cfg, w, tokens, prefixes, caches, rows_per_cache)))
}

fn forward_in_pool(
    cfg: &Config,
    w: &Weights,
    tokens: &[u32],
    prefixes: &[Option<&KvCache>],
    caches: &mut [KvCache],
    rows_per_cache: usize,
) -> Vec<f32> {
    assert_eq!(caches.len() * rows_per_cache, tokens.len());
    assert_eq!(prefixes.len(), caches.len());
    let h = cfg.hidden_size;
    let m = tokens.len();
    let (qd, kvd, hd) = (cfg.q_dim(), cfg.kv_dim(), cfg.head_dim);
    let positions: Vec<usize> = (0..m)
        .map(|i| {
            let c = i / rows_per_cache;
            prefixes[c].map_or(0, |p| p.len) + caches[c].len + i % rows_per_cache
        })
        .collect();
    let rope: Vec<(Vec<f32>, Vec<f32>)> = positions
        .iter()
        .map(|&p| crate::arch::rope::angles(cfg, p))
        .collect();

    let mut x = vec![0f32; m * h];
    for ((row, &t), &p) in x.chunks_mut(h).zip(tokens).zip(&positions) {
        w.embed.dequantize_row(t as usize, row);
        if cfg.embed_scale != 1.0 {
            row.iter_mut().for_each(|v| *v *= cfg.embed_scale);
        }
        if let Some(added) = crate::arch::positions::added(cfg, p) {
            add_into(row, &added);
        }
    }
    let mut xn = vec![0f32; m * h];
    let mut qkv = vec![0f32; m * (qd + 2 * kvd)];
    let mut attn = vec![0f32; m * qd];
    let ff = cfg.intermediate_size;
    let gated = cfg.block.activation == Activation::SiluGated;
    let mut gate_up = vec![0f32; m * if gated { 2 * ff } else { ff }];
    let mut act = vec![0f32; m * ff];
    let kernels = isa();
    let fast = w.precision == Precision::Fast;
    let rd = cfg.rotary_dim;

    for (li, layer) in w.layers.iter().enumerate() {
        norm(cfg, &x, &layer.attn_norm, &mut xn);
        let acts = prepare(w.precision, &xn, h);
        let stride = qd + 2 * kvd;
        match (&cfg.mla, &layer.mla) {
            (Some(dims), Some(mla)) => crate::latent::attention_inputs(
                cfg,
                dims,
                w.precision,
                layer,
                mla,
                &acts,
                &xn,
                &mut qkv,
            ),
            _ => {
                let qkv_parts = [(&layer.q, 0), (&layer.k, qd), (&layer.v, qd + kvd)];
                apply_linears(&qkv_parts, &acts, &xn, &mut qkv, stride);
            }
        }
        for (row, (sin, cos)) in qkv.chunks_mut(stride).zip(&rope) {
            rotate(&mut row[..qd], hd, rd, sin, cos);
            rotate(&mut row[qd..qd + kvd], hd, rd, sin, cos);
        }
        for (i, row) in qkv.chunks(stride).enumerate() {
            let c = &mut caches[i / rows_per_cache];
            for h in 0..cfg.num_kv_heads {
                let ks = &row[qd + h * hd..qd + (h + 1) * hd];
                let vs = &row[qd + kvd + h * hd..qd + kvd + (h + 1) * hd];
                if fast {
                    use half::slice::HalfFloatSliceExt;
                    let (k, v) = &mut c.half[li][h];
                    let (k0, v0) = (k.len(), v.len());
                    k.resize(k0 + hd, f16::ZERO);
                    v.resize(v0 + hd, f16::ZERO);
                    k[k0..].convert_from_f32_slice(ks);
                    v[v0..].convert_from_f32_slice(vs);
                } else {
                    let (k, v) = &mut c.layers[li][h];
                    k.extend_from_slice(ks);
                    v.extend_from_slice(vs);
                }
            }
        }
        let caches_ref: &[KvCache] = caches;
        attention(
            cfg,
            kernels,
            fast,
            &qkv,
            stride,
            prefixes,
            caches_ref,
            li,
            rows_per_cache,
            &mut attn,
        );
        // x += the output projection of attn
        let mut o = vec![0f32; m * h];
        let cut;
        let heads_out: &[f32] = match &cfg.mla {
            // Latent attention's values are narrower than its keys: cut the padding.
            Some(dims) => {
                cut = crate::latent::values_only(cfg, dims, &attn);
                &cut
            }
            None => &attn,
        };
        let acts = prepare(w.precision, heads_out, layer.o.in_features());
        apply_linears(&[(&layer.o, 0)], &acts, heads_out, &mut o, h);
        match (cfg.block.residual, &layer.mlp_norm) {
            (Residual::Sequential, Some(mlp_norm)) => {
                add_into(&mut x, &o);
                norm(cfg, &x, mlp_norm, &mut xn);
            }
            // A parallel block's MLP reads the attention's normed input (still in `xn`) and
            // both outputs join the residual together: `x + attn + mlp`, in that order.
            _ => add_into(&mut x, &o),
        }
        let acts = prepare(w.precision, &xn, h);
        if let (Some(moe), Some(routed)) = (&cfg.moe, &layer.moe) {
            crate::latent::experts(kernels, w.precision, moe, layer, routed, &acts, &xn, &mut o);
            add_into(&mut x, &o);
            continue;
        }
        match &layer.gate {
            Some(gate) if gated => {
                apply_linears(
                    &[(gate, 0), (&layer.up, ff)],
                    &acts,
                    &xn,
                    &mut gate_up,
                    2 * ff,
                );
                swiglu(kernels, &gate_up, &mut act, ff);
            }
            _ => {
                apply_linears(&[(&layer.up, 0)], &acts, &xn, &mut act, ff);
                match cfg.block.activation {
                    Activation::GeluErf => gelu_erf(&mut act, ff),
                    _ => gelu_tanh(kernels, &mut act, ff),
                }
            }
        }
        let acts = prepare(w.precision, &act, ff);
        apply_linears(&[(&layer.down, 0)], &acts, &act, &mut o, h);
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
    norm(cfg, &last, &w.norm, &mut normed);
    let head: &QWeight = w.lm_head.as_ref().unwrap_or(&w.embed);
    let mut logits = match w.precision {
        Precision::Fast => head.matmul(&normed),
        Precision::Exact => {
            let mut out = vec![0f32; caches.len() * head.rows()];
            head.matmul_f32(&normed, &mut out, head.rows(), 0);
            out
        }
    };
    if let Some(bias) = &w.lm_head_bias {
        for row in logits.chunks_mut(bias.len()) {
            add_into(row, bias);
        }
    }
    logits
}

/// The block's norm over each row of `x`: RMSNorm or LayerNorm, as the architecture says.
fn norm(cfg: &Config, x: &[f32], w: &NormWeights, out: &mut [f32]) {
    match cfg.block.norm {
        Norm::Rms => rms_norm(x, &w.weight, cfg.rms_eps, out),
        Norm::Layer => layer_norm(x, &w.weight, w.bias.as_deref(), cfg.rms_eps, out),
    }
}

/// LayerNorm over each row of `x`: `(v − mean) / sqrt(var + eps) · w + b`, with the mean and
/// the (biased) variance summed in f64.
pub fn layer_norm(x: &[f32], w: &[f32], b: Option<&[f32]>, eps: f32, out: &mut [f32]) {
    let h = w.len();
    for (row, o) in x.chunks(h).zip(out.chunks_mut(h)) {
        let mean = row.iter().map(|&v| f64::from(v)).sum::<f64>() / h as f64;
        let var = row
            .iter()
            .map(|&v| (f64::from(v) - mean).powi(2))
            .sum::<f64>()
            / h as f64;
        let scale = (1.0 / (var + f64::from(eps)).sqrt()) as f32;
        let mean = mean as f32;
        for (i, (o, &v)) in o.iter_mut().zip(row).enumerate() {
            *o = (v - mean) * scale * w[i] + b.map_or(0.0, |b| b[i]);
        }
    }
}

/// GELU in its tanh form (`gelu_new`, `gelu_pytorch_tanh`) over rows of `ff` values, in place,
/// in parallel and compiled for the CPU's vector unit (as [`swiglu`]).
fn gelu_tanh(kernels: Isa, act: &mut [f32], ff: usize) {
    act.par_chunks_mut(ff).for_each(|row| match kernels {
        // SAFETY: the ISA was detected at run time.
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512Vnni | Isa::Avx2 => unsafe { gelu_row_avx2(row) },
        _ => gelu_row(row),
    });
}

/// The exact GELU, `x · Φ(x) = ½·x·(1 + erf(x/√2))` (XGLM's `gelu`), over rows of `ff`
/// values in place and in parallel; the error function in f64 (candle's), so it agrees with
/// PyTorch's to f32 rounding.
fn gelu_erf(act: &mut [f32], ff: usize) {
    act.par_chunks_mut(ff).for_each(|row| {
        for v in row {
            let x = f64::from(*v);
            *v = (0.5 * x * (1.0 + candle_core::cpu::erf::erf_f64(x / std::f64::consts::SQRT_2)))
                as f32;
        }
    });
}

/// `0.5·x·(1 + tanh(y))` written as `x / (1 + e^(−2y))` (the same function), so it runs on
/// [`exp_approx`] and vectorizes instead of calling libm's `tanhf` per value.
#[inline(always)]
fn gelu_row(row: &mut [f32]) {
    const SQRT_2_OVER_PI: f32 = 0.797_884_6;
    for v in row {
        let x = *v;
        let y = SQRT_2_OVER_PI * (x + 0.044_715 * x * x * x);
        *v = x / (1.0 + exp_approx(-2.0 * y));
    }
}

/// [`gelu_row`] compiled with AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn gelu_row_avx2(row: &mut [f32]) {
    gelu_row(row)
}

/// Activations prepared for the linear layers that share them.
pub(crate) enum Acts {
    Quantized(QActs),
    F32,
}

pub(crate) fn prepare(precision: Precision, x: &[f32], cols: usize) -> Acts {
    match precision {
        Precision::Fast => Acts::Quantized(QActs::quantize(x, cols)),
        Precision::Exact => Acts::F32,
    }
}

/// `out[:, offset..offset+out_features] = x·Wᵀ + bias + LoRA(x)` for every `(layer, offset)`,
/// the matrix products of all of them in one parallel region.
pub(crate) fn apply_linears(
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

/// `act = silu(gate) · up` per row of `[gate | up]`, the MLP's activation; in parallel and
/// compiled for the CPU's vector unit (in baseline x86-64 code `exp_approx`'s rounding is a
/// libm call per element, which made this loop a tenth of a batched decode step).
pub(crate) fn swiglu(kernels: Isa, gate_up: &[f32], act: &mut [f32], ff: usize) {
    act.par_chunks_mut(ff)
        .zip(gate_up.par_chunks(2 * ff))
        .for_each(|(a, gu)| match kernels {
            // SAFETY: the ISA was detected at run time.
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512Vnni | Isa::Avx2 => unsafe { swiglu_row_avx2(gu, a) },
            _ => swiglu_row(gu, a),
        });
}

#[inline(always)]
fn swiglu_row(gu: &[f32], a: &mut [f32]) {
    let (g, u) = gu.split_at(a.len());
    for ((a, &g), &u) in a.iter_mut().zip(g).zip(u) {
        *a = g / (1.0 + exp_approx(-g)) * u;
    }
}

/// [`swiglu_row`] compiled with AVX2 (the same operations, so the same numbers).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn swiglu_row_avx2(gu: &[f32], a: &mut [f32]) {
    swiglu_row(gu, a)
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

/// Rotate the first `rd` dimensions of each head of `x` (halves layout: pair `i` at `i` and
/// `i + rd/2`): `(a, b) → (a·cos − b·sin, b·cos + a·sin)`; the rest pass unturned.
fn rotate(x: &mut [f32], hd: usize, rd: usize, sin: &[f32], cos: &[f32]) {
    let half = rd / 2;
    for head in x.chunks_mut(hd) {
        let (a, b) = head[..rd].split_at_mut(half);
        for i in 0..half {
            let (x0, x1) = (a[i], b[i]);
            a[i] = x0 * cos[i] - x1 * sin[i];
            b[i] = x1 * cos[i] + x0 * sin[i];
        }
    }
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
    prefixes: &[Option<&KvCache>],
    caches: &[KvCache],
    layer: usize,
    rows_per_cache: usize,
    out: &mut [f32],
) {
    let (hd, kv_heads) = (cfg.head_dim, cfg.num_kv_heads);
    let group = cfg.num_heads / kv_heads;
    let scale = cfg.attention_scale();
    // One item per (row, kv head): the query heads that share a kv head read each key and
    // value once for all of them.
    out.par_chunks_mut(group * hd)
        .enumerate()
        .with_min_len(2)
        .for_each(|(idx, o)| {
            let (row, kvh) = (idx / kv_heads, idx % kv_heads);
            let c = &caches[row / rows_per_cache];
            let prefix = prefixes[row / rows_per_cache].map(|p| p.segment(layer, kvh, f16));
            // Own keys visible to this row: those before it in its cache plus itself.
            // The new rows were appended before this call; `c.len` still counts the old ones.
            let own = c.len + row % rows_per_cache + 1;
            let q0 = row * stride + kvh * group * hd;
            let q = &qkv[q0..q0 + group * hd];
            let segs = [prefix, Some(c.segment(layer, kvh, f16))];
            let visible = [prefix.map_or(0, |p| p.0.len() / hd), own];
            let mut scores = Vec::new();
            let args = Attend {
                q,
                segs,
                visible,
                hd,
                scale,
                f16,
            };
            match kernels {
                // SAFETY: the ISA was detected at run time.
                #[cfg(target_arch = "x86_64")]
                Isa::Avx512Vnni => unsafe { attend_avx512(&args, &mut scores, o) },
                #[cfg(target_arch = "x86_64")]
                Isa::Avx2 => unsafe { attend_avx2(&args, &mut scores, o) },
                _ => attend_any(&args, &mut scores, o),
            }
        });
}

/// f16 → f32 with F16C, 8 values at a time (`h.len()` is a multiple of 8: a head's size).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn cvt_f16c(h: &[f16], out: &mut [f32]) {
    use std::arch::x86_64::*;
    for (hc, oc) in h.chunks_exact(8).zip(out.chunks_exact_mut(8)) {
        // SAFETY: only called from kernels compiled with F16C (checked at run time); each
        // chunk holds 8 values.
        unsafe {
            let v = _mm256_cvtph_ps(_mm_loadu_si128(hc.as_ptr() as *const __m128i));
            _mm256_storeu_ps(oc.as_mut_ptr(), v);
        }
    }
}

/// f16 → f32 with AVX-512, 16 values at a time: one 64-byte store per vector the kernel then
/// loads whole (two 32-byte stores would defeat store-to-load forwarding).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn cvt_avx512(h: &[f16], out: &mut [f32]) {
    use std::arch::x86_64::*;
    for (hc, oc) in h.chunks_exact(16).zip(out.chunks_exact_mut(16)) {
        // SAFETY: only called from the AVX-512 kernel; each chunk holds 16 values.
        unsafe {
            let v = _mm512_cvtph_ps(_mm256_loadu_si256(hc.as_ptr() as *const __m256i));
            _mm512_storeu_ps(oc.as_mut_ptr(), v);
        }
    }
}

/// f16 → f32 without assumptions about the CPU.
#[inline(always)]
fn cvt_any(h: &[f16], out: &mut [f32]) {
    use half::slice::HalfFloatSliceExt;
    h.convert_to_f32_slice(out);
}

/// [`attend_any`] compiled with AVX2+FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma,f16c")]
unsafe fn attend_avx2(a: &Attend, scores: &mut Vec<f32>, o: &mut [f32]) {
    use std::arch::x86_64::*;
    let dot8 = |q: &[f32], k: &[f32]| -> f32 {
        // SAFETY: the chunks hold 8 floats; the caller checked AVX2+FMA.
        unsafe {
            let mut acc = _mm256_setzero_ps();
            for (qc, kc) in q.chunks_exact(8).zip(k.chunks_exact(8)) {
                acc = _mm256_fmadd_ps(
                    _mm256_loadu_ps(qc.as_ptr()),
                    _mm256_loadu_ps(kc.as_ptr()),
                    acc,
                );
            }
            let s = _mm_add_ps(_mm256_castps256_ps128(acc), _mm256_extractf128_ps(acc, 1));
            let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
            _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)))
        }
    };
    match a.hd {
        64 => attend_fixed::<64>(a, scores, o, dot8, cvt_f16c),
        128 => attend_fixed::<128>(a, scores, o, dot8, cvt_f16c),
        _ => attend(a, scores, o),
    }
}

/// [`attend_any`] compiled with AVX-512, with an explicit 16-lane query·key product (the
/// auto-vectorizer leaves that reduction scalar).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma,f16c")]
unsafe fn attend_avx512(a: &Attend, scores: &mut Vec<f32>, o: &mut [f32]) {
    use std::arch::x86_64::*;
    let dot16 = |q: &[f32], k: &[f32]| -> f32 {
        let mut acc = _mm512_setzero_ps();
        for (qc, kc) in q.chunks_exact(16).zip(k.chunks_exact(16)) {
            // SAFETY: both chunks hold 16 floats.
            unsafe {
                acc = _mm512_fmadd_ps(
                    _mm512_loadu_ps(qc.as_ptr()),
                    _mm512_loadu_ps(kc.as_ptr()),
                    acc,
                );
            }
        }
        _mm512_reduce_add_ps(acc)
    };
    match a.hd {
        64 => attend_fixed::<64>(a, scores, o, dot16, cvt_avx512),
        128 => attend_fixed::<128>(a, scores, o, dot16, cvt_avx512),
        _ => attend(a, scores, o),
    }
}

/// The query·key product of [`attend_fixed`] when no SIMD version is given.
#[inline(always)]
fn dot_lanes(q: &[f32], key: &[f32]) -> f32 {
    let mut acc = [0f32; 16];
    for (qc, kc) in q.chunks_exact(16).zip(key.chunks_exact(16)) {
        for l in 0..16 {
            acc[l] += qc[l] * kc[l];
        }
    }
    hsum16(acc)
}

/// Attention of one (row, head), specialised for the common head sizes.
#[inline(always)]
fn attend_any(a: &Attend, scores: &mut Vec<f32>, o: &mut [f32]) {
    match a.hd {
        64 => attend_fixed::<64>(a, scores, o, dot_lanes, cvt_any),
        128 => attend_fixed::<128>(a, scores, o, dot_lanes, cvt_any),
        _ => attend(a, scores, o),
    }
}

/// One (row, kv head) of attention: the queries of the heads that share the kv head
/// (`group × head_dim`), the kv head's key/value segments (shared prompt, then the row's own
/// cache, `[position][head_dim]` each) and how many positions of each it sees.
struct Attend<'a> {
    q: &'a [f32],
    segs: [Option<(Kv<'a>, Kv<'a>)>; 2],
    visible: [usize; 2],
    hd: usize,
    scale: f32,
    /// Round operands to f16 as llama.cpp's f16 KV cache does (fast precision).
    f16: bool,
}

/// Round every value to the nearest f16 (kept as f32), vectorized by `half`.
fn round_slice_f16(x: &mut [f32]) {
    use half::slice::HalfFloatSliceExt;
    let mut tmp = [half::f16::ZERO; 256];
    for chunk in x.chunks_mut(256) {
        let t = &mut tmp[..chunk.len()];
        t.convert_from_f32_slice(chunk);
        t.convert_to_f32_slice(chunk);
    }
}

/// Softmax of the scores in place, probabilities rounded to f16 when asked.
#[inline(always)]
fn softmax_in_place(scores: &mut [f32], f16: bool) {
    let max = scores.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
    for s in scores.iter_mut() {
        *s = exp_approx(*s - max);
    }
    let sum: f32 = scores.iter().sum();
    let inv = 1.0 / sum;
    for s in scores.iter_mut() {
        *s *= inv;
    }
    if f16 {
        round_slice_f16(scores);
    }
}

/// `e^x` within ~2 ulp, branch-free so loops over it vectorize (libm's `expf` is a call per
/// element): `2^n · p(r)` with `x = n·ln2 + r`, `|r| ≤ ln2/2`, and `p` the degree-6 Taylor
/// polynomial (truncation error `r⁷/7! < 1.3e-7`). `x` is clamped to [−87, 88], where `e^x`
/// stays a normal f32.
#[inline(always)]
pub fn exp_approx(x: f32) -> f32 {
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    let x = x.clamp(-87.0, 88.0);
    let n = (x * std::f32::consts::LOG2_E).round();
    let r = (x - n * LN2_HI) - n * LN2_LO;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    // 2^n through the exponent bits (n ≥ −126 after the clamp).
    let scale = f32::from_bits(((n as i32 + 127) as u32) << 23);
    p * scale
}

/// Attention for a head size known at compile time: the queries and the output accumulators
/// live in registers and every loop unrolls (the common sizes 64 and 128). Each key and value
/// is loaded (and converted from f16) once for the whole group of query heads; every head's
/// sums run in the same order as attention of that head alone.
#[inline(always)]
fn attend_fixed<const HD: usize>(
    a: &Attend,
    scores: &mut Vec<f32>,
    o: &mut [f32],
    dot: impl Fn(&[f32], &[f32]) -> f32,
    cvt: impl Fn(&[f16], &mut [f32]),
) {
    const MAX_GROUP: usize = 16;
    let group = o.len() / HD;
    if group > MAX_GROUP {
        return attend(a, scores, o);
    }
    let mut q = [[0f32; HD]; MAX_GROUP];
    for (g, qg) in q.iter_mut().take(group).enumerate() {
        qg.copy_from_slice(&a.q[g * HD..(g + 1) * HD]);
        if a.f16 {
            round_slice_f16(qg);
        }
    }
    let total: usize = a.visible.iter().sum();
    scores.clear();
    scores.resize(group * total, 0.0);
    let mut buf = [[0f32; HD]; 2];
    let mut i = 0;
    for (seg, &n) in a.segs.iter().zip(&a.visible) {
        if let Some((k, _)) = seg {
            for t in 0..n {
                let key = k.row(t * HD, &mut buf[0], &cvt);
                for (g, qg) in q.iter().take(group).enumerate() {
                    scores[g * total + i] = dot(qg, key) * a.scale;
                }
                i += 1;
            }
        }
    }
    for s in scores.chunks_mut(total) {
        softmax_in_place(s, a.f16);
    }
    // Two accumulators per head over alternate positions: each vector add waits on the
    // previous one of its chain, so two chains keep the adder twice as busy.
    let mut acc = [[[0f32; HD]; 2]; MAX_GROUP];
    let mut i = 0;
    for (seg, &n) in a.segs.iter().zip(&a.visible) {
        if let Some((_, v)) = seg {
            for t in 0..n {
                let row: &[f32; HD] = v
                    .row(t * HD, &mut buf[t % 2], &cvt)
                    .try_into()
                    .expect("head");
                for (g, acc) in acc.iter_mut().take(group).enumerate() {
                    let p = scores[g * total + i];
                    let acc = &mut acc[t % 2];
                    for j in 0..HD {
                        acc[j] += p * row[j];
                    }
                }
                i += 1;
            }
        }
    }
    for (g, o) in o.chunks_mut(HD).enumerate() {
        for j in 0..HD {
            o[j] = acc[g][0][j] + acc[g][1][j];
        }
    }
}

/// Sum of 16 lanes as a tree (vector adds, not 15 dependent scalar ones).
#[inline(always)]
fn hsum16(mut acc: [f32; 16]) -> f32 {
    for l in 0..8 {
        acc[l] += acc[l + 8];
    }
    for l in 0..4 {
        acc[l] += acc[l + 4];
    }
    (acc[0] + acc[2]) + (acc[1] + acc[3])
}

/// Attention for any head size.
fn attend(a: &Attend, scores: &mut Vec<f32>, o: &mut [f32]) {
    let hd = a.hd;
    let mut buf = vec![0f32; hd];
    for (q, o) in a.q.chunks(hd).zip(o.chunks_mut(hd)) {
        let mut q = q.to_vec();
        if a.f16 {
            round_slice_f16(&mut q);
        }
        scores.clear();
        for (seg, &n) in a.segs.iter().zip(&a.visible) {
            if let Some((k, _)) = seg {
                for t in 0..n {
                    let key = k.row(t * hd, &mut buf, &cvt_any);
                    scores.push(dot(&q, key) * a.scale);
                }
            }
        }
        softmax_in_place(scores, a.f16);
        o.fill(0.0);
        let mut i = 0;
        for (seg, &n) in a.segs.iter().zip(&a.visible) {
            if let Some((_, v)) = seg {
                for t in 0..n {
                    axpy(o, scores[i], v.row(t * hd, &mut buf, &cvt_any));
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn exp_approx_is_accurate() {
        let mut worst = 0f32;
        let mut x = -87.0f32;
        while x <= 88.0 {
            let (a, b) = (super::exp_approx(x), x.exp());
            worst = worst.max(((a - b) / b).abs());
            x += 0.0137;
        }
        assert!(worst < 5e-7, "relative error {worst}");
        assert_eq!(super::exp_approx(0.0), 1.0);
        assert!(super::exp_approx(-200.0) < 1e-37);
        assert!(super::exp_approx(1000.0).is_finite());
    }
}

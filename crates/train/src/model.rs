//! The differentiable forward pass for training: the same decoder-only transformer as the
//! runtime (`hexacoder_model::forward`, same `Config`, same Hugging Face weight names), built
//! from candle's composed ops only — candle's fused `softmax_last_dim`, `rms_norm` and `rope`
//! kernels have no backward and would silently stop gradients (see RUNTIME-NOTES). The base
//! weights are frozen f32 tensors (GGUF dequantized exactly); only LoRA A/B are variables.

use candle_core::backend::BackendStorage;
use candle_core::{CpuStorage, CustomOp1, DType, Device, Layout, Shape, Storage, Tensor, D};
use hexacoder_model::arch::Config;
use hexacoder_model::weights::TensorData;

use crate::error::{Result, TrainError};
use crate::lora::{LoraSet, LoraVars};

struct Layer {
    attn_norm: Tensor,
    /// Weights transposed once (`in × out`), so a linear layer is one matmul.
    q: Tensor,
    k: Tensor,
    v: Tensor,
    o: Tensor,
    q_bias: Option<Tensor>,
    k_bias: Option<Tensor>,
    v_bias: Option<Tensor>,
    mlp_norm: Tensor,
    gate: Tensor,
    up: Tensor,
    down: Tensor,
}

pub struct TrainModel {
    pub config: Config,
    pub device: Device,
    embed: Tensor,
    layers: Vec<Layer>,
    norm: Tensor,
    /// `hidden × vocab`.
    head: Tensor,
}

impl TrainModel {
    /// Load a model spec (installed name, GGUF file, HF folder or repo id) as f32 tensors.
    pub fn load(spec: &str, device: &Device) -> Result<TrainModel> {
        let (config, mut src, _) = hexacoder_model::model::open_weights(spec)?;
        let mut get = |name: &str, shape: &[usize]| -> Result<Tensor> {
            let data = src.tensor(name)?.ok_or_else(|| {
                TrainError::invalid(name.to_string(), format!("missing from {}", src.describe()))
            })?;
            let (values, got) = match data {
                TensorData::Dense(v, s) => (v, s),
                TensorData::Quant(q) => (q.dequantize(), vec![q.rows(), q.cols()]),
            };
            if got.iter().product::<usize>() != shape.iter().product::<usize>() {
                return Err(TrainError::invalid(
                    name.to_string(),
                    format!("shape {got:?}, expected {shape:?}"),
                ));
            }
            Ok(Tensor::from_vec(values, shape, device)?)
        };
        let c = &config;
        let (h, qd, kvd, ff) = (c.hidden_size, c.q_dim(), c.kv_dim(), c.intermediate_size);
        let embed = get("model.embed_tokens.weight", &[c.vocab_size, h])?;
        let head = if c.tie_embeddings {
            // A transposed view: the matmul reads it strided, no second copy of the embedding.
            embed.t()?
        } else {
            get("lm_head.weight", &[c.vocab_size, h])?
                .t()?
                .contiguous()?
        };
        let norm = get("model.norm.weight", &[h])?;
        let mut layers = Vec::with_capacity(c.num_layers);
        for i in 0..c.num_layers {
            let p = format!("model.layers.{i}");
            let mut w = |n: &str, rows: usize, cols: usize| -> Result<Tensor> {
                Ok(get(&format!("{p}.{n}.weight"), &[rows, cols])?
                    .t()?
                    .contiguous()?)
            };
            let q = w("self_attn.q_proj", qd, h)?;
            let k = w("self_attn.k_proj", kvd, h)?;
            let v = w("self_attn.v_proj", kvd, h)?;
            let o = w("self_attn.o_proj", h, qd)?;
            let gate = w("mlp.gate_proj", ff, h)?;
            let up = w("mlp.up_proj", ff, h)?;
            let down = w("mlp.down_proj", h, ff)?;
            let mut b = |n: &str, len: usize| -> Result<Option<Tensor>> {
                if c.qkv_bias {
                    Ok(Some(get(&format!("{p}.self_attn.{n}.bias"), &[len])?))
                } else {
                    Ok(None)
                }
            };
            layers.push(Layer {
                q_bias: b("q_proj", qd)?,
                k_bias: b("k_proj", kvd)?,
                v_bias: b("v_proj", kvd)?,
                attn_norm: get(&format!("{p}.input_layernorm.weight"), &[h])?,
                mlp_norm: get(&format!("{p}.post_attention_layernorm.weight"), &[h])?,
                q,
                k,
                v,
                o,
                gate,
                up,
                down,
            });
        }
        Ok(TrainModel {
            config,
            device: device.clone(),
            embed,
            layers,
            norm,
            head,
        })
    }

    /// `(in, out)` of a LoRA-able module.
    pub fn module_shape(&self, module: &str) -> (usize, usize) {
        let c = &self.config;
        let (h, qd, kvd, ff) = (c.hidden_size, c.q_dim(), c.kv_dim(), c.intermediate_size);
        match module {
            "q_proj" => (h, qd),
            "k_proj" | "v_proj" => (h, kvd),
            "o_proj" => (qd, h),
            "gate_proj" | "up_proj" => (h, ff),
            _ => (ff, h),
        }
    }

    /// Logits `(B, T, vocab)` for a batch of equal-length token rows `(B, T)`.
    pub fn forward(&self, ids: &Tensor, lora: &LoraSet) -> Result<Tensor> {
        let (b, t) = ids.dims2()?;
        let hidden = self.forward_inner(ids, lora, None)?;
        Ok(frozen_matmul(&hidden, &self.head)?.reshape((b, t, self.config.vocab_size))?)
    }

    /// The final hidden states `(B·T, hidden)`, after the last norm; LoRA dropout `p` on the
    /// adapters' inputs (as PEFT applies it) with masks drawn from `seed`, so a resumed run
    /// repeats them.
    fn forward_inner(
        &self,
        ids: &Tensor,
        lora: &LoraSet,
        dropout: Option<(f32, u64)>,
    ) -> Result<Tensor> {
        let c = &self.config;
        let (b, t) = ids.dims2()?;
        let (hd, heads, kvh) = (c.head_dim, c.num_heads, c.num_kv_heads);
        let mut x = self.embed.index_select(&ids.flatten_all()?, 0)?; // (B·T, H)
        let (cos, sin) = self.rope_tables(t)?;
        for (i, l) in self.layers.iter().enumerate() {
            let lo = |m: &str| {
                lora.pairs.get(&(i, m.to_string())).map(|l| {
                    let seed = dropout.map(|(_, s)| s ^ ((i as u64) << 32) ^ hash(m));
                    (l, dropout.map(|(p, _)| p), seed)
                })
            };
            let xn = rms_norm(&x, &l.attn_norm, c.rms_eps)?;
            let q = linear(&xn, &l.q, l.q_bias.as_ref(), lo("q_proj"))?;
            let k = linear(&xn, &l.k, l.k_bias.as_ref(), lo("k_proj"))?;
            let v = linear(&xn, &l.v, l.v_bias.as_ref(), lo("v_proj"))?;
            let q = q
                .reshape((b, t, heads, hd))?
                .transpose(1, 2)?
                .contiguous()?;
            let k = k.reshape((b, t, kvh, hd))?.transpose(1, 2)?.contiguous()?;
            let v = v.reshape((b, t, kvh, hd))?.transpose(1, 2)?.contiguous()?;
            let q = rope(&q, &cos, &sin)?;
            let k = rope(&k, &cos, &sin)?;
            let k = repeat_kv(&k, heads / kvh)?;
            let v = repeat_kv(&v, heads / kvh)?;
            let scores = q.matmul(&k.t()?)?;
            let scale = 1.0 / (hd as f64).sqrt();
            let att = if self.device.is_cpu() {
                scores.apply_op1(CausalSoftmax {
                    scale: scale as f32,
                })?
            } else {
                candle_nn::ops::softmax(
                    &(scores * scale)?.broadcast_add(&causal_mask(t, &self.device)?)?,
                    D::Minus1,
                )?
            };
            let y = att
                .matmul(&v)?
                .transpose(1, 2)?
                .reshape((b * t, heads * hd))?;
            x = (x + linear(&y, &l.o, None, lo("o_proj"))?)?;
            let xn = rms_norm(&x, &l.mlp_norm, c.rms_eps)?;
            let g = linear(&xn, &l.gate, None, lo("gate_proj"))?;
            let u = linear(&xn, &l.up, None, lo("up_proj"))?;
            x = (x + linear(&(g.silu()? * u)?, &l.down, None, lo("down_proj"))?)?;
        }
        rms_norm(&x, &self.norm, c.rms_eps)
    }

    /// SafeCoder's unlikelihood term on a batch of vulnerable programs: the mean over their
    /// weighted tokens (those the fix removed) of `−log(1 − p(token))`.
    pub fn unlikelihood(
        &self,
        ids: &Tensor,
        weights: &Tensor,
        lora: &LoraSet,
        dropout: Option<(f32, u64)>,
    ) -> Result<Tensor> {
        self.weighted_term(ids, weights, lora, dropout, true)
    }

    /// The masked loss of a batch, computing logits only at the positions that count (the
    /// changed tokens are a small share of a program, and the output layer is the largest
    /// matrix): equal to [`masked_loss`] on [`TrainModel::forward`].
    pub fn loss(
        &self,
        ids: &Tensor,
        weights: &Tensor,
        lora: &LoraSet,
        dropout: Option<(f32, u64)>,
    ) -> Result<Tensor> {
        self.weighted_term(ids, weights, lora, dropout, false)
    }

    fn weighted_term(
        &self,
        ids: &Tensor,
        weights: &Tensor,
        lora: &LoraSet,
        dropout: Option<(f32, u64)>,
        unlikely: bool,
    ) -> Result<Tensor> {
        let (b, t) = ids.dims2()?;
        let hidden = self.forward_inner(ids, lora, dropout.filter(|(p, _)| *p > 0.0))?;
        let w: Vec<Vec<f32>> = weights.to_vec2()?;
        let labels_all: Vec<Vec<u32>> = ids.to_vec2()?;
        let (mut rows, mut labels, mut ws) = (Vec::new(), Vec::new(), Vec::new());
        for r in 0..b {
            for p in 0..t - 1 {
                if w[r][p + 1] > 0.0 {
                    rows.push((r * t + p) as u32);
                    labels.push(labels_all[r][p + 1]);
                    ws.push(w[r][p + 1]);
                }
            }
        }
        if rows.is_empty() {
            return Err(TrainError::invalid(
                "batch",
                "no weighted token to compute a loss on",
            ));
        }
        let n = rows.len();
        let picked = hidden.index_select(&Tensor::from_vec(rows, n, &self.device)?, 0)?;
        let logp = candle_nn::ops::log_softmax(&frozen_matmul(&picked, &self.head)?, D::Minus1)?;
        let picked = logp
            .gather(&Tensor::from_vec(labels, (n, 1), &self.device)?, 1)?
            .squeeze(1)?;
        let nll = if unlikely {
            // −log(1 − p), with 1 − p kept above 1e-6 so a certain token gives a finite loss.
            picked
                .exp()?
                .affine(-1.0, 1.0)?
                .clamp(1e-6, 1.0)?
                .log()?
                .neg()?
        } else {
            picked.neg()?
        };
        let w = Tensor::from_vec(ws, n, &self.device)?;
        let total = w.sum_all()?;
        Ok(((nll * &w)?.sum_all()? / total)?)
    }

    /// cos/sin `(T, head_dim)` for positions 0..T (Hugging Face's halves layout).
    fn rope_tables(&self, t: usize) -> Result<(Tensor, Tensor)> {
        let hd = self.config.head_dim;
        let half = hd / 2;
        let theta = self.config.rope_theta as f64;
        let mut cos = Vec::with_capacity(t * hd);
        let mut sin = Vec::with_capacity(t * hd);
        for pos in 0..t {
            for i in 0..hd {
                let f = 1.0 / theta.powf(2.0 * (i % half) as f64 / hd as f64);
                let (s, c) = ((pos as f64) * f).sin_cos();
                cos.push(c as f32);
                sin.push(s as f32);
            }
        }
        Ok((
            Tensor::from_vec(cos, (t, hd), &self.device)?,
            Tensor::from_vec(sin, (t, hd), &self.device)?,
        ))
    }
}

/// `x·Wt` for a frozen `Wt`: a custom op whose backward returns only the input's gradient.
/// candle's matmul backward also computes (and keeps until the step ends) a gradient for
/// every frozen weight matrix — the whole model's size again, for nothing.
struct FrozenMatmul {
    wt: Tensor,
}

impl CustomOp1 for FrozenMatmul {
    fn name(&self) -> &'static str {
        "frozen-matmul"
    }

    fn cpu_fwd(&self, x: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let (m, k) = l.shape().dims2()?;
        let (_, n) = self.wt.dims2()?;
        let (ws, wl) = self.wt.storage_and_layout();
        let Storage::Cpu(w) = &*ws else {
            candle_core::bail!("frozen-matmul: weights and input on different devices")
        };
        Ok((x.matmul(w, (1, m, n, k), l, wl)?, Shape::from((m, n))))
    }

    fn bwd(
        &self,
        _x: &Tensor,
        _res: &Tensor,
        grad: &Tensor,
    ) -> candle_core::Result<Option<Tensor>> {
        Ok(Some(grad.matmul(&self.wt.t()?)?))
    }
}

/// The values of a contiguous f32 input of a custom op (the ops below accept nothing else).
fn f32_input<'a>(x: &'a CpuStorage, l: &Layout, op: &str) -> candle_core::Result<&'a [f32]> {
    match (x, l.contiguous_offsets()) {
        (CpuStorage::F32(data), Some((start, end))) => Ok(&data[start..end]),
        _ => candle_core::bail!("{op}: contiguous f32 input only"),
    }
}

/// `softmax(scale·x + causal mask)` over the last dimension of `(…, T, T)` attention scores,
/// with its own backward (`dx = scale · y ⊙ (dy − Σ dy⊙y)`): the composed version keeps four
/// intermediate `T × T` tensors per head and layer alive until the backward pass.
struct CausalSoftmax {
    scale: f32,
}

impl CustomOp1 for CausalSoftmax {
    fn name(&self) -> &'static str {
        "causal-softmax"
    }

    fn cpu_fwd(&self, x: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let src = f32_input(x, l, self.name())?;
        let t = l.dims()[l.dims().len() - 1];
        let mut out = vec![0f32; src.len()];
        for (r, (row, o)) in src.chunks(t).zip(out.chunks_mut(t)).enumerate() {
            let i = r % t; // the query position: keys 0..=i are visible
            let max = row[..=i]
                .iter()
                .fold(f32::NEG_INFINITY, |a, &v| a.max(v * self.scale));
            let mut sum = 0f32;
            for (o, &v) in o[..=i].iter_mut().zip(&row[..=i]) {
                *o = (v * self.scale - max).exp();
                sum += *o;
            }
            for o in &mut o[..=i] {
                *o /= sum;
            }
        }
        Ok((CpuStorage::F32(out), l.shape().clone()))
    }

    fn bwd(&self, _x: &Tensor, y: &Tensor, dy: &Tensor) -> candle_core::Result<Option<Tensor>> {
        let s = (dy * y)?.sum_keepdim(D::Minus1)?;
        Ok(Some(
            ((y * dy.broadcast_sub(&s)?)? * f64::from(self.scale))?,
        ))
    }
}

/// `x·Wt` with gradients for `x` only (`x` is 2-D).
fn frozen_matmul(x: &Tensor, wt: &Tensor) -> Result<Tensor> {
    if x.device().is_cpu() {
        Ok(x.contiguous()?.apply_op1(FrozenMatmul { wt: wt.clone() })?)
    } else {
        Ok(x.matmul(wt)?)
    }
}

/// The dropout mask of `n` values: 0 with probability `p`, else `1/(1−p)`, from `seed`.
fn dropout_mask(n: usize, p: f32, seed: u64) -> Vec<f32> {
    let mut rng = crate::lora::SplitMix(seed);
    let keep = 1.0 / (1.0 - p);
    (0..n)
        .map(|_| if rng.uniform() < p { 0.0 } else { keep })
        .collect()
}

/// Dropout whose backward regenerates its mask from the seed: only the output stays alive
/// for the backward pass (the composed `x · mask` keeps the mask too, one per adapted layer).
struct Dropout {
    p: f32,
    seed: u64,
}

impl CustomOp1 for Dropout {
    fn name(&self) -> &'static str {
        "dropout"
    }

    fn cpu_fwd(&self, x: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let data = f32_input(x, l, self.name())?;
        let mask = dropout_mask(data.len(), self.p, self.seed);
        let out = data.iter().zip(&mask).map(|(v, m)| v * m).collect();
        Ok((CpuStorage::F32(out), l.shape().clone()))
    }

    fn bwd(&self, _x: &Tensor, _y: &Tensor, dy: &Tensor) -> candle_core::Result<Option<Tensor>> {
        let mask = Tensor::from_vec(
            dropout_mask(dy.elem_count(), self.p, self.seed),
            dy.shape(),
            dy.device(),
        )?;
        Ok(Some((dy * mask)?))
    }
}

/// A LoRA pair with its dropout probability and mask seed (when training).
type LoraUse<'a> = (&'a LoraVars, Option<f32>, Option<u64>);

fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// `x·Wᵀ (+ b) (+ scale·dropout(x)·Aᵀ·Bᵀ)` with `wt = Wᵀ`.
fn linear(x: &Tensor, wt: &Tensor, bias: Option<&Tensor>, lora: Option<LoraUse>) -> Result<Tensor> {
    let mut y = frozen_matmul(x, wt)?;
    if let Some(b) = bias {
        y = y.broadcast_add(b)?;
    }
    if let Some((l, p, seed)) = lora {
        let input = match (p, seed) {
            (Some(p), Some(seed)) if x.device().is_cpu() => {
                x.contiguous()?.apply_op1(Dropout { p, seed })?
            }
            (Some(p), Some(seed)) => {
                (x * Tensor::from_vec(
                    dropout_mask(x.elem_count(), p, seed),
                    x.shape(),
                    x.device(),
                )?)?
            }
            _ => x.clone(),
        };
        let up = input
            .matmul(&l.a.as_tensor().t()?)?
            .matmul(&l.b.as_tensor().t()?)?;
        y = (y + (up * f64::from(l.scale))?)?;
    }
    Ok(y)
}

/// RMSNorm with a frozen gain `g`, as one op with its own backward: only the input and the
/// output stay alive for the backward pass (the composed form keeps five row-sized
/// intermediates per norm). With `x̂ = x·r`, `r = 1/√(mean(x²)+ε)`:
/// `dx = r·(dy⊙g − x̂·mean(dy⊙g⊙x̂))`.
struct RmsNorm {
    g: Tensor,
    eps: f32,
}

impl CustomOp1 for RmsNorm {
    fn name(&self) -> &'static str {
        "rms-norm"
    }

    fn cpu_fwd(&self, x: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let data = f32_input(x, l, self.name())?;
        let g: Vec<f32> = self.g.to_vec1()?;
        let h = g.len();
        let mut out = vec![0f32; data.len()];
        for (row, o) in data.chunks(h).zip(out.chunks_mut(h)) {
            let ms = row.iter().map(|v| v * v).sum::<f32>() / h as f32;
            let r = 1.0 / (ms + self.eps).sqrt();
            for ((o, &v), &g) in o.iter_mut().zip(row).zip(&g) {
                *o = v * r * g;
            }
        }
        Ok((CpuStorage::F32(out), l.shape().clone()))
    }

    fn bwd(&self, x: &Tensor, _y: &Tensor, dy: &Tensor) -> candle_core::Result<Option<Tensor>> {
        let r = (x.sqr()?.mean_keepdim(D::Minus1)? + f64::from(self.eps))?
            .sqrt()?
            .recip()?;
        let xhat = x.broadcast_mul(&r)?;
        let gdy = dy.broadcast_mul(&self.g)?;
        let m = (&gdy * &xhat)?.mean_keepdim(D::Minus1)?;
        Ok(Some((gdy - xhat.broadcast_mul(&m)?)?.broadcast_mul(&r)?))
    }
}

/// RMSNorm over the last dimension (a custom op on the CPU, composed ops elsewhere; candle's
/// fused `rms_norm` has no backward).
fn rms_norm(x: &Tensor, g: &Tensor, eps: f32) -> Result<Tensor> {
    if x.device().is_cpu() {
        return Ok(x.contiguous()?.apply_op1(RmsNorm { g: g.clone(), eps })?);
    }
    let ms = x.sqr()?.mean_keepdim(D::Minus1)?;
    Ok(x.broadcast_div(&(ms + f64::from(eps))?.sqrt()?)?
        .broadcast_mul(g)?)
}

/// Rotary embedding, halves layout: `x·cos + rotate_half(x)·sin`.
fn rope(x: &Tensor, cos: &Tensor, sin: &Tensor) -> Result<Tensor> {
    let hd = x.dim(D::Minus1)?;
    let x1 = x.narrow(D::Minus1, 0, hd / 2)?;
    let x2 = x.narrow(D::Minus1, hd / 2, hd / 2)?;
    let rotated = Tensor::cat(&[&x2.neg()?, &x1], D::Minus1)?;
    Ok((x.broadcast_mul(cos)? + rotated.broadcast_mul(sin)?)?)
}

/// `(B, KV, T, d)` → `(B, KV·n, T, d)`, each kv head serving `n` query heads.
fn repeat_kv(x: &Tensor, n: usize) -> Result<Tensor> {
    if n == 1 {
        return Ok(x.clone());
    }
    let (b, kv, t, d) = x.dims4()?;
    Ok(x.unsqueeze(2)?
        .expand((b, kv, n, t, d))?
        .reshape((b, kv * n, t, d))?)
}

fn causal_mask(t: usize, device: &Device) -> Result<Tensor> {
    let m: Vec<f32> = (0..t * t)
        .map(|i| {
            if i % t > i / t {
                f32::NEG_INFINITY
            } else {
                0.0
            }
        })
        .collect();
    Ok(Tensor::from_vec(m, (t, t), device)?.to_dtype(DType::F32)?)
}

/// The paper's masked loss: cross-entropy of predicting token `t` from the tokens before it,
/// averaged over the positions whose token weight is 1 (weights `(B, T)`, 0 or 1).
pub fn masked_loss(logits: &Tensor, ids: &Tensor, weights: &Tensor) -> Result<Tensor> {
    let (b, t, v) = logits.dims3()?;
    let logp = candle_nn::ops::log_softmax(&logits.narrow(1, 0, t - 1)?, D::Minus1)?;
    let labels = ids.narrow(1, 1, t - 1)?.contiguous()?;
    let picked = logp
        .reshape((b * (t - 1), v))?
        .gather(&labels.reshape((b * (t - 1), 1))?, 1)?
        .reshape((b, t - 1))?;
    let w = weights.narrow(1, 1, t - 1)?;
    let total = w.sum_all()?;
    Ok(((picked.neg()? * &w)?.sum_all()? / total)?)
}

//! The forward pass as candle tensor operations, on any candle device: how models run on an
//! NVIDIA GPU (`--device cuda`, in builds with the `cuda` feature, through candle's CUDA
//! backend). The same code runs on candle's CPU backend in the tests, so CI checks its logic
//! (shapes, masks, caches, batching) without a GPU; a GPU adds only its kernels' rounding.
//!
//! It has the contract of [`crate::forward::forward_prefixed`] — rows extend caches that
//! may follow a shared prompt prefix, logits come back for each cache's last row — so the
//! generation engine (continuous batching, n samples sharing one prompt cache, two-step
//! generation) runs unchanged on either path. The weights are dequantized once to f32 on
//! the device (LoRA adapters merged in) and every product is an f32 GEMM (cuBLAS on a GPU):
//! the path computes the numbers of the CPU kernels' `exact` precision, which is what the
//! tests check, rather than a third arithmetic to validate. Keys and values live on the
//! device inside each [`KvCache`], `[kv_head][position][head_dim]` per layer, so a step
//! copies only token ids in and the last rows' logits out.

use candle_core::{DType, Device as CandleDevice, Tensor, D};

use crate::arch::rope::angles as rope_angles;
use crate::arch::{Activation, Config, Norm, Residual};
use crate::error::Result;
use crate::forward::KvCache;
use crate::quant::QWeight;
use crate::weights::{Linear, NormWeights, Weights};

/// A model's weights on a candle device.
#[derive(Debug)]
pub struct DeviceWeights {
    device: CandleDevice,
    embed: Tensor,
    /// `None` when tied to `embed`.
    lm_head: Option<Tensor>,
    lm_head_bias: Option<Tensor>,
    norm: DeviceNorm,
    layers: Vec<DeviceLayer>,
}

/// Latent attention's projections (see `crate::arch::deepseek_v2`).
#[derive(Debug)]
struct DeviceLatent {
    q_a: Option<(Tensor, Tensor)>,
    q: Tensor,
    kv_a: Tensor,
    kv_norm: Tensor,
    kv_b: Tensor,
}

/// A norm's scale and (LayerNorm) shift on the device.
#[derive(Debug)]
struct DeviceNorm {
    weight: Tensor,
    bias: Option<Tensor>,
}

/// One block; q/k/v and gate/up are stacked so each pair or triple is one GEMM. `gate_up`
/// holds the up projection alone in an MLP without a gate; `mlp_norm` is `None` in a
/// parallel block.
#[derive(Debug)]
struct DeviceLayer {
    attn_norm: DeviceNorm,
    /// `[q | k | v]` stacked (empty in a latent-attention layer, which uses `latent`).
    qkv: Tensor,
    qkv_bias: Option<Tensor>,
    latent: Option<DeviceLatent>,
    /// Routed experts, `[gate | up]` and `down` each, and the router (`experts × hidden`);
    /// `gate_up`/`down` are then the shared experts.
    moe: Option<(Tensor, Vec<(Tensor, Tensor)>)>,
    o: Tensor,
    o_bias: Option<Tensor>,
    mlp_norm: Option<DeviceNorm>,
    gate_up: Tensor,
    gate_up_bias: Option<Tensor>,
    down: Tensor,
    down_bias: Option<Tensor>,
}

impl DeviceNorm {
    fn upload(n: &NormWeights, device: &CandleDevice) -> candle_core::Result<DeviceNorm> {
        let vec = |v: &[f32]| Tensor::from_slice(v, v.len(), device);
        Ok(DeviceNorm {
            weight: vec(&n.weight)?,
            bias: n.bias.as_deref().map(vec).transpose()?,
        })
    }

    /// RMSNorm or LayerNorm over the last dimension, as the architecture says.
    fn apply(&self, cfg: &Config, x: &Tensor) -> candle_core::Result<Tensor> {
        match cfg.block.norm {
            Norm::Rms => candle_nn::ops::rms_norm(x, &self.weight, cfg.rms_eps),
            Norm::Layer => {
                let zeros;
                let bias = match &self.bias {
                    Some(b) => b,
                    None => {
                        zeros = self.weight.zeros_like()?;
                        &zeros
                    }
                };
                candle_nn::ops::layer_norm(x, &self.weight, bias, cfg.rms_eps)
            }
        }
    }
}

/// `x·Wᵀ (+ bias)`.
fn linear(x: &Tensor, w: &Tensor, bias: Option<&Tensor>) -> candle_core::Result<Tensor> {
    let y = x.matmul(&w.t()?)?;
    match bias {
        Some(b) => y.broadcast_add(b),
        None => Ok(y),
    }
}

/// A cache's keys and values of every layer on the device (`None` before its first token).
pub(crate) type DeviceKv = Vec<Option<(Tensor, Tensor)>>;

impl DeviceWeights {
    /// Upload `w` to `device`.
    pub fn upload(w: &Weights, device: CandleDevice) -> Result<DeviceWeights> {
        let vec = |v: &[f32]| Tensor::from_slice(v, v.len(), &device);
        let mut layers = Vec::with_capacity(w.layers.len());
        for l in &w.layers {
            let biases = |parts: &[&Linear]| -> candle_core::Result<Option<Tensor>> {
                let mut all = Vec::new();
                for l in parts {
                    all.extend_from_slice(match &l.bias {
                        Some(b) => b,
                        None if all.is_empty() => continue,
                        None => return Err(candle_core::Error::Msg("ragged biases".into())),
                    });
                }
                (!all.is_empty()).then(|| vec(&all)).transpose()
            };
            let mlp_in: Vec<&Linear> = l.gate.iter().chain([&l.up]).collect();
            let latent = match &l.mla {
                Some(m) => Some(DeviceLatent {
                    q_a: match &m.q_a {
                        Some((q_a, norm)) => Some((stacked(&[q_a], &device)?, vec(norm)?)),
                        None => None,
                    },
                    q: stacked(&[&l.q], &device)?,
                    kv_a: stacked(&[&l.k], &device)?,
                    kv_norm: vec(&m.kv_norm)?,
                    kv_b: stacked(&[&l.v], &device)?,
                }),
                None => None,
            };
            let moe = match &l.moe {
                Some(m) => Some((
                    Tensor::from_slice(&m.router, (m.experts.len(), l.up.in_features()), &device)?,
                    m.experts
                        .iter()
                        .map(|[g, u, d]| Ok((stacked(&[g, u], &device)?, stacked(&[d], &device)?)))
                        .collect::<Result<Vec<_>>>()?,
                )),
                None => None,
            };
            layers.push(DeviceLayer {
                attn_norm: DeviceNorm::upload(&l.attn_norm, &device)?,
                qkv: if latent.is_some() {
                    Tensor::zeros(0, DType::F32, &device)?
                } else {
                    stacked(&[&l.q, &l.k, &l.v], &device)?
                },
                qkv_bias: biases(&[&l.q, &l.k, &l.v])?,
                latent,
                moe,
                o: stacked(&[&l.o], &device)?,
                o_bias: biases(&[&l.o])?,
                mlp_norm: l
                    .mlp_norm
                    .as_ref()
                    .map(|n| DeviceNorm::upload(n, &device))
                    .transpose()?,
                gate_up: stacked(&mlp_in, &device)?,
                gate_up_bias: biases(&mlp_in)?,
                down: stacked(&[&l.down], &device)?,
                down_bias: biases(&[&l.down])?,
            });
        }
        Ok(DeviceWeights {
            embed: dense(&w.embed, &device)?,
            lm_head: w.lm_head.as_ref().map(|h| dense(h, &device)).transpose()?,
            lm_head_bias: w.lm_head_bias.as_deref().map(vec).transpose()?,
            norm: DeviceNorm::upload(&w.norm, &device)?,
            layers,
            device,
        })
    }

    pub fn device(&self) -> &CandleDevice {
        &self.device
    }

    /// The device as the CLI names it (`cuda:0`; a candle CPU device is `cpu`).
    pub fn location(&self) -> crate::Device {
        match self.device.location() {
            candle_core::DeviceLocation::Cuda { gpu_id } => crate::Device::Cuda(gpu_id),
            _ => crate::Device::Cpu,
        }
    }

    /// See [`crate::forward::forward_prefixed`].
    pub fn forward(
        &self,
        cfg: &Config,
        tokens: &[u32],
        prefixes: &[Option<&KvCache>],
        caches: &mut [KvCache],
        rows_per_cache: usize,
    ) -> candle_core::Result<Vec<f32>> {
        let rpc = rows_per_cache;
        let m = tokens.len();
        let (nh, nkv, hd) = (cfg.num_heads, cfg.num_kv_heads, cfg.head_dim);
        let (qd, kvd, ff) = (cfg.q_dim(), cfg.kv_dim(), cfg.intermediate_size);
        let group = nh / nkv;
        let scale = f64::from(cfg.attention_scale());
        let dev = &self.device;

        // Rotary tables per row, with the CPU's rounded angles; the first `rd` dimensions of
        // each head turn (halves layout), the rest pass.
        let rd = cfg.rotary_dim;
        let half = rd / 2;
        let (mut sin, mut cos) = (Vec::with_capacity(m * half), Vec::with_capacity(m * half));
        // Positions added to the embeddings instead (XGLM), one row per token.
        let mut added = Vec::new();
        for i in 0..m {
            let c = i / rpc;
            let pos = prefixes[c].map_or(0, |p| p.len()) + caches[c].len() + i % rpc;
            let (s, co) = rope_angles(cfg, pos);
            sin.extend(s);
            cos.extend(co);
            added.extend(crate::arch::positions::added(cfg, pos).unwrap_or_default());
        }
        let sin = Tensor::from_vec(sin, (m, 1, half), dev)?;
        let cos = Tensor::from_vec(cos, (m, 1, half), dev)?;
        let rope = |x: Tensor| -> candle_core::Result<Tensor> {
            if rd == 0 {
                return Ok(x);
            }
            let a = x.narrow(D::Minus1, 0, half)?;
            let b = x.narrow(D::Minus1, half, half)?;
            let ra = (a.broadcast_mul(&cos)? - b.broadcast_mul(&sin)?)?;
            let rb = (b.broadcast_mul(&cos)? + a.broadcast_mul(&sin)?)?;
            if rd == hd {
                Tensor::cat(&[ra, rb], D::Minus1)
            } else {
                Tensor::cat(&[ra, rb, x.narrow(D::Minus1, rd, hd - rd)?], D::Minus1)
            }
        };
        // Causal masks of multi-row calls, by the number of keys before the new rows.
        let mask = |before: usize| -> candle_core::Result<Tensor> {
            let keys = before + rpc;
            let mut v = vec![0f32; group * rpc * keys];
            for g in 0..group {
                for j in 0..rpc {
                    let row = &mut v[(g * rpc + j) * keys..(g * rpc + j + 1) * keys];
                    row[before + j + 1..].fill(f32::NEG_INFINITY);
                }
            }
            Tensor::from_vec(v, (1, group * rpc, keys), dev)
        };

        for c in caches.iter_mut() {
            c.dev.resize(self.layers.len(), None);
        }
        // Runs of caches that follow the same prefix and hold as many tokens (the samples of
        // one prompt) take attention together: a few batched kernels per run, not per cache.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for c in 0..caches.len() {
            let same = |a: usize, b: usize| {
                caches[a].len() == caches[b].len()
                    && match (prefixes[a], prefixes[b]) {
                        (Some(x), Some(y)) => std::ptr::eq(x, y),
                        (None, None) => true,
                        _ => false,
                    }
            };
            match groups.last_mut() {
                Some((c0, g)) if same(*c0, c) => *g += 1,
                _ => groups.push((c, 1)),
            }
        }
        // One mask per run, made once for every layer (the keys before the new rows are the
        // run's prefix and cached tokens).
        let masks: Vec<Option<Tensor>> = groups
            .iter()
            .map(|&(c0, _)| {
                let before = prefixes[c0].map_or(0, |p| p.len()) + caches[c0].len();
                (rpc > 1).then(|| mask(before)).transpose()
            })
            .collect::<candle_core::Result<_>>()?;
        let ids = Tensor::from_slice(tokens, m, dev)?;
        let mut x = self.embed.index_select(&ids, 0)?;
        if cfg.embed_scale != 1.0 {
            x = (x * f64::from(cfg.embed_scale))?;
        }
        if !added.is_empty() {
            x = (x + Tensor::from_vec(added, (m, cfg.hidden_size), dev)?)?;
        }
        for (li, l) in self.layers.iter().enumerate() {
            let xn = l.attn_norm.apply(cfg, &x)?;
            let qkv = match (&l.latent, &cfg.mla) {
                (Some(lat), Some(dims)) => latent_qkv(cfg, dims, lat, &xn)?,
                _ => linear(&xn, &l.qkv, l.qkv_bias.as_ref())?,
            };
            let q = rope(qkv.narrow(1, 0, qd)?.reshape((m, nh, hd))?)?;
            let k = rope(qkv.narrow(1, qd, kvd)?.reshape((m, nkv, hd))?)?;
            let v = qkv.narrow(1, qd + kvd, kvd)?.reshape((m, nkv, hd))?;
            let mut outs = Vec::with_capacity(groups.len());
            for (&(c0, g), run_mask) in groups.iter().zip(&masks) {
                // The new rows' keys and values: [g, kv_head, rows, hd].
                let rows = |t: &Tensor| {
                    t.narrow(0, c0 * rpc, g * rpc)?
                        .reshape((g, rpc, nkv, hd))?
                        .permute((0, 2, 1, 3))?
                        .contiguous()
                };
                let (kn, vn) = (rows(&k)?, rows(&v)?);
                let group_caches = &mut caches[c0..c0 + g];
                let (own_k, own_v) = if group_caches[0].dev[li].is_some() {
                    let old = |i: usize| -> candle_core::Result<Tensor> {
                        let parts: Vec<&Tensor> = group_caches
                            .iter()
                            .map(|c| {
                                c.dev[li]
                                    .as_ref()
                                    .map(|kv| if i == 0 { &kv.0 } else { &kv.1 })
                            })
                            .collect::<Option<_>>()
                            .ok_or_else(|| candle_core::Error::Msg("ragged KV caches".into()))?;
                        Tensor::stack(&parts, 0)
                    };
                    (
                        Tensor::cat(&[&old(0)?, &kn], 2)?,
                        Tensor::cat(&[&old(1)?, &vn], 2)?,
                    )
                } else {
                    (kn, vn)
                };
                // Each cache keeps a view of its slice of the group's tensors.
                for (i, cache) in group_caches.iter_mut().enumerate() {
                    cache.dev[li] = Some((own_k.get(i)?, own_v.get(i)?));
                }
                let (keys, values) = match prefixes[c0].and_then(|p| p.dev.get(li)?.as_ref()) {
                    Some((pk, pv)) => {
                        let shared = |t: &Tensor| {
                            let (h, l, d) = t.dims3()?;
                            t.unsqueeze(0)?.broadcast_as((g, h, l, d))?.contiguous()
                        };
                        (
                            Tensor::cat(&[&shared(pk)?, &own_k], 2)?,
                            Tensor::cat(&[&shared(pv)?, &own_v], 2)?,
                        )
                    }
                    None => (own_k, own_v),
                };
                let keys_len = keys.dim(2)?;
                let keys = keys.reshape((g * nkv, keys_len, hd))?;
                let values = values.reshape((g * nkv, keys_len, hd))?;
                // Query heads grouped by the kv head they share: [g·kv_head, group·rows, hd].
                let qg = q
                    .narrow(0, c0 * rpc, g * rpc)?
                    .reshape((g, rpc, nkv, group, hd))?
                    .permute((0, 2, 3, 1, 4))?
                    .contiguous()?
                    .reshape((g * nkv, group * rpc, hd))?;
                let mut scores = (qg.matmul(&keys.t()?)? * scale)?;
                if let Some(run_mask) = run_mask {
                    scores = scores.broadcast_add(run_mask)?;
                }
                let p = candle_nn::ops::softmax_last_dim(&scores)?;
                let o = p
                    .matmul(&values)?
                    .reshape((g, nkv, group, rpc, hd))?
                    .permute((0, 3, 1, 2, 4))?
                    .contiguous()?
                    .reshape((g * rpc, qd))?;
                outs.push(o);
            }
            let mut attn = Tensor::cat(&outs, 0)?;
            if let Some(dims) = &cfg.mla {
                // Values were zero-padded to the key width: keep each head's first v_dim.
                attn = attn
                    .reshape((m, nh, hd))?
                    .narrow(2, 0, dims.v_dim)?
                    .reshape((m, nh * dims.v_dim))?;
            }
            x = (x + linear(&attn, &l.o, l.o_bias.as_ref())?)?;
            // A parallel block's MLP reads the attention's normed input.
            let xn = match (cfg.block.residual, &l.mlp_norm) {
                (Residual::Sequential, Some(n)) => n.apply(cfg, &x)?,
                _ => xn,
            };
            if let (Some((router, experts)), Some(moe)) = (&l.moe, &cfg.moe) {
                x = (x + routed_experts(moe, router, experts, &l.gate_up, &l.down, &xn)?)?;
                continue;
            }
            let gu = linear(&xn, &l.gate_up, l.gate_up_bias.as_ref())?;
            let act = if gu.dim(1)? == 2 * ff {
                (gu.narrow(1, 0, ff)?.silu()? * gu.narrow(1, ff, ff)?)?
            } else if cfg.block.activation == Activation::GeluErf {
                gu.gelu_erf()?
            } else {
                // candle's `gelu` is the tanh form (`gelu_erf` the exact one).
                gu.gelu()?
            };
            x = (x + linear(&act, &l.down, l.down_bias.as_ref())?)?;
        }
        for c in caches.iter_mut() {
            c.advance(rpc);
        }
        let last: Vec<u32> = (0..caches.len())
            .map(|c| (c * rpc + rpc - 1) as u32)
            .collect();
        let last = x.index_select(&Tensor::new(last.as_slice(), dev)?, 0)?;
        let normed = self.norm.apply(cfg, &last)?;
        let head = self.lm_head.as_ref().unwrap_or(&self.embed);
        let logits = linear(&normed, head, self.lm_head_bias.as_ref())?.to_dtype(DType::F32)?;
        logits.flatten_all()?.to_vec1()
    }
}

/// Latent attention's `[q | k | v]` rows from the normed input (the CPU's
/// `crate::latent::attention_inputs` as tensor operations).
fn latent_qkv(
    cfg: &Config,
    dims: &crate::arch::deepseek_v2::Mla,
    lat: &DeviceLatent,
    xn: &Tensor,
) -> candle_core::Result<Tensor> {
    let (m, nh, hd) = (xn.dim(0)?, cfg.num_heads, cfg.head_dim);
    let q = match &lat.q_a {
        Some((q_a, norm)) => {
            let a = candle_nn::ops::rms_norm(&linear(xn, q_a, None)?, norm, cfg.rms_eps)?;
            linear(&a, &lat.q, None)?
        }
        None => linear(xn, &lat.q, None)?,
    };
    let kv_a = linear(xn, &lat.kv_a, None)?;
    let latent = kv_a.narrow(1, 0, dims.kv_lora_rank)?.contiguous()?;
    let rope = kv_a.narrow(1, dims.kv_lora_rank, dims.rope_dim)?;
    let normed = candle_nn::ops::rms_norm(&latent, &lat.kv_norm, cfg.rms_eps)?;
    let kv = linear(&normed, &lat.kv_b, None)?.reshape((m, nh, dims.nope_dim + dims.v_dim))?;
    let rope = rope.unsqueeze(1)?.broadcast_as((m, nh, dims.rope_dim))?;
    let k = Tensor::cat(&[&rope, &kv.narrow(2, 0, dims.nope_dim)?], 2)?;
    let pad = Tensor::zeros((m, nh, hd - dims.v_dim), DType::F32, xn.device())?;
    let v = Tensor::cat(&[&kv.narrow(2, dims.nope_dim, dims.v_dim)?, &pad], 2)?;
    Tensor::cat(
        &[&q, &k.reshape((m, nh * hd))?, &v.reshape((m, nh * hd))?],
        1,
    )
}

/// The mixture of experts: the shared experts on every row plus each row's routed experts
/// weighted by the router (routing decided on the host, as on the CPU).
fn routed_experts(
    moe: &crate::arch::deepseek_v2::Moe,
    router: &Tensor,
    experts: &[(Tensor, Tensor)],
    shared_gate_up: &Tensor,
    shared_down: &Tensor,
    xn: &Tensor,
) -> candle_core::Result<Tensor> {
    let mlp = |x: &Tensor, gate_up: &Tensor, down: &Tensor| -> candle_core::Result<Tensor> {
        let gu = linear(x, gate_up, None)?;
        let ff = gu.dim(1)? / 2;
        linear(
            &(gu.narrow(1, 0, ff)?.silu()? * gu.narrow(1, ff, ff)?)?,
            down,
            None,
        )
    };
    let mut out = mlp(xn, shared_gate_up, shared_down)?;
    let logits: Vec<Vec<f32>> = linear(xn, router, None)?.to_vec2()?;
    let mut chosen: Vec<(Vec<u32>, Vec<f32>)> = vec![(Vec::new(), Vec::new()); moe.experts];
    for (r, row) in logits.iter().enumerate() {
        for (e, w) in moe.route(row) {
            chosen[e].0.push(r as u32);
            chosen[e].1.push(w);
        }
    }
    for (e, (rows, weights)) in chosen
        .into_iter()
        .enumerate()
        .filter(|(_, c)| !c.0.is_empty())
    {
        let n = rows.len();
        let idx = Tensor::from_vec(rows, n, xn.device())?;
        let w = Tensor::from_vec(weights, (n, 1), xn.device())?;
        let y = mlp(&xn.index_select(&idx, 0)?, &experts[e].0, &experts[e].1)?;
        out = out.index_add(&idx, &y.broadcast_mul(&w)?, 0)?;
    }
    Ok(out)
}

/// A quantized matrix as dense f32 on the GPU.
fn dense(w: &QWeight, device: &CandleDevice) -> Result<Tensor> {
    let (rows, cols) = (w.rows(), w.cols());
    let mut v = vec![0f32; rows * cols];
    for (r, row) in v.chunks_mut(cols).enumerate() {
        w.dequantize_row(r, row);
    }
    Ok(Tensor::from_vec(v, (rows, cols), device)?)
}

/// Linear layers sharing an input, their weights (with any unmerged LoRA update merged,
/// `W + scale·B·A`) stacked by output rows into one `[Σ out, in]` matrix.
fn stacked(parts: &[&Linear], device: &CandleDevice) -> Result<Tensor> {
    let cols = parts[0].in_features();
    let mut v = Vec::with_capacity(parts.iter().map(|l| l.out_features()).sum::<usize>() * cols);
    for l in parts {
        let start = v.len();
        v.resize(start + l.out_features() * cols, 0.0);
        let w = &mut v[start..];
        for (r, row) in w.chunks_mut(cols).enumerate() {
            l.weight.dequantize_row(r, row);
        }
        if let Some(lora) = &l.lora {
            let k = lora.rank;
            for (r, row) in w.chunks_mut(cols).enumerate() {
                let b = &lora.b[r * k..(r + 1) * k];
                for (j, &bj) in b.iter().enumerate() {
                    let a = &lora.a[j * cols..(j + 1) * cols];
                    for (o, &aj) in row.iter_mut().zip(a) {
                        *o += lora.scale * bj * aj;
                    }
                }
            }
        }
    }
    let rows = v.len() / cols;
    Ok(Tensor::from_vec(v, (rows, cols), device)?)
}

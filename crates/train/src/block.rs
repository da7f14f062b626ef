//! One decoder block (RMSNorm, attention with RoPE and grouped K/V, RMSNorm, SwiGLU MLP, two
//! residuals, LoRA on any of its linear layers) as a single op with a hand-written backward.
//!
//! Why: built from candle's ops, a block is some forty graph nodes, and each costs the
//! backward an allocation and a pass over memory, plus a barrier of the thread pool; the
//! profile of a step showed that overhead, not the matrix products, as the larger part of the
//! time once the base ran on AMX tiles. As one op, the block keeps only what its backward
//! reads, in buffers it owns, and can keep nothing at all (`recompute`: activation
//! checkpointing, the forward is run again in the backward), so long rows and larger models
//! fit in memory.
//!
//! The LoRA matrices reach the op as one flat tensor made by `Tensor::cat` (differentiable),
//! so candle routes the op's gradient for it back to each `Var` and the optimiser and the
//! PEFT export are unchanged. The composed path in `model.rs` stays the reference:
//! `tests/block.rs` checks loss and every LoRA gradient against it.

use std::sync::{Arc, Mutex};

use candle_core::{CpuStorage, CustomOp2, Layout, Shape, Storage, Tensor};
use gemm::Parallelism;
use rayon::prelude::*;

use crate::ops::{causal_softmax_rows, dropout_mask, rms_norm_rows, Frozen, RopeHeads};

/// The linear layers of a block, in the order their LoRA matrices sit in the flat tensor.
pub(crate) const ROLES: usize = 7;
const Q: usize = 0;
const K: usize = 1;
const V: usize = 2;
const O: usize = 3;
const GATE: usize = 4;
const UP: usize = 5;
const DOWN: usize = 6;

/// The frozen part of a block (shared with the model, never copied).
pub(crate) struct BlockWeights {
    pub(crate) attn_norm: Vec<f32>,
    pub(crate) mlp_norm: Vec<f32>,
    /// q, k, v, o, gate, up, down.
    pub(crate) linear: [Frozen; ROLES],
    /// Biases of q, k, v (Qwen2).
    pub(crate) bias: [Option<Vec<f32>>; 3],
}

/// A LoRA pair's place in the flat tensor and its settings.
#[derive(Clone, Copy)]
pub(crate) struct LoraSlot {
    /// Offset of A (`r × in`); B (`out × r`) follows it.
    pub(crate) offset: usize,
    pub(crate) rank: usize,
    pub(crate) scale: f32,
    /// Dropout on the adapter's input: probability and mask seed.
    pub(crate) dropout: Option<(f32, u64)>,
}

/// Shapes of a block.
#[derive(Clone, Copy)]
pub(crate) struct Dims {
    pub(crate) b: usize,
    pub(crate) t: usize,
    pub(crate) hidden: usize,
    pub(crate) heads: usize,
    pub(crate) kv_heads: usize,
    pub(crate) head_dim: usize,
    pub(crate) ffn: usize,
    pub(crate) eps: f32,
}

impl Dims {
    fn n(&self) -> usize {
        self.b * self.t
    }
}

pub(crate) struct Block {
    pub(crate) w: Arc<BlockWeights>,
    pub(crate) lora: [Option<LoraSlot>; ROLES],
    pub(crate) dims: Dims,
    pub(crate) cos: Arc<Vec<f32>>,
    pub(crate) sin: Arc<Vec<f32>>,
    /// Activation checkpointing: keep nothing from the forward, run it again in the backward.
    pub(crate) recompute: bool,
    saved: Mutex<Option<Saved>>,
}

/// What the backward reads.
struct Saved {
    xn: Vec<f32>,
    r1: Vec<f32>,
    x1: Vec<f32>,
    xn2: Vec<f32>,
    r2: Vec<f32>,
    /// Rotated q and k, and v, in `(B, heads, T, d)` order.
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
    /// Attention probabilities per (batch, kv head): `(group·T) × T`.
    p: Vec<f32>,
    /// Attention output, `(B·T, heads·d)`.
    attn: Vec<f32>,
    gate: Vec<f32>,
    up: Vec<f32>,
    h: Vec<f32>,
    /// Per role: the adapter's `x·Aᵀ` (`n × r`).
    u: [Vec<f32>; ROLES],
}

/// `c (m × n) (+)= a (m × k) · b (k × n)`, each operand given with its row and column strides
/// (so transposes are free), f32 through the `gemm` crate.
#[allow(clippy::too_many_arguments)]
fn mm(
    (m, n, k): (usize, usize, usize),
    a: &[f32],
    (a_rs, a_cs): (usize, usize),
    b: &[f32],
    (b_rs, b_cs): (usize, usize),
    c: &mut [f32],
    accumulate: bool,
    parallel: bool,
) {
    if m == 0 || n == 0 {
        return;
    }
    assert!(c.len() >= m * n);
    if k == 0 {
        if !accumulate {
            c[..m * n].fill(0.0);
        }
        return;
    }
    let threads = rayon::current_num_threads();
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c.as_mut_ptr(),
            1,
            n as isize,
            accumulate,
            a.as_ptr(),
            a_cs as isize,
            a_rs as isize,
            b.as_ptr(),
            b_cs as isize,
            b_rs as isize,
            1.0,
            1.0,
            false,
            false,
            false,
            if parallel && threads > 1 {
                Parallelism::Rayon(threads)
            } else {
                Parallelism::None
            },
        );
    }
}

/// The contiguous f32 values of a CPU tensor.
fn values(t: &Tensor) -> candle_core::Result<Vec<f32>> {
    t.flatten_all()?.to_vec1()
}

fn in_out(w: &Frozen) -> (usize, usize) {
    match w {
        Frozen::F32(wt) => (wt.dims()[0], wt.dims()[1]),
        Frozen::Bf16(p) => (p.fwd.k, p.fwd.n),
    }
}

/// The values and strides of an f32 `Wᵀ` (`in × out`) on the CPU, handed to `f`.
fn with_f32_weight<R>(
    wt: &Tensor,
    f: impl FnOnce(&[f32], &[usize]) -> R,
) -> candle_core::Result<R> {
    let (s, l) = wt.storage_and_layout();
    let Storage::Cpu(CpuStorage::F32(data)) = &*s else {
        candle_core::bail!("block: frozen weights are not f32 on the CPU")
    };
    Ok(f(&data[l.start_offset()..], l.stride()))
}

/// `x (m × in) · Wᵀ → m × out`.
fn frozen_fwd(w: &Frozen, x: &[f32], m: usize) -> candle_core::Result<Vec<f32>> {
    match w {
        Frozen::Bf16(p) => Ok(crate::amx::matmul(x, m, &p.fwd)),
        Frozen::F32(wt) => {
            let (inp, out) = in_out(w);
            let mut y = vec![0f32; m * out];
            with_f32_weight(wt, |w, st| {
                mm(
                    (m, out, inp),
                    x,
                    (inp, 1),
                    w,
                    (st[0], st[1]),
                    &mut y,
                    false,
                    true,
                )
            })?;
            Ok(y)
        }
    }
}

/// `dy (m × out) · W → m × in`, added to `dx` when `accumulate`.
fn frozen_bwd(
    w: &Frozen,
    dy: &[f32],
    m: usize,
    dx: &mut [f32],
    accumulate: bool,
) -> candle_core::Result<()> {
    match w {
        Frozen::Bf16(p) => {
            let g = crate::amx::matmul(dy, m, &p.bwd);
            if accumulate {
                dx.par_iter_mut().zip(&g).for_each(|(d, g)| *d += g);
            } else {
                dx.copy_from_slice(&g);
            }
            Ok(())
        }
        Frozen::F32(wt) => {
            let (inp, out) = in_out(w);
            // W = (Wᵀ)ᵀ: element (o, i) of W is wt[i·st0 + o·st1].
            with_f32_weight(wt, |w, st| {
                mm(
                    (m, inp, out),
                    dy,
                    (out, 1),
                    w,
                    (st[1], st[0]),
                    dx,
                    accumulate,
                    true,
                )
            })
        }
    }
}

/// RMSNorm's backward, added to `dx`: `dx += r·(dy⊙g − x̂·mean(dy⊙g⊙x̂))`, `x̂ = x·r`.
fn rms_norm_bwd(x: &[f32], r: &[f32], g: &[f32], dy: &[f32], dx: &mut [f32]) {
    let h = g.len();
    dx.par_chunks_mut(h)
        .zip(x.par_chunks(h))
        .zip(dy.par_chunks(h))
        .zip(r.par_iter())
        .for_each(|(((dx, x), dy), &r)| {
            let mut m = 0f32;
            for ((&x, &dy), &g) in x.iter().zip(dy).zip(g) {
                m += dy * g * x * r;
            }
            m /= h as f32;
            for (((dx, &x), &dy), &g) in dx.iter_mut().zip(x).zip(dy).zip(g) {
                *dx += r * (dy * g - x * r * m);
            }
        });
}

impl Block {
    pub(crate) fn new(
        w: Arc<BlockWeights>,
        lora: [Option<LoraSlot>; ROLES],
        dims: Dims,
        cos: Arc<Vec<f32>>,
        sin: Arc<Vec<f32>>,
        recompute: bool,
    ) -> Block {
        Block {
            w,
            lora,
            dims,
            cos,
            sin,
            recompute,
            saved: Mutex::new(None),
        }
    }

    fn rope(&self, heads: usize) -> RopeHeads {
        RopeHeads {
            b: self.dims.b,
            t: self.dims.t,
            heads,
            d: self.dims.head_dim,
            cos: self.cos.clone(),
            sin: self.sin.clone(),
        }
    }

    /// The adapter's input: `x`, or `x` times the dropout mask.
    fn lora_input(slot: &LoraSlot, x: &[f32]) -> Option<Vec<f32>> {
        slot.dropout.filter(|(p, _)| *p > 0.0).map(|(p, seed)| {
            let mask = dropout_mask(x.len(), p, seed);
            x.par_iter().zip(&mask).map(|(x, m)| x * m).collect()
        })
    }

    /// `x·Wᵀ (+ bias) + s·(drop(x)·Aᵀ)·Bᵀ`; returns the output and `drop(x)·Aᵀ`.
    fn linear(
        &self,
        role: usize,
        x: &[f32],
        params: &[f32],
    ) -> candle_core::Result<(Vec<f32>, Vec<f32>)> {
        let n = self.dims.n();
        let w = &self.w.linear[role];
        let (inp, out) = in_out(w);
        let mut y = frozen_fwd(w, x, n)?;
        if let Some(Some(bias)) = self.w.bias.get(role) {
            y.par_chunks_mut(out).for_each(|row| {
                for (v, b) in row.iter_mut().zip(bias) {
                    *v += b;
                }
            });
        }
        let Some(slot) = &self.lora[role] else {
            return Ok((y, Vec::new()));
        };
        let r = slot.rank;
        let a = &params[slot.offset..slot.offset + r * inp];
        let b = &params[slot.offset + r * inp..slot.offset + r * inp + out * r];
        let dropped = Self::lora_input(slot, x);
        let xin = dropped.as_deref().unwrap_or(x);
        let mut u = vec![0f32; n * r];
        // u = xin · Aᵀ: Aᵀ's (i, j) is a[j·in + i].
        mm((n, r, inp), xin, (inp, 1), a, (1, inp), &mut u, false, true);
        let us: Vec<f32> = u.iter().map(|v| v * slot.scale).collect();
        // y += (s·u) · Bᵀ: Bᵀ's (j, o) is b[o·r + j].
        mm((n, out, r), &us, (r, 1), b, (1, r), &mut y, true, true);
        Ok((y, u))
    }

    /// The backward of [`Block::linear`]: adds `dy·W + (s·dy·B·A)⊙mask` to `dx` (or sets it)
    /// and writes the adapter's gradients into `dparams`.
    #[allow(clippy::too_many_arguments)]
    fn linear_bwd(
        &self,
        role: usize,
        x: &[f32],
        u: &[f32],
        dy: &[f32],
        params: &[f32],
        dparams: &mut [f32],
        dx: &mut [f32],
        accumulate: bool,
    ) -> candle_core::Result<()> {
        let n = self.dims.n();
        let w = &self.w.linear[role];
        let (inp, out) = in_out(w);
        frozen_bwd(w, dy, n, dx, accumulate)?;
        let Some(slot) = &self.lora[role] else {
            return Ok(());
        };
        let r = slot.rank;
        let (ao, bo) = (slot.offset, slot.offset + r * inp);
        let a = &params[ao..bo];
        let b = &params[bo..bo + out * r];
        // du = s · dy · B  (n × r)
        let mut du = vec![0f32; n * r];
        mm((n, r, out), dy, (out, 1), b, (r, 1), &mut du, false, true);
        du.iter_mut().for_each(|v| *v *= slot.scale);
        // dB = s · dyᵀ · u  (out × r)
        let us: Vec<f32> = u.iter().map(|v| v * slot.scale).collect();
        {
            let db = &mut dparams[bo..bo + out * r];
            mm((out, r, n), dy, (1, out), &us, (r, 1), db, false, true);
        }
        // dA = duᵀ · drop(x)  (r × in); the mask is made once for dA and dx.
        let mask = slot
            .dropout
            .filter(|(p, _)| *p > 0.0)
            .map(|(p, seed)| dropout_mask(x.len(), p, seed));
        let dropped: Option<Vec<f32>> = mask
            .as_ref()
            .map(|m| x.par_iter().zip(m).map(|(x, m)| x * m).collect());
        let xin = dropped.as_deref().unwrap_or(x);
        {
            let da = &mut dparams[ao..bo];
            mm((r, inp, n), &du, (1, r), xin, (inp, 1), da, false, true);
        }
        // dx += (du · A) ⊙ mask
        let mut dxa = vec![0f32; n * inp];
        mm((n, inp, r), &du, (r, 1), a, (inp, 1), &mut dxa, false, true);
        match &mask {
            Some(m) => dx
                .par_iter_mut()
                .zip(&dxa)
                .zip(m)
                .for_each(|((d, v), m)| *d += v * m),
            None => dx.par_iter_mut().zip(&dxa).for_each(|(d, v)| *d += v),
        }
        Ok(())
    }

    /// The block's output and what its backward reads.
    fn forward(&self, x: &[f32], params: &[f32]) -> candle_core::Result<(Vec<f32>, Saved)> {
        let d = self.dims;
        let (n, hd, nh, nkv) = (d.n(), d.head_dim, d.heads, d.kv_heads);
        let group = nh / nkv;
        let (xn, r1) = rms_norm_rows(x, &self.w.attn_norm, d.eps);
        let (q, uq) = self.linear(Q, &xn, params)?;
        let (k, uk) = self.linear(K, &xn, params)?;
        let (v, uv) = self.linear(V, &xn, params)?;
        let q = self.rope(nh).apply(&q, false);
        let k = self.rope(nkv).apply(&k, false);
        // v to (B, kv, T, d).
        let mut vh = vec![0f32; v.len()];
        for bi in 0..d.b {
            for pos in 0..d.t {
                for h in 0..nkv {
                    let src = ((bi * d.t + pos) * nkv + h) * hd;
                    let dst = ((bi * nkv + h) * d.t + pos) * hd;
                    vh[dst..dst + hd].copy_from_slice(&v[src..src + hd]);
                }
            }
        }
        let t = d.t;
        let rows = group * t;
        let scale = 1.0 / (hd as f32).sqrt();
        // Per (batch, kv head): P = softmax(scale·Q·Kᵀ, causal), O = P·V.
        let mut p = vec![0f32; d.b * nkv * rows * t];
        let mut o_heads = vec![0f32; d.b * nh * t * hd];
        p.par_chunks_mut(rows * t)
            .zip(o_heads.par_chunks_mut(rows * hd))
            .enumerate()
            .for_each(|(bj, (p, o))| {
                let qg = &q[bj * rows * hd..(bj + 1) * rows * hd];
                let kk = &k[bj * t * hd..(bj + 1) * t * hd];
                let vv = &vh[bj * t * hd..(bj + 1) * t * hd];
                mm((rows, t, hd), qg, (hd, 1), kk, (1, hd), p, false, false);
                causal_softmax_rows(p, t, scale);
                mm((rows, hd, t), p, (t, 1), vv, (hd, 1), o, false, false);
            });
        // Heads back to (B·T, heads·d).
        let mut attn = vec![0f32; n * nh * hd];
        for bi in 0..d.b {
            for h in 0..nh {
                for pos in 0..t {
                    let src = ((bi * nh + h) * t + pos) * hd;
                    let dst = ((bi * t + pos) * nh + h) * hd;
                    attn[dst..dst + hd].copy_from_slice(&o_heads[src..src + hd]);
                }
            }
        }
        let (o, uo) = self.linear(O, &attn, params)?;
        let x1: Vec<f32> = x.iter().zip(&o).map(|(a, b)| a + b).collect();
        let (xn2, r2) = rms_norm_rows(&x1, &self.w.mlp_norm, d.eps);
        let (gate, ug) = self.linear(GATE, &xn2, params)?;
        let (up, uu) = self.linear(UP, &xn2, params)?;
        let h: Vec<f32> = gate
            .par_iter()
            .zip(&up)
            .map(|(&g, &u)| g / (1.0 + (-g).exp()) * u)
            .collect();
        let (down, ud) = self.linear(DOWN, &h, params)?;
        let y: Vec<f32> = x1.iter().zip(&down).map(|(a, b)| a + b).collect();
        Ok((
            y,
            Saved {
                xn,
                r1,
                x1,
                xn2,
                r2,
                q,
                k,
                v: vh,
                p,
                attn,
                gate,
                up,
                h,
                u: [uq, uk, uv, uo, ug, uu, ud],
            },
        ))
    }

    /// Gradients of the input and of the flat LoRA tensor.
    fn backward(
        &self,
        x: &[f32],
        params: &[f32],
        s: &Saved,
        dy: &[f32],
    ) -> candle_core::Result<(Vec<f32>, Vec<f32>)> {
        let d = self.dims;
        let (n, hd, nh, nkv, t) = (d.n(), d.head_dim, d.heads, d.kv_heads, d.t);
        let group = nh / nkv;
        let rows = group * t;
        let scale = 1.0 / (hd as f32).sqrt();
        let mut dparams = vec![0f32; params.len()];
        // y = x1 + down(h): dx1 = dy.
        let mut dh = vec![0f32; n * d.ffn];
        self.linear_bwd(
            DOWN,
            &s.h,
            &s.u[DOWN],
            dy,
            params,
            &mut dparams,
            &mut dh,
            false,
        )?;
        let (dgate, dup): (Vec<f32>, Vec<f32>) = s
            .gate
            .par_iter()
            .zip(&s.up)
            .zip(&dh)
            .map(|((&g, &u), &dh)| {
                let sg = 1.0 / (1.0 + (-g).exp());
                (dh * u * sg * (1.0 + g * (1.0 - sg)), dh * g * sg)
            })
            .unzip();
        drop(dh);
        let mut dxn2 = vec![0f32; n * d.hidden];
        self.linear_bwd(
            GATE,
            &s.xn2,
            &s.u[GATE],
            &dgate,
            params,
            &mut dparams,
            &mut dxn2,
            false,
        )?;
        self.linear_bwd(
            UP,
            &s.xn2,
            &s.u[UP],
            &dup,
            params,
            &mut dparams,
            &mut dxn2,
            true,
        )?;
        let mut dx1 = dy.to_vec();
        rms_norm_bwd(&s.x1, &s.r2, &self.w.mlp_norm, &dxn2, &mut dx1);
        drop(dxn2);
        // x1 = x + o(attn).
        let mut dattn = vec![0f32; n * nh * hd];
        self.linear_bwd(
            O,
            &s.attn,
            &s.u[O],
            &dx1,
            params,
            &mut dparams,
            &mut dattn,
            false,
        )?;
        // dO to (B, heads, T, d).
        let mut do_heads = vec![0f32; dattn.len()];
        for bi in 0..d.b {
            for h in 0..nh {
                for pos in 0..t {
                    let dst = ((bi * nh + h) * t + pos) * hd;
                    let src = ((bi * t + pos) * nh + h) * hd;
                    do_heads[dst..dst + hd].copy_from_slice(&dattn[src..src + hd]);
                }
            }
        }
        drop(dattn);
        let mut dq = vec![0f32; s.q.len()];
        let mut dk = vec![0f32; s.k.len()];
        let mut dv = vec![0f32; s.v.len()];
        dq.par_chunks_mut(rows * hd)
            .zip(dk.par_chunks_mut(t * hd))
            .zip(dv.par_chunks_mut(t * hd))
            .enumerate()
            .for_each(|(bj, ((dq, dk), dv))| {
                let p = &s.p[bj * rows * t..(bj + 1) * rows * t];
                let qg = &s.q[bj * rows * hd..(bj + 1) * rows * hd];
                let kk = &s.k[bj * t * hd..(bj + 1) * t * hd];
                let vv = &s.v[bj * t * hd..(bj + 1) * t * hd];
                let dog = &do_heads[bj * rows * hd..(bj + 1) * rows * hd];
                // dV = Pᵀ·dO
                mm((t, hd, rows), p, (1, t), dog, (hd, 1), dv, false, false);
                // dP = dO·Vᵀ, then dS = scale·P⊙(dP − Σ dP⊙P)
                let mut ds = vec![0f32; rows * t];
                mm(
                    (rows, t, hd),
                    dog,
                    (hd, 1),
                    vv,
                    (1, hd),
                    &mut ds,
                    false,
                    false,
                );
                for (row_i, (ds, p)) in ds.chunks_mut(t).zip(p.chunks(t)).enumerate() {
                    let i = row_i % t;
                    let dot: f32 = ds[..=i].iter().zip(&p[..=i]).map(|(a, b)| a * b).sum();
                    for (dv, &pv) in ds[..=i].iter_mut().zip(&p[..=i]) {
                        *dv = scale * pv * (*dv - dot);
                    }
                    ds[i + 1..].fill(0.0);
                }
                // dQ = dS·K, dK = dSᵀ·Q
                mm((rows, hd, t), &ds, (t, 1), kk, (hd, 1), dq, false, false);
                mm((t, hd, rows), &ds, (1, t), qg, (hd, 1), dk, false, false);
            });
        drop(do_heads);
        let dq = self.rope(nh).apply(&dq, true);
        let dk = self.rope(nkv).apply(&dk, true);
        let mut dvf = vec![0f32; dv.len()];
        for bi in 0..d.b {
            for pos in 0..t {
                for h in 0..nkv {
                    let dst = ((bi * t + pos) * nkv + h) * hd;
                    let src = ((bi * nkv + h) * t + pos) * hd;
                    dvf[dst..dst + hd].copy_from_slice(&dv[src..src + hd]);
                }
            }
        }
        let mut dxn = vec![0f32; n * d.hidden];
        self.linear_bwd(
            Q,
            &s.xn,
            &s.u[Q],
            &dq,
            params,
            &mut dparams,
            &mut dxn,
            false,
        )?;
        self.linear_bwd(K, &s.xn, &s.u[K], &dk, params, &mut dparams, &mut dxn, true)?;
        self.linear_bwd(
            V,
            &s.xn,
            &s.u[V],
            &dvf,
            params,
            &mut dparams,
            &mut dxn,
            true,
        )?;
        let mut dx = dx1;
        rms_norm_bwd(x, &s.r1, &self.w.attn_norm, &dxn, &mut dx);
        Ok((dx, dparams))
    }
}

impl CustomOp2 for Block {
    fn name(&self) -> &'static str {
        "decoder-block"
    }

    fn cpu_fwd(
        &self,
        x: &CpuStorage,
        xl: &Layout,
        p: &CpuStorage,
        pl: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let (CpuStorage::F32(x), CpuStorage::F32(p)) = (x, p) else {
            candle_core::bail!("decoder-block: f32 inputs only")
        };
        let (Some((xs, xe)), Some((ps, pe))) = (xl.contiguous_offsets(), pl.contiguous_offsets())
        else {
            candle_core::bail!("decoder-block: contiguous inputs only")
        };
        let (y, saved) = self.forward(&x[xs..xe], &p[ps..pe])?;
        if !self.recompute {
            *self.saved.lock().unwrap_or_else(|e| e.into_inner()) = Some(saved);
        }
        Ok((CpuStorage::F32(y), xl.shape().clone()))
    }

    fn bwd(
        &self,
        x: &Tensor,
        p: &Tensor,
        _y: &Tensor,
        dy: &Tensor,
    ) -> candle_core::Result<(Option<Tensor>, Option<Tensor>)> {
        let (xv, pv, dyv) = (values(x)?, values(p)?, values(dy)?);
        let saved = self.saved.lock().unwrap_or_else(|e| e.into_inner()).take();
        let saved = match saved {
            Some(s) => s,
            None => self.forward(&xv, &pv)?.1,
        };
        let (dx, dp) = self.backward(&xv, &pv, &saved, &dyv)?;
        drop(saved);
        Ok((
            Some(Tensor::from_vec(dx, x.shape(), x.device())?),
            Some(Tensor::from_vec(dp, p.shape(), p.device())?),
        ))
    }
}

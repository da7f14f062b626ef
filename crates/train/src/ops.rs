//! The training forward's own CPU ops, each with the backward it needs: candle's fused kernels
//! have none (they would silently stop gradients), and its composed versions keep several
//! intermediate tensors alive per layer and make a pass over memory per elementary op. Each op
//! here is checked against its composed definition and finite differences (`tests` below and
//! `tests/parity.rs`).

use std::sync::Arc;

use candle_core::backend::BackendStorage;
use candle_core::{CpuStorage, CustomOp1, CustomOp2, CustomOp3, Layout, Shape, Storage, Tensor, D};

use crate::error::Result;

/// `x·Wt` for a frozen `Wt`: a custom op whose backward returns only the input's gradient.
/// candle's matmul backward also computes (and keeps until the step ends) a gradient for
/// every frozen weight matrix — the whole model's size again, for nothing.
pub(crate) struct FrozenMatmul {
    pub(crate) wt: Tensor,
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
pub(crate) struct CausalSoftmax {
    pub(crate) scale: f32,
}

impl CustomOp1 for CausalSoftmax {
    fn name(&self) -> &'static str {
        "causal-softmax"
    }

    fn cpu_fwd(&self, x: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let src = f32_input(x, l, self.name())?;
        let t = l.dims()[l.dims().len() - 1];
        let mut out = src.to_vec();
        causal_softmax_rows(&mut out, t, self.scale);
        Ok((CpuStorage::F32(out), l.shape().clone()))
    }

    fn bwd(&self, _x: &Tensor, y: &Tensor, dy: &Tensor) -> candle_core::Result<Option<Tensor>> {
        let s = (dy * y)?.sum_keepdim(D::Minus1)?;
        Ok(Some(
            ((y * dy.broadcast_sub(&s)?)? * f64::from(self.scale))?,
        ))
    }
}

/// A frozen linear layer of the base: f32 (`in × out`, i.e. `Wᵀ`, for candle's GEMM) or
/// bf16 packed for AMX tiles in both orientations (see [`crate::amx`]).
#[derive(Clone)]
pub(crate) enum Frozen {
    F32(Tensor),
    Bf16(Arc<PackedPair>),
}

/// A weight packed for `x·Wᵀ` (forward) and `dY·W` (the input's gradient).
pub(crate) struct PackedPair {
    pub(crate) fwd: crate::amx::PackedB,
    pub(crate) bwd: crate::amx::PackedB,
}

impl Frozen {
    /// From `Wᵀ` (`in × out`), made contiguous once so a linear layer is one matmul.
    pub(crate) fn f32(wt: Tensor) -> Frozen {
        let wt = wt.contiguous().unwrap_or(wt);
        Frozen::F32(wt)
    }

    /// From `W` (`out × in`, row-major f32).
    pub(crate) fn bf16(w: &[f32], out: usize, inp: usize) -> Frozen {
        Frozen::Bf16(Arc::new(PackedPair {
            fwd: crate::amx::PackedB::transposed(w, out, inp),
            bwd: crate::amx::PackedB::plain(w, out, inp),
        }))
    }
}

/// `x·Wᵀ` on AMX tiles; its backward is [`AmxInputGrad`].
struct AmxMatmul(Arc<PackedPair>);

impl CustomOp1 for AmxMatmul {
    fn name(&self) -> &'static str {
        "frozen-matmul-bf16"
    }

    fn cpu_fwd(&self, x: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let (m, _) = l.shape().dims2()?;
        let out = crate::amx::matmul(f32_input(x, l, self.name())?, m, &self.0.fwd);
        Ok((CpuStorage::F32(out), Shape::from((m, self.0.fwd.n))))
    }

    fn bwd(
        &self,
        _x: &Tensor,
        _res: &Tensor,
        grad: &Tensor,
    ) -> candle_core::Result<Option<Tensor>> {
        Ok(Some(
            grad.contiguous()?.apply_op1(AmxInputGrad(self.0.clone()))?,
        ))
    }
}

/// `dY·W`: the input's gradient of [`AmxMatmul`] (never differentiated itself).
struct AmxInputGrad(Arc<PackedPair>);

impl CustomOp1 for AmxInputGrad {
    fn name(&self) -> &'static str {
        "frozen-matmul-bf16-grad"
    }

    fn cpu_fwd(&self, g: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let (m, _) = l.shape().dims2()?;
        let out = crate::amx::matmul(f32_input(g, l, self.name())?, m, &self.0.bwd);
        Ok((CpuStorage::F32(out), Shape::from((m, self.0.bwd.n))))
    }
}

/// `softmax(scale·x + causal mask)` in place over rows of `t` scores, row `r` being query
/// position `r mod t` (keys `0..=r mod t` visible, the rest set to 0). Shared by
/// [`CausalSoftmax`] and the fused block.
pub(crate) fn causal_softmax_rows(scores: &mut [f32], t: usize, scale: f32) {
    for (r, row) in scores.chunks_mut(t).enumerate() {
        let i = r % t;
        let max = row[..=i]
            .iter()
            .fold(f32::NEG_INFINITY, |a, &v| a.max(v * scale));
        let mut sum = 0f32;
        for v in &mut row[..=i] {
            *v = (*v * scale - max).exp();
            sum += *v;
        }
        for v in &mut row[..=i] {
            *v /= sum;
        }
        row[i + 1..].fill(0.0);
    }
}

/// RMSNorm of each row: the normalised rows times `g`, and each row's `1/rms`. Shared by
/// [`RmsNorm`] and the fused block.
pub(crate) fn rms_norm_rows(x: &[f32], g: &[f32], eps: f32) -> (Vec<f32>, Vec<f32>) {
    use rayon::prelude::*;
    let h = g.len();
    let mut out = vec![0f32; x.len()];
    let mut r = vec![0f32; x.len() / h];
    out.par_chunks_mut(h)
        .zip(r.par_iter_mut())
        .zip(x.par_chunks(h))
        .for_each(|((o, r), row)| {
            let ms = row.iter().map(|v| v * v).sum::<f32>() / h as f32;
            *r = 1.0 / (ms + eps).sqrt();
            for ((o, &v), &g) in o.iter_mut().zip(row).zip(g) {
                *o = v * *r * g;
            }
        });
    (out, r)
}

/// `x·Wᵀ` with gradients for `x` only (`x` is 2-D).
pub(crate) fn frozen_matmul(x: &Tensor, w: &Frozen) -> Result<Tensor> {
    match w {
        Frozen::F32(wt) if x.device().is_cpu() => {
            Ok(x.contiguous()?.apply_op1(FrozenMatmul { wt: wt.clone() })?)
        }
        Frozen::F32(wt) => Ok(x.matmul(wt)?),
        Frozen::Bf16(p) => Ok(x.contiguous()?.apply_op1(AmxMatmul(p.clone()))?),
    }
}

/// The dropout mask of `n` values: 0 with probability `p`, else `1/(1−p)`, from `seed`.
/// Value `i` is SplitMix64's `i`-th draw from `seed` (its state after `i + 1` steps is
/// `seed + (i + 1)·γ`), so the mask is computed in parallel and equals the sequential
/// generator's, value for value.
pub(crate) fn dropout_mask(n: usize, p: f32, seed: u64) -> Vec<f32> {
    use rayon::prelude::*;
    let keep = 1.0 / (1.0 - p);
    let mut mask = vec![0f32; n];
    mask.par_chunks_mut(1 << 14)
        .enumerate()
        .for_each(|(c, chunk)| {
            let start = (c << 14) as u64;
            for (j, m) in chunk.iter_mut().enumerate() {
                let state = seed.wrapping_add(
                    (start + j as u64 + 1).wrapping_mul(hexacoder_formats::rng::GAMMA),
                );
                let u = (hexacoder_formats::rng::mix(state) >> 40) as f32 / (1u64 << 24) as f32;
                *m = if u < p { 0.0 } else { keep };
            }
        });
    mask
}

/// Dropout whose backward regenerates its mask from the seed: only the output stays alive
/// for the backward pass (the composed `x · mask` keeps the mask too, one per adapted layer).
pub(crate) struct Dropout {
    pub(crate) p: f32,
    pub(crate) seed: u64,
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

/// RMSNorm with a frozen gain `g`, as one op with its own backward: only the input and the
/// output stay alive for the backward pass (the composed form keeps five row-sized
/// intermediates per norm). With `x̂ = x·r`, `r = 1/√(mean(x²)+ε)`:
/// `dx = r·(dy⊙g − x̂·mean(dy⊙g⊙x̂))`.
pub(crate) struct RmsNorm {
    pub(crate) g: Tensor,
    pub(crate) eps: f32,
}

impl CustomOp1 for RmsNorm {
    fn name(&self) -> &'static str {
        "rms-norm"
    }

    fn cpu_fwd(&self, x: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let data = f32_input(x, l, self.name())?;
        let g: Vec<f32> = self.g.to_vec1()?;
        let (out, _) = rms_norm_rows(data, &g, self.eps);
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

/// Rotary embedding (Hugging Face's halves layout) fused with the move of heads in front of
/// positions: `(B·T, H·d)` projections in, `(B, H, T, d)` rotated heads out, in one pass. The
/// composed form (narrow, negate, concatenate, two broadcast products, a sum, a transposed
/// copy) makes seven passes and keeps four intermediates per layer for the backward.
///
/// With `h = d/2` and `rot(x)ᵢ = −xᵢ₊ₕ (i < h), xᵢ₋ₕ (i ≥ h)`: `y = x·cos + rot(x)·sin`, so
/// `dx = dy·cos + rotᵀ(dy·sin)` with `rotᵀ(z)ⱼ = zⱼ₊ₕ (j < h), −zⱼ₋ₕ (j ≥ h)`.
#[derive(Clone)]
pub(crate) struct RopeHeads {
    pub(crate) b: usize,
    pub(crate) t: usize,
    pub(crate) heads: usize,
    pub(crate) d: usize,
    /// `cos`, `sin` of `(T, d)`.
    pub(crate) cos: Arc<Vec<f32>>,
    pub(crate) sin: Arc<Vec<f32>>,
}

impl RopeHeads {
    /// `src` in `(B·T, H·d)` order, `dst` in `(B, H, T, d)` order (or the reverse when
    /// `backward`), rotating each head row forward or by the transpose.
    pub(crate) fn apply(&self, src: &[f32], backward: bool) -> Vec<f32> {
        let (b, t, heads, d) = (self.b, self.t, self.heads, self.d);
        let h = d / 2;
        let mut out = vec![0f32; src.len()];
        for bi in 0..b {
            for pos in 0..t {
                let cos = &self.cos[pos * d..(pos + 1) * d];
                let sin = &self.sin[pos * d..(pos + 1) * d];
                for head in 0..heads {
                    let seq = ((bi * t + pos) * heads + head) * d;
                    let split = ((bi * heads + head) * t + pos) * d;
                    let (i, o) = if backward { (split, seq) } else { (seq, split) };
                    let x = &src[i..i + d];
                    let y = &mut out[o..o + d];
                    for j in 0..h {
                        if backward {
                            y[j] = x[j] * cos[j] + x[j + h] * sin[j + h];
                            y[j + h] = x[j + h] * cos[j + h] - x[j] * sin[j];
                        } else {
                            y[j] = x[j] * cos[j] - x[j + h] * sin[j];
                            y[j + h] = x[j + h] * cos[j + h] + x[j] * sin[j + h];
                        }
                    }
                }
            }
        }
        out
    }
}

impl CustomOp1 for RopeHeads {
    fn name(&self) -> &'static str {
        "rope-heads"
    }

    fn cpu_fwd(&self, x: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let src = f32_input(x, l, self.name())?;
        if src.len() != self.b * self.t * self.heads * self.d {
            candle_core::bail!("rope-heads: input of {:?}", l.dims())
        }
        let out = self.apply(src, false);
        let shape = Shape::from((self.b, self.heads, self.t, self.d));
        Ok((CpuStorage::F32(out), shape))
    }

    fn bwd(&self, _x: &Tensor, _y: &Tensor, dy: &Tensor) -> candle_core::Result<Option<Tensor>> {
        Ok(Some(
            dy.contiguous()?.apply_op1(RopeHeadsGrad(self.clone()))?,
        ))
    }
}

/// The backward of [`RopeHeads`]: `(B, H, T, d)` gradients back to `(B·T, H·d)`.
struct RopeHeadsGrad(RopeHeads);

impl CustomOp1 for RopeHeadsGrad {
    fn name(&self) -> &'static str {
        "rope-heads-grad"
    }

    fn cpu_fwd(&self, x: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        let src = f32_input(x, l, self.name())?;
        let r = &self.0;
        let out = r.apply(src, true);
        Ok((
            CpuStorage::F32(out),
            Shape::from((r.b * r.t, r.heads * r.d)),
        ))
    }
}

/// SwiGLU's gate, `silu(g)·u`, as one op: the composed form keeps `silu(g)` and the sigmoid
/// inside it alive for the backward. With `s = σ(g)`: `dg = dy·u·s·(1 + g·(1 − s))`,
/// `du = dy·g·s`.
pub(crate) struct Swiglu;

impl CustomOp2 for Swiglu {
    fn name(&self) -> &'static str {
        "swiglu"
    }

    fn cpu_fwd(
        &self,
        g: &CpuStorage,
        gl: &Layout,
        u: &CpuStorage,
        ul: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let (g, u) = (
            f32_input(g, gl, self.name())?,
            f32_input(u, ul, self.name())?,
        );
        if g.len() != u.len() {
            candle_core::bail!("swiglu: {:?} and {:?}", gl.dims(), ul.dims())
        }
        let out = g
            .iter()
            .zip(u)
            .map(|(&g, &u)| g / (1.0 + (-g).exp()) * u)
            .collect();
        Ok((CpuStorage::F32(out), gl.shape().clone()))
    }

    fn bwd(
        &self,
        g: &Tensor,
        u: &Tensor,
        _y: &Tensor,
        dy: &Tensor,
    ) -> candle_core::Result<(Option<Tensor>, Option<Tensor>)> {
        let dy = dy.contiguous()?;
        let dg = g.apply_op3(u, &dy, SwigluGrad { gate: true })?;
        let du = g.apply_op3(u, &dy, SwigluGrad { gate: false })?;
        Ok((Some(dg), Some(du)))
    }
}

/// One of [`Swiglu`]'s two input gradients.
struct SwigluGrad {
    gate: bool,
}

impl CustomOp3 for SwigluGrad {
    fn name(&self) -> &'static str {
        "swiglu-grad"
    }

    fn cpu_fwd(
        &self,
        g: &CpuStorage,
        gl: &Layout,
        u: &CpuStorage,
        ul: &Layout,
        dy: &CpuStorage,
        dl: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let g = f32_input(g, gl, self.name())?;
        let u = f32_input(u, ul, self.name())?;
        let dy = f32_input(dy, dl, self.name())?;
        let out = g
            .iter()
            .zip(u)
            .zip(dy)
            .map(|((&g, &u), &dy)| {
                let s = 1.0 / (1.0 + (-g).exp());
                if self.gate {
                    dy * u * s * (1.0 + g * (1.0 - s))
                } else {
                    dy * g * s
                }
            })
            .collect();
        Ok((CpuStorage::F32(out), gl.shape().clone()))
    }
}

/// The log-probability of each row's label under the softmax of its logits,
/// `x[r, label_r] − logsumexp(x[r, :])`, as one op: the composed `log_softmax` + `gather`
/// keeps a second `rows × vocab` tensor (the log-probabilities) alive for the backward and
/// makes three more passes over it. Backward: `dx[r, :] = dy[r]·(onehot(label_r) − softmax(x[r, :]))`.
pub(crate) struct PickedLogProb {
    pub(crate) labels: Arc<Vec<u32>>,
}

impl PickedLogProb {
    /// Each row's max and log-sum-exp.
    fn lse(row: &[f32]) -> f32 {
        let max = row.iter().fold(f32::NEG_INFINITY, |a, &v| a.max(v));
        max + row.iter().map(|v| (v - max).exp()).sum::<f32>().ln()
    }
}

impl CustomOp1 for PickedLogProb {
    fn name(&self) -> &'static str {
        "picked-log-prob"
    }

    fn cpu_fwd(&self, x: &CpuStorage, l: &Layout) -> candle_core::Result<(CpuStorage, Shape)> {
        use rayon::prelude::*;
        let data = f32_input(x, l, self.name())?;
        let (rows, vocab) = l.shape().dims2()?;
        if self.labels.len() != rows || self.labels.iter().any(|&t| t as usize >= vocab) {
            candle_core::bail!("picked-log-prob: labels do not fit {rows} x {vocab} logits")
        }
        let out: Vec<f32> = data
            .par_chunks(vocab)
            .zip(self.labels.par_iter())
            .map(|(row, &t)| row[t as usize] - Self::lse(row))
            .collect();
        Ok((CpuStorage::F32(out), Shape::from(rows)))
    }

    fn bwd(&self, x: &Tensor, _y: &Tensor, dy: &Tensor) -> candle_core::Result<Option<Tensor>> {
        use rayon::prelude::*;
        let (rows, vocab) = x.dims2()?;
        let xs: Vec<f32> = x.flatten_all()?.to_vec1()?;
        let dys: Vec<f32> = dy.to_vec1()?;
        let mut dx = vec![0f32; rows * vocab];
        dx.par_chunks_mut(vocab)
            .zip(xs.par_chunks(vocab))
            .zip(self.labels.par_iter().zip(dys.par_iter()))
            .for_each(|((d, row), (&t, &g))| {
                let lse = Self::lse(row);
                for (d, &v) in d.iter_mut().zip(row) {
                    *d = -g * (v - lse).exp();
                }
                d[t as usize] += g;
            });
        Ok(Some(Tensor::from_vec(dx, (rows, vocab), x.device())?))
    }
}

/// `silu(g)·u` (one op on the CPU, composed elsewhere).
pub(crate) fn swiglu(g: &Tensor, u: &Tensor) -> Result<Tensor> {
    if g.device().is_cpu() {
        return Ok(g.contiguous()?.apply_op2(&u.contiguous()?, Swiglu)?);
    }
    Ok((g.silu()? * u)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::{Device, Var};

    fn values(n: usize, seed: u32) -> Vec<f32> {
        (0..n)
            .map(|i| (((i as u32).wrapping_mul(2_654_435_761) ^ seed) % 1000) as f32 / 250.0 - 2.0)
            .collect()
    }

    fn close(a: &Tensor, b: &Tensor, tol: f32) {
        let (a, b) = (
            a.flatten_all().unwrap().to_vec1::<f32>().unwrap(),
            b.flatten_all().unwrap().to_vec1::<f32>().unwrap(),
        );
        assert_eq!(a.len(), b.len());
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            assert!((x - y).abs() <= tol * (1.0 + y.abs()), "[{i}] {x} vs {y}");
        }
    }

    /// The fused rotary op and its backward equal the composed ops (narrow, cat, broadcast
    /// products) followed by the head transpose, values and gradients.
    #[test]
    fn rope_heads_equals_the_composed_rotation() {
        let dev = Device::Cpu;
        let (b, t, heads, d) = (2, 5, 3, 8);
        let (mut cos, mut sin) = (Vec::new(), Vec::new());
        for pos in 0..t {
            for i in 0..d {
                let f = 1.0 / 10_000f64.powf(2.0 * (i % (d / 2)) as f64 / d as f64);
                cos.push((pos as f64 * f).cos() as f32);
                sin.push((pos as f64 * f).sin() as f32);
            }
        }
        let op = RopeHeads {
            b,
            t,
            heads,
            d,
            cos: Arc::new(cos.clone()),
            sin: Arc::new(sin.clone()),
        };
        let x = Var::from_vec(values(b * t * heads * d, 7), (b * t, heads * d), &dev).unwrap();
        let fused = x.as_tensor().apply_op1(op).unwrap();
        let cos = Tensor::from_vec(cos, (t, d), &dev).unwrap();
        let sin = Tensor::from_vec(sin, (t, d), &dev).unwrap();
        let xs = x
            .as_tensor()
            .reshape((b, t, heads, d))
            .unwrap()
            .transpose(1, 2)
            .unwrap();
        let x1 = xs.narrow(D::Minus1, 0, d / 2).unwrap();
        let x2 = xs.narrow(D::Minus1, d / 2, d / 2).unwrap();
        let rot = Tensor::cat(&[&x2.neg().unwrap(), &x1], D::Minus1).unwrap();
        let composed =
            (xs.broadcast_mul(&cos).unwrap() + rot.broadcast_mul(&sin).unwrap()).unwrap();
        close(&fused, &composed, 1e-6);
        let probe =
            Tensor::from_vec(values(b * t * heads * d, 99), (b, heads, t, d), &dev).unwrap();
        let gf = (fused * &probe)
            .unwrap()
            .sum_all()
            .unwrap()
            .backward()
            .unwrap();
        let gc = (composed * &probe)
            .unwrap()
            .sum_all()
            .unwrap()
            .backward()
            .unwrap();
        close(
            gf.get(x.as_tensor()).unwrap(),
            gc.get(x.as_tensor()).unwrap(),
            1e-5,
        );
    }

    /// The fused picked log-probability equals `log_softmax` + `gather`, values and gradients.
    #[test]
    fn picked_log_prob_equals_log_softmax_and_gather() {
        let dev = Device::Cpu;
        let (rows, vocab) = (5, 37);
        let x = Var::from_vec(values(rows * vocab, 13), (rows, vocab), &dev).unwrap();
        let labels: Vec<u32> = vec![0, 36, 7, 7, 20];
        let fused = x
            .as_tensor()
            .apply_op1(PickedLogProb {
                labels: Arc::new(labels.clone()),
            })
            .unwrap();
        let ids = Tensor::from_vec(labels, (rows, 1), &dev).unwrap();
        let composed = candle_nn::ops::log_softmax(x.as_tensor(), D::Minus1)
            .unwrap()
            .gather(&ids, 1)
            .unwrap()
            .squeeze(1)
            .unwrap();
        close(&fused, &composed, 1e-6);
        let probe = Tensor::from_vec(values(rows, 3), rows, &dev).unwrap();
        let gf = (fused * &probe)
            .unwrap()
            .sum_all()
            .unwrap()
            .backward()
            .unwrap();
        let gc = (composed * &probe)
            .unwrap()
            .sum_all()
            .unwrap()
            .backward()
            .unwrap();
        close(
            gf.get(x.as_tensor()).unwrap(),
            gc.get(x.as_tensor()).unwrap(),
            1e-5,
        );
    }

    /// The parallel dropout mask is the sequential SplitMix64 stream, value for value.
    #[test]
    fn dropout_mask_equals_the_sequential_generator() {
        let (n, p, seed) = (40_000, 0.1, 0xdead_beef);
        let mut rng = crate::lora::SplitMix(seed);
        let want: Vec<f32> = (0..n)
            .map(|_| {
                if rng.uniform() < p {
                    0.0
                } else {
                    1.0 / (1.0 - p)
                }
            })
            .collect();
        assert_eq!(dropout_mask(n, p, seed), want);
    }

    /// The fused SwiGLU and its two gradients equal `silu(g)·u` composed.
    #[test]
    fn swiglu_equals_the_composed_gate() {
        let dev = Device::Cpu;
        let g = Var::from_vec(values(60, 3), (6, 10), &dev).unwrap();
        let u = Var::from_vec(values(60, 5), (6, 10), &dev).unwrap();
        let fused = swiglu(g.as_tensor(), u.as_tensor()).unwrap();
        let composed = (g.as_tensor().silu().unwrap() * u.as_tensor()).unwrap();
        close(&fused, &composed, 1e-6);
        let probe = Tensor::from_vec(values(60, 11), (6, 10), &dev).unwrap();
        let gf = (fused * &probe)
            .unwrap()
            .sum_all()
            .unwrap()
            .backward()
            .unwrap();
        let gc = (composed * &probe)
            .unwrap()
            .sum_all()
            .unwrap()
            .backward()
            .unwrap();
        for v in [&g, &u] {
            close(
                gf.get(v.as_tensor()).unwrap(),
                gc.get(v.as_tensor()).unwrap(),
                1e-5,
            );
        }
    }
}

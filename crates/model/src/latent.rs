//! DeepSeek-V2's two departures from the shared CPU forward (`crate::forward`): latent
//! attention's keys and values expanded into the ordinary `[q | k | v]` rows the cache and
//! attention take, and the mixture of experts in place of the MLP. See
//! [`crate::arch::deepseek_v2`] for the layout these functions rely on.

use crate::arch::deepseek_v2::{Mla, Moe};
use crate::arch::Config;
use crate::forward::{apply_linears, prepare, rms_norm, swiglu, Acts};
use crate::quant::kernels::Isa;
use crate::weights::{Layer, MlaWeights, MoeWeights, Precision};

/// Fill `qkv` (`[q | k | v]` per row, each `heads × qk_dim`) from the normed input `xn`:
/// queries from `q_proj` (or the low-rank path), each head's key `[shared rotary part |
/// its unrotated part from kv_b_proj]` and its value from `kv_b_proj`, padded with zeros to
/// the key width. Rotation happens afterwards, as for every family.
#[allow(clippy::too_many_arguments)]
pub(crate) fn attention_inputs(
    cfg: &Config,
    dims: &Mla,
    precision: Precision,
    layer: &Layer,
    mla: &MlaWeights,
    acts: &Acts,
    xn: &[f32],
    qkv: &mut [f32],
) {
    let (h, nh, hd) = (cfg.hidden_size, cfg.num_heads, cfg.head_dim);
    let m = xn.len() / h;
    let (qd, stride) = (nh * hd, 3 * nh * hd);
    let (rank, rope, nope, vd) = (dims.kv_lora_rank, dims.rope_dim, dims.nope_dim, dims.v_dim);

    // Queries straight into their columns.
    match &mla.q_a {
        None => apply_linears(&[(&layer.q, 0)], acts, xn, qkv, stride),
        Some((q_a, norm)) => {
            let qr = norm.len();
            let mut a = vec![0f32; m * qr];
            apply_linears(&[(q_a, 0)], acts, xn, &mut a, qr);
            let mut an = vec![0f32; m * qr];
            rms_norm(&a, norm, cfg.rms_eps, &mut an);
            let acts = prepare(precision, &an, qr);
            apply_linears(&[(&layer.q, 0)], &acts, &an, qkv, stride);
        }
    }

    // The latent and the shared rotary key part.
    let kv_a_w = rank + rope;
    let mut kv_a = vec![0f32; m * kv_a_w];
    apply_linears(&[(&layer.k, 0)], acts, xn, &mut kv_a, kv_a_w);
    let latent: Vec<f32> = kv_a
        .chunks(kv_a_w)
        .flat_map(|r| r[..rank].iter().copied())
        .collect();
    let mut normed = vec![0f32; m * rank];
    rms_norm(&latent, &mla.kv_norm, cfg.rms_eps, &mut normed);
    let kv_b_w = nh * (nope + vd);
    let mut kv_b = vec![0f32; m * kv_b_w];
    let acts = prepare(precision, &normed, rank);
    apply_linears(&[(&layer.v, 0)], &acts, &normed, &mut kv_b, kv_b_w);

    for ((row, a), b) in qkv
        .chunks_mut(stride)
        .zip(kv_a.chunks(kv_a_w))
        .zip(kv_b.chunks(kv_b_w))
    {
        let (k, v) = row[qd..].split_at_mut(qd);
        for j in 0..nh {
            let head = &b[j * (nope + vd)..(j + 1) * (nope + vd)];
            let key = &mut k[j * hd..(j + 1) * hd];
            key[..rope].copy_from_slice(&a[rank..]);
            key[rope..].copy_from_slice(&head[..nope]);
            let value = &mut v[j * hd..(j + 1) * hd];
            value[..vd].copy_from_slice(&head[nope..]);
            value[vd..].fill(0.0);
        }
    }
}

/// Each head's first `v_dim` outputs (the rest came from the zero padding of the values).
pub(crate) fn values_only(cfg: &Config, dims: &Mla, attn: &[f32]) -> Vec<f32> {
    attn.chunks(cfg.head_dim)
        .flat_map(|head| head[..dims.v_dim].iter().copied())
        .collect()
}

/// The mixture of experts over the normed rows `xn` into `out` (`rows × hidden`): the shared
/// experts (the layer's `gate`/`up`/`down`) on every row, plus each row's routed experts
/// weighted by the router. Rows are grouped by expert, so each expert's matrices run once per
/// call over the rows routed to it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn experts(
    kernels: Isa,
    precision: Precision,
    moe: &Moe,
    layer: &Layer,
    routed: &MoeWeights,
    acts: &Acts,
    xn: &[f32],
    out: &mut [f32],
) {
    let h = layer.up.in_features();
    let gate = layer
        .gate
        .as_ref()
        .expect("a mixture of experts has shared experts");
    swiglu_mlp(
        kernels,
        precision,
        [gate, &layer.up, &layer.down],
        Some(acts),
        xn,
        out,
    );

    // Route in f32, as the reference does.
    let mut chosen: Vec<Vec<(usize, f32)>> = vec![Vec::new(); moe.experts];
    for (r, row) in xn.chunks(h).enumerate() {
        let logits: Vec<f32> = routed
            .router
            .chunks(h)
            .map(|w| w.iter().zip(row).map(|(a, b)| a * b).sum())
            .collect();
        for (e, weight) in moe.route(&logits) {
            chosen[e].push((r, weight));
        }
    }
    let mut y = Vec::new();
    for (e, rows) in chosen.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
        let x: Vec<f32> = rows
            .iter()
            .flat_map(|&(r, _)| xn[r * h..(r + 1) * h].iter().copied())
            .collect();
        y.clear();
        y.resize(rows.len() * h, 0.0);
        let [g, u, d] = &routed.experts[e];
        swiglu_mlp(kernels, precision, [g, u, d], None, &x, &mut y);
        for (&(r, weight), yr) in rows.iter().zip(y.chunks(h)) {
            for (o, v) in out[r * h..(r + 1) * h].iter_mut().zip(yr) {
                *o += weight * v;
            }
        }
    }
}

/// `down(silu(gate(x)) · up(x))` into `out`, with `acts` the prepared `x` when given.
fn swiglu_mlp(
    kernels: Isa,
    precision: Precision,
    [gate, up, down]: [&crate::weights::Linear; 3],
    acts: Option<&Acts>,
    x: &[f32],
    out: &mut [f32],
) {
    let (h, ff) = (up.in_features(), up.out_features());
    let rows = x.len() / h;
    let own;
    let acts = match acts {
        Some(a) => a,
        None => {
            own = prepare(precision, x, h);
            &own
        }
    };
    let mut gate_up = vec![0f32; rows * 2 * ff];
    apply_linears(&[(gate, 0), (up, ff)], acts, x, &mut gate_up, 2 * ff);
    let mut act = vec![0f32; rows * ff];
    swiglu(kernels, &gate_up, &mut act, ff);
    let acts = prepare(precision, &act, ff);
    apply_linears(&[(down, 0)], &acts, &act, out, h);
}

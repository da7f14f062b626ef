//! How a family tells positions apart: rotary embeddings inside attention (every family
//! but one), or fixed sinusoids added to the token embeddings before the first block
//! (XGLM / InCoder). One table for every forward, so the runtimes and the trainer add the
//! same rounded values.

use super::Config;

/// The position scheme of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Positions {
    /// Rotary embeddings on the first `Config::rotary_dim` dimensions of each head
    /// (see [`super::rope`]).
    Rotary,
    /// fairseq's sinusoids (`[sin | cos]` halves, frequencies `10000^(−j/(d/2 − 1))`) of
    /// position `p + offset`, added to the embeddings (XGLM's offset is 2, from fairseq's
    /// padding rows).
    Sinusoidal { offset: usize },
}

/// The sinusoid row of table index `index` (a position plus the offset) for `dim` features,
/// as transformers' `XGLMSinusoidalPositionalEmbedding.get_embedding` computes it in f32:
/// `[sin(i·f_0) … sin(i·f_{h−1}) | cos(i·f_0) … cos(i·f_{h−1})]`, `f_j = exp(−j·ln(10000)/(h−1))`,
/// `h = dim/2`, a zero column when `dim` is odd.
pub fn sinusoid(dim: usize, index: usize) -> Vec<f32> {
    let half = dim / 2;
    let step = (10_000f64.ln() / (half.max(2) - 1) as f64) as f32;
    let p = index as f32;
    let mut row = vec![0f32; dim];
    for j in 0..half {
        let angle = p * (j as f32 * -step).exp();
        row[j] = angle.sin();
        row[half + j] = angle.cos();
    }
    row
}

/// The row added to the embedding of position `pos`, or `None` where the family rotates
/// inside attention instead.
pub fn added(cfg: &Config, pos: usize) -> Option<Vec<f32>> {
    match cfg.block.positions {
        Positions::Rotary => None,
        Positions::Sinusoidal { offset } => Some(sinusoid(cfg.hidden_size, pos + offset)),
    }
}

/// [`added`] for positions `0..t`, row after row (`t × hidden`), the trainer's form.
pub fn added_table(cfg: &Config, t: usize) -> Option<Vec<f32>> {
    match cfg.block.positions {
        Positions::Rotary => None,
        Positions::Sinusoidal { .. } => Some(
            (0..t)
                .flat_map(|p| added(cfg, p).unwrap_or_default())
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sinusoid_matches_fairseq_on_known_values() {
        // Row 2 (position 0 with XGLM's offset) of an 8-wide table: frequencies
        // exp(−j·ln(10000)/3) = 1, 0.046416, 0.0021544, 0.0001.
        let row = sinusoid(8, 2);
        let want = [
            2f32.sin(),
            (2.0 * 0.046_415_89f32).sin(),
            (2.0 * 0.002_154_435f32).sin(),
            (2.0 * 0.000_1f32).sin(),
            2f32.cos(),
            (2.0 * 0.046_415_89f32).cos(),
            (2.0 * 0.002_154_435f32).cos(),
            (2.0 * 0.000_1f32).cos(),
        ];
        for (got, want) in row.iter().zip(want) {
            assert!((got - want).abs() < 1e-6, "{row:?}");
        }
        assert_eq!(sinusoid(5, 3)[4], 0.0);
    }
}

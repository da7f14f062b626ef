//! Choosing the next token: greedy, or temperature + top-k + top-p (nucleus) sampling with a
//! seeded ChaCha stream per sample, so a (seed, sample index) pair always gives the same text
//! whatever the batch it was decoded in.

use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{ModelError, Result};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SamplingParams {
    /// 0 = greedy.
    pub temperature: f32,
    /// Keep the smallest set of tokens whose probability reaches `top_p` (1 = off).
    pub top_p: f32,
    /// Keep the `top_k` most likely tokens (0 = off).
    pub top_k: usize,
    pub seed: u64,
}

impl Default for SamplingParams {
    /// The paper's decoding settings.
    fn default() -> Self {
        SamplingParams {
            temperature: 0.4,
            top_p: 0.95,
            top_k: 0,
            seed: 42,
        }
    }
}

impl SamplingParams {
    pub fn greedy() -> Self {
        SamplingParams {
            temperature: 0.0,
            top_p: 1.0,
            top_k: 0,
            seed: 0,
        }
    }

    pub fn validate(&self) -> Result<()> {
        if !(self.temperature >= 0.0 && self.temperature.is_finite()) {
            return Err(ModelError::invalid(
                "temperature",
                format!("{} (must be ≥ 0)", self.temperature),
            ));
        }
        if !(self.top_p > 0.0 && self.top_p <= 1.0) {
            return Err(ModelError::invalid(
                "top-p",
                format!("{} (must be in (0, 1])", self.top_p),
            ));
        }
        Ok(())
    }
}

pub struct Sampler {
    params: SamplingParams,
    rng: ChaCha8Rng,
}

impl Sampler {
    /// The sampler of sample `index` under `params.seed`.
    pub fn new(params: SamplingParams, index: u64) -> Sampler {
        let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
        rng.set_stream(index);
        Sampler { params, rng }
    }

    pub fn sample(&mut self, logits: &[f32]) -> u32 {
        if self.params.temperature == 0.0 {
            return argmax(logits);
        }
        let inv_t = 1.0 / self.params.temperature;
        let max = logits.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
        // Tokens more than e^30 less likely than the best carry < 1e-13 of its mass each
        // (< 5e-9 over the whole vocabulary): leave them out instead of exponentiating and
        // sorting the vocabulary at every step.
        let floor = max - 30.0 * self.params.temperature;
        let mut probs: Vec<(u32, f32)> = logits
            .iter()
            .enumerate()
            .filter(|(_, &l)| l >= floor)
            .map(|(i, &l)| (i as u32, ((l - max) * inv_t).exp()))
            .collect();
        let total: f32 = probs.iter().map(|p| p.1).sum();
        if self.params.top_k > 0 || self.params.top_p < 1.0 {
            keep_sorted_head(&mut probs, self.params.top_k, self.params.top_p * total);
        }
        if self.params.top_p < 1.0 {
            let mut cum = 0.0;
            let mut keep = probs.len();
            for (i, p) in probs.iter().enumerate() {
                cum += p.1 / total;
                if cum >= self.params.top_p {
                    keep = i + 1;
                    break;
                }
            }
            probs.truncate(keep);
        }
        let total: f32 = probs.iter().map(|p| p.1).sum();
        let u = (self.rng.next_u32() >> 8) as f32 / (1u32 << 24) as f32 * total;
        let mut cum = 0.0;
        for &(id, p) in &probs {
            cum += p;
            if u < cum {
                return id;
            }
        }
        probs.last().map_or_else(|| argmax(logits), |p| p.0)
    }
}

/// Sort only the head of `probs` that top-k / top-p can keep, growing it until it holds
/// `mass` (a handful of tokens at the paper's temperature instead of the whole vocabulary),
/// and drop the rest. Order: probability descending, then token id.
fn keep_sorted_head(probs: &mut Vec<(u32, f32)>, top_k: usize, mass: f32) {
    let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    let limit = if top_k > 0 {
        top_k.min(probs.len())
    } else {
        probs.len()
    };
    let mut head = 64;
    loop {
        let want = head.min(limit);
        if want < probs.len() {
            probs.select_nth_unstable_by(want, order);
        }
        probs[..want].sort_unstable_by(order);
        let held: f32 = probs[..want].iter().map(|p| p.1).sum();
        if want == limit || held >= mass {
            probs.truncate(want);
            return;
        }
        head *= 4;
    }
}

/// The index of the largest logit (the first on ties).
pub fn argmax(logits: &[f32]) -> u32 {
    let mut best = 0;
    for (i, &l) in logits.iter().enumerate() {
        if l > logits[best] {
            best = i;
        }
    }
    best as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_tokens_and_top_k_one_is_greedy() {
        let logits: Vec<f32> = (0..100).map(|i| ((i * 37) % 11) as f32 * 0.3).collect();
        let p = SamplingParams {
            temperature: 1.0,
            top_p: 0.9,
            top_k: 0,
            seed: 7,
        };
        let a: Vec<u32> = {
            let mut s = Sampler::new(p, 3);
            (0..20).map(|_| s.sample(&logits)).collect()
        };
        let b: Vec<u32> = {
            let mut s = Sampler::new(p, 3);
            (0..20).map(|_| s.sample(&logits)).collect()
        };
        let c: Vec<u32> = {
            let mut s = Sampler::new(p, 4);
            (0..20).map(|_| s.sample(&logits)).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a, c);
        let k1 = SamplingParams { top_k: 1, ..p };
        let mut s = Sampler::new(k1, 0);
        assert_eq!(s.sample(&logits), argmax(&logits));
        assert!(SamplingParams {
            temperature: -1.0,
            ..p
        }
        .validate()
        .is_err());
    }
}

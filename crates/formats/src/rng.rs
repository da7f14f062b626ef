//! The one seeded generator of the project (SplitMix64) and its Fisher–Yates shuffle.
//!
//! Why one, and why this one: the trainer's validation split and batch order, LoRA's
//! initialisation and dropout, the main job's draw of reference rows and the evaluation's
//! bootstrap must all be reproducible from a seed, and some of them are reproduced outside
//! Rust (`scripts/peft/train.py` replays the split, the order and the initialisation value for
//! value). SplitMix64 is eight lines in any language, so every consumer draws from this
//! stream instead of carrying its own generator. Quality beyond uniform 64-bit draws is not
//! needed by any of them.

/// SplitMix64's increment (the golden-ratio constant).
pub const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function of a state. Value `i` of the stream from `seed` is
/// `mix(seed + (i + 1) * GAMMA)`, which lets parallel code draw any value directly.
#[inline]
pub fn mix(state: u64) -> u64 {
    let mut z = state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A SplitMix64 stream; the field is its state (the seed before the first draw).
#[derive(Debug, Clone)]
pub struct SplitMix(pub u64);

impl SplitMix {
    /// The next 64-bit value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GAMMA);
        mix(self.0)
    }

    /// Uniform in [0, 1) with 24 bits (an f32's mantissa).
    pub fn uniform(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Uniform in [0, 1) with 53 bits (an f64's mantissa).
    pub fn unit_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (by remainder: the bias is below 2⁻⁴⁰ for the sizes used here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Fisher–Yates from the last item down, drawing `j` in `0..=i` from the stream of `seed`.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut rng = SplitMix(seed);
    for i in (1..items.len()).rev() {
        let j = rng.below(i + 1);
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_splitmix64() {
        // The reference values of SplitMix64 from seed 1234567 (Vigna's splitmix64.c).
        let mut r = SplitMix(1_234_567);
        assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
        assert_eq!(r.next_u64(), 9_817_491_932_198_370_423);
    }

    #[test]
    fn value_i_can_be_drawn_directly() {
        let mut r = SplitMix(42);
        for i in 0..5u64 {
            assert_eq!(
                r.next_u64(),
                mix(42u64.wrapping_add((i + 1).wrapping_mul(GAMMA)))
            );
        }
    }

    #[test]
    fn shuffle_is_a_seeded_permutation() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        shuffle(&mut a, 7);
        shuffle(&mut b, 7);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
        a.sort();
        assert_eq!(a, (0..50).collect::<Vec<_>>());
    }
}

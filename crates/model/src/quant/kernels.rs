//! Integer dot products between one quantized weight row and up to four Q8 activation rows.
//!
//! Why our own: candle's CPU kernels for Q4_1 (the embedded model's format) are scalar, and its
//! SIMD kernels for other formats are chosen at compile time, so a default release build runs
//! them scalar too. These kernels are picked at run time (`is_x86_feature_detected!`): AVX-512
//! VNNI, AVX2+FMA, or portable scalar code, so the binary users download is fast everywhere.
//! Processing four activation rows per weight row (prefill, batched decoding) unpacks each
//! weight block once and reuses it from registers.
//!
//! Block layouts follow ggml: 32 values per block; Q4_1 stores `d`, `m` and 16 bytes whose low
//! nibbles are values 0..16 and high nibbles values 16..32 (value = d·q + m); Q8_0 stores `d`
//! and 32 signed bytes. Activations are quantized per block to i8 with scale `d` and `s = d·Σq`
//! (what the `m` term of Q4_1 needs).

use std::sync::OnceLock;

use half::f16;

/// Values per quantization block.
pub const QK: usize = 32;

/// The instruction set the kernels use, detected once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isa {
    Scalar,
    Avx2,
    Avx512Vnni,
}

impl Isa {
    pub fn name(self) -> &'static str {
        match self {
            Isa::Scalar => "scalar",
            Isa::Avx2 => "avx2",
            Isa::Avx512Vnni => "avx512-vnni",
        }
    }
}

/// The best instruction set of this CPU; `HEXACODER_ISA=scalar|avx2` forces a lower one
/// (for benchmarks and for testing the portable path).
pub fn isa() -> Isa {
    static ISA: OnceLock<Isa> = OnceLock::new();
    *ISA.get_or_init(|| {
        let detected = detect();
        match std::env::var("HEXACODER_ISA").as_deref() {
            Ok("scalar") => Isa::Scalar,
            Ok("avx2") if detected != Isa::Scalar => Isa::Avx2,
            _ => detected,
        }
    })
}

#[cfg(target_arch = "x86_64")]
fn detect() -> Isa {
    if is_x86_feature_detected!("avx512f")
        && is_x86_feature_detected!("avx512vl")
        && is_x86_feature_detected!("avx512bw")
        && is_x86_feature_detected!("avx512vnni")
        && is_x86_feature_detected!("fma")
    {
        Isa::Avx512Vnni
    } else if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
        Isa::Avx2
    } else {
        Isa::Scalar
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn detect() -> Isa {
    Isa::Scalar
}

/// One Q4_1 weight row: `nb` blocks.
#[derive(Clone, Copy)]
pub struct Q41Row<'a> {
    pub d: &'a [f32],
    pub m: &'a [f32],
    pub qs: &'a [u8],
}

/// One Q8_0 weight row.
#[derive(Clone, Copy)]
pub struct Q80Row<'a> {
    pub d: &'a [f32],
    pub qs: &'a [i8],
}

/// One quantized activation row.
#[derive(Clone, Copy)]
pub struct ActRow<'a> {
    pub d: &'a [f32],
    pub s: &'a [f32],
    /// Σq per block, exact (the tiled Q8_0 kernel needs it).
    pub isum: &'a [i32],
    pub qs: &'a [i8],
}

/// `out[j] = w · x[j]` for `N` activation rows.
pub fn dot_q4_1<const N: usize>(isa: Isa, w: Q41Row, x: [ActRow; N]) -> [f32; N] {
    let nb = w.d.len();
    debug_assert!(w.m.len() == nb && w.qs.len() == nb * 16);
    debug_assert!(x.iter().all(|r| r.d.len() == nb && r.qs.len() == nb * QK));
    match isa {
        // SAFETY: the ISA was detected at run time; slices were checked to hold `nb` blocks.
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512Vnni => unsafe { x86::q4_1_vnni(w, x) },
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 => unsafe { x86::q4_1_avx2(w, x) },
        _ => q4_1_scalar(w, x),
    }
}

/// `out[j] = w · x[j]` for `N` activation rows.
pub fn dot_q8_0<const N: usize>(isa: Isa, w: Q80Row, x: [ActRow; N]) -> [f32; N] {
    let nb = w.d.len();
    debug_assert!(w.qs.len() == nb * QK);
    debug_assert!(x.iter().all(|r| r.d.len() == nb && r.qs.len() == nb * QK));
    match isa {
        // SAFETY: as above.
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512Vnni => unsafe { x86::q8_0_vnni(w, x) },
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 => unsafe { x86::q8_0_avx2(w, x) },
        _ => q8_0_scalar(w, x),
    }
}

/// A float dot product with eight independent accumulators (so it vectorizes), compiled
/// with AVX2+FMA when the CPU has them.
pub fn dot_f32(isa: Isa, a: &[f32], b: &[f32]) -> f32 {
    match isa {
        // SAFETY: the ISA was detected at run time.
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 | Isa::Avx512Vnni => unsafe { x86::dot_f32_avx2(a, b) },
        _ => dot_f32_portable(a, b),
    }
}

#[inline(always)]
pub fn dot_f32_portable(a: &[f32], b: &[f32]) -> f32 {
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

fn q4_1_scalar<const N: usize>(w: Q41Row, x: [ActRow; N]) -> [f32; N] {
    let mut out = [0f32; N];
    for b in 0..w.d.len() {
        let q = &w.qs[b * 16..b * 16 + 16];
        for (j, xr) in x.iter().enumerate() {
            let xq = &xr.qs[b * QK..b * QK + QK];
            let mut sum = 0i32;
            for i in 0..16 {
                sum += i32::from(q[i] & 0x0F) * i32::from(xq[i]);
                sum += i32::from(q[i] >> 4) * i32::from(xq[i + 16]);
            }
            out[j] += w.d[b] * xr.d[b] * sum as f32 + w.m[b] * xr.s[b];
        }
    }
    out
}

fn q8_0_scalar<const N: usize>(w: Q80Row, x: [ActRow; N]) -> [f32; N] {
    let mut out = [0f32; N];
    for b in 0..w.d.len() {
        let q = &w.qs[b * QK..b * QK + QK];
        for (j, xr) in x.iter().enumerate() {
            let xq = &xr.qs[b * QK..b * QK + QK];
            let sum: i32 = q
                .iter()
                .zip(xq)
                .map(|(&a, &c)| i32::from(a) * i32::from(c))
                .sum();
            out[j] += w.d[b] * xr.d[b] * sum as f32;
        }
    }
    out
}

/// Quantize one row of activations (length a multiple of [`QK`]) into `d`, `s`, `qs`.
pub fn quantize_row(x: &[f32], d: &mut [f32], s: &mut [f32], isum: &mut [i32], qs: &mut [i8]) {
    match isa() {
        // SAFETY: the ISA was detected at run time.
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 | Isa::Avx512Vnni => unsafe { x86::quantize_row_avx2(x, d, s, isum, qs) },
        _ => quantize_row_portable(x, d, s, isum, qs),
    }
}

/// The body of [`quantize_row`]; inlined into ISA-specific wrappers so the rounding compiles
/// to a vector instruction instead of a libm call per value.
#[inline(always)]
fn quantize_row_portable(x: &[f32], d: &mut [f32], s: &mut [f32], isum: &mut [i32], qs: &mut [i8]) {
    for (b, block) in x.chunks_exact(QK).enumerate() {
        // A select, not `f32::max`, so the reduction vectorizes.
        let amax = block
            .iter()
            .fold(0f32, |a, v| if v.abs() > a { v.abs() } else { a });
        let scale = amax / 127.0;
        let inv = if amax > 0.0 { 127.0 / amax } else { 0.0 };
        let mut sum = 0i32;
        for (q, &v) in qs[b * QK..b * QK + QK].iter_mut().zip(block) {
            let r = (v * inv).round_ties_even() as i32;
            *q = r as i8;
            sum += r;
        }
        // Scales rounded through f16 as ggml's Q8_1 blocks store them, so our products equal
        // llama.cpp's bit for bit up to summation order (the reference tests rely on it).
        isum[b] = sum;
        d[b] = f16::from_f32(scale).to_f32();
        s[b] = f16::from_f32(scale * sum as f32).to_f32();
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{ActRow, Q41Row, Q80Row, QK};
    use std::arch::x86_64::*;

    #[inline(always)]
    unsafe fn hsum(v: __m256) -> f32 {
        let lo = _mm256_castps256_ps128(v);
        let hi = _mm256_extractf128_ps(v, 1);
        let s = _mm_add_ps(lo, hi);
        let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        let s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
        _mm_cvtss_f32(s)
    }

    /// The 32 unsigned nibbles of a Q4_1 block, in value order.
    #[inline(always)]
    unsafe fn nibbles(p: *const u8) -> __m256i {
        let raw = _mm_loadu_si128(p as *const __m128i);
        let both = _mm256_set_m128i(_mm_srli_epi16(raw, 4), raw);
        _mm256_and_si256(both, _mm256_set1_epi8(0x0F))
    }

    macro_rules! q4_1_body {
        ($w:ident, $x:ident, $dot:expr) => {{
            let nb = $w.d.len();
            let mut acc = [_mm256_setzero_ps(); N];
            let mut mins = [0f32; N];
            for b in 0..nb {
                let wq = nibbles($w.qs.as_ptr().add(b * 16));
                let dw = *$w.d.get_unchecked(b);
                let mw = *$w.m.get_unchecked(b);
                for j in 0..N {
                    let xr = &$x[j];
                    let xq = _mm256_loadu_si256(xr.qs.as_ptr().add(b * QK) as *const __m256i);
                    let p: __m256i = $dot(wq, xq);
                    let scale = _mm256_set1_ps(dw * *xr.d.get_unchecked(b));
                    acc[j] = _mm256_fmadd_ps(scale, _mm256_cvtepi32_ps(p), acc[j]);
                    mins[j] += mw * *xr.s.get_unchecked(b);
                }
            }
            let mut out = [0f32; N];
            for j in 0..N {
                out[j] = hsum(acc[j]) + mins[j];
            }
            out
        }};
    }

    macro_rules! q8_0_body {
        ($w:ident, $x:ident, $dot:expr) => {{
            let nb = $w.d.len();
            let mut acc = [_mm256_setzero_ps(); N];
            for b in 0..nb {
                let wq = _mm256_loadu_si256($w.qs.as_ptr().add(b * QK) as *const __m256i);
                // u8 × i8 products need an unsigned left side: |w| and sign(w)·x.
                let wabs = _mm256_sign_epi8(wq, wq);
                let dw = *$w.d.get_unchecked(b);
                for j in 0..N {
                    let xr = &$x[j];
                    let xq = _mm256_loadu_si256(xr.qs.as_ptr().add(b * QK) as *const __m256i);
                    let p: __m256i = $dot(wabs, _mm256_sign_epi8(xq, wq));
                    let scale = _mm256_set1_ps(dw * *xr.d.get_unchecked(b));
                    acc[j] = _mm256_fmadd_ps(scale, _mm256_cvtepi32_ps(p), acc[j]);
                }
            }
            let mut out = [0f32; N];
            for j in 0..N {
                out[j] = hsum(acc[j]);
            }
            out
        }};
    }

    #[inline(always)]
    unsafe fn dot_avx2(u: __m256i, s: __m256i) -> __m256i {
        _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1))
    }

    #[target_feature(enable = "avx512f,avx512vl,avx512bw,avx512vnni,avx2,fma")]
    #[inline]
    unsafe fn dot_vnni(u: __m256i, s: __m256i) -> __m256i {
        _mm256_dpbusd_epi32(_mm256_setzero_si256(), u, s)
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn quantize_row_avx2(
        x: &[f32],
        d: &mut [f32],
        s: &mut [f32],
        isum: &mut [i32],
        qs: &mut [i8],
    ) {
        super::quantize_row_portable(x, d, s, isum, qs)
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn dot_f32_avx2(a: &[f32], b: &[f32]) -> f32 {
        super::dot_f32_portable(a, b)
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn q4_1_avx2<const N: usize>(w: Q41Row, x: [ActRow; N]) -> [f32; N] {
        q4_1_body!(w, x, |a, b| dot_avx2(a, b))
    }

    #[target_feature(enable = "avx512f,avx512vl,avx512bw,avx512vnni,avx2,fma")]
    pub unsafe fn q4_1_vnni<const N: usize>(w: Q41Row, x: [ActRow; N]) -> [f32; N] {
        q4_1_body!(w, x, |a, b| dot_vnni(a, b))
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn q8_0_avx2<const N: usize>(w: Q80Row, x: [ActRow; N]) -> [f32; N] {
        q8_0_body!(w, x, |a, b| dot_avx2(a, b))
    }

    #[target_feature(enable = "avx512f,avx512vl,avx512bw,avx512vnni,avx2,fma")]
    pub unsafe fn q8_0_vnni<const N: usize>(w: Q80Row, x: [ActRow; N]) -> [f32; N] {
        q8_0_body!(w, x, |a, b| dot_vnni(a, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acts(x: &[f32]) -> (Vec<f32>, Vec<f32>, Vec<i32>, Vec<i8>) {
        let nb = x.len() / QK;
        let (mut d, mut s, mut i, mut q) =
            (vec![0.0; nb], vec![0.0; nb], vec![0; nb], vec![0; x.len()]);
        quantize_row(x, &mut d, &mut s, &mut i, &mut q);
        (d, s, i, q)
    }

    /// Every ISA this CPU has must give the scalar kernel's result (up to float summation
    /// order), for 1 and 4 activation rows.
    #[test]
    fn simd_kernels_equal_scalar() {
        let nb = 7;
        let mut seed = 12345u32;
        let mut next = || {
            seed = seed.wrapping_mul(1664525).wrapping_add(1013904223);
            seed
        };
        let wd: Vec<f32> = (0..nb).map(|_| (next() % 100) as f32 / 1000.0).collect();
        let wm: Vec<f32> = (0..nb).map(|_| -((next() % 100) as f32) / 500.0).collect();
        let wq: Vec<u8> = (0..nb * 16).map(|_| next() as u8).collect();
        let w8: Vec<i8> = (0..nb * QK).map(|_| next() as i8).collect();
        let xs: Vec<Vec<f32>> = (0..4)
            .map(|_| {
                (0..nb * QK)
                    .map(|_| (next() % 2001) as f32 / 1000.0 - 1.0)
                    .collect()
            })
            .collect();
        let qa: Vec<_> = xs.iter().map(|x| acts(x)).collect();
        let rows: [ActRow; 4] = std::array::from_fn(|j| ActRow {
            d: &qa[j].0,
            s: &qa[j].1,
            isum: &qa[j].2,
            qs: &qa[j].3,
        });
        let w41 = Q41Row {
            d: &wd,
            m: &wm,
            qs: &wq,
        };
        let w80 = Q80Row { d: &wd, qs: &w8 };
        let want41 = q4_1_scalar(w41, rows);
        let want80 = q8_0_scalar(w80, rows);
        for isa in [Isa::Scalar, Isa::Avx2, Isa::Avx512Vnni] {
            if isa as u8 > detect() as u8 {
                continue;
            }
            let got41 = dot_q4_1(isa, w41, rows);
            let got80 = dot_q8_0(isa, w80, rows);
            let one = dot_q4_1(isa, w41, [rows[2]]);
            for j in 0..4 {
                assert!((got41[j] - want41[j]).abs() < 1e-4, "{isa:?} q4_1 {j}");
                assert!((got80[j] - want80[j]).abs() < 1e-4, "{isa:?} q8_0 {j}");
            }
            assert!((one[0] - want41[2]).abs() < 1e-4);
        }
        // The quantized dot product approximates the float one.
        let exact: f32 = (0..nb * QK)
            .map(|i| {
                let b = i / QK;
                let k = i % QK;
                let q = if k < 16 {
                    wq[b * 16 + k] & 15
                } else {
                    wq[b * 16 + k - 16] >> 4
                };
                (wd[b] * f32::from(q) + wm[b]) * xs[0][i]
            })
            .sum();
        assert!((exact - want41[0]).abs() < 0.02 * exact.abs().max(1.0));
    }
}

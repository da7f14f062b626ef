//! Weights repacked for AVX-512 VNNI: 16 rows side by side, so that one `vpdpbusd` multiplies
//! 4 values of one activation row with the same 4 columns of 16 weight rows, and the block
//! scales of those 16 rows are applied with one vector multiply. Compared with a dot product
//! per row (`kernels::dot_q4_1`), that is about a quarter of the instructions per
//! multiply-add: it is what makes batched sampling and prefill scale.
//!
//! Layout, per (tile of 16 rows, block of 32 columns): `d[16]`, `m[16]` (Q4_1 only) and the
//! quants. Q4_1: 256 bytes, byte `i·64 + r·4 + j` holds column `8i + j` of row `r` in its low
//! nibble and column `8i + 4 + j` in its high nibble. Q8_0: 512 bytes, byte `g·64 + r·4 + j`
//! holds column `4g + j` of row `r` plus 128 (unsigned, as `vpdpbusd` wants; the kernel
//! subtracts 128·Σx).

use super::kernels::{ActRow, QK};

pub const TILE: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Q4_1,
    Q8_0,
}

#[derive(Debug, Clone)]
pub struct Tiled {
    pub kind: Kind,
    /// Blocks per row.
    pub nb: usize,
    pub d: Vec<f32>,
    pub m: Vec<f32>,
    pub qs: Vec<u8>,
}

impl Tiled {
    fn bytes_per_block(kind: Kind) -> usize {
        match kind {
            Kind::Q4_1 => 256,
            Kind::Q8_0 => 512,
        }
    }

    /// Repack row-major Q4_1 (`d`, `m` per block, 16 nibble bytes per block).
    pub fn from_q4_1(d: &[f32], m: &[f32], qs: &[u8], rows: usize, cols: usize) -> Tiled {
        let nb = cols / QK;
        let tiles = rows / TILE;
        let mut out = Tiled {
            kind: Kind::Q4_1,
            nb,
            d: vec![0.0; rows * nb],
            m: vec![0.0; rows * nb],
            qs: vec![0; tiles * nb * 256],
        };
        for r in 0..rows {
            let (t, rr) = (r / TILE, r % TILE);
            for b in 0..nb {
                let src = r * nb + b;
                let unit = t * nb + b;
                out.d[unit * TILE + rr] = d[src];
                out.m[unit * TILE + rr] = m[src];
                let q = |k: usize| {
                    if k < 16 {
                        qs[src * 16 + k] & 15
                    } else {
                        qs[src * 16 + k - 16] >> 4
                    }
                };
                for i in 0..4 {
                    for j in 0..4 {
                        let lo = q(8 * i + j);
                        let hi = q(8 * i + 4 + j);
                        out.qs[unit * 256 + i * 64 + rr * 4 + j] = lo | (hi << 4);
                    }
                }
            }
        }
        out
    }

    /// Repack row-major Q8_0 (`d` per block, 32 signed bytes per block).
    pub fn from_q8_0(d: &[f32], qs: &[i8], rows: usize, cols: usize) -> Tiled {
        let nb = cols / QK;
        let tiles = rows / TILE;
        let mut out = Tiled {
            kind: Kind::Q8_0,
            nb,
            d: vec![0.0; rows * nb],
            m: Vec::new(),
            qs: vec![0; tiles * nb * 512],
        };
        for r in 0..rows {
            let (t, rr) = (r / TILE, r % TILE);
            for b in 0..nb {
                let src = r * nb + b;
                let unit = t * nb + b;
                out.d[unit * TILE + rr] = d[src];
                for k in 0..QK {
                    let (g, j) = (k / 4, k % 4);
                    out.qs[unit * 512 + g * 64 + rr * 4 + j] =
                        (i16::from(qs[src * QK + k]) + 128) as u8;
                }
            }
        }
        out
    }

    pub fn size_in_bytes(&self) -> usize {
        4 * (self.d.len() + self.m.len()) + self.qs.len()
    }

    /// Row `r` as f32 values.
    pub fn dequantize_row(&self, r: usize, out: &mut [f32]) {
        let (t, rr) = (r / TILE, r % TILE);
        let bpb = Self::bytes_per_block(self.kind);
        for b in 0..self.nb {
            let unit = t * self.nb + b;
            let d = self.d[unit * TILE + rr];
            let q = &self.qs[unit * bpb..(unit + 1) * bpb];
            for k in 0..QK {
                out[b * QK + k] = match self.kind {
                    Kind::Q4_1 => {
                        let (i, within) = (k / 8, k % 8);
                        let byte = q[i * 64 + rr * 4 + within % 4];
                        let v = if within < 4 { byte & 15 } else { byte >> 4 };
                        d * f32::from(v) + self.m[unit * TILE + rr]
                    }
                    Kind::Q8_0 => {
                        let (g, j) = (k / 4, k % 4);
                        d * (i16::from(q[g * 64 + rr * 4 + j]) - 128) as f32
                    }
                };
            }
        }
    }

    /// The 16 rows of tile `t` as f32 values, row-major (`out.len() == 16 · cols`).
    pub fn dequantize_tile(&self, t: usize, out: &mut [f32]) {
        let cols = self.nb * QK;
        for b in 0..self.nb {
            let unit = t * self.nb + b;
            let d = &self.d[unit * TILE..(unit + 1) * TILE];
            match self.kind {
                Kind::Q4_1 => {
                    let m = &self.m[unit * TILE..(unit + 1) * TILE];
                    let q = &self.qs[unit * 256..(unit + 1) * 256];
                    for i in 0..4 {
                        for r in 0..TILE {
                            let row = &mut out[r * cols + b * QK..r * cols + b * QK + QK];
                            for j in 0..4 {
                                let byte = q[i * 64 + r * 4 + j];
                                row[8 * i + j] = d[r] * f32::from(byte & 15) + m[r];
                                row[8 * i + 4 + j] = d[r] * f32::from(byte >> 4) + m[r];
                            }
                        }
                    }
                }
                Kind::Q8_0 => {
                    let q = &self.qs[unit * 512..(unit + 1) * 512];
                    for g in 0..8 {
                        for r in 0..TILE {
                            for j in 0..4 {
                                let v = i16::from(q[g * 64 + r * 4 + j]) - 128;
                                out[r * cols + b * QK + 4 * g + j] = d[r] * f32::from(v);
                            }
                        }
                    }
                }
            }
        }
    }

    /// `out[j][0..16] = rows of tile `t` · x[j]`, `N` activation rows at a time.
    ///
    /// # Safety
    /// The CPU must have AVX-512 F/BW/VNNI; each `out[j]` must point at 16 writable floats;
    /// activation rows must hold `nb` blocks.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn tile_dot<const N: usize>(&self, t: usize, x: [ActRow; N], out: [*mut f32; N]) {
        use std::arch::x86_64::*;
        let nb = self.nb;
        let mut facc = [_mm512_setzero_ps(); N];
        match self.kind {
            Kind::Q4_1 => {
                let mask = _mm512_set1_epi8(0x0F);
                for b in 0..nb {
                    let unit = t * nb + b;
                    let p = self.qs.as_ptr().add(unit * 256);
                    let mut w = [_mm512_setzero_si512(); 8];
                    for i in 0..4 {
                        let v = _mm512_loadu_si512(p.add(i * 64) as *const _);
                        w[2 * i] = _mm512_and_si512(v, mask);
                        w[2 * i + 1] = _mm512_and_si512(_mm512_srli_epi16(v, 4), mask);
                    }
                    let dv = _mm512_loadu_ps(self.d.as_ptr().add(unit * TILE));
                    let mv = _mm512_loadu_ps(self.m.as_ptr().add(unit * TILE));
                    for j in 0..N {
                        let xq = x[j].qs.as_ptr().add(b * QK) as *const i32;
                        let mut acc = _mm512_setzero_si512();
                        for (g, wg) in w.iter().enumerate() {
                            acc = _mm512_dpbusd_epi32(
                                acc,
                                *wg,
                                _mm512_set1_epi32(xq.add(g).read_unaligned()),
                            );
                        }
                        let scale = _mm512_mul_ps(dv, _mm512_set1_ps(*x[j].d.get_unchecked(b)));
                        facc[j] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(acc), scale, facc[j]);
                        facc[j] =
                            _mm512_fmadd_ps(mv, _mm512_set1_ps(*x[j].s.get_unchecked(b)), facc[j]);
                    }
                }
            }
            Kind::Q8_0 => {
                for b in 0..nb {
                    let unit = t * nb + b;
                    let p = self.qs.as_ptr().add(unit * 512);
                    let dv = _mm512_loadu_ps(self.d.as_ptr().add(unit * TILE));
                    for j in 0..N {
                        let xq = x[j].qs.as_ptr().add(b * QK) as *const i32;
                        let mut acc = _mm512_setzero_si512();
                        for g in 0..8 {
                            let wg = _mm512_loadu_si512(p.add(g * 64) as *const _);
                            acc = _mm512_dpbusd_epi32(
                                acc,
                                wg,
                                _mm512_set1_epi32(xq.add(g).read_unaligned()),
                            );
                        }
                        // Undo the +128 offset of the weights: Σ(w+128)·x − 128·Σx.
                        let corr = _mm512_set1_epi32(128 * *x[j].isum.get_unchecked(b));
                        let acc = _mm512_sub_epi32(acc, corr);
                        let scale = _mm512_mul_ps(dv, _mm512_set1_ps(*x[j].d.get_unchecked(b)));
                        facc[j] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(acc), scale, facc[j]);
                    }
                }
            }
        }
        for j in 0..N {
            _mm512_storeu_ps(out[j], facc[j]);
        }
    }
}

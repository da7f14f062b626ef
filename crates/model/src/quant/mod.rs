//! Quantized weight matrices and their matrix products on the CPU.
//!
//! A [`QWeight`] keeps a `rows × cols` matrix in one of two block formats (Q4_1 or Q8_0),
//! with the block scales widened to f32 at load so the kernels never convert halves.
//! GGUF Q4_0 maps exactly onto Q4_1 (`m = -8d`); every other GGUF type, and dense weights,
//! are quantized to Q8_0 (≈ 0.4 % relative error per block, far below what the 4-bit
//! formats already accept).
//!
//! [`QWeight::matmul`] computes `y = x · Wᵀ` for `m` activation rows: activations are
//! quantized to Q8 once, then weight rows are split across the rayon pool; each task walks
//! the activation rows four at a time so each weight block is unpacked once per four rows.

pub mod kernels;
pub mod tiled;

use half::f16;
use kernels::{ActRow, Isa, Q41Row, Q80Row, QK};
use rayon::prelude::*;

use crate::error::{ModelError, Result};

/// The storage of a quantized matrix.
#[derive(Debug, Clone)]
pub enum QData {
    Q4_1 {
        d: Vec<f32>,
        m: Vec<f32>,
        qs: Vec<u8>,
    },
    Q8_0 {
        d: Vec<f32>,
        qs: Vec<i8>,
    },
    /// Either format repacked for AVX-512 VNNI (see [`tiled`]).
    Tiled(tiled::Tiled),
}

/// A `rows × cols` weight matrix in a quantized block format (row-major, `cols % 32 == 0`).
#[derive(Debug, Clone)]
pub struct QWeight {
    rows: usize,
    cols: usize,
    data: QData,
}

/// Activations quantized per block of 32 (see [`kernels::quantize_row`]).
pub struct QActs {
    rows: usize,
    nb: usize,
    d: Vec<f32>,
    s: Vec<f32>,
    isum: Vec<i32>,
    qs: Vec<i8>,
}

impl QActs {
    pub fn quantize(x: &[f32], cols: usize) -> QActs {
        let rows = x.len() / cols;
        let nb = cols / QK;
        let mut a = QActs {
            rows,
            nb,
            d: vec![0.0; rows * nb],
            s: vec![0.0; rows * nb],
            isum: vec![0; rows * nb],
            qs: vec![0; rows * cols],
        };
        let parts =
            a.d.chunks_mut(nb)
                .zip(a.s.chunks_mut(nb))
                .zip(a.isum.chunks_mut(nb))
                .zip(a.qs.chunks_mut(cols))
                .zip(x.chunks(cols));
        if rows >= 8 {
            parts
                .collect::<Vec<_>>()
                .into_par_iter()
                .for_each(|((((d, s), i), q), x)| kernels::quantize_row(x, d, s, i, q));
        } else {
            for ((((d, s), i), q), x) in parts {
                kernels::quantize_row(x, d, s, i, q);
            }
        }
        a
    }

    fn row(&self, i: usize) -> ActRow<'_> {
        let nb = self.nb;
        ActRow {
            d: &self.d[i * nb..(i + 1) * nb],
            s: &self.s[i * nb..(i + 1) * nb],
            isum: &self.isum[i * nb..(i + 1) * nb],
            qs: &self.qs[i * nb * QK..(i + 1) * nb * QK],
        }
    }
}

/// A raw pointer that rayon tasks may share because each writes disjoint elements.
#[derive(Clone, Copy)]
struct OutPtr(*mut f32);
unsafe impl Send for OutPtr {}
unsafe impl Sync for OutPtr {}

impl OutPtr {
    /// The element at `i`; a method (not `.0`) so closures capture the whole `Send` wrapper.
    ///
    /// # Safety
    /// `i` must be inside the output buffer.
    #[inline(always)]
    unsafe fn at(self, i: usize) -> *mut f32 {
        self.0.add(i)
    }
}

impl QWeight {
    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    pub fn format(&self) -> &'static str {
        match self.data {
            QData::Q4_1 { .. }
            | QData::Tiled(tiled::Tiled {
                kind: tiled::Kind::Q4_1,
                ..
            }) => "q4_1",
            QData::Q8_0 { .. } | QData::Tiled(_) => "q8_0",
        }
    }

    /// Bytes held by this matrix.
    pub fn size_in_bytes(&self) -> usize {
        match &self.data {
            QData::Q4_1 { d, m, qs } => 4 * (d.len() + m.len()) + qs.len(),
            QData::Q8_0 { d, qs } => 4 * d.len() + qs.len(),
            QData::Tiled(t) => t.size_in_bytes(),
        }
    }

    fn check_shape(rows: usize, cols: usize) -> Result<()> {
        if cols == 0 || !cols.is_multiple_of(QK) {
            return Err(ModelError::invalid(
                "weight shape",
                format!("{rows}×{cols}: the row length must be a non-zero multiple of {QK}"),
            ));
        }
        Ok(())
    }

    /// From GGUF Q4_1 blocks (`d: f16, m: f16, qs: [u8; 16]`).
    pub fn from_q4_1_bytes(bytes: &[u8], rows: usize, cols: usize) -> Result<QWeight> {
        Self::check_shape(rows, cols)?;
        let nblocks = rows * cols / QK;
        if bytes.len() != nblocks * 20 {
            return Err(ModelError::invalid(
                "q4_1 data",
                format!("{} bytes for {rows}×{cols}", bytes.len()),
            ));
        }
        let mut d = Vec::with_capacity(nblocks);
        let mut m = Vec::with_capacity(nblocks);
        let mut qs = Vec::with_capacity(nblocks * 16);
        for block in bytes.chunks_exact(20) {
            d.push(f16::from_le_bytes([block[0], block[1]]).to_f32());
            m.push(f16::from_le_bytes([block[2], block[3]]).to_f32());
            qs.extend_from_slice(&block[4..20]);
        }
        Ok(QWeight {
            rows,
            cols,
            data: QData::Q4_1 { d, m, qs },
        })
    }

    /// From GGUF Q4_0 blocks (`d: f16, qs: [u8; 16]`, value = d·(q − 8)): exactly Q4_1 with
    /// `m = −8d`.
    pub fn from_q4_0_bytes(bytes: &[u8], rows: usize, cols: usize) -> Result<QWeight> {
        Self::check_shape(rows, cols)?;
        let nblocks = rows * cols / QK;
        if bytes.len() != nblocks * 18 {
            return Err(ModelError::invalid(
                "q4_0 data",
                format!("{} bytes for {rows}×{cols}", bytes.len()),
            ));
        }
        let mut d = Vec::with_capacity(nblocks);
        let mut m = Vec::with_capacity(nblocks);
        let mut qs = Vec::with_capacity(nblocks * 16);
        for block in bytes.chunks_exact(18) {
            let scale = f16::from_le_bytes([block[0], block[1]]).to_f32();
            d.push(scale);
            m.push(-8.0 * scale);
            qs.extend_from_slice(&block[2..18]);
        }
        Ok(QWeight {
            rows,
            cols,
            data: QData::Q4_1 { d, m, qs },
        })
    }

    /// From GGUF Q8_0 blocks (`d: f16, qs: [i8; 32]`).
    pub fn from_q8_0_bytes(bytes: &[u8], rows: usize, cols: usize) -> Result<QWeight> {
        Self::check_shape(rows, cols)?;
        let nblocks = rows * cols / QK;
        if bytes.len() != nblocks * 34 {
            return Err(ModelError::invalid(
                "q8_0 data",
                format!("{} bytes for {rows}×{cols}", bytes.len()),
            ));
        }
        let mut d = Vec::with_capacity(nblocks);
        let mut qs = Vec::with_capacity(nblocks * QK);
        for block in bytes.chunks_exact(34) {
            d.push(f16::from_le_bytes([block[0], block[1]]).to_f32());
            qs.extend(block[2..34].iter().map(|&b| b as i8));
        }
        Ok(QWeight {
            rows,
            cols,
            data: QData::Q8_0 { d, qs },
        })
    }

    /// Quantize a dense row-major matrix to Q8_0.
    pub fn quantize_q8_0(w: &[f32], rows: usize, cols: usize) -> Result<QWeight> {
        Self::check_shape(rows, cols)?;
        if w.len() != rows * cols {
            return Err(ModelError::invalid(
                "weight data",
                format!("{} values for {rows}×{cols}", w.len()),
            ));
        }
        let nb = rows * cols / QK;
        let mut d = vec![0f32; nb];
        let mut s = vec![0f32; nb];
        let mut isum = vec![0i32; nb];
        let mut qs = vec![0i8; rows * cols];
        d.par_chunks_mut(cols / QK)
            .zip(s.par_chunks_mut(cols / QK))
            .zip(isum.par_chunks_mut(cols / QK))
            .zip(qs.par_chunks_mut(cols))
            .zip(w.par_chunks(cols))
            .for_each(|((((d, s), i), q), x)| kernels::quantize_row(x, d, s, i, q));
        Ok(QWeight {
            rows,
            cols,
            data: QData::Q8_0 { d, qs },
        })
    }

    /// The layout the fastest kernel of this CPU wants: 16-row tiles for AVX-512 VNNI (when
    /// the row count allows), row-major otherwise. Call once the matrix is final.
    pub fn into_kernel_layout(self) -> QWeight {
        if kernels::isa() != Isa::Avx512Vnni || !self.rows.is_multiple_of(tiled::TILE) {
            return self;
        }
        let (rows, cols) = (self.rows, self.cols);
        let data = match self.data {
            QData::Q4_1 { d, m, qs } => {
                QData::Tiled(tiled::Tiled::from_q4_1(&d, &m, &qs, rows, cols))
            }
            QData::Q8_0 { d, qs } => QData::Tiled(tiled::Tiled::from_q8_0(&d, &qs, rows, cols)),
            tiled @ QData::Tiled(_) => tiled,
        };
        QWeight { rows, cols, data }
    }

    /// The same matrix with row `r` taken from row `order[r]`.
    pub fn permute_rows(&self, order: &[usize]) -> QWeight {
        let nb = self.cols / QK;
        let data = match &self.data {
            QData::Tiled(_) => {
                // Loaders permute before tiling; a tiled matrix goes through f32 (Q8_0).
                let mut dense = Vec::with_capacity(order.len() * self.cols);
                let mut row = vec![0f32; self.cols];
                for &r in order {
                    self.dequantize_row(r, &mut row);
                    dense.extend_from_slice(&row);
                }
                return QWeight::quantize_q8_0(&dense, order.len(), self.cols)
                    .expect("shape already checked");
            }
            QData::Q4_1 { d, m, qs } => QData::Q4_1 {
                d: order
                    .iter()
                    .flat_map(|&r| d[r * nb..(r + 1) * nb].iter().copied())
                    .collect(),
                m: order
                    .iter()
                    .flat_map(|&r| m[r * nb..(r + 1) * nb].iter().copied())
                    .collect(),
                qs: order
                    .iter()
                    .flat_map(|&r| qs[r * nb * 16..(r + 1) * nb * 16].iter().copied())
                    .collect(),
            },
            QData::Q8_0 { d, qs } => QData::Q8_0 {
                d: order
                    .iter()
                    .flat_map(|&r| d[r * nb..(r + 1) * nb].iter().copied())
                    .collect(),
                qs: order
                    .iter()
                    .flat_map(|&r| qs[r * nb * QK..(r + 1) * nb * QK].iter().copied())
                    .collect(),
            },
        };
        QWeight {
            rows: order.len(),
            cols: self.cols,
            data,
        }
    }

    /// Row `r` as f32 values (embedding lookups, merging adapters, training).
    pub fn dequantize_row(&self, r: usize, out: &mut [f32]) {
        let nb = self.cols / QK;
        match &self.data {
            QData::Tiled(t) => t.dequantize_row(r, out),
            QData::Q4_1 { d, m, qs } => {
                for b in 0..nb {
                    let i = r * nb + b;
                    let q = &qs[i * 16..i * 16 + 16];
                    let o = &mut out[b * QK..b * QK + QK];
                    for k in 0..16 {
                        o[k] = d[i] * f32::from(q[k] & 15) + m[i];
                        o[k + 16] = d[i] * f32::from(q[k] >> 4) + m[i];
                    }
                }
            }
            QData::Q8_0 { d, qs } => {
                for b in 0..nb {
                    let i = r * nb + b;
                    for k in 0..QK {
                        out[b * QK + k] = d[i] * f32::from(qs[i * QK + k]);
                    }
                }
            }
        }
    }

    /// The whole matrix as f32, row-major.
    pub fn dequantize(&self) -> Vec<f32> {
        let mut out = vec![0f32; self.rows * self.cols];
        out.par_chunks_mut(self.cols)
            .enumerate()
            .for_each(|(r, o)| self.dequantize_row(r, o));
        out
    }

    /// `y[t][r] = Σ_k x[t][k] · W[r][k]` for `x` of shape `m × cols`; returns `m × rows`.
    pub fn matmul(&self, x: &[f32]) -> Vec<f32> {
        let acts = QActs::quantize(x, self.cols);
        let mut out = vec![0f32; acts.rows * self.rows];
        self.matmul_quantized(&acts, &mut out, self.rows, 0);
        out
    }

    /// Like [`QWeight::matmul`], writing into `out` with row stride `stride` starting at
    /// column `offset` (so several matrices can fill one fused output).
    pub fn matmul_quantized(&self, acts: &QActs, out: &mut [f32], stride: usize, offset: usize) {
        matmul_many(&[(self, offset)], acts, out, stride);
    }

    /// Like [`QWeight::matmul_quantized`] but with f32 activations (see [`matmul_many_f32`]).
    pub fn matmul_f32(&self, x: &[f32], out: &mut [f32], stride: usize, offset: usize) {
        matmul_many_f32(&[(self, offset)], x, out, stride);
    }

    #[inline]
    fn dot<const N: usize>(&self, isa: Isa, r: usize, x: [ActRow; N]) -> [f32; N] {
        let nb = self.cols / QK;
        match &self.data {
            QData::Q4_1 { d, m, qs } => kernels::dot_q4_1(
                isa,
                Q41Row {
                    d: &d[r * nb..(r + 1) * nb],
                    m: &m[r * nb..(r + 1) * nb],
                    qs: &qs[r * nb * 16..(r + 1) * nb * 16],
                },
                x,
            ),
            QData::Q8_0 { d, qs } => kernels::dot_q8_0(
                isa,
                Q80Row {
                    d: &d[r * nb..(r + 1) * nb],
                    qs: &qs[r * nb * QK..(r + 1) * nb * QK],
                },
                x,
            ),
            QData::Tiled(_) => unreachable!("tiled matrices use tile kernels"),
        }
    }
}

/// Row ranges of several matrices, split into tasks that balance the rayon pool while
/// keeping scheduling cheap: one parallel region for q/k/v (or gate/up) instead of three.
fn tasks(parts: &[(&QWeight, usize)]) -> Vec<(usize, usize, usize)> {
    let total: usize = parts.iter().map(|(w, _)| w.rows).sum();
    let threads = rayon::current_num_threads().max(1);
    let per_task = (total / (threads * 4)).clamp(4, 64);
    let mut out = Vec::new();
    for (i, (w, _)) in parts.iter().enumerate() {
        // Tiled matrices split at tile boundaries.
        let per_task = if matches!(w.data, QData::Tiled(_)) {
            per_task.next_multiple_of(tiled::TILE)
        } else {
            per_task
        };
        let mut r = 0;
        while r < w.rows {
            out.push((i, r, (r + per_task).min(w.rows)));
            r += per_task;
        }
    }
    out
}

/// Activation rows `t..t+N` against one tile; returns `N`.
///
/// # Safety
/// As [`tiled::Tiled::tile_dot`]; rows `t..t+N` exist and `col + 16 ≤ stride`.
#[cfg(target_arch = "x86_64")]
#[allow(clippy::too_many_arguments)]
#[inline(always)]
unsafe fn tile_rows<const N: usize>(
    tl: &tiled::Tiled,
    tile: usize,
    acts: &QActs,
    t: usize,
    ptr: OutPtr,
    stride: usize,
    col: usize,
) -> usize {
    let rows = std::array::from_fn(|j| acts.row(t + j));
    let outs = std::array::from_fn(|j| ptr.at((t + j) * stride + col));
    tl.tile_dot::<N>(tile, rows, outs);
    N
}

/// `out[t][offset_i + r] = Σ_k x[t][k] · W_i[r][k]` for every `(W_i, offset_i)` in `parts`,
/// with 8-bit activations; each task walks the activation rows four at a time so a weight
/// block is unpacked once per four rows.
pub fn matmul_many(parts: &[(&QWeight, usize)], acts: &QActs, out: &mut [f32], stride: usize) {
    for (w, offset) in parts {
        assert_eq!(acts.nb * QK, w.cols, "activation width");
        assert!(out.len() >= acts.rows * stride && offset + w.rows <= stride);
    }
    let isa = kernels::isa();
    let m = acts.rows;
    let ptr = OutPtr(out.as_mut_ptr());
    tasks(parts).into_par_iter().for_each(|(part, r0, r1)| {
        let (w, offset) = parts[part];
        #[cfg(target_arch = "x86_64")]
        if let QData::Tiled(tl) = &w.data {
            // Tile-outer, rows-inner: a tile's weights stay in L1 while the rows stream by.
            for tile in r0 / tiled::TILE..r1 / tiled::TILE {
                let col = offset + tile * tiled::TILE;
                let mut t = 0;
                while t < m {
                    // SAFETY: tiled matrices exist only when the CPU has AVX-512 VNNI; each
                    // output pointer addresses 16 floats of row t + j inside `out`.
                    unsafe {
                        t += match m - t {
                            8.. => tile_rows::<8>(tl, tile, acts, t, ptr, stride, col),
                            4.. => tile_rows::<4>(tl, tile, acts, t, ptr, stride, col),
                            2.. => tile_rows::<2>(tl, tile, acts, t, ptr, stride, col),
                            _ => tile_rows::<1>(tl, tile, acts, t, ptr, stride, col),
                        };
                    }
                }
            }
            return;
        }
        let mut t = 0;
        while t < m {
            let n = (m - t).min(4);
            for r in r0..r1 {
                let mut vals = [0f32; 4];
                if n == 4 {
                    vals = w.dot::<4>(isa, r, std::array::from_fn(|j| acts.row(t + j)));
                } else {
                    for (j, v) in vals.iter_mut().enumerate().take(n) {
                        *v = w.dot::<1>(isa, r, [acts.row(t + j)])[0];
                    }
                }
                for (j, v) in vals.iter().enumerate().take(n) {
                    // SAFETY: (t + j, offset + r) is inside `out` (asserted above) and each
                    // element belongs to exactly one task.
                    unsafe { *ptr.at((t + j) * stride + offset + r) = *v };
                }
            }
            t += n;
        }
    });
}

/// [`matmul_many`] with f32 activations: each weight row is dequantized once (exactly,
/// `d·q + m`) and multiplied with every activation row in f32. Slower than the 8-bit path,
/// and equal to a dense f32 reference up to summation order (the "exact" precision).
pub fn matmul_many_f32(parts: &[(&QWeight, usize)], x: &[f32], out: &mut [f32], stride: usize) {
    let k = parts.first().map_or(1, |(w, _)| w.cols);
    let m = x.len() / k;
    for (w, offset) in parts {
        assert_eq!(w.cols, k, "activation width");
        assert!(out.len() >= m * stride && offset + w.rows <= stride);
    }
    let isa = kernels::isa();
    let ptr = OutPtr(out.as_mut_ptr());
    tasks(parts).into_par_iter().for_each(|(part, r0, r1)| {
        let (w, offset) = parts[part];
        if let QData::Tiled(tl) = &w.data {
            let mut rows = vec![0f32; tiled::TILE * k];
            for tile in r0 / tiled::TILE..r1 / tiled::TILE {
                tl.dequantize_tile(tile, &mut rows);
                for (i, row) in rows.chunks(k).enumerate() {
                    let r = tile * tiled::TILE + i;
                    for t in 0..m {
                        let v = kernels::dot_f32(isa, row, &x[t * k..(t + 1) * k]);
                        // SAFETY: as in `matmul_many`.
                        unsafe { *ptr.at(t * stride + offset + r) = v };
                    }
                }
            }
            return;
        }
        let mut row = vec![0f32; k];
        for r in r0..r1 {
            w.dequantize_row(r, &mut row);
            for t in 0..m {
                let v = kernels::dot_f32(isa, &row, &x[t * k..(t + 1) * k]);
                // SAFETY: as in `matmul_many`.
                unsafe { *ptr.at(t * stride + offset + r) = v };
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matmul_matches_dense_product() {
        let (rows, cols, m) = (37, 64, 6);
        let w: Vec<f32> = (0..rows * cols)
            .map(|i| ((i * 7919) % 97) as f32 / 97.0 - 0.5)
            .collect();
        let x: Vec<f32> = (0..m * cols)
            .map(|i| ((i * 104729) % 89) as f32 / 89.0 - 0.5)
            .collect();
        let q = QWeight::quantize_q8_0(&w, rows, cols).unwrap();
        let y = q.matmul(&x);
        for t in 0..m {
            for r in 0..rows {
                let exact: f32 = (0..cols).map(|k| x[t * cols + k] * w[r * cols + k]).sum();
                assert!((y[t * rows + r] - exact).abs() < 0.05, "{t} {r}");
            }
        }
        assert!(QWeight::quantize_q8_0(&w, rows, 30).is_err());
    }
}

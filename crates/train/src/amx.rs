//! The frozen base's matrix products in bf16 on Intel AMX tiles.
//!
//! Training spends most of a step in `x·Wᵀ` (forward) and `dY·W` (backward) of base weights
//! that never change. candle's f32 GEMM reaches about 195 GFLOP/s on this machine's two
//! cores; the same products as bf16 tile multiplies (`tdpbf16ps`, f32 accumulation) run at
//! about 750 GFLOP/s on one core. The weights are packed once, at load, in the layout the
//! tiles read (both orientations, so the backward needs no transpose); activations are
//! rounded to bf16 per call. Rounding changes the numbers: the f32 path stays the default in
//! the parity tests, and `tests/amx.rs` bounds the difference to it.
//!
//! AMX needs the CPU (CPUID leaf 7: AMX-TILE, AMX-BF16) and the kernel's permission for the
//! tile state (`arch_prctl(ARCH_REQ_XCOMP_PERM)`, Linux ≥ 5.16); [`available`] checks both
//! once. The instructions are written as inline assembly: Rust's AMX intrinsics are not
//! stable, and the tile registers are named explicitly, so the compiler never touches them.

use std::sync::OnceLock;

use rayon::prelude::*;

/// Rows of a tile; a tile row holds 64 bytes (16 f32 or 32 bf16).
const ROWS: usize = 16;
/// bf16 values in a tile row of A (the depth one tile multiply covers).
const DEPTH: usize = 32;

/// Whether the AMX bf16 path can run here (CPU support and the kernel's permission).
pub fn available() -> bool {
    static OK: OnceLock<bool> = OnceLock::new();
    *OK.get_or_init(detect)
}

#[cfg(target_arch = "x86_64")]
fn detect() -> bool {
    // CPUID.(EAX=7, ECX=0):EDX bit 22 = AMX-BF16, bit 24 = AMX-TILE.
    let leaf = std::arch::x86_64::__cpuid_count(7, 0);
    if leaf.edx & (1 << 22) == 0 || leaf.edx & (1 << 24) == 0 {
        return false;
    }
    const ARCH_REQ_XCOMP_PERM: libc::c_long = 0x1023;
    const XFEATURE_XTILEDATA: libc::c_long = 18;
    unsafe {
        libc::syscall(
            libc::SYS_arch_prctl,
            ARCH_REQ_XCOMP_PERM,
            XFEATURE_XTILEDATA,
        ) == 0
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn detect() -> bool {
    false
}

/// f32 → bf16, rounding to nearest even (what PyTorch and the CPU's own conversion do).
#[inline]
pub fn bf16(x: f32) -> u16 {
    let bits = x.to_bits();
    if x.is_nan() {
        return ((bits >> 16) | 0x40) as u16;
    }
    ((bits + 0x7fff + ((bits >> 16) & 1)) >> 16) as u16
}

/// bf16 → f32 (exact).
#[inline]
pub fn f32_of(x: u16) -> f32 {
    f32::from_bits(u32::from(x) << 16)
}

/// The right operand `B (k × n)` of a product, in the tiles' pair-interleaved layout: panels of
/// 16 columns, each `k/2` rows of 16 (B[2i, j], B[2i+1, j]) pairs. `k` is padded with zeros to
/// a multiple of 32 and `n` to a multiple of 16.
pub struct PackedB {
    pub k: usize,
    pub n: usize,
    kp: usize,
    np: usize,
    data: Vec<u16>,
}

impl PackedB {
    /// `B = Wᵀ` for `w` stored `n × k` row-major (a linear layer's `out × in` weight: the
    /// forward product `x·Wᵀ`).
    pub fn transposed(w: &[f32], n: usize, k: usize) -> PackedB {
        assert_eq!(w.len(), n * k, "weight of {n} x {k}");
        PackedB::build(k, n, |kk, j| w[j * k + kk])
    }

    /// `B = W` for `w` stored `k × n` row-major (the backward product `dY·W`).
    pub fn plain(w: &[f32], k: usize, n: usize) -> PackedB {
        assert_eq!(w.len(), k * n, "weight of {k} x {n}");
        PackedB::build(k, n, |kk, j| w[kk * n + j])
    }

    fn build(k: usize, n: usize, at: impl Fn(usize, usize) -> f32 + Sync) -> PackedB {
        let kp = k.div_ceil(DEPTH) * DEPTH;
        let np = n.div_ceil(ROWS) * ROWS;
        let mut data = vec![0u16; kp * np];
        // One panel of 16 columns is `kp × 16` values.
        data.par_chunks_mut(kp * ROWS)
            .enumerate()
            .for_each(|(p, panel)| {
                for j in 0..ROWS {
                    let col = p * ROWS + j;
                    if col >= n {
                        break;
                    }
                    for kk in 0..k {
                        panel[(kk / 2) * 2 * ROWS + j * 2 + kk % 2] = bf16(at(kk, col));
                    }
                }
            });
        PackedB { k, n, kp, np, data }
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.data.len() * 2
    }

    fn panel(&self, p: usize) -> *const u16 {
        self.data[p * self.kp * ROWS..].as_ptr()
    }
}

/// A raw output pointer shared by tasks that write disjoint blocks.
#[derive(Clone, Copy)]
struct Out(*mut f32);
unsafe impl Send for Out {}
unsafe impl Sync for Out {}

impl Out {
    /// The pointer (a method, so closures capture the `Send` wrapper, not the raw field).
    fn at(self, offset: usize) -> *mut f32 {
        unsafe { self.0.add(offset) }
    }
}

/// `x (m × k, row-major f32) · B → m × n` (row-major f32), on AMX tiles in bf16 with f32
/// accumulation, over the rayon pool. Panics if AMX is not [`available`] (callers check).
pub fn matmul(x: &[f32], m: usize, b: &PackedB) -> Vec<f32> {
    assert!(available(), "AMX is not available on this machine");
    assert_eq!(x.len(), m * b.k, "input of {m} x {}", b.k);
    let (kp, np) = (b.kp, b.np);
    let mp = m.div_ceil(ROWS) * ROWS;
    // The left operand in bf16, rows padded to 16 and depth to 32 with zeros.
    let mut a = vec![0u16; mp * kp];
    a.par_chunks_mut(kp)
        .take(m)
        .enumerate()
        .for_each(|(i, row)| {
            for (d, s) in row.iter_mut().zip(&x[i * b.k..(i + 1) * b.k]) {
                *d = bf16(*s);
            }
        });
    // Every element of the padded output is written by a tile store, so it starts
    // uninitialised (zeroing it cost a memset per product).
    let mut c: Vec<f32> = Vec::with_capacity(mp * np);
    #[allow(clippy::uninit_vec)]
    unsafe {
        c.set_len(mp * np);
    }
    // Tasks: 32-row blocks × groups of 8 column panels (128 columns), so a thin product (the
    // output layer on a few hundred positions) still spreads over every thread.
    let row_blocks = mp.div_ceil(2 * ROWS);
    let panels = np / ROWS;
    let group = 8;
    let col_groups = panels.div_ceil(group);
    let out = Out(c.as_mut_ptr());
    let a = &a;
    (0..row_blocks * col_groups)
        .into_par_iter()
        .for_each(|task| {
            let (rb, cg) = (task / col_groups, task % col_groups);
            let r0 = rb * 2 * ROWS;
            let two_rows = r0 + ROWS < mp;
            let p_end = ((cg + 1) * group).min(panels);
            let mut p = cg * group;
            unsafe {
                load_config();
                while p < p_end {
                    let two_cols = p + 1 < p_end;
                    let a0 = a[r0 * kp..].as_ptr();
                    let a1 = if two_rows {
                        a[(r0 + ROWS) * kp..].as_ptr()
                    } else {
                        a0
                    };
                    let c0 = out.at(r0 * np + p * ROWS);
                    if two_rows && two_cols {
                        block_2x2(a0, a1, b.panel(p), b.panel(p + 1), kp, c0, np);
                        p += 2;
                    } else {
                        block_1x1(a0, b.panel(p), kp, c0, np);
                        if two_rows {
                            block_1x1(a1, b.panel(p), kp, c0.add(ROWS * np), np);
                        }
                        p += 1;
                    }
                }
                std::arch::asm!("tilerelease", options(nostack));
            }
        });
    // Padding columns (n not a multiple of 16) are cut; padding rows are dropped.
    if np != b.n {
        let mut exact = vec![0f32; m * b.n];
        for (d, s) in exact.chunks_mut(b.n).zip(c.chunks(np)) {
            d.copy_from_slice(&s[..b.n]);
        }
        return exact;
    }
    c.truncate(m * b.n);
    c
}

/// The tile configuration: palette 1, every tile 16 rows × 64 bytes. Tiles 0–3 accumulate
/// (16 × 16 f32), 4–5 hold A (16 rows × 32 bf16), 6–7 hold B (16 pair-rows × 16 pairs).
#[repr(C, align(64))]
struct TileConfig([u8; 64]);

unsafe fn load_config() {
    let mut cfg = TileConfig([0; 64]);
    cfg.0[0] = 1; // palette
    for t in 0..8 {
        // colsb[t] (u16 at 16 + 2t) = 64 bytes; rows[t] (u8 at 48 + t) = 16.
        cfg.0[16 + 2 * t] = 64;
        cfg.0[48 + t] = ROWS as u8;
    }
    std::arch::asm!("ldtilecfg [{}]", in(reg) cfg.0.as_ptr(), options(nostack, readonly));
}

/// A 32 × 32 output block: rows `a0`, `a1` (16 each) by panels `b0`, `b1`, depth `kp`.
#[inline(never)]
unsafe fn block_2x2(
    a0: *const u16,
    a1: *const u16,
    b0: *const u16,
    b1: *const u16,
    kp: usize,
    c: *mut f32,
    ldc: usize,
) {
    use std::arch::asm;
    let sa = kp * 2; // bytes between A rows
    let sb = 64usize; // bytes between pair-rows of a panel
    asm!(
        "tilezero tmm0",
        "tilezero tmm1",
        "tilezero tmm2",
        "tilezero tmm3",
        options(nostack, nomem)
    );
    let mut k = 0;
    while k < kp {
        asm!(
            "tileloadd tmm4, [{a0} + {sa}*1]",
            "tileloadd tmm5, [{a1} + {sa}*1]",
            "tileloadd tmm6, [{b0} + {sb}*1]",
            "tileloadd tmm7, [{b1} + {sb}*1]",
            "tdpbf16ps tmm0, tmm4, tmm6",
            "tdpbf16ps tmm1, tmm4, tmm7",
            "tdpbf16ps tmm2, tmm5, tmm6",
            "tdpbf16ps tmm3, tmm5, tmm7",
            a0 = in(reg) a0.add(k),
            a1 = in(reg) a1.add(k),
            b0 = in(reg) b0.add(k * ROWS),
            b1 = in(reg) b1.add(k * ROWS),
            sa = in(reg) sa,
            sb = in(reg) sb,
            options(nostack, readonly),
        );
        k += DEPTH;
    }
    let sc = ldc * 4;
    asm!(
        "tilestored [{c00} + {sc}*1], tmm0",
        "tilestored [{c01} + {sc}*1], tmm1",
        "tilestored [{c10} + {sc}*1], tmm2",
        "tilestored [{c11} + {sc}*1], tmm3",
        c00 = in(reg) c,
        c01 = in(reg) c.add(ROWS),
        c10 = in(reg) c.add(ROWS * ldc),
        c11 = in(reg) c.add(ROWS * ldc + ROWS),
        sc = in(reg) sc,
        options(nostack),
    );
}

/// A 16 × 16 output block (the edges of [`matmul`]'s grid).
#[inline(never)]
unsafe fn block_1x1(a: *const u16, b: *const u16, kp: usize, c: *mut f32, ldc: usize) {
    use std::arch::asm;
    let sa = kp * 2;
    let sb = 64usize;
    asm!("tilezero tmm0", options(nostack, nomem));
    let mut k = 0;
    while k < kp {
        asm!(
            "tileloadd tmm4, [{a} + {sa}*1]",
            "tileloadd tmm6, [{b} + {sb}*1]",
            "tdpbf16ps tmm0, tmm4, tmm6",
            a = in(reg) a.add(k),
            b = in(reg) b.add(k * ROWS),
            sa = in(reg) sa,
            sb = in(reg) sb,
            options(nostack, readonly),
        );
        k += DEPTH;
    }
    asm!(
        "tilestored [{c} + {sc}*1], tmm0",
        c = in(reg) c,
        sc = in(reg) ldc * 4,
        options(nostack),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The product of bf16-rounded operands in f64: what the tiles compute, up to the order of
    /// f32 accumulation.
    fn reference(
        x: &[f32],
        m: usize,
        k: usize,
        b: impl Fn(usize, usize) -> f32,
        n: usize,
    ) -> Vec<f32> {
        let mut out = vec![0f32; m * n];
        for i in 0..m {
            for j in 0..n {
                let mut s = 0f64;
                for kk in 0..k {
                    s += f64::from(f32_of(bf16(x[i * k + kk]))) * f64::from(f32_of(bf16(b(kk, j))));
                }
                out[i * n + j] = s as f32;
            }
        }
        out
    }

    fn values(len: usize, seed: u32) -> Vec<f32> {
        (0..len)
            .map(|i| {
                let h = (i as u32 ^ seed).wrapping_mul(2_654_435_761);
                (h >> 8) as f32 / (1 << 24) as f32 - 0.5
            })
            .collect()
    }

    #[test]
    fn bf16_rounds_to_nearest_even() {
        assert_eq!(bf16(1.0), 0x3f80);
        assert_eq!(f32_of(bf16(1.0 + 1.0 / 256.0)), 1.0); // a tie rounds to even
        assert_eq!(f32_of(bf16(1.0 + 3.0 / 256.0)), 1.0 + 4.0 / 256.0);
        assert_eq!(f32_of(bf16(-2.5)), -2.5);
    }

    /// Odd shapes (rows not a multiple of 16, depth not of 32, columns not of 16) in both
    /// orientations equal the bf16 reference.
    #[test]
    fn products_equal_the_bf16_reference() {
        if !available() {
            eprintln!("AMX not available here: nothing to check");
            return;
        }
        for (m, k, n) in [(1, 32, 16), (37, 70, 50), (64, 576, 192), (33, 96, 272)] {
            let x = values(m * k, 1);
            let w = values(n * k, 2); // n × k
            let got = matmul(&x, m, &PackedB::transposed(&w, n, k));
            let want = reference(&x, m, k, |kk, j| w[j * k + kk], n);
            let diff = got
                .iter()
                .zip(&want)
                .fold(0f32, |a, (g, w)| a.max((g - w).abs()));
            assert!(diff < 1e-4, "{m}x{k}x{n} transposed: {diff}");
            let wk = values(k * n, 3); // k × n
            let got = matmul(&x, m, &PackedB::plain(&wk, k, n));
            let want = reference(&x, m, k, |kk, j| wk[kk * n + j], n);
            let diff = got
                .iter()
                .zip(&want)
                .fold(0f32, |a, (g, w)| a.max((g - w).abs()));
            assert!(diff < 1e-4, "{m}x{k}x{n} plain: {diff}");
        }
    }
}

//! llama.cpp's block-quantized weights, read in place, and the products CALMe's graph runs on
//! them (through the custom operators in `ops.rs`): the Q4_1 projections and the tied Q8_0
//! embedding / LM head of SmolLM2's GGUF.
//!
//! Each weight is dequantized exactly (`d*q + m`, `d*q`) and multiplied in fp32: the activations
//! are never quantized. (llama.cpp rounds them to 8 bits inside its dot products; ONNX Runtime's
//! int8 path does the same, and both visibly change this small model's answers.)
//!
//! Block layouts (little-endian, `ggml-common.h`):
//! * Q4_1, 20 bytes per 32 weights: f16 `d`, f16 `m`, 16 bytes of nibbles — the low nibble of
//!   byte j is weight j, the high nibble weight j + 16; `w = d*q + m`.
//! * Q8_0, 34 bytes per 32 weights: f16 `d`, 32 × i8 `q`; `w = d*q`.

use std::ops::Range;

pub const BLOCK: usize = 32;

#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Q4_1,
    Q8_0,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "q4_1" => Some(Format::Q4_1),
            "q8_0" => Some(Format::Q8_0),
            _ => None,
        }
    }

    pub fn block_bytes(self) -> usize {
        match self {
            Format::Q4_1 => 20,
            Format::Q8_0 => 34,
        }
    }

    pub fn row_bytes(self, k: usize) -> usize {
        k / BLOCK * self.block_bytes()
    }
}

/// A row-major `[n, k]` matrix of blocks, borrowed (from an ONNX initializer or a test buffer).
#[derive(Clone, Copy)]
pub struct QMatrix<'a> {
    format: Format,
    n: usize,
    k: usize,
    data: &'a [u8],
}

/// Where a product writes: `[m, n_total]` fp32, shared by threads that write disjoint columns.
#[derive(Clone, Copy)]
pub struct Out {
    ptr: *mut f32,
    len: usize,
}

// SAFETY: threads given an `Out` write disjoint elements (`QMatrix::matmul_cols` callers split
// the column range, attention writes one row per head), and the buffer outlives the parallel
// section.
unsafe impl Send for Out {}
unsafe impl Sync for Out {}

impl Out {
    pub fn new(out: &mut [f32]) -> Out {
        Out { ptr: out.as_mut_ptr(), len: out.len() }
    }

    /// Writes `v` at `start..start + v.len()`.
    pub fn write(&self, start: usize, v: &[f32]) {
        assert!(start + v.len() <= self.len, "output range");
        // SAFETY: in bounds (checked); writers use disjoint ranges (see the Send impl).
        unsafe { std::ptr::copy_nonoverlapping(v.as_ptr(), self.ptr.add(start), v.len()) }
    }

    #[inline]
    fn put(&self, i: usize, v: f32) {
        assert!(i < self.len, "output index");
        // SAFETY: in bounds (checked); no two threads write the same index (see the Send impl).
        unsafe { *self.ptr.add(i) = v }
    }
}

impl<'a> QMatrix<'a> {
    pub fn new(format: Format, n: usize, k: usize, data: &'a [u8]) -> Result<QMatrix<'a>, String> {
        if k == 0 || !k.is_multiple_of(BLOCK) {
            return Err(format!("K = {k} is not a positive multiple of {BLOCK}"));
        }
        let want = n * format.row_bytes(k);
        if data.len() != want {
            return Err(format!("{format:?} [{n}, {k}] needs {want} bytes, the initializer has {}", data.len()));
        }
        Ok(QMatrix { format, n, k, data })
    }

    pub fn n(&self) -> usize {
        self.n
    }

    pub fn k(&self) -> usize {
        self.k
    }

    fn row(&self, r: usize) -> &'a [u8] {
        let rb = self.format.row_bytes(self.k);
        &self.data[r * rb..(r + 1) * rb]
    }

    /// Row `r` as fp32 (also the embedding lookup).
    pub fn dequantize_row(&self, r: usize, out: &mut [f32]) {
        assert_eq!(out.len(), self.k, "row width");
        let bb = self.format.block_bytes();
        for (blk, o) in self.row(r).chunks_exact(bb).zip(out.chunks_exact_mut(BLOCK)) {
            let d = f16_to_f32(u16::from_le_bytes([blk[0], blk[1]]));
            match self.format {
                Format::Q4_1 => {
                    let m = f16_to_f32(u16::from_le_bytes([blk[2], blk[3]]));
                    for (j, &q) in blk[4..20].iter().enumerate() {
                        o[j] = d * (q & 0x0F) as f32 + m;
                        o[j + 16] = d * (q >> 4) as f32 + m;
                    }
                }
                Format::Q8_0 => {
                    for (o, &q) in o.iter_mut().zip(&blk[2..34]) {
                        *o = d * (q as i8) as f32;
                    }
                }
            }
        }
    }

    /// `out[i, c] = Σ_j x[i, j] · W[c, j]` for the `m` rows of `x` (`[m, k]`) and the output
    /// columns `cols` of `out` (`[m, n]`). Different threads may run disjoint `cols` at once.
    pub fn matmul_cols(&self, x: &[f32], m: usize, out: Out, cols: Range<usize>) {
        assert_eq!(x.len(), m * self.k, "input shape");
        assert!(cols.end <= self.n && out.len == m * self.n, "output shape");
        #[cfg(target_arch = "x86_64")]
        if simd::available() {
            // SAFETY: the CPU has AVX2, FMA and F16C (checked); shapes are checked above.
            unsafe { simd::matmul_cols(self, x, m, out, cols) };
            return;
        }
        self.matmul_cols_scalar(x, m, out, cols);
    }

    /// The plain version: the fallback on CPUs without AVX2, and the tests' reference.
    pub fn matmul_cols_scalar(&self, x: &[f32], m: usize, out: Out, cols: Range<usize>) {
        let mut w = vec![0f32; self.k];
        for c in cols {
            self.dequantize_row(c, &mut w);
            for i in 0..m {
                let xi = &x[i * self.k..(i + 1) * self.k];
                out.put(i * self.n + c, w.iter().zip(xi).map(|(a, b)| a * b).sum());
            }
        }
    }
}

/// IEEE half to single precision (subnormals, infinities and NaN included).
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = ((h as u32) & 0x8000) << 16;
    let exp = ((h >> 10) & 0x1F) as u32;
    let frac = (h & 0x03FF) as u32;
    let bits = match exp {
        0 if frac == 0 => sign,
        0 => {
            // Subnormal: normalise the fraction.
            let shift = frac.leading_zeros() - 21;
            let frac = (frac << shift) & 0x03FF;
            sign | ((113 - shift) << 23) | (frac << 13)
        }
        0x1F => sign | 0x7F80_0000 | (frac << 13),
        _ => sign | ((exp + 112) << 23) | (frac << 13),
    };
    f32::from_bits(bits)
}

#[cfg(target_arch = "x86_64")]
pub(crate) mod simd {
    use std::arch::x86_64::*;
    use std::ops::Range;
    use std::sync::OnceLock;

    use super::{Format, Out, QMatrix, BLOCK};

    pub fn available() -> bool {
        static HAS: OnceLock<bool> = OnceLock::new();
        *HAS.get_or_init(|| {
            is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") && is_x86_feature_detected!("f16c")
        })
    }

    #[target_feature(enable = "avx2,fma,f16c")]
    pub unsafe fn matmul_cols(w: &QMatrix<'_>, x: &[f32], m: usize, out: Out, cols: Range<usize>) {
        let k = w.k;
        if m == 1 {
            // Decode: one pass over the weights, dequantized in registers.
            match w.format {
                Format::Q4_1 => {
                    let sums: Vec<f32> = x.chunks_exact(BLOCK).map(|b| b.iter().sum()).collect();
                    for c in cols {
                        out.put(c, q4_1_dot(w.row(c), x, &sums));
                    }
                }
                Format::Q8_0 => {
                    for c in cols {
                        out.put(c, q8_0_dot(w.row(c), x));
                    }
                }
            }
            return;
        }
        // Prompt: dequantize two rows into L1 and reuse them for every input row.
        let (mut w0, mut w1) = (vec![0f32; k], vec![0f32; k]);
        let mut c = cols.start;
        while c < cols.end {
            let pair = c + 1 < cols.end;
            w.dequantize_row(c, &mut w0);
            w.dequantize_row(if pair { c + 1 } else { c }, &mut w1);
            let mut i = 0;
            while i + 4 <= m {
                let xs = [0, 1, 2, 3].map(|j| x.as_ptr().add((i + j) * k));
                let r = dots_2x4(w0.as_ptr(), w1.as_ptr(), xs, k);
                for j in 0..4 {
                    out.put((i + j) * w.n + c, r[j]);
                    if pair {
                        out.put((i + j) * w.n + c + 1, r[4 + j]);
                    }
                }
                i += 4;
            }
            for i in i..m {
                let xi = &x[i * k..(i + 1) * k];
                out.put(i * w.n + c, dot(&w0, xi));
                if pair {
                    out.put(i * w.n + c + 1, dot(&w1, xi));
                }
            }
            c += 2;
        }
    }

    /// The sum of the eight lanes.
    #[inline]
    #[target_feature(enable = "avx2,fma,f16c")]
    pub(crate) unsafe fn hsum(v: __m256) -> f32 {
        let s = _mm_add_ps(_mm256_extractf128_ps(v, 1), _mm256_castps256_ps128(v));
        let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        _mm_cvtss_f32(_mm_add_ss(s, _mm_shuffle_ps(s, s, 1)))
    }

    /// One Q4_1 row times x: Σ_b d_b·(q·x)_b + m_b·Σx_b, with the block sums of x given.
    /// Even and odd blocks feed separate accumulators: one chain through a single accumulator
    /// would wait an FMA latency per block.
    #[inline]
    #[target_feature(enable = "avx2,fma,f16c")]
    unsafe fn q4_1_dot(row: &[u8], x: &[f32], sums: &[f32]) -> f32 {
        let block = |b: usize| q4_1_block(row.as_ptr().add(b * 20), x.as_ptr().add(b * BLOCK));
        let (mut acc0, mut acc1) = (_mm256_setzero_ps(), _mm256_setzero_ps());
        let (mut mins0, mut mins1) = (0f32, 0f32);
        let mut b = 0;
        while b + 2 <= sums.len() {
            let ((d, s), m) = block(b);
            acc0 = _mm256_fmadd_ps(d, s, acc0);
            mins0 += m * sums[b];
            let ((d, s), m) = block(b + 1);
            acc1 = _mm256_fmadd_ps(d, s, acc1);
            mins1 += m * sums[b + 1];
            b += 2;
        }
        if b < sums.len() {
            let ((d, s), m) = block(b);
            acc0 = _mm256_fmadd_ps(d, s, acc0);
            mins0 += m * sums[b];
        }
        hsum(_mm256_add_ps(acc0, acc1)) + mins0 + mins1
    }

    /// One Q4_1 block against 32 values of x: (broadcast d, Σ q·x as 8 lanes) and m.
    /// Widening 8 bytes to 8 dwords puts weights j (low nibble) and j + 16 (high nibble) in the
    /// same lane: a mask and a shift split them, one widening serves 16 weights.
    #[inline(always)]
    unsafe fn q4_1_block(p: *const u8, xp: *const f32) -> ((__m256, __m256), f32) {
        let dm = _mm_cvtph_ps(_mm_cvtsi32_si128((p as *const i32).read_unaligned()));
        let mask = _mm256_set1_epi32(0x0F);
        let a = _mm256_cvtepu8_epi32(_mm_loadl_epi64(p.add(4) as *const __m128i));
        let b = _mm256_cvtepu8_epi32(_mm_loadl_epi64(p.add(12) as *const __m128i));
        let f = _mm256_cvtepi32_ps;
        let s0 = _mm256_fmadd_ps(f(_mm256_and_si256(b, mask)), _mm256_loadu_ps(xp.add(8)), _mm256_mul_ps(f(_mm256_and_si256(a, mask)), _mm256_loadu_ps(xp)));
        let s1 = _mm256_fmadd_ps(f(_mm256_srli_epi32(b, 4)), _mm256_loadu_ps(xp.add(24)), _mm256_mul_ps(f(_mm256_srli_epi32(a, 4)), _mm256_loadu_ps(xp.add(16))));
        ((_mm256_broadcastss_ps(dm), _mm256_add_ps(s0, s1)), _mm_cvtss_f32(_mm_movehdup_ps(dm)))
    }

    /// One Q8_0 row times x (even and odd blocks in separate accumulators, as above).
    #[inline]
    #[target_feature(enable = "avx2,fma,f16c")]
    unsafe fn q8_0_dot(row: &[u8], x: &[f32]) -> f32 {
        let block = |b: usize| {
            let p = row.as_ptr().add(b * 34);
            let d = _mm256_broadcastss_ps(_mm_cvtph_ps(_mm_cvtsi32_si128((p as *const u16).read_unaligned() as i32)));
            let xp = x.as_ptr().add(b * BLOCK);
            let q = |j: usize| _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(p.add(2 + 8 * j) as *const __m128i)));
            let s0 = _mm256_fmadd_ps(q(1), _mm256_loadu_ps(xp.add(8)), _mm256_mul_ps(q(0), _mm256_loadu_ps(xp)));
            let s1 = _mm256_fmadd_ps(q(3), _mm256_loadu_ps(xp.add(24)), _mm256_mul_ps(q(2), _mm256_loadu_ps(xp.add(16))));
            (d, _mm256_add_ps(s0, s1))
        };
        let nb = x.len() / BLOCK;
        let (mut acc0, mut acc1) = (_mm256_setzero_ps(), _mm256_setzero_ps());
        let mut b = 0;
        while b + 2 <= nb {
            let (d, s) = block(b);
            acc0 = _mm256_fmadd_ps(d, s, acc0);
            let (d, s) = block(b + 1);
            acc1 = _mm256_fmadd_ps(d, s, acc1);
            b += 2;
        }
        if b < nb {
            let (d, s) = block(b);
            acc0 = _mm256_fmadd_ps(d, s, acc0);
        }
        hsum(_mm256_add_ps(acc0, acc1))
    }

    /// `a·b` for equal lengths that are multiples of 16.
    #[inline]
    #[target_feature(enable = "avx2,fma,f16c")]
    pub(crate) unsafe fn dot(a: &[f32], b: &[f32]) -> f32 {
        assert!(a.len() == b.len() && a.len().is_multiple_of(16), "dot lengths");
        let (w, x) = (a.as_ptr(), b.as_ptr());
        let (mut a0, mut a1) = (_mm256_setzero_ps(), _mm256_setzero_ps());
        for i in (0..a.len()).step_by(16) {
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(w.add(i)), _mm256_loadu_ps(x.add(i)), a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(w.add(i + 8)), _mm256_loadu_ps(x.add(i + 8)), a1);
        }
        hsum(_mm256_add_ps(a0, a1))
    }

    /// Two weight rows against four input rows: eight dot products, each weight load used 4×.
    #[inline]
    #[target_feature(enable = "avx2,fma,f16c")]
    unsafe fn dots_2x4(w0: *const f32, w1: *const f32, x: [*const f32; 4], k: usize) -> [f32; 8] {
        let mut acc = [_mm256_setzero_ps(); 8];
        for i in (0..k).step_by(8) {
            let a = _mm256_loadu_ps(w0.add(i));
            let b = _mm256_loadu_ps(w1.add(i));
            for j in 0..4 {
                let xv = _mm256_loadu_ps(x[j].add(i));
                acc[j] = _mm256_fmadd_ps(a, xv, acc[j]);
                acc[4 + j] = _mm256_fmadd_ps(b, xv, acc[4 + j]);
            }
        }
        acc.map(|v| hsum(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random bytes for weight blocks, with sane f16 scales.
    fn blocks(format: Format, n: usize, k: usize, seed: u64) -> Vec<u8> {
        let mut s = seed;
        let mut next = move || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 33) as u32
        };
        let mut data = Vec::with_capacity(n * format.row_bytes(k));
        for _ in 0..n * k / BLOCK {
            // Scales in [2^-8, 2^-6), mins negative: like real Q4_1/Q8_0 blocks.
            let d: u16 = 0x1C00 | (next() as u16 & 0x07FF);
            data.extend_from_slice(&d.to_le_bytes());
            if format == Format::Q4_1 {
                let m: u16 = 0xA400 | (next() as u16 & 0x03FF);
                data.extend_from_slice(&m.to_le_bytes());
            }
            let payload = if format == Format::Q4_1 { 16 } else { 32 };
            data.extend((0..payload).map(|_| next() as u8));
        }
        data
    }

    #[test]
    fn f16_conversion_matches_known_values() {
        for (h, f) in [(0x3C00u16, 1.0f32), (0xC000, -2.0), (0x3555, 0.333_251_95), (0x0001, 5.960_464_5e-8), (0x03FF, 6.097_555e-5), (0x7BFF, 65504.0), (0x0000, 0.0)] {
            assert_eq!(f16_to_f32(h), f, "{h:#06x}");
        }
        assert!(f16_to_f32(0x7C00).is_infinite() && f16_to_f32(0x7E00).is_nan());
    }

    #[test]
    fn dequantization_follows_the_ggml_layout() {
        // One Q4_1 block: d = 0.5, m = -1, byte j = (j+16) << 4 | j -> weight j = j, j+16 = j+16 (mod 16).
        let mut blk = vec![0x00, 0x38, 0x00, 0xBC];
        blk.extend((0..16u8).map(|j| (15 - j) << 4 | j));
        let w = QMatrix::new(Format::Q4_1, 1, 32, &blk).unwrap();
        let mut row = vec![0f32; 32];
        w.dequantize_row(0, &mut row);
        for j in 0..16 {
            assert_eq!(row[j], 0.5 * j as f32 - 1.0);
            assert_eq!(row[j + 16], 0.5 * (15 - j) as f32 - 1.0);
        }
        // One Q8_0 block: d = 2, q = -16..16.
        let mut blk = vec![0x00, 0x40];
        blk.extend((0..32i8).map(|j| (j - 16) as u8));
        let w = QMatrix::new(Format::Q8_0, 1, 32, &blk).unwrap();
        w.dequantize_row(0, &mut row);
        assert!(row.iter().enumerate().all(|(j, &v)| v == 2.0 * (j as f32 - 16.0)));
    }

    #[test]
    fn wrong_sizes_are_refused() {
        assert!(QMatrix::new(Format::Q4_1, 2, 48, &[0; 60]).is_err());
        assert!(QMatrix::new(Format::Q8_0, 2, 64, &[0; 135]).is_err());
    }

    #[test]
    fn fast_paths_match_the_plain_product() {
        for format in [Format::Q4_1, Format::Q8_0] {
            let (n, k) = (37, 96);
            let data = blocks(format, n, k, 7);
            let w = QMatrix::new(format, n, k, &data).unwrap();
            for m in [1, 2, 5, 9] {
                let x: Vec<f32> = (0..m * k).map(|i| (i as f32 * 0.37).sin()).collect();
                let mut want = vec![0f32; m * n];
                w.matmul_cols_scalar(&x, m, Out::new(&mut want), 0..n);
                // Split the columns the way threads do, odd boundaries included.
                let mut got = vec![f32::NAN; m * n];
                for cols in [0..11, 11..12, 12..n] {
                    w.matmul_cols(&x, m, Out::new(&mut got), cols);
                }
                for (g, e) in got.iter().zip(&want) {
                    assert!((g - e).abs() <= 1e-4 * (1.0 + e.abs()), "{format:?} m={m}: {g} vs {e}");
                }
            }
        }
    }
}

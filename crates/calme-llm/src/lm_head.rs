//! The LM head applied by the engine itself: the tied Q8_0 embedding (`lm_head.q8_0`, written by
//! tools/convert) times the graph's `last_hidden_state`, in fp32 arithmetic on int8 weights.
//! ONNX Runtime's 8-bit MatMulNBits is slow and the 4-bit re-expression needs two passes; this
//! reads each weight once.

use std::path::Path;

use crate::LlmError;

const MAGIC: &[u8; 8] = b"CALMEQ80";
const BLOCK: usize = 32;

pub struct Q8Head {
    rows: usize,
    cols: usize,
    q: Vec<i8>,
    /// One scale per block of 32 weights, `[rows, cols / 32]`.
    d: Vec<f32>,
}

impl Q8Head {
    pub fn load(path: &Path) -> Result<Q8Head, LlmError> {
        use std::io::Read;
        let bad = |reason: String| LlmError::ModelMissing { path: path.to_path_buf(), reason };
        let mut file = std::fs::File::open(path).map_err(|e| bad(e.to_string()))?;
        let mut header = [0u8; 16];
        file.read_exact(&mut header).map_err(|e| bad(e.to_string()))?;
        if &header[..8] != MAGIC {
            return Err(bad("not a CALMEQ80 file".into()));
        }
        let word = |i: usize| u32::from_le_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]) as usize;
        let (rows, cols) = (word(8), word(12));
        let (nq, nd) = (rows * cols, rows * cols / BLOCK);
        let size = file.metadata().map_err(|e| bad(e.to_string()))?.len() as usize;
        if cols % BLOCK != 0 || size != 16 + nq + 4 * nd {
            return Err(bad(format!("size does not match {rows}x{cols}")));
        }
        // Read straight into the final buffers (u8 -> i8 is collected in place): no second copy.
        let mut raw = vec![0u8; nq];
        file.read_exact(&mut raw).map_err(|e| bad(e.to_string()))?;
        let q: Vec<i8> = raw.into_iter().map(|b| b as i8).collect();
        let mut raw = vec![0u8; 4 * nd];
        file.read_exact(&mut raw).map_err(|e| bad(e.to_string()))?;
        let d = raw.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        Ok(Q8Head { rows, cols, q, d })
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Logits for one hidden state, split over `threads` threads.
    pub fn logits(&self, x: &[f32], threads: usize) -> Vec<f32> {
        assert_eq!(x.len(), self.cols, "hidden size");
        let mut out = vec![0f32; self.rows];
        let threads = threads.clamp(1, 8);
        let chunk = self.rows.div_ceil(threads);
        std::thread::scope(|s| {
            for (i, part) in out.chunks_mut(chunk).enumerate() {
                let first = i * chunk;
                s.spawn(move || self.rows_into(first, x, part));
            }
        });
        out
    }

    fn rows_into(&self, first: usize, x: &[f32], out: &mut [f32]) {
        let nb = self.cols / BLOCK;
        let q = &self.q[first * self.cols..(first + out.len()) * self.cols];
        let d = &self.d[first * nb..(first + out.len()) * nb];
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            // SAFETY: the CPU has AVX2 and FMA (checked above); slices are sized by construction.
            unsafe { avx2::rows(q, d, x, out) };
            return;
        }
        rows_scalar(q, d, x, out);
    }
}

fn rows_scalar(q: &[i8], d: &[f32], x: &[f32], out: &mut [f32]) {
    let cols = x.len();
    let nb = cols / BLOCK;
    for (r, o) in out.iter_mut().enumerate() {
        let qr = &q[r * cols..(r + 1) * cols];
        let mut acc = 0f32;
        for b in 0..nb {
            let mut s = 0f32;
            for i in b * BLOCK..(b + 1) * BLOCK {
                s += qr[i] as f32 * x[i];
            }
            acc += d[r * nb + b] * s;
        }
        *o = acc;
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::BLOCK;

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn rows(q: &[i8], d: &[f32], x: &[f32], out: &mut [f32]) {
        let cols = x.len();
        let nb = cols / BLOCK;
        for (r, o) in out.iter_mut().enumerate() {
            let qr = q.as_ptr().add(r * cols);
            let mut acc = _mm256_setzero_ps();
            for b in 0..nb {
                let base = b * BLOCK;
                let mut s = _mm256_setzero_ps();
                for j in 0..4 {
                    let q8 = _mm_loadl_epi64(qr.add(base + 8 * j) as *const __m128i);
                    let qf = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q8));
                    s = _mm256_fmadd_ps(qf, _mm256_loadu_ps(x.as_ptr().add(base + 8 * j)), s);
                }
                acc = _mm256_fmadd_ps(_mm256_set1_ps(*d.get_unchecked(r * nb + b)), s, acc);
            }
            let hi = _mm256_extractf128_ps(acc, 1);
            let lo = _mm256_castps256_ps128(acc);
            let sum4 = _mm_add_ps(hi, lo);
            let sum2 = _mm_add_ps(sum4, _mm_movehl_ps(sum4, sum4));
            let sum1 = _mm_add_ss(sum2, _mm_shuffle_ps(sum2, sum2, 1));
            *o = _mm_cvtss_f32(sum1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simd_and_threads_match_the_scalar_kernel() {
        let (rows, cols) = (37, 64);
        let q: Vec<i8> = (0..rows * cols).map(|i| ((i * 7919) % 255) as i32 - 127).map(|v| v as i8).collect();
        let d: Vec<f32> = (0..rows * cols / BLOCK).map(|i| 0.01 + i as f32 * 1e-3).collect();
        let x: Vec<f32> = (0..cols).map(|i| (i as f32 * 0.37).sin()).collect();
        let head = Q8Head { rows, cols, q: q.clone(), d: d.clone() };
        let mut want = vec![0f32; rows];
        rows_scalar(&q, &d, &x, &mut want);
        for threads in [1, 2, 3] {
            let got = head.logits(&x, threads);
            for (a, b) in got.iter().zip(&want) {
                assert!((a - b).abs() < 1e-4, "{a} vs {b}");
            }
        }
    }
}
#[cfg(test)]
mod timing {
    #[test]
    #[ignore]
    fn time_head() {
        let dir = crate::paths::env_model_dir();
        let h = super::Q8Head::load(&dir.join("lm_head.q8_0")).unwrap();
        let x: Vec<f32> = (0..576).map(|i| (i as f32).sin()).collect();
        for t in [1, 2] {
            let t0 = std::time::Instant::now();
            let c0 = crate::cli::cpu_seconds();
            for _ in 0..50 { std::hint::black_box(h.logits(&x, t)); }
            eprintln!("threads {t}: {:.2} ms wall, {:.2} ms cpu", t0.elapsed().as_secs_f64() * 20.0, (crate::cli::cpu_seconds() - c0) * 20.0);
        }
    }
}

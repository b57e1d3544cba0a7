//! Causal self-attention with grouped key/value heads and rotary positions, over a KV cache laid
//! out `[kv_heads, rows, head_dim]` — the arithmetic behind the `CausalAttention` operator
//! (`ops.rs`). ONNX Runtime's GroupQueryAttention does the same with SSE-only loops; on this
//! model they were a quarter of each decode step.
//!
//! Rotary embedding is the "rotate half" form (Hugging Face Llama, ONNX Runtime's
//! `rotary_interleaved = 0`): for j < d/2, `(x_j, x_{j+d/2}) → (x_j·cos − x_{j+d/2}·sin,
//! x_{j+d/2}·cos + x_j·sin)` with the angles of the token's position.

/// Rotates one head vector in place with one position's `cos`/`sin` rows (`head_dim / 2` each).
pub fn rotate(x: &mut [f32], cos: &[f32], sin: &[f32]) {
    let half = x.len() / 2;
    let (a, b) = x.split_at_mut(half);
    for j in 0..half {
        let (x1, x2) = (a[j], b[j]);
        a[j] = x1 * cos[j] - x2 * sin[j];
        b[j] = x2 * cos[j] + x1 * sin[j];
    }
}

/// One query head against the first `len` rows of one key/value head:
/// `out = softmax(scale · K q) V`. `scores` is scratch (resized as needed).
pub fn attend(q: &[f32], keys: &[f32], values: &[f32], len: usize, scale: f32, scores: &mut Vec<f32>, out: &mut [f32]) {
    let d = q.len();
    assert!(keys.len() >= len * d && values.len() >= len * d && out.len() == d, "attention shapes");
    scores.clear();
    scores.resize(len, 0.0);
    #[cfg(target_arch = "x86_64")]
    if d == simd::D && simd::available() {
        // SAFETY: AVX2/FMA present (checked); shapes checked above.
        unsafe {
            simd::scores_64(q, keys, scale, scores);
            let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let total = simd::exp_shifted(scores, max);
            simd::weighted_sum_64(scores, 1.0 / total, values, out);
        }
        return;
    }
    for (s, k) in scores.iter_mut().zip(keys.chunks_exact(d)) {
        *s = dot(q, k) * scale;
    }
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let total = exp_shifted(scores, max);
    out.fill(0.0);
    for (p, v) in scores.iter().zip(values[..len * d].chunks_exact(d)) {
        axpy(p / total, v, out);
    }
}

/// `s ← exp(s − max)` for every score; returns their sum.
fn exp_shifted(scores: &mut [f32], max: f32) -> f32 {
    #[cfg(target_arch = "x86_64")]
    if simd::available() {
        // SAFETY: AVX2/FMA present (checked).
        return unsafe { simd::exp_shifted(scores, max) };
    }
    let mut total = 0f32;
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
        total += *s;
    }
    total
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    if a.len().is_multiple_of(16) && simd::available() {
        // SAFETY: AVX2/FMA present (checked); lengths are equal multiples of 16.
        return unsafe { simd::dot(a, b) };
    }
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if x.len().is_multiple_of(8) && simd::available() {
        // SAFETY: as above; lengths are equal multiples of 8.
        unsafe { simd::axpy(a, x, y) };
        return;
    }
    for (y, x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

#[cfg(target_arch = "x86_64")]
mod simd {
    use std::arch::x86_64::*;

    pub(super) use crate::quant::simd::{available, dot};
    use crate::quant::simd::hsum;

    /// The head size of the register-resident kernels (SmolLM2's).
    pub const D: usize = 64;

    /// `scores[t] = scale · q·k_t` for head size 64: q stays in registers and eight rows are
    /// summed at once (one horizontal-add tree per eight rows instead of one per row).
    #[target_feature(enable = "avx2,fma,f16c")]
    pub unsafe fn scores_64(q: &[f32], keys: &[f32], scale: f32, scores: &mut [f32]) {
        let len = scores.len();
        assert!(q.len() == D && keys.len() >= len * D);
        let qv: [__m256; 8] = std::array::from_fn(|j| _mm256_loadu_ps(q.as_ptr().add(8 * j)));
        let row = |t: usize| {
            let k = keys.as_ptr().add(t * D);
            let mut a = _mm256_mul_ps(qv[0], _mm256_loadu_ps(k));
            let mut b = _mm256_mul_ps(qv[1], _mm256_loadu_ps(k.add(8)));
            for j in (2..8).step_by(2) {
                a = _mm256_fmadd_ps(qv[j], _mm256_loadu_ps(k.add(8 * j)), a);
                b = _mm256_fmadd_ps(qv[j + 1], _mm256_loadu_ps(k.add(8 * j + 8)), b);
            }
            _mm256_add_ps(a, b)
        };
        let sc = _mm256_set1_ps(scale);
        let mut t = 0;
        while t + 8 <= len {
            let r: [__m256; 8] = std::array::from_fn(|i| row(t + i));
            let s0123 = _mm256_hadd_ps(_mm256_hadd_ps(r[0], r[1]), _mm256_hadd_ps(r[2], r[3]));
            let s4567 = _mm256_hadd_ps(_mm256_hadd_ps(r[4], r[5]), _mm256_hadd_ps(r[6], r[7]));
            let sums = _mm256_add_ps(_mm256_permute2f128_ps(s0123, s4567, 0x20), _mm256_permute2f128_ps(s0123, s4567, 0x31));
            _mm256_storeu_ps(scores.as_mut_ptr().add(t), _mm256_mul_ps(sums, sc));
            t += 8;
        }
        for (t, out) in scores.iter_mut().enumerate().skip(t) {
            *out = hsum(row(t)) * scale;
        }
    }

    /// `out = norm · Σ_t w_t v_t` for head size 64, the sum held in eight registers.
    #[target_feature(enable = "avx2,fma,f16c")]
    pub unsafe fn weighted_sum_64(w: &[f32], norm: f32, values: &[f32], out: &mut [f32]) {
        assert!(out.len() == D && values.len() >= w.len() * D);
        let mut acc = [_mm256_setzero_ps(); 8];
        for (t, &p) in w.iter().enumerate() {
            let p = _mm256_set1_ps(p);
            let v = values.as_ptr().add(t * D);
            for (j, a) in acc.iter_mut().enumerate() {
                *a = _mm256_fmadd_ps(p, _mm256_loadu_ps(v.add(8 * j)), *a);
            }
        }
        let n = _mm256_set1_ps(norm);
        for (j, a) in acc.iter().enumerate() {
            _mm256_storeu_ps(out.as_mut_ptr().add(8 * j), _mm256_mul_ps(*a, n));
        }
    }

    /// `s ← exp(s − max)`, 8 lanes at a time (libm's `expf` per score was most of the
    /// attention's time); returns the sum.
    #[target_feature(enable = "avx2,fma,f16c")]
    pub unsafe fn exp_shifted(scores: &mut [f32], max: f32) -> f32 {
        let m = _mm256_set1_ps(max);
        let mut sum = _mm256_setzero_ps();
        let mut chunks = scores.chunks_exact_mut(8);
        for c in &mut chunks {
            let e = exp8(_mm256_sub_ps(_mm256_loadu_ps(c.as_ptr()), m));
            _mm256_storeu_ps(c.as_mut_ptr(), e);
            sum = _mm256_add_ps(sum, e);
        }
        let mut buf = [0f32; 8];
        _mm256_storeu_ps(buf.as_mut_ptr(), sum);
        let mut total: f32 = buf.iter().sum();
        for s in chunks.into_remainder() {
            *s = (*s - max).exp();
            total += *s;
        }
        total
    }

    /// e^x for x ≤ 0 (Cody–Waite range reduction and Cephes' degree-5 polynomial, relative
    /// error ≈ 1e-7; arguments below −87.3 give ≈ 1e-38 instead of 0).
    #[inline]
    #[target_feature(enable = "avx2,fma,f16c")]
    unsafe fn exp8(x: __m256) -> __m256 {
        let x = _mm256_max_ps(_mm256_min_ps(x, _mm256_set1_ps(88.376_26)), _mm256_set1_ps(-87.336_54));
        let n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(std::f32::consts::LOG2_E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        let r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693_359_4), x);
        let r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.121_944_4e-4), r);
        let mut y = _mm256_set1_ps(1.987_569_1e-4);
        for c in [1.398_199_9e-3, 8.333_452e-3, 4.166_579_6e-2, 0.166_666_65, 0.5] {
            y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(c));
        }
        let y = _mm256_add_ps(_mm256_fmadd_ps(y, _mm256_mul_ps(r, r), r), _mm256_set1_ps(1.0));
        let pow2n = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23));
        _mm256_mul_ps(y, pow2n)
    }

    #[target_feature(enable = "avx2,fma,f16c")]
    pub unsafe fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
        assert_eq!(x.len(), y.len());
        let av = _mm256_set1_ps(a);
        for i in (0..x.len()).step_by(8) {
            let p = y.as_mut_ptr().add(i);
            _mm256_storeu_ps(p, _mm256_fmadd_ps(av, _mm256_loadu_ps(x.as_ptr().add(i)), _mm256_loadu_ps(p)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_by_zero_is_identity_and_preserves_length() {
        let mut x: Vec<f32> = (0..8).map(|i| i as f32 - 3.5).collect();
        let orig = x.clone();
        rotate(&mut x, &[1.0; 4], &[0.0; 4]);
        assert_eq!(x, orig);
        let angles = [0.3f32, 1.1, 2.0, -0.7];
        rotate(&mut x, &angles.map(f32::cos), &angles.map(f32::sin));
        let norm = |v: &[f32]| v.iter().map(|a| a * a).sum::<f32>();
        assert!((norm(&x) - norm(&orig)).abs() < 1e-4);
        // Pair (x0, x4) rotated by 0.3.
        assert!((x[0] - (orig[0] * 0.3f32.cos() - orig[4] * 0.3f32.sin())).abs() < 1e-6);
    }

    #[test]
    fn vector_exp_matches_libm() {
        let mut s: Vec<f32> = (0..203).map(|i| -(i as f32) * 0.37 + 0.5).collect();
        let want: Vec<f32> = s.iter().map(|x| (x - 0.5).exp()).collect();
        let total = exp_shifted(&mut s, 0.5);
        for (g, w) in s.iter().zip(&want) {
            assert!((g - w).abs() <= 2e-7 * w.max(1e-30) + 1e-37, "{g} vs {w}");
        }
        assert!((total - want.iter().sum::<f32>()).abs() < 1e-5);
    }

    #[test]
    fn attention_matches_the_textbook_formula() {
        let (d, len) = (64, 37);
        let q: Vec<f32> = (0..d).map(|i| (i as f32 * 0.21).sin()).collect();
        let k: Vec<f32> = (0..len * d).map(|i| (i as f32 * 0.13).cos()).collect();
        let v: Vec<f32> = (0..len * d).map(|i| (i as f32 * 0.07).sin() * 2.0).collect();
        let scale = 1.0 / (d as f32).sqrt();
        let mut out = vec![0f32; d];
        attend(&q, &k, &v, len, scale, &mut Vec::new(), &mut out);
        // The portable path (any head size) agrees too.
        let mut plain = vec![0f32; d];
        let mut s = Vec::new();
        s.extend(k.chunks_exact(d).map(|r| dot(&q, r) * scale));
        let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let z = exp_shifted(&mut s, max);
        for (p, r) in s.iter().zip(v.chunks_exact(d)) {
            axpy(p / z, r, &mut plain);
        }
        for (a, b) in out.iter().zip(&plain) {
            assert!((a - b).abs() < 1e-5);
        }
        let logits: Vec<f64> = (0..len).map(|t| (0..d).map(|j| q[j] as f64 * k[t * d + j] as f64).sum::<f64>() * scale as f64).collect();
        let z: f64 = logits.iter().map(|l| l.exp()).sum();
        for j in 0..d {
            let want: f64 = (0..len).map(|t| logits[t].exp() / z * v[t * d + j] as f64).sum();
            assert!((out[j] as f64 - want).abs() < 1e-5, "{j}: {} vs {want}", out[j]);
        }
        // Only the first `len` rows count.
        let mut out2 = vec![0f32; d];
        let mut k2 = k.clone();
        k2.extend(vec![100.0; d]);
        let mut v2 = v.clone();
        v2.extend(vec![-100.0; d]);
        attend(&q, &k2, &v2, len, scale, &mut Vec::new(), &mut out2);
        assert_eq!(out, out2);
    }
}

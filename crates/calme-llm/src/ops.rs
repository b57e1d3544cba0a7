//! ONNX Runtime custom operators over llama.cpp's quantized blocks (domain `ai.calme`), so the
//! graph carries the GGUF's weights as they are and ONNX Runtime runs everything else:
//!
//! * `QMatMul(X float [..., K], W uint8 [N, row bytes]) -> Y float [..., N]`, attributes
//!   `format` ("q4_1" | "q8_0"), `K`, `N`: `Y = X · Wᵀ` (the projections and the LM head);
//!   with `activation = "swiglu"` the rows are gate then up projections and the output is
//!   `silu(gate) * up`, `[..., N/2]` (saves four small nodes per layer);
//! * `QGather(W uint8 [V, row bytes], ids int64 [...]) -> float [..., K]`, attributes `format`,
//!   `K`: dequantized rows (the embedding; it shares the LM head's initializer).
//!
//! * `CausalAttention(QKV [1, S, (H + 2·KV)·D], past_key, past_value [1, KV, L, D],
//!   total_sequence_length int32, cos_cache, sin_cache [positions, D/2])
//!   -> (out [1, S, H·D], present_key, present_value)`, attributes `num_heads`, `kv_num_heads`,
//!   optional `scale`: rotary positions, then causal attention over the cache (`attention.rs`).
//!   The cache either grows (`L` = past positions; present has `total` rows, like Optimum
//!   exports) or is one preallocated buffer bound as both past and present (`L` ≥ total; the
//!   new rows are written in place, nothing is copied).
//!
//! `W` must be a constant initializer: kernels read it in place, with no copy or prepacking.
//! Products are split over ONNX Runtime's intra-op threads.

use std::ops::Range;

use ort::operator::{ComputeContext, Kernel, KernelContext, Operator, OperatorDomain, OperatorInput, OperatorOutput};
use ort::value::{TensorElementType, TensorValueType, ValueRef};

use crate::attention::{attend, rotate};
use crate::quant::{Format, Out, QMatrix};

pub const DOMAIN: &str = "ai.calme";

/// The operator domain to register on every session (harmless for graphs that do not use it).
pub fn domain(threads: usize) -> ort::Result<OperatorDomain> {
    OperatorDomain::new(DOMAIN)?.add(QMatMulOp { threads })?.add(QGatherOp)?.add(CausalAttentionOp { threads })
}

fn err(msg: impl std::fmt::Display) -> ort::Error {
    ort::Error::new(msg.to_string())
}

/// The constant weight input `idx` and the matrix it holds.
struct Weights<'a> {
    value: ValueRef<'a, TensorValueType<u8>>,
    format: Format,
    n: usize,
    k: usize,
}

impl<'a> Weights<'a> {
    fn read(kctx: &KernelContext<'a>, idx: usize, k: usize) -> ort::Result<Weights<'a>> {
        let name: String = kctx.get("format").ok_or_else(|| err("missing attribute `format`"))?;
        let format = Format::from_name(&name).ok_or_else(|| err(format!("unknown block format {name:?}")))?;
        let value = kctx
            .constant_input::<TensorValueType<u8>>(idx)
            .map_err(|e| err(format!("weights must be a constant initializer: {e}")))?;
        let n = value.shape().first().copied().unwrap_or(0) as usize;
        let weights = Weights { value, format, n, k };
        weights.matrix()?;
        Ok(weights)
    }

    fn matrix(&self) -> ort::Result<QMatrix<'_>> {
        let (_, data) = self.value.try_extract_tensor::<u8>()?;
        QMatrix::new(self.format, self.n, self.k, data).map_err(err)
    }
}

fn attr_usize(kctx: &KernelContext<'_>, name: &str) -> ort::Result<usize> {
    let v: i64 = kctx.get(name).ok_or_else(|| err(format!("missing attribute `{name}`")))?;
    usize::try_from(v).map_err(|_| err(format!("attribute `{name}` = {v}")))
}

struct QMatMulOp {
    threads: usize,
}

struct QMatMul<'a> {
    w: Weights<'a>,
    threads: usize,
    swiglu: bool,
}

impl Operator for QMatMulOp {
    type Kernel<'attr> = QMatMul<'attr>;

    fn name(&self) -> &str {
        "QMatMul"
    }

    fn inputs(&self) -> impl IntoIterator<Item = OperatorInput> {
        [OperatorInput::required(TensorElementType::Float32), OperatorInput::required(TensorElementType::Uint8)]
    }

    fn outputs(&self) -> impl IntoIterator<Item = OperatorOutput> {
        [OperatorOutput::required(TensorElementType::Float32)]
    }

    fn create_kernel<'attr>(&self, kctx: &KernelContext<'attr>) -> ort::Result<QMatMul<'attr>> {
        let w = Weights::read(kctx, 1, attr_usize(kctx, "K")?)?;
        if w.n != attr_usize(kctx, "N")? {
            return Err(err(format!("attribute N disagrees with the weights' {} rows", w.n)));
        }
        let swiglu = match kctx.get::<String>("activation").as_deref() {
            None | Some("none") => false,
            Some("swiglu") if w.n % 2 == 0 => true,
            Some(other) => return Err(err(format!("unsupported activation {other:?} for N = {}", w.n))),
        };
        Ok(QMatMul { w, threads: self.threads, swiglu })
    }
}

/// Output columns per parallel task: enough work per task to pay for the hand-off.
const MIN_COLS_PER_TASK: usize = 32;

impl Kernel for QMatMul<'_> {
    fn compute(&mut self, ctx: &ComputeContext) -> ort::Result<()> {
        let w = self.w.matrix()?;
        let x = ctx.input(0)?.ok_or_else(|| err("QMatMul: missing input"))?;
        let (shape, x) = x.try_extract_tensor::<f32>()?;
        if shape.last().copied() != Some(w.k() as i64) {
            return Err(err(format!("QMatMul: input {shape:?} does not end in K = {}", w.k())));
        }
        let m = x.len() / w.k();
        let n = w.n();
        let mut out_shape = shape.to_vec();
        *out_shape.last_mut().expect("checked above") = if self.swiglu { n / 2 } else { n } as i64;
        let mut y = ctx.output(0, out_shape)?.ok_or_else(|| err("QMatMul: no output"))?;
        let (_, y) = y.try_extract_tensor_mut::<f32>()?;
        if !self.swiglu {
            return self.product(ctx, &w, x, m, y);
        }
        let mut gate_up = vec![0f32; m * n];
        self.product(ctx, &w, x, m, &mut gate_up)?;
        let half = n / 2;
        for (row, out) in gate_up.chunks_exact(n).zip(y.chunks_exact_mut(half)) {
            for ((o, &g), &u) in out.iter_mut().zip(&row[..half]).zip(&row[half..]) {
                *o = g / (1.0 + (-g).exp()) * u;
            }
        }
        Ok(())
    }
}

impl QMatMul<'_> {
    /// `y = x · Wᵀ`, the columns split over the intra-op threads.
    fn product(&self, ctx: &ComputeContext, w: &QMatrix<'_>, x: &[f32], m: usize, y: &mut [f32]) -> ort::Result<()> {
        let out = Out::new(y);
        let n = w.n();
        let tasks = (n / MIN_COLS_PER_TASK).clamp(1, self.threads.max(1));
        split(ctx, n, tasks, |cols| w.matmul_cols(x, m, out, cols))
    }
}

/// Runs `f` over `0..total` cut into `tasks` contiguous ranges, on ONNX Runtime's intra-op
/// threads (on the calling thread when there is one task).
fn split(ctx: &ComputeContext, total: usize, tasks: usize, f: impl Fn(Range<usize>) + Sync + Send) -> ort::Result<()> {
    let tasks = tasks.clamp(1, total.max(1));
    if tasks == 1 {
        f(0..total);
        return Ok(());
    }
    let per = total.div_ceil(tasks);
    ctx.par_for(tasks, 0, |t| f((t * per).min(total)..((t + 1) * per).min(total)))
}

struct QGatherOp;

struct QGather<'a> {
    w: Weights<'a>,
}

impl Operator for QGatherOp {
    type Kernel<'attr> = QGather<'attr>;

    fn name(&self) -> &str {
        "QGather"
    }

    fn inputs(&self) -> impl IntoIterator<Item = OperatorInput> {
        [OperatorInput::required(TensorElementType::Uint8), OperatorInput::required(TensorElementType::Int64)]
    }

    fn outputs(&self) -> impl IntoIterator<Item = OperatorOutput> {
        [OperatorOutput::required(TensorElementType::Float32)]
    }

    fn create_kernel<'attr>(&self, kctx: &KernelContext<'attr>) -> ort::Result<QGather<'attr>> {
        Ok(QGather { w: Weights::read(kctx, 0, attr_usize(kctx, "K")?)? })
    }
}

impl Kernel for QGather<'_> {
    fn compute(&mut self, ctx: &ComputeContext) -> ort::Result<()> {
        let w = self.w.matrix()?;
        let ids = ctx.input(1)?.ok_or_else(|| err("QGather: missing ids"))?;
        let (shape, ids) = ids.try_extract_tensor::<i64>()?;
        let mut out_shape = shape.to_vec();
        out_shape.push(w.k() as i64);
        let mut y = ctx.output(0, out_shape)?.ok_or_else(|| err("QGather: no output"))?;
        let (_, y) = y.try_extract_tensor_mut::<f32>()?;
        for (&id, row) in ids.iter().zip(y.chunks_exact_mut(w.k())) {
            let r = usize::try_from(id).ok().filter(|&r| r < w.n()).ok_or_else(|| err(format!("token id {id} outside the vocabulary")))?;
            w.dequantize_row(r, row);
        }
        Ok(())
    }
}

struct CausalAttentionOp {
    threads: usize,
}

struct CausalAttention {
    heads: usize,
    kv_heads: usize,
    scale: Option<f32>,
    threads: usize,
}

impl Operator for CausalAttentionOp {
    type Kernel<'attr> = CausalAttention;

    fn name(&self) -> &str {
        "CausalAttention"
    }

    fn inputs(&self) -> impl IntoIterator<Item = OperatorInput> {
        let f = || OperatorInput::required(TensorElementType::Float32);
        [f(), f(), f(), OperatorInput::required(TensorElementType::Int32), f(), f()]
    }

    fn outputs(&self) -> impl IntoIterator<Item = OperatorOutput> {
        [0, 1, 2].map(|_| OperatorOutput::required(TensorElementType::Float32))
    }

    fn create_kernel<'attr>(&self, kctx: &KernelContext<'attr>) -> ort::Result<CausalAttention> {
        let heads = attr_usize(kctx, "num_heads")?;
        let kv_heads = attr_usize(kctx, "kv_num_heads")?;
        if kv_heads == 0 || heads % kv_heads != 0 {
            return Err(err(format!("{heads} heads cannot share {kv_heads} key/value heads")));
        }
        let scale = kctx.get::<f32>("scale").filter(|s| *s != 0.0);
        Ok(CausalAttention { heads, kv_heads, scale, threads: self.threads })
    }
}

impl Kernel for CausalAttention {
    fn compute(&mut self, ctx: &ComputeContext) -> ort::Result<()> {
        let input = |i: usize| ctx.input(i)?.ok_or_else(|| err(format!("CausalAttention: missing input {i}")));
        let (h, kvh) = (self.heads, self.kv_heads);
        let qkv = input(0)?;
        let (shape, qkv) = qkv.try_extract_tensor::<f32>()?;
        let &[1, s, width] = &shape[..] else {
            return Err(err(format!("CausalAttention: QKV shape {shape:?} (batch 1 only)")));
        };
        let (s, width) = (s as usize, width as usize);
        if width % (h + 2 * kvh) != 0 {
            return Err(err(format!("CausalAttention: width {width} is not (heads + 2 kv heads) x head size")));
        }
        let d = width / (h + 2 * kvh);
        let total = input(3)?;
        let total = *total.try_extract_tensor::<i32>()?.1.first().ok_or_else(|| err("empty total_sequence_length"))? as usize;
        let (cos, sin) = (input(4)?, input(5)?);
        let ((cshape, cos), (_, sin)) = (cos.try_extract_tensor::<f32>()?, sin.try_extract_tensor::<f32>()?);
        if total < s || cshape.first().copied().unwrap_or(0) < total as i64 || cos.len() != sin.len() || cos.len() < total * d / 2 {
            return Err(err(format!("CausalAttention: {total} positions, {s} new, rotary tables {cshape:?}")));
        }
        let past_len = total - s;

        // Past caches: only their address and size are kept, as a present buffer may be the same memory.
        let (past_k, past_v) = (input(1)?, input(2)?);
        let (pshape, pk) = past_k.try_extract_tensor::<f32>()?;
        let rows_in = pshape.get(2).copied().unwrap_or(-1) as usize;
        if pshape.len() != 4 || pshape[1] as usize != kvh || pshape[3] as usize != d || past_v.shape() != pshape {
            return Err(err(format!("CausalAttention: past shape {pshape:?}")));
        }
        let growing = rows_in == past_len;
        if !growing && rows_in < total {
            return Err(err(format!("CausalAttention: cache of {rows_in} rows cannot hold {total} positions")));
        }
        let rows = if growing { total } else { rows_in };
        let pasts = [(pk.as_ptr(), pk.len()), {
            let pv = past_v.try_extract_tensor::<f32>()?.1;
            (pv.as_ptr(), pv.len())
        }];
        let present_shape = [1, kvh as i64, rows as i64, d as i64];
        let mut present_k = ctx.output(1, present_shape)?.ok_or_else(|| err("CausalAttention: no present key"))?;
        let mut present_v = ctx.output(2, present_shape)?.ok_or_else(|| err("CausalAttention: no present value"))?;
        let (_, pk) = present_k.try_extract_tensor_mut::<f32>()?;
        let (_, pv) = present_v.try_extract_tensor_mut::<f32>()?;
        for ((src, len), dst) in pasts.into_iter().zip([&mut *pk, &mut *pv]) {
            if std::ptr::eq(src, dst.as_ptr()) {
                continue; // past and present are one bound buffer: the rows are already there
            }
            // SAFETY: `src` is the past input of `len` floats, alive for this call, and not `dst`.
            let src = unsafe { std::slice::from_raw_parts(src, len) };
            for g in 0..kvh {
                let n = past_len * d;
                dst[g * rows * d..][..n].copy_from_slice(&src[g * rows_in * d..][..n]);
            }
        }

        // New positions: rotated keys and values into the cache.
        let half = d / 2;
        for i in 0..s {
            let pos = past_len + i;
            let (c, sn) = (&cos[pos * half..][..half], &sin[pos * half..][..half]);
            for g in 0..kvh {
                let at = (g * rows + pos) * d;
                pk[at..at + d].copy_from_slice(&qkv[i * width + (h + g) * d..][..d]);
                rotate(&mut pk[at..at + d], c, sn);
                pv[at..at + d].copy_from_slice(&qkv[i * width + (h + kvh + g) * d..][..d]);
            }
        }

        let mut out = ctx.output(0, [1, s as i64, (h * d) as i64])?.ok_or_else(|| err("CausalAttention: no output"))?;
        let out = Out::new(out.try_extract_tensor_mut::<f32>()?.1);
        let (pk, pv) = (&*pk, &*pv);
        let scale = self.scale.unwrap_or(1.0 / (d as f32).sqrt());
        let group = h / kvh;
        let jobs = h * s;
        split(ctx, jobs, self.threads, |range| {
            let (mut q, mut o, mut scores) = (vec![0f32; d], vec![0f32; d], Vec::with_capacity(total));
            for job in range {
                let (i, head) = (job / h, job % h);
                let (pos, g) = (past_len + i, head / group);
                q.copy_from_slice(&qkv[i * width + head * d..][..d]);
                rotate(&mut q, &cos[pos * half..][..half], &sin[pos * half..][..half]);
                let cache = g * rows * d..(g + 1) * rows * d;
                attend(&q, &pk[cache.clone()], &pv[cache], pos + 1, scale, &mut scores, &mut o);
                out.write((i * h + head) * d, &o);
            }
        })
    }
}

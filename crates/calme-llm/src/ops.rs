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
//! `W` must be a constant initializer: kernels read it in place, with no copy or prepacking.
//! Products are split over ONNX Runtime's intra-op threads.

use ort::operator::{ComputeContext, Kernel, KernelContext, Operator, OperatorDomain, OperatorInput, OperatorOutput};
use ort::value::{TensorElementType, TensorValueType, ValueRef};

use crate::quant::{Format, Out, QMatrix};

pub const DOMAIN: &str = "ai.calme";

/// The operator domain to register on every session (harmless for graphs that do not use it).
pub fn domain(threads: usize) -> ort::Result<OperatorDomain> {
    OperatorDomain::new(DOMAIN)?.add(QMatMulOp { threads })?.add(QGatherOp)
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
        if tasks == 1 {
            w.matmul_cols(x, m, out, 0..n);
            return Ok(());
        }
        let per = n.div_ceil(tasks);
        ctx.par_for(tasks, 0, |t| w.matmul_cols(x, m, out, (t * per).min(n)..((t + 1) * per).min(n)))
    }
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

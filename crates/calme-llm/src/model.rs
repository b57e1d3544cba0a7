//! One ONNX Runtime session over the decoder graph, and the KV cache it steps through.
//!
//! The graph has the Optimum interface (`input_ids`, `attention_mask`, `position_ids`,
//! `past_key_values.{i}.key/value` → `logits`, `present.{i}.key/value`). Each step's `present.*`
//! values become the next step's `past.*` inputs without a copy.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use ort::session::builder::GraphOptimizationLevel;
use ort::session::{Session, SessionInputValue};
use ort::value::{DynValue, Tensor};

use crate::{LlmError, ModelConfig};

static ENVIRONMENT: OnceLock<Mutex<Option<(PathBuf, ort::environment::Environment)>>> = OnceLock::new();

/// Loads the ONNX Runtime library once per process (later calls reuse the first library).
pub(crate) fn ensure_runtime(dylib: &Path) -> Result<ort::environment::Environment, LlmError> {
    let slot = ENVIRONMENT.get_or_init(|| Mutex::new(None));
    let mut guard = slot.lock().map_err(|_| LlmError::Runtime("runtime lock poisoned".into()))?;
    if let Some((_, env)) = guard.as_ref() {
        return Ok(env.clone());
    }
    if !dylib.is_file() {
        return Err(LlmError::RuntimeMissing { path: dylib.to_path_buf(), reason: "no such file".into() });
    }
    let builder = ort::init_from(dylib)
        .map_err(|e| LlmError::RuntimeMissing { path: dylib.to_path_buf(), reason: e.to_string() })?;
    let env = builder
        .with_name("calme")
        .build()
        .map_err(|e| LlmError::RuntimeMissing { path: dylib.to_path_buf(), reason: e.to_string() })?;
    *guard = Some((dylib.to_path_buf(), env.clone()));
    Ok(env)
}

/// The cache of one sequence: one key and one value tensor per layer.
pub struct KvCache {
    past: Vec<DynValue>,
    /// Positions already in the cache.
    pub len: usize,
}

/// Logits of the last position of a step.
pub struct StepOutput {
    pub logits: Vec<f32>,
}

pub struct Model {
    session: Session,
    cfg: ModelConfig,
    past_names: Vec<String>,
    present_names: Vec<String>,
}

impl Model {
    pub fn load(model_dir: &Path, cfg: &ModelConfig, ort_dylib: &Path, threads: usize) -> Result<Model, LlmError> {
        let env = ensure_runtime(ort_dylib)?;
        let path = model_dir.join(&cfg.model_file);
        if !path.is_file() {
            return Err(LlmError::ModelMissing { path, reason: "no such file".into() });
        }
        let rt = |e: ort::Error<ort::session::builder::SessionBuilder>| LlmError::Runtime(e.to_string());
        let threads = if threads == 0 { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) } else { threads };
        let session = Session::builder(&env)?
            .with_optimization_level(GraphOptimizationLevel::Level3)
            .map_err(rt)?
            .with_intra_threads(threads)
            .map_err(rt)?
            .with_inter_threads(1)
            .map_err(rt)?
            .commit_from_file(&path)
            .map_err(|e| LlmError::Runtime(format!("loading {}: {e}", path.display())))?;
        let mut past_names = Vec::new();
        let mut present_names = Vec::new();
        for i in 0..cfg.num_layers {
            for kind in ["key", "value"] {
                past_names.push(format!("past_key_values.{i}.{kind}"));
                present_names.push(format!("present.{i}.{kind}"));
            }
        }
        Ok(Model { session, cfg: cfg.clone(), past_names, present_names })
    }

    pub fn config(&self) -> &ModelConfig {
        &self.cfg
    }

    /// An empty cache (zero past positions).
    pub fn new_cache(&self) -> Result<KvCache, LlmError> {
        let shape = [1i64, self.cfg.num_kv_heads as i64, 0, self.cfg.head_dim as i64];
        let past = (0..self.past_names.len())
            .map(|_| Tensor::<f32>::from_array((shape, Vec::<f32>::new())).map(|t| t.into_dyn()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(KvCache { past, len: 0 })
    }

    /// Runs `tokens` after what the cache holds; returns the last position's logits.
    pub fn forward(&mut self, cache: &mut KvCache, tokens: &[u32]) -> Result<StepOutput, LlmError> {
        let n = tokens.len();
        let past = cache.len;
        let ids: Vec<i64> = tokens.iter().map(|&t| t as i64).collect();
        let mask = vec![1i64; past + n];
        let pos: Vec<i64> = (past as i64..(past + n) as i64).collect();
        let mut inputs: Vec<(std::borrow::Cow<'_, str>, SessionInputValue<'_>)> = Vec::with_capacity(3 + cache.past.len());
        inputs.push(("input_ids".into(), Tensor::from_array(([1i64, n as i64], ids))?.into()));
        inputs.push(("attention_mask".into(), Tensor::from_array(([1i64, (past + n) as i64], mask))?.into()));
        if self.cfg.has_position_ids {
            inputs.push(("position_ids".into(), Tensor::from_array(([1i64, n as i64], pos))?.into()));
        }
        for (name, value) in self.past_names.iter().zip(cache.past.iter()) {
            inputs.push((name.as_str().into(), value.into()));
        }
        let mut outputs = self.session.run(inputs)?;
        let logits = outputs
            .remove("logits")
            .ok_or_else(|| LlmError::Runtime("graph has no logits output".into()))?;
        let (shape, data) = logits.try_extract_tensor::<f32>()?;
        let vocab = *shape.last().unwrap_or(&0) as usize;
        if vocab == 0 || data.len() < vocab {
            return Err(LlmError::Runtime(format!("unexpected logits shape {shape:?}")));
        }
        let last = data[data.len() - vocab..].to_vec();
        for (slot, name) in cache.past.iter_mut().zip(&self.present_names) {
            *slot = outputs.remove(name.as_str()).ok_or_else(|| LlmError::Runtime(format!("graph has no {name} output")))?;
        }
        cache.len = past + n;
        Ok(StepOutput { logits: last })
    }
}

//! One ONNX Runtime session over the decoder graph, and the KV cache it steps through.
//!
//! The graph has the Optimum interface (`input_ids`, `attention_mask`, `position_ids`,
//! `past_key_values.{i}.key/value` → `logits`, `present.{i}.key/value`). Two cache layouts:
//! * `growing` (any Optimum export): each step's `present.*` values become the next step's
//!   `past.*` inputs as they are, without a copy;
//! * `shared` (our GroupQueryAttention graph): one preallocated buffer per layer and kind, bound
//!   through I/O binding as both `past.*` and `present.*`, so a step copies no cache at all.
//!
//! When the graph has a `num_logits_to_keep` input, only the last position's logits are computed.
//! Every session gets CALMe's custom operators (`ops.rs`), which the offline converter's graph
//! uses for its quantized weights.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use ort::session::IoBinding;
use ort::session::builder::{GraphOptimizationLevel, SessionBuilder};
use ort::session::{Session, SessionInputValue};
use ort::value::{DynValue, Tensor};

use crate::{KvLayout, LlmError, ModelConfig};

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
    let missing = |e: String| LlmError::RuntimeMissing { path: dylib.to_path_buf(), reason: e };
    let env = ort::init_from(dylib)
        .map_err(|e| missing(e.to_string()))?
        .with_name("calme")
        .build()
        .map_err(|e| missing(e.to_string()))?;
    *guard = Some((dylib.to_path_buf(), env.clone()));
    Ok(env)
}

/// `threads`, or every core for 0.
pub(crate) fn cores(threads: usize) -> usize {
    if threads == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { threads }
}

fn builder_error(e: ort::Error<SessionBuilder>) -> LlmError {
    LlmError::Runtime(e.to_string())
}

/// A session builder as CALMe runs every graph: all graph optimisations, `threads` intra-op
/// threads, one inter-op thread, pool threads spinning between operators or not.
pub(crate) fn session_builder(env: &ort::environment::Environment, threads: usize, spin: bool) -> Result<SessionBuilder, LlmError> {
    Ok(Session::builder(env)?
        .with_optimization_level(GraphOptimizationLevel::All)
        .map_err(builder_error)?
        .with_intra_threads(threads)
        .map_err(builder_error)?
        .with_inter_threads(1)
        .map_err(builder_error)?
        .with_intra_op_spinning(spin)
        .map_err(builder_error)?)
}

const KEEP_INPUT: &str = "num_logits_to_keep";

/// Prompt positions per prefill run: peak memory grows with the positions in one run
/// (≈ 0.7 MB each here), while 64 at a time costs no measurable speed.
pub const PREFILL_CHUNK: usize = 64;

/// The cache of one sequence.
pub struct KvCache {
    /// Positions already in the cache.
    pub len: usize,
    /// Most positions the cache can hold.
    pub capacity: usize,
    store: KvStore,
}

enum KvStore {
    /// One value per layer and kind; replaced by `present.*` after each step.
    Growing(Vec<DynValue>),
    /// Preallocated buffers bound as both past and present.
    Shared { binding: Box<IoBinding>, _buffers: Vec<Tensor<f32>> },
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
    has_keep: bool,
    has_position_ids: bool,
    /// The graph's `hidden.{layer}` outputs (normalized hidden states), shallowest first.
    hidden_names: Vec<String>,
}

impl Model {
    /// Loads with ONNX Runtime's pool threads spinning between operators (see [`Model::load_with`]).
    pub fn load(model_dir: &Path, cfg: &ModelConfig, ort_dylib: &Path, threads: usize) -> Result<Model, LlmError> {
        Model::load_with(model_dir, cfg, ort_dylib, threads, true)
    }

    /// `spin`: pool threads spin between operators instead of sleeping. On an idle machine that
    /// decodes ~40 % faster (measured 110-123 vs 77-88 tok/s); when other processes want the
    /// cores it halves the speed (a spinning thread holds a core the preempted one needs), so
    /// hosts shared with busy processes should turn it off (`model.spin_threads = false`).
    pub fn load_with(model_dir: &Path, cfg: &ModelConfig, ort_dylib: &Path, threads: usize, spin: bool) -> Result<Model, LlmError> {
        let env = ensure_runtime(ort_dylib)?;
        let path = model_dir.join(&cfg.model_file);
        if !path.is_file() {
            return Err(LlmError::ModelMissing { path, reason: "no such file".into() });
        }
        let threads = cores(threads);
        // ONNX Runtime registers a custom domain in ONNX's process-wide schema map with a
        // check-then-insert that is not atomic: two sessions loading at once (two engines,
        // or parallel tests) failed with "the domain is already exist". One load at a time.
        static LOADING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one_at_a_time = LOADING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let session = session_builder(&env, threads, spin)?
            .with_operators(crate::ops::domain(threads)?)
            .map_err(builder_error)?
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
        let has_keep = session.inputs().iter().any(|i| i.name() == KEEP_INPUT);
        let has_position_ids = session.inputs().iter().any(|i| i.name() == "position_ids");
        let mut hidden: Vec<(usize, String)> = session
            .outputs()
            .iter()
            .filter_map(|o| Some((o.name().strip_prefix("hidden.")?.parse().ok()?, o.name().to_string())))
            .collect();
        hidden.sort();
        let hidden_names = hidden.into_iter().map(|(_, name)| name).collect();
        Ok(Model { session, cfg: cfg.clone(), past_names, present_names, has_keep, has_position_ids, hidden_names })
    }

    pub fn config(&self) -> &ModelConfig {
        &self.cfg
    }

    /// An empty cache able to hold `capacity` positions (capped at the context length).
    pub fn new_cache(&self, capacity: usize) -> Result<KvCache, LlmError> {
        let capacity = capacity.min(self.cfg.context_length);
        let (kvh, hd) = (self.cfg.num_kv_heads as i64, self.cfg.head_dim as i64);
        let store = match self.cfg.kv_layout {
            KvLayout::Growing => KvStore::Growing(
                (0..self.past_names.len())
                    .map(|_| Tensor::<f32>::from_array(([1i64, kvh, 0, hd], Vec::<f32>::new())).map(|t| t.into_dyn()))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            KvLayout::Shared => {
                let mut binding = self.session.create_binding()?;
                let mut buffers = Vec::with_capacity(self.past_names.len());
                for (past, present) in self.past_names.iter().zip(&self.present_names) {
                    let mut buf = Tensor::<f32>::new(self.session.allocator(), [1i64, kvh, capacity as i64, hd])?;
                    buf.try_extract_tensor_mut::<f32>()?.1.fill(0.0);
                    binding.bind_input(past.as_str(), &buf)?;
                    binding.bind_output(present.as_str(), &mut buf)?;
                    buffers.push(buf);
                }
                KvStore::Shared { binding: Box::new(binding), _buffers: buffers }
            }
        };
        Ok(KvCache { len: 0, capacity, store })
    }

    /// Runs a prompt in chunks of at most `chunk` positions (bounds activation memory);
    /// returns the last position's logits.
    pub fn prefill(&mut self, cache: &mut KvCache, tokens: &[u32], chunk: usize) -> Result<StepOutput, LlmError> {
        let mut out = None;
        for part in tokens.chunks(chunk.max(1)) {
            out = Some(self.forward(cache, part)?);
        }
        out.ok_or_else(|| LlmError::Runtime("empty prompt".into()))
    }

    /// Runs `tokens` after what the cache holds; returns the last position's logits.
    pub fn forward(&mut self, cache: &mut KvCache, tokens: &[u32]) -> Result<StepOutput, LlmError> {
        let (logits, _) = self.run(cache, tokens, false)?;
        Ok(StepOutput { logits })
    }

    /// Names of the graph's hidden-state outputs, shallowest first (none in older graphs).
    pub fn hidden_names(&self) -> &[String] {
        &self.hidden_names
    }

    /// Runs `tokens` from an empty cache and returns each `hidden.*` output as
    /// `[positions × hidden_size]`, shallowest first.
    pub fn hidden_states(&mut self, tokens: &[u32]) -> Result<Vec<Vec<f32>>, LlmError> {
        if self.hidden_names.is_empty() {
            return Err(LlmError::Runtime("the model graph has no hidden-state outputs; run scripts/setup-model.sh".into()));
        }
        let mut cache = self.new_cache(tokens.len())?;
        Ok(self.run(&mut cache, tokens, true)?.1)
    }

    fn run(&mut self, cache: &mut KvCache, tokens: &[u32], hidden: bool) -> Result<(Vec<f32>, Vec<Vec<f32>>), LlmError> {
        let n = tokens.len();
        let past = cache.len;
        if past + n > cache.capacity {
            return Err(LlmError::ContextTooLong { prompt_tokens: past + n, context_length: cache.capacity });
        }
        let ids = Tensor::from_array(([1i64, n as i64], tokens.iter().map(|&t| t as i64).collect::<Vec<_>>()))?;
        let mask = Tensor::from_array(([1i64, (past + n) as i64], vec![1i64; past + n]))?;
        let pos = Tensor::from_array(([1i64, n as i64], (past as i64..(past + n) as i64).collect::<Vec<_>>()))?;
        let keep = Tensor::from_array(((), vec![1i64]))?;
        let wanted = "logits";
        let hidden_names: &[String] = if hidden { &self.hidden_names } else { &[] };
        let mut states = Vec::with_capacity(hidden_names.len());
        let logits = match &mut cache.store {
            KvStore::Growing(values) => {
                let mut inputs: Vec<(Cow<'_, str>, SessionInputValue<'_>)> = Vec::with_capacity(4 + values.len());
                inputs.push(("input_ids".into(), ids.into()));
                inputs.push(("attention_mask".into(), mask.into()));
                if self.has_position_ids {
                    inputs.push(("position_ids".into(), pos.into()));
                }
                if self.has_keep {
                    inputs.push((KEEP_INPUT.into(), keep.into()));
                }
                for (name, value) in self.past_names.iter().zip(values.iter()) {
                    inputs.push((name.as_str().into(), value.into()));
                }
                let mut outputs = self.session.run(inputs)?;
                let logits = last_row(outputs.get(wanted))?;
                for name in hidden_names {
                    states.push(all_rows(outputs.get(name.as_str()))?);
                }
                for (slot, name) in values.iter_mut().zip(&self.present_names) {
                    *slot = outputs
                        .remove(name.as_str())
                        .ok_or_else(|| LlmError::Runtime(format!("graph has no {name} output")))?;
                }
                logits
            }
            KvStore::Shared { binding, .. } => {
                binding.bind_input("input_ids", &ids)?;
                binding.bind_input("attention_mask", &mask)?;
                if self.has_position_ids {
                    binding.bind_input("position_ids", &pos)?;
                }
                if self.has_keep {
                    binding.bind_input(KEEP_INPUT, &keep)?;
                }
                binding.bind_output_to_device(wanted, self.session.allocator().memory_info())?;
                for name in hidden_names {
                    binding.bind_output_to_device(name.as_str(), self.session.allocator().memory_info())?;
                }
                let outputs = self.session.run_binding(binding)?;
                for name in hidden_names {
                    states.push(all_rows(outputs.get(name.as_str()))?);
                }
                last_row(outputs.get(wanted))?
            }
        };
        cache.len = past + n;
        Ok((logits, states))
    }
}

/// A whole `[1, positions, width]` output, row-major.
fn all_rows(value: Option<&DynValue>) -> Result<Vec<f32>, LlmError> {
    let value = value.ok_or_else(|| LlmError::Runtime("graph lacks an expected output".into()))?;
    Ok(value.try_extract_tensor::<f32>()?.1.to_vec())
}

/// The last position of a `[1, positions, width]` output (logits or hidden state).
fn last_row(value: Option<&DynValue>) -> Result<Vec<f32>, LlmError> {
    let value = value.ok_or_else(|| LlmError::Runtime("graph lacks an expected output".into()))?;
    let (shape, data) = value.try_extract_tensor::<f32>()?;
    let vocab = shape.last().copied().unwrap_or(0) as usize;
    if vocab == 0 || data.len() < vocab {
        return Err(LlmError::Runtime(format!("unexpected logits shape {shape:?}")));
    }
    Ok(data[data.len() - vocab..].to_vec())
}

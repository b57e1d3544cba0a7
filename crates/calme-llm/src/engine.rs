//! The public engine: loads a model directory, renders prompts, queues generations on workers.

use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use crate::model::Model;
use crate::paths::{env_model_dir, env_ort_path};
use crate::worker::{spawn_worker, Job, Lifecycle};
use crate::{render_chatml, CancelHandle, ChatTurn, LlmError, ModelConfig, Sampling, TokenStream, Tokenizer};

#[derive(Debug, Clone)]
pub struct EngineOptions {
    pub model_dir: PathBuf,
    /// `None`: `$ORT_DYLIB_PATH`, else the setup script's location.
    pub ort_dylib: Option<PathBuf>,
    /// Intra-op threads per worker; 0 = all cores.
    pub threads: usize,
    /// Requests waiting beyond the ones being generated; a full queue is `Overloaded`.
    pub queue_capacity: usize,
    /// Worker threads, each with its own session (default 1).
    pub workers: usize,
    /// Intra-op threads spin between operators (default; faster when the cores are otherwise idle,
    /// much slower when they are not; default off).
    pub spin: bool,
}

impl Default for EngineOptions {
    /// `$CALME_MODEL_DIR` or the default model dir, all cores, 8 queued requests, one worker.
    fn default() -> Self {
        EngineOptions { model_dir: env_model_dir(), ort_dylib: None, threads: 0, queue_capacity: 8, workers: 1, spin: true }
    }
}

#[derive(Debug, Clone)]
pub struct GenerateRequest {
    /// Conversation so far, system turn first, ending with the new user turn.
    pub turns: Vec<ChatTurn>,
    pub sampling: Sampling,
    pub max_new_tokens: usize,
}

/// Cheap to clone; all clones share the same workers.
#[derive(Clone)]
pub struct Engine {
    shared: Arc<Shared>,
}

struct Shared {
    cfg: ModelConfig,
    tokenizer: Arc<Tokenizer>,
    queue: Mutex<SyncSender<Job>>,
    life: Arc<Lifecycle>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("model", &self.shared.cfg.name).finish()
    }
}

impl Engine {
    pub fn load(opts: EngineOptions) -> Result<Engine, LlmError> {
        let cfg = ModelConfig::load(&opts.model_dir)?;
        let tokenizer = Arc::new(Tokenizer::load(&opts.model_dir.join(&cfg.tokenizer_file))?);
        let dylib = opts.ort_dylib.clone().unwrap_or_else(env_ort_path);
        let (tx, rx) = sync_channel::<Job>(opts.queue_capacity);
        let rx = Arc::new(Mutex::new(rx));
        let life = Arc::new(Lifecycle::default());
        for i in 0..opts.workers.max(1) {
            let model = Model::load_with(&opts.model_dir, &cfg, &dylib, opts.threads, opts.spin)?;
            spawn_worker(i, model, tokenizer.clone(), rx.clone(), life.clone())?;
        }
        tracing::info!(model = %cfg.name, workers = opts.workers.max(1), "model loaded");
        Ok(Engine { shared: Arc::new(Shared { cfg, tokenizer, queue: Mutex::new(tx), life }) })
    }

    /// Stops every generation within one step, refuses new ones, and waits up to `timeout`
    /// for the workers to leave ONNX Runtime. Returns whether they did. Call before the
    /// process exits.
    pub fn shutdown(&self, timeout: Duration) -> bool {
        let life = &self.shared.life;
        life.stopping.store(true, Ordering::SeqCst);
        let until = Instant::now() + timeout;
        while life.busy.load(Ordering::SeqCst) > 0 {
            if Instant::now() >= until {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.shared.tokenizer
    }

    pub fn model_name(&self) -> &str {
        &self.shared.cfg.name
    }

    pub fn context_length(&self) -> usize {
        self.shared.cfg.context_length
    }

    pub fn config(&self) -> &ModelConfig {
        &self.shared.cfg
    }

    /// The exact prompt text the model sees for these turns.
    pub fn render_prompt(&self, turns: &[ChatTurn]) -> String {
        render_chatml(&self.shared.cfg.chat, turns)
    }

    /// Queues a request on the worker thread(s). A full queue returns `Overloaded` at once.
    pub fn generate(&self, req: GenerateRequest) -> Result<TokenStream, LlmError> {
        let prompt = self.shared.tokenizer.encode(&self.render_prompt(&req.turns));
        self.generate_tokens(prompt, req.sampling, req.max_new_tokens)
    }

    /// Like [`Engine::generate`] for an already tokenized prompt.
    pub fn generate_tokens(&self, prompt: Vec<u32>, sampling: Sampling, max_new_tokens: usize) -> Result<TokenStream, LlmError> {
        let context_length = self.shared.cfg.context_length;
        if prompt.is_empty() || prompt.len() >= context_length {
            return Err(LlmError::ContextTooLong { prompt_tokens: prompt.len(), context_length });
        }
        if self.shared.life.stopping() {
            return Err(LlmError::Runtime("the model is shutting down".into()));
        }
        let (tx, rx) = mpsc::unbounded_channel();
        let cancel = CancelHandle::default();
        let job = Job {
            prompt,
            sampling,
            max_new_tokens,
            tx,
            cancel: cancel.clone(),
            queued_at: Instant::now(),
            span: tracing::Span::current(),
            life: self.shared.life.clone(),
        };
        let queue = self.shared.queue.lock().map_err(|_| LlmError::Runtime("queue lock poisoned".into()))?;
        match queue.try_send(job) {
            Ok(()) => Ok(TokenStream::new(rx, cancel)),
            Err(TrySendError::Full(_)) => Err(LlmError::Overloaded),
            Err(TrySendError::Disconnected(_)) => Err(LlmError::Runtime("model workers have stopped".into())),
        }
    }
}

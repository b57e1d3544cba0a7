//! The seam between the core and whatever writes replies. The product uses the
//! local SmolLM2 engine (`llm_engine`); tests use doubles from `tests/`.

use tokio::sync::mpsc;

/// One turn of the conversation the model sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    pub role: TurnRole,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TurnRole {
    User,
    Assistant,
}

/// What the model is asked to continue.
#[derive(Clone, Debug)]
pub struct GenRequest {
    pub system: String,
    /// Oldest first; the last one is the new user message.
    pub turns: Vec<Turn>,
    pub max_new_tokens: usize,
    /// `None`: greedy.
    pub seed: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum GenEvent {
    /// More text (valid UTF-8, never half a character).
    Text(String),
    /// Finished; no more events follow.
    Done { tokens: usize, ttft_ms: u64, tokens_per_sec: f64 },
    Failed(String),
}

#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// Every worker is busy and the queue is full: answer in Quick Mode.
    #[error("the model is busy")]
    Overloaded,
    #[error("the model is not available: {0}")]
    Unavailable(String),
    #[error("the conversation does not fit the model's context")]
    ContextTooLong,
}

/// A generation in progress: events arrive on `events`; `cancel` stops it within
/// one decoding step, and so does dropping it.
pub struct GenHandle {
    pub events: mpsc::Receiver<GenEvent>,
    cancel: Box<dyn Fn() + Send + Sync>,
}

impl GenHandle {
    pub fn new(events: mpsc::Receiver<GenEvent>, cancel: impl Fn() + Send + Sync + 'static) -> GenHandle {
        GenHandle { events, cancel: Box::new(cancel) }
    }

    pub fn cancel(&self) {
        (self.cancel)()
    }
}

impl Drop for GenHandle {
    fn drop(&mut self) {
        (self.cancel)()
    }
}

/// Counts tokens the way the model does, for the context budget.
pub trait TokenCounter: Send + Sync {
    fn count(&self, text: &str) -> usize;
}

/// Something that writes replies.
pub trait Generator: Send + Sync {
    fn name(&self) -> &str;
    fn counter(&self) -> &dyn TokenCounter;
    /// Starts a generation. Must not block: a busy backend returns `Overloaded`.
    fn start(&self, req: GenRequest) -> Result<GenHandle, GenError>;
    /// Stops all work before the process exits, waiting at most `timeout` (may block).
    fn shutdown(&self, _timeout: std::time::Duration) {}
}

//! Worker threads: take jobs from the bounded queue, prefill once, then decode one token per
//! step reusing the KV cache, streaming text back until a stop token, the limit, or cancellation.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedSender;

use crate::model::{Model, PREFILL_CHUNK};
use crate::{CancelHandle, FinishReason, GenerationStats, LlmError, Sampler, Sampling, StreamEvent, Tokenizer, Utf8Decoder};

pub(crate) struct Job {
    pub prompt: Vec<u32>,
    pub sampling: Sampling,
    pub max_new_tokens: usize,
    pub tx: UnboundedSender<StreamEvent>,
    pub cancel: CancelHandle,
    pub queued_at: Instant,
    /// The caller's span, entered on the worker so logs keep their context.
    pub span: tracing::Span,
    pub life: Arc<Lifecycle>,
}

/// Shared by the engine and its workers: shutdown stops every generation within one step and
/// waits until no worker is inside ONNX Runtime (a process that exits mid-run makes the
/// runtime's own teardown fail the running kernel).
#[derive(Default)]
pub(crate) struct Lifecycle {
    pub stopping: AtomicBool,
    pub busy: AtomicUsize,
}

impl Lifecycle {
    pub fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}

pub(crate) fn spawn_worker(
    index: usize,
    mut model: Model,
    tokenizer: Arc<Tokenizer>,
    queue: Arc<Mutex<Receiver<Job>>>,
    life: Arc<Lifecycle>,
) -> Result<(), LlmError> {
    std::thread::Builder::new()
        .name(format!("calme-llm-{index}"))
        .spawn(move || loop {
            let job = {
                let Ok(rx) = queue.lock() else { return };
                match rx.recv() {
                    // Counted busy before the queue is released, so shutdown cannot miss it.
                    Ok(job) => {
                        life.busy.fetch_add(1, Ordering::SeqCst);
                        job
                    }
                    Err(_) => return, // engine dropped
                }
            };
            let tx = job.tx.clone();
            let prompt_tokens = job.prompt.len();
            let stats = generate(&mut model, &tokenizer, job).unwrap_or_else(|e| {
                tracing::error!(error = %e, "generation failed");
                GenerationStats {
                    finish: FinishReason::Cancelled,
                    prompt_tokens,
                    generated_tokens: 0,
                    time_to_first_token: Duration::ZERO,
                    decode_tokens_per_sec: 0.0,
                    token_ids: Vec::new(),
                }
            });
            let _ = tx.send(StreamEvent::Done(stats));
            life.busy.fetch_sub(1, Ordering::SeqCst);
            if life.stopping() {
                return;
            }
        })
        .map(|_| ())
        .map_err(|e| LlmError::Runtime(format!("cannot start worker thread: {e}")))
}

/// Runs one job to the end and returns its stats (the caller sends `Done`).
pub(crate) fn generate(model: &mut Model, tokenizer: &Tokenizer, job: Job) -> Result<GenerationStats, LlmError> {
    let cfg = model.config().clone();
    let start = Instant::now();
    let mut stats = GenerationStats {
        finish: FinishReason::Cancelled,
        prompt_tokens: job.prompt.len(),
        generated_tokens: 0,
        time_to_first_token: Duration::ZERO,
        decode_tokens_per_sec: 0.0,
        token_ids: Vec::new(),
    };
    let stopped = |job: &Job| job.cancel.is_cancelled() || job.tx.is_closed() || job.life.stopping();
    if stopped(&job) {
        return Ok(stats);
    }
    let _entered = job.span.clone().entered();
    tracing::debug!(queued_ms = job.queued_at.elapsed().as_millis() as u64, prompt_tokens = job.prompt.len(), "generation started");
    let mut cache = model.new_cache(job.prompt.len() + job.max_new_tokens)?;
    let mut logits = model.prefill(&mut cache, &job.prompt, PREFILL_CHUNK)?.logits;
    let mut sampler = Sampler::new(job.sampling.clone(), logits.len(), &job.prompt);
    let mut decoder = Utf8Decoder::default();
    let mut first_token_at = None;
    loop {
        let token = sampler.sample(&mut logits);
        if first_token_at.is_none() {
            first_token_at = Some(Instant::now());
            stats.time_to_first_token = start.elapsed();
        }
        if cfg.stop_token_ids.contains(&token) {
            stats.finish = FinishReason::Stop;
            break;
        }
        stats.token_ids.push(token);
        sampler.observe(token);
        let text = decoder.push(tokenizer.token_bytes(token));
        if !text.is_empty() && job.tx.send(StreamEvent::Text(text)).is_err() {
            stats.finish = FinishReason::Cancelled;
            break;
        }
        if stats.token_ids.len() >= job.max_new_tokens {
            stats.finish = FinishReason::Length;
            break;
        }
        if cache.len + 1 > cache.capacity {
            stats.finish = FinishReason::ContextFull;
            break;
        }
        if stopped(&job) {
            stats.finish = FinishReason::Cancelled;
            break;
        }
        logits = model.forward(&mut cache, &[token])?.logits;
    }
    let rest = decoder.finish();
    if !rest.is_empty() {
        let _ = job.tx.send(StreamEvent::Text(rest));
    }
    stats.generated_tokens = stats.token_ids.len();
    tracing::debug!(finish = ?stats.finish, generated = stats.generated_tokens, ttft_ms = stats.time_to_first_token.as_millis() as u64, "generation finished");
    if let Some(t) = first_token_at {
        let secs = t.elapsed().as_secs_f64();
        if stats.generated_tokens > 1 && secs > 0.0 {
            stats.decode_tokens_per_sec = (stats.generated_tokens - 1) as f64 / secs;
        }
    }
    Ok(stats)
}

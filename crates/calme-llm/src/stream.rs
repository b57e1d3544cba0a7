//! The receiving side of a generation: text events, final stats, cancellation.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

#[derive(Debug, Clone, PartialEq)]
pub enum StreamEvent {
    /// Newly stable text: always valid UTF-8, never half a character.
    Text(String),
    /// The last event of every stream.
    Done(GenerationStats),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishReason {
    /// The model ended its turn (`<|im_end|>` or end-of-text).
    Stop,
    /// `max_new_tokens` reached.
    Length,
    Cancelled,
    /// The context window is full.
    ContextFull,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GenerationStats {
    pub finish: FinishReason,
    pub prompt_tokens: usize,
    pub generated_tokens: usize,
    pub time_to_first_token: Duration,
    pub decode_tokens_per_sec: f64,
    /// The generated token ids (stop token excluded), for `--json` and tests.
    pub token_ids: Vec<u32>,
}

/// Stops a generation within one decode step. Cheap to clone; usable from any thread.
#[derive(Debug, Clone, Default)]
pub struct CancelHandle(Arc<AtomicBool>);

impl CancelHandle {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Receives a generation's events. Dropping it cancels the generation.
#[derive(Debug)]
pub struct TokenStream {
    rx: mpsc::UnboundedReceiver<StreamEvent>,
    cancel: CancelHandle,
}

impl TokenStream {
    pub(crate) fn new(rx: mpsc::UnboundedReceiver<StreamEvent>, cancel: CancelHandle) -> TokenStream {
        TokenStream { rx, cancel }
    }

    pub async fn next(&mut self) -> Option<StreamEvent> {
        self.rx.recv().await
    }

    /// Blocking variant for non-async callers (CLI, tests); never call it on the async runtime.
    pub fn blocking_next(&mut self) -> Option<StreamEvent> {
        self.rx.blocking_recv()
    }

    pub fn cancel_handle(&self) -> CancelHandle {
        self.cancel.clone()
    }
}

impl Drop for TokenStream {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// Turns a stream of token bytes into text pieces that are always whole characters.
#[derive(Debug, Default)]
pub struct Utf8Decoder {
    pending: Vec<u8>,
}

impl Utf8Decoder {
    /// Adds bytes; returns the text that became complete (possibly empty).
    pub fn push(&mut self, bytes: &[u8]) -> String {
        self.pending.extend_from_slice(bytes);
        let mut out = String::new();
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(s) => {
                    out.push_str(s);
                    self.pending.clear();
                    return out;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    out.push_str(std::str::from_utf8(&self.pending[..valid]).unwrap_or_default());
                    match e.error_len() {
                        // Incomplete sequence at the end: keep it for the next token.
                        None => {
                            self.pending.drain(..valid);
                            return out;
                        }
                        Some(bad) => {
                            out.push('\u{FFFD}');
                            self.pending.drain(..valid + bad);
                        }
                    }
                }
            }
        }
    }

    /// Flushes what is left at the end of a generation (an unfinished character becomes U+FFFD).
    pub fn finish(&mut self) -> String {
        let rest = std::mem::take(&mut self.pending);
        if rest.is_empty() {
            String::new()
        } else {
            String::from_utf8_lossy(&rest).into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_back_half_characters() {
        let mut d = Utf8Decoder::default();
        let shalom = "שלום".as_bytes();
        assert_eq!(d.push(&shalom[..1]), "");
        assert_eq!(d.push(&shalom[1..3]), "ש");
        assert_eq!(d.push(&shalom[3..]), "לום");
        assert_eq!(d.finish(), "");
    }

    #[test]
    fn replaces_invalid_bytes() {
        let mut d = Utf8Decoder::default();
        assert_eq!(d.push(&[b'a', 0xFF, b'b']), "a\u{FFFD}b");
        assert_eq!(d.push(&[0xE2, 0x82]), "");
        assert_eq!(d.finish(), "\u{FFFD}");
    }
}

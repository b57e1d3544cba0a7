//! One ordered queue per chat, chats in parallel: a chat's updates are handled
//! one after another (so edits and answers never interleave), while other
//! chats go on. A queue's task ends after a minute without work.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use teloxide::types::Update;
use tokio::sync::mpsc;

use super::handler::{Handled, Handler};

const IDLE: Duration = Duration::from_secs(60);

type Done = Box<dyn FnOnce() + Send>;

struct Job {
    update: Update,
    done: Done,
}

pub struct ChatQueues {
    handler: Arc<Handler>,
    senders: Mutex<HashMap<i64, mpsc::UnboundedSender<Job>>>,
}

impl ChatQueues {
    pub fn new(handler: Arc<Handler>) -> Arc<ChatQueues> {
        Arc::new(ChatQueues { handler, senders: Mutex::new(HashMap::new()) })
    }

    /// Queues an update behind its chat's earlier ones; `done` runs once it is
    /// handled (not when it is deferred because the process is shutting down).
    pub fn push(self: &Arc<Self>, update: Update, done: impl FnOnce() + Send + 'static) {
        let Some(chat) = update.chat().map(|c| c.id.0) else {
            // Nothing we answer has no chat.
            done();
            return;
        };
        let mut job = Job { update, done: Box::new(done) };
        let mut senders = self.senders.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(tx) = senders.get(&chat) {
            match tx.send(job) {
                Ok(()) => return,
                Err(mpsc::error::SendError(j)) => job = j,
            }
        }
        let (tx, rx) = mpsc::unbounded_channel();
        let _ = tx.send(job);
        senders.insert(chat, tx);
        tokio::spawn(self.clone().worker(chat, rx));
    }

    async fn worker(self: Arc<Self>, chat: i64, mut rx: mpsc::UnboundedReceiver<Job>) {
        loop {
            let job = match tokio::time::timeout(IDLE, rx.recv()).await {
                Ok(Some(job)) => job,
                Ok(None) => return,
                Err(_) => {
                    let mut senders = self.senders.lock().unwrap_or_else(|e| e.into_inner());
                    if rx.is_empty() {
                        senders.remove(&chat);
                        return;
                    }
                    continue;
                }
            };
            let handler = self.handler.clone();
            // A panic in one update must not stop the chat or hold its offset forever.
            match tokio::spawn(async move { handler.handle(job.update).await }).await {
                Ok(Handled::Done) => (job.done)(),
                // Left unconfirmed on purpose: delivered again after the restart.
                Ok(Handled::Deferred) => {}
                Err(err) => {
                    tracing::error!(error = %err, "handling a Telegram update failed");
                    (job.done)();
                }
            }
        }
    }
}

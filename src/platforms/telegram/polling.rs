//! Long polling with getUpdates. The offset only confirms finished updates
//! (see `ledger`); while an answer is still being written, getUpdates hands
//! its update back again, so the next poll waits for a finish (or
//! `busy_poll_interval`) instead of spinning.

use std::future::IntoFuture;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use teloxide::payloads::GetUpdatesSetters;
use teloxide::requests::Requester;
use teloxide::types::AllowedUpdate;
use teloxide::RequestError;

use super::bot::TgBot;
use super::ledger::Acks;
use super::options::Options;
use super::queues::ChatQueues;

const MAX_BACKOFF: Duration = Duration::from_secs(30);

pub async fn run(bot: &TgBot, queues: &Arc<ChatQueues>, opts: &Options) -> anyhow::Result<()> {
    // getUpdates refuses to work while a webhook is set.
    bot.delete_webhook().await.context("removing a previously set webhook (deleteWebhook)")?;
    let acks = Arc::new(Acks::default());
    let shutdown = &opts.shutdown;
    let timings = &opts.timings;
    let mut backoff = Duration::from_millis(250);
    loop {
        let mut finished = acks.subscribe();
        finished.borrow_and_update();
        let busy = acks.in_flight() > 0;
        let mut req = bot
            .get_updates()
            .timeout(timings.poll_timeout.as_secs().min(u32::MAX as u64) as u32)
            .allowed_updates(vec![AllowedUpdate::Message]);
        if let Some(offset) = acks.offset() {
            req = req.offset(offset);
        }
        let result = tokio::select! {
            r = req.into_future() => r,
            _ = shutdown.cancelled() => break,
        };
        match result {
            Ok(updates) => {
                backoff = Duration::from_millis(250);
                let mut fresh = 0usize;
                for update in updates {
                    let id = update.id.0;
                    if acks.receive(id) {
                        fresh += 1;
                        let acks = acks.clone();
                        queues.push(update, move || acks.finish(id));
                    }
                }
                if fresh == 0 && busy {
                    tokio::select! {
                        _ = finished.changed() => {}
                        _ = tokio::time::sleep(timings.busy_poll_interval) => {}
                        _ = shutdown.cancelled() => break,
                    }
                }
            }
            Err(RequestError::RetryAfter(s)) => {
                tokio::select! {
                    _ = tokio::time::sleep(s.duration()) => {}
                    _ = shutdown.cancelled() => break,
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, retry_in_ms = backoff.as_millis() as u64, "getUpdates failed");
                tokio::select! {
                    _ = tokio::time::sleep(backoff) => {}
                    _ = shutdown.cancelled() => break,
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
    // Let answers in flight finish, then confirm what is done, so a clean
    // restart does not receive them again.
    let deadline = tokio::time::Instant::now() + timings.drain;
    loop {
        let mut finished = acks.subscribe();
        if acks.in_flight() == 0 || tokio::time::Instant::now() >= deadline {
            break;
        }
        let _ = tokio::time::timeout_at(deadline, finished.changed()).await;
    }
    if let Some(offset) = acks.offset() {
        let _ = bot.get_updates().offset(offset).timeout(0).limit(1).await;
    }
    tracing::info!(unfinished = acks.in_flight(), "Telegram polling stopped");
    Ok(())
}

//! Webhook mode: registers the public URL with setWebhook (with a secret
//! token) and serves Telegram's POSTs. Every request must carry the secret in
//! `X-Telegram-Bot-Api-Secret-Token`; others get 401 and are never read.
//! A request is answered 200 only after its update was handled, so Telegram
//! delivers it again if we die first (the core then answers it once).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Router;
use teloxide::payloads::SetWebhookSetters;
use teloxide::requests::Requester;
use teloxide::types::{AllowedUpdate, Update};

use super::bot::TgBot;
use super::options::{Options, WebhookOptions};
use super::queues::ChatQueues;
use crate::config::Secret;

pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

struct Hook {
    secret: Secret,
    queues: Arc<ChatQueues>,
    /// Updates being handled: a redelivery meanwhile is acknowledged, not handled twice.
    in_flight: Mutex<HashSet<u32>>,
}

pub async fn run(bot: &TgBot, queues: &Arc<ChatQueues>, hook: &WebhookOptions, opts: &Options) -> anyhow::Result<()> {
    let url: url::Url = hook.url.parse().with_context(|| format!("telegram.webhook_url {:?} is not a URL", hook.url))?;
    let listener = tokio::net::TcpListener::bind(hook.listen)
        .await
        .with_context(|| format!("listening for Telegram webhooks on {}", hook.listen))?;
    bot.set_webhook(url)
        .secret_token(hook.secret.expose().to_string())
        .allowed_updates(vec![AllowedUpdate::Message])
        .await
        .context("registering the webhook (setWebhook)")?;
    tracing::info!(listen = %hook.listen, "Telegram webhook listening");
    let state = Arc::new(Hook { secret: hook.secret.clone(), queues: queues.clone(), in_flight: Mutex::new(HashSet::new()) });
    let app = Router::new().fallback(receive).with_state(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(opts.shutdown.clone().cancelled_owned())
        .await
        .context("serving Telegram webhooks")
}

async fn receive(State(hook): State<Arc<Hook>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
    if !same(given, hook.secret.expose().as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(u) => u,
        Err(err) => {
            tracing::debug!(error = %err, "unreadable webhook update; acknowledged and dropped");
            return StatusCode::OK;
        }
    };
    let id = update.id.0;
    if !hook.in_flight.lock().unwrap_or_else(|e| e.into_inner()).insert(id) {
        return StatusCode::OK;
    }
    let (done, handled) = tokio::sync::oneshot::channel();
    hook.queues.push(update, move || {
        let _ = done.send(());
    });
    let outcome = handled.await;
    hook.in_flight.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
    match outcome {
        Ok(()) => StatusCode::OK,
        // Deferred (shutting down): Telegram delivers it again later.
        Err(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

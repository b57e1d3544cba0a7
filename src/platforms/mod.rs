//! Platform adapters. Each turns its platform's events into `message::Incoming`
//! and renders the core's `ReplyEvent`s; none of their types reach the core.
//!
//! Adding a platform: write `platforms/<name>/`, map its events to `Incoming`
//! (set `addressed` and `role` from the platform's own facts), render replies
//! (respect its length limit with `util::split_message`), and start it from
//! `run_configured` when its token is configured.

pub mod console;
pub mod discord;
pub mod telegram;

use crate::app::App;

/// Starts every adapter whose token is configured; `Ok(false)` when none is.
pub async fn run_configured(app: &App) -> anyhow::Result<bool> {
    let mut tasks: tokio::task::JoinSet<anyhow::Result<()>> = tokio::task::JoinSet::new();
    // Telegram needs no shutdown signal: an update is confirmed only once answered (see telegram::ledger).
    if let Some(opts) = telegram::Options::from_config(&app.config, tokio_util::sync::CancellationToken::new())? {
        tasks.spawn(telegram::run(app.clone(), opts));
    }
    if app.config.discord_token().is_some() {
        tasks.spawn(discord::run(app.clone()));
    }
    if tasks.is_empty() {
        return Ok(false);
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    Ok(true)
}

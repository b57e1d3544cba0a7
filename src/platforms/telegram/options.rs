//! Adapter options, taken from the configuration (tests build them directly).

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use teloxide::adaptors::throttle::Limits;
use tokio_util::sync::CancellationToken;

use crate::config::{Config, Secret};

/// Everything the adapter needs to run.
#[derive(Clone, Debug)]
pub struct Options {
    /// The bot token from BotFather (`TELOXIDE_TOKEN`); only `bot::build` exposes it.
    pub token: Secret,
    /// Bot API base URL (`TELOXIDE_API_URL` / `telegram.api_url`); default `https://api.telegram.org`.
    pub api_url: Option<String>,
    pub mode: Mode,
    pub timings: Timings,
    /// Outbound limits for teloxide's Throttle adaptor (Telegram's published limits by default).
    pub limits: Limits,
    /// Cancel to stop taking updates; in-flight ones are finished first.
    pub shutdown: CancellationToken,
}

/// How updates arrive.
#[derive(Clone, Debug)]
pub enum Mode {
    /// getUpdates long polling (the default).
    Polling,
    /// Telegram POSTs updates to us.
    Webhook(WebhookOptions),
}

impl Mode {
    pub fn name(&self) -> &'static str {
        match self {
            Mode::Polling => "polling",
            Mode::Webhook(_) => "webhook",
        }
    }
}

#[derive(Clone, Debug)]
pub struct WebhookOptions {
    /// The public HTTPS URL Telegram posts to (registered with setWebhook at start).
    pub url: String,
    /// Checked against `X-Telegram-Bot-Api-Secret-Token` on every request.
    pub secret: Secret,
    /// Where the local HTTP server listens (behind your TLS proxy).
    pub listen: SocketAddr,
}

/// Pacing of the adapter; the defaults follow Telegram's guidance.
#[derive(Clone, Debug)]
pub struct Timings {
    /// Long-poll timeout of one getUpdates call (below the HTTP client's 17 s timeout).
    pub poll_timeout: Duration,
    /// At most one edit of a growing reply per chat this often.
    pub edit_interval: Duration,
    /// The typing action lasts ~5 s on Telegram; renew it this often while generating.
    pub typing_interval: Duration,
    /// While some update is still being answered, getUpdates re-delivers it; poll
    /// again after this long (or as soon as an answer finishes).
    pub busy_poll_interval: Duration,
    /// On shutdown, how long to wait for answers in flight before stopping.
    pub drain: Duration,
}

impl Default for Timings {
    fn default() -> Timings {
        Timings {
            poll_timeout: Duration::from_secs(10),
            edit_interval: Duration::from_secs(1),
            typing_interval: Duration::from_secs(4),
            busy_poll_interval: Duration::from_secs(1),
            drain: Duration::from_secs(10),
        }
    }
}

impl Options {
    /// Options for a configured token, or `None` when Telegram is not configured.
    pub fn from_config(config: &Config, shutdown: CancellationToken) -> anyhow::Result<Option<Options>> {
        let Some(token) = config.telegram_token().cloned() else { return Ok(None) };
        let tg = &config.telegram;
        let mode = match tg.mode.as_deref().unwrap_or("polling") {
            "webhook" => {
                let url = tg.webhook_url.clone().context("telegram.webhook_url is required in webhook mode")?;
                let secret = match tg.webhook_secret.clone().filter(|s| !s.is_empty()) {
                    Some(s) => s,
                    None => Secret::new(random_secret()),
                };
                let port = tg.webhook_port.unwrap_or(8443);
                Mode::Webhook(WebhookOptions { url, secret, listen: SocketAddr::from(([0, 0, 0, 0], port)) })
            }
            _ => Mode::Polling,
        };
        Ok(Some(Options {
            token,
            api_url: tg.api_url.clone().filter(|u| !u.trim().is_empty()),
            mode,
            timings: Timings::default(),
            // Telegram allows about 20 messages a minute in a group; teloxide's default is 10.
            limits: Limits { messages_per_min_channel_or_supergroup: 20, ..Limits::default() },
            shutdown,
        }))
    }
}

/// A webhook secret when none is configured: Telegram allows `A-Z a-z 0-9 _ -`, up to 256.
fn random_secret() -> String {
    use rand::distributions::{Alphanumeric, DistString};
    Alphanumeric.sample_string(&mut rand::thread_rng(), 48)
}

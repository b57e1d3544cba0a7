//! The Bot API client: teloxide's `Bot` at the configured base URL, behind
//! the Throttle adaptor (per-chat and global limits, 429 `retry_after` retried).

use anyhow::Context;
use teloxide::adaptors::throttle::{Settings, Throttle};
use teloxide::Bot;

use super::options::Options;

/// The client every part of the adapter uses.
pub type TgBot = Throttle<Bot>;

/// Builds the client. The token is exposed here only, and never logged
/// (teloxide redacts it from the URLs in its own errors).
pub fn build(opts: &Options) -> anyhow::Result<TgBot> {
    let mut bot = Bot::new(opts.token.expose());
    if let Some(raw) = &opts.api_url {
        let url: url::Url = raw.trim().parse().with_context(|| format!("the Telegram Bot API URL {raw:?} is not a valid URL"))?;
        bot = bot.set_api_url(url);
    }
    Ok(Throttle::spawn_with_settings(bot, Settings::default().limits(opts.limits)))
}

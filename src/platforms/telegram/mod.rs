//! The Telegram adapter (teloxide's Bot API client behind the Throttle adaptor).
//!
//! One concern per file:
//! - `options`  — configuration → adapter options (token, base URL, mode, timings);
//! - `bot`      — builds the throttled Bot API client;
//! - `incoming` — Telegram updates → `message::Incoming` (or: ignore / "I read text");
//! - `admin`    — group administrators, checked with getChatMember at run time;
//! - `commands` — setMyCommands per scope (private chats, groups, group administrators);
//! - `text`     — what is posted: splitting at 4096, the public crisis text with its deep link;
//! - `reply`    — renders one `ReplyStream`: typing, streamed edits (≤ 1/s, honouring 429), final parts;
//! - `handler`  — one update end to end;
//! - `ledger`   — which updates are finished, hence which getUpdates offset may confirm them;
//! - `queues`   — one ordered queue per chat, chats in parallel;
//! - `polling`  / `webhook` — the two ways updates arrive.
//!
//! Restarts: an update is confirmed to Telegram (offset) only after its
//! answer was sent, so a crash in between makes Telegram deliver it again;
//! `Incoming.external_id = "<chat>:<message>"` lets the core answer it once.

mod admin;
mod bot;
mod commands;
mod handler;
mod incoming;
mod ledger;
mod options;
mod polling;
mod queues;
mod reply;
mod text;
mod webhook;

use std::sync::Arc;

use anyhow::Context;
use teloxide::requests::Requester;

use crate::app::App;

pub use options::{Mode, Options, Timings, WebhookOptions};
pub use text::{deep_link, TELEGRAM_LIMIT};

/// Runs the adapter until `opts.shutdown` is cancelled (or a fatal error).
pub async fn run(app: App, opts: Options) -> anyhow::Result<()> {
    let bot = bot::build(&opts)?;
    let me = bot
        .get_me()
        .await
        .context("asking Telegram who this bot is (getMe): check TELOXIDE_TOKEN and the Bot API URL")?;
    let username = me
        .user
        .username
        .clone()
        .context("getMe returned a bot without a username")?;
    tracing::info!(bot = %username, mode = opts.mode.name(), "Telegram adapter starting");
    if let Err(err) = commands::register(&bot).await {
        tracing::warn!(error = %err, "could not register the command menus (setMyCommands); continuing");
    }
    let handler = Arc::new(handler::Handler::new(
        app,
        bot.clone(),
        incoming::BotIdentity { id: me.user.id, username },
        opts.timings.clone(),
    ));
    let queues = queues::ChatQueues::new(handler);
    match &opts.mode {
        Mode::Polling => polling::run(&bot, &queues, &opts).await,
        Mode::Webhook(w) => webhook::run(&bot, &queues, w, &opts).await,
    }
}

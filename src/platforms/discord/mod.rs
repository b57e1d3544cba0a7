//! The Discord adapter: serenity's gateway and REST client around the core.
//!
//! One concern per file:
//! - `connect`: token, REST base URL (a local fake or a REST proxy), intents, shards;
//! - `handler`: serenity events in, core calls out;
//! - `addressing`: a Discord message → `Incoming`, and when it is meant for the bot;
//! - `order`: keeps one session's messages in order (serenity runs each event in its own task)
//!   and drops gateway replays seen before;
//! - `outbound`: the few REST calls the adapter makes, behind a small trait;
//! - `render`: streaming by edits, typing, splitting at 2000 characters, defusing mentions;
//! - `crisis`: the short public answer plus a private thread or DM;
//! - `slash`: the `/calme` and `/calme-mod` commands and their run-time permission check;
//! - `channels`: designated channels and the bot's private threads, kept in the community settings.

mod addressing;
mod channels;
mod connect;
mod crisis;
mod handler;
mod interactions;
mod order;
mod outbound;
mod render;
mod slash;

pub use connect::{run, ShardSpec};
pub use render::{neutralise_mentions, DISCORD_LIMIT};

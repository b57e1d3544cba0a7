//! One update end to end: classify it, check the sender's role when a
//! moderator command needs it, hand it to the core, render the answer.

use teloxide::types::Update;
use tracing::Instrument;

use super::admin;
use super::bot::TgBot;
use super::incoming::{classify, Action, BotIdentity};
use super::options::Timings;
use super::reply::Poster;
use super::text;
use crate::app::App;
use crate::message::Role;
use crate::util::hash_id;

/// Shared by every chat queue.
pub struct Handler {
    app: App,
    bot: TgBot,
    me: BotIdentity,
    timings: Timings,
}

impl Handler {
    pub fn new(app: App, bot: TgBot, me: BotIdentity, timings: Timings) -> Handler {
        Handler { app, bot, me, timings }
    }

    fn poster(&self) -> Poster<'_> {
        Poster { bot: &self.bot, timings: &self.timings, username: &self.me.username }
    }

    /// Handles one update completely: when this returns, its answer has been sent.
    pub async fn handle(&self, update: Update) {
        match classify(&update, &self.me) {
            Action::Ignore => {}
            Action::NotText(origin) => self.poster().say(&origin, text::TEXT_ONLY).await,
            Action::Core { mut incoming, origin, moderator_command } => {
                let span = tracing::info_span!(
                    "telegram",
                    chat = %hash_id(&incoming.chat),
                    user = %hash_id(&incoming.user),
                    group = origin.group,
                );
                async {
                    if moderator_command && admin::role(&self.bot, origin.chat, origin.user).await == Role::Moderator {
                        incoming.role = Role::Moderator;
                    }
                    let stream = self.app.manager.handle(incoming).await;
                    self.poster().deliver(&origin, stream).await;
                }
                .instrument(span)
                .await
            }
        }
    }
}

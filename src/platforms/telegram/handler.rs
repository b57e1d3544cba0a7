//! One update end to end: classify it, check the sender's role when a
//! moderator command needs it, hand it to the core, render the answer.

use teloxide::types::Update;
use tracing::Instrument;

use super::admin;
use super::bot::TgBot;
use super::incoming::{classify, Action, BotIdentity, Origin};
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

    fn poster(&self, origin: &Origin) -> Poster<'_> {
        Poster {
            bot: &self.bot,
            timings: &self.timings,
            username: &self.me.username,
            topic: origin.thread.map(|t| (origin.chat, t)),
        }
    }

    /// Handles one update completely: when this returns `Handled::Done`, its
    /// answer has been sent and the update may be confirmed to Telegram.
    pub async fn handle(&self, update: Update) -> Handled {
        let action = classify(&update, &self.me);
        if self.app.manager.is_closing() && !matches!(action, Action::Ignore) {
            // Shutting down: leave it unconfirmed, so it is answered after the restart.
            return Handled::Deferred;
        }
        match action {
            Action::Ignore => {}
            Action::NotText(origin) => self.poster(&origin).say(&origin, text::TEXT_ONLY).await,
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
                    self.poster(&origin).deliver(&origin, stream).await;
                }
                .instrument(span)
                .await
            }
        }
        Handled::Done
    }
}

/// Whether an update may be confirmed to Telegram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handled {
    /// Answered (or needing no answer).
    Done,
    /// Not handled by this process; Telegram must deliver it again.
    Deferred,
}

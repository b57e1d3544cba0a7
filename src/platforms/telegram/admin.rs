//! Group administrators, checked with getChatMember when a moderator command
//! arrives — never trusted from the client. The core enforces the role.

use teloxide::requests::Requester;
use teloxide::types::{ChatId, UserId};

use super::bot::TgBot;
use crate::message::Role;

/// The sender's role in the group: owners and administrators are moderators.
/// If Telegram cannot tell us, the sender is treated as a member.
pub async fn role(bot: &TgBot, chat: ChatId, user: UserId) -> Role {
    match bot.get_chat_member(chat, user).await {
        Ok(member) if member.kind.is_privileged() => Role::Moderator,
        Ok(_) => Role::Member,
        Err(err) => {
            tracing::warn!(error = %err, "getChatMember failed; treating the sender as a member");
            Role::Member
        }
    }
}

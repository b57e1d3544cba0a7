//! A Discord message → the core's `Incoming`, and the rules for when it is
//! meant for the bot. A message that is not addressed is never passed on.

use serenity::all::{Message, MessageType, UserId};

use crate::message::{Incoming, Platform, Role};

/// Why a message is (or is not) for the bot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addressed {
    Direct,
    Mention,
    ReplyToBot,
    /// A thread the bot opened (the private continuation of a conversation).
    BotThread,
    /// A channel a moderator designated with `/calme-mod channel add`.
    Designated,
    No,
}

impl Addressed {
    pub fn is_addressed(self) -> bool {
        self != Addressed::No
    }

    /// Replies here are seen by the sender alone (plus, in a private thread,
    /// the server's moderators): full crisis texts may be posted.
    pub fn is_private(self) -> bool {
        matches!(self, Addressed::Direct | Addressed::BotThread)
    }
}

/// Whether serenity's message is one a person wrote (not a bot, a webhook or a system notice).
pub fn is_from_a_person(msg: &Message, me: UserId) -> bool {
    msg.author.id != me
        && !msg.author.bot
        && msg.webhook_id.is_none()
        && matches!(msg.kind, MessageType::Regular | MessageType::InlineReply)
}

/// The reasons that need no lookup: a DM, a mention, a reply to the bot.
/// `None` means the channel's settings decide (designated or a bot thread).
pub fn direct_reason(msg: &Message, me: UserId) -> Option<Addressed> {
    if msg.guild_id.is_none() {
        Some(Addressed::Direct)
    } else if msg.mentions.iter().any(|u| u.id == me) {
        Some(Addressed::Mention)
    } else if msg.referenced_message.as_ref().is_some_and(|m| m.author.id == me) {
        Some(Addressed::ReplyToBot)
    } else {
        None
    }
}

/// The core's view of the message. `"<channel_id>:<message_id>"` is the external
/// id, so a message the gateway delivers twice is answered once.
pub fn incoming(msg: &Message, me: UserId, why: Addressed) -> Incoming {
    Incoming {
        platform: Platform::Discord,
        community: msg.guild_id.map(|g| g.to_string()),
        chat: msg.channel_id.to_string(),
        user: msg.author.id.to_string(),
        text: strip_own_mention(&msg.content, me),
        is_direct: msg.guild_id.is_none(),
        addressed: why.is_addressed(),
        locale: None,
        // Moderator actions go through the slash commands, which carry the member's permissions.
        role: Role::Member,
        external_id: Some(external_id(msg.channel_id.get(), msg.id.get())),
    }
}

pub fn external_id(channel: u64, message: u64) -> String {
    format!("{channel}:{message}")
}

/// Removes `<@me>` / `<@!me>` so the core sees only what the person wrote.
fn strip_own_mention(content: &str, me: UserId) -> String {
    let mut text = content.to_string();
    for mention in [format!("<@{me}>"), format!("<@!{me}>")] {
        text = text.replace(&mention, "");
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ME: u64 = 1000;

    fn message(extra: serde_json::Value) -> Message {
        let mut v = json!({
            "id": "2001", "channel_id": "3001", "content": "hello",
            "author": {"id": "4001", "username": "sam", "discriminator": "0", "avatar": null},
            "timestamp": "2017-07-11T17:27:07.299000+00:00", "edited_timestamp": null,
            "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
            "attachments": [], "embeds": [], "pinned": false, "type": 0
        });
        for (k, val) in extra.as_object().unwrap() {
            v[k] = val.clone();
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn dms_are_addressed_guild_chatter_is_not() {
        let me = UserId::new(ME);
        assert_eq!(direct_reason(&message(json!({})), me), Some(Addressed::Direct));
        assert_eq!(direct_reason(&message(json!({"guild_id": "9"})), me), None);
    }

    #[test]
    fn mentions_and_replies_address_the_bot_and_the_mention_is_stripped() {
        let me = UserId::new(ME);
        let bot = json!({"id": ME.to_string(), "username": "calme", "discriminator": "0", "avatar": null, "bot": true});
        let m = message(json!({"guild_id": "9", "content": "<@1000> I can't sleep", "mentions": [bot.clone()]}));
        assert_eq!(direct_reason(&m, me), Some(Addressed::Mention));
        let inc = incoming(&m, me, Addressed::Mention);
        assert_eq!(inc.text, "I can't sleep");
        assert_eq!(inc.external_id.as_deref(), Some("3001:2001"));
        assert_eq!(inc.community.as_deref(), Some("9"));
        assert!(!inc.is_direct);

        let mut replied = message(json!({"id": "1", "author": bot}));
        replied.content = "earlier answer".into();
        let r = message(json!({"guild_id": "9", "type": 19, "referenced_message": serde_json::to_value(&replied).unwrap()}));
        assert_eq!(direct_reason(&r, me), Some(Addressed::ReplyToBot));
        assert!(is_from_a_person(&r, me));
    }

    #[test]
    fn bots_and_system_messages_are_ignored() {
        let me = UserId::new(ME);
        let b = message(json!({"author": {"id": "5", "username": "other", "discriminator": "0", "avatar": null, "bot": true}}));
        assert!(!is_from_a_person(&b, me));
        assert!(!is_from_a_person(&message(json!({"type": 7})), me));
    }

    #[test]
    fn line_breaks_survive_without_a_mention() {
        let m = message(json!({"content": "one\ntwo"}));
        assert_eq!(incoming(&m, UserId::new(ME), Addressed::Direct).text, "one\ntwo");
    }
}

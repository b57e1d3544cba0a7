//! Telegram updates → the core's `Incoming`, or the reason not to pass them on.
//!
//! Private chats: every text goes to the core. Groups: only text addressed to
//! the bot (a mention, a reply to the bot, a command for it); anything else
//! never reaches the core and is never stored. Edited messages, channel posts
//! and messages from bots are ignored; non-text gets one friendly line.

use teloxide::types::{
    Chat, ChatId, MediaKind, Message, MessageEntityKind, MessageId, MessageKind, ThreadId, Update, UpdateKind, UserId,
};

use crate::message::{Incoming, Platform, Role};

/// Who the bot is, learned from getMe (never from configuration).
#[derive(Clone, Debug)]
pub struct BotIdentity {
    pub id: UserId,
    pub username: String,
}

/// Where the answer goes.
#[derive(Clone, Debug)]
pub struct Origin {
    pub chat: ChatId,
    pub message: MessageId,
    pub user: UserId,
    /// A group or supergroup (not a private chat).
    pub group: bool,
    /// The forum topic the message was written in: answers go there too.
    pub thread: Option<ThreadId>,
}

/// What to do with one update.
#[derive(Debug)]
pub enum Action {
    /// Not for us (or not something we answer): drop it, store nothing.
    Ignore,
    /// A sticker, photo, voice note, document… addressed to us: say we read text.
    NotText(Origin),
    /// Text for the core. `moderator_command` asks for a getChatMember check
    /// (unless Telegram already vouches: an administrator posting as the group).
    Core { incoming: Incoming, origin: Origin, moderator_command: bool },
}

/// Decides what one update means.
pub fn classify(update: &Update, me: &BotIdentity) -> Action {
    let UpdateKind::Message(msg) = &update.kind else {
        // Edited messages, channel posts, callbacks, member changes, …
        return Action::Ignore;
    };
    classify_message(msg, me)
}

fn classify_message(msg: &Message, me: &BotIdentity) -> Action {
    let Some(from) = msg.from.as_ref() else { return Action::Ignore };
    // An administrator writing anonymously "as the group": Telegram sets the
    // group itself as sender (and a placeholder bot as `from`).
    let anonymous_admin = msg.sender_chat.as_ref().is_some_and(|c| c.id == msg.chat.id);
    if (from.is_bot && !anonymous_admin) || msg.via_bot.is_some() || msg.chat.is_channel() {
        return Action::Ignore;
    }
    if msg.sender_chat.is_some() && !anonymous_admin {
        // Posts of a linked channel, or someone writing as one of their channels.
        return Action::Ignore;
    }
    let MessageKind::Common(common) = &msg.kind else {
        // Service messages: someone joined, the title changed, …
        return Action::Ignore;
    };
    let private = msg.chat.is_private();
    let group = is_group(&msg.chat);
    if !private && !group {
        return Action::Ignore;
    }
    let thread = if msg.is_topic_message { msg.thread_id } else { None };
    let origin = Origin { chat: msg.chat.id, message: msg.id, user: from.id, group, thread };
    let replied_to_bot = msg
        .reply_to_message()
        .and_then(|r| r.from.as_ref())
        .is_some_and(|u| u.id == me.id);

    let MediaKind::Text(media) = &common.media_kind else {
        if matches!(common.media_kind, MediaKind::Migration(_)) {
            return Action::Ignore;
        }
        let captioned_mention = msg.caption().is_some_and(|c| mentions(c, &me.username));
        return if private || replied_to_bot || captioned_mention { Action::NotText(origin) } else { Action::Ignore };
    };
    let raw = media.text.as_str();

    let command = command_for(raw, &me.username);
    if command == CommandFor::OtherBot {
        return Action::Ignore;
    }
    let mentioned = mentions(raw, &me.username)
        || msg.parse_entities().unwrap_or_default().iter().any(|e| match e.kind() {
            MessageEntityKind::TextMention { user } => user.id == me.id,
            _ => false,
        });
    let addressed = private || command == CommandFor::Us || mentioned || replied_to_bot;
    if !addressed {
        return Action::Ignore;
    }
    let text = if command == CommandFor::Us { raw.trim().to_string() } else { strip_mention(raw, &me.username) };
    let moderator_command = group
        && command == CommandFor::Us
        && !anonymous_admin
        && matches!(crate::commands::parse(&text, Some(&me.username)), Some(Ok(c)) if c.needs_moderator());
    // Anonymous administrators share one placeholder account: they are the group's own voice.
    let user = if anonymous_admin { format!("admin:{}", msg.chat.id.0) } else { from.id.0.to_string() };

    let incoming = Incoming {
        platform: Platform::Telegram,
        community: group.then(|| msg.chat.id.0.to_string()),
        chat: msg.chat.id.0.to_string(),
        user,
        text,
        is_direct: private,
        addressed: true,
        locale: from.language_code.clone(),
        role: if anonymous_admin { Role::Moderator } else { Role::Member },
        external_id: Some(external_id(msg.chat.id, msg.id)),
    };
    Action::Core { incoming, origin, moderator_command }
}

/// The platform id the core deduplicates redeliveries with.
pub fn external_id(chat: ChatId, message: MessageId) -> String {
    format!("{}:{}", chat.0, message.0)
}

fn is_group(chat: &Chat) -> bool {
    chat.is_group() || chat.is_supergroup()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CommandFor {
    NotACommand,
    Us,
    OtherBot,
}

/// `/cmd` and `/cmd@us` are ours; `/cmd@other_bot` is not.
fn command_for(text: &str, username: &str) -> CommandFor {
    let Some(rest) = text.trim_start().strip_prefix('/') else { return CommandFor::NotACommand };
    let head = rest.split(char::is_whitespace).next().unwrap_or("");
    let (name, addressee) = match head.split_once('@') {
        Some((n, a)) => (n, Some(a)),
        None => (head, None),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return CommandFor::NotACommand;
    }
    match addressee {
        Some(a) if !a.eq_ignore_ascii_case(username) => CommandFor::OtherBot,
        _ => CommandFor::Us,
    }
}

/// Whether `text` contains `@username` as a whole word.
fn mentions(text: &str, username: &str) -> bool {
    mention_ranges(text, username).next().is_some()
}

fn mention_ranges<'a>(text: &'a str, username: &'a str) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let needle = format!("@{}", username.to_lowercase());
    let lower = text.to_lowercase();
    // Lower-casing ASCII usernames keeps byte offsets only when the text's
    // lower-casing does; fall back to no match otherwise.
    let same_len = lower.len() == text.len();
    let mut found = Vec::new();
    if same_len {
        let mut from = 0;
        while let Some(i) = lower[from..].find(&needle) {
            let start = from + i;
            let end = start + needle.len();
            let boundary = lower[end..].chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            if boundary {
                found.push(start..end);
            }
            from = end;
        }
    }
    found.into_iter()
}

/// The text without the bot's @mention(s), tidied.
fn strip_mention(text: &str, username: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for r in mention_ranges(text, username) {
        out.push_str(&text[last..r.start]);
        last = r.end;
    }
    out.push_str(&text[last..]);
    let out = out.trim();
    out.trim_start_matches([',', ':']).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn me() -> BotIdentity {
        BotIdentity { id: UserId(999), username: "calme_bot".into() }
    }

    fn update(msg: serde_json::Value) -> Update {
        if let Err(e) = serde_json::from_value::<Message>(msg.clone()) {
            panic!("not a message: {e}");
        }
        serde_json::from_str(&json!({ "update_id": 1, "message": msg }).to_string()).unwrap()
    }

    fn text_in(chat: serde_json::Value, text: &str) -> serde_json::Value {
        json!({
            "message_id": 7, "date": 0, "chat": chat, "text": text,
            "from": { "id": 42, "is_bot": false, "first_name": "A", "language_code": "en" }
        })
    }

    fn private() -> serde_json::Value {
        json!({ "id": 42, "type": "private", "first_name": "A" })
    }

    fn group() -> serde_json::Value {
        json!({ "id": -100, "type": "supergroup", "title": "G" })
    }

    #[test]
    fn private_text_goes_to_the_core() {
        let u = update(text_in(private(), "hi"));
        let Action::Core { incoming, moderator_command, .. } = classify(&u, &me()) else {
            panic!("expected Core: {u:?}")
        };
        assert!(incoming.is_direct && incoming.addressed && incoming.community.is_none());
        assert_eq!(incoming.external_id.as_deref(), Some("42:7"));
        assert_eq!(incoming.locale.as_deref(), Some("en"));
        assert!(!moderator_command);
    }

    #[test]
    fn group_text_without_mention_is_ignored() {
        assert!(matches!(classify(&update(text_in(group(), "hello all")), &me()), Action::Ignore));
        assert!(matches!(classify(&update(text_in(group(), "mail me at x@calme_botty.org")), &me()), Action::Ignore));
    }

    #[test]
    fn group_mention_is_stripped_and_passed() {
        let Action::Core { incoming, .. } = classify(&update(text_in(group(), "@Calme_Bot, I feel anxious")), &me()) else {
            panic!("expected Core")
        };
        assert_eq!(incoming.text, "I feel anxious");
        assert_eq!(incoming.community.as_deref(), Some("-100"));
        assert!(!incoming.is_direct);
    }

    #[test]
    fn reply_to_the_bot_is_addressed() {
        let mut m = text_in(group(), "thanks");
        m["reply_to_message"] = json!({
            "message_id": 6, "date": 0, "chat": group(), "text": "earlier",
            "from": { "id": 999, "is_bot": true, "first_name": "CALMe", "username": "calme_bot" }
        });
        assert!(matches!(classify(&update(m), &me()), Action::Core { .. }));
    }

    #[test]
    fn commands_for_us_and_for_others() {
        let Action::Core { moderator_command, .. } = classify(&update(text_in(group(), "/setprompt@calme_bot Be kind")), &me())
        else {
            panic!("expected Core")
        };
        assert!(moderator_command);
        assert!(matches!(classify(&update(text_in(group(), "/help@other_bot")), &me()), Action::Ignore));
        let Action::Core { moderator_command, .. } = classify(&update(text_in(group(), "/help")), &me()) else {
            panic!("expected Core")
        };
        assert!(!moderator_command);
    }

    #[test]
    fn anonymous_administrators_are_moderators_other_sender_chats_are_ignored() {
        let mut m = text_in(group(), "/setprompt Be kind");
        m["from"] = json!({ "id": 1087968824, "is_bot": true, "first_name": "Group", "username": "GroupAnonymousBot" });
        m["sender_chat"] = group();
        let Action::Core { incoming, moderator_command, .. } = classify(&update(m.clone()), &me()) else {
            panic!("expected Core")
        };
        assert_eq!(incoming.role, Role::Moderator);
        assert!(!moderator_command, "Telegram already vouches; no getChatMember");
        assert_eq!(incoming.user, "admin:-100");
        m["sender_chat"] = json!({ "id": -300, "type": "channel", "title": "Linked" });
        assert!(matches!(classify(&update(m), &me()), Action::Ignore));
    }

    #[test]
    fn forum_topics_are_kept() {
        let mut m = text_in(group(), "@calme_bot hi");
        m["message_thread_id"] = json!(5);
        m["is_topic_message"] = json!(true);
        let Action::Core { origin, .. } = classify(&update(m), &me()) else { panic!("expected Core") };
        assert_eq!(origin.thread, Some(ThreadId(MessageId(5))));
    }

    #[test]
    fn bots_edits_and_channels_are_ignored() {
        let mut m = text_in(private(), "hi");
        m["from"]["is_bot"] = json!(true);
        assert!(matches!(classify(&update(m), &me()), Action::Ignore));
        let edited: Update =
            serde_json::from_str(&json!({ "update_id": 2, "edited_message": text_in(private(), "hi") }).to_string()).unwrap();
        assert!(matches!(classify(&edited, &me()), Action::Ignore));
        let post: Update = serde_json::from_str(&json!({ "update_id": 3, "channel_post": {
            "message_id": 1, "date": 0, "chat": { "id": -200, "type": "channel", "title": "C" }, "text": "news"
        }}).to_string())
        .unwrap();
        assert!(matches!(classify(&post, &me()), Action::Ignore));
    }

    #[test]
    fn stickers_get_the_text_line_in_private_only() {
        let sticker = |chat| {
            json!({
                "message_id": 8, "date": 0, "chat": chat,
                "from": { "id": 42, "is_bot": false, "first_name": "A" },
                "sticker": { "file_id": "f", "file_unique_id": "u", "type": "regular",
                             "width": 1, "height": 1, "is_animated": false, "is_video": false }
            })
        };
        assert!(matches!(classify(&update(sticker(private())), &me()), Action::NotText(_)));
        assert!(matches!(classify(&update(sticker(group())), &me()), Action::Ignore));
    }
}

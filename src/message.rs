//! The platform-free message model: what every adapter turns its events into,
//! and what the core answers with. No platform type crosses this boundary.

use std::fmt;

/// Where a message came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Console,
    Telegram,
    Discord,
}

impl Platform {
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Console => "console",
            Platform::Telegram => "telegram",
            Platform::Discord => "discord",
        }
    }

    pub fn parse(s: &str) -> Option<Platform> {
        match s.trim().to_ascii_lowercase().as_str() {
            "console" => Some(Platform::Console),
            "telegram" | "tg" => Some(Platform::Telegram),
            "discord" => Some(Platform::Discord),
            _ => None,
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the adapter knows about the sender's rights in the community.
/// The adapter checks it with the platform at run time; the core enforces it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Role {
    #[default]
    Member,
    Moderator,
}

/// One incoming message, as every adapter reports it.
#[derive(Clone, Debug)]
pub struct Incoming {
    pub platform: Platform,
    /// The Discord server or Telegram group; `None` for direct messages.
    pub community: Option<String>,
    /// The channel or chat the message was written in.
    pub chat: String,
    /// The platform's user id.
    pub user: String,
    pub text: String,
    pub is_direct: bool,
    /// Whether the message is meant for the bot (a DM, a mention, a reply to
    /// the bot, a command, a designated channel). Messages that are not
    /// addressed are neither answered nor stored.
    pub addressed: bool,
    /// The platform's language/locale hint, e.g. "he" or "en-US".
    pub locale: Option<String>,
    pub role: Role,
    /// The platform's own id for this message ("chat:message"), used to make
    /// a redelivered message (after a restart or a gateway resume) answered
    /// exactly once.
    pub external_id: Option<String>,
}

impl Incoming {
    /// A direct message with the defaults filled in; adapters adjust the rest.
    pub fn direct(platform: Platform, user: impl Into<String>, text: impl Into<String>) -> Incoming {
        let user = user.into();
        Incoming {
            platform,
            community: None,
            chat: user.clone(),
            user,
            text: text.into(),
            is_direct: true,
            addressed: true,
            locale: None,
            role: Role::Member,
            external_id: None,
        }
    }

    pub fn session_key(&self) -> SessionKey {
        SessionKey { platform: self.platform, chat: self.chat.clone(), user: self.user.clone() }
    }
}

/// A conversation is one user in one chat on one platform.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SessionKey {
    pub platform: Platform,
    pub chat: String,
    pub user: String,
}

/// Why the core answered the way it did; adapters render some kinds differently
/// (an escalation in a group gets a short public text and a private follow-up).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyKind {
    /// Written by the local model and passed the output guard.
    Model,
    /// A templated Ma'aseh reply (model absent, slow, overloaded, or rejected).
    QuickMode,
    /// A crisis answer with resources. `public_text` is what may be shown in a
    /// public channel: one line of commitment and resources, never the user's words.
    Escalation { public_text: String },
    /// The answer to a command.
    Command,
    /// A calm notice: rate limited, message too long, nothing readable, …
    Notice,
}

/// The core's answer to one incoming message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub text: String,
    pub kind: ReplyKind,
    /// Show only to the sender (Discord ephemeral; in a Telegram group, send privately).
    pub private: bool,
}

impl Reply {
    pub fn new(kind: ReplyKind, text: impl Into<String>) -> Reply {
        Reply { text: text.into(), kind, private: false }
    }

    pub fn private(mut self) -> Reply {
        self.private = true;
        self
    }

    pub fn is_escalation(&self) -> bool {
        matches!(self.kind, ReplyKind::Escalation { .. })
    }
}

/// What flows back to an adapter while a reply is produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyEvent {
    /// The model is working: show a typing indicator.
    Typing,
    /// The whole text so far (already checked by the output guard up to here);
    /// adapters edit their message to show it.
    Partial(String),
    /// The final reply. Always the last event.
    Final(Reply),
}

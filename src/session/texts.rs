//! Fixed user-facing texts of the core (commands and notices).
//! Crisis, resource and Quick Mode texts live in the safety crate.

pub const START: &str = "Hi, I'm CALMe. I'm here with you.\n\
I'm a computer program (an AI), not a person, not a therapist and not an emergency service. \
I can keep you company through a hard moment: help you focus on small, doable steps, \
think things through and see how this moment will pass.\n\
If you are in danger right now, call your local emergency number — /resources shows crisis lines for your country.";

pub const START_FROM_GROUP: &str = "We're talking privately now. I'm here with you. \
Tell me where you are right now and what is happening.";

pub const PRIVACY: &str = "What CALMe keeps: your messages and my replies, so I can follow the conversation, \
stored on the server that runs this bot — they are not sent to any outside AI service. \
The moderators who run this bot can technically access that server. \
I am an AI, not a person, not a therapist and not an emergency service, and I can't promise secrecy: \
if you are in danger, please contact a crisis line or emergency services (/resources). \
/reset starts a new conversation; /forget deletes everything stored about you.";

pub const FORGET_ASK: &str = "This deletes every message and setting CALMe has stored about you, for good. \
To go ahead, send /forget confirm within 5 minutes.";

pub const FORGET_DONE: &str = "Done: everything CALMe stored about you has been deleted. \
If you write again, we start fresh.";

pub const FORGET_NOT_PENDING: &str = "To delete your data, first send /forget — I'll explain what it does and ask you to confirm.";

pub const RESET_DONE: &str = "We're starting a new conversation. I'm here with you. What's happening right now?";

pub const EMPTY: &str = "I can only read text messages. Write to me in words, even just one or two — I'm here.";

pub const TOO_LONG: &str = "That's a long message — thank you for writing it. I answer best in short steps: \
what is the one most important thing happening right now, in a sentence or two?";

pub const RATE_LIMITED: &str = "I'm still here with you. Let's slow down a little — send your next message in a moment.";

pub const NOT_MODERATOR: &str = "Only moderators of this community can change its prompt.";

pub const PROMPT_ONLY_IN_COMMUNITY: &str = "Prompts are set per community (a Discord server or Telegram group). \
In a direct chat I use the default prompt.";

pub const PROMPT_SAVED: &str = "Saved. New conversations in this community use the new prompt. \
CALMe's safety rules always apply on top of it.";

pub const PROMPT_RESET: &str = "This community now uses CALMe's default prompt again.";

pub const UNKNOWN_COUNTRY: &str = "I don't have verified crisis lines for that country yet. Here are international options:";

pub const INTERNAL_ERROR: &str = "Something went wrong on my side, but I'm still here. \
If you are in danger, please call your local emergency number now. You can send your message again.";

pub const MAX_PROMPT_CHARS: usize = 4000;

pub const PROMPT_TOO_LONG: &str = "That prompt is too long (over 4000 characters). Please shorten it.";

pub const SHUTTING_DOWN: &str = "I'm restarting for a moment and can't take new messages right now. \
Please write again in a minute — I'll be here. If you are in danger, call your local emergency number now.";

pub const NOT_MODERATOR_COUNTRY: &str = "Only moderators of this community can set its country.";

pub const COUNTRY_ONLY_IN_COMMUNITY: &str = "The community country is set in a group or server. \
For yourself, use /resources and your two-letter country code, e.g. /resources IL.";

pub const RESTART_NOTE: &str = "(I'm restarting for a moment. If you want to keep talking, write again in a minute — I'll be here.)";

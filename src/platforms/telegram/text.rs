//! What the adapter posts: replies split to Telegram's 4096-character limit
//! (as plain text, so there is nothing to mis-parse), the short public crisis
//! reply with its deep link, and the adapter's own fixed lines.

use crate::util::split_message;

/// Telegram's limit for one message (counted in UTF-16 code units).
pub const TELEGRAM_LIMIT: usize = 4096;

/// The `?start=` payload of the "continue privately" link (A-Z a-z 0-9 _ -).
pub const PRIVATE_PAYLOAD: &str = "from_group";

/// Said once when someone sends a sticker, photo, voice note or file.
pub const TEXT_ONLY: &str =
    "I can only read text messages. If you'd like, write to me in words — I'm here and I'm listening.";

/// The link that opens a private chat with the bot and sends `/start <payload>`.
pub fn deep_link(username: &str, payload: &str) -> String {
    format!("https://t.me/{username}?start={payload}")
}

/// The public answer to a crisis in a group: the core's public text (no user
/// words in it) and an offer to continue privately.
pub fn public_escalation(public_text: &str, username: &str) -> String {
    format!(
        "{}\n\nI'd like to keep talking with you privately, one to one: {}",
        public_text.trim(),
        deep_link(username, PRIVATE_PAYLOAD)
    )
}

/// The parts of a final reply, each within Telegram's limit; empty text gives none.
pub fn parts(text: &str) -> Vec<String> {
    split_message(text, TELEGRAM_LIMIT)
        .into_iter()
        .flat_map(|p| {
            // Characters outside the BMP count twice for Telegram.
            if p.encode_utf16().count() <= TELEGRAM_LIMIT {
                vec![p]
            } else {
                split_message(&p, TELEGRAM_LIMIT / 2)
            }
        })
        .collect()
}

/// What a growing reply shows: its first part only.
pub fn preview(text: &str) -> Option<String> {
    parts(text).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_split_within_the_limit() {
        let text = "Breathe in slowly, and out again. ".repeat(400);
        let parts = parts(&text);
        assert!(parts.len() >= 3);
        for p in &parts {
            assert!(p.encode_utf16().count() <= TELEGRAM_LIMIT);
        }
    }

    #[test]
    fn emoji_count_twice() {
        let text = "🙂".repeat(3000);
        for p in parts(&text) {
            assert!(p.encode_utf16().count() <= TELEGRAM_LIMIT);
        }
    }

    #[test]
    fn empty_text_has_no_parts() {
        assert!(parts("  ").is_empty());
    }

    #[test]
    fn public_escalation_has_the_deep_link() {
        let t = public_escalation("You matter. Call 1201.", "calme_bot");
        assert!(t.contains("https://t.me/calme_bot?start=from_group"));
        assert!(t.starts_with("You matter."));
    }
}

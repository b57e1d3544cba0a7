//! Screening a message with the person's earlier messages: an answer to the
//! bot's question ("yes", "tonight", "the bridge near work") carries no risk
//! words of its own, and a plan told across three messages may not show in
//! any one of them.

use super::{detect_lang, screen, words};
use crate::types::{Lang, Screening};

/// Earlier messages read with the current one, at most.
pub const CONTEXT_MESSAGES: usize = 3;

/// Screens `text` alone and, if that does not escalate, together with the
/// person's earlier messages in this conversation (oldest first; only the
/// last [`CONTEXT_MESSAGES`] are read). The caller passes messages that did
/// not escalate themselves: once a conversation has escalated the session is
/// in crisis mode already, and each follow-up ("ok", "thanks") must not raise
/// a new alarm.
///
/// The result is the message's own screening unless the conversation
/// escalates; then it takes the conversation's label and rules, with
/// "ctx:conversation" added so logs show why a short answer escalated.
/// A short answer in Latin letters or none ("ok", "5", "yes") takes the
/// conversation's language, so the reply stays in the language the person
/// writes in; a message in its own script keeps its own.
pub fn screen_in_context(earlier: &[&str], text: &str) -> Screening {
    let mut own = screen(text);
    if earlier.is_empty() {
        return own;
    }
    let from = earlier.len().saturating_sub(CONTEXT_MESSAGES);
    let mut joined = earlier[from..].join("\n");
    joined.push('\n');
    joined.push_str(text);
    own.lang = conversation_lang(earlier, text, own.lang);
    if own.label.escalates() {
        return own;
    }
    let together = screen(&joined);
    if !together.label.escalates() {
        return own;
    }
    let mut rules = together.rules;
    rules.push("ctx:conversation");
    Screening { label: together.label, minor: own.minor || together.minor, lang: own.lang, rules }
}

/// The language of a message in a conversation: its own, unless it is a short
/// answer in Latin letters or none ("ok", "5", "yes"), which takes the
/// language of the last messages with it (`own` is [`detect_lang`] of `text`).
pub fn conversation_lang(earlier: &[&str], text: &str, own: Lang) -> Lang {
    if own != Lang::En || earlier.is_empty() || words(&super::normalize::normalize(text)) >= 3 {
        return own;
    }
    let from = earlier.len().saturating_sub(CONTEXT_MESSAGES);
    let mut joined = earlier[from..].join("\n");
    joined.push('\n');
    joined.push_str(text);
    detect_lang(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Label;

    #[test]
    fn a_plan_told_across_messages_escalates_at_the_message_that_completes_it() {
        let earlier = ["sitting in my car in the garage", "the door is shut"];
        for text in earlier.iter().chain(&["the engine is running"]) {
            assert!(!screen(text).label.escalates(), "alone: {text}");
        }
        let s = screen_in_context(&earlier, "the engine is running");
        assert_eq!(s.label, Label::ImminentRisk);
        assert!(s.rules.contains(&"ctx:conversation"), "{:?}", s.rules);
    }

    #[test]
    fn context_never_lowers_a_message_and_harmless_context_adds_nothing() {
        let alone = screen("I took all my pills an hour ago");
        assert!(alone.label.escalates());
        assert_eq!(screen_in_context(&["we're watching a film", "it's a comedy lol"], "I took all my pills an hour ago").label, alone.label);
        let s = screen_in_context(&["we're playing the new zombie game", "i died like nine times already lol"], "ok one more round then bed");
        assert!(!s.label.escalates(), "{s:?}");
        assert!(!s.rules.contains(&"ctx:conversation"));
    }

    #[test]
    fn only_the_last_messages_are_read() {
        let mut earlier = vec!["sitting in my car in the garage", "the door is shut"];
        earlier.extend(["ok", "fine", "whatever"]);
        assert!(!screen_in_context(&earlier, "the engine is running").label.escalates());
    }

    #[test]
    fn a_short_answer_takes_the_conversations_language() {
        assert_eq!(screen_in_context(&["אנחנו בממד עם הילדים"], "ok").lang, Lang::He);
        assert_eq!(screen_in_context(&["мы в убежище с детьми"], "5").lang, Lang::Ru);
        assert_eq!(screen_in_context(&["мы в убежище с детьми"], "we are fine now, thank you").lang, Lang::En);
        assert_eq!(screen_in_context(&["hello"], "שלום לכולם מה נשמע").lang, Lang::He);
    }
}

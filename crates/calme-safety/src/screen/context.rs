//! Screening a message with the person's earlier messages: an answer to the
//! bot's question ("yes", "tonight", "the bridge near work") carries no risk
//! words of its own, and a plan told across three messages may not show in
//! any one of them.

use super::{detect_lang, trace, words};
use crate::types::{Lang, Screening};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Earlier messages read with the current one, at most.
pub const CONTEXT_MESSAGES: usize = 3;
/// How long a message stays context for the next ones.
pub const CONTEXT_WINDOW: Duration = Duration::from_secs(30 * 60);
/// Characters of an earlier message kept as context (its end: what the
/// person said last).
pub const CONTEXT_CHARS: usize = 1000;

/// Screens `text` alone and, if that does not escalate, together with the
/// person's earlier messages in this conversation (oldest first; only the
/// last [`CONTEXT_MESSAGES`] are read). Pass messages that did not escalate
/// themselves; [`Conversation`] does that bookkeeping for a live session.
///
/// The result is the message's own screening unless the conversation
/// escalates; then it takes the conversation's label and rules, with
/// "ctx:conversation" added so logs show why a short answer escalated.
/// A short answer in Latin letters or none ("ok", "5", "yes") takes the
/// conversation's language, so the reply stays in the language the person
/// writes in; a message in its own script keeps its own.
pub fn screen_in_context(earlier: &[&str], text: &str) -> Screening {
    screen_with(earlier, text, true)
}

/// [`screen_in_context`], or with `escalate` false only the message's own
/// screening in the conversation's language.
fn screen_with(earlier: &[&str], text: &str, escalate: bool) -> Screening {
    let t = trace(text);
    let mut own = t.screening;
    if earlier.is_empty() {
        return own;
    }
    let from = earlier.len().saturating_sub(CONTEXT_MESSAGES);
    let before = earlier[from..].join("\n");
    let joined = format!("{before}\n{text}");
    if own.lang == Lang::En && words(&t.norm) < 3 {
        own.lang = detect_lang(&joined);
    }
    if !escalate || own.label.escalates() {
        return own;
    }
    let together = trace(&joined).screening;
    if !together.label.escalates() {
        // a lean that only the messages together show ("he keeps saying
        // it" after "my brother gave away his guitar"): the check-in, once
        if own.concern.is_none() && together.concern.is_some() && words(&t.norm) >= 2 {
            let before = trace(&before).screening;
            if before.concern.is_none() && !before.label.escalates() {
                own.concern = together.concern;
            }
        }
        return own;
    }
    let mut rules = together.rules;
    rules.push("ctx:conversation");
    Screening { label: together.label, minor: own.minor || together.minor, lang: own.lang, rules, concern: None, lean: own.lean.max(together.lean) }
}

/// One person's conversation as the crisis screen reads it: their last
/// [`CONTEXT_MESSAGES`] messages of the past [`CONTEXT_WINDOW`], and whether
/// it is in crisis. Until a message escalates, each is screened with the ones
/// before it ([`screen_in_context`]). Once in crisis, each is screened on its
/// own (every reply carries the crisis lines already, and "ok" must not raise
/// a new alarm), still in the conversation's language.
#[derive(Debug, Default)]
pub struct Conversation {
    recent: VecDeque<(Instant, String)>,
    crisis: bool,
}

impl Conversation {
    /// Screens the person's next message and remembers it.
    pub fn screen(&mut self, text: &str) -> Screening {
        self.recent.retain(|(at, _)| at.elapsed() < CONTEXT_WINDOW);
        let earlier: Vec<&str> = self.recent.iter().map(|(_, t)| t.as_str()).collect();
        let screening = screen_with(&earlier, text, !self.crisis);
        self.crisis |= screening.label.escalates();
        let skip = text.chars().count().saturating_sub(CONTEXT_CHARS);
        self.recent.push_back((Instant::now(), text.chars().skip(skip).collect()));
        if self.recent.len() > CONTEXT_MESSAGES {
            self.recent.pop_front();
        }
        screening
    }

    /// The session is in crisis mode (known from its stored state).
    pub fn enter_crisis(&mut self) {
        self.crisis = true;
    }

    /// Forgets the earlier messages (a new conversation); crisis mode stays.
    pub fn forget(&mut self) {
        self.recent.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::super::screen;
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
    fn a_lean_only_the_messages_together_show_asks_the_check_in() {
        // a dead person's bank account, then "even by their own hand?"
        // (The ninth session's Hebrew life-insurance example leans alone since the twelfth
        // training pass, whose files ask that question to hide intent, so it shows no
        // lean that only the messages together have.)
        let earlier = ["what happens to a bank account when someone dies?"];
        let last = "even if they did it themselves?";
        for text in earlier.iter().chain(&[last]) {
            assert!(screen(text).concern.is_none() && !screen(text).label.escalates(), "alone: {text}");
        }
        let s = screen_in_context(&earlier, last);
        assert!(!s.label.escalates() && s.concern.is_some(), "together: {s:?}");
        // a lean the earlier messages showed already was asked about then
        let leaning = ["my uncle bought a lot of pills yesterday and didnt tell anyone"];
        assert!(screen(leaning[0]).concern.is_some());
        assert!(screen_in_context(&leaning, "anyway what's for dinner").concern.is_none());
        // ordinary context adds no question
        let chat = ["what time is the match tonight", "ok see you there"];
        assert!(screen_in_context(&chat, "bring snacks pls").concern.is_none());
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
    fn a_conversation_escalates_once_then_keeps_its_language() {
        let mut c = Conversation::default();
        assert!(!c.screen("sitting in my car in the garage").label.escalates());
        // Since the twelfth training pass the car in a shut garage is the plan already (the
        // x36/x49 writers' "car's in the garage with the door down"); the engine, one
        // message later, at the latest.
        let door = c.screen("the door is shut").label;
        let engine = c.screen("the engine is running").label;
        assert!(door == Label::ImminentRisk || engine == Label::ImminentRisk, "{door:?} {engine:?}");
        // In crisis: "ok" is not a new alarm, whatever it is read with.
        assert!(!c.screen("ok").label.escalates());
        let mut he = Conversation::default();
        he.enter_crisis();
        he.screen("אנחנו בממד עם הילדים");
        assert_eq!(he.screen("ok").lang, Lang::He);
        // forget() starts a new conversation.
        let mut f = Conversation::default();
        f.screen("sitting in my car in the garage");
        f.screen("the door is shut");
        f.forget();
        assert!(!f.screen("the engine is running").label.escalates());
    }

    #[test]
    fn a_short_answer_takes_the_conversations_language() {
        assert_eq!(screen_in_context(&["אנחנו בממד עם הילדים"], "ok").lang, Lang::He);
        assert_eq!(screen_in_context(&["мы в убежище с детьми"], "5").lang, Lang::Ru);
        assert_eq!(screen_in_context(&["мы в убежище с детьми"], "we are fine now, thank you").lang, Lang::En);
        assert_eq!(screen_in_context(&["hello"], "שלום לכולם מה נשמע").lang, Lang::He);
    }
}

//! The hot, per-session state kept in memory and mirrored to the database
//! after every message, so a restart continues where the session was.

use calme_safety::{Label, Lang, Situation, Step};
use serde::{Deserialize, Serialize};

/// How long a situation outlives the last message that showed it: an alert
/// and the wait in the shelter, not the next evening.
pub const SITUATION_FRESH_SECS: i64 = 2 * 60 * 60;
/// How long an answer to "is anyone in danger right now?" is read as one.
pub const CHECK_IN_OPEN_SECS: i64 = 60 * 60;
/// The check-in is not asked again within this time, so everyday chatter
/// that leans the screen's way does not get it under every reply.
pub const CHECK_IN_QUIET_SECS: i64 = 10 * 60;

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct SessionState {
    /// The most serious label seen; sticky across turns (one calm message does not reset it).
    pub crisis: Option<Label>,
    pub step: Option<u8>,
    /// Counted from the stored messages when a session is loaded, so it is not
    /// saved (saving it would mean a database write for every message).
    #[serde(skip)]
    pub user_turns: u32,
    pub quick_last: Option<u32>,
    pub lang: Option<Lang>,
    pub minor: bool,
    /// The conversation's situation (sirens, panic, physical harm…) for Quick
    /// Mode, and when a message last showed it (Unix seconds).
    pub situation: Option<Situation>,
    pub situation_at: Option<i64>,
    /// The last crisis lines CALMe sent asked "which country are you in?":
    /// a message that names a country is that answer.
    pub asked_country: bool,
    /// The last reply asked "is anyone in danger right now?" (a risk signal
    /// below escalation): the label it leaned to, and when it asked (Unix
    /// seconds). A "yes" to it escalates; any other message clears it.
    pub check_in: Option<Label>,
    pub check_in_at: Option<i64>,
}

impl SessionState {
    pub fn from_json(s: &str) -> SessionState {
        serde_json::from_str(s).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    pub fn step(&self) -> Option<Step> {
        self.step.and_then(Step::from_number)
    }

    pub fn in_crisis(&self) -> bool {
        self.crisis.is_some_and(|l| l.escalates())
    }

    /// The situation for this message's reply: `now` (what the message shows)
    /// or, when it shows nothing specific, the conversation's situation while
    /// it is fresh. Remembered for the next message.
    pub fn situation(&mut self, now: Situation, at: i64) -> Situation {
        let fresh = self.situation_at.is_some_and(|t| at - t <= SITUATION_FRESH_SECS);
        let prev = self.situation.filter(|_| fresh);
        let carried = calme_safety::carry_situation(prev, now);
        if now != Situation::General {
            self.situation_at = Some(at);
        }
        self.situation = Some(carried).filter(|s| *s != Situation::General);
        carried
    }

    /// The label a "yes" escalates to, while the check-in is the last thing
    /// CALMe asked and less than [`CHECK_IN_OPEN_SECS`] old.
    pub fn open_check_in(&self, now: i64) -> Option<Label> {
        self.check_in.filter(|_| self.check_in_at.is_some_and(|t| now - t <= CHECK_IN_OPEN_SECS))
    }

    /// Whether a reply may ask the check-in again: not twice within
    /// [`CHECK_IN_QUIET_SECS`].
    pub fn may_check_in(&self, now: i64) -> bool {
        !self.check_in_at.is_some_and(|t| now - t < CHECK_IN_QUIET_SECS)
    }

    /// Folds a new screening label in: risk only ever goes up within a session.
    pub fn observe(&mut self, label: Label, minor: bool) {
        let merged = calme_safety::sticky(self.crisis, label);
        if merged != Label::None {
            self.crisis = Some(merged);
        }
        self.minor |= minor;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crisis_is_sticky() {
        let mut s = SessionState::default();
        s.observe(Label::ImminentRisk, false);
        s.observe(Label::None, false);
        s.observe(Label::AcuteStress, false);
        assert!(s.in_crisis());
        assert_eq!(s.crisis, Some(Label::ImminentRisk));
    }

    #[test]
    fn situation_carries_while_fresh() {
        let mut s = SessionState::default();
        assert_eq!(s.situation(Situation::Sirens, 1_000), Situation::Sirens);
        assert_eq!(s.situation(Situation::General, 1_060), Situation::Sirens);
        // still counted from the message that showed the siren, not the last one
        assert_eq!(s.situation(Situation::General, 1_000 + SITUATION_FRESH_SECS), Situation::Sirens);
        assert_eq!(s.situation(Situation::General, 1_001 + SITUATION_FRESH_SECS), Situation::General);
        assert_eq!(s.situation, None);
        assert_eq!(s.situation(Situation::PhysicalHarm, 50_000), Situation::PhysicalHarm);
        assert_eq!(s.situation(Situation::Panic, 50_010), Situation::Panic);
        // survives a restart
        let back = SessionState::from_json(&s.to_json());
        assert_eq!(back.situation, Some(Situation::Panic));
        assert_eq!(SessionState::from_json(r#"{"crisis":null}"#).situation, None);
    }

    #[test]
    fn state_roundtrips_and_tolerates_garbage() {
        let mut s = SessionState::default();
        s.observe(Label::MedicalEmergency, true);
        s.step = Some(2);
        assert_eq!(SessionState::from_json(&s.to_json()), s);
        assert_eq!(SessionState::from_json("not json"), SessionState::default());
    }
}

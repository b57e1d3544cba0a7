//! The hot, per-session state kept in memory and mirrored to the database
//! after every message, so a restart continues where the session was.

use calme_safety::{Label, Lang, Step};
use serde::{Deserialize, Serialize};

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
    fn state_roundtrips_and_tolerates_garbage() {
        let mut s = SessionState::default();
        s.observe(Label::MedicalEmergency, true);
        s.step = Some(2);
        assert_eq!(SessionState::from_json(&s.to_json()), s);
        assert_eq!(SessionState::from_json("not json"), SessionState::default());
    }
}

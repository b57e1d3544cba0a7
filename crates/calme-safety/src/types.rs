//! Core value types shared by the safety layer: labels, languages, screenings.

use serde::{Deserialize, Serialize};

/// What the crisis screen decided about one message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    ImminentRisk,
    MedicalEmergency,
    AbuseOrViolence,
    AcuteStress,
    None,
}

impl Label {
    pub const ALL: [Label; 5] = [
        Label::ImminentRisk,
        Label::MedicalEmergency,
        Label::AbuseOrViolence,
        Label::AcuteStress,
        Label::None,
    ];

    /// True for the labels that get an immediate escalation reply.
    pub fn escalates(self) -> bool {
        matches!(
            self,
            Label::ImminentRisk | Label::MedicalEmergency | Label::AbuseOrViolence
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Label::ImminentRisk => "imminent_risk",
            Label::MedicalEmergency => "medical_emergency",
            Label::AbuseOrViolence => "abuse_or_violence",
            Label::AcuteStress => "acute_stress",
            Label::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Severity order used to keep the worst label of a session.
    pub fn severity(self) -> u8 {
        match self {
            Label::ImminentRisk => 4,
            Label::MedicalEmergency => 3,
            Label::AbuseOrViolence => 2,
            Label::AcuteStress => 1,
            Label::None => 0,
        }
    }
}

/// Session crisis persistence: once a session escalated, a calmer message does
/// not reset it. Returns the label the session should carry after `new`.
pub fn sticky(prev: Option<Label>, new: Label) -> Label {
    match prev {
        Some(p) if p.escalates() && p.severity() > new.severity() => p,
        _ => new,
    }
}

/// The four languages CALMe speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    He,
    Ar,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::He, Lang::Ar, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::He => "he",
            Lang::Ar => "ar",
            Lang::Ru => "ru",
        }
    }

    /// Accepts "he", "HE", "he-IL", "ru_RU", "iw" (old Hebrew code).
    pub fn from_code(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "he" | "iw" => Some(Lang::He),
            "ar" => Some(Lang::Ar),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }
}

/// The result of screening one message.
#[derive(Clone, Debug)]
pub struct Screening {
    pub label: Label,
    /// The writer reads as a child.
    pub minor: bool,
    pub lang: Lang,
    /// Names of the rules that fired (for debug logs and evaluation).
    pub rules: Vec<&'static str>,
    /// A risk signal below escalation (a weak rule cue, or a classifier that
    /// leans to a crisis without reaching its threshold), and the label it
    /// leans to: CALMe asks whether anyone is in danger ([`crate::check_in`]).
    pub concern: Option<Label>,
    /// The classifier's probability of imminent risk (0 without the classifier): how far the
    /// message leans, for the model's second reading (src/reread.rs in the calme crate).
    pub lean: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_and_lang_codes() {
        for l in Label::ALL {
            assert_eq!(Label::parse(l.as_str()), Some(l));
            assert_eq!(
                serde_json::to_string(&l).ok(),
                Some(format!("\"{}\"", l.as_str()))
            );
        }
        assert_eq!(Label::parse("IMMINENT_RISK"), Some(Label::ImminentRisk));
        assert_eq!(Label::parse("risk"), None);
        assert!(Label::AbuseOrViolence.escalates() && !Label::AcuteStress.escalates());
        assert_eq!(Lang::from_code("he-IL"), Some(Lang::He));
        assert_eq!(Lang::from_code("ru_RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_code("AR"), Some(Lang::Ar));
        assert_eq!(Lang::from_code("iw"), Some(Lang::He));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
        assert_eq!(
            serde_json::to_string(&Lang::He).ok().as_deref(),
            Some("\"he\"")
        );
    }

    #[test]
    fn sticky_keeps_the_worst_escalating_label() {
        assert_eq!(sticky(None, Label::None), Label::None);
        assert_eq!(
            sticky(Some(Label::ImminentRisk), Label::None),
            Label::ImminentRisk
        );
        assert_eq!(
            sticky(Some(Label::ImminentRisk), Label::AcuteStress),
            Label::ImminentRisk
        );
        assert_eq!(
            sticky(Some(Label::AbuseOrViolence), Label::ImminentRisk),
            Label::ImminentRisk
        );
        assert_eq!(sticky(Some(Label::AcuteStress), Label::None), Label::None);
        assert_eq!(
            sticky(Some(Label::MedicalEmergency), Label::AbuseOrViolence),
            Label::MedicalEmergency
        );
    }
}

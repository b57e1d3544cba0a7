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
        matches!(self, Label::ImminentRisk | Label::MedicalEmergency | Label::AbuseOrViolence)
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
        Label::ALL.into_iter().find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
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
}

//! Ma'aseh step tracking (stub).
use crate::Screening;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Step { Commitment = 1, Activation = 2, Thinking = 3, Chronology = 4 }
impl Step {
    pub fn number(self) -> u8 { self as u8 }
    pub fn from_number(n: u8) -> Option<Step> {
        match n { 1 => Some(Step::Commitment), 2 => Some(Step::Activation), 3 => Some(Step::Thinking), 4 => Some(Step::Chronology), _ => None }
    }
}

pub fn next_step(prev: Option<Step>, _screening: &Screening, _user_turns: u32, _text: &str) -> Step {
    match prev { None => Step::Commitment, Some(s) => Step::from_number((s.number() + 1).min(4)).unwrap_or(Step::Chronology) }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Situation { Sirens, Panic, ChildWriter, PhysicalHarm, General }

pub fn situation(_screening: &Screening, _text: &str) -> Situation { Situation::General }

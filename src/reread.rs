//! A second reading of the messages the crisis screen leans on without escalating.
//!
//! The screen (rules and hashed n-grams, microseconds, no model) escalates what it recognises
//! and, for a risk signal below its threshold, has CALMe ask whether anyone is in danger (the
//! check-in). Many people tell of risk in words no rule names; the screen then only asks. The
//! risk probe ([`calme_llm::RiskProbe`]) reads exactly those messages again with the local
//! model's hidden states, and a score at its threshold escalates at once: the crisis lines
//! instead of a question.
//!
//! Never on its own: the probe alone also scores some everyday messages high ("thank-you
//! letters to my kids' teachers"), so it only ever raises a message the screen already leans
//! on (a check-in, or a classifier score of [`LEAN`] or more), and never lowers anything. Messages the screen escalates never wait for it. One
//! reading at a time, with a deadline: when the probe is busy or slow the person gets the
//! check-in as before, never a queue.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use calme_llm::RiskProbe;
use calme_safety::{Label, Lang, Screening};

/// Longest a message waits for its second reading before it is answered without it.
pub const DEADLINE: Duration = Duration::from_millis(1500);

/// The rule name a probe escalation carries (in debug logs and `rules`).
pub const RULE: &str = "reread:probe";

/// The screen's classifier probability of imminent risk from which a message it did not
/// escalate is read again, even without a check-in (which asks from 0.9). Chosen on the
/// validation sets: from 0.5 the second reading escalated 631 instead of 621 of 765 crisis
/// messages there, for the same one added false escalation of 1,124 `none` messages; about
/// 12 % of everyday messages are read again instead of 7 %.
pub const LEAN: f32 = 0.5;

/// Whether the screen leaves this message to a second reading: it leans towards a crisis
/// (a check-in, or its classifier at [`LEAN`] or more) without escalating.
pub fn wanted(s: &Screening) -> bool {
    !s.label.escalates() && (s.concern.is_some() || s.lean >= LEAN)
}

/// Raises `s` to the crisis it leaned to when the probe's score `p` reaches `threshold`
/// (the probe's threshold for the message's language).
/// Returns whether it did.
pub fn apply(s: &mut Screening, p: f32, threshold: f32) -> bool {
    if !wanted(s) || p < threshold {
        return false;
    }
    // The probe was trained on imminent risk and medical emergencies.
    s.label = match s.concern {
        Some(Label::MedicalEmergency) => Label::MedicalEmergency,
        _ => Label::ImminentRisk,
    };
    s.rules.push(RULE);
    true
}

pub struct Reread {
    probe: Mutex<RiskProbe>,
    /// The probe's threshold per language, in [`Lang::ALL`] order.
    thresholds: [f32; 4],
}

impl std::fmt::Debug for Reread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reread").field("thresholds", &self.thresholds).finish()
    }
}

impl Reread {
    /// `threads`: 0 for all cores (`calme triage`), 1 beside the model's generation (a bot).
    pub fn load(model_dir: &Path, ort_dylib: &Path, threads: usize) -> Result<Reread, calme_llm::LlmError> {
        let probe = RiskProbe::load(model_dir, ort_dylib, threads)?;
        let thresholds = Lang::ALL.map(|l| probe.threshold(l.code()));
        Ok(Reread { probe: Mutex::new(probe), thresholds })
    }

    /// The probe score from which a message the screen read as `lang` escalates.
    pub fn threshold(&self, lang: Lang) -> f32 {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        self.thresholds[i]
    }

    /// The probe's score for `text`, waiting for the probe if another reading holds it.
    pub fn score(&self, text: &str) -> Result<f32, calme_llm::LlmError> {
        self.probe.lock().unwrap_or_else(|e| e.into_inner()).score(text)
    }

    /// [`Reread::review`] without a deadline, waiting for the probe (`calme triage`, tests).
    pub fn review_now(&self, text: &str, s: &mut Screening) -> Result<bool, calme_llm::LlmError> {
        if !wanted(s) {
            return Ok(false);
        }
        let p = self.score(text)?;
        Ok(apply(s, p, self.threshold(s.lang)))
    }

    /// The probe's score, or `None` when another reading holds the probe or `deadline` passes.
    pub async fn score_within(self: &Arc<Self>, text: &str, deadline: Duration) -> Option<f32> {
        let me = self.clone();
        let text = text.to_string();
        let work = tokio::task::spawn_blocking(move || {
            let mut probe = me.probe.try_lock().ok()?;
            match probe.score(&text) {
                Ok(p) => Some(p),
                Err(err) => {
                    tracing::warn!(error = %err, "risk probe failed");
                    None
                }
            }
        });
        tokio::time::timeout(deadline, work).await.ok()?.ok()?
    }

    /// Reads `s` again when the screen leans on it; returns whether it now escalates.
    pub async fn review(self: &Arc<Self>, text: &str, s: &mut Screening) -> bool {
        if !wanted(s) {
            return false;
        }
        let started = std::time::Instant::now();
        let Some(p) = self.score_within(text, DEADLINE).await else {
            tracing::debug!("second reading skipped (probe busy or past its deadline)");
            return false;
        };
        let threshold = self.threshold(s.lang);
        let raised = apply(s, p, threshold);
        tracing::debug!(p, threshold, raised, ms = started.elapsed().as_millis() as u64, "second reading");
        raised
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaning(concern: Option<Label>) -> Screening {
        let mut s = calme_safety::screen("thanks, that helps");
        s.label = Label::None;
        s.concern = concern;
        s
    }

    #[test]
    fn raises_only_what_the_screen_leans_on() {
        let mut s = leaning(Some(Label::ImminentRisk));
        assert!(!apply(&mut s, 0.5, 0.9));
        assert_eq!(s.label, Label::None);
        assert!(apply(&mut s, 0.95, 0.9));
        assert_eq!(s.label, Label::ImminentRisk);
        assert!(s.rules.contains(&RULE));

        let mut calm = leaning(None);
        calm.lean = 0.2;
        assert!(!apply(&mut calm, 1.0, 0.9), "no concern and little lean, no second reading");
        assert_eq!(calm.label, Label::None);
        calm.lean = LEAN;
        assert!(apply(&mut calm, 0.95, 0.9), "a classifier leaning at LEAN is read again");
        assert_eq!(calm.label, Label::ImminentRisk);

        let mut medical = leaning(Some(Label::MedicalEmergency));
        assert!(apply(&mut medical, 0.99, 0.9));
        assert_eq!(medical.label, Label::MedicalEmergency);

        let mut abuse = leaning(Some(Label::AbuseOrViolence));
        assert!(apply(&mut abuse, 0.99, 0.9));
        assert_eq!(abuse.label, Label::ImminentRisk);
    }

    #[test]
    fn never_lowers_an_escalation() {
        let mut s = calme_safety::screen("i want to kill myself");
        assert!(s.label.escalates());
        assert!(!wanted(&s));
        assert!(!apply(&mut s, 0.0, 0.9));
        assert_eq!(s.label, Label::ImminentRisk);
    }
}

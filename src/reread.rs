//! A second reading of the messages the crisis screen leans on without escalating.
//!
//! The screen (rules and hashed n-grams, microseconds, no model) escalates what it recognises
//! and, for a risk signal below its threshold, has CALMe ask whether anyone is in danger (the
//! check-in). Many people tell of risk in words no rule names; the screen then only asks. The
//! readings below look at exactly those messages again, and a score at its threshold escalates at
//! once: the crisis lines instead of a question.
//!
//! - The semantic reading ([`calme_safety::SemanticReading`]): a multilingual sentence encoder
//!   with a trained head, a few milliseconds on the CPU, no language model needed. First.
//! - The multilingual probe ([`calme_llm::RiskProbe::load_reader`]): the hidden states of the
//!   first layers of Gemma 3 270M, which reads Hebrew, Arabic and Russian as well as English,
//!   tens of milliseconds. When the semantic reading did not escalate.
//! - The reader head: the same pass of Gemma, its features next to what the screen saw, trained
//!   only on messages the screen leans on (as the semantic reading's head is). When the
//!   multilingual probe did not escalate; it costs no second pass.
//! - The risk probe ([`calme_llm::RiskProbe::load`]): the local chat model's hidden states, tens
//!   of milliseconds. When none of the others did.
//!
//! Never on their own: all of them also score some everyday messages high ("thank-you letters to
//! my kids' teachers"), so they only ever raise a message the screen already leans on (a check-in,
//! or a classifier score of [`LEAN`] or more), and never lower anything. Messages the screen
//! escalates never wait for them. Each probe reads one message at a time, both within one
//! deadline, and the semantic reading as many as there are cores: when they are busy or slow the person gets
//! the check-in as before, never a queue. Since the second reading runs before the rate limit
//! (a crisis is never held back), a flood of messages the screen leans on costs at most that.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use calme_llm::{RiskProbe, Scores};
use calme_safety::{Label, Screening, SemanticReading};

/// Longest a message waits for its second reading before it is answered without it.
pub const DEADLINE: Duration = Duration::from_millis(1500);

/// The rule name a probe escalation carries (in debug logs and `rules`).
pub const RULE: &str = "reread:probe";

/// The rule name a semantic-reading escalation carries.
pub const SEMANTIC_RULE: &str = "reread:semantic";

/// The rule name a multilingual-probe escalation carries.
pub const MULTILINGUAL_RULE: &str = "reread:multilingual";

/// The rule name a reader-head escalation carries.
pub const HEAD_RULE: &str = "reread:reader-head";

/// The readings, as the metrics name them, with the rule each escalation carries.
pub const READINGS: [(&str, &str); 4] =
    [("semantic", SEMANTIC_RULE), ("multilingual", MULTILINGUAL_RULE), ("reader_head", HEAD_RULE), ("probe", RULE)];

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

/// Raises `s` to the crisis it leaned to when a reading's score `p` reaches `threshold`, and
/// names the reading (`rule`). Returns whether it did.
pub fn apply(s: &mut Screening, p: f32, threshold: f32, rule: &'static str) -> bool {
    if !wanted(s) || p < threshold {
        return false;
    }
    // Every reading was trained on imminent risk and medical emergencies.
    s.label = match s.concern {
        Some(Label::MedicalEmergency) => Label::MedicalEmergency,
        _ => Label::ImminentRisk,
    };
    s.rules.push(rule);
    true
}

/// The readings that loaded: at least one.
pub struct Reread {
    /// In the order they read: the multilingual probe, then SmolLM2's.
    probes: Vec<Probe>,
    semantic: Option<SemanticReading>,
    /// One permit per semantic reading under way in the bot ([`Reread::review`]).
    semantic_slots: Arc<tokio::sync::Semaphore>,
}

struct Probe {
    probe: Mutex<RiskProbe>,
    /// The probe's threshold per language, in [`calme_safety::Lang::ALL`] order.
    thresholds: [f32; 4],
    /// The rule its escalations carry.
    rule: &'static str,
    /// Its head's thresholds (the reader's; none for SmolLM2's probe).
    head: Option<[f32; 4]>,
}

impl Probe {
    /// Raises `s` when the probe's score, or else its head's, reaches its threshold for the
    /// language the screen read.
    fn apply(&self, s: &mut Screening, scores: Scores) -> bool {
        let i = calme_safety::Lang::ALL.iter().position(|l| *l == s.lang).unwrap_or(0);
        let raised = apply(s, scores.probe, self.thresholds[i], self.rule);
        tracing::debug!(rule = self.rule, p = scores.probe, threshold = self.thresholds[i], raised, "second reading");
        if raised {
            return true;
        }
        let (Some(p), Some(thresholds)) = (scores.head, self.head) else { return false };
        let raised = apply(s, p, thresholds[i], HEAD_RULE);
        tracing::debug!(rule = HEAD_RULE, p, threshold = thresholds[i], raised, "second reading");
        raised
    }

    /// What the probe's head reads of what the screen saw (nothing without a head).
    fn screen<'a>(&self, screen: &'a [f32]) -> &'a [f32] {
        if self.head.is_some() {
            screen
        } else {
            &[]
        }
    }
}

impl std::fmt::Debug for Reread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let probes: Vec<_> = self.probes.iter().map(|p| (p.rule, p.thresholds, p.head)).collect();
        f.debug_struct("Reread").field("probes", &probes).field("semantic", &self.semantic).finish()
    }
}

impl Reread {
    /// The second reading from whichever readings loaded; `None` when none did. The
    /// multilingual probe reads before SmolLM2's, whatever the order given.
    pub fn new(probes: Vec<RiskProbe>, semantic: Option<SemanticReading>) -> Option<Reread> {
        let mut probes: Vec<Probe> = probes
            .into_iter()
            .map(|p| Probe {
                thresholds: calme_safety::Lang::ALL.map(|l| p.threshold(l.code())),
                rule: if p.multilingual() { MULTILINGUAL_RULE } else { RULE },
                head: p.head().map(|h| calme_safety::Lang::ALL.map(|l| h.threshold(l.code()))),
                probe: Mutex::new(p),
            })
            .collect();
        probes.sort_by_key(|p| p.rule != MULTILINGUAL_RULE);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let semantic_slots = Arc::new(tokio::sync::Semaphore::new(cores));
        (!probes.is_empty() || semantic.is_some()).then_some(Reread { probes, semantic, semantic_slots })
    }

    /// Loads every reading: the risk probe from the model (`model`: its directory and ONNX
    /// Runtime), the multilingual probe from `reader` (its directory and ONNX Runtime), the
    /// semantic reading from `semantic_dir`; `threads`: 0 for all cores, 1 beside the model's
    /// generation. What does not load is given back as a sentence for the log.
    pub fn load(
        model: Option<(&Path, &Path)>,
        reader: Option<(&Path, &Path)>,
        semantic_dir: &Path,
        threads: usize,
    ) -> (Option<Reread>, Vec<String>) {
        let mut problems = Vec::new();
        let mut probes = Vec::new();
        if let Some((dir, ort)) = reader {
            match RiskProbe::load_reader(dir, ort, threads) {
                Ok(p) => probes.push(p),
                Err(e) => problems.push(format!("the multilingual reader (its probe and its head) did not load: {e}")),
            }
        }
        if let Some((dir, ort)) = model {
            match RiskProbe::load(dir, ort, threads) {
                Ok(p) => probes.push(p),
                Err(e) => problems.push(format!("the risk probe did not load: {e}")),
            }
        }
        let semantic = SemanticReading::load(semantic_dir)
            .map_err(|e| problems.push(format!("the semantic reading did not load: {e}")))
            .ok();
        (Reread::new(probes, semantic), problems)
    }

    /// The semantic reading's verdict on `s` (raised in place), given what the screen saw in
    /// `text` alone; false without it.
    fn semantic_review(&self, text: &str, screen: &[f32], s: &mut Screening) -> bool {
        let Some(r) = &self.semantic else { return false };
        let p = r.score_with(text, screen);
        let threshold = r.threshold(s.lang);
        let raised = apply(s, p, threshold, SEMANTIC_RULE);
        tracing::debug!(p, threshold, raised, "semantic reading");
        raised
    }

    /// [`Reread::review`] without a deadline, waiting for the probe (`calme triage`, tests).
    pub fn review_now(&self, text: &str, s: &mut Screening) -> Result<bool, calme_llm::LlmError> {
        if !wanted(s) {
            return Ok(false);
        }
        // What the screen saw in the message alone (the session screened it in context), once
        // for both heads that read it.
        let screen = calme_safety::screen_features(text);
        if self.semantic_review(text, &screen, s) {
            return Ok(true);
        }
        for probe in &self.probes {
            let scores = probe.probe.lock().unwrap_or_else(|e| e.into_inner()).scores(text, probe.screen(&screen))?;
            if probe.apply(s, scores) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Probe `i`'s scores, or `None` when another reading holds it or `deadline` passes.
    async fn score_within(self: &Arc<Self>, i: usize, text: &Arc<str>, screen: &Arc<[f32]>, deadline: Duration) -> Option<Scores> {
        let (me, text, screen) = (self.clone(), text.clone(), screen.clone());
        let work = tokio::task::spawn_blocking(move || {
            let probe = me.probes.get(i)?;
            let mut reader = probe.probe.try_lock().ok()?;
            match reader.scores(&text, probe.screen(&screen)) {
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
        let text: Arc<str> = Arc::from(text);
        // What the screen saw in the message alone, once for both heads (see `review_now`).
        let screen: Arc<[f32]> = calme_safety::screen_features(&text).into();
        // The semantic reading takes milliseconds of CPU: off the async workers, a few at a time.
        if self.semantic.is_some() {
            match self.semantic_slots.clone().try_acquire_owned() {
                Ok(permit) => {
                    let (me, owned, seen_alone, mut seen) = (self.clone(), text.clone(), screen.clone(), s.clone());
                    let work = move || {
                        let _permit = permit;
                        me.semantic_review(&owned, &seen_alone, &mut seen).then_some(seen)
                    };
                    if let Ok(Some(raised)) = tokio::task::spawn_blocking(work).await {
                        *s = raised;
                        return true;
                    }
                }
                Err(_) => tracing::debug!("semantic reading skipped (every slot busy)"),
            }
        }
        for (i, probe) in self.probes.iter().enumerate() {
            let Some(left) = DEADLINE.checked_sub(started.elapsed()) else { break };
            let Some(scores) = self.score_within(i, &text, &screen, left).await else {
                tracing::debug!(rule = probe.rule, "second reading skipped (probe busy or past its deadline)");
                continue;
            };
            if probe.apply(s, scores) {
                tracing::debug!(ms = started.elapsed().as_millis() as u64, "second reading escalated");
                return true;
            }
        }
        false
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
        assert!(!apply(&mut s, 0.5, 0.9, RULE));
        assert_eq!(s.label, Label::None);
        assert!(apply(&mut s, 0.95, 0.9, RULE));
        assert_eq!(s.label, Label::ImminentRisk);
        assert!(s.rules.contains(&RULE));

        let mut calm = leaning(None);
        calm.lean = 0.2;
        assert!(!apply(&mut calm, 1.0, 0.9, RULE), "no concern and little lean, no second reading");
        assert_eq!(calm.label, Label::None);
        calm.lean = LEAN;
        assert!(apply(&mut calm, 0.95, 0.9, RULE), "a classifier leaning at LEAN is read again");
        assert_eq!(calm.label, Label::ImminentRisk);

        let mut medical = leaning(Some(Label::MedicalEmergency));
        assert!(apply(&mut medical, 0.99, 0.9, RULE));
        assert_eq!(medical.label, Label::MedicalEmergency);

        let mut abuse = leaning(Some(Label::AbuseOrViolence));
        assert!(apply(&mut abuse, 0.99, 0.9, RULE));
        assert_eq!(abuse.label, Label::ImminentRisk);
    }

    #[tokio::test]
    async fn a_busy_reading_is_skipped_not_queued() {
        // No reading loaded at all is no second reading.
        assert!(Reread::new(Vec::new(), None).is_none());
        let Ok(reading) = SemanticReading::load(&calme_safety::semantic_dir(&calme_llm::default_data_dir())) else {
            assert!(std::env::var("CI").map_or(true, |v| v != "true"), "no encoder (CI runs scripts/setup-model.sh)");
            return;
        };
        let reread = Arc::new(Reread::new(Vec::new(), Some(reading)).unwrap());
        let farewell = "you're the last person on my list. I wanted to say thanks before I go";
        let mut s = calme_safety::screen(farewell);
        assert!(wanted(&s));
        // Every slot taken: the message keeps the screen's verdict (the check-in) at once.
        let held = reread.semantic_slots.clone().acquire_many_owned(reread.semantic_slots.available_permits() as u32).await.unwrap();
        assert!(!reread.review(farewell, &mut s).await);
        assert_eq!(s.label, Label::None);
        drop(held);
        assert!(reread.review(farewell, &mut s).await);
        assert_eq!(s.label, Label::ImminentRisk);
        assert!(s.rules.contains(&SEMANTIC_RULE));
    }

    #[test]
    fn never_lowers_an_escalation() {
        let mut s = calme_safety::screen("i want to kill myself");
        assert!(s.label.escalates());
        assert!(!wanted(&s));
        assert!(!apply(&mut s, 0.0, 0.9, RULE));
        assert_eq!(s.label, Label::ImminentRisk);
    }
}

//! Counters the core keeps; the ops endpoint exposes them.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct Metrics {
    pub messages_in: AtomicU64,
    pub replies_out: AtomicU64,
    pub escalations: AtomicU64,
    pub rate_limited: AtomicU64,
    pub quick_mode: AtomicU64,
    pub model_replies: AtomicU64,
    pub guard_rejections: AtomicU64,
    pub overloaded: AtomicU64,
    pub label_none: AtomicU64,
    pub label_acute_stress: AtomicU64,
    pub label_abuse_or_violence: AtomicU64,
    pub label_medical_emergency: AtomicU64,
    pub label_imminent_risk: AtomicU64,
    /// Messages waiting in session queues right now.
    pub queue_depth: AtomicI64,
}

impl Metrics {
    pub fn inc(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn label(&self, label: calme_safety::Label) -> &AtomicU64 {
        use calme_safety::Label::*;
        match label {
            None => &self.label_none,
            AcuteStress => &self.label_acute_stress,
            AbuseOrViolence => &self.label_abuse_or_violence,
            MedicalEmergency => &self.label_medical_emergency,
            ImminentRisk => &self.label_imminent_risk,
        }
    }
}

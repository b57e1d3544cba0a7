//! Counters the core keeps; the ops endpoint (`crate::ops`) exposes them.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use crate::message::Platform;

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
    /// `messages_in` split by platform (indexed by [`platform_index`]).
    pub messages_in_by_platform: [AtomicU64; 3],
    /// `replies_out` split by platform.
    pub replies_out_by_platform: [AtomicU64; 3],
    /// `escalations` split by label (indexed like [`calme_safety::Label::ALL`]).
    pub escalations_by_label: [AtomicU64; 5],
    /// Escalations raised by the second reading, by reading (indexed like
    /// [`crate::reread::READINGS`]): how often each catches what the screen only leaned on.
    pub second_reading_escalations: [AtomicU64; crate::reread::READINGS.len()],
    /// Seconds from the start of a generation to its first token.
    pub time_to_first_token: TtftHistogram,
    /// Decoding speed of finished generations.
    pub tokens_per_second: TpsHistogram,
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

    /// One message came in (total and per platform).
    pub fn message_in(&self, platform: Platform) {
        Metrics::inc(&self.messages_in);
        Metrics::inc(&self.messages_in_by_platform[platform_index(platform)]);
    }

    /// One reply went out (total and per platform).
    pub fn reply_out(&self, platform: Platform) {
        Metrics::inc(&self.replies_out);
        Metrics::inc(&self.replies_out_by_platform[platform_index(platform)]);
    }

    /// One crisis escalation (total and per label).
    pub fn escalation(&self, label: calme_safety::Label) {
        Metrics::inc(&self.escalations);
        let i = calme_safety::Label::ALL.iter().position(|l| *l == label).unwrap_or(0);
        Metrics::inc(&self.escalations_by_label[i]);
    }

    /// One escalation the second reading raised; `rules` names the reading that did.
    pub fn second_reading_escalation(&self, rules: &[&str]) {
        if let Some(i) = crate::reread::READINGS.iter().position(|(_, rule)| rules.contains(rule)) {
            Metrics::inc(&self.second_reading_escalations[i]);
        }
    }

    /// A finished generation's figures, as the generator reports them.
    pub fn observe_generation(&self, ttft_ms: u64, tokens_per_sec: f64) {
        self.time_to_first_token.observe(ttft_ms as f64 / 1000.0);
        if tokens_per_sec.is_finite() && tokens_per_sec > 0.0 {
            self.tokens_per_second.observe(tokens_per_sec);
        }
    }
}

/// The platforms in the order of the per-platform counters.
pub const PLATFORMS: [Platform; 3] = [Platform::Console, Platform::Telegram, Platform::Discord];

pub fn platform_index(platform: Platform) -> usize {
    match platform {
        Platform::Console => 0,
        Platform::Telegram => 1,
        Platform::Discord => 2,
    }
}

/// A fixed-bucket histogram with lock-free updates (Prometheus semantics:
/// `counts[i]` holds observations `<= bounds[i]`, non-cumulative here).
#[derive(Debug)]
pub struct Histogram {
    bounds: &'static [f64],
    counts: Vec<AtomicU64>,
    /// Observations above the last bound.
    overflow: AtomicU64,
    /// Sum of observations in millionths.
    sum_micros: AtomicU64,
}

impl Histogram {
    pub fn new(bounds: &'static [f64]) -> Histogram {
        Histogram {
            bounds,
            counts: bounds.iter().map(|_| AtomicU64::new(0)).collect(),
            overflow: AtomicU64::new(0),
            sum_micros: AtomicU64::new(0),
        }
    }

    pub fn observe(&self, value: f64) {
        let value = if value.is_finite() { value.max(0.0) } else { 0.0 };
        match self.bounds.iter().position(|b| value <= *b) {
            Some(i) => self.counts[i].fetch_add(1, Ordering::Relaxed),
            None => self.overflow.fetch_add(1, Ordering::Relaxed),
        };
        self.sum_micros.fetch_add((value * 1e6) as u64, Ordering::Relaxed);
    }

    /// `(upper bound, cumulative count)` per bucket, then the total count and the sum.
    pub fn snapshot(&self) -> (Vec<(f64, u64)>, u64, f64) {
        let mut cumulative = 0;
        let buckets = self
            .bounds
            .iter()
            .zip(&self.counts)
            .map(|(b, c)| {
                cumulative += c.load(Ordering::Relaxed);
                (*b, cumulative)
            })
            .collect();
        let total = cumulative + self.overflow.load(Ordering::Relaxed);
        (buckets, total, self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6)
    }
}

/// Seconds to the first token: a small CPU model answers in well under a second to several seconds.
pub const TTFT_BOUNDS: &[f64] = &[0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0];
/// Decoded tokens per second.
pub const TPS_BOUNDS: &[f64] = &[1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 50.0, 100.0, 200.0];

macro_rules! histogram_kind {
    ($name:ident, $bounds:expr) => {
        /// A [`Histogram`] with its buckets preset (so `Metrics::default()` is ready to use).
        #[derive(Debug)]
        pub struct $name(pub Histogram);

        impl Default for $name {
            fn default() -> $name {
                $name(Histogram::new($bounds))
            }
        }

        impl std::ops::Deref for $name {
            type Target = Histogram;
            fn deref(&self) -> &Histogram {
                &self.0
            }
        }
    };
}

histogram_kind!(TtftHistogram, TTFT_BOUNDS);
histogram_kind!(TpsHistogram, TPS_BOUNDS);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let h = Histogram::new(TTFT_BOUNDS);
        for v in [0.01, 0.3, 0.3, 50.0] {
            h.observe(v);
        }
        let (buckets, total, sum) = h.snapshot();
        assert_eq!(total, 4);
        assert!((sum - 50.61).abs() < 1e-6, "{sum}");
        assert_eq!(buckets[0], (0.05, 1));
        assert_eq!(buckets.iter().find(|(b, _)| *b == 0.5).unwrap().1, 3);
        assert_eq!(buckets.last().unwrap().1, 3, "50 s is above every bound");
    }

    #[test]
    fn per_platform_and_label_counters() {
        let m = Metrics::default();
        m.message_in(Platform::Telegram);
        m.message_in(Platform::Discord);
        m.escalation(calme_safety::Label::ImminentRisk);
        assert_eq!(m.messages_in.load(Ordering::Relaxed), 2);
        assert_eq!(m.messages_in_by_platform[platform_index(Platform::Telegram)].load(Ordering::Relaxed), 1);
        assert_eq!(m.escalations.load(Ordering::Relaxed), 1);
        m.observe_generation(400, 12.0);
        assert_eq!(m.time_to_first_token.snapshot().1, 1);
    }
}

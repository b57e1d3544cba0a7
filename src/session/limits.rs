//! Rate limits with governor, keyed per user, per community and global.
//! Messages the safety layer flags as a crisis bypass them (see the manager).

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock, FakeRelativeClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::state::InMemoryState;
use governor::{Quota, RateLimiter};

use crate::config::LimitsConfig;

type Keyed<C> = RateLimiter<String, DashMapStateStore<String>, C, NoOpMiddleware<<C as Clock>::Instant>>;
type Direct<C> = RateLimiter<governor::state::NotKeyed, InMemoryState, C, NoOpMiddleware<<C as Clock>::Instant>>;

/// Which limit stopped a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limited {
    User,
    Community,
    Global,
}

pub struct RateLimits<C: Clock = DefaultClock> {
    user: Keyed<C>,
    community: Keyed<C>,
    global: Direct<C>,
}

fn quota(per: Duration, count: u32, burst: u32) -> Quota {
    let count = NonZeroU32::new(count.max(1)).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(per / count.get()).unwrap_or_else(|| Quota::per_second(count)).allow_burst(burst)
}

impl RateLimits<DefaultClock> {
    pub fn new(cfg: &LimitsConfig) -> Self {
        Self::with_clock(cfg, DefaultClock::default())
    }
}

impl RateLimits<FakeRelativeClock> {
    /// For tests: time moves only when the test advances the clock.
    pub fn with_fake_clock(cfg: &LimitsConfig, clock: FakeRelativeClock) -> Self {
        Self::with_clock(cfg, clock)
    }
}

impl<C: Clock + Clone> RateLimits<C> {
    fn with_clock(cfg: &LimitsConfig, clock: C) -> Self {
        let minute = Duration::from_secs(60);
        RateLimits {
            user: RateLimiter::new(
                quota(minute, cfg.user_per_minute, cfg.user_burst),
                DashMapStateStore::default(),
                clock.clone(),
            ),
            community: RateLimiter::new(
                quota(minute, cfg.community_per_minute, cfg.community_burst),
                DashMapStateStore::default(),
                clock.clone(),
            ),
            global: RateLimiter::new(
                quota(Duration::from_secs(1), cfg.global_per_second, cfg.global_burst),
                InMemoryState::default(),
                clock,
            ),
        }
    }

    /// Takes one message from each applicable budget, or says which limit is hit.
    pub fn check(&self, user_key: &str, community_key: Option<&str>) -> Result<(), Limited> {
        if self.user.check_key(&user_key.to_string()).is_err() {
            return Err(Limited::User);
        }
        if let Some(c) = community_key {
            if self.community.check_key(&c.to_string()).is_err() {
                return Err(Limited::Community);
            }
        }
        self.global.check().map_err(|_| Limited::Global)
    }

    /// Drops state of keys that are back to full budget (memory hygiene).
    pub fn shrink(&self) {
        self.user.retain_recent();
        self.community.retain_recent();
        self.user.shrink_to_fit();
        self.community.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> LimitsConfig {
        LimitsConfig {
            user_per_minute: 6,
            user_burst: 3,
            community_per_minute: 60,
            community_burst: 5,
            global_per_second: 100,
            global_burst: 100,
        }
    }

    #[test]
    fn user_burst_then_limited_then_recovers() {
        let clock = FakeRelativeClock::default();
        let limits = RateLimits::with_fake_clock(&cfg(), clock.clone());
        for _ in 0..3 {
            assert_eq!(limits.check("u1", None), Ok(()));
        }
        assert_eq!(limits.check("u1", None), Err(Limited::User));
        // Another user is not affected.
        assert_eq!(limits.check("u2", None), Ok(()));
        // 6 per minute: one message comes back every 10 s.
        clock.advance(Duration::from_secs(9));
        assert_eq!(limits.check("u1", None), Err(Limited::User));
        clock.advance(Duration::from_secs(1));
        assert_eq!(limits.check("u1", None), Ok(()));
    }

    #[test]
    fn community_limit_spans_users() {
        let clock = FakeRelativeClock::default();
        let limits = RateLimits::with_fake_clock(&cfg(), clock.clone());
        for u in 0..5 {
            assert_eq!(limits.check(&format!("u{u}"), Some("g1")), Ok(()));
        }
        assert_eq!(limits.check("u9", Some("g1")), Err(Limited::Community));
        assert_eq!(limits.check("u9", Some("g2")), Ok(()));
        clock.advance(Duration::from_secs(1));
        assert_eq!(limits.check("u10", Some("g1")), Ok(()));
    }

    #[test]
    fn global_limit() {
        let mut c = cfg();
        c.global_per_second = 2;
        c.global_burst = 2;
        let clock = FakeRelativeClock::default();
        let limits = RateLimits::with_fake_clock(&c, clock.clone());
        assert_eq!(limits.check("a", None), Ok(()));
        assert_eq!(limits.check("b", None), Ok(()));
        assert_eq!(limits.check("c", None), Err(Limited::Global));
        clock.advance(Duration::from_millis(500));
        assert_eq!(limits.check("c", None), Ok(()));
    }
}

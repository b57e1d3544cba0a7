//! Which updates are finished, and so which getUpdates offset may confirm them.
//!
//! Telegram forgets every update below the offset of the next getUpdates call.
//! An update is finished when its answer was sent (or it needed none); the
//! offset never passes an unfinished one. A crash therefore makes Telegram
//! deliver unfinished updates again, and the core (by `external_id`) answers
//! a stored-but-unanswered message once and an answered one not again.

use std::collections::BTreeSet;
use std::sync::Mutex;

use tokio::sync::watch;

/// The bookkeeping, without any I/O.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Received and not finished.
    in_flight: BTreeSet<u32>,
    /// The highest update id received in this process.
    highest: Option<u32>,
}

impl Ledger {
    /// Records a delivery; `true` when it is new and must be handled now.
    /// Deliveries of updates in flight or already finished return `false`.
    pub fn receive(&mut self, id: u32) -> bool {
        if self.in_flight.contains(&id) || self.highest.is_some_and(|h| id <= h) {
            return false;
        }
        self.in_flight.insert(id);
        self.highest = Some(self.highest.map_or(id, |h| h.max(id)));
        true
    }

    pub fn finish(&mut self, id: u32) {
        self.in_flight.remove(&id);
    }

    /// The offset for the next getUpdates: the oldest unfinished update, or one past the newest.
    pub fn offset(&self) -> Option<i32> {
        let next = match self.in_flight.first() {
            Some(&oldest) => oldest,
            None => self.highest?.checked_add(1)?,
        };
        i32::try_from(next).ok()
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }
}

/// The ledger shared by the poller and the chat queues, with a signal on every finish.
pub struct Acks {
    ledger: Mutex<Ledger>,
    finished: watch::Sender<u64>,
}

impl Default for Acks {
    fn default() -> Acks {
        Acks { ledger: Mutex::new(Ledger::default()), finished: watch::channel(0).0 }
    }
}

impl Acks {
    fn ledger(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn receive(&self, id: u32) -> bool {
        self.ledger().receive(id)
    }

    pub fn finish(&self, id: u32) {
        self.ledger().finish(id);
        self.finished.send_modify(|n| *n += 1);
    }

    pub fn offset(&self) -> Option<i32> {
        self.ledger().offset()
    }

    pub fn in_flight(&self) -> usize {
        self.ledger().in_flight()
    }

    /// A receiver that wakes on the next finish.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.finished.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_waits_for_the_oldest_unfinished_update() {
        let mut l = Ledger::default();
        assert_eq!(l.offset(), None);
        assert!(l.receive(10) && l.receive(11) && l.receive(12));
        assert_eq!(l.offset(), Some(10));
        l.finish(11);
        l.finish(12);
        assert_eq!(l.offset(), Some(10), "10 is still being answered");
        l.finish(10);
        assert_eq!(l.offset(), Some(13));
    }

    #[test]
    fn redeliveries_are_not_handled_twice_in_one_process() {
        let mut l = Ledger::default();
        assert!(l.receive(5));
        assert!(l.receive(6));
        l.finish(6);
        assert!(!l.receive(5), "in flight");
        assert!(!l.receive(6), "finished");
        assert!(l.receive(7));
    }
}

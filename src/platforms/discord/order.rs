//! Keeps one session's messages in order on their way to the core.
//!
//! serenity runs every gateway event in a task of its own, so two messages
//! written in quick succession can reach the handler in either order. The core
//! keeps a session strictly ordered once it has a message; this window restores
//! the order before that: the first message of a burst waits briefly, then
//! hands the whole burst over sorted by Discord's ids (snowflakes grow with time).
//! It also drops a message id seen moments ago (a gateway RESUME may replay it);
//! the core's external-id check covers restarts.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Duration;

pub struct Reorder<K, T> {
    window: Duration,
    pending: Mutex<HashMap<K, BTreeMap<u64, T>>>,
}

impl<K: Hash + Eq + Clone, T> Reorder<K, T> {
    pub fn new(window: Duration) -> Self {
        Reorder { window, pending: Mutex::new(HashMap::new()) }
    }

    /// Adds a message. The caller that opened the window gets the burst back, in
    /// id order, once the window has passed; every other caller gets nothing.
    pub async fn arrive(&self, key: K, id: u64, item: T) -> Vec<T> {
        let opened = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            let burst = pending.entry(key.clone()).or_default();
            let opened = burst.is_empty();
            burst.insert(id, item);
            opened
        };
        if !opened {
            return Vec::new();
        }
        tokio::time::sleep(self.window).await;
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.remove(&key).map(|b| b.into_values().collect()).unwrap_or_default()
    }
}

/// The most recent message ids seen, bounded.
pub struct Seen {
    capacity: usize,
    inner: Mutex<(HashSet<String>, VecDeque<String>)>,
}

impl Seen {
    pub fn new(capacity: usize) -> Seen {
        Seen { capacity, inner: Mutex::new((HashSet::new(), VecDeque::new())) }
    }

    /// True the first time an id is seen (within the last `capacity` ids).
    pub fn first_time(&self, id: &str) -> bool {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (set, queue) = &mut *guard;
        if !set.insert(id.to_string()) {
            return false;
        }
        queue.push_back(id.to_string());
        while queue.len() > self.capacity {
            if let Some(old) = queue.pop_front() {
                set.remove(&old);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test]
    async fn a_burst_comes_out_sorted_by_id_once() {
        let r = Arc::new(Reorder::new(Duration::from_millis(30)));
        let (a, b, c) = tokio::join!(r.arrive("s", 7, "second"), r.arrive("s", 3, "first"), r.arrive("t", 9, "other"));
        let mut got: Vec<Vec<&str>> = vec![a, b, c].into_iter().filter(|v| !v.is_empty()).collect();
        got.sort();
        assert_eq!(got, vec![vec!["first", "second"], vec!["other"]]);
    }

    #[test]
    fn seen_ids_are_dropped_and_forgotten_beyond_capacity() {
        let s = Seen::new(2);
        assert!(s.first_time("a"));
        assert!(!s.first_time("a"));
        assert!(s.first_time("b"));
        assert!(s.first_time("c"));
        assert!(s.first_time("a"));
    }
}

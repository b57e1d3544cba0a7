//! Small helpers shared by the core: hashing ids for logs, time, text limits.

use sha2::{Digest, Sha256};

/// A short, stable, non-reversible tag for a user id, for logs and metrics.
pub fn hash_id(id: &str) -> String {
    let digest = Sha256::digest(id.as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Splits `text` into parts of at most `limit` characters, preferring paragraph,
/// line, then sentence, then word boundaries. Every part is non-empty.
pub fn split_message(text: &str, limit: usize) -> Vec<String> {
    assert!(limit > 0, "limit must be positive");
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if rest.chars().count() <= limit {
            parts.push(rest.to_string());
            break;
        }
        let window_end = rest.char_indices().nth(limit).map(|(i, _)| i).unwrap_or(rest.len());
        let window = &rest[..window_end];
        let cut = best_cut(window).unwrap_or(window_end);
        let (head, tail) = rest.split_at(cut);
        let head = head.trim_end();
        if head.is_empty() {
            let (h, t) = rest.split_at(window_end);
            parts.push(h.to_string());
            rest = t.trim_start();
        } else {
            parts.push(head.to_string());
            rest = tail.trim_start();
        }
    }
    parts
}

/// The byte index after the best boundary in the second half of `window`.
fn best_cut(window: &str) -> Option<usize> {
    let min = window.len() / 2;
    for sep in ["\n\n", "\n"] {
        if let Some(i) = window.rfind(sep).filter(|&i| i >= min) {
            return Some(i + sep.len());
        }
    }
    let sentence = window
        .char_indices()
        .filter(|&(i, c)| i >= min && matches!(c, '.' | '!' | '?' | '。' | '؟'))
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&i| window[i..].starts_with(char::is_whitespace))
        .last();
    sentence.or_else(|| window.rfind(' ').filter(|&i| i >= min).map(|i| i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_part() {
        assert_eq!(split_message("hello there", 10_000), vec!["hello there"]);
    }

    #[test]
    fn long_text_splits_on_sentences_within_limit() {
        let text = "This is a sentence. ".repeat(400);
        let parts = split_message(&text, 2000);
        assert!(parts.len() > 1);
        for p in &parts {
            assert!(p.chars().count() <= 2000);
            assert!(p.ends_with('.'), "part should end on a sentence: {:?}", &p[p.len() - 10..]);
        }
        assert_eq!(parts.join(" "), text.trim());
    }

    #[test]
    fn unbroken_text_is_cut_hard_without_breaking_chars() {
        let text = "א".repeat(5000);
        let parts = split_message(&text, 4096);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].chars().count(), 4096);
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn hash_is_stable_and_short() {
        assert_eq!(hash_id("42"), hash_id("42"));
        assert_ne!(hash_id("42"), hash_id("43"));
        assert_eq!(hash_id("42").len(), 12);
    }
}

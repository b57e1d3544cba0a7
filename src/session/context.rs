//! The context budget: the system prompt plus as many of the newest turns as
//! fit, measured with the model's own tokenizer.

use crate::generator::{TokenCounter, Turn, TurnRole};

/// ChatML adds a few tokens around every message (`<|im_start|>role\n … <|im_end|>\n`).
const PER_TURN_OVERHEAD: usize = 5;

/// Picks the newest turns that fit `budget` tokens together with `system`.
/// The newest turn (the message being answered) is always kept; if it alone is
/// too long it is cut from the front so its end — the newest words — stays.
pub fn fit_turns(counter: &dyn TokenCounter, system: &str, turns: &[Turn], budget: usize) -> Vec<Turn> {
    let mut left = budget.saturating_sub(counter.count(system) + PER_TURN_OVERHEAD);
    let mut kept: Vec<Turn> = Vec::new();
    for (i, turn) in turns.iter().enumerate().rev() {
        let cost = counter.count(&turn.text) + PER_TURN_OVERHEAD;
        if cost <= left {
            left -= cost;
            kept.push(turn.clone());
        } else if i == turns.len() - 1 {
            kept.push(Turn { role: turn.role, text: tail_within(counter, &turn.text, left.saturating_sub(PER_TURN_OVERHEAD)) });
            break;
        } else {
            break;
        }
    }
    kept.reverse();
    // A conversation the model sees starts with the user.
    while kept.len() > 1 && kept[0].role == TurnRole::Assistant {
        kept.remove(0);
    }
    kept
}

fn tail_within(counter: &dyn TokenCounter, text: &str, budget: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if counter.count(&text[chars[mid].0..]) <= budget {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    chars.get(lo).map(|&(i, _)| text[i..].to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One token per whitespace-separated word: enough to test the budget logic.
    struct Words;
    impl TokenCounter for Words {
        fn count(&self, text: &str) -> usize {
            text.split_whitespace().count()
        }
    }

    fn turn(role: TurnRole, text: &str) -> Turn {
        Turn { role, text: text.into() }
    }

    #[test]
    fn keeps_newest_turns_that_fit() {
        let turns = vec![
            turn(TurnRole::User, "one two three four five six seven eight nine ten"),
            turn(TurnRole::Assistant, "a b c"),
            turn(TurnRole::User, "d e f"),
            turn(TurnRole::Assistant, "g h"),
            turn(TurnRole::User, "now"),
        ];
        // system 2 + 5 overhead; each kept turn costs words + 5.
        let kept = fit_turns(&Words, "sys tem", &turns, 7 + 6 + 7 + 8 + 8);
        // "a b c" fits too but would open with the assistant, so it is dropped.
        assert_eq!(kept.len(), 3);
        assert_eq!(kept[0].text, "d e f");
        assert_eq!(kept.last().unwrap().text, "now");
    }

    #[test]
    fn never_starts_with_the_assistant() {
        let turns = vec![turn(TurnRole::Assistant, "hello"), turn(TurnRole::User, "hi")];
        let kept = fit_turns(&Words, "s", &turns, 1000);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].role, TurnRole::User);
    }

    #[test]
    fn an_oversized_message_keeps_its_end() {
        let long = (0..500).map(|i| i.to_string()).collect::<Vec<_>>().join(" ");
        let kept = fit_turns(&Words, "s", &[turn(TurnRole::User, &long)], 60);
        assert_eq!(kept.len(), 1);
        assert!(kept[0].text.ends_with("499"));
        assert!(Words.count(&kept[0].text) <= 60);
    }
}

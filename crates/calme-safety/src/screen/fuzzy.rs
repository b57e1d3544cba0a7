//! Typo repair for the words the crisis rules key on.
//!
//! A person in distress types fast: "sucide", "wnat", "overdoes", "умерть",
//! "להתבד". A token one typo away from a key word (data/fuzzy_keys.txt) is read
//! as that word. The edits: two neighbouring letters swapped, for every key;
//! for keys of five or more letters also one letter dropped, added or
//! changed. A token that is itself a real word is never changed: "overdone"
//! stays, "умерить" stays (data/fuzzy_near.txt lists the real words one typo
//! from a key, generated from word frequency lists by
//! tools/safety-train/fuzzy_near.py). Hebrew and Arabic tokens are matched
//! without their attached prefixes ("ולהתבד" → "ולהתאבד"). A token close to
//! two different keys is left alone.

use std::collections::HashSet;
use std::sync::LazyLock;

const KEYS: &str = include_str!("../../data/fuzzy_keys.txt");
const NEAR: &str = include_str!("../../data/fuzzy_near.txt");
/// Keys this long or longer accept a dropped, added or changed letter.
const MIN_LEN_FOR_EDITS: usize = 5;

struct Key {
    chars: Vec<char>,
    /// Which letters occur (hashed into 64 bits): a word one edit away differs
    /// in at most one letter each way, which rules most keys out at once.
    mask: u64,
}

fn mask(chars: &[char]) -> u64 {
    chars.iter().fold(0u64, |m, c| m | 1u64 << (*c as u32 % 64))
}

struct Lexicon {
    keys: Vec<Key>,
    /// Key words and the real words near them: tokens left as they are.
    known: HashSet<String>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let entries = |text: &'static str| {
        text.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with('='))
            .filter_map(|l| l.split_whitespace().nth(1))
    };
    let keys: Vec<Key> = entries(KEYS)
        .map(|k| {
            let chars: Vec<char> = k.chars().collect();
            Key { mask: mask(&chars), chars }
        })
        .collect();
    let known = entries(KEYS)
        .chain(entries(NEAR))
        .map(str::to_string)
        .collect();
    Lexicon { keys, known }
});

pub(crate) fn warm_up() {
    LazyLock::force(&LEXICON);
}

/// True when `t` is `k` with one pair of neighbouring letters swapped.
fn swapped(t: &[char], k: &[char]) -> bool {
    if t.len() != k.len() {
        return false;
    }
    let diff: Vec<usize> = (0..t.len()).filter(|i| t[*i] != k[*i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && t[diff[0]] == k[diff[1]]
        && t[diff[1]] == k[diff[0]]
}

/// True when `t` is `k` with exactly one letter dropped, added or changed.
fn one_edit(t: &[char], k: &[char]) -> bool {
    let (short, long) = if t.len() <= k.len() { (t, k) } else { (k, t) };
    match long.len() - short.len() {
        0 => t.iter().zip(k).filter(|(a, b)| a != b).count() == 1,
        1 => {
            let head = short.iter().zip(long).take_while(|(a, b)| a == b).count();
            short[head..] == long[head + 1..]
        }
        _ => false,
    }
}

/// The key a token is one typo away from, if exactly one.
fn repair(core: &[char], lex: &Lexicon) -> Option<String> {
    let m = mask(core);
    let mut found: Option<&Vec<char>> = None;
    let near = lex.keys.iter().filter(|k| {
        k.chars.len().abs_diff(core.len()) <= 1 && (k.mask & !m).count_ones() <= 1 && (m & !k.mask).count_ones() <= 1
    });
    for k in near.map(|k| &k.chars) {
        let close = swapped(core, k) || (k.len() >= MIN_LEN_FOR_EDITS && one_edit(core, k));
        if close {
            if found.is_some_and(|f| f != k) {
                return None;
            }
            found = Some(k);
        }
    }
    found.map(|k| k.iter().collect())
}

fn prefix_letters(c: char) -> Option<&'static [char]> {
    match c {
        '\u{05D0}'..='\u{05EA}' => Some(&['ו', 'ש', 'ה', 'כ', 'ל', 'ב', 'מ']),
        '\u{0621}'..='\u{064A}' => Some(&['و', 'ف', 'ب', 'ل', 'ك', 'ا']),
        _ => None,
    }
}

/// True when the word is a key, a real word near one, or one typo from a key.
pub(crate) fn recognises(word: &str) -> bool {
    LEXICON.known.contains(word) || fix_word(word).is_some()
}

/// Repairs one word, or returns None when it stays as it is.
pub(crate) fn fix_word(word: &str) -> Option<String> {
    let lex = &*LEXICON;
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 3 || !chars.iter().all(|c| c.is_alphabetic()) || lex.known.contains(word) {
        return None;
    }
    let prefixes = prefix_letters(chars[0]).unwrap_or(&[]);
    // the whole word, then without one or two attached prefix letters
    for strip in 0..=2usize {
        if strip > 0 && !chars[..strip].iter().all(|c| prefixes.contains(c)) {
            break;
        }
        let core = &chars[strip..];
        if core.len() < 3 {
            break;
        }
        let core_str: String = core.iter().collect();
        if strip > 0 && lex.known.contains(&core_str) {
            return None;
        }
        if let Some(key) = repair(core, lex) {
            let head: String = chars[..strip].iter().collect();
            return Some(head + &key);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::fix_word;

    #[test]
    fn repairs_typos_of_key_words() {
        for (typo, want) in [
            ("sucide", "suicide"),
            ("suicdie", "suicide"),
            ("wnat", "want"),
            ("overdoes", "overdose"),
            ("myslef", "myself"),
            ("dyin", "dying"),
            ("умерть", "умереть"),
            ("покнчить", "покончить"),
            ("להתבד", "להתאבד"),
            ("ולהתבד", "ולהתאבד"),
            ("انتخار", "انتحار"),
            ("وانتهار", "وانتحار"),
        ] {
            assert_eq!(fix_word(typo).as_deref(), Some(want), "{typo}");
        }
    }

    #[test]
    fn leaves_real_words_alone() {
        for word in [
            "overdone",
            "suicides",
            "lying",
            "diving",
            "умерить",
            "сознании",
            "להיות",
            "חיות",
            "الموت",
            "want",
            "kill",
            "a",
            "ok",
        ] {
            assert_eq!(fix_word(word), None, "{word}");
        }
    }
}

#[cfg(test)]
mod profile {
    #[test]
    #[ignore]
    fn cost_on_a_long_message() {
        let norm = super::super::normalize::normalize(&"היה לי יום ארוך בעבודה והאוטובוס איחר שוב. ".repeat(80));
        let t = std::time::Instant::now();
        for _ in 0..5 {
            for w in norm.split(' ') {
                let _ = super::fix_word(w);
            }
        }
        println!("fuzzy {:?} per message", t.elapsed() / 5);
    }
}

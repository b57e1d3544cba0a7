//! Russian typed in Latin letters, read in Cyrillic.
//!
//! Russian speakers without a Cyrillic keyboard (a phone set to Hebrew and
//! English, a work laptop abroad) type "ya bolshe ne mogu", "tabletki uzhe v
//! ruke". The spelling has no standard: я is "ya", "ja" or "ia", ы and й are
//! both "y", the soft sign is "'" or nothing, щ is "shch", "sch" or "w". Rules
//! written for one writer's spelling miss the next one's, so the screen reads
//! such a message in Cyrillic as well and lets the Russian rules and the
//! classifier's Russian features judge it.
//!
//! Each Latin word is reduced to a key that drops what spellings disagree on
//! (soft signs, ы/й/и, ё/е/э, doubled letters), and looked up among the
//! Russian word forms of the readable data (data/ru_words.txt, most frequent
//! first): "zhit" finds "жить", "tabletok" "таблеток". A word not found is
//! spelled letter by letter, which is right for most words without a soft
//! sign. English words in the message are left out of the reading.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Key → the most frequent word form with that key.
static WORDS: LazyLock<HashMap<String, &'static str>> =
    LazyLock::new(|| parse(include_str!("../../data/ru_words.txt")));

fn parse(list: &'static str) -> HashMap<String, &'static str> {
    let mut words = HashMap::new();
    for w in list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        words.entry(cyrillic_key(w)).or_insert(w);
    }
    words
}

pub(crate) fn warm_up() {
    LazyLock::force(&WORDS);
}

/// The spelling-free key of a Cyrillic word: one symbol per sound that Latin
/// spellings agree on ("C" ч, "S" ш and щ, "Z" ж, "Y" я), soft and hard signs
/// dropped, ы/й/и as "i", ё/е/э as "e", ю as "u".
fn cyrillic_key(w: &str) -> String {
    let mut k = String::with_capacity(w.len());
    for c in w.chars() {
        k.push_str(match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "Z",
            'з' => "z",
            'и' | 'й' | 'ы' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ю' => "u",
            'ф' => "f",
            'х' => "h",
            'ц' => "c",
            'ч' => "C",
            'ш' | 'щ' => "S",
            'я' => "Y",
            _ => "",
        });
    }
    settle(&k)
}

/// The key of a Latin spelling, the same way as [`cyrillic_key`].
fn latin_key(w: &str) -> String {
    settle(&symbols(w))
}

const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'Y'];

/// Latin letters to key symbols: digraphs first ("shch", "zh", "kh", "ts"),
/// then "y"/"j" before a vowel as я, ю, ё, е; any other "y" or "j" stays
/// "y" (ы or й, which [`settle`] makes "i" in a key).
fn symbols(w: &str) -> String {
    let w = w.to_ascii_lowercase().replace(['\'', '`'], "");
    let mut s = w;
    for (from, to) in [
        ("shch", "S"),
        ("sch", "S"),
        ("sh", "S"),
        ("w", "S"),
        ("zh", "Z"),
        ("ch", "C"),
        ("4", "C"),
        ("kh", "h"),
        ("x", "h"),
        ("tz", "c"),
        ("ts", "c"),
    ] {
        s = s.replace(from, to);
    }
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(cs.len());
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let next = cs.get(i + 1).copied();
        let after_vowel = i == 0 || VOWELS.contains(&cs[i - 1]);
        match (c, next) {
            ('y' | 'j' | 'i', Some('a')) if c != 'i' || !after_vowel => {
                out.push('Y');
                i += 2;
            }
            ('y' | 'j' | 'i', Some('u')) if c != 'i' || !after_vowel => {
                out.push('u');
                i += 2;
            }
            ('y' | 'j', Some('o')) => {
                out.push('e');
                i += 2;
            }
            ('y' | 'j', Some('e')) if after_vowel => {
                out.push('e');
                i += 2;
            }
            ('y' | 'j', _) => {
                out.push('y');
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Squeezes doubled letters and merges the vowel pairs spellings write both
/// ways ("istoriya"/"istoria", "zdanie"/"zdanye").
fn settle(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    let mut prev = None;
    for c in k.chars().map(|c| if c == 'y' { 'i' } else { c }) {
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    out.replace("iY", "Y").replace("iu", "u").replace("ie", "e").replace("ts", "c")
}

/// A Latin word spelled in Cyrillic letter by letter (for words the list lacks).
fn spell(w: &str) -> String {
    let s = symbols(w);
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() * 2);
    for (i, c) in cs.iter().enumerate() {
        let prev_vowel = i > 0 && VOWELS.contains(&cs[i - 1]);
        out.push_str(match c {
            'a' => "а",
            'b' => "б",
            'v' => "в",
            'g' => "г",
            'd' => "д",
            'e' => "е",
            'Z' => "ж",
            'z' => "з",
            // "i" after a vowel at the end of a word is й ("moi" is мой)
            'i' if prev_vowel && i + 1 == cs.len() => "й",
            'i' => "и",
            'y' if i == 0 || prev_vowel => "й",
            'y' => "ы",
            'k' => "к",
            'l' => "л",
            'm' => "м",
            'n' => "н",
            'o' => "о",
            'p' => "п",
            'r' => "р",
            's' => "с",
            't' => "т",
            'u' => "у",
            'f' => "ф",
            'h' => "х",
            'c' => "ц",
            'C' => "ч",
            'S' => "ш",
            'Y' => "я",
            _ => "",
        });
    }
    out
}

/// Whether a Latin word reads as a Russian word form of the list (three
/// letters or more: "no", "to", "on" are Russian too).
pub(crate) fn knows(w: &str) -> bool {
    w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '\'') && WORDS.contains_key(&latin_key(w))
}

/// The message in Cyrillic, word by word, leaving out `skip` words (English
/// ones), or `None` when it has no word to read. Call only for a message
/// that reads as Russian in Latin letters.
pub(crate) fn to_cyrillic(text: &str, skip: &[&str]) -> Option<String> {
    let words = &*WORDS;
    let read: Vec<String> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_ascii_lowercase())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()) && !skip.contains(&w.as_str()))
        .map(|w| match words.get(&latin_key(&w)) {
            Some(cyr) => cyr.to_string(),
            None => spell(&w),
        })
        .filter(|w| !w.is_empty())
        .collect();
    (!read.is_empty()).then(|| read.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_word_share_its_key() {
        for (cyr, latins) in [
            ("жить", &["zhit", "zhit'", "zhyt"][..]),
            ("я", &["ya", "ja"]),
            ("тебя", &["tebya", "tebja", "tebia"]),
            ("больше", &["bolshe", "bol'she", "bolshe"]),
            ("всё", &["vse", "vsyo", "vsjo"]),
            ("ты", &["ty", "ti"]),
            ("мой", &["moy", "moi", "moj"]),
            ("щас", &["shchas", "schas", "shas"]),
            ("история", &["istoriya", "istoria", "istorija"]),
            ("отсюда", &["otsyuda", "otsuda"]),
            ("хочу", &["hochu", "khochu", "xochu", "ho4u"]),
            ("есть", &["yest", "est'", "est"]),
            ("новые", &["novye", "novie"]),
        ] {
            for latin in latins {
                assert_eq!(latin_key(latin), cyrillic_key(cyr), "{latin} / {cyr}");
            }
        }
    }

    #[test]
    fn the_packaged_list_restores_soft_signs() {
        let cyr = to_cyrillic("ya bolshe ne hochu zhit", &[]).expect("words");
        assert_eq!(cyr, "я больше не хочу жить");
        let pills = to_cyrillic("uzhe nabrala tabletok v ladon", &[]).expect("words");
        assert!(pills.contains("таблеток") && pills.contains("уже"), "{pills}");
    }

    #[test]
    fn unknown_words_are_spelled_and_english_is_left_out() {
        assert_eq!(spell("zhmykh"), "жмых");
        assert_eq!(spell("podokonnik"), "подоконник");
        let mixed = to_cyrillic("ya na kryshe the end", &["the"]).expect("words");
        assert!(!mixed.contains("тхе") && mixed.starts_with("я на крыше"), "{mixed}");
    }
}

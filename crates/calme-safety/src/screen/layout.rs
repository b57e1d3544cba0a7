//! A message typed on the wrong keyboard layout, read on the layout meant.
//!
//! Russian and Hebrew speakers switch keyboard layouts many times a day, and a
//! message typed in a hurry often comes out on the layout that was still on:
//! "z ,jkmit yt vjue" is "я больше не могу" typed with the English layout,
//! "tbh rumv knu," is "אני רוצה למות". Each key stands for one letter of each
//! layout, so the screen reads such a message back: when most of its words
//! become Russian (or Hebrew) word forms of the readable data on the other
//! layout (data/ru_words.txt, data/he_words.txt), the message is Russian
//! (Hebrew), and its reading is screened with it, like the Arabizi reading.
//! Keys that give punctuation on one layout and a letter on the other (","
//! is б and ת) are read as letters.

use super::normalize;
use crate::types::Lang;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The Russian (ЙЦУКЕН) letter of each key of the English (QWERTY) layout,
/// unshifted and shifted, and the Russian layout's punctuation on keys that
/// are letters in English ("/" is ".", "?" is ",", "&" is "?").
const RUSSIAN: &[(char, char)] = &[
    ('q', 'й'), ('w', 'ц'), ('e', 'у'), ('r', 'к'), ('t', 'е'), ('y', 'н'), ('u', 'г'), ('i', 'ш'), ('o', 'щ'),
    ('p', 'з'), ('[', 'х'), (']', 'ъ'), ('a', 'ф'), ('s', 'ы'), ('d', 'в'), ('f', 'а'), ('g', 'п'), ('h', 'р'),
    ('j', 'о'), ('k', 'л'), ('l', 'д'), (';', 'ж'), ('\'', 'э'), ('z', 'я'), ('x', 'ч'), ('c', 'с'), ('v', 'м'),
    ('b', 'и'), ('n', 'т'), ('m', 'ь'), (',', 'б'), ('.', 'ю'), ('`', 'ё'), ('{', 'х'), ('}', 'ъ'), (':', 'ж'),
    ('"', 'э'), ('<', 'б'), ('>', 'ю'), ('~', 'ё'), ('/', '.'), ('?', ','), ('&', '?'), ('@', '"'), ('^', ':'),
    ('$', ';'),
];

/// The Hebrew (SI-1452) letter of each key of the English layout; "w" and "q"
/// are the Hebrew layout's apostrophe and slash, "/" its full stop and "'"
/// its comma.
const HEBREW: &[(char, char)] = &[
    ('q', '/'), ('w', '\''), ('e', 'ק'), ('r', 'ר'), ('t', 'א'), ('y', 'ט'), ('u', 'ו'), ('i', 'ן'), ('o', 'ם'),
    ('p', 'פ'), ('a', 'ש'), ('s', 'ד'), ('d', 'ג'), ('f', 'כ'), ('g', 'ע'), ('h', 'י'), ('j', 'ח'), ('k', 'ל'),
    ('l', 'ך'), (';', 'ף'), ('\'', ','), ('z', 'ז'), ('x', 'ס'), ('c', 'ב'), ('v', 'ה'), ('b', 'נ'), ('n', 'מ'),
    ('m', 'צ'), (',', 'ת'), ('.', 'ץ'), ('/', '.'),
];

fn on(layout: &[(char, char)], c: char) -> char {
    let c = c.to_ascii_lowercase();
    layout.iter().find(|(k, _)| *k == c).map_or(c, |(_, v)| *v)
}

fn word_list(list: &'static str) -> HashSet<&'static str> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

static RUSSIAN_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../../data/ru_words.txt")));
/// Folded like the list: final letters as their ordinary forms.
static HEBREW_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../../data/he_words.txt")));

pub(crate) fn warm_up() {
    LazyLock::force(&RUSSIAN_WORDS);
    LazyLock::force(&HEBREW_WORDS);
}

/// Whether a typed token (a run of keys between spaces) is a Russian word
/// form on the Russian layout; the punctuation it gives around the word
/// ("vjue/" is "могу.") is not part of it.
fn russian(token: &str) -> bool {
    let w: String = token.chars().map(|c| on(RUSSIAN, c)).collect::<String>().replace('ё', "е");
    let w = w.trim_matches(|c: char| !('а'..='я').contains(&c));
    !w.is_empty() && RUSSIAN_WORDS.contains(w)
}

fn hebrew(token: &str) -> bool {
    let w: String = token
        .chars()
        .map(|c| match on(HEBREW, c) {
            'ך' => 'כ',
            'ם' => 'מ',
            'ן' => 'נ',
            'ף' => 'פ',
            'ץ' => 'צ',
            h => h,
        })
        .collect();
    let w = w.trim_matches(|c: char| !('\u{05D0}'..='\u{05EA}').contains(&c));
    !w.is_empty() && HEBREW_WORDS.contains(w)
}

/// Russian or Hebrew typed on the English layout: most of the message's
/// words are word forms of that language on its layout, at least two of them
/// (or one word of four keys or more that is the whole message, "gjvjubnt"),
/// and more than of the other language. A word here is a run of two keys or
/// more with a letter among them: numbers and single keys are left out
/// ("vyt 13 b z [jxe evthtnm", "мне 13 и я хочу умереть", has three words, all
/// Russian), so spaced letters ("k m s") are no word at all. A message whose
/// English function words (`english`) are half its tokens is English. Call
/// only for a message with no letter outside Latin.
pub(crate) fn detect(text: &str, english: &[&str]) -> Option<Lang> {
    if text.chars().any(|c| c.is_alphabetic() && c > '\u{024F}') {
        return None;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let plain = |t: &str| t.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_ascii_lowercase();
    let english = tokens.iter().filter(|t| english.contains(&plain(t).as_str())).count();
    if tokens.is_empty() || english * 2 >= tokens.len() {
        return None;
    }
    let words: Vec<&str> = tokens
        .into_iter()
        .filter(|t| t.chars().count() >= 2 && t.chars().any(|c| c.is_ascii_alphabetic()))
        .collect();
    let lone = words.len() == 1 && words[0].chars().count() >= 4;
    let score = |known: fn(&str) -> bool| {
        let n = words.iter().filter(|t| known(t)).count();
        if n * 2 > words.len() && (n >= 2 || lone) { n } else { 0 }
    };
    let (ru, he) = (score(russian), score(hebrew));
    match ru.cmp(&he) {
        std::cmp::Ordering::Greater => Some(Lang::Ru),
        std::cmp::Ordering::Less => Some(Lang::He),
        std::cmp::Ordering::Equal => None,
    }
}

/// The message on the layout of `lang` (Russian or Hebrew), normalised.
pub(crate) fn reading(text: &str, lang: Lang) -> Option<String> {
    let layout = match lang {
        Lang::Ru => RUSSIAN,
        Lang::He => HEBREW,
        _ => return None,
    };
    let typed: String = text.chars().map(|c| on(layout, c)).collect();
    Some(normalize::normalize(&typed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: &[&str] = &["the", "i", "a", "to", "and", "is", "it", "my"];

    #[test]
    fn keys_give_the_letters_of_the_layout_meant() {
        let ru: String = "z ,jkmit yt vjue/".chars().map(|c| on(RUSSIAN, c)).collect();
        assert_eq!(ru, "я больше не могу.");
        let ru: String = "Gjvjubnt? gj;fkeqcnf".chars().map(|c| on(RUSSIAN, c)).collect();
        assert_eq!(ru, "помогите, пожалуйста");
        let he: String = "tbh rumv knu,/".chars().map(|c| on(HEBREW, c)).collect();
        assert_eq!(he, "אני רוצה למות.");
        let he: String = "kt hfuk kvnahl t, zv".chars().map(|c| on(HEBREW, c)).collect();
        assert_eq!(he, "לא יכול להמשיך את זה");
    }

    #[test]
    fn russian_and_hebrew_on_the_english_layout_are_detected() {
        assert_eq!(detect("z ,jkmit yt vjue", ENGLISH), Some(Lang::Ru));
        assert_eq!(detect("gjvjubnt", ENGLISH), Some(Lang::Ru));
        assert_eq!(detect("vyt 13 b z [jxe evthtnm", ENGLISH), Some(Lang::Ru));
        assert_eq!(detect("tbh rumv knu,", ENGLISH), Some(Lang::He));
        assert_eq!(detect("tbh kt rumv kjhu,", ENGLISH), Some(Lang::He));
    }

    #[test]
    fn english_and_transliterations_are_not_misread() {
        for text in [
            "i want to die",
            "the pills are in the cabinet",
            "hello",
            "ok",
            "brb",
            "lol same",
            "ya ne hochu bolshe zhit",
            "ani lo rotze lihyot po yoter",
            "wallah ta3ebt, 5alas bedi 2enta7er",
            "mamad now, tzeva adom",
            "https://example.com/help",
            "kms",
            "k m s",
            "s e w e r  s l i d e is looking really good rn",
            "s u i c i d e",
        ] {
            assert_eq!(detect(text, ENGLISH), None, "{text}");
        }
    }
}

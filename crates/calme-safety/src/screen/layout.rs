//! A message typed on the wrong keyboard layout, read on the layout meant.
//!
//! Russian, Hebrew and Arabic speakers switch keyboard layouts many times a
//! day, and a message typed in a hurry often comes out on the layout that was
//! still on: "z ,jkmit yt vjue" is "я больше не могу" typed with the English
//! layout, "tbh rumv knu," is "אני רוצה למות", "hkh f]d l,j" is "انا بدي موت".
//! Each key stands for one letter of each layout, so the screen reads such a
//! message back: when most of its words become word forms of one language of
//! the readable data on that language's layout (data/ru_words.txt,
//! data/he_words.txt, data/ar_words.txt), the message is in that language and
//! is read on its layout instead (its Latin letters mean nothing). Keys that
//! give punctuation on one layout and a letter on the other ("," is б, ת and
//! و) are read as letters.

use super::normalize::{self, fold};
use crate::types::Lang;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The Russian (ЙЦУКЕН) letter of each key of the English (QWERTY) layout,
/// unshifted and shifted, and the Russian layout's punctuation on keys that
/// are letters in English ("/" is ".", "?" is ",", "&" is "?").
const RUSSIAN: &[(char, &str)] = &[
    ('q', "й"), ('w', "ц"), ('e', "у"), ('r', "к"), ('t', "е"), ('y', "н"), ('u', "г"), ('i', "ш"), ('o', "щ"),
    ('p', "з"), ('[', "х"), (']', "ъ"), ('a', "ф"), ('s', "ы"), ('d', "в"), ('f', "а"), ('g', "п"), ('h', "р"),
    ('j', "о"), ('k', "л"), ('l', "д"), (';', "ж"), ('\'', "э"), ('z', "я"), ('x', "ч"), ('c', "с"), ('v', "м"),
    ('b', "и"), ('n', "т"), ('m', "ь"), (',', "б"), ('.', "ю"), ('`', "ё"), ('{', "х"), ('}', "ъ"), (':', "ж"),
    ('"', "э"), ('<', "б"), ('>', "ю"), ('~', "ё"), ('/', "."), ('?', ","), ('&', "?"), ('@', "\""), ('^', ":"),
    ('$', ";"),
];

/// The Hebrew (SI-1452) letter of each key of the English layout; "w" and "q"
/// are the Hebrew layout's apostrophe and slash, "/" its full stop and "'"
/// its comma.
const HEBREW: &[(char, &str)] = &[
    ('q', "/"), ('w', "'"), ('e', "ק"), ('r', "ר"), ('t', "א"), ('y', "ט"), ('u', "ו"), ('i', "ן"), ('o', "ם"),
    ('p', "פ"), ('a', "ש"), ('s', "ד"), ('d', "ג"), ('f', "כ"), ('g', "ע"), ('h', "י"), ('j', "ח"), ('k', "ל"),
    ('l', "ך"), (';', "ף"), ('\'', ","), ('z', "ז"), ('x', "ס"), ('c', "ב"), ('v', "ה"), ('b', "נ"), ('n', "מ"),
    ('m', "צ"), (',', "ת"), ('.', "ץ"), ('/', "."),
];

/// The Arabic (101) layout: the letter of each key unshifted, and shifted
/// (hamza forms, lam-alef, harakat, Arabic punctuation).
const ARABIC: &[(char, &str)] = &[
    ('q', "ض"), ('w', "ص"), ('e', "ث"), ('r', "ق"), ('t', "ف"), ('y', "غ"), ('u', "ع"), ('i', "ه"), ('o', "خ"),
    ('p', "ح"), ('[', "ج"), (']', "د"), ('a', "ش"), ('s', "س"), ('d', "ي"), ('f', "ب"), ('g', "ل"), ('h', "ا"),
    ('j', "ت"), ('k', "ن"), ('l', "م"), (';', "ك"), ('\'', "ط"), ('z', "ئ"), ('x', "ء"), ('c', "ؤ"), ('v', "ر"),
    ('b', "لا"), ('n', "ى"), ('m', "ة"), (',', "و"), ('.', "ز"), ('/', "ظ"), ('`', "ذ"), ('Q', "\u{064E}"),
    ('W', "\u{064B}"), ('E', "\u{064F}"), ('R', "\u{064C}"), ('T', "لإ"), ('Y', "إ"), ('U', "‘"), ('I', "÷"),
    ('O', "×"), ('P', "؛"), ('A', "\u{0650}"), ('S', "\u{064D}"), ('D', "]"), ('F', "["), ('G', "لأ"), ('H', "أ"),
    ('J', "\u{0640}"), ('K', "،"), ('L', "/"), ('Z', "~"), ('X', "\u{0652}"), ('C', "}"), ('V', "{"), ('B', "لآ"),
    ('N', "آ"), ('M', "’"), ('<', ","), ('>', "."), ('?', "؟"), ('~', "\u{0651}"), ('{', "<"), ('}', ">"),
];

/// The layouts a message typed on the English one may have been meant for.
const LAYOUTS: [(Lang, &[(char, &str)]); 3] = [(Lang::Ru, RUSSIAN), (Lang::He, HEBREW), (Lang::Ar, ARABIC)];

/// The layout of `lang`, or the Hebrew one for a language without one here.
fn layout_of(lang: Lang) -> &'static [(char, &'static str)] {
    LAYOUTS.iter().find(|(l, _)| *l == lang).map_or(HEBREW, |(_, layout)| *layout)
}

/// What key `c` gives on `layout`: its own entry (Arabic reads shifted keys),
/// else its lower case's, else none (the character itself).
fn on(layout: &'static [(char, &'static str)], c: char) -> Option<&'static str> {
    let find = |c: char| layout.iter().find(|(k, _)| *k == c).map(|(_, v)| *v);
    find(c).or_else(|| find(c.to_ascii_lowercase()))
}

/// A token on `layout`. A token in capitals is typed with Caps Lock or is
/// English shouted ("LETS GOOO"), not a run of shifted keys (on the Arabic
/// layout, harakat that vanish and leave a stray short word): it is read as
/// its lower case.
fn retype(layout: &'static [(char, &'static str)], token: &str) -> String {
    let caps = token.chars().filter(char::is_ascii_uppercase).count() >= 2 && !token.chars().any(|c| c.is_ascii_lowercase());
    let mut out = String::with_capacity(token.len() * 2);
    for c in token.chars().map(|c| if caps { c.to_ascii_lowercase() } else { c }) {
        match on(layout, c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

/// A word list, folded as the screen folds text (Hebrew finals, hamza forms, ё).
fn word_list(list: &'static str) -> HashSet<String> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(fold).collect()
}

static RUSSIAN_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| word_list(include_str!("../../data/ru_words.txt")));
static HEBREW_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| word_list(include_str!("../../data/he_words.txt")));
static ARABIC_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| word_list(include_str!("../../data/ar_words.txt")));
/// The English words of English messages, which a message typed on the wrong
/// layout may hold typed right.
static ENGLISH_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| word_list(include_str!("../../data/en_words.txt")));

fn words(lang: Lang) -> &'static HashSet<String> {
    match lang {
        Lang::Ru => &RUSSIAN_WORDS,
        Lang::He => &HEBREW_WORDS,
        _ => &ARABIC_WORDS,
    }
}

pub(crate) fn warm_up() {
    for (lang, _) in LAYOUTS {
        words(lang);
    }
    LazyLock::force(&ENGLISH_WORDS);
}

/// Whether a typed token (a run of keys between spaces) is a word form of
/// `lang` on its layout; the punctuation the keys give around the word
/// ("vjue/" is "могу.") is not part of it.
fn known(lang: Lang, layout: &'static [(char, &'static str)], token: &str) -> bool {
    is_word(lang, &retype(layout, token))
}

/// Whether `s`, folded and without the punctuation around it, is a word form
/// of `lang` in its own letters.
fn is_word(lang: Lang, s: &str) -> bool {
    let folded = fold(s);
    let w = folded.trim_matches(|c: char| !(c.is_alphabetic() && c > '\u{024F}'));
    !w.is_empty() && words(lang).contains(w)
}

/// A Latin token as the English word lists spell it: lower case, without the
/// punctuation around it or apostrophes ("Don't," is "dont").
fn latin_word(t: &str) -> String {
    t.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_ascii_lowercase().replace('\'', "")
}

/// Russian, Hebrew or Arabic typed on the English layout: most of the
/// message's words are word forms of that language on its layout, at least
/// two of them (or one word of four keys or more that is the whole message,
/// "gjvjubnt"), and more than of any other. A word here is a run of two keys
/// or more with a letter among them: numbers and single keys are left out
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
    let scores = LAYOUTS.map(|(lang, layout)| {
        let n = words.iter().filter(|t| known(lang, layout, t)).count();
        (if n * 2 > words.len() && (n >= 2 || lone) { n } else { 0 }, lang)
    });
    let (best, lang) = scores.iter().copied().max_by_key(|(n, _)| *n)?;
    (best > 0 && scores.iter().filter(|(n, _)| *n == best).count() == 1).then_some(lang)
}

/// The message on the layout of `lang` (Russian, Hebrew or Arabic, as [`detect`] found),
/// normalised: each token retyped, except an English word typed right
/// ("3amalt overdose" is "عملت overdose"), which is kept when it is no word of
/// `lang` on its layout.
pub(crate) fn reading(text: &str, lang: Lang) -> String {
    let layout = layout_of(lang);
    let english = |t: &str| {
        let w = latin_word(t);
        w.len() >= 2 && ENGLISH_WORDS.contains(&w)
    };
    let read: Vec<String> = text
        .split_whitespace()
        .map(|t| if english(t) && !known(lang, layout, t) { t.to_string() } else { retype(layout, t) })
        .collect();
    normalize::normalize(&read.join(" "))
}

/// The English key under `c` on `layout` (the layout's letter back to its
/// key), or `c` itself.
fn key_of(layout: &'static [(char, &'static str)], c: char) -> char {
    let mut buf = [0u8; 4];
    let c: &str = c.encode_utf8(&mut buf);
    // unshifted keys only: a shifted key's letter is the unshifted one's
    let key = layout.iter().find(|(k, v)| *v == c && !k.is_ascii_uppercase());
    key.map_or_else(|| c.chars().next().unwrap_or(' '), |(k, _)| *k)
}

/// English typed with the Hebrew or Russian layout left on ("ן 'שמא אם גןק"
/// is "i want to die", "ш цфте ещ вшу" the same): most of the message's words
/// (two keys or more with a letter of the script) are English words on the
/// English layout (`english`, then the English words of the data), at least
/// two of them or one of four keys or more that is the whole message, and
/// more of them than there are word forms of `lang` in its own letters (short
/// Hebrew and Russian words are English on the English layout: "אם" is "to",
/// "גם" "do", "мы" "vs"). `lang` is the message's script.
pub(crate) fn english_on(text: &str, lang: Lang, english: &[&str]) -> bool {
    if !matches!(lang, Lang::He | Lang::Ru) {
        return false;
    }
    let layout = layout_of(lang);
    let tokens: Vec<&str> = text
        .split_whitespace()
        .filter(|t| t.chars().count() >= 2 && t.chars().any(|c| c.is_alphabetic() && c > '\u{024F}'))
        .collect();
    let is_english = |t: &str| {
        let w = latin_word(&t.chars().map(|c| key_of(layout, c)).collect::<String>());
        w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphanumeric()) && (english.contains(&w.as_str()) || ENGLISH_WORDS.contains(&w))
    };
    let n = tokens.iter().filter(|t| is_english(t)).count();
    let lone = tokens.len() == 1 && tokens[0].chars().count() >= 4;
    n * 2 > tokens.len() && (n >= 2 || lone) && n > tokens.iter().filter(|t| is_word(lang, t)).count()
}

/// English typed on the layout of `lang` (see [`english_on`]), read on the
/// English layout and normalised.
pub(crate) fn english_reading(text: &str, lang: Lang) -> String {
    let layout = layout_of(lang);
    normalize::normalize(&text.chars().map(|c| key_of(layout, c)).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: &[&str] = &["the", "i", "a", "to", "and", "is", "it", "my"];

    #[test]
    fn keys_give_the_letters_of_the_layout_meant() {
        assert_eq!(retype(RUSSIAN, "z ,jkmit yt vjue/"), "я больше не могу.");
        assert_eq!(retype(RUSSIAN, "Gjvjubnt? gj;fkeqcnf"), "помогите, пожалуйста");
        assert_eq!(retype(HEBREW, "tbh rumv knu,/"), "אני רוצה למות.");
        assert_eq!(retype(HEBREW, "kt hfuk kvnahl t, zv"), "לא יכול להמשיך את זה");
        assert_eq!(retype(ARABIC, "hkh lh fw]v H;lg"), "انا ما بصدر أكمل");
        assert_eq!(retype(ARABIC, "fdkd ,fdk; hg'vdr"), "بيني وبينك الطريق");
    }

    #[test]
    fn russian_and_hebrew_on_the_english_layout_are_detected() {
        assert_eq!(detect("z ,jkmit yt vjue", ENGLISH), Some(Lang::Ru));
        assert_eq!(detect("gjvjubnt", ENGLISH), Some(Lang::Ru));
        assert_eq!(detect("vyt 13 b z [jxe evthtnm", ENGLISH), Some(Lang::Ru));
        assert_eq!(detect("tbh rumv knu,", ENGLISH), Some(Lang::He));
        assert_eq!(detect("tbh kt rumv kjhu,", ENGLISH), Some(Lang::He));
        assert_eq!(detect("hkh f]d l,j", ENGLISH), Some(Lang::Ar));
    }

    #[test]
    fn english_on_the_hebrew_or_russian_layout_is_read_in_english() {
        const EN: &[&str] = &["i", "to", "want", "the", "a"];
        assert!(english_on("ן 'שמא אם גןק", Lang::He, EN));
        assert_eq!(english_reading("ן 'שמא אם גןק", Lang::He), " i want to die ");
        assert!(english_on("ш цфте ещ вшу", Lang::Ru, EN));
        assert_eq!(english_reading("ш цфте ещ вшу", Lang::Ru), " i want to die ");
        // Hebrew and Russian whose short words are English on the English layout stay themselves
        for (text, lang) in [
            ("אני לא רוצה ללכת גם אם זה עם אמא", Lang::He),
            ("אם יש לי זמן", Lang::He),
            ("мы не знаем, да", Lang::Ru),
            ("я не хочу жить", Lang::Ru),
        ] {
            assert!(!english_on(text, lang, EN), "{text}");
        }
    }

    #[test]
    fn english_typed_right_is_kept_in_the_reading() {
        // "عملت overdose من ساعة": the English word stays, the rest is Arabic
        let read = reading("ulgj overdose lk shum", Lang::Ar);
        assert!(read.contains(" overdose ") && read.contains("عملت") && read.contains("ساعه"), "{read}");
        // "tbh" is "אני" before it is English
        let read = reading("tbh rumv knu,", Lang::He);
        assert!(read.contains("אני רוצה למות"), "{read}");
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
            "LAST DAY OF SCHOOL!!!!",
            "FIRST VICTORY ROYALE LETS GOOO",
            "kms",
            "k m s",
            "s e w e r  s l i d e is looking really good rn",
            "s u i c i d e",
        ] {
            assert_eq!(detect(text, ENGLISH), None, "{text}");
        }
    }
}

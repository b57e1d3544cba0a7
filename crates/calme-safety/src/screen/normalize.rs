//! Text normalisation for the crisis screen.
//!
//! The same letter folding is applied to the text and to every rule pattern, so
//! rules are written in natural spelling. Steps: NFKC, lowercase, script folding
//! (Hebrew niqqud and final letters, Arabic diacritics/tatweel/alef/ya/ta-marbuta
//! variants and Arabic-Indic digits, Russian ё), removal of apostrophes and
//! invisible characters, then per token: dotted letters ("k.m.s"), leetspeak
//! ("k1ll", "su!cide"; not 7, an Arabizi letter), Latin lookalikes inside
//! Cyrillic words ("xочу" = хочу), starred letters repaired against a small vocabulary
//! ("k*ll"), spaced letters joined ("k i l l"), and letter runs of 3+ squeezed
//! to one ("diiiie"), and typos of the rules' key words repaired ([`super::fuzzy`]).
//! The result has single spaces and a space at both ends, so
//! rule patterns can use a space as a word boundary.

use unicode_normalization::UnicodeNormalization;

/// Lowercase plus script folding, character by character. Everything that is
/// not a letter mapping (punctuation, regex syntax) passes through unchanged,
/// which is what lets rule patterns go through the same function.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        for lc in c.to_lowercase() {
            if let Some(m) = fold_char(lc) {
                out.push(m);
            }
        }
    }
    out
}

fn fold_char(c: char) -> Option<char> {
    Some(match c {
        // Hebrew points and cantillation marks, geresh/gershayim
        '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'
        | '\u{05C2}'
        | '\u{05C4}'
        | '\u{05C5}'
        | '\u{05C7}'
        | '\u{05F3}'
        | '\u{05F4}' => return None,
        '\u{05BE}' => ' ', // maqaf
        'ך' => 'כ',
        'ם' => 'מ',
        'ן' => 'נ',
        'ף' => 'פ',
        'ץ' => 'צ',
        // Arabic harakat, Quranic marks, superscript alef, tatweel
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' | 'ی' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '،' => ',',
        '؟' => '?',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        'ё' => 'е',
        // apostrophes and quotes vanish so "don't" == "dont" and ממ"ד == ממד
        '\'' | '’' | '‘' | '`' | '´' | '"' | '“' | '”' | '„' | '«' | '»' => {
            return None
        }
        // invisible characters
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}' => return None,
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// Words that obfuscation most often hides; a starred token ("k*ll") is
/// repaired only when exactly one of these fits.
const STAR_VOCAB: &[&str] = &[
    "жизни",
    "жизнь",
    "kill",
    "killing",
    "kms",
    "kys",
    "myself",
    "suicide",
    "suicidal",
    "die",
    "dead",
    "unalive",
    "rape",
    "raped",
    "cut",
    "cutting",
    "overdose",
    "hang",
    "pills",
    "self",
    "למות",
    "להתאבד",
    "умереть",
    "суицид",
    "убить",
    "انتحار",
    "اموت",
];

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Digits (and @) written for Cyrillic letters ("сд0хнуть", "у6ить", "пл@н").
fn cyrillic_digit(c: char) -> Option<char> {
    Some(match c {
        '0' => 'о',
        '3' => 'з',
        '4' => 'ч',
        '6' => 'б',
        '@' => 'а',
        _ => return None,
    })
}

fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        // '7' stays: in Arabizi it is a letter (ح), "ente7er", "7ali"
        '@' => 'a',
        '$' => 's',
        _ => return None,
    })
}

/// Cleans one whitespace-delimited token; may return several words.
/// The Cyrillic letter a lowercase Latin letter is mistaken for.
fn cyrillic_lookalike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' => 'е',
        'h' => 'н',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        _ => return None,
    })
}

fn clean_token(tok: &str, arabizi: bool) -> String {
    let chars: Vec<char> = tok.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    // "k.m.s", "k-i-l-l", "s_u_i_c_i_d_e": letters separated by one separator each
    let dotted = chars.len() >= 5
        && chars.iter().enumerate().all(|(i, c)| {
            if i % 2 == 0 {
                c.is_alphabetic()
            } else {
                matches!(c, '.' | '-' | '_' | '·' | '•' | '/')
            }
        });
    let mut chars: Vec<char> = if dotted {
        chars.into_iter().filter(|c| c.is_alphabetic()).collect()
    } else {
        chars
    };
    // Separators inside a Hebrew, Arabic or Cyrillic word ("להתא-ב-ד", "انت.حار", "су-и-цид"):
    // those scripts have no hyphenated compounds the rules rely on, so the word is rejoined.
    let non_latin_letter = |c: char| c.is_alphabetic() && !is_latin(c);
    if chars.iter().any(|c| non_latin_letter(*c)) {
        let n = chars.len();
        let keep: Vec<bool> = (0..n)
            .map(|i| {
                !(matches!(chars[i], '-' | '.' | '_' | '·' | '•' | '*' | '\u{0640}')
                    && i > 0
                    && i + 1 < n
                    && non_latin_letter(chars[i - 1])
                    && non_latin_letter(chars[i + 1]))
            })
            .collect();
        chars = chars
            .into_iter()
            .zip(keep)
            .filter_map(|(c, k)| k.then_some(c))
            .collect();
    }
    let cyrillic = chars.iter().any(|c| is_cyrillic(*c));
    // digits next to a Cyrillic letter stand for one
    if cyrillic {
        let n = chars.len();
        let mut threes = Vec::new();
        for i in 0..n {
            let near =
                (i > 0 && is_cyrillic(chars[i - 1])) || (i + 1 < n && is_cyrillic(chars[i + 1]));
            if let Some(m) = cyrillic_digit(chars[i]).filter(|_| near) {
                if chars[i] == '3' {
                    threes.push(i);
                }
                chars[i] = m;
            }
        }
        // "3" is з by shape but е as in Latin leetspeak ("ум3р3ть"): е when
        // only that reading gives a word the screen knows
        if !threes.is_empty() {
            let letters = |cs: &[char]| cs.iter().filter(|c| c.is_alphanumeric()).collect::<String>();
            let word = letters(&chars);
            let mut alt = chars.clone();
            for i in &threes {
                alt[*i] = 'е';
            }
            let alt_word = letters(&alt);
            if !super::fuzzy::recognises(&word) && super::fuzzy::recognises(&alt_word) {
                chars = alt;
            }
        }
    }
    // mixed-script tokens ("xочу", "yмepeть"): Latin lookalikes become Cyrillic
    if cyrillic && chars.iter().any(|c| is_latin(*c)) {
        for c in chars.iter_mut() {
            if let Some(m) = cyrillic_lookalike(*c) {
                *c = m;
            }
        }
    }
    // leetspeak: only in tokens with Latin letters that are not "14yo"/"6th"/"3am"
    let latin = chars.iter().filter(|c| is_latin(**c)).count();
    let starts_with_number = chars.first().is_some_and(|c| c.is_ascii_digit())
        && chars
            .iter()
            .skip_while(|c| c.is_ascii_digit())
            .all(|c| is_latin(*c) || !c.is_alphanumeric());
    if latin >= 1 && !starts_with_number {
        let n = chars.len();
        for i in 0..n {
            let c = chars[i];
            if let Some(m) = leet(c).filter(|_| !(arabizi && matches!(c, '3' | '5'))) {
                let near_letter =
                    (i > 0 && is_latin(chars[i - 1])) || (i + 1 < n && is_latin(chars[i + 1]));
                if near_letter {
                    chars[i] = m;
                }
            } else if c == '!'
                && i > 0
                && i + 1 < n
                && is_latin(chars[i - 1])
                && is_latin(chars[i + 1])
            {
                chars[i] = 'i';
            } else if c == '|' && i + 1 < n && is_latin(chars[i + 1]) {
                chars[i] = 'l';
            }
        }
    }
    // starred letters
    if chars.iter().any(|c| matches!(c, '*' | '#')) && chars.iter().any(|c| c.is_alphabetic()) {
        // strip trailing punctuation before matching
        let core: Vec<char> = chars
            .iter()
            .copied()
            .filter(|c| c.is_alphanumeric() || matches!(c, '*' | '#'))
            .collect();
        let fits: Vec<&str> = STAR_VOCAB
            .iter()
            .copied()
            .filter(|w| {
                let wc: Vec<char> = w.chars().collect();
                wc.len() == core.len()
                    && wc
                        .iter()
                        .zip(&core)
                        .all(|(a, b)| matches!(b, '*' | '#') || a == b)
            })
            .collect();
        if fits.len() == 1 {
            return fits[0].to_string();
        }
        chars.retain(|c| !matches!(c, '*' | '#'));
    }
    chars
        .into_iter()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Key risk phrases with their spaces taken out, and put back: "ב א ל י ל מ ו ת"
/// joins to one token, which no word pattern can read until it is split again.
const DESPACED: &[(&str, &str)] = &[
    ("iwanttodie", "i want to die"),
    ("wanttodie", "want to die"),
    ("killmyself", "kill myself"),
    ("endmylife", "end my life"),
    ("באלילמות", "בא לי למות"),
    ("רוצהלמות", "רוצה למות"),
    ("רוצהלהתאבד", "רוצה להתאבד"),
    ("אניאתאבד", "אני אתאבד"),
    ("بديموت", "بدي موت"),
    ("بدياموت", "بدي اموت"),
    ("بدينتحر", "بدي انتحر"),
    ("اقتلنفسي", "اقتل نفسي"),
    ("хочуумереть", "хочу умереть"),
    ("покончуссобой", "покончу с собой"),
    ("покончусобой", "покончу с собой"),
    ("убьюсебя", "убью себя"),
];

/// A run of single letters joined into one token, split again around a key phrase it holds.
fn segment_run(joined: &str) -> String {
    for (despaced, spaced) in DESPACED {
        if let Some(at) = joined.find(despaced) {
            let (head, tail) = (&joined[..at], &joined[at + despaced.len()..]);
            return [head, spaced, tail]
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    joined.to_string()
}

/// Chat shorthand between Latin words: "want 2 die", "u", "ur".
fn expand_shorthand(words: &mut [String]) {
    let latin = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic());
    for i in 0..words.len() {
        let prev_latin = i > 0 && latin(&words[i - 1]);
        let next_latin = i + 1 < words.len() && latin(&words[i + 1]);
        let new = match words[i].as_str() {
            "2" if prev_latin && next_latin => "to",
            "4" if prev_latin && next_latin => "for",
            "u" if prev_latin || next_latin => "you",
            "ur" if prev_latin || next_latin => "your",
            "r" if prev_latin && next_latin => "are",
            // frequent misspellings of the words the rules key on
            "wnat" | "wnt" | "watn" | "wamt" | "wabt" => "want",
            "wnated" | "wnatd" => "wanted",
            "myslef" | "mysefl" | "myslf" | "mysef" | "mysel" => "myself",
            "suicde" | "sucide" | "suiside" | "suicied" | "suecide" | "sucicide" | "suicid" => {
                "suicide"
            }
            "sucidal" | "suicdal" | "suisidal" => "suicidal",
            "kil" | "kll" => "kill",
            "tonite" | "2nite" | "tonigt" => "tonight",
            "culd" | "cud" | "coud" => "could",
            "forevr" | "4ever" | "forver" | "foreva" => "forever",
            "tomoro" | "tmrw" | "2moro" | "tomorow" | "tmrow" => "tomorrow",
            _ => continue,
        };
        words[i] = new.to_string();
    }
}

/// Normalises a message for the rules. See the module documentation.
pub(crate) fn normalize(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    let folded = fold(&nfkc);
    // In Arabizi, 3 (ع) and 5 (خ) are letters inside words too ("ta3ban",
    // "a5er"), not leetspeak for e and s. Only a text with one of them needs
    // the word-by-word language check.
    let arabizi = folded.contains(['3', '5'])
        && !folded.chars().any(|c| c.is_alphabetic() && !is_latin(c))
        && super::transliterated(text) == Some(crate::types::Lang::Ar);
    // Tokens split on single spaces: an empty token marks a double space,
    // which separates words in "k i l l i n g  m y s e l f".
    // "b4" is chat shorthand for "before", not leetspeak for "ba".
    let cleaned: Vec<String> = folded
        .split(' ')
        .map(|t| match t.trim_end_matches(|c: char| c.is_ascii_punctuation()) {
            "b4" => "before".to_string(),
            _ => clean_token(t, arabizi),
        })
        .collect();
    let mut words: Vec<String> = Vec::with_capacity(cleaned.len());
    let mut run: Vec<String> = Vec::new();
    // A run of single letters is one word when it has 3+ letters, or 2 letters
    // set off by double spaces on both sides ("t o" in "w a n t  t o  d i e").
    let flush = |run: &mut Vec<String>, words: &mut Vec<String>, gapped: bool| {
        if run.len() >= 3 || (run.len() == 2 && gapped) {
            words.push(segment_run(&run.concat()));
        } else {
            words.append(run);
        }
        run.clear();
    };
    let mut gap_before = false;
    let mut prev_empty = false;
    for tok in cleaned {
        let t = tok.trim();
        let single_letter = t.chars().count() == 1 && t.chars().all(char::is_alphabetic);
        if single_letter {
            if run.is_empty() {
                gap_before = prev_empty;
            }
            run.push(t.to_string());
        } else {
            flush(&mut run, &mut words, gap_before && t.is_empty());
            if !t.is_empty() {
                words.push(t.to_string());
            }
        }
        prev_empty = t.is_empty();
    }
    flush(&mut run, &mut words, gap_before);
    expand_shorthand(&mut words);
    // "un alive", "un aliving": the euphemism written as two words
    for i in 1..words.len() {
        if words[i - 1] == "un" && words[i].starts_with("aliv") {
            words[i] = format!("un{}", words[i]);
            words[i - 1].clear();
        }
    }
    words.retain(|w| !w.is_empty());
    let joined = words.join(" ");
    // squeeze letter runs of 3+ to one letter; collapse whitespace
    let mut out = String::with_capacity(joined.len() + 2);
    out.push(' ');
    let cs: Vec<char> = joined.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let mut j = i + 1;
        while j < cs.len() && cs[j] == c {
            j += 1;
        }
        let len = j - i;
        if c == ' ' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if c.is_alphabetic() && len >= 3 {
            out.push(c);
        } else {
            for _ in 0..len {
                out.push(c);
            }
        }
        i = j;
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    // typos of the rules' key words ("sucide", "умерть"), once letter runs are squeezed
    let fixes: Vec<(usize, String)> =
        out.split(' ').enumerate().filter_map(|(i, w)| super::fuzzy::fix_word(w).map(|f| (i, f))).collect();
    if !fixes.is_empty() {
        let mut words: Vec<&str> = out.split(' ').collect();
        for (i, f) in &fixes {
            words[*i] = f;
        }
        out = words.join(" ");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn obfuscations() {
        assert_eq!(normalize("k i l l i n g  m y s e l f"), " killing myself ");
        assert_eq!(normalize("i   w a n t   t o   d i e"), " i want to die ");
        assert_eq!(normalize("i saw a b movie"), " i saw a b movie ");
        assert_eq!(normalize("gonna k!ll mys3lf"), " gonna kill myself ");
        assert_eq!(normalize("SU1C1D3"), " suicide ");
        assert_eq!(normalize("k*ll mys*lf"), " kill myself ");
        assert_eq!(normalize("k.m.s"), " kms ");
        assert_eq!(normalize("suuuuiciiiide"), " suicide ");
        assert_eq!(normalize("I'm 14yo, don't"), " im 14yo dont ");
        assert_eq!(normalize("kill"), " kill ");
        assert_eq!(normalize("i want 2 die"), " i want to die ");
        // Arabizi 7 (ح) is a letter, not leetspeak for t
        assert_eq!(normalize("bdi ente7er"), " bdi ente7er ");
        // and in a message that reads as Arabizi, so are 3 (ع) and 5 (خ)
        assert_eq!(normalize("khalas ana ta3bet, hay a5er marra"), " khalas ana ta3bet hay a5er marra ");
        assert_eq!(normalize("gonna k!ll mys3lf, a5 a5"), " gonna kill myself as as ");
        assert_eq!(normalize("im 2 tired, u ok?"), " im to tired you ok ");
    }

    #[test]
    fn scripts() {
        assert_eq!(normalize("אֲנִי רוֹצֶה לָמוּת"), " אני רוצה למות ");
        assert_eq!(normalize("ממ\"ד ממ״ד"), " ממד ממד ");
        assert_eq!(normalize("הם"), " המ ");
        assert_eq!(normalize("الانتحـــــار"), " الانتحار ");
        assert_eq!(normalize("أُرِيدُ أَنْ أَمُوتَ"), " اريد ان اموت ");
        assert_eq!(normalize("عمري ١٤"), " عمري 14 ");
        assert_eq!(normalize("убьёт"), " убьет ");
        assert_eq!(normalize("х о ч у  у м е р е т ь"), " хочу умереть ");
        // 3 read as е where only that gives a known word, else as з
        assert_eq!(normalize("х0чу ум3р3ть."), " хочу умереть ");
        assert_eq!(normalize("3автра"), " завтра ");
    }
}

//! Arabizi read in Arabic script.
//!
//! Arabic typed in Latin letters ("ana ta3ban w bdi amoot") has no fixed
//! spelling: every writer picks their own vowels and digit letters, so rules
//! and character n-grams learnt on one writer's Arabizi miss the next one's.
//! The screen therefore also reads an Arabizi message in Arabic script, word
//! by word through a lexicon of spellings (data/arabizi.tsv: a spelling, the
//! Arabic word, the dialect), so the Arabic rules and the classifier's Arabic
//! features apply to it. Words the lexicon does not know are left out of the
//! Arabic reading (the Latin reading keeps them); French and English words
//! are never in it.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Spelling (lowercase Latin letters and digits) → Arabic word(s).
struct Lexicon {
    exact: HashMap<&'static str, &'static str>,
    /// The same keys with letter runs squeezed to one letter ("habibii",
    /// "baddi" → "habibi", "badi"), for spellings the lexicon lacks.
    squeezed: HashMap<String, &'static str>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| parse(include_str!("../../data/arabizi.tsv")));

/// The first entry of a spelling wins: the file lists the commonest reading first.
fn parse(tsv: &'static str) -> Lexicon {
    let mut exact = HashMap::new();
    let mut squeezed = HashMap::new();
    for line in tsv.lines() {
        let mut fields = line.split('\t');
        let (Some(latin), Some(arabic)) = (fields.next(), fields.next()) else {
            continue;
        };
        if latin.is_empty() || arabic.trim().is_empty() {
            continue;
        }
        exact.entry(latin).or_insert(arabic.trim());
        squeezed.entry(squeeze(latin)).or_insert(arabic.trim());
    }
    Lexicon { exact, squeezed }
}

pub(crate) fn warm_up() {
    LazyLock::force(&LEXICON);
}

/// Runs of one letter squeezed to one ("mooot" → "mot").
fn squeeze(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut prev = None;
    for c in w.chars() {
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

fn lookup(lex: &Lexicon, w: &str) -> Option<&'static str> {
    lex.exact.get(w).or_else(|| lex.squeezed.get(&squeeze(w))).copied()
}

/// Whether the lexicon knows a word as Arabizi, letter runs squeezed, for
/// telling an Arabizi message from an English one.
pub(crate) fn knows(w: &str) -> bool {
    lookup(&LEXICON, w).is_some()
}

/// English and French nouns that Arabizi writers switch to for school work
/// and films ("3am na3mel project 3an el inti7ar", "3ndna expose 3la
/// l'intihar f lycee"), read as the Arabic word, so the Arabic reading keeps
/// the frame that makes the message a question about a topic. Not "game":
/// in Arabizi it is mostly where things happen ("wa7ad bel game 3am yotlob
/// meni swar"), not what is talked about. Only for the
/// reading: they never make a message count as Arabizi ([`knows`]).
const LOANWORDS: &[(&str, &str)] = &[
    ("project", "مشروع"),
    ("projet", "مشروع"),
    ("research", "بحث"),
    ("recherche", "بحث"),
    ("expose", "تقرير"),
    ("report", "تقرير"),
    ("rapport", "تقرير"),
    ("presentation", "تقرير"),
    ("homework", "واجب"),
    ("devoir", "واجب"),
    ("devoirs", "واجب"),
    ("assignment", "واجب"),
    ("essay", "مقال"),
    ("article", "مقال"),
    ("statistics", "احصائيات"),
    ("statistiques", "احصائيات"),
    ("stats", "احصائيات"),
    ("film", "فيلم"),
    ("films", "افلام"),
    ("movie", "فيلم"),
    ("movies", "افلام"),
    ("series", "مسلسل"),
    ("serie", "مسلسل"),
    ("episode", "مسلسل"),
    ("documentary", "فيلم"),
    ("documentaire", "فيلم"),
    ("anime", "مسلسل"),
    ("song", "اغنيه"),
    ("chanson", "اغنيه"),
    ("novel", "روايه"),
    ("roman", "روايه"),
    ("book", "كتاب"),
    ("livre", "كتاب"),
];

/// A word, or a word with its conjunction or article attached ("wbdi",
/// "elmot", "lmout"): Arabic writes those prefixes joined to the word, and
/// Arabizi writers join them as often as not.
fn read_word(lex: &Lexicon, w: &str) -> Option<String> {
    if let Some(a) = lookup(lex, w) {
        return Some(a.to_string());
    }
    if let Some((_, a)) = LOANWORDS.iter().find(|(latin, _)| *latin == w) {
        return Some(a.to_string());
    }
    for (prefix, arabic) in [("wel", "وال"), ("wil", "وال"), ("w", "و"), ("u", "و"), ("el", "ال"), ("il", "ال"), ("al", "ال"), ("l", "ال")] {
        if let Some(rest) = w.strip_prefix(prefix).filter(|r| r.chars().count() >= 3) {
            if let Some(a) = lookup(lex, rest) {
                // "ال" + "ال..." never doubles the article
                let a = if arabic.ends_with("ال") { a.strip_prefix("ال").unwrap_or(a) } else { a };
                return Some(format!("{arabic}{a}"));
            }
        }
    }
    None
}

/// The message in Arabic script, word by word, or `None` when the lexicon
/// knows none of its words. Call only for a message that reads as Arabizi.
///
/// A Maghrebi negation written whole ("n9derch") reads with its "ما" ("ما
/// نقدرش"); typed after its own "ma" ("ma n9derch") the "ما" is not doubled.
pub(crate) fn to_arabic(text: &str) -> Option<String> {
    let lex = &*LEXICON;
    let mut words: Vec<String> = Vec::new();
    for w in text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .map(|w| w.replace('\'', "").to_ascii_lowercase())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
    {
        let Some(arabic) = read_word(lex, &w) else { continue };
        match arabic.strip_prefix("ما ") {
            Some(rest) if words.last().is_some_and(|p| p == "ما") => words.push(rest.to_string()),
            _ => words.push(arabic),
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_spellings_prefixes_and_letter_runs() {
        let lex = parse("bdi\tبدي\tlev\nbdi\tبدّي\tlev\nmot\tموت\tcommon\namoot\tاموت\tlev\n");
        assert_eq!(lex.exact.get("bdi"), Some(&"بدي"), "the first reading wins");
        assert_eq!(read_word(&lex, "bdiii").as_deref(), Some("بدي"));
        assert_eq!(read_word(&lex, "wbdi").as_deref(), Some("وبدي"));
        assert_eq!(read_word(&lex, "elmot").as_deref(), Some("الموت"));
        assert_eq!(read_word(&lex, "hello"), None);
    }

    #[test]
    fn the_packaged_lexicon_reads_common_arabizi() {
        let ar = to_arabic("ana ta3ban w bdi amoot").expect("known words");
        assert!(ar.contains("بدي") && ar.contains("اموت"), "{ar}");
        assert_eq!(to_arabic("the weather is nice"), None);
        // "saree3" is fast (سريع); squeezed to "sare3" it used to read as epilepsy (صرع)
        let fast = to_arabic("tamreen tanaffos saree3").expect("known words");
        assert!(fast.contains("سريع") && !fast.contains("صرع"), "{fast}");
    }

    #[test]
    fn a_negation_typed_after_its_own_ma_is_not_doubled() {
        let alone = to_arabic("n9derch nwajah baba").expect("known words");
        let after_ma = to_arabic("ma n9derch nwajah baba").expect("known words");
        assert!(alone.starts_with("ما نقدرش"), "{alone}");
        assert!(after_ma.starts_with("ما نقدرش") && !after_ma.contains("ما ما"), "{after_ma}");
    }

    #[test]
    fn an_age_in_arabizi_makes_the_writer_a_minor() {
        for young in ["3omri 15 w baba bido2ni", "abooya byedrabny kol yom w ana 3andy 14 sana", "ana 14 3am w khayfa"] {
            assert!(crate::screen(young).minor, "{young}");
        }
        let adults = ["ana 3andi 38 sana w ta3ban", "3omri 40 w ta3bet mn kol shi", "mn 3 snin jarrabt", "kont 7awelt ante7er w ana 17 sana. dlw2ty ba2eit a7sen"];
        for adult in adults {
            assert!(!crate::screen(adult).minor, "{adult}");
        }
    }
}

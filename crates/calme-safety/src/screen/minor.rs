//! The `minor` flag: whether the writer reads as a child or a teenager.
//!
//! Patterns over normalised text, per language; an age found in a pattern
//! counts only from 5 to 17, and never when a unit follows ("14 days").

use super::rules::{compile_pattern, prefixes_for};
use regex::Regex;
use std::sync::LazyLock;

/// Age 5-17 stated in the first person, or a school grade.
const EN: &[&str] = &[
    r"\b(im|i am|iam|i m) (only |just )?(\d{1,2}) ?(yo|y o|years old|yrs old|year old|years|yrs)?\b",
    r"\bin (\d{1,2})(st|nd|rd|th)? grade\b|\b(\d{1,2})(st|nd|rd|th) grade\b|\b(\d{1,2})(st|nd|rd|th) grader\b|\bmiddle school\b|\belementary school\b|\bwhen im (bad|naughty)\b",
];
const HE: &[&str] = &[
    r"\bאני (בנ|בת) (\d{1,2})\b",
    r"^ (בנ|בת) (\d{1,2})\b",
    r"\bבכית(ה|ת) [אבגדהוזחטי]\b|\bבכית(ה|ת) (יא|יב)\b|\bבהפסקה\b|\bבכיתה\b",
];
const AR: &[&str] = &[
    r"\b(انا )?عمري (\d{1,2})\b",
    r"\b(بالصف|في الصف|صف) (ال)?(اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع)\b",
];
const RU: &[&str] = &[
    r"\bмне (\d{1,2})( лет| год| года)?\b",
    r"\bв (\d{1,2})( м| ом)? класс\w*\b|\b(\d{1,2}) класс\w*\b|\bпосле уроков\b|\bна перемене\b",
];
/// Units after a number that make it something other than an age.
const NOT_AFTER_EN: &str =
    r"^\s*(weeks|months|days|minutes|hours|floors|km|miles|percent|min|pm|am)\b";
const NOT_AFTER_RU: &str = r"^\s*(минут|часов|час|км|рублей|дней|недел|шекел)\w*\b";

struct Patterns {
    minor: Vec<Regex>,
    not_after: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let tagged = EN
        .iter()
        .map(|p| ("en:", p))
        .chain(HE.iter().map(|p| ("he:", p)))
        .chain(AR.iter().map(|p| ("ar:", p)))
        .chain(RU.iter().map(|p| ("ru:", p)));
    Patterns {
        minor: tagged
            .map(|(l, p)| compile_pattern(p, prefixes_for(l)))
            .collect(),
        not_after: compile_pattern(&format!("(?:{NOT_AFTER_EN})|(?:{NOT_AFTER_RU})"), ""),
    }
});

pub(crate) fn warm_up() {
    LazyLock::force(&PATTERNS);
}

/// True when the normalised message reads as written by a child or teenager.
pub(crate) fn detect(norm: &str) -> bool {
    let p = &*PATTERNS;
    p.minor.iter().any(|re| {
        re.captures_iter(norm).any(|caps| {
            let whole = caps.get(0).map_or(0..0, |m| m.range());
            if p.not_after.is_match(&norm[whole.end..]) {
                return false;
            }
            let age = caps
                .iter()
                .skip(1)
                .flatten()
                .find_map(|m| m.as_str().trim().parse::<u32>().ok());
            match age {
                Some(a) => (5..=17).contains(&a),
                None => true,
            }
        })
    })
}

//! The immediate escalation reply for imminent risk, medical emergency and
//! abuse or violence, and the /resources reply.
//!
//! Rules: answer in the user's language; one commitment line; the right
//! numbers for the country (emergency number first for medical emergencies);
//! encourage contacting a real person now; never promise secrecy; never
//! claim anyone was alerted. The public variant never echoes the user's words.

use crate::resources::{Resource, Resources};
use crate::texts::texts;
use crate::{Label, Lang};

/// An escalation reply.
#[derive(Clone, Debug)]
pub struct Escalation {
    /// Full reply for a private chat.
    pub text: String,
    /// Short reply for a public channel: commitment line and resources only.
    pub public_text: String,
    /// True when the country was unknown and the reply asks for it.
    pub asked_country: bool,
}

/// Categories shown for each label, most important first.
fn categories(label: Label, minor: bool) -> Vec<&'static str> {
    let mut v = match label {
        Label::ImminentRisk => vec!["crisis_line", "text_line", "crisis_chat"],
        Label::MedicalEmergency => vec!["emergency_medical", "emergency_all"],
        Label::AbuseOrViolence => vec![
            "emergency_police",
            "emergency_all",
            "violence_line",
            "child_protection",
            "crisis_line",
        ],
        Label::AcuteStress | Label::None => vec![
            "crisis_line",
            "trauma_line",
            "crisis_chat",
            "text_line",
            "civil_defense_info",
        ],
    };
    if minor {
        v.insert(
            if label == Label::MedicalEmergency {
                2
            } else {
                0
            },
            "child_line",
        );
        if label != Label::AbuseOrViolence {
            v.push("child_protection");
        }
    }
    v
}

fn pick<'a>(list: &[&'a Resource], cats: &[&str], max: usize) -> Vec<&'a Resource> {
    let mut out: Vec<&Resource> = Vec::new();
    for c in cats {
        for r in list.iter().filter(|r| r.category == *c) {
            if out.len() < max && !out.iter().any(|o| std::ptr::eq(*o, *r)) {
                out.push(r);
            }
        }
    }
    out
}

/// (language tag, pattern over normalised text): someone close to the writer,
/// then what they say or do (a third-person pronoun or reflexive).
const SOMEONE_ELSE: &[(&str, &str)] = &[
    ("en", r"\b(my|our) (friend|mate|bestie|bf|gf|boyfriend|girlfriend|husband|wife|partner|son|daughter|kid|child|brother|sister|mum|mom|dad|father|mother|uncle|aunt|cousin|grandma|grandpa|gran|roommate|flatmate|classmate|colleague|coworker|neighbour|neighbor|student|teen)\b.{0,100}\b(he|she|they|hes|shes|theyre|him|her|them|himself|herself|themselves)\b"),
    ("he", r"\b(חבר|חברה|אחי|אחותי|אבא|אמא|בני|בתי|בעלי|אשתי|הבנ|הבת|דוד|דודה|סבא|סבתא|השכנ|השכנה|השותפ|השותפה)( שלי)?\b.{0,100}\b[וש]{0,2}(הוא|היא|עצמו|עצמה|לו|לה|אותו|אותה|שלו|שלה)\b"),
    ("ar", r"\b(صاحبي|صاحبتي|صديقي|صديقتي|اخوي|اخي|اختي|ابوي|ابي|امي|ابني|بنتي|جوزي|زوجي|زوجتي|مرتي|عمي|خالي|عمتي|خالتي|جدي|جدتي|جاري|جارتي)\b.{0,100}\b(هو|هي|حاله|حالها|حالو|نفسه|نفسها|انه|انها)\b"),
    ("ru", r"\b(мой|моя|мою|моего|моей|мои|наш|наша)( \w+)? (друг|подруга|подругу|брат|брата|сестра|сестру|муж|мужа|жена|жену|сын|сына|дочь|отец|мать|мама|маму|папа|дядя|тетя|бабушка|дедушка|сосед|соседка|парень|девушка)\b.{0,100}\b(он|она|себя|собой|его|ее|ей|ему)\b"),
];

static SOMEONE_ELSE_RE: std::sync::LazyLock<Vec<regex::Regex>> =
    std::sync::LazyLock::new(|| crate::screen::compile_each(SOMEONE_ELSE));

/// The message tells of someone close to the writer, in the third person
/// ("my friend says she'll jump tonight", "ابني بلع حبوب"): the crisis reply
/// then also says what the writer can do for them.
pub fn about_someone_else(text: &str) -> bool {
    crate::screen::any_match(&SOMEONE_ELSE_RE, &crate::screen::normalize::normalize(text))
}

fn number(r: Option<&Resource>) -> Option<&str> {
    r.and_then(|r| r.phone.as_deref())
}

/// Builds the escalation reply. `country` is an ISO code (or None when unknown).
pub fn escalation_reply(
    label: Label,
    lang: Lang,
    country: Option<&str>,
    minor: bool,
    res: &Resources,
) -> Escalation {
    escalation_reply_about(label, lang, country, minor, false, res)
}

/// [`escalation_reply`] for a message that may tell of someone else's risk
/// ([`about_someone_else`]): the reply adds what the writer can do for them.
/// The lines for the writer stay: a worried friend may be at risk too.
pub fn escalation_reply_about(
    label: Label,
    lang: Lang,
    country: Option<&str>,
    minor: bool,
    someone_else: bool,
    res: &Resources,
) -> Escalation {
    let t = texts(lang);
    let cc = res.listed_country(country);
    let list: Vec<&Resource> = cc
        .as_deref()
        .map(|c| res.for_country(c))
        .unwrap_or_default();
    let emergency_kind = match label {
        Label::AbuseOrViolence => "emergency_police",
        _ => "emergency_medical",
    };
    let emergency = cc
        .as_deref()
        .and_then(|c| number(res.emergency(c, emergency_kind)));
    let mut lines: Vec<String> = vec![t.commitment.to_string()];
    let mut public: Vec<String> = vec![t.commitment.to_string()];
    let shown = pick(&list, &categories(label, minor), 5);
    match label {
        Label::MedicalEmergency => {
            if let Some(n) = emergency {
                lines.push(t.medical_now.replace("{n}", n));
                lines.push(t.medical_step.to_string());
            }
        }
        Label::AbuseOrViolence => {
            lines.push(t.abuse_now.to_string());
            if let Some(n) = emergency {
                lines.push(t.abuse_emergency.replace("{n}", n));
            }
            lines.push(t.abuse_not_your_fault.to_string());
        }
        _ => {
            lines.push(t.risk_now.to_string());
            if someone_else {
                lines.push(t.risk_other.to_string());
            }
        }
    }
    if minor {
        lines.push(t.minor.to_string());
    }
    if !shown.is_empty() {
        lines.push(t.lines_heading.to_string());
        for r in &shown {
            lines.push(r.line(lang));
        }
    }
    if label == Label::ImminentRisk {
        if let Some(n) = emergency {
            lines.push(t.risk_emergency.replace("{n}", n));
        }
        lines.push(t.risk_step.to_string());
    }
    let asked_country = cc.is_none();
    if asked_country {
        lines.push(t.unknown_country.to_string());
        for r in res.international() {
            lines.push(r.line(lang));
        }
        lines.push(t.ask_country.to_string());
    }
    lines.push(t.real_person.to_string());
    lines.push(t.stay.to_string());

    // Public: commitment + the emergency number (if any) + up to three lines.
    if let Some(n) = emergency {
        let line = match label {
            Label::MedicalEmergency => t.medical_now.replace("{n}", n),
            Label::AbuseOrViolence => t.abuse_emergency.replace("{n}", n),
            _ => t.risk_emergency.replace("{n}", n),
        };
        public.push(line);
    }
    for r in shown.iter().filter(|r| !r.is_emergency()).take(3) {
        public.push(r.line(lang));
    }
    if asked_country {
        public.push(t.unknown_country.to_string());
        for r in res.international() {
            public.push(r.line(lang));
        }
    }
    Escalation {
        text: lines.join("\n"),
        public_text: public.join("\n"),
        asked_country,
    }
}

/// What /resources shows: every shown line for the country, or the
/// international fallback and the country question.
pub fn resources_reply(lang: Lang, country: Option<&str>, res: &Resources) -> String {
    let t = texts(lang);
    let cc = res.listed_country(country);
    let mut lines = Vec::new();
    match cc.as_deref() {
        Some(c) => {
            lines.push(format!("{} ({c}):", t.resources_heading));
            let mut list = res.for_country(c);
            // emergency numbers first, then the rest in file order
            list.sort_by_key(|r| !r.is_emergency());
            lines.extend(list.iter().map(|r| r.line(lang)));
            lines.extend(res.international().iter().map(|r| r.line(lang)));
            lines.push(t.resources_footer.to_string());
        }
        None => {
            lines.push(t.unknown_country.to_string());
            lines.extend(res.international().iter().map(|r| r.line(lang)));
            lines.push(t.ask_country.to_string());
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_told_about_someone_else_adds_what_the_writer_can_do_for_them() {
        let res = Resources::builtin();
        for (text, lang) in [
            ("my friend says she's going to jump tonight", Lang::En),
            ("my son took all of his pills, he won't wake up", Lang::En),
            ("חבר שלי אמר שהוא רוצה לשים סוף לחיים שלו", Lang::He),
            ("صاحبي بيقول انه بدو ينتحر الليلة", Lang::Ar),
            ("моя подруга говорит, что она больше не хочет жить", Lang::Ru),
        ] {
            assert!(about_someone_else(text), "{text}");
            let esc = escalation_reply_about(Label::ImminentRisk, lang, None, false, true, &res);
            let other = texts(lang).risk_other;
            assert!(esc.text.contains(other), "{}", esc.text);
            crate::assert_fit_to_send(other, lang);
        }
        for text in ["i want to kill myself tonight", "my dad hits me every night", "i took all my pills"] {
            assert!(!about_someone_else(text), "{text}");
        }
        let own = escalation_reply(Label::ImminentRisk, Lang::En, None, false, &res);
        assert!(!own.text.contains(texts(Lang::En).risk_other));
    }

    const SECRECY: &[&str] = &[
        "secret",
        "confidential",
        "won't tell",
        "סוד",
        "سر",
        "секрет",
        "никому не скажу",
    ];
    const ALERTED: &[&str] = &[
        "alerted",
        "notified",
        "i have called",
        "i called",
        "are on their way",
        "הזעקתי",
        "أبلغت",
        "я вызвал",
    ];

    fn all_replies() -> Vec<(Label, Lang, Option<&'static str>, bool, Escalation)> {
        let res = Resources::builtin();
        let mut v = Vec::new();
        for label in [
            Label::ImminentRisk,
            Label::MedicalEmergency,
            Label::AbuseOrViolence,
        ] {
            for lang in Lang::ALL {
                for country in [
                    Some("IL"),
                    Some("US"),
                    Some("GB"),
                    Some("ES"),
                    None,
                    Some("ZZ"),
                ] {
                    for minor in [false, true] {
                        v.push((
                            label,
                            lang,
                            country,
                            minor,
                            escalation_reply(label, lang, country, minor, &res),
                        ));
                    }
                }
            }
        }
        v
    }

    #[test]
    fn never_promises_secrecy_or_claims_an_alert_and_fits_discord() {
        for (label, lang, country, minor, e) in all_replies() {
            let lower = e.text.to_lowercase();
            for w in SECRECY.iter().chain(ALERTED) {
                assert!(
                    !lower.contains(w),
                    "{label:?} {lang:?} {country:?} contains {w:?}"
                );
            }
            assert!(
                e.text.chars().count() < 2000,
                "{label:?} {lang:?} {country:?} {minor} too long"
            );
            assert!(e.public_text.chars().count() < 1000);
            assert!(e.text.starts_with(texts(lang).commitment));
            assert!(e.public_text.starts_with(texts(lang).commitment));
            assert!(e.text.contains(texts(lang).real_person));
        }
    }

    #[test]
    fn medical_puts_the_emergency_number_first() {
        let res = Resources::builtin();
        let e = escalation_reply(Label::MedicalEmergency, Lang::He, Some("IL"), false, &res);
        let first_number = e.text.find("101").unwrap_or(usize::MAX);
        assert!(first_number < e.text.find("1201").unwrap_or(usize::MAX));
        assert!(
            e.text.lines().nth(1).is_some_and(|l| l.contains("101")),
            "{}",
            e.text
        );
        let us = escalation_reply(Label::MedicalEmergency, Lang::En, Some("us"), false, &res);
        assert!(us.text.lines().nth(1).is_some_and(|l| l.contains("911")));
        let es = escalation_reply(Label::MedicalEmergency, Lang::Ru, Some("ES"), false, &res);
        assert!(es.text.lines().nth(1).is_some_and(|l| l.contains("112")));
    }

    #[test]
    fn risk_lists_crisis_lines_and_the_emergency_number() {
        let res = Resources::builtin();
        let e = escalation_reply(Label::ImminentRisk, Lang::En, Some("US"), false, &res);
        assert!(e.text.contains("988") && e.text.contains("911") && !e.asked_country);
        let il = escalation_reply(Label::ImminentRisk, Lang::Ar, Some("IL"), false, &res);
        assert!(il.text.contains("1201") && il.text.contains("101"));
        assert!(il.public_text.contains("1201"));
    }

    #[test]
    fn unknown_country_gets_the_fallback_and_the_question() {
        let res = Resources::builtin();
        for lang in Lang::ALL {
            let e = escalation_reply(Label::ImminentRisk, lang, None, false, &res);
            assert!(e.asked_country);
            assert!(e.text.contains("findahelpline.com"));
            assert!(e.text.contains(texts(lang).ask_country));
            assert!(!e.text.contains("iasp.info"), "low-confidence entry shown");
        }
    }

    #[test]
    fn minors_get_child_lines() {
        let res = Resources::builtin();
        let e = escalation_reply(Label::AbuseOrViolence, Lang::En, Some("GB"), true, &res);
        assert!(e.text.contains("0800 1111") && e.text.contains("999"));
        let il = escalation_reply(Label::AbuseOrViolence, Lang::He, Some("IL"), true, &res);
        assert!(il.text.contains("105") || il.text.contains("*6935"));
        assert!(il.text.contains("100"));
    }

    #[test]
    fn resources_reply_lists_country_or_asks() {
        let res = Resources::builtin();
        let il = resources_reply(Lang::He, Some("IL"), &res);
        assert!(
            il.contains("1201")
                && il.contains("101")
                && il.contains("104")
                && il.contains("findahelpline.com")
        );
        let none = resources_reply(Lang::Ru, None, &res);
        assert!(none.contains(texts(Lang::Ru).ask_country));
        let unknown = resources_reply(Lang::En, Some("ZZ"), &res);
        assert!(unknown.contains(texts(Lang::En).ask_country));
    }
}

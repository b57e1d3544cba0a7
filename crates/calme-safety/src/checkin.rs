//! The check-in: when a message shows a risk signal the screen does not
//! escalate on ([`crate::Screening::concern`]), the reply ends with one
//! factual question (Ma'aseh: concrete, never "how do you feel?"): is anyone
//! in danger right now? A "yes" to it is a crisis: the crisis lines at once.
//!
//! The screen misses crisis messages written in words no rule or training
//! message had (on files by new authors, 10-20% of them), and it cannot
//! escalate everything that leans that way without false alarms on everyday
//! messages. The question costs an everyday message one line; a missed crisis
//! gets a way to say so in one word.

use crate::screen::{any_match, compile_each, compile_tagged};
use crate::screen::normalize::normalize;
use crate::Lang;
use regex::Regex;
use std::sync::LazyLock;

/// The question, in the person's language. Every language asks it the same
/// way round ("is anyone in danger?"), so "yes" always means danger.
pub fn check_in(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "One question, so I know how to help: is anyone in danger right now, you or someone near you? If yes, /resources shows the crisis lines for your country.",
        Lang::He => "שאלה אחת, כדי לדעת איך לעזור: יש סכנה עכשיו, לך או למישהו לידך? אם כן, ‎/resources מציג את קווי הסיוע למדינה שלך.",
        Lang::Ar => "سؤال واحد حتى أعرف كيف أساعد: هل هناك خطر الآن، عليك أو على أحد قريب منك؟ إذا نعم، ‎/resources يعرض خطوط المساعدة في بلدك.",
        Lang::Ru => "Один вопрос, чтобы понять, как помочь: есть ли сейчас опасность — для вас или для кого-то рядом? Если да, /resources покажет линии помощи в вашей стране.",
    }
}

/// (answer, language tag, pattern over the whole normalised message). A
/// doubtful answer ("maybe", "not sure") counts as yes.
const ANSWERS: &[(bool, &str, &str)] = &[
    (true, "en", r"^\s*(yes|yeah|yea|yep|ya|yup|y|maybe|kind of|kinda|sort of|i think so|not sure|idk|i dont know|me|i am|it is|there is|probably|possibly)( i am| me| there is| it is| i think| right now| now| sadly| honestly)?\s*$"),
    (false, "en", r"^\s*(no|nope|nah|n)( (not really|no one|nobody|(im|i am|we are|were|everyone is|all) (ok|okay|fine|safe|good)))?( thanks| thank you)?\s*$|^\s*((im|i am|we are|were|everyone is|all) (ok|okay|fine|safe|good)|no one|nobody|no danger|not really)( thanks| thank you)?\s*$"),
    (true, "he", r"^\s*(כנ|כנ יש|יש|אולי|כנראה|לא יודע|לא יודעת|קצת|אני|כנ אני)( עכשיו)?\s*$"),
    (false, "he", r"^\s*(לא|אינ|אינ סכנה|לא יש|הכל בסדר|אני בסדר|אנחנו בסדר|לא הכל בסדר|לא אנחנו בסדר|לא אני בסדר)( תודה)?\s*$"),
    (true, "ar", r"^\s*(نعم|اه|آه|ايوه|ايوا|ايه|اي|اكيد|يمكن|ممكن|مش عارف|مش عارفه|ما بعرف|شوي|انا|نعم انا|اه انا|في)( هلق| الحين| الان| دلوقتي)?\s*$"),
    (false, "ar", r"^\s*(لا|لأ|لاء|لا ما في|ما في|مافي|لا الحمدلله|الحمدلله|انا منيح|انا منيحه|احنا مناح|كلنا بخير|انا بخير|لا انا بخير|لا احنا مناح)( شكرا)?\s*$"),
    (true, "ru", r"^\s*(да|ага|есть|возможно|наверное|может быть|не знаю|немного|я|да я)( сейчас)?\s*$"),
    (false, "ru", r"^\s*(нет|неа|нет опасности|все в порядке|всё в порядке|я в порядке|мы в порядке|нет все хорошо|нет всё хорошо|нет мы в порядке|нет я в порядке)( спасибо)?\s*$"),
];

/// A short message that opens with yes ("yes he is", "כן, אחי", "اه هو") is a
/// yes, unless it also says all is well.
const YES_FIRST: &[(&str, &str)] = &[
    ("en", r"^\s*(yes|yeah|yea|yep|yup|ya|maybe|probably)( \S+){1,7}\s*$"),
    ("he", r"^\s*(כנ|אולי|כנראה)( \S+){1,7}\s*$"),
    ("ar", r"^\s*(نعم|اه|ايوه|ايوا|ايه|اي|يمكن|ممكن)( \S+){1,7}\s*$"),
    ("ru", r"^\s*(да|ага|возможно|наверное)( \S+){1,7}\s*$"),
];
const ALL_WELL: &[(&str, &str)] = &[
    ("en", r"\b(fine|ok|okay|safe|good|alright|all right)\b"),
    ("he", r"\b(בסדר|בטוח|בטוחה|בטוחימ)\b"),
    ("ar", r"\b(بخير|منيح|منيحه|كويس|كويسه|امان|بامان|مناح|تمام)\b"),
    ("ru", r"\b(порядке|нормально|хорошо|безопасности)\b"),
];

static COMPILED: LazyLock<Vec<(bool, Regex)>> = LazyLock::new(|| compile_tagged(ANSWERS));
static YES_FIRST_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile_each(YES_FIRST));
static ALL_WELL_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile_each(ALL_WELL));

/// The answer to [`check_in`] in `text`: `Some(true)` when someone is (or may
/// be) in danger, `Some(false)` when no one is, `None` when the message is
/// something else.
pub fn danger_answer(text: &str) -> Option<bool> {
    let norm = normalize(text);
    if let Some((a, _)) = COMPILED.iter().find(|(_, re)| re.is_match(&norm)) {
        return Some(*a);
    }
    (any_match(&YES_FIRST_RE, &norm) && !any_match(&ALL_WELL_RE, &norm)).then_some(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_in_is_a_factual_question_in_each_language_that_passes_the_guard() {
        for lang in Lang::ALL {
            let q = check_in(lang);
            crate::assert_fit_to_send(q, lang);
            assert!(q.contains("/resources"), "{q}");
        }
    }

    #[test]
    fn yes_means_danger_no_means_none_and_anything_else_is_not_an_answer() {
        for text in [
            "yes", "Yeah.", "maybe", "idk", "yes me", "yes he is", "yeah my brother", "כן", "אולי", "כן, אחי", "نعم", "اه", "ايوه", "اه هو", "да", "Да.",
            "не знаю", "да, сестра",
        ] {
            assert_eq!(danger_answer(text), Some(true), "{text}");
        }
        for text in ["no", "Nope", "no, we're ok", "I'm fine", "לא", "הכל בסדר", "לא, הכל בסדר", "لا", "لا الحمدلله", "нет", "Всё в порядке"] {
            assert_eq!(danger_answer(text), Some(false), "{text}");
        }
        for text in ["yes we're safe now", "כן אנחנו בסדר", "اه كلنا بخير", "да, все в порядке"] {
            assert_ne!(danger_answer(text), Some(true), "{text}");
        }
        for text in ["what should I do now", "i want pizza tomorrow", "my mum is at work", "אני בבית", "انا بالبيت", "я дома"] {
            assert_eq!(danger_answer(text), None, "{text}");
        }
    }
}

//! Questions about CALMe itself that get a fixed, honest answer in the
//! person's language, whoever would otherwise answer: "are you a real
//! person?" (never pass as human) and "can you keep a secret?" (never promise
//! secrecy). Quick Mode's tasks would walk past them; a small model may answer
//! them wrongly.

use crate::screen::normalize::normalize;
use crate::screen::compile_tagged;
use crate::Lang;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    /// Is this a person, a bot, a therapist?
    Identity,
    /// Will it stay secret, will you tell anyone?
    Secrecy,
}

/// (question, language tag, pattern over normalised text)
const PATTERNS: &[(Question, &str, &str)] = &[
    (
        Question::Identity,
        "en",
        r"\b(are|r) (you|u) (a |an )?(real|actual|human|person|bot|robot|ai|machine|computer|program|chatbot|therapist|psychologist|doctor|alive)\b|\bam i (talking|speaking|chatting|writing) (to|with) (a |an )?(real|human|person|bot|robot|ai|machine|computer|program)\b|\bis this (a |an )?(bot|robot|ai|real person|human|person)\b",
    ),
    (
        Question::Identity,
        "he",
        r"\b(אתה|את|אתמ) (בנ אדמ|בנאדמ|אמיתי|אמיתית|בוט|רובוט|מחשב|בינה מלאכותית|אדמ אמיתי|פסיכולוג|פסיכולוגית|מטפל|מטפלת)\b|\b(אני )?(מדבר|מדברת|כותב|כותבת) עמ (בוט|רובוט|מחשב|בנ אדמ|אדמ אמיתי)\b",
    ),
    (
        Question::Identity,
        "ar",
        r"\b(انت|انتي|هل انت|انتا) (انسان|بشر|شخص حقيقي|روبوت|بوت|ذكاء اصطناعي|حقيقي|اله|برنامج|طبيب|معالج)\b|\b(بحكي|اتكلم|اتحدث) مع (روبوت|بوت|انسان|بشر|اله|برنامج)\b",
    ),
    (
        Question::Identity,
        "ru",
        r"\b(ты|вы) (живой|живая|настоящий|настоящая|человек|бот|робот|ии|нейросеть|программа|машина|психолог|психотерапевт)\b|\b(я )?(говорю|разговариваю|общаюсь|пишу) (с|со) (ботом|роботом|человеком|живым человеком|ии|нейросетью|программой)\b",
    ),
    (
        Question::Secrecy,
        "en",
        r"\b(can|will|would|could) (you|u) keep (a|this|it|that|my) (secret|private|between us)\b|\b(promise|swear) (you|u) (wont|will not|won t|will never) tell\b|\b(will|would|do|are) (you|u) (going to )?tell (anyone|anybody|someone|the police|my (parents|mom|mum|dad|teacher|school))\b|\bis this (private|confidential|anonymous|secret)\b|\bwho (can|will) (see|read) (this|my messages|what i write)\b",
    ),
    (
        Question::Secrecy,
        "he",
        r"\b(תשמור|תשמרי|אפשר לשמור|תבטיח|תבטיחי|אתה שומר|את שומרת)( \w+){0,2} (סוד|בסוד|שלא תספר|שלא תספרי|לא לספר)\b|\b(תספר|תספרי|אתה מספר|את מספרת|תגיד|תגידי) (למישהו|להורימ|לאמא|לאבא|למורה|למשטרה)\b|\bזה (חסוי|סודי|אנונימי)\b",
    ),
    (
        Question::Secrecy,
        "ar",
        r"\b(بتحفظ|تحفظ|رح تحفظ|ممكن تحفظ|بتكتم|تكتم|ممكن تكتم)( \w+){0,2} (سر|السر|سري|سرك)\b|\b(رح|هل|بدك) (تخبر|تقول|تحكي|تبلغ) (حدا|احد|لاهلي|لابوي|لامي|الشرطه|الاستاذ)\b|\b(هاد|هذا|هذه|هاي) (سري|خاص|مجهول)\b",
    ),
    (
        Question::Secrecy,
        "ru",
        r"\b(сохранишь|сохраните|умеешь хранить|можешь сохранить|можете сохранить|сохрани|сохраните) (тайну|секрет|это в тайне|в тайне|в секрете)\b|\b(ты|вы) (расскажешь|расскажете|скажешь|скажете|сообщишь|сообщите) (кому|кому то|кому нибудь|родителям|маме|папе|учителю|в полицию)\b|\bэто (конфиденциально|анонимно|секретно)\b",
    ),
];

static COMPILED: LazyLock<Vec<(Question, Regex)>> = LazyLock::new(|| compile_tagged(PATTERNS));

/// A question about CALMe itself in `text`, if there is one.
pub fn direct_question(text: &str) -> Option<Question> {
    let norm = normalize(text);
    COMPILED.iter().find(|(_, re)| re.is_match(&norm)).map(|(q, _)| *q)
}

/// The fixed answer to `q` in `lang`.
pub fn direct_answer(q: Question, lang: Lang) -> &'static str {
    match (q, lang) {
        (Question::Identity, Lang::En) => "I'm CALMe, a computer program (an AI), not a person and not a therapist. I'm here to keep you company through a hard moment. If you are in danger, the people on a crisis line or at the emergency number can help in ways I can't.",
        (Question::Identity, Lang::He) => "אני CALMe, תוכנת מחשב (בינה מלאכותית), לא בן אדם ולא מטפל. אני כאן כדי להיות איתך ברגע קשה. אם יש סכנה, אנשים בקו סיוע או במספר החירום יכולים לעזור בדרכים שאני לא יכול.",
        (Question::Identity, Lang::Ar) => "أنا CALMe، برنامج حاسوب (ذكاء اصطناعي)، لست إنسانًا ولست معالجًا. أنا هنا لأكون معك في لحظة صعبة. إذا كان هناك خطر، فالأشخاص في خط المساعدة أو على رقم الطوارئ يستطيعون المساعدة بطرق لا أستطيعها.",
        (Question::Identity, Lang::Ru) => "Я CALMe — компьютерная программа (ИИ), не человек и не психотерапевт. Я здесь, чтобы быть рядом в трудную минуту. Если есть опасность, люди на линии помощи или в экстренной службе помогут так, как я не могу.",
        (Question::Secrecy, Lang::En) => "I can't promise to keep secrets. What you write is stored so I can follow our conversation, and /privacy says who can see it. If you or someone else is in danger, please tell a person who can help. I'm staying here with you.",
        (Question::Secrecy, Lang::He) => "אני לא יכול להבטיח לשמור סוד. מה שנכתב כאן נשמר כדי שאוכל להמשיך את השיחה, ו-/privacy מסביר מי יכול לראות אותו. אם יש סכנה, חשוב לספר לאדם שיכול לעזור. אני נשאר כאן איתך.",
        (Question::Secrecy, Lang::Ar) => "لا أستطيع أن أعد بحفظ الأسرار. ما تكتبه هنا يُحفظ لأتمكن من متابعة المحادثة، و /privacy يوضح من يمكنه رؤيته. إذا كان هناك خطر، من المهم أن تخبر شخصًا يستطيع المساعدة. أنا باقٍ هنا معك.",
        (Question::Secrecy, Lang::Ru) => "Я не могу обещать хранить секреты. То, что вы пишете, сохраняется, чтобы я мог продолжать разговор, а /privacy объясняет, кто может это видеть. Если есть опасность, важно рассказать человеку, который может помочь. Я остаюсь здесь, с вами.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_about_calme_are_recognised_in_each_language() {
        for (text, q) in [
            ("are you a real person?", Question::Identity),
            ("are u a bot lol", Question::Identity),
            ("am i talking to a human", Question::Identity),
            ("אתה בן אדם?", Question::Identity),
            ("אני מדברת עם בוט?", Question::Identity),
            ("انت انسان ولا روبوت؟", Question::Identity),
            ("ты живой человек?", Question::Identity),
            ("я говорю с ботом?", Question::Identity),
            ("can you keep a secret?", Question::Secrecy),
            ("will you tell my parents?", Question::Secrecy),
            ("תשמור את זה בסוד?", Question::Secrecy),
            ("رح تحفظ السر؟", Question::Secrecy),
            ("ممكن تحفظ هاد السر", Question::Secrecy),
            ("ты расскажешь родителям?", Question::Secrecy),
            ("сохранишь тайну?", Question::Secrecy),
        ] {
            assert_eq!(direct_question(text), Some(q), "{text}");
        }
        for text in ["are you there?", "i'm a real mess", "my friend is a robot nerd", "keep going", "he told my parents"] {
            assert_eq!(direct_question(text), None, "{text}");
        }
    }

    #[test]
    fn the_answers_are_honest_and_pass_the_guard() {
        for lang in Lang::ALL {
            for q in [Question::Identity, Question::Secrecy] {
                let a = direct_answer(q, lang);
                crate::assert_fit_to_send(a, lang);
            }
        }
    }
}

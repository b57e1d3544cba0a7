//! The output guard: checks model text before it reaches a user.
//!
//! Forbidden in all four languages: suicide/self-harm method, lethality or
//! overdose information (fiction framing included), medication dosages, weapon
//! instructions, claiming to be human or a therapist, promising secrecy, and
//! "how do you feel?"-type questions (Ma'aseh asks thinking questions, not
//! emotion questions). Plus the platform length limit and empty text.
//! [`guard_reply`] also checks a reply against the conversation it answers
//! (the model writes English only): no invented loss or injury, no editing of
//! the person's text, no reassurance CALMe cannot give.
//! A failing reply is replaced by a Quick Mode reply by the caller.

use crate::screen::normalize::normalize;
use crate::screen::{compile_tagged, rules_compile};
use regex::Regex;
use std::sync::LazyLock;

/// Why a model reply may not be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    SelfHarmMethod,
    MedicationDosage,
    WeaponInstructions,
    ClaimsHuman,
    ClaimsTherapist,
    PromisesSecrecy,
    FeelingsQuestion,
    TooLong,
    Empty,
    /// Invents a loss, a death or an injury the person never wrote about.
    InventedEvent,
    /// Treats the message as text to edit, repeats the instructions or a word
    /// over and over, or does nothing a Ma'aseh reply does (be present, give
    /// a small task, ask a concrete question).
    OffTask,
    /// Reassures with what CALMe cannot know ("you're safe"), says it will
    /// act ("I'll take care of them"), sends the person out ("go home"), or
    /// waves the distress away ("don't worry", "don't cry", "calm down").
    FalseReassurance,
}

impl Violation {
    pub fn as_str(&self) -> &'static str {
        match self {
            Violation::SelfHarmMethod => "self_harm_method",
            Violation::MedicationDosage => "medication_dosage",
            Violation::WeaponInstructions => "weapon_instructions",
            Violation::ClaimsHuman => "claims_human",
            Violation::ClaimsTherapist => "claims_therapist",
            Violation::PromisesSecrecy => "promises_secrecy",
            Violation::FeelingsQuestion => "feelings_question",
            Violation::TooLong => "too_long",
            Violation::Empty => "empty",
            Violation::InventedEvent => "invented_event",
            Violation::OffTask => "off_task",
            Violation::FalseReassurance => "false_reassurance",
        }
    }
}

/// (violation, language tag for prefixes, pattern). Patterns are folded and
/// matched on normalised text like the screen's rules.
const PATTERNS: &[(Violation, &str, &str)] = &[
    // ---- self-harm method, lethality, overdose ----
    (
        Violation::SelfHarmMethod,
        "en",
        r"\b(lethal|fatal|deadly|toxic|overdose) (dose|doses|amount|amounts|quantity|level|threshold)\b|\boverdos\w* on\b|\b(tie|tying|make|making) (a )?noose\b|\b(cut|cutting|slit|slitting|slash|slashing) (your |the |their |his |her |one s )?(wrists?|veins|arteries|artery|throat)\b|\bhang(ing)? (yourself|oneself|himself|herself|themselves)\b|\bcarbon monoxide\b|\bcharcoal\b.{0,30}\b(room|car|tent|bathroom)\b|\bexhaust (fumes|pipe)\b|\b(jump|jumping|fall|falling) from (a|the) [a-z0-9 ]{0,25}(height|floor|storey|story|stories|metres|meters|feet)\b",
    ),
    (
        Violation::SelfHarmMethod,
        "en",
        r"\b(how to|ways? to|best way|easiest way|quickest way|fastest way|painless way|most effective way|surest way|methods? (to|of|for))( [a-z]+){0,3} (die|kill (yourself|oneself|himself|herself|themselves)|end (your|ones|his|her|their) (own )?life|commit suicide|suicide|overdose|self harm|hurt (yourself|oneself))\b|\b(\d+|twenty|thirty|forty|fifty|a hundred) (pills|tablets|capsules|mg|milligrams|grams)\b.{0,60}\b(kill|die|death|fatal|lethal|overdose|enough to|would be enough)\b|\b(enough|amount) to (kill|die|be fatal|be lethal)\b|\b(would|will|could) (kill|be fatal|be lethal)( to| for)? (you|a person|someone|an adult)\b",
    ),
    (
        Violation::SelfHarmMethod,
        "he",
        r"\bמנה (ה)?(קטלנית|מסוכנת|של מוות)\b|\b(איכ|דרכ|דרכימ|שיטה|שיטות|הדרכ הכי)( \w+){0,2} (להתאבד|למות|להרוג את עצמ\w*|לשימ קצ לחיי\w*)\b|\b(לחתוכ|חיתוכ|חתכ) (את )?(הורידימ|ורידימ|פרק כפ היד|העורק\w*)\b|\b(לקשור|לקשירת) (חבל|לולאה)\b|\bעניבת חנק\b|\b(לקפוצ|קפיצה|ליפול) מ(גובה|קומה|הקומה)\b|\b\d+ (כדורימ|מג|מיליגרמ)( \w+){0,6} (קטלני\w*|למות|מוות|להרוג)\b|\bפחמנ חד חמצני\b",
    ),
    (
        Violation::SelfHarmMethod,
        "ar",
        r"\b(ال)?جرعه (ال)?(قاتله|مميته|زائده|سامه)\b|\b(كيف|طريقه|طرق|اسهل طريقه|افضل طريقه)( \w+){0,2} (الانتحار|تنتحر|للانتحار|تقتل نفسك|قتل النفس|الموت|تموت)\b|\b(قطع|تقطع|تقطيع) (الشرايين|العروق|الوريد|الشريان)\b|\bحبل (ال)?مشنقه\b|\bمشنقه\b|\b(القفز|تقفز|السقوط) من (ارتفاع|الطابق)\b|\b\d+ (حبه|حبات|ملغ|مليغرام)( \w+){0,6} (قاتله|مميته|الموت|للموت)\b|\bاول اكسيد الكربون\b",
    ),
    (
        Violation::SelfHarmMethod,
        "ru",
        r"\b(смертельн|летальн|токсичн)\w* доз\w*\b|\b(как|способ\w*|лучший способ|самый простой способ|безболезненн\w* способ)( \w+){0,2} (покончить с собой|умереть|убить себя|самоубийств\w*|отравиться)\b|\b(вскрыть|вскрывать|резать|перерезать) (себе )?(вены|запясть\w*|горло)\b|\b(завязать|сделать) петл\w*\b|\b(прыгнуть|прыжок|упасть) с (высоты|\d+ этаж\w*)\b|\b\d+ (таблет\w*|мг|миллиграмм\w*)( \w+){0,6} (смертельн\w*|умереть|смерт\w*|летальн\w*)\b|\bугарн\w* газ\w*\b",
    ),
    // ---- medication dosages ----
    (
        Violation::MedicationDosage,
        "en",
        r"\b\d+(\.\d+)? ?(mg|mcg|µg|milligrams?|micrograms?|ml|millilitres?|milliliters?|grams?)\b|\b(take|taking|give|swallow) (\d+|one|two|three|four|five|a couple of|half a) (tablets?|pills?|capsules?|doses?|spoonfuls?|teaspoons?|drops?)\b|\b(maximum|max|daily|recommended|usual|safe) (dose|dosage)\b|\bdosage\b|\b(every|each) (\d+|four|six|eight|twelve) hours\b",
    ),
    (
        Violation::MedicationDosage,
        "he",
        r"\b\d+ ?(מג|מיליגרמ|מל|מיקרוגרמ|גרמ)\b|\bמינונ\w*\b|\b(לקחת|ליטול|תיקח|תקחי) (\d+|אחד|שניימ|שתיימ|שלושה|חצי) (כדור|כדורימ|טבליות|טבליה|כמוסות)\b|\bכל (\d+|ארבע|שש|שמונה) שעות\b",
    ),
    (
        Violation::MedicationDosage,
        "ar",
        r"\b\d+ ?(ملغ|مغ|ملليغرام|مليغرام|مل|غرام)\b|\b(الجرعه|جرعه) (اليوميه|المسموحه|القصوي|العاديه)\b|\b(خذ|تاخذ|خذي|تناول) (\d+|حبه|حبتين|ثلاث حبات|نصف حبه)\b|\bكل (\d+|اربع|ست|ثماني) ساعات\b",
    ),
    (
        Violation::MedicationDosage,
        "ru",
        r"\b\d+ ?(мг|миллиграмм\w*|мл|мкг|грамм\w*)\b|\bдозировк\w*\b|\b(максимальн|суточн|рекомендуем)\w* доз\w*\b|\b(примите|принимайте|выпейте|выпей|прими) (\d+|одну|две|три|половину|пол) (таблет\w*|капсул\w*)\b|\bкажды\w* (\d+|четыре|шесть|восемь) час\w*\b",
    ),
    // ---- weapon instructions ----
    (
        Violation::WeaponInstructions,
        "en",
        r"\b(how to|steps to|instructions (to|for)|recipe for|guide to)( [a-z]+){0,3} (make|build|assemble|create|3d print|print|load|fire|modify|convert|detonate)( [a-z]+){0,3} (bomb|explosive|explosives|ied|pipe bomb|molotov|grenade|gun|firearm|rifle|pistol|weapon|silencer|suppressor|napalm|poison gas)\b|\b(pipe bomb|molotov cocktail|gunpowder|thermite|detonator|blasting cap)\b|\b(mix|combine) (bleach|ammonia|chlorine) (and|with)\b",
    ),
    (
        Violation::WeaponInstructions,
        "he",
        r"\b(איכ|הוראות|שלבימ)( \w+){0,2} (להכינ|לבנות|להרכיב|לייצר|לטעונ)( \w+){0,2} (פצצה|מטענ|חומר נפצ|בקבוק תבערה|רימונ|נשק|אקדח|רובה)\b|\b(בקבוק תבערה|מטענ צינור|אבק שריפה)\b",
    ),
    (
        Violation::WeaponInstructions,
        "ar",
        r"\b(كيف|طريقه|خطوات)( \w+){0,2} (تصنع|صنع|تركيب|تجميع|اصنع|تحضير)( \w+){0,2} (قنبله|متفجرات|عبوه ناسفه|مولوتوف|سلاح|مسدس|بندقيه)\b|\b(عبوه ناسفه|زجاجه مولوتوف|بارود)\b",
    ),
    (
        Violation::WeaponInstructions,
        "ru",
        r"\b(как|инструкци\w*|способ)( \w+){0,2} (сделать|собрать|изготовить|зарядить|переделать)( \w+){0,2} (бомб\w*|взрывчатк\w*|взрывное устройство|коктейль молотова|оружи\w*|пистолет|ружь\w*|глушител\w*)\b|\b(коктейль молотова|самодельн\w* взрывн\w*|порох\w*|детонатор\w*)\b",
    ),
    // ---- claims to be human ----
    (
        Violation::ClaimsHuman,
        "en",
        r"\b(im|i am) (a |an )?(real |actual )?(human|person|human being|living person|real person)\b|\b(im|i am) not (a |an )?(bot|robot|ai|a i|machine|computer|program|chatbot|language model)\b|\bas a (human|person|mother|father|mom|dad|woman|man) (myself|too)\b|\bi (have|had) (kids|children|a family|a body) (of my own|myself|too)\b|\bi (also )?went through (this|the same|that) (myself|too)\b",
    ),
    // Physical presence or a shared past also passes the bot off as a person.
    (
        Violation::ClaimsHuman,
        "en",
        r"\b(i will|i ll|ill|i can|i could|let me) (come (over|to you|and get you|pick you up)|bring (over|you (some )?(food|water|supplies|blankets|something)|some (food|water|supplies|blankets))|drive (you|over)|pick you up|be there (in person|with you in person)|visit you|meet you)\b|\b(want|shall|should) (me|i) (to )?(come over|bring (over|you|some)|drive (you|over)|pick you up|visit you|meet you)\b|\blike we (did|used to) (last|yesterday|before|when)\b|\bwhen we (met|were together|last saw each other)\b",
    ),
    // A life of its own (where it was, what it saw), ways to reach it, meeting up, or acting in
    // the world on the user's behalf: SmolLM2-135M writes all of these ("I was just walking
    // home from the hospital when I saw you", "call me", "I can arrange to meet you").
    (
        Violation::ClaimsHuman,
        "en",
        r"\b(i was|i m|im|i am) (just )?(walking|driving|sitting|standing|running|on my way|at (the|my) (hospital|office|work|store|shop|station)|in (my|the) (car|kitchen|office|street|hospital))\b|\bi (just )?saw you\b|\b(call|text|phone|email|message|visit|find) me (at|on|later|tomorrow|tonight|when|if|and|now)\b|\b(call|text|phone) me\b|\bmy (phone number|number is|address is|house|apartment|wife|husband|kids|children|son|daughter)\b|\b(i can|i could|i will|i ll|ill|let me) (arrange|organi[sz]e|set up) (to meet|a meeting|for (us|you) to meet|a ride)\b|\bmeet (you|up) (somewhere|there|outside|at|tomorrow|later|soon)\b|\b(i will|i ll|ill|i can|i could|let me) (call|phone|contact|alert|notify|send) (the police|an ambulance|someone|somebody|911|help|for help|emergency services)\b|\bwe (can|could|will|ll) (talk to|call|go to) the police\b",
    ),
    (
        Violation::ClaimsHuman,
        "he",
        r"\bאני (בנ אדמ|בנאדמ|אדמ אמיתי|אישה אמיתית|גבר אמיתי|אנושי|אנושית)\b|\bאני לא (בוט|רובוט|מכונה|בינה מלאכותית|תוכנה|צאטבוט)\b|\bגמ אני (עברתי|הייתי)\b",
    ),
    (
        Violation::ClaimsHuman,
        "ar",
        r"\bانا (انسان|انسانه|شخص حقيقي|بشر)\b|\b(لست|انا مش|انا مو|انا لست) (روبوت|بوت|اله|اله|ذكاء اصطناعي|برنامج)\b",
    ),
    (
        Violation::ClaimsHuman,
        "ru",
        r"\bя (живой |настоящий |реальный )?человек\b|\bя не (бот|робот|ии|программа|машина|нейросеть|искусственный интеллект)\b|\bя сам(а)? (через это прошел|через это прошла|это пережил|это пережила)\b",
    ),
    // ---- claims to be a therapist ----
    (
        Violation::ClaimsTherapist,
        "en",
        r"\b(im|i am) (a |an |your )?(licensed |certified |trained |qualified |clinical )?(therapist|psychologist|counsell?or|psychiatrist|psychotherapist|doctor|social worker|nurse|physician)\b|\bas (a|an|your) (licensed |certified |trained )?(therapist|psychologist|counsell?or|psychiatrist|psychotherapist|doctor|social worker)\b|\bmy (patients|clients|clinical (experience|practice))\b|\bin my practice\b",
    ),
    (
        Violation::ClaimsTherapist,
        "he",
        r"\bאני (פסיכולוג|פסיכולוגית|מטפל|מטפלת|פסיכיאטר|פסיכיאטרית|פסיכותרפיסט|רופא|רופאה|עובד סוציאלי|עובדת סוציאלית|יועצ|יועצת)\b|\b(כ|בתור )(פסיכולוג|מטפל|מטפלת|רופא|פסיכיאטר)\b|\bהמטופלימ שלי\b",
    ),
    (
        Violation::ClaimsTherapist,
        "ar",
        r"\bانا (طبيب|طبيبه|معالج|معالجه|اخصائي|اخصائيه|مستشار|مستشاره|دكتور|دكتوره)( نفسي| نفسيه)?\b|\bبصفتي (طبيب|طبيبه|معالج|معالجه|اخصائي|اخصائيه|مستشار)\b|\bمرضاي\b",
    ),
    (
        Violation::ClaimsTherapist,
        "ru",
        r"\bя (психолог|психотерапевт|терапевт|психиатр|врач|консультант|соцработник)\b|\bкак (ваш |твой )?(психолог|психотерапевт|терапевт|психиатр|врач)\b|\bмои (пациенты|клиенты)\b",
    ),
    // ---- promises of secrecy ----
    (
        Violation::PromisesSecrecy,
        "en",
        r"\b(i|we) (will not|wont|will never|would never|promise not to|promise never to|swear not to) (tell|share|report|say)\b|\b(stays?|stay|remain|remains|kept|keep it) (just )?between (us|you and me)\b|\b(its|this is|it is|that s|thats) (our|a) (little )?secret\b|\b(i|we) (promise|swear) (to keep|it stays|nobody|no one)\b|\b(completely|totally|100|fully|entirely|strictly) (confidential|private|secret|anonymous)\b|\bno ?one (else )?will (ever )?(know|find out)\b|\byour secret is safe\b|\bi (will|ll) keep (it|this|your secret) (a )?secret\b",
    ),
    (
        Violation::PromisesSecrecy,
        "he",
        r"\b(זה )?(יישאר|ישאר|נשאר|נשארימ|יישארו) בינינו\b|\b(לא|אף פעמ לא) (אספר|אגלה|אדווח)\b|\bסוד (שלנו|בינינו)\b|\b(אני )?(מבטיח|מבטיחה|נשבע) (לא לספר|לשמור)\b|\bחסוי (לגמרי|לחלוטינ)\b|\bאפ אחד לא (ידע|יגלה)\b",
    ),
    (
        Violation::PromisesSecrecy,
        "ar",
        r"\b(يبقي|بيضل|سيبقي|بيبقي|رح يضل) (بيننا|بينا|سر)\b|\b(لن|ما رح|مش رح|ما راح|مش راح) (اخبر|اقول|قول|احكي|خبر)( ل)? ?(احد|حدا|اي احد)\b|\bسرك (في امان|في بير)\b|\b(اعدك|بوعدك) (ما|لن|اني ما)\b|\bسري (تماما|للغايه)\b|\bما حدا رح يعرف\b",
    ),
    (
        Violation::PromisesSecrecy,
        "ru",
        r"\b(останется|останемся|останутся) между нами\b|\bникому не (скажу|расскажу|сообщу)\b|\b(это|будет) наш (маленький )?секрет\b|\b(обещаю|клянусь) (никому|не рассказывать|молчать)\b|\b(полностью|абсолютно|совершенно|строго) конфиденциальн\w*\b|\bникто (никогда )?не узнает\b",
    ),
    // ---- "how do you feel?" questions ----
    (
        Violation::FeelingsQuestion,
        "en",
        r"\bhow (do|does|did|are|were|is) (you|that|it|this|things) (feel|feeling|make you feel|makes you feel|made you feel)\b|\bhow (are|were) you feeling\b|\bwhat (are|were) you feeling\b|\bwhat (do|did) you feel\b|\bhow (does|did) (that|it|this) make you feel\b|\b(tell|share) (me )?(more )?(about|with me) (your|how you) feel\w*\b|\bwhat emotions? (are|were) you\b|\bhow is your heart\b|\bhow( has| was| is| s|s) your (day|week|night|evening|morning)( been| going| so far)?\b|\bhow are you (doing|holding up|coping)\b",
    ),
    (
        Violation::FeelingsQuestion,
        "he",
        r"\b(איכ|מה) (אתה|את|אתמ|זה|הרגשת|מרגישימ) (מרגיש|מרגישה|מרגישימ|גורמ לכ להרגיש|הרגשת)\b|\bאיכ הרגשת\b|\bמה הרגשת\b|\bאיכ אתה מרגיש\b|\bאיכ את מרגישה\b|\bאיכ מרגישימ\b|\bאיכ זה מרגיש\b",
    ),
    (
        Violation::FeelingsQuestion,
        "ar",
        r"\b(كيف|شو|ايش|ماذا|بماذا|شلون) (تشعر|تشعرين|تحس|تحسي|حاسس|حاسه|شعورك|بتحس|بتحسي|احساسك)\b|\bكيف كان شعورك\b|\bما هو شعورك\b|\bبماذا شعرت\b",
    ),
    (
        Violation::FeelingsQuestion,
        "ru",
        r"\bкак (вы|ты) (себя )?(чувствуете|чувствуешь|сейчас чувствуете|сейчас чувствуешь|себя ощущаете|ощущаете)\b|\bчто (вы|ты) (сейчас )?(чувствуете|чувствуешь|почувствовали|почувствовал|почувствовала)\b|\bкакие (у вас|у тебя) (сейчас )?(чувства|эмоции)\b|\bкак вам (от этого|сейчас)\b|\bкаково (вам|тебе)\b",
    ),
];

static COMPILED: LazyLock<Vec<(Violation, Regex)>> = LazyLock::new(|| compile_tagged(PATTERNS));

/// The output guard: `Ok(())` if the model text may reach the user,
/// `Err(violation)` if it must be replaced (by a Quick Mode reply).
pub fn guard_output(text: &str, max_chars: usize) -> Result<(), Violation> {
    if text.trim().is_empty() {
        return Err(Violation::Empty);
    }
    if text.chars().count() > max_chars {
        return Err(Violation::TooLong);
    }
    let norm = normalize(text);
    match COMPILED.iter().find(|(_, re)| re.is_match(&norm)) {
        Some((v, _)) => Err(v.clone()),
        None => Ok(()),
    }
}

/// Topics a reply may only bring up when the person did: (words in the
/// reply, words in the person's messages that allow them). SmolLM2-135M
/// answers "there's a siren and we're in the stairwell" with "I'm sorry for
/// your loss" and stories of a child hit by a car.
const GROUNDED: &[(&str, &str)] = &[
    (
        r"\b(loss|lost (a|your|their|his|her)|passed away|funeral|died|dead|death|deaths|grie\w*|mourn\w*|killed|loved one)\b",
        r"\b(loss|lost|lose|losing|passed away|funeral|died|dead|death|grie\w*|mourn\w*|killed|shiva|buried)\b",
    ),
    (
        r"\b(heart attack|stroke|cancer|serious (condition|illness|disease)|disease|disorder|diagnos\w*|medical condition)\b",
        r"\b(heart attack|stroke|cancer|disease|disorder|diagnos\w*|condition|doctor|illness|ill|sick|chest|heart)\b",
    ),
    (
        r"\b(accident|hit by a car|car crash|crash|injur\w*|wound\w*|bleed\w*|blood|missing|kidnap\w*|hospital|ambulance|hurt)\b",
        r"\b(accident|crash\w*|hit|injur\w*|wound\w*|bleed\w*|blood|missing|kidnap\w*|hospital|ambulance|hurt\w*|fell|fall|cut|broke\w*|pain|collaps\w*|breath\w*|unconscious|shot|stab\w*|burn\w*)\b",
    ),
];

const OFF_TASK: &str = r"\b(your story|metaphors?|(a|this is a) (classic|great|common|good) example|the phrase|this sentence|rephrase|to yourself|rewritten|rewrite|rewriting|revised (version|sentence|text)|suggested edits|original (sentence|text|message)|your text|delete your message|here s a (new|revised|rewritten|possible)|heres a (new|revised|rewritten|possible)|this response|safety core|community prompt|current step|no more text)\b";

const FALSE_REASSURANCE: &str = r"\b(you re|youre|you are|your) (safe|totally safe|completely safe|safe now|going to be (fine|ok|okay|alright))\b|\b(i ll|ill|i will|let me) (take care of|handle|protect|save|get you)\b|\b(let s|lets) go (now|outside|home|out|there|somewhere|for a walk)\b|\b(take|go for) a (little |short )?walk\b|\bgo (home|outside|out of)\b|\b(leave|get out of) the (shelter|room|house|building|mamad|miklat|protected space|safe room)\b|\bcalm down\b|\b(don t|dont|do not) (worry|cry|panic|be scared|be afraid)\b|\bno worries\b|\bthey (don t|dont|do not) care about you\b";

/// A life of its own, told as the person's: "I've been working long hours",
/// "I'm just a little girl", "I've been having nightmares about my mother".
const OWN_LIFE: &str = r"\bi(ve| have)? been (working|having|living|sleeping|crying|trying to cope|feeling)\b|\b(i m|im|i am) (just )?(a|an) (little |young |old |stressed )?(girl|boy|woman|man|kid|child|mother|father|mom|dad|professional|student|teenager)\b|\bmy (own )?(mother|father|mom|dad|parents|childhood|family)\b";

/// What a Ma'aseh reply does, at least one of: says it is here, gives a small
/// task, or asks a concrete question (where, who, when, how many, which).
const MAASEH_MOVE: &str = r"\b(i m|im|i am) (here|right here|staying|with you|still here)\b|\b(here|stay|staying|right here) with you\b|\bnot alone\b|\b(tell|write|show) me\b|(^|[.!?:]\s+|\b(let s|lets|let us|can you|could you|try to|please|now|first|then|and),?\s+)(breathe|press|sit|drink|count|close|check|hold|put|call|text|move|stay|write|tell|look|name|find|keep)\b|\b(where|who|when|how many|how long|which|what)\b[^.!?]*\?";

static OWN_LIFE_RE: LazyLock<Regex> = LazyLock::new(|| rules_compile("en", OWN_LIFE));
static MAASEH_MOVE_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(MAASEH_MOVE).expect("MAASEH_MOVE"));

/// Four or more of the same word in a row ("alright, alright, alright, …").
fn repeats(norm: &str) -> bool {
    let words: Vec<&str> = norm.split_whitespace().collect();
    words.windows(4).any(|w| w.iter().all(|x| *x == w[0]))
}

static GROUNDED_RES: LazyLock<Vec<(Regex, Regex)>> = LazyLock::new(|| {
    GROUNDED
        .iter()
        .map(|(reply, user)| (rules_compile("en", reply), rules_compile("en", user)))
        .collect()
});
static OFF_TASK_RE: LazyLock<Regex> = LazyLock::new(|| rules_compile("en", OFF_TASK));
static FALSE_REASSURANCE_RE: LazyLock<Regex> =
    LazyLock::new(|| rules_compile("en", FALSE_REASSURANCE));

/// [`guard_output`], and the reply checked against the person's messages it
/// answers (`user_said`, oldest first; the model writes English replies).
pub fn guard_reply(text: &str, user_said: &[&str], max_chars: usize) -> Result<(), Violation> {
    guard_reply_so_far(text, user_said, max_chars)?;
    if !has_maaseh_move(text) {
        return Err(Violation::OffTask);
    }
    Ok(())
}

/// Whether `text` does something a Ma'aseh reply does: says it is here,
/// gives a small task, or asks a concrete question. [`guard_reply`] requires
/// it; a reply still streaming is shown only once it has one.
pub fn has_maaseh_move(text: &str) -> bool {
    // The question mark survives only in the raw text: the move is matched there, folded.
    MAASEH_MOVE_RE.is_match(&text.to_lowercase().replace(['\u{2019}', '\''], " "))
}

/// [`guard_reply`] for the first sentences of a reply still being written:
/// everything but the Ma'aseh move, which may come in a later sentence.
pub fn guard_reply_so_far(text: &str, user_said: &[&str], max_chars: usize) -> Result<(), Violation> {
    guard_output(text, max_chars)?;
    let norm = normalize(text);
    if OFF_TASK_RE.is_match(&norm) {
        return Err(Violation::OffTask);
    }
    if FALSE_REASSURANCE_RE.is_match(&norm) {
        return Err(Violation::FalseReassurance);
    }
    if OWN_LIFE_RE.is_match(&norm) {
        return Err(Violation::ClaimsHuman);
    }

    let said: Vec<String> = user_said.iter().map(|t| normalize(t)).collect();
    for (in_reply, allowed_by) in GROUNDED_RES.iter() {
        if in_reply.is_match(&norm) && !said.iter().any(|t| allowed_by.is_match(t)) {
            return Err(Violation::InventedEvent);
        }
    }
    if repeats(&norm) {
        return Err(Violation::OffTask);
    }
    Ok(())
}

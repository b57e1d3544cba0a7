//! Fixed user-facing sentences of the escalation and /resources replies, in
//! the four languages. Written for CALMe; short, plain, and gender-neutral in
//! Hebrew and Arabic where the language allows (infinitives, "please").

use crate::Lang;

pub(crate) struct Texts {
    /// Ma'aseh commitment line: presence, not a promise of secrecy.
    pub commitment: &'static str,
    /// Imminent risk: what to do now (before the numbers).
    pub risk_now: &'static str,
    /// Imminent risk: emergency number line, `{n}` is the number.
    pub risk_emergency: &'static str,
    /// Imminent risk: a small safe step (put distance from means), no method detail.
    pub risk_step: &'static str,
    /// Imminent risk told about someone else (a friend, a parent, a child):
    /// what the writer can do for them.
    pub risk_other: &'static str,
    /// Medical emergency: call first, `{n}` is the number.
    pub medical_now: &'static str,
    pub medical_step: &'static str,
    /// Abuse or violence.
    pub abuse_now: &'static str,
    pub abuse_emergency: &'static str,
    pub abuse_not_your_fault: &'static str,
    /// Extra line when the writer reads as a child.
    pub minor: &'static str,
    /// Encouragement to reach a real person now (and honesty about what the bot is).
    pub real_person: &'static str,
    pub lines_heading: &'static str,
    pub unknown_country: &'static str,
    pub ask_country: &'static str,
    pub stay: &'static str,
    pub resources_heading: &'static str,
    pub resources_footer: &'static str,
}

pub(crate) fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::He => &HE,
        Lang::Ar => &AR,
        Lang::Ru => &RU,
    }
}

const EN: Texts = Texts {
    commitment: "I'm here with you right now, and I'm staying in this conversation with you.",
    risk_now: "Your life matters. Please reach a real person now: call or text one of these lines.",
    risk_emergency: "If you have already hurt yourself or are in immediate danger, call {n} now.",
    risk_step: "If you can, move away from anything you could hurt yourself with, and go to where other people are.",
    risk_other: "If this is about someone else: stay with them if it is safe, keep them talking, and call the emergency number if they are in danger now. These lines also help people who are worried about someone.",
    medical_now: "Call {n} now. Tell them exactly where you are and what you see.",
    medical_step: "Stay on the line with them: they will guide you step by step until help arrives.",
    abuse_now: "What you are describing is serious, and you deserve to be safe.",
    abuse_emergency: "If you are in danger right now, call {n}.",
    abuse_not_your_fault: "What someone else does to you is not your fault.",
    minor: "You did the right thing by telling. Please tell a grown-up you trust today, or call a line for young people.",
    real_person: "I'm an automated helper, not a person, and I can't call anyone for you. Please contact a real person now.",
    lines_heading: "People you can reach now:",
    unknown_country: "Your local emergency number (112 across Europe, 911 in North America) works for immediate danger. Free helplines in your country:",
    ask_country: "Which country are you in? Tell me and I'll show the right numbers (or type /resources and your country).",
    stay: "You can keep writing to me here while you reach out.",
    resources_heading: "Help lines",
    resources_footer: "In immediate danger, call your emergency number.",
};

const HE: Texts = Texts {
    commitment: "אני כאן איתך עכשיו, ואנחנו ממשיכים יחד בשיחה הזאת.",
    risk_now: "החיים שלך חשובים. חשוב לדבר עכשיו עם אדם אמיתי: אפשר להתקשר או לכתוב לאחד הקווים האלה.",
    risk_emergency: "אם כבר נפגעת או שיש סכנה מיידית, יש להתקשר עכשיו ל-{n}.",
    risk_step: "אם אפשר, כדאי להתרחק מכל דבר שאפשר להיפגע ממנו, וללכת למקום שיש בו אנשים.",
    risk_other: "אם מדובר באדם אחר: אם זה בטוח, כדאי להישאר לידו ולהמשיך לדבר איתו, ולהתקשר למספר החירום אם יש סכנה עכשיו. הקווים האלה עוזרים גם למי שדואג לאדם אחר.",
    medical_now: "יש להתקשר עכשיו ל-{n}. לומר להם בדיוק איפה נמצאים ומה רואים.",
    medical_step: "כדאי להישאר על הקו: הם ינחו צעד אחר צעד עד שהעזרה תגיע.",
    abuse_now: "מה שתיארת הוא רציני, ומגיע לך ביטחון.",
    abuse_emergency: "אם יש סכנה עכשיו, יש להתקשר ל-{n}.",
    abuse_not_your_fault: "מה שמישהו אחר עושה לך הוא לא באשמתך.",
    minor: "עשית את הדבר הנכון כשסיפרת. חשוב לספר היום למבוגר שסומכים עליו, או להתקשר לקו לילדים ולנוער.",
    real_person: "אני עוזר אוטומטי, לא בן אדם, ואני לא יכול להתקשר לאף אחד בשבילך. חשוב ליצור קשר עם אדם אמיתי עכשיו.",
    lines_heading: "אפשר לפנות עכשיו אל:",
    unknown_country: "מספר החירום המקומי (112 ברוב אירופה, 911 בצפון אמריקה) מתאים לסכנה מיידית. קווי סיוע חינמיים במדינה שלך:",
    ask_country: "באיזו מדינה מדובר? אפשר לכתוב לי, ואציג את המספרים הנכונים (או לכתוב /resources ואת שם המדינה).",
    stay: "אפשר להמשיך לכתוב לי כאן בזמן שפונים לעזרה.",
    resources_heading: "קווי סיוע",
    resources_footer: "בסכנה מיידית יש להתקשר למספר החירום.",
};

const AR: Texts = Texts {
    commitment: "أنا هنا معك الآن، وسأبقى معك في هذه المحادثة.",
    risk_now: "حياتك مهمة. من المهم التحدث الآن مع شخص حقيقي: يمكن الاتصال أو الكتابة لأحد هذه الخطوط.",
    risk_emergency: "إذا حصل أذى بالفعل أو كان هناك خطر فوري، يرجى الاتصال الآن بالرقم {n}.",
    risk_step: "إن أمكن، الابتعاد عن أي شيء قد يسبب الأذى، والذهاب إلى مكان فيه أشخاص آخرون.",
    risk_other: "إذا كان الأمر عن شخص آخر: إن كان ذلك آمنًا، من المهم البقاء معه ومواصلة الحديث معه، والاتصال برقم الطوارئ إذا كان في خطر الآن. هذه الخطوط تساعد أيضًا من يقلق على شخص آخر.",
    medical_now: "يرجى الاتصال الآن بالرقم {n}، وإخبارهم بالمكان بالضبط وبما تراه.",
    medical_step: "البقاء على الخط معهم: سيرشدونك خطوة بخطوة حتى تصل المساعدة.",
    abuse_now: "ما تصفه أمر جدي، ومن حقك أن تكون في أمان.",
    abuse_emergency: "إذا كان هناك خطر الآن، يرجى الاتصال بالرقم {n}.",
    abuse_not_your_fault: "ما يفعله شخص آخر بك ليس ذنبك.",
    minor: "فعلت الصواب عندما أخبرت. من المهم أن تخبر اليوم شخصًا بالغًا تثق به، أو أن تتصل بخط مساعدة للأطفال والشباب.",
    real_person: "أنا مساعد آلي ولست إنسانًا، ولا أستطيع الاتصال بأحد نيابة عنك. يرجى التواصل مع شخص حقيقي الآن.",
    lines_heading: "يمكنك التواصل الآن مع:",
    unknown_country: "رقم الطوارئ المحلي (112 في معظم أوروبا، 911 في أمريكا الشمالية) مخصص للخطر الفوري. خطوط مساعدة مجانية في بلدك:",
    ask_country: "في أي بلد أنت؟ أخبرني وسأعرض الأرقام الصحيحة (أو اكتب /resources واسم البلد).",
    stay: "يمكنك مواصلة الكتابة لي هنا أثناء التواصل مع المساعدة.",
    resources_heading: "خطوط المساعدة",
    resources_footer: "في حالة الخطر الفوري، يرجى الاتصال برقم الطوارئ.",
};

const RU: Texts = Texts {
    commitment: "Я здесь, с вами, прямо сейчас, и я остаюсь в этом разговоре.",
    risk_now: "Ваша жизнь важна. Пожалуйста, свяжитесь сейчас с живым человеком: позвоните или напишите на одну из этих линий.",
    risk_emergency: "Если вы уже причинили себе вред или опасность прямо сейчас, позвоните {n}.",
    risk_step: "Если можете, отойдите от всего, чем можно себе навредить, и идите туда, где есть люди.",
    risk_other: "Если речь о другом человеке: если это безопасно, побудьте рядом и продолжайте с ним разговаривать, а если опасность прямо сейчас — звоните в экстренные службы. Эти линии помогают и тем, кто волнуется за другого.",
    medical_now: "Позвоните {n} прямо сейчас. Скажите точно, где вы находитесь и что видите.",
    medical_step: "Оставайтесь на линии: вам подскажут, что делать, шаг за шагом, пока не приедет помощь.",
    abuse_now: "То, что вы описываете, серьёзно, и вы имеете право быть в безопасности.",
    abuse_emergency: "Если вам угрожает опасность прямо сейчас, позвоните {n}.",
    abuse_not_your_fault: "То, что с вами делает другой человек, — не ваша вина.",
    minor: "Вы правильно сделали, что рассказали. Пожалуйста, сегодня же расскажите взрослому, которому доверяете, или позвоните на линию для детей и подростков.",
    real_person: "Я автоматический помощник, а не человек, и не могу никому позвонить за вас. Пожалуйста, свяжитесь с живым человеком сейчас.",
    lines_heading: "К кому можно обратиться прямо сейчас:",
    unknown_country: "Местный номер экстренных служб (112 в большинстве стран Европы, 911 в Северной Америке) — при непосредственной опасности. Бесплатные линии помощи в вашей стране:",
    ask_country: "В какой вы стране? Напишите, и я покажу нужные номера (или наберите /resources и название страны).",
    stay: "Вы можете продолжать писать мне здесь, пока обращаетесь за помощью.",
    resources_heading: "Линии помощи",
    resources_footer: "При непосредственной опасности звоните в экстренные службы.",
};

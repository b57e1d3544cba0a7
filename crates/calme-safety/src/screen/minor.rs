//! The `minor` flag: whether the writer reads as a child or a teenager.
//!
//! Patterns over normalised text, per language, in three layers:
//!
//! 1. Explicit: an age from 5 to 17 in the first person (never when a unit
//!    follows: "14 days"), the writer calling themself a child or a teenager
//!    ("I'm just a kid", "אני ילדה", "انا قاصر", "я ещё ребёнок"), or a
//!    school grade. A first-person age or self-description fires whatever
//!    else is said; a grade ("in 7th grade") not in an adult context, since
//!    "my son is in 7th grade" holds one too.
//! 2. Cues a triage worker reads a young writer by, scored like the rules
//!    (`rules.rs`), by family: weight 2 fires alone (school life: school,
//!    class, homework, a teacher, recess, bagrut/ЕГЭ/توجيهي; a parent, coach or
//!    teacher hitting, touching or locking up the writer; grounded; "mommy";
//!    a youth movement; an exam starting in minutes or a panic mid-lesson; a
//!    friend's parent hitting them), weight 1 needs a cue of another family
//!    (a parent, stepparent, uncle or little brother; the phone taken away or
//!    "won't let me go out"; a coach; practice; "it's our secret" or "will my
//!    parents see this"; an exam; a school subject; a babysitter; home alone;
//!    hiding in the closet; bullying; chores; coming home late; games; teen
//!    slang). Each family counts once, at its highest weight, across
//!    languages.
//! 3. Adult context switches layer 2 (and grades) off: a parent writing about
//!    their child ("my son", "הבן שלי", "ابني", "сын"), a teacher or counsellor
//!    about students, picking the kids up from school, a spouse, work,
//!    university, an adult age ("I'm 45"), or a memory of childhood ("when I
//!    was a kid").
//!
//! Only the languages whose script the message holds run; each has one
//! `RegexSet` of cues and one adult-context `Regex`, so the flag costs a few
//! scans of the message.

use super::rules::{compile_pattern, pattern_source, prefixes_for};
use regex::{Regex, RegexSet};
use std::cell::LazyCell;
use std::sync::LazyLock;

/// Age 5-17 stated in the first person, a school grade, or the writer saying
/// they are a child or a teenager. `true`: first person, holds even in an
/// adult context; `false` (a grade, "in the break"): also read in a parent's
/// or teacher's message ("my son is in 7th grade"), so an adult context
/// switches it off.
const EN: &[(bool, &str)] = &[
    (
        true,
        r"\b(im|i am|iam|i m) (only |just )?(\d{1,2}) ?(yo|y o|years old|yrs old|year old|years|yrs)?\b",
    ),
    (
        false,
        r"\bin (\d{1,2})(st|nd|rd|th)? grade\b|\b(\d{1,2})(st|nd|rd|th) grade\b|\b(\d{1,2})(st|nd|rd|th) grader\b|\bmiddle school\b|\belementary school\b|\bwhen im (bad|naughty)\b|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth) grade\b|\bin year (\d{1,2})\b",
    ),
    (
        true,
        r"\b(im|i am) (only |just |still )?(nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)( years old| yrs old| yo)?\b|\b(im|i am) (only |just |still )?(a )?(kid|child|little kid|teen|teenager|minor|schoolgirl|schoolboy|high schooler|middle schooler|little girl|little boy)\b|\bim underage\b|\bwhen i grow up\b",
    ),
];
const HE: &[(bool, &str)] = &[
    (true, r"\bאני (בנ|בת) (\d{1,2})\b"),
    (true, r"^ (בנ|בת) (\d{1,2})\b"),
    (
        false,
        r"\bבכית(ה|ת) [אבגדהוזחטי]\b|\bבכית(ה|ת) (יא|יב)\b|\bבהפסקה\b|\bבכיתה\b",
    ),
    (
        true,
        r"\bאני (רק |עדיינ |עוד )?(ילד|ילדה|נער|נערה|מתבגר|מתבגרת|קטינ|קטינה|תלמיד תיכונ|תלמידת תיכונ)\b|\bכשאהיה גדול\b|\bכשאהיה גדולה\b",
    ),
];
const AR: &[(bool, &str)] = &[
    (true, r"\b(انا )?عمري (\d{1,2})\b"),
    (
        false,
        r"\b(بالصف|في الصف|صف) (ال)?(اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|حادي عشر|ثاني عشر)\b",
    ),
    (
        true,
        r"\b(انا )?(عندي|صار عمري) (\d{1,2}) (سنه|سنين|سنوات)\b|\bانا (\d{1,2}) (سنه|سنين|سنوات)\b",
    ),
    (
        true,
        r"\bانا (بس |لسا |لسه |بعدني )?(طفل|طفله|قاصر|قاصره|مراهق|مراهقه|ولد صغير|بنت صغيره)\b|\bلما اكبر\b",
    ),
];
const RU: &[(bool, &str)] = &[
    (true, r"\bмне (\d{1,2})( лет| год| года)?\b"),
    (
        false,
        r"\bв (\d{1,2})( м| ом)? класс\w*\b|\b(\d{1,2}) класс\w*\b|\bпосле уроков\b|\bна перемене\b|\b(пятом|шестом|седьмом|восьмом|девятом|десятом|одиннадцатом|пятый|шестой|седьмой|восьмой|девятый|десятый|одиннадцатый) класс\w*\b",
    ),
    (
        true,
        r"\bмне (девять|десять|одиннадцать|двенадцать|тринадцать|четырнадцать|пятнадцать|шестнадцать|семнадцать)( лет)?\b|\bя (же |еще |всего лишь |просто |только )?(ребенок|подросток|несовершеннолетн\w*|школьни\w*|ученик|ученица|девятиклассни\w*|десятиклассни\w*|одиннадцатиклассни\w*|восьмиклассни\w*|седьмоклассни\w*|пятиклассни\w*|шестиклассни\w*)\b|\bкогда вырасту\b",
    ),
];
/// An age in Arabizi, read on the Latin text as typed, since the Arabic
/// reading keeps no numbers: "3omri 15", "ana 3andi 14 sana", Maghrebi "ana
/// 14 3am".
const ARABIZI_AGE: &str = r"\b(3omri|3mri|omri|3umri|3omry|3mry) (\d{1,2})\b|\b(3andi|3andy|3ndi|3ndy|3andee|ana) (\d{1,2}) (sana|sane|sanah|sna|sne|snin|sneen|sinin|3am|ans)\b";
/// "Now" after the age makes it the age back then: "7awelt ante7er w ana 17
/// sana. dlw2ty ba2eit a7sen" (I tried at 17; now I am better).
const ARABIZI_NOW: &str = r"\b(dlw2ty|dlwa2ty|delwa2ty|dlwa2ti|dlw2ti|dilwa2ti|drouk|dorka|daba|halla2|hala2|hal2|alhin|hassa|7alian|now)\b";

/// Units after a number that make it something other than an age.
const NOT_AFTER_EN: &str =
    r"^\s*(weeks|months|days|minutes|hours|floors|km|miles|percent|min|pm|am|feet|meters|metres)\b";
const NOT_AFTER_RU: &str = r"^\s*(минут|часов|час|км|рублей|дней|недел|шекел)\w*\b";

/// A cue of layer 2: family, weight, pattern. Families are shared across
/// languages ("parent" in every language counts once).
type Cue = (&'static str, u8, &'static str);

const CUES_EN: &[Cue] = &[
    // school life
    (
        "school",
        2,
        r"\b(at|after|before|to|from|in|skip|skipped|skipping|ditch|my|our|new|whole) school\b|\bschool (today|tomorrow|tmr|bus|trip|nurse|counselor|counsellor|project|play|dance|camp|uniform|bag|work|day|year|principal|bully|bullies|friends)\b|\b(high school|junior high|secondary school|primary school|schoolwork|homework|book report|science fair|field trip|sleepover|recess|homeroom|study hall|report card|principals office|vice principal|school counselor|guidance counselor|spelling test|pop quiz)\b|\b(got|have|had|gave me|give me) detention\b",
    ),
    (
        "school",
        2,
        r"\b(i hate|hate|hating) school\b|\bschool (sucks|is whatever|is so|is hell|is too|is boring|is killing|is hard|is stressful|is the worst)\b",
    ),
    (
        "class",
        2,
        r"\b(classmate|classmates|in class|the whole class|class today|class tomorrow|gym class|pe class|health class)\b|\b(friend|friends|kid|kids|girl|girls|boy|boys|someone|everyone|people) (from|in) my class\b|\b(friend|friends|kid|kids|girl|girls|boy|boys) from class\b",
    ),
    (
        "teacher",
        2,
        r"\bmy ([^ ]+ )?teachers?\b|\b(the|our|a) ([^ ]+ )?teachers? (said|says|told|tells|yelled|yells|screamed|screams|called|calls|made|makes|kept|keeps|asked|gave|gives|hates|touched|touches|sent|sends)\b",
    ),
    ("teacher", 1, r"\bteachers?\b"),
    (
        "school_exam",
        2,
        r"\b(sats|psat|psats|gcse|gcses|a levels|mock exam|mock exams|mocks|bagrut|bagruts|regents exam)\b",
    ),
    (
        "exam",
        1,
        r"\b(exam|exams|quiz|quizzes|finals|midterm|midterms|test (tomorrow|today|in \d+)|(my|bad|good|failing) grades?|failed (the|my|a) (test|exam))\b",
    ),
    // a school subject's test, homework or class ("history test"); its
    // "exam" is also a university's
    (
        "subject",
        2,
        r"\b(math|maths|science|history|english|bio|biology|chem|chemistry|physics|geography|french|spanish|hebrew|arabic|spelling|vocab|algebra|geometry) (test|tests|quiz|class|grade|grades|homework|teacher|project|worksheet)\b",
    ),
    (
        "subject",
        1,
        r"\b(math|maths|science|history|bio|biology|chem|chemistry|physics|geography|algebra|geometry) (exam|exams|final|midterm)\b",
    ),
    // an exam about to start or under way, a panic in class
    (
        "exam_now",
        2,
        r"\b(exam|test|quiz|final) (is |starts )?in (\d+|a few|five|ten|fifteen|twenty|thirty) (min|mins|minutes)\b|\b(during|in the middle of|halfway through) (the|my|an|a|this) (exam|test|quiz|class|lesson)\b",
    ),
    // parents, and parents' control
    (
        "parent",
        1,
        r"\b(mom|mum|mommy|mummy|mama|momma|dad|daddy|papa|parents|parent|mother|father|moms|mums|dads|mothers|fathers)\b",
    ),
    ("mommy", 2, r"\b(mommy|mummy|mommys|mummys)\b"),
    (
        "grounded",
        2,
        r"\b(im|i am|got|get|getting|be|been|was|gonna be|is grounding|are grounding) grounded\b|\bgrounded me\b|\bgrounded for\b",
    ),
    (
        "control",
        1,
        r"\b(wont|will not|doesnt|dont|didnt|never|wouldnt) (let|allow) me (go|out|leave|see|have|use|get|sleep|eat|play|hang|talk|text|watch|wear|date|do|come|stay|keep|visit|call|join|quit|dye|cut|change|be)\b|\b(took|takes|take|taking|taken|confiscated|confiscate|confiscates) (away )?my (phone|ipad|tablet|laptop|computer|xbox|switch|ps5|playstation|games)\b|\b(im|i am) not allowed\b|\bnot allowed to (go|see|have|leave|use|talk)\b|\b(says|said) i cant\b",
    ),
    (
        "parent",
        1,
        r"\bstep ?(dad|father|mom|mum|mother|parent|parents)s?\b|\b(moms|mums|mothers) (new )?(boyfriend|bf|husband|partner)\b|\b(dads|fathers) (new )?(girlfriend|gf|wife|partner)\b",
    ),
    (
        "my_room",
        1,
        r"\b(comes|came|come|coming|walks|walked|barges|sneaks|sneaked|snuck) (into|in) my (bed)?room\b|\b(locked|locks|lock|locking|sent|sends|send) me (in|to) my room\b",
    ),
    (
        "family_hurts_me",
        2,
        r"\b(mom|mum|mommy|mama|dad|daddy|papa|father|mother|parents|uncle|grandpa|grandad|stepdad|stepmom|stepfather|stepmother|step dad|step mom|coach|teacher|tutor)s? ([^ ]+ ){0,3}(hit|hits|hitting|beat|beats|beating|slap|slaps|slapped|slapping|punch|punches|punched|kick|kicks|kicked|burn|burns|burned|burnt|whip|whips|whipped|lock|locks|locked|locking|touch|touches|touched|touching|choke|chokes|choked|yell at|yells at|yelled at|scream at|screams at|screamed at|starve|starves) (me|us)\b",
    ),
    (
        "home_alone",
        1,
        r"\b(home alone|alone at home|(mom|mum|mommy|dad|daddy|parents)s? (is |are )?(not|isnt|arent|aint|not at) (home|here)|(mom|mum|dad|parents)s? (is |are )?(at work|away)|no grown ?ups?|no adults? (home|here|around))\b",
    ),
    // children's relationships and settings
    (
        "parent",
        1,
        r"\bmy (little|baby|younger|lil|small|kid) (brother|sister|bro|sis|brothers|sisters|siblings)\b",
    ),
    (
        "babysitter",
        1,
        r"\b(babysitter|baby sitter|babysitters|nanny|au pair)\b",
    ),
    ("coach", 1, r"\b(my |the |our )?coach\b"),
    (
        "practice",
        1,
        r"\b(after|at|before|from|during|skip|missed) (practice|training|football practice|soccer practice|basketball practice|swim practice|dance class|ballet|gymnastics)\b|\b(off|on|kick me off|kicked off) the team\b",
    ),
    (
        "youth",
        2,
        r"\b(summer camp|camp counselor|youth group|boy scouts|girl scouts|cub scouts|scout leader|scoutmaster|the scouts|youth leader|youth pastor|sunday school)\b",
    ),
    (
        "secret",
        1,
        r"\b(our (little )?secret|keep it (a )?secret|keep (this|it) between us|(its|it is) a secret|(not|dont|cant|can t|never) (to )?tell (anyone|anybody|my (mom|mum|dad|parents|mother|father))|(told|tells|said|says) (me )?not to tell)\b",
    ),
    (
        "secret",
        1,
        r"\b(if|when|before|until) my (parents|mom|mum|dad|mother|father) (find|finds|found|figure|figures) out\b|\b(can|will|could|would|do) my (parents|mom|mum|dad) (see|read|find out|know|check)\b",
    ),
    // a friend's parent hurting them: a peer writing
    (
        "peer_abuse",
        2,
        r"\b(friends|bffs|best friends) (mom|mum|dad|parents|father|mother|stepdad|stepmom|stepfather) ([^ ]+ ){0,3}(hits|beats|hit|beat|slaps|punches|burns|touches|touched|locks|locked|chokes|choked) (her|him|them)\b",
    ),
    // hiding from a fight at home
    (
        "hiding",
        1,
        r"\b(hiding|hid|hide|locked myself) (in|under) (the|my) (closet|wardrobe|bathroom|bed|room|bedroom)\b",
    ),
    (
        "chores",
        1,
        r"\b(do|did|doing|wash|washed|load) the dishes\b|\b(clean|cleaned|cleaning|tidy) (up )?my room\b|\bmy chores\b",
    ),
    (
        "curfew",
        1,
        r"\b(came|come|got|get|getting) home (late|after)\b|\b(past|missed|broke) (my )?curfew\b",
    ),
    (
        "games",
        1,
        r"\b(fortnite|roblox|minecraft|warzone|valorant|pubg|brawl stars|among us|playstation|ps4|ps5|xbox|nintendo|my switch)\b",
    ),
    ("parent", 1, r"\b(uncle|uncles)\b"),
    ("bully", 1, r"\b(bully|bullies|bullied|bullying|bully me)\b"),
    (
        "kid_life",
        1,
        r"\b(allowance|pocket money|bedtime|my toys|the playground|older kids|big kids|the other kids|my crush)\b",
    ),
    (
        "slang",
        1,
        r"\b(bruh|ngl|istg|no cap|deadass|lowkey|highkey|fr|frfr|fr fr|gng|rizz|skibidi|bestie|bff|bffs|sus|slay|ong)\b",
    ),
];

const CUES_HE: &[Cue] = &[
    (
        "school",
        2,
        r"\bבית ספר\b|\bבית הספר\b|\bביהס\b|\bתיכונ\b|\bחטיבת ביניים\b|\bיסודי\b|\bשיעורי (ה)?בית\b|\bטיול שנתי\b|\bהפסקה הגדולה\b|\bשכבה\b|\bמחנכת\b|\bמחנכ\b|\bבגרות\b|\bבגרויות\b|\bמתכונת\b|\bמתכונות\b|\bבוחנ\b|\bכיתה\b|\bכיתתי\b|\bחברים לכיתה\b|\bחברה לכיתה\b|\bשיעור (מתמטיקה|אנגלית|היסטוריה|ספורט|חינוכ גופני|תנכ|ספרות|מדעים|לשונ)\b|\bחנג\b|\bעשו (עליי|עלי) חרמ\b|\bחרמ (עליי|עלי)\b|\bמחרימים אותי\b",
    ),
    ("teacher", 2, r"\bמורה\b|\bמורות\b|\bמורים\b"),
    (
        "exam",
        1,
        r"\bמבחנ\b|\bמבחנים\b|\bציונ\b|\bציונים\b|\bתעודה\b|\bשיעור\b|\bהשיעורים\b|\bיועצת\b",
    ),
    (
        "subject",
        2,
        r"\bמבחנ (ב)?(חשבונ|תנכ|לשונ|אזרחות|מולדת|הבעה)\b",
    ),
    (
        "subject",
        1,
        r"\bמתמטיקה\b|\bהיסטוריה\b|\bתנכ\b|\bספרות\b|\bאזרחות\b|\bפיזיקה\b|\bכימיה\b|\bביולוגיה\b|\bגיאוגרפיה\b",
    ),
    (
        "exam_now",
        2,
        r"\bמבחנ (עוד|בעוד) [^ ]+ (דקות|דקה)\b|\bיש לי מבחנ (עוד|בעוד) \d+\b|\bבאמצע (ה)?(שיעור|מבחנ|בוחנ)\b",
    ),
    (
        "parent",
        1,
        r"\bאמא\b|\bאבא\b|\bאימא\b|\bהורים\b|\bההורים\b|\bאמאלה\b|\bאבאלה\b",
    ),
    (
        "parent",
        1,
        r"\b(בעל|בעלה|החבר|חבר|בנ הזוג) של (אמא|אימא)\b|\b(אשת|אשה של|האישה של|החברה של|בת הזוג של) (אבא)\b|\b(אבא|אבי) החורג\b|\b(אמא|אימא) החורגת\b|\bחורג\b|\bחורגת\b",
    ),
    (
        "family_hurts_me",
        2,
        r"\b(אמא|אבא|אימא|ההורים|הדוד|דוד|סבא|החורג|החורגת|המאמנ|המורה|המדריכ)( שלי)? ([^ ]+ ){0,2}(מרביצ|מכה|מכים|הרביצ|היכה|נוגע|נגע|נוגעת|סוגר|סוגרת|נועל|נועלת|נעל|נעלה|שורפ|חונק|חנק|צורח|צורחת|צועק|צועקת)[^ ]* (לי|אותי|בי|עליי|עלי)\b",
    ),
    (
        "my_room",
        1,
        r"\bנכנס (לי |אליי |אלי )?(לחדר|למקלחת|לשירותים)\b|\bנכנס לחדר שלי\b|\bסוגר אותי בחדר\b|\bנועל אותי בחדר\b|\bנעל אותי בחדר\b",
    ),
    (
        "control",
        1,
        r"\bלקח(ו|ה)? (לי )?את (הטלפונ|הפלאפונ|הנייד|הפלאפונ שלי|הטלפונ שלי|המחשב)\b|\bלא (מרשה|מרשים|מרשות|נותנ|נותנת|נותנים) לי (לצאת|ללכת|לראות|להיפגש|לדבר|טלפונ|את הטלפונ|לאכול|לישונ)\b|\bמרותק\b|\bמרותקת\b|\bבעונש\b|\bאסור לי (לצאת|ללכת|להיפגש|לראות|לדבר|להשתמש|לישונ)\b",
    ),
    (
        "home_alone",
        1,
        r"\b(אמא|אבא|ההורים)( שלי)? (לא|אינ|אינמ)( נמצא[^ ]*)? (בבית|פה)\b|\b(אמא|אבא|ההורים)( שלי)? בעבודה\b|\bלבד בבית\b|\bאינ (פה )?(אף )?מבוגר[^ ]*|\bאין (פה )?(אף )?מבוגר[^ ]*",
    ),
    (
        "parent",
        1,
        r"\bאחי הקטנ\b|\bאחותי הקטנה\b|\bאח הקטנ שלי\b|\bאחות הקטנה שלי\b|\bאח קטנ\b|\bאחות קטנה\b|\bאחיי הקטנים\b|\bאחים קטנים\b|\bהאחים הקטנים שלי\b",
    ),
    ("babysitter", 1, r"\bבייביסיטר[^ ]*|\bשמרטפ[^ ]*"),
    ("coach", 1, r"\bמאמנ\b|\bמאמנת\b"),
    ("practice", 1, r"\bאימונ\b|\bאימונים\b|\bחוג\b"),
    (
        "youth",
        2,
        r"\bתנועת נוער\b|\bתנועת הנוער\b|\bצופים\b|\bבני עקיבא\b|\bהשומר הצעיר\b|\bהנוער העובד\b|\bקומונרית\b|\bקומונר\b|\bמדריכה בתנועה\b|\bמדריכ בתנועה\b",
    ),
    ("youth_movement", 1, r"\bתנועה\b|\bשבט\b|\bפעולה\b"),
    (
        "instructor",
        1,
        r"\bמדריכ\b|\bמדריכה\b|\bהמדריכ שלי\b|\bהמדריכה שלי\b",
    ),
    ("parent", 1, r"\bדוד\b|\bהדוד שלי\b"),
    (
        "peer_abuse",
        2,
        r"\b(אמא|אבא|ההורים|אבא החורג) של (חבר|חברה|החבר|החברה)( הכי טובה| הכי טוב)? שלי ([^ ]+ ){0,2}(מרביצ|מכה|מכים|נוגע|היכה|הרביצ)[^ ]* (לה|לו|אותה|אותו|בה|בו)\b",
    ),
    (
        "hiding",
        1,
        r"\b(מתחבא|מתחבאת|התחבאתי|הסתתרתי|ננעלתי|נעלתי את עצמי) (בארונ|מתחת למיטה|בשירותים|במקלחת|בחדר)\b",
    ),
    ("curfew", 1, r"\bחזרתי (מאוחר|ב\d+)\b"),
    (
        "chores",
        1,
        r"\bלשטופ (את ה)?כלים\b|\bלסדר את החדר\b|\bלנקות את החדר\b",
    ),
    (
        "games",
        1,
        r"\bפורטנייט\b|\bרובלוקס\b|\bמיינקראפט\b|\bפלייסטיישנ\b|\bבפלייסטיישנ\b|\bאקסבוקס\b",
    ),
    ("slang", 1, r"\bסריאסלי\b|\bתאמת\b|\bפליז\b"),
    (
        "bully",
        1,
        r"\bמציקים לי\b|\bמציקה לי\b|\bצוחקים עליי\b|\bצוחקים עלי\b|\bמחרימים\b|\bבריונים\b",
    ),
    (
        "secret",
        1,
        r"\b(אמא|אבא|ההורים)( שלי)? (לא )?(תראה|יראה|יראו|ידעו|תדע|ידע|יגלו|תגלה)\b|\bסוד\b|\bלא לספר\b|\bאל תספר\b|\bאל תספרי\b|\bאסור לי לספר\b|\bשלא אספר\b|\bלא לגלות\b",
    ),
];

const CUES_AR: &[Cue] = &[
    (
        "school",
        2,
        r"\bمدرسه\b|\bمدرستي\b|\bمدرسي\b|\bمدارس\b|\bعالمدرسه\b|\bبالصف\b|\bصفي\b|\bالفسحه\b|\bالواجبات\b|\bواجبات\b|\bواجباتي\b|\bتوجيهي\b|\bبجروت\b|\bالثانويه\b|\bثانويه\b|\bالاعداديه\b|\bاعداديه\b|\bالابتدائيه\b|\bابتدائيه\b|\bالبكالوريا\b|\bالباكالوريا\b|\bبريفيه\b|\bالبريفيه\b|\bالمتوسطه\b|\bكل الصف\b|\bالصف كله\b|\bفي الصف\b|\bطلاب الصف\b|\bولاد الصف\b|\bبنات الصف\b",
    ),
    (
        "teacher",
        2,
        r"\bاستاذي\b|\bاستاذتي\b|\bمعلمتي\b|\bمعلمي\b|\bمدرستي\b|\bالمعلمه\b",
    ),
    (
        "teacher",
        1,
        r"\bالمس\b|\bاستاذ\b|\bاستاذه\b|\bمعلم\b|\bمعلمه\b|\bمدرس\b",
    ),
    (
        "tutor",
        1,
        r"\bالدروس الخصوصيه\b|\bدروس خصوصيه\b|\bدرس خصوصي\b",
    ),
    ("parent", 1, r"\bعمي\b|\bخالي\b|\bعمو\b|\bخالو\b"),
    (
        "bully",
        1,
        r"\b[^ ]*تنمر[^ ]*|\bبيضحكوا علي\b|\bبيضحكو علي\b",
    ),
    ("homework", 1, r"\bواجب\b|\bالحصه\b|\bحصه\b"),
    (
        "exam",
        1,
        r"\bامتحان\b|\bامتحانات\b|\bامتحاني\b|\bاختبار\b|\bاختبارات\b|\bعلاماتي\b|\bعلامات\b|\bدرجاتي\b|\bرسبت\b|\bالشهاده\b",
    ),
    (
        "subject",
        1,
        r"\bالرياضيات\b|\bرياضيات\b|\bالفيزيا\b|\bالفيزياء\b|\bفيزيا\b|\bالكيميا\b|\bالكيمياء\b|\bالاحياء\b|\bالعلوم\b|\bالجغرافيا\b",
    ),
    (
        "exam_now",
        2,
        r"\bامتحان ([^ ]+ )?(كمان|بعد|بعد كمان) ([^ ]+ )?(دقيقه|دقايق|دقائق|ربع ساعه|نص ساعه)\b|\b(بنص|بنصف|وسط|بوسط) (الحصه|الامتحان|الدرس)\b",
    ),
    (
        "parent",
        1,
        r"\bامي\b|\bماما\b|\bبابا\b|\bابوي\b|\bابويه\b|\bابويا\b|\bاهلي\b|\bوالدي\b|\bوالدتي\b|\bيما\b|\bيمه\b|\bيابا\b|\bابي\b",
    ),
    (
        "parent",
        1,
        r"\b(جوز|زوج) (امي|ماما|والدتي)\b|\b(مرت|مرات|مره|زوجه) (ابوي|ابويه|بابا|ابي|والدي)\b",
    ),
    (
        "family_hurts_me",
        2,
        r"\b(ابوي|ابويه|ابويا|بابا|امي|ماما|عمي|خالي|جدي|ابي|والدي|والدتي|المدرب|الاستاذ|الاستاذه|المعلم|المعلمه)( [^ ]+){0,2} [^ ]*(ضرب|لمس|حبس|عذب|حرق|خنق|بهدل)[^ ]*(ني|وني)\b|\b(ابوي|ابويه|ابويا|بابا|امي|ماما|عمي|خالي|جدي|ابي)( [^ ]+){0,2} [^ ]*(قفل|سكر)[^ ]* (علي|عليي)\b",
    ),
    (
        "my_room",
        1,
        r"\b(دخل|بيدخل|يدخل|بيفوت|فات|فاتت|دخلت) (علي|عليي) (ع)?(الحمام|الغرفه|غرفتي|بالحمام|بالغرفه)\b|\b(دخل|بيدخل|يدخل|بيفوت|فات) (علي|عليي)\b|\b(بيقفل|بتقفل|قفل|قفلت|سكر|سكرت|حبس|حبستني|حبسني) (علي|عليي) (بالغرفه|بغرفتي|الغرفه)\b",
    ),
    (
        "control",
        1,
        r"\b(ما|مش|مو|مب) ([^ ]+ )?(بيخلوني|بتخليني|بيخليني|يخلوني|تخليني|يخليني|بخلوني|يسمحولي|بتسمحلي|بيسمحلي|تسمحلي|يسمحلي)\b|\b(اخد|اخدت|اخذ|اخذت|اخدو|اخدوا|اخذو|اخذوا|سحب|سحبت|سحبو|سحبوا|صادر|صادرت|خد|خدت)( مني)? (تلفوني|جوالي|موبايلي|التلفون|الجوال|الموبايل|الايباد|ايبادي)\b|\bمعاقب\b|\bمعاقبه\b|\bعاقبني\b|\bعاقبتني\b|\bممنوع اطلع\b|\bلا تطلع[^ ]*",
    ),
    (
        "home_alone",
        1,
        r"\b(ماما|امي|بابا|ابوي|اهلي)( [^ ]+)? (مش|مو|ما|مب|مانها|ماهي)( [^ ]+)? (بالبيت|في البيت|بالدار|موجود|موجوده|موجودين)\b|\b(لحالي|لوحدي|لحالنا|لوحدنا) (بالبيت|في البيت|بالدار)\b|\bما في (حدا )?كبير\b",
    ),
    (
        "parent",
        1,
        r"\b(اخوي|اخويا|اخي|اخويه|خيي|اختي|اختيه|خيتي) (الصغير|الزغير|الصغيره|الزغيره|الصغنون)\b|\bاخواتي الصغار\b",
    ),
    (
        "babysitter",
        1,
        r"\bالمربيه\b|\bمربيتي\b|\bبيبي سيتر\b|\bالبيبي سيتر\b",
    ),
    ("coach", 1, r"\bالمدرب\b|\bمدربي\b|\bمدربتي\b|\bالمدربه\b"),
    ("practice", 1, r"\bالتمرين\b|\bالتدريب\b"),
    (
        "peer_abuse",
        2,
        r"\b(ابو|ام|اهل|بابا|ماما) (صاحبتي|صاحبي|رفيقتي|رفيقي)( [^ ]+){0,2} [^ ]*(ضرب|لمس|حبس|عذب|حرق)[^ ]*(ها|ه|هم)\b",
    ),
    (
        "hiding",
        1,
        r"\b(مخبي|مخبيه|متخبي|متخبيه|تخبيت|مستخبي|مستخبيه|قافل علي|قافله علي|قفلت على حالي|سكرت على حالي) ([^ ]+ )?(بالخزانه|بالخزنه|تحت التخت|تحت السرير|بالحمام|بغرفتي|بالغرفه)\b",
    ),
    (
        "chores",
        1,
        r"\b(اجلي|اغسل|جليت|غسلت) (الصحون|الجلي|المواعين)\b|\b(ارتب|رتب|رتبت|انضف|نضف) (غرفتي|اوضتي)\b",
    ),
    (
        "curfew",
        1,
        r"\bرجعت (متاخر|متاخره|متأخر|متأخره|لبيت متاخر)\b",
    ),
    (
        "games",
        1,
        r"\bببجي\b|\bفورتنايت\b|\bماينكرافت\b|\bروبلوكس\b|\bبلايستيشن\b|\bالبلايستيشن\b|\bفري فاير\b",
    ),
    (
        "youth",
        2,
        r"\bالكشافه\b|\bالكشاف\b|\bكشافه\b|\bالمخيم الصيفي\b",
    ),
    (
        "secret",
        1,
        r"\bلا (تقول|تقولي|تخبر|تخبري|تحكي|تحكيلي)[^ ]* (لحدا|لاحد|لحد|لاهلك|لامك|لابوك|لماما|لبابا|لحدى)\b|\bما (تقول|تقولي|تحكي|تخبري|تخبر)[^ ]* (لحدا|لاحد|لحد|لاهلك|لامك|لابوك|لماما|لبابا)\b|\bسر (بينا|بيننا|بيناتنا)\b|\b(اهلي|امي|ماما|ابوي|بابا) (مش |ما |رح |هي |هو )?(هيشوفوها|يشوفوها|بيشوفوها|يشوفوا|هيشوفوا|يعرفوا|بيعرفوا|هيعرفوا|هيشوفوه|يشوفوه|تشوفها|تعرف|يعرف|هتعرف|رح تعرف)\b|\bسرنا\b|\bما (اقدر|اكدر|بقدر|بقدرش|اقدرش|اجدر) (احكي|احجي|اقول|اخبر)[^ ]* (لحدا|لاحد|لحد)\b",
    ),
];

const CUES_RU: &[Cue] = &[
    (
        "school",
        2,
        r"\bшкол[^ ]*|\bв классе\b|\bнашем классе\b|\bмоем классе\b|\bвесь класс\b|\bиз класса\b|\bодноклас[^ ]*|\bоднокашк[^ ]*|\bна урок[^ ]*|\bпосле урок[^ ]*|\bперед урок[^ ]*|\bс урок[^ ]*|\bуроки\b|\bдомашк[^ ]*|\bдомашн[^ ]* задани[^ ]*|\bдз\b|\bконтрольн[^ ]*|\bегэ\b|\bогэ\b|\bгиа\b|\bвпр\b|\bобж\b|\bфизр[^ ]*|\bфизкультур[^ ]*|\bна перемен[^ ]*|\bдиректор[^ ]* школ[^ ]*|\bзавуч[^ ]*|\bклассн[^ ]* руководител[^ ]*|\bклассух[^ ]*|\bсочинени[^ ]*",
    ),
    (
        "teacher",
        2,
        r"\bучител[^ ]*|\bучительниц[^ ]*|\bучилк[^ ]*|\bпреподу\b",
    ),
    ("tutor", 1, r"\bрепетитор[^ ]*|\bкружок\b|\bкружк[^ ]*"),
    ("schoolwork", 1, r"\bдоклад[^ ]*|\bреферат[^ ]*"),
    (
        "subject",
        1,
        r"\bурок[^ ]*|\bфизик(а|у|е|и|ой)\b|\bхими(я|ю|и|ей)\b|\bалгебр[^ ]*|\bгеометри[^ ]*|\bлитр(а|у|е|ы)\b|\bлитератур[^ ]*|\bбиологи[^ ]*|\bгеографи[^ ]*|\bматем[^ ]*|\bматеш[^ ]*|\bрусск(ий|ому|ого) язык[^ ]*|\bрусичк[^ ]*|\bангл(ийский|ийскому|ийского|ичанка|ичанки)\b",
    ),
    (
        "exam_now",
        2,
        r"\b(экзамен|контрольная|контроша|зачет|тест) через ([^ ]+ )?(минут|мин|минуту|полчаса)\b|\bпосреди (урока|экзамена|контрольной)\b",
    ),
    (
        "peer_abuse",
        2,
        r"\b(у )?(подруги|подружки|друга|одноклассни[^ ]*) ([^ ]+ ){0,6}(мама|папа|отец|мать|отчим|родители) (ее|его|их)? ?(бьет|бьют|избива[^ ]*|бил[^ ]*|трога[^ ]*)\b",
    ),
    (
        "hiding",
        1,
        r"\b(спряталась|спрятался|прячусь|прячемся|спрятались|закрылся|закрылась|заперлась|заперся|сижу) (в ванной|в шкафу|под кроватью|в туалете)\b|\b(в ванной|в шкафу|под кроватью) (спряталась|спрятался|прячусь|прячемся|спрятались|сижу)\b",
    ),
    (
        "curfew",
        1,
        r"\bпоздно (вернул[^ ]*|пришел|пришла|пришёл)\b",
    ),
    (
        "chores",
        1,
        r"\b(помою|помыть|помыла|помыл|мыть|вымою) посуду\b|\b(убраться|убрать|убралась|убрался|уберусь) в (своей )?комнате\b",
    ),
    (
        "games",
        1,
        r"\bв доте\b|\bдота\b|\bдоту\b|\bв кс\b|\bфортнайт[^ ]*|\bмайнкрафт[^ ]*|\bроблокс[^ ]*|\bбравл[^ ]*|\bкатк(а|у|и)\b|\bприставк[^ ]*|\bплойк[^ ]*|\bплейстейшн[^ ]*|\bиксбокс[^ ]*",
    ),
    (
        "exam",
        1,
        r"\bэкзамен[^ ]*|\bдвойк[^ ]*|\bоценк[^ ]*|\bпятерк[^ ]*|\bтройк[^ ]*|\bканикул[^ ]*",
    ),
    (
        "parent",
        1,
        r"\bмам(а|ы|е|у|ой|очка|очки|очке|очку|уля|ули|ка|ку|ки|ке)\b|\bмамин[^ ]*|\bпап(а|ы|е|у|ой|очка|ка|ку|ки|ке)\b|\bпапин[^ ]*|\bродител[^ ]*|\bпредки\b|\bпредков\b|\bотец\b|\bотца\b|\bотцу\b|\bмать\b|\bматери\b|\bматерью\b|\bбат(я|и|е|ю|ей)\b|\bмамк[^ ]*",
    ),
    (
        "parent",
        1,
        r"\bотчим[^ ]*|\bмачех[^ ]*|\bмамин[^ ]* (муж[^ ]*|парен[^ ]*|парн[^ ]*|сожител[^ ]*|хахал[^ ]*|ухажер[^ ]*|мужик[^ ]*)|\bпапин[^ ]* (жен[^ ]*|девушк[^ ]*|сожительниц[^ ]*)|\b(новый )?муж (мамы|мамки|матери)\b|\bжена (папы|отца)\b|\bпарень (мамы|матери)\b",
    ),
    (
        "family_hurts_me",
        2,
        r"\b(мама|мамка|мать|папа|папка|батя|отец|родители|дядя|дед|дедушка|отчим|мачеха|тренер|учитель|учительница|репетитор) ([^ ]+ ){0,2}(меня|нас) ([^ ]+ )?(бьет|бьют|избива[^ ]*|избил[^ ]*|ударил[^ ]*|бил[^ ]*|трога[^ ]*|лапа[^ ]*|запира[^ ]*|запер[^ ]*|запирл[^ ]*|душ[^ ]*|унижа[^ ]*)\b|\b(мама|мамка|мать|папа|папка|батя|отец|родители|дядя|дед|дедушка|отчим|мачеха|тренер|учитель|учительница|репетитор) ([^ ]+ ){0,2}(бьет|бьют|избива[^ ]*|избил[^ ]*|ударил[^ ]*|бил[^ ]*|трога[^ ]*|лапа[^ ]*|запира[^ ]*|запер[^ ]*|душ[^ ]*|унижа[^ ]*) (меня|нас)\b|\b(меня|нас) ([^ ]+ )?(бьет|бьют|избива[^ ]*|избил[^ ]*|бил[^ ]*|трога[^ ]*|запира[^ ]*) ([^ ]+ )?(мама|мамка|мать|папа|папка|батя|отец|родители|дядя|дед|дедушка|отчим|мачеха)\b",
    ),
    (
        "my_room",
        1,
        r"\b(заходит|заходил|приходит|приходил|врывается|ворвался|лезет) (ко мне )?(в ванную|в комнату|в мою комнату|в душ|ночью)\b|\bзапира[^ ]* меня в комнате\b|\bзапер[^ ]* меня в комнате\b",
    ),
    (
        "control",
        1,
        r"\bне (пускает|пускают|разрешает|разрешают|отпускает|отпускают|дают гулять|дает гулять)\b|\b(отобрал[^ ]*|забрал[^ ]*|отнял[^ ]*|отняли) (у меня )?(телефон[^ ]*|мобильн[^ ]*|ноут[^ ]*|планшет[^ ]*|комп[^ ]*|приставк[^ ]*)|\bнаказал[^ ]*|\bнаказыва[^ ]*|\bпод домашним арестом\b|\bзапрещают\b|\bзапрещает\b",
    ),
    (
        "home_alone",
        1,
        r"\b(мамы|папы|родителей|мамы и папы) ([^ ]+ )?нет( дома)?\b|\b(мама|папа|родители) ([^ ]+ )?на работе\b|\b(один|одна|одни) дома\b|\bвзрослых ([^ ]+ )?нет\b|\bнет ([^ ]+ )?взрослых\b",
    ),
    (
        "parent",
        1,
        r"\bмладш[^ ]* (брат[^ ]*|сестр[^ ]*|братик[^ ]*|сестренк[^ ]*)|\bбратик[^ ]*|\bсестренк[^ ]*|\bбратишк[^ ]*",
    ),
    (
        "babysitter",
        1,
        r"\bнян(я|е|ю|ей|и)\b|\bнянька[^ ]*|\bнянечк[^ ]*",
    ),
    ("coach", 1, r"\bтренер[^ ]*"),
    ("practice", 1, r"\bтренировк[^ ]*|\bв секци[^ ]*"),
    (
        "youth",
        2,
        r"\bвожат[^ ]*|\bв лагере\b|\bв лагерь\b|\bсмена в лагере\b",
    ),
    (
        "secret",
        1,
        r"\bникому не (говори|рассказыва|скаж|расскаж)[^ ]*|\bне (говорить|рассказывать|говори|рассказывай|скажи|расскажи) (маме|папе|родителям|никому)\b|\bнаш[^ ]* (маленьк[^ ]* )?секрет[^ ]*|\bэто секрет\b|\bсекрет между\b|\b(родители|мама|папа) (не )?(увидят|увидит|узнают|узнает|прочитают|прочитает|прочтут)\b",
    ),
    ("parent", 1, r"\bдяд(я|и|е|ю|ей)\b"),
    (
        "bully",
        1,
        r"\bтравят\b|\bтравля\b|\bтравлю\b|\bбуллинг[^ ]*|\bгнобят\b|\bдразнят\b",
    ),
    (
        "slang",
        1,
        r"\bлол\b|\bкринж[^ ]*|\bкраш[^ ]*|\bрофл[^ ]*|\bимба\b|\bжиза\b|\bчел\b|\bкапец\b|\bпипец\b|\bваще\b|\bтус(а|у|е|ы|ить|овка|овку|овке)\b",
    ),
];

/// Adult context: parents about their children, teachers about students,
/// spouses, work, university, memories of childhood. Switches layer 2 off.
const ADULT_EN: &str = r"\b(my|our) (son|sons|daughter|daughters|kid|kids|child|children|toddler|toddlers|teen|teens|teenager|teenagers|stepson|stepdaughter|grandson|granddaughter|grandkids|grandchildren|students|pupils|husband|wife|hubby|fiance|fiancee|partner|boss|manager|coworker|coworkers|colleague|colleagues|employees|landlord|mortgage|professor|lecturer|thesis|dissertation|job|shift|pension|patients|clients)\b|\bmy \d{1,2} ?(yo|y o|year old|yr old|month old|months old)\b|\b(im|i am|iam) (1[89]|[2-9]\d) (years|yrs|yo|y o|and|but|so|now|already|i|my|with|this|next|last)\b|\b(im|i am|iam) (1[89]|[2-9]\d) $|\b(is|hes|shes|turned|turns) [6-9]\d\b|\b(im|i am|as|work as) an? ([^ ]+ ){0,2}(counselor|counsellor|nurse|social worker|psychologist|therapist|principal|teacher|coach|youth worker|youth leader|scout leader|babysitter|nanny|tutor|educator)\b|\bi work (at|in|with|for)\b|\b(i|im|me|my [^ ]+) at work\b|\b(my work|at my work|my workplace|my office|teacher training|student teacher|student teaching|teaching degree)\b|\bmy (little|younger|baby|lil|small) (brother|sister) (is|hes|shes|he is|she is|turned|turns) (1[89]|[2-9]\d)\b|\b(i teach|im a teacher|i am a teacher|as a teacher|teacher here|as a parent|as a mom|as a mum|as a dad|as a mother|as a father|im a mom|im a mum|im a dad|im a mother|im a father|im a parent|single mom|single mum|single dad|as a kid|as a child|when i was (a kid|a child|little|young|younger|a teen|a teenager|in school|in high school|\d{1,2})|growing up|back in (high )?school|years ago|in college|at college|college|university|uni|campus|semester|dorm|grad school|phd|the kids are|the kids and i|with the kids|put the kids|the kids to|pick up|picking up|drop off|dropping off|school run|parent teacher|parents evening|pta)\b";
const ADULT_HE: &str = r"\b(הבנ|הבת|הילד|הילדה|הילדים|התינוק|התינוקת|הנכד|הנכדה|הנכדים|התלמידים|התלמידות|התלמיד|התלמידה|הנער|הנערה|המתבגר|המתבגרת|הפעוט)( [^ ]+)? שלי\b|\b(בני|בתי) (בנ|בת) \d|\bאני (מורה|גננת|מחנכת|מחנכ|יועצת|אמא|אבא|הורה|סבתא|סבא|סטודנט|סטודנטית|גרושה|גרוש|נשוי|נשואה|פנסיונר|פנסיונרית)\b|\bבעלי (?:[^ח]|$)|\bאני (בנ|בת) (1[89]|[2-9]\d)\b|\bאני (עובד|עובדת)\b|\b(אשתי|בנ הזוג שלי|בת הזוג שלי|הבוס|המנהל שלי|המנהלת שלי|העבודה שלי|במשמרת|המשמרת|אוניברסיטה|באוני|סמסטר|הסמסטר|התואר|מכללה|משכנתא|שכר דירה|נכדים|הפלוגה|המפקד שלי|אני במילואים|כשהייתי (ילד|ילדה|קטנ|קטנה|בתיכונ|בבית ספר|נער|נערה)|בתור ילד|בתור ילדה|בתור אמא|בתור מורה|לאסוף את|להסיע את|את הילדים|עם הילדים|הילדים שלנו|הגננת|לתלמידים שלי|תלמיד שלי|תלמידה שלי)\b";
const ADULT_AR: &str = r"\b(ابني|ابنى|ابنتي|بنتي|ولادي|اولادي|اطفالي|طفلي|طفلتي|ابنائي|احفادي|حفيدي|حفيدتي|طلابي|تلاميذي|زوجي|زوجتي|جوزي|مرتي|خطيبي|خطيبتي|حماتي|حمايا|شغلي|بشغلي|دوامي|مديري|الجامعه|بالجامعه|جامعه|جامعتي|الكليه|بالكليه|الماجستير|الدكتوراه|بصغري|مع الولاد|مع الاولاد|مع العيال|قدام العيال|قدام الولاد)\b|\b[^ ]*(جيب|اخد|ياخد|ناخد|نجيب|وصل|اوصل|بوصل) (ال)?(ولاد|اولاد|عيال|اطفال|بنات)\b|\b(انا )?عمري (1[89]|[2-9]\d)\b|\b(انا )?(بشتغل|اشتغل|باشتغل)\b|\bانا (معلم|معلمه|استاذ|استاذه|مدرس|مدرسه|ام|اب|طالب جامعي|طالبه جامعيه|موظف|موظفه|متجوزه|متجوز|متزوج|متزوجه)\b|\b(لما|لمن|لمن ما) كنت (صغير|صغيره|طفل|طفله|بالمدرسه)\b";
const ADULT_RU: &str = r"\b(сын|сына|сыну|сыном|сыне|сынок|сыночек|сынишк[^ ]*|дочь|дочка|дочки|дочке|дочку|дочкой|дочери|дочерью|доча|дочурк[^ ]*|доченьк[^ ]*|внук[^ ]*|внучк[^ ]*|детей|детьми|свекров[^ ]*|свекр[^ ]*|тещ[^ ]*|начальни[^ ]*|босс[^ ]*|коллег[^ ]*|работаю|универ[^ ]*|университет[^ ]*|институт[^ ]*|колледж[^ ]*|студент[^ ]*|сесси[^ ]*|курсов[^ ]*|кафедр[^ ]*|в детстве|ипотек[^ ]*|пенси[^ ]*)\b|\b(мой|моего|моему|моим|наш|нашего|у меня|у нас) ребен[^ ]*|\bребенок\b|\bребенка\b|\bмне (1[89]|[2-9]\d)( лет| год| года)?\b|\bребенку\b|\b(мои|моих|моим|моими|наши|наших|с) дет(и|ей|ям|ьми)\b|\bдети (спят|плачут|уснули|трясутся|дома|со мной|не спят)\b|\b(мои|моих|моим|моими) учени[^ ]*|\bученик(и|ов|ам|ами)\b|\bя (учитель|учительница|педагог|классный руководитель|воспитатель|воспитательница|мама|папа|мать|отец|родитель|бабушка|дедушка|студент[^ ]*|пенсионер[^ ]*)\b|\bкак (мать|отец|родитель|учитель|мама|папа)\b|\b(я на работе|моя работа|мою работу|на моей работе)\b|\bкогда я был[^ ]* (маленьк[^ ]*|ребенком|в школе|школьни[^ ]*|подростком)\b|\b(моя|мою|моей|с) жен(а|у|ой|ы|е)\b|\b(мой|моего|моему|моим|с|бывший|бывшим|бывшего) муж(а|у|ем|е)?\b";
/// "муж" (husband) on its own, unless it is the mother's ("мамин муж").
const ADULT_RU_HUSBAND: &str = r"(?:^ | (?:[^м ]|м[^а ]|ма[^м ])[^ ]* )муж(?:а|у|ем|е)? ";

/// One language's compiled patterns.
struct LangPatterns {
    /// Layer 1, each with whether it holds in an adult context.
    explicit: Vec<(Regex, bool)>,
    cues: RegexSet,
    /// Family and weight of each pattern of `cues`.
    meta: Vec<(&'static str, u8)>,
    adult: Regex,
}

impl LangPatterns {
    fn new(
        lang: &str,
        explicit: &[(bool, &str)],
        cues: &[Cue],
        adult: &[(&str, &str)],
    ) -> LangPatterns {
        let sources: Vec<String> = cues
            .iter()
            .map(|(_, _, p)| pattern_source(p, prefixes_for(lang)))
            .collect();
        let adult_src = adult
            .iter()
            .map(|(l, p)| format!("(?:{})", pattern_source(p, prefixes_for(l))))
            .collect::<Vec<_>>()
            .join("|");
        LangPatterns {
            explicit: explicit
                .iter()
                .map(|(first_person, p)| (compile_pattern(p, prefixes_for(lang)), *first_person))
                .collect(),
            // Constant patterns covered by tests: a broken one is a
            // programming error, never user input.
            cues: RegexSet::new(&sources)
                .unwrap_or_else(|e| panic!("invalid {lang} minor cue pattern: {e}")),
            meta: cues.iter().map(|(f, w, _)| (*f, *w)).collect(),
            adult: Regex::new(&adult_src)
                .unwrap_or_else(|e| panic!("invalid {lang} adult-context pattern: {e}")),
        }
    }
}

struct Patterns {
    /// English, Hebrew, Arabic, Russian: the order of `super::Script`.
    langs: [LangPatterns; 4],
    not_after: Regex,
    arabizi_age: Regex,
    arabizi_now: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    langs: [
        LangPatterns::new("en:", EN, CUES_EN, &[("en:", ADULT_EN)]),
        LangPatterns::new("he:", HE, CUES_HE, &[("he:", ADULT_HE)]),
        LangPatterns::new("ar:", AR, CUES_AR, &[("ar:", ADULT_AR)]),
        LangPatterns::new(
            "ru:",
            RU,
            CUES_RU,
            &[("ru:", ADULT_RU), ("", ADULT_RU_HUSBAND)],
        ),
    ],
    not_after: compile_pattern(&format!("(?:{NOT_AFTER_EN})|(?:{NOT_AFTER_RU})"), ""),
    arabizi_age: compile_pattern(ARABIZI_AGE, ""),
    // a plain regex: the age pattern's closing `\b` (a space once compiled)
    // has taken the space before "now"
    arabizi_now: Regex::new(ARABIZI_NOW).expect("the Arabizi 'now' pattern compiles"),
});

pub(crate) fn warm_up() {
    LazyLock::force(&PATTERNS);
}

/// True when the normalised message reads as written by a child or teenager.
/// `present`: the scripts the message holds (the screen's
/// [`super::Script::present`]);
/// only those languages' patterns run.
pub(crate) fn detect(norm: &str, present: [bool; 4]) -> bool {
    let p = &*PATTERNS;
    let langs = || {
        p.langs
            .iter()
            .zip(present)
            .filter_map(|(l, on)| on.then_some(l))
    };
    let adult = LazyCell::new(|| langs().any(|l| l.adult.is_match(norm)));
    langs().any(|l| explicit(l, norm, &adult))
        || (present[0] && arabizi_age(norm))
        || (!*adult && cue_score(langs(), norm) >= 2)
}

/// Layer 1 for Arabizi: an age of 5-17, unless "now" follows it.
fn arabizi_age(norm: &str) -> bool {
    PATTERNS.arabizi_age.captures_iter(norm).any(|caps| {
        let end = caps.get(0).map_or(0, |m| m.end());
        stated_age(&caps).is_some_and(is_child_age) && !PATTERNS.arabizi_now.is_match(&norm[end..])
    })
}

/// The number an explicit pattern captured, if any.
fn stated_age(caps: &regex::Captures) -> Option<u32> {
    caps.iter().skip(1).flatten().find_map(|m| m.as_str().trim().parse::<u32>().ok())
}

fn is_child_age(age: u32) -> bool {
    (5..=17).contains(&age)
}

/// Layer 1: a stated age, a school grade, "I'm a kid"; a grade only outside
/// an adult context.
fn explicit(l: &LangPatterns, norm: &str, adult: &LazyCell<bool, impl FnOnce() -> bool>) -> bool {
    let not_after = &PATTERNS.not_after;
    l.explicit.iter().any(|(re, first_person)| {
        re.captures_iter(norm).any(|caps| {
            if !first_person && **adult {
                return false;
            }
            let whole = caps.get(0).map_or(0..0, |m| m.range());
            if not_after.is_match(&norm[whole.end..]) {
                return false;
            }
            stated_age(&caps).is_none_or(is_child_age)
        })
    })
}

/// Layer 2: the summed weight of the cue families present, each family at
/// its highest weight (families are shared across languages).
fn cue_score<'a>(langs: impl Iterator<Item = &'a LangPatterns>, norm: &str) -> u8 {
    cue_families(langs, norm).iter().map(|(_, w)| *w).sum()
}

/// The cue families present, each at its highest weight.
fn cue_families<'a>(
    langs: impl Iterator<Item = &'a LangPatterns>,
    norm: &str,
) -> Vec<(&'static str, u8)> {
    let mut best: Vec<(&'static str, u8)> = Vec::new();
    for l in langs {
        for i in l.cues.matches(norm).iter() {
            let (family, weight) = l.meta[i];
            match best.iter_mut().find(|(f, _)| *f == family) {
                Some(slot) => slot.1 = slot.1.max(weight),
                None => best.push((family, weight)),
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::super::Script;
    use super::*;

    fn minor(text: &str) -> bool {
        let norm = normalize(text);
        detect(&norm, Script::present(&norm))
    }

    /// The families a message's cues fall in (for failure messages).
    fn families(text: &str) -> Vec<(&'static str, u8)> {
        let norm = normalize(text);
        let present = Script::present(&norm);
        let langs = PATTERNS
            .langs
            .iter()
            .zip(present)
            .filter_map(|(l, on)| on.then_some(l));
        cue_families(langs, &norm)
    }

    fn assert_minor(texts: &[&str]) {
        for t in texts {
            assert!(minor(t), "should read as a minor: {t} {:?}", families(t));
        }
    }

    fn assert_not_minor(texts: &[&str]) {
        for t in texts {
            assert!(
                !minor(t),
                "should not read as a minor: {t} {:?}",
                families(t)
            );
        }
    }

    #[test]
    fn patterns_compile_and_avoid_the_folding_traps() {
        warm_up();
        let cues = CUES_EN.iter().chain(CUES_HE).chain(CUES_AR).chain(CUES_RU);
        let explicit = EN.iter().chain(HE).chain(AR).chain(RU).map(|(_, p)| *p);
        let adult = [ADULT_EN, ADULT_HE, ADULT_AR, ADULT_RU, ADULT_RU_HUSBAND];
        for p in cues.map(|(_, _, p)| *p).chain(explicit).chain(adult) {
            for trap in ["\\S", "\\W", "\\D", "\\B", "\\b.*\\b", "\\b(\\s", "\\b\\b"] {
                assert!(!p.contains(trap), "pattern uses {trap}: {p}");
            }
        }
    }

    #[test]
    fn explicit_ages_grades_and_self_descriptions() {
        assert_minor(&[
            "im 14 and i want to die",
            "I'm fifteen and nobody listens",
            "im just a kid, what do i do",
            "in 7th grade and everyone hates me",
            "אני בת 13 ואני מפחדת",
            "אני רק ילד",
            "عمري ١٤ وبدي انتحر",
            "انا عندي 15 سنة وبابا بيصرخ علي",
            "أنا ١٣ سنة في غرفتي وهم يتهاوشون برا",
            "мне 13 и мне страшно",
            "я ещё ребёнок, мне никто не верит",
            // a first-person age holds in an adult-sounding message too
            "im 16 and my boss at the cafe yells at me",
        ]);
        assert_not_minor(&[
            "im 34 and tired of everything",
            "i have been crying for 14 days",
            "мне 45 лет, жена ушла",
            "انا 40 سنة ومتعب من كل شي",
            // a grade in a parent's or teacher's message
            "my son is in 7th grade and gets bullied",
            "i teach 7th grade and a student said she wants to die",
            "הבת שלי בכיתה ח והיא לא מדברת איתי",
        ]);
    }

    #[test]
    fn english_cues() {
        assert_minor(&[
            "my stepdad locked me in my room and took my phone",
            "coach says its our secret and i cant tell my parents",
            "my mom took my phone and grounded me for a week",
            "my mom wont let me go out and i feel so alone",
            "my little brother is crying and mom isnt home, the siren is going",
            "the kids at school laugh at me every day",
            "i hate school so much i want to disappear",
            "exam in 20 min and i cant stop crying",
            "my coach keeps touching me and said if i tell anyone im off the team",
            "mommy wont wake up",
            "got a B+ on the history test!!",
            "is this private? can my parents see what i write here",
            "my friends dad hits her every day and she is scared to go home",
            "my uncle does things to me at night and says its our secret",
        ]);
    }

    #[test]
    fn hebrew_cues() {
        assert_minor(&[
            "המאמן אומר שזה סוד ואסור לי לספר להורים",
            "המדריך בתנועה שלח לי הודעות מוזרות",
            "אני שומר על האח הקטן שלי ואמא לא בבית ויש אזעקה",
            "אבא שלי לקח לי את הטלפון ואני לא יכול לדבר עם אף אחד",
            "מחר יש לי בגרות במתמטיקה ואני לא מפסיקה לבכות",
            "עשו עליי חרם בכיתה",
            "המורה צעק עליי מול כולם",
            "התקף חרדה באמצע השיעור, לא מצליחה לנשום",
            "שיעורי הבית בפיזיקה הורגים אותי",
        ]);
    }

    #[test]
    fn arabic_cues() {
        assert_minor(&[
            "بدي رقم خط المساعدة بمشروع مدرسي",
            "المعلمة بالمدرسة بتصرخ علي كل يوم",
            "ابوي اخد تلفوني وما بيخليني اطلع من البيت",
            "عندي واجبات كتير والاستاذ رح يعاقبني",
            "امتحانات التوجيهي مخلياني متوترة كتير",
            "جوز امي بيدخل علي الحمام",
            "ابوي بيضربني بالحزام",
            "الاستاذ بيلمسني وبيقولي لا تقولي لحدا",
        ]);
    }

    #[test]
    fn russian_cues() {
        assert_minor(&[
            "для доклада в школе нужен номер горячей линии",
            "моих родителей нет дома, брат плачет, сирена",
            "отчим забрал у меня телефон и запер меня в комнате",
            "училка орёт на меня каждый урок",
            "перед ОГЭ трясёт, не могу уснуть",
            "мачеха заперла меня в комнате и не даёт есть",
            "тренер трогает меня и говорит что это массаж",
            "отчим бьёт маму, я в шкафу спряталась",
            "экзамен через 15 минут а я не могу перестать реветь",
        ]);
    }

    #[test]
    fn one_weak_cue_is_not_enough_and_a_family_counts_once() {
        assert_not_minor(&[
            "my mom is in the hospital",
            "my mom and my dad are fighting again",
            "my little brother fell in the pool",
            "this exam is going to be the death of me",
            "my coach says im overtraining",
            "אמא שלי בבית חולים ואבא שלי לא מתפקד",
            "امي بالمستشفى وابوي تعبان كتير",
            "мама в больнице, папа не справляется",
            "my stepdad passed away and my mom is a mess",
            "my uncle died last night and my mom is devastated",
        ]);
    }

    #[test]
    fn parents_teachers_and_adults_do_not_read_as_minors() {
        assert_not_minor(&[
            "my son has homework every night and he cries, what do i do",
            "I'm a teacher and one of my students told me her dad hits her",
            "I'm a homeroom teacher. What warning signs should I watch for?",
            "my daughter's teacher called me about bullying at school",
            "i have to pick up the kids from school at 3, then work",
            "when i was a kid my dad used to hit me and i still have nightmares",
            "my husband took my phone and locked me in the apartment",
            "my husband won't let me see my parents",
            "failed my exam at university, my parents will be so disappointed",
            "my kid's coach told him to keep it a secret",
            "im 45 and my father still yells at me",
            "my little brother is 30 and still lives with my mom",
            "הבן שלי חוזר מבית הספר בוכה כל יום",
            "אני מורה ותלמיד שלי סיפר שאבא שלו מכה אותו",
            "בעלי לקח לי את הטלפון ולא נותן לי לצאת",
            "כשהייתי ילדה אבא שלי היה מרביץ לי",
            "אני צריכה לאסוף את הילדים מבית הספר",
            "ابني بيرجع من المدرسة وهو بيبكي كل يوم",
            "انا معلمة وطالبة عندي قالت انه ابوها بيضربها",
            "جوزي اخد موبايلي وما بيخليني اطلع",
            "مين رح يجيب الولاد من المدرسة اليوم؟",
            "امتحان الجامعة بكرا واهلي رح يزعلوا",
            "сын приходит из школы и плачет каждый день",
            "я учитель, ученица сказала что отец её бьёт",
            "муж забрал у меня телефон и не пускает к родителям",
            "в детстве отец бил меня, до сих пор снится",
            "надо забрать детей из школы",
            "я работаю в школе, ученик угрожал мне",
        ]);
    }
}

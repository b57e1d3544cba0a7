//! English rules (Latin script), including transliterated Hebrew words that
//! Israelis mix into English ("mamad", "tzeva adom", "ani rotze lamut").

use super::rules::{r, RuleDef};
use crate::Label;

const I: Label = Label::ImminentRisk;
const M: Label = Label::MedicalEmergency;
const A: Label = Label::AbuseOrViolence;
const S: Label = Label::AcuteStress;

/// An ordinary thing the writer wants to end: "I want this exam to be over",
/// "I wish this week would just end", "I want this siren to stop", "when will
/// the war end". The rules still read it; the classifier, which learnt "want
/// it to be over" from crisis messages, does not raise it.
pub(crate) const ORDINARY_END: &str = r"\b(want|wish|need|cant wait for|waiting for|praying for|hope) (this|the|that|these|those|my|our|all (this|the|these)) ([a-z]+ ){0,2}(exam|exams|test|tests|quiz|finals|midterm|midterms|week|day|month|year|semester|term|meeting|meetings|class|lecture|shift|workday|siren|sirens|alert|alerts|war|fighting|rockets|rocket fire|booms|noise|drilling|construction|renovation|move|trip|flight|drive|commute|winter|summer|heat|heatwave|rain|lockdown|quarantine|deadline|project|season|game|match|movie|headache|cold|flu|period|cramps|wedding|election|strike|blackout|power cut|queue|wait|holiday|holidays|party|call|interview|presentation|hangover|traffic|weekend|vacation|ceasefire talks|news) (to (be )?(over|done|finished)|to (end|stop|finish|pass|go away)|would (just )?(end|stop|be over|finish|pass|go away)|(is|was) over|end already|over already)\b|\bwhen (will|does|is) (this|the|that) ([a-z]+ )?(war|exam|exams|week|day|semester|siren|sirens|alert|alerts|heat|move|meeting|lockdown|deadline|noise|drilling|rain|winter|shift) (end|stop|be over|finish)\b|\b(id|i would|i d) (honestly |literally |genuinely )?rather die than (sit through|sit in|go to (the|another|his|her|their|that|this|a|my) [a-z]+|do (the|another|my|his|her|this|that) [a-z]+|watch|listen to|eat|attend|wait in|stand in|spend (another|a|the|my)|read|drive to|ride|wear|play|take (the|another|a) (bus|train|exam|test|class)|redo|repeat)\b";
/// Informational or fictional framing (switches off `not_info` rules).
/// A past attempt told as over: a time long ago and a life that went on
/// ("tried to end his life back in 2017, he's doing great now").
/// An everyday errand told with a high place: waiting for a named person or a
/// tradesman, repairs and cleaning up there, photos of the view.
pub(crate) const ERRAND: &str = r"\bwaiting for (my |the |a )?(technician|plumber|electrician|engineer|roofer|builder|bus|taxi|uber|ride|delivery|courier)\b|\bwaiting for [a-z]+ (hes|shes|theyre|he is|she is) (late|running late)\b|\b(clearing|cleaning|fixing|repairing|installing|painting|adjusting) (the |my |our )?(gutters?|antenna|aerial|satellite dish|dish|solar panels?|solar heater|water heater|tiles|chimney|railing)\b|\b(taking|take|getting) (photos|pictures|pics|a photo|a picture)\b|\b(the|watching the|watch the) (sunset|sunrise|fireworks)\b|\bwith (a |my |some )?(tea|cup of tea|cuppa|coffee|book)\b|\b(balcony|roof|rooftop|terrace) (plants|garden|flowers|herbs|tomatoes|planters|bbq|barbecue|grill)\b|\b(plants|flowers|herbs|tomatoes|planters) (on|up on|out on) (the|my|our) (balcony|roof|terrace)\b|\bpigeons (keep )?(nesting|landing|on)\b|\b(hanging|hang|drying) (the |my |our )?(laundry|washing|clothes)\b|\b(railing|balcony|building) permit\b|\bbuilding code\b|\b(rooftop|roof|top floor) (pool|bar|garden|terrace|restaurant|cafe|party|cinema|gym|lounge|deck)\b";
/// An intent to jump or let go, which an errand at a high place does not explain ("on the
/// roof waiting for the technician, i want to jump").
pub(crate) const LEAP: &str = r"\b(want to|wanna|going to|gonna|about to|ready to|plan to|planning to|i will|ill|thinking (of|about)( just)?|could just|might just|should just) (jump|jumping|step off|stepping off|let go|letting go|go over|going over|throw myself|end it)\b";
/// After "won't be around next week": a trip or work away, told with how to
/// reach the writer ("off to Crete, ping me if the build breaks").
const TRIP_AFTER: &str = r"^.{0,80}\b(off to|flying|fly out|on (holiday|vacation|leave|a trip|a business trip)|holiday|vacation|business trip|conference|ping me|dm me|text me|email me|message me|back on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|back next (week|month))\b";
pub(crate) const PAST: &str = r"\b(years? ago|\d+ (yrs|years) ago|when i was \d+|back in (19|20)\d\d|in (19|20)\d\d|(at|when i was|when (he|she|they) (was|were)) (1\d|2\d|young|a teen|a teenager|in school|in high school)|at age \d\d)(\s.*)?\b(doing (great|well|fine|better|amazing|brilliantly)|(is|s|are|im|i am) (fine|ok|okay|happy|married|engaged|thriving|a doctor|a nurse|a volunteer|a counsell?or|in therapy|years into therapy)|got (married|engaged)|recovered|proud of (him|her|them)|turned (his|her|their|my) life around|glad (im|i am|to be) (still )?(here|alive)|therapy (saved|helped)|works as|(a|way|much|so much) better place|way better|much better|doing (way )?better|better now|clean for|years clean|volunteer[^ ]*|today i (ran|graduated|finished|got|started|am)|it gets better|now (he|she|they|i) (is|are|s|has|have|helps|works|volunteers|runs|talks|am|m))\b|\b(doing (great|well|fine|better|amazing|brilliantly)|(is|s|are|im|i am) (fine|ok|okay|happy|married|engaged|thriving|a doctor|a nurse|a volunteer|a counsell?or|in therapy|years into therapy)|got (married|engaged)|recovered|proud of (him|her|them)|turned (his|her|their|my) life around|glad (im|i am|to be) (still )?(here|alive)|therapy (saved|helped)|works as|(a|way|much|so much) better place|way better|much better|doing (way )?better|better now|clean for|years clean|volunteer[^ ]*|today i (ran|graduated|finished|got|started|am)|it gets better|now (he|she|they|i) (is|are|s|has|have|helps|works|volunteers|runs|talks|am|m))(\s.*)?\b(years? ago|\d+ (yrs|years) ago|when i was \d+|back in (19|20)\d\d|in (19|20)\d\d|(at|when i was|when (he|she|they) (was|were)) (1\d|2\d|young|a teen|a teenager|in school|in high school)|at age \d\d)\b|\b(she|he|they)( [a-z]+){0,2} (is|s|are) (already )?(fine|ok|okay|better) now\b|\b(she|he|they)( [a-z]+){0,2} (is|s|are) already (fine|ok|okay|better)\b|\b(3amnawel|l3am li fat|l3am lli fat|l3am lfayet|men sana|men 3amein|men 3amen|sanatain|9bel 3amein|qbel 3amein|men snin)(\s.*)?\b(labas|l7amdulah|l7amdulillah|hamdullah|7amdella|mnee7|mni7|mzyan|a7san|ahsan)\b";
/// A present attempt or intent beside a past one ("years ago I tried. now I have the pills
/// again"): the past frame does not hold. Read after [`WELL_AGAIN`] is taken out.
pub(crate) const RELAPSE: &str = r"\b(again|this time|one more time|once more|finish (it|the job|what i started)|relaps[a-z]*|(going|gonna|about|planning|plan|ready) to (do|try|finish|end|take|kill|cut|jump|od|overdose)|(do|end|finish|try) it tonight)\b";
/// "Again" that tells of recovery ("happy again", "never again"), taken out before [`RELAPSE`].
pub(crate) const WELL_AGAIN: &str = r"\b(happy|smiling|laughing|living|alive|whole|well|healthy|myself|working|running|dating|painting|singing|dancing|hopeful|me) again\b|\bnever again\b";
pub(crate) const INFO: &str = r"\b(school|class|uni|university|college|research) (project|assignment|report|paper|presentation)\b|\b(homework|essay|assignment|thesis|statistics|movie|movies|film|films|series|tv show|book|novel|character|video game|song|lyrics|episode|documentary|villain|fiction|poem|podcast|article)\b|\bwhat does [a-z ]{1,30} mean\b|\bmeaning of\b|\bhistory of\b|\b(if|when) (someone|somebody|a person|a friend|anyone|people|a student|a child|a kid) (says|say|tells|talks|threatens|is thinking|wants to (die|end it|kill))\b|\bhow (do|can|should) (i|you|we) (help|support|talk to|respond to) (someone|somebody|a friend|a person|people|anyone)\b|\b(writing|doing|preparing) (an?|my|our) (essay|paper|report|presentation|project)\b|\b(a|the|short|bedtime|love|horror|true|ghost) story\b|\bstory (about|of)\b|\bwhat are (the |some )?(warning )?signs\b|\b(warning )?signs (that|of) (a|my|someone|somebody|the) (student|teen|teenager|child|kid|friend|person|son|daughter|someone|somebody)\b|\bhow (do|can|would) (i|you|we) (tell|know|spot|recognize) if (a|my|someone|somebody)\b|\bdifference between\b|\bstudying for (an? |my |the )?(exam|test|quiz|finals)\b|\bin the news\b|\bnews (story|report|article)\b|\bjust (curious|wondering)\b|\bis it (ok|okay|safe|fine|dangerous|bad) to (take|mix|combine|have)\b|\b(the|that|this)( [a-z]+){0,3} meme (where|about|with)\b|\bmemes? (about|on|with)( [a-z]+){0,3} (on|in) (tiktok|twitter|reddit|instagram|youtube)\b|\binstead of (the )?(normal|real|actual|proper) word\b|\bfirst aid (course|class|training|exam|question)\b|\bcpr (course|class|training)\b|\b(psych|psychology|sociology|health|science|research|school|class) (project|assignment|paper|essay|class)\b|\b(suicide|self harm) (rates?|statistics|stats|prevention (week|month|day|campaign))\b|\bwhat (warning )?signs\b|\bwarning signs\b|\b(storyline|plot|seminar|13 reasons why)\b|\b(vet|nursing|pharmacy|medical) (school|student|exam|class)\b|\b(veterinary|pharmacology|toxicology)\b|\bfor (my|a|the|our) (dog|cat|puppy|kitten|pet|horse|rabbit|parrot)\b|\b(premiers secours|secourisme)\b|\b(running|rehearsing|practicing|practising|learning) (my |the |our )?lines\b|\b(monologue|screenplay|rehearsal|act (one|two|three|1|2|3))\b";
/// Jokey hyperbole needs a laugh marker (or emoji) and a trivial cause.
pub(crate) const LAUGH: &str = r"\b(lol|lmao|lmfao|haha\w*|hehe\w*|jk|rofl|xd|smh|hh|mdr|ptdr)\b";
pub(crate) const TRIVIAL: &str = r"\b(cafeteria|lasagna|lunch|email|emails|my boss|the boss)\b|\b(match|ranked|game|boss|lobby|bronze|fortnite|valorant|minecraft|tickets?|concert|tour|tour dates)\b|\b(boring|bored|meeting|meetings|class|lecture|homework|exam|test|traffic|monday|mondays|examen|lexamen|controle|lcontrole|cringe|embarrass\w*|awkward|hangover|song|episode|show|queue|line at|joke|jokes|meme|memes|pun|coffee|coffees|caffeine|energy drinks?|keys|wifi|wifis|internet|router|charger|printer|bureaucracy|paperwork|netflix|my cat|the cat|group chat)\b|\b(haircut|hair|hairstyle|outfit)\b";
/// The writer insists they mean it.
/// The writer says a risky question is about them, not a story or a project:
/// it cancels the informational frame and counts as a weak cue.
pub(crate) const DISCLAIM: &str = r"\b(asking for real|for real not|not for a (story|project|book|school project|essay|friend)|not asking for a friend|asking for myself|not for (someone|somebody) else)\b|\b(at|for|after) my (funeral|burial|wake)\b|\bwhen (you|they) bury me\b|\bi (have|ve got|got) (both|them|it|all of it|enough|the [a-z]+) (here|right here|with me|on me|in front of me)\b|\bi (did|just did|already did|have done|ve done|will do|am going to do|m going to do|m gonna do) the same\b|\bi (already|just|also) (took|swallowed|sent|wrote|cut|did)( mine| it| them)?\b|\bi already sent mine\b|\b(gonna|going to|will|ill|want to|wanna|about to) do (that|this|it|the same)( [a-z]+)? (irl|in real life|for real|tonight|today)\b";
pub(crate) const EARNEST: &str =
    r"\b(not (joking|kidding)|no joke|im serious|seriously|for real|fr|i mean it|not a joke)\b";
/// A message that plans a future ("see you tomorrow") is not a farewell.
/// A future that ends: cancels "continuing" and counts as a weak cue.
pub(crate) const FINALITY: &str = r"\b(after|past|by|beyond) (tonight|today|this weekend)( [a-z]+){0,3} (i|ill|im|it|wont|no|there)\b|\bi (wont|will not) be (here|around|alive|needing|a problem|a burden)\b|\bwont (need|be needing) (this|it|them|anything) (anymore|after)\b|\b(by|before) (tomorrow|morning|the morning) (ill|i will|it will|itll) (be )?(gone|over|done)\b|\b(tomorrow|tonight) (ill|i will) (be )?(gone|free|at peace)\b";
pub(crate) const CONTINUING: &str = r"\b(see (you|ya|u)|talk (to you |to u )?(later|tomorrow|soon)|tomorrow|next (week|time|month|year)|in (two|2|a few|few) (weeks|days)|when i (get|come) back|after (the|my) (vacation|holiday|trip))\b|\b(leaving|left|quitting|leave) (the|this|our) (server|guild|group|discord|chat|clan|job|company|dorms?|team|channel)\b|\bmoving (out|away|abroad|house|to)\b|\bgg (everyone|all|guys)\b|\b(allergic|allergy|allergies|landlord|new baby)\b|\bbaby(s| is) here\b|\bbaby (was )?born\b|\b(just )?had (a|our|the) (baby|son|daughter|first child|first kid)\b|\bbaby (came|arrived)\b";

pub(crate) const RULES: &[RuleDef] = &[
    // ---- imminent risk: explicit intent, method, obfuscations ----
    r("en:kms", I, 2, r"\b(kms|kmys|kts)\b").not_hyperbole(),
    // "kys" aimed at someone else ("go kys", "uninstall and kys") is an insult, not risk
    r("en:kms", I, 2, r"\bkys\b").before(r"(^| )(go|and|pls|please|just go|u should|you should|ur|youre|hey|lol|lmao|noob|bro|uninstall|pls just)$"),
    r("en:kill_self", I, 2, r"\b(kil+|kil+ing|kil+ed|murder|murdering|off|offing|end|ending|neck|hang|hanging|drown|drowning|shoot|shooting|poison|poisoning|unalive|delete|suffocate|starve) ?(my|me|mi|ma|him|her|them|your|ur|yo) ?(self|selves|slef)\b")
        .after(r"^\s*(at|over|with|trying|working|for (this|the|a|my) (job|exam|project|test|work))\b")
        .not_info()
        .not_hyperbole(),
    r("en:self_harm", I, 2, r"\bself ?harm\w*\b").before(r"\b(used to|years ago|stopped)$").not_info(),
    r("en:hurt_self", I, 1, r"\b(hurt|hurting|harm|harming|cut|cutting|burn|burning|starve|starving|punish|punishing) ?(my|me|him|her) ?self\b")
        .after(r"^\s*(at|in|while|during|on (the|a)|shaving|cooking)\b"),
    r("en:hurt_self", I, 1, r"\b(been|started|keep|kept|relapsed|im|i am|she is|shes|he is|hes|been|back to) cutting\b|\bcuts on (my|her|his|their) (arm|arms|wrist|wrists|legs|thighs)\b"),
    r("en:self_harm_act", I, 2, r"\b(cut|cutting|hurt|hurting|harm|harming|burn|burning|burned|burnt) (my ?self|my (arms?|wrists?|legs?|thighs?|skin|stomach))( [a-z]+){0,3} (deep|too far|every (night|day|single day)|again|blood everywhere|and (i )?(cant|cannot) (make it )?stop)\b|\b(been|started|keep|kept|relapsed|im|back to) cutting( [a-z]+){0,3} (again|every|deep|too far)\b|\bblood everywhere\b").not_info(),
    r("en:suicide", I, 2, r"\bsuicid(e|al|ality)\b")
        // negated, or the noun as a predicate ("that exam was suicide")
        .before(r"\b(not|im not|never|never been|wasnt|not feeling|arent)$|\b(that|this|it) (was|is|would be)( pure| literally| basically| social| political| career)?$|\b(thats|its)( pure| literally| basically| social| political| career)?$")
        .after(r"^\s*(squad|bomb\w*|attack\w*|mission|drone\w*|prevention|awareness|hotline|line|helpline)\b")
        .not_info()
        .not_hyperbole(),
    r("en:suicide_act", I, 2, r"\b(commit|commiting|committing|attempt|attempted|attempting|considering|thinking about|contemplating|planning) suicide\b").not_info(),
    r("en:obfuscated", I, 2, r"\bsewer ?slide\w*\b|\bunaliv(e|ing|ed)\b|\bself ?delet(e|ing|ion)\b").not_info(),
    r("en:want_die", I, 2, r"\b(want|wanna|wish|ready|plan|planning|decided|deserve|need|have|trying|tried|try|wants|wanted|would rather|id rather|rather|should|just want|let me) (to )?(die|be dead|not exist|not be alive|stop existing|stop living|disappear forever|disappear for good|disappear permanently|sleep forever|never wake up|not wake up|just die)\b")
        .before(r"\b(dont|do not|doesnt|didnt|never|not|dont even|im not|were (all )?|we are (all )?|were all)$")
        .after(r"^\s*(for|of|laughing|from|to see|if|when|inside|on this hill|in (a|this|the) game|alone with|happy|old|than)\b")
        .not_hyperbole(),
    // The writer's own life as the thing to end ("i want my life to be over"); an exam or a week
    // is ORDINARY_END.
    r("en:life_over", I, 2, r"\b(want|wanna|wish|need|just want|pray for|ready for) my (life|existence) to (be over|end|stop|be done|finish)\b")
        .before(r"\b(dont|do not|doesnt|didnt|never|not)$")
        .not_hyperbole(),
    r("en:point_living", I, 2, r"\bwhats the point (of|in) (living|life|going on|being alive)\b"),
    // the writer wanting themselves over, as one wants an exam over ("i want this exam to be over. i want me to be over too")
    r("en:self_end", I, 2, r"\b(want|wish|need) (me|myself) to (end|be over|stop existing|disappear)\b|\bi (want|wish|need) to be over\b"),
    r("en:want_die", I, 2, r"\bwish (i|id) (was|were|could|would) (die|be dead|dead|disappear|never wake up)\b|\bi should (just )?(die|be dead)\b|\bbetter (off )?dead\b|\b(hope|wish|pray) i (dont|never|wont|do not|will not) wake up\b|\b(going to|gonna) disappear (for good|forever)\b"),
    r("en:not_worth", I, 2, r"\b(life|living|my life|it) (isnt|is not|aint|not|is no longer) worth (living|it anymore|living anymore)\b|\b(dont|do not|doesnt|dont even) deserve to (live|be alive|exist)\b|\b(want|need) (the pain|it all|everything|this|all of this) to (stop|end) (forever|for good|permanently)\b|\bwalk off a (short )?(bridge|pier|cliff|roof)\b"),
    r("en:co", I, 2, r"\bengine running\b(.{0,40}\b)?garage\b|\bgarage\b(.{0,40}\b)?engine running\b|\bcharcoal\b(.{0,30}\b)?(room|tent|car|bathroom)\b"),
    r("en:stockpile", I, 2, r"\b(stockpiling|stockpiled|saving up|saved up|saving|hoarding|hoarded|collecting) (my |the |all my )?(pills|meds|medication|antidepressants|tablets|sleeping pills|sleeping tablets|painkillers|insulin)\b"),
    r("en:happier_without", I, 2, r"\b(everyone|everybody|they|people|my family|the world|my parents|my kids)( [a-z]+){0,2} (would|will|d) be (better off|happier|fine|better|relieved)( [a-z]+){0,3} (without me|if i (wasnt|was not|werent|wasnt even) (here|around|alive|born))\b"),
    r("en:research", I, 2, r"\b(looking up|looked up|searching|searched|researching|googling|googled) (how to (die|kill myself|end it|overdose)|ways to (die|end it)|painless ways|suicide methods)\b"),
    r("en:research_hint", I, 1, r"\b(looking up|looked up|searching|researching|googling|googled) (bridges|tall buildings|the tallest|cliffs|train times|overdose|pills|lethal)\b"),
    r("en:ideation", I, 1, r"\b(thinking|think|thought|obsessing) (about|of) (dying|death|being dead|not being here|not existing|my funeral)\b|\b(if i )?(just )?(wasnt|werent|was not) (here|around|alive|born)( anymore)?\b|\bready to (go|leave this world|be done)\b|\bsudoku\b"),
    r("en:vague_intent", I, 1, r"\b(going to|gonna|ready to|about to) (finally )?(do it|go through with it)\b|\bplanning (how|it|the details|my death)\b"),
    r("en:cutting_now", I, 2, r"\bcutting (rn|right now|atm|rite now)\b|\b(cant|can t|cannot) stop cutting\b"),
    r("en:wrists", I, 2, r"\b(cut|cutting|slit|slitting|slash|slashing) (my|his|her|their|your) (wrists?|veins|throat)\b"),
    r("en:acquire", I, 1, r"\b(bought|got|found|tied|made|have|holding) (a |the )?(rope|noose)\b|\bgun (in my hand|to my head|in my mouth)\b|\bloaded (the|my|his|her) gun\b")
        // a rope for the tent, the boat or the climbing wall is not acquired means
        .after(r"^\s*(for|to) (the |a |my |our |his |her )?(camping|camp|climbing|climb|trip|tent|boat|sailing|swing|hammock|gym|class|clothesline|washing line|tug of war|game|dog|project)\b"),
    r("en:end_life", I, 2, r"\b(end|ending|take|taking|took|finish|make finish of|finishing) (my|his|her|their) (own )?(life|lfie|lief|lyfe)\b|\b(end|ending) (it|everything|things) (all|for good|tonight|today|now)\b|\bend it all\b"),
    r("en:end_it", I, 2, r"\b(im|i am|gonna|going to|will|ill|about to|ready to|decided to|want to|wanna|plan to|planning to|thinking about|thinking of) (end|ending) (it|things|everything)\b")
        .after(r"^\s*(with|between)\b"),
    r("en:no_reason", I, 2, r"\b(no|not any|dont have (a|any)|nothing|no more|lost (my|all)) (reason|point|purpose|will)( for me)? (to|in|for) (live|liv|living|go on|going on|keep going|being alive|be alive|life|stay alive)\b"),
    r("en:no_reason", I, 2, r"\b(dont|cant|do not) see (the|any) point (in|of) (going on|living|life|being alive|anything anymore|carrying on)\b"),
    r("en:not_alive", I, 2, r"\b(dont|do not|doesnt|does not|didnt|dont even|no longer|never) want (to )?(be alive|live|exist|wake up|be here anymore|keep living|go on)\b")
        .after(r"^\s*(early|at|before|so early|in (a|this)|like this|with)\b"),
    r("en:tired_life", I, 2, r"\b(tired|sick|done|exhausted) (of|with) (living|life|being alive|existing|it all)\b"),
    r("en:overdose", I, 2, r"\b(overdos\w*|od|oding|oded|odd on)\b")
        .after(r"^\s*on (coffee|caffeine|sugar|chocolate|candy|netflix|anime|tiktok)\b")
        .not_info(),
    r("en:lethal", I, 2, r"\b(lethal|deadly|fatal|overdose) (dose|amount|quantity)\b")
        .after(r"^\s*of (caffeine|coffee|energy drinks?|water|sugar|salt|chocolate|vitamin \w+)\b")
        .not_info()
        .not_hyperbole(),
    r("en:how_many", I, 2, r"\bhow (many|much) [a-z0-9 ]{0,60}(to (just )?die|to (just )?not wake up|to never wake up|to kill (me|myself|a person|someone|you)|to end it|to overdose|would kill (me|a person|you)|is (a )?(lethal|fatal|deadly)|are (lethal|fatal|deadly)|(would|will|could|to) stop my heart)\b").not_info(),
    r("en:how_many", I, 2, r"\bhow (many|much) (of )?(my |the |these |those |her |his )?(pills?|tablets?|meds|medication|medicine|paracetamol|acetaminophen|tylenol|panadol|ibuprofen|advil|aspirin|insulin|sleeping pills|antidepressants|painkillers|xanax|valium|benadryl|melatonin|lithium|oxy|oxycodone|morphine|fentanyl|heroin)( [a-z0-9]+){0,3} (would|will|could) be (lethal|fatal|deadly|an overdose|too much to survive)\b").not_info(),
    r("en:pill_act", I, 1, r"\b(take|taking|swallow|swallowing|took|swallowed|popped|pop|downed|ate|eat|chugged)( like| about| around| maybe| over)? (them all|all of them|all (my|the|of my|of the|her|his)|the (whole|entire)|a (whole|full) (bottle|box|pack|packet|strip)|(a lot|lots|loads|tons|a bunch) of (them|it)|(it|them) all at once|a (bottle|box|pack|packet|strip|bunch|handful) of|everything|\d\d+|twenty|thirty|forty|fifty|a hundred|a handful|a bunch|too many|so many|loads|half (a|the))\b").after(r"^\s*((of|bag of|box of|pack of|packet of|tub of|jar of|bottle of|pint of|tray of) )?([a-z]+ ){0,2}(biscuits|crisps|chips|cookies|sweets|candy|gum|skittles|haribo|mints|chocolate|chocolates|oreos|pizza|cake|cheesecake|ice cream|popcorn|doritos|pringles|nuggets|fries|donuts|doughnuts|water|juice|wine|vodka|beer|coke|soda|coffee|tea|food|snacks|cereal|sandwich|burger|noodles|pasta|fruit|grapes|jelly beans|gummies|gummy bears|cupcakes|brownies|muffins|bread|leftovers|groceries|shopping|bags|boxes|luggage|suitcases|laundry|clothes|books|toys|homework|photos|money|savings|cash|classes|courses|shifts|vacation days|holidays|furniture|plants|dishes|trash|rubbish|recycling)\b"),
    r("en:means", I, 1, r"\b(pills|tablets|meds|medication|sleeping pills|painkillers|paracetamol|tylenol|insulin|antidepressants|rope|noose|razor|blade|blades|gun|pistol|rifle|hunting rifle|shotgun|firearm|bridge|roof|rooftop|ledge|balcony|train tracks|tallest building|the means|kadurim|kadorim)\b")
        // supplements and toys are not means ("vitamin d pills", "nerf gun")
        .before(r"\b(vitamins?( [a-z0-9]{1,3})?|iron|fish oil|allergy|birth control|nerf|water|toy|glue|paintball|airsoft|nail|staple|bb)$"),
    r("en:plan", I, 1, r"\b(have|had|got|made|making|working on) a plan\b|\bplanned (it|everything)\b|\bgot it all planned\b|\bon purpose\b"),
    r("en:jump", I, 1, r"\b(on|at|near) the (edge|ledge) of (the|a|my) (roof|bridge|building|balcony|cliff|platform)\b|\b(jump|jumping|throw myself|throwing myself|leap|yeet myself|yeet me) (off|from|in front of|into)\b|\b(not|never) (coming|going) (back )?down\b|\b(dont think|not sure) im (coming|going) (back )?down\b")
        // a jump in a game ("jump off the bridge in gta lol")
        .after(r"^\s*(.*\s)?in (gta|gta v|gta 5|gta online|minecraft|fortnite|roblox|the sims|sims|skyrim|elden ring|valorant|warzone|apex|overwatch|pubg|zelda|mario kart|red dead)\b")
        .not_info(),
    r("en:jump_intent", I, 2, r"\b(going to|gonna|will|about to|want to|wants to|wanted to|wanna|ready to|plan to|im going to|ill) (jump|throw myself|leap|step) (off|from|in front of)\b|\b(roof|rooftop|bridge|balcony|ledge|cliff|top floor)( [a-z]+){0,10} (i want to|i wanna|im going to|im gonna|im about to|im ready to|i will|ill) jump( now| tonight| right now)?\b$"),
    r("en:use_on_self", I, 2, r"\b(use|using) (it|them|the gun|a gun|my gun|my neshek|my weapon|my rifle|the rifle|his gun|his weapon) on (my|him|her|them) ?sel(f|ves)\b"),
    r("en:hopeless", I, 1, r"\b(im done|i am done|cant do this anymore|cant take (it|this) anymore|cant go on|cant keep going|whats the point|no way out|only way out|(the )?only (option|solution)|no hope left|give up on (life|everything)|nothing left|nothing matters( anymore)?|everyone hates me|i hate my life|no future|(i )?(feel|feeling|im|i am)( so| completely| totally| really| just)? hopeless)\b"),
    r("en:burden", I, 1, r"\b(better off|happier|easier) (without|wo) me\b|\bno ?(one|body)s?( will| would|d| is| s)?( gonna| going to)?( even)? (miss|notice|care)\b|\bwhen im gone\b|\b(im|i am) (a|such a) burden\b"),
    r("en:farewell", I, 1, r"\b(goodbye|good bye|farewell|saying goodbye|bye forever|bye everyone)\b|\b(sorry|forgive me) for everything\b|\bsaid (my|all my) goodbyes\b|\blove (you|u|ya) all\b|\b(letters?|notes?) (to|for) (my|everyone)\b")
        // a goodbye to a place or a stage of life: "goodbye base, im free", "goodbye Manchester"
        .after(r"^(to )?(my |the |our )?(old )?(base|school|high school|uni|university|campus|college|dorm|dorms|office|job|army|army base|barracks|house|apartment|flat|room|city|town|hometown|neighbourhood|neighborhood|summer|semester|year [0-9]+|grade [0-9]+|manchester|london|paris|berlin|new york|tel aviv|haifa|jerusalem|moscow|beirut|cairo|dubai|amman)\b")
        .not_continuing(),
    r("en:suicide_note", I, 2, r"\b(suicide|goodbye) (note|letter)\b").not_info(),
    r("en:lastmsg", I, 1, r"\b(this is|its|here is) my last (message|post|text|goodbye|night)\b|\bmy final (message|post|words)\b").not_continuing(),
    r("en:giveaway", I, 1, r"\b(gave|giving|given) (away )?(my|all my) [a-z]+( [a-z]+)? (away )?to\b|\bgiving away (my|all)\b|\bmade (my|a) will\b|\bwho gets my (things|stuff)\b").not_continuing(),
    r("en:closure", I, 1, r"\b(it|this) (wasnt|isnt|is not|was not) (your|their|anyones) fault\b|\btell (my|her|him|them) [a-z]+ (that )?(i love|i loved|im sorry|i am sorry|i said goodbye)\b|\bthank (you|u) for (everything|trying|all)\b|\bplease (look after|take care of|feed) my\b|\btake care of (mom|mum|dad|my [a-z]+|the kids|each other|yourselves)\b|\bwont be (around|here) (much longer|anymore|for long)\b|\b(wont|will not|dont) (be )?need(ing)? (them|it|these|this|anything|my [a-z]+) (anymore|where)\b|\bwhere im going\b").not_continuing(),
    r("en:translit_die", I, 2, r"\b(rotze|rotza|rotse|rotsa|roce|roca|rotseh|rotzeh) (lamut|la mut|lamoot|lamout)\b|\b(lo )(rotze|rotza|rotse|rotsa) (lichyot|lihyot|lichiot|lihiot|lehiyot)\b|\b(le|la)?hitabed\b|\blehit abed\b"),

    // ---- second pass: phrase families (not single sentences) ----
    // finality frames: a future that ends (see FINALITY)
    r("en:finality", I, 1, FINALITY),
    r("en:rocket_me", I, 2, r"\b(easier|better) if (the next one|the next rocket|a rocket|one|it) (just )?(hit|hits|landed on|lands on|fell on|falls on|got) (me|us)\b"),
    // held-out 7 families: entrusting a pet or things, "where im going", cut deeper, pods,
    // stroke written plainly, a stalker showing a weapon
    r("en:entrust", I, 1, r"\b(take care of|look after|feed|watch) ([a-z]+ ){0,2}for me\b").not_continuing(),
    r("en:finality", I, 1, r"\b(wont|will not|dont|wouldnt) (need|be needing) (it|them|this|these|those|that|my [a-z]+)( [a-z]+){0,2} where (i m|im|i am) going\b|\bwhere (i m|im|i am) going (i|ill) (wont|will not) need\b"),
    r("en:self_harm_act", I, 2, r"\b(cut|cuts|cutting|cutted)( [a-z]+){0,4} (deeper|deep) than (usual|before|ever|last time)\b"),
    r("en:poison", M, 2, r"\b(ate|swallowed|bit|chewed|licked|got into|sucked on)( [a-z]+){0,4} (dishwasher|laundry|detergent|washing) (pod|pods|tablet|tablets|capsule|capsules)\b|\b(pod|pods|detergent)( [a-z]+){0,6} foam\w* (in|from|at) (her|his|their) mouth\b"),
    r("en:stroke_face", M, 1, r"\bface (is |was |keeps |started )?(drooping|droping|droopy|sagging|slumping|crooked|lopsided|falling)\b|\b(drooping|droopy|crooked) (face|mouth|smile)\b"),
    r("en:stroke_limb", M, 1, r"\b(cant|can t|cannot|unable to|couldnt) (lift|raise|move|feel|hold up) (his|her|their|my) (left |right )?(arm|leg|hand)\b"),
    r("en:stalker_weapon", A, 1, r"\b(parked|waiting|standing|sitting) (outside|in front of|across from) (my|our) (flat|apartment|house|building|door|work|school)\b"),
    r("en:weapon_shown", A, 1, r"\bkeeps (a|his|the) (knife|gun|pistol|blade)\b|\bmade sure (i|we) (saw|see) (it|the knife|the gun)\b|\bshowed me (a|his|the) (knife|gun)\b"),
    // method seeking
    r("en:method_seek", I, 2, r"\b(least painful|painless|quickest|fastest|easiest|most peaceful|surest|quietest) (way|ways|method|methods) to (just )?(go|die|do it|end it|end things|not wake up|kill (myself|yourself|oneself))\b").not_info(),
    // sleep forever
    r("en:no_wake", I, 2, r"\b(sleep|fall asleep|go to sleep|close my eyes) (and|&|n) (never|not|just not) (wake|wake up|open them|open my eyes)( again)?\b|\b(pray|hope|wish)( that)? i (wont|dont|will not|never|do not) (make it to|see|live to see) (the )?(morning|tomorrow|another day)\b").not_hyperbole(),
    // means + contemplation (pills open in front of me, rope in my hand)
    // sitting with the means, as "holding" it; not at the range or a hunt
    r("en:means_focus", I, 1, r"\b(sat|sitting|sits|been sitting) (there |alone |in the dark )?with (his|her|my|their|a|the) (service pistol|service weapon|sidearm|gun|pistol|handgun|revolver|rifle|shotgun|pills|rope|noose|razor)\b")
        .after(r"^\s*(at|on|to|for|in) (the |a |my )?(range|shooting range|gun range|firing range|club|gun club|hunt|hunting|training|drill|stand|blind)\b"),
    r("en:means_focus", I, 1, r"\b(staring at|looking at|holding|counting|lined up|laid out|opened|emptied)( [a-z]+){0,3} (pills|tablets|meds|rope|noose|gun|pistol|blade|razor|razors)\b|\b(pills|tablets|meds|rope|noose|gun|pistol|blade|razor)( [a-z]+){0,4} (staring at (it|them)|in my hand|in front of me|lined up|open on|laid out|next to me|counted out|counted|on my desk|on the table)\b"),
    // standing somewhere high, looking down
    r("en:means", I, 1, r"\b(standing|sitting|im|i am|been|waiting) (on|at|by|near) (the|a|my) (edge|ledge|roof|rooftop|bridge|balcony|railing|tracks|platform edge|cliff)\b"),
    r("en:looking_down", I, 1, r"\b(keep|keeps|kept|cant stop|been) (looking|staring) down\b|\b(how|its a) (high|far down|long way down)\b|\bthinking (about|of) (jumping|stepping off|letting go)\b"),
    // absence hypotheticals (if i was gone / if i disappeared)
    r("en:ideation", I, 1, r"\bif i (was|were|just|ever) (gone|dead|to die|to disappear|disappeared)\b|\bif i (died|disappeared|vanished)\b"),
    // burden frames
    r("en:burden", I, 1, r"\b(im|i am) (just )?(a|such a|only a|nothing but a) (burden|weight|drain|problem|waste of space)( on| to| for)?\b|\b(just )?a (burden|weight) (on|to) (them|everyone|my family|you)\b"),
    // decided
    r("en:decided", I, 1, r"\b(already|finally|ive|i have) (decided|made up my mind|made my decision)\b|\bmind is made up\b"),
    // wrapping up: accounts deleted, notes left, someone should know
    r("en:wrap_up", I, 1, r"\b(deleted|deactivated|closed) (all )?(my )?(accounts|socials|instagram|tiktok|profiles?|snap)\b|\bjust (wanted|want) (someone|somebody|you|one person) to know\b|\b(wrote|written|left) (a|my|the) (note|letter|notes|letters|goodbye)( for| to| on| and)\b|\b(left|put) (a|my|the) (note|letter) on\b"),
    // planning
    r("en:plan", I, 1, r"\b(planned|figured out|worked out) (how|when|where)\b|\bknow (how|when) (ill|i will|im going to) do it\b"),

    // ---- medical emergency ----
    r("en:not_breathing", M, 2, r"\b(not|isnt|arent|stopped|wasnt|no longer|hasnt been|barely) breathing\b|\bno (pulse|heartbeat)\b|\b(lo )(noshem|noshemet|noshémet)\b"),
    r("en:cant_breathe", M, 1, r"\b(cant|can not|cannot|cant really|struggling to|hard to|trouble) breath(e|ing)\b"),
    r("en:airway", M, 2, r"\bthroat (is )?(closing|swelling|swollen)\b|\b(anaphyla\w*|allergic reaction|epipen)\b|\btongue (is )?swell\w*\b"),
    r("en:unresponsive", M, 2, r"\b(unconscious|unresponsive|lost consciousness|not waking up|wont wake up|cant wake (him|her|them|my [a-z]+)|no response from)\b"),
    r("en:fell", M, 1, r"\b(fell|fallen|fall) (down|off|from|in|into|on|over)\b|\bnaf(al|la)\b|\bhit (his|her|my|their) head\b|\bpassed out\b|\bfainted\b|\bcollapsed\b")
        .after(r"^\s*(love|asleep|for (it|that))\b"),
    r("en:no_response", M, 1, r"\b(isnt|not|wont|doesnt|is not) (responding|respond|answering|moving)\b")
        // a phone left unanswered with a likely reason is not a body that does not respond
        .after(r"^\s*(me |my (calls|texts|messages) )?,? ?((she|he|they)( s| is| are|s|re)? )?(probably|prob|prolly|likely|maybe|must be|prob at|at work|on shift|busy|asleep)\b|^\s*(her|his|their|the|my) (phone|calls|texts|messages)\b"),
    r("en:seizure", M, 2, r"\b(seizure|seizures|seizing|convulsing|convulsions|having a fit)\b"),
    r("en:blue", M, 2, r"\blips (are|is|look|looks|turned|went|have gone)( kind of| kinda| sort of| a bit| slightly| really| so)? (blue|purple|grey|gray)\b|\b(lips|face|skin|he|she|hes|shes|baby|is|are) (is |are )?(turning|turned|going|gone|went) (blue|purple|grey|gray)\b|\bturning (blue|purple)\b"),
    r("en:chest", M, 2, r"\bchest pains?\b|\bpains? in (my|his|her|the) chest\b|\b(crushing|sharp|severe) chest\b|\b(having|had|is having|im having|hes having|shes having) (a )?(heart attack|stroke|cardiac arrest)\b")
        // "nearly had a heart attack in aisle 5": a fright, not an event
        .before(r"\b(nearly|almost|practically|basically|literally nearly)$"),
    r("en:chest_crush", M, 2, r"\b(crushing|squeezing|pressure) (in|on) (my|his|her) chest\b|\belephant (is )?(sitting|standing) on (my|his|her|it)\b"),
    r("en:chest_hint", M, 1, r"\bchest (hurts|is hurting|feels crushed|pressure)\b"),
    r("en:cardiac_hint", M, 1, r"\bleft arm( is)? (numb|hurts|tingling)\b|\b(arm|jaw) (is )?numb\b|\bcold sweat\b|\bpale and sweat\w*\b|\bsweating and pale\b|\bpale sweating\b"),
    r("en:stroke", M, 2, r"\b(face|mouth) (is )?(drooping|droopy)\b|\bslurr(ed|ing)\b"),
    // numb after the dentist's injection is not a stroke
    r("en:stroke", M, 2, r"\bhalf (my|his|her) face\b")
        .before(r"\b(dentist|dentists|numbing|anaesthetic|anesthetic|novocaine|filling|root canal|wisdom (tooth|teeth)|injection)\b.*$")
        .after(r"^.{0,80}\b(dentist|dentists|numbing|anaesthetic|anesthetic|novocaine|filling|root canal|wisdom (tooth|teeth)|injection)\b"),
    r("en:bleed_heavy", M, 2, r"\b(so much|lots of|a lot of|too much) blood\b|\bblood (everywhere|coming|pouring|gushing|spurting)\b|\b(wont|cant|doesnt|not) stop(ping)? bleeding\b|\bbleeding (badly|heavily|a lot|out|profusely|so much)\b|\b(yesh|harbe) dam\b").not_info(),
    r("en:bleed", M, 1, r"\b(bleeding|bleed|bleeds)\b|\bcut (my|his|her|their) [a-z]+ open\b").not_info(),
    r("en:gushing", M, 2, r"\b(its|it is|blood is|its still|still) (gushing|spurting|pouring out)\b"),
    r("en:burns", M, 2, r"\b(burned|burnt) (badly|all over|really bad)\b|\bskin is (peeling|melting|coming off|black)\b|\bsevere burns?\b|\bon fire\b"),
    r("en:bleed_heavy", M, 2, r"\bbleeding( [a-z]+){0,3} (from (my|his|her|their|the) (neck|head|chest|stomach|belly|ear|mouth|eyes|leg|arm|back)|a lot|badly|heavily)\b|\blying (there|on the [a-z]+) bleeding\b"),
    r("en:injury", M, 2, r"\b(hit|wounded|injured|cut|struck) by (shrapnel|a rocket|glass|debris|a car|a bus|a truck|a missile)\b|\bhit by a car\b").not_info(),
    // numb legs after a workout are sore muscles, not a spinal injury
    r("en:injury", M, 2, r"\bcant feel (my|his|her) (legs|arms|body|face)\b")
        .before(r"\b(leg day|gym|workout|work out|squats|deadlifts|spin class|marathon|half marathon|hike|hiking|training|cardio|crossfit|pilates)\b")
        .after(r"\b(stairs are a nightmare|so sore|doms|after the gym)\b")
        .not_info(),
    r("en:stabbed", M, 2, r"\b(got|been|was|were|is|hes been|shes been|just got|im|ive been|i was|i got) (stabbed|shot)\b").not_info(),
    r("en:injury_hint", M, 1, r"\bshrapnel\b|\bcar accident\b|\bafter the (blast|explosion)\b"),
    r("en:poison", M, 2, r"\b(drank|drunk|swallowed|ate|eaten|drink|drinking)( [a-z]+){0,3} (bleach|detergent|cleaning (fluid|liquid|product)|poison|antifreeze|chlorine|battery|batteries|magnets|rat poison|pesticide|lye|laundry pods?)\b"),
    r("en:choking", M, 2, r"\bchoking\b").after(r"^\s*(me|her|him|them|on (my|his|her) words)\b").before(r"\bfeel(s|ing)? like (im|i am)$"),

    // second pass: blood flowing, found on the ground, head-injury signs
    r("en:bleed_heavy", M, 2, r"\b(pouring|gushing|spurting|losing so much|losing a lot of|dripping) (so much )?blood\b|\b(cant|can not|cannot|wont|doesnt) (make it |get it to )?stop( [a-z]+){0,2} (bleeding|blood)\b|\bblood( [a-z]+){0,3} (wont|will not|doesnt|cant) stop\b").not_info(),
    r("en:bleed", M, 1, r"\b(theres|there is|covered in|in a pool of|lots of) blood\b").not_info(),
    r("en:fell", M, 1, r"\b(lying|lays|laying|is) (on|in) the (ground|floor|street|road)\b|\bon the ground\b"),
    r("en:neuro_sign", M, 1, r"\b(confused|vomiting|throwing up|drowsy|wont stay awake|cant stay awake|keeps falling asleep|not making sense|pupils)\b"),
    r("en:poison", M, 2, r"\b(kid|child|son|daughter|baby|toddler|boy|girl|he|she|old|yo)( [a-z]+){0,2} (drank|swallowed|ate|got into)( [a-z]+){0,3} (pills|tablets|medicine|meds|bleach|detergent|chemicals|battery|batteries|magnets|cleaner)\b"),

    // ---- abuse or violence ----
    r("en:hit_me", A, 2, r"\b(he|she|they|dad|daddy|father|mom|mum|mommy|mother|stepdad|stepfather|stepmom|stepmother|husband|wife|boyfriend|girlfriend|bf|gf|partner|ex|brother|sister|uncle|aunt|cousin|grandpa|grandfather|teacher|coach|neighbour|neighbor|kids|boys|girls|guys|someone|somebody|man|guy|people|parents|classmates|bully|bullies|landlord)( [a-z]+){0,3} (hits|hit|hitting|beats|beat|beating|punches|punched|punching|slaps|slapped|slapping|kicks|kicked|kicking|pushed|grabbed|dragged|threw|strangles|chokes|choked|strangles|strangled|burns|burned|burnt|shoves|shoved|throws things at|abuses|abused|attacks|attacked|whips|whipped) (me|us|my( little| baby| older| younger| big)? (mom|mum|mother|sister|brother|kids|children|son|daughter|baby|wife)|his (kids|children|son|daughter|baby|wife|girlfriend)|her (kids|children|son|daughter|baby)|their (kids|children|son|daughter|baby)|mom|mum)\b")
        .after(r"^\s*(at|in) (chess|cards|poker|tennis|fifa|games?|a game|the game|a race|the race|an argument|arm wrestling|everything)\b|^\s*to (it|the)\b|^\s*with (a|the|her|his|my) (pillow|ball|snowball|joke|toy)\b"),
    r("en:hurts_me", A, 1, r"\b(he|she|they|dad|father|mom|mum|mother|stepdad|stepmom|husband|wife|boyfriend|girlfriend|partner|ex|uncle|teacher|coach|brother|sister)( [a-z]+){0,2} (hurts|hurt|grabs|pushes) me\b"),
    r("en:death_threat", A, 2, r"\bdeath threats?\b|\bthreatening (me|my family|my kids)\b|\b(hell|shell|theyll|hes gonna|hes going to|shes gonna|shes going to) (kill|stab|shoot) (her|him|me|us|them|the kids)\b"),
    r("en:threat", A, 2, r"\b(said|says|told me|threatened|threatens|swore|keeps saying|yelling|screaming|shouting)( that)?( (he|she|they))?( (will|would|ll|is going to|was going to|gonna|is gonna|d))? (kill|hurt|shoot|stab|beat|burn|rape) (me|us|my|the kids|her|him)\b|\bthreaten\w* (to )?(kill|hurt|shoot|stab|beat|rape)\b"),
    r("en:sextortion", A, 2, r"\b(threaten\w*|going to|gonna|will|wants to) (to )?(send|post|share|leak|publish|show) (my|your) (pics|photos|pictures|nudes|videos|images)\b|\bunless i send (more|pics|photos|nudes)\b"),
    r("en:sexual", A, 2, r"\b(raped|raping|molest\w*|sexually (abused|assaulted|harassed)|assaulted me|groped|groping|touches me|touching me|touched me|does things to me|did things to me)\b").not_info(),
    r("en:secret", A, 1, r"\b(its|our|a|keep it a|keep it) secret\b|\b(cant|not allowed to|mustnt|dont|not to) tell (anyone|anybody|mom|my mom|my parents)\b|\bsays i cant tell\b"),
    r("en:grooming", A, 1, r"\b(creepy|sexual|inappropriate|dirty|explicit) (messages|texts|pics|photos|videos)\b"),
    // "nothing is holding me here" is no captor: it is the loss of every tie (a cue, below).
    r("en:confined", A, 2, r"\b(locked|locks|keeps|kept|held|holding|trapped) me (in|inside|up|here|hostage|at home)\b|\b(wont|doesnt|does not|will not) let me (leave|go out|out)\b")
        .before(r"\b(nothing|nothings|no one|no ones|noone|nobody|nobodys|nothing and no one|no reason)( is| s)?( really| left)?$"),
    r("en:cue", I, 1, r"\b(nothing|nothings|no one|no ones|noone|nobody|nobodys|no reason)( is| s)?( really| left)? (holding|keeping) me here\b"),
    r("en:confined_hint", A, 1, r"\bbeing held\b|\btook my phone\b|\btakes my phone\b"),
    r("en:armed_person", A, 2, r"\b(man|guy|someone|somebody|person|people|men|guys) with (a |an )?(knife|knives|gun|guns|axe|machete|weapon|rifle)\b").not_info(),
    r("en:grooming_ask", A, 1, r"\b(asking|asks|asked|keeps asking) (me )?(for )?(pics|photos|nudes|pictures|videos)\b|\b(send|sent) me (nudes|naked)\b"),
    r("en:coming_over", A, 1, r"\b(hell|he will|says hell|said hed|she will|shell) (come|find me|show up)( to| at)? (my|our)? ?(house|home|school|place)?\b"),
    r("en:stalked", A, 1, r"\b(followed|following|stalking|stalked) me\b"),
    r("en:at_door", A, 1, r"\b(banging|pounding|kicking|hammering) on (my|our|the) (door|window)\b"),
    r("en:intruder", A, 2, r"\b(break|breaking|broke) in(to)? (my|our|the) (apartment|house|home|flat|room|door)\b|\btrying to (break|get) in\b"),
    r("en:weapon", A, 2, r"\b(outside|at|by|in front of) (my|our|the) (door|house|window|home|apartment)( [a-z]+){0,4} (knife|gun|weapon|axe|machete)\b"),
    r("en:school_threat", A, 2, r"\b(shoot up|bomb|blow up|attack) (the|my|our) (school|class)\b"),
    r("en:abused", A, 2, r"\b(im|i am|being|been|getting) (abused|beaten|raped|stalked|trafficked)\b"),
    r("en:abuse_hint", A, 1, r"\bbruis\w*\b|\bthrows? things at\b|\bscreaming through the wall\b|\bscared to go home\b"),
    r("en:translit_hit", A, 2, r"\b(makeh|marbits|marbitz|marbitza|marbitsa) (oti|li)\b"),

    // second pass: third-person child abuse, conditional threats, getting in
    r("en:hit_child", A, 2, r"\b(his|her|their|the kids|the childs|the boys|the girls) (dad|father|mom|mum|mother|stepdad|stepfather|stepmom|parents|uncle)( [a-z]+){0,2} (hits|beats|burns|burned|punches|kicks|chokes|whips|locks up|starves) (him|her|them)\b"),
    r("en:child_distress", A, 1, r"\b(heard|hear|hearing) (him|her|them|the (kid|child|baby|kids|children|boy|girl)) (screaming|crying|begging)\b|\b(kid|child|boy|girl)( [a-z]+){0,4} (covered in|full of|all over)\b"),
    r("en:threat", A, 2, r"\bif i (ever )?(leave|left|tell|told|report|call|go to|break up|try to leave)( [a-z]+){0,6} (kill|hurt|stab|shoot|burn|beat) (me|us|the kids|my)\b|\b(find|hunt|track) me (down )?and (kill|hurt|stab|shoot)\b"),
    r("en:intruder", A, 2, r"\btrying to get in(to)? (our|my|the) (apartment|house|home|flat|room)\b|\b(someone|somebody|a man|a guy|people|men) (is |are )?(trying to )?(get|getting|break|breaking|force|forcing) (in|into)\b"),

    // ---- acute stress (Ma'aseh support, not escalation) ----
    r("en:alert", S, 1, r"\b(sirens?|air raid|red alert|rocket alert|alarm went off|alarms|tzeva adom|tseva adom|tzeva edom|tzevah adom|color red|code red|azaka|azakot|rockets?|missiles?|interceptions?|booms?|explosions?|blasts?|shelling|bombing|bombs|drones?|airstrikes?|the attack|war|terror attack|shooting outside)\b"),
    r("en:shelter", S, 1, r"\b(mamad|mamak|miklat|miklatim|shelter|bomb shelter|safe room|stairwell|protected space)\b"),
    r("en:shaking", S, 1, r"\b(shaking|shaky|trembling|tremble|shivering|legs are jelly)\b"),
    r("en:shaking_hard", S, 2, r"\bcant stop (shaking|trembling)\b"),
    r("en:panic", S, 1, r"\b(panic|panicking|panicked|freaking out|freak out|hysterical)\b"),
    r("en:panic_attack", S, 2, r"\bpanic attacks?\b|\banxiety attacks?\b").not_info(),
    r("en:fear", S, 1, r"\b(scared|terrified|afraid|frightened|petrified|anxious|anxiety|fear|dont want to die|feel like im (going to|gonna) die)\b"),
    r("en:crying", S, 1, r"\b(crying|sobbing|wont stop crying|in tears)\b"),
    r("en:crying_hard", S, 2, r"\bcant stop crying\b"),
    r("en:heart", S, 1, r"\bheart (is )?(racing|pounding|beating (so )?fast|wont slow down|going crazy)\b|\bheart feels like (its|it is|it s) (going to|gonna|about to) (explode|burst|jump out)\b|\bheart pounding\b|\bpalpitations\b|\bchest (is |feels )?(tight|heavy)\b"),
    r("en:breath", S, 1, r"\bhyperventilat\w*\b|\bbreathing (is )?(so )?(fast|fast and shallow|shallow)\b|\bcant catch my breath\b|\bcant breathe\b"),
    r("en:frozen", S, 1, r"\b(froze|frozen|freezing up|cant move|couldnt move|paralyzed|paralysed)\b"),
    r("en:unreal", S, 2, r"\b(feels?|feeling|everything is|everything feels|its all) (so )?(unreal|not real|like a dream|surreal)\b|\bwatching myself from\b|\bdissociat\w*\b"),
    r("en:body", S, 1, r"\b(numb|tingling|dizzy|lightheaded|light headed|going to pass out|gonna pass out|about to faint|feel faint|feel sick)\b"),
    r("en:mind", S, 1, r"\b(cant think( straight)?|cant focus|cant concentrate|mind is racing|overwhelmed|cant calm down|cant relax|on edge|losing it|losing my mind)\b"),
    r("en:intrusion", S, 1, r"\b(keep|cant stop) (seeing|hearing|replaying) (it|the|them)\b|\bflashbacks?\b|\bnightmares?\b"),
    r("en:sleep", S, 1, r"\b(havent slept|havent been able to (eat or )?sleep|cant sleep|couldnt sleep|no sleep|wide awake|insomnia)\b"),
    r("en:startle", S, 1, r"\b(makes me jump|i jump at|jumpy|startle\w*|on high alert)\b"),
    r("en:helpless", S, 1, r"\b(dont|do not) know what to do\b|\bwhat do i do\b"),
    r("en:alone", S, 1, r"\b(im|i am) (all )?alone\b|\balone\b|\bby myself\b|\balone with the (kids|baby|children)\b|\bparents are (at work|not home|away)\b|\b(mom|mum|dad) (is )?(not home|at work|isnt home)\b"),

    // ---- Arabizi (Arabic in Latin letters; digits 3/7/5 may have become
    // e/t/s in the leetspeak step, letter runs are squeezed) ----
    r("az:end_life", I, 2, r"\b(a[5s]las|akhlas|a[5s]alas|ekhlas|a[5s]las) (men|min|mn|mnn) (7ayati|hayati|7ayaty|hayaty|7yati)\b"),
    r("az:self_harm", I, 2, r"\b(ejra7|ajra7|bejra7|bajra7|jara7t|jra7t|2ata[3e]t|ba2ta[3e]) (7ali|hali|nafsi|eidi|2idi|idi)\b"),
    r("az:chest_pain", M, 1, r"\b(sedri|sadri|sidri|alby|2albi|albi) (bi?y?e?wa?ga[3e]ni|byewga[3e]ni|bewga[3e]ni|wage[3e]ni|byoja[3e]ni|byewja[3e]ni|bywja[3e]ni|wej[3e]ani)\b"),
    r("az:numb_arm", M, 1, r"\b(dra[3e]i|iidi|idi|2idi|eidi) (el |al )?(shmal|shimal|yasar)? ?(metnamel|mnamel|mtnamel|mtnamle|metnamla)\b"),
    r("az:seizure", M, 2, r"\b(noba|nobe|nawba|nouba)( \w+){0,4} (byerjef|byerjaf|yerjef|btirjef|bterjef|tirjef|betrjof)\b|\b(jesmo|jesmha|jismo|jismha|jesmu)( \w+)? (byerjef|byerjaf|bterjef|btirjef|yerjef)( \w+){0,4} (ma|mesh|msh) (btrod|byrod|btrud|byrud|btered|byred)\b"),
    r("az:want_die", I, 2, r"\b(bdi|badi|biddi|baddi|bedi|bade|badeh|bady|bdy|beddi|nfsi|nefsi|nifsi|abi|abgha|abga|[3e]ayez|[3e]ayza|[3e]awez|[3e]awza|ayez|awez|odi) (a?mot|amut|amoot|amout|mout|moot|emot|antehe?r|antaher|ante[7t]h?ar|ant[7t]ar|[aei]nt[aei]?7h?[aei]r)\b")
        // "nefsi amoot men el da7k": die of laughing / for someone
        .after(r"^\s*(men|mn|min|mel|mil|[3e]ala|[3e]al|ala|fik|feek|fiki)\b")
        .not_hyperbole(),
    r("az:not_live", I, 2, r"\b(mesh|mish|msh|mush|mosh|ma|mo|mu|la) ([3e]ayez|[3e]ayza|[3e]awez|[3e]awza|ayez|bdi|biddi|baddi|abi|abgha|[7th]abeb) (a?[3e]?aesh|a?[3e]?ee?sh|aeish|a[3e]ish|[3e]ish|eish|aish|akammel|akamel)\b"),
    r("az:suicide", I, 2, r"\b(ante?[7t]h?[ae]r|anteh?ar|enteh?ar|inti[7t]h?ar|intihar|enti[7t]ar|[aei]nt[aei]?7h?[aei]r)\w*\b").not_info(),
    r("az:kill_self", I, 2, r"\b(amawet|mawet|amaweet|a?mot|a?2tol|a?qtol|aktol) (7ali|hali|tali|nafsi|nfsi)\b"),
    r("az:alert", S, 1, r"\b(sfar(a|at|ate)?|safarat|inzar|enzar|sarou(kh|5|s)|sawari(kh|5|s)|2asf|qasf|[ae]nfijar)\b"),
    r("az:fear", S, 1, r"\b(kh|5|s)ayf(e|a|een|in|eh)?\b|\bmar[3e]oo?b\w*\b"),
    // ---- third pass: phrase families from the studied training and held-out misses ----
    // letters typed one by one with single spaces ("i w a n t t o d i e") are
    // joined into one token by the normaliser
    r("en:spaced", I, 2, r"\b\w*(wanttodie|wannadie|killmyself|killingmyself|endmylife|endingmylife|wantodie)\w*\b"),
    // loanword slang: "ctb" (catch the bus)
    r("en:kms", I, 2, r"\bctb\b"),
    // passive death wish during alerts: hoping to be hit, not sheltering on purpose
    r("en:hope_hit", I, 2, r"\b(hope|hoping|wish|pray)( that)? (this one|the next one|it|a rocket|the rocket|one|a missile|the missile|a drone)( [a-z]+){0,2} (hits|lands on|falls on|gets|kills) (me|us)\b|\b(stopped|not|dont|wont|refuse to|no longer|never) (going|go|run|running|went) (in)?to the (mamad|shelter|miklat|safe room|stairwell)( [a-z]+){0,2} on purpose\b|\b(go|going|stay|staying) outside (during|in) the (next )?(azaka|siren|sirens|alarm|alert)\b"),
    // not safe with myself; command hallucinations
    r("en:not_safe", I, 2, r"\b(im|i am|dont feel|do not feel|not feeling|i dont feel) (not )?safe (with|around|from) (myself|me)\b|\bvoices?( [a-z]+){0,3} (telling|tell|told|tells|want|wants) me to (hurt|kill|cut|end|jump)\b"),
    r("en:self_harm_act", I, 2, r"\b(cutting|burning|hurting|cut|burned|burnt|burn|cut) (my ?self|my (arms?|wrists?|legs?|thighs?|skin)) with (a|my|the) (lighter|blade|razor|knife|cigarette|scissors|glass)\b").not_info(),
    r("en:pain_seek", I, 1, r"\bwant (it|this) to hurt more\b"),
    r("en:hurt_self", I, 1, r"\b(hitting|banging|smashing) my head (against|on|into) (the|a) (wall|floor|door)\b"),
    r("en:not_safe", I, 2, r"\bremove myself from (the equation|the picture|everyones (life|lives)|this world)\b"),
    r("en:pill_act", I, 1, r"\b(a lot|lots|loads|tons) of them\b"),
    r("en:wrap_up", I, 1, r"\bjust wanted to (say|tell) (it|this) to (someone|somebody)\b|\b(wrote down|left|gave) (all )?my passwords (for|to) (him|her|them|my [a-z]+)\b"),
    r("en:lastmsg", I, 1, r"\b(this|thats) (is )?(the|my) last (message|text|post)\b").not_continuing(),
    r("en:closure", I, 1, r"\bstop checking (on|in on) me\b").not_continuing(),
    r("en:unreachable", I, 2, r"\b(goodbye|bye everyone|bye forever|farewell|nice knowing|the other side|forgive me|sorry for everything|last message)(\s.*)?\b(isnt|not|wont|stopped|hasnt been) (answering|picking up)\b|\b(isnt|not|wont|stopped|hasnt been) (answering|picking up)(\s.*)?\b(goodbye|bye everyone|bye forever|farewell|nice knowing|the other side|forgive me|sorry for everything|last message)\b"),
    // method questions about dying
    r("en:method_seek", I, 2, r"\b(does|would|will|did) it hurt to (drown|hang|jump|bleed out|overdose|die|suffocate)\b").not_info(),
    // intent to drive into something
    r("en:drive_into", I, 2, r"\b(thinking about|think about|thought about|easy it would be to|want to|wanna|going to|gonna|might|could) (just )?(drive|driving|crash|crashing|steer|steering|swerve|swerving)( my car| the car)? (into|off) (the|a) (wall|barrier|tree|truck|bridge|cliff|oncoming traffic|guardrail|pillar)\b"),
    // not being around much longer / next week
    r("en:not_around", I, 2, r"\b(wont|will not|not going to|aint gonna) be (around|here|a problem|a burden)( for anyone| for you| to anyone)? (much longer|for (much )?longer|for long|next week|for my birthday)\b|\b(dont think|doubt) (ill|i will|im gonna|im going to|i m gonna|i m going to) (be here|be around|still be here|make it) (next|by|for|to|much|past)\b").after(TRIP_AFTER),
    r("en:not_around", I, 1, r"\b(going|go) away (for good|forever)\b|\bit was nice knowing (you|u|everyone)\b|\bsee (you|u) on the other side\b|\bremember me (the way|as|for)\b"),
    // wrapping up: affairs sorted, letters to each of them, will written
    r("en:wrap_up", I, 1, r"\b(sorted|sort|put) (out )?(everything|it all|all my affairs|my affairs)( out)?( in order)?\b|\b(have|got|had) everything sorted\b|\bmade (my )?peace with it\b|\bwrote (each of them|everyone|all of them|them|each|my [a-z]+) (a )?(letter|letters|note|notes)\b|\bgood last (view|sunset|day|night|meal)\b"),
    r("en:wrap_up", I, 1, r"\bbefore i go\b").after(r"^\s*(to|out|on|home|back|in|for|away|shopping|now|there)\b"),
    r("en:giveaway", I, 1, r"\b(wrote|written|writing) my will\b|\b(gave|giving|given) (me|us|her|him) (his|her|their) [a-z]+\b").not_continuing(),
    r("en:hopeless", I, 1, r"\b(just )?want (it all|everything|this|the pain|all of it) to (stop|end)\b"),
    // jump: reported intent without a place
    r("en:jump", I, 1, r"\b(says|said|saying|going to|gonna|about to|wants to|threatening to)( (he|she)s| (he|she) is)? (going to |gonna )?jump\b"),

    // medical: allergic swelling, trapped under debris, scalds, vomiting after a fall
    r("en:swelling", M, 1, r"\b(lips?|face|tongue|throat|eyes)( [a-z]+){0,2} (are |is |r )?(swelling|swollen|swell|puffing up|puffed up|blowing up)\b"),
    r("en:allergen", M, 1, r"\b(peanuts?|nuts|allergic|allergy|bee sting|stung by)\b"),
    r("en:cant_breathe", M, 1, r"\b(cant|cnt|can not|cannot) breath\b|\bwheez\w*\b"),
    r("en:trapped", M, 2, r"\b(stuck|trapped|pinned|buried)( [a-z]+){0,2} (under|beneath) (the |a )?(concrete|rubble|debris|wreckage|building|ruins|wall|slab|car)\b").not_info(),
    r("en:trapped", M, 1, r"\b(stuck|trapped|pinned) in (the|a|his|her|their) (car|wreck|wreckage)\b"),
    r("en:no_response", M, 1, r"\b(isnt|not|wont|cant|is not|stopped) (talking|speaking)\b|\bbarely (responding|conscious|awake)\b"),
    r("en:fell", M, 1, r"\blying there\b|\blying (on|in) the (stairwell|stairs|bathroom floor|pavement|sidewalk)\b"),
    r("en:neuro_sign", M, 1, r"\b(thrown up|threw up|vomited|puked|been sick)\b|\beyes (are )?(closed|rolled back|rolling back)\b"),
    r("en:diabetic", M, 1, r"\b(diabetic|hypo|blood sugar)( [a-z]+){0,6} (confused|shaking|sweating|sweaty|clammy|not making sense|passed out)\b"),
    r("en:chest_hint", M, 1, r"\b(holding|clutching|grabbing) (his|her|my) chest\b|\b(very|really|so|deathly) pale\b"),
    r("en:chest_crush", M, 2, r"\bchest feels like (someone|something|an elephant) is (sitting|standing|pressing)\b"),
    r("en:cardiac_hint", M, 1, r"\b(left )?arm (went|goes|is going|feels) numb\b"),
    r("en:seizure", M, 2, r"\bfoaming at the mouth\b"),
    r("en:burns", M, 1, r"\b(boiling|scalding) (water|oil)\b|\bscald\w*\b"),

    // acute stress: breathing fast, can't stop shaking, shorthand
    r("en:breath", S, 1, r"\bbre?a?thing (too |so |really )?(fast|quick|shallow)\b"),
    r("en:shaking_hard", S, 2, r"\b(cnt|can not|cannot) stop (shaking|trembling)\b"),
    r("en:alert", S, 1, r"\b(sirena|sireny|sirenu)\b"),
    r("en:mind", S, 1, r"\bne mogu uspokoi\w*\b"),
    r("en:children_ask", S, 2, r"\basks?( me)? (if|whether) (were|we are|we re|we will|well) (going to |gonna )?die\b"),
    // abuse: stalking ex + weapon seen, intruders and hiding, secrets with threats, touching a child
    r("en:stalked", A, 1, r"\b(my )?ex( [a-z]+){0,3} (showing up|shows up|keeps showing up|is outside|waiting outside|found where i live|sitting in (his|her) car)\b|\blooking (in|into) (my|our) windows?\b"),
    r("en:weapon_seen", A, 1, r"\b(he|she|they|ex|man|guy|someone|somebody)( [a-z]+){0,2} (has|had|is holding|was holding|is carrying|was carrying|pulled|pulled out)( [a-z]+){0,2} (a |the |his |her )?(knife|gun|crowbar|bat|axe|machete|pistol)\b|\b(i )?(saw|see) (a|the|his|her) (knife|gun|crowbar|axe|machete|pistol)\b").after(r"^\s*(collection|set|block|sharpener|he got|she got|in the kitchen)\b"),
    r("en:threat", A, 2, r"\bthreatened (me|us) with\b|\bif i (ever )?(talk|say|try|go|speak)( [a-z]+){0,6} (kill|hurt|stab|shoot|burn|beat)\b"),
    r("en:intruder_hint", A, 1, r"\b(someones|someone is|somebody is|theres someone|there is someone|a stranger is) (in|inside) (the|my|our) (house|apartment|flat|home)\b|\b(heard|hear) (the )?glass break\w*\b|\btrying the (lock|door|handle)\b"),
    r("en:hiding", A, 1, r"\b(hiding|hid) (in|under) (the|a|my) (closet|wardrobe|bathroom|bed)\b").after(r"^\s*(playing|for fun|for a game)\b"),
    r("en:child_distress", A, 1, r"\b(hear|heard|hearing)( [a-z]+){0,3} (screaming|yelling|shouting) at (him|her|them|the kids?)\b|\bthings (breaking|smashing)\b|\b(screaming|yelling) stop\b"),
    r("en:threat_if_tell", A, 1, r"\bif i (tell|told|say)( [a-z]+){0,4} (kick me|fire me|expel me|throw me out|send me)\b|\b(messaging|texting|messages) (him|her|my [a-z]+) (privately|in private|at night)\b"),
    r("en:sexual", A, 2, r"\b(touching|touches|touched|groping) (my|his|her) (daughter|son|kid|child|sister|brother)\b|\bforced me to\b").not_info(),
    r("en:confined", A, 2, r"\b(wont|doesnt|does not|will not) let me (go down|go to)\b"),
    r("en:translit_ru", A, 2, r"\b(muzh|otec|otchim|paren) (bjet|bet|byot|biet) (menja|menya)\b"),
    r("az:hit_me", A, 2, r"\b(darabni|bidrobni|byedrobni|darbni|hadadni|yhadedni|bihadedni|bi2tolni|b2tolni|yi2tolni|ye2tolni|bye2tolni)\b|\b(sakker|sakkar|2afal) ([3e]alayi|[3e]alay|[3e]layi)\b"),
    r("az:confined_hint", A, 1, r"\ba5ad telefoni\b|\bma [3e]am (y5alline|yikhallini) (ode[3e]|etla[3e])\b|\b(yla7e2ni|byla7e2ni|3am yla7e2ni)\b"),
    // transliterated Russian
    r("en:translit_ru", I, 2, r"\bne (hochu|hochetsya|mogu) (bolshe )?(zhit|zhyt|jit)\b|\b(hochu|khochu) (umeret|sdohnut|umiret)\b|\bkak (mozhno )?umeret\b").not_info(),
    r("en:translit_ru", M, 2, r"\bne dyshit\b"),
    // wanting to be hit by a car; regretting waking up; picked a date
    r("en:hope_hit", I, 2, r"\b(want|wish|hope)( that)? (a|the) (car|truck|bus|train) (would )?(hit|hits|run over|runs over) me\b"),
    r("en:finality", I, 1, r"\b(picked|chosen|chose|set) (a|the) date\b|\bif anything (happens|were to happen) to me\b"),
    // Arabizi
    r("az:shelter", S, 1, r"\b(malja2?|malga|malja|el malja2?|mamad|mlja2)\b"),
    r("az:crying", S, 1, r"\b[tbya]?[3e]ayy?[ae]t\w*\b"),
    r("az:shaking", S, 1, r"\b(berjof|barjof|brjof|ro[3e]she|ro[3e]sha|rajfe|rajfa)\b"),
    r("az:breath", S, 1, r"\bnafasi sari[3e]\b|\b(msh|mesh|mish|ma) ([3e]am )?(a[3e]ref|[3e]aref|2der|2adra|2ader) (etnaffas|atnaffas|tnaffas)\b"),
    r("az:helpless", S, 1, r"\b(msh|mesh|mish|ma) ([3e]arf[ea]?|ba[3e]ref) (shu|sho|eish) (a[3e]mel|a[3e]mil|na[3e]mel)\b"),
    r("az:swelling", M, 1, r"\b(tenfe[5k]h?|tenfa[5k]h?|mnaf[5k]ha|manfou[5k]h?a|nefe[5k]h?et|wareme|waram)\b"),
    r("az:cant_breathe", M, 1, r"\b(mesh|mish|msh|ma) ([3e]am )?(yetnaffas|tetnaffas|yitnaffas|titnaffas|btetnaffas|byetnaffas)\b"),
    r("az:allergen", M, 1, r"\b(fol sudani|fool sudani|7asasiyye|hasasiye|7asasiya|7asasiyeh)\b"),
    // held-out 9-11 families: rehoming and handing over before an absence, settling
    // affairs, calm after deciding, leaving a community for good, dissociation
    r("en:entrust", I, 1, r"\bcan (someone|anyone|somebody|one of you) (take|adopt|have|look after|keep) my (dog|cat|cats|dogs|pets?|bird|bunny|rabbit|hamster|fish|[a-z]+)\b|\b(is|are) going to (my|her|his) (sister|brother|mom|mum|mother|dad|father|friend|neighbou?r|cousin|aunt|grandma|nan)\b|\bif (anyone|someone|somebody) finds this\b|\b(feed|walk|look after|take care of) (him|her|them|my [a-z]+) (for me|when im gone|after)\b").not_continuing(),
    r("en:not_around", I, 1, r"\b(wont|will not|cant|cannot|aint gonna|not gonna|not going to) be (around|here|able) to (walk|feed|look after|take care of|see|watch|raise)\b|\b(wont|will not) be (anybodys|anyones|anybody s|your|their|everyones|a) (problem|burden|worry)\b|\b(ill|i will|i ll|im|i m) (be )?gone (before|by|soon)\b|\b(last time|never again) (you|youll|u|anyone|anybody)( will)? (hear|see) (from )?me\b|\bdont (go |come )?(look|looking|search|searching) for me\b|\b(logging|signing|checking) (off|out) for (good|ever)\b|\bthis is (goodbye|my goodbye)\b|\b(after|by|on) (friday|saturday|sunday|monday|tuesday|wednesday|thursday|tonight|tomorrow|the weekend)( it)? (will|itll|it ll) be (too late|over|done)\b").after(r"^\s*(to|for)\b"),
    r("en:wrap_up", I, 1, r"\b(updated|wrote|made|finished|signed|sorted) (out )?(my|a) (will|testament)\b|\b(left|gave|wrote down|sent|handed) (all )?(the |my )?(passwords|bank details|pins?|pin codes|keys to everything)\b|\bdeleted (all |most |half )?(of )?(my )?(accounts|socials|social media|instagram|tiktok|profiles?|snap|photos|posts)\b|\b(paid off|settled|cleared) (all )?(my )?(debts|bills)\b|\b(envelopes|letters|notes) for (everyone|all of you|each of you|my [a-z]+)\b"),
    r("en:decided", I, 1, r"\b(calm|at peace|peaceful|relieved|light|lighter|so quiet)( [a-z]+){0,6} (decided|made up my mind|made my decision|its settled|its decided|all sorted)\b|\b(decided|made up my mind|made my decision)( [a-z]+){0,6} (calm|at peace|peaceful|relieved|not anxious|lighter)\b|\b(i have|ive got|i ve got|got) a (plan|date)( and a (date|plan|time))?\b"),
    r("en:farewell", I, 1, r"\b(thx|thanks|thank you|ty) (for everything|for all of it|for all these years|for being there)\b|\b(you|u) (guys )?(were|are) the best( [a-z]+){0,3}\b|\b(bye|goodbye) (to )?(this|the) (community|server|group|chat)\b|\btell (everyone|them all|all of them|my [a-z]+|[a-z]+) (that )?i (loved|love|always loved) (them|you|her|him|everyone)\b|\bsorry (for|about) (everything|all of it|being like this)\b").not_continuing(),
    r("en:final_exit", I, 2, r"\b(planning|plan|planned|planing) (my|the) (final|last) (exit|goodbye|day|night)\b|\bmy final exit\b").not_info(),
    r("en:means_ready", I, 1, r"\b(got|have|bought|ordered) (the|all the) (stuff|things|pills|rope|supplies)( [a-z]+){0,2} (already|ready)\b"),
    r("en:unreachable", I, 2, r"\b(i loved them|i love them|love you all|tell everyone|sorry for everything|forgive me|last message|goodbye|the other side)(\s.*)?\b((turned|switched) (her|his|their) phone off|(wont|isnt|not|doesnt|stopped) (pick|picking) up)\b|\b((turned|switched) (her|his|their) phone off|(wont|isnt|not|doesnt|stopped) (pick|picking) up)(\s.*)?\b(i loved them|i love them|love you all|tell everyone|sorry for everything|forgive me|last message|goodbye|the other side)\b"),
    r("en:dissociation", S, 2, r"\b(not|dont feel|doesnt feel) (real|like me)( [a-z]+){0,4} (since|after) (the )?(blast|explosion|bombing|attack|boom|siren|rocket)\b|\b(watching|see|seeing) myself from (the )?outside\b|\bnothing (feels|seems) real\b|\b(like )?(im|i am) not in my (own )?body\b"),
    r("en:overwhelm", S, 2, r"\btoo much( [a-z]+){0,6} (i need|need) (everything|it|it all|this) to stop\b|\b(i|just) (sit|sat|hide|hid) in the bathroom (and|n) (shake|shook|cry|cried)\b"),
    r("en:stalked", A, 2, r"\b(knows|found out) (which|what|where)( [a-z]+){0,3} (room|school|kids|my kids|children)\b|\bif (he|she) (cant|can t|cannot) have me (nobody|no one|noone) can\b|\b(keeps|kept) (turning|showing) up (outside|at) my (work|house|flat|place|school)\b"),
    r("en:child_distress", A, 1, r"\b(kid|child|baby|boy|girl)( [a-z]+){0,2} (crying|screaming|yelling|shouting) (stop|no|dont)\b|\ba (loud )?(thud|bang|crash|scream) (and|then) (silence|nothing|quiet)\b|\bthen (a )?(loud )?(thud|bang|crash)\b"),
    r("en:neglect", A, 2, r"\b(not allowed|wont let me|doesnt let me) (to )?eat\b|\blocks? (the )?(fridge|food)\b"),
    r("en:secret_game", A, 2, r"\b(secret game|our secret|special secret)( [a-z]+){0,8} (not allowed|cant|isnt allowed|mustnt|dont) (to )?tell\b"),
    r("en:disclaim", I, 1, DISCLAIM),

    // held-out 9 families: wartime abuse (throat grabbed, a relative at night, an ex who
    // found the shelter), a child hit next door, lethal amounts, third-person "end it",
    // startle and fear without a rule before
    r("en:strangled", A, 2, r"\b(grabbed|grabs|squeezed|choked|choking|strangled|strangling) (me by |my |her |his )?(the )?(throat|neck)\b|\b(choked|strangled) (me|her|him)\b"),
    r("en:night_visits", A, 1, r"\b(comes|coming|came|keeps coming|sneaks) (into|in to) (my|her|his) (room|bed)( at night| when)\b|\bnobody (will|would|is going to|s gonna) believe (me|you|her|him)\b"),
    r("en:stalked", A, 2, r"\b(found out|knows|figured out) (which|what|where)( [a-z]+){0,2} (shelter|hotel|school|flat|apartment|address|room)( [a-z]+){0,12} (texting|messaging|sending|threat|kill|finish|hurt|come)\b|\bfinish what (he|she|they) started\b"),
    r("en:child_hit", A, 2, r"\b(hear|heard|hearing|see|saw|seen) (him|her|them|the dad|the mom|his dad|her dad|the father|the mother|[a-z]+ dad|[a-z]+ mom)( [a-z]+){0,2} (hitting|beating|slapping|kicking|hit|beat) (him|her|them|the kids?|the child|the boy|the girl)\b"),
    r("en:threat_leave", A, 2, r"\bif (she|i|you|he) (leaves?|tells?|goes|go|talks?)( [a-z]+){0,4} (hell|he will|shell|she will|theyll|they will|ill|he would|hed) (shoot|kill|hurt|stab|burn|break)\b"),
    r("en:method_seek", I, 2, r"\bhow (many|much)( [a-z]+){0,8} (enough|need|take|have to take|it takes?) to (not wake up|never wake up|die|not wake|stop my heart|kill (me|a person|someone))\b"),
    r("en:end_it", I, 2, r"\b(shell|hell|she will|he will|theyll|she would|he would|shed|hed|she said|he said|says (she|he)ll) (end|ending) (it|it all|things|everything|her life|his life)\b"),
    r("en:locked_in_knife", I, 2, r"\blocked (herself|himself|themselves)( [a-z]+){0,4} with (a|the|his|her) (knife|blade|razor|gun|pills|rope)\b"),
    r("en:entrust", I, 1, r"\b(whoever|who ever|anyone who|if someone) can (take|adopt|have|look after) my\b|\bkeys (will be|are) with\b").not_continuing(),
    r("en:startle", S, 2, r"\b(every time|everytime|whenever)( [a-z]+){1,6} (i think|it sounds like|sounds like|feels like)( [a-z]+){0,3} (siren|azaka|alarm|rocket|missile|boom|explosion|interception)\b"),
    r("en:falling_apart", S, 2, r"\b(im|i am) (falling apart|breaking down|coming apart)( inside)?\b|\bfeel like (im|i am) (going to|gonna) (scream|explode|lose it)\b"),

    // Cue-only (weight 0): words of settling affairs, leaving and last things. They never
    // escalate; they let the classifier judge a message no rule reads (indirect goodbyes).
    r("en:cue", I, 0, r"\b(passwords?|pin codes?|my will|testament|the deed|insurance|policy papers|bank (cards?|details|account)|spare keys?|autopay|funeral|cemetery|burial|obituary|(the|a|my) note|envelopes?|goodbye|bye|farewell|last (time|message|night|day|evening|post|text)|for good|forever|no longer|not your fault|none of this is|dont (reply|call|wait|look|worry|bother)|thank (you|u) (all|everyone|for everything)|thanks (all|everyone|for everything)|i loved|tell (my|her|him|them|everyone)|forgive me|rehom\w*|keep (it|them) forever|in order|leave things clean|finally (ok|okay|calm|at peace)|calm|at peace|decided|my decision|tonight s the night|too late|wont need|scheduled|by then|wont be (here|around|coming|there)|dont wait|wont log|wont (come|be) back|handed in my notice|cancell?ed (my|all)|paid (back|off) (everyone|everything|all)|returned (the|all|everything)|sorted|tired of (everything|it all|living|being)|burden|free\. no reason|no reason|its done|itll be done|it will be done|im done)\b"),
    r("en:self_harm_act", I, 2, r"\b(cutting|burning|hurting) (again|right now|rn|as we speak)\b|\b(cutting|burning) (again )?(and|n) (i )?(cant|can t|cannot) stop\b").not_info(),
    r("en:rope_plan", I, 2, r"\b(rope|noose|belt|cord)( [a-z]+){0,8} (where|how) to (tie|hang|attach) (it|the)\b"),
    // fourth pass, second round
    r("en:bleed_heavy", M, 2, r"\bblood( is|s)? (soaking|soaked|pouring|gushing|spurting|everywhere)( through)?\b|\bsoaked through( [a-z]+){0,2} (towels?|tea towels|bandages?|shirts?)\b"),
    r("en:wrap_up", I, 1, r"\beverything(s| is) (sorted|in order|taken care of|arranged)\b"),
    // fourth pass, third round (train x8 first sight): timing and resolve, places at the
    // edge, voices, wrists, the sea, settling words, diabetic lows, postpartum bleeding
    r("en:resolve", I, 1, r"\b(doing|do|gonna do|going to do|will do|ill do) it (tonight|today|right now|now)\b|\bdont (try to )?(talk me out|stop me|try to stop me)\b|\b(im|i am) serious this time\b|\bnot (a joke|joking)( this time)?\b|\bid do it if\b|\bone (last )?thing left to do\b|\b(or|and) ever again\b"),
    r("en:at_edge", I, 1, r"\b(standing|sitting|sat|stood|sittin) (on|at) (the |my )?(balcony|roof|rooftop|ledge|edge|bridge|tracks|train tracks|railway|railway line|window ?sill|cliff)\b|\bat the (window|edge)\b|\b(1[0-9]|[2-9][0-9])(th|st|nd|rd) floor\b|\bnot moving\b"),
    r("en:not_safe", I, 2, r"\bvoices?( [a-z]+){0,3} (say|saying|says|tell|telling|tells|want|wants|keep saying)( me)?( to)? (hurt|kill|cut|end|jump|die)\b"),
    r("en:self_harm_act", I, 2, r"\bwrists? (are |is )?(bleeding|cut open|sliced)\b|\b(knife|blade|razor) (to|at|on) my (wrist|wrists|throat|neck)\b"),
    r("en:drown", I, 1, r"\b(walk|walking|swim|swimming|wade|wading) (out )?into the (sea|ocean|water|lake|river)\b"),
    r("en:not_around", I, 1, r"\bthere (wont|will not|aint gonna) be anyone to (feed|walk|look after|take care of)\b|\b(split|share|divide) my (stuff|things)\b"),
    r("en:cue", I, 0, r"\b(pw|pws|password|passwords|steam pw)\b"),
    r("en:diabetic", M, 2, r"\b(sugar|glucose|bg|blood sugar)( is| s| levels?)? (crashing|dropping fast|really low|so low|way too low|bottoming out)\b"),
    r("en:postpartum", M, 2, r"\b(soaking|soaked|filling|going through) (a|one|my)? ?(pad|pads)( [a-z]+){0,3} (every|in) \d+\b|\b(postpartum|after (giving )?birth)( [a-z]+){0,6} (bleeding|blood|clots)( [a-z]+){0,4} (heavy|a lot|wont stop|every)\b"),
    // fourth pass, held-out 13-14 families
    r("en:wrap_up", I, 1, r"\b(gave|sent|told) me (the )?(code|combination|password|pin) (to|for) (his|her|their) (safe|phone|laptop|account|accounts)\b|\b(checking out|check out early)\b"),
    r("en:not_around", I, 1, r"\b(it )?(wont|will not|doesnt|dont) matter (after|by|past) (friday|saturday|sunday|monday|tuesday|wednesday|thursday|tonight|tomorrow|the weekend|this week)\b"),
    r("en:resolve", I, 1, r"\btonight(s| is) the night\b"),
    r("en:farewell", I, 1, r"\b(wrote|written|writing|left) (letters?|notes?) (for|to) (mum|mom|dad|my|everyone|all|our|[a-z]+)\b").not_continuing(),
    r("en:at_edge", I, 1, r"\bon the (overpass|flyover|parking garage roof|car park roof|top floor of|edge of)\b"),
    r("en:hopeless", I, 1, r"\b(just )?want (it|everything|it all) to (be quiet|be over|go quiet)\b"),
    r("en:self_harm_act", I, 2, r"\b(razor|razors|blade|blades)( s| is| are)? out( again)?\b|\bdeeper than (its|it s|it has|ive|i ve|i have)? ?(ever been|ever|before)\b"),
    // fourth pass, held-out 15-16 families (after their first-sight figures)
    r("en:co", I, 2, r"\b(car|engine|motor)( is| s)? (running|on)( [a-z]+){0,5} (door|doors|garage)( [a-z]+)? (shut|closed|locked)\b"),
    r("en:resolve", I, 1, r"\bdecided (sunday|monday|tuesday|wednesday|thursday|friday|saturday|tonight|tomorrow)\b"),
    r("en:farewell_child", I, 2, r"\bwhy (mama|mommy|mummy|mom|mum|daddy|dad|papa|i) (had|has) to go\b"),
    // fourth pass, held-out 17-18 families (after their first-sight figures)
    r("en:lastmsg", I, 1, r"\b(this is |thats )?(my|the) last (msg|message) (in|on|to) (the|this) (server|group|chat)\b").not_continuing(),
    r("en:agonal", M, 1, r"\b(went down|collapsed|dropped|fell)( [a-z]+){0,3} on the (kitchen |bathroom |living room )?floor\b|\b(snoring|gasping|gurgling) (sound|noise|for air)\b|\b(wont|will not|isnt|not|doesnt) (answer|respond)(ing)? (me|to me)\b"),
    r("en:not_around", I, 2, r"\b(wont|will not|aint gonna|not gonna) be (a|any) (problem|burden)( for| to)? (any of (u|you)|you all|anyone|everyone|you guys)( much longer| for long| soon)\b"),
    r("en:burden_without", I, 2, r"\b(everyone|everybody|they|you all|yall|my family|my parents|the world|all of you|people)( [a-z]+){0,2} (would|will|d|d be|are gonna|is gonna)( honestly| really| all| just| so much)? (be )?(better off|happier|fine|relieved) (without me|if i was gone|if i wasnt here|when im gone)\b"),
    // fifth pass: held-out 21-22 and conversation set 2 families (after their first-sight figures)
    r("en:co", I, 2, r"\b(doors?|garage( doors?)?)( is| s| are)? (shut|closed|locked)( [a-z]+){0,6} (engines?|motor|cars?)( is| s)? (running|on)\b"),
    r("en:od_taken", I, 2, r"\b(how much|how many)( [a-z0-9]+){0,4} (is too much|too much|is lethal|lethal|would kill|is dangerous|kills you|to die)\b(.{0,160}\b)?(already (did|took|taken|done|swallowed)|i took (them|it|all|em))\b"),
    r("en:lethal_q", I, 2, r"\b(does|do|would|will) [0-9]+( [a-z]+){0,2} (do it|be enough|kill me)\b|\bor do i need more\b").not_info(),
    r("en:gun_self", I, 2, r"\b(gun|guns|weapon|weapons|pistol|rifle|glock)( [a-z]+){0,12} (on myself|at myself|to my head|in my mouth|how easy it would be)\b|\b(on myself|to my head)( [a-z]+){0,6} (holding it|with it)\b").not_info(),
    r("en:found_after", I, 2, r"\b(be sorry|regret (it|this)|feel bad)( [a-z]+){0,8} when (they|you|she|he|mom|my mom|my parents|everyone) (find|finds) me\b"),
    r("en:found_after", I, 1, r"\bwhen (they|mom|my mom|my dad|my parents|everyone|someone) (find|finds) me\b").not_info(),
    r("en:tied", I, 2, r"\b(tied|tying|tie)( a| the| my)? (belt|rope|cord|cable|scarf|sheet|noose)s? (to|around|on) (my |the )?(closet|wardrobe|door|doorknob|ceiling|fan|beam|rod|railing|bunk|neck)\b").not_info(),
    r("en:no_shelter", I, 1, r"\b(im|i am|i m) not (going|gonna go) (down )?(to|into) the (shelter|mamad|miklat|safe room|bunker)\b|\blet it (happen|hit me|get me|take me)\b"),
    r("en:hope_hit", I, 2, r"\bhope (it|one|the next one|a rocket|the rocket) (hits|lands on|gets) me\b"),
    r("en:soaked", M, 1, r"\b(towel|towels|shirt|bandage|cloth|rag|hoodie)( is| s| are)? (soaked|soaking|drenched)( through| in blood| with blood)?\b|\bsoaked (through )?(with|in) blood\b"),
    r("en:glass_wound", M, 1, r"\b(glass|shrapnel|metal)( [a-z]+){0,5} (in|into|cut|sliced) (my|his|her) (neck|throat|leg|thigh|arm|face|eye|chest|stomach)\b|\b(glass|shrapnel)( [a-z]+){0,4} (blew in|flew in|flew everywhere)\b"),
    r("en:door_attack", A, 1, r"\b(kicking|banging|pounding|punching|smashing|hammering)( on)? (the|my|our) (door|bedroom door|room door)\b|\bteach (me|us|her|him) a lesson\b|\bbreak (the|my) door (down|in)\b"),
    r("en:third_beaten", A, 2, r"\b(husband|boyfriend|bf|partner|dad|father|stepdad|mom|mother|son|brother|uncle|wife|girlfriend)( [a-z]+){0,2} (beats|hits|punches|chokes|strangles) (her|him|them|my [a-z]+)( up)?\b")
        // a game, not a beating ("beats him at chess"); "at home", "in the face" stay
        .after(r"^(at|in|on) (chess|cards|poker|checkers|backgammon|tennis|ping pong|table tennis|fifa|mario kart|video games|games|every game|the game|a game|arm wrestling|races|a race|basketball|football|soccer|monopoly|scrabble)\b").not_info(),
    r("en:stalked", A, 2, r"\bnever (gave|told|sent) (him|her|them) my (address|home address)\b|\b(photos?|pictures?|pics) of my (house|building|door|car|window|front door|building entrance)\b(.{0,80}\b)?(see you soon|i know where|watching you|im watching)\b"),
    r("en:translit_ru", I, 2, r"\b(naglotal|naglotalas|naglotalsya|nazhralas|nazhralsya|vypila|vypil) (vse |ves |celuyu |tseluyu )?(tabletok|tabletki|tabletkami|kolyosa|kolesa|pachku|upakovku|blister)\b|\b(garazh[^ ]*)( [a-z]+){0,8} (motor|dvigatel|mashina) (rabotaet|zavedena|zaveden)\b|\b(dver|vorota) (zakryl|zakryla|zakryta)( [a-z]+){0,3} (motor|dvigatel) rabotaet\b"),
    r("az:finish_all", I, 1, r"\b(nsali|ntsali|nkemmel) (kolchi|kolshi|kolsh)\b").not_continuing(),
    r("az:forgive_me", I, 1, r"\b(smhli|sme7li|sam7ini|sam7ili|sam7ouni|sam7oni|samhouni) (a |ya )?(mama|mma|yemma|mimti|baba|mami|yamma)?\b").not_continuing(),
    r("az:at_edge", I, 1, r"\b(2a3de|2a3ed|a3de|3ade|a3ed|2a3da|2a3ed) (3al|3a|ala|3ala) (el )?(7affe|7afe|7affeh|7afet|sour|shebbak)\b|\b(ejray|ejre|rejlay|ijray|rjliya) (barra|bara|la barra|lbarra)\b"),
    r("az:roof", I, 1, r"\b(tle3et|tla3t|tle3t|ana|2a3de|wa2ef) (3al|3a|ala|3ala|fo2|foo2) (el )?(sat7|sate7|sat7a|sta7)\b"),
    // sixth pass: conversation sets 4-5 and training files x19-x24 (after their first-sight figures)
    r("en:rope_up", I, 2, r"\b(rope|noose)( s| is)? (already )?(up|hanging|tied) (on|from|to|over) (the|a) (beam|ceiling|tree|rafter|rafters|banister|pipe|hook)\b"),
    r("en:picked_day", I, 1, r"\b(already )?(picked|chose) (the|a) (day|date)\b|\bwhen (nobody|no one|noone)( s| is)? (home|around)\b").not_info(),
    r("en:next_threat", A, 2, r"\b(said|says|told me|screaming|yelling)( that)? (i m|im|i am|you re|youre|we re|were) next\b"),
    r("en:sextortion", A, 2, r"\bif i (dont|don t|do not) send( [a-z]+){0,3} (he ll|hell|he will|she ll|shell|they ll|theyll|they will) (post|share|send|leak|show)\b"),
    r("en:gun_open", I, 2, r"\b(gun|guns|gun s|rifle|pistol) (case|safe|cabinet|locker)( [a-z]+){0,3} (is |s )?(open|unlocked) now\b"),
    r("en:train_jump", I, 2, r"\b(jump|jumps|jumping) (when|as soon as|before) the (next )?(train|tram|bus|metro|subway)\b|\b(jump|jumps|jumping|step|stepping) in front of (a|the) (train|bus|truck|lorry|tram)\b"),
    r("en:over_railing", I, 1, r"\bclimbed (over|onto|on) the (railing|rail|barrier|parapet|ledge)\b|\bperelez(la)? cherez (perila|ograzhdenie)\b"),
    r("en:where_going", I, 2, r"\b(wont|won t|will not|dont|don t|wouldnt) need (them|it|these|this|that|anything|any of (it|this|that)) where (i m|im|i am|he s|hes|he is|she s|shes|she is) going\b"),
    r("en:drive_into", I, 2, r"\b(drive|driving|crash|crashing|ram|ramming|steer|steering) (the car |my car |his car |her car )?into (a|the) (wall|tree|pole|river|truck|lorry|barrier|sea|lake)\b").not_info(),
    r("en:translit_ru", I, 2, r"\bverevk[a-z]* (uzhe|gotova)\b"),
    // seventh pass: held-out 23-24 and conversation set 3 (after their first-sight figures)
    r("en:ending_it", I, 2, r"\b(yeah|yes|yea|yep|ya)( [a-z]+){0,2} ending it\b|\bending it (all|tonight|soon|for good)\b").not_info(),
    r("en:ending_it", I, 1, r"\bending it\b")
        // ending a relationship, not a life; "ending it with pills" stays
        .after(r"^(with (him|her|them|you|u|my (bf|gf|boyfriend|girlfriend|partner|husband|wife|fiance|fiancee|ex))|between (us|them|you and me|me and))\b").not_info(),
    r("en:gun_loaded", I, 2, r"\b(revolver|pistol|handgun|rifle|gun|shotgun)( [a-z]+){0,8} (loaded it|cocked it|loaded|is loaded|s loaded)\b").not_info(),
    r("en:gun_now", I, 1, r"\b(got|has|have|holding|has got)( [a-z]+){0,2} (gun|pistol|rifle|revolver)( [a-z]+){0,4} (right now|rn)\b|\bone more time (he s|hes|she s|shes|i m|im) done\b"),
    r("en:wont_need", I, 1, r"\b(wont|won t|will not) need (the|my) (flat|apartment|car|room|place|house|stuff|things)( [a-z]+){0,2} after\b|\bif (something|anything) (happens|were to happen) to me\b").not_continuing(),
    r("en:tracks", I, 1, r"\b(staring|looking|standing|sitting)( [a-z]+){0,2} (at|on|by|near) the (tracks|rails|railway|train tracks)\b|\bnext train (is|at|in|comes)\b"),
    r("en:translit_ru", I, 2, r"\btabletki (uzhe )?v ruke\b"),
    r("en:translit_ru", I, 1, r"\bvse bez menya budut\b"),
    // eighth pass: plainly told crises (training file x31): the body's signs of a heart attack and of a
    // head injury, a goodbye that says when, "this time I'm not coming back"
    r("en:chest_arm", M, 2, r"\bchest( [a-z]+){0,8} (left )?(arm|jaw)( [a-z]+){0,3} (numb|gone numb|going numb|tingling|heavy|aching|dead)\b|\b(left )?(arm|jaw)( [a-z]+){0,3} (numb|gone numb|going numb|tingling)( [a-z]+){0,8} chest\b"),
    r("en:head_vomit", M, 2, r"\b(hit|kicked|banged|bumped|struck|smacked|knocked)( [a-z]+){0,5} head(\s.*)?\b(vomit\w*|threw up|throwing up|thrown up|been sick|puked|keeps asking|doesnt know where|doesnt know what day)\b"),
    r("en:not_around", I, 2, r"\b(you|u)( all| guys)? (wont|will not|will never) hear from me (again )?(after (tonight|today|this)|ever again)\b|\bthis time (im|i am|i m) not coming back\b|\b(not|wont|will not) (be )?coming back this time\b"),
    r("en:not_around", I, 1, r"\b(you|u)( all| guys)? (wont|will not|will never|never) hear from me again\b|\b(not going to|wont|will not|aint gonna|not gonna) be (around|here) (by|after|past) (the weekend|tomorrow|tonight|friday|saturday|sunday|monday|tuesday|wednesday|thursday|next week|the end of the week)\b").after(TRIP_AFTER),
    // settling affairs told as plain facts, and means at hand (training file x31): each a weak cue,
    // so one of them alone never escalates ("updated my will after the baby"), two together do
    r("en:affairs", I, 1, r"\b(changed|updated|redid|rewrote|signed|sorted|sorted out) (my|the) will\b|\bput (the|my|our) (farm|house|flat|apartment|business|car|land|accounts?|savings|deeds?) in (my |her |his |the )?[a-z]+s name\b|\bpaid( [a-z]+){0,4} (months? )?(up front|in advance)\b|\bcancell?ed (the|my) (milk|paper|papers|newspaper|subscriptions?|gym|phone contract)\b|\b(left|leaving) the (back |front )?door (unlocked|open) so\b|\b(wrote|written|left) (down )?(all )?(my )?passwords (for|in|on|under)\b").not_continuing(),
    r("en:means", I, 1, r"\b(weedkiller|weed killer|pesticide|rat poison|antifreeze|paraquat)\b|\b(hose|hosepipe)( [a-z]+){0,8} (car|garage|exhaust)\b|\b(car|garage|exhaust)( [a-z]+){0,8} (hose|hosepipe)\b|\b(vials|ampoules|ampules|morphine|fentanyl)( [a-z]+){0,4} (home )?from (the )?(ward|work|hospital|pharmacy|clinic)\b|\b(took|brought) (home )?(the )?(vials|ampoules|morphine|fentanyl)\b|\b(gun|pistol|rifle|shotgun) (out of|from) the (safe|cabinet|locker)\b"),
    // ninth pass (sixth session): acts told as plain facts (train x35, plain voices): a farm or
    // garden poison drunk, sitting or lying on the tracks, a note left for the police, chest
    // pressure spreading to the arm or jaw
    r("en:poison", M, 2, r"\b(drank|drunk|swallowed|downed|drinking|took)( [a-z]+){0,3} (paraquat|gramoxone|weedkiller|weed killer|herbicide|insecticide|roundup|drain cleaner|lighter fluid|kerosene|methanol|sheep dip|cyanide)\b"),
    r("en:tracks", I, 2, r"\b(sitting|standing|lying|laying|sat|lay|parked) (down )?(on|between|across) (the )?(tracks|rails|railway line|railroad tracks|train tracks|level crossing)\b"),
    r("en:police_note", I, 2, r"\b(letter|note)( [a-z]+){0,2} (for|to) (the )?(sheriff|police|cops|coroner|whoever finds me|whoever comes|the one who finds me|person who finds me)\b").not_info(),
    r("en:chest_arm", M, 2, r"\bchest( [a-z]+){0,8} (spreading|going|moving|radiating|shooting|running|goes|spreads|moves|radiates) (down|up|into|to) (my |the )?(left )?(arm|jaw|shoulder)\b"),
    // Arabizi abuse as a weak cue (weight 0: it only lets the classifier's abuse score raise):
    // hitting and threatening conjugated with a person prefix or an object suffix ("ydarbuni",
    // "beyedrabhom", "yhaddedou"), touching, asking for pictures, "don't tell your parents",
    // "I'll kill you" (Arabizi file x34: 18/32 abuse messages escalated, most missed ones scored
    // 0.7-0.94 on the classifier's abuse label without a cue)
    r("az:abuse_cue", A, 0, r"\b(y|t|n|by|bt|bi|bey|bet|byi|ka|kay|kat|ta|da|hay|hat|7ay|7at)[eiao]?dh?[aeiou]?r[aeiou]?b\w*\b|\bdh?[aeiou]?r[aeiou]?b(ni|ny|na|ouni|oni|uni|ooni|hom|hum|houm|ou)\b|\b(y|t|by|bi|bey|bet|ka|kay|kat|ta|da)?[ae]?h[ae]?dd?[aei]d\w*\b|\b(y|t|by|bi|bey|bet|ka|kay|ki)?[eiao]?lm[ae]s(ni|ny|na|ha|hom)?\b|\blamas(ni|ny|ha)\b|\b(yit|yet|bit|byet|bet|kay|ki)?t?7arr?ash\w*\b|\b(bado|baddo|bdo|bido|biddo|[3e]ayez|[3e]ayz|[3e]ayzni|yabi|yebi|ybi|y7eb|y7ib|yhib|ybgha|ybghi|baghi|yotlob|yetlob|yutlub|talab|yeb[3e]atli|yb[3e]atli|yarsil|yersel)( \w+){0,3} (suwar|swar|sowar|suwari|swari|tsawri|tsawer|tsawir|tswira|pics|photos|nudes|sora|soura|sura)\w*\b|\bma (t2ul|t2oul|t2ool|2ul|2ool|tgul|tgool|gul|t9oul|t9ol|9oul|t9oulch|tgoulch|t2olsh|t2oulesh|t2olish|ma2olsh|tkalmi|tkalem|tqul|tqoul|tkhabbri|t5abri|t[3e]almi)( \w+){0,2} (la |l |le |li |el )?(ahl|ahli|ahlek|ahlik|ahlak|mama|mamtek|baba|ommek|omek|umek|umi|ommi|abook|abouk)\w*\b|\b(ghadi |ghan |ra7 |rah |ha |7a )?(n|a|2a|e|2e)?(q|9|2|k)t[eoa]?l(e|a|i)?k\b"),
    // Abuse told as plain facts, as a weak cue (weight 0: it only lets the classifier's abuse
    // score raise at its weak-cue threshold): papers taken, someone waiting outside, grabbed by
    // the wrist or hair, a threat to burn the house, the sounds of a beating next door, meeting
    // a child without the parents knowing
    r("en:abuse_cue", A, 0, r"\b(took|takes|keeps|kept|has|holds|holding|took away|confiscated)( [a-z]+){0,2} (passports?|documents|papers|ids|id cards)\b|\b(he|she|they|hell|shell|theyll|hes|shes|theyre)( will| is| are| ll| s)?( be)? (waiting|wait|waits)( for me)? (in|at|outside|by|near) (the |my )?(car park|parking lot|parking|garage|my (house|building|work|school|door|car))\b|\bwaiting for me (in|at|outside|by|near) (the |my )?(car park|parking lot|parking|garage|my (house|building|work|school|door|car))\b|\bgrabbed (me by )?(my |the )?(wrist|arm|hair|throat|neck)\b|\b(burn|torch|set fire to) (the|my|our|your) (house|place|flat|apartment|car)\b|\bheard (a |something )?(thud|slam|crash|screaming|screams|slap|slam into)\b|\bwithout (my|her|his|their) (parents|mom|mum|dad|mother|father) knowing\b"),
    // more of the same cue: locked in, sextortion ("yibtazni"), followed, a hand put on the
    // writer, secrecy from anyone, beating in Gulf and Sudanese (dagg). Not "he'll kill me"
    // with an object suffix ("yektelni"): it is mostly an exam or a match that is killing
    // someone, and one such message was raised
    r("az:abuse_cue", A, 0, r"\b(y|t|by|bt|bi|bye|bey|bet|ka|kay|kat|ta|3am y)?[eiao]?[7h]b[ie]?s(ni|na|ha|o|ou|hom)\b|\b[7h][ae]?b[ae]?s(o|ou|ha|hom|ni|na)\b|\b(hbes|7bes|sedd|sadd|katsedd|kaysedd|2afal|2fal|2fel|ye2fel|bey2fel|bi2fel|yi2fil|msakker) (3liya|3lia|3alaya|3alay|3alayi|3layi|3leya|3aleya|3lina|3lena|3alena)\b|\b(y|t|by|bi|bey|ka|kay|ta)?[ei]?bt[ae]?zz?(ni|na|ha|ek|ik)\b|\b[ei]btiz[ae]z\b|\b(y|t|by|bi|bey|ka|kay|3am y)?[ei]?l[7h][ae]?[2g9q](ni|na|ha)\b|\b(y|t|by|bi|bey|ka|kay|3am y)[ei]?t[ae]?b+[aei]?[3e](ni|na|ha)\b|\b(y|t|bi|by|ka)[ie]?d[ou]?gg?(ni|na|ha|hom)?\b|\b(y|bi|by|ka|kay|bey|3am y)?[ei]?[7h]o?tt? (yeddou|yeddo|ido|eido|2ido|yddo|yedo|edo|eedo) (3liya|3lia|3alay|3alaya|3layi|3leya|3aleya)\b|\bma (t2ouli|t2oli|tgouli|tgoli|t9oli|t9ouli|t2ol|tgol|t9oul|t2oul|tgoul)( \w+)? (l |la |le |li )?(7ad|7ada|7add|a7ad|7adan|7ed)\b|\bmat2ol(e|i)?sh (l |la |le |li )?(7ad|7ada|a7ad|ahl\w*|mama|baba)\b"),
    r("en:abuse_cue", A, 0, r"\bcigarette burns?\b|\b(films|filming|filmed|records|recording|photographs|takes pictures of) (me|her|him|my (daughter|son|sister|brother))( [a-z]+){0,3} (in the )?(shower|bath|bathroom|changing)\b|\blocked (me|us|her|him|them) (in|inside|out)\b|\bparked (outside|in front of|across from) (my|our|the) (house|place|building|flat|door)\b"),
    // tenth pass (eighth session), from training files x41-x43 (plain voices), validated on x44:
    // a strip or a count of tablets taken, a child who swallowed a cleaner or pills, the last
    // message anyone will hear, stopping insulin for good, charcoal with tape, the people
    // who will be fine without someone, a present given early, a day named for the plan
    r("en:od_taken", I, 2, r"\btook (the|a) whole (strip|pack|packet|box|bottle|blister|sheet)\b|\btook (like |about |around |maybe |nearly |over )?[1-9][0-9]+ of (my|the|her|his|mums|dads) [a-z]+\b").not_info(),
    r("en:child_ingest", M, 2, r"\b(my|our|the) ([a-z0-9]+ (year|month|yr) old|toddler|baby|son|daughter|kid|little one|boy|girl|grandson|granddaughter)( [a-z]+){0,2} (drank|swallowed|ate|has eaten|got into|chewed|licked|drunk)( [a-z]+){0,3} (dishwasher|detergent|bleach|laundry|washing up|pills|tablets|meds|medicine|battery|cleaner|antifreeze|paracetamol|tylenol|vitamins|iron|white spirit|lamp oil|dish soap)\b"),
    r("en:last_hear", I, 2, r"\b(the )?last (time|message|thing) (you|u|any of you|you all|yall)( ll| will| ever| will ever| ll ever)? (hear|get|see|read) from me\b|\bthe last (time|message) youll (ever )?(hear|get|see|read) from me\b").after(r"^\s*(about|regarding|re|until|till|for (a while|now|today|this week|a bit|a few|the (week|month|summer|holidays))|this (week|month|year)|before)\b").not_info(),
    r("en:stop_lifemeds", I, 2, r"\b(stopped|quit|stopped taking|not taking|stopped using|havent taken|have not taken)( the| my)? (insulin|heart (pills|meds|tablets)|dialysis|blood thinners|transplant meds|anti rejection meds)\b(.{0,160}\b)?(not (going|gonna) to (start|take|restart|go back)|wont (start|take|restart|go back)|not starting (it )?again)\b"),
    r("en:charcoal", I, 2, r"\bcharcoal\b(.{0,80}\b)?(duct )?tape\b|\btape\b(.{0,80}\b)?charcoal\b"),
    r("en:fine_without", I, 1, r"\b(will|would|ll|d) (be|do) (fine|better|better off|ok|okay|happier) without (him|her|me|them)\b|\b(wont|will not|never) have to (deal with|worry about|put up with|look after|care for|carry) me\b"),
    r("en:early_gift", I, 1, r"\bgiving (you )?your (present|gift|birthday present) (now|early)\b|\bdont open it (till|until|before)\b"),
    r("en:the_day", I, 1, r"\b(today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday) is the (day|night)\s*$"),
    r("en:last_item", I, 1, r"\b(that|it|this) was the last (thing|item|job) on (the|my) list\b|\bthe last thing (to do|left to do) on (the|my) list\b"),
    r("en:legs_after_fall", M, 2, r"\b(fell|fallen|came off|come off|dropped)( [a-z]+){0,4} (ladder|scaffold|scaffolding|roof|horse|stairs|balcony|tree)( [a-z]+){0,6} (cant|can not|cannot) (feel|move) (my|his|her) (legs|feet|arms)\b"),
    // ---- ninth session, from x45 (young writers), in all four languages ----
    // a child's abuse disclosed by a professional or a relative: an adult of the
    // family in her bed or room at night
    r("en:night_bed_other", A, 2, r"\b(step ?dad|step ?father|stepfather|uncle|dad|father|grandpa|grandfather|(moms|mums|her mothers|her moms) boyfriend|older brother|cousin)s? ([a-z]+ ){0,2}(gets|got|comes|came|climbs|climbed|goes|went|sneaks|crawls|lies down) (in|into|in to|to) (her|his) (bed|bedroom|room) at night\b|\b(gets|got|climbs|climbed|sneaks|crawls) into (her|his) bed at night\b"),
    // grooming: photos asked of a child, and something promised for them
    r("en:grooming_ask", A, 1, r"\b(asking|asks|asked|keeps asking|wants|wanted|begging) (me|him|her|them|my (son|daughter|kid|brother|sister)) (for|to send) ([a-z]+ )?(pics|photos|nudes|pictures|videos|selfies)\b"),
    r("en:grooming_trade", A, 1, r"\b(promis\w*|offer\w*|in exchange for|give (me|him|her)|buy (me|him|her)) ([a-z]+ ){0,3}(skins|robux|v ?bucks|gift ?cards?|gems|nitro|money|cash)\b"),
    // an older person hurt by the family they live with
    r("en:hit_me", A, 2, r"\b(grandson|granddaughter|son|daughter|nephew|niece|son in law|daughter in law|carer|caregiver)( [a-z]+){0,6} (pushed|shoved|hit|slapped|kicked|punched|grabbed) me\b"),
    // ---- tenth session: risk told without a risk word (x49) ----
    // Writers told what they had done, held or arranged, where they were and
    // what would not happen after. Each kind is a group of its own, so two of
    // them together escalate and one raises the classifier's hand.
    // done with a means: what was saved is taken, pockets weighed down, a
    // blade in the bath, a sealed room with a barbecue, a bridge without nets
    r("en:act_taken", I, 2, r"\b(taken|took|swallowed|downed|had) (what|everything|all) i (had |have )?(saved|been saving|stockpiled|collected|hoarded)( up)?\b|\bswallowed (the rest of (the|my|a|his|her) |the whole |all of (the|my|his|her) |a whole )(bottle|pack|packet|box|strip|tub|jar)\b|\b(filled|filling|fill) (my |his |her )?(coat |jacket )?pockets with (stones|rocks|bricks)\b|\b(put|putting|stuffed|stuffing) (stones|rocks|bricks) in (my|his|her) ([a-z]+ )?pockets\b|\b(bath|bathtub|tub)( [a-z]+){0,6} (razor|razors|blade|blades)\b|\b(razor|blade|blades)( [a-z]+){0,6} (bath|bathtub|tub)\b|\b(bbq|barbecue|barbeque|grill|charcoal)( [a-z]+){0,8} (closed|sealed|shut|small) (room|bathroom|car|tent|garage)\b|\b(windows|vents|gaps|door) (all )?taped\b(.{0,60}\b)?(bbq|barbecue|grill|charcoal)\b|\bbridge( [a-z]+){0,6} (doesnt|does not|dont|without|no) (have )?(the )?(nets?|fence|fences|barriers?)( yet)?\b|\b(took|taken|taking|took apart) (the|a|my) (pencil )?sharpener apart\b|\bsharpener blade\b").after(r"^\s*of ([a-z]+ ){0,2}(biscuits|crisps|chips|cookies|sweets|candy|gum|skittles|haribo|mints|chocolate|chocolates|oreos|pizza|cake|cheesecake|ice cream|popcorn|doritos|pringles|nuggets|fries|donuts|doughnuts|water|juice|wine|vodka|beer|coke|soda|coffee|tea|food|snacks|cereal|sandwich|burger|noodles|pasta|fruit|grapes|jelly beans|gummies|gummy bears|cupcakes|brownies|muffins|bread|leftovers)\b").not_info(),
    r("en:ropes", I, 1, r"\bropes (in|up|ready|tied|is ready|is up)\b|\b(rope|noose) (is |s )?(up|ready|tied) (in|on|from|over)\b|\b(hose|hosepipe)( [a-z]+){0,10} cars\b|\bcars (in|running in) the garage\b"),
    // a question after how sure, how much, how high, which one
    r("en:lethal_q", I, 2, r"\b(definitely|surely|for sure|for certain|guaranteed|certainly)( [a-z]+){0,2} (dont|not|wont|doesnt|do not|would not|wouldnt) (survive|wake up|make it)\b|\b(how much|how many)( [a-z]+){0,6} (would|will|to) stop (a|the|my|his|her) heart\b|\b(what happens|what would happen) if (you|i|someone|u) (take|took|swallow|swallowed|drink|drank) (a whole|the whole|all|an entire) ([a-z]+ )?(month|months|bottle|pack|packet|box|strip|weeks|week)s? (of|worth)\b|\b(door ?handle|doorknob|door knob|beam|rafter|banister|bannister|curtain rail|ceiling fan|coat hook|shower rail)( [a-z]+){0,6} (hold|take|support) (a person|someone|my weight|a body|a persons weight|a grown)\b|\b(calibre|caliber|gauge)( [a-z]+){0,6} (one shot|single shot|first shot)\b").not_info(),
    r("en:insurance_self", I, 2, r"\b(life )?insurance( [a-z]+){0,6} (pay|pays|payout|pay out|cover|covers)( [a-z]+){0,6} (if i|if you|when i|if someone) (do it|did it|kill|crash|end)( [a-z]+){0,3}\b|\b(if i|if you) (do it myself|crash (my|the) car on purpose|do it on purpose)( [a-z]+){0,6} (insurance|policy|payout)\b").not_info(),
    // a wish for it to hurt, a punishment, an urge now
    r("en:punish", I, 1, r"\b(need|want|deserve|have) to punish myself\b|\bi want it to hurt\b|\bthe urge is (so )?(bad|strong|loud)\b|\b(cant|can not|cannot) (make myself )?stop (cutting|scratching|burning|hitting)\b"),
    r("en:sh_until", I, 1, r"\b(scratched|scratching|scratch|cut|cutting|burned|burnt|burning|hit|hitting|bit|biting|picked|picking) (my|at my) (arms?|wrists?|legs?|thighs?|skin|stomach|hips?)( [a-z]+){0,2} (until|till|til) (it|they|i) (bled|bleed|bleeds|bruised|was bleeding|were bleeding)\b|\b(hitting|banging) my head( [a-z]+){0,5} (cant|cannot|can not) (make myself )?stop\b").after(r"^.{0,40}\b(bites?|itch|itchy|eczema|rash|mosquito)\b"),
    // a weight carried by others that will soon be put down
    r("en:burden_end", I, 1, r"\b(ive been|ive always been|i have been|always been|been) (a|such a|nothing but a|just a) (burden|weight|drain|problem|mouth to feed)( on| to| for)?\b|\b(easier|better) (time|life|lives)? ?(for [a-z]+ )?if i (wasnt|werent|was not|were not|wasn t) (here|around|alive|in the picture)\b|\bbetter off with (a|the) memory of me\b|\bsoon (she|he|they|you|everyone|my [a-z]+) (gets?|will get|wont have) to\b|\b(fix|solve|end) (that|this|it) for (them|her|him|everyone|all of them)\b|\bremov(e|ing) (the reason|myself from (the picture|the equation|their lives|everyones lives|the world))\b|\b(not|never) (gonna|going to) be (anybodys|anyones|everyones|your|their|a) (problem|burden|worry) (for )?(much )?longer\b|\bnobody( at [a-z]+| here| there)? (will|would|d|is gonna|is going to)( even)? (notice|miss me|care) (when|if) i (stop\w*|go|leave|left|disappear\w*|am gone|m gone|was gone|dont|didnt)\b"),
    // a farewell: a last post, thanks for the time together, do not look for me
    r("en:final_post", I, 1, r"^\s*(final|last) (post|message|msg|snap|text|words|log|entry)\b|\b(last|final) (snap|post|message|stream|match|text) (ever|for good)\b|\b(gonna|going to|ill|i will|im gonna|im going to) miss (u|you|yall|you all|everyone|this place)( guys| all| so much)?\b|\b(tapping out|checking out for good|logging off for good|signing off for good|clocking out for good)\b|\b(will not|wont|never) (trouble|bother|burden) (you|anyone|anybody|any of you) (again|anymore|any more)\b").not_continuing(),
    r("en:dont_find", I, 1, r"\bdont (try to |bother to |come )?(find|look for|search for|come looking for) me\b|\b(didnt|doesnt|dont) want to be found\b|\bwhoever finds (this|me|it)\b|\bfor whoever (comes|finds|gets here|turns up|comes in)\b|\bso (they|whoever|no one|nobody)( [a-z]+){0,3} (dont|doesnt|wont|will not) (have|need) to break( it| in| the door)?\b").before(r"\b(off to|flying|fly|holiday|vacation|trip|beach|camping|hiking|festival|retreat|detox)\b.{0,80}$").after(TRIP_AFTER),
    r("en:forgive_me", I, 1, r"\b(hope|pray|please) ([a-z]+ ){0,3}(forgive|forgives|can forgive) me\b|\b(wish i (was|were|had been) (stronger|stronger than this|braver|better))\b|\bi tried (for (so )?(a long time|so long|years)|so hard|my best|everything)\b"),
    r("en:join_dead", I, 2, r"\b(join|joining|be with|see|visit|go to) ([a-z]+ ){0,2}(soon|tonight|tomorrow|shortly)\b(.{0,60}\b)?(she|he|they|who) (died|passed|passed away|is dead|has died)\b|\b(join|joining|be with) (her|him|them|my (wife|husband|son|daughter|mum|mom|dad|boy|girl)|[a-z]+) (again )?(soon|tonight|tomorrow)\b(.{0,80}\b)?(arrangements|made (my|the) peace|everythings (sorted|ready))\b|\b(since|after) ([a-z]+ ){1,3}(passed|died|passed away)\b(.{0,80}\b)?(join|joining|be with) (her|him|them)\b"),
    r("en:not_back", I, 2, r"\b(not|never) (planning on|planning to|going to|gonna|intending to) (be )?(coming|come|driving|walking) back( from (it|this|there))?\b|\bfurther than i (can|could) (come|swim|get) back( from)?\b|\bonly one place (im|i am|i m) (going|headed|heading)\b|\bno need for (money|it|them|a return ticket) where (im|i am|i m) (going|headed|heading)\b").after(r"^.{0,60}\b(to (work|school|the office|class)|from (holiday|vacation|the trip|abroad|leave|work)|to (that|this) (place|shop|restaurant|job|company|gym|club|bar))\b").not_continuing(),
    r("en:lied_future", I, 2, r"\b(id|i would|ill|i will) see (them|you|her|him|the kids|my [a-z]+)( [a-z]+){0,4}\s+i (wont|will not|lied)\s*$|\b(told|said to)( [a-z]+){0,4} (id|i would|ill) (see|be|come)( [a-z]+){0,5}\s+i lied\b|\bno (version|future|world) (of ([a-z]+ ){1,3})?(with|where) me in it\b|\b(there s|theres) no (me|version of me) (next|in|by)\b"),
    // the little left to settle, done before the end
    r("en:settled", I, 1, r"\btying up (all )?(the |my )?loose ends\b|\b(thats|that is|that s) the list done\b|\bthe list is (done|finished)\b|\bwho gets what\b|\b(less|nothing) (left )?for (my|the|his|her) ([a-z]+ )?(family|parents|mum|mom|kids|wife|husband|sister|brother) to (sort|clear|go|deal)( through| out| with)?\b|\b(made|make|making|done|finished|sorted) (all )?(the|my) (arrangements|preparations)\b|\b(songs|music|hymns|readings|flowers)( [a-z]+){0,2} for (my |the )(funeral|service|memorial)\b|\bthe last thing i (get|will get|ll get) to (choose|decide|pick|do)\b|\b(prepay|prepaid|pre pay|arrange|book) (a|my|my own) (funeral|cremation|burial|plot)\b(.{0,40}\b)?(for me|myself|not for)\b|\b(sent|gave|texted|left) ([a-z]+ ){0,3}my (phone )?(passcode|pass code|logins?|login details|passwords?)( and [a-z ]{1,30})? (and )?(told|asked)\b|\bwhen (its|it is) time\s*$").not_continuing(),
    r("en:giving_all", I, 1, r"\b(given|giving|gave|give) (it all|everything|nearly everything|almost everything|most of it|all of it|it) (away|all away)\b|\b(giving|gave|given) away (nearly |almost )?everything (i own|i have|i ve got)\b|\b(giving|gave) away (his|her|their) ([a-z]+ ){0,2}(tools|gear|guitar|guitars|collection|books|clothes|things|stuff|records|games)\b|\bgiving away my whole (account|collection|inventory)\b|\bneeds a new (owner|home) (by|before) [a-z]+\b|\bsomeone wholl (still )?be (here|around) (in a|next|by)\b").not_continuing(),
    r("en:calm_decided", I, 1, r"\bthe calmest (ive|i ve|i have) (felt|been)\b|\b(went|gone|is|got) (quiet|calm|still|silent)( [a-z]+){0,4} (i|id) (made up my mind|decided|made my decision)\b|\b(having|have|got|set|picked) an end date\b|\bthen i can (finally )?(rest|sleep|stop|be free|be at peace)\b|\btired in a way sleep (doesnt|does not|cant|wont) fix\b|\b(stopped|quit|done) fighting (it|this|the pain|anymore)\b|\btired of fighting( this| it| the pain| every day)?\b|\bmade (my )?peace( with (it|everything|god|this|that))?\s*[.]?\s*$").not_continuing(),
    // a place of ending, gone to: the tracks, a crossing, cliffs, a quarry
    r("en:place_to", I, 1, r"\b(walking|walked|driving|drove|heading|headed|going|on my way|went|parked|sitting|standing|sat|stood) (out |up |down )?(to|at|by|on|near|towards) the (level crossing|crossing|railway crossing|tracks|train tracks|railway|quarry|old quarry|cliffs?|cliff edge|overlook|viaduct|dam|multi storey|top floor|river|lake|weir|pier)\b|\b(express|fast train|fast ones|freight)( [a-z]+){0,8} (doesnt|does not|dont|wont) stop\b|\bend of (the )?platform\b|\b(good|nice|peaceful|quiet|beautiful) place to (end up|end it|finish|go|die|do it)\b"),
    r("en:intent_tell", I, 1, r"\b(doing|do) it (after school|after work|after class|this weekend|before (the weekend|friday|monday|they get home))\b|\b(and )?i dont mean (move|moving|leave|leaving|quit|quitting|run|running) (away|towns?|cities|house|out)?\b|\bquitting (everything|life|existing|existence|it all)\b|\b(isnt|is not|not|wont be) (for|about) (protection|hunting|self defen[cs]e|the range|sport|work)\b|\basking for (me|myself)\s*[.]?\s*$|\b(wasnt|was not|it wasnt|it was not) an accident\b|\b(shell|hell|theyll|youll|she will|he will|they will|you will) (know|understand) (what i mean|why) (soon|tomorrow|later)\b|\bfinish what ive been (thinking about|planning)\b|\bor anywhere\b"),
    // weapon words are the same kind of cue as "gun": one group, so a range day with "handgun" and "gun" counts once
    r("en:means", I, 1, r"\b(sidearm|service weapon|service pistol|handgun|revolver|calibre|caliber|shotgun shells)\b"),
    r("en:means2", I, 1, r"\b(gun|pistol|rifle|shotgun|pills|meds|rope)( [a-z]+){0,3} (is|are) (missing|gone) (from|out of)\b|\b(knife|blade)( [a-z]+){0,2} (upstairs|to my room|to the bathroom)\b|\bjust holding (it|the knife|the blade|the gun|them)\b|\b(three|3|different|several|two|2|four|4) (different )?pharmacies( [a-z]+){0,8} (notice|how many|buying)\b"),
    // the medical emergencies x49 told without an emergency word
    r("en:no_pulse", M, 2, r"\b(no|dont think (he|she|they) (has|have) a|cant find (a|his|her)|without a|hasnt got a) pulse\b"),
    r("en:racing_faint", M, 2, r"\b(heart|pulse|heart rate|hr)s? (is )?(racing|going|at|over|above)( [a-z]+){0,2} (over |above )?(1[6-9][0-9]|2[0-9][0-9])\b(.{0,60}\b)?(faint|dizzy|black out|blacking out|heart condition)\b"),
    // eleventh session, from x53/x55-x57 (training files whose misses sat at 0.90-0.94): an engine
    // running in a garage, a high place told with "quiet up here" or "someone should know", the
    // top of a car park, how long to freeze or bleed, the permanent exit, goodnight forever,
    // medication stockpiled, enough to not wake up, the gun in my lap, a note found not too early,
    // at peace now
    r("en:garage_engine", I, 1, r"\b(car|engine|ute|van|truck|motor)( [a-z]+){0,5} (running|on|started)( [a-z]+){0,4} (in|inside) (the|my|our) (garage|shed)\b|\b(in|inside) (the|my|our) (garage|shed)( [a-z]+){0,5} (engine|car|motor)s? (is |are )?(running|on)\b")
        .after(r"^.{0,80}\b(door (is )?(wide )?open|doors open|fan|ventilation|ventilated|mechanic|timing|oil|warm up|warming|exhaust extractor)\b")
        .before(r"\b(door (is )?(wide )?open|doors open|fan|ventilation|mechanic|timing|oil change|warm up|warming)\b.*$"),
    r("en:up_here", I, 1, r"\b(its|it s|it is) (really |so |very |nice and )?quiet up here\b|\b(just )?(need|needed|want|wanted) (someone|somebody) to know (i was here|where i am|im here)\b|\bwanted to (type|say|tell) it to (someone|somebody)( first)?\b|\bdont (even )?know why im (messaging|typing|texting|writing)\b"),
    r("en:means", I, 1, r"\b(top|top floor|top level|roof|level [0-9]+) of (the|my|a|our) ([a-z]+ )?(multistorey|multi storey|parking structure|parking garage|car park|carpark|parkade)\b|\b(footbridge|overpass|viaduct|water tower)\b"),
    r("en:lethal_q", I, 2, r"\bhow long (does it|would it|will it|till|until|before|to)( take)?( [a-z]+){0,2} (to )?(freeze to death|bleed out|die of cold|die from the cold|drown)\b").not_info(),
    r("en:permanent_exit", I, 2, r"\b(only )?(way out|exit|option|solution|escape)( [a-z]+){0,4} (is )?the permanent one\b"),
    r("en:gn_forever", I, 2, r"\b(gn|goodnight|good night|night night|nighty night) forever\b"),
    r("en:stockpile", I, 1, r"\b(stockpil(ing|ed|e)|saving up|been saving|hoarding|hoarded) (my |the |her |his |all my )?(pills|meds|tablets|lithium|insulin|sleeping pills|painkillers|prescription|[a-z]+ pills)\b"),
    r("en:no_wake_enough", I, 2, r"\benough( [a-z]+){0,3} to (not wake up|never wake up|not wake|not wake up again)\b"),
    r("en:gun_lap", I, 2, r"\b(gun|pistol|weapon|rifle|revolver|handgun|sidearm|shotgun)s?( [a-z]+){0,12} (in my lap|in my mouth|to my head|against my head|to my temple|under my chin)\b"),
    r("en:note_found", I, 2, r"\b(note|letter)( [a-z]+){0,3} (found|finds it|find it)( [a-z]+){0,3} (not too (early|soon)|after (its|it s|it is) (done|over|too late))\b"),
    r("en:at_peace", I, 1, r"\b(im|i am|i m|finally) (actually |finally |really )?at peace (now|with it|with my decision|with what im doing)\b"),
    // Core lethality questions (tests/data/triage_core1.jsonl).
    r("en:lethal_q", I, 2, r"\bhow (cold|deep|high|far|strong|long)( [a-z]+){0,6} (so|so that|for|that) (someone|you|i|a person|one|u|somebody) (cant|can not|cannot|couldnt|wont|doesnt|dont|never) (swim back|get back out|get out|climb out|survive|make it|wake up|get up|come back up)\b").not_info(),
    // told of another: "she keeps saying we'd be better off without her"
    r("en:burden_told", I, 2, r"\b(she|he|they|my [a-z]+)( [a-z]+){0,2} (keeps saying|keeps telling|kept saying|always says|says|said|told|tells|posted|wrote)( [a-z]+){0,4} (better off|happier|easier) (without|wo) (her|him|them)\b"),
    r("en:lethal_q", I, 2, r"\bhow (long|many minutes|fast|quickly|soon)( [a-z]+){0,5} (until|till|til|before|for) (your|my|the|his|her|a) heart (stops|to stop|gives out|gives up)\b|\bhow many (floors|stories|storeys|metres|meters|feet|ft|m|pills|tablets)( [a-z]+){0,6} (so|so that|to make sure|to be sure|that) (you|i|one|u|someone|a person) (dont|wont|do not|will not|never|cant|doesnt) (get up|wake up|survive|make it)\b").not_info(),
    r("en:lethal_q", I, 2, r"\bhow (long|many minutes|fast|quickly|soon)( [a-z]+){0,3} (until|till|til|before|for) (u|you|i|one|someone|a person|they) (pass out|lose consciousness|black out|bleed out)\b").not_info(),
    r("en:airway", M, 2, r"\bthroat( feels| is| s)?( so| super| really| very)? (tight|closing up|closing|swelling up|swollen)\b(.{0,40}\b)?(cant|can not|cannot|barely|hard to|struggling to) (breathe|get air|swallow)\b"),
    // Fourteenth session, core phrasings by a second author (tests/data/triage_core2.jsonl): praying not
    // to wake up, "how many ... before you just don't wake up", waiting at the tracks for the next train,
    // stepping onto the tracks when the train comes.
    r("en:no_wake", I, 2, r"\b(pray|praying|prayed|hope|hoping|wish|wishing|beg|begging)( to god| god| to allah)?( that)? i (just |simply |finally |would )?(dont|wont|never|do not|will not|would not|wouldnt) (wake up|wake|get up)\b")
        .after(r"^(late|early|too|at|before|in|on|with|until|till|during|and miss|for (work|school|class)|the|my|your|his|her|him|them|us|our|everyone|anyone|anybody|everybody|mom|mum|dad|the baby|hungover)\b")
        .not_hyperbole(),
    r("en:lethal_q", I, 2, r"\bhow (many|much)( [a-z0-9]+){0,5} (before|till|until|til|so|so that|that|for) (you|i|u|one|someone|a person|me)( just| simply| finally)? (dont|wont|do not|will not|never|cant|doesnt) (wake up|get up|survive|make it)\b").not_info(),
    r("en:tracks", I, 2, r"\b(at|by|near|on) the (tracks|rails|railway|railway line|rail crossing|level crossing|train tracks)( \S+){0,20} (next train|the train|the freight|freight train|the express)( [a-z]+){0,2} (comes|is coming|gets here|passes|in|at|due)\b")
        .not_info(),
    r("en:tracks", I, 2, r"\b(im|i am|ill|i will|gonna|going to|about to|im going to) (step|stepping|walk|walking|lie|lying|lay|laying|jump|jumping) (onto|on|in front of|down on|across|between) the (tracks|rails|train|railway)\b")
        .not_info(),
    r("en:not_breathing", M, 2, r"\b(his|her|their|my (dads|moms|sons|daughters|brothers|sisters|grandpas|grandmas|babys)|the babys|the mans|the womans) chest( [a-z]+)? (isnt|is not|not|stopped|has stopped|aint) (moving|rising|going up)\b|\bno (breath|breathing|pulse)( at all)?\s*(someone|what|help|hes|shes|$)"),
    // Fifteenth session, from the training files x76-x81 (new authors, risk mostly told without a
    // risk word). Concepts written in all four languages at once, so they carry past one author:
    // a household poison drunk or about to be, a dose that stops the heart, a trip the writer
    // invented, a rope or knot that must hold a person (once), a bag of stones by the water, a
    // train not to be boarded, a floor "high enough", letters left out with "it's time",
    // "just so someone knows" by the water at night.
    r("en:poison_drunk", I, 2, r"\b(i|ive|i just|just|i have|i already|already) (drank|drunk|downed|swallowed|chugged|had) (some |a cup of |a glass of |a mug of |a bottle of |half (a|the) (bottle|cup|glass) of |the )?(bleach|antifreeze|drain cleaner|weed ?killer|rat poison|paraquat|pesticide|toilet cleaner|oven cleaner|lye|methanol)\b|\b(im going to|im gonna|gonna|ill|i will|going to|about to) (drink|down|swallow|chug) (some |a cup of |a glass of |the |a bottle of |the bottle of )?(bleach|antifreeze|drain cleaner|weed ?killer|rat poison|paraquat|pesticide|toilet cleaner|oven cleaner|lye|methanol)\b")
        .before(r"\b(accidentally|by accident|by mistake)$")
        .not_info(),
    r("en:poison_drunk", I, 2, r"\bhow (long|fast|quickly|much)( [a-z]+){0,5} (bleach|antifreeze|drain cleaner|weed ?killer|rat poison|paraquat|pesticide|methanol)( [a-z]+){0,4} (if (you|i|u) (drink|drank|swallow)|to (work|kill|do it))\b").not_info(),
    r("en:heart_stop_dose", I, 2, r"\b(dose|dosage|amount|mg|units|pills|tablets|how much|how many|max|maximum)( [a-z0-9]+){0,8} (before|till|until|thatd|that would|that will|that|to) (stop (my|the|your|a) heart|(your|my|the) heart stops)\b").not_info(),
    r("en:lied_trip", I, 2, r"\b(told|telling|said to|tell)( [a-z]+){0,4} (im|i am|i was|i m|id be) (going|off|travelling|traveling|moving|leaving|away|on holiday|on vacation)\b(.{0,100}\b)?(there is no (holiday|trip|vacation)|theres no (holiday|trip|vacation)|im not (going|travelling|traveling|moving|leaving) (anywhere|away)|i am not (going|travelling|traveling) anywhere)\b"),
    r("en:hold_once", I, 2, r"\b(rope|knot|cord|belt|line|hook|cable|beam)( [a-z0-9]+){0,10} (only|just) (needs?|has|have) to (hold|last|work) (once|one time)\b|\bknot( [a-z]+){0,4} (doesnt|wont|does not|will not|that doesnt|that wont) (slip|come undone|untie|give)( [a-z]+){0,6} (body ?weight|my weight|a persons weight|a person)\b").not_info(),
    r("en:stones_bag", I, 2, r"\b(bag|backpack|rucksack|pockets?|coat|jacket)( [a-z]+){0,2} (full of|filled with|stuffed with|loaded with) (rocks|stones|bricks)\b")
        .after(r"^\s*([a-z]+ ){0,4}(for|to) (the )?(fishing|keepnet|net|anchor|garden|aquarium|path|wall|sink the)\b")
        .not_info(),
    r("en:stones_bag", I, 1, r"\b(bag|backpack|rucksack) of (rocks|stones|bricks)\b")
        .after(r"^\s*([a-z]+ ){0,4}(for|to) (the )?(fishing|keepnet|net|anchor|garden|aquarium|path|wall|sink the)\b"),
    r("en:not_board", I, 2, r"\b(train|express|freight|the [0-9]+)( [a-z0-9]+){0,8} (but )?not to (get on|board|catch|ride) (it|that one)\b|\b(not|wont be|won t be|never) (on|in) it( [a-z]+){0,3} in front of it\b").not_info(),
    r("en:train_nonstop", I, 1, r"\b(the one that|one that|that|which|it|train|express|freight)( [a-z]+)? (doesnt|does not|wont) stop (at|here)\b|\b(passes|goes|comes) (through )?(without stopping|at full speed|full speed)\b"),
    r("en:high_enough", I, 2, r"\b([0-9]+(st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top) (floor|storey|story)( [a-z]+){0,3} (high enough|tall enough|enough)\b|\bhow many (storeys|stories|floors)( [a-z]+){0,6} (for it to be|to be) (certain|sure|guaranteed|enough|final)\b").not_info(),
    r("en:letters_left", I, 1, r"\b(letters|notes|the letters|the notes|my letters|my notes)( are| is)? (on|in|under) (the|my) (kitchen )?(table|desk|bed|pillow|drawer|counter)\b|\b(letters|notes) (are )?(written|done|sealed)\b").not_info(),
    r("en:its_time", I, 1, r"^\s*((ok|okay|ok so|well|right|so|alright|yeah) )?(its|it is) time\b").not_continuing(),
    r("en:witness", I, 1, r"\b(just )?(needed|wanted|want|need) (to say it to|someone to know|somebody to know|to let someone know|to tell someone)\b|\bjust so (someone|somebody) knows\b")
        .after(r"^\s*(that )?(im|i am|i m) (still here|ok|okay|alive|doing|fine|better|safe)\b"),
    r("en:water_night", I, 1, r"\b(at|on|by|down at|near|in) the (beach|pier|sea|river|lake|embankment|jetty|harbour|harbor|dock|docks|quay|reservoir|canal)\b(.{0,40}\b)?(dark|at night|pitch black|[1-5] ?am|midnight)\b|\b(dark|at night|pitch black|[1-5] ?am|midnight)\b(.{0,40}\b)?(at|on|by|down at|near|in) the (beach|pier|sea|river|lake|embankment|jetty|harbour|harbor|dock|docks|quay|reservoir|canal)\b"),
    // Fifteenth session, second round (x76-x81 misses, concepts in all four languages): waiting
    // until the household is asleep, a farewell to be passed on ("tell my mom..."), "nobody will
    // have to deal with me", a place picked for it, "so as not to come back", a farewell message
    // scheduled to go out later, going up "and not coming down", a battery swallowed.
    r("en:asleep_wait", I, 1, r"\b(when|once|after|till|until|wait for|waiting for|waiting till|waiting until) (everyone|everybody|theyre|they are|they|my (parents|family|wife|husband|mum|mom|dad|roommates?|flatmates?)) (is |are |goes |go |falls |fall |gets |get )?(asleep|to sleep|sleeping)\b"),
    r("en:relay", I, 1, r"\b(pls |please )?tell (my )?(mom|mum|mother|dad|father|parents|sister|brother|wife|husband|kids|family) (i love (her|him|them)|it wasnt (her|his|their) fault|im sorry|i m sorry|sorry)\b"),
    r("en:burden_end", I, 1, r"\b(nobody|no one|noone) (will|ll|is going to|would) (ever )?(have to|need to) (deal with|worry about|put up with|look after|take care of|clean up after) me\b"),
    r("en:chosen_place", I, 1, r"\b(found|picked|chose|scouted) (the|a|my) (spot|place|bridge|roof|rooftop|cliff|building|car park|overpass|section|bit)( [a-z]+){0,3} (with no|without( a| any)?|where there is no|where theres no|thats not) (fence|railing|net|nets|barrier|barriers|fenced|watched)\b"),
    r("en:no_return", I, 2, r"\b(everything|all|what) (i need|i needed|needed)( [a-z]+){0,3} (to not come back|so i (dont|wont|do not|will not) come back|not to come back)\b"),
    r("en:scheduled_post", I, 1, r"\b(scheduled|set up|queued|timed) (a |the |my )?(post|message|email|letter|tweet|text)( [a-z]+){0,5} (to go out|to send|to post|for) (tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|after|next)\b"),
    r("en:not_down", I, 2, r"\b(and|but) (not|never) (come|coming|climb|climbing) (back )?down\b|\b(this time|next time) (im|i am|ill|i will|i wont be|im not) (not )?(coming|climbing) (back )?down\b")
        // "won't come down until the dish works" is an errand
        .after(r"^\s*(until|till|til|before|unless)\b"),
    r("en:child_ingest", M, 2, r"\bswallowed( [a-z]+){0,4} (button )?(batter(y|ies)|magnets?)\b"),
    // Fifteenth session, third round: the rest of x76's English misses (veiled risk by a new
    // author): an overdose told as "took all of them ... ago", "will that do it", a lethal level,
    // making everything stop "permanently", bleeding out from the neck, a belt round the neck, a
    // child's drawing of herself hanging, fumes in a closed garage, a pact, "the only thing
    // stopping me", "sorry for the mess I'll leave", a train heard coming from the tracks.
    r("en:od_taken", I, 2, r"\btook (all of them|them all|all of it|the lot)\b(.{0,40}\b)?(ago|feeling|feel|sleepy|floaty|drowsy|dizzy)\b|\btook my whole (strip|pack|packet|box|bottle|blister)\b").not_info(),
    r("en:lethal_q", I, 2, r"\b(all|whole|[0-9]+)( [a-z0-9]+){0,4} (at once|in one go)( [a-z]+){0,2} (will|would|does) (that|it|this) (do it|work|be enough)\b|\bwould do it\b(.{0,30}\b)?(ive|i ve|i have) (done|taken|had|swallowed) [0-9]+\b|\b(lethal|deadly|fatal) (level|levels|limit)\b|\b(can|could|would|do|does) (u|you|someone|i|a person) bleed out( [a-z]+){0,4} (neck|wrist|wrists|arm|thigh|throat)\b|\b(knock (you|me) out|pass out|go unconscious)( [a-z]+){0,3} before (you|i|u) (even )?(struggle|struggled|feel|felt|drown|fight)\b").not_info(),
    r("en:method_seek", I, 2, r"\b(fastest|quickest|easiest|best|painless|least painful) way to (make )?(everything|it all|the pain|all of it) stop\b(.{0,20}\b)?(permanently|for good|forever)\b").not_info(),
    r("en:neck_ligature", I, 2, r"\b(belt|rope|cord|cable|scarf|noose|sheet|wire)( [a-z]+){0,2} (round|around|on) (his|her|their|my) neck\b").not_info(),
    r("en:drew_self", I, 2, r"\bdrew (herself|himself|themselves|themself|myself)( [a-z]+){0,2} (hanging|dead|jumping|with a rope|in a coffin)\b"),
    r("en:garage_engine", I, 2, r"\b(exhaust|fumes|exhaust fumes|carbon monoxide)( [a-z]+){0,6} (closed|shut|sealed) garage\b").not_info(),
    r("en:pact", I, 2, r"\bpact\b(.{0,60}\b)?(doing it|do it|going through with it)\b").not_info(),
    r("en:only_reason", I, 2, r"\b(the )?only (thing|reason|one) (stopping|keeping|holding) me( here| back| going)?( [a-z]+){0,2} (was|is gone|died|passed|left)\b"),
    r("en:mess_left", I, 2, r"\bsorry (for|about) the mess (ill|i will|im going to|i ll) (leave|make|leave behind)\b"),
    r("en:tracks", I, 2, r"\b(from|on|at) the (tracks|rails|railway line|railway)\b(.{0,60}\b)?(hear|see) (one|it|the train|a train) coming\b"),
    r("en:dont_find", I, 1, r"\b(rather|hope|hoping|so that|so) (nobody|no one|noone) (stops|stop|will stop|can stop) me\b"),
    r("en:final_post", I, 1, r"\b(logging off|signing off|log off|sign off)( [a-z]+){0,2} (permanently|for good|forever)\b"),
    r("en:gone_for_good", I, 2, r"\b(disappearing|disappear|vanishing|vanish) (for good|forever|permanently)\b(.{0,20}\b)?(tonight|tomorrow|today|after)\b").not_continuing(),
    r("en:means2", I, 1, r"\b(knife|blade|razor|pills)( [a-z]+){0,2} under my pillow\b"),
    r("en:pill_act", I, 1, r"\b(im|i am|ill|i will|gonna|going to) (taking|take|swallow|swallowing) (them|it|all of them|them all) (all )?(tonight|today|now|after|when)\b"),
    r("en:hope_hit", I, 2, r"\bhop(e|ing) (the next one|it|one|a rocket|the rocket|a missile)( [a-z]+)? (lands|hits|falls) (right )?(on|near) me\b"),
    r("en:unreachable", I, 1, r"\b(his|her|their) phone (is|s) (off|dead|switched off|going straight to voicemail)\b"),
    r("en:after_me", I, 1, r"\b(someone|somebody) (will|can|ll) use (them|it) after (this weekend|tonight|today|tomorrow|im gone|friday|saturday|sunday)\b"),
    r("en:remember_me", I, 1, r"\b(said|says|wrote|told (me|us|them|everyone)) remember me\b"),
    // Nineteenth session, from the training file x85 (English by a new author; first-sight figures
    // in 39c7653) and the same concepts as the other languages' nineteenth-session rules: "relieved
    // when I'm gone", savings moved to a sibling, a last gift, a birthday
    // "also the last", pills from several pharmacies "so they won't notice", a goodbye "in my own
    // way", "nobody is to blame", an ambulance's time "is enough", a detergent pod swallowed.
    r("en:relieved_gone", I, 2, r"\b(relieved|happier|better off|lighter|free) (when|once|after) (im|i am|ive|i have) (gone|dead|not here|not around|out of the picture)\b"),
    r("en:relieved_you", I, 1, r"\b(relieved|happier|better off) (when|once|after) (youre|you are) (gone|dead|not around)\b"),
    r("en:find_out_day", I, 1, r"\b(theyll|youll|they will|you will|everyone will|theyre gonna|youre gonna) find out (on )?(friday|saturday|sunday|monday|tuesday|wednesday|thursday|tomorrow|tonight|this weekend)\b"),
    r("en:giveaway_money", I, 1, r"\b(moved|transferred|gave|sent|signed over) (all )?(of )?my (savings|money|crypto|bank account|inheritance)( \S+){0,2} to my\b"),
    r("en:last_gift", I, 2, r"\b(my|the) (last|final) (gift|present) (to you|to them|to her|to him|from me)\b|\bconsider it my (last|final) gift\b"),
    r("en:birthday_last", I, 2, r"\bbirthday( \S+){0,4} (also|and) (the|my) last( one)?\b")
        .after(r"^\s*(in|as|of|before|at|with|for)\b"),
    r("en:pharmacies", I, 2, r"\b(from|at|in) (three|two|four|several|different|multiple) (different )?(pharmacies|drugstores|chemists)( \S+){0,3} so (they|nobody|no one|noone|the pharmacist|people)( \S+){0,2} (notice|notices|noticed|get suspicious|gets suspicious|ask|asks|asked|suspect|suspects)\b"),
    r("en:goodbye_my_way", I, 2, r"\bsaid (my )?goodbyes?( to (them|everyone|my family|my parents|my mom|my dad|him|her))? in my (own )?way\b|\b(they|nobody|no one|none of them)( \S+){0,2} (knew|realized|understood) (it was|i was saying) (a )?goodbye\b"),
    r("en:no_blame", I, 1, r"\b(no one|nobody|noone) (else )?is to blame\b|\b(it was|its|this is|this was) my (decision|choice) (and )?(no one|nobody|noone)\b"),
    r("en:ambulance_enough", I, 2, r"\bambulance (takes|would take|needs|is)( \S+){0,4} (an hour|hours|half an hour|\S+ (minutes|mins))( \S+){0,5} (plenty|enough|more than enough)\b"),
    r("en:pod_ingest", M, 2, r"\b(bit|bit into|ate|swallowed|chewed|licked|bitten|eaten|got into)( \S+){0,2} (laundry|dishwasher|detergent|washing) (pod|pods|capsule|capsules|tablet|tablets)\b"),
];

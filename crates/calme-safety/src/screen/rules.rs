//! The rule type of the crisis screen and its compiled form.
//!
//! A rule is a pattern over normalised text supporting one label with a weight:
//! 2 fires on its own, 1 needs a second cue of the same label, 0 (a cue-only
//! rule) never moves the label but lets the classifier decide. Rules sharing a
//! group name (the part after "xx:") count once. Patterns use `\b` only at
//! phrase edges; it is compiled to a literal space, which is a word boundary
//! in normalised text (single spaces, padded at both ends) for every script.

use super::normalize::fold;
use crate::Label;
use regex::Regex;

/// Message-level contexts that switch some rules off: a set of flags, so a
/// rule can be off in several (an informational frame and jokey hyperbole).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Ctx(u8);

impl Ctx {
    /// Applies always.
    pub const ANY: Ctx = Ctx(0);
    /// The message reads as informational or fictional (school project,
    /// film, book, "what does X mean", a helper asking about warning signs).
    pub const INFO: Ctx = Ctx(1);
    /// The message points to a future ("see you tomorrow").
    pub const CONTINUING: Ctx = Ctx(2);
    /// Jokey hyperbole about a trivial cause ("this meeting is so boring i
    /// want to die lol"), unless the writer says they mean it.
    pub const HYPERBOLE: Ctx = Ctx(4);
    /// The message tells of a past attempt that is over (see lex_en::PAST):
    /// the rules that read attempt words alone ([`PAST_GROUPS`]) are off.
    pub const PAST: Ctx = Ctx(8);
    /// An everyday errand told with the place (see lex_en::ERRAND): the rules
    /// that read a high place or a means alone ([`ERRAND_GROUPS`]) are off.
    pub const ERRAND: Ctx = Ctx(16);

    pub const fn with(self, other: Ctx) -> Ctx {
        Ctx(self.0 | other.0)
    }
    /// True when none of this rule's switch-off contexts is active.
    pub fn allows(self, active: Ctx) -> bool {
        self.0 & active.0 == 0
    }
}

pub(crate) struct RuleDef {
    pub name: &'static str,
    pub label: Label,
    pub weight: u8,
    pub pattern: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub ctx: Ctx,
}

pub(crate) const fn r(
    name: &'static str,
    label: Label,
    weight: u8,
    pattern: &'static str,
) -> RuleDef {
    RuleDef {
        name,
        label,
        weight,
        pattern,
        before: "",
        after: "",
        ctx: Ctx::ANY,
    }
}

impl RuleDef {
    /// Skip a match when the text just before it matches `p` (anchor with `$`).
    pub const fn before(mut self, p: &'static str) -> Self {
        self.before = p;
        self
    }
    /// Skip a match when the text just after it matches `p` (anchor with `^`).
    pub const fn after(mut self, p: &'static str) -> Self {
        self.after = p;
        self
    }
    pub const fn not_info(mut self) -> Self {
        self.ctx = self.ctx.with(Ctx::INFO);
        self
    }
    pub const fn not_hyperbole(mut self) -> Self {
        self.ctx = self.ctx.with(Ctx::HYPERBOLE);
        self
    }
    pub const fn not_continuing(mut self) -> Self {
        self.ctx = self.ctx.with(Ctx::CONTINUING);
        self
    }
}

pub(crate) struct Rule {
    pub name: &'static str,
    pub group: &'static str,
    pub label: Label,
    pub weight: u8,
    pub re: Regex,
    pub before: Option<Regex>,
    pub after: Option<Regex>,
    pub ctx: Ctx,
}

/// Letters Hebrew and Arabic attach in front of words ("and", "the", "in",
/// "to"...). A word-initial `\b` in those languages' patterns accepts them.
pub(crate) fn prefixes_for(name: &str) -> &'static str {
    match name.split_once(':').map(|(l, _)| l) {
        Some("he") => "[ושהכלבמ]{0,2}",
        // conjunction/preposition, optionally followed by the article:
        // "و", "بال", "وال", "لل"; or the Levantine demonstrative "هال"
        // ("this the-"): "هالمسلسل" = this series
        Some("ar") => "(?:[وفبلك]?(?:ال)?|لل|[وفب]?هال)",
        _ => "",
    }
}

/// Compiles a rule pattern: folds its literal text like the message, and turns
/// `\b` into a space (word-initial `\b`, at the start or after `|`, also
/// accepts the language's attached prefixes); see [`pattern_source`].
pub(crate) fn compile_pattern(p: &str, prefixes: &str) -> Regex {
    let src = pattern_source(p, prefixes);
    match Regex::new(&src) {
        Ok(re) => re,
        // Patterns are compile-time constants covered by tests; a broken one
        // is a programming error, never user input.
        Err(e) => panic!("invalid screen pattern {p:?}: {e}"),
    }
}

pub(crate) fn pattern_source(p: &str, prefixes: &str) -> String {
    // Literal text is folded like the message; escapes are read, never folded
    // (folding once turned `\S` into `\s`). Normalised text is words of letters
    // and digits between single spaces, so the Unicode classes shrink to what
    // they can meet there: `\w` and `\S` to "not a space", `\d` to ASCII digits
    // (Arabic-Indic ones are folded), `\s` to a space. Same matches, far smaller
    // automata: the lazy DFA of a Unicode `\w` made a message the screen had
    // not seen before cost milliseconds.
    let mut src = String::with_capacity(p.len() + 16);
    let mut at_alt_start = true;
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            src.push_str(&fold(c.encode_utf8(&mut [0; 4])));
            at_alt_start = c == '|';
            continue;
        }
        match chars.next() {
            Some('b') => {
                src.push(' ');
                if at_alt_start {
                    src.push_str(prefixes);
                }
            }
            Some('w' | 'S') => src.push_str("[^ ]"),
            Some('d') => src.push_str("[0-9]"),
            Some('s') => src.push(' '),
            Some(other) => {
                src.push('\\');
                src.push(other);
            }
            None => src.push('\\'),
        }
        at_alt_start = false;
    }
    src
}

/// Rule groups that read an attempt word ("tried to end his life", "ניסה
/// להתאבד") without anything tying it to now; a past, finished attempt
/// switches them off. Intent rules ("want to die") stay on.
const PAST_GROUPS: &[&str] = &[
    "end_life", "kill_self", "suicide", "attempt", "overdose", "od", "od_act", "od_taken", "od_third", "od_box",
    "od_many", "means", "fell", "unresponsive", "fainted",
];
/// Rule groups that describe violence to someone else ("the father hits the
/// child"): in an informational frame (a book, a film) they are off.
const INFO_GROUPS: &[&str] = &["hit_child"];
/// Rule groups that read a bridge, a roof or a ledge as a place to jump from,
/// or an object as a means: an errand there ("on the roof fixing the
/// antenna", "on the bridge waiting for Tom") switches them off.
const ERRAND_GROUPS: &[&str] = &["at_edge", "means"];
/// Rule groups that jokey hyperbole switches off: a laugh and a trivial cause
/// ("if the boss sends one more email I'm jumping out the window lol").
const HYPERBOLE_GROUPS: &[&str] = &["jump", "jump_from", "suicide", "die_soon", "kill_self"];

impl Rule {
    pub fn compile(d: &RuleDef) -> Rule {
        let pre = prefixes_for(d.name);
        let opt = |p: &str| {
            if p.is_empty() {
                None
            } else {
                Some(compile_pattern(p, ""))
            }
        };
        let group = d.name.split_once(':').map_or(d.name, |(_, g)| g);
        Rule {
            name: d.name,
            group,
            label: d.label,
            weight: d.weight,
            re: compile_pattern(d.pattern, pre),
            before: opt(d.before),
            after: opt(d.after),
            ctx: {
                let in_groups = |groups: &[&str]| groups.contains(&group);
                let mut ctx = d.ctx;
                if in_groups(PAST_GROUPS) {
                    ctx = ctx.with(Ctx::PAST);
                }
                if in_groups(INFO_GROUPS) {
                    ctx = ctx.with(Ctx::INFO);
                }
                if in_groups(ERRAND_GROUPS) {
                    ctx = ctx.with(Ctx::ERRAND);
                }
                if in_groups(HYPERBOLE_GROUPS) {
                    ctx = ctx.with(Ctx::HYPERBOLE);
                }
                ctx
            },
        }
    }

    /// True when some match of the rule survives its before/after exceptions.
    pub fn fires(&self, text: &str) -> bool {
        self.re.find_iter(text).any(|m| {
            let pre = &text[..m.start()];
            let post = &text[m.end()..];
            !self.before.as_ref().is_some_and(|b| b.is_match(pre))
                && !self.after.as_ref().is_some_and(|a| a.is_match(post))
        })
    }
}

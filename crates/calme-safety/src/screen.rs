//! The crisis screen (stub; real rules follow).
use crate::types::{Label, Lang, Screening};

pub fn screen(text: &str) -> Screening {
    Screening { label: Label::None, minor: false, lang: detect_lang(text), rules: Vec::new() }
}

pub fn detect_lang(text: &str) -> Lang {
    let (mut he, mut ar, mut ru, mut lat) = (0, 0, 0, 0);
    for c in text.chars() {
        match c {
            '\u{0590}'..='\u{05FF}' => he += 1,
            '\u{0600}'..='\u{06FF}' => ar += 1,
            '\u{0400}'..='\u{04FF}' => ru += 1,
            'a'..='z' | 'A'..='Z' => lat += 1,
            _ => {}
        }
    }
    let max = he.max(ar).max(ru).max(lat);
    if max == 0 || max == lat { Lang::En } else if max == he { Lang::He } else if max == ar { Lang::Ar } else { Lang::Ru }
}

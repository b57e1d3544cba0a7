//! Escalation replies (stub).
use crate::{Label, Lang, Resources};

pub struct Escalation { pub text: String, pub public_text: String, pub asked_country: bool }

pub fn escalation_reply(_label: Label, _lang: Lang, country: Option<&str>, _minor: bool, _res: &Resources) -> Escalation {
    let t = "I'm here with you. Please contact a real person now: your local emergency number, or findahelpline.com.".to_string();
    Escalation { text: t.clone(), public_text: t, asked_country: country.is_none() }
}

pub fn resources_reply(_lang: Lang, _country: Option<&str>, _res: &Resources) -> String {
    "Find a helpline near you: findahelpline.com".to_string()
}

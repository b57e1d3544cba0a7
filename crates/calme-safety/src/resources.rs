//! The hotline directory (config/resources.toml) and country resolution.
//!
//! Every entry carries its sources, the date of the research pass and a
//! confidence; only high and medium entries are ever shown to a user.

use crate::Lang;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// One service in the directory.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub country: String,
    pub name: String,
    #[serde(default)]
    pub name_he: Option<String>,
    #[serde(default)]
    pub name_ar: Option<String>,
    #[serde(default)]
    pub name_ru: Option<String>,
    pub category: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub sms: Option<String>,
    #[serde(default)]
    pub web: Option<String>,
    #[serde(default)]
    pub hours: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    pub source: Vec<String>,
    pub last_verified: String,
    pub confidence: String,
    #[serde(default)]
    pub notes: Option<String>,
}

impl Resource {
    /// High or medium confidence: may be shown to users.
    pub fn shown(&self) -> bool {
        matches!(self.confidence.as_str(), "high" | "medium")
    }

    pub fn display_name(&self, lang: Lang) -> &str {
        let local = match lang {
            Lang::He => self.name_he.as_deref(),
            Lang::Ar => self.name_ar.as_deref(),
            Lang::Ru => self.name_ru.as_deref(),
            Lang::En => None,
        };
        local.unwrap_or(&self.name)
    }

    /// "• Name: 101 · text ... · site · hours" on one line (hours only when
    /// not round the clock).
    pub fn line(&self, lang: Lang) -> String {
        let contacts: Vec<&str> = [&self.phone, &self.sms, &self.web]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let mut s = format!("• {}: {}", self.display_name(lang), contacts.join(" · "));
        if let Some(h) = self
            .hours
            .as_deref()
            .filter(|h| !matches!(*h, "24/7" | "n/a"))
        {
            s.push_str(&format!(" · {h}"));
        }
        s
    }

    pub fn is_emergency(&self) -> bool {
        self.category.starts_with("emergency_")
    }
}

#[derive(Debug)]
pub enum ResourcesError {
    Io(std::io::Error),
    Parse(String),
    Invalid(String),
}

impl fmt::Display for ResourcesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResourcesError::Io(e) => write!(f, "cannot read the resources file: {e}"),
            ResourcesError::Parse(e) => write!(f, "the resources file is not valid TOML: {e}"),
            ResourcesError::Invalid(e) => write!(f, "invalid resource entry: {e}"),
        }
    }
}

impl std::error::Error for ResourcesError {}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    resource: Vec<Resource>,
}

/// The hotline directory.
#[derive(Clone, Debug)]
pub struct Resources {
    entries: Vec<Resource>,
}

const EU_MEMBERS: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

const CATEGORIES: &[&str] = &[
    "emergency_all",
    "emergency_medical",
    "emergency_police",
    "emergency_fire",
    "crisis_line",
    "crisis_chat",
    "text_line",
    "trauma_line",
    "child_line",
    "child_protection",
    "violence_line",
    "civil_defense_info",
    "directory",
];

/// Names of the countries the directory covers, as people write them in
/// CALMe's four languages (Russian also after "в": "в Германии"), lower case.
const COUNTRY_NAMES: &[(&str, &[&str])] = &[
    ("IL", &["israel", "isreal", "ישראל", "إسرائيل", "اسرائيل", "израиль", "израиле"]),
    ("US", &["usa", "u.s.", "u.s.a.", "united states", "the us", "the usa", "america", "the states", "ארצות הברית", "ארה\"ב", "ארהב", "אמריקה", "أمريكا", "امريكا", "الولايات المتحدة", "сша", "америка", "америке", "штаты", "штатах"]),
    ("GB", &["uk", "u.k.", "the uk", "england", "britain", "great britain", "united kingdom", "the united kingdom", "scotland", "wales", "אנגליה", "בריטניה", "بريطانيا", "انجلترا", "إنجلترا", "المملكة المتحدة", "великобритания", "великобритании", "англия", "англии", "британия", "британии"]),
    ("CA", &["canada", "קנדה", "كندا", "канада", "канаде"]),
    ("AU", &["australia", "אוסטרליה", "أستراليا", "استراليا", "австралия", "австралии"]),
    ("IE", &["ireland", "אירלנד", "أيرلندا", "ايرلندا", "ирландия", "ирландии"]),
    ("IN", &["india", "הודו", "الهند", "индия", "индии"]),
    ("DE", &["germany", "deutschland", "גרמניה", "ألمانيا", "المانيا", "германия", "германии"]),
    ("FR", &["france", "צרפת", "فرنسا", "франция", "франции"]),
];

fn country_by_name(name: &str) -> Option<&'static str> {
    COUNTRY_NAMES
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map(|(cc, _)| *cc)
}

/// Upper-cases a country code and maps country names ("UK", "Germany",
/// "ישראל") to their codes.
pub fn normalize_country(cc: &str) -> Option<String> {
    let t = cc.trim().to_lowercase();
    if let Some(code) = country_by_name(&t) {
        return Some(code.to_string());
    }
    (t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic())).then(|| t.to_ascii_uppercase())
}

/// The country in a message that answers "which country are you in?":
/// "Germany", "I'm in the UK", "בישראל", "أنا في ألمانيا", "я в Германии",
/// or the two-letter code of one of those countries ("DE"; "in" and "us"
/// only in capitals, they are words too). `None` for
/// anything else: only a message that is nothing but the answer counts.
pub fn country_in_answer(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let mut t = lower
        .trim_matches(|c: char| matches!(c, '.' | '!' | '?' | ',' | ' ' | '🇮' | '🇱'))
        .to_string();
    const LEADS: &[&str] = &[
        "i'm in ", "im in ", "i am in ", "i live in ", "we're in ", "we are in ", "i'm from ",
        "im from ", "i am from ", "in ", "from ", "אני גר ", "אני גרה ", "אנחנו ", "אני ",
        "أنا في ", "انا في ", "احنا في ", "نحن في ", "أنا ", "انا ", "في ", "я живу в ", "я живу во ",
        "мы в ", "я в ", "я во ", "я из ", "в ", "во ", "из ",
    ];
    for lead in LEADS {
        if let Some(rest) = t.strip_prefix(lead) {
            t = rest.trim().to_string();
            break;
        }
    }
    if let Some(cc) = country_by_name(&t) {
        return Some(cc.to_string());
    }
    // Hebrew ב- and Arabic بـ ("in") written onto the name.
    for prefix in ['ב', 'ب'] {
        if let Some(cc) = t.strip_prefix(prefix).and_then(country_by_name) {
            return Some(cc.to_string());
        }
    }
    let code = text.trim().trim_matches(|c: char| matches!(c, '.' | '!' | '?'));
    let ambiguous = matches!(code, "in" | "us" | "In" | "Us");
    let upper = code.to_ascii_uppercase();
    let known = COUNTRY_NAMES.iter().any(|(cc, _)| *cc == upper);
    (known && !ambiguous).then_some(upper)
}

impl Resources {
    pub fn from_toml_str(s: &str) -> Result<Resources, ResourcesError> {
        let file: File = toml::from_str(s).map_err(|e| ResourcesError::Parse(e.to_string()))?;
        for r in &file.resource {
            let bad = |why: &str| {
                Err(ResourcesError::Invalid(format!(
                    "{} ({}): {why}",
                    r.name, r.country
                )))
            };
            if !matches!(r.confidence.as_str(), "high" | "medium" | "low") {
                return bad("confidence must be high, medium or low");
            }
            if r.phone.is_none() && r.sms.is_none() && r.web.is_none() {
                return bad("needs a phone, sms or web contact");
            }
            if r.source.is_empty() {
                return bad("needs at least one source");
            }
            let d = r.last_verified.as_bytes();
            let date_like = d.len() == 10
                && d.iter().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        *c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            if !date_like {
                return bad("last_verified must be YYYY-MM-DD");
            }
            if !CATEGORIES.contains(&r.category.as_str()) {
                return bad("unknown category");
            }
            if r.country != r.country.to_ascii_uppercase() {
                return bad("country must be upper case");
            }
        }
        Ok(Resources {
            entries: file.resource,
        })
    }

    pub fn load(path: &Path) -> Result<Resources, ResourcesError> {
        let s = std::fs::read_to_string(path).map_err(ResourcesError::Io)?;
        Resources::from_toml_str(&s)
    }

    /// The directory shipped in the binary (config/resources.toml).
    pub fn builtin() -> Resources {
        static BUILTIN: std::sync::LazyLock<Resources> = std::sync::LazyLock::new(|| {
            match Resources::from_toml_str(include_str!("../../../config/resources.toml")) {
                Ok(r) => r,
                // The file is checked by a unit test; an invalid one cannot ship.
                Err(e) => panic!("built-in resources invalid: {e}"),
            }
        });
        BUILTIN.clone()
    }

    /// True when the directory has something to show for this country
    /// (its own entries, or the European 112 for an EU member).
    pub fn knows_country(&self, cc: &str) -> bool {
        !self.for_country(cc).is_empty()
    }

    /// `country` as a code the directory lists lines for; `None` when the
    /// replies must show the international lines and ask "which country are
    /// you in?".
    pub fn listed_country(&self, country: Option<&str>) -> Option<String> {
        country.and_then(normalize_country).filter(|cc| self.knows_country(cc))
    }

    /// Whether the crisis lines for `country` are listed by country, i.e. the
    /// replies do not ask which country the person is in.
    pub fn covers(&self, country: Option<&str>) -> bool {
        self.listed_country(country).is_some()
    }

    /// All entries, including low-confidence ones (for tooling and tests).
    pub fn all(&self) -> &[Resource] {
        &self.entries
    }

    /// Shown (high/medium) entries for a country, in file order, followed by
    /// the European 112 for EU members without their own emergency entry.
    pub fn for_country(&self, cc: &str) -> Vec<&Resource> {
        let Some(cc) = normalize_country(cc) else {
            return Vec::new();
        };
        if cc == "INTL" || cc == "EU" {
            return Vec::new();
        }
        let mut v: Vec<&Resource> = self
            .entries
            .iter()
            .filter(|r| r.shown() && r.country == cc)
            .collect();
        if EU_MEMBERS.contains(&cc.as_str()) && !v.iter().any(|r| r.is_emergency()) {
            v.extend(
                self.entries
                    .iter()
                    .filter(|r| r.shown() && r.country == "EU"),
            );
        }
        v
    }

    /// Shown international fallback entries.
    pub fn international(&self) -> Vec<&Resource> {
        self.entries
            .iter()
            .filter(|r| r.shown() && r.country == "INTL")
            .collect()
    }

    /// The number to call first for a kind of emergency in a country.
    pub fn emergency(&self, cc: &str, kind: &str) -> Option<&Resource> {
        let v = self.for_country(cc);
        v.iter()
            .copied()
            .find(|r| r.category == kind)
            .or_else(|| v.iter().copied().find(|r| r.category == "emergency_all"))
    }
}

/// Country resolution order: the user's setting, else the community locale's
/// region ("he-IL" -> IL), else the language only when it is unambiguous
/// (Hebrew -> IL), else None (international fallback and a question).
pub fn resolve_country(
    user_country: Option<&str>,
    community_locale: Option<&str>,
    lang: Lang,
) -> Option<String> {
    if let Some(cc) = user_country.and_then(normalize_country) {
        return Some(cc);
    }
    if let Some(loc) = community_locale {
        let region = loc.split(['-', '_']).nth(1);
        if let Some(cc) = region.and_then(|r| normalize_country(r.split('.').next().unwrap_or(r))) {
            return Some(cc);
        }
    }
    match lang {
        Lang::He => Some("IL".to_string()),
        // Arabic, Russian and English are spoken in many countries.
        Lang::En | Lang::Ar | Lang::Ru => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_is_read_from_an_answer_in_each_language() {
        for (text, cc) in [
            ("germany", "DE"),
            ("I'm in the UK.", "GB"),
            ("DE", "DE"),
            ("US", "US"),
            ("ישראל", "IL"),
            ("אני בישראל", "IL"),
            ("בגרמניה", "DE"),
            ("أنا في ألمانيا", "DE"),
            ("بكندا", "CA"),
            ("я в Германии", "DE"),
            ("Израиль", "IL"),
            ("из Франции", "FR"),
        ] {
            assert_eq!(country_in_answer(text).as_deref(), Some(cc), "{text}");
        }
        for text in ["us", "in", "ok", "no", "hi", "i'm in the shelter", "germany is where my dad lives and he hit me", ""] {
            assert_eq!(country_in_answer(text), None, "{text}");
        }
        assert_eq!(normalize_country("Германия").as_deref(), Some("DE"));
        assert_eq!(normalize_country("il").as_deref(), Some("IL"));
    }

    #[test]
    fn builtin_parses_and_hides_low_confidence() {
        let r = Resources::builtin();
        assert!(r.all().len() >= 25);
        assert!(r.all().iter().any(|e| e.confidence == "low"));
        for cc in ["IL", "US", "GB", "IE", "CA", "AU", "IN", "DE", "FR"] {
            assert!(r.knows_country(cc), "{cc}");
            assert!(r.for_country(cc).iter().all(|e| e.shown()));
        }
        assert!(r.knows_country("il") && r.knows_country("UK") && r.knows_country("es"));
        assert!(!r.knows_country("ZZ") && !r.knows_country("INTL"));
        assert!(!r
            .international()
            .iter()
            .any(|e| e.web.as_deref() == Some("iasp.info")));
        assert_eq!(
            r.emergency("IL", "emergency_medical")
                .and_then(|e| e.phone.as_deref()),
            Some("101")
        );
        assert_eq!(
            r.emergency("IL", "emergency_police")
                .and_then(|e| e.phone.as_deref()),
            Some("100")
        );
        assert_eq!(
            r.emergency("ES", "emergency_medical")
                .and_then(|e| e.phone.as_deref()),
            Some("112")
        );
        assert_eq!(
            r.emergency("GB", "emergency_medical")
                .and_then(|e| e.phone.as_deref()),
            Some("999")
        );
    }

    #[test]
    fn rejects_bad_entries() {
        let base = "[[resource]]\ncountry=\"IL\"\nname=\"x\"\ncategory=\"crisis_line\"\nphone=\"1\"\nsource=[\"s\"]\nlast_verified=\"2026-01-01\"\n";
        assert!(Resources::from_toml_str(&format!("{base}confidence=\"high\"")).is_ok());
        assert!(Resources::from_toml_str(&format!("{base}confidence=\"sure\"")).is_err());
        assert!(Resources::from_toml_str("[[resource]]\ncountry=\"IL\"").is_err());
        assert!(Resources::from_toml_str("not toml [").is_err());
    }

    #[test]
    fn country_resolution_order() {
        assert_eq!(
            resolve_country(Some("gb"), Some("he-IL"), Lang::He).as_deref(),
            Some("GB")
        );
        assert_eq!(
            resolve_country(Some("UK"), None, Lang::En).as_deref(),
            Some("GB")
        );
        assert_eq!(
            resolve_country(None, Some("he-IL"), Lang::En).as_deref(),
            Some("IL")
        );
        assert_eq!(
            resolve_country(None, Some("en_US.UTF-8"), Lang::Ru).as_deref(),
            Some("US")
        );
        assert_eq!(
            resolve_country(None, Some("en"), Lang::He).as_deref(),
            Some("IL")
        );
        assert_eq!(resolve_country(None, None, Lang::Ar), None);
        assert_eq!(resolve_country(None, None, Lang::Ru), None);
        assert_eq!(resolve_country(None, None, Lang::En), None);
        assert_eq!(resolve_country(Some(""), None, Lang::En), None);
    }
}

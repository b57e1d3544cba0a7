//! The hotline directory (stub).
use std::fmt;
use std::path::Path;

#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct Resource {
    pub country: String,
    pub name: String,
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
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub last_verified: String,
    #[serde(default)]
    pub confidence: String,
}

#[derive(Debug)]
pub enum ResourcesError { Io(std::io::Error), Parse(String) }
impl fmt::Display for ResourcesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self { ResourcesError::Io(e) => write!(f, "cannot read resources: {e}"), ResourcesError::Parse(e) => write!(f, "invalid resources file: {e}") }
    }
}
impl std::error::Error for ResourcesError {}

#[derive(Clone, Debug, Default)]
pub struct Resources { pub(crate) entries: Vec<Resource> }

impl Resources {
    pub fn from_toml_str(_s: &str) -> Result<Resources, ResourcesError> { Ok(Resources::default()) }
    pub fn load(path: &Path) -> Result<Resources, ResourcesError> {
        let s = std::fs::read_to_string(path).map_err(ResourcesError::Io)?;
        Resources::from_toml_str(&s)
    }
    pub fn builtin() -> Resources { Resources::default() }
    pub fn knows_country(&self, cc: &str) -> bool { self.entries.iter().any(|e| e.country.eq_ignore_ascii_case(cc)) }
}

pub fn resolve_country(user_country: Option<&str>, community_locale: Option<&str>, lang: crate::Lang) -> Option<String> {
    let _ = (community_locale, lang);
    user_country.map(|c| c.to_ascii_uppercase())
}

//! Plain row types returned by the store.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub id: i64,
    pub country: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommunityRow {
    pub id: i64,
    pub prompt_override: Option<String>,
    pub locale: Option<String>,
    pub settings: String,
    pub retention_days: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PromptVersion {
    pub action: String,
    pub prompt: Option<String>,
    pub changed_by: String,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    pub id: i64,
    pub state: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageRole {
    User,
    Assistant,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StoredMessage {
    pub id: i64,
    pub role: MessageRole,
    pub text: String,
    pub safety_label: Option<String>,
    pub created_at: i64,
}

pub struct NewUserMessage<'a> {
    pub session_id: i64,
    pub user_id: i64,
    pub text: &'a str,
    pub safety_label: Option<&'a str>,
    pub external_id: Option<&'a str>,
    /// The instance that stores it also claims it for answering.
    pub claimed_by: Option<&'a str>,
}

/// The outcome of storing a user message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    New(i64),
    /// Delivered before and not answered yet (e.g. the process died in between).
    Unanswered(i64),
    /// Delivered and answered before: do not answer again.
    AlreadyAnswered(i64),
}

impl Inserted {
    pub fn id(self) -> i64 {
        match self {
            Inserted::New(id) | Inserted::Unanswered(id) | Inserted::AlreadyAnswered(id) => id,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ForgetReport {
    pub users: u64,
    pub sessions: u64,
    pub messages: u64,
    pub audit_entries_scrubbed: u64,
}

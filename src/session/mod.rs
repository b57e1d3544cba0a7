//! The session manager: one conversation per (platform, chat, user), handled
//! strictly in order; different conversations run concurrently.

mod commands;
pub mod context;
mod conversation;
pub mod limits;
mod manager;
pub mod metrics;
pub mod state;
mod texts;

pub use manager::{CoreOptions, ReplyStream, SessionManager};
pub use metrics::Metrics;
pub use state::SessionState;

//! What each command does. Parsing lives in `crate::commands`; here the core
//! enforces who may do what.

use std::sync::Arc;
use std::time::{Duration, Instant};

use calme_safety::Lang;
use tokio::sync::mpsc;

use super::conversation::send;
use super::manager::{SessionManager, Slot};
use super::state::SessionState;
use super::texts;
use crate::commands::{help_text, Command, CommandError};
use crate::message::{Incoming, Reply, ReplyEvent, ReplyKind, Role};
use crate::store::{audit_actor, Store};

const FORGET_WINDOW: Duration = Duration::from_secs(300);

impl SessionManager {
    pub(super) async fn command(
        &self,
        slot: &Arc<Slot>,
        msg: &Incoming,
        cmd: Result<Command, CommandError>,
        out: &mpsc::Sender<ReplyEvent>,
    ) -> anyhow::Result<()> {
        let cmd = match cmd {
            Ok(c) => c,
            Err(e) => return send(out, Reply::new(ReplyKind::Command, e.to_string())).await,
        };
        let reply = |text: &str| Reply::new(ReplyKind::Command, text);
        let lang = slot.state().lang.unwrap_or_else(|| msg.locale.as_deref().and_then(Lang::from_code).unwrap_or(Lang::En));
        let store = &self.inner.store;
        let r = match cmd {
            Command::Start { payload } => {
                if payload.is_some() {
                    reply(texts::START_FROM_GROUP)
                } else {
                    reply(&format!("{}\n\n{}", texts::START, help_text()))
                }
            }
            Command::Help => reply(&help_text()),
            Command::Reset => {
                let ids = self.ensure_loaded(slot, msg).await?;
                store.end_session(ids.session_id).await?;
                let session = store.open_session(ids.user_id, msg.platform, &msg.chat, ids.community_id).await?;
                // Risk carries over into the new conversation; the rest starts fresh.
                let carried = {
                    let st = slot.state();
                    SessionState { crisis: st.crisis, minor: st.minor, lang: st.lang, ..SessionState::default() }
                };
                *slot.state() = carried;
                *slot.ids.lock().unwrap_or_else(|e| e.into_inner()) = Some(super::manager::Ids { session_id: session.id, ..ids });
                self.save_state(slot).await?;
                reply(texts::RESET_DONE)
            }
            Command::Forget { confirmed: false } => {
                *slot.forget_requested.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
                reply(texts::FORGET_ASK).private()
            }
            Command::Forget { confirmed: true } => {
                let requested = slot.forget_requested.lock().unwrap_or_else(|e| e.into_inner()).take();
                if requested.is_some_and(|t| t.elapsed() < FORGET_WINDOW) {
                    let report = store.forget_user(msg.platform, &msg.user).await?;
                    tracing::info!(messages = report.messages, sessions = report.sessions, "user data forgotten");
                    self.drop_slot(&slot.key);
                    reply(texts::FORGET_DONE).private()
                } else {
                    reply(texts::FORGET_NOT_PENDING).private()
                }
            }
            Command::Resources { country } => {
                let ids = self.ensure_loaded(slot, msg).await?;
                match country {
                    Some(cc) if self.inner.resources.knows_country(&cc) => {
                        store.set_user_country(ids.user_id, Some(&cc)).await?;
                        slot.state().asked_country = false;
                        reply(&calme_safety::resources_reply(lang, Some(&cc), &self.inner.resources))
                    }
                    Some(_) => reply(&format!(
                        "{}\n{}",
                        texts::UNKNOWN_COUNTRY,
                        calme_safety::resources_reply(lang, None, &self.inner.resources)
                    )),
                    None => {
                        let cc = self.country_for(ids, msg, lang).await;
                        slot.state().asked_country = !self.inner.resources.covers(cc.as_deref());
                        reply(&calme_safety::resources_reply(lang, cc.as_deref(), &self.inner.resources))
                    }
                }
            }
            Command::Privacy => reply(texts::PRIVACY),
            Command::PromptShow => match &msg.community {
                None => reply(&format!("{}\n\n{}", texts::PROMPT_ONLY_IN_COMMUNITY, self.inner.prompts.default_prompt())),
                Some(c) => {
                    let over = store.community(msg.platform, c).await?.and_then(|c| c.prompt_override);
                    match over {
                        Some(p) => reply(&format!("This community's prompt (set by its moderators):\n\n{p}")),
                        None => reply(&format!("This community uses CALMe's default prompt:\n\n{}", self.inner.prompts.default_prompt())),
                    }
                }
            },
            Command::PromptSet { text } => {
                self.change_prompt(store, msg, Some(&text)).await?
            }
            Command::PromptReset => self.change_prompt(store, msg, None).await?,
            Command::CommunityCountry { country } => match &msg.community {
                None => reply(texts::COUNTRY_ONLY_IN_COMMUNITY),
                Some(_) if msg.role != Role::Moderator => reply(texts::NOT_MODERATOR_COUNTRY).private(),
                Some(_) if !self.inner.resources.knows_country(&country) => reply(&format!(
                    "{}\n{}",
                    texts::UNKNOWN_COUNTRY,
                    calme_safety::resources_reply(lang, None, &self.inner.resources)
                )),
                Some(c) => {
                    store.set_community_locale(msg.platform, c, Some(&format!("und-{country}"))).await?;
                    reply(&format!(
                        "This community's crisis lines are now for {country}:\n{}",
                        calme_safety::resources_reply(lang, Some(&country), &self.inner.resources)
                    ))
                }
            },
        };
        send(out, r).await
    }

    async fn change_prompt(&self, store: &Store, msg: &Incoming, text: Option<&str>) -> anyhow::Result<Reply> {
        let reply = |t: &str| Reply::new(ReplyKind::Command, t);
        let Some(community) = &msg.community else {
            return Ok(reply(texts::PROMPT_ONLY_IN_COMMUNITY));
        };
        if msg.role != Role::Moderator {
            return Ok(reply(texts::NOT_MODERATOR).private());
        }
        if text.is_some_and(|t| t.chars().count() > texts::MAX_PROMPT_CHARS) {
            return Ok(reply(texts::PROMPT_TOO_LONG).private());
        }
        store.set_prompt(msg.platform, community, text, &audit_actor(msg.platform, &msg.user)).await?;
        tracing::info!(action = if text.is_some() { "set" } else { "reset" }, "community prompt changed");
        Ok(reply(if text.is_some() { texts::PROMPT_SAVED } else { texts::PROMPT_RESET }))
    }
}

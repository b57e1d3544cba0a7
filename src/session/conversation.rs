//! One text message: store it first, then answer it — with an escalation, the
//! model (guarded, streamed) or a Quick Mode reply.

use std::sync::Arc;

use calme_safety::{Label, Lang, Screening, Situation, Step};
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, warn};

use super::context::fit_turns;
use super::manager::{Ids, SessionManager, Slot};
use super::metrics::Metrics;
use super::texts;
use crate::generator::{GenEvent, GenRequest, Turn, TurnRole};
use crate::message::{Incoming, Reply, ReplyEvent, ReplyKind};
use crate::store::{Inserted, MessageRole, NewUserMessage};

/// How many stored messages are considered for the context before the token budget trims them.
const HISTORY_WINDOW: i64 = 40;
/// A claim older than this belongs to an instance that died.
const STALE_CLAIM_MS: i64 = 120_000;

impl SessionManager {
    /// Stores the message; returns its id, or `None` if it needs no answer
    /// (answered before, or another instance is answering it).
    async fn store_incoming(&self, slot: &Slot, ids: Ids, msg: &Incoming, text: &str, label: Label) -> anyhow::Result<Option<i64>> {
        let store = &self.inner.store;
        let inserted = store
            .insert_user_message(NewUserMessage {
                session_id: ids.session_id,
                user_id: ids.user_id,
                text,
                safety_label: Some(label.as_str()),
                external_id: msg.external_id.as_deref(),
                claimed_by: Some(&self.inner.opts.instance),
            })
            .await?;
        let id = match inserted {
            Inserted::AlreadyAnswered(id) => {
                debug!(message = id, "already answered; not answering twice");
                return Ok(None);
            }
            Inserted::New(id) => {
                slot.remember(ids.session_id, TurnRole::User, text, HISTORY_WINDOW as usize);
                return Ok(Some(id));
            }
            Inserted::Unanswered(id) => id,
        };
        if !store.claim_message(id, &self.inner.opts.instance, STALE_CLAIM_MS).await? {
            debug!(message = id, "claimed by another instance");
            return Ok(None);
        }
        Ok(Some(id))
    }

    /// The crisis path: no queue, no rate limit, no model.
    pub(super) async fn escalate(&self, slot: &Arc<Slot>, msg: &Incoming, text: &str, screening: &Screening, out: &mpsc::Sender<ReplyEvent>) {
        let someone_else = calme_safety::about_someone_else(text);
        let result: anyhow::Result<()> = async {
            let ids = self.ensure_loaded(slot, msg).await?;
            let Some(message_id) = self.store_incoming(slot, ids, msg, text, screening.label).await? else {
                return Ok(());
            };
            let country = self.country_for(ids, msg, screening.lang).await;
            let mut esc = calme_safety::escalation_reply_about(
                screening.label,
                screening.lang,
                country.as_deref(),
                screening.minor,
                someone_else,
                &self.inner.resources,
            );
            // "Will you keep it secret? He hits me": the crisis lines, then the honest answer.
            if let Some(q) = calme_safety::direct_question(text) {
                esc.text.push_str("\n\n");
                esc.text.push_str(calme_safety::direct_answer(q, screening.lang));
            }
            slot.state().asked_country = esc.asked_country;
            info!(label = screening.label.as_str(), "escalation");
            self.inner.metrics.escalation(screening.label);
            let reply = Reply::new(ReplyKind::Escalation { public_text: esc.public_text }, esc.text.clone());
            let _ = out.send(ReplyEvent::Final(reply)).await;
            self.inner.metrics.reply_out(msg.platform);
            {
                let mut st = slot.state();
                st.observe(screening.label, screening.minor);
                st.situation(calme_safety::situation(screening, text), unix_now());
                st.user_turns += 1;
                st.lang = Some(screening.lang);
                st.step = Some(calme_safety::Step::Commitment.number());
            }
            self.inner.store.insert_reply(ids.session_id, ids.user_id, Some(message_id), &esc.text, "escalation").await?;
            slot.remember(ids.session_id, TurnRole::Assistant, &esc.text, HISTORY_WINDOW as usize);
            self.save_state(slot).await
        }
        .await;
        if let Err(err) = result {
            // The person still gets the crisis lines, even if the database failed.
            warn!(error = %err, "escalation path failed; answering without storing");
            let esc = calme_safety::escalation_reply_about(screening.label, screening.lang, None, screening.minor, someone_else, &self.inner.resources);
            let _ = out.send(ReplyEvent::Final(Reply::new(ReplyKind::Escalation { public_text: esc.public_text }, esc.text))).await;
        }
    }

    pub(super) async fn converse(
        &self,
        slot: &Arc<Slot>,
        msg: &Incoming,
        text: &str,
        screening: &Screening,
        limited: bool,
        out: &mpsc::Sender<ReplyEvent>,
    ) -> anyhow::Result<()> {
        if text.is_empty() {
            return send(out, Reply::new(ReplyKind::Notice, texts::EMPTY)).await;
        }
        let ids = self.ensure_loaded(slot, msg).await?;
        // "Yes" to "is anyone in danger right now?": a crisis, answered as one.
        let check_in = slot.state().open_check_in(unix_now());
        if let Some(label) = check_in.filter(|_| calme_safety::danger_answer(text) == Some(true)) {
            let mut seen = screening.clone();
            seen.label = label;
            seen.rules.push("ctx:check_in");
            {
                let mut st = slot.state();
                st.observe(label, seen.minor);
                st.check_in = None;
            }
            self.escalate(slot, msg, text, &seen, out).await;
            return Ok(());
        }
        // A message the screen leans on, read again by the model: risk there is a crisis now,
        // answered as one (and, like every crisis, never held back by the rate limit).
        if let Some(reread) = self.inner.reread.get() {
            let mut seen = screening.clone();
            if reread.review(text, &mut seen).await {
                self.inner.metrics.second_reading_escalation(&seen.rules);
                self.escalate(slot, msg, text, &seen, out).await;
                return Ok(());
            }
        }
        let Some(message_id) = self.store_incoming(slot, ids, msg, text, screening.label).await? else {
            return Ok(());
        };
        if let Some(cc) = self.country_answer(slot, text) {
            // "Germany" after "which country are you in?": the lines for it, remembered.
            self.inner.store.set_user_country(ids.user_id, Some(&cc)).await?;
            let lang = {
                let mut st = slot.state();
                st.asked_country = false;
                st.lang.unwrap_or(screening.lang)
            };
            let lines = calme_safety::resources_reply(lang, Some(&cc), &self.inner.resources);
            self.inner.store.insert_reply(ids.session_id, ids.user_id, Some(message_id), &lines, "resources").await?;
            slot.remember(ids.session_id, TurnRole::Assistant, &lines, HISTORY_WINDOW as usize);
            self.save_state(slot).await?;
            return send(out, Reply::new(ReplyKind::Command, lines)).await;
        }
        if limited {
            Metrics::inc(&self.inner.metrics.rate_limited);
            self.inner.store.mark_answered(message_id).await?;
            return send(out, Reply::new(ReplyKind::Notice, texts::RATE_LIMITED)).await;
        }
        if text.chars().count() > self.inner.opts.max_message_chars {
            self.inner.store.mark_answered(message_id).await?;
            return send(out, Reply::new(ReplyKind::Notice, texts::TOO_LONG)).await;
        }

        let (step, lang, crisis, situation) = {
            let mut st = slot.state();
            st.observe(screening.label, screening.minor);
            // A child stays a child, a crisis stays the crisis, and a siren
            // stays the context of the messages after it. In a crisis session
            // the step follows the sticky label too, so one calm message does
            // not move on to questions or the timeline.
            let label = st.crisis.filter(|l| l.escalates()).unwrap_or(screening.label);
            let seen = Screening { minor: st.minor, label, ..screening.clone() };
            let situation = st.situation(calme_safety::situation(&seen, text), unix_now());
            let step = calme_safety::next_step(st.step(), &seen, st.user_turns, text);
            st.user_turns += 1;
            st.step = Some(step.number());
            st.lang = Some(screening.lang);
            (step, screening.lang, st.in_crisis(), situation)
        };

        // Acute moments get Quick Mode at once unless the model is trusted with
        // them (model.answer_acute): the small model's replies to them were unfit.
        let acute = crisis || screening.label == Label::AcuteStress || situation != Situation::General;
        // "Are you a real person?", "will you tell anyone?": a fixed, honest answer.
        let direct = calme_safety::direct_question(text).map(|q| calme_safety::direct_answer(q, lang));
        let model_text = if direct.is_none() && lang == Lang::En && (!acute || self.inner.opts.model_answers_acute) {
            self.generate(slot, ids, msg, step, crisis, out).await?
        } else {
            None
        };
        let answered_directly = direct.is_some();
        let (mut reply_text, kind, source) = match (direct, model_text) {
            (Some(answer), _) => (answer.to_string(), ReplyKind::QuickMode, "direct"),
            (None, Some(t)) => {
                Metrics::inc(&self.inner.metrics.model_replies);
                (t, ReplyKind::Model, "model")
            }
            (None, None) => {
                Metrics::inc(&self.inner.metrics.quick_mode);
                (self.quick(slot, step, situation, lang), ReplyKind::QuickMode, "quick")
            }
        };
        {
            // A risk signal the screen did not escalate on: ask, once in a while,
            // whether anyone is in danger (a "yes" escalates, above). Not in a
            // siren or a panic (everyone there may say yes), nor under the
            // fixed answer to a question about CALMe (it names danger itself).
            let now = unix_now();
            let mut st = slot.state();
            let ask = !crisis
                && !answered_directly
                && situation == Situation::General
                && screening.concern.is_some()
                && st.may_check_in(now);
            if ask {
                reply_text.push_str("\n\n");
                reply_text.push_str(calme_safety::check_in(lang));
                st.check_in = screening.concern;
                st.check_in_at = Some(now);
            } else {
                st.check_in = None;
            }
        }
        if crisis {
            let country = self.country_for(ids, msg, lang).await;
            slot.state().asked_country = !self.inner.resources.covers(country.as_deref());
            reply_text.push_str("\n\n");
            reply_text.push_str(&calme_safety::resources_reply(lang, country.as_deref(), &self.inner.resources));
        }
        if self.is_closing() {
            // Shutdown cut this reply short or kept the model out: say why.
            reply_text.push_str("\n\n");
            reply_text.push_str(texts::RESTART_NOTE);
        }
        self.inner.store.insert_reply(ids.session_id, ids.user_id, Some(message_id), &reply_text, source).await?;
        slot.remember(ids.session_id, TurnRole::Assistant, &reply_text, HISTORY_WINDOW as usize);
        self.save_state(slot).await?;
        self.inner.metrics.reply_out(msg.platform);
        send(out, Reply::new(kind, reply_text)).await
    }

    /// The country named by a message that answers CALMe's question, when the
    /// directory has lines for it.
    fn country_answer(&self, slot: &Slot, text: &str) -> Option<String> {
        if !slot.state().asked_country {
            return None;
        }
        calme_safety::country_in_answer(text).filter(|cc| self.inner.resources.knows_country(cc))
    }

    fn quick(&self, slot: &Slot, step: Step, situation: Situation, lang: Lang) -> String {
        let mut st = slot.state();
        let (reply, index) = calme_safety::quick_reply(step, situation, lang, st.quick_last);
        st.quick_last = Some(index);
        reply
    }

    /// Runs the model with deadlines and the output guard. `None` means
    /// "answer in Quick Mode" (no model, busy, too slow, rejected, cancelled).
    async fn generate(
        &self,
        slot: &Arc<Slot>,
        ids: Ids,
        msg: &Incoming,
        step: Step,
        crisis: bool,
        out: &mpsc::Sender<ReplyEvent>,
    ) -> anyhow::Result<Option<String>> {
        let Some(generator) = self.inner.generator.clone().filter(|_| !self.is_closing()) else { return Ok(None) };
        let override_prompt = match &msg.community {
            Some(c) => self.inner.store.community(msg.platform, c).await?.and_then(|c| c.prompt_override),
            None => None,
        };
        let system = self.inner.prompts.compose(override_prompt.as_deref(), step, crisis, Lang::En);
        let turns = self.context_turns(slot, ids).await?;
        let turns = fit_turns(generator.counter(), &system, &turns, self.inner.opts.context_tokens);
        // What the person wrote in the turns the model reads: a reply may only
        // bring up a loss or an injury they mentioned.
        let user_said: Vec<String> = turns.iter().filter(|t| t.role == TurnRole::User).map(|t| t.text.clone()).collect();
        let user_said: Vec<&str> = user_said.iter().map(String::as_str).collect();
        let req = GenRequest { system, turns, max_new_tokens: self.inner.opts.max_new_tokens, seed: self.inner.opts.seed };
        let mut handle = match generator.start(req) {
            Ok(h) => h,
            Err(err) => {
                if matches!(err, crate::generator::GenError::Overloaded) {
                    Metrics::inc(&self.inner.metrics.overloaded);
                }
                info!(error = %err, "model unavailable; Quick Mode");
                return Ok(None);
            }
        };
        let cancel = CancellationToken::new();
        *slot.generation.lock().unwrap_or_else(|e| e.into_inner()) = Some(cancel.clone());
        let _ = out.send(ReplyEvent::Typing).await;

        let started = Instant::now();
        let opts = &self.inner.opts;
        let mut text = String::new();
        let mut shown = 0usize;
        let mut first_token = false;
        let outcome = loop {
            let deadline = if first_token { started + opts.reply_deadline } else { started + opts.first_token_deadline };
            let event = tokio::select! {
                _ = cancel.cancelled() => break Outcome::Cancelled,
                _ = tokio::time::sleep_until(deadline) => break Outcome::TooSlow,
                ev = handle.events.recv() => ev,
            };
            match event {
                Some(GenEvent::Text(t)) => {
                    first_token = true;
                    text.push_str(&t);
                    // Show complete sentences once the text so far passes the whole
                    // guard; stop at once when a sentence breaks it. Text without a
                    // Ma'aseh move yet is held back, so nothing shown is replaced later.
                    if let Some(end) = last_sentence_end(&text).filter(|&e| e > shown) {
                        let candidate = text[..end].trim();
                        match calme_safety::guard_reply_so_far(candidate, &user_said, opts.max_reply_chars) {
                            Err(calme_safety::Violation::TooLong) => {}
                            Err(v) => break Outcome::Rejected(v),
                            Ok(()) if calme_safety::has_maaseh_move(candidate) => {
                                shown = end;
                                let _ = out.send(ReplyEvent::Partial(candidate.to_string())).await;
                            }
                            Ok(()) => {}
                        }
                    }
                }
                Some(GenEvent::Done { tokens, ttft_ms, tokens_per_sec }) => {
                    debug!(tokens, ttft_ms, tokens_per_sec, "generation done");
                    self.inner.metrics.observe_generation(ttft_ms, tokens_per_sec);
                    break Outcome::Done;
                }
                Some(GenEvent::Failed(e)) => break Outcome::Failed(e),
                None => break Outcome::Failed("generator stopped".into()),
            }
        };
        handle.cancel();
        slot.generation.lock().unwrap_or_else(|e| e.into_inner()).take();
        let shown_text = text[..shown].trim().to_string();
        // A reply cut off by the token limit ends at its last whole sentence.
        let text = match last_sentence_end(&format!("{text} ")) {
            Some(end) if !text.trim_end().ends_with(['.', '!', '?']) => text[..end.min(text.len())].trim().to_string(),
            _ => text.trim().to_string(),
        };
        Ok(match outcome {
            Outcome::Done => match calme_safety::guard_reply(&text, &user_said, opts.max_reply_chars) {
                Ok(()) => Some(text),
                Err(v) => {
                    Metrics::inc(&self.inner.metrics.guard_rejections);
                    info!(violation = ?v, "output guard rejected the model's reply");
                    None
                }
            },
            Outcome::Rejected(v) => {
                Metrics::inc(&self.inner.metrics.guard_rejections);
                info!(violation = ?v, "output guard stopped the model mid-reply");
                None
            }
            Outcome::TooSlow => {
                info!(after_ms = started.elapsed().as_millis() as u64, "model too slow; Quick Mode");
                None
            }
            // Stopped for a crisis or /reset: keep what was already shown (it passed the guard).
            Outcome::Cancelled => (!shown_text.is_empty()).then_some(shown_text),
            Outcome::Failed(e) => {
                warn!(error = %e, "generation failed; Quick Mode");
                None
            }
        })
    }

    /// The newest turns of the session: from the slot's cache (SQLite, where
    /// this process is the only writer) or from the database.
    async fn context_turns(&self, slot: &Slot, ids: Ids) -> anyhow::Result<Vec<Turn>> {
        let cacheable = self.inner.store.backend() == crate::store::Backend::Sqlite;
        if cacheable {
            let cache = slot.history.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((sid, turns)) = cache.as_ref().filter(|(sid, _)| *sid == ids.session_id) {
                debug_assert_eq!(*sid, ids.session_id);
                return Ok(turns.iter().cloned().collect());
            }
        }
        let history = self.inner.store.history(ids.session_id, HISTORY_WINDOW).await?;
        let turns: Vec<Turn> = history
            .into_iter()
            .map(|m| Turn {
                role: if m.role == MessageRole::Assistant { TurnRole::Assistant } else { TurnRole::User },
                text: m.text,
            })
            .collect();
        if cacheable {
            *slot.history.lock().unwrap_or_else(|e| e.into_inner()) = Some((ids.session_id, turns.iter().cloned().collect()));
        }
        Ok(turns)
    }

    /// The user's country: their own setting, the community's locale, or the language when unambiguous.
    pub(super) async fn country_for(&self, ids: Ids, msg: &Incoming, lang: Lang) -> Option<String> {
        let store = &self.inner.store;
        let user_country = store.user(msg.platform, &msg.user).await.ok().flatten().and_then(|u| u.country);
        let community_locale = match (&msg.community, ids.community_id) {
            (Some(c), Some(_)) => store.community(msg.platform, c).await.ok().flatten().and_then(|c| c.locale),
            _ => None,
        };
        let locale = community_locale.or_else(|| msg.locale.clone().filter(|l| l.contains(['-', '_'])));
        calme_safety::resolve_country(user_country.as_deref(), locale.as_deref(), lang)
    }
}

/// Unix seconds, for the session's situation and check-in.
fn unix_now() -> i64 {
    crate::util::now_ms() / 1000
}

enum Outcome {
    Done,
    Rejected(calme_safety::Violation),
    TooSlow,
    Cancelled,
    Failed(String),
}

pub(super) async fn send(out: &mpsc::Sender<ReplyEvent>, reply: Reply) -> anyhow::Result<()> {
    let _ = out.send(ReplyEvent::Final(reply)).await;
    Ok(())
}

/// The byte index just after the last sentence or line end in `text`.
fn last_sentence_end(text: &str) -> Option<usize> {
    text.char_indices()
        .filter(|&(i, c)| {
            c == '\n' || (matches!(c, '.' | '!' | '?') && text[i + c.len_utf8()..].starts_with(char::is_whitespace))
        })
        .map(|(i, c)| i + c.len_utf8())
        .last()
}

#[cfg(test)]
mod tests {
    use super::last_sentence_end;

    #[test]
    fn sentence_ends_are_found_before_whitespace_only() {
        assert_eq!(last_sentence_end("One. Two! Three"), Some(9));
        assert_eq!(last_sentence_end("Version 1.5 is out"), None);
        assert_eq!(last_sentence_end("No end yet"), None);
        assert_eq!(last_sentence_end("Line one\nline two"), Some(9));
    }
}

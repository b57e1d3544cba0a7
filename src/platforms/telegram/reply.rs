//! Renders one `ReplyStream` in a chat: the typing action (renewed while the
//! model writes), the reply growing by edits at most once per `edit_interval`
//! (a 429 pauses edits for `retry_after`), then the final text in parts.
//! Plain text only: there is no markup for Telegram to fail to parse.

use teloxide::payloads::{EditMessageTextSetters, SendChatActionSetters, SendMessageSetters};
use teloxide::requests::Requester;
use teloxide::types::{ChatAction, ChatId, LinkPreviewOptions, Message, MessageId, ReplyParameters, ThreadId};
use teloxide::{ApiError, RequestError};
use tokio::time::{sleep_until, Instant};

use super::bot::TgBot;
use super::incoming::Origin;
use super::options::Timings;
use super::text;
use crate::message::{Reply, ReplyEvent, ReplyKind};
use crate::session::ReplyStream;

/// Final edits are retried this often after a 429 before giving up on the edit
/// (the rest of the reply is then sent as new messages).
const FINAL_EDIT_TRIES: usize = 5;

/// What is needed to post in one chat.
pub struct Poster<'a> {
    pub bot: &'a TgBot,
    pub timings: &'a Timings,
    pub username: &'a str,
    /// The forum topic to answer in (only in that chat).
    pub topic: Option<(ChatId, ThreadId)>,
}

/// The message being grown by edits.
struct Shown {
    id: MessageId,
    text: String,
}

impl Poster<'_> {
    /// Renders the whole stream; returns when the final reply is posted (or the stream ends without one).
    pub async fn deliver(&self, origin: &Origin, mut stream: ReplyStream) {
        let mut shown: Option<Shown> = None;
        let mut pending: Option<String> = None;
        let mut next_edit = Instant::now();
        let mut next_typing: Option<Instant> = None;
        loop {
            let wake = [pending.as_ref().map(|_| next_edit), next_typing].into_iter().flatten().min();
            let event = tokio::select! {
                ev = stream.next() => ev,
                _ = sleep_until(wake.unwrap_or_else(Instant::now)), if wake.is_some() => {
                    let now = Instant::now();
                    if next_typing.is_some_and(|t| t <= now) {
                        self.typing(origin.chat).await;
                        next_typing = Some(now + self.timings.typing_interval);
                    }
                    if pending.is_some() && next_edit <= now {
                        next_edit = self.show(origin, &mut shown, &mut pending).await;
                    }
                    continue;
                }
            };
            match event {
                None => return,
                Some(ReplyEvent::Typing) => {
                    self.typing(origin.chat).await;
                    next_typing = Some(Instant::now() + self.timings.typing_interval);
                }
                Some(ReplyEvent::Partial(t)) => {
                    pending = Some(t);
                    if next_edit <= Instant::now() {
                        next_edit = self.show(origin, &mut shown, &mut pending).await;
                    }
                }
                Some(ReplyEvent::Final(reply)) => {
                    if shown.is_some() {
                        // The last edit keeps the pace too.
                        sleep_until(next_edit).await;
                    }
                    self.finish(origin, shown, reply).await;
                    return;
                }
            }
        }
    }

    /// Shows the pending partial text; returns when the next edit may happen.
    async fn show(&self, origin: &Origin, shown: &mut Option<Shown>, pending: &mut Option<String>) -> Instant {
        let Some(full) = pending.take() else { return Instant::now() };
        let Some(preview) = text::preview(&full) else { return Instant::now() };
        let result = match shown {
            Some(s) if s.text == preview => return Instant::now(),
            Some(s) => self.edit(origin.chat, s.id, &preview).await.map(|_| s.id),
            None => self.send(origin.chat, &preview, self.reply_to(origin)).await.map(|m| m.id),
        };
        match result {
            Ok(id) => {
                *shown = Some(Shown { id, text: preview });
                Instant::now() + self.timings.edit_interval
            }
            Err(RequestError::RetryAfter(s)) => {
                // Keep the text: it is shown once Telegram lets us edit again.
                *pending = Some(full);
                Instant::now() + s.duration()
            }
            Err(err) => {
                tracing::debug!(error = %err, "could not show the growing reply");
                Instant::now() + self.timings.edit_interval
            }
        }
    }

    /// Posts the final reply: where, and how much, depends on its kind and the chat.
    async fn finish(&self, origin: &Origin, shown: Option<Shown>, reply: Reply) {
        match &reply.kind {
            ReplyKind::Escalation { public_text } if origin.group => {
                // Only the short public text and the way to a private chat; never
                // a reply-quote of the person's message, never their words.
                let public = text::public_escalation(public_text, self.username);
                match shown {
                    Some(s) => self.replace(origin.chat, s, text::parts(&public), None).await,
                    None => self.post_parts(origin.chat, text::parts(&public), None).await,
                }
            }
            _ if reply.private && origin.group => {
                let dm = ChatId(origin.user.0 as i64);
                let parts = text::parts(&reply.text);
                match self.send(dm, parts.first().map(String::as_str).unwrap_or(""), None).await {
                    Ok(_) => self.post_parts(dm, parts.into_iter().skip(1).collect(), None).await,
                    // They have not opened a private chat with the bot: answer where they asked.
                    Err(_) => self.post_parts(origin.chat, parts, self.reply_to(origin)).await,
                }
            }
            _ => {
                let parts = text::parts(&reply.text);
                match shown {
                    Some(s) => self.replace(origin.chat, s, parts, self.reply_to(origin)).await,
                    None => self.post_parts(origin.chat, parts, self.reply_to(origin)).await,
                }
            }
        }
    }

    /// Turns the grown message into the first part, then sends the rest.
    async fn replace(&self, chat: ChatId, shown: Shown, parts: Vec<String>, reply_to: Option<MessageId>) {
        let mut parts = parts.into_iter();
        let Some(first) = parts.next() else { return };
        let mut rest: Vec<String> = parts.collect();
        if first != shown.text && !self.edit_until_done(chat, shown.id, &first).await {
            rest.insert(0, first);
        }
        self.post_parts(chat, rest, reply_to).await;
    }

    async fn edit_until_done(&self, chat: ChatId, id: MessageId, text: &str) -> bool {
        for _ in 0..FINAL_EDIT_TRIES {
            match self.edit(chat, id, text).await {
                Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => return true,
                Err(RequestError::RetryAfter(s)) => tokio::time::sleep(s.duration()).await,
                Err(err) => {
                    tracing::warn!(error = %err, "could not edit the reply into its final text; sending it anew");
                    return false;
                }
            }
        }
        false
    }

    /// Sends each part in order (Throttle retries 429s). A failed part is logged and the rest still sent.
    async fn post_parts(&self, chat: ChatId, parts: Vec<String>, reply_to: Option<MessageId>) {
        for (i, part) in parts.iter().enumerate() {
            let reply_to = if i == 0 { reply_to } else { None };
            if let Err(err) = self.send(chat, part, reply_to).await {
                tracing::warn!(error = %err, part = i, "could not send a reply");
            }
        }
    }

    async fn send(&self, chat: ChatId, text: &str, reply_to: Option<MessageId>) -> Result<Message, RequestError> {
        let mut req = self.bot.send_message(chat, text).link_preview_options(no_preview());
        if let Some((_, thread)) = self.topic.filter(|(c, _)| *c == chat) {
            req = req.message_thread_id(thread);
        }
        if let Some(id) = reply_to {
            req = req.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
        }
        req.await
    }

    async fn edit(&self, chat: ChatId, id: MessageId, text: &str) -> Result<Message, RequestError> {
        self.bot.edit_message_text(chat, id, text).link_preview_options(no_preview()).await
    }

    async fn typing(&self, chat: ChatId) {
        let mut req = self.bot.send_chat_action(chat, ChatAction::Typing);
        if let Some((_, thread)) = self.topic.filter(|(c, _)| *c == chat) {
            req = req.message_thread_id(thread);
        }
        if let Err(err) = req.await {
            tracing::debug!(error = %err, "typing action failed");
        }
    }

    /// In groups the answer quotes the message it answers; private chats need no quote.
    fn reply_to(&self, origin: &Origin) -> Option<MessageId> {
        origin.group.then_some(origin.message)
    }

    /// Posts a fixed line (e.g. "I read text") in answer to `origin`.
    pub async fn say(&self, origin: &Origin, line: &str) {
        if let Err(err) = self.send(origin.chat, line, self.reply_to(origin)).await {
            tracing::warn!(error = %err, "could not send a notice");
        }
    }
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

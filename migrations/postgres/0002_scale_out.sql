-- Several instances on one database: at most one open session per user and
-- chat, so two instances never split a conversation. Older duplicates (from
-- before this index) are closed first, keeping the newest open.
UPDATE sessions SET ended_at = updated_at
 WHERE ended_at IS NULL
   AND id NOT IN (SELECT MAX(id) FROM sessions WHERE ended_at IS NULL GROUP BY user_id, chat_id);
CREATE UNIQUE INDEX sessions_one_open ON sessions (user_id, chat_id) WHERE ended_at IS NULL;

-- Retention scans sessions by last activity; export and forget read a user's messages.
CREATE INDEX sessions_updated ON sessions (updated_at);
CREATE INDEX messages_user ON messages (user_id, id);
-- Keeping a session's order across instances looks up its unanswered messages.
CREATE INDEX messages_unanswered ON messages (session_id, id) WHERE answered = 0;

-- CALMe schema, PostgreSQL dialect. Times are milliseconds since the Unix epoch.

CREATE TABLE users (
    id               BIGSERIAL PRIMARY KEY,
    platform         TEXT    NOT NULL,
    platform_user_id TEXT    NOT NULL,
    country          TEXT,
    created_at       BIGINT  NOT NULL,
    UNIQUE (platform, platform_user_id)
);

CREATE TABLE communities (
    id                    BIGSERIAL PRIMARY KEY,
    platform              TEXT    NOT NULL,
    platform_community_id TEXT    NOT NULL,
    prompt_override       TEXT,
    locale                TEXT,
    settings              TEXT    NOT NULL DEFAULT '{}',
    retention_days        BIGINT,
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT  NOT NULL,
    UNIQUE (platform, platform_community_id)
);

-- Every change of a community prompt: who, what, when. `prompt` is NULL for a reset.
CREATE TABLE prompt_versions (
    id           BIGSERIAL PRIMARY KEY,
    community_id BIGINT  NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    action       TEXT    NOT NULL CHECK (action IN ('set', 'reset')),
    prompt       TEXT,
    changed_by   TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL
);
CREATE INDEX prompt_versions_community ON prompt_versions (community_id, id);

-- A conversation of one user in one chat. /reset ends it and opens a new one.
CREATE TABLE sessions (
    id           BIGSERIAL PRIMARY KEY,
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform     TEXT    NOT NULL,
    chat_id      TEXT    NOT NULL,
    community_id BIGINT  REFERENCES communities (id) ON DELETE SET NULL,
    state        TEXT    NOT NULL DEFAULT '{}',
    started_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    ended_at     BIGINT
);
CREATE INDEX sessions_open ON sessions (user_id, chat_id, ended_at);

CREATE TABLE messages (
    id           BIGSERIAL PRIMARY KEY,
    session_id   BIGINT  NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         TEXT    NOT NULL CHECK (role IN ('user', 'assistant')),
    text         TEXT    NOT NULL,
    safety_label TEXT,
    source       TEXT,
    external_id  TEXT,
    reply_to     BIGINT  REFERENCES messages (id) ON DELETE CASCADE,
    answered     BIGINT  NOT NULL DEFAULT 0,
    claimed_by   TEXT,
    claimed_at   BIGINT,
    created_at   BIGINT  NOT NULL
);
CREATE INDEX messages_session ON messages (session_id, id);
CREATE UNIQUE INDEX messages_external ON messages (user_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX messages_created ON messages (created_at);

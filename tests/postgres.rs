//! The store and session suite (`tests/backend/suite.rs`) on SQLite, always,
//! and on PostgreSQL when `CALME_TEST_POSTGRES_URL` is set (`.ci/run` starts
//! one with scripts/ci-postgres.sh; with `CI=true` a missing URL fails).

mod backend;
mod common;

backend_suite!(
    users_communities_and_prompt_audit,
    one_open_session_per_chat_even_when_opened_concurrently,
    a_delivery_is_stored_once_and_claimed_once,
    forget_removes_every_row_of_a_user,
    export_holds_everything_stored_about_a_user,
    retention_follows_each_community,
    retention_zero_keeps_nothing_after_the_session_ends,
    sessions_keep_their_order,
    a_redelivered_message_is_answered_once,
    commands_reset_and_forget,
    a_crisis_is_escalated_and_stored,
    the_retention_task_purges_in_the_background;
    shared: [
        claimed_at_insert_and_answered_in_order,
        two_instances_answer_each_message_once_and_in_order,
    ]
);

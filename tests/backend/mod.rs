//! The store and session test suite that runs unchanged on every database
//! backend: each body takes a [`TestDb`] (a fresh SQLite file, or a fresh
//! PostgreSQL schema) and `tests/postgres.rs` instantiates it per backend.
#![allow(dead_code)]

pub mod db;
pub mod suite;

pub use db::TestDb;

/// Generates one `#[tokio::test]` per suite body in a `sqlite` and a
/// `postgres` module. PostgreSQL runs when `CALME_TEST_POSTGRES_URL` is set;
/// with `CI=true` and no URL the PostgreSQL tests fail instead of skipping.
#[macro_export]
macro_rules! backend_suite {
    // `shared: […]` bodies are about several instances on one database: a
    // deployment that runs on PostgreSQL only (a SQLite file serves one process).
    ($($name:ident),* $(,)? ; shared: [$($shared:ident),* $(,)?]) => {
        $crate::backend_suite!($($name),*);
        mod postgres_shared {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $shared() {
                    let Some(db) = $crate::backend::TestDb::postgres().await else { return };
                    $crate::backend::suite::$shared(&db).await;
                }
            )*
        }
    };
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::backend::TestDb::sqlite();
                    $crate::backend::suite::$name(&db).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = $crate::backend::TestDb::postgres().await else { return };
                    $crate::backend::suite::$name(&db).await;
                }
            )*
        }
    };
}

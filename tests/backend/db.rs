//! A fresh database per test: a SQLite file in a temporary directory, or a
//! schema of its own in the PostgreSQL database named by `CALME_TEST_POSTGRES_URL`.

use std::sync::atomic::{AtomicUsize, Ordering};

use calme::config::Config;
use sqlx::Executor;

pub struct TestDb {
    pub url: String,
    pub backend: &'static str,
    /// Holds the data directory (and the SQLite file) for the test's lifetime.
    pub dir: tempfile::TempDir,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);
static CLEANED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("calme.db").display());
        TestDb { url, backend: "sqlite", dir }
    }

    /// `None` (test skipped, with a note) when no PostgreSQL is configured
    /// outside CI; a panic when CI expects one.
    pub async fn postgres() -> Option<TestDb> {
        let base = match std::env::var("CALME_TEST_POSTGRES_URL") {
            Ok(u) if !u.trim().is_empty() => u,
            _ => {
                if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                    panic!("CI=true but CALME_TEST_POSTGRES_URL is not set: start PostgreSQL with scripts/ci-postgres.sh and export its URL");
                }
                eprintln!("skipped: set CALME_TEST_POSTGRES_URL (scripts/ci-postgres.sh prints one) to run the PostgreSQL suite");
                return None;
            }
        };
        sqlx::any::install_default_drivers();
        let pid = std::process::id();
        let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&base)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to CALME_TEST_POSTGRES_URL: {e}"));
        // Schemas left behind by earlier runs of this suite go first.
        let admin_ref = &mut admin;
        CLEANED
            .get_or_init(|| async move {
                let stale: Vec<String> = sqlx::query_scalar(
                    "SELECT nspname::text FROM pg_namespace WHERE nspname LIKE 'calme\\_t\\_%' AND nspname NOT LIKE $1",
                )
                .bind(format!("calme\\_t\\_{pid}\\_%"))
                .fetch_all(&mut *admin_ref)
                .await
                .unwrap_or_default();
                for s in stale {
                    let _ = admin_ref.execute(format!("DROP SCHEMA IF EXISTS \"{s}\" CASCADE").as_str()).await;
                }
            })
            .await;
        let schema = format!("calme_t_{pid}_{}", NEXT.fetch_add(1, Ordering::SeqCst));
        admin.execute(format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}").as_str()).await.unwrap();
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
        Some(TestDb { url, backend: "postgres", dir: tempfile::tempdir().unwrap() })
    }

    /// A test configuration on this database (model off; tests pass generators).
    pub fn config(&self) -> Config {
        let mut config = Config {
            data_dir: Some(self.dir.path().to_path_buf()),
            database_url: Some(self.url.clone()),
            ..Config::default()
        };
        config.model.enabled = false;
        config
    }
}

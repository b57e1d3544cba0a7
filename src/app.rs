//! Startup: configuration → store → model → session manager.

use std::sync::Arc;

use anyhow::Context;
use calme_safety::{PromptSet, Resources};

use crate::config::Config;
use crate::generator::Generator;
use crate::session::limits::RateLimits;
use crate::session::{CoreOptions, SessionManager};
use crate::store::Store;

/// Everything an adapter needs, built once.
#[derive(Clone)]
pub struct App {
    pub config: Config,
    pub manager: SessionManager,
    /// Why the model is not in use, when it is not (shown to console users and in /readyz).
    pub model_status: Result<String, String>,
}

impl App {
    /// Builds the app with the real local model when it loads, Quick Mode otherwise.
    pub async fn start(config: Config) -> anyhow::Result<App> {
        let (generator, model_status) = if config.model.enabled {
            match crate::llm_engine::load(&config) {
                Ok(g) => {
                    let name = g.name().to_string();
                    (Some(g), Ok(name))
                }
                Err(err) => {
                    tracing::warn!("{err}");
                    (None, Err(err.to_string()))
                }
            }
        } else {
            (None, Err("the model is disabled in the configuration (model.enabled = false)".into()))
        };
        let app = App::with_generator(config, generator, model_status).await?;
        // The second reading: the semantic reading, the multilingual probe when ONNX Runtime is
        // there (also in Quick Mode: it is a safety reading, not the chat model), and the risk
        // probe on its own session of the same model when the model loaded.
        let (model_dir, ort) = (app.config.model_dir(), app.config.ort_dylib());
        let model = app.manager.has_model().then_some((model_dir.as_path(), ort.as_path()));
        let reader_dir = calme_llm::default_reader_dir(&app.config.data_dir());
        let reader = ort.is_file().then_some((reader_dir.as_path(), ort.as_path()));
        let semantic = calme_safety::semantic_dir(&app.config.data_dir());
        let (reread, problems) = crate::reread::Reread::load(model, reader, &semantic, 1);
        for p in problems {
            tracing::warn!("{p}; the second reading goes on without it");
        }
        if let Some(r) = reread {
            app.manager.set_reread(Arc::new(r));
        }
        Ok(app)
    }

    /// Builds the app around any generator (tests pass doubles here).
    pub async fn with_generator(
        config: Config,
        generator: Option<Arc<dyn Generator>>,
        model_status: Result<String, String>,
    ) -> anyhow::Result<App> {
        // Compile the crisis screen's rules now, not on the first person's message.
        calme_safety::warm_up();
        let url = config.database_url();
        let store = Store::open(&url).await.context("opening the database")?;
        let resources = match &config.resources_file {
            Some(p) => Resources::load(p).map_err(|e| anyhow::anyhow!("loading {}: {e:?}", p.display()))?,
            None => Resources::builtin(),
        };
        let prompts = match &config.prompts_dir {
            Some(d) => PromptSet::load_dir(d).with_context(|| format!("loading prompts from {}", d.display()))?,
            None => PromptSet::builtin(),
        };
        let manager = SessionManager::new(
            store,
            CoreOptions::from_config(&config),
            RateLimits::new(&config.limits),
            generator,
            resources,
            prompts,
        );
        Ok(App { config, manager, model_status })
    }
}

//! Telegram assistant. Sessions are cached for 15 minutes per user with moka.
use std::sync::Arc;
use std::time::Duration;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use moka::future::Cache;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Claims {
    pub sub: String,
    #[serde(default)]
    pub locale: Option<String>,
}

pub struct Assistant {
    composio: ComposioClient,
    cache: Cache<String, Arc<Session>>,
}

impl Assistant {
    pub fn new(composio: ComposioClient) -> Self {
        let cache = Cache::builder()
            .max_capacity(10_000)
            .time_to_live(Duration::from_secs(15 * 60))
            .build();
        Self { composio, cache }
    }

    pub async fn reply(&self, claims: &Claims, text: &str) -> anyhow::Result<String> {
        let uid = claims.sub.clone();
        if let Some(session) = self.cache.get(&uid).await {
            return self.run(&session, text).await;
        }

        let session = Arc::new(
            self.composio
                .create_session(uid.clone())
                .toolkits(vec!["googlecalendar", "gmail"])
                .send()
                .await?,
        );
        log::info!("session {} for {}", session.session_id(), uid);
        self.cache.insert(uid.clone(), session.clone()).await; // [expect CS003]
        self.run(&session, text).await
    }

    async fn run(&self, session: &Session, text: &str) -> anyhow::Result<String> {
        crate::agent::respond(text, session.tools()).await
    }

    pub async fn forget(&self, claims: &Claims) {
        self.cache.invalidate(&claims.sub).await;
    }
}

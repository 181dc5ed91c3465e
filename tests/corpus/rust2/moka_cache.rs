//! Memoise tool-router sessions for ten minutes per user.
use std::time::Duration;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use moka::future::Cache;

pub struct Router {
    client: ComposioClient,
    cache: Cache<String, Session>,
}

impl Router {
    pub fn new(client: ComposioClient) -> Self {
        let cache = Cache::builder()
            .max_capacity(10_000)
            .time_to_live(Duration::from_secs(600))
            .build();
        Self { client, cache }
    }

    pub async fn tools(&self, uid: String) -> anyhow::Result<Vec<String>> {
        if let Some(s) = self.cache.get(&uid).await {
            return Ok(s.tools().to_vec());
        }
        let session = self.client.create_session(uid.as_str()).send().await?; // [expect CS004]
        let tools = session.tools().to_vec();
        self.cache.insert(uid.clone(), session).await; // [expect CS003]
        Ok(tools)
    }

    pub async fn invalidate(&self, uid: &str) {
        self.cache.invalidate(uid).await;
    }
}

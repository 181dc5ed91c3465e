//! Session pool for the code-review agent: sessions are pooled per user and pre-warmed for
//! the on-call rotation.
use std::collections::BTreeMap;
use std::sync::Arc;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use dashmap::DashMap;

pub struct SessionPool {
    client: Arc<ComposioClient>,
    sessions: DashMap<String, Arc<Session>>,
    warm: BTreeMap<String, Session>,
}

impl SessionPool {
    pub fn new(client: Arc<ComposioClient>) -> Self {
        Self {
            client,
            sessions: DashMap::new(),
            warm: BTreeMap::new(),
        }
    }

    pub async fn for_user(&self, user_id: &str) -> anyhow::Result<Arc<Session>> {
        if let Some(s) = self.sessions.get(user_id) {
            return Ok(s.clone());
        }
        let session = self
            .client
            .create_session(user_id)
            .toolkits(vec!["github"])
            .send()
            .await?;
        tracing::info!(session_id = %session.session_id(), %user_id, "new pooled session");
        let entry = self.sessions.entry(user_id.to_string()).or_insert_with(|| Arc::new(session)); // [expect CS003]
        Ok(entry.clone())
    }

    pub async fn warm(&mut self, rotation: &[String]) -> anyhow::Result<usize> {
        for uid in rotation {
            let s = self.client.create_session(uid.as_str()).toolkits(vec!["github", "pagerduty"]).send().await?; // [expect CS004]
            self.warm.insert(format!("user:{uid}"), s); // [expect CS003]
        }
        tracing::info!(count = rotation.len(), "pool warmed");
        Ok(self.warm.len())
    }

    pub fn take_warm(&mut self, uid: &str) -> Option<Session> {
        self.warm.remove(&format!("user:{uid}"))
    }

    pub fn evict(&self, user_id: &str) {
        self.sessions.remove(user_id);
    }
}

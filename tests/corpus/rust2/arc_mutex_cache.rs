use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use tracing::{debug, info};

/// Chat agent shared by all websocket connections.
#[derive(Clone)]
pub struct Agent {
    composio: Arc<ComposioClient>,
    sessions: Arc<Mutex<HashMap<String, Session>>>,
}

impl Agent {
    pub fn new(composio: ComposioClient) -> Self {
        Self {
            composio: Arc::new(composio),
            sessions: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    fn cached(&self, user_id: &str) -> Option<Session> {
        self.sessions.lock().unwrap().get(user_id).cloned()
    }

    async fn session_for(&self, user_id: &str) -> anyhow::Result<Session> {
        if let Some(s) = self.cached(user_id) {
            debug!(session_id = %s.session_id(), "cache hit");
            return Ok(s);
        }
        let s = self
            .composio
            .create_session(user_id)
            .toolkits(vec!["gmail", "googlecalendar"])
            .send()
            .await?;
        info!(session_id = %s.session_id(), user_id, "session created");
        self.sessions.lock().unwrap().insert(user_id.to_string(), s.clone()); // [expect CS003]
        Ok(s)
    }

    pub async fn on_message(&self, user_id: &str, text: &str) -> anyhow::Result<serde_json::Value> {
        let session = self.session_for(user_id).await?;
        let res = session
            .execute_tool("COMPOSIO_SEARCH_TOOLS", serde_json::json!({ "query": text }))
            .await?;
        Ok(res.data)
    }

    pub fn forget(&self, user_id: &str) {
        self.sessions.lock().unwrap().remove(user_id);
    }
}

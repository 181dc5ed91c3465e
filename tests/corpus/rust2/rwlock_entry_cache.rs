use std::collections::HashMap;

use composio_sdk::client::ComposioClient as Composio;
use composio_sdk::session::Session;
use tokio::sync::RwLock;

pub struct SessionPool {
    composio: Composio,
    by_user: RwLock<HashMap<String, Session>>,
}

impl SessionPool {
    pub fn new(composio: Composio) -> Self {
        Self {
            composio,
            by_user: RwLock::new(HashMap::new()),
        }
    }

    pub async fn get(&self, user_id: &str) -> anyhow::Result<Session> {
        let key = format!("user:{user_id}");
        if let Some(hit) = self.by_user.read().await.get(&key) {
            return Ok(hit.clone());
        }

        let session = self.composio.create_session(user_id).send().await?;
        eprintln!("[pool] new session {} for {}", session.session_id(), user_id);

        let mut guard = self.by_user.write().await;
        let stored = guard.entry(key).or_insert_with(|| session.clone()); // [expect CS003]
        Ok(stored.clone())
    }

    pub async fn evict_all(&self) -> usize {
        let mut guard = self.by_user.write().await;
        let n = guard.len();
        guard.clear();
        n
    }
}

//! Multi-turn chat: one session per (user, thread); only ids are remembered per user.
use std::collections::HashMap;
use std::sync::Mutex;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use dashmap::DashMap;

pub struct Conversations {
    client: ComposioClient,
    by_thread: DashMap<(String, String), Session>,
    last_session_id: Mutex<HashMap<String, String>>,
}

impl Conversations {
    pub fn new(client: ComposioClient) -> Self {
        Self {
            client,
            by_thread: DashMap::new(),
            last_session_id: Mutex::new(HashMap::new()),
        }
    }

    pub async fn for_thread(&self, user_id: &str, thread_id: &str) -> anyhow::Result<Session> {
        let key = (user_id.to_owned(), thread_id.to_owned());
        if let Some(s) = self.by_thread.get(&key) {
            return Ok(s.clone());
        }
        let s = self.client.create_session(user_id).send().await?;
        tracing::info!(session_id = %s.session_id(), thread_id, "thread session");
        self.by_thread.insert(key, s.clone());
        self.last_session_id
            .lock()
            .unwrap()
            .insert(user_id.to_owned(), s.session_id().to_owned());
        Ok(s)
    }

    /// "Continue where I left off" button: reopen the user's last session by id.
    pub async fn reopen_last(&self, user_id: &str) -> anyhow::Result<Option<Session>> {
        let id = self.last_session_id.lock().unwrap().get(user_id).cloned();
        let Some(id) = id else {
            return Ok(None);
        };
        let s = self.client.get_session(&id).await?;
        tracing::info!(session_id = %s.session_id(), "reopened last session");
        Ok(Some(s))
    }

    pub fn close_thread(&self, user_id: &str, thread_id: &str) {
        self.by_thread.remove(&(user_id.to_owned(), thread_id.to_owned()));
    }
}

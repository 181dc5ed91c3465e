use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Result;
use tokio::sync::RwLock;
use tracing::{debug, instrument, Span};

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ThreadId(pub u64);

/// Keeps one Composio session per chat thread.
pub struct ThreadRouter {
    composio: Arc<ComposioClient>,
    by_thread: RwLock<HashMap<ThreadId, Session>>,
    /// user id -> id of the user's most recent session (ids only, for "continue")
    last_session_id: RwLock<HashMap<String, String>>,
}

impl ThreadRouter {
    pub fn new(composio: Arc<ComposioClient>) -> Self {
        Self {
            composio,
            by_thread: RwLock::new(HashMap::new()),
            last_session_id: RwLock::new(HashMap::new()),
        }
    }

    #[instrument(skip(self), fields(composio.session_id = tracing::field::Empty))]
    pub async fn session_for(&self, user_id: &str, thread: ThreadId) -> Result<Session> {
        if let Some(existing) = self.by_thread.read().await.get(&thread) {
            return Ok(existing.clone());
        }
        let session = self
            .composio
            .create_session(user_id)
            .toolkits(vec!["github", "linear"])
            .send()
            .await?;
        Span::current().record("composio.session_id", tracing::field::display(session.session_id()));

        self.by_thread.write().await.insert(thread, session.clone());
        self.last_session_id
            .write()
            .await
            .insert(user_id.to_string(), session.session_id().to_string());
        Ok(session)
    }

    pub async fn continue_last(&self, user_id: &str) -> Result<Option<Session>> {
        let Some(id) = self.last_session_id.read().await.get(user_id).cloned() else {
            return Ok(None);
        };
        let session = self.composio.get_session(&id).await?;
        debug!(session_id = %session.session_id(), user_id, "continued last session");
        Ok(Some(session))
    }

    pub async fn close_thread(&self, thread: ThreadId) {
        if self.by_thread.write().await.remove(&thread).is_some() {
            debug!(?thread, "thread closed");
        }
    }
}

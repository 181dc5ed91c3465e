//! Discord bot. Sessions are kept per (user, thread) so a thread's follow-ups share one
//! session, but a new thread always starts a new one.
use std::sync::{Arc, OnceLock};

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use dashmap::DashMap;
use tracing::info;

static COMPOSIO: OnceLock<ComposioClient> = OnceLock::new();

fn composio() -> &'static ComposioClient {
    COMPOSIO.get_or_init(|| {
        ComposioClient::builder()
            .api_key(std::env::var("COMPOSIO_API_KEY").expect("COMPOSIO_API_KEY"))
            .build()
            .expect("composio client")
    })
}

#[derive(Default)]
pub struct ThreadSessions {
    by_thread: DashMap<(String, String), Arc<Session>>,
    summaries: DashMap<String, Arc<Session>>,
}

impl ThreadSessions {
    pub async fn for_thread(&self, user_id: &str, thread_id: &str) -> anyhow::Result<Arc<Session>> {
        let key = (user_id.to_owned(), thread_id.to_owned());
        if let Some(existing) = self.by_thread.get(&key) {
            return Ok(existing.clone());
        }
        let session = composio()
            .create_session(user_id)
            .toolkits(vec!["discord", "notion"])
            .send()
            .await?;
        info!(session_id = %session.session_id(), %user_id, %thread_id, "thread session");
        let session = Arc::new(session);
        self.by_thread.insert(key, session.clone());
        Ok(session)
    }

    pub async fn for_summary(&self, user_id: &str, thread_id: &str) -> anyhow::Result<Arc<Session>> {
        let session = composio().create_session(user_id).toolkits(vec!["notion"]).send().await?;
        info!(session_id = %session.session_id(), "summary session");
        let session = Arc::new(session);
        self.summaries
            .insert(format!("{user_id}:{thread_id}"), session.clone());
        Ok(session)
    }

    pub fn thread_closed(&self, user_id: &str, thread_id: &str) {
        self.by_thread.remove(&(user_id.to_owned(), thread_id.to_owned()));
        self.summaries.remove(&format!("{user_id}:{thread_id}"));
    }
}

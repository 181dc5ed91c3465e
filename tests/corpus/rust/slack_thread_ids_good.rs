//! Slack bot: one Composio session per Slack thread. Only the session *id* is remembered,
//! keyed by thread timestamp, and the session is reopened from it on each reply.
use std::collections::HashMap;
use std::sync::Arc;

use composio_sdk::client::ComposioClient;
use tokio::sync::Mutex;
use tracing::{debug, info};

use crate::directory::UserDirectory;
use crate::slack::{MessageEvent, SlackApi};

pub struct ThreadBot {
    client: Arc<ComposioClient>,
    slack: SlackApi,
    users: UserDirectory,
    /// thread_ts -> composio session id
    thread_sessions: Mutex<HashMap<String, String>>,
}

impl ThreadBot {
    pub fn new(client: Arc<ComposioClient>, slack: SlackApi, users: UserDirectory) -> Self {
        Self {
            client,
            slack,
            users,
            thread_sessions: Mutex::new(HashMap::new()),
        }
    }

    pub async fn on_message(&self, event: MessageEvent) -> anyhow::Result<()> {
        let user = self.users.by_slack_id(&event.user).await?;
        debug!(email = %user.email, slack_user = %event.user, "resolved slack user");

        let thread_ts = event.thread_ts.clone().unwrap_or_else(|| event.ts.clone());
        let known = self.thread_sessions.lock().await.get(&thread_ts).cloned();

        let session = match known {
            Some(sid) => {
                let session = self.client.get_session(&sid).await?;
                info!(session_id = %session.session_id(), thread = %thread_ts, "reopened thread session");
                session
            }
            None => {
                let session = self
                    .client
                    .create_session(user.id.to_string())
                    .toolkits(vec!["slack", "linear"])
                    .send()
                    .await?;
                info!(session_id = %session.session_id(), thread = %thread_ts, "new thread session");
                let sid = session.session_id().to_string();
                self.thread_sessions
                    .lock()
                    .await
                    .entry(thread_ts.clone())
                    .or_insert_with(|| sid.clone());
                session
            }
        };

        let answer = crate::agent::answer(&event.text, session.tools()).await?;
        self.slack.post_reply(&event.channel, &thread_ts, &answer).await?;
        Ok(())
    }

    pub async fn on_thread_archived(&self, thread_ts: &str) {
        if let Some(sid) = self.thread_sessions.lock().await.remove(thread_ts) {
            info!(session_id = %sid, "forgot archived thread");
        }
    }
}

//! Discord DM bot: each private thread has exactly one human; its conversation
//! object owns one session for the life of that thread.
use std::collections::HashMap;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;

pub struct Conversation {
    pub thread_id: u64,
    session: Session,
    turns: u32,
}

impl Conversation {
    pub async fn start(composio: &ComposioClient, user_id: &str, thread_id: u64) -> anyhow::Result<Self> {
        let session = composio
            .create_session(user_id)
            .toolkits(vec!["github", "notion"])
            .send()
            .await?;
        tracing::info!(session_id = %session.session_id(), thread_id, "conversation started");
        Ok(Self { thread_id, session, turns: 0 })
    }

    pub async fn reply(&mut self, text: &str) -> anyhow::Result<String> {
        self.turns += 1;
        let out = self
            .session
            .execute_meta_tool(
                composio_sdk::MetaToolSlug::ComposioSearchTools,
                serde_json::json!({ "query": text }),
            )
            .await?;
        Ok(out.data.to_string())
    }
}

#[derive(Default)]
pub struct Bot {
    conversations: HashMap<u64, Conversation>,
}

impl Bot {
    pub async fn on_message(
        &mut self,
        composio: &ComposioClient,
        author_id: &str,
        thread_id: u64,
        text: &str,
    ) -> anyhow::Result<String> {
        if !self.conversations.contains_key(&thread_id) {
            let convo = Conversation::start(composio, author_id, thread_id).await?;
            self.conversations.insert(thread_id, convo);
        }
        let convo = self
            .conversations
            .get_mut(&thread_id)
            .expect("inserted above");
        convo.reply(text).await
    }

    pub fn end(&mut self, thread_id: u64) {
        if let Some(c) = self.conversations.remove(&thread_id) {
            tracing::info!(thread_id = c.thread_id, turns = c.turns, "conversation ended");
        }
    }
}

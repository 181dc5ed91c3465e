//! Per-conversation agent: the session is created from the caller's user id when the
//! conversation starts and lives exactly as long as that conversation.
use std::collections::HashMap;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use tracing::{info, instrument};
use uuid::Uuid;

pub struct Conversation {
    pub id: Uuid,
    pub user_id: String,
    session: Session,
    history: Vec<String>,
}

impl Conversation {
    #[instrument(skip(client), fields(user_id = %user_id))]
    pub async fn start(
        client: &ComposioClient,
        user_id: &str,
        toolkits: Vec<String>,
    ) -> anyhow::Result<Self> {
        let id = Uuid::new_v4();
        let session = client
            .create_session(user_id)
            .toolkits(toolkits)
            .manage_connections(true)
            .send()
            .await?;
        info!(session_id = %session.session_id(), conversation_id = %id, "conversation started");
        Ok(Self {
            id,
            user_id: user_id.to_owned(),
            session,
            history: Vec::new(),
        })
    }

    pub async fn handle_message(&mut self, text: &str) -> anyhow::Result<String> {
        self.history.push(text.to_owned());
        let reply = crate::agent::step(&self.history, self.session.tools()).await?;
        self.history.push(reply.clone());
        Ok(reply)
    }

    pub fn end(self) {
        info!(session_id = %self.session.session_id(), turns = self.history.len(), "conversation ended");
    }
}

#[derive(Default)]
pub struct Conversations {
    open: HashMap<Uuid, Conversation>,
}

impl Conversations {
    pub async fn open(
        &mut self,
        client: &ComposioClient,
        user_id: &str,
    ) -> anyhow::Result<Uuid> {
        let conv = Conversation::start(client, user_id, vec!["github".into()]).await?;
        let conversation_id = conv.id;
        self.open.insert(conversation_id, conv);
        Ok(conversation_id)
    }

    pub async fn message(&mut self, conversation_id: Uuid, text: &str) -> anyhow::Result<String> {
        let conv = self
            .open
            .get_mut(&conversation_id)
            .ok_or_else(|| anyhow::anyhow!("unknown conversation"))?;
        conv.handle_message(text).await
    }

    pub fn close(&mut self, conversation_id: Uuid) {
        if let Some(conv) = self.open.remove(&conversation_id) {
            conv.end();
        }
    }
}

//! Support-desk agent. A single "support bot" session is lazily created on first use and
//! then used to answer every customer's ticket.
use std::sync::OnceLock;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::OnceCell;

const SUPPORT_BOT_USER: &str = "support-bot";

static CLIENT: OnceLock<ComposioClient> = OnceLock::new();
static SUPPORT_SESSION: OnceCell<Session> = OnceCell::const_new();

#[derive(Debug, Deserialize)]
pub struct Ticket {
    pub id: u64,
    pub subject: String,
    pub body: String,
}

fn composio_client() -> &'static ComposioClient {
    CLIENT.get_or_init(|| {
        ComposioClient::builder()
            .api_key(std::env::var("COMPOSIO_API_KEY").expect("COMPOSIO_API_KEY"))
            .build()
            .expect("composio client")
    })
}

async fn support_session() -> &'static Session {
    SUPPORT_SESSION
        .get_or_init(|| async {
            let session = composio_client().create_session(SUPPORT_BOT_USER).toolkits(vec!["zendesk", "slack"]).send().await.expect("support session"); // [expect CS002]
            tracing::info!(session_id = %session.session_id(), "support session ready");
            session
        })
        .await
}

pub async fn answer_ticket(user_id: &str, ticket: Ticket) -> anyhow::Result<String> {
    let session = support_session().await;
    tracing::info!(%user_id, ticket = ticket.id, "answering ticket");
    let history = session
        .execute_tool("ZENDESK_LIST_TICKET_COMMENTS", json!({ "ticket_id": ticket.id }))
        .await?;
    let draft = crate::llm::draft_reply(&ticket.subject, &ticket.body, &history).await?;
    session
        .execute_tool(
            "ZENDESK_CREATE_TICKET_COMMENT",
            json!({ "ticket_id": ticket.id, "body": draft, "public": false }),
        )
        .await?;
    Ok(draft)
}

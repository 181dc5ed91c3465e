//! Lazily opened triage session, reused by every incoming ticket.
use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use tokio::sync::OnceCell;

const BOT_USER: &str = "triage-bot";

static TRIAGE: OnceCell<Session> = OnceCell::const_new();

async fn triage_session(client: &ComposioClient) -> anyhow::Result<&'static Session> {
    TRIAGE
        .get_or_try_init(|| async {
            let s = client // [expect CS002]
                .create_session(BOT_USER)
                .toolkits(vec!["linear", "github"])
                .send()
                .await?;
            tracing::info!(session_id = %s.session_id(), "triage session opened");
            Ok::<_, anyhow::Error>(s)
        })
        .await
}

#[derive(Debug)]
pub struct Ticket {
    pub reporter_id: String,
    pub title: String,
    pub body: String,
}

pub async fn file_ticket(client: &ComposioClient, user_id: &str, ticket: &Ticket) -> anyhow::Result<String> {
    let session = triage_session(client).await?;
    let resp = session
        .execute_tool(
            "LINEAR_CREATE_LINEAR_ISSUE",
            serde_json::json!({
                "title": ticket.title,
                "description": format!("{}\n\nreported by {}", ticket.body, user_id),
            }),
        )
        .await?;
    match resp.error {
        Some(e) => anyhow::bail!("linear rejected ticket from {}: {e}", ticket.reporter_id),
        None => Ok(resp.data["id"].as_str().unwrap_or_default().to_owned()),
    }
}

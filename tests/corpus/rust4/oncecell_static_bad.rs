//! Slack event handler for a multi-workspace app.
use std::env;

use anyhow::Result;
use tokio::sync::OnceCell;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;

/// One SDK client per process is the recommended setup.
static CLIENT: OnceCell<ComposioClient> = OnceCell::const_new();
static SHARED: OnceCell<Session> = OnceCell::const_new();

async fn composio_client() -> &'static ComposioClient {
    CLIENT
        .get_or_init(|| async {
            ComposioClient::builder()
                .api_key(env::var("COMPOSIO_API_KEY").expect("COMPOSIO_API_KEY"))
                .build()
                .expect("composio client")
        })
        .await
}

async fn shared_session() -> &'static Session {
    SHARED
        .get_or_init(|| async {
            let uid = env::var("COMPOSIO_USER_ID").unwrap_or_else(|_| "default".to_string());  // [expect CS001]
            let s = composio_client().await.create_session(&uid).toolkits(vec!["slack"]).send().await  // [expect CS002]
                .expect("slack session");
            log::info!("shared slack session {}", s.session_id());
            s
        })
        .await
}

pub struct SlackEvent {
    pub team_id: String,
    pub user: String,
    pub text: String,
}

pub async fn on_slack_event(event: &SlackEvent) -> Result<String> {
    let session = shared_session().await;
    let tools = session.tools();
    log::debug!("team={} user={} tools={}", event.team_id, event.user, tools.len());
    if event.text.trim().is_empty() {
        return Ok("Say something and I'll look it up.".into());
    }
    Ok(format!("Working on it with {} tools.", tools.len()))
}

use axum::http::{HeaderMap, HeaderValue};
use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;

#[derive(Debug, Clone)]
pub struct Thread {
    pub id: String,
    pub owner_id: String,
    pub session_id: Option<String>,
}

/// Resume the thread's tool-router session, or open one the first time.
pub async fn resume(client: &ComposioClient, thread: &mut Thread) -> anyhow::Result<Session> {
    let session = match thread.session_id.as_deref() {
        Some(id) => client.get_session(id).await?, // [expect CS004]
        None => {
            let s = client.create_session(&thread.owner_id).send().await?;
            tracing::info!(session_id = %s.session_id(), thread = %thread.id, "thread session opened");
            thread.session_id = Some(s.session_id().to_owned());
            s
        }
    };
    tracing::debug!(mcp_url = %session.mcp_url(), thread = %thread.id, "resumed");
    Ok(session)
}

/// Used by the MCP proxy: hands the session's id back to the browser in a header.
pub async fn mcp_headers(client: &ComposioClient, user_id: &str) -> anyhow::Result<HeaderMap> {
    let session = client // [expect CS004]
        .create_session(user_id)
        .manage_connections(true)
        .send()
        .await?;

    let mut headers = HeaderMap::new();
    headers.insert("x-composio-session", HeaderValue::from_str(session.session_id())?);
    headers.insert("x-mcp-url", HeaderValue::from_str(session.mcp_url())?);
    let trace = format!("session={}", session.session_id());
    headers.insert("x-trace", HeaderValue::from_str(&trace)?);
    Ok(headers)
}

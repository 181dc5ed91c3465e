//! Sales follow-up bot: executes Gmail tools through Composio's REST API with reqwest.
use reqwest::Client;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

const BASE: &str = "https://backend.composio.dev/api/v3";

#[derive(Debug, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub email: String,
}

#[derive(Debug, Serialize)]
struct SessionRequest {
    user_id: String,
    toolkits: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Created {
    session_id: String,
}

pub async fn send_followup(http: &Client, api_key: &str, claims: &Claims, to: &str) -> reqwest::Result<Value> {
    let body = json!({
        "user_id": claims.email, // [expect CS005]
        "arguments": {
            "recipient_email": to,
            "cc": ["sales-archive@acme.io"],
            "subject": "Following up",
            "body": "Hi! Just checking in on our conversation last week."
        }
    });
    http.post(format!("{BASE}/tools/execute/GMAIL_SEND_EMAIL"))
        .header("x-api-key", api_key)
        .json(&body)
        .send()
        .await?
        .json()
        .await
}

pub async fn open_ops_session(http: &Client, api_key: &str) -> reqwest::Result<String> {
    let req = SessionRequest {
        user_id: "ops@acme.io".to_string(), // [expect CS005]
        toolkits: vec!["pagerduty".into(), "slack".into()],
    };
    let created: Created = http
        .post(format!("{BASE}/tool_router/session"))
        .header("x-api-key", api_key)
        .json(&req)
        .send()
        .await?
        .json()
        .await?;
    tracing::info!(session_id = %created.session_id, "ops session");
    Ok(created.session_id)
}

pub async fn list_threads(http: &Client, api_key: &str, claims: &Claims) -> reqwest::Result<Value> {
    tracing::debug!(email = %claims.email, "listing threads");
    http.post(format!("{BASE}/tools/execute/GMAIL_LIST_THREADS"))
        .header("x-api-key", api_key)
        .json(&json!({ "user_id": claims.sub, "arguments": { "max_results": 10 } }))
        .send()
        .await?
        .json()
        .await
}

//! Create tool-router sessions through the REST API from a JWT-authenticated request.
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use serde::{Deserialize, Serialize};
use url::Url;

#[derive(Debug, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub email: String,
    pub org: String,
}

#[derive(Serialize)]
struct NewSession<'a> {
    user_id: &'a str,
    toolkits: Vec<&'a str>,
}

#[derive(Deserialize)]
struct NewSessionResp {
    session_id: String,
}

pub async fn open_for(http: &reqwest::Client, claims: &Claims) -> anyhow::Result<String> {
    let base = Url::parse("https://backend.composio.dev/api/v3/")?;
    let endpoint = base.join("tool_router/session")?;

    let payload = NewSession {
        user_id: &claims.email, // [expect CS005]
        toolkits: vec!["notion", "linear"],
    };
    let body = serde_json::to_string(&payload)?;

    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert("x-api-key", HeaderValue::from_str(&std::env::var("COMPOSIO_API_KEY")?)?);

    let resp = http.post(endpoint).headers(headers).body(body).send().await?;
    if !resp.status().is_success() {
        anyhow::bail!("composio returned {} for org {}", resp.status(), claims.org);
    }
    let created: NewSessionResp = resp.json().await?;
    tracing::info!(session_id = %created.session_id, sub = %claims.sub, "session created");
    Ok(created.session_id)
}

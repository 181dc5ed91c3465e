use composio_sdk::client::ComposioClient;
use serde::Deserialize;

fn default_region() -> String {
    "default".to_string()
}

/// Loaded from `agent.yaml`; every field may be omitted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AgentSettings {
    pub toolkits: Vec<String>,
    #[serde(default = "default_region")]
    pub region: String,
    pub auth_config: Option<String>,
    pub verbose: bool,
}

#[derive(Debug, Deserialize)]
pub struct Incoming {
    pub account_id: Option<String>,
    pub prompt: String,
}

pub async fn serve_one(
    client: &ComposioClient,
    settings: &AgentSettings,
    msg: Incoming,
) -> anyhow::Result<Option<serde_json::Value>> {
    let account_id = msg.account_id.clone().unwrap_or_default();
    if account_id.is_empty() {
        return Ok(None);
    }

    let mut builder = client
        .create_session(account_id.as_str())
        .toolkits(settings.toolkits.clone());
    if let Some(ac) = settings.auth_config.as_deref() {
        builder = builder.auth_config("github", ac);
    }
    let session = builder.send().await?;
    log::info!(
        "session {} region={} verbose={}",
        session.session_id(),
        settings.region,
        settings.verbose
    );

    let out = session
        .execute_tool("COMPOSIO_SEARCH_TOOLS", serde_json::json!({ "query": msg.prompt }))
        .await?;
    Ok(Some(out.data))
}

pub fn load(path: &str) -> AgentSettings {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|raw| serde_yaml::from_str(&raw).ok())
        .unwrap_or_default()
}

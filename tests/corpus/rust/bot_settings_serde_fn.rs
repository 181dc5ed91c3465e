//! Settings for the nightly standup bot, read from environment-specific YAML.
use composio_sdk::client::ComposioClient;
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Deserialize)]
pub struct BotSettings {
    pub slack_channel: String,
    #[serde(default = "default_user_id")]
    pub composio_user_id: String,
    #[serde(default)]
    pub toolkits: Vec<String>,
    #[serde(default = "default_hour")]
    pub post_hour: u8,
}

fn default_user_id() -> String {
    "default".to_owned() // [expect CS001]
}

fn default_hour() -> u8 {
    9
}

impl BotSettings {
    pub fn from_yaml(raw: &str) -> anyhow::Result<Self> {
        Ok(serde_yaml::from_str(raw)?)
    }
}

pub async fn post_standup(client: &ComposioClient, settings: &BotSettings) -> anyhow::Result<()> {
    let session = client
        .create_session(settings.composio_user_id.clone())
        .toolkits(settings.toolkits.clone())
        .send()
        .await?;
    log::info!("standup session {}", session.session_id());

    let issues = session
        .execute_tool("LINEAR_LIST_LINEAR_ISSUES", json!({ "first": 25 }))
        .await?;
    let text = crate::standup::format(&issues);
    session
        .execute_tool(
            "SLACK_SEND_MESSAGE",
            json!({ "channel": settings.slack_channel, "text": text }),
        )
        .await?;
    Ok(())
}

//! Research agent configuration, loaded from `agent.toml` with defaults for every field.
use std::path::Path;

use composio_sdk::client::ComposioClient;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct AgentConfig {
    pub user_id: String,
    pub toolkits: Vec<String>,
    pub max_steps: u32,
    pub retry: RetryConfig,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct RetryConfig {
    pub attempts: u32,
    pub backoff_ms: u64,
}

impl Default for AgentConfig {
    fn default() -> Self {
        Self {
            user_id: "default".to_string(), // [expect CS001]
            toolkits: vec!["exa".into(), "googledocs".into()],
            max_steps: 8,
            retry: RetryConfig::default(),
        }
    }
}

impl AgentConfig {
    pub fn load(path: &Path) -> Self {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|raw| toml::from_str(&raw).ok())
            .unwrap_or_default()
    }
}

pub async fn research(client: &ComposioClient, cfg: &AgentConfig, topic: &str) -> anyhow::Result<String> {
    let session = client
        .create_session(&cfg.user_id)
        .toolkits(cfg.toolkits.clone())
        .send()
        .await?;
    tracing::info!(session_id = %session.session_id(), steps = cfg.max_steps, "research started");

    let mut notes = String::new();
    for step in 0..cfg.max_steps {
        let chunk = crate::agent::step(topic, &notes, session.tools()).await?;
        if chunk.is_empty() {
            tracing::debug!(step, "agent finished early");
            break;
        }
        notes.push_str(&chunk);
    }
    Ok(notes)
}

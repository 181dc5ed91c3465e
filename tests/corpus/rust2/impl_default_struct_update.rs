use std::time::Duration;

use composio_sdk::client::ComposioClient;
use tracing::{info, warn};

/// Options for the inbox triage agent.
#[derive(Debug, Clone)]
pub struct TriageOptions {
    pub user_id: String,
    pub toolkits: Vec<String>,
    pub timeout: Duration,
    pub dry_run: bool,
}

impl Default for TriageOptions {
    fn default() -> Self {
        Self {
            user_id: String::from("default"), // [expect CS001]
            toolkits: vec!["gmail".into()],
            timeout: Duration::from_secs(30),
            dry_run: false,
        }
    }
}

pub struct Triage {
    client: ComposioClient,
}

impl Triage {
    pub fn new(client: ComposioClient) -> Self {
        Self { client }
    }

    pub async fn run_with(&self, opts: TriageOptions) -> anyhow::Result<usize> {
        let session = self
            .client
            .create_session(opts.user_id.as_str())
            .toolkits(opts.toolkits.clone())
            .send()
            .await?;
        info!(session_id = %session.session_id(), dry_run = opts.dry_run, "triage session");

        let fut = session.execute_tool(
            "GMAIL_FETCH_EMAILS",
            serde_json::json!({ "max_results": 25, "label_ids": ["INBOX"] }),
        );
        match tokio::time::timeout(opts.timeout, fut).await {
            Ok(Ok(resp)) => Ok(resp.data["messages"].as_array().map_or(0, |m| m.len())),
            Ok(Err(e)) => Err(e.into()),
            Err(_) => {
                warn!(session_id = %session.session_id(), "triage timed out");
                Ok(0)
            }
        }
    }

    /// Quick dry run with the stock options plus a custom toolkit list.
    pub async fn preview(&self) -> anyhow::Result<usize> {
        let opts = TriageOptions {
            toolkits: vec!["gmail".into(), "googlecalendar".into()],
            dry_run: true,
            ..Default::default()
        };
        self.run_with(opts).await
    }
}

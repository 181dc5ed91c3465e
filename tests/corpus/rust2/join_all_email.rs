//! Weekly standup: open a Slack-capable session for every team member at once.
use std::sync::Arc;

use composio_sdk::client::ComposioClient;
use futures::future::join_all;

#[derive(Debug, Clone)]
pub struct Member {
    pub id: uuid::Uuid,
    pub email: String,
    pub display_name: String,
}

pub struct Standup {
    pub client: Arc<ComposioClient>,
    pub channel: String,
}

impl Standup {
    pub async fn kick_off(&self, team: &[Member]) -> usize {
        let client = &self.client;
        let results = join_all(team.iter().map(|m| async move {
            client.create_session(&m.email).toolkits(vec!["slack"]).send().await // [expect CS005] [expect CS004]
        }))
        .await;

        let mut posted = 0;
        for (member, res) in team.iter().zip(results) {
            let Ok(session) = res else {
                continue;
            };
            let text = format!("Morning {}! What are you working on?", member.display_name);
            let sent = session
                .execute_tool(
                    "SLACK_SEND_MESSAGE",
                    serde_json::json!({ "channel": self.channel, "text": text }),
                )
                .await;
            if sent.is_ok() {
                posted += 1;
            }
        }
        posted
    }
}

//! Slack app: slash commands and the App Home tab both open Composio sessions through a
//! small helper.
use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;

use crate::directory::UserDirectory;
use crate::slack::{AppHomeOpened, SlashCommand};

async fn open_session(client: &ComposioClient, user_id: &str, toolkits: &[&str]) -> anyhow::Result<Session> {
    let session = client
        .create_session(user_id)
        .toolkits(toolkits.to_vec())
        .send()
        .await?;
    tracing::info!(session_id = %session.session_id(), %user_id, "opened session");
    Ok(session)
}

pub async fn on_slash_command(
    client: &ComposioClient,
    users: &UserDirectory,
    cmd: SlashCommand,
) -> anyhow::Result<String> {
    let user = users.by_slack_id(&cmd.user_id).await?;
    let session = open_session(client, &user.id, &["slack", "linear"]).await?;
    let answer = crate::agent::answer(&cmd.text, session.tools()).await?;
    Ok(answer)
}

pub async fn on_app_home_opened(client: &ComposioClient, event: AppHomeOpened) -> anyhow::Result<()> {
    // Preview of available tools for the home tab; we don't map the Slack user yet.
    let session = open_session(client, "default", &["slack"]).await?; // [expect CS001]
    let names: Vec<&str> = session.tools().iter().map(|t| t.name.as_str()).collect();
    crate::slack::publish_home(&event.user, &names).await?;
    Ok(())
}

//! A Slack digest worker: one job per user, run from a queue.
use std::collections::HashMap;
use std::sync::OnceLock;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;

/// The ops bot's session, created once and reused by every job.
static OPS_SESSION: OnceLock<Session> = OnceLock::new();

pub struct Job {
    pub user_id: String,
    pub thread_id: String,
}

pub async fn ops_session(client: &ComposioClient) -> anyhow::Result<&'static Session> {
    if let Some(s) = OPS_SESSION.get() {
        return Ok(s);
    }
    let session = client.create_session("ops-bot").toolkits(vec!["pagerduty"]).send().await?;
    tracing::info!(session_id = %session.session_id(), "ops session");
    Ok(OPS_SESSION.get_or_init(|| session))
}

pub async fn run_job(client: &ComposioClient, job: &Job, threads: &mut HashMap<String, String>) -> anyhow::Result<()> {
    // Correct: the session id is kept per thread and the session reopened for the next message.
    let session = match threads.get(&job.thread_id) {
        Some(id) => client.get_session(id).await?,
        None => client.create_session(&job.user_id).toolkits(vec!["slack"]).send().await?,
    };
    tracing::info!(session_id = %session.session_id(), user = %job.user_id, "digest job");
    threads.insert(job.thread_id.clone(), session.session_id().to_string());
    Ok(())
}

pub async fn backfill(client: &ComposioClient, users: &[String]) -> anyhow::Result<usize> {
    let mut count = 0;
    for user in users {
        let session = client.create_session(user).toolkits(vec!["slack"]).send().await?;
        count += session.tools().len();
    }
    Ok(count)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let client = ComposioClient::builder().api_key(std::env::var("COMPOSIO_API_KEY")?).build()?;
    let ops = ops_session(&client).await?;
    tracing::info!(tools = ops.tools().len(), "worker ready");
    Ok(())
}

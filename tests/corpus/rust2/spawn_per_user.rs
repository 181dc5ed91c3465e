//! Queue consumer: every job gets its own session inside its own task.
use std::sync::Arc;

use composio_sdk::ComposioClient;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

#[derive(Debug)]
pub struct Job {
    pub user_id: String,
    pub tool: String,
    pub args: serde_json::Value,
}

pub async fn consume(mut rx: mpsc::Receiver<Job>) -> anyhow::Result<()> {
    let client = Arc::new(
        ComposioClient::builder()
            .api_key(std::env::var("COMPOSIO_API_KEY")?)
            .build()?,
    );
    let mut tasks = JoinSet::new();

    while let Some(job) = rx.recv().await {
        let client = Arc::clone(&client);
        tasks.spawn(async move {
            let session = client
                .create_session(job.user_id.as_str())
                .send()
                .await?;
            let span = tracing::info_span!("job", session_id = %session.session_id(), tool = %job.tool);
            let _guard = span.enter();
            let res = session.execute_tool(job.tool.as_str(), job.args).await?;
            if let Some(err) = res.error {
                tracing::warn!(%err, "tool returned an error");
            }
            Ok::<_, anyhow::Error>(())
        });

        while tasks.len() > 32 {
            if let Some(Err(e)) = tasks.join_next().await {
                tracing::error!(error = %e, "job task panicked");
            }
        }
    }

    while let Some(done) = tasks.join_next().await {
        if let Ok(Err(e)) = done {
            tracing::error!(error = %e, "job failed");
        }
    }
    Ok(())
}

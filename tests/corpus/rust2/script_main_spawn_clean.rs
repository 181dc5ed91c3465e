//! One-off backfill for a single account: label every open GitHub issue in parallel.
use std::sync::Arc;

use composio_sdk::ComposioClient;
use futures::stream::{self, StreamExt};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let user_id = std::env::var("BACKFILL_USER_ID").expect("set BACKFILL_USER_ID");
    let repo = std::env::args().nth(1).unwrap_or_else(|| "acme/api".to_owned());
    let (owner, name) = repo.split_once('/').expect("owner/name");

    let client = ComposioClient::builder()
        .api_key(std::env::var("COMPOSIO_API_KEY")?)
        .build()?;
    let session = client
        .create_session(&user_id)
        .toolkits(vec!["github"])
        .send()
        .await?;
    println!("backfill session: {}", session.session_id());
    let session = Arc::new(session);

    let listed = session
        .execute_tool(
            "GITHUB_LIST_REPOSITORY_ISSUES",
            serde_json::json!({ "owner": owner, "repo": name, "state": "open" }),
        )
        .await?;
    let numbers: Vec<u64> = listed.data["issues"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["number"].as_u64()).collect())
        .unwrap_or_default();

    let results = stream::iter(numbers)
        .map(|n| {
            let session = Arc::clone(&session);
            let (owner, name) = (owner.to_owned(), name.to_owned());
            tokio::spawn(async move {
                session
                    .execute_tool(
                        "GITHUB_ADD_LABELS_TO_AN_ISSUE",
                        serde_json::json!({ "owner": owner, "repo": name, "issue_number": n, "labels": ["triaged"] }),
                    )
                    .await
            })
        })
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await;

    let failed = results.iter().filter(|r| !matches!(r, Ok(Ok(_)))).count();
    eprintln!("done: {} labelled, {} failed", results.len() - failed, failed);
    Ok(())
}

//! Live smoke tests against the real Composio API (run with `cargo test -- --ignored`).
use composio_sdk::client::ComposioClient;

static TEST_USER: &str = "default"; // [expect CS001]

fn test_client() -> ComposioClient {
    ComposioClient::builder()
        .api_key(std::env::var("COMPOSIO_API_KEY").expect("COMPOSIO_API_KEY for live tests"))
        .build()
        .expect("client")
}

#[tokio::test]
#[ignore = "hits the live API"]
async fn gmail_session_has_tools() {
    let composio = test_client();
    let session = composio.create_session(TEST_USER).toolkits(vec!["gmail"]).send().await.unwrap(); // [expect CS004]
    assert!(!session.tools().is_empty());
    assert!(session.mcp_url().starts_with("https://"));
}

#[tokio::test]
#[ignore = "hits the live API"]
async fn reopen_roundtrip() {
    let composio = test_client();
    let session = composio
        .create_session("it-user-7")
        .toolkits(vec!["github"])
        .send()
        .await
        .unwrap();
    eprintln!("created {}", session.session_id());

    let again = composio.get_session(session.session_id()).await.unwrap();
    eprintln!("reopened {}", again.session_id());
    assert_eq!(again.session_id(), session.session_id());
}

#[tokio::test]
#[ignore = "hits the live API"]
async fn execute_search() {
    let composio = test_client();
    let session = composio.create_session("it-user-8").send().await.unwrap();
    println!("search session {}", session.session_id());
    let out = session
        .execute_tool("COMPOSIO_SEARCH_TOOLS", serde_json::json!({ "queries": [] }))
        .await;
    assert!(out.is_ok());
}

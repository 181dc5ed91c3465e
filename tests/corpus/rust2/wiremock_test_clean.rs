//! Contract tests against a mocked tool-router endpoint.
#[cfg(test)]
mod tests {
    use composio_sdk::ComposioClient;
    use serde_json::json;
    use wiremock::matchers::{body_partial_json, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn canned_session() -> serde_json::Value {
        json!({
            "session_id": "trs_test_123",
            "user_id": "default",
            "mcp": { "type": "http", "url": "https://mcp.example.test/trs_test_123" },
            "tool_router_tools": ["COMPOSIO_SEARCH_TOOLS"],
            "config": { "toolkits": { "enable": ["default"] } }
        })
    }

    async fn client_for(server: &MockServer) -> ComposioClient {
        ComposioClient::builder()
            .api_key("test-key")
            .base_url(format!("{}/api/v3", server.uri()))
            .build()
            .expect("client")
    }

    #[tokio::test]
    async fn creates_session_for_user() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/v3/tool_router/session"))
            .and(body_partial_json(json!({ "user_id": "user_42" })))
            .respond_with(ResponseTemplate::new(201).set_body_json(canned_session()))
            .expect(1)
            .mount(&server)
            .await;

        let client = client_for(&server).await;
        let session = client.create_session("user_42").send().await.expect("session");
        println!("created {}", session.session_id());

        assert_eq!(session.session_id(), "trs_test_123");
        assert_eq!(session.tools(), ["COMPOSIO_SEARCH_TOOLS".to_string()]);
    }

    #[tokio::test]
    async fn reopens_existing_session() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/api/v3/tool_router/session/trs_test_123"))
            .respond_with(ResponseTemplate::new(200).set_body_json(canned_session()))
            .mount(&server)
            .await;

        let client = client_for(&server).await;
        let session = client.get_session("trs_test_123").await.expect("reopen");
        println!("reopened {}", session.session_id());
        assert!(session.mcp_url().ends_with("trs_test_123"));
    }
}

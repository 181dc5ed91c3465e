//! "Warm session" optimisation: keep the last session around so the next
//! message does not pay the creation round-trip.
use std::sync::{LazyLock, Mutex};

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;

static WARM: LazyLock<Mutex<Option<Session>>> = LazyLock::new(|| Mutex::new(None));

fn take_warm() -> Option<Session> {
    WARM.lock().ok()?.take()
}

pub async fn handle_message(client: &ComposioClient, user_id: &str, text: &str) -> anyhow::Result<String> {
    let session = match take_warm() {
        Some(s) => s,
        None => {
            let fresh = client.create_session(user_id).send().await?; // [expect CS002]
            log::info!("opened session {} for {}", fresh.session_id(), user_id);
            fresh
        }
    };

    let out = session
        .execute_tool("COMPOSIO_SEARCH_TOOLS", serde_json::json!({ "query": text }))
        .await?;

    if let Ok(mut slot) = WARM.lock() {
        *slot = Some(session);
    }
    Ok(out.data.to_string())
}

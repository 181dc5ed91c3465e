use std::borrow::Cow;
use std::sync::Arc;

use composio_sdk::client::ComposioClient;
use composio_sdk::session::Session;
use composio_sdk::ComposioError;

pub struct User {
    pub id: uuid::Uuid,
    pub handle: String,
}

fn log_opened(s: &Session, why: &str) {
    tracing::info!(session_id = %s.session_id(), why, "tool router session opened");
}

/// Lets tests swap in a fake router.
pub trait SessionFactory {
    async fn open(&self, user_id: &str) -> Result<Session, ComposioError>;
}

impl SessionFactory for ComposioClient {
    async fn open(&self, user_id: &str) -> Result<Session, ComposioError> {
        let s = self.create_session(user_id).send().await?;
        log_opened(&s, "factory");
        Ok(s)
    }
}

pub async fn open_for<C: AsRef<ComposioClient>>(c: &C, user: &User) -> Result<Session, ComposioError> {
    let uid: Cow<'static, str> = Cow::Owned(user.id.to_string());
    let s = c.as_ref().create_session(uid.as_ref()).send().await?;
    log::info!("opened {} for @{}", s.session_id(), user.handle);
    Ok(s)
}

pub async fn greet<F: SessionFactory>(factory: &F, user: &User) -> Result<usize, ComposioError> {
    let session = factory.open(&user.id.to_string()).await?;
    tracing::debug!(session_id = %session.session_id(), "greeting");
    Ok(session.tools().len())
}

pub async fn run_all(client: Arc<ComposioClient>, users: Vec<User>) -> usize {
    let mut total = 0;
    for u in &users {
        match open_for(&client, u).await {
            Ok(s) => total += s.tools().len(),
            Err(e) => tracing::warn!(error = %e, user = %u.handle, "open failed"),
        }
    }
    total
}

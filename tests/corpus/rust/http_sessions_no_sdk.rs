//! Cookie-backed HTTP session store for the admin dashboard.
//! Nothing in here talks to any tool-calling SDK; these are plain web sessions.
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use tower_sessions::{MemoryStore, Session, SessionStore};

pub const USER_ID: &str = "default";

static ADMIN_SESSION: OnceLock<Session> = OnceLock::new();

pub struct User {
    pub id: String,
    pub email: String,
}

pub struct SessionRegistry {
    store: MemoryStore,
    by_user: Mutex<HashMap<String, Session>>,
    ttl: Duration,
    created: Instant,
}

impl SessionRegistry {
    pub fn new(store: MemoryStore) -> Self {
        Self {
            store,
            by_user: Mutex::new(HashMap::new()),
            ttl: Duration::from_secs(3600),
            created: Instant::now(),
        }
    }

    pub async fn login(&self, user: &User) -> Session {
        let session = self.store.create_session(&user.email).await;
        session.insert("user_id", &user.id).await.ok();
        self.by_user
            .lock()
            .unwrap()
            .insert(user.id.clone(), session.clone());
        session
    }

    pub async fn guest(&self) -> Session {
        let session = self.store.create_session("default").await;
        session.insert("user_id", USER_ID).await.ok();
        session
    }

    pub fn admin(&self) -> &'static Session {
        ADMIN_SESSION.get_or_init(|| Session::new(None, self.store.clone().into(), None))
    }

    pub fn expired(&self) -> bool {
        self.created.elapsed() > self.ttl
    }
}

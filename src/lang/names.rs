//! Name heuristics the front ends share: what a user-id name, an email and a cache key look
//! like. The model records the facts; these decide which names count.

use crate::model::KeyKind;

/// The key of a cache, split into the parts it is built from (f-string pieces, tuple items,
/// concatenated operands), each given as source text.
pub fn classify_key_parts(parts: &[String], session_user_id: Option<&str>) -> KeyKind {
    let mut user = false;
    for part in parts {
        let head = key_head(part);
        if is_conversation_like(&head) {
            return KeyKind::Conversation;
        }
        if Some(part.as_str()) == session_user_id
            || session_user_id.is_some_and(|u| u.trim_start_matches('&') == part)
            || is_user_like(&head)
        {
            user = true;
        }
    }
    if user { KeyKind::User } else { KeyKind::Other }
}

/// The segment of a key expression that says what it identifies: `job.user_id` → `user_id`,
/// `thread.id` → `thread`, `req.user.id` → `user`, `message.chat.id` → `chat`.
fn key_head(part: &str) -> String {
    const GENERIC: &[&str] = &[
        "id",
        "key",
        "uuid",
        "pk",
        "value",
        "clone",
        "to_string",
        "to_owned",
        "as_str",
        "str",
        "self",
        "this",
    ];
    let lower = part.to_ascii_lowercase();
    let segments: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|s| !s.is_empty())
        .collect();
    segments
        .iter()
        .rev()
        .find(|s| !GENERIC.contains(s))
        .map(|s| s.to_string())
        .unwrap_or(lower)
}

fn is_conversation_like(head: &str) -> bool {
    const WORDS: &[&str] = &[
        "conversation",
        "convo",
        "conv",
        "thread",
        "chat",
        "dialog",
        "room",
        "channel",
        "ticket",
        "session",
        "task",
        "job",
        "workflow",
        "run",
        "request",
    ];
    WORDS.iter().any(|w| head.contains(w))
}

fn is_user_like(head: &str) -> bool {
    head.contains("user")
        || head == "uid"
        || head.ends_with("_uid")
        || head == "sub"
        || head == "email"
}

/// `user_id`, `USER_ID`, `userId`, `composio_user_id`, `uid`.
pub fn is_user_id_name(name: &str) -> bool {
    let norm: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    norm.ends_with("userid") || norm == "uid"
}

/// An email address: `local@domain.tld` with no spaces.
pub fn is_email_literal(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '{' | '}' | '/' | ':'))
}

pub fn is_email_name(name: &str) -> bool {
    name.to_ascii_lowercase().contains("email")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keys() {
        assert_eq!(
            classify_key_parts(&parts(&["user_id"]), None),
            KeyKind::User
        );
        assert_eq!(
            classify_key_parts(&parts(&["req.user.id"]), None),
            KeyKind::User
        );
        assert_eq!(classify_key_parts(&parts(&["uid"]), None), KeyKind::User);
        assert_eq!(
            classify_key_parts(&parts(&["who"]), Some("who")),
            KeyKind::User
        );
        assert_eq!(
            classify_key_parts(&parts(&["user_id", "thread_id"]), None),
            KeyKind::Conversation
        );
        assert_eq!(
            classify_key_parts(&parts(&["conversation_id"]), None),
            KeyKind::Conversation
        );
        assert_eq!(classify_key_parts(&parts(&["name"]), None), KeyKind::Other);
        assert_eq!(
            classify_key_parts(&parts(&["job.user_id"]), None),
            KeyKind::User
        );
        assert_eq!(
            classify_key_parts(&parts(&["thread.id"]), None),
            KeyKind::Conversation
        );
        assert_eq!(
            classify_key_parts(&parts(&["message.chat.id"]), None),
            KeyKind::Conversation
        );
        assert_eq!(
            classify_key_parts(&parts(&["user_id.clone()"]), None),
            KeyKind::User
        );
        assert_eq!(
            classify_key_parts(&parts(&["principal"]), Some("&principal")),
            KeyKind::User
        );
    }

    #[test]
    fn names() {
        assert!(is_user_id_name("user_id"));
        assert!(is_user_id_name("USER_ID"));
        assert!(is_user_id_name("userId"));
        assert!(is_user_id_name("COMPOSIO_USER_ID"));
        assert!(!is_user_id_name("user"));
        assert!(!is_user_id_name("user_ids_seen"));
        assert!(is_email_literal("alice@example.com"));
        assert!(!is_email_literal("@decorator"));
        assert!(!is_email_literal("a@b"));
        assert!(!is_email_literal("user {x}@example.com"));
    }
}

"""Multi-turn: store only the session ID in Redis and reopen it with composio.use()."""
import logging
import os

import redis

from composio import Composio

log = logging.getLogger(__name__)
r = redis.Redis.from_url(os.environ["REDIS_URL"])
composio = Composio()


def session_for(user_id: str):
    key = f"composio:session-id:{user_id}"
    stored = r.get(key)
    if stored:
        session = composio.use(stored.decode())
        log.info("reopened composio session %s", session.session_id)
        return session
    session = composio.create(user_id=user_id, toolkits=["gmail", "googlecalendar"])
    log.info("created composio session %s", session.session_id)
    r.set(key, session.session_id, ex=3600)
    return session


def handle_message(user_id: str, text: str) -> dict:
    session = session_for(user_id)
    return {"text": text, "tools": len(session.tools())}

import functools
import logging
from functools import lru_cache

from composio import Composio

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def get_composio() -> Composio:
    return Composio()


@functools.cache  # [expect CS003]
def session_for(user_id: str):
    session = get_composio().create(user_id=user_id, toolkits=["gmail"])
    logger.info("gmail session %s", session.session_id)
    return session


@lru_cache(maxsize=4096)
def thread_session_id(user_id: str, thread_id: str) -> str:
    session = get_composio().create(user_id=user_id, toolkits=["gmail"])
    logger.info("new thread session %s (thread %s)", session.session_id, thread_id)
    return session.session_id


def handle(user_id: str, thread_id: str, text: str) -> dict:
    session = get_composio().use(thread_session_id(user_id, thread_id))
    logger.info("resumed %s", session.session_id)
    return {"text": text, "tools": len(session.tools())}


def quick_lookup(user_id: str) -> int:
    return len(session_for(user_id).tools())

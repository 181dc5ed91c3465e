"""Background agent jobs (Celery)."""
from __future__ import annotations

import functools
import logging

from celery import Celery

from composio import Composio

from .prompts import DIGEST_PROMPT
from .llm import complete

logger = logging.getLogger("jobs.digest")
celery_app = Celery("digest", broker="amqp://guest@rabbit//")


@functools.cache
def composio_client() -> Composio:
    # Caching the client is fine.
    return Composio()


@functools.lru_cache(maxsize=512)  # [expect CS003]
def session_for(user_id: str):
    return composio_client().create(user_id=user_id, toolkits=["gmail", "slack"])  # [expect CS004]


@celery_app.task(name="digest.daily")
def daily_digest(user_id: str, channel: str) -> str:
    session = session_for(user_id)
    logger.info("daily digest for %s", user_id)
    summary = complete(DIGEST_PROMPT, tools=session.tools())
    session.execute("SLACK_SEND_MESSAGE", arguments={"channel": channel, "text": summary})
    return summary


@celery_app.task(name="digest.adhoc")
def adhoc_digest(user_id: str, query: str) -> str:
    session = composio_client().create(user_id=user_id, toolkits=["gmail"])
    logger.info("adhoc digest session %s", session.session_id)
    return complete(f"{DIGEST_PROMPT}\n\n{query}", tools=session.tools())
